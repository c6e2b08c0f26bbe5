package main

import (
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
	f, err := parseEventFile(eventsPath, old)
	var seq *yaml.Node
	var end int
	if err == nil {
		seq, end, err = f.list("sources")
	}
	if err == nil && len(seq.Content) == 0 {
		err = fmt.Errorf("%s:%d:%d: sources has no entry to add after; write one as in ties init's events.yaml", eventsPath, seq.Line, seq.Column)
	}
	if err != nil {
		fmt.Fprintf(m.Stderr, "ties: %v\n", err)
		return 1
	}
	off, indent := f.offset(end), indentOf(seq)
	entry := sourceYAML(st)
	if indent != "  " {
		entry = strings.ReplaceAll(strings.ReplaceAll(entry, "\n    ", "\n"+indent+"  "), "  - id:", indent+"- id:")
	}
	updated := splice(f.src, off, off, entry)
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
