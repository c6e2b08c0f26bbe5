package charts

import (
	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"ties/timeline"
)

// chronologyMark is one event on the chronology. Its value is
// [start, lane, end, row, rows]: the event's period in milliseconds since
// 1970 (a year-precision event spans its year), its theme's lane, and the row
// within the lane that keeps it clear of its neighbours.
type chronologyMark struct {
	opts.CustomData
	eventMark
}

// Chronology returns the chronology: a time axis with a lane per theme, each
// event drawn by the script by precision (a dot for a day, a bar across its
// month or year, a bar from date to end for a span, a dashed outline when
// "about"), with zoom and pan, and a legend that toggles themes.
func Chronology(t *timeline.Timeline) Option {
	c := charts.NewCustom()
	first, last := t.Events[0].Begins(), t.Events[0].Ends()
	for _, e := range t.Events {
		if e.Begins().Before(first) {
			first = e.Begins()
		}
		if e.Ends().After(last) {
			last = e.Ends()
		}
	}
	desc := "Chronology of " + plural(len(t.Events), "event") + " in " + plural(len(t.Themes), "theme") +
		", from " + t.Events[0].Date.Words() + "; the list of events below gives each of them."
	c.SetGlobalOptions(append(base("chronology", desc),
		charts.WithColorsOpts(opts.Colors(colors(t))),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Type: "scroll", Top: "0", Data: labels(t)}),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "24", Top: "40", Bottom: "64", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{
			Type: "time",
			Min:  first.AddDate(-1, 0, 0).UnixMilli(),
			Max:  last.AddDate(1, 0, 0).UnixMilli(),
		}),
		charts.WithYAxisOpts(opts.YAxis{
			Type:      "category",
			Data:      labels(t),
			Inverse:   opts.Bool(true),
			SplitLine: &opts.SplitLine{Show: opts.Bool(true)},
		}),
		charts.WithDataZoomOpts(
			opts.DataZoom{Type: "slider", XAxisIndex: []int{0}, FilterMode: "weakFilter"},
			opts.DataZoom{Type: "inside", XAxisIndex: []int{0}, FilterMode: "weakFilter"},
		),
	)...)

	span := float64(last.Sub(first).Milliseconds())
	for lane, th := range t.Themes {
		var marks []chronologyMark
		var events []*timeline.Event
		for _, e := range t.Events {
			if e.Theme == th {
				events = append(events, e)
			}
		}
		rows, n := packRows(events, span/40)
		for i, e := range events {
			m := chronologyMark{eventMark: markOf(e)}
			m.Value = []any{e.Begins().UnixMilli(), lane, e.Ends().UnixMilli(), rows[i], n}
			marks = append(marks, m)
		}
		c.AddSeries(th.Label, nil, charts.WithSeriesId("theme-"+th.ID),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: Color(t, th)}))
		c.MultiSeries[len(c.MultiSeries)-1].Data = marks
	}
	return finish(c)
}

// packRows gives each event, in date order, the first row of its lane where
// it does not overlap the one before it, counting every event as at least gap
// milliseconds long so that dots do not cover each other. It returns each
// event's row and the number of rows.
func packRows(events []*timeline.Event, gap float64) ([]int, int) {
	rows := make([]int, len(events))
	var ends []float64 // the end of the last event in each row
	for i, e := range events {
		start := float64(e.Begins().UnixMilli())
		end := max(float64(e.Ends().UnixMilli()), start+gap)
		row := 0
		for row < len(ends) && ends[row] > start {
			row++
		}
		if row == len(ends) {
			ends = append(ends, 0)
		}
		ends[row] = end
		rows[i] = row
	}
	return rows, max(len(ends), 1)
}
