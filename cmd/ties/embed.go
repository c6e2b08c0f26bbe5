package main

import (
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/a-h/templ"
	"github.com/gorilla/mux"

	"ties/timeline"
	"ties/timeline/charts"
	"ties/views"
)

// chartTitles name the charts on the pages.
var chartTitles = map[string]string{
	charts.KindChronology: "Chronology",
	charts.KindPlayer:     "Year by year",
	charts.KindPerYear:    "Events per year",
	charts.KindActors:     "Actors",
}

// chart returns the chart of a kind, as the pages show it; the first chart
// of a page carries its option with it when it is small.
func (s *Server) chart(kind string, first bool) views.Chart {
	name := kind + ".json"
	c := views.Chart{Kind: kind, Title: chartTitles[kind], OptionURL: s.dataURL(name)}
	_, overview := s.data.names[overviewFile]
	if overview && kind == charts.KindChronology {
		// A large timeline's chronology is drawn zoomed out first, then
		// fetched whole.
		name, c.OptionURL, c.DetailURL = overviewFile, s.dataURL(overviewFile), c.OptionURL
	}
	if small, ok := s.data.small[name]; ok && first {
		c.Option = small
	}
	if kind != charts.KindStrip {
		c.EmbedURL = s.url("embed", "kind", kind)
	}
	if hasLegend(kind) {
		for _, th := range s.timeline.Themes {
			c.Legend = append(c.Legend, s.theme(th))
		}
	}
	switch kind {
	case charts.KindChronology:
		c.Description = "Every event on a time axis, in a lane per theme, named beside its mark wherever the name fits: a dot for a day, a bar across the month or year the source gives, a bar from start to end for a span, a dashed outline for an approximate date. The busiest months get more room than the quiet years, and the axis marks each break in its scale. Scroll or drag the slider to zoom. Click an event, or Tab to the chart and move from event to event with the arrow keys (↑ and ↓ from lane to lane) and press Enter, to read it beside the chart; step through the events with ← and →."
		if overview {
			c.Description += fmt.Sprintf(" With more than %d events in view, each lane shows its busy stretches of time instead, as bars as tall as they are busy; click one to zoom in.", charts.OverviewFrom)
		}
	case charts.KindPlayer:
		c.Description = "Play, pause or step through the years that have events; each frame shows that year's events, each named beside its mark. Tab to the chart to use the arrow keys, Home, End and Space. Click an event to read its passage."
	case charts.KindPerYear:
		c.Description = "The number of events in each year, stacked by theme. Click a bar to list those events; the table under the chart gives every count, each linked to its events."
	case charts.KindActors:
		c.Description = "The actors that events name together; a larger circle is named by more events. Click an actor to show only its events; the list under the chart gives each actor and its events."
	case charts.KindStrip:
		c.Description = "Where each event falls among all of them."
	}
	return c
}

// option is the ECharts option of the chart of a kind.
func (s *Server) option(kind string) charts.Option { return s.optionOf(s.timeline, kind) }

// optionOf is the ECharts option of the chart of a kind for t, which may
// hold some of the server's events only, as a filtered picture does.
func (s *Server) optionOf(t *timeline.Timeline, kind string) charts.Option {
	switch kind {
	case charts.KindChronology:
		return charts.Chronology(t)
	case charts.KindPlayer:
		return charts.Player(t)
	case charts.KindPerYear:
		return charts.PerYear(t, s)
	case charts.KindActors:
		return charts.Actors(t)
	case charts.KindStrip:
		return charts.Strip(t)
	}
	panic("ties: no chart " + kind) // a programming mistake, caught by the tests
}

// handleEmbedChart handles "GET /embed/{kind}": one chart alone, to fill an
// iframe on another site. Clicks open the site in a new tab.
func (s *Server) handleEmbedChart(r *http.Request) (templ.Component, error) {
	c := s.chart(mux.Vars(r)["kind"], true)
	s.withDrawing(&c, lookOf(r), embedDrawSizes[c.Kind])
	l := s.bareLayout(c.Title, "embed")
	s.withImage(&l, s.chartImage(c.Kind, nil))
	l.Description = c.Description
	l.OEmbed = s.discovery(s.url("oembed-chart", "kind", c.Kind))
	return views.EmbedChart(views.EmbedChartPage{Layout: l, Chart: c}), nil
}

