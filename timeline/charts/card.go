package charts

import (
	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"ties/timeline"
)

// KindCard is an event as a picture: its date, title and first quote, and
// the source they come from, for the preview of a link to its page.
const KindCard = "card"

// CardSize is the size of an event's card, in pixels: the size that sites
// and chats show a link's picture at.
var CardSize = [2]int{1200, 630}

// cardText is one text of a card. ECharts' title draws it, wrapped to its
// width and cut at its height, which go-echarts' Title cannot say.
type cardText struct {
	Text      string    `json:"text"`
	Left      int       `json:"left"`
	Top       int       `json:"top"`
	TextStyle cardStyle `json:"textStyle"`
}

type cardStyle struct {
	FontSize     int    `json:"fontSize"`
	FontWeight   string `json:"fontWeight,omitempty"`
	FontStyle    string `json:"fontStyle,omitempty"`
	LineHeight   int    `json:"lineHeight"`
	Width        int    `json:"width"`
	Height       int    `json:"height"`
	Overflow     string `json:"overflow"`     // "break": wrapped between words
	LineOverflow string `json:"lineOverflow"` // "truncate": lines past Height left out, with an ellipsis
	Color        string `json:"color,omitempty"`
}

type withCard struct {
	charts.BaseConfigurationVisitor
	texts []cardText
}

// Visit puts the card's texts in the option.
func (v withCard) Visit(option map[string]any) {
	option["title"] = v.texts
}

// Card returns event e's card: its date and theme, its title, its first
// quote, and its source. The theme's colour marks a bar down its left side.
func Card(t *timeline.Timeline, e *timeline.Event) Option {
	c := charts.NewCustom()
	c.SetGlobalOptions(append(base("card", e.DateWords()+": "+e.Title),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(false)}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithGridOpts(opts.Grid{Left: "0", Right: "0", Top: "0", Bottom: "0"}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Show: opts.Bool(false), Min: 0, Max: 1}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Show: opts.Bool(false), Min: 0, Max: 1}),
	)...)
	// The bar: a bar chart of one bar would need an axis of its own; a
	// custom series of one item, drawn by the script, is the theme's colour.
	c.AddSeries(e.Theme.Label, nil, charts.WithSeriesId("card"))
	c.MultiSeries[len(c.MultiSeries)-1].Data = []opts.CustomData{{Value: []any{0, 0, 1}, ItemStyle: &opts.ItemStyle{Color: Color(t, e.Theme)}}}
	w := CardSize[0] - 120
	texts := []cardText{
		{Text: e.DateWords() + " · " + e.Theme.Label, Left: 72, Top: 56, TextStyle: cardStyle{FontSize: 28, LineHeight: 36, Width: w, Height: 36, Overflow: "truncate", LineOverflow: "truncate"}},
		{Text: e.Title, Left: 72, Top: 108, TextStyle: cardStyle{FontSize: 44, FontWeight: "bold", LineHeight: 54, Width: w, Height: 162, Overflow: "break", LineOverflow: "truncate"}},
	}
	if len(e.Passages) > 0 {
		texts = append(texts, cardText{Text: "“" + e.Passages[0].Text() + "”", Left: 72, Top: 296, TextStyle: cardStyle{FontSize: 28, FontStyle: "italic", LineHeight: 38, Width: w, Height: 228, Overflow: "break", LineOverflow: "truncate"}})
	}
	texts = append(texts, cardText{Text: "From " + e.Source.Title + " · ties", Left: 72, Top: CardSize[1] - 76, TextStyle: cardStyle{FontSize: 24, LineHeight: 30, Width: w, Height: 30, Overflow: "truncate", LineOverflow: "truncate"}})
	c.Accept(withCard{texts: texts})
	return finish(t, c)
}
