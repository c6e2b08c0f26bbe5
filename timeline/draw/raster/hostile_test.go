package raster

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestMalformed(t *testing.T) {
	deep := strings.Repeat("<g>", maxDepth+1) + strings.Repeat("</g>", maxDepth+1)
	many := strings.Repeat("<g/>", maxElements)
	cases := map[string]string{
		"empty":          "",
		"not xml":        "hello",
		"unclosed":       `<svg width="10" height="10"><g>`,
		"mismatched":     `<svg width="10" height="10"><g></rect></svg>`,
		"bad attribute":  `<svg width="10" height=10></svg>`,
		"not svg":        `<html width="10" height="10"></html>`,
		"two roots":      `<svg width="10" height="10"></svg><svg width="10" height="10"></svg>`,
		"bad entity":     `<svg width="10" height="10"><text>&bogus;</text></svg>`,
		"no size":        `<svg xmlns="http://www.w3.org/2000/svg"></svg>`,
		"zero size":      `<svg width="0" height="10"></svg>`,
		"negative size":  `<svg width="-5" height="10"></svg>`,
		"huge":           `<svg width="100000" height="10"></svg>`,
		"huge by scale":  `<svg width="5000" height="10"></svg>`,
		"nan size":       `<svg width="NaN" height="10"></svg>`,
		"deep":           `<svg width="10" height="10">` + deep + `</svg>`,
		"many":           `<svg width="10" height="10">` + many + `</svg>`,
		"control char":   "<svg width=\"10\" height=\"10\"><text>\x01</text></svg>",
		"percent width":  `<svg width="100%" height="100%"></svg>`,
		"invalid utf-8":  "<svg width=\"10\" height=\"10\"><text>\xff</text></svg>",
		"doctype bomb":   `<!DOCTYPE svg [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><svg width="10" height="10"><text>&b;</text></svg>`,
		"cdata outside":  `<svg width="10" height="10"></svg><![CDATA[x]]>`,
		"unclosed quote": `<svg width="10 height="10"></svg>`,
	}
	for name, svg := range cases {
		if _, err := Image([]byte(svg), 2); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	for _, scale := range []float64{0, -1, 1e300} {
		if _, err := Image([]byte(`<svg width="10" height="10"></svg>`), scale); err == nil {
			t.Errorf("scale %v: no error", scale)
		}
	}
	if _, err := Image(make([]byte, maxInput+1), 1); err == nil {
		t.Error("oversized input: no error")
	}
}

// TestHostileGeometry feeds content that is valid XML but designed to be expensive or to
// break number handling; each must finish quickly, without panicking.
func TestHostileGeometry(t *testing.T) {
	long := strings.Repeat("W", maxTextRunes/4)
	bodies := map[string]string{
		"far path":       `<path d="M-1e300 -1e300L1e300 1e300L1e300 -1e300Z" stroke="#000"/>`,
		"huge curve":     `<path d="M0 0C1e200 1e200 -1e200 1e200 100 100" stroke="#000" fill="#f00"/>`,
		"huge arc":       `<path d="M10 10A1e300 1e300 0 1 1 20 20A0 5 0 0 0 30 30" stroke="#000"/>`,
		"nan path":       `<path d="M0 0L NaN 5 L10 10"/><path d="M0 0L1e400 5"/>`,
		"fine dash":      `<path d="M0 0L1e9 1e9" stroke="#000" stroke-dasharray="0.0001"/>`,
		"zero dash":      `<path d="M0 0L100 100" stroke="#000" stroke-dasharray="0,0" stroke-linecap="round"/>`,
		"wide stroke":    `<path d="M0 0L100 100" stroke="#000" stroke-width="1e300" stroke-linejoin="round"/>`,
		"huge font":      `<text font-size="1e300" x="0" y="0" stroke="#000">huge</text>`,
		"tiny font":      `<text font-size="1e-300" x="0" y="0">tiny</text>`,
		"long text":      `<text x="0" y="50">` + long + `</text>`,
		"singular":       `<rect width="10" height="10" transform="matrix(0,0,0,0,0,0)" stroke="#000"/>`,
		"bad transform":  `<rect width="10" height="10" transform="rotate(1e308) scale(1e308)"/>`,
		"self clip":      `<g clip-path="url(#a)"><rect width="10" height="10"/></g><clipPath id="a" clip-path="url(#a)"><rect width="5" height="5" clip-path="url(#a)"/></clipPath>`,
		"gradient cycle": `<rect width="10" height="10" fill="url(#g)"/><linearGradient id="g" href="#h"/><linearGradient id="h" href="#g"/>`,
		"nested clips":   strings.Repeat(`<g clip-path="url(#b)">`, 200) + `<rect width="100" height="100"/>` + strings.Repeat(`</g>`, 200) + `<clipPath id="b"><rect width="100" height="100"/></clipPath>`,
		"many points":    `<polyline stroke="#000" points="` + strings.Repeat("0 0 100 100 ", 100000) + `"/>`,
	}
	for name, body := range bodies {
		start := time.Now()
		_, err := Image([]byte(page(100, 100, body)), 1)
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("%s took %v", name, d)
		}
		t.Logf("%s: err=%v", name, err)
	}
}

func FuzzPNG(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.svg"))
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(page(50, 50, `<text x="5" y="20" dominant-baseline="central">a<tspan dy="3">b</tspan></text>`)))
	f.Add([]byte(page(50, 50, `<path d="M0 0a5 5 0 1 1 10 10q5 5 10 0t5 5s3 3 4 4h3v3z" stroke="#000" stroke-dasharray="2 1"/>`)))
	f.Fuzz(func(t *testing.T, svg []byte) {
		img, err := Image(svg, 1)
		if err != nil {
			return
		}
		if b := img.Bounds(); b.Dx() < 1 || b.Dy() < 1 || b.Dx() > maxPixels || b.Dy() > maxPixels {
			t.Fatalf("image of %v", b)
		}
	})
}
