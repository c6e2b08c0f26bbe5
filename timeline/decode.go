package timeline

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
)

// The raw* types hold an event file as written, each value with its node so
// that validation can say where a mistake is. A nil node means "not given".

type rawFile struct {
	title, description *node
	sources            []*rawSource
	themes             []*rawTheme
	events             []*rawEvent
	// broken holds, for each top-level key that is missing or not a list,
	// where that was reported: what depends on it is not checked.
	broken map[string]*node
}

type rawSource struct {
	at                                                 *node
	id, file, title, publisher, url, published, author *node
}

type rawTheme struct {
	at               *node
	id, label, color *node
}

type rawEvent struct {
	at                                                        *node
	id, date, end, title, label, theme, summary, source, note *node
	dateQuote                                                 *node
	actors, quotes                                            []*node
	actorsAt, quoteAt                                         *node
	dateSource                                                *rawCitation
}

type rawCitation struct {
	at, title, url *node
}

// decoder turns nodes into raw values, noting every mistake of shape.
type decoder struct {
	file   string
	src    []byte // the file, for what YAML does not keep: comments
	starts []int  // where each line of src starts, once asked for
	// empty holds, for each mapping, the keys written with no value.
	empty    map[*node]map[string]bool
	problems Problems
}

func (d *decoder) problem(n *node, event, format string, args ...any) {
	d.problems = append(d.problems, problemAt(d.file, n, event, format, args...))
}

// problemAt is a problem at node n of file, or at the whole file when n is nil.
func problemAt(file string, n *node, event, format string, args ...any) *Problem {
	p := &Problem{File: file, Event: event, Message: fmt.Sprintf(format, args...)}
	if n != nil {
		p.Line, p.Column = n.line, n.col
	}
	return p
}

// field is a key a mapping may hold, and where to keep its value.
type field struct {
	key    string
	keep   func(v *node)
	needed bool // the key must be there with a value
}

// fields walks mapping n, keeping known keys and reporting unknown and
// repeated ones. what names the mapping in messages, such as "a theme".
func (d *decoder) fields(n *node, what, event string, fs []field) {
	if n.kind != mapNode {
		d.problem(n, event, "%s must be key: value lines, not %s", what, n.describe())
		return
	}
	seen := map[string]*node{}
	for i, k := range n.keys {
		if first, ok := seen[k.value]; ok {
			d.problem(k, event, "%q is given twice in %s (first at line %d); keep one", k.value, what, first.line)
			continue
		}
		seen[k.value] = k
		f := findField(fs, k.value)
		if f == nil {
			hint := "; the keys allowed here are " + strings.Join(fieldKeys(fs), ", ")
			if near := closest(k.value, fieldKeys(fs)); near != "" {
				hint = fmt.Sprintf("; did you mean %q?", near)
			}
			d.problem(k, event, "unknown key %q in %s%s", k.value, what, hint)
			continue
		}
		if n.values[i].kind == nullNode {
			d.noValue(n, k, f, event)
			continue
		}
		f.keep(n.values[i])
	}
}

// noValue reports key k of mapping n, written with no value, and notes it
// so that the key is not reported missing as well. A value that begins
// with "#", such as a colour, is the commonest cause: YAML reads it as a
// comment.
func (d *decoder) noValue(n, k *node, f *field, event string) {
	if d.empty == nil {
		d.empty = map[*node]map[string]bool{}
	}
	if d.empty[n] == nil {
		d.empty[n] = map[string]bool{}
	}
	d.empty[n][k.value] = true
	if line, ok := d.line(k.line); ok {
		if i := strings.Index(line, k.value+":"); i >= 0 {
			if lost := lostValue.FindString(strings.TrimSpace(line[i+len(k.value)+1:])); lost != "" {
				d.problem(k, event, "%q has no value: YAML reads a # after a space as the start of a comment, so %q is not read; put the value in quotes: %s: %s",
					k.value, lost, k.value, quoteYAML(lost))
				return
			}
		}
	}
	if f.needed {
		d.problem(k, event, "%q is written with no value; write its value after the colon", k.value)
		return
	}
	d.problem(k, event, "%q is written with no value; write its value after the colon, or remove the line", k.value)
}

