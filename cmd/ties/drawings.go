package main

import (
	"bytes"
	"context"
	"log"
	"runtime"
	"sync"

	"ties/timeline/draw"
	"ties/timeline/draw/raster"
)

// drawing is one chart drawn, or being drawn.
type drawing struct {
	done chan struct{}
	d    draw.Drawing
	err  error
	// png is the drawing as a PNG, and svg as an SVG file of its own,
	// compressed; each is made the first time it is asked for, with its
	// ETag, which is not hashed again for each request.
	png func() (cachedPage, error)
	svg func() cachedPage
}

// drawKey names a drawing by what it depends on, so that servers of the
// same timeline, such as a reload that changed no chart, share it.
type drawKey struct {
	option string // the hashed name of its option file
	kind   string
	look   string
	w, h   int
	paper  string
	legend bool
	mark   [3]string // the event ringed and its neighbours
}

// drawings holds every drawing made in this process. A drawing is kept as
// long as the process, as pages are, and is a few tens of kilobytes.
var drawings = struct {
	sync.Mutex
	m map[drawKey]*drawing
}{m: map[drawKey]*drawing{}}

// drawer is the process's ECharts, made the first time a chart is drawn.
var drawer = sync.OnceValues(func() (*draw.Drawer, error) {
	scripts, err := drawScripts()
	if err != nil {
		return nil, err
	}
	return draw.New(scripts, max(1, min(2, runtime.NumCPU()-1)))
})

// drawChart starts drawing a chart, unless it is drawn or being drawn,
// and returns its drawing, which is kept. option is the hashed name of its
// option file (dataSet), which stands for its bytes.
func drawChart(c draw.Chart, option string) *drawing {
	k := drawKey{option, c.Kind, c.Look, c.Width, c.Height, c.Paper, c.Legend, [3]string{c.Marked, c.Neighbours[0], c.Neighbours[1]}}
	drawings.Lock()
	defer drawings.Unlock()
	if d, ok := drawings.m[k]; ok {
		return d
	}
	d := drawOnce(c)
	drawings.m[k] = d
	return d
}

// drawOnce starts drawing a chart, and returns its drawing, which is not
// kept: a picture of a filtered view, of which there is no end.
func drawOnce(c draw.Chart) *drawing {
	d := &drawing{done: make(chan struct{})}
	d.png = sync.OnceValues(func() (cachedPage, error) {
		<-d.done
		if d.err != nil {
			return cachedPage{}, d.err
		}
		var b bytes.Buffer
		if err := raster.PNG(&b, []byte(d.d.SVG), 1); err != nil {
			return cachedPage{}, err
		}
		// A PNG is compressed already: it is sent as it is.
		return cachedPage{body: b.Bytes(), etag: etagOf(b.Bytes())}, nil
	})
	d.svg = sync.OnceValue(func() cachedPage {
		<-d.done
		return compressed([]byte(standalone(d.d.SVG)), brotliFast)
	})
	go func() {
		defer close(d.done)
		dr, err := drawer()
		if err == nil {
			d.d, d.err = dr.Draw(context.Background(), c)
		} else {
			d.err = err
		}
		if d.err != nil {
			log.Printf("ties: %v; the browser draws that chart instead", d.err)
		}
	}()
	return d
}

// failed says whether a drawing is done and failed, which leaves the
// chart to the browser for good.
func (d *drawing) failed() bool {
	select {
	case <-d.done:
		return d.err != nil
	default:
		return false
	}
}

// ready returns a drawing if it is done and good.
func (d *drawing) ready() (draw.Drawing, bool) {
	select {
	case <-d.done:
		return d.d, d.err == nil
	default:
		return draw.Drawing{}, false
	}
}

// wait waits for a drawing, or for ctx to end.
func (d *drawing) wait(ctx context.Context) (draw.Drawing, error) {
	select {
	case <-d.done:
		return d.d, d.err
	case <-ctx.Done():
		return draw.Drawing{}, ctx.Err()
	}
}
