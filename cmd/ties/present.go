package main

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/a-h/templ"
	"github.com/gorilla/mux"

	"ties/timeline"
	"ties/timeline/charts"
	"ties/views"
)

// handlePresent handles "GET /present" and "GET /present/{id}": the slide
// show, at the title slide or at an event's slide. Each event's slide has a
// page of its own, so that a large timeline's slide show loads a slide at a
// time; the title and closing slides share the first page.
func (s *Server) handlePresent(r *http.Request) (templ.Component, error) {
	t := s.timeline
	l := s.bareLayout("Present: "+t.Title, "present")
	l.ScriptURLs = append(l.ScriptURLs, s.asset("present.js"))
	p := views.PresentPage{
		Layout:      l,
		Title:       t.Title,
		Description: t.Description,
		Start:       "title",
		Strip:       s.chart(charts.KindStrip, false), // its option the same on every slide: fetched once
		TitleURL:    s.url("present"),
		EndURL:      s.urlFragment("present", "end"),
	}
	id := mux.Vars(r)["id"]
	var e *timeline.Event
	if id != "" {
		if e = t.Event(id); e == nil {
			return nil, notFound("event", id)
		}
	}
	s.withStrip(r, &p.Strip, e)
	// The title, each event, and the end: as the script counts them, so
	// that the strip's box, beside the count, keeps the size it is drawn at.
	p.Count = fmt.Sprintf("Slide %d of %d", 1, len(t.Events)+2)
	if e != nil {
		p.Count = fmt.Sprintf("Slide %d of %d", slices.Index(t.Events, e)+2, len(t.Events)+2)
	}
	if e == nil {
		// The title and closing slides, which name the sources.
		for _, src := range t.Sources {
			p.Sources = append(p.Sources, views.Link{Label: credit(src)})
		}
		first, last := t.Events[0].Date, t.Events[len(t.Events)-1].Date
		p.Summary = fmt.Sprintf("%d events, from %s to %s.", len(t.Events), first.Words(), last.Words())
	} else {
		p.Start = id
		p.Layout.Title = e.Title + " · Present: " + t.Title
		p.Slide = &views.Slide{
			ID:       e.ID,
			URL:      s.url("slide", "id", e.ID),
			EventURL: s.Event(e.ID),
			Date:     e.DateWords(),
			DateISO:  strings.TrimPrefix(e.Date.String(), "~"),
			Title:    e.Title,
			Theme:    s.theme(e.Theme),
			Quotes:   passageTexts(e),
			Source:   credit(e.Source),
			Cited:    cited(e),
		}
	}
	return views.Present(p), nil
}

// printPart is how many events each part of a handout holds.
const printPart = 250

// printParts is how many parts the handout of n events has.
func printParts(n int) int { return max(1, (n+printPart-1)/printPart) }

// printURL is the address of a part of the handout.
func (s *Server) printURL(part int) string {
	if part == 1 {
		return s.url("print")
	}
	return s.url("print-part", "part", strconv.Itoa(part))
}

// handlePrint handles "GET /print" and "GET /print/{part}": the handout to
// print, with the chronology and every event's date, passage and source. A
// long handout comes in parts of printPart events, so that none is too
// large to open or print.
func (s *Server) handlePrint(r *http.Request) (templ.Component, error) {
	t := s.timeline
	part, parts := 1, printParts(len(t.Events))
	if v := mux.Vars(r)["part"]; v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 2 || n > parts {
			return nil, timeline.Errorf(timeline.ENOTFOUND, "The handout has %s.", plural(parts, "part"))
		}
		part = n
	}
	title := "Handout: " + t.Title
	if parts > 1 {
		title += fmt.Sprintf(", part %d of %d", part, parts)
	}
	p := views.PrintPage{Layout: s.layout(title, "print"), Title: t.Title, Description: t.Description,
		Part: part, Parts: parts, First: (part-1)*printPart + 1}
	if part == 1 {
		chart := s.chart(charts.KindChronology, true)
		chart.EmbedURL = ""
		s.withDrawing(&chart, lookOf(r), printDrawSize)
		s.withPaper(&chart)
		p.Chart = &chart
	}
	if part > 1 {
		p.Prev = s.printURL(part - 1)
	}
	if part < parts {
		p.Next = s.printURL(part + 1)
	}
	for _, e := range t.Events[(part-1)*printPart : min(part*printPart, len(t.Events))] {
		p.Events = append(p.Events, views.PrintEvent{
			Date: e.DateWords(), DateISO: strings.TrimPrefix(e.Date.String(), "~"), Title: e.Title, Theme: s.theme(e.Theme),
			Quotes: passageTexts(e), Source: credit(e.Source), Cited: cited(e), Note: e.Note,
		})
	}
	return views.Print(p), nil
}

// passageTexts returns the words of an event's passages, as the source has them.
func passageTexts(e *timeline.Event) []string {
	out := make([]string, len(e.Passages))
	for i, p := range e.Passages {
		out[i] = p.Text()
	}
	return out
}

// credit names a source with its publisher and date.
func credit(s *timeline.Source) string {
	parts := []string{s.Title}
	if s.Publisher != "" {
		parts = append(parts, s.Publisher)
	}
	if !s.Published.IsZero() {
		parts = append(parts, s.Published.Words())
	}
	return strings.Join(parts, ", ")
}

// cited is where an event's date comes from when its passages do not state
// it, or "".
func cited(e *timeline.Event) string {
	if e.DateStated || e.DateSource == nil {
		return ""
	}
	return e.DateSource.Title
}
