package timeline

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"unicode/utf8"
)

// EventFile is the name of the event file in a timeline's folder.
const EventFile = "events.yaml"

// Limits on what a timeline may hold, so that a mistaken or hostile file
// cannot exhaust memory or time. They are documented in the README.
const (
	MaxEventFileSize = 16 << 20 // bytes
	MaxSourceSize    = 8 << 20  // bytes, each source
	MaxEvents        = 50_000
	MaxSources       = 10_000
	MaxThemes        = 64
	MaxTitle         = 120  // characters, an event's title
	MaxChartLabel    = 40   // characters, an event's short label for the charts
	MaxLabel         = 200  // characters: a timeline's, source's or theme's title or label, an actor, an id
	MaxText          = 4000 // characters: a description, summary or note
	MaxQuote         = 2000 // characters, each quote
	MaxURL           = 2048 // characters
)

// Load reads the event file "events.yaml" at the top of fsys and the sources it
// names, checks every rule of the format, and resolves every quote to its
// passage. dir names fsys's top in messages, such as "data".
//
// Load is all or nothing: it returns the timeline, or Problems listing every
// mistake found, each with its file, line and column.
func Load(fsys fs.FS, dir string) (*Timeline, error) {
	l := &loader{fsys: fsys, dir: dir}
	t := l.load()
	if len(l.problems) > 0 {
		l.sortProblems()
		return nil, l.problems
	}
	return t, nil
}

type loader struct {
	fsys     fs.FS
	dir      string
	problems Problems
}

// shown returns how a file of fsys is named in messages.
func (l *loader) shown(name string) string {
	if l.dir == "" {
		return name
	}
	return path.Join(l.dir, name)
}

func (l *loader) load() *Timeline {
	file := l.shown(EventFile)
	src, p := readText(l.fsys, EventFile, file, MaxEventFileSize)
	if p != nil {
		l.problems = append(l.problems, p)
		return nil
	}
	root, ps := parseYAML(src, file)
	l.problems = append(l.problems, ps...)
	if root == nil {
		return nil
	}
	d := &decoder{file: file, src: src}
	raw := d.decodeFile(root)
	l.problems = append(l.problems, d.problems...)
	v := &validator{loader: l, file: file, empty: d.empty}
	return v.timeline(raw)
}

// sortProblems orders problems by file, in the order files were first
// mentioned, then by line and column.
func (l *loader) sortProblems() {
	order := map[string]int{}
	for _, p := range l.problems {
		if _, ok := order[p.File]; !ok {
			order[p.File] = len(order)
		}
	}
	slices.SortStableFunc(l.problems, func(a, b *Problem) int {
		return cmp.Or(cmp.Compare(order[a.File], order[b.File]), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
	})
}

// readText reads a UTF-8 text file of at most limit bytes, dropping a byte
// order mark and turning CRLF line ends into LF. shown names it in messages.
func readText(fsys fs.FS, name, shown string, limit int64) ([]byte, *Problem) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, &Problem{File: shown, Message: "cannot read the file: " + explain(err)}
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, &Problem{File: shown, Message: "cannot read the file: " + explain(err)}
	}
	if int64(len(data)) > limit {
		return nil, &Problem{File: shown, Message: fmt.Sprintf("the file is larger than %d MiB, the most ties reads; split it up", limit>>20)}
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if !utf8.Valid(data) {
		line, col := invalidUTF8(data)
		return nil, &Problem{File: shown, Line: line, Column: col,
			Message: "the file is not UTF-8 text (an invalid byte is here); save it with the UTF-8 encoding"}
	}
	return bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")), nil
}

// invalidUTF8 returns the line and column of the first byte of data that is
// not UTF-8.
func invalidUTF8(data []byte) (line, col int) {
	line, col = 1, 1
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size <= 1 {
			return line, col
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		data = data[size:]
	}
	return line, col
}

// explain says what to do about a file error.
func explain(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "it does not exist; check the name and the folder"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied; make the file readable"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
