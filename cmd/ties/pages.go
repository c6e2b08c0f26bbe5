package main

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/a-h/templ"
	"github.com/gorilla/mux"

	"ties/timeline"
	"ties/timeline/charts"
	"ties/views"
)

// handleHome handles "GET /": the charts, the filters and the list of events.
func (s *Server) handleHome(r *http.Request) (templ.Component, error) {
	t := s.timeline
	l := s.layout(t.Title, "home")
	l.OEmbed = s.discovery(s.url("oembed-chart", "kind", charts.KindChronology))
	l.Description = t.Description
	return views.Home(views.HomePage{
		Layout:      l,
		Title:       t.Title,
		Description: t.Description,
		Filters:     s.filters("home"),
		Charts:      s.charts(lookOf(r)),
		Events:      s.rows(listPage),
		Rows:        views.Rows{PerPage: listPage, Total: len(t.Events)},
	}), nil
}

// charts are every chart, in order, with the text of those that have it,
// each as the server drew it in look, once it has.
func (s *Server) charts(look string) []views.Chart {
	var cs []views.Chart
	for i, kind := range charts.Kinds {
		c := s.chart(kind, i == 0)
		s.withDrawing(&c, look, drawSizes[kind])
		s.withNarrow(&c, look)
		img := s.chartImage(kind, nil)
		c.ImageURL, c.ImageAlt = img.URL, img.Alt
		switch kind {
		case charts.KindPerYear:
			c.Years = s.yearTable()
		case charts.KindActors:
			c.Actors = s.actorRows()
		}
		cs = append(cs, c)
	}
	return cs
}

// handleEvents handles "GET /events": every event in a table.
func (s *Server) handleEvents(r *http.Request) (templ.Component, error) {
	return views.Events(views.EventsPage{
		Layout:  s.layout("Events", "events"),
		Title:   "Every event",
		Filters: s.filters("events"),
		Events:  s.rows(listPage),
		Rows:    views.Rows{PerPage: listPage, Total: len(s.timeline.Events)},
	}), nil
}

// handleEvent handles "GET /events/{id}": one event and its passages.
func (s *Server) handleEvent(r *http.Request) (templ.Component, error) {
	id := mux.Vars(r)["id"]
	e := s.timeline.Event(id)
	if e == nil {
		return nil, notFound("event", id)
	}
	p := s.eventPage(e)
	p.Layout = s.layout(e.Title, "")
	s.withImage(&p.Layout, s.eventImage(e))
	p.Layout.Description = e.DateWords() + ": " + e.Title
	p.Layout.OEmbed = s.discovery(s.url("oembed-event", "id", e.ID))
	return views.Event(p), nil
}

