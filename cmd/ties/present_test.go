package main

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"ties/timeline"
)

// slideState is what a slide looks like to the audience.
type slideState struct {
	ID       string  `json:"id"`
	Shown    int     `json:"shown"`    // how many slides are visible at once
	Overflow bool    `json:"overflow"` // the slide's content does not fit
	Scrolls  bool    `json:"scrolls"`  // the page can scroll
	Font     float64 `json:"font"`     // the passage's type size, in CSS pixels
}

const slideJS = `(() => {
	const shown = document.querySelectorAll('[data-slide]:not([hidden])');
	const s = shown[0], b = s.querySelector('.slide-body');
	const text = s.querySelector('.slide-quote p') || s.querySelector('.slide-description') || b;
	const root = document.documentElement;
	return {
		id: s.dataset.slide, shown: shown.length,
		overflow: b.scrollHeight > b.clientHeight + 1 || b.scrollWidth > b.clientWidth + 1,
		scrolls: root.scrollHeight > innerHeight + 1 || root.scrollWidth > innerWidth + 1,
		font: parseFloat(getComputedStyle(text).fontSize),
	};
})()`

// slideURL is where a slide's address is, within the site.
func slideURL(id string) string {
	switch id {
	case "title":
		return "/present"
	case "end":
		return "/present#end"
	}
	return "/present/" + id
}

// waitSlide waits, a few seconds at most, for the slide shown to be id: a
// slide not in the page yet is fetched before it shows. A test that then
// finds another slide shown fails.
func waitSlide(tt *tab, id string) {
	tt.waitForOrNot(fmt.Sprintf(`(() => { const s = document.querySelector('[data-slide]:not([hidden])'); return !!s && s.dataset.slide === %q; })()`, id))
}

// checkSlides steps through every slide from the keyboard at a screen size
// and checks that each one fits, in large type, with the address on it.
func checkSlides(t *testing.T, tt *tab, tl *timeline.Timeline, width, height int64, minFont float64) {
	tt.do(chromedp.EmulateViewport(width, height))
	tt.open("/present")
	tt.waitFor(`document.querySelector('[data-slides]').dataset.ready === "true"`)
	want := []string{"title"}
	for _, e := range tl.Events {
		want = append(want, e.ID)
	}
	want = append(want, "end")
	keys := []string{kb.ArrowRight, kb.PageDown, " "}
	for i, id := range want {
		waitSlide(tt, id)
		s := eval[slideState](tt, slideJS)
		if s.ID != id || s.Shown != 1 {
			t.Fatalf("%dx%d: slide %d shows %q (%d at once), want %q alone", width, height, i, s.ID, s.Shown, id)
		}
		if s.Overflow || s.Scrolls {
			t.Errorf("%dx%d: slide %q does not fit (overflow %v, page scrolls %v)", width, height, id, s.Overflow, s.Scrolls)
		}
		if s.Font < minFont {
			t.Errorf("%dx%d: slide %q sets its text in %.1fpx type, less than %.0fpx", width, height, id, s.Font, minFont)
		}
		if got, want := eval[string](tt, `location.pathname + location.hash`), tt.prefix+slideURL(id); got != want {
			t.Errorf("%dx%d: on slide %q the address is %s, want %s", width, height, id, got, want)
		}
		if e := tl.Event(id); e != nil {
			if got := eval[string](tt, `document.title`); !strings.HasPrefix(got, e.Title+" · Present: ") {
				t.Errorf("%dx%d: on slide %q the tab is titled %q, want the event's title first", width, height, id, got)
			}
		}
		tt.do(chromedp.KeyEvent(keys[i%len(keys)]))
	}
	if got := eval[slideState](tt, slideJS).ID; got != "end" {
		t.Errorf("past the last slide the show moved to %q", got)
	}
	// The strip of the chronology leaves room for the slide count beside it.
	const room = `(() => {
		const count = document.querySelector('[data-slide-count]').getBoundingClientRect();
		const strip = document.querySelector('.slide-strip .chart canvas').getBoundingClientRect();
		return [strip.right, count.left, count.right, window.innerWidth];
	})()`
	tt.waitForOrNot(room + `.every((x, i, a) => i === 0 || a[i - 1] <= x + 1)`)
	if r := eval[[4]float64](tt, room); r[0] > r[1]+1 || r[2] > r[3]+1 {
		t.Errorf("%dx%d: the strip ends at %.0f px and the slide count runs from %.0f to %.0f px, in a window %.0f px wide", width, height, r[0], r[1], r[2], r[3])
	}
	for _, step := range []struct{ key, want string }{
		{kb.Home, "title"}, {kb.End, "end"}, {kb.ArrowLeft, tl.Events[len(tl.Events)-1].ID},
		{kb.PageUp, tl.Events[len(tl.Events)-2].ID},
	} {
		tt.do(chromedp.KeyEvent(step.key))
		waitSlide(tt, step.want)
		if got := eval[slideState](tt, slideJS).ID; got != step.want {
			t.Errorf("after %q the slide is %q, want %q", step.key, got, step.want)
		}
	}
}