// lostValue is a value that YAML took for a comment: a # with no space
// after it, such as "#ff0000". "# optional" is a comment as meant.
var lostValue = regexp.MustCompile(`^#[^\s#]+`)

// line returns line n of the file, counted from 1.
func (d *decoder) line(n int) (string, bool) {
	if d.starts == nil {
		d.starts = lineStarts(d.src)
	}
	if n < 1 || n > len(d.starts) {
		return "", false
	}
	line := d.src[d.starts[n-1]:]
	if end := bytes.IndexByte(line, '\n'); end >= 0 {
		line = line[:end]
	}
	return string(line), true
}

func findField(fs []field, key string) *field {
	for i := range fs {
		if fs[i].key == key {
			return &fs[i]
		}
	}
	return nil
}

func fieldKeys(fs []field) []string {
	keys := make([]string, len(fs))
	for i, f := range fs {
		keys[i] = f.key
	}
	return keys
}

// set returns a keep function that stores the value in *p.
func set(p **node) func(*node) { return func(v *node) { *p = v } }

// list returns the items of a list node, or reports that n is not a list.
func (d *decoder) list(n *node, what string) []*node {
	if n.kind != seqNode {
		d.problem(n, "", "%s must be a list (lines starting with \"- \"), not %s", what, n.describe())
		return nil
	}
	return n.items
}

func (d *decoder) decodeFile(root *node) *rawFile {
	f := &rawFile{broken: map[string]*node{}}
	if root.kind == nullNode {
		d.problem(root, "", "the file is empty; it needs a title, sources, themes and events (see the README for an example)")
		return f
	}
	var sources, themes, events *node
	top := topFields(f, &sources, &themes, &events)
	d.fields(root, "the event file", "", top)
	if root.kind != mapNode {
		return f
	}
	for _, k := range []struct {
		name string
		n    *node
	}{{"title", f.title}, {"sources", sources}, {"themes", themes}, {"events", events}} {
		if k.n != nil {
			continue
		}
		// A key written with no value, or misspelt, is reported as such
		// already: once is enough.
		if key := written(root, k.name, fieldKeys(top)); key != nil {
			f.broken[k.name] = key
			continue
		}
		d.problem(root, "", "the event file has no %s; add a %q key at the top level", k.name, k.name)
		f.broken[k.name] = root
	}
	if sources != nil {
		items := d.list(sources, "sources")
		for _, n := range items {
			f.sources = append(f.sources, d.decodeSource(n))
		}
		if items == nil && sources.kind != seqNode {
			f.broken["sources"] = sources
		}
	}
	if themes != nil {
		items := d.list(themes, "themes")
		for _, n := range items {
			f.themes = append(f.themes, d.decodeTheme(n))
		}
		if items == nil && themes.kind != seqNode {
			f.broken["themes"] = themes
		}
	}
	if events != nil {
		f.events = []*rawEvent{} // given, even if empty
		for _, n := range d.list(events, "events") {
			f.events = append(f.events, d.decodeEvent(n))
		}
	}
	return f
}

// written returns the key of mapping n that stands for name: name itself,
// written with no value, or a key misspelt for it, which is none of known;
// or nil.
func written(n *node, name string, known []string) *node {
	for _, k := range n.keys {
		if k.value == name || !slices.Contains(known, k.value) && closest(k.value, known) == name {
			return k
		}
	}
	return nil
}

// The keys of each mapping of an event file, and where each is kept.

func topFields(f *rawFile, sources, themes, events **node) []field {
	return []field{
		{"title", set(&f.title), true},
		{"description", set(&f.description), false},
		{"sources", set(sources), true},
		{"themes", set(themes), true},
		{"events", set(events), true},
	}
}

func sourceFields(s *rawSource) []field {
	return []field{
		{"id", set(&s.id), true},
		{"file", set(&s.file), true},
		{"title", set(&s.title), true},
		{"publisher", set(&s.publisher), false},
		{"url", set(&s.url), false},
		{"published", set(&s.published), false},
		{"author", set(&s.author), false},
	}
}

