package timeline

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseMarkdown(t *testing.T) {
	src := "# Title\r\n\r\nFirst *emphasised* and **strong** with [a link](https://example.org/a) and `code`.\r\n" +
		"Second line &amp; \\*escaped\\* &#8212; done.\r\n\r\n## Section\r\n\r\n<script>alert(1)</script>\r\n\r\n" +
		"- a list item\r\n\r\nLast <b>raw</b> words.\r\n"
	doc := ParseMarkdown([]byte(src))
	type block struct {
		Kind   BlockKind
		Level  int
		Anchor string
		Text   string
		Line   int
	}
	var got []block
	for _, b := range doc.Blocks {
		got = append(got, block{b.Kind, b.Level, b.Anchor, b.Text, b.Line})
	}
	want := []block{
		{Heading, 1, "h1", "Title", 1},
		{Paragraph, 0, "p1", "First emphasised and strong with a link and code. Second line & *escaped* — done.", 3},
		{Heading, 2, "h2", "Section", 6},
		{Paragraph, 0, "p2", "<script>alert(1)</script>", 8},
		{Paragraph, 0, "p3", "a list item", 10},
		{Paragraph, 0, "p4", "Last <b>raw</b> words.", 12},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("blocks mismatch (-want +got):\n%s", diff)
	}
	if got, want := len(doc.Paragraphs), 4; got != want {
		t.Errorf("len(Paragraphs) = %d, want %d", got, want)
	}

	wantRuns := []Run{
		{Text: "First "},
		{Text: "emphasised", Emphasis: true},
		{Text: " and "},
		{Text: "strong", Strong: true},
		{Text: " with "},
		{Text: "a link", Link: "https://example.org/a"},
		{Text: " and "},
		{Text: "code", Code: true},
		{Text: ". Second line & *escaped* — done."},
	}
	if diff := cmp.Diff(wantRuns, doc.Paragraphs[0].Runs); diff != "" {
		t.Errorf("runs mismatch (-want +got):\n%s", diff)
	}
}
