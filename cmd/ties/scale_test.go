package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/brotli"
	"github.com/chromedp/chromedp"

	"ties/assets"
	"ties/timeline"
)

// syntheticTimeline is a timeline of n events written by ties gen.
func syntheticTimeline(tb testing.TB, n int) *timeline.Timeline {
	tb.Helper()
	dir := tb.TempDir()
	if err := writeSynthetic(dir, n); err != nil {
		tb.Fatal(err)
	}
	t, err := timeline.Load(os.DirFS(dir), dir)
	if err != nil {
		tb.Fatal(err)
	}
	return t
}

// Pages link to assets by names that hold a hash of their bytes, which may
// be kept a year; by their plain names they are checked each time.
func TestAssetsHashedAndImmutable(t *testing.T) {
	s := NewServer(defaultTimeline(t))
	doc := mustDoc(t, s, "/", http.StatusOK)
	var linked []string
	doc.Find(`script[src], link[rel="stylesheet"], link[rel="icon"]`).Each(func(_ int, el *goquery.Selection) {
		src, ok := el.Attr("src")
		if !ok {
			src, _ = el.Attr("href")
		}
		linked = append(linked, src)
	})
	for _, attr := range []string{"data-echarts", "data-draw"} {
		src, _ := doc.Find("body").Attr(attr)
		linked = append(linked, src)
	}
	// The icon, the style sheet, look.js, ties.js, which holds the scripts
	// every page runs, and ECharts and draw.js, loaded when they are needed.
	if len(linked) != 6 {
		t.Fatalf("the home page links to %d assets, want 6: %v", len(linked), linked)
	}
	for _, src := range linked {
		if !hashedAsset.MatchString(src) {
			t.Errorf("the home page links to %s, a name without a hash", src)
		}
		resp := get(t, s, "GET", src)
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Cache-Control") != immutable {
			t.Errorf("GET %s = %d, Cache-Control %q; want 200, %q", src, resp.StatusCode, resp.Header.Get("Cache-Control"), immutable)
		}
		plain := hashedAsset.ReplaceAllString(src, "$1$2")
		if resp := get(t, s, "GET", plain); resp.StatusCode != http.StatusOK || resp.Header.Get("Cache-Control") != "no-cache" {
			t.Errorf("GET %s = %d, Cache-Control %q; want 200, no-cache", plain, resp.StatusCode, resp.Header.Get("Cache-Control"))
		}
	}
	if a, b := hashedName("app.js", []byte("a")), hashedName("app.js", []byte("b")); a == b {
		t.Errorf("two different files are both named %s", a)
	}
}

var hashedAsset = regexp.MustCompile(`^(/assets/.+)\.[0-9a-f]{10}(\.[a-z]+)$`)

// The brotli copy kept beside the vendored ECharts is the file's, so that
// the server sends it rather than compressing 600 KB itself.
func TestKeptBrotliCopyMatches(t *testing.T) {
	const name = "vendor/echarts/echarts.custom.min.js"
	js, err := fs.ReadFile(assets.FS, name)
	if err != nil {
		t.Fatal(err)
	}
	br, err := fs.ReadFile(assets.FS, name+".br")
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(brotli.NewReader(bytes.NewReader(br)))
	if err != nil || !bytes.Equal(got, js) {
		t.Fatalf("%s.br does not hold %s (%v); build both again: cd assets/echarts-build && npm ci && npm run build", name, name, err)
	}
	if p := siteAssets().files[name].page; !bytes.Equal(p.br, br) {
		t.Error("the server does not send the kept brotli copy")
	}
}

