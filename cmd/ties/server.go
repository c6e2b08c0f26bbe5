package main

import (
	"bytes"
	"context"
	"errors"
	"log"
	"net/http"
	"net/url"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/a-h/templ"
	"github.com/gorilla/mux"

	"ties/timeline"
	"ties/timeline/charts"
	"ties/views"
)

// ENOTIMPLEMENTED is the code of a request for something the site does not
// do, such as oEmbed in XML.
const ENOTIMPLEMENTED = "not_implemented"

// ETOOLONG is the code of a request whose address is too long to read.
const ETOOLONG = "too_long"

// slug is the pattern of every id in an address.
const slug = `[a-z0-9]+(?:-[a-z0-9]+)*`

// Server serves one timeline as a web site.
type Server struct {
	timeline *timeline.Timeline
	router   *mux.Router
	// base is the path the site lives under, such as "/" or "/ties/".
	base string
	// public is the site's public address, such as "https://example.org/ties/",
	// or "" to take it from each request.
	public string
	// relative keeps addresses that would be absolute as paths, for a static
	// copy whose public address is not known.
	relative bool
	// problems are those of the last edit of the timeline, which failed to
	// load; the pages show them above the last good timeline.
	problems timeline.Problems
	// opts are the options the server was made with.
	opts []Option
	// cache holds the pages made so far, which do not change.
	cache pageCache
	// once is set when each page is asked for once, as a static export
	// does: pages are then neither kept nor compressed.
	once bool
	// data holds the JSON files the pages load.
	data *dataSet
	// earlier holds the files of the timeline served before the last
	// reload, for pages made before it that fetch their files after it.
	earlier *dataSet
	// Log receives internal errors; it defaults to the standard logger.
	Log *log.Logger
	// live, under --watch, tells open pages of each reload, and
	// liveVersion is the version of the timeline this server shows.
	live        *live
	liveVersion int
	// editor, under --edit, adds the routes that change the event file.
	editor *editor
	// drawing has the charts drawn on the server (drawings.go,
	// pagedrawings.go), in the background from the start: until a chart is
	// drawn, pages have the browser draw it. drawn says, by look, that every
	// chart drawAhead draws is drawn, or has failed.
	drawing bool
	drawn   map[string]*atomic.Bool
	// cards are the events' cards asked for, by id and look.
	cards sync.Map
	// defaultLook draws ahead in the default look alone (withDefaultLook).
	defaultLook bool
}

// WithDrawing has the server draw the charts with ECharts itself, so that
// pages show them at first paint, with or without scripts.
func WithDrawing() Option {
	return func(s *Server) { s.drawing = true }
}

// Option configures a Server.
type Option func(*Server)

// WithBase puts the site under a path, such as "/ties/": the server answers
// there, and every address it builds starts with it.
func WithBase(base string) Option {
	return func(s *Server) { s.base = siteBase(base) }
}

// siteBase is the path a site lives under as the server keeps it, with one
// slash at each end: "/" for the root however it is written ("", "/"), and
// "/ties/" for "ties", "/ties" or "/ties/".
func siteBase(p string) string {
	if t := strings.Trim(p, "/"); t != "" {
		return "/" + t + "/"
	}
	return "/"
}

// WithPublicURL gives the site's public address, for the absolute addresses
// of oEmbed; it also sets the base to the address's path.
func WithPublicURL(u string) Option {
	return func(s *Server) {
		pu, err := url.Parse(u)
		if err != nil {
			return // refused by the command line before it comes here
		}
		s.base = siteBase(pu.Path)
		s.public = pu.Scheme + "://" + pu.Host + s.base
	}
}

