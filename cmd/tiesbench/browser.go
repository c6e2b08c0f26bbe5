package main

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// startBrowser starts headless Chromium, as the browser tests do, and
// returns its context and a func that closes it; it closes when ctx ends.
func startBrowser(ctx context.Context, path string) (context.Context, func(), error) {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.WindowSize(1366, 900),
	)
	if path != "" {
		opts = append(opts, chromedp.ExecPath(path))
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	browser, cancelBrowser := chromedp.NewContext(alloc)
	closeAll := func() { cancelBrowser(); cancelAlloc() }
	if err := chromedp.Do(browser); err != nil {
		closeAll()
		return nil, nil, fmt.Errorf("starting chromium (choose it with -chromium; on Debian: apt-get install -y chromium): %w", err)
	}
	return browser, closeAll, nil
}

// tab is a browser tab of tiesbench's, and the requests made in it.
type tab struct {
	ctx   context.Context
	close context.CancelFunc
	net   netLog
}

// openTab opens a tab in the browser; with chromedp.WithNewBrowserContext(),
// in a browser context of its own, with an empty cache.
func openTab(browser context.Context, opts ...chromedp.ContextOption) (*tab, error) {
	ctx, cancel := chromedp.NewContext(browser, opts...)
	t := &tab{ctx: ctx, close: cancel}
	// Opened for as long as ctx lasts, with the page 1366×900, the desktop
	// screen the project is checked at (a headless window of that size
	// leaves the page less).
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1366, 900)); err != nil {
		cancel()
		return nil, fmt.Errorf("opening a tab: %w", err)
	}
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: drawnMarkJS}); err != nil {
		cancel()
		return nil, fmt.Errorf("watching for charts drawn by the server: %w", err)
	}
	if err := chromedp.Listen(ctx, t.net.record); err != nil {
		cancel()
		return nil, fmt.Errorf("listening to the network: %w", err)
	}
	return t, nil
}

// drawnMarkJS runs in every page before its own scripts and marks, for a
// chart the server drew, the frame that first shows it: the first
// animation frame once the page has it whole (the element after it is in),
// as the blank floor page marks its first frame. A chart the browser draws
// is marked by ties' own script when ECharts has drawn it.
const drawnMarkJS = `new MutationObserver(() => {
	document.querySelectorAll('[data-chart][data-ready]:not([data-bench-seen])').forEach(el => {
		if (!el.nextElementSibling) return; // not yet read whole
		el.setAttribute('data-bench-seen', '');
		const kind = el.getAttribute('data-chart');
		requestAnimationFrame(() => performance.mark('ties-chart-ready:' + kind));
	});
}).observe(document, {childList: true, subtree: true});`

// navigate loads address in the tab, within limit.
func (t *tab) navigate(address string, limit time.Duration) error {
	ctx, cancel := context.WithTimeout(t.ctx, limit)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(address)); err != nil {
		return fmt.Errorf("loading %s: %w", address, err)
	}
	return nil
}

// pageWeight is what a page and everything it loaded took from the network.
type pageWeight struct {
	requests int
	wire     float64 // bytes over the wire, headers included
	body     float64 // bytes of the bodies once unpacked
}

// weighPage loads address twice, each time with an empty cache, and returns
// the second weight: a server sends some files uncompressed the first time.
func weighPage(browser context.Context, address string) pageWeight {
	var w [2]pageWeight
	for i := range w {
		var err error
		if w[i], err = coldWeight(browser, address); err != nil {
			progress("  %v", err)
		}
	}
	progress("first visit of %s: %.1f kB over the wire in %d requests (%.1f kB on the server's first answers)",
		address, w[1].wire/1000, w[1].requests, w[0].wire/1000)
	return w[1]
}

// coldWeight loads address in a new browser context, so with an empty cache,
// waits for its charts and for the network to be quiet, and weighs every
// request the page made.
func coldWeight(browser context.Context, address string) (pageWeight, error) {
	t, err := openTab(browser, chromedp.WithNewBrowserContext())
	if err != nil {
		return pageWeight{}, err
	}
	defer t.close()
	if err := t.navigate(address, time.Minute); err != nil {
		return pageWeight{}, err
	}
	const chartsReady = `Array.from(document.querySelectorAll('[data-chart]')).every(e => e.hasAttribute('data-ready'))`
	poll := chromedp.Poll[bool](chartsReady, chromedp.WithPollingInterval(20*time.Millisecond), chromedp.WithPollingTimeout(30*time.Second))
	if _, err := chromedp.Run(t.ctx, poll); err != nil {
		progress("  %s: the charts were not ready within 30 s (%v); weighed anyway", address, err)
	}
	ctx, cancel := context.WithTimeout(t.ctx, 30*time.Second)
	defer cancel()
	w, err := t.weight(ctx)
	if err != nil {
		return w, fmt.Errorf("%s: %w", address, err)
	}
	return w, nil
}

