package raster

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// samples are ECharts 5.6 SSR outputs (see testdata) with the fill of their background rect.
var samples = map[string]color.RGBA{
	"bar.svg":      {255, 255, 255, 255},
	"custom.svg":   {0xfa, 0xfa, 0xfa, 255},
	"graph.svg":    {255, 255, 255, 255},
	"line.svg":     {255, 255, 255, 255},
	"richtext.svg": {255, 255, 255, 255},
	"timeline.svg": {0xf0, 0xf0, 0xf0, 255},
}

func readSample(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// render rasterises svg and returns it as RGBA, failing the test on error.
func render(t testing.TB, svg string, scale float64) *image.RGBA {
	t.Helper()
	img, err := Image([]byte(svg), scale)
	if err != nil {
		t.Fatalf("Image: %v\n%s", err, svg)
	}
	return img.(*image.RGBA)
}

// page wraps elements in a white w×h SVG like the ones ECharts writes.
func page(w, h int, body string) string {
	return fmt.Sprintf(`<svg width="%d" height="%d" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d">`+
		`<rect width="%d" height="%d" x="0" y="0" fill="#fff"></rect>%s</svg>`, w, h, w, h, w, h, body)
}

// inkBox is the bounding box of the pixels that are not close to white, and how many there are.
func inkBox(img *image.RGBA) (image.Rectangle, int) {
	var r image.Rectangle
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := img.RGBAAt(x, y)
			if int(c.R)+int(c.G)+int(c.B) < 3*200 {
				n++
				r = r.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	return r, n
}

func near(a, b, tol int) bool { return a-b <= tol && b-a <= tol }

func TestPNGSize(t *testing.T) {
	cases := []struct {
		svg        string
		scale      float64
		wantW, wnH int
	}{
		{string(readSample(t, "bar.svg")), 1, 800, 400},
		{string(readSample(t, "bar.svg")), 2, 1600, 800},
		{string(readSample(t, "graph.svg")), 2, 1600, 800},
		{`<svg xmlns="http://www.w3.org/2000/svg" width="123.4" height="56.6"></svg>`, 2, 247, 113},
		{`<svg xmlns="http://www.w3.org/2000/svg" width="100px" height="50" viewBox="0 0 10 5"></svg>`, 1, 100, 50},
		{`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 30 20"></svg>`, 1, 30, 20},
	}
	for _, c := range cases {
		var buf bytes.Buffer
		if err := PNG(&buf, []byte(c.svg), c.scale); err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(&buf)
		if err != nil {
			t.Fatal(err)
		}
		if got := img.Bounds().Size(); got != image.Pt(c.wantW, c.wnH) {
			t.Errorf("scale %v: size %v, want %dx%d", c.scale, got, c.wantW, c.wnH)
		}
	}
}

func TestSamples(t *testing.T) {
	for name, bg := range samples {
		for _, scale := range []float64{1, 2} {
			img := render(t, string(readSample(t, name)), scale)
			b := img.Bounds()
			for _, p := range []image.Point{{0, 0}, {b.Max.X - 1, 0}, {0, b.Max.Y - 1}, {b.Max.X - 1, b.Max.Y - 1}} {
				if got := img.RGBAAt(p.X, p.Y); got != bg {
					t.Errorf("%s ×%v: corner %v is %v, want background %v", name, scale, p, got, bg)
				}
			}
			// Not blank: a fair share of the picture differs from the background.
			differ := 0
			for y := 0; y < b.Max.Y; y++ {
				for x := 0; x < b.Max.X; x++ {
					if img.RGBAAt(x, y) != bg {
						differ++
					}
				}
			}
			if frac := float64(differ) / float64(b.Dx()*b.Dy()); frac < 0.005 {
				t.Errorf("%s ×%v: only %.4f of the pixels are drawn", name, scale, frac)
			}
		}
	}
}

// TestSampleDetails checks things the samples must show: clipped bars inside the grid, the
// gradient of the bar series, the label text.
func TestSampleDetails(t *testing.T) {
	img := render(t, string(readSample(t, "custom.svg")), 1)
	// The third bar runs to x=848 but its clip path ends the grid at x=720.
	if c := img.RGBAAt(700, 105); c.R > 200 {
		t.Errorf("inside the clip the bar should be drawn, got %v", c)
	}
	if c := img.RGBAAt(760, 105); c != (color.RGBA{0xfa, 0xfa, 0xfa, 255}) {
		t.Errorf("outside the clip the bar must not be drawn, got %v", c)
	}
	bar := render(t, string(readSample(t, "bar.svg")), 1)
	// The first series is filled with a vertical gradient from #83bff6 to #188df0.
	top, bottom := bar.RGBAAt(374, 92), bar.RGBAAt(374, 326)
	if !(near(int(top.R), 0x83, 12) && near(int(bottom.R), 0x18, 12)) {
		t.Errorf("gradient bar: top %v bottom %v", top, bottom)
	}
	// The y axis labels sit right-aligned against x=72 with their centre on their tick.
	sub := bar.SubImage(image.Rect(40, 320, 80, 340)).(*image.RGBA)
	box, n := inkBox(sub)
	if n == 0 || !near(box.Max.X, 72, 2) || !near((box.Min.Y+box.Max.Y)/2, 330, 2) {
		t.Errorf("label 0 ink at %v (%d pixels), want right edge 72 and centre y 330", box, n)
	}
}

func TestTransform(t *testing.T) {
	cases := []struct {
		body string
		want image.Rectangle
	}{
		{`<rect width="20" height="10" fill="#000" transform="translate(100 50)"/>`, image.Rect(100, 50, 120, 60)},
		// rotate(90) maps (x, y) to (-y, x).
		{`<rect width="20" height="10" fill="#000" transform="translate(100 50) rotate(90)"/>`, image.Rect(90, 50, 100, 70)},
		{`<rect width="20" height="10" fill="#000" transform="matrix(2,0,0,-1,10,100)"/>`, image.Rect(10, 90, 50, 100)},
		{`<g transform="scale(2)"><rect x="5" y="5" width="10" height="10" fill="#000"/></g>`, image.Rect(10, 10, 30, 30)},
		{`<rect width="10" height="10" fill="#000" transform="rotate(180 50 50)"/>`, image.Rect(90, 90, 100, 100)},
	}
	for _, c := range cases {
		box, _ := inkBox(render(t, page(200, 200, c.body), 1))
		if box != c.want {
			t.Errorf("%s: ink %v, want %v", c.body, box, c.want)
		}
	}
	// At scale 2 every coordinate doubles.
	box, _ := inkBox(render(t, page(200, 200, cases[1].body), 2))
	if want := image.Rect(180, 100, 200, 140); box != want {
		t.Errorf("scale 2: ink %v, want %v", box, want)
	}
}

func TestClip(t *testing.T) {
	// The clipPath comes after its use, as ECharts writes it.
	svg := page(200, 200, `<g clip-path="url(#c)"><rect width="200" height="200" fill="#f00"/></g>`+
		`<defs><clipPath id="c"><path d="M50 60L100 60L100 90L50 90Z" fill="#000"/></clipPath></defs>`)
	img := render(t, svg, 1)
	box, _ := inkBox(img)
	if box != image.Rect(50, 60, 100, 90) {
		t.Errorf("clipped ink %v, want (50,60)-(100,90)", box)
	}
	if c := img.RGBAAt(75, 75); c != (color.RGBA{255, 0, 0, 255}) {
		t.Errorf("inside the clip: %v", c)
	}
	// A circular clip really is circular: the corners of its box stay white.
	img = render(t, page(200, 200, `<rect width="200" height="200" fill="#00f" clip-path="url(#k)"/>`+
		`<defs><clipPath id="k"><circle cx="100" cy="100" r="50"/></clipPath></defs>`), 1)
	if c := img.RGBAAt(100, 100); c != (color.RGBA{0, 0, 255, 255}) {
		t.Errorf("circle clip centre: %v", c)
	}
	if c := img.RGBAAt(56, 56); c != (color.RGBA{255, 255, 255, 255}) {
		t.Errorf("circle clip corner should be white: %v", c)
	}
	// A reference to a missing clipPath is ignored, and an empty clipPath hides everything.
	if _, n := inkBox(render(t, page(50, 50, `<rect width="50" height="50" clip-path="url(#none)"/>`), 1)); n != 2500 {
		t.Errorf("missing clip: %d ink pixels, want 2500", n)
	}
	if _, n := inkBox(render(t, page(50, 50, `<rect width="50" height="50" clip-path="url(#e)"/><clipPath id="e"/>`), 1)); n != 0 {
		t.Errorf("empty clip: %d ink pixels, want 0", n)
	}
}

func TestPaint(t *testing.T) {
	// Group opacity composites the group; element opacity multiplies fill and stroke.
	img := render(t, page(100, 100, `<g opacity="0.5"><rect width="50" height="50" fill="#000"/><rect x="25" width="50" height="50" fill="#000"/></g>`+
		`<rect y="60" width="40" height="40" fill="black" fill-opacity="0.25"/>`), 1)
	if c := img.RGBAAt(30, 25); !near(int(c.R), 128, 2) {
		t.Errorf("overlap in a half-opaque group should be mid grey, got %v", c)
	}
	if c := img.RGBAAt(20, 80); !near(int(c.R), 191, 2) {
		t.Errorf("fill-opacity 0.25 black on white: %v", c)
	}
	// A dashed stroke alternates ink and gaps along the line.
	img = render(t, page(100, 20, `<path d="M0 10.5L100 10.5" stroke="#000" stroke-dasharray="10,10" fill="none"/>`), 1)
	if a, b := img.RGBAAt(5, 10), img.RGBAAt(15, 10); a.R > 60 || b.R < 250 {
		t.Errorf("dash at 5 is %v, gap at 15 is %v", a, b)
	}
	// Stroke width and linecap: a square cap extends the line by half the width.
	box, _ := inkBox(render(t, page(100, 40, `<line x1="20" y1="20" x2="80" y2="20" stroke="#000" stroke-width="10" stroke-linecap="square"/>`), 1))
	if box != image.Rect(15, 15, 85, 25) {
		t.Errorf("square-capped line ink %v", box)
	}
	// Joins: at a right-angled corner a miter fills the outer square, bevel and round do not
	// reach its far corner.
	for join, wantInk := range map[string]bool{"miter": true, "bevel": false, "round": false} {
		img := render(t, page(100, 100, `<polyline points="20 80 20 20 80 20" fill="none" stroke="#000" stroke-width="10" stroke-linejoin="`+join+`"/>`), 1)
		if ink := img.RGBAAt(15, 15).R < 128; ink != wantInk {
			t.Errorf("%s join: corner pixel %v", join, img.RGBAAt(15, 15))
		}
	}
	// Radial gradient: the centre has the first stop, the rim the last.
	img = render(t, page(100, 100, `<circle cx="50" cy="50" r="50" fill="url(#r)"/><defs><radialGradient id="r">`+
		`<stop offset="0" stop-color="#f00"/><stop offset="1" stop-color="#00f"/></radialGradient></defs>`), 1)
	if c, e := img.RGBAAt(50, 50), img.RGBAAt(50, 2); c.R < 240 || e.B < 200 {
		t.Errorf("radial gradient centre %v, edge %v", c, e)
	}
}

func TestColors(t *testing.T) {
	cases := map[string]rgba{
		"#f00":                  {1, 0, 0, 1},
		"#00ff0080":             {0, 1, 0, 128.0 / 255},
		"rgb(0,0,255)":          {0, 0, 1, 1},
		"rgba(255, 0, 0, 0.5)":  {1, 0, 0, 0.5},
		"rgb(100%, 0%, 0%)":     {1, 0, 0, 1},
		"navy":                  {0, 0, 128.0 / 255, 1},
		"Orange":                {1, 165.0 / 255, 0, 1},
		"transparent":           {0, 0, 0, 0},
		"hsl(120, 100%, 50%)":   {0, 1, 0, 1},
		"rgb(255 255 255 / 0%)": {1, 1, 1, 0},
	}
	for in, want := range cases {
		got, ok := parseColor(in)
		if !ok || math.Abs(got.r-want.r)+math.Abs(got.g-want.g)+math.Abs(got.b-want.b)+math.Abs(got.a-want.a) > 1e-6 {
			t.Errorf("parseColor(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
	for _, bad := range []string{"#ggg", "#12345", "rgb(1,2)", "nosuchcolour", "rgb(nan,0,0)"} {
		if _, ok := parseColor(bad); ok {
			t.Errorf("parseColor(%q) accepted", bad)
		}
	}
}

func TestConcurrent(t *testing.T) {
	svg := readSample(t, "richtext.svg")
	want := render(t, string(svg), 1)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			img, err := Image(svg, 1)
			if err == nil && !bytes.Equal(img.(*image.RGBA).Pix, want.Pix) {
				err = fmt.Errorf("concurrent render differs")
			}
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
}

func BenchmarkPNG(b *testing.B) {
	// line.svg is the largest sample: 300-point smooth line, area gradient, dashed series, dataZoom.
	svg := readSample(b, "line.svg")
	for _, scale := range []float64{1, 2} {
		b.Run(strings.TrimSuffix(fmt.Sprintf("x%v", scale), ".0"), func(b *testing.B) {
			for b.Loop() {
				if err := PNG(&bytes.Buffer{}, svg, scale); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// A pattern fill repeats its tile across the shape, in the user space of the shape, as ECharts
// draws the decals that tell the themes' bars apart without their colours.
func TestPatternRepeatsItsTile(t *testing.T) {
	const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40">
<rect width="40" height="40" fill="#ffffff"/>
<g transform="translate(2 0)"><rect width="38" height="40" fill="url(#p)"/></g>
<defs><pattern id="p" width="10" height="10" patternUnits="userSpaceOnUse"><g>
<path d="M0 0l5 0l0 5l-5 0Z" fill="rgb(0,0,0)"/><path d="M-2 -2l1 0l0 1l-1 0Z" fill="rgb(255,0,0)"/>
</g></pattern></defs></svg>`
	for _, scale := range []float64{1, 2} {
		img := render(t, svg, scale)
		at := func(x, y float64) color.RGBA { return img.RGBAAt(int(x*scale), int(y*scale)) }
		black, white := color.RGBA{0, 0, 0, 255}, color.RGBA{255, 255, 255, 255}
		// The tile starts where the group's user space does, at x = 2.
		for _, p := range [][2]float64{{4, 2}, {14, 12}, {24, 32}, {34.5, 4.5}} {
			if got := at(p[0], p[1]); got != black {
				t.Errorf("×%v: at %v, in a tile's square: %v, want black", scale, p, got)
			}
		}
		for _, p := range [][2]float64{{1, 2}, {9, 8}, {18, 18}, {30, 24}} {
			if got := at(p[0], p[1]); got != white {
				t.Errorf("×%v: at %v, between the squares (or left of the shape): %v, want white", scale, p, got)
			}
		}
	}
	// A pattern the rasteriser does not model is not drawn, nor is one that would need a
	// tile of a billion pixels.
	for name, p := range map[string]string{
		"object bounding box": `<pattern id="p" width="0.5" height="0.5"><rect width="5" height="5"/></pattern>`,
		"huge tile":           `<pattern id="p" width="1e5" height="1e5" patternUnits="userSpaceOnUse"><rect width="5" height="5"/></pattern>`,
		"itself":              `<pattern id="p" width="10" height="10" patternUnits="userSpaceOnUse"><rect width="5" height="5" fill="url(#p)"/></pattern>`,
	} {
		img := render(t, `<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20"><rect width="20" height="20" fill="url(#p) #ffffff"/>`+p+`</svg>`, 1)
		want := color.RGBA{255, 255, 255, 255}
		if name == "itself" {
			want = color.RGBA{} // its tile is drawn, empty: inside it, the reference is not
		}
		if got := img.RGBAAt(2, 2); got != want {
			t.Errorf("%s: %v at (2, 2), want %v", name, got, want)
		}
	}
}

// A translucent fill over an opaque page leaves it opaque, at the fill's anti-aliased edges
// too, where the blend once rounded past 255 and wrapped to a transparent pixel; and so does a
// translucent group, composited.
func TestTranslucentEdgesStayOpaque(t *testing.T) {
	img := render(t, page(60, 60, `<circle cx="20.3" cy="20.6" r="13.7" fill="#000" fill-opacity="0.2"/>`+
		`<g opacity="0.3"><circle cx="40.4" cy="40.2" r="12.9" fill="#c18600" fill-opacity="0.5"/></g>`), 1)
	n := 0
	for y := 0; y < 60; y++ {
		for x := 0; x < 60; x++ {
			if img.RGBAAt(x, y).A != 255 {
				n++
			}
		}
	}
	if n > 0 {
		t.Errorf("%d pixels of an opaque page are no longer opaque", n)
	}
}
