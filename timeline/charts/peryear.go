package charts

import (
	"maps"
	"net/url"
	"slices"
	"strconv"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"ties/timeline"
)

// countBar is one theme's events in one year.
type countBar struct {
	opts.BarData
	item
}

// PerYear returns the number of events per year, stacked by theme. Every year
// from the first to the last is on the axis, so that gaps show; a click on a
// bar opens the table of events filtered to that year and theme.
func PerYear(t *timeline.Timeline, links Links) Option {
	byYear := eventsByYear(t)
	first, last := slices.Min(slices.Collect(maps.Keys(byYear))), slices.Max(slices.Collect(maps.Keys(byYear)))
	var axis []string
	for y := first; y <= last; y++ {
		axis = append(axis, strconv.Itoa(y))
	}
	c := charts.NewBar()
	desc := "Events per year from " + strconv.Itoa(first) + " to " + strconv.Itoa(last) + ", stacked by theme."
	c.SetGlobalOptions(append(base("per_year", desc),
		charts.WithColorsOpts(opts.Colors(colors(t))),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "0", Data: labels(t)}),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "24", Top: "40", Bottom: "8", ContainLabel: opts.Bool(true)}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", MinInterval: 1}),
	)...)
	// Patterns as well as colours tell the themes' bars apart.
	c.Aria.Decal = &opts.AriaDecal{Show: opts.Bool(true)}
	c.SetXAxis(axis)
	for _, th := range t.Themes {
		var bars []countBar
		for y := first; y <= last; y++ {
			var events []*timeline.Event
			for _, e := range byYear[y] {
				if e.Theme == th {
					events = append(events, e)
				}
			}
			// A year without the theme's events is ECharts' empty value,
			// "-", rather than 0: it keeps its place on the axis, but
			// nothing is drawn for it, not even a bar of no height (with
			// its pattern, two paths in a drawing).
			b := countBar{BarData: opts.BarData{Name: strconv.Itoa(y), Value: "-"}}
			if len(events) > 0 {
				b.Value = len(events)
				b.Events = ids(events)
				b.URL = links.Events(url.Values{"from": {strconv.Itoa(y)}, "to": {strconv.Itoa(y)}, "theme": {th.ID}})
			}
			bars = append(bars, b)
		}
		c.AddSeries(th.Label, nil, charts.WithSeriesId("theme-"+th.ID),
			charts.WithBarChartOpts(opts.BarChart{Stack: "events"}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: Color(t, th)}))
		c.MultiSeries[len(c.MultiSeries)-1].Data = bars
	}
	return finish(t, c)
}

// YearCount is one year's events, by theme in the timeline's order, as the
// chart of events per year counts them: an event counts in every year it
// spans.
type YearCount struct {
	Year    int
	ByTheme []int
	Total   int
}

// YearCounts returns the years that have events, in order, with their
// counts: the chart of events per year as text.
func YearCounts(t *timeline.Timeline) []YearCount {
	byYear := eventsByYear(t)
	years := slices.Sorted(maps.Keys(byYear))
	out := make([]YearCount, 0, len(years))
	for _, y := range years {
		c := YearCount{Year: y, ByTheme: make([]int, len(t.Themes))}
		for _, e := range byYear[y] {
			c.ByTheme[slices.Index(t.Themes, e.Theme)]++
			c.Total++
		}
		out = append(out, c)
	}
	return out
}
