package views

import (
	"bytes"
	"context"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/a-h/templ"
)

func render(tb testing.TB, c templ.Component) *goquery.Document {
	tb.Helper()
	var buf bytes.Buffer
	if err := c.Render(context.Background(), &buf); err != nil {
		tb.Fatal(err)
	}
	doc, err := goquery.NewDocumentFromReader(&buf)
	if err != nil {
		tb.Fatal(err)
	}
	return doc
}

// A paragraph shows its segments with their formatting and marks, and its
// links only when they are web addresses.
func TestParagraph(t *testing.T) {
	p := Paragraph{Anchor: "p3", Segments: []Segment{
		{Text: "Plain "},
		{Text: "quoted", Emphasis: true, Marked: true, MarkID: "event-a", Events: "a b", MarkURL: "/events/a"},
		{Text: " link", Link: "https://example.org/"},
		{Text: " bad", Link: "javascript:alert(1)"},
		{Text: " <b>text</b>", Strong: true},
	}}
	doc := render(t, paragraph(p, "quoted"))
	para := doc.Find("p#p3.quoted")
	if got, want := para.Text(), "Plain quoted link bad <b>text</b>"; got != want {
		t.Errorf("text = %q, want %q", got, want)
	}
	mark := para.Find("mark#event-a")
	if events, _ := mark.Attr("data-events"); events != "a b" {
		t.Errorf("data-events = %q", events)
	}
	if href, _ := mark.Find("a em").Parent().Attr("href"); href != "/events/a" {
		t.Errorf("the mark links to %q, want /events/a", href)
	}
	links := para.Find(`a[rel="nofollow"]`)
	if href, _ := links.Eq(0).Attr("href"); href != "https://example.org/" {
		t.Errorf("the web link is %q", href)
	}
	if href, _ := links.Eq(1).Attr("href"); href != string(templ.FailedSanitizationURL) {
		t.Errorf("the javascript: link became %q, want it disabled", href)
	}
	if para.Find("b").Length() != 0 || para.Find("strong").Text() != " <b>text</b>" {
		t.Error("markup in a segment's text became an element")
	}
}
