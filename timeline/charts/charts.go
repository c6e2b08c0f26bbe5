// Package charts builds the options of the ECharts charts that show a
// timeline, with go-echarts. Each option travels to the browser as JSON data;
// the one script of the site draws it, so no text from a timeline is ever
// written into code. Every data item carries the events it stands for and
// the address a click on it opens.
package charts

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"ties/timeline"
)

// Links builds the addresses that clicks on charts open, beyond an
// event's own page, which the script finds in the page's events file.
type Links interface {
	Events(filter url.Values) string // the table of events, filtered
}

// Option is a chart's ECharts option, ready to be written as JSON.
type Option = map[string]any

// Kinds of chart, which name them on a page and in the script.
const (
	KindChronology = "chronology"
	KindPlayer     = "player"
	KindPerYear    = "per-year"
	KindActors     = "actors"
	// KindStrip is the slide show's strip, which no other page shows.
	KindStrip = "strip"
)

// Kinds are the charts a timeline has, in the order the home page shows them.
var Kinds = []string{KindChronology, KindPlayer, KindPerYear, KindActors}

// palette colours themes that set none: Okabe and Ito's colours, which
// colour-blind readers can tell apart, without the yellow that is hard to
// see on white.
var palette = []string{"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#999999"}

// Color returns the colour of theme th: its own, or one of the palette by
// its place among the timeline's themes.
func Color(t *timeline.Timeline, th *timeline.Theme) string {
	if th.Color != "" {
		return th.Color
	}
	for i, x := range t.Themes {
		if x == th {
			return palette[i%len(palette)]
		}
	}
	return palette[0]
}

func colors(t *timeline.Timeline) []string {
	cs := make([]string, len(t.Themes))
	for i, th := range t.Themes {
		cs[i] = Color(t, th)
	}
	return cs
}

func labels(t *timeline.Timeline) []string {
	ls := make([]string, len(t.Themes))
	for i, th := range t.Themes {
		ls[i] = th.Label
	}
	return ls
}

// item is what every data item adds to ECharts' own fields.
type item struct {
	URL    string   `json:"url,omitempty"`    // the address a click opens
	Events []string `json:"events,omitempty"` // the ids of the events the item stands for
}

// eventMark is what a data item standing for one event adds. Its title,
// date and address are in the page's events file, which the script reads by
// the event's id, so that a large timeline does not send them once per chart.
type eventMark struct {
	item
	Precision string `json:"precision"` // "day", "month" or "year"
	About     bool   `json:"about,omitempty"`
	Span      bool   `json:"span,omitempty"`
}

func markOf(e *timeline.Event) eventMark {
	return eventMark{
		item:      item{Events: []string{e.ID}},
		Precision: e.Date.Precision().String(),
		About:     e.Date.About || e.End.About,
		Span:      e.IsSpan(),
	}
}

func ids(events []*timeline.Event) []string {
	out := make([]string, len(events))
	for i, e := range events {
		out[i] = e.ID
	}
	return out
}

// base holds the options every chart shares.
func base(id, description string) []charts.GlobalOpts {
	return []charts.GlobalOpts{
		charts.WithInitializationOpts(opts.Initialization{ChartID: id, Renderer: "canvas", Width: "100%", Height: "100%"}),
		charts.WithAnimation(false),
		charts.WithAriaOpts(&opts.Aria{Enabled: opts.Bool(true), Label: &opts.AriaLabel{Enabled: opts.Bool(true), Description: description}}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item", Enterable: opts.Bool(false)}),
		charts.WithToolboxOpts(opts.Toolbox{Show: opts.Bool(false)}),
	}
}

// finish validates a chart and returns its option, with "tiesColors": each
// theme colour of t that a look draws otherwise (see Legible), by the look's
// name and the colour as the option gives it, which the script draws it in.
func finish(t *timeline.Timeline, c interface {
	Validate()
	JSON() map[string]any
}) Option {
	c.Validate()
	o := c.JSON()
	looks := make(map[string]map[string]string, len(Looks))
	for _, l := range Looks {
		looks[l.Name] = map[string]string{}
	}
	for _, th := range t.Themes {
		color := Color(t, th)
		for look, drawn := range LookColors(color) {
			if drawn != strings.ToLower(color) {
				looks[look][color] = drawn // a colour drawn as it is needs no entry
			}
		}
	}
	o["tiesColors"] = looks
	return o
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
