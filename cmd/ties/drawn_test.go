package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"ties/timeline/charts"
)

// drawingServer is a server of the built-in timeline whose charts are
// drawn on the server, with every drawing done.
func drawingServer(tb testing.TB, opts ...Option) *Server {
	tb.Helper()
	s := NewServer(defaultTimeline(tb), append(opts, WithDrawing())...)
	if err := s.waitDrawn(context.Background()); err != nil {
		tb.Fatal(err)
	}
	return s
}

// openDrawn opens path in a new tab of s, in a browser context of its own,
// so with no look chosen but what path asks for.
func openDrawn(tb testing.TB, s *Server, path string, width, height int64) *tab {
	tb.Helper()
	tt := openSite(tb, s, "", width, height)
	tt.open(path)
	return tt
}

// markAtJS finds the middle of the drawn mark of the chronology's event
// %q, in the window's pixels, scrolled into view.
const markAtJS = `(() => {
	const el = document.querySelector('[data-chart="chronology"]');
	const items = JSON.parse(document.getElementById('marks-chronology').textContent);
	for (const m of el.querySelectorAll('svg [data-ecmeta-series-index]')) {
		const s = items[+m.getAttribute('data-ecmeta-series-index')];
		const it = s && s.data[+m.getAttribute('data-ecmeta-data-index')];
		if (it && it.events && it.events[0] === %q && m.tagName === 'path') {
			m.scrollIntoView({block: 'center'});
			const r = m.getBoundingClientRect();
			return {x: r.left + r.width / 2, y: r.top + r.height / 2};
		}
	}
	return null;
})()`

type point struct{ X, Y float64 }

// TestBrowserDrawnOnTheServer: "/" comes with every chart drawn, and the
// marks answer the pointer without ECharts: a tooltip on hover, the reading
// panel on a click. ECharts comes once the reader zooms, and draws the
// chart over the server's drawing.
func TestBrowserDrawnOnTheServer(t *testing.T) {
	tt := openDrawn(t, drawingServer(t), "/", 1366, 900)
	if got := eval[[]string](tt, `Array.from(document.querySelectorAll('[data-chart]')).filter(e => !e.querySelector(':scope > svg')).map(e => e.dataset.chart)`); len(got) > 0 {
		t.Fatalf("charts not drawn on the server: %v", got)
	}
	if eval[bool](tt, `typeof window.echarts !== 'undefined'`) {
		t.Fatal("ECharts was loaded before the reader did anything")
	}
	at := eval[*point](tt, fmt.Sprintf(markAtJS, "khan-visits-moscow"))
	if at == nil {
		t.Fatal("no drawn mark for khan-visits-moscow")
	}
	tt.do(chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, at.X, at.Y))
	tt.waitFor(`(() => { const t = document.querySelector('.drawn-tip'); return !!t && !t.hidden && t.textContent.includes('Khan visits Moscow'); })()`)
	// The panel opens from the server's drawing; beside the chart, it
	// narrows the chart, which ECharts then draws again at its new size.
	tt.do(chromedp.Evaluate[chromedp.Void](`new MutationObserver(() => {
		const p = document.querySelector('[data-reading-panel]');
		if (p && !p.hidden && window.openedWith === undefined) window.openedWith = typeof window.echarts;
	}).observe(document.body, {subtree: true, childList: true, attributes: true})`))
	tt.do(chromedp.MouseClickXY(at.X, at.Y))
	tt.waitFor(panelShows(defaultTimeline(t).Event("khan-visits-moscow").Title))
	if got := eval[string](tt, `window.openedWith`); got != "undefined" {
		t.Errorf("the panel opened with ECharts %s, want it opened from the server's drawing", got)
	}
	tt.waitFor(`!!document.querySelector('[data-chart="chronology"] canvas') && !document.querySelector('[data-chart="chronology"] > svg')`)
	tt.checkClean()

	// A zoom brings ECharts, which draws the chart over the server's drawing.
	tt.open("/")
	at = eval[*point](tt, fmt.Sprintf(markAtJS, "khan-visits-moscow"))
	if eval[bool](tt, `typeof window.echarts !== 'undefined'`) {
		t.Fatal("ECharts was loaded before the reader did anything")
	}
	tt.do(chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, at.X, at.Y)) // the pointer comes first, as a reader's does
	tt.do(chromedp.MouseEvent(input.DispatchMouseEventTypeMouseWheel, at.X, at.Y, func(p *input.DispatchMouseEventParams) { p.DeltaX, p.DeltaY = 0.01, -120 } /* CDP wants both deltas, and drops a zero */))
	tt.waitFor(`typeof window.echarts !== 'undefined' && !!document.querySelector('[data-chart="chronology"] canvas') && !document.querySelector('[data-chart="chronology"] > svg')`)
	tt.checkClean()
}

