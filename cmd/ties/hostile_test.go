package main

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/chromedp/chromedp"

	"ties/timeline"
)

func hostileTimeline(tb testing.TB) *timeline.Timeline {
	tb.Helper()
	return testdataTimeline(tb, "testdata/hostile")
}

// testdataTimeline loads the timeline in folder dir, its messages naming
// the folder.
func testdataTimeline(tb testing.TB, dir string) *timeline.Timeline {
	tb.Helper()
	t, err := timeline.Load(os.DirFS(dir), dir)
	if err != nil {
		tb.Fatal(err)
	}
	return t
}

// Text from a hostile timeline shows as typed on every page, in charts and
// in tooltips, and runs nothing: no dialog opens and no global is set.
func TestBrowserHostileTextRunsNothing(t *testing.T) {
	tl := hostileTimeline(t)
	tt := openTab(t, tl, 1280, 1000)
	pwned := `typeof window.__pwned !== "undefined"`
	for _, path := range []string{"/", "/events", "/events/script-title", "/events/f-title", "/sources/hostile", "/?q=%3Cscript%3E",
		"/present", "/present/script-title", "/present/f-title", "/embed/chronology", "/embed/player", "/embed/events/f-title", "/print"} {
		tt.open(path)
		if !eval[bool](tt, `document.documentElement.scrollWidth <= innerWidth`) {
			t.Errorf("%s: an unbroken word makes the page wider than the window", path)
		}
		if eval[bool](tt, pwned) {
			t.Errorf("%s: a hostile string ran", path)
		}
		if n := eval[int](tt, `document.querySelectorAll('script:not([src]):not([type="application/json"]), main img, main svg, main iframe, main b, main i').length`); n != 0 {
			t.Errorf("%s: %d elements came from the timeline's text", path, n)
		}
		// The data of the page stays data: every JSON block parses, and
		// there are only ours.
		ours := eval[bool](tt, `Array.from(document.querySelectorAll('script[type="application/json"]')).every(s => {
			JSON.parse(s.textContent);
			return s.id === "ties-filter-data" || s.id.startsWith("option-");
		})`)
		if !ours {
			t.Errorf("%s: a data block is not one of ours", path)
		}
	}

	// The reading panel and the chart's labels show hostile text as typed.
	for _, id := range []string{"script-title", "f-title"} {
		e := tl.Event(id)
		tt.open("/?event=" + id)
		tt.waitFor(panelShows(e.Title))
		if eval[bool](tt, pwned) {
			t.Errorf("the reading panel of %s ran a hostile string", id)
		}
		if n := eval[int](tt, `document.querySelectorAll('[data-reading-panel] :is(script, img, svg, iframe, b, i)').length`); n != 0 {
			t.Errorf("the reading panel of %s holds %d elements from the timeline's text", id, n)
		}
		names := drawnOn(tt, "chronology").Texts
		if !slices.ContainsFunc(names, func(x drawnBox) bool { return namedBy(e, x.Text) }) {
			t.Errorf("the chronology does not name %s as typed", id)
		}
	}

	tt.open("/present/f-title")
	if got, want := eval[string](tt, `document.querySelector('.slide:not([hidden]) h1').textContent`), tl.Event("f-title").Title; got != want {
		t.Errorf("the slide's title = %q, want it as typed, %q", got, want)
	}
	if got := eval[string](tt, `getComputedStyle(document.querySelector('.slide:not([hidden]) h1')).unicodeBidi`); got != "isolate" {
		t.Errorf("a title's direction controls are not isolated from the text around it: unicode-bidi %s", got)
	}

	tt.open("/")
	if got, want := eval[string](tt, `document.querySelector('h1').textContent`), tl.Title; got != want {
		t.Errorf("h1 = %q, want the title as typed, %q", got, want)
	}
	if got, want := eval[string](tt, `document.title`), tl.Title+" · ties"; got != want {
		t.Errorf("document.title = %q, want %q", got, want)
	}
	// Hover the event with the script title: the tooltip shows it as text.
	m := findMark(tt, "script-title")
	if m.At == nil {
		t.Fatal("the hostile event has no mark")
	}
	tt.do(chromedp.Evaluate[chromedp.Void](fmt.Sprintf("window.scrollTo(0, %f - innerHeight / 2)", m.At.Y+eval[float64](tt, "scrollY"))))
	m = findMark(tt, "script-title")
	tt.do(chromedp.MouseEvent("mouseMoved", m.At.X, m.At.Y))
	tt.waitFor(`Array.from(document.querySelectorAll('[data-chart="chronology"] div')).some(d => d.textContent.includes('alert("event")'))`)
	tip := eval[string](tt, `Array.from(document.querySelectorAll('[data-chart="chronology"] div')).find(d => d.textContent.includes('alert("event")') && d.children.length > 0).innerHTML`)
	if !strings.Contains(tip, "&lt;/script&gt;&lt;script&gt;alert(\"event\")&lt;/script&gt;") {
		t.Errorf("the tooltip does not show the title as escaped text: %s", tip)
	}
	if eval[bool](tt, pwned) {
		t.Error("hovering ran a hostile string")
	}
}

// oEmbed and the JSON carry hostile text as data: the oEmbed HTML is one
// iframe with the title escaped in its attribute.
func TestHostileTextInOEmbedAndJSON(t *testing.T) {
	tl := hostileTimeline(t)
	s := NewServer(tl)
	resp := get(t, s, "GET", "/oembed?url="+url.QueryEscape("http://example.com/events/script-title"))
	var o oembedResponse
	if err := json.NewDecoder(resp.Body).Decode(&o); err != nil {
		t.Fatal(err)
	}
	if o.Title != tl.Event("script-title").Title {
		t.Errorf("oEmbed title = %q", o.Title)
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(o.HTML))
	if err != nil {
		t.Fatal(err)
	}
	if n := doc.Find("body *").Length(); n != 1 || doc.Find("body > iframe").Length() != 1 {
		t.Errorf("the oEmbed HTML makes %d elements, want one iframe: %s", n, o.HTML)
	}
	if title, _ := doc.Find("iframe").Attr("title"); title != o.Title {
		t.Errorf("the iframe's title is %q, want %q", title, o.Title)
	}
	var api apiTimeline
	if err := json.NewDecoder(get(t, s, "GET", "/api/events.json").Body).Decode(&api); err != nil {
		t.Fatal(err)
	}
	if api.Title != tl.Title || api.Events[0].Title != tl.Events[0].Title {
		t.Errorf("the JSON changed the text: %q, %q", api.Title, api.Events[0].Title)
	}
}
