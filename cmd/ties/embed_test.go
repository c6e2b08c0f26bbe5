package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"

	"ties/timeline"
)

// Only the embeds may be framed by other sites.
func TestFraming(t *testing.T) {
	s := NewServer(defaultTimeline(t))
	for _, tt := range []struct {
		target   string
		framable bool
	}{
		{"/embed/chronology", true},
		{"/embed/actors?look=dark", true},
		{"/embed/events/khan-visits-moscow", true},
		{"/", false},
		{"/events/khan-visits-moscow", false},
		{"/present", false},
		{"/embed/nope", false}, // a 404 is not an embed
	} {
		resp := get(t, s, "GET", tt.target)
		csp := resp.Header.Get("Content-Security-Policy")
		framable := strings.Contains(csp, "frame-ancestors *") && resp.Header.Get("X-Frame-Options") == ""
		denied := strings.Contains(csp, "frame-ancestors 'none'") && resp.Header.Get("X-Frame-Options") == "DENY"
		if tt.framable && !framable || !tt.framable && !denied {
			t.Errorf("%s: CSP %q, X-Frame-Options %q; framable should be %v", tt.target, csp, resp.Header.Get("X-Frame-Options"), tt.framable)
		}
	}
}

func TestOEmbed(t *testing.T) {
	s := NewServer(defaultTimeline(t))
	page := func(p string) string { return url.QueryEscape("http://example.com" + p) }
	for _, tt := range []struct {
		query         string
		status        int
		src           string
		width, height int
	}{
		{"url=" + page("/"), 200, "http://example.com/embed/chronology", 800, 520},
		{"url=" + page("/embed/actors") + "&maxwidth=400&maxheight=300&format=json", 200, "http://example.com/embed/actors", 400, 300},
		{"url=" + page("/events/khan-visits-moscow") + "&maxwidth=2000", 200, "http://example.com/embed/events/khan-visits-moscow", 640, 420},
		{"url=" + page("/events?theme=defence&look=dark&utm=x"), 200, "http://example.com/embed/chronology?look=dark&amp;theme=defence", 800, 520},
		{"url=" + page("/") + "&format=xml", 501, "", 0, 0},
		{"url=" + url.QueryEscape("http://elsewhere.org/"), 404, "", 0, 0},
		{"url=" + page("/events/no-such-event"), 404, "", 0, 0},
		{"url=" + page("/present"), 404, "", 0, 0},
		{"url=" + url.QueryEscape("javascript:alert(1)"), 404, "", 0, 0},
		{"url=" + page("/") + "&maxwidth=wide", 400, "", 0, 0},
		{"", 400, "", 0, 0},
	} {
		resp := get(t, s, "GET", "/oembed?"+tt.query)
		if resp.StatusCode != tt.status {
			t.Errorf("/oembed?%s = %d, want %d", tt.query, resp.StatusCode, tt.status)
			continue
		}
		if tt.status != 200 {
			continue
		}
		var o oembedResponse
		if err := json.NewDecoder(resp.Body).Decode(&o); err != nil {
			t.Fatal(err)
		}
		wantHTML := fmt.Sprintf(`<iframe src="%s" width="%d" height="%d"`, tt.src, tt.width, tt.height)
		if o.Version != "1.0" || o.Type != "rich" || o.ProviderName != "ties" || o.Title == "" ||
			o.Width != tt.width || o.Height != tt.height || !strings.HasPrefix(o.HTML, wantHTML) {
			t.Errorf("/oembed?%s = %+v, want a rich answer with %s", tt.query, o, wantHTML)
		}
	}
}

// Chart and event pages carry the oEmbed discovery link in the HTML the
// server sends.
func TestOEmbedDiscovery(t *testing.T) {
	s := NewServer(defaultTimeline(t))
	for target, want := range map[string]string{
		"/":                                "/oembed/chronology.json",
		"/embed/player":                    "/oembed/player.json",
		"/events/khan-visits-moscow":       "/oembed/events/khan-visits-moscow.json",
		"/embed/events/khan-visits-moscow": "/oembed/events/khan-visits-moscow.json",
	} {
		doc := mustDoc(t, s, target, http.StatusOK)
		href, _ := doc.Find(`link[rel="alternate"][type="application/json+oembed"]`).Attr("href")
		if href != want {
			t.Errorf("%s: discovery link %q, want %q", target, href, want)
			continue
		}
		resp := get(t, s, "GET", href)
		var o oembedResponse
		if resp.StatusCode != 200 || json.NewDecoder(resp.Body).Decode(&o) != nil || o.Type != "rich" {
			t.Errorf("%s: the discovered document does not answer", href)
		}
	}
}

// A chart embedded in a page of another origin, by the iframe of its oEmbed
// answer, renders there, and a click on an event opens the event's page in
// a new tab while the page stays.
func TestBrowserEmbedOnAnotherOrigin(t *testing.T) {
	tl := defaultTimeline(t)
	tt := openTab(t, tl, 1000, 800)
	checkEmbedOnAnotherOrigin(t, tt, tl, tt.origin+"/oembed?format=json&maxwidth=800&maxheight=520&url="+url.QueryEscape(tt.origin+"/"))
}

