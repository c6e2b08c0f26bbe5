package timeline

import (
	"bytes"
	"sort"
	"strconv"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Document is a source's text as a sequence of headings and paragraphs.
type Document struct {
	Blocks     []*Block // headings and paragraphs in reading order
	Paragraphs []*Block // the paragraphs alone, Paragraphs[i].Anchor being "p{i+1}"
}

// BlockKind tells a heading from a paragraph.
type BlockKind int

// The kinds of Block.
const (
	Paragraph BlockKind = iota + 1
	Heading
)

// Block is a heading or a paragraph of a Document, as plain text with the
// inline formatting kept in runs.
type Block struct {
	Kind  BlockKind
	Level int // 1 to 6 for a heading; 0 for a paragraph
	// Anchor is stable by position: "p1", "p2", … for paragraphs and "h1",
	// "h2", … for headings, so that an address can point at the block.
	Anchor string
	Text   string // the block's words, without markup
	Runs   []Run  // Text cut where its formatting changes; their texts join to Text
	Line   int    // the line of the source file where the block starts
}

// Run is a stretch of a block's text with one formatting.
type Run struct {
	Text     string
	Emphasis bool
	Strong   bool
	Code     bool
	Link     string // the link's destination as written, or empty
}

var markdown = goldmark.New()

// ParseMarkdown reads a Markdown source into headings and paragraphs. Inline
// emphasis, strong emphasis, code and links are kept as runs; raw HTML is kept
// as the literal text it is, never as markup. Lists, quotations and code blocks
// contribute their paragraphs.
func ParseMarkdown(src []byte) *Document {
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	root := markdown.Parser().Parse(text.NewReader(src))
	lines := lineStarts(src)
	doc := &Document{}
	headings := 0
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		b, t := &Block{Kind: Paragraph}, &blockText{}
		switch n := n.(type) {
		case *ast.Heading:
			headings++
			b.Kind, b.Level, b.Anchor = Heading, n.Level, "h"+strconv.Itoa(headings)
			inlines(t, n, src, Run{})
		case *ast.Paragraph, *ast.TextBlock:
			inlines(t, n, src, Run{})
		case *ast.HTMLBlock, *ast.CodeBlock, *ast.FencedCodeBlock:
			style := Run{Code: n.Kind() != ast.KindHTMLBlock}
			segs := n.Lines()
			for i := range segs.Len() {
				seg := segs.At(i)
				t.add(string(bytes.TrimRight(seg.Value(src), "\n")), style)
				if i < segs.Len()-1 {
					t.add("\n", style)
				}
			}
			if h, ok := n.(*ast.HTMLBlock); ok && h.HasClosure() {
				t.add("\n"+string(bytes.TrimRight(h.ClosureLine.Value(src), "\n")), style)
			}
		default:
			return ast.WalkContinue, nil
		}
		if n.Lines().Len() > 0 {
			b.Line = lineOf(lines, n.Lines().At(0).Start)
		}
		t.fill(b)
		if b.Text == "" {
			return ast.WalkSkipChildren, nil
		}
		if b.Kind == Paragraph {
			doc.Paragraphs = append(doc.Paragraphs, b)
			b.Anchor = "p" + strconv.Itoa(len(doc.Paragraphs))
		}
		doc.Blocks = append(doc.Blocks, b)
		return ast.WalkSkipChildren, nil
	})
	return doc
}

// inlines appends the text of n's inline children to t, in the given style.
func inlines(t *blockText, n ast.Node, src []byte, style Run) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			v := c.Value(src)
			if !c.IsRaw() {
				v = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
			}
			t.add(string(v), style)
			switch {
			case c.HardLineBreak():
				t.add("\n", style)
			case c.SoftLineBreak():
				t.add(" ", style)
			}
		case *ast.String:
			t.add(string(c.Value), style)
		case *ast.Emphasis:
			s := style
			if c.Level >= 2 {
				s.Strong = true
			} else {
				s.Emphasis = true
			}
			inlines(t, c, src, s)
		case *ast.Link:
			s := style
			s.Link = string(c.Destination)
			inlines(t, c, src, s)
		case *ast.AutoLink:
			s := style
			s.Link = string(c.URL(src))
			t.add(string(c.Label(src)), s)
		case *ast.CodeSpan:
			s := style
			s.Code = true
			inlines(t, c, src, s)
		case *ast.RawHTML:
			for i := range c.Segments.Len() {
				seg := c.Segments.At(i)
				t.add(string(seg.Value(src)), style)
			}
		default: // images and anything else: their text alone
			inlines(t, c, src, style)
		}
	}
}

// blockText gathers a block's text run by run.
type blockText struct {
	runs []Run
	bufs [][]byte
}

// add appends text in the given style, joining it to the last run when the
// style is the same.
func (t *blockText) add(s string, style Run) {
	if s == "" {
		return
	}
	if k := len(t.runs) - 1; k >= 0 && t.runs[k] == style {
		t.bufs[k] = append(t.bufs[k], s...)
		return
	}
	t.runs = append(t.runs, style)
	t.bufs = append(t.bufs, []byte(s))
}

// fill sets b's text and runs to what was gathered.
func (t *blockText) fill(b *Block) {
	var all []byte
	for i, buf := range t.bufs {
		t.runs[i].Text = string(buf)
		all = append(all, buf...)
	}
	b.Text, b.Runs = string(all), t.runs
}

// lineStarts returns the byte offset at which each line of src starts.
func lineStarts(src []byte) []int {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// lineOf returns the 1-based line holding byte offset off.
func lineOf(starts []int, off int) int {
	return sort.Search(len(starts), func(i int) bool { return starts[i] > off })
}
