package main

import (
	"fmt"
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// A chart's legend is a row of buttons that wraps on a phone, where
// ECharts' own would be paged; a key press on one hides its theme's lane
// and its button says so, and another shows it again.
func TestBrowserLegendFromTheKeyboard(t *testing.T) {
	tt := openTab(t, defaultTimeline(t), 390, 844)
	tt.open("/")
	tt.waitForCharts()
	for _, kind := range []string{"chronology", "player", "per-year"} {
		if got := eval[string](tt, `(() => {
			const o = echarts.getInstanceByDom(document.querySelector('[data-chart="`+kind+`"]')).getOption();
			return o.legend[0].show + ' ' + document.querySelectorAll('[data-legend="`+kind+`"] button[aria-pressed="true"]').length;
		})()`); got != "false 7" {
			t.Errorf("the %s's ECharts legend shown and its buttons pressed: %q, want the buttons alone, all 7 pressed", kind, got)
		}
	}
	if w := eval[float64](tt, `document.documentElement.scrollWidth`); w > 390 {
		t.Errorf("with the legends, / is %v px wide", w)
	}
	eval[any](tt, `[...document.querySelectorAll('[data-legend="chronology"] button')].find(b => b.textContent === 'Energy').id = 'energy-button'`)
	energy := `#energy-button`
	lane := `echarts.getInstanceByDom(document.querySelector('[data-chart="chronology"]')).getOption().legend[0].selected.Energy`
	tt.do(chromedp.Focus(chromedp.CSS(energy)), chromedp.KeyEvent(kb.Enter))
	tt.waitFor(`document.querySelector('` + energy + `').getAttribute('aria-pressed') === 'false'`)
	if eval[bool](tt, lane) {
		t.Errorf("Enter on Energy's button left its lane shown")
	}
	tt.do(chromedp.KeyEvent(" "))
	tt.waitFor(`document.querySelector('` + energy + `').getAttribute('aria-pressed') === 'true'`)
	if !eval[bool](tt, lane) {
		t.Errorf("Space on Energy's button left its lane hidden")
	}
}

// A reader with only a keyboard tabs from the top of / to the chronology,
// moves to an event with the arrow keys, hearing each named, reads it with
// Enter, steps to the next event, and follows the panel's link to the passage
// in the article.
func TestBrowserKeyboardWalk(t *testing.T) {
	tl := defaultTimeline(t)
	tt := openTab(t, tl, 1366, 900)
	tt.open("/")
	tt.waitForCharts()
	tt.waitFor(`ties.events !== null`)
	chart := `document.activeElement === document.querySelector('[data-chart="chronology"]')`
	for i := 0; i < 60 && !eval[bool](tt, chart); i++ {
		tt.do(chromedp.KeyEvent(kb.Tab))
	}
	if !eval[bool](tt, chart) {
		t.Fatalf("60 presses of Tab never reached the chronology; the focus is on %s", eval[string](tt, `document.activeElement.outerHTML.slice(0, 120)`))
	}
	status := `document.querySelector('[data-chronology-status]').textContent`
	// says is whether the live region names the event at place i of those
	// the chart shows, in time.
	says := func(i int) string {
		return fmt.Sprintf(`((e) => %s.startsWith(e.date + ': ' + e.title + '. '))(ties.reading.order(ties.entries[0])[%d])`, status, i)
	}
	tt.do(chromedp.KeyEvent(kb.Home))
	tt.waitFor(says(0))
	// The event under the keyboard is outlined: a dashed ring is drawn.
	if n := eval[int](tt, `echarts.getInstanceByDom(document.querySelector('[data-chart="chronology"]')).getZr().storage.getDisplayList(true).filter(el => el.style && el.style.lineDash && el.style.fill == null && el.style.stroke).length`); n == 0 {
		t.Errorf("the event under the keyboard is not outlined")
	}
	tt.do(chromedp.KeyEvent(kb.ArrowRight))
	tt.waitFor(says(1))
	lane := `ties.events.themes[ties.eventInfo(ties.entries[0].cursor).theme].label`
	before := eval[string](tt, lane)
	tt.do(chromedp.KeyEvent(kb.ArrowDown))
	tt.waitFor(lane + ` !== ` + strconv.Quote(before))
	tt.do(chromedp.KeyEvent(kb.ArrowUp), chromedp.KeyEvent(kb.Enter))
	tt.waitFor(`document.querySelector('[data-reading-panel]') && !document.querySelector('[data-reading-panel]').hidden`)
	if got := eval[string](tt, lane); got != before {
		t.Errorf("↓ then ↑ came back to the lane %q, want %q", got, before)
	}
	read := eval[string](tt, `document.querySelector('.reading-title').textContent`)
	tt.do(chromedp.KeyEvent(kb.ArrowRight))
	tt.waitFor(`document.querySelector('.reading-title').textContent !== ` + strconv.Quote(read))
	next := eval[string](tt, `new URLSearchParams(location.search).get('event')`)
	e := tl.Event(next)
	if e == nil {
		t.Fatalf("after → the address names event %q", next)
	}
	link := `document.activeElement && document.activeElement.matches('.reading-links a') && /^(Passage 1|The passage) in the article/.test(document.activeElement.textContent)`
	for i := 0; i < 10 && !eval[bool](tt, link); i++ {
		tt.do(chromedp.KeyEvent(kb.Tab))
	}
	if !eval[bool](tt, link) {
		t.Fatalf("Tab from the panel never reached its link to the passage; the focus is on %s", eval[string](tt, `document.activeElement.outerHTML.slice(0, 120)`))
	}
	tt.do(chromedp.KeyEvent(kb.Enter))
	tt.waitForPath("/sources/" + e.Passages[0].Source.ID)
}
