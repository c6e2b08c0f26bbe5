package timeline

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
)

// corpusFS returns a case of testdata/corpus as a timeline folder: its own
// files, and the shared source unless it has sources of its own.
func corpusFS(tb testing.TB, name string) fstest.MapFS {
	tb.Helper()
	m := fstest.MapFS{}
	add := func(root string) {
		_ = fs.WalkDir(os.DirFS(root), ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || p == "want" {
				return err
			}
			if _, ok := m[p]; ok {
				return nil
			}
			b, err := os.ReadFile(path.Join(root, p))
			if err != nil {
				tb.Fatal(err)
			}
			m[p] = &fstest.MapFile{Data: b}
			return nil
		})
	}
	add("testdata/corpus/" + name)
	if !strings.HasPrefix(name, "source-is-a-folder") {
		if _, ok := m["sources/a.md"]; !ok {
			add("testdata/corpus/shared")
		}
	} else {
		add("testdata/corpus/shared")
		m["sources"] = &fstest.MapFile{Mode: fs.ModeDir}
	}
	return m
}

// Every case of the corpus of malformed and tricky timelines has the outcome
// its "want" file names: "ok", or problems in the order reported, a line
// each, with their line and column and words; a want file that begins with
// the line "only" lists every problem.
// None panics, hangs, or allocates more than a few hundred MB.
func TestCorpus(t *testing.T) {
	entries, err := os.ReadDir("testdata/corpus")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if !e.IsDir() || e.Name() == "shared" {
			continue
		}
		n++
		t.Run(e.Name(), func(t *testing.T) {
			raw, err := os.ReadFile("testdata/corpus/" + e.Name() + "/want")
			if err != nil {
				t.Fatal(err)
			}
			want := strings.TrimSpace(string(raw))
			fsys := corpusFS(t, e.Name())
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			stop := watchdog(e.Name())
			_, err = Load(fsys, "data")
			stop()
			runtime.ReadMemStats(&after)
			if mb := (after.TotalAlloc - before.TotalAlloc) >> 20; mb > 300 {
				t.Errorf("loading allocated %d MB", mb)
			}
			if want == "ok" {
				if err != nil {
					t.Fatalf("Load: %v", err)
				}
				return
			}
			var ps Problems
			if !errors.As(err, &ps) {
				t.Fatalf("Load = %v, want problems", err)
			}
			lines := strings.Split(want, "\n")
			only := lines[0] == "only"
			if only {
				lines = lines[1:]
			}
			next := 0 // the problems are found in the order the want file lists them
			for _, w := range lines {
				line, col, msg := 0, 0, w
				if pos, rest, ok := strings.Cut(w, " "); ok && strings.Contains(pos, ":") {
					l, c, _ := strings.Cut(pos, ":")
					line, _ = strconv.Atoi(l)
					col, _ = strconv.Atoi(c)
					msg = rest
				}
				found := false
				for ; next < len(ps) && !found; next++ {
					p := ps[next]
					found = strings.Contains(p.Message, msg) && (line == 0 || p.Line == line && p.Column == col)
					if only && !found {
						t.Errorf("problem %d is %d:%d %q, want %q", next+1, p.Line, p.Column, p.Message, w)
					}
				}
				if !found {
					t.Errorf("no problem, after those before it, is %q; got:\n%v", w, err)
				}
			}
			for _, p := range ps[next:] {
				if only {
					t.Errorf("one problem more than the want file lists: %d:%d %s", p.Line, p.Column, p.Message)
				}
			}
		})
	}
	if n < 30 {
		t.Errorf("the corpus has %d cases, want at least 30", n)
	}
}

// A file larger than the limit is refused without being read whole.
func TestLoadRefusesHugeFiles(t *testing.T) {
	fsys := corpusFS(t, "ok-baseline")
	fsys["events.yaml"] = &fstest.MapFile{Data: []byte("title: " + strings.Repeat("x", MaxEventFileSize) + "\n")}
	_, err := Load(fsys, "data")
	if err == nil || !strings.Contains(err.Error(), "data/events.yaml: the file is larger than 16 MiB") {
		t.Errorf("Load = %v", err)
	}
}
