package main

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
)

// brokenWordsJS lists the words of the page's links, buttons, labels and
// headings that are drawn broken across two lines.
const brokenWordsJS = `(() => {
	const out = [];
	for (const el of document.querySelectorAll('a, button, label, summary, th, h1, h2, h3, .theme, time')) {
		if (!el.checkVisibility()) continue;
		const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
		for (let n = walk.nextNode(); n; n = walk.nextNode()) {
			const re = /[^\s\-–—\/]+/g; // a break after a hyphen, a dash or a slash is one between words
			for (let m = re.exec(n.data); m; m = re.exec(n.data)) {
				const r = document.createRange();
				r.setStart(n, m.index);
				r.setEnd(n, m.index + m[0].length);
				const tops = new Set([...r.getClientRects()].filter(b => b.width > 0).map(b => Math.round(b.top)));
				if (tops.size > 1) out.push(m[0]);
			}
		}
	}
	return out;
})()`

// At 390×844 no page scrolls sideways, the site's own links break between
// words only, and an event's page opens at its top.
func TestBrowserPhonePages(t *testing.T) {
	tl := defaultTimeline(t)
	tt := openTab(t, tl, 390, 844)
	for _, path := range []string{"/", "/events", "/events/khan-visits-moscow", "/sources/diplomat-2022", "/present",
		"/present/khan-putin-summit", "/print", "/embed/chronology", "/embed/player", "/embed/per-year", "/embed/actors",
		"/embed/events/khan-visits-moscow"} {
		tt.open(path)
		if w := eval[float64](tt, `document.documentElement.scrollWidth`); w > 390 {
			t.Errorf("%s is %.0f px wide at 390 px", path, w)
		}
		if broken := eval[[]string](tt, brokenWordsJS); len(broken) > 0 {
			t.Errorf("%s: these words of links, buttons and labels break across lines: %q", path, broken)
		}
	}
	tt.open("/events/khan-visits-moscow")
	if y := eval[float64](tt, `scrollY`); y != 0 {
		t.Errorf("an event's page opens scrolled down by %.0f px, not at its top", y)
	}
}

// At 390×844, in every look, a slide's date is on one line, and its theme
// shows whole, under the date where the two do not fit side by side.
func TestBrowserPhoneSlideDate(t *testing.T) {
	tt := openTab(t, defaultTimeline(t), 390, 844)
	for _, look := range looks {
		for _, id := range []string{"khan-visits-moscow", "russia-invades-ukraine"} {
			tt.open("/present/" + id + "?look=" + look)
			tt.waitFor(`document.querySelector('[data-slides]').dataset.ready === "true"`)
			got := eval[struct{ Lines, Overflow float64 }](tt, `(() => {
				const slide = document.querySelector('.slide:not([hidden])'), time = slide.querySelector('.slide-meta time');
				const r = document.createRange();
				r.selectNodeContents(time);
				const lines = new Set([...r.getClientRects()].filter(b => b.width > 0).map(b => Math.round(b.top))).size;
				const theme = slide.querySelector('.slide-meta .theme').getBoundingClientRect();
				return {lines, overflow: theme.right - slide.querySelector('.slide-body').getBoundingClientRect().right};
			})()`)
			if got.Lines != 1 {
				t.Errorf("%s, %s: the slide's date takes %.0f lines, want 1", look, id, got.Lines)
			}
			if got.Overflow > 0.5 {
				t.Errorf("%s, %s: the slide's theme runs %.0f px past the slide's edge", look, id, got.Overflow)
			}
		}
	}
}