// NewServer returns a server for t with every route in place.
func NewServer(t *timeline.Timeline, opts ...Option) *Server {
	s := &Server{timeline: t, router: mux.NewRouter(), base: "/", opts: opts, Log: log.Default(), drawn: map[string]*atomic.Bool{}}
	for _, l := range looks {
		s.drawn[l] = &atomic.Bool{}
	}
	for _, o := range opts {
		o(s)
	}
	if s.live != nil {
		s.liveVersion = s.live.next()
	}
	r := s.router
	// Match the path as sent, neither cleaned nor decoded, so that "..",
	// "//" and encoded slashes find no route instead of being redirected.
	r.SkipClean(true)
	r.UseEncodedPath()
	r.Handle("/", s.page(s.handleHome)).Methods("GET", "HEAD").Name("home")
	r.Handle("/events", s.page(s.handleEvents)).Methods("GET", "HEAD").Name("events")
	r.Handle("/events/{id:"+slug+"}", s.manyPage(s.handleEvent)).Methods("GET", "HEAD").Name("event")
	r.Handle("/sources", s.page(s.handleSources)).Methods("GET", "HEAD").Name("sources")
	r.Handle("/sources/{id:"+slug+"}", s.page(s.handleSource)).Methods("GET", "HEAD").Name("source")
	r.Handle("/api/events.json", s.jsonHandler(s.handleAPIEvents, true)).Methods("GET", "HEAD").Name("api-events")
	r.Handle("/present", s.page(s.handlePresent)).Methods("GET", "HEAD").Name("present")
	r.Handle("/present/{id:"+slug+"}", s.manyPage(s.handlePresent)).Methods("GET", "HEAD").Name("slide")
	r.Handle("/print", s.page(s.handlePrint)).Methods("GET", "HEAD").Name("print")
	r.Handle("/print/{part:[1-9][0-9]{0,8}}", s.page(s.handlePrint)).Methods("GET", "HEAD").Name("print-part")
	r.Handle("/embed/events/{id:"+slug+"}", s.manyPage(s.handleEmbedEvent)).Methods("GET", "HEAD").Name("embed-event")
	kinds := strings.Join(charts.Kinds, "|")
	r.Handle("/embed/events/{id:"+slug+"}.png", http.HandlerFunc(s.handleEventImage)).Methods("GET", "HEAD").Name("event-image")
	r.Handle("/embed/{kind:"+kinds+"}.{format:svg|png}", http.HandlerFunc(s.handleImage)).Methods("GET", "HEAD").Name("image")
	r.Handle("/embed/{kind:"+kinds+"}", s.page(s.handleEmbedChart)).Methods("GET", "HEAD").Name("embed")
	r.Handle("/oembed", s.jsonHandler(s.handleOEmbed, false)).Methods("GET", "HEAD").Name("oembed")
	r.Handle("/oembed/events/{id:"+slug+"}.json", s.jsonHandler(s.handleOEmbedFile, s.public != "" || s.relative)).Methods("GET", "HEAD").Name("oembed-event")
	r.Handle("/oembed/{kind:"+kinds+"}.json", s.jsonHandler(s.handleOEmbedFile, s.public != "" || s.relative)).Methods("GET", "HEAD").Name("oembed-chart")
	r.Handle("/assets/{path:.+}", http.HandlerFunc(s.handleAsset)).Methods("GET", "HEAD").Name("asset")
	r.Handle(`/data/{name:[a-z-]+\.[0-9a-f]{10}\.json}`, http.HandlerFunc(s.handleData)).Methods("GET", "HEAD").Name("data")
	if s.live != nil {
		r.Handle("/_live", s.live).Methods("GET").Name("live")
	}
	if s.editor != nil {
		s.editRoutes(r)
	}
	r.NotFoundHandler = s.page(func(*http.Request) (templ.Component, error) {
		return nil, timeline.Errorf(timeline.ENOTFOUND, "There is no page at this address.")
	})
	r.MethodNotAllowedHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "Only GET and HEAD are allowed.", http.StatusMethodNotAllowed)
	})
	s.data = s.makeData()
	s.drawAhead()
	return s
}

// ServeHTTP serves a request, with the security headers on every response,
// errors and 404s included. Only the pages under /embed/ may be framed by
// other sites.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.base != "/" {
		r = s.underBase(r)
	}
	defer s.recoverPanic(w, r)
	h := w.Header()
	frame := "'none'"
	if s.isEmbed(r) {
		frame = "*"
	} else {
		h.Set("X-Frame-Options", "DENY")
	}
	h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "+
		"img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "+
		"form-action 'self'; frame-ancestors "+frame)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
	if s.editor != nil && !s.editor.hostOK(r.Host) {
		// A name other than this machine's may be a site that points its
		// name here to reach the editor (DNS rebinding).
		http.Error(w, "ties --edit answers only to the loopback address it serves, not to "+r.Host+".", http.StatusMisdirectedRequest)
		return
	}
	if len(r.RequestURI) > maxURI || len(r.URL.RawQuery) > maxURI {
		s.fail(w, r, timeline.Errorf(ETOOLONG, "This address is longer than the %d characters ties reads.", maxURI))
		return
	}
	s.router.ServeHTTP(w, r)
}

