// Package views holds the templ components of every page, and the small
// view models they take. Components print what they are given and compute
// nothing of their own.
package views

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/a-h/templ"
)

// Layout is what every page shows around its content.
type Layout struct {
	Title      string // the page's own title; the site's name follows it
	Timeline   string // the timeline's title, shown in the header
	HomeURL    string
	Nav        []Link
	StyleURL   string
	IconURL    string
	ScriptURLs []string // loaded in order, deferred
	LookURL    string   // the script that sets the look before the page is drawn
	LiveURL    string   // under --watch, where the page hears of reloads; "" otherwise
	LiveScript string   // the script that listens there
	EditScript string   // under --edit, the script of the editor
	EventsURL  string   // the events' records, as JSON, which the scripts filter and list
	EventURL   string   // the address of an event's page, but for its id at the end
	SearchURL  string   // the words to search in each event, as JSON, loaded for a search
	ReadingURL string   // what the reading panel shows of each event, as JSON, loaded when it opens
	Credit     *Credit  // the sources, credited in the footer
	// OEmbed is the address of the page's oEmbed document, or "".
	OEmbed string
	// EChartsURL and DrawURL are ECharts and the scripts that draw with
	// it, which a page loads when the reader needs them.
	EChartsURL string
	DrawURL    string
	// Image is the page's preview for links to it, or nil.
	Image *Image
	// Description is what a preview of the page says under its title.
	Description string
	// Bare leaves out the header and footer, for embeds and slides.
	Bare bool
	// Class is set on the body, such as "embed" or "present".
	Class string
	// Problems are those of the last edit of the timeline, which did not
	// load; the page shows the last good timeline below them.
	Problems       []string
	ProblemSummary string // such as "The last edit of the timeline has 2 problems."
}

// Link is a labelled address; Current marks the page being shown.
type Link struct {
	Label   string
	URL     string
	Current bool
}

// Credit names the articles a timeline quotes.
type Credit struct {
	Sources []Link
	// All is the page that lists every source, when there are too many to
	// name here; Count is how many there are.
	All   string
	Count int
}

// SourcesPage lists every source of a timeline.
type SourcesPage struct {
	Layout
	Sources []SourceEntry
}

// SourceEntry is a source in the list of sources.
type SourceEntry struct {
	URL    string // its page
	Credit string // its title, publisher and date
	Events string // how many events quote it, in words
}

// Theme is a lane of the chronology as pages show it.
type Theme struct {
	ID    string
	Label string
	Color string
	// Colors is the colour as each look draws it, by the look's name.
	Colors map[string]string
}

// SwatchStyle sets a swatch's colour in each look, as CSS properties the
// style sheet picks from by the page's look.
func SwatchStyle(t Theme) string {
	var b strings.Builder
	for _, look := range []string{"default", "dark", "contrast"} {
		c := t.Colors[look]
		if c == "" {
			c = t.Color
		}
		fmt.Fprintf(&b, "--c-%s:%s;", look, c)
	}
	return b.String()
}

// Chart is one chart's container and its option, which travels as JSON.
type Chart struct {
	Kind        string // "chronology", "player", "per-year", "actors" or "strip"
	Title       string
	Description string
	OptionURL   string // the chart's ECharts option, as JSON
	DetailURL   string // the whole option, when OptionURL gives an overview to draw first
	// Option is the option itself, to put in the page, or nil: the first
	// chart of a page carries a small option with it, so that it is drawn
	// without waiting for another file.
	Option   any
	EmbedURL string // the chart alone, for an iframe; "" for none
	// Legend is the themes a chart's legend toggles, none for no legend.
	Legend []Theme
	// Years and Actors are the chart as text, for a reader who cannot see
	// it or use a pointer: the counts per year, and the actors with their
	// events. Each is empty on a chart it is not for.
	Years  *YearTable
	Actors []ActorRow
	// Drawn is the chart as the server drew it, to show at first paint,
	// or nil for a chart that the browser draws.
	Drawn *Drawn
	// Narrow is the chart as the server drew it for a phone, which a
	// screen at most 27rem wide shows instead of Drawn, or nil for none. Its
	// Items are nil when they are Drawn's.
	Narrow *Drawn
	// Paper is the chart as the server drew it for paper, which the page
	// prints instead of Drawn, or nil for none (the handout's).
	Paper *Drawn
	// ImageURL is the chart as a PNG, for a page that cannot frame the
	// chart, such as a newsletter, and ImageAlt what it shows; "" for none.
	ImageURL string
	ImageAlt string
}

