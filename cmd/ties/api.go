package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"unicode/utf8"

	"ties/timeline"
)

// The JSON form of a timeline, served at /api/events.json and documented in
// the README.
type (
	apiTimeline struct {
		Title       string      `json:"title"`
		Description string      `json:"description,omitempty"`
		Sources     []apiSource `json:"sources"`
		Themes      []apiTheme  `json:"themes"`
		Events      []apiEvent  `json:"events"`
	}
	apiSource struct {
		ID        string `json:"id"`
		Title     string `json:"title"`
		Publisher string `json:"publisher,omitempty"`
		URL       string `json:"url,omitempty"`
		Published string `json:"published,omitempty"`
		Author    string `json:"author,omitempty"`
		Page      string `json:"page"`
	}
	apiTheme struct {
		ID    string `json:"id"`
		Label string `json:"label"`
		Color string `json:"color"`
	}
	apiEvent struct {
		ID         string       `json:"id"`
		Page       string       `json:"page"`
		Title      string       `json:"title"`
		Label      string       `json:"label,omitempty"`
		Date       string       `json:"date"`
		End        string       `json:"end,omitempty"`
		DateWords  string       `json:"date_words"`
		Precision  string       `json:"precision"`
		About      bool         `json:"about"`
		DateStated bool         `json:"date_stated"`
		DateQuote  string       `json:"date_quote,omitempty"` // words of the source that state the date
		DateSource *apiCitation `json:"date_source,omitempty"`
		Theme      string       `json:"theme"`
		Actors     []string     `json:"actors"`
		Summary    string       `json:"summary,omitempty"`
		Note       string       `json:"note,omitempty"`
		Source     string       `json:"source"`
		Passages   []apiPassage `json:"passages"`
	}
	apiCitation struct {
		Title string `json:"title"`
		URL   string `json:"url,omitempty"`
	}
	apiPassage struct {
		Source    string `json:"source"`
		Paragraph string `json:"paragraph"`
		Page      string `json:"page"`
		Start     int    `json:"start"`
		End       int    `json:"end"`
		Text      string `json:"text"`
		Quote     string `json:"quote"`
	}
)

// handleAPIEvents handles "GET /api/events.json": the timeline with every
// event's resolved passages.
func (s *Server) handleAPIEvents(r *http.Request) (any, error) {
	t := s.timeline
	out := apiTimeline{Title: t.Title, Description: t.Description, Sources: []apiSource{}, Themes: []apiTheme{}, Events: []apiEvent{}}
	for _, src := range t.Sources {
		out.Sources = append(out.Sources, apiSource{
			ID: src.ID, Title: src.Title, Publisher: src.Publisher, URL: src.URL,
			Published: src.Published.String(), Author: src.Author, Page: s.url("source", "id", src.ID),
		})
	}
	for _, th := range t.Themes {
		out.Themes = append(out.Themes, apiTheme{ID: th.ID, Label: th.Label, Color: s.theme(th).Color})
	}
	for _, e := range t.Events {
		ae := apiEvent{
			ID: e.ID, Page: s.Event(e.ID), Title: e.Title, Label: e.Label, Date: e.Date.String(), End: e.End.String(),
			DateWords: e.DateWords(), Precision: e.Date.Precision().String(), About: e.Date.About || e.End.About,
			DateStated: e.DateStated, Theme: e.Theme.ID, Actors: e.Actors, Summary: e.Summary, Note: e.Note,
			Source: e.Source.ID, Passages: []apiPassage{},
		}
		if ae.Actors == nil {
			ae.Actors = []string{}
		}
		if e.DateSource != nil {
			ae.DateSource = &apiCitation{Title: e.DateSource.Title, URL: e.DateSource.URL}
		}
		if e.DateQuote != nil {
			ae.DateQuote = e.DateQuote.Text()
		}
		for i, p := range e.Passages {
			text := p.Paragraph.Text
			ae.Passages = append(ae.Passages, apiPassage{
				Source:    p.Source.ID,
				Paragraph: p.Paragraph.Anchor,
				Page:      s.urlFragment("source", markID(p, i), "id", p.Source.ID),
				Start:     utf8.RuneCountInString(text[:p.Start]),
				End:       utf8.RuneCountInString(text[:p.End]),
				Text:      p.Text(),
				Quote:     p.Quote,
			})
		}
		out.Events = append(out.Events, ae)
	}
	return out, nil
}

// jsonHandler adapts a handler that returns a value to serve as JSON. The value is
// encoded into a buffer first, so that a failure never sends half of it.
// With keep, the value depends on the path alone, and is made once.
func (s *Server) jsonHandler(fn func(*http.Request) (any, error), keep bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if p, ok := s.cache.get(r.URL.Path); ok && keep {
			sendTagged(w, r, "application/json; charset=utf-8", "no-cache", p)
			return
		}
		v, err := fn(r)
		var buf bytes.Buffer
		if err == nil {
			enc := json.NewEncoder(&buf)
			enc.SetIndent("", "  ")
			err = enc.Encode(v)
		}
		status := http.StatusOK
		if err != nil {
			status = s.errorStatus(r, err)
			buf.Reset()
			_ = json.NewEncoder(&buf).Encode(map[string]string{"error": timeline.ErrorMessage(err)})
		}
		if status == http.StatusOK && keep && !s.once {
			sendTagged(w, r, "application/json; charset=utf-8", "no-cache", s.cache.put(r.URL.Path, buf.Bytes(), brotliFast))
			return
		}
		send(w, r, status, "application/json; charset=utf-8", buf.Bytes())
	})
}
