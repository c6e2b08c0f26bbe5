package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"

	"ties/timeline"
	"ties/timeline/charts"

	"github.com/gorilla/mux"
)

// dataSet holds the JSON files made from a timeline that pages load: each
// chart's option, the events' records and the words to search. Each has a
// name that holds a hash of its bytes, so that browsers keep it until the
// timeline changes, and pages that share it fetch it once.
type dataSet struct {
	files map[string]*dataFile       // by hashed name
	names map[string]string          // name, such as "events.json" → hashed name
	small map[string]json.RawMessage // by name, the files small enough to put in a page
}

// dataFile is a file of a dataSet, compressed the first time it is sent
// (or made while the server warms up), so that a server answers its first
// request without waiting for every file to be compressed, and an export,
// which sends each file once and compresses nothing, never compresses it.
type dataFile struct {
	body       []byte
	compressed func() cachedPage
}

// maxInline is the largest option a page carries in itself: a fetch, even
// from the browser's cache, holds the first chart up by more than the time
// to read this much more of the page.
const maxInline = 64 << 10

// The files of a dataSet that are not charts' options.
const (
	eventsFile = "events.json"
	searchFile = "search.json"
	// readingFile is what the reading panel shows of each event beyond its
	// record, loaded when it first opens.
	readingFile = "reading.json"
	// overviewFile is the chronology zoomed out, for a timeline too large to
	// draw every event of at first.
	overviewFile = "chronology-overview.json"
)

// eventsData is the events file: what the scripts need to filter, list and
// describe events, in the timeline's order. Themes and sources are given
// once and named by their place.
type eventsData struct {
	// SlideURL is the address of an event's slide, but for the id at the
	// end; the pages name the address of its page, for a click on a chart.
	SlideURL string        `json:"slideURL"`
	Themes   []themeData   `json:"themes"`
	Sources  []sourceData  `json:"sources"`
	Events   []eventRecord `json:"events"`
}

// redrawn is the looks that draw color otherwise, and how.
func redrawn(color string) map[string]string {
	m := charts.LookColors(color)
	for look, c := range m {
		if strings.EqualFold(c, color) {
			delete(m, look)
		}
	}
	return m
}

type themeData struct {
	ID     string            `json:"id"`
	Label  string            `json:"label"`
	Color  string            `json:"color"`
	Colors map[string]string `json:"colors,omitempty"` // as each look draws it, where it is not Color
}

type sourceData struct {
	Title string `json:"title"`
	URL   string `json:"url"`
}

type eventRecord struct {
	ID     string   `json:"id"`
	Title  string   `json:"title"`
	Date   string   `json:"date"` // in words
	Sort   string   `json:"sort"` // the date as ISO 8601, which sorts
	Theme  int      `json:"theme"`
	Actors []string `json:"actors,omitempty"`
	From   int      `json:"from"` // the first year the event falls in
	To     int      `json:"to"`   // the last
	Source int      `json:"source"`
}

// readingRecord is what the reading panel shows of an event beyond its
// record in the events file, in the timeline's order: its summary and note,
// where its date comes from (stated by its passages, or cited), and its
// passages, each with its place in ties' copy of the article and in the
// original.
type readingRecord struct {
	Summary  string        `json:"summary,omitempty"`
	Note     string        `json:"note,omitempty"`
	Stated   bool          `json:"stated"`
	Said     string        `json:"said,omitempty"` // the date quote: words of the source that state the date
	Cited    *sourceData   `json:"cited,omitempty"`
	Passages []passageData `json:"passages"`
}

type passageData struct {
	Text     string `json:"text"`
	Article  string `json:"article"`            // the passage marked in ties' copy of the article
	Original string `json:"original,omitempty"` // the passage in the article where it was published
}