// A tap on nothing, within 24 px of a mark, picks that mark: on a phone the
// chronology's marks are 10 px wide.
func TestBrowserTapNearAMark(t *testing.T) {
	tl := defaultTimeline(t)
	tt := openTab(t, tl, 390, 844)
	tt.open("/embed/chronology")
	at := eval[struct {
		ID   string
		X, Y float64
	}](tt, `(() => {
		const el = document.querySelector('[data-chart="chronology"]'), chart = echarts.getInstanceByDom(el);
		const marks = [];
		chart.getModel().getSeries().forEach(model => {
			const data = model.getData();
			for (let i = 0; i < data.count(); i++) {
				const g = data.getItemGraphicEl(i), item = data.getRawDataItem(i);
				if (!g || !item || !item.events) continue;
				g.eachChild(c => { if (c.type !== 'text' && c.style && c.style.fill) marks.push({id: item.events[0], r: c.getBoundingRect()}); });
			}
		});
		const dist = (r, x, y) => Math.hypot(Math.max(r.x - x, 0, x - r.x - r.width), Math.max(r.y - y, 0, y - r.y - r.height));
		for (const m of marks) {
			const cx = m.r.x + m.r.width / 2, cy = m.r.y + m.r.height / 2;
			for (const [dx, dy] of [[0, 16], [0, -16], [18, 0], [-18, 0], [14, 14], [-14, -14]]) {
				const x = cx + dx, y = cy + dy;
				if (chart.getZr().handler.findHover(x, y).target) continue;
				const near = marks.slice().sort((a, b) => dist(a.r, x, y) - dist(b.r, x, y))[0];
				if (near.id === m.id && dist(m.r, x, y) <= 24 && dist(m.r, x, y) > 3) {
					const box = el.getBoundingClientRect();
					return {id: m.id, x: box.left + x, y: box.top + y};
				}
			}
		}
		return {id: ''};
	})()`)
	if at.ID == "" {
		t.Fatal("no mark has a blank point within 24 px of it")
	}
	tt.do(chromedp.MouseClickXY(at.X, at.Y))
	tt.waitFor(panelShows(tl.Event(at.ID).Title))
}

// phoneChartsJS describes each chart of the page as the window shows it:
// how many of the server's drawings show, whether the one shown is the
// drawing for a phone, the scale it shows at, of the size it was drawn at,
// and the height of its smallest text. It waits two frames first, for the
// page to take its size: drawn.js's ResizeObserver, which loads ECharts
// for a drawing too small to read, reports before the first.
const phoneChartsJS = `new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))).then(() =>
	Array.from(document.querySelectorAll('[data-chart]')).map(el => {
		const shown = Array.from(el.querySelectorAll('svg')).filter(s => s.getClientRects().length > 0);
		const svg = shown[0], box = svg && svg.getBoundingClientRect();
		const texts = svg ? Array.from(svg.querySelectorAll('text')).map(t => t.getBoundingClientRect().height).filter(h => h > 0) : [];
		return {Kind: el.dataset.chart, Shown: shown.length, Narrow: !!svg && !!svg.closest('.chart-narrow'),
			Scale: svg ? box.width / Number(svg.getAttribute('width')) : 0, Text: texts.length ? Math.min(...texts) : 0};
	}))`

type phoneChart struct {
	Kind        string
	Shown       int
	Narrow      bool
	Scale, Text float64
}

// echartsLoadedJS says whether the page has asked for ECharts.
const echartsLoadedJS = `typeof window.echarts !== 'undefined' || !!document.querySelector('script[src*="echarts"]')`

// checkPhoneCharts checks that each chart of the page shows the server's
// drawing for a phone (narrow) or the one for a wide screen, alone, at
// four fifths of its size or more, with text 9 pixels high or more, and
// that the page has not asked for ECharts to draw them again.
func checkPhoneCharts(t *testing.T, tt *tab, narrow bool, when string) {
	t.Helper()
	charts := eval[[]phoneChart](tt, phoneChartsJS)
	if len(charts) != len(drawSizes) {
		t.Fatalf("%s: %d charts, want %d", when, len(charts), len(drawSizes))
	}
	for _, c := range charts {
		if c.Shown != 1 || c.Narrow != narrow {
			t.Errorf("%s: the %s chart shows %d drawings (the one for a phone: %v), want 1 (%v)", when, c.Kind, c.Shown, c.Narrow, narrow)
		}
		if c.Scale < 0.8 || c.Scale > 1.02 {
			t.Errorf("%s: the %s chart's drawing shows at %.2f of its size, want 0.8 to 1.02", when, c.Kind, c.Scale)
		}
		if c.Text < 9 {
			t.Errorf("%s: the %s chart's smallest text is %.1f px high, want 9 px or more", when, c.Kind, c.Text)
		}
	}
	if eval[bool](tt, echartsLoadedJS) {
		t.Errorf("%s: the page asked for ECharts, want the server's drawings read as they are", when)
	}
}

