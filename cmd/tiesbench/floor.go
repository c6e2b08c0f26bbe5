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
	"regexp"
	"time"
)

// The floor pages show what a new tab costs on this machine before ties does
// anything of its own, so that the time to first chart can be read against
// it: /blank marks its first frame, and /echarts loads ties' own ECharts file
// from the ties server and draws two points with it, no component but the
// axes, no animation. They are served from another port of the same host,
// which browsers count as the same site, so the browser's caches hold the
// ECharts file for them as they do for ties' pages; their own files are
// cached the way ties' are (pages revalidate, scripts are immutable). Their
// scripts make the mark that timeToFirstChart waits for.
var floorFiles = map[string]struct{ kind, body string }{
	"/blank": {"text/html; charset=utf-8", `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>blank</title>
<script src="/blank.js" defer></script></head>
<body><div style="width:1100px;height:400px"></div></body></html>`},
	"/blank.js": {"text/javascript", `requestAnimationFrame(function () {
  performance.mark('ties-chart-ready:chronology');
});`},
	"/echarts": {"text/html; charset=utf-8", `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>ECharts</title>
<script src="{{echarts}}" defer></script>
<script src="/echarts.js" defer></script></head>
<body><div id="chart" style="width:1100px;height:400px"></div></body></html>`},
	"/echarts.js": {"text/javascript", `var chart = echarts.init(document.getElementById('chart'), null, { renderer: 'canvas' });
chart.on('finished', function () {
  if (!window.drawn) {
    window.drawn = true;
    performance.mark('ties-chart-ready:chronology');
  }
});
chart.setOption({
  animation: false,
  xAxis: { type: 'value' },
  yAxis: { type: 'value' },
  series: [{ type: 'scatter', data: [[1, 2], [3, 4]] }]
});`},
}

// echartsSrc finds the address of the ECharts file in a ties page.
var echartsSrc = regexp.MustCompile(`<script src="([^"]*/echarts[^"]*\.js)"`)

// startFloor serves the floor pages on a free loopback port, with the ECharts
// file of the ties server at tiesBase; it returns their base address and a
// func that stops them.
func startFloor(tiesBase string) (string, func(), error) {
	resp, err := http.Get(tiesBase + "/")
	if err != nil {
		return "", nil, fmt.Errorf("reading / for the ECharts file: %w", err)
	}
	page, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return "", nil, fmt.Errorf("reading / for the ECharts file: %w", err)
	}
	m := echartsSrc.FindSubmatch(page)
	if m == nil {
		return "", nil, errors.New("/ loads no ECharts file: the floor pages need its address")
	}
	echarts := tiesBase + string(m[1])

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

// floorHandler serves floorFiles, with echarts as the ECharts file's address.
func floorHandler(echarts string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f, ok := floorFiles[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		body := bytes.ReplaceAll([]byte(f.body), []byte("{{echarts}}"), []byte(echarts))
		sum := sha256.Sum256(body)
		w.Header().Set("Content-Type", f.kind)
		w.Header().Set("ETag", `"`+hex.EncodeToString(sum[:8])+`"`)
		if f.kind == "text/javascript" {
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		} else {
			w.Header().Set("Cache-Control", "no-cache")
		}
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
	})
}
