package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/a-h/templ"
	"github.com/gorilla/mux"

	"ties/timeline"
	"ties/views"
)

// editRoutes adds the editor's routes.
func (s *Server) editRoutes(r *mux.Router) {
	r.HandleFunc("/edit/new", s.handleEditForm).Methods("GET", "HEAD").Name("edit-new")
	r.HandleFunc("/edit/new", s.handleEditSave).Methods("POST")
	r.HandleFunc("/edit/events/{id:"+slug+"}", s.handleEditForm).Methods("GET", "HEAD").Name("edit-event")
	r.HandleFunc("/edit/events/{id:"+slug+"}", s.handleEditSave).Methods("POST")
	r.HandleFunc("/edit/events/{id:"+slug+"}/delete", s.handleDeleteForm).Methods("GET", "HEAD").Name("delete-event")
	r.HandleFunc("/edit/events/{id:"+slug+"}/delete", s.handleDelete).Methods("POST")
	r.HandleFunc("/edit/check", s.handleEditCheck).Methods("POST").Name("edit-check")
	r.HandleFunc("/edit/saved", s.handleEditSaved).Methods("GET", "HEAD").Name("edit-saved")
}

// editLayout is the frame of the editor's pages, which do not reload
// themselves after an edit as the others do: a form being filled in keeps
// what was typed.
func (s *Server) editLayout(title string) views.Layout {
	l := s.layout(title, "")
	l.LiveURL, l.LiveScript = "", ""
	return l
}

// render writes a page that is made for each request and never kept.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, c templ.Component) {
	var buf bytes.Buffer
	if err := c.Render(r.Context(), &buf); err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	send(w, r, status, "text/html; charset=utf-8", buf.Bytes())
}

// editPage is the form for f, of the event was ("" for a new one).
func (s *Server) editPage(f eventForm, was, base string) views.EditPage {
	t := s.timeline
	p := views.EditPage{
		Layout: s.editLayout("Edit"), Token: s.editor.token, Base: base, Was: was,
		Form: views.EditForm{ID: f.ID, Date: f.Date, End: f.End, Title: f.Title, Label: f.Label, Theme: f.Theme,
			Summary: f.Summary, Source: f.Source, Quotes: f.Quotes, DateQuote: f.DateQuote,
			DateSourceTitle: f.DateSourceTitle, DateSourceURL: f.DateSourceURL, Note: f.Note},
		Actors: strings.Join(f.Actors, "\n"), CheckURL: s.url("edit-check"), CancelURL: s.url("home"),
	}
	if was == "" {
		p.Heading, p.Action = "New event", s.url("edit-new")
	} else {
		p.Heading, p.Action, p.CancelURL = "Edit “"+f.Title+"”", s.url("edit-event", "id", was), s.Event(was)
	}
	for _, th := range t.Themes {
		p.Themes = append(p.Themes, s.theme(th))
	}
	for _, src := range t.Sources {
		p.Sources = append(p.Sources, views.Link{Label: src.Title, URL: src.ID})
	}
	p.ProposedID = s.proposedID(f.Title, was)
	return p
}

// proposedID is an id made from a title that no other event has.
func (s *Server) proposedID(title, was string) string {
	if title == "" {
		return ""
	}
	base := idOf(title)
	if len(base) > 60 {
		base = strings.Trim(base[:60], "-")
	}
	id := base
	for n := 2; s.timeline.Event(id) != nil && id != was; n++ {
		id = fmt.Sprintf("%s-%d", base, n)
	}
	return id
}

