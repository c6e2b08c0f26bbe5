package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/chromedp/chromedp"

	"ties/timeline"
)

// baseSpellings are the ways a user may write where a site lives, with the
// path each means and the public address, if it names one.
var baseSpellings = []struct {
	flag, value string
	base        string
	public      string
}{
	{"--base", "/", "/", ""},
	{"--base", "", "/", ""},
	{"--base", "ties", "/ties/", ""},
	{"--base", "/ties", "/ties/", ""},
	{"--base", "/ties/", "/ties/", ""},
	{"--url", "https://a.example/", "/", "https://a.example/"},
	{"--url", "https://a.example", "/", "https://a.example/"},
	{"--url", "https://a.example/x/y/", "/x/y/", "https://a.example/x/y/"},
	{"--url", "https://a.example/x/y", "/x/y/", "https://a.example/x/y/"},
	{"--url", "https://a.example//", "/", "https://a.example/"},
}

// checkAddresses fails the test when an address in a page of the site is
// not under base: every path must start with base, never with "//", and
// every address on the site's own host with public.
func checkAddresses(tb testing.TB, name string, page []byte, base, public string) {
	tb.Helper()
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(page))
	if err != nil {
		tb.Fatal(err)
	}
	n := 0
	doc.Find("*").Each(func(_ int, el *goquery.Selection) {
		for _, a := range el.Nodes[0].Attr {
			v := a.Val
			switch {
			case strings.HasPrefix(v, "//"):
				tb.Errorf("%s: <%s %s=%q> is an address on another host", name, goquery.NodeName(el), a.Key, v)
			case strings.HasPrefix(v, "/"):
				n++
				if !strings.HasPrefix(v, base) {
					tb.Errorf("%s: <%s %s=%q> is not under %s", name, goquery.NodeName(el), a.Key, v, base)
				}
			case strings.HasPrefix(v, "https://a.example"):
				n++
				if public == "" || !strings.HasPrefix(v, public) || strings.Contains(strings.TrimPrefix(v, "https://"), "//") {
					tb.Errorf("%s: <%s %s=%q> is not under %s", name, goquery.NodeName(el), a.Key, v, public)
				}
			}
		}
	})
	if n < 10 {
		tb.Errorf("%s: only %d addresses of the site were found", name, n)
	}
}

// Every spelling of --base and --url builds a site whose addresses are all
// under the path it means.
func TestBuildBaseSpellings(t *testing.T) {
	for _, tt := range baseSpellings {
		t.Run(tt.flag+"="+tt.value, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "site")
			code, stdout, stderr := run(t, "build", "--out", out, tt.flag, tt.value)
			if code != 0 {
				t.Fatalf("ties build = %d: %s", code, stderr)
			}
			if want := " under " + tt.base + " to "; !strings.Contains(stdout, want) {
				t.Errorf("ties build printed %q, want it to say %q", stdout, want)
			}
			for _, page := range []string{"index.html", "events/khan-visits-moscow/index.html", "embed/chronology/index.html", "sources/diplomat-2022/index.html", "404.html"} {
				b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(page)))
				if err != nil {
					t.Fatal(err)
				}
				checkAddresses(t, page, b, tt.base, tt.public)
			}
			b, err := os.ReadFile(filepath.Join(out, "oembed", "chronology.json"))
			if err != nil {
				t.Fatal(err)
			}
			var o oembedResponse
			if err := json.Unmarshal(b, &o); err != nil {
				t.Fatal(err)
			}
			want := tt.base + "embed/chronology"
			if tt.public != "" {
				want = tt.public + "embed/chronology"
			}
			if !strings.Contains(o.HTML, `src="`+want+`"`) {
				t.Errorf("the oEmbed iframe is %s, want its src to be %s", o.HTML, want)
			}
		})
	}
}

// Every spelling of --base and --url serves the site at the path it means,
// and ties prints that address.
func TestServeBaseSpellings(t *testing.T) {
	for _, tt := range baseSpellings {
		t.Run(tt.flag+"="+tt.value, func(t *testing.T) {
			addr, stop := serving(t, "serve", "--addr", "127.0.0.1:0", tt.flag, tt.value)
			site := "http://" + addr + tt.base
			home := fetch(t, site, http.StatusOK)
			checkAddresses(t, site, home, tt.base, tt.public)
			doc, _ := goquery.NewDocumentFromReader(bytes.NewReader(home))
			style, _ := doc.Find(`link[rel="stylesheet"]`).Attr("href")
			if b := fetch(t, "http://"+addr+style, http.StatusOK); !bytes.Contains(b, []byte("--paper")) {
				t.Errorf("the style sheet %s is not the site's", style)
			}
			page := site
			if tt.public != "" {
				page = tt.public
			}
			oembed := fetch(t, site+"oembed?"+url.Values{"url": {page + "events/khan-visits-moscow"}}.Encode(), http.StatusOK)
			if want := page + "embed/events/khan-visits-moscow"; !bytes.Contains(oembed, []byte(want)) {
				t.Errorf("oEmbed answered %s, want an iframe of %s", oembed, want)
			}
			if tt.base != "/" {
				fetch(t, "http://"+addr+"/", http.StatusNotFound)
			}
			code, out, errOut := stop()
			if code != 0 {
				t.Errorf("ties exited with %d: %s", code, errOut)
			}
			want := "at " + site
			if tt.public != "" && tt.public != site {
				want += ", for " + tt.public
			}
			if !strings.Contains(out, want+" — press Ctrl-C") {
				t.Errorf("ties printed %q, want it to say %q", out, want)
			}
		})
	}
}