func checkEmbedOnAnotherOrigin(t *testing.T, tt *tab, tl *timeline.Timeline, oembedURL string) {
	resp, err := http.Get(oembedURL)
	if err != nil {
		t.Fatal(err)
	}
	var o oembedResponse
	if err := json.NewDecoder(resp.Body).Decode(&o); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	writer := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "<!DOCTYPE html><title>A writer's page</title><h1>My article</h1>%s", o.HTML)
	}))
	defer writer.Close()
	tt.allow(writer.URL)

	tt.do(chromedp.Navigate(writer.URL))
	frames, err := chromedp.Run(tt.ctx, chromedp.Nodes(chromedp.CSS("iframe")))
	if err != nil || len(frames) != 1 {
		t.Fatalf("the writer's page has %d frames: %v", len(frames), err)
	}
	// A node inside the frame's document names the frame to evaluate in. It
	// is asked for again until the frame holds the embed, not the blank
	// page a frame starts with.
	inFrame := func(expr string) markInfo {
		deadline := time.Now().Add(30 * time.Second)
		for {
			// The frame's element is looked up again each time, since the
			// frame's document changes as it loads (and, on a static host,
			// as it follows a redirect).
			var inside []*chromedp.Node
			frames, err := chromedp.Run(tt.ctx, chromedp.Nodes(chromedp.CSS("iframe")))
			if err == nil && len(frames) == 1 {
				inside, err = chromedp.Run(tt.ctx, chromedp.Nodes(chromedp.CSS("body"), chromedp.FromNode(frames[0])))
			}
			if err == nil && len(inside) > 0 {
				ctx, cancel := context.WithTimeout(tt.ctx, 3*time.Second)
				v, err := chromedp.Run(ctx, chromedp.Poll[markInfo](expr, chromedp.WithPollingInFrame(inside[0])))
				cancel()
				if err == nil {
					return v
				}
			}
			if time.Now().After(deadline) {
				t.Fatalf("in the frame, %s: %v", expr, err)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	e := tl.Events[0]
	// The chart drawn by the server is drawn again by ECharts, as a
	// reader's zoom has it, for the marks to be read.
	m := inFrame(fmt.Sprintf(`(window.ties && ties.upgrade ? (ties.upgrade(), true) : false) && !document.querySelector('[data-chart] > svg') && document.querySelector('[data-chart][data-ready="true"]') !== null && (%s)(%q)`, markJS, e.ID))
	if m.Drawn != len(tl.Events) || m.At == nil {
		t.Fatalf("the embedded chronology draws %d marks, want %d", m.Drawn, len(tl.Events))
	}
	box := eval[struct{ X, Y float64 }](tt, `(() => { const r = document.querySelector('iframe').getBoundingClientRect(); return {X: r.left, Y: r.top}; })()`)
	opened := chromedp.WaitNewTarget(tt.ctx, func(i *target.Info) bool {
		return strings.TrimSuffix(i.URL, "/") == tt.origin+tt.prefix+"/events/"+e.ID
	})
	// The click opens the reading panel inside the frame; its link opens
	// the event's page in a new tab.
	tt.do(chromedp.MouseClickXY(box.X+m.At.X, box.Y+m.At.Y))
	l := inFrame(fmt.Sprintf(`(() => {
		const p = document.querySelector('[data-reading-panel]');
		if (!p || p.hidden || p.querySelector('.reading-title').textContent !== %q || !p.querySelector('.reading-quote')) return null;
		const a = p.querySelector('.reading-links a');
		if (!a || a.target !== '_blank') return null;
		a.scrollIntoView({block: 'nearest'});
		const r = a.getBoundingClientRect();
		return {drawn: 1, at: {x: r.left + r.width / 2, y: r.top + r.height / 2}};
	})()`, e.Title))
	tt.do(chromedp.MouseClickXY(box.X+l.At.X, box.Y+l.At.Y))
	select {
	case <-opened:
	case <-time.After(10 * time.Second):
		t.Fatal("the embedded reading panel's link opened no new tab with the event's page")
	}
	if got := eval[string](tt, `location.href`); got != writer.URL+"/" {
		t.Errorf("the writer's page moved to %s", got)
	}
}

// An embedded event links to its own page on the site, for a new tab; the
// address resolves against the frame's, which is the site's.
func TestEmbedEventLinksToItsPage(t *testing.T) {
	doc := mustDoc(t, NewServer(defaultTimeline(t)), "/embed/events/khan-visits-moscow", http.StatusOK)
	a := doc.Find("article.embed-event h1 a")
	if href, _ := a.Attr("href"); href != "/events/khan-visits-moscow" {
		t.Errorf("the embedded event links to %q", href)
	}
	if doc.Find(`base[target="_blank"]`).Length() != 1 {
		t.Error("links in the embed do not open in a new tab")
	}
}

// No page names a div that has no role: a chart's box is an image, as
// ECharts makes it once drawn.
func TestNoNamedDivWithoutARole(t *testing.T) {
	s := NewServer(defaultTimeline(t))
	for _, path := range []string{"/", "/events", "/events/khan-visits-moscow", "/sources/diplomat-2022", "/present",
		"/present/khan-putin-summit", "/print", "/embed/chronology", "/embed/player", "/embed/per-year", "/embed/actors",
		"/embed/events/khan-visits-moscow"} {
		doc := mustDoc(t, s, path, http.StatusOK)
		doc.Find("div[aria-label]:not([role])").Each(func(_ int, d *goquery.Selection) {
			id, _ := d.Attr("id")
			t.Errorf("%s: div#%s has an aria-label and no role", path, id)
		})
	}
}
