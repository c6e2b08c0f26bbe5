package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"math"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"

	"ties/timeline/charts"
)

// process is a child that tiesbench started, and stops before it exits.
type process struct {
	cmd     *exec.Cmd
	done    chan struct{} // closed once the child has exited
	base    string        // where a server answers, such as "http://127.0.0.1:4321"
	ready   time.Duration // from the start until "/" first answered 200
	started time.Time
}

// startServer starts bin with args and --addr on a free loopback port, and
// waits up to limit until "/" answers 200.
func startServer(ctx context.Context, limit time.Duration, bin string, args ...string) (*process, error) {
	addr, err := freeAddr()
	if err != nil {
		return nil, fmt.Errorf("finding a free port: %w", err)
	}
	cmd := exec.Command(bin, append(args, "--addr", addr)...)
	cmd.Stderr = os.Stderr // stdout stays out of the table
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s: %w", bin, err)
	}
	p := &process{cmd: cmd, done: make(chan struct{}), base: "http://" + addr, started: start}
	go func() { _ = cmd.Wait(); close(p.done) }()
	if err := p.waitUp(ctx, limit); err != nil {
		p.stop()
		return nil, fmt.Errorf("%s %s: %w", filepath.Base(bin), strings.Join(args, " "), err)
	}
	p.ready = time.Since(start)
	return p, nil
}

func (p *process) pid() int { return p.cmd.Process.Pid }

// waitUp asks for "/" until it answers 200, the child exits, or limit passes.
func (p *process) waitUp(ctx context.Context, limit time.Duration) error {
	client := &http.Client{Timeout: limit}
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		select {
		case <-p.done:
			return fmt.Errorf("exited before it answered: %v", p.cmd.ProcessState)
		case <-ctx.Done():
			return ctx.Err()
		default:
		}
		if resp, err := client.Get(p.base + "/"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(5 * time.Millisecond)
	}
	return fmt.Errorf("/ did not answer 200 within %s", limit)
}

// stop interrupts the child, and kills it if it has not exited in 10 s.
func (p *process) stop() {
	_ = p.cmd.Process.Signal(os.Interrupt)
	select {
	case <-p.done:
	case <-time.After(10 * time.Second):
		_ = p.cmd.Process.Kill()
		<-p.done
	}
}

func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// runTimed runs bin with args to the end, and returns its wall time.
func runTimed(ctx context.Context, bin string, args ...string) (time.Duration, error) {
	cmd := exec.CommandContext(ctx, bin, args...)
	start := time.Now()
	out, err := cmd.CombinedOutput()
	d := time.Since(start)
	if err != nil {
		return d, fmt.Errorf("%s %s: %w\n%s", filepath.Base(bin), strings.Join(args, " "), err, strings.TrimSpace(string(out)))
	}
	return d, nil
}

// buildSite runs ties build, with --data unless data is "", and stops it
// once it has taken more than half the free disk space, or 10 GB: an export
// whose pages each hold the whole timeline grows with the square of the
// events.
func buildSite(ctx context.Context, bin, data, out string) (time.Duration, error) {
	args := []string{"build", "--out", out}
	if data != "" {
		args = append(args, "--data", data)
	}
	free, err := freeBytes(filepath.Dir(out))
	if err != nil {
		return 0, err
	}
	allowed := min(free/2, 10e9)
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	go func() {
		tick := time.NewTicker(500 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
			// Space freed meanwhile by another program is no write of ties'.
			if now, err := freeBytes(filepath.Dir(out)); err == nil && now < free && free-now > allowed {
				cancel(fmt.Errorf("stopped ties build after it had written about %.1f GB, the most tiesbench allows", float64(free-now)/1e9))
				return
			}
		}
	}()
	d, err := runTimed(ctx, bin, args...)
	if cause := context.Cause(ctx); err != nil && cause != nil {
		return d, cause
	}
	return d, err
}

