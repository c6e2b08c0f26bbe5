package main

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// fakeTies serves a home page that loads an ECharts file and a stylesheet,
// and holds the chronology drawn, and those files, as the ties server does.
func fakeTies(t *testing.T) *httptest.Server {
	t.Helper()
	const src = "/assets/vendor/echarts/echarts.custom.min.0123456789.js"
	const style = "/assets/style.0123456789.css"
	ties := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/":
			io.WriteString(w, `<!DOCTYPE html><html><head><script src="/assets/look.1.js"></script><link rel="stylesheet" href="`+style+`"><script src="/assets/ties.1.js" defer></script></head>`+
				`<body data-echarts="`+src+`"><div class="chart" data-chart="chronology" data-ready><svg id="drawn"><text>Khan visits Moscow</text></svg><div class="chart-narrow"><svg id="narrow"></svg></div></div></body></html>`)
		case src:
			w.Header().Set("Cache-Control", immutable)
			io.WriteString(w, "window.echarts = {};")
		case style:
			w.Header().Set("Cache-Control", immutable)
			io.WriteString(w, "body { margin: 0; }")
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(ties.Close)
	return ties
}

// The floor pages are cached as ties' pages and scripts are, and pass the
// ties server's ECharts file through as it sends it.
func TestFloorPages(t *testing.T) {
	base, stop, err := startFloor(context.Background(), fakeTies(t).URL)
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	for _, tt := range []struct {
		path, cacheControl, holds string
		status                    int
	}{
		{"/blank", "no-cache", `<script src="/blank.js" defer>`, 200},
		{"/blank.js", immutable, "ties-chart-ready:chronology", 200},
		{"/echarts", "no-cache", `<script src="/echarts.min.js" defer>`, 200},
		{"/echarts.js", immutable, "ties-chart-ready:chronology", 200},
		{"/echarts.min.js", immutable, "window.echarts", 200},
		{"/style.css", immutable, "body { margin: 0; }", 200},
		{"/drawn", "no-cache", `<section class="chart-card chart-chronology"><div class="chart" data-chart="chronology" data-ready><svg id="drawn"><text>Khan visits Moscow</text></svg></div><p>`, 200},
		{"/other", "", "", 404},
	} {
		t.Run(tt.path, func(t *testing.T) {
			resp, err := http.Get(base + tt.path)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tt.status || !strings.Contains(string(body), tt.holds) {
				t.Fatalf("%d, want %d and a body holding %q; got\n%s", resp.StatusCode, tt.status, tt.holds, body)
			}
			if got := resp.Header.Get("Cache-Control"); tt.cacheControl != "" && got != tt.cacheControl {
				t.Errorf("Cache-Control %q, want %q, as ties sends its own", got, tt.cacheControl)
			}
		})
	}
}

// A floor page revalidates with 304, as ties' pages do.
func TestFloorPageRevalidates(t *testing.T) {
	base, stop, err := startFloor(context.Background(), fakeTies(t).URL)
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	first, err := http.Get(base + "/echarts")
	if err != nil {
		t.Fatal(err)
	}
	first.Body.Close()
	req, err := http.NewRequest("GET", base+"/echarts", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("If-None-Match", first.Header.Get("ETag"))
	again, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	again.Body.Close()
	if again.StatusCode != http.StatusNotModified {
		t.Errorf("/echarts revalidated with its ETag %q: %d, want 304", first.Header.Get("ETag"), again.StatusCode)
	}
}

// A home page with no ECharts file is an error that says so.
func TestFloorNeedsECharts(t *testing.T) {
	ties := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `<!DOCTYPE html><html><head><script src="/assets/ties.0123456789.js" defer></script></head></html>`)
	}))
	defer ties.Close()
	if _, _, err := startFloor(context.Background(), ties.URL); err == nil || !strings.Contains(err.Error(), "no ECharts file") {
		t.Fatalf("startFloor on a page without ECharts: %v, want an error naming the missing file", err)
	}
}

// A home page whose chronology the server has not drawn is an error that
// says so: the /drawn floor page would have nothing to hold.
func TestFloorNeedsTheDrawing(t *testing.T) {
	ties := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `<!DOCTYPE html><html><head><link rel="stylesheet" href="/assets/style.1.css"></head><body data-echarts="/assets/echarts.1.js"><div class="chart" data-chart="chronology"></div></body></html>`)
	}))
	defer ties.Close()
	if _, _, err := startFloor(context.Background(), ties.URL); err == nil || !strings.Contains(err.Error(), "no chronology drawn") {
		t.Fatalf("startFloor on a page drawn by the browser: %v, want an error naming the missing drawing", err)
	}
}

// A style sheet that the ties server does not serve is an error that
// names it: /drawn would be timed unstyled.
func TestFloorNeedsTheStyleSheet(t *testing.T) {
	ties := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/":
			io.WriteString(w, `<!DOCTYPE html><html><head><link rel="stylesheet" href="/assets/style.1.css"></head><body data-echarts="/assets/echarts.1.js"><div class="chart" data-chart="chronology" data-ready><svg></svg></div></body></html>`)
		case "/assets/echarts.1.js":
			io.WriteString(w, "window.echarts = {};")
		default:
			http.NotFound(w, r)
		}
	}))
	defer ties.Close()
	if _, _, err := startFloor(context.Background(), ties.URL); err == nil || !strings.Contains(err.Error(), "/assets/style.1.css") || !strings.Contains(err.Error(), "404") {
		t.Fatalf("startFloor with a missing style sheet: %v, want an error naming it and its status", err)
	}
}

// A home page that fails is an error that says how.
func TestFloorNeedsHome(t *testing.T) {
	ties := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "broken", http.StatusInternalServerError)
	}))
	defer ties.Close()
	if _, _, err := startFloor(context.Background(), ties.URL); err == nil || !strings.Contains(err.Error(), "500") {
		t.Fatalf("startFloor on a failing home page: %v, want an error with its status", err)
	}
}
