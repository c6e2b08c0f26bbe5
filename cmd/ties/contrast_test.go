package main

import (
	"fmt"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"ties/timeline/charts"
)

// contrastJS lists what the charts of a page draw with too little contrast
// against the chart's background: a text under 4.5:1, a mark (a shape in
// a theme's colour) under 3:1 by both its fill and its edge. Colours are
// taken as drawn: with their opacity, over the background.
const contrastJS = `(function (bg) {
  function rgb(c) {
    if (typeof c !== 'string') return null;
    var m = c.match(/^#([0-9a-f]{3}|[0-9a-f]{6})$/i);
    if (m) {
      var h = m[1].length === 3 ? m[1].replace(/./g, '$&$&') : m[1];
      var n = parseInt(h, 16);
      return [n >> 16, (n >> 8) & 255, n & 255, 1];
    }
    m = c.match(/^rgba?\(([^)]+)\)$/);
    if (m) {
      var p = m[1].split(',').map(Number);
      return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
    }
    return null;
  }
  function lum(c) {
    var l = c.slice(0, 3).map(function (v) { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
  }
  function over(c, alpha, b) {
    var a = c[3] * alpha;
    return [0, 1, 2].map(function (i) { return c[i] * a + b[i] * (1 - a); });
  }
  function ratio(a, b) {
    var x = lum(a), y = lum(b);
    return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
  }
  var back = rgb(bg), problems = [], marks = {};
  document.querySelectorAll('[data-chart]').forEach(function (box) {
    var chart = echarts.getInstanceByDom(box);
    if (!chart) return;
    var kind = box.getAttribute('data-chart');
    chart.getZr().storage.getDisplayList(true).forEach(function (el) {
      if (el.invisible || el.ignore || !el.style) return;
      var s = el.style, op = s.opacity == null ? 1 : s.opacity;
      for (var p = el.parent; p; p = p.parent) {
        if (p.style && p.style.opacity != null) op *= p.style.opacity;
      }
      if (el.type === 'tspan' || el.type === 'text') {
        var f = rgb(s.fill);
        if (s.text && String(s.text).trim() && f && ratio(over(f, op, back), back) < 4.5) {
          problems.push(kind + ': text ' + JSON.stringify(String(s.text)) + ' in ' + s.fill + ' has ' + ratio(over(f, op, back), back).toFixed(2) + ':1');
        }
        return;
      }
      if (!el.__ecMark) return;
      marks[kind] = (marks[kind] || 0) + 1;
      var fill = rgb(s.fill), stroke = s.lineWidth > 0 ? rgb(s.stroke) : null;
      var best = 0;
      if (fill) best = Math.max(best, ratio(over(fill, op * (s.fillOpacity == null ? 1 : s.fillOpacity), back), back));
      if (stroke) best = Math.max(best, ratio(over(stroke, op * (s.strokeOpacity == null ? 1 : s.strokeOpacity), back), back));
      if (best < 3) {
        problems.push(kind + ': a ' + el.type + ' in ' + s.fill + ' has ' + best.toFixed(2) + ':1');
      }
    });
  });
  return {problems: problems, marks: marks};
})`

// markMarksJS flags the shapes each chart draws for its data, the marks,
// as against its axes, lines and controls.
const markMarksJS = `document.querySelectorAll('[data-chart]').forEach(function (box) {
  var chart = echarts.getInstanceByDom(box);
  if (!chart) return;
  chart.getModel().getSeries().forEach(function (model) {
    if (model.id === 'ties-axis') return;
    var data = model.getData();
    for (var i = 0; i < data.count(); i++) {
      var g = data.getItemGraphicEl(i);
      if (!g) continue;
      (g.childCount ? g.children() : [g]).forEach(function (m) {
        if (m.type !== 'text' && m.style && m.style.fill && m.style.fill !== 'none') m.__ecMark = true;
      });
    }
  });
})`

// In every look, each chart's texts have 4.5:1 against the chart's
// background and its marks 3:1: the theme colours are drawn as the look
// draws them.
func TestBrowserChartsKeepTheirContrast(t *testing.T) {
	tt := openTab(t, defaultTimeline(t), 1366, 900)
	for _, look := range charts.Looks {
		for _, path := range []string{"/", "/present/khan-visits-moscow"} {
			tt.open(path + "?look=" + look.Name)
			tt.waitForCharts()
			eval[any](tt, markMarksJS)
			got := eval[struct {
				Problems []string
				Marks    map[string]int
			}](tt, fmt.Sprintf("(%s)(%q)", contrastJS, look.Background))
			for _, p := range got.Problems {
				t.Errorf("%s in the %s look: %s", path, look.Name, p)
			}
			least := map[string]int{"chronology": 36, "player": 1, "per-year": 20, "actors": 20} // the player shows 2001's one event
			if path != "/" {
				least = map[string]int{"strip": 36}
			}
			for k, n := range least {
				if got.Marks[k] < n {
					t.Errorf("%s in the %s look: %d marks of the %s checked, want every event's", path, look.Name, got.Marks[k], k)
				}
			}
		}
	}
}

// A page printed in the dark or projector look prints its charts as paper
// shows them: dark text on white, and no zoom slider; once printing is
// over, they are drawn in the page's look again.
func TestBrowserPrintKeepsChartText(t *testing.T) {
	tt := openTab(t, defaultTimeline(t), 1366, 900)
	for _, look := range []string{"dark", "contrast"} {
		tt.open("/?look=" + look)
		tt.waitForCharts()
		if _, err := chromedp.Call(tt.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
			t.Fatal(err)
		}
		tt.waitFor(`ties.printing() && [...document.querySelectorAll('[data-chart]')].every(e => e.hasAttribute('data-ready'))`)
		eval[any](tt, markMarksJS)
		got := eval[struct{ Problems []string }](tt, fmt.Sprintf("(%s)(%q)", contrastJS, "#ffffff"))
		for _, p := range got.Problems {
			t.Errorf("printed in the %s look: %s", look, p)
		}
		slider := `echarts.getInstanceByDom(document.querySelector('[data-chart="chronology"]')).getOption().dataZoom.filter(z => z.type === 'slider' && z.show !== false).length`
		if n := eval[int](tt, slider); n != 0 {
			t.Errorf("printed in the %s look, the chronology shows %d zoom sliders", look, n)
		}
		if _, err := chromedp.Call(tt.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: ""}); err != nil {
			t.Fatal(err)
		}
		tt.waitFor(`!ties.printing() && [...document.querySelectorAll('[data-chart]')].every(e => e.hasAttribute('data-ready'))`)
		if n := eval[int](tt, slider); n != 1 {
			t.Errorf("after printing in the %s look, the chronology shows %d zoom sliders, want its one", look, n)
		}
	}
}