// Every script and style sheet minifies, so none is sent as written; the
// scripts of a bundle are sent in it, and not on their own. (That the
// bundle's parts work together, in their order, the browser tests show.)
func TestOwnAssetsMinify(t *testing.T) {
	for _, name := range []string{"present.js", "look.js", "style.css"} {
		raw, err := fs.ReadFile(assets.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		if got := siteAssets().files[name].page.body; len(got) >= len(raw) {
			t.Errorf("%s is sent as %d bytes, not fewer than its %d", name, len(got), len(raw))
		}
	}
	for _, b := range bundles {
		var raw int
		for _, part := range b.parts {
			src, err := fs.ReadFile(assets.FS, part)
			if err != nil {
				t.Fatal(err)
			}
			raw += len(src)
			if _, ok := siteAssets().files[part]; ok {
				t.Errorf("%s is served on its own as well as in %s", part, b.name)
			}
		}
		if sent := len(siteAssets().files[b.name].page.body); sent >= raw || sent < raw/3 {
			t.Errorf("%s is sent as %d bytes, for the %d of its parts", b.name, sent, raw)
		}
	}
}

// A bundle's parts share one script: each keeps its names to itself in a
// function of its own, strict inside it alone, so that no part can clash
// with another or change how it runs.
func TestBundlePartsStandAlone(t *testing.T) {
	for _, b := range bundles {
		for _, part := range b.parts {
			src, err := fs.ReadFile(assets.FS, part)
			if err != nil {
				t.Fatal(err)
			}
			var code []string
			for line := range strings.Lines(string(src)) {
				if l := strings.TrimSpace(line); l != "" && (len(code) > 0 || !strings.HasPrefix(l, "//")) {
					code = append(code, l)
				}
			}
			if len(code) < 3 || code[0] != "(function () {" || code[1] != "'use strict';" || code[len(code)-1] != "}());" {
				t.Errorf("%s, a part of %s, is not one function, (function () { 'use strict'; … }());", part, b.name)
			}
		}
	}
}

// Every script in assets/ runs somewhere: it is a part of a bundle, or a
// page links to it.
func TestEveryScriptIsLoaded(t *testing.T) {
	// The live reload's and the editor's scripts are loaded by the pages
	// of --watch and --edit alone.
	ed, err := newEditor(t.TempDir(), "127.0.0.1:80")
	if err != nil {
		t.Fatal(err)
	}
	linked := map[string]bool{}
	for _, s := range []*Server{NewServer(defaultTimeline(t)), NewServer(defaultTimeline(t), WithLive(newLive(nil)), WithEditor(ed)), drawingServer(t)} {
		for _, path := range []string{"/", "/present/khan-visits-moscow"} {
			w := httptest.NewRecorder()
			r := httptest.NewRequest("GET", path, nil)
			r.Host = "127.0.0.1:80"
			s.ServeHTTP(w, r)
			doc, err := goquery.NewDocumentFromReader(w.Body)
			if err != nil || w.Code != http.StatusOK {
				t.Fatalf("GET %s = %d, %v", path, w.Code, err)
			}
			doc.Find("script[src]").Each(func(_ int, el *goquery.Selection) {
				src, _ := el.Attr("src")
				linked[strings.TrimPrefix(hashedAsset.ReplaceAllString(src, "$1$2"), "/assets/")] = true
			})
			// ECharts and the scripts that draw with it, which a page loads
			// when the reader needs them (drawn.js).
			for _, attr := range []string{"data-echarts", "data-draw"} {
				src, _ := doc.Find("body").Attr(attr)
				linked[strings.TrimPrefix(hashedAsset.ReplaceAllString(src, "$1$2"), "/assets/")] = true
			}
		}
	}
	for _, b := range bundles {
		if !linked[b.name] {
			t.Errorf("no page loads the bundle %s", b.name)
		}
		for _, part := range b.parts {
			linked[part] = true
		}
	}
	scripts, err := fs.Glob(assets.FS, "*.js")
	if err != nil {
		t.Fatal(err)
	}
	linked["server.js"] = true // run by the server alone (drawScripts)
	for _, name := range scripts {
		if !linked[name] {
			t.Errorf("assets/%s is in no bundle, and no page loads it", name)
		}
	}
}

// A file in assets/ may not take a bundle's name.
func TestBundleNameTaken(t *testing.T) {
	fsys := fstest.MapFS{}
	for _, b := range bundles {
		fsys[b.name] = &fstest.MapFile{Data: []byte("(function () {}());")}
		for _, part := range b.parts {
			fsys[part] = &fstest.MapFile{Data: []byte("(function () {}());")}
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("a file with a bundle's name did not stop the assets from being made")
		}
	}()
	newAssetSet(fsys)
}

// warm makes and keeps every page of the site.
func TestWarmKeepsEveryPage(t *testing.T) {
	s := NewServer(syntheticTimeline(t, 300))
	n := s.warm(context.Background())
	want := 0
	for _, p := range s.sitePaths() {
		if p != "404" && !isPicture(p) {
			want++
		}
	}
	if n != want {
		t.Fatalf("warm made %d pages, want %d", n, want)
	}
	for _, p := range s.sitePaths() {
		if p == "404" || strings.HasPrefix(p, "/assets/") || strings.HasPrefix(p, "/data/") || strings.HasPrefix(p, "/oembed/") || isPicture(p) {
			continue // kept apart, made for each request, or drawn when asked for
		}
		key := s.pageKey(p, "default")
		if strings.HasPrefix(p, "/api/") {
			key = p
		}
		if _, ok := s.cache.get(key); !ok {
			t.Errorf("%s was not kept", p)
		}
	}
}

// A large timeline's handout comes in parts that link to each other, and
// its lists start with a page of rows.
func TestLargeTimelinePages(t *testing.T) {
	tl := syntheticTimeline(t, 600)
	s := NewServer(tl)
	if got := mustDoc(t, s, "/events", http.StatusOK).Find("[data-rows] tr").Length(); got != listPage {
		t.Errorf("/events holds %d rows, want %d", got, listPage)
	}
	if got := mustDoc(t, s, "/", http.StatusOK).Find("[data-rows] li").Length(); got != listPage {
		t.Errorf("/ lists %d events, want %d", got, listPage)
	}
	seen := 0
	for part := 1; part <= 3; part++ {
		path := "/print"
		if part > 1 {
			path = fmt.Sprintf("/print/%d", part)
		}
		doc := mustDoc(t, s, path, http.StatusOK)
		seen += doc.Find(".print-event").Length()
		if next, ok := doc.Find(`a[rel="next"]`).Attr("href"); (part < 3) != ok || ok && next != fmt.Sprintf("/print/%d", part+1) {
			t.Errorf("%s links to the next part at %q (%v)", path, next, ok)
		}
	}
	if seen != len(tl.Events) {
		t.Errorf("the handout's parts hold %d events, want %d", seen, len(tl.Events))
	}
	mustDoc(t, s, "/print/4", http.StatusNotFound)
	if got := mustDoc(t, s, "/present/"+tl.Events[7].ID, http.StatusOK).Find("[data-slide]").Length(); got != 1 {
		t.Errorf("a slide's page holds %d slides, want 1", got)
	}
	sources := mustDoc(t, s, "/sources", http.StatusOK)
	if got := sources.Find("ol.sources li").Length(); got != len(tl.Sources) {
		t.Errorf("/sources lists %d sources, want %d", got, len(tl.Sources))
	}
	if got, want := sources.Find("ol.sources li").First().Text(), credit(tl.Sources[0])+": "; !strings.HasPrefix(got, want) || !strings.HasSuffix(got, " events") {
		t.Errorf("/sources lists the first source as %q, want %q and how many events quote it", got, want)
	}
	if got, want := sources.Find("footer.site").Text(), fmt.Sprintf("Every event quotes one of %d sources. Quoted text belongs to its publisher and is shown for study.", len(tl.Sources)); got != want {
		t.Errorf("the footer says %q, want %q", got, want)
	}
	if got := mustDoc(t, s, "/events/"+tl.Events[0].ID, http.StatusOK).Find(`header.site a[href^="/sources/"]`).Length(); got != 0 {
		t.Errorf("with %d sources, every page names %d of them; want a link to the list", len(tl.Sources), got)
	}
}

// In the browser, a large table shows its first page of rows, more with a
// click, and a filter over every event, not only those shown.
func TestBrowserLargeTable(t *testing.T) {
	tl := syntheticTimeline(t, 600)
	tt := openTab(t, tl, 1280, 900)
	tt.open("/events")
	rows := func() int { return eval[int](tt, `document.querySelectorAll('[data-rows] tr').length`) }
	if got := rows(); got != listPage {
		t.Fatalf("the table shows %d rows, want %d", got, listPage)
	}
	tt.do(chromedp.Click(chromedp.CSS(`button.more`)))
	if got := rows(); got != 2*listPage {
		t.Errorf("after Show more the table shows %d rows, want %d", got, 2*listPage)
	}
	// A year's events, all of them, though few were among the rows shown.
	year := tl.Events[len(tl.Events)-1].Date.Year
	var want []string
	for _, e := range tl.Events {
		if from, to := e.Years(); from <= year && year <= to {
			want = append(want, e.ID)
		}
	}
	y := strconv.Itoa(year)
	tt.do(chromedp.SendKeys(chromedp.CSS(`input[name="from"]`), y), chromedp.SendKeys(chromedp.CSS(`input[name="to"]`), y))
	tt.waitFor(fmt.Sprintf(`Array.from(document.querySelectorAll('[data-rows] tr')).map(r => r.dataset.event).join(' ') === %q`, strings.Join(want, " ")))
}

// In the browser, a chronology with more events in view than it draws one
// by one draws busy stretches instead, and a click on one zooms in until
// the events themselves show.
func TestBrowserChronologyBuckets(t *testing.T) {
	tl := syntheticTimeline(t, 2500)
	tt := openTab(t, tl, 1280, 900)
	tt.open("/")
	count := func() (buckets, marks int) {
		v := eval[[2]int](tt, `(() => {
			const e = ties.entries.find(e => e.kind === 'chronology');
			let b = 0, m = 0;
			e.current.series.forEach(s => s.data.forEach(it => it.buckets ? b += it.buckets.length : it.events && m++));
			return [b, m];
		})()`)
		return v[0], v[1]
	}
	if b, m := count(); b == 0 || m != 0 {
		t.Fatalf("zoomed out on %d events, the chronology draws %d buckets and %d events; want buckets alone", len(tl.Events), b, m)
	}
	// It drew the overview first, and then fetched the whole chronology.
	if detail := eval[string](tt, `document.getElementById('chart-chronology').dataset.detail`); !strings.HasPrefix(detail, "/data/chronology.") {
		t.Errorf("the chronology names %q as its whole option, want a data file", detail)
	}
	tt.waitFor(`ties.entries.find(e => e.kind === 'chronology').overview === false`)
	// A click on a busy stretch zooms in on it.
	at := eval[struct{ X, Y float64 }](tt, `(() => {
		const el = document.getElementById('chart-chronology'), chart = echarts.getInstanceByDom(el);
		const lane = ties.entries.find(e => e.kind === 'chronology').current.series[0].data[0];
		const b = lane.buckets[Math.floor(lane.buckets.length / 2)];
		const [x, y] = chart.convertToPixel({xAxisIndex: 0, yAxisIndex: 0}, [(b[0] + b[1]) / 2, 0]);
		const box = el.getBoundingClientRect();
		return {X: box.left + x, Y: box.top + y};
	})()`)
	tt.do(chromedp.MouseClickXY(at.X, at.Y))
	tt.waitFor(`(() => { const z = echarts.getInstanceByDom(document.getElementById('chart-chronology')).getOption().dataZoom[0]; return z.end - z.start < 20; })()`)
	tt.do(chromedp.Evaluate[chromedp.Void](`echarts.getInstanceByDom(document.getElementById('chart-chronology')).dispatchAction({type: 'dataZoom', start: 50, end: 52})`))
	tt.waitFor(`ties.entries.find(e => e.kind === 'chronology').current.series.every(s => s.data.every(it => !it.buckets))`)
	if b, m := count(); b != 0 || m == 0 {
		t.Errorf("zoomed in, the chronology draws %d buckets and %d events; want events alone", b, m)
	}
	// Zoomed in, it keeps only the events near the view; panned far off,
	// it draws the events there (the one nearest the middle of the view, of
	// the lanes shown), and a lane hidden from the legend stays hidden.
	hidden := eval[string](tt, `(() => {
		const name = ties.entries.find(e => e.kind === 'chronology').pristine.series[0].name;
		echarts.getInstanceByDom(document.getElementById('chart-chronology')).dispatchAction({type: 'legendUnSelect', name});
		return name;
	})()`)
	for _, at := range [][2]float64{{20, 22}, {86, 88}, {3, 5}} {
		tt.do(chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`echarts.getInstanceByDom(document.getElementById('chart-chronology')).dispatchAction({type: 'dataZoom', start: %g, end: %g})`, at[0], at[1])))
		mid := eval[string](tt, fmt.Sprintf(`(() => {
			const chart = echarts.getInstanceByDom(document.getElementById('chart-chronology'));
			const z = chart.getOption().dataZoom[0], centre = (z.startValue + z.endValue) / 2;
			let best = null, gap = Infinity;
			ties.entries.find(e => e.kind === 'chronology').pristine.series.filter(s => s.name !== %q).forEach(s => s.data.forEach(it => {
				const d = Math.abs((it.value[0] + it.value[2]) / 2 - centre);
				if (d < gap) { gap = d; best = it.events[0]; }
			}));
			return best;
		})()`, hidden))
		tt.waitFor(fmt.Sprintf(`(%s)(%q).at !== null`, markJS, mid))
		kept := eval[int](tt, `ties.entries.find(e => e.kind === 'chronology').current.series.reduce((n, s) => n + s.data.length, 0)`)
		if kept >= len(tl.Events) {
			t.Errorf("zoomed in to %v %%, the chronology keeps all %d events, not only those near the view", at, kept)
		}
		shown := eval[[]any](tt, fmt.Sprintf(`(() => {
			const chart = echarts.getInstanceByDom(document.getElementById('chart-chronology'));
			const model = chart.getModel().getSeriesByName(%q)[0];
			let drawn = 0;
			if (model) for (let i = 0; i < model.getData().count(); i++) if (model.getData().getItemGraphicEl(i)) drawn++;
			return [chart.getOption().legend[0].selected[%q], drawn];
		})()`, hidden, hidden))
		if shown[0] != false || shown[1] != float64(0) {
			t.Errorf("zoomed in to %v %%, the lane %q hidden from the legend is selected %v, with %v marks drawn", at, hidden, shown[0], shown[1])
		}
	}
	// A change of look draws the chronology again at the same zoom, with
	// the events near it, not the busy stretches of the whole.
	tt.do(
		chromedp.SetValue(chromedp.CSS(`select[data-look-choice]`), "dark"),
		chromedp.Evaluate[chromedp.Void](`document.querySelector('select[data-look-choice]').dispatchEvent(new Event('change'))`),
	)
	tt.waitForCharts()
	if b, m := count(); b != 0 || m == 0 || m >= len(tl.Events) {
		t.Errorf("zoomed in and restyled, the chronology draws %d buckets and %d events; want some events alone", b, m)
	}
	if z := eval[[]float64](tt, `(z => [z.start, z.end])(echarts.getInstanceByDom(document.getElementById('chart-chronology')).getOption().dataZoom[0])`); len(z) != 2 || z[0] != 3 || z[1] != 5 {
		t.Errorf("restyled, the chronology is zoomed to %v %%, want [3 5]", z)
	}
}

