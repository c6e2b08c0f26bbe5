package main

import (
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
	t.Cleanup(func() { tt.do(chromedp.Evaluate[chromedp.Void](forgetLookJS)) }) // ?look= is kept
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