// eventPage is an event's page, but for its layout.
func (s *Server) eventPage(e *timeline.Event) views.EventPage {
	p := views.EventPage{
		ID:          e.ID,
		Title:       e.Title,
		Date:        e.DateWords(),
		DateISO:     strings.TrimPrefix(e.Date.String(), "~"),
		DateStated:  e.DateStated,
		DateQuote:   dateQuoteText(e),
		SourceTitle: e.Source.Title,
		Theme:       s.theme(e.Theme),
		Summary:     e.Summary,
		Note:        e.Note,
		AllEvents:   s.url("events"),
	}
	if e.DateSource != nil {
		p.DateSource = &views.Citation{Title: e.DateSource.Title, URL: e.DateSource.URL}
	}
	for _, a := range e.Actors {
		p.Actors = append(p.Actors, views.Link{Label: a, URL: s.urlQuery("home", url.Values{"actor": {a}})})
	}
	// Passages in the same paragraph are shown together, in one paragraph,
	// with the date quote where it lies in one of theirs.
	var groups [][]*timeline.Passage
	for _, ps := range e.Passages {
		i := slices.IndexFunc(groups, func(g []*timeline.Passage) bool { return g[0].Paragraph == ps.Paragraph })
		if i < 0 {
			groups = append(groups, []*timeline.Passage{ps})
			continue
		}
		groups[i] = append(groups[i], ps)
	}
	if dq := e.DateQuote; dq != nil {
		if i := slices.IndexFunc(groups, func(g []*timeline.Passage) bool { return g[0].Paragraph == dq.Paragraph }); i >= 0 {
			groups[i] = append(groups[i], dq)
		}
	}
	for _, g := range groups {
		first := g[0]
		before, after := first.Source.Document.Around(first.Paragraph)
		v := views.Passage{
			Before:     s.plain(before, e.DateQuote),
			Paragraph:  s.block(first.Paragraph, g, false),
			After:      s.plain(after, e.DateQuote),
			ArticleURL: s.urlFragment("source", markID(first, slices.Index(e.Passages, first)), "id", first.Source.ID),
		}
		if first.Source.URL != "" {
			original, _, _ := strings.Cut(first.Source.URL, "#")
			v.OriginalURL = original + timeline.TextFragment(first.Text())
		}
		p.Passages = append(p.Passages, v)
	}
	if s.editor != nil {
		p.EditURL, p.DeleteURL = s.url("edit-event", "id", e.ID), s.url("delete-event", "id", e.ID)
	}
	prev, next := s.timeline.Neighbours(e)
	if prev != nil {
		p.Prev = &views.Link{Label: prev.Title, URL: s.Event(prev.ID)}
	}
	if next != nil {
		p.Next = &views.Link{Label: next.Title, URL: s.Event(next.ID)}
	}
	return p
}

// handleSource handles "GET /sources/{id}": a whole article, with every
// quoted passage marked and linked to its events.
func (s *Server) handleSource(r *http.Request) (templ.Component, error) {
	id := mux.Vars(r)["id"]
	src := s.timeline.Source(id)
	if src == nil {
		return nil, notFound("source", id)
	}
	byBlock := map[*timeline.Block][]*timeline.Passage{}
	for _, p := range s.timeline.Passages(src) {
		byBlock[p.Paragraph] = append(byBlock[p.Paragraph], p)
	}
	p := views.SourcePage{
		Layout:    s.layout(src.Title, "source-"+src.ID),
		Title:     src.Title,
		Publisher: src.Publisher,
		Published: src.Published.Words(),
		Author:    src.Author,
		URL:       src.URL,
		ShowTitle: src.Document.Blocks[0].Kind != timeline.Heading || src.Document.Blocks[0].Level != 1,
	}
	if s.editor != nil {
		p.NewEventURL = s.url("edit-new") + "?source=" + url.QueryEscape(src.ID)
	}
	for _, b := range src.Document.Blocks {
		v := s.block(b, byBlock[b], true)
		for _, ps := range byBlock[b] {
			if url := s.Event(ps.Event.ID); !slices.ContainsFunc(v.Events, func(l views.Link) bool { return l.URL == url }) {
				label := ps.Event.Title
				if ps.ForDate {
					label = "The date of: " + label // words that state when it happened
				}
				v.Events = append(v.Events, views.Link{Label: label, URL: url})
			}
		}
		p.Blocks = append(p.Blocks, v)
	}
	return views.Source(p), nil
}

// dateQuoteText is the words of e's date quote, or "" without one.
func dateQuoteText(e *timeline.Event) string {
	if e.DateQuote == nil {
		return ""
	}
	return e.DateQuote.Text()
}

// markID is the element id of a passage's first mark on its source's page,
// "date-{id}" for an event's date quote, or else
// "event-{id}" for an event's first passage, "event-{id}--2" for its second
// (no id holds "--", so the two cannot be confused).
func markID(p *timeline.Passage, i int) string {
	if p.ForDate {
		return "date-" + p.Event.ID // every other mark's id begins "event-"
	}
	if i == 0 {
		return "event-" + p.Event.ID
	}
	return "event-" + p.Event.ID + "--" + strconv.Itoa(i+1)
}

