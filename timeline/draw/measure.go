package draw

import (
	"regexp"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gobolditalic"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
)

// The server measures text with the Go fonts, which the PNGs are drawn
// with (package raster), so that ECharts lays out a picture's texts at the
// widths they are drawn at, bold and italic included, where its own guess
// takes every font for a regular one. The Go fonts' regular widths are
// within a percent of that guess, so a page's drawing, which the browser
// shows in its own sans-serif, is laid out as before.

var fontFiles = map[[2]bool][]byte{
	{false, false}: goregular.TTF,
	{true, false}:  gobold.TTF,
	{false, true}:  goitalic.TTF,
	{true, true}:   gobolditalic.TTF,
}

// fontSize finds a CSS font's size in pixels.
var fontSize = regexp.MustCompile(`(\d+(?:\.\d+)?)px`)

// measurer measures texts. Its faces are made once per style and size,
// and are not safe for use by two goroutines at once: mu guards them.
type measurer struct {
	mu    sync.Mutex
	fonts map[[2]bool]*opentype.Font
	faces map[faceKey]font.Face
}

type faceKey struct {
	bold, italic bool
	size         float64
}

var measure = sync.OnceValue(func() *measurer {
	m := &measurer{fonts: map[[2]bool]*opentype.Font{}, faces: map[faceKey]font.Face{}}
	for k, ttf := range fontFiles {
		f, err := opentype.Parse(ttf)
		if err != nil {
			panic("draw: the Go fonts do not parse: " + err.Error()) // they are compiled in
		}
		m.fonts[k] = f
	}
	return m
})

// width is the width in pixels of text in a CSS font, such as
// "bold 44px sans-serif".
func (m *measurer) width(text, cssFont string) float64 {
	k := faceKey{size: 12}
	if s := fontSize.FindStringSubmatch(cssFont); s != nil {
		if v, err := strconv.ParseFloat(s[1], 64); err == nil && v > 0 && v < 1000 {
			k.size = v
		}
	}
	for _, w := range strings.Fields(cssFont) {
		switch w {
		case "bold", "bolder", "600", "700", "800", "900":
			k.bold = true
		case "italic", "oblique":
			k.italic = true
		}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	face, ok := m.faces[k]
	if !ok {
		var err error
		face, err = opentype.NewFace(m.fonts[[2]bool{k.bold, k.italic}], &opentype.FaceOptions{Size: k.size, DPI: 72, Hinting: font.HintingNone})
		if err != nil {
			return k.size * 0.6 * float64(len([]rune(text)))
		}
		m.faces[k] = face
	}
	return float64(font.MeasureString(face, text)) / 64
}
