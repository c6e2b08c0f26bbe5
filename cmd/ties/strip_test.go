package main

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"ties/timeline"
)

// TestBrowserSlideStripDrawnOnTheServer: each slide's page comes with the
// strip drawn by the server for it, ringing its event and naming its
// neighbours, and the show moves from slide to slide with the server's
// drawings, without ECharts; a subset's show, whose neighbours are its
// own, has ECharts draw the strip.
func TestBrowserSlideStripDrawnOnTheServer(t *testing.T) {
	s := drawingServer(t)
	tl := s.timeline
	i := indexOf(tl, "khan-visits-moscow")
	for _, e := range tl.Events[i-1 : i+3] {
		for _, size := range [][2]int{stripDrawSize, narrowStripDrawSize} {
			if _, err := s.stripDrawingAt("default", e, size).wait(t.Context()); err != nil {
				t.Fatal(err)
			}
		}
	}
	tt := openDrawn(t, s, "/present/khan-visits-moscow", 1366, 900)
	tt.waitFor(`document.querySelector('[data-slides]').dataset.ready === "true"`)
	// names are the texts the strip shows: the event presented and its
	// neighbours, as drawn.
	names := func() string {
		return eval[string](tt, `[...document.querySelectorAll('[data-chart="strip"] > svg text')].map(t => t.textContent).join(' | ')`)
	}
	for step, e := range tl.Events[i : i+3] {
		if step > 0 {
			tt.do(chromedp.KeyEvent(kb.ArrowRight))
			waitSlide(tt, e.ID)
		}
		got := names()
		for _, want := range []string{e.ChartLabel(), "← " + tl.Events[i+step-1].ChartLabel(), tl.Events[i+step+1].ChartLabel() + " →"} {
			if !strings.Contains(got, want) {
				t.Errorf("on the slide of %s, the strip shows %q, want %q in it", e.ID, got, want)
			}
		}
	}
	if eval[bool](tt, `typeof window.echarts !== 'undefined'`) {
		t.Error("moving from slide to slide loaded ECharts, want the server's drawings of the strip")
	}
	tt.checkClean()

	// On a phone, the strip is the server's drawing for a phone, which
	// shows the event presented (the neighbours' names do not fit), from
	// slide to slide, without ECharts.
	tt = openDrawn(t, s, "/present/khan-visits-moscow", 390, 844)
	tt.waitFor(`document.querySelector('[data-slides]').dataset.ready === "true"`)
	for step, e := range tl.Events[i : i+3] {
		if step > 0 {
			tt.do(chromedp.KeyEvent(kb.ArrowRight))
			waitSlide(tt, e.ID)
		}
		c := eval[[]phoneChart](tt, phoneChartsJS)
		if len(c) != 1 || c[0].Shown != 1 || !c[0].Narrow || c[0].Scale < 0.8 || c[0].Scale > 1.02 || c[0].Text < 9 {
			t.Errorf("on the slide of %s at 390×844, the strip is %+v, want its drawing for a phone alone, at 0.8 to 1.02 of its size, with text 9 px high or more", e.ID, c)
		}
		// The name takes two thirds of the strip at most, and is cut to it as the
		// lanes cut names, as it is on any screen.
		texts := eval[[]string](tt, `[...document.querySelectorAll('[data-chart="strip"] > .chart-narrow > svg text')].map(t => t.textContent)`)
		if !slices.ContainsFunc(texts, func(s string) bool {
			cut, ok := strings.CutSuffix(s, "…")
			return s == e.ChartLabel() || ok && len([]rune(cut)) >= 8 && strings.HasPrefix(e.ChartLabel(), cut)
		}) {
			t.Errorf("on the slide of %s at 390×844, the strip shows %q, want %q in it, or its start cut with …", e.ID, texts, e.ChartLabel())
		}
	}
	if eval[bool](tt, echartsLoadedJS) {
		t.Error("on a phone, moving from slide to slide asked for ECharts, want the server's drawings of the strip")
	}
	tt.checkClean()
	// The strip keeps its size on a slide whose number has one digit, and
	// on the smallest and largest phones it is drawn for.
	for _, e := range []*timeline.Event{nil, tl.Events[0]} {
		for _, size := range [][2]int{stripDrawSize, narrowStripDrawSize} {
			if _, err := s.stripDrawingAt("default", e, size).wait(t.Context()); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, at := range []struct {
		path string
		w, h int64
	}{{"/present", 430, 932}, {"/present/" + tl.Events[0].ID, 430, 932}, {"/present/khan-visits-moscow", 360, 740}, {"/present", 360, 740}} {
		tt = openDrawn(t, s, at.path, at.w, at.h)
		tt.waitFor(`document.querySelector('[data-slides]').dataset.ready === "true"`)
		c := eval[[]phoneChart](tt, phoneChartsJS)
		if len(c) != 1 || c[0].Shown != 1 || !c[0].Narrow || c[0].Scale < 0.8 || c[0].Scale > 1.02 || eval[bool](tt, echartsLoadedJS) {
			t.Errorf("%s at %d×%d: the strip is %+v, or asked for ECharts; want its drawing for a phone alone, at 0.8 to 1.02 of its size", at.path, at.w, at.h, c)
		}
	}

	// A subset: the strip's neighbours are the subset's, which ECharts draws.
	tt.open("/present?theme=defence")
	tt.waitFor(`document.querySelector('[data-slides]').dataset.ready === "true"`)
	tt.waitFor(`typeof window.echarts !== 'undefined' && !!document.querySelector('[data-chart="strip"] canvas') && !document.querySelector('[data-chart="strip"] > svg')`)
	tt.checkClean()
}

// TestSlidePageWaitsForItsStrip: a slide's page asked for before the server
// has drawn its strip is not kept, so that it comes with the strip once it
// is drawn, for a wide screen and for a phone; the strip rings that
// slide's event.
func TestSlidePageWaitsForItsStrip(t *testing.T) {
	s := drawingServer(t)
	e := s.timeline.Events[3]
	mustDoc(t, s, "/present/"+e.ID, http.StatusOK) // starts drawing its strip
	for _, size := range [][2]int{stripDrawSize, narrowStripDrawSize} {
		if _, err := s.stripDrawingAt("default", e, size).wait(t.Context()); err != nil {
			t.Fatal(err)
		}
	}
	doc := mustDoc(t, s, "/present/"+e.ID, http.StatusOK)
	strip := doc.Find(`[data-chart="strip"]`)
	if strip.AttrOr("data-drawn-look", "") != "default" || strip.ChildrenFiltered("svg").Length() != 1 || strip.Find(".chart-narrow > svg").Length() != 1 {
		t.Fatalf("the slide of %s, asked for again once its strip is drawn, has no strip drawn by the server for a wide screen and for a phone", e.ID)
	}
	if got := strip.Find("svg text").Text(); !strings.Contains(got, e.ChartLabel()) {
		t.Errorf("the strip of the slide of %s names %q, want its event, %q", e.ID, got, e.ChartLabel())
	}
}
