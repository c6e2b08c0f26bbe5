package main

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/a-h/templ"
	"github.com/gorilla/mux"

	"ties/timeline"
	"ties/timeline/charts"
	"ties/views"
)

// handlePresent handles "GET /present" and "GET /present/{id}": the slide
// show, starting at the title slide or at an event's slide.
func (s *Server) handlePresent(r *http.Request) (templ.Component, error) {
	t := s.timeline
	start := "title"
	if id := mux.Vars(r)["id"]; id != "" {
		if t.Event(id) == nil {
			return nil, notFound("event", id)
		}
		start = id
	}
	l := s.bareLayout("Present: "+t.Title, "present")
	l.ScriptURLs = append(l.ScriptURLs, s.asset("present.js"))
	p := views.PresentPage{
		Layout:      l,
		Title:       t.Title,
		Description: t.Description,
		Start:       start,
		Strip:       views.Chart{Kind: "strip", Description: "Where each event falls among all of them.", Option: charts.Strip(t, s)},
		FilterData:  filterData(t),
		TitleURL:    s.url("present"),
		EndURL:      s.urlFragment("present", "end"),
	}
	for _, src := range t.Sources {
		p.Sources = append(p.Sources, views.Link{Label: credit(src)})
	}
	first, last := t.Events[0].Date, t.Events[len(t.Events)-1].Date
	p.Summary = fmt.Sprintf("%d events, from %s to %s.", len(t.Events), first.Words(), last.Words())
	for _, e := range t.Events {
		p.Slides = append(p.Slides, views.Slide{
			ID:       e.ID,
			URL:      s.url("slide", "id", e.ID),
			EventURL: s.Event(e.ID),
			Date:     e.DateWords(),
			Title:    e.Title,
			Theme:    s.theme(e.Theme),
			Quotes:   passageTexts(e),
			Source:   credit(e.Source),
			Cited:    cited(e),
		})
	}
	return views.Present(p), nil
}

// handlePrint handles "GET /print": the handout to print, with the
// chronology and every event's date, passage and source.
func (s *Server) handlePrint(r *http.Request) (templ.Component, error) {
	t := s.timeline
	chart := s.chart(charts.KindChronology)
	chart.EmbedURL = ""
	p := views.PrintPage{Layout: s.layout("Handout: "+t.Title, "print"), Title: t.Title, Description: t.Description, Chart: chart}
	for _, e := range t.Events {
		p.Events = append(p.Events, views.PrintEvent{
			Date: e.DateWords(), Title: e.Title, Theme: s.theme(e.Theme),
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
