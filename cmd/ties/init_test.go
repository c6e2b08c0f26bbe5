package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ties/timeline"
)

// articleHTML is a web page as a browser saves it: the article amid the
// site's furniture.
const articleHTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>The Pipeline Deal | News Site</title>
<meta property="og:site_name" content="News Site"></head>
<body><nav><a href="/">Home</a> <a href="/subscribe">Subscribe now</a></nav>
<article><h1>The Pipeline Deal</h1>
<p>Officials had planned the visit for months, they said, and the <em>gas pipeline</em> was its centrepiece.</p>
<p>The prime minister flew to Moscow on 23 February 2022 for a two-day visit, hours before the invasion began.</p>
<p>Analysts questioned the timing of the visit and asked what the deal would be worth under sanctions.</p></article>
<footer>All rights reserved.</footer></body></html>`

// ties init writes a timeline that ties check passes, from no source, a
// Markdown, a text and an HTML source; its example event quotes a sentence
// that states its date.
func TestInitPassesCheck(t *testing.T) {
	dir := t.TempDir()
	sources := map[string]string{
		"article.md":   "# An Article\n\nNothing dated here.\n\nThe treaty was signed on 5 November 1956 in the capital.\n",
		"article.txt":  "A plain text.\n\nIn the autumn of 1956, *talks* began; on 29 October 1956 the troops crossed the border.\n",
		"article.html": articleHTML,
	}
	for name, body := range sources {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, src := range []string{"", "article.md", "article.txt", "article.html"} {
		out := filepath.Join(dir, "timeline-"+strings.ReplaceAll(src, ".", "-"))
		args := []string{"init", out}
		if src != "" {
			args = append(args, "--source", filepath.Join(dir, src))
		}
		code, stdout, stderr := run(t, args...)
		if code != 0 {
			t.Fatalf("ties %v = %d: %s%s", args, code, stdout, stderr)
		}
		if code, stdout, stderr := run(t, "check", "--data", out); code != 0 {
			t.Errorf("ties check on ties init %s's timeline = %d: %s%s", src, code, stdout, stderr)
		}
		tl, err := timeline.Load(os.DirFS(out), out)
		if err != nil {
			t.Fatal(err)
		}
		e := tl.Events[0]
		if !e.DateStated || len(tl.Events) != 1 || len(tl.Themes) != 1 {
			t.Errorf("%s: %d events, %d themes; the example's date stated by its quote: %v", src, len(tl.Events), len(tl.Themes), e.DateStated)
		}
		want := map[string]string{"": time.Now().Format("2006-01-02"), "article.md": "1956-11-05", "article.txt": "1956-10-29", "article.html": "2022-02-23"}[src]
		if e.Date.String() != want {
			t.Errorf("%s: the example is dated %s, want %s", src, e.Date, want)
		}
		if src == "article.html" {
			md, _ := os.ReadFile(filepath.Join(out, "sources", "article.md"))
			if !strings.Contains(string(md), "*gas pipeline*") || strings.Contains(string(md), "Subscribe") || strings.Contains(string(md), "rights reserved") {
				t.Errorf("the HTML source became:\n%s", md)
			}
			if tl.Sources[0].Publisher != "News Site" {
				t.Errorf("the HTML source's publisher is %q", tl.Sources[0].Publisher)
			}
		}
		if src == "article.txt" {
			md, _ := os.ReadFile(filepath.Join(out, "sources", "article.md"))
			if !strings.Contains(string(md), `\*talks\*`) {
				t.Errorf("the text source's asterisks are not kept as text:\n%s", md)
			}
		}
	}
}

// ties init overwrites nothing: a folder with a file in it is refused and
// left as it was.
func TestInitRefusesAFolderInUse(t *testing.T) {
	dir := t.TempDir()
	keep := filepath.Join(dir, "events.yaml")
	if err := os.WriteFile(keep, []byte("mine\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := run(t, "init", dir)
	if code == 0 || !strings.Contains(stderr, "not empty") {
		t.Errorf("ties init on a folder in use = %d: %s", code, stderr)
	}
	if b, _ := os.ReadFile(keep); string(b) != "mine\n" {
		t.Errorf("the file was changed to %q", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("ties init left %d entries", len(entries))
	}
	if code, _, stderr := run(t, "init"); code != 2 || !strings.Contains(stderr, "init needs DIR") {
		t.Errorf("ties init without DIR = %d: %s", code, stderr)
	}
	bad := filepath.Join(t.TempDir(), "a.pdf")
	os.WriteFile(bad, []byte("%PDF"), 0o644)
	out := filepath.Join(t.TempDir(), "new")
	if code, _, stderr := run(t, "init", out, "--source", bad); code == 0 || !strings.Contains(stderr, "a.pdf") {
		t.Errorf("ties init from a PDF = %d: %s", code, stderr)
	}
	if exists(out) {
		t.Errorf("a refused ties init left %s", out)
	}
}

// ties add-source adds a source and changes nothing else of the event
// file, byte for byte; the previous version is kept beside it.
func TestAddSourceKeepsTheFile(t *testing.T) {
	dir := t.TempDir()
	tl := filepath.Join(dir, "tl")
	if code, stdout, stderr := run(t, "init", tl, "--title", "Mine"); code != 0 {
		t.Fatal(stdout, stderr)
	}
	// The user's own comments, blank lines and quoting, which must stay.
	path := filepath.Join(tl, "events.yaml")
	before, _ := os.ReadFile(path)
	before = bytes.Replace(before, []byte("themes:\n"), []byte("# my comment, kept\n\nthemes:   # and this\n"), 1)
	if err := os.WriteFile(path, before, 0o644); err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(dir, "page.html")
	os.WriteFile(src, []byte(articleHTML), 0o644)
	code, stdout, stderr := run(t, "add-source", src, "--data", tl)
	if code != 0 {
		t.Fatalf("ties add-source = %d: %s%s", code, stdout, stderr)
	}
	after, _ := os.ReadFile(path)
	entry := "  - id: page\n    file: \"sources/page.md\"\n    title: "
	i := bytes.Index(after, []byte(entry))
	if i < 0 {
		t.Fatalf("the new source's entry is not in the file:\n%s", after)
	}
	j := i + bytes.Index(after[i:], []byte("\n\n")) + 1
	if got := append(append([]byte{}, after[:i]...), after[j:]...); !bytes.Equal(got, before) {
		t.Errorf("the rest of the file changed:\n%s\nwant\n%s", got, before)
	}
	if kept, _ := os.ReadFile(path + "~"); !bytes.Equal(kept, before) {
		t.Errorf("events.yaml~ is not the previous version")
	}
	if code, stdout, stderr := run(t, "check", "--data", tl); code != 0 {
		t.Errorf("ties check after add-source = %d: %s%s", code, stdout, stderr)
	}
	// Added twice, the second copy gets an id of its own.
	if code, stdout, stderr := run(t, "add-source", src, "--data", tl); code != 0 || !strings.Contains(stdout, "page-2") {
		t.Errorf("ties add-source again = %d: %s%s", code, stdout, stderr)
	}
}
