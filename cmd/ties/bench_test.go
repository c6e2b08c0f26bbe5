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

// BenchmarkServeEveryPath serves each path of the export in turn, once
// drawn and made, as tiesbench's throughput run asks for them: the cost of
// a request to a page or picture the server holds already.
func BenchmarkServeEveryPath(b *testing.B) {
	s := drawingServer(b)
	paths := s.sitePaths()
	paths = paths[:len(paths)-1] // the last is the 404 page's name
	get := func(p string) {
		w := httptest.NewRecorder()
		r := httptest.NewRequest("GET", p, nil)
		r.Header.Set("Accept-Encoding", "br, gzip")
		s.ServeHTTP(w, r)
		if w.Code != 200 {
			b.Fatalf("%s = %d", p, w.Code)
		}
	}
	for _, p := range paths {
		get(p) // the first request makes the page or picture
	}
	i := 0
	for b.Loop() {
		get(paths[i%len(paths)])
		i++
	}
}
