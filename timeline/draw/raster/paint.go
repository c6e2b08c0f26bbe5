package raster

import (
	"image"
	"image/color"
	"image/draw"
	"math"
	"sort"
	"strings"
)

// layer is an offscreen RGBA image (premultiplied, origin at 0,0) placed at (ox, oy) in output
// pixels. Groups with a clip path or opacity are drawn into their own layer and composited.
type layer struct {
	img    *image.RGBA
	ox, oy int
}

// view is the layer's area in output pixels.
func (l *layer) view() box {
	b := l.img.Bounds()
	return box{float64(l.ox), float64(l.oy), float64(l.ox + b.Dx()), float64(l.oy + b.Dy())}
}

// fill rasterises the closed polygons ps (output pixels) into l with src.
func (r *renderer) fill(l *layer, ps polys, src image.Image) error {
	return r.rasterize(l.img, l.ox, l.oy, ps, src)
}

// fillAlpha adds the coverage of ps to a clip mask placed at (ox, oy).
func (r *renderer) fillAlpha(mask *image.Alpha, ox, oy int, ps polys) error {
	return r.rasterize(mask, ox, oy, ps, image.Opaque)
}

// rasterize draws ps onto dst, whose pixel (0, 0) is output pixel (ox, oy). The vector
// rasteriser is sized to the polygons' bounding box within dst, so the cost follows the area
// drawn rather than the layer size; points are clipped to just outside that box first, which
// keeps the rasteriser's per-row loops bounded whatever the coordinates.
func (r *renderer) rasterize(dst draw.Image, ox, oy int, ps polys, src image.Image) error {
	bb, ok := ps.bounds()
	if !ok {
		return nil
	}
	size := dst.Bounds().Size()
	v := box{float64(ox), float64(oy), float64(ox + size.X), float64(oy + size.Y)}
	if !bb.overlaps(v) {
		return nil
	}
	// Clamp in floating point before converting, so that far-away coordinates cannot overflow int.
	x0 := int(math.Floor(math.Max(bb.x0, v.x0))) - ox
	y0 := int(math.Floor(math.Max(bb.y0, v.y0))) - oy
	x1 := int(math.Ceil(math.Min(bb.x1, v.x1))) - ox
	y1 := int(math.Ceil(math.Min(bb.y1, v.y1))) - oy
	if x1 <= x0 || y1 <= y0 {
		return nil
	}
	w, h := x1-x0, y1-y0
	r.work += int64(w) * int64(h)
	r.segments += int64(len(ps.pts))
	if r.work > maxPixelWork || r.segments > 64*maxPathPoints {
		return errTooComplex
	}
	z := &r.ras
	z.Reset(w, h)
	c := clipper{z: z, dx: float64(ox + x0), dy: float64(oy + y0), x1: float64(w) + 1, y1: float64(h) + 1}
	for i := range ps.subs {
		pts := ps.sub(i)
		if len(pts) < 3 {
			continue // no area
		}
		c.move(pts[0])
		for _, p := range pts[1:] {
			c.line(p)
		}
		c.line(pts[0])
		z.ClosePath()
	}
	if rgba, ok := dst.(*image.RGBA); ok {
		switch src := src.(type) {
		case *gradient:
			r.drawMasked(rgba, image.Rect(x0, y0, x1, y1), src.color, color.RGBA{})
			return nil
		case *pattern:
			r.drawMasked(rgba, image.Rect(x0, y0, x1, y1), src.color, color.RGBA{})
			return nil
		case *image.Uniform:
			if c, ok := src.C.(color.RGBA); ok {
				r.drawMasked(rgba, image.Rect(x0, y0, x1, y1), nil, c)
				return nil
			}
		}
	}
	z.Draw(dst, image.Rect(x0, y0, x1, y1), src, image.Pt(x0, y0))
	return nil
}