// maxURI is the longest address, path and query, that the server reads.
const maxURI = 8 << 10

// recoverPanic turns a panic in a handler into a 500 page and a log line, so
// that the server goes on serving.
func (s *Server) recoverPanic(w http.ResponseWriter, r *http.Request) {
	v := recover()
	if v == nil {
		return
	}
	if v == http.ErrAbortHandler {
		panic(v)
	}
	s.Log.Printf("ties: panic serving %s %s: %v\n%s", r.Method, r.URL.Path, v, debug.Stack())
	s.fail(w, r, errors.New("a panic"))
}

// fail answers with the error page for err.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	s.page(func(*http.Request) (templ.Component, error) { return nil, err }).ServeHTTP(w, r)
}

// withProblems returns a server of the same timeline that shows problems
// on every page.
func (s *Server) withProblems(problems timeline.Problems) *Server {
	n := NewServer(s.timeline, s.opts...)
	n.Log, n.relative, n.problems, n.earlier = s.Log, s.relative, problems, s.earlier
	n.liveVersion = s.liveVersion // the same timeline: its pages need no reload
	return n
}

// isEmbed reports whether a request is for an embed, the only pages that
// other sites may frame.
func (s *Server) isEmbed(r *http.Request) bool {
	if !strings.HasPrefix(r.URL.Path, "/embed/") {
		return false
	}
	var m mux.RouteMatch
	if !s.router.Match(r, &m) || m.Route == nil {
		return false
	}
	name := m.Route.GetName()
	return name == "embed" || name == "embed-event"
}

// underBase returns the request with the base taken off its path, or with
// a path that matches no route when it is not under the base.
func (s *Server) underBase(r *http.Request) *http.Request {
	r2 := r.Clone(r.Context())
	p, ok := strings.CutPrefix(r.URL.EscapedPath(), s.base)
	if !ok && r.URL.EscapedPath()+"/" == s.base {
		p, ok = "", true
	}
	if !ok {
		p = "-/outside-the-site"
	}
	r2.URL.RawPath = "/" + p
	r2.URL.Path, _ = url.PathUnescape(r2.URL.RawPath)
	return r2
}

// url builds the address of a named route; pairs are its variables.
func (s *Server) url(name string, pairs ...string) string {
	return s.base + strings.TrimPrefix(s.routePath(name, pairs...), "/")
}

// routePath is the path of a named route as the router sees it, without the
// base.
func (s *Server) routePath(name string, pairs ...string) string {
	u, err := s.router.Get(name).URL(pairs...)
	if err != nil {
		panic("ties: bad route " + name + ": " + err.Error()) // a programming mistake, caught by the tests
	}
	return u.String()
}

// urlQuery builds the address of a named route with a query.
func (s *Server) urlQuery(name string, q url.Values, pairs ...string) string {
	u := s.url(name, pairs...)
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	return u
}

// urlFragment builds the address of a named route with a fragment.
func (s *Server) urlFragment(name, fragment string, pairs ...string) string {
	return (&url.URL{Path: s.url(name, pairs...), Fragment: fragment}).String()
}

// Event is the address of an event's page.
func (s *Server) Event(id string) string { return s.url("event", "id", id) }

// Events is the address of the table of events with a filter.
func (s *Server) Events(filter url.Values) string { return s.urlQuery("events", filter) }

// asset is the address of a static file, by its hashed name.
func (s *Server) asset(name string) string {
	hashed, ok := siteAssets().hashed[name]
	if !ok {
		panic("ties: no asset " + name) // a programming mistake, caught by the tests
	}
	return s.url("asset", "path", hashed)
}

// page adapts a handler that returns a page: the page is rendered into a
// buffer first, so that a failure half-way never sends half a page, and an
// error becomes an error page with the status its code maps to. A page
// depends on its path alone, so it is made once, and compressed as small as
// brotli can; see manyPage for the pages there is one of per event.
func (s *Server) page(fn func(*http.Request) (templ.Component, error)) http.Handler {
	return s.pageAt(fn, brotliBest)
}

// manyPage is page for the pages there is one of per event, which are
// compressed faster, so that a large timeline's pages are all made soon.
func (s *Server) manyPage(fn func(*http.Request) (templ.Component, error)) http.Handler {
	return s.pageAt(fn, brotliFast)
}

