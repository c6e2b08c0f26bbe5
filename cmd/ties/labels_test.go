package main

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"ties/timeline"
)

// drawnJS is a function, in the page, that lists every text a chart drew,
// from ECharts' own display list, with its box in the chart's pixels and,
// for a text drawn as part of an event's item, the event's id; the boxes of
// the events' marks; and the chart's size.
const drawnJS = `(kind) => {
	const el = document.querySelector('[data-chart="' + kind + '"]');
	const chart = echarts.getInstanceByDom(el);
	const texts = [], marks = [], items = new Map();
	const box = (d) => {
		const r = d.getBoundingRect().clone();
		if (d.transform) r.applyTransform(d.transform);
		return {x: r.x, y: r.y, w: r.width, h: r.height};
	};
	for (const model of chart.getModel().getSeries()) {
		const data = model.getData();
		for (let i = 0; i < data.count(); i++) {
			const g = data.getItemGraphicEl(i), item = data.getRawDataItem(i);
			if (!g || !item || !item.events || !g.childCount) continue;
			items.set(g, item.events[0]);
			g.eachChild((c) => {
				if (c.type !== 'text' && c.style && c.style.fill) marks.push(Object.assign(box(c), {id: item.events[0]}));
			});
		}
	}
	for (const d of chart.getZr().storage.getDisplayList(true)) {
		if (d.invisible || !d.style) continue;
		if (d.type === 'tspan' && d.style.text) {
			// A text's parts hang from the text, which hangs from its item.
			const owner = d.parent && d.parent.parent;
			texts.push(Object.assign(box(d), {text: d.style.text, id: items.get(owner) || ''}));
		}
	}
	return {width: chart.getWidth(), height: chart.getHeight(), texts, marks};
}`

type drawnBox struct {
	X, Y, W, H float64
	Text, ID   string
}

func (a drawnBox) overlaps(b drawnBox) bool {
	const slack = 0.5
	return a.X+slack < b.X+b.W && b.X+slack < a.X+a.W && a.Y+slack < b.Y+b.H && b.Y+slack < a.Y+a.H
}

type drawn struct {
	Width, Height float64
	Texts, Marks  []drawnBox
}

func drawnOn(tt *tab, kind string) drawn {
	tt.tb.Helper()
	return eval[drawn](tt, fmt.Sprintf("(%s)(%q)", drawnJS, kind))
}

// labelling is what a chart's labels came to: the events labelled, and
// what is wrong with the labels drawn.
type labelling struct {
	labelled map[string]bool
	problems []string
}

// namedBy is whether text counts as event e's label: its title or its label, or a
// cut form of either of at least 16 characters ending in "…".
func namedBy(e *timeline.Event, text string) bool {
	if text == e.Title || text == e.Label {
		return true
	}
	cut, ok := strings.CutSuffix(text, "…")
	if !ok || len([]rune(cut)) < 16 {
		return false
	}
	return strings.HasPrefix(e.Title, cut) || e.Label != "" && strings.HasPrefix(e.Label, cut)
}

// labelsOf counts the events of t that d labels: a text drawn for an event
// that names it, inside the chart's box, over no other text and no mark but its own (a
// bar holds its label when it is wide enough). Every such
// overlap, and a name cut by the chart's edge, is a problem.
func labelsOf(t *timeline.Timeline, d drawn) labelling {
	l := labelling{labelled: map[string]bool{}}
	for i, x := range d.Texts {
		if x.ID == "" {
			continue // the axes' and the legend's
		}
		event := t.Event(x.ID)
		if event == nil || !namedBy(event, x.Text) {
			l.problems = append(l.problems, fmt.Sprintf("the label %q, drawn for %s, does not name it", x.Text, x.ID))
			continue
		}
		ok := true
		if x.X < -0.5 || x.Y < -0.5 || x.X+x.W > d.Width+0.5 || x.Y+x.H > d.Height+0.5 {
			l.problems = append(l.problems, fmt.Sprintf("%q is cut by the chart's edge (%.0f,%.0f %.0f×%.0f in %.0f×%.0f)",
				x.Text, x.X, x.Y, x.W, x.H, d.Width, d.Height))
			ok = false
		}
		for j, y := range d.Texts {
			if i != j && x.overlaps(y) {
				l.problems = append(l.problems, fmt.Sprintf("%q overlaps %q", x.Text, y.Text))
				ok = false
			}
		}
		for _, m := range d.Marks {
			// A bar may hold its own label.
			if x.overlaps(m) && m.ID != event.ID {
				l.problems = append(l.problems, fmt.Sprintf("%q lies over the mark of %s", x.Text, m.ID))
				ok = false
			}
		}
		if ok {
			l.labelled[event.ID] = true
		}
	}
	return l
}

