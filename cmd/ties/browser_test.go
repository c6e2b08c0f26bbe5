package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"ties/timeline"
)

// The browser tests share one headless Chromium; each test has its own tab.
var browser struct {
	once   sync.Once
	ctx    context.Context
	cancel context.CancelFunc
	err    error
}

func TestMain(m *testing.M) {
	if os.Getenv("TIES_TEST_MAIN") == "1" {
		main() // run as the ties command, for tests that signal it
		return
	}
	code := m.Run()
	if browser.cancel != nil {
		browser.cancel()
	}
	os.Exit(code)
}

// chromiumPath finds Debian's chromium, or another Chrome on the PATH.
func chromiumPath() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// startBrowser starts the shared browser, or skips the test when there is
// none, except in CI, where the browser tests must run.
func startBrowser(tb testing.TB) context.Context {
	tb.Helper()
	path := chromiumPath()
	if path == "" {
		if os.Getenv("CI") != "" {
			tb.Fatal("chromium is not installed, and CI must run the browser tests: apt-get install -y chromium")
		}
		tb.Skip("skipping the browser test: chromium is not installed (apt-get install -y chromium)")
	}
	browser.once.Do(func() {
		opts := append(chromedp.DefaultExecAllocatorOptions[:],
			chromedp.ExecPath(path),
			chromedp.NoSandbox,
			chromedp.Flag("disable-gpu", true),
			chromedp.Flag("disable-background-networking", true),
			chromedp.Flag("disable-component-update", true),
			chromedp.Flag("disable-sync", true),
			chromedp.Flag("disable-quic", true),
			chromedp.Flag("hide-scrollbars", true),
			chromedp.WindowSize(1280, 1000),
		)
		alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
		ctx, cancelCtx := chromedp.NewContext(alloc)
		browser.ctx = ctx
		browser.cancel = func() { cancelCtx(); cancelAlloc() }
		browser.err = chromedp.Do(ctx) // start it
	})
	if browser.err != nil {
		tb.Fatalf("starting chromium: %v", browser.err)
	}
	return browser.ctx
}

// tab is a browser tab on a test server, which records what the page writes
// to the console, the requests it makes and the dialogs it opens.
type tab struct {
	tb     testing.TB
	ctx    context.Context
	origin string // the test server's address, such as "http://127.0.0.1:4321"
	prefix string // the path the site lives under, such as "/ties", or ""

	mu       sync.Mutex
	allowed  []string // the origins the page may load from
	problems []string // console errors, exceptions and failed loads
	foreign  []string // requests to anywhere but the test server
	dialogs  []string
}

// openTab opens a tab for a server of timeline t, sized width by height.
func openTab(tb testing.TB, t *timeline.Timeline, width, height int64) *tab {
	tb.Helper()
	return openSite(tb, NewServer(t), "", width, height)
}

// openSite opens a tab for a site served by h under prefix, such as "/ties".
func openSite(tb testing.TB, h http.Handler, prefix string, width, height int64) *tab {
	tb.Helper()
	srv := httptest.NewServer(h)
	tb.Cleanup(srv.Close)
	return openAt(tb, srv.URL, prefix, width, height)
}

// openAt opens a tab for a site already served at origin, such as
// "http://127.0.0.1:8080", under prefix. Each tab has a browser context of
// its own, as a new private window does: the cookies and storage a test
// leaves, such as the look it chose, which a cookie keeps for every port
// of the host, stay out of every other test's tabs.
func openAt(tb testing.TB, origin, prefix string, width, height int64) *tab {
	tb.Helper()
	parent := startBrowser(tb)
	ctx, cancel := chromedp.NewContext(parent, chromedp.WithNewBrowserContext())
	tb.Cleanup(cancel)
	tt := &tab{tb: tb, ctx: ctx, origin: origin, prefix: prefix, allowed: []string{origin + "/"}}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, height)); err != nil {
		tb.Fatalf("opening a tab: %v", err)
	}
	err := chromedp.Listen(ctx, func(ev any) {
		tt.mu.Lock()
		defer tt.mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if os.Getenv("TIES_DEBUG") != "" {
				for _, a := range ev.Args {
					fmt.Println("console:", string(a.Value), a.Description)
				}
			}
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning || ev.Type == runtime.ConsoleAPICalledTypeAssert {
				var args []string
				for _, a := range ev.Args {
					args = append(args, string(a.Value)+a.Description)
				}
				tt.problems = append(tt.problems, fmt.Sprintf("console.%s: %s", ev.Type, strings.Join(args, " ")))
			}
		case *runtime.EventExceptionThrown:
			tt.problems = append(tt.problems, "exception: "+ev.ExceptionDetails.Text+" "+exceptionText(ev.ExceptionDetails))
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.EntryLevelError || ev.Entry.Level == log.EntryLevelWarning {
				tt.problems = append(tt.problems, fmt.Sprintf("log %s: %s %s", ev.Entry.Level, ev.Entry.Text, ev.Entry.URL))
			}
		case *network.EventRequestWillBeSent:
			u := ev.Request.URL
			ok := strings.HasPrefix(u, "data:") || strings.HasPrefix(u, "blob:") || u == "about:blank"
			for _, a := range tt.allowed {
				ok = ok || strings.HasPrefix(u, a)
			}
			if !ok {
				tt.foreign = append(tt.foreign, u)
			}
		case *page.EventJavascriptDialogOpening:
			tt.dialogs = append(tt.dialogs, ev.Message)
		}
	})
	if err != nil {
		tb.Fatalf("listening to the tab: %v", err)
	}
	tb.Cleanup(tt.checkClean)
	return tt
}