// freeBytes is the disk space free to this user where dir is.
func freeBytes(dir string) (uint64, error) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return 0, fmt.Errorf("reading the free space of %s: %w", dir, err)
	}
	return st.Bavail * uint64(st.Bsize), nil
}

// memory reads a figure such as VmRSS or VmHWM of a process, in MB (1 MB =
// 1e6 bytes), from /proc; NaN where there is no /proc.
func memory(pid int, field string) float64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		progress("  reading the memory of %d: %v", pid, err)
		return math.NaN()
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		var kib float64
		if f := strings.Fields(line); len(f) >= 2 && f[0] == field+":" {
			if _, err := fmt.Sscan(f[1], &kib); err == nil {
				return kib * 1024 / 1e6
			}
		}
	}
	return math.NaN()
}

// pageKind is a kind of page, and the address of one page of that kind.
type pageKind struct{ name, path string }

// pageKinds lists a page of every kind, with ids from the server's JSON, and
// the number of events.
func pageKinds(base string) ([]pageKind, int, error) {
	resp, err := http.Get(base + "/api/events.json")
	if err != nil {
		return nil, 0, fmt.Errorf("reading the events: %w", err)
	}
	defer resp.Body.Close()
	var t struct {
		Sources []struct{ Page string }
		Events  []struct{ ID, Page string }
	}
	if err := json.NewDecoder(resp.Body).Decode(&t); err != nil {
		return nil, 0, fmt.Errorf("reading %s/api/events.json: %w", base, err)
	}
	if len(t.Events) == 0 || len(t.Sources) == 0 {
		return nil, 0, fmt.Errorf("%s/api/events.json has no events or no sources", base)
	}
	e := t.Events[len(t.Events)/2]
	return []pageKind{
		{"home", "/"},
		{"event", e.Page},
		{"article", t.Sources[0].Page},
		{"table", "/events"},
		{"slide show", "/present"},
		{"handout", "/print"},
		{"embedded chart", "/embed/chronology"},
		{"embedded event", "/embed/events/" + url.PathEscape(e.ID)},
	}, len(t.Events), nil
}

// htmlSize is the size of a page's body as the server sends it to a client
// that accepts brotli, once the server has answered for it before: ties
// sends a page uncompressed the first time, and compresses it for later.
func htmlSize(address string) (int64, error) {
	first, err := bodySize(address)
	if err != nil {
		return 0, err
	}
	n, err := bodySize(address)
	if err == nil && first != n {
		progress("  %s: %.1f kB the first time, %.1f kB the second", address, float64(first)/1000, float64(n)/1000)
	}
	return n, err
}

// bodySize is the size of a page's body as the server sends it to a client
// that accepts brotli.
func bodySize(address string) (int64, error) {
	req, err := http.NewRequest(http.MethodGet, address, nil)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Accept-Encoding", "br")
	resp, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
	if err != nil {
		return 0, fmt.Errorf("getting %s: %w", address, err)
	}
	defer resp.Body.Close()
	n, err := io.Copy(io.Discard, resp.Body)
	if err == nil && resp.StatusCode != http.StatusOK {
		err = fmt.Errorf("%s", resp.Status)
	}
	if err != nil {
		return 0, fmt.Errorf("getting %s: %w", address, err)
	}
	return n, nil
}

// exportPaths lists the files of a static export as addresses, for ties
// and for a file server, which wants a slash after a folder.
func exportPaths(dir string) (ties, files []string, err error) {
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		hiddenFile := strings.HasPrefix(d.Name(), ".") && rel != "."
		switch {
		case hiddenFile && d.IsDir():
			return filepath.SkipDir
		case hiddenFile || d.IsDir() || rel == "404.html": // not pages of the site
			return nil
		case rel == "index.html":
			ties, files = append(ties, "/"), append(files, "/")
		case strings.HasSuffix(rel, "/index.html"):
			folder := (&url.URL{Path: "/" + strings.TrimSuffix(rel, "/index.html")}).EscapedPath()
			ties, files = append(ties, folder), append(files, folder+"/")
		default:
			file := (&url.URL{Path: "/" + rel}).EscapedPath()
			ties, files = append(ties, file), append(files, file)
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("listing the export in %s: %w", dir, err)
	}
	return ties, files, nil
}