// YearTable is the chart of events per year as a table: a row per year
// that has events, a column per theme.
type YearTable struct {
	Themes []Theme
	Rows   []YearRow
}

// YearRow is one year's events, by theme, each count linked to the table
// of those events.
type YearRow struct {
	Year   string
	Counts []Link // the number as the label; "" URL for none
	Total  Link
}

// ActorRow is an actor, the page filtered to its events, and the first of
// those events.
type ActorRow struct {
	Name   string
	URL    string
	Count  int
	Events []Link
	More   int // events not listed
}

// Filters is the form that filters the charts and lists of a page.
type Filters struct {
	Themes   []Theme
	Actors   []string
	MinYear  int
	MaxYear  int
	Total    int // the number of events with no filter
	ResetURL string
}

// EventRow is an event in a list or table.
type EventRow struct {
	ID        string
	URL       string
	Title     string
	Date      string // in words
	SortKey   string // sorts rows by date, such as "2022-02-23"
	Theme     Theme
	Actors    []string
	Source    string
	SourceURL string
}

// HomePage is the timeline's home: its charts and the list of its events.
type HomePage struct {
	Layout
	Title       string
	Description string
	Filters     Filters
	Charts      []Chart
	Events      []EventRow // the first page of them
	Rows        Rows
}

// Rows says how much of a list of events a page holds: the first page of
// them, PerPage rows, out of Total; the script shows the rest.
type Rows struct {
	PerPage int
	Total   int
}

// EventsPage is the table of every event.
type EventsPage struct {
	Layout
	Title   string
	Filters Filters
	Events  []EventRow // the first page of them
	Rows    Rows
}

// Citation is where a date comes from, when its passage does not state it.
type Citation struct {
	Title string
	URL   string
}

// EventPage is one event with the passages it rests on.
type EventPage struct {
	Layout
	ID          string
	Title       string
	Date        string // in words, with both ends for a span
	DateISO     string // for the time element: the start, as YYYY, YYYY-MM or YYYY-MM-DD
	DateStated  bool
	DateQuote   string // the words of the source that state the date, given apart from the quote, or ""
	DateSource  *Citation
	SourceTitle string
	Theme       Theme
	Actors      []Link
	Summary     string
	Note        string
	Passages    []Passage
	Prev, Next  *Link
	AllEvents   string // the address of the table of events
	// EditURL and DeleteURL, under --edit, change the event in the file.
	EditURL, DeleteURL string
}

// Passage is a quoted passage in its paragraph, with the paragraphs around it.
type Passage struct {
	Before      *Paragraph
	Paragraph   Paragraph
	After       *Paragraph
	ArticleURL  string // the passage in the full article on this site
	OriginalURL string // the passage in the original, or "" when the source has no address
}

// Paragraph is a block of a source, cut into segments where marks begin and end.
type Paragraph struct {
	Anchor   string
	Heading  bool
	Level    int // 1 to 6 for a heading
	Segments []Segment
	Events   []Link // the events that quote the paragraph
}

// Segment is a stretch of a paragraph with one formatting.
type Segment struct {
	Text     string
	Emphasis bool
	Strong   bool
	Code     bool
	Link     string // an external link of the source; sanitized when shown
	Marked   bool   // quoted by an event
	MarkID   string // the element id of the first segment of a passage, such as "event-khan-visits-moscow"
	MarkURL  string // the page of the event that quotes it
	Events   string // the ids of the events that quote it, separated by spaces
	ForDate  bool   // only words that state an event's date, its date quote
}

// SourcePage is a whole article with every quoted passage marked.
type SourcePage struct {
	Layout
	Title     string
	ShowTitle bool // when the article has no title of its own
	Publisher string
	Published string
	Author    string
	URL       string
	Blocks    []Paragraph
	// NewEventURL, under --edit, is the form for a new event of this source;
	// a selection in the article fills in its quote.
	NewEventURL string
}

// ErrorPage says that a page cannot be shown, and leads back.
type ErrorPage struct {
	Layout
	Heading string
	Message string
}

