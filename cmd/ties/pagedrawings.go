package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"sync/atomic"

	"ties/timeline"
	"ties/timeline/charts"
	"ties/timeline/draw"
	"ties/views"
)

// looks are the names of the looks a page can be drawn in (charts.Looks),
// the default first.
var looks = func() []string {
	var names []string
	for _, l := range charts.Looks {
		names = append(names, l.Name)
	}
	return names
}()

// lookCookie keeps the look a reader chose, so that the server draws the
// charts in it (look.js sets it, with localStorage, for the scripts).
const lookCookie = "ties-look"

// lookOf is the look a request asks for: ?look=, or the reader's cookie,
// or the default.
func lookOf(r *http.Request) string {
	want := r.URL.Query().Get("look")
	if want == "" {
		if c, err := r.Cookie(lookCookie); err == nil {
			want = c.Value
		}
	}
	if slices.Contains(looks, want) {
		return want
	}
	return looks[0]
}

// drawSizes are the sizes, in CSS pixels, that the server draws each chart
// of the home page at: its box on a screen 1366 pixels wide, as high as the
// style sheet lets it grow (clamp(), in style.css). The drawing scales down
// with a smaller box, to four fifths of its size; a box larger, or smaller
// than that, has ECharts draw the chart again in the browser (drawn.js).
var drawSizes = map[string][2]int{
	charts.KindChronology: {1134, 840},
	charts.KindPlayer:     {1134, 720},
	charts.KindPerYear:    {540, 320},
	charts.KindActors:     {540, 420},
}

// narrowDrawSizes are the sizes the server draws each chart of the home
// page at for a phone: a screen at most 27rem wide (style.css), where the
// chart's box is 294 to 364 pixels wide, from a phone 360 to 430 pixels
// wide, and as high as its width makes it, at the drawing's aspect ratio.
// Every box of those widths shows the drawing at four fifths of its size
// or more, and no more than its size, so that a phone reads the server's
// drawing without ECharts; the wide drawing would show at a third of its
// size there, too small to read.
var narrowDrawSizes = map[string][2]int{
	charts.KindChronology: {364, 760},
	charts.KindPlayer:     {364, 600},
	charts.KindPerYear:    {364, 320},
	charts.KindActors:     {364, 420},
}

// embedDrawSizes are the sizes the server draws each chart's embed at: its
// box in an iframe of the size the embed's oEmbed answer gives (embedSizes).
var embedDrawSizes = map[string][2]int{
	charts.KindChronology: {800, 430},
	charts.KindPlayer:     {800, 390},
	charts.KindPerYear:    {640, 310},
	charts.KindActors:     {640, 454},
}

// printDrawSize is the size the server draws the handout's chronology at:
// its box on a screen 1366 pixels wide. paperDrawSize is the size it draws
// it at for paper: the width of an A4 or a Letter page inside the browser's
// margins, at 96 pixels an inch, and the box's height (.print-chart in
// style.css). The paper's drawing scales to the page's width.
var (
	printDrawSize = [2]int{1168, 640}
	paperDrawSize = [2]int{720, 640}
)

// stripsDrawnUpTo is the most events a timeline may have for the server to
// draw the slide show's strip, once for each slide: a strip of n events
// takes about as long to draw as the chronology (0.7 ms an event on a
// two-processor machine), so the strips of every slide take n times that,
// which, up to here, is no more than the home page's charts take.
const stripsDrawnUpTo = 60

// stripDrawSize is the size the server draws the slide show's strip at: its
// box in a window of 1366 × 900 (.slide-strip in style.css).
// narrowStripDrawSize is the size it draws it at for a phone, which a
// screen at most 27rem wide shows instead: the strip's box on a phone from
// 360 × 740 to 430 × 932 is 257 × 88 to 301 × 111 pixels, and shows it at
// four fifths of its size or more, and no more than its size.
var (
	stripDrawSize       = [2]int{1214, 108}
	narrowStripDrawSize = [2]int{300, 109}
)

// drawOption is the option file a chart is drawn from: the overview of a
// large timeline's chronology, as its page draws first.
func (s *Server) drawOption(kind string) (json.RawMessage, string) {
	name := kind + ".json"
	if _, ok := s.data.names[overviewFile]; ok && kind == charts.KindChronology {
		name = overviewFile
	}
	hashed := s.data.names[name]
	return s.data.files[hashed].body, hashed
}

// chartDrawing is the drawing of a chart of a page in look, at size,
// started if it is not yet.
func (s *Server) chartDrawing(kind, look string, size [2]int, legend bool) *drawing {
	opt, name := s.drawOption(kind)
	return drawChart(draw.Chart{Kind: kind, Option: opt, Width: size[0], Height: size[1], Look: look, Legend: legend}, name)
}

