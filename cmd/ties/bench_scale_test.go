package main

import (
	"os"
	"testing"

	"ties/timeline"
)

// BenchmarkNewServer10k makes a server for a generated timeline of 10,000
// events, from TIES_BENCH_DATA (a folder that ties gen wrote).
func BenchmarkNewServer10k(b *testing.B) {
	dir := os.Getenv("TIES_BENCH_DATA")
	if dir == "" {
		b.Skip("set TIES_BENCH_DATA to a folder written by ties gen")
	}
	t, err := timeline.Load(os.DirFS(dir), ".")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		NewServer(t)
	}
}
