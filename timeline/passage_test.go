package timeline

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestTextFragment(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"Khan’s visit", "#:~:text=Khan%E2%80%99s%20visit"},
		{"a-b, c & d", "#:~:text=a%2Db%2C%20c%20%26%20d"},
		{"one two three four five six seven eight nine ten eleven", "#:~:text=one%20two%20three%20four%20five,seven%20eight%20nine%20ten%20eleven"},
		{"  spaced\n out  ", "#:~:text=spaced%20out"},
	} {
		if got := TextFragment(tt.text); got != tt.want {
			t.Errorf("TextFragment(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// Segments cut a block where its formatting changes and where passages
// begin and end, and say which passages cover each.
func TestSegments(t *testing.T) {
	doc := ParseMarkdown([]byte("One *two three* four five.\n"))
	b := doc.Paragraphs[0]
	x := newIndex(doc)
	find := func(q string) *Passage {
		bl, start, end, err := x.find(q)
		if err != nil {
			t.Fatal(err)
		}
		return &Passage{Paragraph: bl, Start: start, End: end}
	}
	p, q := find("two three four"), find("four five")
	type seg struct {
		Text     string
		Emphasis bool
		Covered  int
		Begins   int
	}
	var got []seg
	for _, s := range b.Segments([]*Passage{p, q}) {
		got = append(got, seg{s.Text, s.Emphasis, len(s.Passages), len(s.Begins)})
	}
	want := []seg{
		{"One ", false, 0, 0},
		{"two three", true, 1, 1},
		{" ", false, 1, 0},
		{"four", false, 2, 1},
		{" five", false, 1, 0},
		{".", false, 0, 0},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("segments mismatch (-want +got):\n%s", diff)
	}
}
