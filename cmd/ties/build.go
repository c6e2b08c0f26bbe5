package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"ties/assets"
	"ties/timeline"
)

// buildMarker marks a folder as a static copy made by "ties build", which a
// later build may replace.
const buildMarker = ".ties-build"

// build writes the whole site as files into m.out: every page, the JSON,
// the oEmbed documents and the assets, each the bytes the server sends.
func (m *Main) build() int {
	t, err := loadTimeline(m.dataDir)
	if err != nil {
		return m.reportLoad(err)
	}
	var opts []Option
	switch {
	case m.publicURL != "":
		u, err := url.Parse(m.publicURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			fmt.Fprintf(m.Stderr, "ties: --url %q is not a web address; give the address the site will have, such as https://example.org/ties/\n", m.publicURL)
			return 2
		}
		opts = append(opts, WithPublicURL(m.publicURL))
	case m.base != "":
		opts = append(opts, WithBase(m.base))
	}
	s := NewServer(t, opts...)
	if m.publicURL == "" {
		s.relative = true
		fmt.Fprintln(m.Stderr, "ties: no --url given, so oEmbed answers name the embeds by path alone; give the site's address with --url for oEmbed to work from other sites")
	}
	if err := checkOut(m.out); err != nil {
		fmt.Fprintf(m.Stderr, "ties: %v\n", err)
		return 1
	}
	tmp, err := os.MkdirTemp(filepath.Dir(filepath.Clean(m.out)), "."+filepath.Base(m.out)+".tmp-")
	if err != nil {
		fmt.Fprintf(m.Stderr, "ties: %v\n", err)
		return 1
	}
	defer os.RemoveAll(tmp)

	paths := s.sitePaths()
	start, size := time.Now(), 0
	progress := isTerminal(m.Stderr)
	for i, p := range paths {
		n, err := s.writePage(tmp, p)
		if err != nil {
			fmt.Fprintf(m.Stderr, "\nties: %v\n", err)
			return 1
		}
		size += n
		if progress && (i%25 == 0 || i == len(paths)-1) {
			fmt.Fprintf(m.Stderr, "\rties: writing the site: %d of %d files", i+1, len(paths))
		}
	}
	if progress {
		fmt.Fprintln(m.Stderr)
	}
	if err := os.WriteFile(filepath.Join(tmp, buildMarker), []byte("made by ties build\n"), 0o644); err != nil {
		fmt.Fprintf(m.Stderr, "\nties: %v\n", err)
		return 1
	}
	// Swap the new copy in whole, so that a failed build leaves the old one.
	if err := os.RemoveAll(m.out); err != nil {
		fmt.Fprintf(m.Stderr, "\nties: %v\n", err)
		return 1
	}
	if err := os.Rename(tmp, m.out); err != nil {
		fmt.Fprintf(m.Stderr, "\nties: %v\n", err)
		return 1
	}
	fmt.Fprintf(m.Stdout, "ties: wrote %d files (%.1f MB) for %q under %s to %s in %s\n",
		len(paths)+1, float64(size)/1e6, t.Title, s.base, m.out, time.Since(start).Round(time.Millisecond))
	return 0
}

// checkOut refuses to replace a folder that holds anything but an earlier
// build.
func checkOut(out string) error {
	entries, err := os.ReadDir(out)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("cannot use %s: %v", out, err)
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(out, buildMarker)); err != nil {
		return fmt.Errorf("%s is not empty and was not made by ties build; name a new or empty folder with --out", out)
	}
	return nil
}

// sitePaths lists every address of the site, as the router sees them, with
// "404" for the page of addresses that are not there.
func (s *Server) sitePaths() []string {
	t := s.timeline
	paths := []string{"/", "/events", "/print", "/present", "/api/events.json"}
	for _, kind := range []string{"chronology", "player", "per-year", "actors"} {
		paths = append(paths, "/embed/"+kind, "/oembed/"+kind+".json")
	}
	for _, src := range t.Sources {
		paths = append(paths, "/sources/"+src.ID)
	}
	for _, e := range t.Events {
		paths = append(paths, "/events/"+e.ID, "/present/"+e.ID, "/embed/events/"+e.ID, "/oembed/events/"+e.ID+".json")
	}
	_ = fs.WalkDir(assets.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !strings.HasSuffix(p, ".go") {
			paths = append(paths, "/assets/"+p)
		}
		return nil
	})
	return append(paths, "404")
}

// writePage asks the server for the page at p and writes it where a static
// host serves that address from: "/events" to events/index.html,
// "/api/events.json" to api/events.json.
func (s *Server) writePage(dir, p string) (int, error) {
	target, want, file := p, http.StatusOK, strings.TrimPrefix(p, "/")
	switch {
	case p == "404":
		target, want, file = "/404", http.StatusNotFound, "404.html"
	case path.Ext(p) == "":
		file = path.Join(file, "index.html")
	}
	req := httptest.NewRequest("GET", s.base+strings.TrimPrefix(target, "/"), nil)
	if s.public != "" {
		u, _ := url.Parse(s.public)
		req.Host = u.Host
	}
	w := httptest.NewRecorder()
	s.ServeHTTP(w, req)
	if w.Code != want {
		return 0, fmt.Errorf("%s answered %d, not %d: %s", p, w.Code, want, bytes.TrimSpace(w.Body.Bytes()))
	}
	out := filepath.Join(dir, filepath.FromSlash(file))
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return 0, err
	}
	return w.Body.Len(), os.WriteFile(out, w.Body.Bytes(), 0o644)
}

// isTerminal reports whether w is a terminal, where progress can be redrawn.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// reportLoad prints why a timeline did not load, and returns the status.
func (m *Main) reportLoad(err error) int {
	var problems timeline.Problems
	if errors.As(err, &problems) {
		for _, p := range problems {
			fmt.Fprintln(m.Stderr, p)
		}
		fmt.Fprintf(m.Stderr, "%s; fix them, then run ties again.\n", plural(len(problems), "problem"))
	} else {
		fmt.Fprintf(m.Stderr, "ties: %v\n", err)
	}
	return 1
}