// drawMasked blends a colour (uniform c, or at(x, y) when given) through the rasteriser's
// coverage into dst over rect. The coverage goes to an alpha mask first, on the vector
// package's SIMD path, and only covered pixels are blended: strokes and text cover a small
// part of their bounding box, and vector's own RGBA path blends every pixel of it (and goes
// through At and Set, boxing each colour, for a non-uniform source).
func (r *renderer) drawMasked(dst *image.RGBA, rect image.Rectangle, at func(x, y int) color.RGBA, c color.RGBA) {
	w, h := rect.Dx(), rect.Dy()
	if cap(r.mask.Pix) < w*h {
		r.mask.Pix = make([]uint8, w*h)
	}
	r.mask.Pix = r.mask.Pix[:w*h]
	clear(r.mask.Pix)
	r.mask.Stride, r.mask.Rect = w, image.Rect(0, 0, w, h)
	r.ras.Draw(&r.mask, r.mask.Rect, image.Opaque, image.Point{})
	for y := 0; y < h; y++ {
		row := r.mask.Pix[y*w : y*w+w]
		for x, k8 := range row {
			if k8 == 0 {
				continue
			}
			k := uint32(k8)
			if at != nil {
				c = at(rect.Min.X+x, rect.Min.Y+y)
			}
			i := dst.PixOffset(rect.Min.X+x, rect.Min.Y+y)
			p := dst.Pix[i : i+4 : i+4]
			keep := 255*255 - uint32(c.A)*k
			p[0] = over(c.R, p[0], k, keep)
			p[1] = over(c.G, p[1], k, keep)
			p[2] = over(c.B, p[2], k, keep)
			p[3] = over(c.A, p[3], k, keep)
		}
	}
}

// rasterizer is the subset of *vector.Rasterizer the clipper feeds.
type rasterizer interface {
	MoveTo(x, y float32)
	LineTo(x, y float32)
}

// clipper feeds segments to the rasteriser after clipping them to [-1, x1]×[-1, y1] (in the
// rasteriser's coordinates) by projection: the parts outside are replaced by their projection
// onto the border lines, which lie outside the drawn pixels, so coverage inside is unchanged
// (left of the box the signed area still accumulates into the row, as it must).
type clipper struct {
	z      rasterizer
	dx, dy float64 // subtracted from output pixel coordinates
	x1, y1 float64
	cur    pt
}

func (c *clipper) clamp(p pt) pt {
	return pt{math.Max(-1, math.Min(c.x1, p.x)), math.Max(-1, math.Min(c.y1, p.y))}
}

func (c *clipper) move(p pt) {
	c.cur = pt{p.x - c.dx, p.y - c.dy}
	q := c.clamp(c.cur)
	c.z.MoveTo(float32(q.x), float32(q.y))
}

func (c *clipper) line(p pt) {
	a, b := c.cur, pt{p.x - c.dx, p.y - c.dy}
	c.cur = b
	if c.clamp(a) == a && c.clamp(b) == b {
		c.z.LineTo(float32(b.x), float32(b.y))
		return
	}
	// Split where the segment crosses the four border lines, then clamp each piece.
	ts := [6]float64{}
	n := 0
	cross := func(a0, b0, v float64) {
		if (a0 < v) != (b0 < v) {
			if t := (v - a0) / (b0 - a0); t > 0 && t < 1 {
				ts[n] = t
				n++
			}
		}
	}
	cross(a.x, b.x, -1)
	cross(a.x, b.x, c.x1)
	cross(a.y, b.y, -1)
	cross(a.y, b.y, c.y1)
	sort.Float64s(ts[:n])
	ts[n] = 1
	n++
	for _, t := range ts[:n] {
		q := c.clamp(lerp(a, b, t))
		c.z.LineTo(float32(q.x), float32(q.y))
	}
}

// solid is a uniform colour; rasterize relies on it being an *image.Uniform of color.RGBA.
func solid(c rgba, opacity float64) image.Image {
	return image.NewUniform(c.premul(opacity))
}

// gradient is a linear or radial paint server resolved to output pixels: inv maps a pixel
// centre to the gradient's own space (where x1,y1→x2,y2 or the centre and radius are given), and
// lut holds 256 premultiplied colours along t ∈ [0, 1].
type gradient struct {
	inv              matrix
	radial           bool
	p1, p2           pt // linear: from and to; radial: centre and (radius, 0)
	spread           string
	lut              [256]color.RGBA
	offsetX, offsetY float64
}

func (g *gradient) ColorModel() color.Model { return color.RGBAModel }
func (g *gradient) Bounds() image.Rectangle {
	return image.Rect(-1<<30, -1<<30, 1<<30, 1<<30)
}

// At is asked for layer pixels; the layer offset turns them into output pixels.
func (g *gradient) At(x, y int) color.Color { return g.color(x, y) }

func (g *gradient) color(x, y int) color.RGBA {
	p := g.inv.apply(pt{float64(x) + 0.5 + g.offsetX, float64(y) + 0.5 + g.offsetY})
	var t float64
	if g.radial {
		t = p.sub(g.p1).length() / g.p2.x
	} else {
		d := g.p2.sub(g.p1)
		t = p.sub(g.p1).dot(d) / d.dot(d)
	}
	switch g.spread {
	case "repeat":
		t -= math.Floor(t)
	case "reflect":
		t = math.Mod(math.Abs(t), 2)
		if t > 1 {
			t = 2 - t
		}
	}
	if !(t > 0) { // also NaN
		t = 0
	}
	return g.lut[int(math.Min(t, 1)*255+0.5)]
}

