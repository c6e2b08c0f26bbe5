package main

import (
	_ "embed"
	"strings"
	"testing"

	"ties/timeline/charts"
)

// axeSource is axe-core, which each page is checked with (testdata/axe).
//
//go:embed testdata/axe/axe.min.js
var axeSource string

// pageKinds is a page of every kind the site serves, to check each one.
var pageKinds = []string{"/", "/events", "/events/khan-visits-moscow", "/sources/diplomat-2022", "/present",
	"/present/khan-putin-summit", "/print", "/embed/chronology", "/embed/player", "/embed/per-year", "/embed/actors",
	"/embed/events/khan-visits-moscow", "/events/no-such-event"}

// axeRun checks the page shown with axe-core against WCAG 2.2 A and AA
// and axe's best practices, and lists each violation with the elements it
// found it on.
const axeRun = `axe.run(document, {
	runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']},
	resultTypes: ['violations'],
}).then(` + axeReport

// axeColours checks what a look changes, its colours, with the rules of
// axe that look at colour; axeRun has checked the rest in the default look.
const axeColours = `axe.run(document, {
	runOnly: {type: 'rule', values: ['color-contrast', 'link-in-text-block']},
	resultTypes: ['violations'],
}).then(` + axeReport

const axeReport = `r => r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' — ' +
	v.nodes.slice(0, 3).map(n => n.target.join(' ') + (n.failureSummary ? ' [' + n.failureSummary.replace(/\s+/g, ' ').slice(0, 160) + ']' : '')).join('; ')))`

// showTipJS opens a tooltip on the chronology's first event, as a
// pointer on it does.
const showTipJS = `(() => {
	const el = document.querySelector('[data-chart="chronology"]');
	const chart = el && echarts.getInstanceByDom(el);
	if (!chart) return false;
	const models = chart.getModel().getSeries();
	for (const m of models) {
		const data = m.getData();
		for (let i = 0; i < data.count(); i++) {
			const item = data.getRawDataItem(i);
			if (item && item.precision && data.getItemGraphicEl(i)) {
				chart.dispatchAction({type: 'showTip', seriesIndex: m.seriesIndex, dataIndex: i});
				return true;
			}
		}
	}
	return false;
})()`

// Every kind of page, in each look, with the chronology's tooltip and its
// reading panel open where it has them, has no violation axe-core finds: all
// of its WCAG 2.2 A and AA rules and best practices in the default look, and
// its rules of colour in the dark and projector looks, which change only the
// colours.
func TestBrowserAxe(t *testing.T) {
	tt := openSite(t, drawingServer(t), "", 1366, 900) // pages carry the charts as the server drew them
	// axe finds what it should: an image without a text.
	tt.open("/")
	eval[any](tt, axeSource+"\n;document.body.appendChild(document.createElement('img')).src = '/favicon.svg'")
	if got := strings.Join(eval[[]string](tt, axeRun), " "); !strings.Contains(got, "image-alt") {
		t.Fatalf("axe found no image without alt text, only %q", got)
	}
	for _, look := range charts.Looks {
		for _, path := range append(pageKinds, "/?event=khan-visits-moscow", "/embed/chronology?event=khan-visits-moscow") {
			sep := "?"
			if strings.Contains(path, "?") {
				sep = "&"
			}
			tt.open(path + sep + "look=" + look.Name)
			if strings.Contains(path, "event=") {
				tt.waitFor(`document.querySelector('[data-reading-panel] .reading-quote') !== null`)
				tt.useECharts() // the panel narrows the chart the server drew, which ECharts draws again
				if !eval[bool](tt, showTipJS) {
					t.Errorf("%s: no tooltip to open", path)
				}
				tt.waitFor(`[...document.querySelectorAll('[data-chart="chronology"] div')].some(d => d.querySelector('.tip-title') && getComputedStyle(d).display !== 'none' && getComputedStyle(d).opacity > 0)`)
			}
			if !eval[bool](tt, `typeof axe !== 'undefined'`) {
				eval[any](tt, axeSource+"\n;true")
			}
			run := axeRun
			if look.Name != "default" {
				run = axeColours
			}
			for _, v := range eval[[]string](tt, run) {
				t.Errorf("%s in the %s look: %s", path, look.Name, v)
			}
			if strings.Contains(path, "no-such") {
				tt.forgive("404") // the page of an event that is not
			}
		}
	}
}