// TestBrowserPhoneShowsItsOwnDrawing: at 390×844 the home page shows the
// server's drawing of each chart for a phone, big enough to read and
// without ECharts, whose marks open the reading panel; a window that
// narrows to a phone's width, or widens again, shows the drawing for its
// width, still without ECharts.
func TestBrowserPhoneShowsItsOwnDrawing(t *testing.T) {
	s := drawingServer(t)
	tt := openDrawn(t, s, "/", 390, 844)
	checkPhoneCharts(t, tt, true, "at 390×844")
	at := eval[*point](tt, `(() => {
		const el = document.querySelector('[data-chart="chronology"] > .chart-narrow');
		const items = JSON.parse(document.querySelector(el.dataset.marks).textContent);
		for (const m of el.querySelectorAll('svg [data-ecmeta-series-index]')) {
			const s = items[+m.getAttribute('data-ecmeta-series-index')];
			const it = s && s.data[+m.getAttribute('data-ecmeta-data-index')];
			if (it && it.events && it.events[0] === 'khan-visits-moscow' && m.tagName === 'path') {
				m.scrollIntoView({block: 'center'});
				const r = m.getBoundingClientRect();
				return {x: r.left + r.width / 2, y: r.top + r.height / 2};
			}
		}
		return null;
	})()`)
	if at == nil {
		t.Fatal("the chronology's drawing for a phone has no mark for khan-visits-moscow")
	}
	tt.do(chromedp.MouseClickXY(at.X, at.Y))
	tt.waitFor(panelShows(defaultTimeline(t).Event("khan-visits-moscow").Title))
	if eval[bool](tt, echartsLoadedJS) {
		t.Error("a tap on a mark of the drawing for a phone asked for ECharts, want the panel opened from the drawing")
	}
	tt.checkClean()

	// A tap on nothing, near a mark of the drawing for a phone, picks it.
	tt = openDrawn(t, s, "/", 390, 844)
	near := eval[struct {
		ID   string
		X, Y float64
	}](tt, `(() => {
		const el = document.querySelector('[data-chart="chronology"] > .chart-narrow');
		el.scrollIntoView({block: 'center'});
		const items = JSON.parse(document.querySelector(el.dataset.marks).textContent);
		const marks = [];
		for (const m of el.querySelectorAll('svg [data-ecmeta-series-index]')) {
			const s = items[+m.getAttribute('data-ecmeta-series-index')];
			const it = s && s.data[+m.getAttribute('data-ecmeta-data-index')];
			if (it && it.events && m.getAttribute('data-ecmeta-silent') !== 'true' && m.tagName === 'path') marks.push({id: it.events[0], r: m.getBoundingClientRect()});
		}
		const dist = (r, x, y) => Math.hypot(Math.max(r.left - x, 0, x - r.right), Math.max(r.top - y, 0, y - r.bottom));
		for (const m of marks) {
			const cx = m.r.left + m.r.width / 2, cy = m.r.top + m.r.height / 2;
			for (const [dx, dy] of [[0, 14], [0, -14], [16, 0], [-16, 0], [12, 12], [-12, -12]]) {
				const x = cx + dx, y = cy + dy, at = document.elementFromPoint(x, y);
				if (!at || !el.contains(at) || at.closest('[data-ecmeta-series-index]')) continue;
				const best = marks.slice().sort((a, b) => dist(a.r, x, y) - dist(b.r, x, y))[0];
				if (best.id === m.id && dist(m.r, x, y) <= 24 && dist(m.r, x, y) > 3) return {id: m.id, x, y};
			}
		}
		return {id: ''};
	})()`)
	if near.ID == "" {
		t.Fatal("no mark of the chronology's drawing for a phone has a blank point within 24 px of it")
	}
	tt.do(chromedp.MouseClickXY(near.X, near.Y))
	tt.waitFor(panelShows(defaultTimeline(t).Event(near.ID).Title))
	tt.checkClean()

	tt = openDrawn(t, s, "/", 1366, 900)
	checkPhoneCharts(t, tt, false, "at 1366×900")
	tt.do(chromedp.EmulateViewport(390, 844))
	checkPhoneCharts(t, tt, true, "narrowed from 1366×900 to 390×844")
	tt.do(chromedp.EmulateViewport(1366, 900))
	checkPhoneCharts(t, tt, false, "widened again to 1366×900")
	tt.checkClean()
}