// block cuts a block into segments marked where passages cover it. With
// linked, each mark links to the page of its event.
func (s *Server) block(b *timeline.Block, passages []*timeline.Passage, linked bool) views.Paragraph {
	v := views.Paragraph{Anchor: b.Anchor, Heading: b.Kind == timeline.Heading, Level: b.Level}
	for _, seg := range b.Segments(passages) {
		vs := views.Segment{Text: seg.Text, Emphasis: seg.Emphasis, Strong: seg.Strong, Code: seg.Code, Link: seg.Link}
		if len(seg.Passages) > 0 {
			vs.Marked = true
			var ids []string
			for _, p := range seg.Passages {
				if !slices.Contains(ids, p.Event.ID) {
					ids = append(ids, p.Event.ID)
				}
			}
			vs.Events = strings.Join(ids, " ")
			if linked {
				vs.MarkURL = s.Event(seg.Passages[0].Event.ID)
			}
			vs.ForDate = !slices.ContainsFunc(seg.Passages, func(p *timeline.Passage) bool { return !p.ForDate })
			if len(seg.Begins) > 0 {
				p := seg.Begins[0]
				vs.MarkID = markID(p, slices.Index(p.Event.Passages, p))
			}
		}
		v.Segments = append(v.Segments, vs)
	}
	if !linked {
		// On an event's page the marks are that event's; they need no id.
		for i := range v.Segments {
			v.Segments[i].MarkID = ""
		}
	}
	return v
}

// plain is a context paragraph, or nil, with only the date quote dq
// marked, if it lies in the paragraph.
func (s *Server) plain(b *timeline.Block, dq *timeline.Passage) *views.Paragraph {
	if b == nil {
		return nil
	}
	var marked []*timeline.Passage
	if dq != nil && dq.Paragraph == b {
		marked = append(marked, dq)
	}
	v := s.block(b, marked, false)
	v.Anchor = "" // the same anchor belongs to the article's page
	return &v
}

// maxNamedSources is how many sources every page names in its navigation
// and footer; past it, they link to the list of sources.
const maxNamedSources = 3

// handleSources handles "GET /sources": every source, with how many events
// quote it.
func (s *Server) handleSources(r *http.Request) (templ.Component, error) {
	t := s.timeline
	p := views.SourcesPage{Layout: s.layout("Sources", "sources")}
	quoting := map[*timeline.Source]int{}
	for _, e := range t.Events {
		quoting[e.Source]++
	}
	for _, src := range t.Sources {
		p.Sources = append(p.Sources, views.SourceEntry{
			URL: s.url("source", "id", src.ID), Credit: credit(src), Events: plural(quoting[src], "event"),
		})
	}
	return views.Sources(p), nil
}

// layout returns the frame of a page; current names the navigation entry
// to mark, if any.
func (s *Server) layout(title, current string) views.Layout {
	t := s.timeline
	l := s.bareLayout(title, "")
	l.Bare = false
	l.Nav = []views.Link{
		{Label: "Timeline", URL: s.url("home"), Current: current == "home"},
		{Label: "Events", URL: s.url("events"), Current: current == "events"},
	}
	l.Credit = &views.Credit{}
	if len(t.Sources) > maxNamedSources {
		// Too many to name on every page: one page lists them.
		l.Nav = append(l.Nav, views.Link{Label: "Sources", URL: s.url("sources"), Current: current == "sources"})
		l.Credit.All, l.Credit.Count = s.url("sources"), len(t.Sources)
	} else {
		for _, src := range t.Sources {
			label := src.Title
			if len(t.Sources) == 1 {
				label = "Article"
			}
			l.Nav = append(l.Nav, views.Link{Label: label, URL: s.url("source", "id", src.ID), Current: current == "source-"+src.ID})
			l.Credit.Sources = append(l.Credit.Sources, views.Link{Label: credit(src), URL: s.url("source", "id", src.ID)})
		}
	}
	l.Nav = append(l.Nav,
		views.Link{Label: "Present", URL: s.url("present")},
		views.Link{Label: "Print", URL: s.url("print"), Current: current == "print"})
	return l
}