func exceptionText(d *runtime.ExceptionDetails) string {
	if d.Exception != nil {
		return d.Exception.Description
	}
	return ""
}

// allow lets the page load from another test server too.
func (tt *tab) allow(origin string) {
	tt.mu.Lock()
	defer tt.mu.Unlock()
	tt.allowed = append(tt.allowed, origin+"/")
}

// checkClean fails the test when the page wrote an error, loaded anything
// from another host, or opened a dialog.
func (tt *tab) checkClean() {
	tt.mu.Lock()
	defer tt.mu.Unlock()
	for _, p := range tt.problems {
		tt.tb.Errorf("the page reported: %s", p)
	}
	for _, u := range tt.foreign {
		tt.tb.Errorf("the page requested %s, which is not the test server", u)
	}
	for _, d := range tt.dialogs {
		tt.tb.Errorf("the page opened a dialog: %q", d)
	}
}

// forgive takes the problems that hold want off those the page reported,
// for a test that makes the page fail on purpose; it fails the test when
// the page reported none.
func (tt *tab) forgive(want string) {
	if tt.tolerate(want) == 0 {
		tt.tb.Errorf("the page reported no problem with %q, only %q", want, tt.problems)
	}
}

// tolerate takes the problems that hold want off those the page reported,
// for a test where the page may or may not have reported them, and says
// how many it took.
func (tt *tab) tolerate(want string) int {
	tt.mu.Lock()
	defer tt.mu.Unlock()
	var kept []string
	for _, p := range tt.problems {
		if !strings.Contains(p, want) {
			kept = append(kept, p)
		}
	}
	n := len(tt.problems) - len(kept)
	tt.problems = kept
	return n
}

// do runs actions, failing the test on error, within a time limit.
func (tt *tab) do(actions ...chromedp.Action[chromedp.Void]) {
	tt.tb.Helper()
	ctx, cancel := context.WithTimeout(tt.ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		tt.tb.Fatalf("in the browser: %v", err)
	}
}