func (l labelling) unlabelled(t *timeline.Timeline, keep func(*timeline.Event) bool) []string {
	var out []string
	for _, e := range t.Events {
		if keep(e) && !l.labelled[e.ID] {
			out = append(out, e.ID)
		}
	}
	return out
}

func denseTimeline(tb testing.TB) *timeline.Timeline {
	tb.Helper()
	return testdataTimeline(tb, "testdata/dense")
}

func every(*timeline.Event) bool { return true }

// The chronology draws the events' labels beside their marks, over nothing
// else and inside the chart: all 36 of the built-in timeline's at 1366×900,
// in the embed and on the home page (the target is at least 34), and at
// least 24 on a phone (the target is 12).
func TestBrowserChronologyLabels(t *testing.T) {
	tl := defaultTimeline(t)
	for _, c := range []struct {
		path string
		w, h int64
		want int
	}{
		{"/embed/chronology", 1366, 900, len(tl.Events)},
		{"/", 1366, 900, len(tl.Events)},
		{"/embed/chronology", 390, 844, 24},
		{"/embed/chronology?look=dark", 1366, 900, len(tl.Events)},
	} {
		tt := openTab(t, tl, c.w, c.h)
		tt.open(c.path)
		tt.scrollToChart("chronology")
		l := labelsOf(tl, drawnOn(tt, "chronology"))
		for _, p := range l.problems {
			t.Errorf("%s at %d×%d: %s", c.path, c.w, c.h, p)
		}
		if len(l.labelled) < c.want {
			t.Errorf("%s at %d×%d: %d of %d events labelled, want at least %d; unlabelled: %v",
				c.path, c.w, c.h, len(l.labelled), len(tl.Events), c.want, l.unlabelled(tl, every))
		}
		t.Logf("%s at %d×%d: %d of %d events labelled", c.path, c.w, c.h, len(l.labelled), len(tl.Events))
	}
}

// scrollToChart brings a page's chart of kind into view, whole if it fits
// in the window.
func (tt *tab) scrollToChart(kind string) {
	tt.tb.Helper()
	tt.waitFor(fmt.Sprintf(`(() => {
		const el = document.querySelector('[data-chart=%q]');
		el.scrollIntoView({block: 'center'});
		const r = el.getBoundingClientRect();
		return r.height <= innerHeight ? r.top >= -1 && r.bottom <= innerHeight + 1 : Math.abs(r.top) <= 1;
	})()`, kind))
}