// weight waits until the network has been quiet for half a second, and
// weighs every request made in the tab.
func (t *tab) weight(ctx context.Context) (pageWeight, error) {
	if err := t.net.waitQuiet(ctx, 500*time.Millisecond); err != nil {
		return pageWeight{}, fmt.Errorf("waiting for the network to be quiet: %w", err)
	}
	return t.net.weight(), nil
}

// netLog adds up the requests of a page from the network events of its tab.
type netLog struct {
	mu      sync.Mutex
	open    map[network.RequestID]bool // requests not finished yet
	last    time.Time                  // the last network event
	counted pageWeight
}

// record is a chromedp.Listen func: it must return fast and run no command.
func (l *netLog) record(ev any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.open == nil {
		l.open = map[network.RequestID]bool{}
	}
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		if strings.HasPrefix(ev.Request.URL, "data:") {
			return
		}
		l.open[ev.RequestID] = true
		l.counted.requests++ // a redirect counts as a request of its own
	case *network.EventDataReceived:
		if l.open[ev.RequestID] {
			l.counted.body += float64(ev.DataLength)
		}
	case *network.EventLoadingFinished:
		if l.open[ev.RequestID] {
			l.counted.wire += ev.EncodedDataLength
			delete(l.open, ev.RequestID)
		}
	case *network.EventLoadingFailed:
		delete(l.open, ev.RequestID)
	default:
		return
	}
	l.last = time.Now()
}

