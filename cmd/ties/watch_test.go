package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// A watched folder reloads on an edit: a broken edit keeps the last good
// timeline with its problems on every page, a fix recovers by itself, and an
// editor's burst of writes or write-and-rename makes one reload.
func TestWatchReloads(t *testing.T) {
	good := strings.Replace(strings.Replace(badEvents, "2014-02-30", "2014", 1), "defense", "defence", 1)
	dir := writeTimeline(t, good)
	file := filepath.Join(dir, "events.yaml")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errOut syncBuffer
	m := NewMain(&out, &errOut)
	addrs := make(chan string, 1)
	var reloads atomic.Int32
	m.ready = func(addr string) { addrs <- addr }
	m.reloaded = func() { reloads.Add(1) }
	done := make(chan int, 1)
	go func() { done <- m.Run(ctx, []string{"--addr", "127.0.0.1:0", "--data", dir, "--watch"}) }()
	addr := <-addrs
	page := func(path string) string {
		resp, err := http.Get("http://" + addr + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	waitReloads := func(n int32) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for reloads.Load() < n && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
		}
		time.Sleep(3 * settle) // any further reload would have come by now
		if got := reloads.Load(); got != n {
			t.Fatalf("%d reloads, want %d", got, n)
		}
	}

	// A broken edit, written in a burst of small writes.
	broken := strings.Replace(good, "title: Embargo lifted", "title: Embargo lifted\n    colour: red", 1)
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < len(broken); i += 40 {
		_, _ = f.WriteString(broken[i:min(i+40, len(broken))])
		_ = f.Sync()
	}
	f.Close()
	waitReloads(1)
	if strings.Contains(page("/embed/chronology"), "The last edit") {
		t.Error("an embed, which other sites frame, shows the problems")
	}
	for _, path := range []string{"/", "/events/embargo", "/present"} {
		body := page(path)
		if !strings.Contains(body, "The last edit of the timeline has 1 problem.") || !strings.Contains(body, `unknown key &#34;colour&#34;`) {
			t.Errorf("%s does not show the problem", path)
		}
	}
	if !strings.Contains(page("/events/embargo"), "Embargo lifted") {
		t.Error("the last good timeline is not served")
	}
	if !strings.Contains(errOut.String(), `unknown key "colour" in an event`) {
		t.Errorf("the terminal does not show the problem: %s", errOut.String())
	}

	// Other files beside the timeline change nothing.
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("a note"), 0o644); err != nil {
		t.Fatal(err)
	}
	waitReloads(1)

	// A page made before the next edit, which loads its events after it.
	before := page("/")
	eventsFile := func(html string) string {
		_, rest, _ := strings.Cut(html, `data-events="`)
		name, _, _ := strings.Cut(rest, `"`)
		return name
	}
	oldEvents := eventsFile(before)
	if !strings.HasPrefix(oldEvents, "/data/events.") {
		t.Fatalf("the page names %q as its events file", oldEvents)
	}

	// The fix, as an editor saves it: a temporary file renamed over the old.
	fixed := strings.Replace(good, "title: Embargo lifted", "title: Embargo lifted at last", 1)
	tmp := filepath.Join(dir, ".events.yaml.swp")
	if err := os.WriteFile(tmp, []byte(fixed), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, file); err != nil {
		t.Fatal(err)
	}
	waitReloads(2)
	body := page("/events/embargo")
	if strings.Contains(body, "The last edit") || !strings.Contains(body, "Embargo lifted at last") {
		t.Error("the fix did not replace the timeline and clear the problems")
	}
	if newEvents := eventsFile(page("/")); newEvents == oldEvents || !strings.Contains(page(newEvents), "Embargo lifted at last") {
		t.Errorf("after the edit, the page names %s as its events file (before: %s), which does not hold the edit", newEvents, oldEvents)
	}
	if got := page(oldEvents); !strings.Contains(got, `"Embargo lifted"`) {
		t.Errorf("the page made before the edit cannot load its events file %s: %.200s", oldEvents, got)
	}

	// An edit of a source reloads too.
	src := filepath.Join(dir, "sources", "a.md")
	b, _ := os.ReadFile(src)
	if err := os.WriteFile(src, bytes.Replace(b, []byte("# Title"), []byte("# A new title"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	waitReloads(3)
	if !strings.Contains(page("/sources/a"), "A new title") {
		t.Error("the edited source was not reloaded")
	}
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("ties exited with %d", code)
	}
}

func TestWatchNeedsAFolder(t *testing.T) {
	if code, _, stderr := run(t, "--watch"); code != 2 || !strings.Contains(stderr, "--watch needs --data DIR") {
		t.Errorf("ties --watch = %d, %q", code, stderr)
	}
}

// syncBuffer is a buffer that goroutines may write to at once.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
