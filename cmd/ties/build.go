package main

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"ties/timeline"
	"ties/timeline/charts"

	"golang.org/x/sync/errgroup"
)

// buildMarker names the file in which a build lists the files it wrote, so
// that the next build replaces those and keeps any others (a CNAME, .git).
const buildMarker = ".ties-build"

// basePattern is the form --base takes: "/", or path segments each ending in "/".
var basePattern = regexp.MustCompile(`^/([A-Za-z0-9._~-]+/)*$`)

// build writes the whole site as files into m.out: every page, the JSON,
// the oEmbed documents and the assets, each the bytes the server sends.
func (m *Main) build() int {
	fail := func(code int, format string, args ...any) int {
		fmt.Fprintf(m.Stderr, "ties: "+format+"\n", args...)
		return code
	}
	opts, err := m.siteOptions()
	if err != nil {
		return fail(2, "%v", err)
	}
	out, err := safeOut(m.out, m.dataDir)
	if err != nil {
		return fail(1, "%v", err)
	}
	old, err := checkOut(out)
	if err != nil {
		return fail(1, "%v", err)
	}
	t, err := loadTimeline(m.dataDir)
	if err != nil {
		return m.reportLoad(err)
	}
	// A static host sends every reader the same page: the export is drawn
	// in the default look, which look.js changes in the browser.
	s := NewServer(t, append(opts, withDefaultLook())...)
	s.once = true // each page is written once, with its charts drawn: keeping it would only cost time
	if m.publicURL == "" {
		s.relative = true
		fmt.Fprintln(m.Stderr, "ties: no --url given, so oEmbed answers name the embeds by path alone; give the site's address with --url for oEmbed to work from other sites")
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return fail(1, "%v", err)
	}
	tmp, err := os.MkdirTemp(filepath.Dir(out), "."+filepath.Base(out)+".tmp-")
	if err != nil {
		return fail(1, "%v", err)
	}
	defer os.RemoveAll(tmp)

	// The pages with charts drawn by the server, and the pictures, go last,
	// so that the others are written while the charts are drawn, from the
	// start.
	paths := s.sitePaths()
	slices.SortStableFunc(paths, func(a, b string) int { return cmp.Compare(s.waitsForDrawing(a), s.waitsForDrawing(b)) })
	for _, kind := range charts.Kinds {
		s.chartPicture(kind, "default")
	}
	start := time.Now()
	var report func(done int)
	if isTerminal(m.Stderr) {
		report = func(done int) {
			if done%25 == 0 || done == len(paths) {
				fmt.Fprintf(m.Stderr, "\rties: writing the site: %d of %d files", done, len(paths))
			}
		}
	}
	files, size, err := s.writePages(tmp, paths, report)
	if report != nil {
		fmt.Fprintln(m.Stderr)
	}
	if err != nil {
		return fail(1, "%v", err)
	}
	manifest := "# Written by ties build, which replaces these files when it runs again; it keeps any others.\n" + strings.Join(files, "\n") + "\n"
	if err := os.WriteFile(filepath.Join(tmp, buildMarker), []byte(manifest), 0o644); err != nil {
		return fail(1, "%v", err)
	}
	if err := install(tmp, out, old); err != nil {
		return fail(1, "%v", err)
	}
	fmt.Fprintf(m.Stdout, "ties: wrote %d files (%.1f MB) for %q under %s to %s in %s\n",
		len(files), float64(size)/1e6, t.Title, s.base, m.out, time.Since(start).Round(time.Millisecond))
	return 0
}

// validBase reports whether p, with its slashes made whole, is a path of
// plain segments, such as "/ties/".
func validBase(p string) bool {
	base := siteBase(p)
	return basePattern.MatchString(base) && !strings.Contains(base, "/../") && !strings.Contains(base, "/./")
}

// safeOut returns the folder to write into as an absolute path, refusing the
// current folder, a folder above it, and the timeline's own folder.
func safeOut(out, data string) (string, error) {
	abs, err := filepath.Abs(out)
	if err != nil {
		return "", err
	}
	within := func(dir string) bool {
		d, err := filepath.Abs(dir)
		return err == nil && (d == abs || strings.HasPrefix(d, abs+string(filepath.Separator)))
	}
	if within(".") {
		return "", fmt.Errorf("--out %s holds the current folder; name a folder of its own, such as --out site", out)
	}
	if data != "" && within(data) {
		return "", fmt.Errorf("--out %s holds the timeline in --data; name another folder", out)
	}
	return abs, nil
}

