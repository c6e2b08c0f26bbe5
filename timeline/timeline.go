// Package timeline is the domain of ties: timelines of dated events, the sources
// they come from, and the passages of those sources that each event rests on.
//
// It knows nothing of HTTP, HTML or charts; everything that talks to the outside
// world depends on it, never the other way round.
package timeline

import (
	"fmt"
	"time"
)

// Timeline is a loaded, validated event file with its sources.
type Timeline struct {
	Title       string
	Description string
	Sources     []*Source // in file order
	Themes      []*Theme  // the lanes, in display order
	Events      []*Event  // in date order; events on the same date keep file order
}

// Source is an article the events quote, with its parsed text.
type Source struct {
	ID        string
	File      string // the path as written in the event file, relative to it
	Title     string
	Publisher string
	URL       string
	Published Date // zero when not given
	Author    string
	Document  *Document
}

// Theme is a lane of the chronology, such as "Diplomacy".
type Theme struct {
	ID    string
	Label string
	Color string // "#rgb" or "#rrggbb", or empty to let the views choose
}

// Citation names where a date that the quoted passage does not state comes from.
type Citation struct {
	Title string
	URL   string // empty when not given
}

// Event is one dated occurrence, tied to the passages of its source that it rests on.
type Event struct {
	ID    string
	Date  Date
	End   Date // zero unless the event is a span
	Title string
	// Label is a short title for the charts to draw, or "" to draw Title.
	Label   string
	Theme   *Theme
	Actors  []string
	Summary string
	Source  *Source
	// Passages are the event's quotes, resolved in its source, in the order written.
	Passages []*Passage
	// DateQuote is words of the same source that state the date, given as
	// date_quote where the quote does not; nil when not given.
	DateQuote *Passage
	// DateStated tells whether the passages, or the date quote, state the
	// date themselves (for a span, both ends). When they do not, DateSource
	// cites where it comes from.
	DateStated bool
	DateSource *Citation // nil when not given
	Note       string
}

// Passage is a quote resolved in its source: the words of one paragraph.
type Passage struct {
	Event     *Event // the event that quotes it
	Quote     string // as written in the event file
	Source    *Source
	Paragraph *Block // the paragraph the words lie in
	// Start and End are byte offsets of the words in Paragraph.Text.
	Start, End int
	// ForDate marks an event's date quote: words that state its date rather
	// than what happened.
	ForDate bool
}

// Text returns the passage's words exactly as the source has them.
func (p *Passage) Text() string { return p.Paragraph.Text[p.Start:p.End] }

// ChartLabel is what a chart draws beside the event's mark: its label, or
// its title when it has none.
func (e *Event) ChartLabel() string {
	if e.Label != "" {
		return e.Label
	}
	return e.Title
}

// IsSpan reports whether the event lasted from Date to End.
func (e *Event) IsSpan() bool { return !e.End.IsZero() }

// Begins returns the first instant of the event's period, in UTC.
func (e *Event) Begins() time.Time { return e.Date.Start() }

// Ends returns the first instant after the event's period: after End for a span,
// otherwise after Date at its own precision (a year-precision event lasts its year).
func (e *Event) Ends() time.Time {
	if e.IsSpan() {
		return e.End.Next()
	}
	return e.Date.Next()
}

// Years returns the first and the last year the event falls in.
func (e *Event) Years() (from, to int) {
	if e.IsSpan() {
		return e.Date.Year, e.End.Year
	}
	return e.Date.Year, e.Date.Year
}

// DateWords returns the event's date in words. A span names both ends,
// without saying twice what they share: "23–24 February 2022",
// "23 February – 2 March 2022", "February–March 2022", "2019–2021". Ends
// of different precisions, or an approximate end, are written in full:
// "2021 – 24 February 2022", "about March 2021 – June 2021". A span that
// ends on the day it began is that day.
func (e *Event) DateWords() string {
	if !e.IsSpan() {
		return e.Date.Words()
	}
	a, b := e.Date, e.End
	if a == b {
		return a.Words()
	}
	if a.About || b.About || a.Precision() != b.Precision() {
		return a.Words() + " – " + b.Words()
	}
	switch {
	case a.Precision() == Year:
		return fmt.Sprintf("%d–%d", a.Year, b.Year)
	case a.Year != b.Year:
		return a.Words() + " – " + b.Words()
	case a.Precision() == Month:
		return fmt.Sprintf("%s–%s %d", time.Month(a.Month), time.Month(b.Month), a.Year)
	case a.Month == b.Month:
		return fmt.Sprintf("%d–%d %s %d", a.Day, b.Day, time.Month(a.Month), a.Year)
	}
	return fmt.Sprintf("%d %s – %d %s %d", a.Day, time.Month(a.Month), b.Day, time.Month(b.Month), a.Year)
}

// Event returns the event with the given id, or nil.
func (t *Timeline) Event(id string) *Event {
	for _, e := range t.Events {
		if e.ID == id {
			return e
		}
	}
	return nil
}

// Source returns the source with the given id, or nil.
func (t *Timeline) Source(id string) *Source {
	for _, s := range t.Sources {
		if s.ID == id {
			return s
		}
	}
	return nil
}

// Theme returns the theme with the given id, or nil.
func (t *Timeline) Theme(id string) *Theme {
	for _, th := range t.Themes {
		if th.ID == id {
			return th
		}
	}
	return nil
}

// Summary counts what a timeline holds.
type Summary struct {
	Title      string `json:"title"`
	Events     int    `json:"events"`
	Themes     int    `json:"themes"`
	Sources    int    `json:"sources"`
	First      string `json:"first,omitempty"` // the earliest date, as written
	Last       string `json:"last,omitempty"`  // the latest date or end, as written
	DateStated int    `json:"dates_stated"`    // events whose passages state their date
	DateCited  int    `json:"dates_cited"`     // events dated from a cited source
}

// Summarize counts the timeline's events, themes and sources, its first and last
// dates, and how its dates are known.
func (t *Timeline) Summarize() Summary {
	s := Summary{Title: t.Title, Events: len(t.Events), Themes: len(t.Themes), Sources: len(t.Sources)}
	var first, last Date
	for _, e := range t.Events {
		if first.IsZero() || e.Date.Compare(first) < 0 {
			first = e.Date
		}
		end := e.Date
		if e.IsSpan() {
			end = e.End
		}
		if last.IsZero() || end.Next().After(last.Next()) {
			last = end
		}
		if e.DateStated {
			s.DateStated++
		} else {
			s.DateCited++
		}
	}
	s.First, s.Last = first.String(), last.String()
	return s
}
