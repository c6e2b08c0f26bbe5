package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// loadResult counts the requests of a throughput run.
type loadResult struct {
	requests, errors, bytes int64
}

// describe gives the rates of a run that lasted d, and its errors.
func (r loadResult) describe(d time.Duration) string {
	s := fmt.Sprintf("%.0f req/s, %.0f MB/s", float64(r.requests)/d.Seconds(), float64(r.bytes)/d.Seconds()/1e6)
	if r.errors > 0 {
		s += fmt.Sprintf(", %d errors", r.errors)
	}
	return s
}

// throughput checks that every path answers 200 once, warms the server up
// for a second, and then loads it for c.duration.
func throughput(name, base string, paths []string, c config) loadResult {
	progress("throughput of %s: %d addresses, %d connections, %s", name, len(paths), c.conns, c.duration)
	client := loadClient(1)
	bad := 0
	for _, p := range paths {
		if _, status, err := fetch(client, base+p); err != nil || status != http.StatusOK {
			if bad++; bad <= 5 {
				progress("  %s%s: status %d, %v", base, p, status, err)
			}
		}
	}
	if bad > 0 {
		progress("  %d of %d addresses did not answer 200", bad, len(paths))
	}
	load(base, paths, c.conns, time.Second)
	return load(base, paths, c.conns, c.duration)
}

// loadClient keeps conns connections alive, follows no redirect, and leaves
// the bodies compressed as they came.
func loadClient(conns int) *http.Client {
	return &http.Client{
		Transport: &http.Transport{MaxIdleConns: conns, MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns, DisableCompression: true},
		Timeout:   30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
}

// fetch sends a GET that accepts brotli and gzip, reads the body, and
// returns its size and the status.
func fetch(client *http.Client, address string) (int64, int, error) {
	req, err := http.NewRequest(http.MethodGet, address, nil)
	if err != nil {
		return 0, 0, err
	}
	req.Header.Set("Accept-Encoding", "br, gzip")
	resp, err := client.Do(req)
	if err != nil {
		return 0, 0, err
	}
	defer resp.Body.Close()
	n, err := io.Copy(io.Discard, resp.Body)
	return n, resp.StatusCode, err
}

// load sends GETs for paths in turn from conns connections for d; an answer
// other than 2xx or 3xx is an error.
func load(base string, paths []string, conns int, d time.Duration) loadResult {
	client := loadClient(conns)
	defer client.CloseIdleConnections()
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	var requests, errs, bytes, next atomic.Int64
	var wg sync.WaitGroup
	for range conns {
		wg.Go(func() {
			for ctx.Err() == nil {
				p := paths[int(next.Add(1))%len(paths)]
				n, status, err := fetch(client, base+p)
				if ctx.Err() != nil {
					return // the run ended during this request
				}
				requests.Add(1)
				bytes.Add(n)
				if err != nil || status < 200 || status >= 400 {
					errs.Add(1)
				}
			}
		})
	}
	wg.Wait()
	return loadResult{requests: requests.Load(), errors: errs.Load(), bytes: bytes.Load()}
}

// serveFiles serves dir with http.FileServer at addr until interrupted.
func serveFiles(dir, addr string) error {
	if addr == "" {
		return errors.New("give the address with -addr")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	srv := &http.Server{Addr: addr, Handler: http.FileServer(http.Dir(dir))}
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shut)
	}()
	if err := srv.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