// TestBrowserPhoneTapOnABusyStretch: on a phone, a tap on a busy stretch of
// a large timeline's chronology, as the server drew it for a phone, brings
// ECharts, which zooms in on the time under the finger, though the drawing
// shows at less than its size.
func TestBrowserPhoneTapOnABusyStretch(t *testing.T) {
	s := NewServer(syntheticTimeline(t, 2500), WithDrawing())
	if err := s.waitDrawn(t.Context()); err != nil {
		t.Fatal(err)
	}
	tt := openDrawn(t, s, "/", 390, 844)
	shown := eval[[]phoneChart](tt, phoneChartsJS)
	if len(shown) == 0 || !shown[0].Narrow || shown[0].Scale > 0.95 {
		t.Fatalf("the chronology is %+v, want its drawing for a phone, shown smaller than its size", shown)
	}
	// Three quarters of the way along the widest busy stretch, where a
	// tap's place in the drawing and in the box are furthest apart.
	at := eval[*point](tt, `(() => {
		const el = document.querySelector('[data-chart="chronology"] > .chart-narrow');
		el.scrollIntoView({block: 'center'});
		const items = JSON.parse(document.querySelector(el.dataset.marks).textContent);
		let best = null;
		for (const m of el.querySelectorAll('svg [data-ecmeta-series-index]')) {
			const s = items[+m.getAttribute('data-ecmeta-series-index')];
			const it = s && s.data[+m.getAttribute('data-ecmeta-data-index')];
			const r = m.getBoundingClientRect();
			if (it && it.buckets && (!best || r.width > best.width)) best = r;
		}
		return best && {x: best.left + best.width * 0.75, y: best.top + best.height / 2};
	})()`)
	if at == nil {
		t.Fatal("the chronology's drawing for a phone shows no busy stretch")
	}
	tt.do(chromedp.MouseClickXY(at.X, at.Y))
	tt.waitFor(`(() => { const e = ties.entries.find(e => e.kind === 'chronology'); if (!e.chart) return false; const z = e.chart.getOption().dataZoom[0]; return z.end - z.start < 20; })()`)
	zoom := eval[struct{ Start, End float64 }](tt, `(() => {
		const z = ties.entries.find(e => e.kind === 'chronology').chart.getOption().dataZoom[0];
		return {start: z.startValue, end: z.endValue};
	})()`)
	// The time under the tap, as ECharts lays out the whole chronology in
	// the box, as it was when tapped.
	tt.do(chromedp.Evaluate[chromedp.Void](`ties.entries.find(e => e.kind === 'chronology').chart.dispatchAction({type: 'dataZoom', start: 0, end: 100})`))
	tt.waitFor(`(() => { const z = ties.entries.find(e => e.kind === 'chronology').chart.getOption().dataZoom[0]; return z.start === 0 && z.end === 100; })()`)
	tapped := eval[float64](tt, fmt.Sprintf(`(() => {
		const e = ties.entries.find(e => e.kind === 'chronology'), box = e.el.getBoundingClientRect();
		return e.chart.convertFromPixel({xAxisIndex: 0}, %f - box.left);
	})()`, at.X))
	if tapped < zoom.Start || tapped > zoom.End {
		t.Errorf("a tap at %.0f on the chronology's axis zoomed in on %.0f to %.0f, which leaves it out", tapped, zoom.Start, zoom.End)
	}
	tt.checkClean()
}