func TestBrowserSlidesFitAndFollowTheKeyboard(t *testing.T) {
	tl := defaultTimeline(t)
	tt := openTab(t, tl, 1920, 1080)
	checkSlides(t, tt, tl, 1920, 1080, 28)
	checkSlides(t, tt, tl, 1280, 720, 18)
}

// A reload or a shared link stays on the slide; a subset presents only its
// events; autoplay moves on until a key is pressed; f and Escape enter and
// leave full screen.
func TestBrowserSlideAddresses(t *testing.T) {
	tl := defaultTimeline(t)
	tt := openTab(t, tl, 1280, 720)
	slide := func() string { return eval[slideState](tt, slideJS).ID }

	tt.open("/present/khan-visits-moscow")
	tt.waitFor(`document.querySelector('[data-slides]').dataset.ready === "true"`)
	tt.do(chromedp.KeyEvent(kb.ArrowRight))
	next := tl.Events[indexOf(tl, "khan-visits-moscow")+1].ID
	waitSlide(tt, next)
	tt.do(chromedp.Reload())
	tt.waitFor(`document.querySelector('[data-slides]').dataset.ready === "true"`)
	if got := slide(); got != next {
		t.Errorf("after a reload the slide is %q, want %q", got, next)
	}

	tt.open("/present?theme=defence")
	var defence []string
	for _, e := range tl.Events {
		if e.Theme.ID == "defence" {
			defence = append(defence, e.ID)
		}
	}
	tt.waitFor(`document.querySelector('[data-slides]').dataset.ready === "true"`)
	for _, id := range append(defence, "end") {
		tt.do(chromedp.KeyEvent(kb.ArrowRight))
		waitSlide(tt, id)
		if got := slide(); got != id {
			t.Fatalf("presenting defence, the slide is %q, want %q", got, id)
		}
	}
	if got, want := eval[string](tt, `location.pathname + location.search + location.hash`), tt.prefix+"/present?theme=defence#end"; got != want {
		t.Errorf("the subset's address is %s, want %s", got, want)
	}

	// Full screen, on and off, leaves autoplay running; any other key stops
	// it and takes it out of the address.
	tt.open("/present?autoplay=1")
	tt.do(chromedp.KeyEvent("f"))
	tt.waitFor(`document.fullscreenElement !== null`)
	tt.waitFor(fmt.Sprintf(`document.querySelector('[data-slide]:not([hidden])').dataset.slide === %q`, tl.Events[1].ID))
	tt.do(chromedp.KeyEvent(kb.Escape))
	tt.waitFor(`document.fullscreenElement === null`)
	tt.waitFor(fmt.Sprintf(`document.querySelector('[data-slide]:not([hidden])').dataset.slide === %q`, tl.Events[2].ID))
	tt.do(chromedp.KeyEvent("x"))
	stopped := slide()
	// The slide after is in the page (the show fetches a slide's neighbours
	// once it shows it), so that autoplay, had it gone on, would show it at
	// its next tick without waiting on the network, which the virtual clock
	// does not wait for.
	tt.waitFor(fmt.Sprintf(`document.querySelector('[data-slide=%q]') !== null`, tl.Events[indexOf(tl, stopped)+1].ID))
	advanceClock(t, tt, 3500) // three and a half of autoplay's seconds
	if got := slide(); got != stopped {
		t.Errorf("autoplay went on after a key: %q, then %q", stopped, got)
	}
	if got := eval[string](tt, `location.search`); got != "" {
		t.Errorf("after autoplay stopped the address keeps %q", got)
	}
}

