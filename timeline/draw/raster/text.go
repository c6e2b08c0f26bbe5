package raster

import (
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// italicSlant is the shear of the synthesised italic: the Go fonts in use have no italic face.
const italicSlant = 0.2

// face is one of the two embedded fonts with its metrics in em units and a cache of glyph
// outlines. sfnt.Font is read-only after parsing; the cache and its Buffer are guarded by mu,
// so concurrent Image calls are safe.
type face struct {
	f                  *sfnt.Font
	ppem               fixed.Int26_6 // units per em as the size, so outlines come in font units
	upem               float64
	ascent, descent, x float64

	mu     sync.Mutex
	buf    sfnt.Buffer
	glyphs map[rune]*glyph
}

type glyph struct {
	idx     sfnt.GlyphIndex
	advance float64 // em
	outline path    // em, y down, origin on the baseline
}

var (
	facesOnce sync.Once
	faces     [2]*face // regular, bold
	facesErr  error
)

func loadFaces() ([2]*face, error) {
	facesOnce.Do(func() {
		for i, ttf := range [][]byte{goregular.TTF, gobold.TTF} {
			f, err := sfnt.Parse(ttf)
			if err != nil {
				facesErr = err
				return
			}
			fc := &face{f: f, upem: float64(f.UnitsPerEm()), glyphs: map[rune]*glyph{}}
			fc.ppem = fixed.I(int(f.UnitsPerEm()))
			m, err := f.Metrics(&fc.buf, fc.ppem, font.HintingNone)
			if err != nil {
				facesErr = err
				return
			}
			fc.ascent = float64(m.Ascent) / 64 / fc.upem
			fc.descent = float64(m.Descent) / 64 / fc.upem
			fc.x = float64(m.XHeight) / 64 / fc.upem
			faces[i] = fc
		}
	})
	return faces, facesErr
}

// glyph returns the outline of r; characters the font lacks get its .notdef box, so no text
// silently disappears. The cache is bounded by the glyphs the font has plus one entry per
// distinct missing character, which the rune budget of a call bounds.
func (fc *face) glyph(r rune) *glyph {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	if g, ok := fc.glyphs[r]; ok {
		return g
	}
	idx, err := fc.f.GlyphIndex(&fc.buf, r)
	if err != nil {
		idx = 0
	}
	g := &glyph{idx: idx}
	if adv, err := fc.f.GlyphAdvance(&fc.buf, idx, fc.ppem, font.HintingNone); err == nil {
		g.advance = float64(adv) / 64 / fc.upem
	}
	if segs, err := fc.f.LoadGlyph(&fc.buf, idx, fc.ppem, nil); err == nil {
		var b pathBuilder
		conv := func(p fixed.Point26_6) pt { return pt{float64(p.X) / 64 / fc.upem, float64(p.Y) / 64 / fc.upem} }
		for _, s := range segs {
			switch s.Op {
			case sfnt.SegmentOpMoveTo:
				b.close()
				b.moveTo(conv(s.Args[0]))
			case sfnt.SegmentOpLineTo:
				b.lineTo(conv(s.Args[0]))
			case sfnt.SegmentOpQuadTo:
				b.quadTo(conv(s.Args[0]), conv(s.Args[1]))
			case sfnt.SegmentOpCubeTo:
				b.cubicTo(conv(s.Args[0]), conv(s.Args[1]), conv(s.Args[2]))
			}
		}
		b.close()
		g.outline = b.p
	}
	if len(fc.glyphs) < 1<<16 {
		fc.glyphs[r] = g
	}
	return g
}

// baselineShift is how far below the given y the alphabetic baseline lies for a
// dominant-baseline value, in em. "central" is the middle of the em box between ascent and
// descent, which is what browsers use for fonts without a baseline table, and what ECharts
// writes for every label.
func (fc *face) baselineShift(b string) float64 {
	switch b {
	case "central":
		return (fc.ascent - fc.descent) / 2
	case "middle":
		return fc.x / 2
	case "hanging":
		return 0.8 * fc.ascent
	case "text-before-edge", "text-top", "before-edge":
		return fc.ascent
	case "ideographic", "text-after-edge", "text-bottom", "after-edge":
		return -fc.descent
	case "mathematical":
		return fc.ascent / 2
	}
	return 0
}

// textItem is a stretch of characters with one style: the content of <text> or of a <tspan>.
type textItem struct {
	st     style
	s      string
	x, y   *float64 // absolute position, starting a new anchored chunk
	dx, dy float64
	width  float64
}

// textRun is what draws: one item's visible glyph outlines in the text's user space.
type textRun struct {
	st     style
	glyphs path
	bbox   box
}

// firstLength reads the first value of a coordinate list such as x="10 20"; per-character
// positions are not used by ECharts and are approximated by the first one.
func firstLength(n *node, name string, st style, ref float64) (float64, bool) {
	v, ok := n.attr(name)
	if !ok {
		return 0, false
	}
	fields := strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' })
	if len(fields) == 0 {
		return 0, false
	}
	return parseLength(fields[0], st.fontSize, ref)
}

// collect flattens the text tree into items, applying SVG's default white-space handling
// (newlines removed, tabs to spaces, runs of spaces collapsed, ends trimmed) unless
// xml:space="preserve", which turns newlines and tabs into spaces and keeps everything else.
func (r *renderer) collect(n *node, st style, items *[]textItem, pending *textItem, prevSpace *bool) {
	if v, ok := firstLength(n, "x", st, r.vw); ok {
		pending.x = &v
	}
	if v, ok := firstLength(n, "y", st, r.vh); ok {
		pending.y = &v
	}
	if v, ok := firstLength(n, "dx", st, r.vw); ok {
		pending.dx += v
	}
	if v, ok := firstLength(n, "dy", st, r.vh); ok {
		pending.dy += v
	}
	for _, k := range n.kids {
		switch {
		case k.name == "tspan":
			if v, _ := nonInherited(k, "display"); v != "none" {
				r.collect(k, elementStyle(k, st), items, pending, prevSpace)
			}
		case k.name == "" && k.text != "":
			var sb strings.Builder
			for _, c := range k.text {
				switch {
				case c == '\n' || c == '\r':
					if st.preserveSpace {
						sb.WriteByte(' ')
					}
					continue
				case c == '\t':
					c = ' '
				}
				if c == ' ' && !st.preserveSpace {
					if *prevSpace {
						continue
					}
					*prevSpace = true
				} else {
					*prevSpace = false
				}
				sb.WriteRune(c)
			}
			it := *pending
			it.st, it.s = st, sb.String()
			*pending = textItem{}
			*items = append(*items, it)
		}
	}
}

// layoutText places the glyphs of a <text>. Glyphs whose box falls outside area (output
// pixels) are not outlined but still advance the pen, so a hostile long string costs little.
func (r *renderer) layoutText(n *node, st style, ctm matrix, area box) ([]textRun, error) {
	fcs, err := loadFaces()
	if err != nil {
		return nil, err
	}
	var items []textItem
	pending := textItem{}
	prevSpace := true // leading spaces are trimmed
	r.collect(n, st, &items, &pending, &prevSpace)
	// Trim trailing collapsible spaces.
	for i := len(items) - 1; i >= 0; i-- {
		if items[i].st.preserveSpace {
			break
		}
		items[i].s = strings.TrimRight(items[i].s, " ")
		if items[i].s != "" {
			break
		}
	}
	for i := range items {
		it := &items[i]
		r.runes += utf8.RuneCountInString(it.s)
		if r.runes > maxTextRunes {
			return nil, errTooComplex
		}
		fc := fcs[boolIndex(it.st.bold)]
		for _, c := range it.s {
			it.width += fc.glyph(c).advance * it.st.fontSize
		}
	}
	var runs []textRun
	penX, penY := 0.0, 0.0
	for i := 0; i < len(items); {
		// A chunk runs to the next item with an absolute x; text-anchor shifts it as a whole.
		j := i + 1
		width := items[i].width
		for ; j < len(items) && items[j].x == nil; j++ {
			width += items[j].width + items[j].dx
		}
		if items[i].x != nil {
			penX = *items[i].x
		}
		switch items[i].st.anchor {
		case "middle":
			penX -= width / 2
		case "end":
			penX -= width
		}
		for ; i < j; i++ {
			it := &items[i]
			if it.y != nil {
				penY = *it.y
			}
			penX += it.dx
			penY += it.dy
			run := r.placeGlyphs(it, fcs[boolIndex(it.st.bold)], penX, penY, ctm, area)
			if len(run.glyphs) > 0 {
				runs = append(runs, run)
			}
			penX += it.width
		}
	}
	return runs, nil
}

func (r *renderer) placeGlyphs(it *textItem, fc *face, x, y float64, ctm matrix, area box) textRun {
	size := it.st.fontSize
	base := y + fc.baselineShift(it.st.baseline)*size
	run := textRun{st: it.st, bbox: box{x, base - fc.ascent*size, x + it.width, base + fc.descent*size}}
	if size <= 0 {
		return run
	}
	slant := 0.0
	if it.st.italic {
		slant = italicSlant
	}
	for _, c := range it.s {
		g := fc.glyph(c)
		cell := box{x, base - fc.ascent*size, x + (g.advance+slant*fc.ascent)*size, base + fc.descent*size}
		if len(g.outline) > 0 && transformBox(cell, ctm).overlaps(area) {
			for _, s := range g.outline {
				for k := range s.p {
					q := s.p[k]
					s.p[k] = pt{x + (q.x-slant*q.y)*size, base + q.y*size}
				}
				run.glyphs = append(run.glyphs, s)
			}
		}
		x += g.advance * size
	}
	return run
}

func boolIndex(b bool) int {
	if b {
		return 1
	}
	return 0
}

// text draws a <text> element: each item is filled and stroked like a path, honouring
// paint-order, which ECharts uses for the white halo behind labels.
func (r *renderer) text(n *node, st style, ctm matrix, l *layer, opacity float64) error {
	margin := 2.0
	if st.stroke.kind != paintNone {
		margin += st.strokeWidth * st.miterLimit * ctm.maxScale()
	}
	runs, err := r.layoutText(n, st, ctm, l.view().grow(margin))
	if err != nil {
		return err
	}
	for _, run := range runs {
		if run.st.hidden {
			continue
		}
		if err := r.paintPath(l, run.glyphs, run.bbox, run.st, ctm, opacity); err != nil {
			return err
		}
	}
	return nil
}
