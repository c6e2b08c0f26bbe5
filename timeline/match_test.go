package timeline

import (
	"strings"
	"testing"
)

const article = `# A Title With “Curly” Words

Khan’s visit to Moscow — planned “months in advance” — came under scrutiny…

The pipeline runs 1,100 kilometers from Karachi to Lahore.
Its  prospects are dim.

Pakistan abstained *at the U.N. General Assembly* vote, said [the envoy](https://example.org), in New Delhi.

Lahore is in Punjab. Karachi is on the coast. Karachi is large.
`

func mustIndex(t *testing.T, src string) *index {
	t.Helper()
	return newIndex(ParseMarkdown([]byte(src)))
}

func TestFindMatches(t *testing.T) {
	x := mustIndex(t, article)
	for _, tt := range []struct {
		name, quote string
		anchor      string
		text        string // the source's own words for the quote
	}{
		{"exact", "Khan’s visit to Moscow", "p1", "Khan’s visit to Moscow"},
		{"straight apostrophe", "Khan's visit to Moscow", "p1", "Khan’s visit to Moscow"},
		{"straight quotes", `planned "months in advance"`, "p1", "planned “months in advance”"},
		{"hyphen for em dash", "Moscow - planned", "p1", "Moscow — planned"},
		{"en dash for em dash", "Moscow – planned", "p1", "Moscow — planned"},
		{"three dots for ellipsis", "under scrutiny...", "p1", "under scrutiny…"},
		{"non-breaking space", "visit\u00a0to\u00a0Moscow", "p1", "visit to Moscow"},
		{"runs of white space", "visit   to\n\tMoscow", "p1", "visit to Moscow"},
		{"trimmed", "  visit to Moscow  ", "p1", "visit to Moscow"},
		{"across a soft line break", "Lahore. Its prospects", "p2", "Lahore.\nIts  prospects"},
		{"across emphasis", "abstained at the U.N. General Assembly vote", "p3", "abstained at the U.N. General Assembly vote"},
		{"across a link", "vote, said the envoy, in New Delhi", "p3", "vote, said the envoy, in New Delhi"},
		{"whole paragraph", "Lahore is in Punjab. Karachi is on the coast. Karachi is large.", "p4", "Lahore is in Punjab. Karachi is on the coast. Karachi is large."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			bl, start, end, err := x.find(tt.quote)
			if err != nil {
				t.Fatalf("find(%q): %v", tt.quote, err)
			}
			if got, want := bl.Anchor, tt.anchor; got != want {
				t.Errorf("anchor = %s, want %s", got, want)
			}
			// Offsets are into the block's text, which has no markup.
			if got, want := bl.Text[start:end], strings.ReplaceAll(tt.text, "\n", " "); got != want {
				t.Errorf("text = %q, want %q", got, want)
			}
		})
	}
}

func TestFindRejects(t *testing.T) {
	x := mustIndex(t, article)
	for _, tt := range []struct {
		name, quote string
		want        []string
	}{
		{"not found shows the closest passage", "Khan’s trip to Moscow — planned", []string{"not in the source", `closest passage is in p1 (line 3): "Khan’s visit to Moscow — planned"`}},
		{"no shared word", "zebra quantum", []string{"no paragraph shares its words"}},
		{"case differs", "khan’s visit to moscow", []string{"not in the source", "p1"}},
		{"ambiguous", "Karachi", []string{"found in 3 places", "in p2 (line 5), p4 (line 10)", "make it longer"}},
		{"across paragraphs", "are dim. Pakistan abstained", []string{"runs from p2 (line 5) into p3 (line 8)", "within one paragraph"}},
		{"a heading", "A Title With", []string{`in the heading "A Title With “Curly” Words" (line 1)`}},
		{"empty", " \u00a0 ", []string{"the quote is empty"}},
		{"part of an ellipsis", "came under scrutiny.", []string{"not in the source"}},
		{"markup is not text", "*at the U.N.", []string{"not in the source"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, _, _, err := x.find(tt.quote)
			if err == nil {
				t.Fatalf("find(%q) succeeded, want an error", tt.quote)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("find(%q) = %q, want it to contain %q", tt.quote, err, w)
				}
			}
		})
	}
}

func TestFoldMapsBack(t *testing.T) {
	s := "a\u00a0 “b” — c…"
	f := fold(s)
	if got, want := f.text, `a "b" - c...`; got != want {
		t.Fatalf("fold(%q) = %q, want %q", s, got, want)
	}
	start, end := f.span(2, len(f.text))
	if got, want := s[start:end], "“b” — c…"; got != want {
		t.Errorf("span = %q, want %q", got, want)
	}
}
