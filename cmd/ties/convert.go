package main

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"unicode"

	"codeberg.org/readeck/go-readability/v2"
	htmltomarkdown "github.com/JohannesKaufmann/html-to-markdown/v2"

	"ties/timeline"
)

// convertedSource is a source file as a timeline keeps it, in Markdown,
// with what the file says of itself.
type convertedSource struct {
	Markdown  []byte
	Title     string // the article's title, or a title made from the file's name
	Publisher string // the site's name, from an HTML page, or ""
	Published string // YYYY-MM-DD, from an HTML page that states it, or ""
	From      string // how it was converted, for the summary
}

// convertSource makes the file name, of contents b, into a source: a .md
// file as it is, a .txt file as paragraphs, and an .html page's main text,
// found by readability, as Markdown. The result has at least one paragraph
// for events to quote.
func convertSource(name string, b []byte) (convertedSource, error) {
	var c convertedSource
	switch strings.ToLower(filepath.Ext(name)) {
	case ".md", ".markdown":
		c = convertedSource{Markdown: b, From: "kept as it is"}
	case ".txt", ".text":
		c = convertedSource{Markdown: textToMarkdown(string(b)), From: "its paragraphs as Markdown"}
	case ".html", ".htm", ".xhtml":
		var err error
		if c, err = htmlToMarkdown(b); err != nil {
			return c, fmt.Errorf("%s: %v", name, err)
		}
	default:
		return c, fmt.Errorf("%s: ties reads a source from .md, .txt or .html; convert this file to one of them first", name)
	}
	doc := timeline.ParseMarkdown(c.Markdown)
	if len(doc.Paragraphs) == 0 {
		return c, fmt.Errorf("%s has no paragraph of text for events to quote", name)
	}
	if c.Title == "" {
		for _, b := range doc.Blocks {
			if b.Kind == timeline.Heading {
				c.Title = b.Text
				break
			}
		}
	}
	if c.Title == "" {
		c.Title = titleFromName(name)
	}
	return c, nil
}

// titleFromName makes a title of a file's name: "the-article.txt" is "The article".
func titleFromName(name string) string {
	base := strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
	base = strings.Join(strings.FieldsFunc(base, func(r rune) bool { return r == '-' || r == '_' || unicode.IsSpace(r) }), " ")
	if base == "" {
		return "Source"
	}
	r := []rune(base)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// paragraphBreak is a blank line, which ends a paragraph of plain text.
var paragraphBreak = regexp.MustCompile(`\n[ \t]*\n`)

// textToMarkdown makes plain text into Markdown paragraphs that read back
// as the same words: blank lines part the paragraphs, the lines of one are
// joined, and whatever Markdown would take as markup is escaped.
func textToMarkdown(text string) []byte {
	text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	var out bytes.Buffer
	for _, p := range paragraphBreak.Split(text, -1) {
		words := strings.Fields(p)
		if len(words) == 0 {
			continue
		}
		if out.Len() > 0 {
			out.WriteString("\n\n")
		}
		out.WriteString(escapeMarkdown(strings.Join(words, " ")))
	}
	out.WriteString("\n")
	return out.Bytes()
}

// markdownPunctuation is what Markdown may read as markup within a line; an
// ampersand, which may begin an entity, is written as one.
const markdownPunctuation = "\\`*_[]<>!"

// blockStart is what Markdown may read as markup at the start of a line: a
// heading, a list, a quotation, a rule, a table or a numbered list.
var blockStart = regexp.MustCompile(`^(?:[#>+=|~-]|\d+[.)])`)

// escapeMarkdown escapes a line of plain text so that Markdown reads it as
// that text, and nothing else.
func escapeMarkdown(line string) string {
	var b strings.Builder
	for _, r := range line {
		if r == '&' {
			b.WriteString("&amp;")
			continue
		}
		if strings.ContainsRune(markdownPunctuation, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	s := b.String()
	if m := blockStart.FindString(s); m != "" {
		// The mark's last character, escaped, is text: "\#", "1\.".
		s = m[:len(m)-1] + "\\" + s[len(m)-1:]
	}
	return s
}

// htmlToMarkdown finds a page's article with readability and converts it
// to Markdown: its headings, paragraphs, emphasis and links, without the
// page's menus, notices and footers.
func htmlToMarkdown(b []byte) (convertedSource, error) {
	article, err := readability.FromReader(bytes.NewReader(b), nil)
	if err != nil {
		return convertedSource{}, fmt.Errorf("no article found in the page (%v); save its main text as .txt or .md instead", err)
	}
	var main bytes.Buffer
	if err := article.RenderHTML(&main); err != nil {
		return convertedSource{}, err
	}
	md, err := htmltomarkdown.ConvertString(main.String())
	if err != nil {
		return convertedSource{}, fmt.Errorf("the article could not be converted to Markdown: %v", err)
	}
	if strings.TrimSpace(md) == "" {
		return convertedSource{}, errors.New("the page has no article text; save its main text as .txt or .md instead")
	}
	c := convertedSource{Title: strings.TrimSpace(article.Title()), Publisher: strings.TrimSpace(article.SiteName()),
		From: "its article, found by readability, as Markdown"}
	// A page's title often ends with its site's name: "The Deal | News Site".
	for _, sep := range []string{" | ", " - ", " – ", " — ", " · ", " :: "} {
		if c.Publisher != "" && strings.HasSuffix(c.Title, sep+c.Publisher) {
			c.Title = strings.TrimSuffix(c.Title, sep+c.Publisher)
		}
	}
	if t, err := article.PublishedTime(); err == nil && !t.IsZero() {
		c.Published = t.Format("2006-01-02")
	}
	if c.Title != "" && !strings.HasPrefix(strings.TrimSpace(md), "# ") {
		md = "# " + escapeMarkdown(c.Title) + "\n\n" + md
	}
	c.Markdown = []byte(strings.TrimSpace(md) + "\n")
	return c, nil
}
