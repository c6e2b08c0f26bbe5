package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing/fstest"

	"go.yaml.in/yaml/v3"

	"ties/timeline"
)

// overlayFS is a folder with some files replaced or added, to check a
// change before it is written.
type overlayFS struct {
	base  fs.FS
	files map[string][]byte // by slash path
}

func (o overlayFS) Open(name string) (fs.File, error) {
	if b, ok := o.files[name]; ok {
		return fstest.MapFS{name: {Data: b, Mode: 0o644}}.Open(name)
	}
	return o.base.Open(name)
}

// sourcesEnd finds where a new source's entry goes in an event file: after
// the last line of its "sources:" list, and how far that list's items are
// indented. The rest of the file stays as it is, byte for byte.
func sourcesEnd(file string, src []byte) (offset int, indent string, err error) {
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil || len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		return 0, "", fmt.Errorf("%s is not an event file ties can add to; run ties check --data on its folder", file)
	}
	m := root.Content[0]
	lines := bytes.SplitAfter(src, []byte("\n"))
	lineStart := func(line int) int { // offset of 1-based line
		n := 0
		for i := 0; i < line-1 && i < len(lines); i++ {
			n += len(lines[i])
		}
		return n
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value != "sources" {
			continue
		}
		seq := m.Content[i+1]
		if seq.Kind != yaml.SequenceNode || seq.Style&yaml.FlowStyle != 0 || len(seq.Content) == 0 {
			return 0, "", fmt.Errorf("%s:%d:%d: sources is not a list of entries, one under the other; write it as in ties init's events.yaml", file, seq.Line, seq.Column)
		}
		indent = strings.Repeat(" ", max(0, seq.Content[0].Column-3))
		// The list ends before the next key of the file, or at its end; the
		// comments and blank lines just before that key stay with it.
		end := len(lines)
		if i+2 < len(m.Content) {
			end = m.Content[i+2].Line - 1
			if c := m.Content[i+2].HeadComment; c != "" {
				end -= strings.Count(c, "\n") + 1
			}
		}
		for end > seq.Line && len(bytes.TrimSpace(lines[end-1])) == 0 {
			end--
		}
		off := lineStart(end + 1)
		if off > 0 && src[off-1] != '\n' {
			return 0, "", fmt.Errorf("%s: the last line has no line end; add one and try again", file)
		}
		return off, indent, nil
	}
	return 0, "", fmt.Errorf("%s has no sources: list to add to", file)
}

// addSource handles "ties add-source FILE": the file, converted, as a new
// source of the timeline in --data (the current folder by default). The
// event file keeps every other byte, its previous version is kept as
// events.yaml~, and a result that ties check refuses is not written.
func (m *Main) addSource() int {
	dir := m.dataDir
	if dir == "" {
		dir = "."
	}
	eventsPath := filepath.Join(dir, "events.yaml")
	old, err := os.ReadFile(eventsPath)
	if err != nil {
		fmt.Fprintf(m.Stderr, "ties: %s: %v; add-source adds to a timeline's folder: give it with --data DIR\n", eventsPath, errors.Unwrap(err))
		return 2
	}
	t, err := timeline.Load(os.DirFS(dir), dir)
	if err != nil {
		fmt.Fprintf(m.Stderr, "ties: the timeline in %s has problems; fix them first:\n%v\n", dir, err)
		return 1
	}
	taken := map[string]bool{}
	for _, s := range t.Sources {
		taken[s.ID] = true
	}
	st, err := prepareSource(m.sourceFile, dir, taken)
	if err != nil {
		fmt.Fprintf(m.Stderr, "ties: %v\n", err)
		return 1
	}
	off, indent, err := sourcesEnd(eventsPath, old)
	if err != nil {
		fmt.Fprintf(m.Stderr, "ties: %v\n", err)
		return 1
	}
	entry := sourceYAML(st)
	if indent != "  " {
		entry = strings.ReplaceAll(strings.ReplaceAll(entry, "\n    ", "\n"+indent+"  "), "  - id:", indent+"- id:")
	}
	updated := append(append(append([]byte{}, old[:off]...), entry...), old[off:]...)
	check := overlayFS{base: os.DirFS(dir), files: map[string][]byte{"events.yaml": updated, st.file: st.source.Markdown}}
	if _, err := timeline.Load(check, dir); err != nil {
		fmt.Fprintf(m.Stderr, "ties: adding %s would leave the timeline with problems, so nothing was written:\n%v\n", m.sourceFile, err)
		return 1
	}
	created, err := writeNew(dir, map[string][]byte{filepath.FromSlash(st.file): st.source.Markdown})
	if err == nil {
		err = writeFileAtomic(eventsPath+"~", old)
	}
	if err == nil {
		err = writeFileAtomic(eventsPath, updated)
	}
	if err != nil {
		undo(dir, created)
		fmt.Fprintf(m.Stderr, "ties: %v; the timeline is as it was\n", err)
		return 1
	}
	fmt.Fprintf(m.Stdout, "added %s as source %s (%s), %s; the previous events.yaml is events.yaml~\n", st.file, st.id, st.source.Title, st.source.From)
	if st.quote != "" {
		fmt.Fprintf(m.Stdout, "its first sentence that states a date: %q (%s)\n", st.quote, st.date)
	}
	return 0
}
