package charts

import (
	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"ties/timeline"
)

// stripMark is one event on the slide show's strip.
type stripMark struct {
	opts.ScatterData
	eventMark
	ItemStyle *opts.ItemStyle `json:"itemStyle,omitempty"`
}

// Strip returns the slide show's strip: every event on one time axis, in
// date order, so that the script can mark the one being presented.
func Strip(t *timeline.Timeline) Option {
	c := charts.NewScatter()
	c.SetGlobalOptions(append(base("strip", "Where this event falls among all "+plural(len(t.Events), "event")+"."),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(false)}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithGridOpts(opts.Grid{Left: "24", Right: "24", Top: "8", Bottom: "28"}),
		charts.WithXAxisOpts(opts.XAxis{Type: "time",
			Min:       t.Events[0].Begins().AddDate(-1, 0, 0).UnixMilli(),
			Max:       t.Events[len(t.Events)-1].Ends().AddDate(1, 0, 0).UnixMilli(),
			SplitLine: &opts.SplitLine{Show: opts.Bool(false)},
			AxisLabel: &opts.AxisLabel{FontSize: 16, ShowMinLabel: opts.Bool(false), ShowMaxLabel: opts.Bool(false)}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Show: opts.Bool(false), Min: 0, Max: 1}),
	)...)
	var marks []stripMark
	for _, e := range t.Events {
		m := stripMark{eventMark: markOf(e)}
		m.Value = []any{e.Begins().Add(e.Ends().Sub(e.Begins()) / 2).UnixMilli(), 0.5}
		m.Symbol, m.SymbolSize = symbolFor(e), 10
		m.ItemStyle = &opts.ItemStyle{Color: Color(t, e.Theme), Opacity: opts.Float(0.55)}
		marks = append(marks, m)
	}
	c.AddSeries("Events", nil, charts.WithSeriesId("strip"),
		charts.WithEmphasisOpts(opts.Emphasis{ItemStyle: &opts.ItemStyle{
			Color: "#ffb347", BorderColor: "#1d2330", BorderWidth: 2, Opacity: opts.Float(1)}}))
	c.MultiSeries[len(c.MultiSeries)-1].Data = marks
	return finish(c)
}
