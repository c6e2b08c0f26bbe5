package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"

	"ties/timeline"
)

// live tells the pages open on a watched timeline when it changes, as
// server-sent events: "reload" after a good edit, which the page answers by
// loading itself again where the reader was, and "problems" after a broken
// one, which the page shows in its banner without reloading. The static
// export has no such route, and its pages do not ask for it.
type live struct {
	mu      sync.Mutex
	version int // of the server that serves the last good timeline
	made    int // servers made, each with its version
	// problems are those of the last edit, if it failed.
	problems []string
	subs     map[chan struct{}]struct{}
	done     <-chan struct{} // closed when the server stops
}

func newLive(done <-chan struct{}) *live {
	return &live{subs: map[chan struct{}]struct{}{}, done: done}
}

// WithLive makes the server's pages listen to l, at the route "live".
func WithLive(l *live) Option {
	return func(s *Server) { s.live = l }
}

// publish records the outcome of a reload, good (no problems) or not, and
// wakes every open page. A good one is the server of version, now serving:
// pages made before it reload, and its own do not.
func (l *live) publish(problems timeline.Problems, version int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(problems) == 0 {
		l.version = version
		l.problems = nil
	} else {
		l.problems = l.problems[:0]
		for _, p := range problems {
			l.problems = append(l.problems, p.Error())
		}
	}
	for ch := range l.subs {
		select {
		case ch <- struct{}{}:
		default: // woken already
		}
	}
}

// next is the version of a new server, which its pages carry.
func (l *live) next() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.made++
	return l.made
}

func (l *live) state() (int, []string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.version, append([]string(nil), l.problems...)
}

// keepAlive is how often an idle stream sends a comment, so that nothing
// between the page and the server takes it for dead.
const keepAlive = 20 * time.Second

// ServeHTTP streams the events to a page made at version ?v=: a page older
// than the timeline served reloads at once.
func (l *live) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	seen, err := strconv.Atoi(r.URL.Query().Get("v"))
	if err != nil {
		http.Error(w, "give ?v= the version of the page", http.StatusBadRequest)
		return
	}
	rc := http.NewResponseController(w)
	// The stream outlives the server's write timeout.
	if err := rc.SetWriteDeadline(time.Time{}); err != nil {
		http.Error(w, "streaming is not supported here", http.StatusInternalServerError)
		return
	}
	ch := make(chan struct{}, 1)
	l.mu.Lock()
	l.subs[ch] = struct{}{}
	l.mu.Unlock()
	defer func() {
		l.mu.Lock()
		delete(l.subs, ch)
		l.mu.Unlock()
	}()
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	var shown []string
	send := func() bool {
		version, problems := l.state()
		switch {
		case version > seen:
			fmt.Fprintf(w, "event: reload\ndata: %d\n\n", version)
		case fmt.Sprint(problems) != fmt.Sprint(shown):
			b, _ := json.Marshal(problems) // a list of strings always encodes
			fmt.Fprintf(w, "event: problems\ndata: %s\n\n", b)
			shown = problems
		default:
			return true
		}
		return rc.Flush() == nil
	}
	fmt.Fprint(w, ": ties live\n\n")
	if !send() || rc.Flush() != nil {
		return
	}
	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	for {
		select {
		case <-ch:
			if !send() {
				return
			}
		case <-tick.C:
			if _, err := fmt.Fprint(w, ": still here\n\n"); err != nil || rc.Flush() != nil {
				return
			}
		case <-r.Context().Done():
			return
		case <-l.done:
			return
		}
	}
}
