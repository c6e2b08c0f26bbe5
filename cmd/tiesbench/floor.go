package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// The floor pages show what a new tab costs on this machine before ties does
// anything of its own, so that the time to first chart can be read against
// it: /blank marks its first animation frame, and /echarts draws two bars
// with ties' own ECharts file, no component but the axes, no animation.
// /drawn holds what the first chart on / needs and nothing else: ties'
// stylesheet and the chronology as the server drew it for /, in a box that
// carries data-ready, as ties' does, so drawnMarkJS marks it as it marks
// ties' own: the cost of showing that drawing at all. ties' files are passed
// through from the ties server as it sends them, headers and all, under the
// floor pages' own origin, so the browser caches them for the floor pages
// as it does for ties' pages; the floor pages' own files are cached the way
// ties' are (pages revalidate, scripts are immutable). Their scripts make
// the mark that timeToFirstChart waits for.
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

// styleHref finds the address of the stylesheet in a ties page.
var styleHref = regexp.MustCompile(`<link rel="stylesheet" href="([^"]+\.css)"`)

// chronologyDrawing finds, in a ties page, the chronology's first drawing
// by the server: the SVG at the start of its box.
var chronologyDrawing = regexp.MustCompile(`(?s)data-chart="chronology"[^>]*>\s*(<svg\b.*?</svg>)`)

// drawnPage is the /drawn floor page, holding svg in a box as / holds it:
// in the chronology's card, which the style sheet sizes as on /, with an
// element after the box, as on /, for drawnMarkJS to see it whole.
func drawnPage(svg []byte) floorFile {
	return floorFile{"text/html; charset=utf-8", `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>drawn</title>
<link rel="stylesheet" href="/style.css"></head>
<body><main id="main"><div class="charts"><section class="chart-card chart-chronology">` +
		`<div class="chart" data-chart="chronology" data-ready>` + string(svg) + `</div><p>drawn</p></section></div></main></body></html>`, false}
}

// startFloor serves the floor pages on a free loopback port, with the
// ECharts file, the stylesheet and the chronology's drawing of the ties
// server at tiesBase; it returns their base address and a func that stops
// them.
func startFloor(ctx context.Context, tiesBase string) (string, func(), error) {
	page, err := fetchFile(ctx, tiesBase+"/")
	if err != nil {
		return "", nil, err
	}
	echarts, err := addressIn(page, echartsSrc, tiesBase, "loads no ECharts file: the floor pages need its address")
	if err != nil {
		return "", nil, err
	}
	style, err := addressIn(page, styleHref, tiesBase, "links no stylesheet: the /drawn floor page needs its address")
	if err != nil {
		return "", nil, err
	}
	m := chronologyDrawing.FindSubmatch(page)
	if m == nil {
		return "", nil, errors.New("/ holds no chronology drawn by the server, or its box no longer matches chronologyDrawing in cmd/tiesbench/floor.go (views/home.templ makes it): the /drawn floor page needs the drawing")
	}
	files := maps.Clone(floorFiles)
	files["/drawn"] = drawnPage(m[1])
	// The files passed through must be there: the floor pages would be
	// timed without them.
	for _, u := range []*url.URL{echarts, style} {
		if _, err := fetchFile(ctx, u.String()); err != nil {
			return "", nil, err
		}
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, fmt.Errorf("serving the floor pages: %w", err)
	}
	srv := &http.Server{Handler: floorHandler(files, map[string]*url.URL{"/echarts.min.js": echarts, "/style.css": style}), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	stop := func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
	}
	return "http://" + ln.Addr().String(), stop, nil
}

// fetchFile reads address from the ties server for the floor pages, and
// says why it could not, or why the server did not answer 200.
func fetchFile(ctx context.Context, address string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, "GET", address, nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("reading %s for the floor pages: %w", address, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("reading %s for the floor pages: %w", address, err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("reading %s for the floor pages: %s", address, resp.Status)
	}
	return body, nil
}

// addressIn is the address in the ties server at tiesBase of the file that
// re's first group finds in page, or an error that says "/ " and missing.
func addressIn(page []byte, re *regexp.Regexp, tiesBase, missing string) (*url.URL, error) {
	m := re.FindSubmatch(page)
	if m == nil {
		return nil, errors.New("/ " + missing)
	}
	u, err := url.Parse(tiesBase + string(m[1]))
	if err != nil {
		return nil, fmt.Errorf("the address %s in /: %w", m[1], err)
	}
	return u, nil
}

// floorHandler serves files, and passes each path of ties through from
// its address in ties.
func floorHandler(files map[string]floorFile, ties map[string]*url.URL) http.Handler {
	proxy := &httputil.ReverseProxy{Rewrite: func(r *httputil.ProxyRequest) {
		to := *ties[r.In.URL.Path]
		r.Out.URL = &to
		r.Out.Host = to.Host
	}}
	etags := map[string]string{}
	for p, f := range files {
		sum := sha256.Sum256([]byte(f.body))
		etags[p] = `"` + hex.EncodeToString(sum[:8]) + `"`
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, ok := ties[r.URL.Path]; ok {
			proxy.ServeHTTP(w, r)
			return
		}
		f, ok := files[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", f.contentType)
		w.Header().Set("ETag", etags[r.URL.Path])
		if f.immutable {
			w.Header().Set("Cache-Control", immutable)
		} else {
			w.Header().Set("Cache-Control", "no-cache")
		}
		http.ServeContent(w, r, "", time.Time{}, strings.NewReader(f.body))
	})
}
