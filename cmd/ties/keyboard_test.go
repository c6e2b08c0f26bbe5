package main

import (
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
	energy := `[data-legend="chronology"] button[data-name="Energy"]`
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