// advanceClock runs the page's clock on by ms of virtual time, firing its
// timers as they fall due, without waiting for them in real time; the clock
// stays stopped afterwards.
func advanceClock(t *testing.T, tt *tab, ms float64) {
	t.Helper()
	expired := make(chan struct{}, 1)
	ctx, cancel := context.WithCancel(tt.ctx)
	defer cancel()
	if err := chromedp.Listen(ctx, func(ev any) {
		if _, ok := ev.(*emulation.EventVirtualTimeBudgetExpired); ok {
			select {
			case expired <- struct{}{}:
			default:
			}
		}
	}); err != nil {
		t.Fatal(err)
	}
	call, cancelCall := context.WithTimeout(tt.ctx, 20*time.Second)
	defer cancelCall()
	if _, err := chromedp.Call(call, emulation.SetVirtualTimePolicy, emulation.SetVirtualTimePolicyParams{Policy: emulation.VirtualTimePolicyAdvance, Budget: &ms}); err != nil {
		t.Fatalf("running the page's clock on: %v", err)
	}
	select {
	case <-expired:
	case <-time.After(20 * time.Second):
		t.Fatalf("the page's clock did not run on by %.0f ms within 20 s", ms)
	}
}

func indexOf(tl *timeline.Timeline, id string) int {
	for i, e := range tl.Events {
		if e.ID == id {
			return i
		}
	}
	return -1
}

// Keys pressed while the slide show's files are still loading are not lost:
// the show moves on by them once it starts.
func TestBrowserSlideKeysWhileLoading(t *testing.T) {
	tl := defaultTimeline(t)
	h, release := holdBack(NewServer(tl), "/data/events.")
	tt := openSite(t, h, "", 1280, 720)
	tt.do(chromedp.Navigate(tt.origin + "/present"))
	tt.waitFor(`document.readyState === "complete" && !!document.querySelector('[data-slide="title"]')`)
	if eval[bool](tt, `document.querySelector('[data-slides]').dataset.ready === "true"`) {
		t.Fatal("the slide show started without its events file")
	}
	tt.do(chromedp.KeyEvent(kb.ArrowRight), chromedp.KeyEvent(kb.ArrowRight))
	release()
	tt.waitFor(`document.querySelector('[data-slides]').dataset.ready === "true"`)
	want := tl.Events[1].ID // the title, the first event, then this
	waitSlide(tt, want)
	if got := eval[slideState](tt, slideJS).ID; got != want {
		t.Errorf("after two presses of → while loading, the slide is %q, want %q", got, want)
	}
}

// Every date a slide or the handout shows is a <time> with its ISO date.
func TestSlideAndHandoutDatesAreTimes(t *testing.T) {
	tl := defaultTimeline(t)
	s := NewServer(tl)
	for _, e := range tl.Events {
		doc := mustDoc(t, s, "/present/"+e.ID, http.StatusOK)
		tm := doc.Find(`.slide[data-event="` + e.ID + `"] .slide-meta time`)
		if got, _ := tm.Attr("datetime"); got != strings.TrimPrefix(e.Date.String(), "~") || tm.Text() != e.DateWords() {
			t.Errorf("%s: the slide's date is <time datetime=%q>%s</time>", e.ID, got, tm.Text())
		}
	}
	times := mustDoc(t, s, "/print", http.StatusOK).Find(".print-event .print-meta time[datetime]")
	if times.Length() != len(tl.Events) {
		t.Errorf("the handout has %d dates in <time datetime>, want one per event, %d", times.Length(), len(tl.Events))
	}
}