// fetch gets an address and returns its body, failing unless it has the
// wanted status.
func fetch(tb testing.TB, addr string, status int) []byte {
	tb.Helper()
	resp, err := http.Get(addr)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatal(err)
	}
	if resp.StatusCode != status {
		tb.Fatalf("GET %s = %d, want %d", addr, resp.StatusCode, status)
	}
	return b
}

// What is not a base or a site's address is refused before anything is
// loaded or written, by build and serve alike.
func TestBaseRefused(t *testing.T) {
	for _, args := range [][]string{
		{"--base", "/my ties/"},
		{"--base", "/a/../b/"},
		{"--base", "a//b"},
		{"--url", "example.org/ties/"},
		{"--url", "ftp://example.org/"},
		{"--url", "https://example.org/ties/?x=1"},
		{"--url", "https://example.org/ties/#top"},
		{"--url", "https://example.org/ties/?"},
		{"--base", "/a/", "--url", "https://example.org/b/"},
	} {
		for _, cmd := range [][]string{{"serve", "--addr", "127.0.0.1:0"}, {"build", "--out", filepath.Join(t.TempDir(), "x")}} {
			argv := append(cmd, args...)
			code, _, stderr := run(t, argv...)
			if code != 2 || !strings.Contains(stderr, "ties: --") && !strings.Contains(stderr, "not both") {
				t.Errorf("ties %v = %d, %q; want 2 and a word on the flag", argv, code, stderr)
			}
		}
	}
}

// Every spelling of --base and --url gives a site that works in the
// browser, built and served by a plain file server, and served by ties: the
// styles apply, the charts are drawn, and a click on the chronology reaches
// an event.
func TestBrowserBaseSpellings(t *testing.T) {
	tl := defaultTimeline(t)
	e := tl.Events[len(tl.Events)/2]
	for _, tt := range baseSpellings {
		prefix := strings.TrimSuffix(tt.base, "/")
		t.Run("build "+tt.flag+"="+tt.value, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "site")
			if code, _, stderr := run(t, "build", "--out", out, tt.flag, tt.value); code != 0 {
				t.Fatalf("ties build = %d: %s", code, stderr)
			}
			var h http.Handler = http.FileServer(http.Dir(out))
			if prefix != "" {
				mux := http.NewServeMux()
				mux.Handle(tt.base, http.StripPrefix(tt.base, h))
				h = mux
			}
			checkSiteWorks(t, openSite(t, h, prefix, 1280, 1000), e)
		})
		t.Run("serve "+tt.flag+"="+tt.value, func(t *testing.T) {
			m := NewMain(io.Discard, io.Discard)
			if err := m.ParseFlags([]string{"serve", tt.flag, tt.value}); err != nil {
				t.Fatal(err)
			}
			opts, err := m.siteOptions()
			if err != nil {
				t.Fatal(err)
			}
			checkSiteWorks(t, openSite(t, NewServer(tl, opts...), prefix, 1280, 1000), e)
		})
	}
}

// checkSiteWorks opens the home page of the site in tab: its style sheet
// applies, its charts are drawn, a click on the mark of e opens it in the
// reading panel, and the panel's link opens e's page.
func checkSiteWorks(t *testing.T, tab *tab, e *timeline.Event) {
	t.Helper()
	tab.open("/")
	if got := eval[string](tab, `getComputedStyle(document.documentElement).getPropertyValue('--paper').trim()`); got == "" {
		t.Error("the page has no style: its style sheet did not load")
	}
	clickMark(tab, e.ID)
	tab.waitFor(panelShows(e.Title))
	tab.do(chromedp.Click(chromedp.CSS(`[data-reading-panel] .reading-links a`)))
	tab.waitForPath("/events/" + e.ID)
	if got := eval[string](tab, `document.querySelector('h1').textContent`); got != e.Title {
		t.Errorf("the click opened a page titled %q, want %q", got, e.Title)
	}
}
