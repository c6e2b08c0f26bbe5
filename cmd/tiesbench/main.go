// Command tiesbench measures ties on loopback and prints one markdown table
// that the README can quote as it is: what each kind of page weighs on a first
// visit, how soon a returning visitor sees the chronology, how many requests
// ties serves next to a plain file server holding its static export, and how
// check, serve, the browser and build grow with the number of events. After
// the table, a line for each budget says whether it held; tiesbench exits
// with status 1 when one did not.
//
//	go build -o /tmp/ties ./cmd/ties && go run ./cmd/tiesbench -ties /tmp/ties
package main

import (
	"context"
	"flag"
	"fmt"
	"math"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// config holds the command line.
type config struct {
	ties     string        // the ties binary
	sizes    []int         // the event counts of the scale runs
	runs     int           // measured loads of the home page for time to first chart
	conns    int           // connections for throughput
	duration time.Duration // how long each throughput run lasts
	chromium string        // the browser, or "" for chromedp's own lookup
	dense    string        // the folder of the dense timeline whose labels are counted
}

// hidden flags are for tiesbench's own use, and stay out of -help.
var hidden = map[string]bool{"fileserver": true, "addr": true}

func main() {
	var c config
	flag.StringVar(&c.ties, "ties", "", "the ties binary to measure (required)")
	sizes := flag.String("sizes", "100,1000,10000", "event counts of the synthetic timelines, comma-separated")
	flag.IntVar(&c.runs, "runs", 20, "measured loads of / for the time to first chart")
	flag.IntVar(&c.conns, "c", 64, "connections at once for throughput")
	flag.DurationVar(&c.duration, "d", 10*time.Second, "duration of each throughput run")
	flag.StringVar(&c.chromium, "chromium", defaultChromium(), "the Chromium to drive (empty: chromedp's own lookup)")
	flag.StringVar(&c.dense, "dense", filepath.Join("cmd", "ties", "testdata", "dense"), "the dense timeline whose chronology's labels are counted")
	fileServer := flag.String("fileserver", "", "serve this folder with http.FileServer (used by tiesbench itself)")
	addr := flag.String("addr", "", "the address for -fileserver")
	flag.Usage = usage
	flag.Parse()

	if *fileServer != "" {
		if err := serveFiles(*fileServer, *addr); err != nil {
			fmt.Fprintf(os.Stderr, "tiesbench: file server: %v\n", err)
			os.Exit(1)
		}
		return
	}
	if c.ties == "" {
		fmt.Fprintln(os.Stderr, "tiesbench: give the ties binary with -ties; build it first:\n\n\tgo build -o /tmp/ties ./cmd/ties && go run ./cmd/tiesbench -ties /tmp/ties")
		os.Exit(2)
	}
	if c.runs < 1 || c.conns < 1 || c.duration <= 0 {
		fmt.Fprintln(os.Stderr, "tiesbench: -runs, -c and -d must be more than 0")
		os.Exit(2)
	}
	var err error
	if c.sizes, err = parseSizes(*sizes); err != nil {
		fmt.Fprintf(os.Stderr, "tiesbench: -sizes: %v\n", err)
		os.Exit(2)
	}
	if c.ties, err = exec.LookPath(c.ties); err == nil {
		c.ties, err = filepath.Abs(c.ties)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "tiesbench: -ties: %v; build it with go build -o /tmp/ties ./cmd/ties\n", err)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ok, err := run(ctx, c)
	if err != nil {
		fmt.Fprintf(os.Stderr, "tiesbench: %v\n", err)
		os.Exit(1)
	}
	if !ok {
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintf(flag.CommandLine.Output(), "Usage: tiesbench -ties BINARY [flags]\n\n")
	flag.VisitAll(func(f *flag.Flag) {
		if !hidden[f.Name] {
			name, use := flag.UnquoteUsage(f)
			if f.DefValue != "" {
				use += " (default " + f.DefValue + ")"
			}
			fmt.Fprintf(flag.CommandLine.Output(), "  -%s %s\n    \t%s\n", f.Name, name, use)
		}
	})
}

// defaultChromium is Debian's chromium when it is there.
func defaultChromium() string {
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	return ""
}

func parseSizes(s string) ([]int, error) {
	var sizes []int
	for f := range strings.SplitSeq(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("%q is not a count of events", f)
		}
		sizes = append(sizes, n)
	}
	return sizes, nil
}

// run measures everything, prints the table and the budgets, and reports
// whether every budget held.
func run(ctx context.Context, c config) (bool, error) {
	tmp, err := os.MkdirTemp("", "tiesbench-")
	if err != nil {
		return false, fmt.Errorf("making a temporary folder: %w", err)
	}
	defer os.RemoveAll(tmp)
	progress("machine load before: %s", loadAverage())
	defer func() { progress("machine load after: %s", loadAverage()) }()
	progress("starting the browser %s", c.chromium)
	browser, closeBrowser, err := startBrowser(ctx, c.chromium)
	if err != nil {
		return false, err
	}
	defer closeBrowser()

	site, err := measureSite(ctx, c, browser, tmp)
	if err != nil {
		return false, err
	}
	var scales []scaleResult
	for _, n := range c.sizes {
		if ctx.Err() != nil {
			return false, ctx.Err()
		}
		s, err := measureScale(ctx, c, browser, tmp, n)
		if err != nil {
			return false, fmt.Errorf("%d events: %w", n, err)
		}
		scales = append(scales, s)
	}
	printTable(os.Stdout, c, site, scales)
	return printBudgets(os.Stdout, c, site, scales), nil
}

// siteResult holds what was measured on the built-in timeline.
type siteResult struct {
	events     int
	kinds      []pageKind
	weights    []pageWeight // one per kind; requests == 0 where the load failed
	home       visits       // the returning visits to /, from navigation: the chronology's first render, and before
	firstOf    string       // the charts drawn before the chronology in some run, if any
	alone      visits       // the returning visits to /embed/chronology, a page with the chart alone
	blank      visits       // the returning visits to a blank page: the new tab's own cost
	floor      visits       // the returning visits to a page that draws two bars with ties' ECharts
	drawnFloor visits       // the returning visits to a page of ties' stylesheet and the chronology's drawing alone

	pages            int // addresses in the throughput runs
	tiesRun, fileRun loadResult

	// The chronology's labels on /embed/chronology: the built-in timeline at
	// 1366×900 and 390×844, and the dense timeline at 1366×900.
	labels, labelsPhone, labelsDense labelCount

	drawn float64   // seconds from the server's start until / came drawn by it
	zoom  []float64 // ms from a first visit's first zoom until ECharts drew the chronology
}

// measureSite measures the built-in timeline: page weights, time to first
// chart, and throughput next to its static export.
func measureSite(ctx context.Context, c config, browser context.Context, tmp string) (siteResult, error) {
	var r siteResult
	srv, err := startServer(ctx, time.Minute, c.ties, "serve")
	if err != nil {
		return r, fmt.Errorf("serving the built-in timeline: %w", err)
	}
	defer srv.stop()
	// The server draws the charts in the background, and pages have the
	// browser draw them until it has: every figure is of the drawn pages.
	if r.drawn, err = waitDrawn(ctx, srv); err != nil {
		return r, err
	}
	if r.kinds, r.events, err = pageKinds(srv.base); err != nil {
		return r, err
	}
	for _, k := range r.kinds {
		r.weights = append(r.weights, weighPage(browser, srv.base+k.path))
	}
	// / is timed with, taking turns, a page that holds nothing but the
	// chart, for how much of the time is the page's and how much the
	// chart's, and the floor pages, which hold no part of ties: the
	// machine's floor.
	floor, stopFloor, err := startFloor(ctx, srv.base)
	if err != nil {
		return r, err
	}
	defer stopFloor()
	marks, firstOf, err := timeToFirstChart(browser, []string{srv.base + "/", srv.base + "/embed/chronology", floor + "/blank", floor + "/echarts", floor + "/drawn"}, c.runs)
	if err != nil {
		return r, err
	}
	r.home, r.alone, r.blank, r.floor, r.drawnFloor, r.firstOf = marks[0], marks[1], marks[2], marks[3], marks[4], firstOf[0]
	progress("the first zoom on a first visit to /, five times")
	if r.zoom, err = zoomToECharts(browser, srv.base+"/", 5); err != nil {
		return r, err
	}
	progress("the chronology's labels: the built-in timeline, then the dense one")
	if r.labels, err = countLabels(browser, srv.base+"/embed/chronology", 1366, 900); err != nil {
		return r, err
	}
	if r.labelsPhone, err = countLabels(browser, srv.base+"/embed/chronology", 390, 844); err != nil {
		return r, err
	}
	if r.labelsDense, err = denseLabels(ctx, c, browser); err != nil {
		progress("the dense timeline's labels: %v", err)
	}

	site := filepath.Join(tmp, "site")
	progress("exporting the built-in timeline to %s", site)
	if _, err := buildSite(ctx, c.ties, "", site); err != nil {
		return r, err
	}
	tiesPaths, filePaths, err := exportPaths(site)
	if err != nil {
		return r, err
	}
	r.pages = len(tiesPaths)
	self, err := os.Executable()
	if err != nil {
		return r, fmt.Errorf("finding tiesbench itself to start the file server: %w", err)
	}
	files, err := startServer(ctx, time.Minute, self, "-fileserver", site)
	if err != nil {
		return r, fmt.Errorf("starting the file server: %w", err)
	}
	defer files.stop()
	r.tiesRun = throughput("ties serve", srv.base, tiesPaths, c)
	r.fileRun = throughput("the file server", files.base, filePaths, c)
	return r, nil
}

// denseLabels serves the dense timeline and counts its chronology's labels
// at 1366×900.
func denseLabels(ctx context.Context, c config, browser context.Context) (labelCount, error) {
	srv, err := startServer(ctx, time.Minute, c.ties, "serve", "--data", c.dense)
	if err != nil {
		return labelCount{}, fmt.Errorf("serving %s: %w", c.dense, err)
	}
	defer srv.stop()
	return countLabels(browser, srv.base+"/embed/chronology", 1366, 900)
}

// scaleResult holds what was measured on a synthetic timeline of n events.
// A figure that could not be measured is NaN, and the reason went to stderr.
type scaleResult struct {
	n                           int
	check, ready, drawn, build  float64 // seconds
	rssReady, rssPages, rssPeak float64 // MB
	chart                       float64 // ms from navigation to the chronology's first render, on a first visit
	returning                   float64 // the same on a returning visit
	wire                        float64 // bytes over the wire for a first visit of /, with everything it loads
	zoom, pan                   []float64
	labels                      labelCount // zoomed in to a 200th of the axis, in the middle
	longest                     float64    // the longest task while zooming and panning, ms; 0 for none of 50 ms or more
	files                       float64
	bytes                       float64
	weights                     []float64        // bytes of each of weighedPaths, as brotli
	failed                      map[string]error // why "check", "serve" or "build" was not measured
}

// weighedPaths are the pages whose HTML is weighed at every size.
var weighedPaths = []string{"/", "/events", "/print", "/present"}

// measureScale measures ties on a synthetic timeline of n events.
func measureScale(ctx context.Context, c config, browser context.Context, tmp string, n int) (scaleResult, error) {
	nan := math.NaN()
	s := scaleResult{n: n, check: nan, ready: nan, drawn: nan, build: nan, rssReady: nan, rssPages: nan, rssPeak: nan, returning: nan,
		chart: nan, wire: nan, files: nan, bytes: nan, failed: map[string]error{}}
	for range weighedPaths {
		s.weights = append(s.weights, nan)
	}
	data := filepath.Join(tmp, fmt.Sprintf("g%d", n))
	progress("%d events: writing the timeline to %s", n, data)
	if _, err := runTimed(ctx, c.ties, "gen", "--events", strconv.Itoa(n), "--out", data); err != nil {
		return s, err
	}
	defer os.RemoveAll(data)

	progress("%d events: ties check, 3 times", n)
	for range 3 {
		d, err := runTimed(ctx, c.ties, "check", "--data", data)
		if err != nil {
			progress("  %v", err)
			s.failed["check"] = err
			break
		}
		s.check = minNaN(s.check, d.Seconds())
	}
	if err := measureServer(ctx, c, browser, data, &s); err != nil {
		progress("  %v", err)
		s.failed["serve"] = err
	}

	out := filepath.Join(tmp, fmt.Sprintf("b%d", n))
	progress("%d events: ties build", n)
	defer os.RemoveAll(out)
	d, err := buildSite(ctx, c.ties, data, out)
	if err != nil {
		progress("  %v", err)
		s.failed["build"] = err
		return s, nil
	}
	s.build = d.Seconds()
	files, bytes, err := folderSize(out)
	if err != nil {
		return s, err
	}
	s.files, s.bytes = float64(files), float64(bytes)
	return s, nil
}

// measureServer serves the timeline in data and measures the server and the
// home page in the browser. It fills in what it could measure before an error.
func measureServer(ctx context.Context, c config, browser context.Context, data string, s *scaleResult) error {
	progress("%d events: starting ties serve", s.n)
	srv, err := startServer(ctx, 5*time.Minute, c.ties, "serve", "--data", data)
	if err != nil {
		return err
	}
	defer srv.stop()
	s.ready = srv.ready.Seconds()
	s.rssReady = memory(srv.pid(), "VmRSS")
	// The server draws in the background, and serves pages that the
	// browser draws until it has: what follows is of the drawn pages, as
	// a reader who comes after the first seconds has them.
	progress("%d events: waiting for the server to draw / and /print", s.n)
	if s.drawn, err = waitDrawnAt(ctx, srv, s.n); err != nil {
		progress("  %v; measuring the pages as they are", err)
		s.drawn = math.NaN()
	}
	kinds, _, err := pageKinds(srv.base)
	if err != nil {
		return err
	}
	for _, k := range kinds {
		n, err := htmlSize(srv.base + k.path)
		if err != nil {
			return err
		}
		if i := slices.Index(weighedPaths, k.path); i >= 0 {
			s.weights[i] = float64(n)
		}
	}
	s.rssPages = memory(srv.pid(), "VmRSS")
	defer func() { s.rssPeak = memory(srv.pid(), "VmHWM") }()

	progress("%d events: the chronology in the browser, 3 returning visits", s.n)
	returning, _, err := timeToFirstChart(browser, []string{srv.base + "/"}, 3)
	if err != nil {
		return err
	}
	s.returning = median(returning[0].of(chronology))
	progress("%d events: the chronology in the browser, 3 first visits, then zoom and pan", s.n)
	var charts, wires []float64
	for i := range 3 {
		tab, marks, weight, err := openCold(browser, srv.base+"/", 2*time.Minute)
		if err != nil {
			return err
		}
		progress("  chronology drawn at %.0f ms; %.1f kB over the wire in %d requests", marks.Chronology, weight.wire/1000, weight.requests)
		charts, wires = append(charts, marks.Chronology), append(wires, weight.wire)
		s.chart, s.wire = median(charts), median(wires)
		if i == 2 {
			s.zoom, s.pan, s.longest, err = smoothness(tab)
		}
		tab.close()
		if err != nil {
			return err
		}
	}
	progress("%d events: the chronology's labels, zoomed in", s.n)
	s.labels, err = countLabels(browser, srv.base+"/embed/chronology", 1366, 900, 49.75, 50.25)
	return err
}
