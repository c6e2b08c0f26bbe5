package main

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"ties/timeline"
)

// inTime is the timeline's events in the order of time, as the reading
// panel steps through them.
func inTime(tl *timeline.Timeline) []*timeline.Event {
	events := slices.Clone(tl.Events)
	slices.SortStableFunc(events, func(a, b *timeline.Event) int {
		return strings.Compare(strings.TrimPrefix(a.Date.String(), "~"), strings.TrimPrefix(b.Date.String(), "~"))
	})
	return events
}

// panelJS is what the reading panel shows: the event's title, date and
// where the date comes from, its note, the event the chronology rings, and
// the address.
const panelJS = `(() => {
	const p = document.querySelector('[data-reading-panel]');
	const e = ties.entries.find(e => e.kind === 'chronology');
	if (!p) return {open: false, address: location.pathname + location.search};
	return {
		open: !p.hidden,
		title: p.querySelector('.reading-title').textContent,
		date: p.querySelector('.reading-date time').textContent,
		datetime: p.querySelector('.reading-date time').getAttribute('datetime'),
		dateSource: p.querySelector('.reading-date-source').textContent,
		note: p.querySelector('.reading-note').textContent,
		quotes: Array.from(p.querySelectorAll('.reading-quote')).map(q => q.textContent),
		links: Array.from(p.querySelectorAll('.reading-links a')).map(a => a.getAttribute('href')),
		ringed: e.marked || '',
		focused: p.contains(document.activeElement),
		address: location.pathname + location.search,
	};
})()`

type panelState struct {
	Open                                    bool
	Title, Date, Datetime, DateSource, Note string
	Quotes, Links                           []string
	Ringed                                  string
	Focused                                 bool
	Address                                 string
}

func panelOf(tt *tab) panelState {
	tt.tb.Helper()
	return eval[panelState](tt, panelJS)
}

// clickToRead opens the home page at 1366×900 and clicks the mark of the
// built-in event id, and returns once the reading panel shows it.
func clickToRead(t *testing.T, id string) (*tab, *timeline.Event) {
	t.Helper()
	tl := defaultTimeline(t)
	tt := openTab(t, tl, 1366, 900)
	tt.open("/")
	e := tl.Event(id)
	clickMark(tt, e.ID)
	tt.waitFor(panelShows(e.Title))
	return tt, e
}

// A click on a mark opens the reading panel with all the event says: its
// date, where the date comes from, its note and links; the chart rings it,
// focus moves to the panel, and the address names the event.
func TestBrowserReadingPanelShowsTheEvent(t *testing.T) {
	tt, e := clickToRead(t, "khan-visits-moscow")
	p := panelOf(tt)
	if p.Date != e.DateWords() || p.Datetime != e.Date.String() {
		t.Errorf("the panel dates the event %q (%s), want %q (%s)", p.Date, p.Datetime, e.DateWords(), e.Date)
	}
	if e.DateSource != nil && !strings.Contains(p.DateSource, e.DateSource.Title) {
		t.Errorf("the panel says the date comes from %q, want the cited %q", p.DateSource, e.DateSource.Title)
	}
	if !strings.Contains(p.Note, e.Note) {
		t.Errorf("the panel's note is %q, want %q", p.Note, e.Note)
	}
	if len(p.Links) < 2 || p.Links[0] != "/events/"+e.ID || !strings.HasPrefix(p.Links[1], "/sources/diplomat-2022#event-"+e.ID) {
		t.Errorf("the panel links to %v, want the event's page and its passage in the article", p.Links)
	}
	if p.Ringed != e.ID || !p.Focused || p.Address != "/?event="+e.ID {
		t.Errorf("with the panel open, the chart rings %q, focus in the panel is %v, the address is %s", p.Ringed, p.Focused, p.Address)
	}
}

// The address opens the panel on its event; → and ← step through the events
// in time, the chart ringing the one read and the address following it.
func TestBrowserReadingPanelStepsInTime(t *testing.T) {
	tl := defaultTimeline(t)
	events := inTime(tl)
	tt := openTab(t, tl, 1366, 900)
	e := tl.Event("khan-visits-moscow")
	tt.open("/?event=" + e.ID)
	tt.waitFor(panelShows(e.Title))
	i := slices.Index(events, e)
	for _, step := range []struct {
		key  string
		want *timeline.Event
	}{{kb.ArrowRight, events[i+1]}, {kb.ArrowRight, events[i+2]}, {kb.ArrowLeft, events[i+1]}} {
		tt.do(chromedp.KeyEvent(step.key))
		tt.waitFor(panelShows(step.want.Title))
		if p := panelOf(tt); p.Ringed != step.want.ID || p.Address != "/?event="+step.want.ID {
			t.Errorf("after %q the chart rings %q and the address is %s, want %s", step.key, p.Ringed, p.Address, step.want.ID)
		}
	}
	// The button steps too, and keeps the focus for the next press.
	tt.do(chromedp.Click(chromedp.CSS(`[data-reading-panel] button[aria-label="Next event"]`)))
	tt.waitFor(panelShows(events[i+2].Title))
	if !eval[bool](tt, `document.activeElement === document.querySelector('[data-reading-panel] button[aria-label="Next event"]')`) {
		t.Error("after a click on Next, the focus left the button")
	}
}

