package raster

import (
	"errors"
	"image"
	"strings"
)

// clipPolys flattens the children of a <clipPath> into output pixels, one polygon set per child
// so that the mask is their union whatever the orientation of each. Children inherit the
// clipPath's properties, not those of the element being clipped. clipPathUnits is taken as
// userSpaceOnUse, which is what ECharts writes.
func (r *renderer) clipPolys(clip *node, ctm matrix, area box) ([]polys, error) {
	cst := elementStyle(clip, defaultStyle())
	if v, ok := clip.attr("transform"); ok {
		if t, ok := parseTransform(v); ok {
			ctm = ctm.mul(t)
		}
	}
	var out []polys
	for _, k := range clip.kids {
		switch k.name {
		case "rect", "circle", "ellipse", "line", "polyline", "polygon", "path", "text":
		default:
			continue
		}
		if v, _ := nonInherited(k, "display"); v == "none" {
			continue
		}
		kst := elementStyle(k, cst)
		kctm := ctm
		if v, ok := k.attr("transform"); ok {
			if t, ok := parseTransform(v); ok {
				kctm = kctm.mul(t)
			}
		}
		var paths []path
		if k.name == "text" {
			runs, err := r.layoutText(k, kst, kctm, area)
			if err != nil {
				return nil, err
			}
			for _, run := range runs {
				paths = append(paths, run.glyphs)
			}
		} else {
			paths = append(paths, r.shapePath(k, kst))
		}
		for _, p := range paths {
			ps, err := flatten(p, kctm, area.grow(1), tolerance)
			if errors.Is(err, errSkip) {
				continue
			}
			if err != nil {
				return nil, err
			}
			out = append(out, ps)
		}
	}
	return out, nil
}

// paintSource resolves a fill or stroke to the image the rasteriser draws with, or nil when
// nothing is to be drawn (none, zero opacity, an unresolvable reference without fallback).
// bbox is the element's user-space bounding box for objectBoundingBox gradients.
func (r *renderer) paintSource(p paint, opacity float64, bbox box, ctm matrix, l *layer) image.Image {
	if opacity <= 0 {
		return nil
	}
	switch p.kind {
	case paintColor:
		if p.color.a <= 0 {
			return nil
		}
		return solid(p.color, opacity)
	case paintRef:
		n := r.defs[p.ref]
		if n != nil && (n.name == "linearGradient" || n.name == "radialGradient") {
			return r.gradient(n, opacity, bbox, ctm, l)
		}
		if n != nil && n.name == "pattern" {
			if src := r.pattern(n, opacity, ctm, l); src != nil {
				return src
			}
		}
		if p.fallback != nil {
			return r.paintSource(*p.fallback, opacity, bbox, ctm, l)
		}
	}
	return nil
}

// gradient builds a linear or radial gradient. The focal point of radial gradients (fx, fy)
// is not modelled: they are drawn as if it were the centre, which is what ECharts produces.
func (r *renderer) gradient(n *node, opacity float64, bbox box, ctm matrix, l *layer) image.Image {
	stops := r.gradientStops(n)
	switch len(stops) {
	case 0:
		return nil
	case 1:
		return solid(stops[0].color, opacity)
	}
	bboxUnits := attrOr(n, "gradientUnits", "objectBoundingBox") != "userSpaceOnUse"
	coord := func(name, def string, ref float64) float64 {
		v := strings.TrimSpace(attrOr(n, name, def))
		if bboxUnits {
			f, ok := parseOpacityUnclamped(v)
			if !ok {
				f, _ = parseOpacityUnclamped(def)
			}
			return f
		}
		f, ok := parseLength(v, 16, ref)
		if !ok {
			f, _ = parseLength(def, 16, ref)
		}
		return f
	}
	space := ctm
	if bboxUnits {
		w, h := bbox.x1-bbox.x0, bbox.y1-bbox.y0
		if w <= 0 || h <= 0 {
			return nil // SVG does not render a bounding-box paint on a flat element
		}
		space = space.mul(matrix{a: w, d: h, e: bbox.x0, f: bbox.y0})
	}
	if v, ok := n.attr("gradientTransform"); ok {
		if t, ok := parseTransform(v); ok {
			space = space.mul(t)
		}
	}
	inv, ok := space.inverse()
	if !ok {
		return nil
	}
	g := &gradient{inv: inv, spread: attrOr(n, "spreadMethod", "pad"), offsetX: float64(l.ox), offsetY: float64(l.oy)}
	last := stops[len(stops)-1].color
	if n.name == "radialGradient" {
		g.radial = true
		g.p1 = pt{coord("cx", "50%", r.vw), coord("cy", "50%", r.vh)}
		g.p2 = pt{coord("r", "50%", (r.vw+r.vh)/2), 0}
		if !(g.p2.x > 0) {
			return solid(last, opacity)
		}
	} else {
		g.p1 = pt{coord("x1", "0%", r.vw), coord("y1", "0%", r.vh)}
		g.p2 = pt{coord("x2", "100%", r.vw), coord("y2", "0%", r.vh)}
		if g.p1 == g.p2 {
			return solid(last, opacity)
		}
	}
	g.fillLUT(stops, opacity)
	return g
}

// parseOpacityUnclamped reads a number or a percentage as a fraction, for bounding-box units.
func parseOpacityUnclamped(v string) (float64, bool) {
	pct := strings.HasSuffix(v, "%")
	f, ok := parseNumber(strings.TrimSuffix(v, "%"))
	if pct {
		f /= 100
	}
	return f, ok
}