// statuses says what the check made of the quote (of form f) and the date
// of event id in the candidate c, and the dates the quote's paragraph states.
func (s *Server) statuses(p *views.EditPage, c candidate, id string, f eventForm) {
	var quote, date []string
	for _, pr := range c.messages {
		switch {
		case strings.Contains(pr, "quote") && !strings.Contains(pr, "date_quote") && !strings.Contains(pr, "state"):
			quote = append(quote, pr)
		case strings.Contains(pr, "date") || strings.Contains(pr, "state"):
			date = append(date, pr)
		}
	}
	p.QuoteStatus = strings.Join(quote, " ")
	p.DateStatus = strings.Join(date, " ")
	if strings.Contains(p.DateStatus, "add date_source:") {
		p.DateStatus = "Needs a date source, or a date quote: " + p.DateStatus
	}
	src := s.timeline.Source(f.Source)
	if src == nil && len(s.timeline.Sources) > 0 {
		src = s.timeline.Sources[0]
	}
	if src != nil && len(f.Quotes) > 0 {
		// Where the (first) quote is, whatever else is wrong.
		if b, _, _, err := src.Document.Find(f.Quotes[0]); err != nil {
			p.QuoteStatus = err.Error()
		} else {
			p.QuoteStatus = "Found once, in paragraph " + strings.TrimPrefix(b.Anchor, "p") + " of " + src.Title + "."
			for _, d := range timeline.DatesIn(b.Text) {
				p.Dates = append(p.Dates, views.Link{Label: d.Words(), URL: d.String()})
			}
		}
	}
	if c.timeline == nil {
		return
	}
	e := c.timeline.Event(id)
	if e == nil || len(e.Passages) == 0 {
		return
	}
	switch {
	case e.DateStated && e.DateQuote != nil:
		p.DateStatus = "The date is stated by the date quote."
	case e.DateStated:
		p.DateStatus = "The date is stated by the quote."
	case e.DateSource != nil:
		p.DateStatus = "The date comes from the date source."
	}
}

// handleEditForm handles "GET /edit/new" (?source= and ?quote= fill it in,
// as the article's "New event from this passage" does) and "GET
// /edit/events/{id}".
func (s *Server) handleEditForm(w http.ResponseWriter, r *http.Request) {
	old, base, err := s.editor.read()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	t := s.timeline
	var f eventForm
	was := mux.Vars(r)["id"]
	if was != "" {
		e := t.Event(was)
		if e == nil {
			s.fail(w, r, notFound("event", was))
			return
		}
		f = formOf(e, len(t.Sources) > 1)
	} else {
		q := r.URL.Query()
		f = eventForm{Theme: t.Themes[0].ID, Source: q.Get("source")}
		if quote := strings.TrimSpace(q.Get("quote")); quote != "" {
			f.Quotes = []string{quote}
		}
		if f.Source == "" || len(t.Sources) == 1 {
			f.Source = t.Sources[0].ID
		}
	}
	p := s.editPage(f, was, base)
	if len(f.Quotes) > 0 {
		probe := f
		probe.ID, probe.Title = "x-probe", "Probe"
		if probe.Date == "" {
			probe.Date = "1000"
		}
		if c, err := s.editor.apply(old, "", probe, false); err == nil {
			s.statuses(&p, c, probe.ID, probe)
			p.DateStatus = "" // the date is not typed yet
		}
	}
	s.render(w, r, http.StatusOK, views.EditEvent(p))
}

// handleEditSave handles "POST /edit/new" and "POST /edit/events/{id}".
func (s *Server) handleEditSave(w http.ResponseWriter, r *http.Request) {
	if err := s.editor.changeOK(w, r); err != nil {
		http.Error(w, "Refused: "+err.Error(), http.StatusForbidden)
		return
	}
	f, err := formFrom(r)
	was := mux.Vars(r)["id"]
	if f.ID == "" {
		f.ID = s.proposedID(f.Title, was)
	}
	if len(s.timeline.Sources) == 1 {
		f.Source = ""
	}
	ed := s.editor
	ed.mu.Lock()
	defer ed.mu.Unlock()
	old, base, rerr := ed.read()
	if rerr != nil {
		s.fail(w, r, rerr)
		return
	}
	p := s.editPage(f, was, base)
	if err != nil {
		p.Problems = []string{err.Error()}
		s.render(w, r, http.StatusUnprocessableEntity, views.EditEvent(p))
		return
	}
	if r.PostFormValue("base") != base {
		p.Base = r.PostFormValue("base")
		p.Conflict = "events.yaml changed on disk since this form was opened, perhaps in another editor, and ties overwrites nothing. Your text is below: copy what you need, then open the form again to see the file as it is now."
		s.render(w, r, http.StatusConflict, views.EditEvent(p))
		return
	}
	c, err := ed.apply(old, was, f, false)
	if err != nil {
		p.Problems = []string{err.Error()}
		s.render(w, r, http.StatusUnprocessableEntity, views.EditEvent(p))
		return
	}
	if len(c.problems) > 0 {
		p.Problems = c.problems
		s.statuses(&p, c, f.ID, f)
		s.render(w, r, http.StatusUnprocessableEntity, views.EditEvent(p))
		return
	}
	if err := ed.write(old, c.src); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, s.url("edit-saved")+"?event="+f.ID, http.StatusSeeOther)
}

