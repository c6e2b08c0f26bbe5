package timeline

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sameNodes reports where two node trees differ, or "".
func sameNodes(a, b *node, at string) string {
	if a.kind != b.kind || a.value != b.value || a.line != b.line || a.col != b.col {
		return fmt.Sprintf("%s: %v %q %d:%d, want %v %q %d:%d", at, a.kind, a.value, a.line, a.col, b.kind, b.value, b.line, b.col)
	}
	if len(a.keys) != len(b.keys) || len(a.items) != len(b.items) {
		return fmt.Sprintf("%s: %d keys %d items, want %d keys %d items", at, len(a.keys), len(a.items), len(b.keys), len(b.items))
	}
	for i := range a.keys {
		if d := sameNodes(a.keys[i], b.keys[i], at+"/key "+b.keys[i].value); d != "" {
			return d
		}
		if d := sameNodes(a.values[i], b.values[i], at+"/"+b.keys[i].value); d != "" {
			return d
		}
	}
	for i := range a.items {
		if d := sameNodes(a.items[i], b.items[i], fmt.Sprintf("%s/%d", at, i)); d != "" {
			return d
		}
	}
	return ""
}

// checkSameParse checks that where the fast parser reads a file, it reads
// what goccy/go-yaml reads, positions included, so that every message the
// decoder gives is the same whichever parser read the file.
func checkSameParse(t *testing.T, name string, src []byte) (fast bool) {
	t.Helper()
	got, ok := parseClean(src)
	if !ok {
		return false
	}
	want, problems := parseGoccy(src, name)
	if len(problems) > 0 {
		t.Errorf("%s: the fast parser read a file goccy/go-yaml refuses: %v", name, problems)
		return true
	}
	if d := sameNodes(got, want, name); d != "" {
		t.Errorf("the two parsers differ at %s", d)
	}
	return true
}

func TestParseCleanAgreesWithGoccy(t *testing.T) {
	fast, all := 0, 0
	for _, root := range []string{"testdata", "../data", "../cmd/ties/testdata"} {
		_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || strings.Contains(p, "fuzz") || !(strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) {
				return nil
			}
			src, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			src = bytes.TrimPrefix(src, []byte("\uFEFF")) // as Load does
			if checkNesting(src, p) != nil {
				return nil
			}
			all++
			if checkSameParse(t, p, src) {
				fast++
			}
			return nil
		})
	}
	if fast == 0 || fast == all {
		t.Errorf("the fast parser read %d of %d files; the test needs files of both kinds", fast, all)
	}
	t.Logf("the fast parser read %d of %d files", fast, all)
}

func FuzzParseClean(f *testing.F) {
	f.Add([]byte("title: x\nevents:\n  - id: a\n    date: 2022-02-24\n    quote: \"x\"\n"))
	f.Add([]byte("a: |\n  b\n  c\nd: 'e'\nf:\n  - \ng: ~\n"))
	// Found in review: values and places the two parsers read apart, which
	// the fast parser leaves to goccy/go-yaml.
	for _, s := range []string{"a: \"x\u0085y\"\n", "a: 'a \t\n b'\n", "a: \"a\n\tb\"\n", "%TAG ! tag:x,2000:\n---\na: b\n",
		"title:  x\nb: 1\n", "title:\tx\nb: 1\n", "a: \"x\u2028y\"\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > 1<<16 || checkNesting(src, "f") != nil {
			return
		}
		checkSameParse(t, "f", src)
	})
}