// folderSize counts the files under dir and their bytes.
func folderSize(dir string) (files int, bytes int64, err error) {
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		files++
		bytes += info.Size()
		return nil
	})
	if err != nil {
		return 0, 0, fmt.Errorf("measuring %s: %w", dir, err)
	}
	return files, bytes, nil
}

// loadAverage is the machine's load over the last 1, 5 and 15 minutes: the
// figures mean little on a busy machine.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(b)); err == nil && len(f) >= 3 {
		return fmt.Sprintf("%s %s %s (%d CPUs)", f[0], f[1], f[2], runtime.NumCPU())
	}
	return "unknown"
}

// progress tells the person waiting what tiesbench is doing.
func progress(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "tiesbench: "+format+"\n", args...)
}

// waitDrawn asks for "/" until its HTML carries every chart as the server
// drew it, and returns the seconds since the server started; it then waits
// for the slide show's title page to carry its strip too, which the server
// draws after the home page's charts.
func waitDrawn(ctx context.Context, p *process) (float64, error) {
	var drawn float64
	for _, path := range []string{"/", "/present"} {
		if err := waitDrawnPage(ctx, p, path, allDrawn); err != nil {
			return 0, err
		}
		if path == "/" {
			drawn = time.Since(p.started).Seconds()
		}
	}
	return drawn, nil
}

// waitDrawnAt waits, on a synthetic timeline of n events, until "/" and
// "/print" carry what the server draws of them, and returns the seconds
// since the server started: every chart, or from charts.OverviewFrom
// events on the chronology's overview alone, which is all the server draws
// of so large a timeline.
func waitDrawnAt(ctx context.Context, p *process, n int) (float64, error) {
	done := allDrawn
	if n > charts.OverviewFrom {
		done = chronologyDrawn
	}
	for _, path := range []string{"/", "/print"} {
		if err := waitDrawnPage(ctx, p, path, done); err != nil {
			return 0, err
		}
	}
	return time.Since(p.started).Seconds(), nil
}

// allDrawn says whether a page's HTML carries every chart as the server drew
// it; chronologyDrawn, whether it carries the chronology so. A drawn
// chart's element names its marks.
func allDrawn(body []byte) bool {
	tags := chartTags(body)
	for _, tag := range tags {
		if !bytes.Contains(tag, []byte(`data-marks=`)) {
			return false
		}
	}
	return len(tags) > 0
}

func chronologyDrawn(body []byte) bool {
	for _, tag := range chartTags(body) {
		if bytes.Contains(tag, []byte(`data-chart="chronology"`)) {
			return bytes.Contains(tag, []byte(`data-marks=`))
		}
	}
	return false
}

// chartTags are the opening tags of a page's charts, from their "<".
func chartTags(body []byte) [][]byte {
	var tags [][]byte
	for rest := body; ; {
		i := bytes.Index(rest, []byte(`data-chart=`))
		if i < 0 {
			return tags
		}
		start := bytes.LastIndexByte(rest[:i], '<')
		end := bytes.IndexByte(rest[i:], '>')
		if start < 0 || end < 0 {
			return tags
		}
		tags = append(tags, rest[start:i+end])
		rest = rest[i+end:]
	}
}

// waitDrawnPage asks for path until its HTML is drawn as done says.
func waitDrawnPage(ctx context.Context, p *process, path string, done func([]byte) bool) error {
	client := &http.Client{Timeout: 10 * time.Second}
	for deadline := time.Now().Add(2 * time.Minute); time.Now().Before(deadline); {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, p.base+path, nil)
		if err != nil {
			return err
		}
		resp, err := client.Do(req)
		if err == nil {
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if done(body) {
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
	return fmt.Errorf("%s did not come drawn by the server within 2 minutes", path)
}