// handleEditSaved handles "GET /edit/saved": the change is saved, and the
// page offers its event.
func (s *Server) handleEditSaved(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("event")
	p := views.EditDonePage{Layout: s.editLayout("Saved"), Heading: "Saved", HomeURL: s.url("home"),
		Message: "The change is in events.yaml, and the site shows it once the file is read again, in a moment."}
	if id != "" && plainID.MatchString(id) {
		p.EventURL = s.Event(id)
	}
	if r.URL.Query().Get("deleted") != "" {
		p.Heading, p.Message = "Deleted", "The event is out of events.yaml."
	}
	s.render(w, r, http.StatusOK, views.EditDone(p))
}

// handleDeleteForm handles "GET /edit/events/{id}/delete": a question first.
func (s *Server) handleDeleteForm(w http.ResponseWriter, r *http.Request) {
	id := mux.Vars(r)["id"]
	e := s.timeline.Event(id)
	if e == nil {
		s.fail(w, r, notFound("event", id))
		return
	}
	_, base, err := s.editor.read()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, views.DeleteEvent(views.DeletePage{Layout: s.editLayout("Delete " + e.Title), Title: e.Title,
		Action: s.url("delete-event", "id", id), CancelURL: s.Event(id), Token: s.editor.token, Base: base}))
}

// handleDelete handles "POST /edit/events/{id}/delete".
func (s *Server) handleDelete(w http.ResponseWriter, r *http.Request) {
	if err := s.editor.changeOK(w, r); err != nil {
		http.Error(w, "Refused: "+err.Error(), http.StatusForbidden)
		return
	}
	id := mux.Vars(r)["id"]
	ed := s.editor
	ed.mu.Lock()
	defer ed.mu.Unlock()
	old, base, err := ed.read()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if r.PostFormValue("base") != base {
		http.Error(w, "Not deleted: events.yaml changed on disk since the page was opened, perhaps in another editor; open the event again and delete it from there.", http.StatusConflict)
		return
	}
	c, err := ed.apply(old, id, eventForm{}, true)
	if err != nil {
		http.Error(w, "Not deleted: "+err.Error(), http.StatusConflict)
		return
	}
	if len(c.problems) > 0 {
		http.Error(w, "Not deleted: the timeline would have problems:\n"+strings.Join(c.problems, "\n"), http.StatusUnprocessableEntity)
		return
	}
	if err := ed.write(old, c.src); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, s.url("edit-saved")+"?deleted=1", http.StatusSeeOther)
}

// handleEditCheck handles "POST /edit/check": the form checked as it is
// typed, by the same rules and in the same words as ties check, and
// nothing written.
func (s *Server) handleEditCheck(w http.ResponseWriter, r *http.Request) {
	if err := s.editor.changeOK(w, r); err != nil {
		http.Error(w, "Refused: "+err.Error(), http.StatusForbidden)
		return
	}
	f, err := formFrom(r)
	was := r.PostFormValue("was")
	if f.ID == "" {
		f.ID = s.proposedID(f.Title, was)
	}
	if len(s.timeline.Sources) == 1 {
		f.Source = ""
	}
	out := struct {
		Problems []string `json:"problems"`
		Quote    string   `json:"quote"`
		Date     string   `json:"date"`
		Dates    []string `json:"dates"`
		Words    []string `json:"words"`
		ID       string   `json:"id"`
	}{Problems: []string{}, Dates: []string{}, Words: []string{}, ID: s.proposedID(f.Title, was)}
	old, _, rerr := s.editor.read()
	if err == nil && rerr == nil {
		var c candidate
		if c, err = s.editor.apply(old, was, f, false); err == nil {
			var p views.EditPage
			s.statuses(&p, c, f.ID, f)
			out.Problems, out.Quote, out.Date = c.problems, p.QuoteStatus, p.DateStatus
			for _, d := range p.Dates {
				out.Dates, out.Words = append(out.Dates, d.URL), append(out.Words, d.Label)
			}
		}
	}
	if err != nil {
		out.Problems = append(out.Problems, err.Error())
	}
	if out.Problems == nil {
		out.Problems = []string{}
	}
	b, _ := json.Marshal(out)
	w.Header().Set("Cache-Control", "no-store")
	send(w, r, http.StatusOK, "application/json; charset=utf-8", b)
}