// TestBrowserDrawnInTheCookiesLook: the look chosen is kept in a cookie, so
// that the next page comes drawn in it, with nothing for ECharts to redraw.
func TestBrowserDrawnInTheCookiesLook(t *testing.T) {
	tt := openDrawn(t, drawingServer(t), "/", 1366, 900)
	tt.do(chromedp.Evaluate[chromedp.Void](`(() => { const s = document.querySelector('[data-look-choice]'); s.value = 'dark'; s.dispatchEvent(new Event('change')); })()`))
	tt.waitFor(`document.cookie.includes('ties-look=dark')`)
	tt.open("/events")
	tt.open("/")
	if got := eval[[]string](tt, `Array.from(document.querySelectorAll('[data-chart]')).map(e => e.dataset.drawnLook + (e.querySelector(':scope > svg') ? '' : ' redrawn'))`); strings.Join(got, ",") != "dark,dark,dark,dark" {
		t.Errorf("charts drawn in %v, want dark by the server", got)
	}
	tt.checkClean()
}

// TestBrowserWithoutJavaScript: with scripts off, the chronology and its
// labels, the list of events, an event's page with its passage, and the
// article all show.
func TestBrowserWithoutJavaScript(t *testing.T) {
	srv := httptest.NewServer(drawingServer(t))
	defer srv.Close()
	tt := openAt(t, srv.URL, "", 1366, 900)
	tt.open("/events")
	if _, err := chromedp.Call(tt.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	visible := func(sel string) string {
		return fmt.Sprintf(`Array.from(document.querySelectorAll(%q)).filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; }).length`, sel)
	}
	for _, c := range []struct {
		path, sel, what string
		least           int
	}{
		{"/", `[data-chart="chronology"] svg text`, "labels of the chronology", 36},
		{"/", `[data-chart="per-year"] svg path`, "bars per year", 10},
		{"/", `.event-list li[data-event]`, "events listed", 10},
		{"/events/khan-visits-moscow", `.passage mark`, "quoted words marked in their passage", 1},
		{"/sources/diplomat-2022", `article.source p`, "paragraphs of the article", 10},
	} {
		tt.do(chromedp.Navigate(srv.URL + c.path))
		tt.waitFor(`document.readyState === 'complete'`)
		if got := eval[int](tt, visible(c.sel)); got < c.least {
			t.Errorf("%s: %d %s shown (%s), want at least %d", c.path, got, c.what, c.sel, c.least)
		}
	}
	// On a phone, the chronology's labels are those of its drawing for a
	// phone, big enough to read.
	tt.do(chromedp.EmulateViewport(390, 844))
	tt.do(chromedp.Navigate(srv.URL + "/"))
	tt.waitFor(`document.readyState === 'complete'`)
	const labels = `[data-chart="chronology"] svg text`
	if got := eval[int](tt, visible(labels)); got < 36 {
		t.Errorf("at 390×844: %d labels of the chronology shown, want at least 36", got)
	}
	if got := eval[float64](tt, fmt.Sprintf(`Math.min(...Array.from(document.querySelectorAll(%q)).map(e => e.getBoundingClientRect().height).filter(h => h > 0))`, labels)); got < 9 {
		t.Errorf("at 390×844: the chronology's smallest label is %.1f px high, want 9 px or more", got)
	}
	if eval[bool](tt, `typeof window.ties !== 'undefined'`) {
		t.Error("scripts ran with JavaScript off: the test shows nothing")
	}
}

// TestBrowserDrawnPlayerTakesTheClick: a click on the drawn player's
// timeline brings ECharts, which is then given the click: the year clicked
// is shown.
func TestBrowserDrawnPlayerTakesTheClick(t *testing.T) {
	tt := openDrawn(t, drawingServer(t), "/", 1366, 900)
	const shown = `(() => {
		const e = ties.entries.find(e => e.kind === 'player');
		if (!e.chart) return null;
		const tl = e.chart.getOption().timeline[0], d = tl.data[tl.currentIndex];
		return String(d && d.value !== undefined ? d.value : d);
	})()`
	at := eval[*point](tt, `(() => {
		const el = document.querySelector('[data-chart="player"]');
		el.scrollIntoView({block: 'center'});
		const t = Array.from(el.querySelectorAll(':scope > svg text')).find(t => t.textContent === '2015');
		if (!t) return null;
		const r = t.getBoundingClientRect();
		return {x: r.left + r.width / 2, y: r.top + r.height / 2};
	})()`)
	if at == nil {
		t.Fatal("the drawn player has no year 2015 on its timeline")
	}
	tt.do(chromedp.MouseClickXY(at.X, at.Y))
	tt.waitFor(`(() => { const e = ties.entries.find(e => e.kind === 'player'); return !!e.chart && e.el.dataset.ready === 'true'; })()`)
	tt.waitFor(shown + ` === '2015'`)
	tt.checkClean()
}

// TestBrowserDrawnPrintsDarkOnWhite: a page the server drew in a dark look
// prints its charts dark on the white paper that the style sheet prints
// on, as the default look draws them: ECharts, which printing asks for,
// comes too late for the printer.
func TestBrowserDrawnPrintsDarkOnWhite(t *testing.T) {
	s := drawingServer(t)
	for _, look := range []string{"dark", "contrast"} {
		tt := openDrawn(t, s, "/?look="+look, 1366, 900)
		if _, err := chromedp.Call(tt.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
			t.Fatal(err)
		}
		// The luminance of the chronology's text as printed: its fill,
		// through the filter on the drawing, which the test reads as the
		// browser applies it.
		got := eval[float64](tt, `(() => {
			const svg = document.querySelector('[data-chart="chronology"] > svg');
			const [r, g, b] = getComputedStyle(svg.querySelector('text')).fill.match(/\d+/g).map(Number);
			let l = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
			const f = getComputedStyle(svg).filter;
			if (/invert\(1\)/.test(f)) l = 1 - l;
			return l;
		})()`)
		if got > 0.4 {
			t.Errorf("%s: the chronology's text prints at luminance %.2f on white paper, want dark (≤ 0.4)", look, got)
		}
		tt.checkClean()
	}
}

// TestBrowserHandoutPrintsItsPaperDrawing: the handout comes with its
// chronology drawn twice by the server, in the reader's look for the
// screen and for paper, and prints the paper's drawing at once: on white,
// in dark text, without the zoom slider, and without waiting for ECharts,
// which printing then does not load.
func TestBrowserHandoutPrintsItsPaperDrawing(t *testing.T) {
	s := drawingServer(t)
	// belowAxis counts what a drawing shows below its lowest text, the
	// axis's: the slider, on the screen's drawing.
	const belowAxis = `((svg) => {
		const floor = Math.max(...[...svg.querySelectorAll('text')].map(e => e.getBoundingClientRect().bottom));
		const box = svg.getBoundingClientRect();
		return [...svg.querySelectorAll('path, rect')].filter(e => {
			const r = e.getBoundingClientRect();
			return r.width > 0 && r.height > 0 && r.height < box.height / 2 && r.top > floor;
		}).length;
	})(document.querySelector(%q))`
	const screen, paper = `[data-chart="chronology"] > svg`, `[data-chart="chronology"] > .chart-paper > svg`
	shown := func(tt *tab, sel string) bool {
		return eval[bool](tt, fmt.Sprintf(`(() => { const e = document.querySelector(%q), r = e && e.getBoundingClientRect(); return !!e && r.width > 300 && r.height > 300; })()`, sel))
	}
	for _, look := range []string{"default", "dark"} {
		tt := openDrawn(t, s, "/print?look="+look, 1366, 900)
		if got := eval[string](tt, `document.querySelector('[data-chart="chronology"]').dataset.drawnLook`); got != look {
			t.Errorf("%s: the handout's chronology is drawn in the %q look, want the reader's", look, got)
		}
		if !shown(tt, screen) || shown(tt, paper) {
			t.Fatalf("%s: on screen, the handout shows the drawing for paper, or not the one for the screen", look)
		}
		if n := eval[int](tt, fmt.Sprintf(belowAxis, screen)); n == 0 {
			t.Errorf("%s: on screen, the chronology shows nothing below its axis, want its slider", look)
		}
		if _, err := chromedp.Call(tt.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
			t.Fatal(err)
		}
		tt.do(chromedp.EmulateViewport(720, 900)) // an A4 page's width inside its margins
		tt.waitFor(`ties.printing()`)
		if !shown(tt, paper) || shown(tt, screen) {
			t.Fatalf("%s: printed, the handout shows the drawing for the screen, or not the one for paper", look)
		}
		if n := eval[int](tt, fmt.Sprintf(belowAxis, paper)); n != 0 {
			t.Errorf("%s: printed, the chronology shows %d marks below its axis, want no slider", look, n)
		}
		l := eval[float64](tt, fmt.Sprintf(`(() => {
			const [r, g, b] = getComputedStyle(document.querySelector(%q + ' text')).fill.match(/\d+/g).map(Number);
			return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
		})()`, paper))
		if l > 0.4 {
			t.Errorf("%s: printed, the chronology's text is at luminance %.2f, want dark (≤ 0.4)", look, l)
		}
		// The window's width first: on screen, a box narrower than its
		// drawing has ECharts draw it.
		tt.do(chromedp.EmulateViewport(1366, 900))
		if _, err := chromedp.Call(tt.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: ""}); err != nil {
			t.Fatal(err)
		}
		tt.waitFor(`!ties.printing()`)
		if !shown(tt, screen) {
			t.Errorf("%s: after printing, the handout shows no drawing for the screen", look)
		}
		if eval[bool](tt, `typeof window.echarts !== 'undefined'`) {
			t.Errorf("%s: printing the handout loaded ECharts, want the server's drawing for paper printed", look)
		}
		tt.checkClean()
	}
}