type stop struct {
	offset float64
	color  rgba
}

// gradientStops collects the <stop>s of a gradient, following href to an inherited gradient
// when it has none of its own (a few levels, so that a reference cycle ends).
func (r *renderer) gradientStops(n *node) []stop {
	for depth := 0; depth < 8 && n != nil; depth++ {
		var stops []stop
		last := 0.0
		for _, k := range n.kids {
			if k.name != "stop" {
				continue
			}
			st := elementStyle(k, defaultStyle())
			off := 0.0
			if v, ok := k.attr("offset"); ok {
				off, _ = parseOpacity(v) // a number or a percentage, clamped to [0, 1]
			}
			off = math.Max(off, last) // offsets never decrease
			last = off
			c := rgba{0, 0, 0, 1}
			op := 1.0
			for _, d := range append(append([]attr(nil), k.attrs...), parseDeclarations(attrOr(k, "style", ""))...) {
				switch d.name {
				case "stop-color":
					if strings.EqualFold(d.value, "currentColor") {
						c = st.currentColor
					} else if cc, ok := parseColor(d.value); ok {
						c = cc
					}
				case "stop-opacity":
					if f, ok := parseOpacity(d.value); ok {
						op = f
					}
				}
			}
			c.a *= op
			stops = append(stops, stop{off, c})
		}
		if len(stops) > 0 {
			return stops
		}
		href, _ := n.attr("href")
		n = r.defs[strings.TrimPrefix(href, "#")]
	}
	return nil
}

// fillLUT samples the stops, interpolating straight (unpremultiplied) colours as SVG does.
func (g *gradient) fillLUT(stops []stop, opacity float64) {
	for i := range g.lut {
		t := float64(i) / 255
		j := sort.Search(len(stops), func(k int) bool { return stops[k].offset >= t })
		var c rgba
		switch {
		case j == 0:
			c = stops[0].color
		case j == len(stops):
			c = stops[len(stops)-1].color
		default:
			a, b := stops[j-1], stops[j]
			f := 0.0
			if b.offset > a.offset {
				f = (t - a.offset) / (b.offset - a.offset)
			}
			c = rgba{a.color.r + (b.color.r-a.color.r)*f, a.color.g + (b.color.g-a.color.g)*f,
				a.color.b + (b.color.b-a.color.b)*f, a.color.a + (b.color.a-a.color.a)*f}
		}
		g.lut[i] = c.premul(opacity)
	}
}

// composite draws src onto dst with an optional coverage mask (same size and place as src) and
// a uniform opacity: dst = src·k + dst·(1 − srcα·k), k = mask·opacity, all premultiplied.
func composite(dst, src *layer, mask *image.Alpha, opacity float64) {
	op := uint32(math.Round(clamp01(opacity) * 255))
	sb := src.img.Bounds()
	for y := 0; y < sb.Dy(); y++ {
		dy := y + src.oy - dst.oy
		if dy < 0 || dy >= dst.img.Bounds().Dy() {
			continue
		}
		for x := 0; x < sb.Dx(); x++ {
			dx := x + src.ox - dst.ox
			if dx < 0 || dx >= dst.img.Bounds().Dx() {
				continue
			}
			si := src.img.PixOffset(x, y)
			sp := src.img.Pix[si : si+4 : si+4]
			if sp[3] == 0 {
				continue
			}
			k := op
			if mask != nil {
				k = k * uint32(mask.Pix[mask.PixOffset(x, y)]) / 255
			}
			if k == 0 {
				continue
			}
			di := dst.img.PixOffset(dx, dy)
			dp := dst.img.Pix[di : di+4 : di+4]
			keep := 255*255 - uint32(sp[3])*k
			for c := 0; c < 4; c++ {
				dp[c] = over(sp[c], dp[c], k, keep)
			}
		}
	}
}

// over is one channel of a premultiplied source s, at coverage k (0–255), drawn over d:
// s·k/255 + d·keep/255², where keep = 255² − sα·k. It is exact to the rounding, so that a
// translucent colour over an opaque pixel never rounds past 255 (and wraps to 0).
func over(s, d uint8, k, keep uint32) uint8 {
	return uint8((uint32(s)*k*255 + uint32(d)*keep + 255*255/2) / (255 * 255))
}