// bareLayout is the frame of a page with no header or footer: an embed or
// the slide show. class is set on its body.
func (s *Server) bareLayout(title, class string) views.Layout {
	var problems []string
	for _, p := range s.problems {
		problems = append(problems, p.Error())
	}
	img := s.chartImage(charts.KindChronology, nil)
	img.URL = s.discovery(img.URL)
	return views.Layout{
		Image:          &img,
		Problems:       problems,
		ProblemSummary: "The last edit of the timeline has " + plural(len(problems), "problem") + ".",
		Title:          title,
		Timeline:       s.timeline.Title,
		HomeURL:        s.url("home"),
		StyleURL:       s.asset("style.css"),
		IconURL:        s.asset("favicon.svg"),
		LookURL:        s.asset("look.js"),
		ScriptURLs:     []string{s.asset("ties.js")},
		EChartsURL:     s.asset("vendor/echarts/echarts.custom.min.js"),
		DrawURL:        s.asset("draw.js"),
		EventsURL:      s.dataURL(eventsFile),
		EventURL:       strings.TrimSuffix(s.Event("x"), "x"),
		SearchURL:      s.dataURL(searchFile),
		ReadingURL:     s.dataURL(readingFile),
		Bare:           true,
		Class:          class,
		LiveURL:        s.liveURL(),
		LiveScript:     s.liveScript(),
		EditScript:     s.editScript(),
	}
}

func (s *Server) editScript() string {
	if s.editor == nil {
		return ""
	}
	return s.asset("edit.js")
}

// liveURL is where a page made now hears of reloads, under --watch, or "".
func (s *Server) liveURL() string {
	if s.live == nil {
		return ""
	}
	return s.url("live") + "?v=" + strconv.Itoa(s.liveVersion)
}

func (s *Server) liveScript() string {
	if s.live == nil {
		return ""
	}
	return s.asset("live.js")
}

// theme is a theme as pages show it, with its colour.
func (s *Server) theme(th *timeline.Theme) views.Theme {
	c := charts.Color(s.timeline, th)
	return views.Theme{ID: th.ID, Label: th.Label, Color: c, Colors: charts.LookColors(c)}
}

// listPage is how many events a list or table holds at first; the script
// shows the rest a page at a time.
const listPage = 200

// rows lists the first n events for a list or table.
func (s *Server) rows(n int) []views.EventRow {
	var rows []views.EventRow
	for _, e := range s.timeline.Events[:min(n, len(s.timeline.Events))] {
		rows = append(rows, views.EventRow{
			ID:        e.ID,
			URL:       s.Event(e.ID),
			Title:     e.Title,
			Date:      e.DateWords(),
			SortKey:   strings.TrimPrefix(e.Date.String(), "~"),
			Theme:     s.theme(e.Theme),
			Actors:    e.Actors,
			Source:    e.Source.Title,
			SourceURL: s.url("source", "id", e.Source.ID),
		})
	}
	return rows
}

// filters is the filter form of the page named route.
func (s *Server) filters(route string) views.Filters {
	t := s.timeline
	f := views.Filters{Total: len(t.Events), ResetURL: s.url(route)}
	for _, th := range t.Themes {
		f.Themes = append(f.Themes, s.theme(th))
	}
	for _, a := range t.Actors() {
		f.Actors = append(f.Actors, a.Name)
	}
	slices.Sort(f.Actors)
	for i, e := range t.Events {
		from, to := e.Years()
		if i == 0 || from < f.MinYear {
			f.MinYear = from
		}
		if i == 0 || to > f.MaxYear {
			f.MaxYear = to
		}
	}
	return f
}
