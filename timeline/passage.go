package timeline

import (
	"slices"
	"strings"
)

// Segment is a stretch of a block's text with one formatting and one set of
// passages covering it: a Run cut wherever a passage begins or ends.
type Segment struct {
	Run
	// Passages are the passages that cover the segment, in the order given.
	Passages []*Passage
	// Begins are the passages that begin with this segment.
	Begins []*Passage
}

// Segments cuts the block's runs at the edges of the given passages, which
// must lie in the block, so that each segment can be shown marked or not.
func (b *Block) Segments(passages []*Passage) []Segment {
	cuts := []int{0, len(b.Text)}
	for _, p := range passages {
		cuts = append(cuts, p.Start, p.End)
	}
	off := 0
	for _, r := range b.Runs {
		cuts = append(cuts, off)
		off += len(r.Text)
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)

	var segs []Segment
	run, runStart := 0, 0
	for i := 0; i+1 < len(cuts); i++ {
		start, end := cuts[i], cuts[i+1]
		for run < len(b.Runs)-1 && runStart+len(b.Runs[run].Text) <= start {
			runStart += len(b.Runs[run].Text)
			run++
		}
		s := Segment{Run: b.Runs[run]}
		s.Text = b.Text[start:end]
		for _, p := range passages {
			if p.Start <= start && end <= p.End {
				s.Passages = append(s.Passages, p)
				if p.Start == start {
					s.Begins = append(s.Begins, p)
				}
			}
		}
		segs = append(segs, s)
	}
	return segs
}

// Around returns the paragraphs before and after b in the document, either of
// which may be nil.
func (d *Document) Around(b *Block) (before, after *Block) { return neighbours(d.Paragraphs, b) }

// Passages returns every passage quoted from source s, in the order of the
// events that quote them, each event's date quote after its passages.
func (t *Timeline) Passages(s *Source) []*Passage {
	var ps []*Passage
	for _, e := range t.Events {
		for _, p := range e.Passages {
			if p.Source == s {
				ps = append(ps, p)
			}
		}
		if e.DateQuote != nil && e.DateQuote.Source == s {
			ps = append(ps, e.DateQuote)
		}
	}
	return ps
}

// Neighbours returns the events before and after e in date order, either of
// which may be nil.
func (t *Timeline) Neighbours(e *Event) (prev, next *Event) { return neighbours(t.Events, e) }

// neighbours returns the items before and after x in xs, or nil where there
// is none.
func neighbours[T any](xs []*T, x *T) (before, after *T) {
	i := slices.Index(xs, x)
	if i < 0 {
		return nil, nil
	}
	if i > 0 {
		before = xs[i-1]
	}
	if i+1 < len(xs) {
		after = xs[i+1]
	}
	return before, after
}

// Actors returns every actor named by the events, most often named first,
// then in alphabetical order, with the events that name each.
func (t *Timeline) Actors() []Actor {
	index := map[string]int{}
	var actors []Actor
	for _, e := range t.Events {
		for _, name := range e.Actors {
			i, ok := index[name]
			if !ok {
				i = len(actors)
				index[name] = i
				actors = append(actors, Actor{Name: name})
			}
			actors[i].Events = append(actors[i].Events, e)
		}
	}
	slices.SortStableFunc(actors, func(a, b Actor) int {
		if d := len(b.Events) - len(a.Events); d != 0 {
			return d
		}
		return strings.Compare(a.Name, b.Name)
	})
	return actors
}

// Actor is a person, country or body named by events.
type Actor struct {
	Name   string
	Events []*Event
}

// TextFragment returns the fragment that makes a browser scroll to and
// highlight text in a page, such as "#:~:text=Khan%E2%80%99s%20visit". A long
// text is given by its first and last words.
func TextFragment(text string) string {
	words := strings.Fields(text)
	directive := encodeFragmentText(strings.Join(words, " "))
	if len(words) > 10 {
		directive = encodeFragmentText(strings.Join(words[:5], " ")) + "," + encodeFragmentText(strings.Join(words[len(words)-5:], " "))
	}
	return "#:~:text=" + directive
}

// encodeFragmentText percent-encodes s for a text directive: everything but
// ASCII letters, digits and "._~" is encoded, including the "-", "," and "&"
// that the directive's syntax reserves.
func encodeFragmentText(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.' || c == '_' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}
