package main

import (
	"bytes"
	"encoding/base64"
	"image/png"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// ?look= restyles the pages and the charts, and the browser remembers it,
// also when it is chosen in the header.
func TestBrowserLooks(t *testing.T) {
	tl := defaultTimeline(t)
	tt := openTab(t, tl, 1280, 900)
	background := `getComputedStyle(document.body).backgroundColor`
	tt.open("/")
	light := eval[string](tt, background)

	tt.open("/?look=dark")
	dark := eval[string](tt, background)
	if dark == light {
		t.Fatalf("?look=dark leaves the page %s", dark)
	}
	chartText := `echarts.getInstanceByDom(document.querySelector('[data-chart="per-year"]')).getModel().get('textStyle').color`
	if got := eval[string](tt, chartText); got != "#e6e9ef" {
		t.Errorf("in the dark look the charts' text is %q, want light", got)
	}
	tt.open("/events/khan-visits-moscow")
	if got := eval[string](tt, background); got != dark {
		t.Errorf("the next page forgot the dark look: %s", got)
	}

	tt.open("/?look=contrast")
	if got := eval[string](tt, `document.documentElement.dataset.look + " " + document.querySelector('[data-look-choice]').value`); got != "contrast contrast" {
		t.Errorf("look and its control = %q", got)
	}
	if got := eval[string](tt, background); got != "rgb(0, 0, 0)" {
		t.Errorf("the projector look's background is %s, want black", got)
	}
	tt.do(
		chromedp.SetValue(chromedp.CSS(`select[data-look-choice]`), "default"),
		chromedp.Evaluate[chromedp.Void](`document.querySelector('select[data-look-choice]').dispatchEvent(new Event('change'))`),
	)
	tt.waitForCharts()
	if got := eval[string](tt, background); got != light {
		t.Errorf("choosing Default leaves the page %s", got)
	}
	tt.open("/sources/diplomat-2022")
	if got := eval[string](tt, background); got != light {
		t.Errorf("the choice of Default was not remembered: %s", got)
	}
}

// The handout keeps each event whole on its page, fits the paper, and prints
// on A4 and on Letter.
func TestBrowserPrintHandout(t *testing.T) {
	tl := defaultTimeline(t)
	tt := openTab(t, tl, 794, 1123)
	tt.open("/print")
	if got, want := eval[int](tt, `document.querySelectorAll('.print-event').length`), len(tl.Events); got != want {
		t.Fatalf("the handout has %d events, want %d", got, want)
	}
	if _, err := chromedp.Call(tt.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	if n := eval[int](tt, `Array.from(document.querySelectorAll('.print-event, .event-list li')).filter(e => getComputedStyle(e).breakInside !== 'avoid').length`); n != 0 {
		t.Errorf("%d events may be cut across pages", n)
	}
	if !eval[bool](tt, `getComputedStyle(document.querySelector('header.site nav')).display === 'none' && document.documentElement.scrollWidth <= innerWidth`) {
		t.Error("the printed page shows the navigation or is wider than the paper")
	}
	for _, paper := range []chromedp.PaperSize{chromedp.PaperA4, chromedp.PaperLetter} {
		pdf, err := chromedp.Run(tt.ctx, chromedp.PrintToPDF(chromedp.PDFPaper(paper), chromedp.PDFMargin(0.5)))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(pdf, []byte("%PDF")) || len(pdf) < 10_000 {
			t.Errorf("printing on %v gave %d bytes that are not a PDF", paper, len(pdf))
		}
	}
}

// A chart downloads as a PNG of itself, and its embed code is an iframe of
// the chart alone, at the size asked, with the page's filters.
func TestBrowserChartTools(t *testing.T) {
	tl := defaultTimeline(t)
	tt := openTab(t, tl, 1280, 900)
	tt.open("/?theme=energy")
	// Keep the file the button downloads.
	tt.do(chromedp.Evaluate[chromedp.Void](`HTMLAnchorElement.prototype.click = function () { window.__download = {name: this.download, href: this.href}; }`))
	tt.do(chromedp.Click(chromedp.CSS(`[data-download="per-year"]`)))
	got := eval[struct{ Name, Href string }](tt, `window.__download`)
	if got.Name != "per-year.png" || !strings.HasPrefix(got.Href, "data:image/png;base64,") {
		t.Fatalf("the download is %q, %.40q", got.Name, got.Href)
	}
	raw, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(got.Href, "data:image/png;base64,"))
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("the download is not a PNG: %v", err)
	}
	if w := img.Bounds().Dx(); w < 400 {
		t.Errorf("the PNG is %d pixels wide", w)
	}

	tt.do(
		chromedp.Click(chromedp.CSS(`.chart-actors summary`)),
		chromedp.SetValue(chromedp.CSS(`.chart-actors input[name="width"]`), "640"),
		chromedp.Evaluate[chromedp.Void](`document.querySelector('.chart-actors input[name="width"]').dispatchEvent(new Event('input', {bubbles: true}))`),
	)
	code := eval[string](tt, `document.querySelector('.chart-actors [data-embed-code]').value`)
	want := `<iframe src="` + tt.origin + `/embed/actors?theme=energy" width="640" height="480" title="Actors"`
	if !strings.HasPrefix(code, want) {
		t.Errorf("embed code = %s, want it to begin %s", code, want)
	}
}