// checkOut refuses a folder that holds files but no earlier build, and
// returns the files an earlier build wrote there.
func checkOut(out string) ([]string, error) {
	entries, err := os.ReadDir(out)
	if errors.Is(err, fs.ErrNotExist) || err == nil && len(entries) == 0 {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("cannot use %s: %v", out, err)
	}
	b, err := os.ReadFile(filepath.Join(out, buildMarker))
	if err != nil {
		return nil, fmt.Errorf("%s is not empty and was not made by ties build; name a new or empty folder with --out", out)
	}
	var files []string
	for _, line := range strings.Split(string(b), "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") && fs.ValidPath(line) {
			files = append(files, line)
		}
	}
	return files, nil
}

// install puts a finished build in tmp at out: a new folder by renaming
// it, an earlier build by replacing the files that build wrote, keeping any
// others.
func install(tmp, out string, old []string) error {
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	if _, err := os.Stat(out); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(tmp, out)
	}
	for _, f := range old {
		if err := os.Remove(filepath.Join(out, filepath.FromSlash(f))); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	err := filepath.WalkDir(tmp, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(tmp, p)
		dst := filepath.Join(out, rel)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.Rename(p, dst)
	})
	if err != nil {
		return err
	}
	// Remove the folders the earlier build left empty, deepest first.
	for i := len(old) - 1; i >= 0; i-- {
		for dir := filepath.Dir(filepath.FromSlash(old[i])); dir != "."; dir = filepath.Dir(dir) {
			_ = os.Remove(filepath.Join(out, dir)) // fails, as it should, when not empty
		}
	}
	return nil
}

// sitePaths lists every address of the site, as the router sees them, with
// "404" for the page of addresses that are not there.
func (s *Server) sitePaths() []string {
	t := s.timeline
	var paths []string
	add := func(name string, pairs ...string) { paths = append(paths, s.routePath(name, pairs...)) }
	for _, name := range []string{"home", "events", "print", "present", "api-events", "sources"} {
		add(name)
	}
	for _, kind := range charts.Kinds {
		add("embed", "kind", kind)
		add("oembed-chart", "kind", kind)
		add("image", "kind", kind, "format", "svg")
		add("image", "kind", kind, "format", "png")
	}
	for part := 2; part <= printParts(len(t.Events)); part++ {
		add("print-part", "part", strconv.Itoa(part))
	}
	for _, name := range slices.Sorted(maps.Keys(s.data.files)) {
		add("data", "name", name)
	}
	for _, src := range t.Sources {
		add("source", "id", src.ID)
	}
	for _, e := range t.Events {
		add("event", "id", e.ID)
		add("slide", "id", e.ID)
		add("embed-event", "id", e.ID)
		add("oembed-event", "id", e.ID)
		if cardsFor(t) {
			add("event-image", "id", e.ID)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(siteAssets().files)) {
		add("asset", "path", name)
	}
	return append(paths, "404")
}

// writePages writes the pages at paths into dir, as many at once as there
// are processors, and returns their files' names, in the order of paths,
// and their size in all; it stops at the first failure. report, if not nil,
// hears how many are done.
func (s *Server) writePages(dir string, paths []string, report func(done int)) ([]string, int, error) {
	files, sizes := make([]string, len(paths)), make([]int, len(paths))
	g, ctx := errgroup.WithContext(context.Background())
	g.SetLimit(runtime.GOMAXPROCS(0))
	var mu sync.Mutex
	done := 0
	for i, p := range paths {
		if ctx.Err() != nil {
			break // a page failed
		}
		g.Go(func() error {
			file, n, err := s.writePage(dir, p)
			if err != nil {
				return err
			}
			files[i], sizes[i] = file, n
			if report != nil {
				mu.Lock()
				done++
				report(done)
				mu.Unlock()
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, 0, err
	}
	total := 0
	for _, n := range sizes {
		total += n
	}
	return files, total, nil
}

// writePage asks the server for the page at p and writes it where a static
// host serves that address from: "/events" to events/index.html,
// "/api/events.json" to api/events.json. It returns the file's name, with
// "/", and its size.
func (s *Server) writePage(dir, p string) (string, int, error) {
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
		return "", 0, fmt.Errorf("%s answered %d, not %d: %s", p, w.Code, want, bytes.TrimSpace(w.Body.Bytes()))
	}
	out := filepath.Join(dir, filepath.FromSlash(file))
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return "", 0, err
	}
	return file, w.Body.Len(), os.WriteFile(out, w.Body.Bytes(), 0o644)
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
