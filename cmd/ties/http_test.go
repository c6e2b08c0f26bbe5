package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

// A client holding a page gets 304 Not Modified for it, pages and assets.
func TestConditionalRequests(t *testing.T) {
	s := NewServer(defaultTimeline(t))
	for _, target := range []string{"/", "/events/khan-visits-moscow", "/api/events.json", "/assets/ties.js", "/oembed/chronology.json"} {
		first := get(t, s, "GET", target)
		etag := first.Header.Get("ETag")
		if first.StatusCode != 200 || etag == "" {
			t.Errorf("GET %s = %d with ETag %q", target, first.StatusCode, etag)
			continue
		}
		r := httptest.NewRequest("GET", target, nil)
		r.Header.Set("If-None-Match", etag)
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		if w.Code != http.StatusNotModified || w.Body.Len() != 0 {
			t.Errorf("GET %s with its ETag = %d and %d bytes, want 304 and none", target, w.Code, w.Body.Len())
		}
		r.Header.Set("If-None-Match", `"something-else"`)
		w = httptest.NewRecorder()
		s.ServeHTTP(w, r)
		if w.Code != http.StatusOK {
			t.Errorf("GET %s with another ETag = %d, want 200", target, w.Code)
		}
	}
}

// An address longer than the server reads is refused with a page that says so.
func TestLongAddresses(t *testing.T) {
	s := NewServer(defaultTimeline(t))
	for _, target := range []string{"/?q=" + strings.Repeat("a", 9000), "/events/" + strings.Repeat("a", 9000)} {
		resp := get(t, s, "GET", target)
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusRequestURITooLong || !bytes.Contains(body, []byte("Address too long")) {
			t.Errorf("GET a %d-character address = %d", len(target), resp.StatusCode)
		}
	}
}

// A panic in a handler becomes a 500 page and a log line, and the server
// goes on serving.
func TestPanicBecomesAnErrorPage(t *testing.T) {
	s := NewServer(defaultTimeline(t))
	var logged bytes.Buffer
	s.Log = log.New(&logged, "", 0)
	s.router.Handle("/boom", http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") }))
	resp := get(t, s, "GET", "/boom")
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 500 || !bytes.Contains(body, []byte("Something went wrong")) || bytes.Contains(body, []byte("boom")) {
		t.Errorf("a panic gave %d: %s", resp.StatusCode, body)
	}
	if !strings.Contains(logged.String(), "panic serving GET /boom: boom") {
		t.Errorf("the log reads %q", logged.String())
	}
	if resp := get(t, s, "GET", "/"); resp.StatusCode != 200 {
		t.Errorf("after a panic GET / = %d", resp.StatusCode)
	}
}

// A client that accepts brotli or gzip gets pages and assets compressed,
// with Vary and an ETag of their own, and the same bytes once decoded.
func TestCompression(t *testing.T) {
	s := NewServer(defaultTimeline(t))
	for _, target := range []string{"/", "/events/khan-visits-moscow", "/assets/vendor/echarts/echarts.custom.min.js"} {
		plain := get(t, s, "GET", target) // the first request makes the page
		want, _ := io.ReadAll(plain.Body)
		for _, tt := range []struct{ accept, coding string }{
			{"gzip, deflate, br", "br"},
			{"gzip", "gzip"},
			{"br;q=0, gzip", "gzip"},
			{"identity", ""},
		} {
			r := httptest.NewRequest("GET", target, nil)
			r.Header.Set("Accept-Encoding", tt.accept)
			w := httptest.NewRecorder()
			s.ServeHTTP(w, r)
			resp := w.Result()
			if got := resp.Header.Get("Content-Encoding"); got != tt.coding {
				t.Errorf("%s with %q: Content-Encoding %q, want %q", target, tt.accept, got, tt.coding)
				continue
			}
			if !strings.Contains(resp.Header.Get("Vary"), "Accept-Encoding") {
				t.Errorf("%s: no Vary: Accept-Encoding", target)
			}
			var body io.Reader = resp.Body
			switch tt.coding {
			case "br":
				body = brotli.NewReader(resp.Body)
			case "gzip":
				zr, err := gzip.NewReader(resp.Body)
				if err != nil {
					t.Fatal(err)
				}
				body = zr
			}
			got, err := io.ReadAll(body)
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("%s with %q: the decoded body differs (%v)", target, tt.accept, err)
			}
			if tt.coding != "" && w.Body.Len() >= len(want) {
				t.Errorf("%s with %q: %d bytes, no smaller than %d", target, tt.accept, w.Body.Len(), len(want))
			}
			etag := resp.Header.Get("ETag")
			r.Header.Set("If-None-Match", etag)
			w = httptest.NewRecorder()
			s.ServeHTTP(w, r)
			if w.Code != http.StatusNotModified {
				t.Errorf("%s with %q and its ETag %s = %d, want 304", target, tt.accept, etag, w.Code)
			}
		}
	}
}

// A coding is accepted unless the header leaves it out or gives it q=0.
func TestAcceptsEncoding(t *testing.T) {
	for _, c := range []struct {
		header, coding string
		want           bool
	}{
		{"gzip, deflate, br, zstd", "br", true},
		{"gzip, deflate", "br", false},
		{"br;q=0.5, gzip", "br", true},
		{"BR", "br", true},
		{"br;q=0", "br", false},
		{"br; q=0.000", "br", false},
		{"br;Q=0.0", "br", false},
		{"gzip;q=0, br", "gzip", false},
		{"", "gzip", false},
	} {
		if got := acceptsEncoding(c.header, c.coding); got != c.want {
			t.Errorf("acceptsEncoding(%q, %q) = %v, want %v", c.header, c.coding, got, c.want)
		}
	}
}
