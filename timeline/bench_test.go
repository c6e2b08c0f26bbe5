package timeline

import (
	"os"
	"testing"

	"ties/data"
)

// BenchmarkLoad loads the built-in timeline: YAML, Markdown and every quote.
func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(data.FS, "data"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFind finds a quote in the built-in article.
func BenchmarkFind(b *testing.B) {
	src, err := os.ReadFile("../data/sources/diplomat-2022.md")
	if err != nil {
		b.Fatal(err)
	}
	x := newIndex(ParseMarkdown(src))
	for b.Loop() {
		if _, _, _, err := x.find("Pakistan also received four Mi-35 helicopters worth $153 million in 2017"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkClosest finds the closest passage to a quote that is not there.
func BenchmarkClosest(b *testing.B) {
	src, err := os.ReadFile("../data/sources/diplomat-2022.md")
	if err != nil {
		b.Fatal(err)
	}
	x := newIndex(ParseMarkdown(src))
	for b.Loop() {
		if _, _, _, err := x.find("Pakistan received four helicopters worth millions"); err == nil {
			b.Fatal("found a quote that is not there")
		}
	}
}
