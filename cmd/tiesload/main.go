// Command tiesload measures a ties server on loopback: many connections at
// once over a mix of every kind of page, then slow clients that hold
// connections open while others are served. It starts the server itself, so
// that it can read the server's memory.
//
//	go build -o /tmp/ties ./cmd/ties && go run ./cmd/tiesload -ties /tmp/ties
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	bin := flag.String("ties", "", "the ties binary to start (required)")
	conns := flag.Int("c", 256, "connections at once")
	duration := flag.Duration("d", 30*time.Second, "how long to load the server")
	slow := flag.Int("slow", 200, "slow clients holding connections open")
	flag.Parse()
	if *bin == "" {
		fmt.Fprintln(os.Stderr, "tiesload: give the ties binary with -ties; build it with go build -o /tmp/ties ./cmd/ties")
		os.Exit(2)
	}
	if err := run(*bin, *conns, *duration, *slow); err != nil {
		fmt.Fprintf(os.Stderr, "tiesload: %v\n", err)
		os.Exit(1)
	}
}

func run(bin string, conns int, duration time.Duration, slow int) error {
	addr, err := freeAddr()
	if err != nil {
		return err
	}
	cmd := exec.Command(bin, "--addr", addr)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return err
	}
	defer func() { _ = cmd.Process.Signal(os.Interrupt); _ = cmd.Wait() }()
	base := "http://" + addr
	if err := waitUp(base); err != nil {
		return err
	}
	paths, err := pagePaths(base)
	if err != nil {
		return err
	}
	fmt.Printf("server: ties, pid %d, on %s; %d addresses of every kind\n", cmd.Process.Pid, addr, len(paths))

	load(base, paths, conns, 3*time.Second) // fill caches and pools first
	before := rss(cmd.Process.Pid)
	r := load(base, paths, conns, duration)
	after := rss(cmd.Process.Pid)
	fmt.Printf("load: %d connections for %s: %d requests, %d errors, %.0f requests/s, %.1f MB/s, p50 %s, p99 %s\n",
		conns, duration, r.requests, r.errors, float64(r.requests)/duration.Seconds(), float64(r.bytes)/duration.Seconds()/1e6,
		r.percentile(50), r.percentile(99))
	time.Sleep(2 * time.Second)
	settled := rss(cmd.Process.Pid)
	fmt.Printf("memory (resident): %.0f MB before, %.0f MB at the end, %.0f MB two seconds later\n", before, after, settled)

	quiet := load(base, []string{"/"}, 4, 5*time.Second)
	open, stop := slowClients(addr, slow)
	time.Sleep(time.Second)
	var least atomic.Int64
	least.Store(int64(slow))
	watch := time.NewTicker(100 * time.Millisecond)
	go func() {
		for range watch.C {
			if n := open.Load(); n < least.Load() {
				least.Store(n)
			}
		}
	}()
	held := load(base, []string{"/"}, 4, 10*time.Second)
	watch.Stop()
	stop()
	fmt.Printf("slow clients: %d held connections open all along (at least %d at any moment); meanwhile / took p50 %s, p99 %s (%s and %s without them), %d errors\n",
		slow, least.Load(), held.percentile(50), held.percentile(99), quiet.percentile(50), quiet.percentile(99), held.errors)
	if r.errors > 0 || held.errors > 0 {
		return fmt.Errorf("%d errors under load", r.errors+held.errors)
	}
	return nil
}

// result gathers a run's requests.
type result struct {
	requests, errors int64
	bytes            int64
	latencies        []time.Duration
}

func (r *result) percentile(p int) time.Duration {
	if len(r.latencies) == 0 {
		return 0
	}
	slices.Sort(r.latencies)
	i := min(len(r.latencies)-1, len(r.latencies)*p/100)
	return r.latencies[i].Round(10 * time.Microsecond)
}

// load sends GETs for paths in turn from conns connections for d.
func load(base string, paths []string, conns int, d time.Duration) *result {
	tr := &http.Transport{MaxIdleConns: conns, MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns, DisableCompression: true}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	var mu sync.Mutex
	total := &result{}
	var wg sync.WaitGroup
	var next atomic.Int64
	for range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			local := &result{}
			for ctx.Err() == nil {
				p := paths[int(next.Add(1))%len(paths)]
				start := time.Now()
				resp, err := client.Get(base + p)
				if err != nil {
					if ctx.Err() == nil {
						local.errors++
					}
					continue
				}
				n, err := io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if err != nil || resp.StatusCode != http.StatusOK {
					local.errors++
				}
				local.requests++
				local.bytes += n
				local.latencies = append(local.latencies, time.Since(start))
			}
			mu.Lock()
			total.requests += local.requests
			total.errors += local.errors
			total.bytes += local.bytes
			total.latencies = append(total.latencies, local.latencies...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	return total
}

// pagePaths lists addresses of every kind of page, from the server's JSON.
func pagePaths(base string) ([]string, error) {
	resp, err := http.Get(base + "/api/events.json")
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var t struct {
		Sources []struct{ Page string }
		Events  []struct{ ID, Page string }
	}
	if err := json.NewDecoder(resp.Body).Decode(&t); err != nil {
		return nil, err
	}
	paths := []string{"/", "/events", "/print", "/present", "/api/events.json", "/embed/chronology", "/embed/player",
		"/embed/per-year", "/embed/actors", "/oembed/chronology.json", "/assets/ties.js", "/assets/style.css",
		"/oembed?format=json&url=" + url.QueryEscape(base+"/")}
	for _, s := range t.Sources {
		paths = append(paths, s.Page)
	}
	for _, e := range t.Events {
		paths = append(paths, e.Page, "/present/"+e.ID, "/embed/events/"+e.ID)
	}
	return paths, nil
}

// slowClients keeps n connections open that send a request's headers a
// line a second and never finish; when the server drops one, it dials
// again. It returns the number open now, and a func that closes them.
func slowClients(addr string, n int) (*atomic.Int64, func()) {
	var open atomic.Int64
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				slowRequest(ctx, addr, &open)
			}
		}()
	}
	return &open, func() {
		cancel()
		wg.Wait()
	}
}

// slowRequest holds one slow connection until the server drops it or ctx ends.
func slowRequest(ctx context.Context, addr string, open *atomic.Int64) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		time.Sleep(100 * time.Millisecond)
		return
	}
	defer c.Close()
	open.Add(1)
	defer open.Add(-1)
	_, _ = io.WriteString(c, "GET / HTTP/1.1\r\nHost: "+addr+"\r\n")
	for i := 0; ctx.Err() == nil; i++ {
		if _, err := fmt.Fprintf(c, "X-Slow-%d: 1\r\n", i); err != nil {
			return // the server gave up on it, as it should
		}
		select {
		case <-ctx.Done():
		case <-time.After(time.Second):
		}
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

func waitUp(base string) error {
	for range 100 {
		if resp, err := http.Get(base + "/"); err == nil {
			resp.Body.Close()
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("the server did not start at %s", base)
}

// rss is a process's resident memory in MB, from /proc.
func rss(pid int) float64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			var kb float64
			fmt.Sscan(f[1], &kb)
			return kb / 1024
		}
	}
	return 0
}
