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

// Every actor's node and name is drawn inside the chart on a laptop's
// screen. (On a phone, three of the 22 names still run past the edge.)
func TestBrowserActorsInView(t *testing.T) {
	tl := defaultTimeline(t)
	for _, size := range [][2]int64{{1366, 900}, {1280, 720}} {
		tt := openTab(t, tl, size[0], size[1])
		tt.open("/")
		out := eval[[]string](tt, `(() => {
			const chart = echarts.getInstanceByDom(document.querySelector('[data-chart="actors"]'));
			const data = chart.getModel().getSeries()[0].getData();
			const W = chart.getWidth(), H = chart.getHeight(), out = [];
			for (let i = 0; i < data.count(); i++) {
				// A node is a group whose symbol carries the label.
				const symbol = data.getItemGraphicEl(i).childAt(0), label = symbol.getTextContent();
				if (!label) {
					out.push(data.getName(i) + ' (no label)');
					continue;
				}
				for (const part of [symbol, label]) {
					const b = part.getBoundingRect().clone();
					b.applyTransform(part.getComputedTransform());
					if (b.x < 0 || b.y < 0 || b.x + b.width > W || b.y + b.height > H) {
						out.push(data.getName(i));
						break;
					}
				}
			}
			return out;
		})()`)
		if len(out) > 0 {
			t.Errorf("at %dx%d, the actors chart cuts off %v", size[0], size[1], out)
		}
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
