// Package draw draws charts on the server with ECharts itself, as SVG: the
// server build of ECharts and the scripts that draw ties' charts in the
// browser run on goja, an embedded JavaScript engine, so that a chart is
// drawn by the same code in both places and never by a second one in Go.
package draw

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/dop251/goja"
)

// Script is a JavaScript file the engines run, in order, before drawing.
type Script struct {
	Name   string // for errors, such as "vendor/echarts/echarts.ssr.min.js"
	Source string
}

// Chart is what to draw.
type Chart struct {
	Kind   string          // "chronology", "player", "per-year", "actors", "strip" or "card"
	Option json.RawMessage // the chart's option file, as the browser gets it
	Width  int
	Height int
	Look   string // "default", "dark" or "contrast"
	// Legend is whether the page shows the chart's legend itself, as
	// buttons, so that the drawing leaves it out.
	Legend bool
	// Paper is the colour drawn behind the chart, or "" for none, as in a
	// page, which has its own.
	Paper string
	// Marked is the event that a chart rings, "" for none, as the slide
	// show's strip rings the event presented; Neighbours are the events
	// before and after it in the show, which the strip names too.
	Marked     string
	Neighbours [2]string
}

// Drawing is a chart drawn: its SVG, and what each of its marks stands
// for, by series and index, as the marks' ecmeta attributes number them.
type Drawing struct {
	SVG   string
	Items json.RawMessage
	// Width and Height are the size it was drawn at (Chart's).
	Width, Height int
}

// Limit is how long one drawing may take before it is stopped: a chart
// that takes longer is drawn in the browser instead.
const Limit = time.Minute

// prelude gives the engine the timers the scripts expect, which run only
// when runTimers is called, as drawing once needs no clock.
const prelude = `(function () {
  var timers = [];
  globalThis.setTimeout = function (f) { timers.push(f); return timers.length; };
  globalThis.clearTimeout = function (id) { if (id > 0 && id <= timers.length) { timers[id - 1] = null; } };
  globalThis.runTimers = function () {
    var now = timers;
    timers = [];
    now.forEach(function (f) { if (typeof f === 'function') { f(); } });
  };
  globalThis.setInterval = function () { return 0; };
  globalThis.clearInterval = function () {};
  globalThis.console = { log: function () {}, warn: function () {}, error: function () {} };
}());`

// window is run after ECharts, which takes a server for a browser if it
// finds a window: the scripts that come after it keep their state on it.
const window = `var window = globalThis;
window.ties = { runTimers: function () { runTimers(); } };`

// Drawer draws charts. Its engines are made as drawings are asked for, up
// to its maximum, and kept: compiling ECharts takes a tenth of a second,
// once per process, and running it into an engine as long again.
type Drawer struct {
	programs []*goja.Program
	names    []string
	idle     chan *engine
	slots    chan struct{} // one per engine that may be made
}

type engine struct {
	rt   *goja.Runtime
	draw goja.Callable
}

// New compiles scripts, ECharts' server build first, for at most engines running at once.
func New(scripts []Script, engines int) (*Drawer, error) {
	if engines < 1 {
		engines = 1
	}
	d := &Drawer{idle: make(chan *engine, engines), slots: make(chan struct{}, engines)}
	if len(scripts) == 0 {
		return nil, errors.New("draw: no scripts: ECharts comes first")
	}
	all := append([]Script{{Name: "prelude.js", Source: prelude}, scripts[0], {Name: "window.js", Source: window}}, scripts[1:]...)
	for _, s := range all {
		p, err := goja.Compile(s.Name, s.Source, true)
		if err != nil {
			return nil, fmt.Errorf("draw: compiling %s: %w", s.Name, err)
		}
		d.programs = append(d.programs, p)
		d.names = append(d.names, s.Name)
	}
	for range engines {
		d.slots <- struct{}{}
	}
	return d, nil
}