// TestFailedDrawingSettles: a chart the server fails to draw is left to
// the browser for good, and does not keep the home page made before the
// other charts were drawn: once they are, the page comes with them.
func TestFailedDrawingSettles(t *testing.T) {
	s := NewServer(syntheticTimeline(t, 40), WithDrawing()) // drawn by no other test
	_, option := s.drawOption(charts.KindActors)
	size := narrowDrawSizes[charts.KindActors]
	k := drawKey{option: option, kind: charts.KindActors, look: looks[0], w: size[0], h: size[1]}
	failed := &drawing{done: make(chan struct{}), err: errors.New("a drawing that fails, for the test")}
	close(failed.done)
	drawings.Lock()
	drawings.m[k] = failed
	drawings.Unlock()
	t.Cleanup(func() {
		drawings.Lock()
		delete(drawings.m, k)
		drawings.Unlock()
	})
	before := mustDoc(t, s, "/", http.StatusOK)
	if err := s.waitDrawn(t.Context()); err != nil {
		t.Fatal(err)
	}
	doc := mustDoc(t, s, "/", http.StatusOK)
	if n := doc.Find(`[data-chart="chronology"] > svg`).Length(); n != 1 {
		t.Errorf("once every drawing is done or has failed, / carries %d drawings of the chronology, want 1 (the first page carried %d)",
			n, before.Find(`[data-chart="chronology"] > svg`).Length())
	}
	if n := doc.Find(`[data-chart="actors"] > .chart-narrow`).Length(); n != 0 {
		t.Errorf("/ carries %d drawings of the actors for a phone, want none: it failed", n)
	}
}