// On the first event, ← stays and Previous is disabled.
func TestBrowserReadingPanelFirstEvent(t *testing.T) {
	tl := defaultTimeline(t)
	first := inTime(tl)[0]
	tt := openTab(t, tl, 1366, 900)
	tt.open("/?event=" + first.ID)
	tt.waitFor(panelShows(first.Title))
	tt.do(chromedp.KeyEvent(kb.ArrowLeft))
	if p := panelOf(tt); p.Title != first.Title {
		t.Errorf("← on the first event shows %q", p.Title)
	}
	if eval[bool](tt, `!document.querySelector('[data-reading-panel] button[aria-label="Previous event"]').disabled`) {
		t.Error("on the first event, the Previous button is enabled")
	}
}

// Escape closes the panel: the ring goes, the address loses the event, and
// the focus goes back where it was.
func TestBrowserReadingPanelCloses(t *testing.T) {
	tt, _ := clickToRead(t, "russia-invades-ukraine")
	tt.do(chromedp.KeyEvent(kb.Escape))
	tt.waitFor(`document.querySelector('[data-reading-panel]').hidden`)
	if p := panelOf(tt); p.Ringed != "" || p.Address != "/" {
		t.Errorf("closed, the chart still rings %q, and the address is %s", p.Ringed, p.Address)
	}
	if eval[bool](tt, `document.querySelector('[data-reading-panel]').contains(document.activeElement)`) {
		t.Error("closed, the panel keeps the focus")
	}
}

// An address naming an event the timeline does not have opens no panel,
// and loses the name.
func TestBrowserReadingPanelUnknownEvent(t *testing.T) {
	tt := openTab(t, defaultTimeline(t), 1366, 900)
	tt.open("/?event=no-such-event&theme=energy")
	tt.waitFor(`location.search === '?theme=energy'`)
	if p := panelOf(tt); p.Open {
		t.Errorf("the panel opened on an unknown event: %+v", p)
	}
}

// Stepping leaves out the lanes hidden from the legend.
func TestBrowserReadingPanelSkipsHiddenLanes(t *testing.T) {
	tl := defaultTimeline(t)
	tt := openTab(t, tl, 1366, 900)
	tt.open("/?event=first-western-sanctions")
	tt.waitFor(panelShows(tl.Event("first-western-sanctions").Title))
	tt.do(chromedp.Evaluate[chromedp.Void](`ties.entries.find(e => e.kind === 'chronology').chart.dispatchAction({type: 'legendUnSelect', name: 'Diplomacy'})`))
	// After 22 February 2022 comes Khan's visit (Diplomacy), and then the invasion.
	tt.do(chromedp.KeyEvent(kb.ArrowRight))
	var want *timeline.Event
	events := inTime(tl)
	for _, e := range events[slices.Index(events, tl.Event("first-western-sanctions"))+1:] {
		if e.Theme.ID != "diplomacy" {
			want = e
			break
		}
	}
	tt.waitFor(panelShows(want.Title))
}

// Stepping follows the filters: with a theme chosen, → goes to the next
// event of that theme, and the chart follows the event out of the view.
func TestBrowserReadingPanelFollows(t *testing.T) {
	tl := defaultTimeline(t)
	tt := openTab(t, tl, 1366, 900)
	tt.open("/?theme=defence&event=russia-lifts-arms-embargo")
	tt.waitFor(panelShows(tl.Event("russia-lifts-arms-embargo").Title))
	tt.do(chromedp.KeyEvent(kb.ArrowRight))
	tt.waitFor(panelShows(tl.Event("mi35-contract-signed").Title))
	// Zoomed far from it, the chart brings the event read into view.
	zoomChronology(tt, "2022, 0, 1", "2022, 2, 1")
	tt.do(chromedp.KeyEvent(kb.ArrowRight))
	next := tl.Event("druzhba-2016-exercise")
	tt.waitFor(panelShows(next.Title))
	tt.waitFor(fmt.Sprintf(`(() => {
		const e = ties.entries.find(e => e.kind === 'chronology'), z = e.chart.getOption().dataZoom[0];
		const at = e.axis.at(Date.UTC(2016, 8, 24));
		return z.startValue <= at && at <= z.endValue;
	})()`))
	if m := findMark(tt, next.ID); m.At == nil {
		t.Errorf("the chart did not follow %s into view", next.ID)
	}
	// A click with the mouse on the button steps too.
	tt.do(chromedp.Click(chromedp.CSS(`[data-reading-panel] button[aria-label="Previous event"]`)))
	tt.waitFor(panelShows(tl.Event("mi35-contract-signed").Title))
}

