package main

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
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
	tt.useECharts()
	return eval[markInfo](tt, fmt.Sprintf("(%s)(%q)", markJS, id))
}

// Every event of the default timeline has one mark on the chronology; one
// click on it opens the reading panel with its passages, and the panel's link
// opens the event's page, with its passage marked and in view.
func TestBrowserEveryEventOneClickFromTheChronology(t *testing.T) {
	tl := defaultTimeline(t)
	checkEveryEventOneClick(t, openTab(t, tl, 1280, 1000), tl)
}

// clickMark scrolls the mark of event id on the chronology to the middle
// of the window and clicks it.
func clickMark(tt *tab, id string) {
	tt.tb.Helper()
	m := findMark(tt, id)
	if m.At == nil {
		tt.tb.Fatalf("%s: no mark on the chronology", id)
	}
	tt.do(chromedp.Evaluate[chromedp.Void](fmt.Sprintf("window.scrollTo(0, %f - innerHeight / 2)", m.At.Y+eval[float64](tt, "scrollY"))))
	m = findMark(tt, id)
	tt.do(chromedp.MouseClickXY(m.At.X, m.At.Y))
}

// panelShows is true in the page once the reading panel shows the event
// titled title, with its passages.
func panelShows(title string) string {
	return fmt.Sprintf(`(() => {
		const p = document.querySelector('[data-reading-panel]');
		return !!p && !p.hidden && p.querySelector('.reading-title').textContent === %q && p.querySelectorAll('.reading-quote').length > 0;
	})()`, title)
}