// zoomChronology zooms the page's chronology to the dates from and to,
// given as JavaScript Date.UTC arguments, and waits until it has drawn
// that view.
func zoomChronology(tt *tab, from, to string) {
	tt.tb.Helper()
	tt.do(chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => {
		const e = ties.entries.find(e => e.kind === 'chronology');
		window.__zoomed = false;
		const done = () => { e.chart.off('finished', done); window.__zoomed = true; };
		e.chart.on('finished', done);
		e.chart.dispatchAction({type: 'dataZoom', startValue: e.axis.at(Date.UTC(%s)), endValue: e.axis.at(Date.UTC(%s))});
	})()`, from, to)))
	tt.waitFor(`window.__zoomed === true`)
}

// Zoomed to December 2021 – March 2022, every event in view is labelled.
func TestBrowserChronologyLabelsZoomedIn(t *testing.T) {
	tl := defaultTimeline(t)
	tt := openTab(t, tl, 1366, 900)
	tt.open("/embed/chronology")
	zoomChronology(tt, "2021, 11, 1", "2022, 3, 1")
	from, to := time.Date(2021, 12, 1, 0, 0, 0, 0, time.UTC), time.Date(2022, 4, 1, 0, 0, 0, 0, time.UTC)
	inView := func(e *timeline.Event) bool { return e.Ends().After(from) && e.Begins().Before(to) }
	l := labelsOf(tl, drawnOn(tt, "chronology"))
	for _, p := range l.problems {
		t.Error(p)
	}
	if missing := l.unlabelled(tl, inView); len(missing) > 0 {
		t.Errorf("zoomed to December 2021 – March 2022, these events in view have no label: %v", missing)
	}
	n := 0
	for _, e := range tl.Events {
		if inView(e) {
			n++
		}
	}
	t.Logf("zoomed in: %d of the %d events in view labelled", n-len(l.unlabelled(tl, inView)), n)
}

// A timeline with a dense stretch, 9 of its 14 events within three months
// in three lanes, has at least 90 % of its events labelled.
func TestBrowserDenseTimelineLabels(t *testing.T) {
	tl := denseTimeline(t)
	for _, size := range [][2]int64{{1366, 900}, {390, 844}} {
		tt := openTab(t, tl, size[0], size[1])
		tt.open("/embed/chronology")
		l := labelsOf(tl, drawnOn(tt, "chronology"))
		for _, p := range l.problems {
			t.Errorf("%d×%d: %s", size[0], size[1], p)
		}
		want := (len(tl.Events)*9 + 9) / 10
		if size[0] < 600 {
			want = len(tl.Events) / 2
		}
		if len(l.labelled) < want {
			t.Errorf("%d×%d: %d of %d events labelled, want at least %d; unlabelled: %v",
				size[0], size[1], len(l.labelled), len(tl.Events), want, l.unlabelled(tl, every))
		}
		t.Logf("%d×%d: %d of %d events labelled", size[0], size[1], len(l.labelled), len(tl.Events))
	}
}

// The year player labels every event of each year's frame, over nothing
// else.
func TestBrowserPlayerLabelsEveryEvent(t *testing.T) {
	tl := defaultTimeline(t)
	tt := openTab(t, tl, 1366, 900)
	tt.open("/embed/player")
	years := eval[int](tt, `ties.entries[0].chart.getOption().timeline[0].data.length`)
	for i := 0; i < years; i++ {
		tt.do(chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => {
			const c = ties.entries[0].chart;
			window.__shown = false;
			const done = () => {
				if (c.getOption().timeline[0].currentIndex !== %d) return;
				c.off('finished', done);
				window.__shown = true;
			};
			c.on('finished', done);
			c.dispatchAction({type: 'timelineChange', currentIndex: %d});
		})()`, i, i)))
		tt.waitFor(`window.__shown === true`)
		year := eval[string](tt, `ties.entries[0].chart.getOption().title[0].text`)
		y, _ := strconv.Atoi(year)
		inYear := func(e *timeline.Event) bool { from, to := e.Years(); return from <= y && y <= to }
		l := labelsOf(tl, drawnOn(tt, "player"))
		for _, p := range l.problems {
			t.Errorf("%s: %s", year, p)
		}
		if missing := l.unlabelled(tl, inYear); len(missing) > 0 {
			t.Errorf("%s: these events of the year have no label: %v", year, missing)
		}
	}
}

// A large timeline, zoomed in until its events are drawn one by one rather
// than as busy stretches, names the events that fit, over nothing else.
func TestBrowserLargeTimelineLabelsZoomedIn(t *testing.T) {
	tl := syntheticTimeline(t, 2500)
	tt := openTab(t, tl, 1280, 900)
	tt.open("/")
	tt.waitFor(`ties.entries.find(e => e.kind === 'chronology').overview === false`)
	tt.scrollToChart("chronology")
	zoomChronology(tt, "1950, 0, 1", "1952, 0, 1")
	tt.waitFor(`ties.entries.find(e => e.kind === 'chronology').current.series.every(s => s.data.every(it => !it.buckets))`)
	inView := eval[int](tt, `(() => {
		const e = ties.entries.find(e => e.kind === 'chronology'), z = e.chart.getOption().dataZoom[0];
		let n = 0;
		e.current.series.forEach(s => s.data.forEach(it => { if (it.events && it.value[2] >= z.startValue && it.value[0] <= z.endValue) n++; }));
		return n;
	})()`)
	l := labelsOf(tl, drawnOn(tt, "chronology"))
	for _, p := range l.problems {
		t.Errorf("zoomed in on %d events: %s", len(tl.Events), p)
	}
	if inView == 0 || len(l.labelled)*2 < inView {
		t.Errorf("zoomed in on %d events, %d of the %d in view are named, want at least half", len(tl.Events), len(l.labelled), inView)
	}
	t.Logf("zoomed in: %d of the %d events in view named", len(l.labelled), inView)
}
