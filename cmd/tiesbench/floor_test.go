package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestFloorPages checks that the floor pages load the ties server's own
// ECharts file, and are cached as ties' pages and scripts are.
func TestFloorPages(t *testing.T) {
	const src = "/assets/vendor/echarts/echarts.custom.min.0123456789.js"
	ties := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `<!DOCTYPE html><html><head><script src="/assets/look.1.js"></script><script src="`+src+`" defer></script></head></html>`)
	}))
	defer ties.Close()
	base, stop, err := startFloor(ties.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer stop()

	get := func(path, etag string) (*http.Response, string) {
		t.Helper()
		req, _ := http.NewRequest("GET", base+path, nil)
		if etag != "" {
			req.Header.Set("If-None-Match", etag)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp, string(body)
	}
	resp, page := get("/echarts", "")
	if resp.StatusCode != 200 || !strings.Contains(page, `<script src="`+ties.URL+src+`" defer>`) {
		t.Fatalf("/echarts: %d, want 200 and the ties server's ECharts file; got\n%s", resp.StatusCode, page)
	}
	if cc := resp.Header.Get("Cache-Control"); cc != "no-cache" {
		t.Errorf("/echarts: Cache-Control %q, want no-cache, as ties' pages", cc)
	}
	if again, _ := get("/echarts", resp.Header.Get("ETag")); again.StatusCode != http.StatusNotModified {
		t.Errorf("/echarts revalidated: %d, want 304", again.StatusCode)
	}
	for _, path := range []string{"/echarts.js", "/blank.js"} {
		resp, body := get(path, "")
		if !strings.Contains(body, "ties-chart-ready:chronology") {
			t.Errorf("%s does not make the mark that timeToFirstChart waits for:\n%s", path, body)
		}
		if cc := resp.Header.Get("Cache-Control"); !strings.Contains(cc, "immutable") {
			t.Errorf("%s: Cache-Control %q, want immutable, as ties' scripts", path, cc)
		}
	}
	if resp, _ := get("/other", ""); resp.StatusCode != http.StatusNotFound {
		t.Errorf("/other: %d, want 404", resp.StatusCode)
	}
}

// TestFloorNeedsECharts checks that a page with no ECharts file is an error
// that says so.
func TestFloorNeedsECharts(t *testing.T) {
	ties := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `<!DOCTYPE html><html><head><script src="/assets/app.js" defer></script></head></html>`)
	}))
	defer ties.Close()
	if _, _, err := startFloor(ties.URL); err == nil || !strings.Contains(err.Error(), "no ECharts file") {
		t.Fatalf("startFloor on a page without ECharts: %v, want an error naming the missing file", err)
	}
}
