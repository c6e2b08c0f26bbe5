package main

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
)

var fuzzServer struct {
	once sync.Once
	s    *Server
}

// FuzzRouter sends arbitrary paths and queries: the server never fails,
// never panics, and answers every request with the security headers.
func FuzzRouter(f *testing.F) {
	for _, p := range []string{"/", "/events/khan-visits-moscow", "/assets/../go.mod", "/assets/%2e%2e/x", "//events", "/events/", "/present/x--y",
		"/oembed?url=http://example.com/&maxwidth=-1", "/embed/chronology?look=<script>", "/?q=%ff&theme[]=1", "/sources/diplomat-2022#x"} {
		f.Add(p)
	}
	f.Fuzz(func(t *testing.T, target string) {
		fuzzServer.once.Do(func() { fuzzServer.s = NewServer(defaultTimeline(t)) })
		u, err := url.ParseRequestURI(target)
		if err != nil || !strings.HasPrefix(target, "/") {
			return
		}
		r := httptest.NewRequest("GET", "/", nil)
		r.URL, r.RequestURI = u, target
		w := httptest.NewRecorder()
		fuzzServer.s.ServeHTTP(w, r)
		if w.Code >= 500 {
			t.Fatalf("GET %s = %d: %s", target, w.Code, w.Body.String())
		}
		if w.Header().Get("Content-Security-Policy") == "" || w.Header().Get("X-Content-Type-Options") != "nosniff" {
			t.Fatalf("GET %s: no security headers", target)
		}
		if w.Code == http.StatusOK && w.Body.Len() == 0 {
			t.Fatalf("GET %s: an empty page", target)
		}
	})
}