// get returns an idle engine, or makes one if it may, or waits for one.
func (d *Drawer) get(ctx context.Context) (*engine, error) {
	select {
	case e := <-d.idle:
		return e, nil
	default:
	}
	select {
	case e := <-d.idle:
		return e, nil
	case <-d.slots:
		e, err := d.start()
		if err != nil {
			d.slots <- struct{}{}
		}
		return e, err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// start makes an engine and runs the scripts in it.
func (d *Drawer) start() (*engine, error) {
	rt := goja.New()
	if err := rt.Set("tiesMeasure", measure().width); err != nil {
		return nil, err
	}
	for i, p := range d.programs {
		if _, err := rt.RunProgram(p); err != nil {
			return nil, fmt.Errorf("draw: running %s: %w", d.names[i], err)
		}
	}
	ties := rt.Get("ties")
	if ties == nil || goja.IsUndefined(ties) {
		return nil, errors.New("draw: the scripts set no ties")
	}
	fn, ok := goja.AssertFunction(ties.ToObject(rt).Get("drawSVG"))
	if !ok {
		return nil, errors.New("draw: the scripts set no ties.drawSVG")
	}
	return &engine{rt: rt, draw: fn}, nil
}

// Draw draws a chart. A drawing that fails or takes longer than Limit is an
// error; the engine it ran on is then dropped, since a script stopped
// half-way may have left it in any state.
func (d *Drawer) Draw(ctx context.Context, c Chart) (Drawing, error) {
	e, err := d.get(ctx)
	if err != nil {
		return Drawing{}, err
	}
	timer := time.AfterFunc(Limit, func() { e.rt.Interrupt("took longer than " + Limit.String()) })
	stop := context.AfterFunc(ctx, func() { e.rt.Interrupt(ctx.Err()) })
	v, err := e.draw(goja.Undefined(),
		e.rt.ToValue(c.Kind), e.rt.ToValue(string(c.Option)), e.rt.ToValue(c.Width), e.rt.ToValue(c.Height),
		e.rt.ToValue(c.Look), e.rt.ToValue(c.Legend), e.rt.ToValue(c.Paper),
		e.rt.ToValue(c.Marked), e.rt.ToValue(c.Neighbours[0]), e.rt.ToValue(c.Neighbours[1]))
	interrupted := !timer.Stop() || !stop()
	var out struct {
		SVG   string          `json:"svg"`
		Items json.RawMessage `json:"items"`
	}
	if err == nil {
		err = json.Unmarshal([]byte(v.String()), &out)
	}
	if err != nil || interrupted {
		d.slots <- struct{}{} // dropped; another may be made
		if err == nil {
			err = errors.New("interrupted")
		}
		return Drawing{}, fmt.Errorf("draw: the %s chart: %w", c.Kind, err)
	}
	d.idle <- e
	return Drawing{SVG: inline(out.SVG), Items: out.Items, Width: c.Width, Height: c.Height}, nil
}

// inline makes ECharts' SVG fit to be put in a page: hidden from screen
// readers, which the chart's element names instead, and sized by the page,
// keeping the size it was drawn at in its viewBox. The marks' ecmeta_…
// attributes, which HTML does not allow, become data-ecmeta-… ones, and
// ecmeta_ssr_type, which the page does not read, goes. Text cannot hold
// them: ECharts escapes every quote in it.
func inline(svg string) string {
	const open = "<svg "
	if !strings.HasPrefix(svg, open) {
		return svg
	}
	svg = ssrType.ReplaceAllString(svg, "")
	svg = ecmeta.ReplaceAllStringFunc(svg, func(a string) string {
		name := strings.TrimPrefix(strings.TrimSuffix(a, `="`), " ecmeta_")
		return " data-ecmeta-" + strings.ReplaceAll(name, "_", "-") + `="`
	})
	return open + `aria-hidden="true" focusable="false" preserveAspectRatio="xMidYMid meet" ` + svg[len(open):]
}

var (
	ecmeta  = regexp.MustCompile(` ecmeta_[a-z_]+="`)
	ssrType = regexp.MustCompile(` ecmeta_ssr_type="[a-z]*"`)
)