// A change of look draws the charts again as the reader left them: the
// player's year, the chronology's zoom and the lanes hidden from its legend.
func TestBrowserLookKeepsWhatTheReaderDid(t *testing.T) {
	tt := openTab(t, defaultTimeline(t), 1280, 1000)
	tt.open("/")
	chart := func(kind string) string {
		return `echarts.getInstanceByDom(document.querySelector('[data-chart="` + kind + `"]'))`
	}
	tt.do(chromedp.Focus(chromedp.CSS(`[data-chart="player"]`)), chromedp.KeyEvent(kb.ArrowRight))
	tt.waitFor(`document.querySelector('[data-player-status]').textContent === "2004: 1 event"`)
	tt.do(chromedp.Evaluate[chromedp.Void](chart("chronology") + `.dispatchAction({type: 'dataZoom', start: 40, end: 60})`))
	tt.do(chromedp.Evaluate[chromedp.Void](chart("chronology") + `.dispatchAction({type: 'legendUnSelect', name: 'Energy'})`))

	tt.do(
		chromedp.SetValue(chromedp.CSS(`select[data-look-choice]`), "contrast"),
		chromedp.Evaluate[chromedp.Void](`document.querySelector('select[data-look-choice]').dispatchEvent(new Event('change'))`),
	)
	tt.waitForCharts()
	if got := eval[string](tt, chart("player")+`.getModel().get('textStyle').color`); got != "#ffffff" {
		t.Fatalf("the charts were not drawn again in the contrast look: text %q", got)
	}
	if got := eval[string](tt, chart("player")+`.getOption().title[0].text`); got != "2004" {
		t.Errorf("after a change of look the player shows %s, want 2004, the year the reader stepped to", got)
	}
	if got := eval[string](tt, `document.querySelector('[data-player-status]').textContent`); got != "2004: 1 event" {
		t.Errorf("after a change of look the player's live region says %q", got)
	}
	zoom := eval[[]float64](tt, `(z => [z.start, z.end])(`+chart("chronology")+`.getOption().dataZoom[0])`)
	if len(zoom) != 2 || zoom[0] != 40 || zoom[1] != 60 {
		t.Errorf("after a change of look the chronology is zoomed to %v %%, want [40 60]", zoom)
	}
	if eval[bool](tt, chart("chronology")+`.getOption().legend[0].selected['Energy'] !== false`) {
		t.Error("after a change of look the lane hidden from the legend shows again")
	}
}
