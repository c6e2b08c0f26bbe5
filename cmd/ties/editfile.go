package main

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"

	"ties/timeline"
)

// eventForm is an event as the editor's form holds it, by the event file's
// own keys.
type eventForm struct {
	ID, Date, End, Title, Label, Theme string
	Actors                             []string
	Summary, Source, DateQuote         string
	Quotes                             []string // one or more, in the order written
	DateSourceTitle, DateSourceURL     string
	Note                               string
}

// formOf is an event of a timeline as the form holds it.
func formOf(e *timeline.Event, many bool) eventForm {
	f := eventForm{ID: e.ID, Date: e.Date.String(), End: e.End.String(), Title: e.Title, Label: e.Label,
		Theme: e.Theme.ID, Actors: e.Actors, Summary: e.Summary, Note: e.Note}
	if many {
		f.Source = e.Source.ID
	}
	for _, p := range e.Passages {
		f.Quotes = append(f.Quotes, p.Quote)
	}
	if e.DateQuote != nil {
		f.DateQuote = e.DateQuote.Quote
	}
	if e.DateSource != nil {
		f.DateSourceTitle, f.DateSourceURL = e.DateSource.Title, e.DateSource.URL
	}
	return f
}

var plainDate = regexp.MustCompile(`^~?\d{4}(-\d{2}(-\d{2})?)?$`)

// scalar writes s plain where it is an id or a date, else quoted, so that
// it reads back as s whatever it holds.
func scalar(s string, plain *regexp.Regexp) string {
	if plain.MatchString(s) {
		return s
	}
	return yq(s)
}

var plainID = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// yaml writes the event as an entry of the events list, its items indented
// by indent; empty keys are left out.
func (f eventForm) yaml(indent string) string {
	var b strings.Builder
	in := indent + "  "
	fmt.Fprintf(&b, "%s- id: %s\n", indent, scalar(f.ID, plainID))
	line := func(key, value string) {
		if value != "" {
			fmt.Fprintf(&b, "%s%s: %s\n", in, key, value)
		}
	}
	line("date", scalar(f.Date, plainDate))
	if f.End != "" {
		line("end", scalar(f.End, plainDate))
	}
	q := func(s string) string {
		if s == "" {
			return ""
		}
		return yq(s)
	}
	line("title", q(f.Title))
	line("label", q(f.Label))
	line("theme", scalar(f.Theme, plainID))
	if len(f.Actors) > 0 {
		actors := make([]string, len(f.Actors))
		for i, a := range f.Actors {
			actors[i] = yq(a)
		}
		line("actors", "["+strings.Join(actors, ", ")+"]")
	}
	line("summary", q(f.Summary))
	if f.Source != "" {
		line("source", scalar(f.Source, plainID))
	}
	switch len(f.Quotes) {
	case 0:
	case 1:
		line("quote", yq(f.Quotes[0]))
	default:
		fmt.Fprintf(&b, "%squote:\n", in)
		for _, x := range f.Quotes {
			fmt.Fprintf(&b, "%s  - %s\n", in, yq(x))
		}
	}
	line("date_quote", q(f.DateQuote))
	if f.DateSourceTitle != "" || f.DateSourceURL != "" {
		fmt.Fprintf(&b, "%sdate_source:\n", in)
		if f.DateSourceTitle != "" {
			fmt.Fprintf(&b, "%s  title: %s\n", in, yq(f.DateSourceTitle))
		}
		if f.DateSourceURL != "" {
			fmt.Fprintf(&b, "%s  url: %s\n", in, yq(f.DateSourceURL))
		}
	}
	line("note", q(f.Note))
	return b.String()
}

// eventFile is an event file's text and where its lists and entries lie.
type eventFile struct {
	name  string
	src   []byte
	lines [][]byte
	root  *yaml.Node // the top mapping
}

func parseEventFile(name string, src []byte) (*eventFile, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s is not an event file ties can edit; run ties check --data on its folder", name)
	}
	if len(src) > 0 && src[len(src)-1] != '\n' {
		src = append(bytes.Clone(src), '\n') // a last line without its end gets one
	}
	return &eventFile{name: name, src: src, lines: bytes.SplitAfter(src, []byte("\n")), root: doc.Content[0]}, nil
}