// from and to set the chronology's axis to those years, on the home page
// and in an embed.
func TestBrowserFiltersZoom(t *testing.T) {
	tl := defaultTimeline(t)
	tt := openTab(t, tl, 1366, 900)
	for _, path := range []string{"/?from=2014&to=2017", "/embed/chronology?from=2014&to=2017"} {
		tt.open(path)
		tt.waitFor(`(() => {
			const e = ties.entries.find(e => e.kind === 'chronology'), z = e.chart.getOption().dataZoom[0];
			return Math.abs(e.axis.time(z.startValue) - Date.UTC(2014, 0, 1)) < 864e5 &&
				Math.abs(e.axis.time(z.endValue) - Date.UTC(2018, 0, 1)) < 864e5;
		})()`)
		l := labelsOf(tl, drawnOn(tt, "chronology"))
		var want []string
		for _, e := range tl.Events {
			if from, to := e.Years(); from <= 2017 && to >= 2014 && !l.labelled[e.ID] {
				want = append(want, e.ID)
			}
		}
		if len(want) > 0 {
			t.Errorf("%s: these events of 2014–2017 have no label: %v", path, want)
		}
	}
	// From after to, or years the axis does not hold, show the whole axis.
	for _, years := range [][2]string{{"2020", "2017"}, {"1800", "1810"}} {
		tt.open("/?from=2014&to=2017")
		tt.waitFor(`ties.entries.find(e => e.kind === 'chronology').chart.getOption().dataZoom[0].end < 100`)
		tt.do(chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => {
			const f = document.querySelector('[data-filters]');
			f.elements.from.value = %q;
			f.elements.to.value = %q;
			f.elements.from.dispatchEvent(new Event('input', {bubbles: true}));
		})()`, years[0], years[1])))
		tt.waitFor(`(() => {
			const z = ties.entries.find(e => e.kind === 'chronology').chart.getOption().dataZoom[0];
			return z.start === 0 && z.end === 100;
		})()`)
	}
	// Clearing the years shows the whole axis again.
	tt.open("/?from=2014&to=2017")
	tt.do(chromedp.Click(chromedp.CSS(`[data-reset]`)))
	tt.waitFor(`(() => {
		const z = ties.entries.find(e => e.kind === 'chronology').chart.getOption().dataZoom[0];
		return z.start === 0 && z.end === 100;
	})()`)
}

// The slide strip shows the years the show is filtered to, and names the
// event presented and the ones before and after it.
func TestBrowserStripNamesNeighbours(t *testing.T) {
	tl := defaultTimeline(t)
	events := inTime(tl)
	tt := openTab(t, tl, 1366, 900)
	tt.open("/present/khan-putin-summit")
	i := slices.IndexFunc(events, func(e *timeline.Event) bool { return e.ID == "khan-putin-summit" })
	texts := func() []string {
		var out []string
		for _, x := range drawnOn(tt, "strip").Texts {
			out = append(out, x.Text)
		}
		return out
	}
	tt.waitFor(`ties.entries.find(e => e.kind === 'strip').marked === 'khan-putin-summit'`)
	got := strings.Join(texts(), "\n")
	for _, want := range []string{events[i].ChartLabel(), "← " + events[i-1].ChartLabel(), events[i+1].ChartLabel() + " →"} {
		if !strings.Contains(got, want) {
			t.Errorf("the strip does not name %q; it draws %q", want, got)
		}
	}
	d := drawnOn(tt, "strip")
	for a := range d.Texts {
		for b := range d.Texts {
			if a < b && d.Texts[a].overlaps(d.Texts[b]) {
				t.Errorf("on the strip, %q overlaps %q", d.Texts[a].Text, d.Texts[b].Text)
			}
		}
	}
	// On a phone, the strip still names the event presented, cut short.
	tt.do(chromedp.EmulateViewport(390, 844))
	tt.open("/present/khan-putin-summit")
	tt.waitFor(`ties.entries.find(e => e.kind === 'strip').marked === 'khan-putin-summit'`)
	named := false
	for _, x := range drawnOn(tt, "strip").Texts {
		named = named || x.ID == "khan-putin-summit" && namedBy(events[i], x.Text)
	}
	if !named {
		t.Errorf("at 390×844 the strip does not name the event presented; it draws %q", texts())
	}
	tt.do(chromedp.EmulateViewport(1366, 900))
	tt.open("/present?from=2014&to=2017")
	tt.waitFor(`(() => {
		const e = ties.entries.find(e => e.kind === 'strip'), x = e.chart.getOption().xAxis[0];
		return Math.abs(e.axis.time(x.min) - Date.UTC(2014, 0, 1)) < 864e5 && Math.abs(e.axis.time(x.max) - Date.UTC(2018, 0, 1)) < 864e5;
	})()`)
}
