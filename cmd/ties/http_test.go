package main

import (
	"bytes"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// A client holding a page gets 304 Not Modified for it, pages and assets.
func TestConditionalRequests(t *testing.T) {
	s := NewServer(defaultTimeline(t))
	for _, target := range []string{"/", "/events/khan-visits-moscow", "/api/events.json", "/assets/app.js", "/oembed/chronology.json"} {
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