// handleEmbedEvent handles "GET /embed/events/{id}": one event and its
// passage, to fill an iframe.
func (s *Server) handleEmbedEvent(r *http.Request) (templ.Component, error) {
	id := mux.Vars(r)["id"]
	e := s.timeline.Event(id)
	if e == nil {
		return nil, notFound("event", id)
	}
	l := s.bareLayout(e.Title, "embed")
	l.OEmbed = s.discovery(s.url("oembed-event", "id", e.ID))
	s.withImage(&l, s.eventImage(e))
	return views.EmbedEvent(views.EmbedEventPage{Layout: l, Event: s.eventPage(e), EventURL: s.Event(e.ID)}), nil
}

// oembedResponse is an oEmbed 1.0 answer of the type "rich".
// https://oembed.com/
type oembedResponse struct {
	Version      string `json:"version"`
	Type         string `json:"type"`
	Title        string `json:"title"`
	ProviderName string `json:"provider_name"`
	ProviderURL  string `json:"provider_url"`
	HTML         string `json:"html"`
	Width        int    `json:"width"`
	Height       int    `json:"height"`
	// The picture of what is embedded, for a consumer that shows one
	// before the frame, or instead of it.
	ThumbnailURL    string `json:"thumbnail_url"`
	ThumbnailWidth  int    `json:"thumbnail_width"`
	ThumbnailHeight int    `json:"thumbnail_height"`
}

// embedSizes are the sizes an embed gets when the consumer sets no maximum.
var embedSizes = map[string][2]int{
	charts.KindChronology: {800, 520},
	charts.KindPlayer:     {800, 480},
	charts.KindPerYear:    {640, 400},
	charts.KindActors:     {640, 480},
	"event":               {640, 420},
}

// handleOEmbed handles "GET /oembed?url=…&maxwidth=…&maxheight=…&format=json":
// the oEmbed answer for a page of this site. The home page and the table
// embed the chronology; a chart's embed embeds itself; an event's page
// embeds the event.
func (s *Server) handleOEmbed(r *http.Request) (any, error) {
	q := r.URL.Query()
	if f := q.Get("format"); f != "" && f != "json" {
		return nil, timeline.Errorf(ENOTIMPLEMENTED, "Only format=json is supported.")
	}
	page := q.Get("url")
	if page == "" {
		return nil, timeline.Errorf(timeline.EINVALID, "Give the address of a page of this site as url=.")
	}
	max, err := maxima(q)
	if err != nil {
		return nil, err
	}
	kind, id, view, err := s.embedOf(r, page)
	if err != nil {
		return nil, err
	}
	return s.oembed(r, kind, id, max, view), nil
}

// maxima reads maxwidth and maxheight from a query; 0 means no maximum.
func maxima(q url.Values) ([2]int, error) {
	var max [2]int
	for i, name := range []string{"maxwidth", "maxheight"} {
		if v := q.Get(name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n <= 0 {
				return max, timeline.Errorf(timeline.EINVALID, "%s must be a positive whole number of pixels.", name)
			}
			max[i] = n
		}
	}
	return max, nil
}

// viewKeys are the parts of a page's address that an embed of it keeps:
// its filters and its look.
var viewKeys = []string{"theme", "actor", "from", "to", "q", "look"}

// handleOEmbedFile handles "GET /oembed/{kind}.json" and
// "GET /oembed/events/{id}.json": the oEmbed answer of a chart or an event at
// its usual size, as a file that a static copy of the site can hold too.
func (s *Server) handleOEmbedFile(r *http.Request) (any, error) {
	kind, id := mux.Vars(r)["kind"], mux.Vars(r)["id"]
	if id != "" {
		if s.timeline.Event(id) == nil {
			return nil, notFound("event", id)
		}
		kind = "event"
	}
	max, err := maxima(r.URL.Query())
	if err != nil {
		return nil, err
	}
	return s.oembed(r, kind, id, max, nil), nil
}

// embedOf finds what a page of this site embeds as: a chart's kind, or
// "event" and the event's id; and the filters and look of its address.
func (s *Server) embedOf(r *http.Request, page string) (kind, id string, view url.Values, err error) {
	notOurs := timeline.Errorf(timeline.ENOTFOUND, "That address is not a page of this site that can be embedded.")
	u, perr := url.Parse(page)
	site, _ := url.Parse(s.absolute(r, s.base))
	if perr != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host != site.Host || !strings.HasPrefix(u.Path+"/", s.base) {
		return "", "", nil, notOurs
	}
	view = url.Values{}
	for _, k := range viewKeys {
		if v := u.Query().Get(k); v != "" {
			view.Set(k, v)
		}
	}
	req, _ := http.NewRequest("GET", "/"+strings.TrimPrefix(u.Path, s.base), nil)
	var m mux.RouteMatch
	if !s.router.Match(req, &m) || m.Route == nil {
		return "", "", nil, notOurs
	}
	switch m.Route.GetName() {
	case "home", "events":
		return charts.KindChronology, "", view, nil
	case "embed":
		return m.Vars["kind"], "", view, nil
	case "event", "embed-event":
		if s.timeline.Event(m.Vars["id"]) == nil {
			return "", "", nil, notOurs
		}
		return "event", m.Vars["id"], view, nil
	}
	return "", "", nil, notOurs
}