func themeFields(t *rawTheme) []field {
	return []field{
		{"id", set(&t.id), true},
		{"label", set(&t.label), true},
		{"color", set(&t.color), false},
	}
}

func (d *decoder) eventFields(e *rawEvent, event string) []field {
	return []field{
		{"id", set(&e.id), true},
		{"date", set(&e.date), true},
		{"end", set(&e.end), false},
		{"title", set(&e.title), true},
		{"label", set(&e.label), false},
		{"theme", set(&e.theme), true},
		{"actors", func(v *node) { e.actorsAt, e.actors = v, d.texts(v, "actors", event) }, false},
		{"summary", set(&e.summary), false},
		{"source", set(&e.source), false},
		{"quote", func(v *node) { e.quoteAt, e.quotes = v, d.texts(v, "quote", event) }, true},
		{"date_source", func(v *node) { e.dateSource = d.decodeCitation(v, event) }, false},
		{"date_quote", set(&e.dateQuote), false},
		{"note", set(&e.note), false},
	}
}

func citationFields(c *rawCitation) []field {
	return []field{
		{"title", set(&c.title), true},
		{"url", set(&c.url), false},
	}
}

// formatKeys are the keys an event file knows, in any of its mappings.
var formatKeys = sync.OnceValue(func() []string {
	var d decoder
	var keys []string
	for _, fs := range [][]field{topFields(&rawFile{}, nil, nil, nil), sourceFields(&rawSource{}), themeFields(&rawTheme{}),
		d.eventFields(&rawEvent{}, ""), citationFields(&rawCitation{})} {
		for _, k := range fieldKeys(fs) {
			if !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
		}
	}
	return keys
})

func (d *decoder) decodeSource(n *node) *rawSource {
	s := &rawSource{at: n}
	d.fields(n, "a source", "", sourceFields(s))
	return s
}

func (d *decoder) decodeTheme(n *node) *rawTheme {
	t := &rawTheme{at: n}
	d.fields(n, "a theme", "", themeFields(t))
	return t
}

func (d *decoder) decodeEvent(n *node) *rawEvent {
	e := &rawEvent{at: n}
	event := eventID(n)
	d.fields(n, "an event", event, d.eventFields(e, event))
	return e
}

func (d *decoder) decodeCitation(n *node, event string) *rawCitation {
	c := &rawCitation{at: n}
	d.fields(n, "date_source", event, citationFields(c))
	return c
}

// texts reads one text or a list of texts.
func (d *decoder) texts(n *node, key, event string) []*node {
	switch n.kind {
	case scalarNode:
		return []*node{n}
	case seqNode:
		var out []*node
		for _, it := range n.items {
			if it.kind != scalarNode {
				d.problem(it, event, "each item of %s must be text, not %s", key, it.describe())
				continue
			}
			out = append(out, it)
		}
		return out
	}
	d.problem(n, event, "%s must be text or a list of texts, not %s", key, n.describe())
	return nil
}

// eventID returns the id written in an event's mapping, for messages about it,
// or "" when there is none.
func eventID(n *node) string {
	for i, k := range n.keys {
		if k.value == "id" && n.values[i].kind == scalarNode {
			return n.values[i].value
		}
	}
	return ""
}

// closest returns the known word that word begins or is a beginning of, or
// else the one nearest to word within two edits, or "".
func closest(word string, known []string) string {
	best, bestDist := "", 3
	if len(word) > 64 {
		return ""
	}
	for _, k := range known {
		if dist := editDistance(strings.ToLower(word), k); dist < bestDist {
			best, bestDist = k, dist
		}
	}
	if best != "" || len(word) < 3 {
		return best
	}
	// No near spelling: the longest known word that word begins or ends.
	for _, k := range known {
		if (strings.HasPrefix(k, word) || strings.HasPrefix(word, k)) && len(k) > len(best) {
			best = k
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