// offset is where 1-based line starts in the file.
func (f *eventFile) offset(line int) int {
	n := 0
	for i := 0; i < line-1 && i < len(f.lines); i++ {
		n += len(f.lines[i])
	}
	return n
}

// before is the line that starts what the file holds before node n: n's
// own line, or the first line of the comment written just above it.
func before(n *yaml.Node) int {
	line := n.Line
	if n.HeadComment != "" {
		line -= strings.Count(n.HeadComment, "\n") + 1
	}
	return line
}

// list finds the top-level list key: its node, and the line after its last
// entry (the blank lines and comments before the next key stay with it).
func (f *eventFile) list(key string) (seq *yaml.Node, endLine int, err error) {
	m := f.root
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value != key {
			continue
		}
		seq = m.Content[i+1]
		if seq.Kind != yaml.SequenceNode || seq.Style&yaml.FlowStyle != 0 {
			return nil, 0, fmt.Errorf("%s:%d:%d: %s is not a list of entries, one under the other", f.name, seq.Line, seq.Column, key)
		}
		endLine = len(f.lines) + 1
		if i+2 < len(m.Content) {
			endLine = before(m.Content[i+2])
		}
		return seq, f.trimBack(endLine, seq.Line), nil
	}
	return nil, 0, fmt.Errorf("%s has no %s: list", f.name, key)
}

// trimBack moves end, a line, back past the blank lines and whole-line
// comments before it, down to floor.
func (f *eventFile) trimBack(end, floor int) int {
	for end-1 > floor {
		t := bytes.TrimSpace(f.lines[end-2])
		if len(t) != 0 && t[0] != '#' {
			break
		}
		end--
	}
	return end
}

// indentOf is the indentation of a list's items, as the file writes them.
func indentOf(seq *yaml.Node) string {
	if len(seq.Content) == 0 {
		return "  "
	}
	return strings.Repeat(" ", max(0, seq.Content[0].Column-3))
}

// entry finds the event with id: the byte range of its lines, from its
// "- id:" line to the last line of its own, and the list's indentation.
func (f *eventFile) entry(id string) (start, end int, indent string, err error) {
	seq, listEnd, err := f.list("events")
	if err != nil {
		return 0, 0, "", err
	}
	for i, item := range seq.Content {
		if item.Kind != yaml.MappingNode {
			continue
		}
		for k := 0; k+1 < len(item.Content); k += 2 {
			if item.Content[k].Value == "id" && item.Content[k+1].Value == id {
				next := listEnd
				if i+1 < len(seq.Content) {
					next = f.trimBack(before(seq.Content[i+1]), item.Line)
				}
				return f.offset(item.Line), f.offset(next), indentOf(seq), nil
			}
		}
	}
	return 0, 0, "", fmt.Errorf("%s has no event %q; it may have been deleted in another editor", f.name, id)
}

// appendEvent is the file with the event added at the end of its list.
func (f *eventFile) appendEvent(e eventForm) ([]byte, error) {
	seq, end, err := f.list("events")
	if err != nil {
		return nil, err
	}
	off := f.offset(end)
	return splice(f.src, off, off, e.yaml(indentOf(seq))), nil
}

// replaceEvent is the file with event id's lines replaced by e's.
func (f *eventFile) replaceEvent(id string, e eventForm) ([]byte, error) {
	start, end, indent, err := f.entry(id)
	if err != nil {
		return nil, err
	}
	return splice(f.src, start, end, e.yaml(indent)), nil
}

// deleteEvent is the file without event id's lines.
func (f *eventFile) deleteEvent(id string) ([]byte, error) {
	start, end, _, err := f.entry(id)
	if err != nil {
		return nil, err
	}
	return splice(f.src, start, end, ""), nil
}

func splice(src []byte, start, end int, with string) []byte {
	out := make([]byte, 0, len(src)-(end-start)+len(with))
	out = append(out, src[:start]...)
	out = append(out, with...)
	return append(out, src[end:]...)
}
