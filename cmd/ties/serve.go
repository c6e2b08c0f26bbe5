package main

import (
	"context"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"runtime/debug"
	"sync"
	"time"

	"ties/timeline"
)

// serveMemory is the soft limit on the memory the server's heap takes,
// unless GOMEMLIMIT sets another; past it, Go collects garbage more often.
const serveMemory = 200 << 20

// serve loads the timeline and serves it until ctx is done, then lets the
// requests in flight finish.
func (m *Main) serve(ctx context.Context) int {
	opts, err := m.siteOptions()
	if err != nil {
		fmt.Fprintf(m.Stderr, "ties: %v\n", err)
		return 2
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		// Garbage from loading and from making every page is collected
		// sooner rather than let the heap grow to twice what is live: a
		// timeline of 10,000 events then peaks at some 210 MB, not 280.
		debug.SetMemoryLimit(serveMemory)
	}
	// The assets are minified and compressed on the other processor while
	// the timeline loads; the first page waits for both.
	go siteAssets()
	t, err := loadTimeline(m.dataDir)
	if err != nil {
		return m.reportLoad(err)
	}
	var lv *live
	if m.watch {
		// Open pages reload themselves after a good edit.
		lv = newLive(ctx.Done())
		opts = append(opts, WithLive(lv))
	}
	ln, err := net.Listen("tcp", m.addr)
	if err != nil {
		fmt.Fprintf(m.Stderr, "ties: cannot listen on %s: %v; choose another address with --addr\n", m.addr, err)
		return 1
	}
	if m.edit {
		ed, err := newEditor(m.dataDir, ln.Addr().String())
		if err != nil {
			fmt.Fprintf(m.Stderr, "ties: %v\n", err)
			return 2
		}
		opts = append(opts, WithEditor(ed))
		fmt.Fprintf(m.Stdout, "ties: editing %s: changes go into events.yaml, the previous version kept as events.yaml~\n", m.dataDir)
	}
	logger := log.New(m.Stderr, "", log.LstdFlags)
	// Each server made makes all its pages in the background, and stops
	// when the next one replaces it.
	var mu sync.Mutex
	stopWarm := func() {}
	newServer := func(t *timeline.Timeline, earlier *dataSet) *Server {
		s := NewServer(t, opts...)
		s.Log, s.earlier = logger, earlier
		wctx, cancel := context.WithCancel(ctx)
		mu.Lock()
		stopWarm()
		stopWarm = cancel
		mu.Unlock()
		go func() {
			start := time.Now()
			if n := s.warm(wctx); wctx.Err() == nil {
				kept, size := s.cache.cached()
				fmt.Fprintf(m.Stdout, "ties: made all %d pages in %s; %d kept in memory (%.1f MB)\n",
					n, time.Since(start).Round(time.Millisecond), kept, float64(size)/1e6)
			}
		}()
		return s
	}
	current := &site{}
	current.current.Store(newServer(t, nil))
	if lv != nil {
		lv.publish(nil, current.current.Load().liveVersion)
	}
	if m.watch {
		w := &watcher{dir: m.dataDir, site: current, serverFor: newServer, log: m.Stderr, reload: m.reloaded, live: lv}
		if err := w.watch(ctx); err != nil {
			fmt.Fprintf(m.Stderr, "ties: cannot watch %s: %v\n", m.dataDir, err)
			return 1
		}
		fmt.Fprintf(m.Stdout, "ties: watching %s for changes\n", m.dataDir)
	}
	srv := &http.Server{
		Handler:           current,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          logger,
	}
	addr := ln.Addr().String()
	first := current.current.Load()
	at := "http://" + addr + first.base
	if first.public != "" && first.public != at {
		at += ", for " + first.public
	}
	fmt.Fprintf(m.Stdout, "ties: serving %q (%s) at %s — press Ctrl-C to stop\n", t.Title, plural(len(t.Events), "event"), at)
	if m.ready != nil {
		m.ready(addr)
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		fmt.Fprintf(m.Stderr, "ties: %v\n", err)
		return 1
	case <-ctx.Done():
	}
	const grace = 10 * time.Second
	fmt.Fprintf(m.Stdout, "ties: stopping once the requests in flight are done (at most %s)\n", grace)
	shutdown, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		fmt.Fprintf(m.Stderr, "ties: stopping: %v\n", err)
		return 1
	}
	fmt.Fprintln(m.Stdout, "ties: stopped")
	return 0
}
