package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sync/atomic"
	"time"

	"github.com/fsnotify/fsnotify"

	"ties/timeline"
)

// site serves the current server, which a reload swaps whole: a request
// sees all of one timeline or all of the next, never half of each.
type site struct {
	current atomic.Pointer[Server]
}

// ServeHTTP serves a request with the server current when it arrives.
func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.current.Load().ServeHTTP(w, r)
}

// settle is how long the files must stay still before a reload, so that an
// editor's burst of writes, or its write to a temporary file and rename,
// makes one reload.
const settle = 250 * time.Millisecond

// watcher reloads a timeline folder when its files change.
type watcher struct {
	dir  string
	site *site
	// serverFor builds a server for a timeline, which also serves the data
	// files of the one before (earlier), for pages made before the reload.
	serverFor func(t *timeline.Timeline, earlier *dataSet) *Server
	log       io.Writer
	fs        *fsnotify.Watcher
	reload    func() // called after each reload, for tests
	live      *live  // tells the open pages, if set
}

// watch starts watching dir; it stops when ctx ends.
func (w *watcher) watch(ctx context.Context) error {
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	w.fs = fsw
	w.addFolders(w.site.current.Load().timeline)
	go w.loop(ctx)
	return nil
}

// addFolders watches the timeline's folder and every folder its sources
// are in. Watching folders, not files, sees a file replaced by a rename.
func (w *watcher) addFolders(t *timeline.Timeline) {
	_ = w.fs.Add(w.dir)
	if t == nil {
		return
	}
	for _, s := range t.Sources {
		_ = w.fs.Add(filepath.Dir(filepath.Join(w.dir, filepath.FromSlash(s.File))))
	}
}

// matters reports whether a changed file is the event file or one of the
// sources, not an editor's swap file or anything else beside them.
func (w *watcher) matters(name string) bool {
	if filepath.Clean(name) == filepath.Join(w.dir, timeline.EventFile) {
		return true
	}
	t := w.site.current.Load().timeline
	for _, s := range t.Sources {
		if filepath.Clean(name) == filepath.Join(w.dir, filepath.FromSlash(s.File)) {
			return true
		}
	}
	return false
}

// loop waits for changes and reloads once they settle.
func (w *watcher) loop(ctx context.Context) {
	defer w.fs.Close()
	var timer <-chan time.Time
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.fs.Events:
			if !ok {
				return
			}
			if ev.Op&(fsnotify.Write|fsnotify.Create|fsnotify.Rename|fsnotify.Remove) != 0 && w.matters(ev.Name) {
				timer = time.After(settle) // wait until the writes settle
			}
		case err, ok := <-w.fs.Errors:
			if !ok {
				return
			}
			fmt.Fprintf(w.log, "ties: watching %s: %v\n", w.dir, err)
		case <-timer:
			timer = nil
			w.load()
		}
	}
}

// load loads the folder again. A good timeline replaces the one served; a
// broken one leaves it, and puts its problems on every page and in the log.
func (w *watcher) load() {
	t, err := timeline.Load(os.DirFS(w.dir), w.dir)
	old := w.site.current.Load()
	if err != nil {
		var problems timeline.Problems
		if !errors.As(err, &problems) {
			problems = timeline.Problems{{File: w.dir, Message: err.Error()}}
		}
		fmt.Fprintf(w.log, "ties: the edit has %s; still serving the last good timeline:\n", plural(len(problems), "problem"))
		for _, p := range problems {
			fmt.Fprintln(w.log, p)
		}
		w.site.current.Store(old.withProblems(problems))
		if w.live != nil {
			w.live.publish(problems, old.liveVersion)
		}
	} else {
		fmt.Fprintf(w.log, "ties: reloaded %q (%s)\n", t.Title, plural(len(t.Events), "event"))
		n := w.serverFor(t, old.data) // one timeline back, no further
		w.site.current.Store(n)
		if w.live != nil {
			// Once the new server serves, so that a page that reloads
			// gets its pages.
			w.live.publish(nil, n.liveVersion)
		}
		w.addFolders(t)
	}
	if w.reload != nil {
		w.reload()
	}
}
