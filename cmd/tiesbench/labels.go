package main

import (
	"context"
	"fmt"
	"time"

	"github.com/chromedp/chromedp"
)

// labelCount is how many events a chronology labelled, of those in view.
type labelCount struct {
	Labelled, InView int
	ok               bool
}

func (l labelCount) String() string {
	if !l.ok {
		return "not measured"
	}
	return fmt.Sprintf("%d of %d", l.Labelled, l.InView)
}

// labelledJS counts, in a page, the events of the chronology in view and
// those labelled: an event is labelled when its title or label, or a cut
// form of either of at least 16 characters ending in "…", is drawn inside
// the chart over no other text and no other event's mark (ECharts' display
// list holds every text it drew), as the browser tests count them.
const labelledJS = `(() => {
	const e = ties.entries.find(e => e.kind === 'chronology'), chart = e.chart;
	const z = chart.getOption().dataZoom[0];
	const names = new Map(), inView = new Set();
	e.current.series.forEach(s => s.data.forEach(it => {
		if (!it.events || it.value[2] < z.startValue || it.value[0] > z.endValue) return;
		const id = it.events[0], info = ties.eventInfo(id);
		inView.add(id);
		names.set(id, [it.name, info ? info.title : it.name]);
	}));
	const box = (d) => {
		const r = d.getBoundingRect().clone();
		if (d.transform) r.applyTransform(d.transform);
		return r;
	};
	const texts = [], marks = [], items = new Map();
	chart.getModel().getSeries().forEach(model => {
		const data = model.getData();
		for (let i = 0; i < data.count(); i++) {
			const g = data.getItemGraphicEl(i), it = data.getRawDataItem(i);
			if (!g || !it || !it.events || !g.childCount) continue;
			items.set(g, it.events[0]);
			g.eachChild(c => { if (c.type !== 'text' && c.style && c.style.fill) marks.push({id: it.events[0], r: box(c)}); });
		}
	});
	// A text's parts hang from the text, which hangs from its event's item.
	chart.getZr().storage.getDisplayList(true).forEach(d => {
		if (!d.invisible && d.type === 'tspan' && d.style && d.style.text) {
			texts.push({text: d.style.text, r: box(d), id: items.get(d.parent && d.parent.parent) || ''});
		}
	});
	const over = (a, b) => a.x + 0.5 < b.x + b.width && b.x + 0.5 < a.x + a.width && a.y + 0.5 < b.y + b.height && b.y + 0.5 < a.y + a.height;
	const W = chart.getWidth(), H = chart.getHeight(), labelled = new Set();
	texts.forEach((t, i) => {
		const ns = names.get(t.id);
		if (!ns) return;
		const cut = t.text.endsWith('…') && Array.from(t.text).length > 16 ? t.text.slice(0, -1) : null;
		if (!ns.some(n => n === t.text || cut && n.startsWith(cut))) return;
		if (t.r.x < -0.5 || t.r.y < -0.5 || t.r.x + t.r.width > W + 0.5 || t.r.y + t.r.height > H + 0.5) return;
		if (texts.some((u, j) => j !== i && over(t.r, u.r)) || marks.some(m => m.id !== t.id && over(t.r, m.r))) return;
		labelled.add(t.id);
	});
	return {labelled: labelled.size, inView: inView.size};
})()`

// countLabels loads address in a tab of width×height and counts the
// chronology's labels once every chart is drawn; with zoom, first zooms the
// chronology to that part of its axis, from start to end in percent.
func countLabels(browser context.Context, address string, width, height int64, zoom ...float64) (labelCount, error) {
	t, err := openTab(browser)
	if err != nil {
		return labelCount{}, err
	}
	defer t.close()
	ctx, cancel := context.WithTimeout(t.ctx, 2*time.Minute)
	defer cancel()
	const settled = `document.body.dataset.ready === 'true' && Array.from(document.querySelectorAll('[data-chart]')).every(e => e.dataset.ready === 'true')`
	actions := []chromedp.Action[chromedp.Void]{
		chromedp.EmulateViewport(width, height),
		chromedp.Navigate(address),
	}
	if err := chromedp.Do(ctx, actions...); err != nil {
		return labelCount{}, fmt.Errorf("loading %s: %w", address, err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](settled, chromedp.WithPollingInterval(50*time.Millisecond))); err != nil {
		return labelCount{}, fmt.Errorf("waiting for %s to be drawn: %w", address, err)
	}
	// A chart the server drew is counted as ECharts draws it again, with
	// the same scripts, once the reader zooms: its elements can be read.
	const live = `(ties.upgrade ? ties.upgrade() : Promise.resolve()).then(() => !!ties.entries.find(e => e.kind === 'chronology').chart)`
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](live, chromedp.EvalAwaitPromise)); err != nil {
		return labelCount{}, fmt.Errorf("drawing %s with ECharts: %w", address, err)
	}
	if len(zoom) == 2 {
		js := fmt.Sprintf(`new Promise(resolve => {
			const c = ties.entries.find(e => e.kind === 'chronology').chart;
			const done = () => { c.off('finished', done); resolve(true); };
			c.on('finished', done);
			c.dispatchAction({type: 'dataZoom', start: %g, end: %g});
		})`, zoom[0], zoom[1])
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js, chromedp.EvalAwaitPromise)); err != nil {
			return labelCount{}, fmt.Errorf("zooming the chronology of %s: %w", address, err)
		}
		// A zoom far in may redraw the events near the view once it settles.
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`(() => {
			const e = ties.entries.find(e => e.kind === 'chronology');
			return e.current.series.every(s => s.data.every(it => !it.buckets));
		})()`, chromedp.WithPollingInterval(50*time.Millisecond))); err != nil {
			return labelCount{}, fmt.Errorf("waiting for the events of %s zoomed in: %w", address, err)
		}
	}
	n, err := chromedp.Run(ctx, chromedp.Evaluate[labelCount](labelledJS))
	if err != nil {
		return labelCount{}, fmt.Errorf("counting the labels of %s: %w", address, err)
	}
	n.ok = true
	return n, nil
}
