package charts

import (
	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"ties/timeline"
)

// stripMark is one event on the slide show's strip, named by its label.
// Its value is [at, 0.5, at]: the middle of the event's period on the
// chronology's axis, half way up the strip.
type stripMark struct {
	opts.CustomData
	eventMark
}

// Strip returns the slide show's strip: every event on the chronology's
// axis of time (AxisFor), in date order, so that the script can mark the one
// being presented and name it and its neighbours.
func Strip(t *timeline.Timeline) Option {
	ax := AxisFor(t.Events)
	c := charts.NewCustom()
	c.SetGlobalOptions(append(base("strip", "Where this event falls among all "+plural(len(t.Events), "event")+"."),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(false)}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithGridOpts(opts.Grid{Left: "24", Right: "24", Top: "4", Bottom: "40"}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Min: 0, Max: AxisLength,
			AxisLabel: &opts.AxisLabel{Show: opts.Bool(false)},
			AxisTick:  &opts.AxisTick{Show: opts.Bool(false)},
			AxisLine:  &opts.AxisLine{Show: opts.Bool(false)},
			SplitLine: &opts.SplitLine{Show: opts.Bool(false)}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Show: opts.Bool(false), Min: 0, Max: 1}),
	)...)
	var marks []stripMark
	for _, e := range t.Events {
		m := stripMark{eventMark: markOf(e)}
		m.Name = e.ChartLabel()
		at := onAxis(ax, e.Begins().Add(e.Ends().Sub(e.Begins())/2).UnixMilli())
		m.Value = []any{at, 0.5, at}
		m.ItemStyle = &opts.ItemStyle{Color: Color(t, e.Theme)}
		marks = append(marks, m)
	}
	c.AddSeries("Events", nil, charts.WithSeriesId("strip"))
	c.MultiSeries[len(c.MultiSeries)-1].Data = marks
	c.Accept(withAxis{axis: ax})
	return finish(t, c)
}