func checkEveryEventOneClick(t *testing.T, tt *tab, tl *timeline.Timeline) {
	for _, e := range tl.Events {
		tt.open("/")
		if got, want := findMark(tt, e.ID).Drawn, len(tl.Events); got != want {
			t.Fatalf("the chronology draws %d marks, want one per event, %d", got, want)
		}
		clickMark(tt, e.ID)
		tt.waitFor(panelShows(e.Title))
		quoted := eval[string](tt, `Array.from(document.querySelectorAll('[data-reading-panel] .reading-quote')).map(q => q.textContent).join(' ')`)
		for _, p := range e.Passages {
			if !strings.Contains(quoted, p.Text()) {
				t.Errorf("%s: the panel quotes %q, which lacks the passage %q", e.ID, quoted, p.Text())
			}
		}
		if got, want := tt.path(), "/?event="+e.ID; got != want {
			t.Errorf("%s: with the panel open the address is %s, want %s", e.ID, got, want)
		}
		tt.do(chromedp.Click(chromedp.CSS(`[data-reading-panel] .reading-links a`)))
		tt.waitForPath("/events/" + e.ID)
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
	checkFilterSurvivesReload(t, openTab(t, tl, 1280, 1000), tl)
}

func checkFilterSurvivesReload(t *testing.T, tt *tab, tl *timeline.Timeline) {
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
		// Bars stay at their years: each bar left standing is in the year of
		// the events it counts.
		misplaced := eval[[]string](tt, `(() => {
			const chart = echarts.getInstanceByDom(document.querySelector('[data-chart="per-year"]'));
			const o = chart.getOption(), years = o.xAxis[0].data, out = [];
			o.series.forEach(s => s.data.forEach((d, i) => { if (d.value > 0 && d.name !== years[i]) out.push(d.name + " at " + years[i]); }));
			return out;
		})()`)
		if len(misplaced) > 0 {
			t.Errorf("%s: bars drawn in the wrong year: %v", when, misplaced)
		}
		if got, want := tt.path(), "/?q=helicopters&theme=defence"; got != want {
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

// "Read in the full article" opens the article at the event's passage,
// marked as current and in view.
func TestBrowserArticleMarksTheEventsPassage(t *testing.T) {
	tl := defaultTimeline(t)
	tt := openTab(t, tl, 1280, 900)
	tt.open("/events/unga-resolution-es-11-1")
	tt.do(chromedp.Click(chromedp.CSS(`.passage-links a`)))
	tt.waitForPath("/sources/diplomat-2022")
	tt.waitFor(`location.hash === "#event-unga-resolution-es-11-1" && document.querySelector("mark.current") !== null`)
	current := eval[string](tt, `Array.from(document.querySelectorAll('mark.current')).map(m => m.textContent).join('')`)
	for _, p := range tl.Event("unga-resolution-es-11-1").Passages {
		if !strings.Contains(current, p.Text()) {
			t.Errorf("the current marks read %q, which lacks %q", current, p.Text())
		}
	}
	if !eval[bool](tt, `(() => { const r = document.getElementById("event-unga-resolution-es-11-1").getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; })()`) {
		t.Error("the passage is not in view")
	}
	if n := eval[int](tt, `document.querySelectorAll('mark[aria-current="true"]:not([data-events~="unga-resolution-es-11-1"])').length`); n != 0 {
		t.Errorf("%d marks of other events are marked current", n)
	}
}

// The table sorts by date both ways, and filters like the charts.
func TestBrowserEventsTable(t *testing.T) {
	tl := defaultTimeline(t)
	tt := openTab(t, tl, 1280, 900)
	tt.open("/events")
	firstRow := `document.querySelector('tbody tr:not([hidden])').dataset.event`
	if got, want := eval[string](tt, firstRow), tl.Events[0].ID; got != want {
		t.Errorf("first row %s, want %s", got, want)
	}
	tt.do(chromedp.Click(chromedp.CSS(`th button[data-sort]`)))
	if got, want := eval[string](tt, firstRow), tl.Events[len(tl.Events)-1].ID; got != want {
		t.Errorf("sorted newest first, the first row is %s, want %s", got, want)
	}
	if got := eval[string](tt, `document.querySelector('th[aria-sort]').getAttribute('aria-sort')`); got != "descending" {
		t.Errorf("aria-sort = %q, want descending", got)
	}
	tt.do(chromedp.SendKeys(chromedp.CSS(`input[name="to"]`), "2010"))
	tt.waitFor(`location.search === "?to=2010"`)
	shown := eval[[]string](tt, `Array.from(document.querySelectorAll('tbody tr:not([hidden])')).map(r => r.dataset.event)`)
	var want []string
	for i := len(tl.Events) - 1; i >= 0; i-- {
		if tl.Events[i].Date.Year <= 2010 {
			want = append(want, tl.Events[i].ID)
		}
	}
	if strings.Join(shown, " ") != strings.Join(want, " ") {
		t.Errorf("up to 2010, newest first, the table shows %v, want %v", shown, want)
	}
}

// A click on a bar of the events per year lists that year's events of that
// theme.
func TestBrowserPerYearBarListsEvents(t *testing.T) {
	tl := defaultTimeline(t)
	tt := openTab(t, tl, 1280, 900)
	tt.open("/")
	at := eval[struct{ X, Y float64 }](tt, `(() => {
		const el = document.querySelector('[data-chart="per-year"]');
		el.scrollIntoView({block: 'center'});
		const chart = echarts.getInstanceByDom(el);
		const model = chart.getModel().getSeries().find(s => s.id === 'theme-diplomacy');
		const data = model.getData();
		const r = data.getItemGraphicEl(data.indexOfName('2022')).getBoundingRect();
		const box = el.getBoundingClientRect();
		return {X: box.left + r.x + r.width / 2, Y: box.top + r.y + r.height / 2};
	})()`)
	tt.do(chromedp.MouseClickXY(at.X, at.Y))
	tt.waitForPath("/events")
	if got, want := tt.path(), "/events?from=2022&theme=diplomacy&to=2022"; got != want {
		t.Errorf("the bar opened %s, want %s", got, want)
	}
	var want []string
	for _, e := range tl.Events {
		if e.Theme.ID == "diplomacy" && e.Date.Year <= 2022 && max(e.Date.Year, e.End.Year) >= 2022 {
			want = append(want, e.ID)
		}
	}
	tt.waitFor(fmt.Sprintf(`document.querySelector('[data-count]').textContent === "%d of %d events"`, len(want), len(tl.Events)))
	shown := eval[[]string](tt, `Array.from(document.querySelectorAll('tbody tr:not([hidden])')).map(r => r.dataset.event)`)
	if strings.Join(shown, " ") != strings.Join(want, " ") {
		t.Errorf("the table shows %v, want %v", shown, want)
	}
}

// countResizes counts, in window.tiesResizes, the calls of resize on every
// chart the page makes, from the page's first script on.
const countResizes = `(() => {
	let real;
	window.tiesResizes = 0;
	Object.defineProperty(window, 'echarts', {configurable: true, get: () => real, set: v => {
		real = new Proxy(v, {get: (t, k) => k !== 'init' ? t[k] : (...args) => {
			const chart = t.init(...args), resize = chart.resize;
			chart.resize = (...a) => { window.tiesResizes++; return resize.apply(chart, a); };
			return chart;
		}});
	}});
})()`

// The charts follow the window: each is drawn once at load, and, when the
// window narrows, drawn again at its new width, with the last event still in
// the chronology.
func TestBrowserChartsFollowTheWindow(t *testing.T) {
	tl := defaultTimeline(t)
	tt := openTab(t, tl, 1280, 1000)
	if _, err := chromedp.Call(tt.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: countResizes}); err != nil {
		t.Fatal(err)
	}
	tt.open("/")
	// Two frames on, the charts' observers have reported the sizes drawn.
	if n := eval[int](tt, `new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => done(window.tiesResizes))))`); n != 0 {
		t.Errorf("at load, with the window as it was, the charts were resized %d times", n)
	}
	const sizes = `Array.from(document.querySelectorAll('[data-chart]')).map(el => [el.clientWidth, echarts.getInstanceByDom(el).getWidth()])`
	before := eval[[][2]int](tt, sizes)
	tt.do(chromedp.EmulateViewport(900, 1000))
	tt.waitFor(`Array.from(document.querySelectorAll('[data-chart]')).every(el => echarts.getInstanceByDom(el).getWidth() === el.clientWidth)`)
	after := eval[[][2]int](tt, sizes)
	if len(after) != len(before) || len(after) == 0 {
		t.Fatalf("%d charts before and %d after", len(before), len(after))
	}
	for i := range after {
		if before[i][0] != before[i][1] {
			t.Errorf("chart %d was drawn %d px wide in a %d px box", i, before[i][1], before[i][0])
		}
		if after[i][1] == before[i][1] {
			t.Errorf("chart %d is %d px wide at 1280 px and at 900 px: it did not follow the window", i, after[i][1])
		}
	}
	last := tl.Events[len(tl.Events)-1]
	m := findMark(tt, last.ID)
	box := eval[[]float64](tt, `(() => { const r = document.querySelector('[data-chart="chronology"]').getBoundingClientRect(); return [r.left, r.right]; })()`)
	if m.At == nil || m.At.X < box[0] || m.At.X > box[1] {
		t.Errorf("after the resize, the mark of %q is at %+v, not within the chronology's %v", last.ID, m.At, box)
	}
}

// The filter in the address shows in the form at once, and a year typed
// into it while the events file is still on its way is kept beside it, and
// filters the page once the file is in.
func TestBrowserFilterTypedWhileLoading(t *testing.T) {
	tl := defaultTimeline(t)
	h, release := holdBack(NewServer(tl), "/data/events.")
	tt := openSite(t, h, "", 1280, 1000)
	tt.do(chromedp.Navigate(tt.origin + "/?theme=defence"))
	tt.waitFor(`document.querySelector('[data-chart="chronology"]').dataset.ready === "true"`)
	if eval[bool](tt, `document.body.dataset.ready === "true"`) {
		t.Fatal("the page was ready without its events file")
	}
	if got := eval[string](tt, `document.querySelector('select[name="theme"]').value`); got != "defence" {
		t.Errorf("before the events file is in, the form shows the theme %q, not the address's", got)
	}
	tt.do(chromedp.SendKeys(chromedp.CSS(`input[name="from"]`), "2015"))
	release()
	tt.waitForCharts()
	want := 0
	for _, e := range tl.Events {
		if _, to := e.Years(); to >= 2015 && e.Theme.ID == "defence" {
			want++
		}
	}
	if want == 0 {
		t.Fatal("the test needs defence events from 2015 on")
	}
	tt.waitFor(fmt.Sprintf(`document.querySelector('[data-count]').textContent === "%d of %d events"`, want, len(tl.Events)))
	if got := eval[string](tt, `document.querySelector('select[name="theme"]').value + "|" + document.querySelector('input[name="from"]').value`); got != "defence|2015" {
		t.Errorf("the form holds %q, want the address's theme and the year typed while loading", got)
	}
	if got, want := tt.path(), "/?from=2015&theme=defence"; got != want {
		t.Errorf("the address is %s, want %s", got, want)
	}
}

// A chart whose option does not load leaves the charts after it, the list
// and the filters working, and says why in the console.
func TestBrowserChartThatFailsLeavesThePage(t *testing.T) {
	s := NewServer(defaultTimeline(t))
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/data/player.") {
			http.Error(w, "broken on purpose", http.StatusInternalServerError)
			return
		}
		s.ServeHTTP(w, r)
	})
	tt := openSite(t, h, "", 1280, 1000)
	tt.do(chromedp.Navigate(tt.origin + "/"))
	tt.waitFor(`document.body.dataset.ready === "true" && ["chronology", "per-year", "actors"].every(k => document.querySelector('[data-chart="' + k + '"]').dataset.ready === "true")`)
	if eval[bool](tt, `document.querySelector('[data-chart="player"]').dataset.ready === "true"`) {
		t.Error("the player was drawn without its option")
	}
	tt.do(
		chromedp.SetValue(chromedp.CSS(`select[name="theme"]`), "defence"),
		chromedp.Evaluate[chromedp.Void](`document.querySelector('select[name="theme"]').dispatchEvent(new Event('input', {bubbles: true}))`),
	)
	tt.waitFor(`/^\d+ of \d+ events$/.test(document.querySelector('[data-count]').textContent) && document.querySelectorAll('[data-rows] [data-event]').length > 0`)
	tt.forgive("/data/player.")
}
