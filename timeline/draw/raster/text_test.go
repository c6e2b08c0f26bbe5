package raster

import (
	"fmt"
	"image"
	"strings"
	"testing"
)

// textInk renders one black <text> on white and returns where its ink is.
func textInk(t *testing.T, attrs, content string) (image.Rectangle, int) {
	t.Helper()
	svg := page(300, 200, fmt.Sprintf(`<text fill="#000" %s>%s</text>`, attrs, content))
	return inkBox(render(t, svg, 1))
}

func TestTextPosition(t *testing.T) {
	// "Hello" has no descender: its ink runs from the cap height down to the baseline. With
	// Go Regular at 20px the cap height is 14.5px; central puts the baseline 7.3px below y.
	cases := []struct {
		name, attrs string
		check       func(r image.Rectangle) bool
	}{
		{"alphabetic start", `x="100" y="100" font-size="20"`, func(r image.Rectangle) bool {
			return near(r.Min.X, 101, 2) && near(r.Max.Y, 100, 1) && near(r.Min.Y, 85, 2)
		}},
		{"central", `x="100" y="100" font-size="20" dominant-baseline="central"`, func(r image.Rectangle) bool {
			return near(r.Max.Y, 107, 1) && near((r.Min.Y+r.Max.Y)/2, 100, 2)
		}},
		{"hanging", `x="100" y="100" font-size="20" dominant-baseline="hanging"`, func(r image.Rectangle) bool {
			return near(r.Min.Y, 101, 2)
		}},
		{"end", `x="100" y="100" font-size="20" text-anchor="end"`, func(r image.Rectangle) bool {
			return near(r.Max.X, 99, 2) && r.Min.X > 40
		}},
		{"middle", `x="100" y="100" font-size="20" text-anchor="middle"`, func(r image.Rectangle) bool {
			return near((r.Min.X+r.Max.X)/2, 100, 2)
		}},
		{"ECharts style", `dominant-baseline="central" text-anchor="middle" style="font-size:20px;font-family:sans-serif;" transform="translate(100 100)"`, func(r image.Rectangle) bool {
			return near((r.Min.X+r.Max.X)/2, 100, 2) && near((r.Min.Y+r.Max.Y)/2, 100, 2)
		}},
	}
	for _, c := range cases {
		box, n := textInk(t, c.attrs, "Hello")
		if n < 50 || !c.check(box) {
			t.Errorf("%s: ink %v (%d pixels)", c.name, box, n)
		}
	}
}

func TestTextAnchorShift(t *testing.T) {
	start, _ := textInk(t, `x="150" y="100" font-size="16"`, "Timeline")
	end, _ := textInk(t, `x="150" y="100" font-size="16" text-anchor="end"`, "Timeline")
	if start.Min.X < 149 || end.Max.X > 151 {
		t.Fatalf("start ink %v should begin at 150, end ink %v should stop there", start, end)
	}
	if d := start.Min.X - end.Min.X; !near(d, start.Dx(), 3) {
		t.Errorf("end moves the text left by its width: moved %d, width %d", d, start.Dx())
	}
}

func TestTextBold(t *testing.T) {
	reg, nReg := textInk(t, `x="10" y="100" font-size="20"`, "Weight Test")
	bold, nBold := textInk(t, `x="10" y="100" font-size="20" font-weight="bold"`, "Weight Test")
	short, _ := textInk(t, `x="10" y="100" style="font: bold 20px sans-serif"`, "Weight Test")
	num, _ := textInk(t, `x="10" y="100" font-size="20" font-weight="700"`, "Weight Test")
	if bold.Dx() <= reg.Dx() || nBold <= nReg*11/10 {
		t.Errorf("bold %v/%d px should be wider and darker than regular %v/%d px", bold, nBold, reg, nReg)
	}
	if short != bold || num != bold {
		t.Errorf("font shorthand %v and weight 700 %v should match font-weight bold %v", short, num, bold)
	}
}

func TestTextContent(t *testing.T) {
	// Escaped user text, characters the Go fonts lack (drawn as .notdef boxes, never dropped),
	// tspans continuing the line, and a text that is only a space.
	for _, content := range []string{"&lt;&amp;&gt;", "中文", "😀", "a<tspan font-weight=\"bold\">b</tspan>c", "  padded  "} {
		if _, n := textInk(t, `x="20" y="100" font-size="20"`, content); n < 20 {
			t.Errorf("%q drew %d ink pixels", content, n)
		}
	}
	if _, n := textInk(t, `x="20" y="100" font-size="20" xml:space="preserve"`, " "); n != 0 {
		t.Errorf("a space drew %d ink pixels", n)
	}
	// Collapsed white space: "a   b" lays out like "a b" unless preserved.
	one, _ := textInk(t, `x="20" y="100" font-size="20"`, "a b")
	many, _ := textInk(t, `x="20" y="100" font-size="20"`, "a  \n  b")
	kept, _ := textInk(t, `x="20" y="100" font-size="20" xml:space="preserve"`, "a   b")
	if one != many || kept.Dx() <= one.Dx() {
		t.Errorf("white space: one %v many %v preserved %v", one, many, kept)
	}
	// A tspan with its own x starts a new chunk there.
	box, _ := textInk(t, `x="20" y="100" font-size="20"`, `<tspan x="200">Z</tspan>`)
	if !near(box.Min.X, 201, 2) {
		t.Errorf("tspan x: ink %v", box)
	}
}

func TestTextHalo(t *testing.T) {
	// ECharts labels: dark fill over a white stroke painted first (paint-order="stroke").
	svg := page(200, 100, `<rect width="200" height="100" fill="#000"/>`+
		`<text x="20" y="60" font-size="30" fill="#000" stroke="#fff" stroke-width="4" paint-order="stroke">Halo</text>`)
	img := render(t, svg, 1)
	white, black := 0, 0
	for y := 20; y < 70; y++ {
		for x := 15; x < 100; x++ {
			c := img.RGBAAt(x, y)
			if c.R > 250 {
				white++
			} else if c.R < 5 {
				black++
			}
		}
	}
	// The halo shows as white outlines around black glyphs; if the fill had been painted
	// first the stroke would cover the letters' inside too.
	if white < 200 || black < 200 {
		t.Errorf("halo: %d white and %d black pixels", white, black)
	}
	if c := img.RGBAAt(23, 50); c.R > 5 { // on the stem of the H
		t.Errorf("glyph stem should stay black under paint-order stroke, got %v", c)
	}
	// Painted the default way, the stroke goes over the thin stem.
	img = render(t, strings.Replace(svg, `paint-order="stroke"`, "", 1), 1)
	if c := img.RGBAAt(23, 50); c.R < 100 {
		t.Errorf("with paint-order normal the stroke should cover the stem, got %v", c)
	}
}
