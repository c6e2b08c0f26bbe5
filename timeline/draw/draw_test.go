package draw

import (
	"context"
	"io/fs"
	"strings"
	"testing"

	"ties/assets"
)

// echartsScript is ECharts' server build, as the server runs it.
func echartsScript(tb testing.TB) Script {
	tb.Helper()
	src, err := fs.ReadFile(assets.FS, "vendor/echarts/echarts.ssr.min.js")
	if err != nil {
		tb.Fatal(err)
	}
	return Script{Name: "echarts.ssr.min.js", Source: string(src)}
}

// bars is a drawSVG of its own: two bars, with the option's title.
const bars = `ties.drawSVG = function (kind, json, width, height, look, legend, paper) {
	var o = JSON.parse(json);
	if (o.fail) { throw new Error('asked to fail'); }
	if (o.loop) { for (;;) {} }
	var chart = echarts.init(null, null, {renderer: 'svg', ssr: true, width: width, height: height});
	echarts.tiesMarks();
	chart.setOption({animation: false, title: {text: o.title}, xAxis: {type: 'category', data: ['a', 'b']}, yAxis: {type: 'value'},
		series: [{type: 'bar', data: [2, 4]}]});
	var svg = chart.renderToSVGString();
	chart.dispose();
	return JSON.stringify({svg: svg, items: [{name: 'bars'}]});
};`

func TestDraw(t *testing.T) {
	d, err := New([]Script{echartsScript(t), {Name: "bars.js", Source: bars}}, 1)
	if err != nil {
		t.Fatal(err)
	}
	got, err := d.Draw(context.Background(), Chart{Kind: "bars", Option: []byte(`{"title": "</text><script>x</script>"}`), Width: 400, Height: 200})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<svg aria-hidden="true"`, `width="400"`, `data-ecmeta-series-index="0"`, `data-ecmeta-data-index="1"`, "&lt;/text&gt;&lt;script&gt;"} {
		if !strings.Contains(got.SVG, want) {
			t.Errorf("the drawing has no %s", want)
		}
	}
	if strings.Contains(got.SVG, "ecmeta_") || strings.Contains(got.SVG, "<script>") {
		t.Error("the drawing keeps an ecmeta_ attribute, or text became markup")
	}
	// A script that fails is an error, and the engine after it still draws.
	if _, err := d.Draw(context.Background(), Chart{Kind: "bars", Option: []byte(`{"fail": true}`), Width: 400, Height: 200}); err == nil || !strings.Contains(err.Error(), "asked to fail") {
		t.Errorf("a failing drawing gave %v", err)
	}
	// A drawing that never ends stops when its context does.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := d.Draw(ctx, Chart{Kind: "bars", Option: []byte(`{"loop": true}`), Width: 400, Height: 200}); err == nil {
		t.Error("a drawing asked for with a context that ended did not fail")
	}
	if _, err := d.Draw(context.Background(), Chart{Kind: "bars", Option: []byte(`{"title": "again"}`), Width: 400, Height: 200}); err != nil {
		t.Errorf("drawing after a failure: %v", err)
	}
}

func TestNewNeedsDrawSVG(t *testing.T) {
	d, err := New([]Script{echartsScript(t)}, 1)
	if err == nil {
		_, err = d.Draw(context.Background(), Chart{Kind: "bars", Option: []byte(`{}`), Width: 10, Height: 10})
	}
	if err == nil || !strings.Contains(err.Error(), "drawSVG") {
		t.Errorf("scripts without ties.drawSVG gave %v", err)
	}
	if _, err := New([]Script{echartsScript(t), {Name: "broken.js", Source: "function ("}}, 1); err == nil || !strings.Contains(err.Error(), "broken.js") {
		t.Errorf("a script that does not compile gave %v", err)
	}
}

func TestMeasureKnowsBold(t *testing.T) {
	m := measure()
	regular, bold := m.width("Khan visits Moscow", "44px sans-serif"), m.width("Khan visits Moscow", "bold 44px sans-serif")
	if !(bold > regular*1.03) || regular < 300 {
		t.Errorf("at 44px, regular is %.1f px and bold %.1f", regular, bold)
	}
}
