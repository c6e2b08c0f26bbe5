package timeline

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// folded is a text folded for matching quotes: curly quotes and apostrophes
// made straight, dashes made hyphens, "…" made "...", every run of white space
// (non-breaking spaces included) made one space, invisible soft hyphens and
// zero-width spaces dropped, and white space trimmed from both ends.
type folded struct {
	text string
	// from[i] and to[i] are where, in the original text, the character that
	// gave byte i of the folded text begins and ends.
	from, to []int32
}

func fold(s string) folded {
	var b strings.Builder
	b.Grow(len(s))
	from := make([]int32, 0, len(s))
	to := make([]int32, 0, len(s))
	emit := func(out string, start, end int) {
		b.WriteString(out)
		for range len(out) {
			from = append(from, int32(start))
			to = append(to, int32(end))
		}
	}
	space := false // a space is owed before the next character
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		end := i + size
		switch {
		case unicode.IsSpace(r):
			space = b.Len() > 0
			i = end
			continue
		case r == '\u00ad' || r == '\u200b' || r == '\u2060' || r == '\ufeff':
			i = end
			continue
		}
		if space {
			emit(" ", i, i)
			space = false
		}
		switch r {
		case '‘', '’', '‚', '‛':
			emit("'", i, end)
		case '“', '”', '„', '‟':
			emit(`"`, i, end)
		case '‐', '‑', '‒', '–', '—', '―', '−':
			emit("-", i, end)
		case '…':
			emit("...", i, end)
		default:
			emit(s[i:end], i, end)
		}
		i = end
	}
	return folded{text: b.String(), from: from, to: to}
}

// span returns the original byte range of folded bytes [a, b).
func (f folded) span(a, b int) (int, int) { return int(f.from[a]), int(f.to[b-1]) }

// index finds quotes in a Document.
type index struct {
	doc    *Document
	blocks []folded
	all    string // the blocks' folded texts joined by "\n", which no folded text holds
	starts []int  // where each block begins in all

	// Made when a quote is not found, to find the closest passage.
	words  []wordPlace      // every paragraph word, in order
	wordAt map[string][]int // where in words each word occurs
}

func newIndex(doc *Document) *index {
	x := &index{doc: doc}
	var b strings.Builder
	for i, bl := range doc.Blocks {
		if i > 0 {
			b.WriteByte('\n')
		}
		f := fold(bl.Text)
		x.blocks = append(x.blocks, f)
		x.starts = append(x.starts, b.Len())
		b.WriteString(f.text)
	}
	x.all = b.String()
	return x
}

// blockAt returns the index of the block holding byte offset off of x.all.
func (x *index) blockAt(off int) int {
	return sort.Search(len(x.starts), func(i int) bool { return x.starts[i] > off }) - 1
}

// An ambiguous quote's places are counted up to maxCount, and the blocks
// they are in listed up to maxPlaces.
const (
	maxCount  = 100
	maxPlaces = 5
)

// find resolves quote in the document: the paragraph it lies in and its byte
// range there. When the quote is not in exactly one paragraph, find returns
// an error that says where it is, or where the closest passage is.
func (x *index) find(quote string) (*Block, int, int, error) {
	q := fold(quote).text
	if q == "" {
		return nil, 0, 0, fmt.Errorf("the quote is empty; copy the words the event rests on from the source")
	}
	var places []int
	for off := 0; len(places) < maxCount; {
		i := strings.Index(x.all[off:], q)
		if i < 0 {
			break
		}
		if x.aligned(off+i, len(q)) {
			places = append(places, off+i)
		}
		_, size := utf8.DecodeRuneInString(x.all[off+i:])
		off += i + size
	}
	switch {
	case len(places) == 0:
		return nil, 0, 0, x.notFound(q)
	case len(places) > 1:
		return nil, 0, 0, x.ambiguous(places)
	}
	k := x.blockAt(places[0])
	bl := x.doc.Blocks[k]
	a := places[0] - x.starts[k]
	start, end := x.blocks[k].span(a, a+len(q))
	if bl.Kind == Heading {
		return nil, 0, 0, fmt.Errorf("the quote is in the heading %q (line %d), not in a passage; quote the words of a paragraph", bl.Text, bl.Line)
	}
	return bl, start, end, nil
}

// aligned reports whether the n bytes at p of x.all begin and end on whole
// characters of the original text: "b." is not found in "b…", although
// "b..." is.
func (x *index) aligned(p, n int) bool {
	k := x.blockAt(p)
	f, a := x.blocks[k], p-x.starts[k]
	b := a + n
	if b > len(f.text) {
		return true // across blocks; judged by the caller
	}
	return (a == 0 || f.to[a-1] <= f.from[a]) && (b == len(f.text) || f.to[b-1] <= f.from[b])
}

// ambiguous explains that a quote is found at several places of x.all.
func (x *index) ambiguous(places []int) error {
	count := fmt.Sprint(len(places))
	if len(places) == maxCount {
		count = fmt.Sprintf("at least %d", maxCount)
	}
	var where []string
	seen := map[int]bool{}
	for _, p := range places {
		k := x.blockAt(p)
		if seen[k] {
			continue
		}
		seen[k] = true
		if len(where) == maxPlaces {
			where = append(where, "…")
			break
		}
		bl := x.doc.Blocks[k]
		where = append(where, fmt.Sprintf("%s (line %d)", bl.Anchor, bl.Line))
	}
	return fmt.Errorf("the quote is found in %s places, in %s; make it longer so that it names one place",
		count, strings.Join(where, ", "))
}

