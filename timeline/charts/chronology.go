package charts

import (
	"maps"
	"math"
	"slices"
	"time"

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
	c, first, last := chronologyFrame(t)
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

// OverviewFrom is how many events a timeline has before its chronology
// first shows busy stretches of time rather than every event; the script
// does the same when that many are in view.
const OverviewFrom = 500

// OverviewBuckets is how many stretches of time the whole chronology is cut
// into when it shows them; the script cuts the view as finely.
const OverviewBuckets = 60

// laneBuckets is a lane's busy stretches of time: each of Buckets is
// [start, end, count], count events having their middle in it, and Most is
// the most any stretch of any lane holds. The script draws them as one shape.
type laneBuckets struct {
	opts.CustomData
	Buckets [][3]float64 `json:"buckets"`
	Most    int          `json:"most"`
}

// ChronologyOverview is the chronology of a large timeline as it first
// shows, zoomed out: each lane cut into OverviewBuckets stretches of time,
// drawn as bars as tall as they are busy, as the script draws them from the
// whole chronology. A page draws it first, from a file a fraction of the
// size, then fetches the whole chronology for zooming in and filtering.
func ChronologyOverview(t *timeline.Timeline) Option {
	c, first, last := chronologyFrame(t)
	lo, hi := first.UnixMilli(), last.UnixMilli()
	width := max(1, float64(hi-lo)/OverviewBuckets)
	counts := make([]map[int]int, len(t.Themes))
	lanes := map[*timeline.Theme]int{}
	for lane, th := range t.Themes {
		counts[lane], lanes[th] = map[int]int{}, lane
	}
	most := 1
	for _, e := range t.Events {
		mid := (float64(e.Begins().UnixMilli()) + float64(e.Ends().UnixMilli())) / 2
		k := int(math.Floor((mid - float64(lo)) / width))
		counts[lanes[e.Theme]][k]++
		most = max(most, counts[lanes[e.Theme]][k])
	}
	at := func(k int) float64 { return math.Round(float64(lo) + float64(k)*width) }
	for lane, th := range t.Themes {
		marks := []laneBuckets{}
		if keys := slices.Sorted(maps.Keys(counts[lane])); len(keys) > 0 {
			m := laneBuckets{Most: most}
			for _, k := range keys {
				m.Buckets = append(m.Buckets, [3]float64{at(k), at(k + 1), float64(counts[lane][k])})
			}
			m.Value = []any{at(keys[0]), lane, at(keys[len(keys)-1] + 1), 0, 1}
			marks = append(marks, m)
		}
		c.AddSeries(th.Label, nil, charts.WithSeriesId("theme-"+th.ID),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: Color(t, th)}))
		c.MultiSeries[len(c.MultiSeries)-1].Data = marks
	}
	return finish(c)
}

// chronologyFrame is the chronology without its series: axes, zoom and
// legend, and the first start and last end of its events.
func chronologyFrame(t *timeline.Timeline) (c *charts.Custom, first, last time.Time) {
	c = charts.NewCustom()
	first, last = t.Events[0].Begins(), t.Events[0].Ends()
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
	return c, first, last
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
