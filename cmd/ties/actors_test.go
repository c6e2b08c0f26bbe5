package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// actorAtJS is a function, in the page, that finds where actor name's node
// is on the actors' chart: its centre in the viewport, and a point of it
// that no other node or label covers, by the chart's own hit test.
const actorAtJS = `(name) => {
	const el = document.querySelector('[data-chart="actors"]');
	const chart = echarts.getInstanceByDom(el);
	const data = chart.getModel().getSeries()[0].getData();
	const g = data.getItemGraphicEl(data.indexOfName(name));
	const [cx, cy] = g.transformCoordToGlobal(0, 0);
	const box = el.getBoundingClientRect();
	const r = g.getBoundingRect().width / 2;
	const mine = t => { for (; t; t = t.parent) { if (t === g) return true; } return false; };
	for (let d = 0; d < r; d += 2) {
		for (let a = 0; a < 8; a++) {
			const x = cx + d * Math.cos(a * Math.PI / 4), y = cy + d * Math.sin(a * Math.PI / 4);
			if (mine(chart.getZr().handler.findHover(x, y).target)) {
				return {CX: cx, CY: cy, X: box.left + x, Y: box.top + y, Free: true};
			}
		}
	}
	return {CX: cx, CY: cy, Free: false};
}`

type actorAt struct {
	CX, CY, X, Y float64
	Free         bool
}

// Every actor's circle is drawn whole inside the chart, on a laptop and on
// a phone, and each name drawn is whole inside it too, over no other circle
// or name; a name with no room is left out (the tooltip and the list of
// actors still give it), and nearly every one has room.
func TestBrowserActorsInView(t *testing.T) {
	tl := defaultTimeline(t)
	for _, size := range [][2]int64{{1366, 900}, {1280, 720}, {390, 844}} {
		tt := openTab(t, tl, size[0], size[1])
		tt.open("/")
		tt.waitForCharts()
		got := eval[struct {
			Problems []string
			Named    []string
			Total    int
		}](tt, `(() => {
			const chart = echarts.getInstanceByDom(document.querySelector('[data-chart="actors"]'));
			const data = chart.getModel().getSeries()[0].getData();
			const W = chart.getWidth(), H = chart.getHeight(), problems = [], named = [], boxes = [];
			const boxOf = part => { const b = part.getBoundingRect().clone(); b.applyTransform(part.getComputedTransform()); return b; };
			const over = (a, b) => a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;
			for (let i = 0; i < data.count(); i++) {
				// A node is a group whose symbol carries the label.
				const symbol = data.getItemGraphicEl(i).childAt(0), label = symbol.getTextContent();
				boxes.push({name: data.getName(i), circle: boxOf(symbol), label: label && !label.ignore ? boxOf(label) : null});
			}
			for (const n of boxes) {
				for (const [what, b] of [['circle', n.circle], ['name', n.label]]) {
					if (b && (b.x < 0 || b.y < 0 || b.x + b.width > W || b.y + b.height > H)) {
						problems.push(n.name + "'s " + what + ' passes the edge');
					}
				}
				if (!n.label) continue;
				named.push(n.name);
				for (const m of boxes) {
					if (m !== n && over(n.label, m.circle)) problems.push(n.name + ' is over ' + m.name + "'s circle");
					if (m !== n && m.label && over(n.label, m.label)) problems.push(n.name + ' is over the name ' + m.name);
				}
			}
			return {problems, named, total: boxes.length};
		})()`)
		for _, p := range got.Problems {
			t.Errorf("at %dx%d: %s", size[0], size[1], p)
		}
		if len(got.Named) < got.Total-2 {
			t.Errorf("at %dx%d, %d of %d actors are named: %v", size[0], size[1], len(got.Named), got.Total, got.Named)
		}
		t.Logf("at %dx%d, %d of %d actors named", size[0], size[1], len(got.Named), got.Total)
	}
}

// A click on an actor filters the page to its events. The network is laid
// out the same at every visit, so that a reader finds each actor again
// where it was.
func TestBrowserActorFilters(t *testing.T) {
	tl := defaultTimeline(t)
	tt := openTab(t, tl, 1280, 900)
	const actor = "Iran"
	var first actorAt
	for i := range 3 {
		tt.open("/")
		tt.do(chromedp.Evaluate[chromedp.Void](`document.querySelector('[data-chart="actors"]').scrollIntoView({block: 'center'})`))
		at := eval[actorAt](tt, fmt.Sprintf("(%s)(%q)", actorAtJS, actor))
		if i == 0 {
			first = at
		} else if at.CX != first.CX || at.CY != first.CY {
			t.Fatalf("visit %d draws %s at (%.1f, %.1f), the first at (%.1f, %.1f): the layout changes from visit to visit", i+1, actor, at.CX, at.CY, first.CX, first.CY)
		}
	}
	if !first.Free {
		t.Fatalf("every point of %s's node is covered by another node or label", actor)
	}
	tt.do(chromedp.MouseClickXY(first.X, first.Y))
	tt.waitFor(`location.search === "?actor=Iran"`)
	var want []string
	for _, e := range tl.Events {
		for _, a := range e.Actors {
			if a == actor {
				want = append(want, e.ID)
			}
		}
	}
	shown := eval[[]string](tt, `Array.from(document.querySelectorAll('[data-rows] [data-event]:not([hidden])')).map(r => r.dataset.event)`)
	if strings.Join(shown, " ") != strings.Join(want, " ") {
		t.Errorf("the list shows %v, want the events of %s, %v", shown, actor, want)
	}
	if got := eval[string](tt, `document.querySelector('select[name="actor"]').value`); got != actor {
		t.Errorf("the actor filter reads %q, want %q", got, actor)
	}
}
