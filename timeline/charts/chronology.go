package charts

import (
	"maps"
	"math"
	"slices"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"ties/timeline"
)

// chronologyMark is one event on the chronology, named by its label. Its
// value is [start, lane, end, from, to]: where the event's period begins and
// ends on the chronology's axis (a year-precision event spans its year), its
// theme's lane, and the period itself in milliseconds since 1970. The script
// lays the marks out in rows, each beside its label where it fits.
type chronologyMark struct {
	opts.CustomData
	eventMark
}

// Chronology returns the chronology: an axis of time with a lane per theme,
// its busiest stretch of time given room of its own (AxisFor), each event
// drawn by the script by precision (a dot for a day, a bar across its month
// or year, a bar from date to end for a span, a dashed outline when "about")
// beside its label, with zoom and pan, and a legend that toggles themes.
func Chronology(t *timeline.Timeline) Option {
	c, ax := chronologyFrame(t)
	for lane, th := range t.Themes {
		marks := []chronologyMark{} // a lane with no events has data all the same, which the script reads
		for _, e := range t.Events {
			if e.Theme != th {
				continue
			}
			from, to := e.Begins().UnixMilli(), e.Ends().UnixMilli()
			m := chronologyMark{eventMark: markOf(e)}
			m.Name = e.ChartLabel()
			m.Value = []any{onAxis(ax, from), lane, onAxis(ax, to), from, to}
			marks = append(marks, m)
		}
		c.AddSeries(th.Label, nil, charts.WithSeriesId("theme-"+th.ID),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: Color(t, th)}))
		c.MultiSeries[len(c.MultiSeries)-1].Data = marks
	}
	return finish(t, c)
}

// onAxis is where time t lies on the axis, to a tenth of its unit.
func onAxis(ax Axis, t int64) float64 {
	return math.Round(ax.At(t)*10) / 10
}

// withAxis adds the chronology's axis to its option, as "tiesAxis": each
// segment as [from, to, at, until], which the script draws the ticks of
// and turns back into dates.
type withAxis struct {
	charts.BaseConfigurationVisitor
	axis Axis
}

// Visit adds the axis.
func (v withAxis) Visit(option map[string]any) {
	segs := make([][4]float64, len(v.axis))
	for i, s := range v.axis {
		segs[i] = [4]float64{float64(s.From), float64(s.To), s.At, s.Until}
	}
	option["tiesAxis"] = segs
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
	c, ax := chronologyFrame(t)
	lo, hi := 0.0, float64(AxisLength)
	width := (hi - lo) / OverviewBuckets
	counts := make([]map[int]int, len(t.Themes))
	lanes := map[*timeline.Theme]int{}
	for lane, th := range t.Themes {
		counts[lane], lanes[th] = map[int]int{}, lane
	}
	most := 1
	for _, e := range t.Events {
		mid := (ax.At(e.Begins().UnixMilli()) + ax.At(e.Ends().UnixMilli())) / 2
		k := min(OverviewBuckets-1, max(0, int(math.Floor((mid-lo)/width))))
		counts[lanes[e.Theme]][k]++
		most = max(most, counts[lanes[e.Theme]][k])
	}
	at := func(k int) float64 { return math.Round(lo + float64(k)*width) }
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
	return finish(t, c)
}

// chronologyFrame is the chronology without its series: axes, zoom and
// legend, and its axis of time.
func chronologyFrame(t *timeline.Timeline) (*charts.Custom, Axis) {
	c := charts.NewCustom()
	ax := AxisFor(t.Events)
	desc := "Chronology of " + plural(len(t.Events), "event") + " in " + plural(len(t.Themes), "theme") +
		", from " + t.Events[0].Date.Words() + "; the timeline's list of events gives each of them as text."
	if len(ax) > 1 {
		desc += " The axis gives its busiest stretch of time more room than the years around it, and marks each break in its scale."
	}
	hide := &opts.AxisLabel{Show: opts.Bool(false)}
	c.SetGlobalOptions(append(base("chronology", desc),
		charts.WithColorsOpts(opts.Colors(colors(t))),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "0", Data: labels(t)}),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "24", Top: "40", Bottom: "88", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{
			Type:      "value",
			Min:       0,
			Max:       AxisLength,
			AxisLabel: hide,
			AxisTick:  &opts.AxisTick{Show: opts.Bool(false)},
			AxisLine:  &opts.AxisLine{Show: opts.Bool(false)},
			SplitLine: &opts.SplitLine{Show: opts.Bool(false)},
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
	c.Accept(withAxis{axis: ax})
	return c, ax
}