// makeData makes every data file of the server's timeline. It fails only
// if a value cannot be written as JSON, which the timeline's types rule out.
func (s *Server) makeData() *dataSet {
	t := s.timeline
	set := &dataSet{files: map[string]*dataFile{}, names: map[string]string{}, small: map[string]json.RawMessage{}}
	add := func(name string, v any) {
		body, err := json.Marshal(v)
		if err != nil {
			panic(fmt.Sprintf("ties: making %s: %v", name, err)) // a programming mistake, caught by the tests
		}
		hashed := hashedName(name, body)
		set.names[name] = hashed
		if len(body) <= maxInline {
			set.small[name] = body
		}
		set.files[hashed] = &dataFile{body: body, compressed: sync.OnceValue(func() cachedPage {
			return compressed(body, qualityFor(len(body)))
		})}
	}
	for _, kind := range append(charts.Kinds, charts.KindStrip) {
		add(kind+".json", s.option(kind))
	}
	if len(t.Events) > charts.OverviewFrom {
		add(overviewFile, charts.ChronologyOverview(t))
	}
	themeOf, sourceOf := map[*timeline.Theme]int{}, map[*timeline.Source]int{}
	d := eventsData{
		SlideURL: strings.TrimSuffix(s.url("slide", "id", "x"), "x"),
		Events:   make([]eventRecord, 0, len(t.Events)),
	}
	for i, th := range t.Themes {
		themeOf[th] = i
		d.Themes = append(d.Themes, themeData{ID: th.ID, Label: th.Label, Color: charts.Color(t, th), Colors: redrawn(charts.Color(t, th))})
	}
	for i, src := range t.Sources {
		sourceOf[src] = i
		d.Sources = append(d.Sources, sourceData{Title: src.Title, URL: s.url("source", "id", src.ID)})
	}
	search := make([]string, 0, len(t.Events))
	reading := make([]readingRecord, 0, len(t.Events))
	for _, e := range t.Events {
		reading = append(reading, s.readingOf(e))
		from, to := e.Years()
		d.Events = append(d.Events, eventRecord{
			ID: e.ID, Title: e.Title, Date: e.DateWords(), Sort: strings.TrimPrefix(e.Date.String(), "~"),
			Theme: themeOf[e.Theme], Actors: e.Actors, From: from, To: to, Source: sourceOf[e.Source],
		})
		search = append(search, searchText(e))
	}
	add(eventsFile, d)
	add(searchFile, search)
	add(readingFile, reading)
	return set
}

// readingOf is the reading panel's record of e.
func (s *Server) readingOf(e *timeline.Event) readingRecord {
	r := readingRecord{Summary: e.Summary, Note: e.Note, Stated: e.DateStated, Said: dateQuoteText(e), Passages: []passageData{}}
	if e.DateSource != nil {
		r.Cited = &sourceData{Title: e.DateSource.Title, URL: e.DateSource.URL}
	}
	for i, p := range e.Passages {
		d := passageData{Text: p.Text(), Article: s.urlFragment("source", markID(p, i), "id", p.Source.ID)}
		if p.Source.URL != "" {
			original, _, _ := strings.Cut(p.Source.URL, "#")
			d.Original = original + timeline.TextFragment(p.Text())
		}
		r.Passages = append(r.Passages, d)
	}
	return r
}

// searchText is the words a search for an event looks in, in lower case.
func searchText(e *timeline.Event) string {
	words := []string{e.Title, e.Summary, e.Note, strings.Join(e.Actors, " "), e.Theme.Label}
	for _, p := range e.Passages {
		words = append(words, p.Text())
	}
	return strings.ToLower(strings.Join(words, " "))
}

// qualityFor is the brotli quality for a file of n bytes that a cold load
// needs: the best, unless the file is so large that it would take long
// (quality 11 takes some 60 ms for 32 KB, 200 for 64 KB). The built-in
// timeline's home page, some 57 KB, is made once, in the background, and is
// a seventh smaller at the best.
func qualityFor(n int) int {
	if n <= 64<<10 {
		return brotliBest
	}
	return brotliFast
}

// dataURL is the address of a data file, by its name.
func (s *Server) dataURL(name string) string {
	hashed, ok := s.data.names[name]
	if !ok {
		panic("ties: no data file " + name) // a programming mistake, caught by the tests
	}
	return s.url("data", "name", hashed)
}

// handleData handles "GET /data/{name}": a data file, by its hashed name.
func (s *Server) handleData(w http.ResponseWriter, r *http.Request) {
	name := mux.Vars(r)["name"]
	f, ok := s.data.files[name]
	if !ok && s.earlier != nil {
		f, ok = s.earlier.files[name]
	}
	if !ok {
		s.fail(w, r, timeline.Errorf(timeline.ENOTFOUND, "There is no file at this address; the timeline may have changed since the page was made."))
		return
	}
	notDocument(w)
	if s.once {
		sendTagged(w, r, "application/json", immutable, cachedPage{body: f.body, etag: etagOf(f.body)})
		return
	}
	sendTagged(w, r, "application/json", immutable, f.compressed())
}
