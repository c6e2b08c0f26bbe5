package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"ties/data"
	"ties/timeline"
)

func defaultTimeline(tb testing.TB) *timeline.Timeline {
	tb.Helper()
	t, err := timeline.Load(data.FS, "data")
	if err != nil {
		tb.Fatal(err)
	}
	return t
}

type markInfo struct {
	Drawn int `json:"drawn"`
	At    *struct {
		X float64 `json:"x"`
		Y float64 `json:"y"`
	} `json:"at"`
}

func findMark(tt *tab, id string) markInfo {
	tt.tb.Helper()
	return eval[markInfo](tt, fmt.Sprintf("(%s)(%q)", markJS, id))
}

// Every event of the default timeline has one mark on the chronology, and
// one click on it opens the event's page, with its passage marked and in view.
func TestBrowserEveryEventOneClickFromTheChronology(t *testing.T) {
	tl := defaultTimeline(t)
	tt := openTab(t, tl, 1280, 1000)
	for _, e := range tl.Events {
		tt.open("/")
		m := findMark(tt, e.ID)
		if got, want := m.Drawn, len(tl.Events); got != want {
			t.Fatalf("the chronology draws %d marks, want one per event, %d", got, want)
		}
		if m.At == nil {
			t.Errorf("%s: no mark on the chronology", e.ID)
			continue
		}
		tt.do(chromedp.Evaluate[chromedp.Void](fmt.Sprintf("window.scrollTo(0, %f - innerHeight / 2)", m.At.Y+eval[float64](tt, "scrollY"))))
		m = findMark(tt, e.ID)
		tt.do(chromedp.MouseClickXY(m.At.X, m.At.Y))
		tt.waitFor(fmt.Sprintf("location.pathname === %q && document.readyState === 'complete'", "/events/"+e.ID))
		inView := eval[bool](tt, `(() => {
			const m = document.querySelector('.event .quoted mark');
			if (!m) return false;
			const r = m.getBoundingClientRect();
			return r.top >= 0 && r.bottom <= innerHeight;
		})()`)
		if !inView {
			t.Errorf("%s: the event's page does not show its marked passage in view", e.ID)
		}
		marked := eval[string](tt, `Array.from(document.querySelectorAll('.event .quoted mark')).map(m => m.textContent).join('')`)
		for _, p := range e.Passages {
			if !strings.Contains(marked, p.Text()) {
				t.Errorf("%s: the marks read %q, which lacks the passage %q", e.ID, marked, p.Text())
			}
		}
	}
}

// The player steps through the years with the keyboard, and plays.
func TestBrowserPlayerStepsThroughYears(t *testing.T) {
	tt := openTab(t, defaultTimeline(t), 1280, 1000)
	tt.open("/")
	year := func() string {
		return eval[string](tt, `echarts.getInstanceByDom(document.querySelector('[data-chart="player"]')).getOption().title[0].text`)
	}
	if got, want := year(), "2001"; got != want {
		t.Fatalf("the player starts at %s, want %s", got, want)
	}
	tt.do(chromedp.Focus(chromedp.CSS(`[data-chart="player"]`)), chromedp.KeyEvent(kb.ArrowRight))
	tt.waitFor(`document.querySelector('[data-player-status]').textContent === "2004: 1 event"`)
	tt.do(chromedp.KeyEvent(kb.End))
	if got, want := year(), "2022"; got != want {
		t.Errorf("after End the player shows %s, want %s", got, want)
	}
	tt.do(chromedp.KeyEvent(kb.Home), chromedp.KeyEvent(" "))
	tt.waitFor(`echarts.getInstanceByDom(document.querySelector('[data-chart="player"]')).getOption().title[0].text !== "2001"`)
	tt.do(chromedp.KeyEvent(" "))
}

// A filter changes the charts, the list and the address at once, and
// survives a reload.
func TestBrowserFilterSurvivesReload(t *testing.T) {
	tl := defaultTimeline(t)
	tt := openTab(t, tl, 1280, 1000)
	tt.open("/")
	tt.do(
		chromedp.SetValue(chromedp.CSS(`select[name="theme"]`), "defence"),
		chromedp.Evaluate[chromedp.Void](`document.querySelector('select[name="theme"]').dispatchEvent(new Event('input', {bubbles: true}))`),
		chromedp.SendKeys(chromedp.CSS(`input[name="q"]`), "helicopters"),
	)
	var want []string
	for _, e := range tl.Events {
		if e.Theme.ID == "defence" && strings.Contains(strings.ToLower(strings.Join([]string{e.Title, e.Summary, e.Note, e.Passages[0].Text()}, " ")), "helicopters") {
			want = append(want, e.ID)
		}
	}
	if len(want) == 0 {
		t.Fatal("the test expects defence events about helicopters")
	}
	check := func(when string) {
		tt.waitFor(fmt.Sprintf(`document.querySelector('[data-count]').textContent === "%d of %d events"`, len(want), len(tl.Events)))
		if got := findMark(tt, want[0]).Drawn; got != len(want) {
			t.Errorf("%s: the chronology draws %d marks, want %d", when, got, len(want))
		}
		shown := eval[[]string](tt, `Array.from(document.querySelectorAll('[data-rows] [data-event]')).filter(r => !r.hidden).map(r => r.dataset.event)`)
		if strings.Join(shown, " ") != strings.Join(want, " ") {
			t.Errorf("%s: the list shows %v, want %v", when, shown, want)
		}
		if got, want := tt.path(), "/?theme=defence&q=helicopters"; got != want {
			t.Errorf("%s: the address is %s, want %s", when, got, want)
		}
	}
	check("after filtering")
	tt.do(chromedp.Reload())
	tt.waitForCharts()
	check("after a reload")
	if got := eval[string](tt, `document.querySelector('select[name="theme"]').value + "|" + document.querySelector('input[name="q"]').value`); got != "defence|helicopters" {
		t.Errorf("after a reload the form holds %q", got)
	}
}