// EmbedChartPage is one chart alone, to fill an iframe on another site.
type EmbedChartPage struct {
	Layout
	Chart Chart
}

// EmbedEventPage is one event and its passage, to fill an iframe.
type EmbedEventPage struct {
	Layout
	Event    EventPage
	EventURL string // the event's page on the site, full, for a new tab
}

// PresentPage is the slide show: a title slide, a slide per event in date
// order, and a closing slide.
type PresentPage struct {
	Layout
	Title       string
	Description string
	Sources     []Link
	// Slide is the event slide of the page, or nil for the title and closing
	// slides, which share a page. The script fetches the others' pages.
	Slide    *Slide
	Start    string // the id of the first slide shown: "title", an event's id, or "end"
	Strip    Chart
	Summary  string // "38 events from 2001 to 2022"
	TitleURL string // the address of the title slide
	EndURL   string // the address of the closing slide
	// Count is where the first slide shown is in the whole show: "Slide 2
	// of 40". The script counts a subset's slides.
	Count string
}

// Slide is an event as the slide show presents it.
type Slide struct {
	ID       string
	URL      string // the slide's own address
	EventURL string
	Date     string
	DateISO  string // the date as ISO 8601, for <time datetime>
	Title    string
	Theme    Theme
	Quotes   []string // the passages' words, as the source has them
	Source   string
	Cited    string // where the date comes from, when the passages do not state it
}

// PrintPage is the handout: the chronology, then every event with its date,
// passage and source.
type PrintPage struct {
	Layout
	Title       string
	Description string
	Chart       *Chart // on the first part only
	Events      []PrintEvent
	First       int // the number of the part's first event, from 1
	// Part and Parts number a long handout's parts; Prev and Next link them.
	Part, Parts int
	Prev, Next  string
}

// PrintEvent is an event in the handout.
type PrintEvent struct {
	Date    string
	DateISO string // the date as ISO 8601, for <time datetime>
	Title   string
	Theme   Theme
	Quotes  []string
	Source  string
	Cited   string
	Note    string
}

// eventCount is "1 event" or "n events".
func eventCount(n int) string {
	if n == 1 {
		return "1 event"
	}
	return strconv.Itoa(n) + " events"
}

// chartLabel names a chart on the home page by its description, and points
// to its text, the table or list under it, where it has one.
func chartLabel(c Chart) templ.Attributes {
	// Named by its title until ECharts, once it draws the chart, names it
	// by what it shows; described by the text above it.
	a := templ.Attributes{"aria-label": c.Title, "aria-describedby": "chart-" + c.Kind + "-description"}
	if c.Years != nil || len(c.Actors) > 0 {
		a["aria-details"] = "chart-" + c.Kind + "-text"
	}
	return a
}

// EditForm is an event as the editor's form holds it.
type EditForm struct {
	ID, Date, End, Title, Label, Theme string
	Summary, Source, DateQuote         string
	Quotes                             []string
	DateSourceTitle, DateSourceURL     string
	Note                               string
}

// EditPage is the editor's form.
type EditPage struct {
	Layout
	Heading    string
	Action     string // where the form posts
	CheckURL   string // where the script checks it as it is typed
	CancelURL  string
	Token      string // this process's token, which every change carries
	Base       string // the hash of events.yaml as the form was made from it
	Was        string // the id of the event edited, "" for a new one
	Form       EditForm
	Actors     string // one a line
	Themes     []Theme
	Sources    []Link // Label the title, URL the id
	ProposedID string
	Dates      []Link // Label the date in words, URL the date as written in the file
	// QuoteStatus and DateStatus say what ties check makes of the quote and
	// the date.
	QuoteStatus, DateStatus string
	Problems                []string
	Conflict                string
}

// EditDonePage says a change was saved.
type EditDonePage struct {
	Layout
	Heading, Message  string
	EventURL, HomeURL string
}

// DeletePage asks before an event is deleted.
type DeletePage struct {
	Layout
	Title, Action, CancelURL, Token, Base string
}

func problemCount(n int) string {
	if n == 1 {
		return "1 problem"
	}
	return strconv.Itoa(n) + " problems"
}

// quoteNumber numbers a quote of several: "2 " for the second; one alone
// has none.
func quoteNumber(i, n int) string {
	if n < 2 {
		return ""
	}
	return strconv.Itoa(i+1) + " "
}