// drawAhead draws the charts of the home page, of the embeds and of the
// handout in the background, in the default look first, and then the slide
// show's strip of every slide in that look, so that they are ready when
// pages are asked for. The drawings are made in the order asked for.
func (s *Server) drawAhead() {
	for i, look := range s.drawnLooks() {
		s.aheadIn(look)
		if i == 0 && s.drawing && len(s.timeline.Events) <= stripsDrawnUpTo {
			for _, size := range [][2]int{stripDrawSize, narrowStripDrawSize} {
				s.stripDrawingAt(look, nil, size)
				for _, e := range s.timeline.Events {
					s.stripDrawingAt(look, e, size)
				}
			}
		}
	}
}

// drawnLooks are the looks drawAhead draws in.
func (s *Server) drawnLooks() []string {
	if s.defaultLook {
		return looks[:1]
	}
	return looks
}

// withDefaultLook has the server draw ahead in the default look alone, as
// an export is.
func withDefaultLook() Option {
	return func(s *Server) { s.defaultLook = true }
}

// waitsForDrawing says whether an export's page or picture at path waits
// for the server to draw: 1 if so, 0 if not.
func (s *Server) waitsForDrawing(path string) int {
	if isPicture(path) || path == s.routePath("home") || path == s.routePath("print") {
		return 1
	}
	for _, kind := range charts.Kinds {
		if path == s.routePath("embed", "kind", kind) {
			return 1
		}
	}
	return 0
}

// aheadIn are the drawings that drawAhead makes in look: the charts of
// the home page, for a wide screen and for a phone, and of the embeds, and
// the handout's.
func (s *Server) aheadIn(look string) []*drawing {
	if !s.drawing {
		return nil
	}
	var out []*drawing
	for _, sizes := range []map[string][2]int{drawSizes, narrowDrawSizes, embedDrawSizes} {
		for _, kind := range s.drawnKinds() {
			out = append(out, s.chartDrawing(kind, look, sizes[kind], hasLegend(kind)))
		}
	}
	// The handout's chronology, on screen and on paper.
	kind := charts.KindChronology
	return append(out, s.chartDrawing(kind, look, printDrawSize, hasLegend(kind)), s.paperDrawing(kind))
}

// drawnKinds are the charts the server draws for pages: every chart, or
// for a large timeline the chronology's overview alone, which its page
// carries, as it did before the server drew: each of the others takes
// seconds to draw at 10,000 events, and the browser draws them, after the
// chronology, as it did.
func (s *Server) drawnKinds() []string {
	if len(s.timeline.Events) > charts.OverviewFrom {
		return []string{charts.KindChronology}
	}
	return charts.Kinds
}

// withDrawing puts the server's drawing of c in it, if it is ready: a
// page asked for before then is drawn in the browser. An export, which
// asks for each page once, waits for it.
func (s *Server) withDrawing(c *views.Chart, look string, size [2]int) {
	if !s.drawing || !slices.Contains(s.drawnKinds(), c.Kind) {
		return
	}
	c.Drawn = s.drawnNow(s.chartDrawing(c.Kind, look, size, len(c.Legend) > 0), look)
}

// withNarrow puts in c, which the server drew, its drawing for a phone
// (narrowDrawSizes), if it is ready; a page without it has ECharts draw the
// chart on a phone. Its marks go in the page once, when they are those of
// the wide drawing.
func (s *Server) withNarrow(c *views.Chart, look string) {
	if c.Drawn == nil {
		return
	}
	if c.Narrow = s.drawnNow(s.chartDrawing(c.Kind, look, narrowDrawSizes[c.Kind], len(c.Legend) > 0), look); c.Narrow != nil {
		dedupeMarks(c)
	}
}

// dedupeMarks drops the items of c's drawing for a phone when they are
// those of its drawing for a wide screen, so that the page carries them
// once.
func dedupeMarks(c *views.Chart) {
	wide, _ := c.Drawn.Items.(json.RawMessage)
	if narrow, _ := c.Narrow.Items.(json.RawMessage); bytes.Equal(wide, narrow) {
		c.Narrow.Items = nil
	}
}

// withPaper puts in c, which the server drew, its drawing for paper, if
// it is ready: the drawing the page prints instead of the one on screen,
// in the default look, on white and without the slider (paperDrawSize).
// Without it, printing has ECharts draw the chart again for paper.
func (s *Server) withPaper(c *views.Chart) {
	if c.Drawn == nil {
		return
	}
	c.Paper = s.drawnNow(s.paperDrawing(c.Kind), looks[0])
}

// paperDrawing is the drawing of a chart for paper, started if it is not
// yet.
func (s *Server) paperDrawing(kind string) *drawing {
	opt, name := s.drawOption(kind)
	return drawChart(draw.Chart{Kind: kind, Option: opt, Width: paperDrawSize[0], Height: paperDrawSize[1],
		Look: looks[0], Legend: hasLegend(kind), Paper: paperOf(looks[0])}, name)
}

