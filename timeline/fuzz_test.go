package timeline

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// watchdog crashes the fuzzing process, and so records the input, when the
// call it guards takes more than five seconds: a hang is a failure too.
func watchdog(input ...string) (stop func()) {
	timer := time.AfterFunc(5*time.Second, func() {
		panic(fmt.Sprintf("hung for 5s on input %q", input))
	})
	return func() { timer.Stop() }
}

// FuzzLoad loads arbitrary event files against the test source: Load never
// panics, and either returns a timeline or problems that each name a file.
func FuzzLoad(f *testing.F) {
	f.Add(header + goodEvent)
	f.Add(header + strings.Replace(goodEvent, "2022-02-23", "2022-02-30", 1))
	f.Add(header + goodEvent + "    summary: *a\n")
	f.Add("a: &a [*a, *a]\nb: {c: [1, {d: e}]}\n")
	f.Add("- [[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]\n")
	f.Add("\uFEFFtitle: x\r\nevents: ~\r\n")
	f.Add("title: \"\\xff\"\n? [a]\n: b\n<<: {c: d}\n")
	f.Fuzz(func(t *testing.T, file string) {
		defer watchdog(file)()
		tl, err := Load(testFS(file), "data")
		if err == nil {
			if tl == nil || len(tl.Events) == 0 {
				t.Fatalf("Load succeeded without events")
			}
			for _, e := range tl.Events {
				if len(e.Passages) == 0 || !e.DateStated && e.DateSource == nil {
					t.Fatalf("event %q loaded without passages or date provenance", e.ID)
				}
			}
			return
		}
		var ps Problems
		if !errors.As(err, &ps) || len(ps) == 0 {
			t.Fatalf("Load = %v, want Problems", err)
		}
		for _, p := range ps {
			if p.File == "" || p.Message == "" || p.Line < 0 || p.Column < 0 {
				t.Fatalf("incomplete problem %#v", p)
			}
		}
	})
}

// FuzzFind matches arbitrary quotes in arbitrary Markdown: find never panics,
// and what it finds is the quote, up to folding.
func FuzzFind(f *testing.F) {
	f.Add(article, "Khan's visit to Moscow - planned")
	f.Add(article, "under scrutiny...")
	f.Add(article, "Karachi")
	f.Add("a\u00a0\u00a0b…c", "b...c")
	f.Add("x *y* [z](u) \xff", "y z")
	f.Add("‘’“”‐‑‒–—―−…", `''""-------...`)
	f.Fuzz(func(t *testing.T, src, quote string) {
		if len(quote) > MaxQuote*4 {
			return
		}
		defer watchdog(src, quote)()
		x := newIndex(ParseMarkdown([]byte(src)))
		bl, start, end, err := x.find(quote)
		if err != nil {
			return
		}
		if bl.Kind != Paragraph || start < 0 || end > len(bl.Text) || start > end {
			t.Fatalf("find(%q) = %v [%d:%d], want a range of a paragraph", quote, bl.Anchor, start, end)
		}
		got := bl.Text[start:end]
		if fold(got).text != fold(quote).text {
			t.Fatalf("find(%q) found %q, which folds differently", quote, got)
		}
		if utf8.ValidString(bl.Text) && !utf8.ValidString(got) {
			t.Fatalf("find(%q) cut a character: %q", quote, got)
		}
	})
}

// FuzzParseDate parses arbitrary dates: a date that parses prints back as
// written, and its period is a real one.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2022", "2022-02", "2022-02-28", "~2010", "2022-02-30", "0000", "~~1", "9999-12-31", "2024-02-29"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			return
		}
		if d.String() != s {
			t.Fatalf("ParseDate(%q).String() = %q", s, d.String())
		}
		if !d.Next().After(d.Start()) {
			t.Fatalf("%q: the period from %v to %v is empty", s, d.Start(), d.Next())
		}
	})
}

// FuzzParseMarkdown parses arbitrary sources: every paragraph has its anchor
// and text, and its runs make up its text.
func FuzzParseMarkdown(f *testing.F) {
	f.Add(article)
	f.Add(testSource)
	f.Add("# x\n\n<script>x</script>\n\n- a *b [c](d)*\n\n```\ncode\n```\n")
	f.Add("\xff\x00[a](<b>)&amp;&#0;\\*")
	f.Fuzz(func(t *testing.T, src string) {
		defer watchdog(src)()
		doc := ParseMarkdown([]byte(src))
		for i, p := range doc.Paragraphs {
			if p.Anchor != fmt.Sprintf("p%d", i+1) || p.Text == "" {
				t.Fatalf("paragraph %d: anchor %q, text %q", i, p.Anchor, p.Text)
			}
			var joined strings.Builder
			for _, r := range p.Runs {
				joined.WriteString(r.Text)
			}
			if joined.String() != p.Text {
				t.Fatalf("paragraph %d: runs %q do not make up %q", i, joined.String(), p.Text)
			}
		}
	})
}
