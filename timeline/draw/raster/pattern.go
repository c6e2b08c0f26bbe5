package raster

import (
	"image"
	"image/color"
	"math"
)

// maxTilePixels bounds the tile of one pattern: ECharts' decals are tiles of some 20 user
// units, a few hundred pixels.
const maxTilePixels = 1 << 20

// pattern is a <pattern> paint server resolved to output pixels: its content drawn once into
// a tile, repeated across user space. inv maps a pixel centre to the pattern's space, where the tile
// starts at (x, y) and spans w×h; the tile holds that span at scale pixels a unit.
type pattern struct {
	inv              matrix
	x, y, w, h       float64
	scale            float64
	tile             *image.RGBA
	opacity          uint32 // 0–255
	offsetX, offsetY float64
}

func (p *pattern) ColorModel() color.Model { return color.RGBAModel }
func (p *pattern) Bounds() image.Rectangle {
	return image.Rect(-1<<30, -1<<30, 1<<30, 1<<30)
}

// At is asked for layer pixels; the layer offset turns them into output pixels.
func (p *pattern) At(x, y int) color.Color { return p.color(x, y) }

func (p *pattern) color(x, y int) color.RGBA {
	q := p.inv.apply(pt{float64(x) + 0.5 + p.offsetX, float64(y) + 0.5 + p.offsetY})
	u, v := q.x-p.x, q.y-p.y
	u -= p.w * math.Floor(u/p.w)
	v -= p.h * math.Floor(v/p.h)
	b := p.tile.Bounds()
	tx, ty := int(u*p.scale), int(v*p.scale)
	if !(tx >= 0 && ty >= 0) { // also NaN
		return color.RGBA{}
	}
	c := p.tile.RGBAAt(min(tx, b.Dx()-1), min(ty, b.Dy()-1))
	if p.opacity < 255 {
		k := p.opacity
		c = color.RGBA{uint8(uint32(c.R) * k / 255), uint8(uint32(c.G) * k / 255), uint8(uint32(c.B) * k / 255), uint8(uint32(c.A) * k / 255)}
	}
	return c
}

// pattern draws the content of a <pattern> into a tile for an element whose user space is
// ctm. It models the tiles ECharts draws for decals (aria.decal): patternUnits and
// patternContentUnits of userSpaceOnUse, with a patternTransform or none, and no viewBox. Any other
// pattern, one inside a pattern's own content, and one whose tile would be too large are
// not drawn (nil), as an unresolvable reference is not.
func (r *renderer) pattern(n *node, opacity float64, ctm matrix, l *layer) image.Image {
	if r.inPattern || attrOr(n, "patternUnits", "objectBoundingBox") != "userSpaceOnUse" ||
		attrOr(n, "patternContentUnits", "userSpaceOnUse") != "userSpaceOnUse" {
		return nil
	}
	if _, ok := n.attr("viewBox"); ok {
		return nil
	}
	space := ctm // the pattern's space to output pixels
	if v, ok := n.attr("patternTransform"); ok {
		t, ok := parseTransform(v)
		if !ok {
			return nil
		}
		space = ctm.mul(t)
	}
	num := func(name string) float64 {
		v, ok := parseNumber(attrOr(n, name, "0"))
		if !ok {
			return math.NaN()
		}
		return v
	}
	x, y, w, h := num("x"), num("y"), num("width"), num("height")
	// The tile is drawn at 4 pixels a unit at least, so that a stripe of one unit, turned,
	// keeps its width.
	scale := math.Max(space.maxScale(), 4)
	inv, ok := space.inverse()
	if !ok || !finite(x, y, w, h, scale) || !(w > 0 && h > 0 && scale > 0) {
		return nil
	}
	tw, th := math.Ceil(w*scale), math.Ceil(h*scale)
	if tw*th > maxTilePixels {
		return nil
	}
	tile := &layer{img: image.NewRGBA(image.Rect(0, 0, int(tw), int(th)))}
	r.inPattern = true
	defer func() { r.inPattern = false }()
	st := elementStyle(n, defaultStyle())
	for _, k := range n.kids {
		if k.name == "" {
			continue
		}
		if err := r.element(k, st, matrix{a: scale, d: scale}, tile, false); err != nil {
			return nil
		}
	}
	return &pattern{inv: inv, x: x, y: y, w: w, h: h, scale: scale, tile: tile.img,
		opacity: uint32(math.Round(clamp01(opacity) * 255)), offsetX: float64(l.ox), offsetY: float64(l.oy)}
}