// withStrip puts in c, the slide show's strip, the server's drawings of it
// for the slide of event e (nil for the title slide), for a wide screen and
// for a phone, if they are ready: the strip rings e and names it with its
// neighbours in the show, the events before and after it. The strips are
// drawn ahead in the default look (drawAhead), and in another the first
// time a slide is asked for in it; a page asked for before its strips are
// drawn is not kept (unfinished).
func (s *Server) withStrip(r *http.Request, c *views.Chart, e *timeline.Event) {
	if !s.drawing || len(s.timeline.Events) > stripsDrawnUpTo {
		return // the browser draws it, as it draws every slide's
	}
	look := lookOf(r)
	dr, nd := s.stripDrawing(look, e), s.stripDrawingAt(look, e, narrowStripDrawSize) // both started
	if c.Drawn = s.drawnNow(dr, look); c.Drawn == nil {
		if !dr.failed() {
			unfinished(r)
		}
		return
	}
	if c.Narrow = s.drawnNow(nd, look); c.Narrow == nil {
		if !nd.failed() {
			unfinished(r)
		}
		return
	}
	dedupeMarks(c)
}

// stripDrawing is the drawing of the slide show's strip for the slide of
// event e (nil for the title slide) in look, started if it is not yet.
func (s *Server) stripDrawing(look string, e *timeline.Event) *drawing {
	return s.stripDrawingAt(look, e, stripDrawSize)
}

// stripDrawingAt is stripDrawing at size.
func (s *Server) stripDrawingAt(look string, e *timeline.Event, size [2]int) *drawing {
	opt, name := s.drawOption(charts.KindStrip)
	c := draw.Chart{Kind: charts.KindStrip, Option: opt, Width: size[0], Height: size[1], Look: look}
	if e != nil {
		c.Marked = e.ID
		events := s.timeline.Events
		i := slices.Index(events, e)
		if i > 0 {
			c.Neighbours[0] = events[i-1].ID
		}
		if i+1 < len(events) {
			c.Neighbours[1] = events[i+1].ID
		}
	}
	return drawChart(c, name)
}

// drawnNow is a drawing for a page, or nil if it is not ready: an export
// waits for it.
func (s *Server) drawnNow(dr *drawing, look string) *views.Drawn {
	if s.once {
		ctx, cancel := context.WithTimeout(context.Background(), draw.Limit)
		_, _ = dr.wait(ctx) // one that fails is drawn in the browser
		cancel()
	}
	if d, ok := dr.ready(); ok {
		return &views.Drawn{SVG: d.SVG, Items: d.Items, Look: look, Width: d.Width, Height: d.Height}
	}
	return nil
}

// unfinishedKey is the context key of a page's flag that it was made
// before a drawing it shows was ready, so that it is not kept.
type unfinishedKey struct{}

// withUnfinished gives a request a flag that unfinished sets.
func withUnfinished(r *http.Request) (*http.Request, *atomic.Bool) {
	flag := new(atomic.Bool)
	return r.WithContext(context.WithValue(r.Context(), unfinishedKey{}, flag)), flag
}

// unfinished says that the page r asks for is made without a drawing that
// is still being made.
func unfinished(r *http.Request) {
	if flag, ok := r.Context().Value(unfinishedKey{}).(*atomic.Bool); ok {
		flag.Store(true)
	}
}

// drawnIn says whether the charts of the home page and the embeds are
// drawn in look, or have failed, which leaves them to the browser for good:
// a page made before then, which has the browser draw them, is made again
// once they are.
func (s *Server) drawnIn(look string) bool {
	if !s.drawing {
		return false
	}
	if s.drawn[look].Load() {
		return true // drawn once, drawn for good
	}
	for _, d := range s.aheadIn(look) {
		if _, ok := d.ready(); !ok && !d.failed() {
			return false
		}
	}
	s.drawn[look].Store(true)
	return true
}

// waitDrawn waits until every chart that drawAhead draws is drawn, or has
// failed, which leaves it to the browser; it fails only when ctx ends.
func (s *Server) waitDrawn(ctx context.Context) error {
	for _, look := range s.drawnLooks() {
		for _, d := range s.aheadIn(look) {
			_, _ = d.wait(ctx) // a drawing that failed is the browser's to draw
			if ctx.Err() != nil {
				return ctx.Err()
			}
		}
	}
	return nil
}

// hasLegend says whether a chart of kind has a legend, which its page
// shows as buttons (chart).
func hasLegend(kind string) bool {
	return kind == charts.KindChronology || kind == charts.KindPlayer || kind == charts.KindPerYear
}