// notFound explains why folded quote q is in no block: it runs across
// paragraphs, or it differs from the closest passage.
func (x *index) notFound(q string) error {
	joined := strings.ReplaceAll(x.all, "\n", " ")
	for off, n := 0, 0; n < maxCount; n++ {
		i := strings.Index(joined[off:], q)
		if i < 0 {
			break
		}
		i += off
		first, last := x.blockAt(i), x.blockAt(i+len(q)-1)
		if first != last {
			a, b := x.doc.Blocks[first], x.doc.Blocks[last]
			return fmt.Errorf("the quote runs from %s (line %d) into %s (line %d), but a quote must lie within one paragraph; split it into one quote for each paragraph",
				a.Anchor, a.Line, b.Anchor, b.Line)
		}
		_, size := utf8.DecodeRuneInString(joined[i:])
		off = i + size
	}
	near := x.closest(q)
	if near == nil {
		return fmt.Errorf("the quote is not in the source, and no paragraph shares its words; copy the words exactly from the source")
	}
	bl := x.doc.Blocks[near.block]
	return fmt.Errorf("the quote is not in the source; the closest passage is in %s (line %d): %q; %s",
		bl.Anchor, bl.Line, near.text, differences(tokens(q), near.around, near.lead, near.trail))
}

// maxQuoteWords bounds the work of finding the closest passage to a quote.
const maxQuoteWords = 200

// nearPassage is the stretch of a paragraph closest to a quote.
type nearPassage struct {
	block int    // the paragraph
	text  string // the stretch as the source writes it, as long as the quote
	// around is the stretch folded, as tokens, with a few more words on
	// each side: the first lead and the last trail of them.
	around      []token
	lead, trail int
}

// closest returns the stretch of the paragraph sharing the longest run of
// words with folded quote q, or nil. Its work grows with how often the
// quote's words occur in the source, not with the size of the source.
func (x *index) closest(q string) *nearPassage {
	qw := strings.Fields(q)
	if len(qw) > maxQuoteWords {
		qw = qw[:maxQuoteWords]
	}
	if x.wordAt == nil {
		x.indexWords()
	}
	bestLen, bestWord, bestQuote := 0, 0, 0
	prev := map[int]int{} // word → length of the run ending there, for the last quote word
	for i, w := range qw {
		cur := make(map[int]int, len(x.wordAt[w]))
		for _, g := range x.wordAt[w] {
			n := 1
			if g > 0 && x.words[g-1].block == x.words[g].block {
				n = prev[g-1] + 1
			}
			cur[g] = n
			if n > bestLen {
				bestLen, bestWord, bestQuote = n, g, i
			}
		}
		prev = cur
	}
	if bestLen == 0 {
		return nil
	}
	// Align the quote's first word with the paragraph, and take as many
	// words as the quote has.
	k := x.words[bestWord].block
	f := x.blocks[k]
	spans := wordSpans(f.text)
	first := max(x.words[bestWord].n-bestQuote, 0)
	last := min(first+len(qw), len(spans)) - 1
	start, end := f.span(spans[first][0], spans[last][1])
	near := &nearPassage{block: k, text: x.doc.Blocks[k].Text[start:end]}
	// The words compared with the quote's run a little past the stretch,
	// so that a word the quote leaves out or adds is seen as such.
	from, to := spans[max(first-nearSlack, 0)][0], spans[min(last+nearSlack, len(spans)-1)][1]
	before, stretch, after := tokens(f.text[from:spans[first][0]]), tokens(f.text[spans[first][0]:spans[last][1]]), tokens(f.text[spans[last][1]:to])
	near.around = append(append(before, stretch...), after...)
	near.lead, near.trail = len(before), len(after)
	return near
}

// nearSlack is how many words past each end of the closest stretch are
// compared with a quote.
const nearSlack = 3

// indexWords lists the words of every paragraph, and where each word occurs.
func (x *index) indexWords() {
	x.wordAt = map[string][]int{}
	for k, bl := range x.doc.Blocks {
		if bl.Kind != Paragraph {
			continue
		}
		text := x.blocks[k].text
		for n, sp := range wordSpans(text) {
			w := text[sp[0]:sp[1]]
			x.wordAt[w] = append(x.wordAt[w], len(x.words))
			x.words = append(x.words, wordPlace{block: k, n: n})
		}
	}
}

// wordPlace is where a word of the source is: its block, and its place
// among the block's words.
type wordPlace struct{ block, n int }

// wordSpans returns the byte ranges of the space-separated words of folded text.
func wordSpans(s string) [][2]int {
	var spans [][2]int
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ' ' {
			if i > start {
				spans = append(spans, [2]int{start, i})
			}
			start = i + 1
		}
	}
	return spans
}

// Find finds a quote in the document as an event's quote is found: its
// paragraph and the byte offsets of its words there, or an error that says,
// as ties check does, why it is not found once within one paragraph.
func (d *Document) Find(quote string) (*Block, int, int, error) {
	return newIndex(d).find(quote)
}
