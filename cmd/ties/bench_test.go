package main

import (
	"net/http/httptest"
	"testing"
)

// BenchmarkRenderAllPages makes every page of the built-in timeline afresh,
// as a new server (a start or a reload) does.
func BenchmarkRenderAllPages(b *testing.B) {
	t := defaultTimeline(b)
	paths := NewServer(t).sitePaths()
	for b.Loop() {
		s := NewServer(t)
		for _, p := range paths[:len(paths)-1] {
			w := httptest.NewRecorder()
			s.ServeHTTP(w, httptest.NewRequest("GET", p, nil))
			if w.Code != 200 {
				b.Fatalf("%s = %d", p, w.Code)
			}
		}
	}
}

// BenchmarkServeHome serves the home page once it is made.
func BenchmarkServeHome(b *testing.B) {
	s := NewServer(defaultTimeline(b))
	for b.Loop() {
		w := httptest.NewRecorder()
		s.ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
		if w.Code != 200 {
			b.Fatal(w.Code)
		}
	}
}
