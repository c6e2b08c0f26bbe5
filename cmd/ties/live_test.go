package main

import (
	"context"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ties/data"
)

// liveTimeline copies the built-in timeline into a folder to edit, and
// serves it with --watch; it returns the folder and the site's address,
// and stops the server when the test ends, checking that it stops.
func liveTimeline(t *testing.T, flags ...string) (dir, addr string) {
	dir = timelineDir(t)
	ctx, cancel := context.WithCancel(context.Background())
	var out, errOut syncBuffer
	m := NewMain(&out, &errOut)
	addrs := make(chan string, 1)
	m.ready = func(a string) { addrs <- a }
	done := make(chan int, 1)
	if len(flags) == 0 {
		flags = []string{"--watch"}
	}
	go func() { done <- m.Run(ctx, append([]string{"--addr", "127.0.0.1:0", "--data", dir}, flags...)) }()
	select {
	case addr = <-addrs:
	case code := <-done:
		t.Fatalf("ties serve --watch stopped at once (%d): %s", code, errOut.String())
	}
	t.Cleanup(func() {
		cancel()
		select {
		case <-done: // the open pages' streams did not hold the server up
		case <-time.After(15 * time.Second):
			t.Errorf("ties serve --watch did not stop with pages open")
		}
	})
	return dir, addr
}

// timelineDir is a new folder holding a copy of the built-in timeline.
func timelineDir(t *testing.T) string {
	dir := t.TempDir()
	for _, name := range []string{"events.yaml", "sources/diplomat-2022.md"} {
		b, err := data.FS.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// edit rewrites the timeline's event file as an editor does: a new file
// renamed over the old.
func edit(t *testing.T, dir string, change func(string) string) {
	t.Helper()
	path := filepath.Join(dir, "events.yaml")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := writeFileAtomic(path, []byte(change(string(b)))); err != nil {
		t.Fatal(err)
	}
}

// Under --watch an open page reloads itself after a good edit, where the
// reader was: the filters and the scroll position; after a broken edit it
// shows the problems in its banner and does not reload; the fix reloads it.
func TestBrowserLiveReload(t *testing.T) {
	dir, addr := liveTimeline(t)
	target, _ := url.Parse("http://" + addr)
	tt := openSite(t, httputil.NewSingleHostReverseProxy(target), "", 1366, 900)
	tt.open("/?theme=west")
	tt.waitFor(`document.body.dataset.liveReady === 'true'`)
	eval[any](tt, `window.scrollTo(0, 900), window.ties.marker = 'before'`)
	tt.waitFor(`scrollY === 900`)

	start := time.Now()
	edit(t, dir, func(s string) string {
		return strings.Replace(s, `title: Bush tells the world "either you are with us`, `title: Bush tells the nations "either you are with us`, 1)
	})
	tt.waitFor(`window.ties.marker === undefined && document.body.dataset.ready === 'true' && document.body.textContent.includes('Bush tells the nations')`)
	t.Logf("the page reloaded %s after the edit", time.Since(start).Round(time.Millisecond))
	tt.waitFor(`Math.abs(scrollY - 900) < 2`)
	if got := tt.path(); got != "/?theme=west" {
		t.Errorf("after the reload the page is at %s, want its filter kept", got)
	}
	if got := eval[string](tt, `document.querySelector('select[name="theme"]').value`); got != "west" {
		t.Errorf("after the reload the theme filter is %q", got)
	}

	eval[any](tt, `window.ties.marker = 'kept'`)
	edit(t, dir, func(s string) string {
		return strings.Replace(s, "    label: \"Bush:", "    colour: red\n    label: \"Bush:", 1)
	})
	tt.waitFor(`!!document.querySelector('.problems') && document.querySelector('.problems').textContent.includes('unknown key "colour"')`)
	if got := eval[string](tt, `String(window.ties.marker)`); got != "kept" {
		t.Errorf("a broken edit reloaded the page")
	}
	edit(t, dir, func(s string) string { return strings.Replace(s, "    colour: red\n", "", 1) })
	tt.waitFor(`window.ties.marker === undefined && document.body.dataset.ready === 'true' && !document.querySelector('.problems')`)
}
