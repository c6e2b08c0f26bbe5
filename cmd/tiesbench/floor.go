package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"regexp"
	"time"
)

// The floor pages show what a new tab costs on this machine before ties does
// anything of its own, so that the time to first chart can be read against
// it: /blank marks its first animation frame, and /echarts draws two bars
// with ties' own ECharts file, no component but the axes, no animation. That
// file is passed through from the ties server as it sends it, headers and
// all, under the floor pages' own origin, so the browser caches it for them
// as it does for ties' pages; their own files are cached the way ties' are
// (pages revalidate, scripts are immutable). Their scripts make the mark that
// timeToFirstChart waits for.
type floorFile struct {
	contentType string
	body        string
	immutable   bool // a script, kept as ties' scripts are
}

// immutable is the Cache-Control that ties sends with its scripts.
const immutable = "public, max-age=31536000, immutable"

var floorFiles = map[string]floorFile{
	"/blank": {"text/html; charset=utf-8", `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>blank</title>
<script src="/blank.js" defer></script></head>
<body><div style="width:1100px;height:400px"></div></body></html>`, false},
	"/blank.js": {"text/javascript", `requestAnimationFrame(function () {
  performance.mark('ties-chart-ready:chronology');
});`, true},
	"/echarts": {"text/html; charset=utf-8", `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>ECharts</title>
<script src="/echarts.min.js" defer></script>
<script src="/echarts.js" defer></script></head>
<body><div id="chart" style="width:1100px;height:400px"></div></body></html>`, false},
	"/echarts.js": {"text/javascript", `var chart = echarts.init(document.getElementById('chart'), null, { renderer: 'canvas' });
chart.on('finished', function () {
  if (!window.drawn) {
    window.drawn = true;
    performance.mark('ties-chart-ready:chronology');
  }
});
chart.setOption({
  animation: false,
  xAxis: { type: 'category', data: ['a', 'b'] },
  yAxis: { type: 'value' },
  series: [{ type: 'bar', data: [2, 4] }]
});`, true},
}

// echartsSrc finds the address of the ECharts file in a ties page: the
// script it loads when the reader needs ECharts (data-echarts), or, on a
// page the browser draws at once, its script.
var echartsSrc = regexp.MustCompile(`(?:<script src|data-echarts)="([^"]*/echarts[^"]*\.js)"`)

// startFloor serves the floor pages on a free loopback port, with the ECharts
// file of the ties server at tiesBase; it returns their base address and a
// func that stops them.
func startFloor(ctx context.Context, tiesBase string) (string, func(), error) {
	req, err := http.NewRequestWithContext(ctx, "GET", tiesBase+"/", nil)
	if err != nil {
		return "", nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", nil, fmt.Errorf("reading / for the ECharts file: %w", err)
	}
	page, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return "", nil, fmt.Errorf("reading / for the ECharts file: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		return "", nil, fmt.Errorf("reading / for the ECharts file: %s", resp.Status)
	}
	m := echartsSrc.FindSubmatch(page)
	if m == nil {
		return "", nil, errors.New("/ loads no ECharts file: the floor pages need its address")
	}
	echarts, err := url.Parse(tiesBase + string(m[1]))
	if err != nil {
		return "", nil, fmt.Errorf("the ECharts file's address: %w", err)
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, fmt.Errorf("serving the floor pages: %w", err)
	}
	srv := &http.Server{Handler: floorHandler(echarts), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	stop := func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
	}
	return "http://" + ln.Addr().String(), stop, nil
}

// floorHandler serves floorFiles, and /echarts.min.js from echarts.
func floorHandler(echarts *url.URL) http.Handler {
	proxy := &httputil.ReverseProxy{Rewrite: func(r *httputil.ProxyRequest) {
		r.Out.URL = echarts
		r.Out.Host = echarts.Host
	}}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/echarts.min.js" {
			proxy.ServeHTTP(w, r)
			return
		}
		f, ok := floorFiles[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		body := []byte(f.body)
		sum := sha256.Sum256(body)
		w.Header().Set("Content-Type", f.contentType)
		w.Header().Set("ETag", `"`+hex.EncodeToString(sum[:8])+`"`)
		if f.immutable {
			w.Header().Set("Cache-Control", immutable)
		} else {
			w.Header().Set("Cache-Control", "no-cache")
		}
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
	})
}