// Past keepPlain, pages are kept compressed only, and a client that takes
// neither brotli nor gzip still gets the page as it is.
func TestPagesKeptCompressedOnly(t *testing.T) {
	body := bytes.Repeat([]byte("<p>A page of a large timeline.</p>\n"), 200)
	c := &pageCache{size: keepPlain + 1}
	if p := c.put("/x", body, brotliFast); p.body != nil || p.br == nil || p.gz == nil {
		t.Fatalf("past keepPlain the page is kept with a plain body (%v), brotli (%v) and gzip (%v); want compressed only", p.body != nil, p.br != nil, p.gz != nil)
	}
	p, _ := c.get("/x")
	for _, accept := range []string{"", "identity", "br;q=0, gzip;q=0"} {
		w := httptest.NewRecorder()
		r := httptest.NewRequest("GET", "/x", nil)
		r.Header.Set("Accept-Encoding", accept)
		sendTagged(w, r, "text/html; charset=utf-8", "no-cache", p)
		if !bytes.Equal(w.Body.Bytes(), body) || w.Header().Get("Content-Encoding") != "" {
			t.Errorf("Accept-Encoding %q: got %d bytes, encoded %q; want the page as it is", accept, w.Body.Len(), w.Header().Get("Content-Encoding"))
		}
	}
}