// eval evaluates a JavaScript expression in the page.
func eval[T any](tt *tab, expr string) T {
	tt.tb.Helper()
	ctx, cancel := context.WithTimeout(tt.ctx, 20*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		tt.tb.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// waitFor waits until a JavaScript expression is true. It asks again when
// a navigation replaced the page while it asked.
func (tt *tab) waitFor(expr string) {
	tt.tb.Helper()
	if ok, last := tt.poll(expr, 20*time.Second); !ok {
		tt.tb.Fatalf("waiting for %s: timed out (last error: %v)", expr, last)
	}
}

// waitForOrNot waits a few seconds at most for expr to hold, for what a
// page does after a fetch; the caller then checks what it finds.
func (tt *tab) waitForOrNot(expr string) {
	tt.tb.Helper()
	tt.poll(expr, 5*time.Second)
}

// poll evaluates expr until it holds or limit has passed, and returns
// whether it held and the last error.
func (tt *tab) poll(expr string, limit time.Duration) (bool, error) {
	deadline := time.Now().Add(limit)
	var last error
	for time.Now().Before(deadline) {
		ctx, cancel := context.WithTimeout(tt.ctx, 5*time.Second)
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		cancel()
		if err == nil && ok {
			return true, nil
		}
		last = err
		time.Sleep(25 * time.Millisecond)
	}
	return false, last
}

// open navigates to a path of the test server and waits for every chart on
// the page to have rendered.
func (tt *tab) open(path string) {
	tt.tb.Helper()
	tt.do(chromedp.Navigate(tt.origin + tt.prefix + path))
	tt.waitForCharts()
}

// useECharts has ECharts draw every chart that the server drew, as a
// reader's first zoom does, for a test that reads what ECharts drew.
func (tt *tab) useECharts() {
	tt.tb.Helper()
	tt.do(chromedp.Evaluate[chromedp.Void](`window.ties && ties.upgrade && void ties.upgrade()`))
	tt.waitFor(`Array.from(document.querySelectorAll('[data-chart]')).every(e => !e.querySelector(':scope > svg') && e.dataset.ready === 'true')`)
}

func (tt *tab) waitForCharts() {
	tt.tb.Helper()
	tt.waitFor(`document.readyState === "complete" && document.body.dataset.ready === "true" && Array.from(document.querySelectorAll("[data-chart]")).every(e => e.dataset.ready === "true")`)
}

// path returns the path and query of the page shown, within the site: a
// static file server's trailing slash and the site's prefix are left out.
func (tt *tab) path() string {
	tt.tb.Helper()
	u, err := url.Parse(eval[string](tt, `location.href`))
	if err != nil {
		tt.tb.Fatal(err)
	}
	u.Path = strings.TrimPrefix(u.Path, tt.prefix)
	if len(u.Path) > 1 {
		u.Path = strings.TrimSuffix(u.Path, "/")
	}
	return u.RequestURI()
}

// waitForPath waits until the page shown is at path, within the site, and
// loaded.
func (tt *tab) waitForPath(path string) {
	tt.tb.Helper()
	tt.waitFor(fmt.Sprintf(`document.readyState === "complete" && (location.pathname.replace(/\/$/, "") || "/") === %q`, strings.TrimSuffix(tt.prefix+path, "/")))
}

// markJS is a function, in the page, that finds the mark of event id on the
// chronology: how many marks are drawn, and where the centre of the event's
// mark is in the viewport, from ECharts' own record of what it drew.
const markJS = `(id) => {
	const el = document.querySelector('[data-chart="chronology"]');
	const chart = echarts.getInstanceByDom(el);
	const box = el.getBoundingClientRect();
	let drawn = 0, at = null;
	for (const model of chart.getModel().getSeries()) {
		const data = model.getData();
		for (let i = 0; i < data.count(); i++) {
			const g = data.getItemGraphicEl(i), item = data.getRawDataItem(i);
			if (!g || !item || !item.events) continue;
			drawn++;
			if (item.events[0] === id) {
				// The mark itself, not its label or a ring round it.
				let mark = g;
				if (g.childCount) g.eachChild((c) => { if (c.type !== 'text' && c.style && c.style.fill) mark = c; });
				const r = mark.getBoundingRect();
				at = {x: box.left + r.x + r.width / 2, y: box.top + r.y + r.height / 2};
			}
		}
	}
	return {drawn, at};
}`

// holdBack serves h, but answers requests for paths that begin with prefix
// only once release is called, as a slow network would (or after 20 s).
func holdBack(h http.Handler, prefix string) (http.Handler, func()) {
	released := make(chan struct{})
	var once sync.Once
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, prefix) {
			select {
			case <-released:
			case <-r.Context().Done():
				return
			case <-time.After(20 * time.Second):
			}
		}
		h.ServeHTTP(w, r)
	}), func() { once.Do(func() { close(released) }) }
}

// TestBrowserTabsKeepTheirOwnLook: the look one test's tab chooses, kept in
// a cookie for every port of the host and in storage, is not another
// test's: each tab opens in a browser context of its own (openAt).
func TestBrowserTabsKeepTheirOwnLook(t *testing.T) {
	s := NewServer(defaultTimeline(t))
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	first := openAt(t, srv.URL, "", 1366, 900)
	first.open("/events?look=dark")
	first.waitFor(`document.cookie.includes('ties-look=dark') && localStorage.getItem('ties-look') === 'dark'`)
	second := openAt(t, srv.URL, "", 1366, 900)
	second.open("/events")
	if got := eval[string](second, `document.documentElement.dataset.look + ' ' + localStorage.getItem('ties-look') + ' ' + document.cookie`); got != "default null ties-look=default" {
		t.Errorf("a second tab, after the first chose dark: look, storage and cookie %q, want the default's", got)
	}
}
