package main

import (
	"regexp"
	"strings"
	"testing"

	"ties/timeline"
)

// paragraphsOf is the plain text of each paragraph of a text: its words,
// one space apart, a blank line ending each.
func paragraphsOf(text string) []string {
	text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	var out []string
	for _, p := range regexp.MustCompile(`\n[ \t]*\n`).Split(text, -1) {
		if w := strings.Fields(p); len(w) > 0 {
			out = append(out, strings.Join(w, " "))
		}
	}
	return out
}

// checkText checks that text, made into Markdown, reads back as the same
// paragraphs, word for word, with nothing read as markup.
func checkText(t *testing.T, text string) {
	t.Helper()
	doc := timeline.ParseMarkdown(textToMarkdown(text))
	want := paragraphsOf(text)
	var got []string
	for _, b := range doc.Blocks {
		if b.Kind != timeline.Paragraph {
			t.Errorf("%q: a paragraph reads back as a heading: %q", text, b.Text)
		}
		got = append(got, b.Text)
		for _, r := range b.Runs {
			if r.Emphasis || r.Strong || r.Code || r.Link != "" {
				t.Errorf("%q: %q reads back as markup", text, r.Text)
			}
		}
	}
	if strings.Join(got, "\n\n") != strings.Join(want, "\n\n") {
		t.Errorf("%q reads back as\n%q\nwant\n%q", text, got, want)
	}
}

// A plain-text source keeps its words exactly, whatever Markdown would
// make of them.
func TestTextToMarkdownKeepsTheWords(t *testing.T) {
	for _, text := range []string{
		"On 5 November 1956 the troops landed.\n\nThe next paragraph\nruns over two lines.",
		"# not a heading\n\n- not a list\n\n1. not numbered\n\n> not a quote\n\n+ nor this\n\n= or this",
		"*stars* and _lines_ and `code` and [a link](http://x) and <b>tags</b> and &amp; and \\back\\slashes",
		"a ![picture](x.png) and ***rule***\n\n---\n\n***",
		"Windows\r\nline ends\r\n\r\nand old Mac\r\rones",
		"   \n\n  \t  \n",
		"2022. A year first.\n\n3) a parenthesis",
		"quotes “like these” and ‘these’ and \"these\" and direction \u202emarks\u202c",
		"| a | table |\n| - | - |",
	} {
		checkText(t, text)
	}
}

func FuzzTextToMarkdown(f *testing.F) {
	f.Add("On 5 November 1956 the troops landed.\n\n# Not a heading")
	f.Add("*a* _b_ `c` [d](e) <f> &g; \\h")
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8Valid(text) {
			return
		}
		checkText(t, text)
	})
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }

// An HTML page becomes its article, with its headings, paragraphs,
// emphasis and links, and without the page's furniture.
func TestHTMLToMarkdownKeepsTheArticle(t *testing.T) {
	page := `<!doctype html><html><head><title>The Pipeline Deal | News Site</title>
<meta property="og:site_name" content="News Site">
<meta property="article:published_time" content="2022-03-04T10:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/subscribe">Subscribe now</a></nav>
<aside class="cookie-notice"><p>We use cookies to improve your experience.</p></aside>
<article><h1>The Pipeline Deal</h1>
<p>On 23 February 2022 the prime minister flew to Moscow for a <em>two-day</em> visit that had been planned for months, officials said.</p>
<h2>The talks</h2>
<p>The talks turned on the <strong>gas pipeline</strong>, which the <a href="https://example.org/report">report</a> says would run 1,100 kilometres from Karachi to Lahore.</p>
<p>Analysts questioned the timing of the visit, which came hours before the invasion began, and asked what the deal would be worth under sanctions.</p>
</article>
<footer>Copyright News Site. All rights reserved.</footer></body></html>`
	c, err := convertSource("deal.html", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	md := string(c.Markdown)
	for _, want := range []string{"# The Pipeline Deal", "## The talks", "*two-day*", "**gas pipeline**", "[report](https://example.org/report)", "On 23 February 2022"} {
		if !strings.Contains(md, want) {
			t.Errorf("the Markdown lacks %q:\n%s", want, md)
		}
	}
	for _, furniture := range []string{"Subscribe now", "cookies", "All rights reserved"} {
		if strings.Contains(md, furniture) {
			t.Errorf("the Markdown keeps the page's %q:\n%s", furniture, md)
		}
	}
	if c.Title != "The Pipeline Deal" || c.Publisher != "News Site" || c.Published != "2022-03-04" {
		t.Errorf("title %q, publisher %q, published %q", c.Title, c.Publisher, c.Published)
	}
	doc := timeline.ParseMarkdown(c.Markdown)
	if len(doc.Paragraphs) != 3 {
		t.Errorf("the article has %d paragraphs, want 3:\n%s", len(doc.Paragraphs), md)
	}
}

// A file ties cannot read as a source, or one without a paragraph, is
// refused, and the error says what to do.
func TestConvertSourceRefuses(t *testing.T) {
	for name, body := range map[string]string{
		"a.pdf":  "%PDF-1.4",
		"a.txt":  " \n\n\t\n",
		"a.md":   "# Only a heading\n",
		"a.html": "<html><body></body></html>",
	} {
		if _, err := convertSource(name, []byte(body)); err == nil {
			t.Errorf("%s was taken as a source", name)
		} else if !strings.Contains(err.Error(), name) && !strings.Contains(err.Error(), "page") {
			t.Errorf("%s: the error does not name the file: %v", name, err)
		}
	}
}
