package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// buildSite writes the built-in timeline's site under /ties/ into a new
// folder and returns it.
func buildSite(tb testing.TB) string {
	tb.Helper()
	out := filepath.Join(tb.TempDir(), "site")
	code, stdout, stderr := run(tb, "build", "--out", out, "--base", "/ties/")
	if code != 0 {
		tb.Fatalf("ties build = %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "ties: wrote ") || !strings.Contains(stdout, " under /ties/ to "+out) {
		tb.Errorf("ties build printed %q", stdout)
	}
	return out
}

// Every exported file is the page the server sends for its address.
func TestBuildWritesWhatTheServerSends(t *testing.T) {
	out := buildSite(t)
	s := NewServer(defaultTimeline(t), WithBase("/ties/"), WithDrawing())
	s.relative = true
	if err := s.waitDrawn(context.Background()); err != nil {
		t.Fatal(err)
	}
	paths := s.sitePaths()
	for _, p := range paths {
		file, target := strings.TrimPrefix(p, "/"), "/ties"+p
		switch {
		case p == "404":
			file, target = "404.html", "/ties/no-such-page"
		case path.Ext(p) == "":
			file = path.Join(file, "index.html")
		}
		got, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(file)))
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		want, _ := io.ReadAll(get(t, s, "GET", target).Body)
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from what the server sends for %s", file, target)
		}
	}
	for _, want := range []string{"index.html", "events/khan-visits-moscow/index.html", "present/khan-visits-moscow/index.html",
		"embed/chronology/index.html", "oembed/events/khan-visits-moscow.json", "api/events.json", "assets/vendor/echarts/echarts.custom.min.js", "404.html"} {
		if _, err := os.Stat(filepath.Join(out, want)); err != nil {
			t.Errorf("the site lacks %s", want)
		}
	}
	page, _ := os.ReadFile(filepath.Join(out, "index.html"))
	if !bytes.Contains(page, []byte(`href="/ties/events/khan-visits-moscow"`)) || bytes.Contains(page, []byte(`href="/events/`)) {
		t.Error("the home page's links are not under /ties/")
	}
}

// A build replaces an earlier build's files and keeps any others, and
// never touches a folder of other files.
func TestBuildKeepsOtherFiles(t *testing.T) {
	out := buildSite(t)
	if fi, err := os.Stat(out); err != nil || fi.Mode().Perm() != 0o755 {
		t.Errorf("the site's folder has mode %v, want 0755 so that any web server can read it", fi.Mode().Perm())
	}
	mine := map[string]string{"CNAME": "example.org", ".git/config": "[core]", "events/khan-visits-moscow/notes.txt": "mine"}
	for name, text := range mine {
		p := filepath.Join(out, filepath.FromSlash(name))
		_ = os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if code, _, stderr := run(t, "build", "--out", out, "--base", "/ties/"); code != 0 {
		t.Fatalf("rebuilding = %d: %s", code, stderr)
	}
	for name, text := range mine {
		if b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name))); err != nil || string(b) != text {
			t.Errorf("the rebuild lost %s", name)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "events", "khan-visits-moscow", "index.html")); err != nil {
		t.Error("the rebuild did not write the pages again")
	}

	other := t.TempDir()
	if err := os.WriteFile(filepath.Join(other, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"build", "--out", other}, 1, "is not empty and was not made by ties build"},
		{[]string{"build", "--out", "."}, 1, "holds the current folder"},
		{[]string{"build", "--out", ".."}, 1, "holds the current folder"},
		{[]string{"build", "--out", filepath.Join(t.TempDir(), "x"), "--base", "/my ties/"}, 2, "is not a path"},
		{[]string{"build", "--out", filepath.Join(t.TempDir(), "x"), "--base", "/a/../b/"}, 2, "is not a path"},
		{[]string{"build", "--out", filepath.Join(t.TempDir(), "x"), "--base", "/a/", "--url", "https://example.org/b/"}, 2, "give --url or --base, not both"},
		{[]string{"build"}, 2, "build needs --out DIR"},
	} {
		code, _, stderr := run(t, tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.stderr) {
			t.Errorf("ties %v = %d, %q; want %d, %q", tt.args, code, stderr, tt.code, tt.stderr)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(other, "notes.txt")); string(b) != "mine" {
		t.Error("a refused build touched another folder's file")
	}
	nested := filepath.Join(t.TempDir(), "new", "deeper", "site")
	if code, _, stderr := run(t, "build", "--out", nested); code != 0 {
		t.Errorf("building into a new nested folder = %d: %s", code, stderr)
	}
}

// The exported site, served by a plain file server under /ties/, passes the
// same browser checks as the live server. It is built for the file
// server's own address, so that its oEmbed iframes can be used elsewhere.
func TestBrowserBuiltSite(t *testing.T) {
	tl := defaultTimeline(t)
	out := filepath.Join(t.TempDir(), "site")
	mux := http.NewServeMux()
	mux.Handle("/ties/", http.StripPrefix("/ties/", http.FileServer(http.Dir(out))))
	tt := openSite(t, mux, "/ties", 1280, 1000)
	if code, _, stderr := run(t, "build", "--out", out, "--url", tt.origin+"/ties/"); code != 0 {
		t.Fatalf("ties build = %d: %s", code, stderr)
	}
	checkEveryEventOneClick(t, tt, tl)
	checkFilterSurvivesReload(t, tt, tl)
	checkSlides(t, tt, tl, 1920, 1080, 28)
	checkSlides(t, tt, tl, 1280, 720, 18)
	tt.do(chromedp.EmulateViewport(1000, 800))
	checkEmbedOnAnotherOrigin(t, tt, tl, tt.origin+"/ties/oembed/chronology.json")
	tt.open("/embed/actors?look=contrast")
	if got := eval[string](tt, `document.documentElement.dataset.look`); got != "contrast" {
		t.Errorf("the embed's look is %q, want contrast", got)
	}
}

// ties gen writes a timeline that ties check accepts, the same each time.
func TestGen(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "gen")
	if code, out, stderr := run(t, "gen", "--events", "250", "--out", dir); code != 0 || !strings.Contains(out, "250 events and 3 sources") {
		t.Fatalf("ties gen = %d, %q, %q", code, out, stderr)
	}
	code, out, stderr := run(t, "check", "--data", dir)
	if code != 0 || !strings.Contains(out, "250 events, 6 themes, 3 sources") {
		t.Fatalf("ties check of the generated timeline = %d, %q, %q", code, out, stderr)
	}
	again := filepath.Join(t.TempDir(), "gen")
	run(t, "gen", "--events", "250", "--out", again)
	a, _ := os.ReadFile(filepath.Join(dir, "events.yaml"))
	b, _ := os.ReadFile(filepath.Join(again, "events.yaml"))
	if !bytes.Equal(a, b) {
		t.Error("two runs of ties gen differ")
	}
}