func (s *Server) pageAt(fn func(*http.Request) (templ.Component, error), quality int) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// A page is drawn in the reader's look, with the charts the server
		// has drawn in it so far.
		look := lookOf(r)
		w.Header().Set("Vary", "Cookie")
		key := s.pageKey(r.URL.Path, look)
		if p, ok := s.cache.get(key); ok {
			sendTagged(w, r, "text/html; charset=utf-8", "no-cache", p)
			return
		}
		r, unfinished := withUnfinished(r)
		c, err := fn(r)
		var buf bytes.Buffer
		if err == nil {
			err = c.Render(views.WithLook(r.Context(), look), &buf)
		}
		if err == nil && (s.once || unfinished.Load()) {
			// An export asks once; a page made before a drawing it shows
			// was ready is made again when it is asked for again.
			send(w, r, http.StatusOK, "text/html; charset=utf-8", buf.Bytes())
			return
		}
		if err == nil {
			sendTagged(w, r, "text/html; charset=utf-8", "no-cache", s.cache.put(key, buf.Bytes(), quality))
			return
		}
		buf.Reset()
		status := s.errorStatus(r, err)
		if rerr := views.Error(s.errorPage(err, status)).Render(context.Background(), &buf); rerr != nil {
			s.Log.Printf("ties: rendering the error page: %v", rerr)
			http.Error(w, "Internal error.", http.StatusInternalServerError)
			return
		}
		send(w, r, status, "text/html; charset=utf-8", buf.Bytes())
	})
}

// pageKey is what a page is kept by: its path, the look it is drawn in,
// and whether the server had drawn its charts, so that a page made before
// then is made again once they are.
func (s *Server) pageKey(path, look string) string {
	return path + "\x00" + look + "\x00" + strconv.FormatBool(s.drawnIn(look))
}

// errorStatus maps an error's code to an HTTP status, logging internal errors.
func (s *Server) errorStatus(r *http.Request, err error) int {
	switch timeline.ErrorCode(err) {
	case timeline.ENOTFOUND:
		return http.StatusNotFound
	case timeline.EINVALID:
		return http.StatusBadRequest
	case ENOTIMPLEMENTED:
		return http.StatusNotImplemented
	case ETOOLONG:
		return http.StatusRequestURITooLong
	}
	s.Log.Printf("ties: %s %s: %v", r.Method, r.URL.Path, err)
	return http.StatusInternalServerError
}

// errorPage is the page that shows an error with the status it maps to.
func (s *Server) errorPage(err error, status int) views.ErrorPage {
	heading := "Page not found"
	switch status {
	case http.StatusBadRequest:
		heading = "Bad request"
	case http.StatusInternalServerError:
		heading = "Something went wrong"
	case http.StatusRequestURITooLong:
		heading = "Address too long"
	case http.StatusNotImplemented:
		heading = "Not supported"
	}
	return views.ErrorPage{Layout: s.layout(heading, ""), Heading: heading, Message: timeline.ErrorMessage(err)}
}

// handleAsset handles "GET /assets/{path}": the embedded static files. A
// file asked for by its hashed name, as the pages link to it, may be kept
// for a year; by its plain name, it is checked again each time. Folders and
// anything outside the assets answer 404.
func (s *Server) handleAsset(w http.ResponseWriter, r *http.Request) {
	f, ok := siteAssets().files[mux.Vars(r)["path"]]
	if !ok {
		s.fail(w, r, timeline.Errorf(timeline.ENOTFOUND, "There is no file at this address."))
		return
	}
	cache := "no-cache"
	if f.hashed {
		cache = immutable
	}
	if !strings.HasPrefix(f.contentType, "image/svg") {
		notDocument(w)
	}
	sendTagged(w, r, f.contentType, cache, f.page)
}

// notDocument takes off the headers that only a document heeds, for a
// script, style sheet or data file, which a cold load fetches many of.
// X-Content-Type-Options stays: it keeps a browser from taking one for
// another kind of file.
func notDocument(w http.ResponseWriter) {
	w.Header().Del("Content-Security-Policy")
	w.Header().Del("X-Frame-Options")
	w.Header().Del("Referrer-Policy")
}

// notFound reports a missing thing by name.
func notFound(what, id string) error {
	return timeline.Errorf(timeline.ENOTFOUND, "There is no %s %q in this timeline.", what, id)
}