// waitQuiet waits until no request is open and none has come or gone for quiet.
func (l *netLog) waitQuiet(ctx context.Context, quiet time.Duration) error {
	for {
		l.mu.Lock()
		done := len(l.open) == 0 && time.Since(l.last) >= quiet
		l.mu.Unlock()
		if done {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
}

func (l *netLog) weight() pageWeight {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.counted
}

// chartMarks are the performance marks that assets/charts.js makes when
// each chart first fires ECharts' "finished", in ms from navigation start;
// the floor pages (floor.go) make the chronology's mark too.
type chartMarks struct {
	Chronology float64 `json:"chronology"`
	First      float64 `json:"first"`     // the earliest mark of any chart
	FirstName  string  `json:"firstName"` // the chart of that mark
	HTML       float64 `json:"html"`      // when the page's HTML had arrived, for comparison
	Scripts    float64 `json:"scripts"`   // when the last script had arrived
	Ready      float64 `json:"ready"`     // when DOMContentLoaded ended
}

// readMarksJS is null until the chronology's mark is made.
const readMarksJS = `(() => {
	const marks = performance.getEntriesByType('mark').filter(m => m.name.startsWith('ties-chart-ready:'));
	const chronology = marks.find(m => m.name === 'ties-chart-ready:chronology');
	if (!chronology) return null;
	const first = marks.reduce((a, m) => m.startTime < a.startTime ? m : a);
	const nav = performance.getEntriesByType('navigation')[0];
	const scripts = performance.getEntriesByType('resource').filter(r => r.initiatorType === 'script');
	return {chronology: chronology.startTime, first: first.startTime, firstName: first.name.slice('ties-chart-ready:'.length),
		html: nav ? nav.responseEnd : 0, scripts: Math.max(0, ...scripts.map(r => r.responseEnd)),
		ready: nav ? nav.domContentLoadedEventEnd : 0};
})()`

// waitMarks waits up to limit for the chronology's mark, and reads the marks.
func (t *tab) waitMarks(limit time.Duration) (chartMarks, error) {
	ctx, cancel := context.WithTimeout(t.ctx, limit)
	defer cancel()
	m, err := chromedp.Run(ctx, chromedp.Poll[chartMarks](readMarksJS, chromedp.WithPollingInterval(20*time.Millisecond), chromedp.WithPollingTimeout(limit)))
	if err != nil {
		return m, fmt.Errorf("waiting for the chronology to be drawn: %w", err)
	}
	return m, nil
}

// chronology is when a visit drew the chronology.
func chronology(m chartMarks) float64 { return m.Chronology }

// firstChart is when a visit drew its first chart.
func firstChart(m chartMarks) float64 { return m.First }

// visits are the marks of the measured loads of a page.
type visits []chartMarks

// of returns one figure of every visit, such as the time the chronology
// was drawn.
func (v visits) of(f func(chartMarks) float64) []float64 {
	var out []float64
	for _, m := range v {
		out = append(out, f(m))
	}
	return out
}

// timeToFirstChart loads each of addresses in a new tab, taking turns, runs
// times after two unmeasured rounds, all in the browser's own context: a
// returning visitor has the files in the browser's cache, and, from the
// second visit on, the scripts compiled in V8's code cache; taking turns
// spreads the machine's drift over every address alike. It returns the marks
// of each address's measured visits, and for each the charts drawn before
// the chronology in any, if any.
func timeToFirstChart(browser context.Context, addresses []string, runs int) ([]visits, []string, error) {
	progress("time to first chart: two rounds, then %d, of %s, taking turns", runs, strings.Join(addresses, ", "))
	measured := make([]visits, len(addresses))
	before := make([][]string, len(addresses))
	for i := range runs + 2 {
		for j, address := range addresses {
			m, err := loadForMarks(browser, address)
			if err != nil {
				return nil, nil, err
			}
			progress("  run %d, %s: drawn at %.0f ms, first chart (%s) at %.0f ms; HTML in at %.0f ms, scripts in at %.0f ms, DOMContentLoaded done at %.0f ms",
				i, address, m.Chronology, m.FirstName, m.First, m.HTML, m.Scripts, m.Ready)
			if i < 2 {
				continue // the first rounds fill the caches
			}
			measured[j] = append(measured[j], m)
			if m.First < m.Chronology && !slices.Contains(before[j], m.FirstName) {
				before[j] = append(before[j], m.FirstName)
			}
		}
	}
	firstOf := make([]string, len(addresses))
	for j := range before {
		slices.Sort(before[j])
		firstOf[j] = strings.Join(before[j], ", ")
	}
	return measured, firstOf, nil
}

func loadForMarks(browser context.Context, address string) (chartMarks, error) {
	t, err := openTab(browser)
	if err != nil {
		return chartMarks{}, err
	}
	defer t.close()
	if err := t.navigate(address, time.Minute); err != nil {
		return chartMarks{}, err
	}
	return t.waitMarks(time.Minute)
}

// openCold loads address in a new browser context, waits up to limit for
// the chronology and then for the network to be quiet, and weighs the page.
// The caller closes the tab, which is nil on error.
func openCold(browser context.Context, address string, limit time.Duration) (*tab, chartMarks, pageWeight, error) {
	t, err := openTab(browser, chromedp.WithNewBrowserContext())
	if err != nil {
		return nil, chartMarks{}, pageWeight{}, err
	}
	var m chartMarks
	err = t.navigate(address, limit)
	if err == nil {
		m, err = t.waitMarks(limit)
	}
	if err != nil {
		t.close()
		return nil, chartMarks{}, pageWeight{}, err
	}
	ctx, cancel := context.WithTimeout(t.ctx, limit)
	defer cancel()
	w, err := t.weight(ctx)
	if err != nil {
		t.close()
		return nil, chartMarks{}, pageWeight{}, fmt.Errorf("%s: %w", address, err)
	}
	return t, m, w, nil
}

// smoothJS zooms the chronology in from 0–100 % to 45–55 % in 10 steps,
// then on to a 1 % window in 10 more, where a large timeline's events show
// one by one; it pans a 10 % window in 10 steps, and the 1 % window in 10
// more. Each step is timed from the dispatch until the chart next fires
// "finished"; the chronology's own redraw, when a step needs one, comes
// 150 ms after it, so each step waits 200 ms for it, and the longest task
// of the whole run (Long Tasks API, which reports tasks of 50 ms or more)
// counts the redraws too.
const smoothJS = `(async () => {
	if (ties.upgrade) await ties.upgrade(); // a chart the server drew: ECharts draws it, as for a reader's first zoom
	const chart = echarts.getInstanceByDom(document.getElementById('chart-chronology'));
	if (!chart) throw new Error('no ECharts instance on #chart-chronology');
	const step = (start, end) => new Promise((resolve, reject) => {
		const timer = setTimeout(() => { chart.off('finished', done); reject(new Error('no "finished" within 10 s')); }, 10000);
		const t0 = performance.now();
		function done() { clearTimeout(timer); chart.off('finished', done); resolve(performance.now() - t0); }
		chart.on('finished', done);
		chart.dispatchAction({type: 'dataZoom', start, end});
	});
	const settle = () => new Promise(r => setTimeout(r, 200));
	let longest = 0;
	const observer = new PerformanceObserver(list => list.getEntries().forEach(e => { longest = Math.max(longest, e.duration); }));
	observer.observe({type: 'longtask'});
	const zoom = [], pan = [];
	for (let i = 1; i <= 10; i++) { zoom.push(await step(4.5 * i, 100 - 4.5 * i)); await settle(); }
	for (let i = 1; i <= 10; i++) { zoom.push(await step(45 + 0.45 * i, 55 - 0.45 * i)); await settle(); }
	for (let i = 1; i <= 10; i++) { pan.push(await step(49.5 - 4 * i, 50.5 - 4 * i)); await settle(); }
	await step(0, 100); await settle();
	for (let i = 1; i <= 10; i++) { pan.push(await step(4.5 * i, 10 + 4.5 * i)); await settle(); }
	observer.takeRecords().forEach(e => { longest = Math.max(longest, e.duration); });
	observer.disconnect();
	return {zoom, pan, longest};
})()`

// smoothness times zoom and pan steps on the chronology of the page in t,
// once the page has settled: every chart drawn and the events file in, so
// that the steps time zooming and panning, not the drawing of the charts
// further down the page.
func smoothness(t *tab) (zoom, pan []float64, longest float64, err error) {
	ctx, cancel := context.WithTimeout(t.ctx, 5*time.Minute)
	defer cancel()
	const settled = `document.body.dataset.ready === 'true' && Array.from(document.querySelectorAll('[data-chart]')).every(e => e.dataset.ready === 'true')`
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](settled, chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(2*time.Minute))); err != nil {
		return nil, nil, 0, fmt.Errorf("waiting for every chart to be drawn: %w", err)
	}
	steps, err := chromedp.Run(ctx, chromedp.Evaluate[struct {
		Zoom, Pan []float64
		Longest   float64
	}](smoothJS, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, nil, 0, fmt.Errorf("zooming and panning the chronology: %w", err)
	}
	return steps.Zoom, steps.Pan, steps.Longest, nil
}

// zoomJS wheels the chronology of a page whose charts the server drew, as a
// reader's first zoom does, once the pointer is on it, and resolves to the
// milliseconds from the wheel until ECharts has drawn the chart over the
// server's drawing: what it takes to load and run ECharts on a first zoom.
const zoomJS = `new Promise((resolve, reject) => {
	const el = document.querySelector('[data-chart="chronology"]');
	if (!el || !el.querySelector(':scope > svg')) { reject(new Error('the chronology is not drawn by the server')); return; }
	let t0 = 0;
	el.addEventListener('wheel', () => { t0 = t0 || performance.now(); }, {capture: true});
	new MutationObserver((_, o) => {
		if (t0 && !el.querySelector(':scope > svg') && el.querySelector('canvas')) { o.disconnect(); resolve(performance.now() - t0); }
	}).observe(el, {childList: true, subtree: true});
	setTimeout(() => reject(new Error('ECharts did not draw the chronology within 30 s of the wheel')), 30000);
	const r = el.getBoundingClientRect();
	const x = r.left + r.width / 2, y = r.top + r.height / 2;
	el.dispatchEvent(new PointerEvent('pointerenter', {clientX: x, clientY: y}));
	el.dispatchEvent(new WheelEvent('wheel', {clientX: x, clientY: y, deltaY: -120, bubbles: true, cancelable: true}));
})`

// zoomToECharts loads address runs times, each in a new browser context, as
// a first visit, and times the first zoom on its chronology (zoomJS).
func zoomToECharts(browser context.Context, address string, runs int) ([]float64, error) {
	var out []float64
	for range runs {
		t, err := openTab(browser, chromedp.WithNewBrowserContext())
		if err != nil {
			return nil, err
		}
		if err := t.navigate(address, time.Minute); err != nil {
			t.close()
			return nil, err
		}
		const ready = `document.body.dataset.ready === 'true'`
		_, err = chromedp.Run(t.ctx, chromedp.Poll[bool](ready, chromedp.WithPollingInterval(20*time.Millisecond), chromedp.WithPollingTimeout(30*time.Second)))
		var took float64
		if err == nil {
			took, err = chromedp.Run(t.ctx, chromedp.Evaluate[float64](zoomJS, chromedp.EvalAwaitPromise))
		}
		t.close()
		if err != nil {
			return nil, fmt.Errorf("the first zoom on %s: %w", address, err)
		}
		progress("  first zoom: ECharts drew the chronology %.0f ms after the wheel", took)
		out = append(out, took)
	}
	return out, nil
}