// On a touch screen, a swipe to the left shows the next slide and one to
// the right the slide before; a tap on the right or left of the slide does
// the same; and the title slide's hint says so.
func TestBrowserPresentByTouch(t *testing.T) {
	tt := openTab(t, defaultTimeline(t), 390, 844)
	if _, err := chromedp.Call(tt.ctx, emulation.SetTouchEmulationEnabled, emulation.SetTouchEmulationEnabledParams{Enabled: true, MaxTouchPoints: 1}); err != nil {
		t.Fatal(err)
	}
	tt.open("/present/khan-putin-summit")
	tt.waitFor(`document.querySelector('[data-slides]').dataset.ready === 'true'`)
	// The slides before and after it in the show.
	next := eval[string](tt, `(() => { const es = ties.events.events; return es[es.findIndex(e => e.id === 'khan-putin-summit') + 1].id; })()`)
	swipe := func(from, to float64) {
		tt.tb.Helper()
		for _, ev := range []input.DispatchTouchEventParams{
			{Type: input.DispatchTouchEventTypeTouchStart, TouchPoints: []*input.TouchPoint{{X: from, Y: 400}}},
			{Type: input.DispatchTouchEventTypeTouchMove, TouchPoints: []*input.TouchPoint{{X: (from + to) / 2, Y: 402}}},
			{Type: input.DispatchTouchEventTypeTouchMove, TouchPoints: []*input.TouchPoint{{X: to, Y: 404}}},
			{Type: input.DispatchTouchEventTypeTouchEnd, TouchPoints: []*input.TouchPoint{}},
		} {
			if _, err := chromedp.Call(tt.ctx, input.DispatchTouchEvent, ev); err != nil {
				t.Fatal(err)
			}
		}
	}
	swipe(320, 80)
	tt.waitForPath("/present/" + next)
	swipe(80, 320)
	tt.waitForPath("/present/khan-putin-summit")
	swipe(360, 360) // a tap on the right
	tt.waitForPath("/present/" + next)
	swipe(30, 30) // a tap on the left
	tt.waitForPath("/present/khan-putin-summit")
	tt.open("/present")
	if hint := eval[string](tt, `document.querySelector('.slide-hint').textContent`); !strings.Contains(hint, "Swipe") {
		t.Errorf("on a touch screen the title slide's hint says %q", hint)
	}
}

// /present tells a screen reader each slide's date and title as it moves
// on, each slide's page has one heading of the first level, and a focus
// left in a slide that goes moves to the slide shown, not to nowhere.
func TestBrowserPresentForScreenReaders(t *testing.T) {
	tl := defaultTimeline(t)
	tt := openTab(t, tl, 1366, 900)
	e := tl.Events[0]
	tt.open("/present/" + e.ID)
	waitSlide(tt, e.ID)
	if got := eval[int](tt, `[...document.querySelectorAll('h1')].filter(h => h.checkVisibility()).length + 100 * document.querySelectorAll('[data-slide]:not([hidden]) h1').length`); got != 101 {
		t.Errorf("an event's slide shows %d h1 and has %d in its slide, want one", got%100, got/100)
	}
	for _, path := range []string{"/present", "/present/" + e.ID, "/present/" + tl.Events[len(tl.Events)-1].ID} {
		doc := mustDoc(t, NewServer(tl), path, http.StatusOK)
		if n := doc.Find("h1").Length(); n != 1 {
			t.Errorf("%s has %d h1, want 1", path, n)
		}
	}
	// The focus is on the slide's link to its event.
	tt.do(chromedp.Focus(chromedp.CSS(`[data-slide]:not([hidden]) h1 a`)), chromedp.KeyEvent(kb.ArrowRight))
	next := tl.Events[1]
	waitSlide(tt, next.ID)
	status := eval[string](tt, `document.querySelector('[data-slide-status]').textContent`)
	if want := next.DateWords() + ": " + next.Title + ". Slide 3 of"; !strings.HasPrefix(status, want) {
		t.Errorf("after → the live region says %q, want it to start %q", status, want)
	}
	if got := eval[string](tt, `document.activeElement.closest('[data-slide]') ? document.activeElement.closest('[data-slide]').dataset.slide : document.activeElement.tagName`); got != next.ID {
		t.Errorf("the focus went to %s, want the slide shown, %s", got, next.ID)
	}
	tt.do(chromedp.KeyEvent(kb.Tab))
	if got := eval[string](tt, `document.activeElement.closest('[data-slide]') ? document.activeElement.closest('[data-slide]').dataset.slide : document.activeElement.tagName`); got != next.ID {
		t.Errorf("Tab from the slide went to %s, want into the slide shown, %s", got, next.ID)
	}
}