// oembed answers for an embed, within the maxima where they are set, with
// the filters and look of view.
func (s *Server) oembed(r *http.Request, kind, id string, max [2]int, view url.Values) oembedResponse {
	size := embedSizes[kind]
	for i := range size {
		if max[i] > 0 && max[i] < size[i] {
			size[i] = max[i]
		}
	}
	var src, title string
	var thumb views.Image
	if kind == "event" {
		src, title = s.url("embed-event", "id", id), s.timeline.Event(id).Title
		thumb = s.eventImage(s.timeline.Event(id))
	} else {
		src, title = s.url("embed", "kind", kind), chartTitles[kind]+" · "+s.timeline.Title
		thumb = s.chartImage(kind, view)
	}
	if len(view) > 0 {
		src += "?" + view.Encode()
	}
	return oembedResponse{
		Version:      "1.0",
		Type:         "rich",
		Title:        title,
		ProviderName: "ties",
		ProviderURL:  s.absolute(r, s.base),
		HTML: fmt.Sprintf(`<iframe src="%s" width="%d" height="%d" title="%s" style="border:0;max-width:100%%" loading="lazy"></iframe>`,
			html.EscapeString(s.absolute(r, src)), size[0], size[1], html.EscapeString(title)),
		Width:           size[0],
		Height:          size[1],
		ThumbnailURL:    s.absolute(r, thumb.URL),
		ThumbnailWidth:  thumb.Width,
		ThumbnailHeight: thumb.Height,
	}
}

// chartImage is the picture of the chart of kind with the filters and look
// of view, as /embed/{kind}.png draws it.
func (s *Server) chartImage(kind string, view url.Values) views.Image {
	u := s.url("image", "kind", kind, "format", "png")
	q := url.Values{}
	for _, f := range append(imageFilters, "look") {
		if v := view.Get(f); v != "" {
			q.Set(f, v)
		}
	}
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	return views.Image{URL: u, Width: imageSize[0], Height: imageSize[1],
		Alt: chartTitles[kind] + " of " + s.timeline.Title + ": " + chartAlt[kind]}
}

// cardsFor says whether the pages of t's events name their cards as their
// pictures, and an export writes them: a card takes some 60 ms to draw, so
// a large timeline's export would take minutes; its event pages name the
// chronology's picture instead, and the server still draws any card asked
// for.
func cardsFor(t *timeline.Timeline) bool { return len(t.Events) <= charts.OverviewFrom }

// eventImage is the card of event e, as /embed/events/{id}.png draws it,
// or the chronology's picture for a timeline too large (cardsFor).
func (s *Server) eventImage(e *timeline.Event) views.Image {
	if !cardsFor(s.timeline) {
		return s.chartImage(charts.KindChronology, nil)
	}
	return views.Image{URL: s.url("event-image", "id", e.ID), Width: charts.CardSize[0], Height: charts.CardSize[1],
		Alt: e.DateWords() + ": " + e.Title + ". From " + e.Source.Title + "."}
}

// chartAlt says what each chart's picture shows, for its alt text.
var chartAlt = map[string]string{
	charts.KindChronology: "every event on a time axis, in a lane per theme, each named beside its mark.",
	charts.KindPlayer:     "the events of one year, each named beside its mark.",
	charts.KindPerYear:    "the number of events in each year, stacked by theme.",
	charts.KindActors:     "the actors that events name together; a larger circle is named by more events.",
}

// withImage gives a page's frame its preview picture, by its full address
// where the site knows it (discovery).
func (s *Server) withImage(l *views.Layout, img views.Image) {
	img.URL = s.discovery(img.URL)
	l.Image = &img
}

// discovery is the address a page gives for its oEmbed document: a full
// address when the server knows its public one, otherwise the path, so
// that no page repeats the Host a request claims.
func (s *Server) discovery(path string) string {
	if s.public == "" {
		return path
	}
	return s.absolute(nil, path)
}

// absolute makes a path of this site into a full address: with the public
// address when the server has one, otherwise with the request's host. A
// static copy with no public address keeps the path alone.
func (s *Server) absolute(r *http.Request, path string) string {
	if s.relative {
		return path
	}
	if s.public != "" {
		u, _ := url.Parse(s.public)
		return u.Scheme + "://" + u.Host + path
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host + path
}
