package charts

import (
	"maps"
	"slices"
	"strconv"
	"time"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"ties/timeline"
)

// timelineComponent is ECharts' timeline component, which go-echarts has no
// type for: the player's years, and its play, pause and step controls.
// https://echarts.apache.org/en/option.html#timeline
type timelineComponent struct {
	AxisType     string   `json:"axisType"`
	Data         []string `json:"data"`
	AutoPlay     bool     `json:"autoPlay"`
	Loop         bool     `json:"loop"`
	PlayInterval int      `json:"playInterval"`
	CurrentIndex int      `json:"currentIndex"`
	Left         string   `json:"left"`
	Right        string   `json:"right"`
	Bottom       string   `json:"bottom"`
}

// frame is the part of the option that changes from one year to the next.
type frame struct {
	Title  opts.Title            `json:"title"`
	XAxis  opts.XAxis            `json:"xAxis"`
	Series []charts.SingleSeries `json:"series"`
}

// playerMark is one event in a year's frame, named by its label. Its value
// is [start, lane, end]: the part of its period that lies in that year, in
// milliseconds since 1970, and its theme's lane. The script draws it by
// precision, laid out in rows beside its label, as on the chronology.
type playerMark struct {
	opts.CustomData
	eventMark
}

// withYears turns a chart's option into ECharts' form for a timeline: the
// option becomes the base, and each year's frame is an entry of "options".
type withYears struct {
	charts.BaseConfigurationVisitor
	timeline timelineComponent
	frames   []frame
}

// Visit restructures the finished option.
func (v withYears) Visit(option map[string]any) {
	baseOption := map[string]any{}
	for k, val := range option {
		baseOption[k] = val
		delete(option, k)
	}
	baseOption["timeline"] = v.timeline
	option["baseOption"] = baseOption
	option["options"] = v.frames
}

// Player returns the year-by-year player: ECharts' timeline component steps
// through the years that have events, and each year's frame shows that
// year's events in their lanes.
func Player(t *timeline.Timeline) Option {
	byYear := eventsByYear(t)
	years := slices.Sorted(maps.Keys(byYear))
	c := charts.NewCustom()
	desc := "Year by year player over " + plural(len(years), "year") + " with events; the timeline's list of events gives each of them as text."
	c.SetGlobalOptions(append(base("player", desc),
		charts.WithColorsOpts(opts.Colors(colors(t))),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "0", Data: labels(t)}),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "24", Top: "72", Bottom: "72", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "time"}),
		charts.WithYAxisOpts(opts.YAxis{
			Type:      "category",
			Data:      labels(t),
			Inverse:   opts.Bool(true),
			SplitLine: &opts.SplitLine{Show: opts.Bool(true)},
		}),
	)...)
	for _, th := range t.Themes {
		c.AddSeries(th.Label, nil, charts.WithSeriesId("theme-"+th.ID),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: Color(t, th)}))
	}

	v := withYears{timeline: timelineComponent{
		AxisType: "category", PlayInterval: 2500, Left: "24", Right: "24", Bottom: "8",
	}}
	for _, y := range years {
		v.timeline.Data = append(v.timeline.Data, strconv.Itoa(y))
		start := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
		end := start.AddDate(1, 0, 0)
		f := frame{XAxis: opts.XAxis{Type: "time", Min: start.UnixMilli(), Max: end.UnixMilli()}}
		if lo, hi, ok := extentIn(byYear[y], start, end); ok {
			// Narrow the axis to the year's events, with a month to spare on
			// each side, so that events close in time stand apart.
			f.XAxis.Min, f.XAxis.Max = later(start, lo.AddDate(0, -1, 0)).UnixMilli(), earlier(end, hi.AddDate(0, 1, 0)).UnixMilli()
		}
		count := 0
		for lane, th := range t.Themes {
			marks := []playerMark{} // never null: ECharts would keep the last frame's
			for _, e := range byYear[y] {
				if e.Theme != th {
					continue
				}
				a, b := later(e.Begins(), start), earlier(e.Ends(), end)
				m := playerMark{eventMark: markOf(e)}
				m.Name = e.ChartLabel()
				m.Value = []any{a.UnixMilli(), lane, b.UnixMilli()}
				marks = append(marks, m)
				count++
			}
			f.Series = append(f.Series, charts.SingleSeries{Data: marks})
		}
		f.Title = opts.Title{Title: strconv.Itoa(y), Subtitle: plural(count, "event"), Left: "center", Top: "22"}
		v.frames = append(v.frames, f)
	}
	c.Accept(v)
	return finish(t, c)
}

// eventsByYear returns the events that fall in each year, in the
// timeline's order.
func eventsByYear(t *timeline.Timeline) map[int][]*timeline.Event {
	byYear := map[int][]*timeline.Event{}
	for _, e := range t.Events {
		from, to := e.Years()
		for y := from; y <= to; y++ {
			byYear[y] = append(byYear[y], e)
		}
	}
	return byYear
}

// extentIn returns the first start and last end of the parts of events that
// lie between start and end.
func extentIn(events []*timeline.Event, start, end time.Time) (lo, hi time.Time, ok bool) {
	for _, e := range events {
		a, b := later(e.Begins(), start), earlier(e.Ends(), end)
		if !a.Before(b) {
			continue
		}
		if !ok || a.Before(lo) {
			lo = a
		}
		if !ok || b.After(hi) {
			hi = b
		}
		ok = true
	}
	return lo, hi, ok
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// symbolFor tells precisions apart by shape: a circle for a day, a diamond
// for a span, a square for a month and a wide bar for a year.
func symbolFor(e *timeline.Event) string {
	switch {
	case e.IsSpan():
		return "diamond"
	case e.Date.Precision() == timeline.Month:
		return "rect"
	case e.Date.Precision() == timeline.Year:
		return "roundRect"
	}
	return "circle"
}
