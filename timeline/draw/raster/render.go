package raster

import (
	"errors"
	"image"
	"math"
	"strings"

	"golang.org/x/image/vector"
)

// tolerance is the largest distance, in output pixels, between a curve and the chords that
// replace it: a tenth of a pixel is invisible after anti-aliasing.
const tolerance = 0.1

// renderer holds the state of one Image call.
type renderer struct {
	base      *layer
	toPx      matrix           // root user space to output pixels
	vw, vh    float64          // root viewport in user units, for percentages
	defs      map[string]*node // every element with an id; ECharts puts <defs> after their users
	ras       vector.Rasterizer
	mask      image.Alpha // coverage scratch for gradient fills
	work      int64       // pixels rasterised so far, bounded by maxPixelWork
	segments  int64       // polygon points rasterised so far
	layerPx   int64       // pixels of the offscreen layers alive now
	runes     int         // characters of text laid out so far
	inPattern bool        // drawing a pattern's tile, where no other pattern is drawn
}

func newRenderer(root *node, scale float64) (*renderer, error) {
	w, h, m, err := rootSize(root, scale)
	if err != nil {
		return nil, err
	}
	r := &renderer{
		base: &layer{img: image.NewRGBA(image.Rect(0, 0, w, h))},
		toPx: m,
		vw:   float64(w) / scale,
		vh:   float64(h) / scale,
		defs: map[string]*node{},
	}
	if vb, ok := parseViewBox(root); ok {
		r.vw, r.vh = vb[2], vb[3]
	}
	var collect func(n *node)
	collect = func(n *node) {
		if id, ok := n.attr("id"); ok && id != "" {
			if _, dup := r.defs[id]; !dup {
				r.defs[id] = n
			}
		}
		for _, k := range n.kids {
			if k.name != "" {
				collect(k)
			}
		}
	}
	collect(root)
	return r, nil
}

func (r *renderer) render(root *node) error {
	return r.element(root, defaultStyle(), r.toPx, r.base, true)
}

func isGroup(name string) bool {
	return name == "svg" || name == "g" || name == "a" || name == "switch"
}

// nonInherited reads a property that is not inherited (opacity, display, clip-path) from the
// attribute or, winning over it, the style attribute.
func nonInherited(n *node, name string) (string, bool) {
	v, ok := n.attr(name)
	if s, has := n.attr("style"); has {
		for _, d := range parseDeclarations(s) {
			if d.name == name {
				v, ok = d.value, true
			}
		}
	}
	return strings.TrimSpace(v), ok
}

// element draws n and its children into l. Unknown elements (and the definitions, which are
// drawn only through their references) are skipped with their subtrees.
func (r *renderer) element(n *node, parent style, ctm matrix, l *layer, root bool) error {
	switch n.name {
	case "svg", "g", "a", "switch", "rect", "circle", "ellipse", "line", "polyline", "polygon", "path", "text":
	default:
		return nil
	}
	if v, _ := nonInherited(n, "display"); v == "none" {
		return nil
	}
	st := elementStyle(n, parent)
	if v, ok := n.attr("transform"); ok {
		if t, ok := parseTransform(v); ok {
			ctm = ctm.mul(t)
		}
	}
	if n.name == "svg" && !root {
		x, _ := parseLength(attrOr(n, "x", "0"), st.fontSize, r.vw)
		y, _ := parseLength(attrOr(n, "y", "0"), st.fontSize, r.vh)
		ctm = ctm.mul(translation(x, y))
	}
	opacity := 1.0
	if v, ok := nonInherited(n, "opacity"); ok {
		if f, ok := parseOpacity(v); ok {
			opacity = f
		}
	}
	if opacity <= 0 {
		return nil
	}
	var clip *node
	if v, ok := nonInherited(n, "clip-path"); ok {
		if id, _, ok := urlRef(v); ok {
			// A reference to something that is not a clipPath is ignored, as CSS Masking says.
			if c := r.defs[id]; c != nil && c.name == "clipPath" {
				clip = c
			}
		}
	}
	if clip == nil && !(isGroup(n.name) && opacity < 1) {
		return r.content(n, st, ctm, l, opacity)
	}

	// Draw into an offscreen layer covering only what the clip lets through, then composite.
	area := l.view()
	var masks []polys
	if clip != nil {
		var err error
		if masks, err = r.clipPolys(clip, ctm, area); err != nil {
			return err
		}
		var any bool
		var cb box
		for _, m := range masks {
			if b, ok := m.bounds(); ok {
				if !any {
					cb, any = b, true
				} else {
					cb = cb.extend(pt{b.x0, b.y0}).extend(pt{b.x1, b.y1})
				}
			}
		}
		if !any || !cb.overlaps(area) {
			return nil // everything is clipped away
		}
		area = box{math.Max(area.x0, cb.x0), math.Max(area.y0, cb.y0), math.Min(area.x1, cb.x1), math.Min(area.y1, cb.y1)}
	}
	x0, y0 := int(math.Floor(area.x0)), int(math.Floor(area.y0))
	x1, y1 := int(math.Ceil(area.x1)), int(math.Ceil(area.y1))
	if x1 <= x0 || y1 <= y0 {
		return nil
	}
	px := int64(x1-x0) * int64(y1-y0)
	b := r.base.img.Bounds()
	if r.layerPx+px > min(maxLayerRatio*int64(b.Dx())*int64(b.Dy()), maxLayerTotal) {
		return errTooComplex
	}
	r.layerPx += px
	defer func() { r.layerPx -= px }()
	nl := &layer{img: image.NewRGBA(image.Rect(0, 0, x1-x0, y1-y0)), ox: x0, oy: y0}
	if err := r.content(n, st, ctm, nl, 1); err != nil {
		return err
	}
	var mask *image.Alpha
	if clip != nil {
		mask = image.NewAlpha(nl.img.Bounds())
		for _, m := range masks {
			if err := r.fillAlpha(mask, x0, y0, m); err != nil {
				return err
			}
		}
	}
	composite(l, nl, mask, opacity)
	return nil
}

// content draws the element itself: the children of a group, or a shape or text with the
// element opacity folded into its paints (exact unless fill and stroke overlap).
func (r *renderer) content(n *node, st style, ctm matrix, l *layer, opacity float64) error {
	if isGroup(n.name) {
		for _, k := range n.kids {
			if k.name == "" {
				continue
			}
			if err := r.element(k, st, ctm, l, false); err != nil {
				return err
			}
		}
		return nil
	}
	if st.hidden {
		return nil
	}
	if n.name == "text" {
		return r.text(n, st, ctm, l, opacity)
	}
	p := r.shapePath(n, st)
	if len(p) == 0 {
		return nil
	}
	bbox, _ := pathBox(p)
	return r.paintPath(l, p, bbox, st, ctm, opacity)
}

// paintPath fills and strokes p in the order paint-order asks for.
func (r *renderer) paintPath(l *layer, p path, bbox box, st style, ctm matrix, opacity float64) error {
	steps := []func() error{
		func() error { return r.fillPath(l, p, bbox, st, ctm, opacity) },
		func() error { return r.strokePath(l, p, bbox, st, ctm, opacity) },
	}
	if st.strokeFirst {
		steps[0], steps[1] = steps[1], steps[0]
	}
	for _, step := range steps {
		if err := step(); err != nil {
			if errors.Is(err, errSkip) {
				return nil
			}
			return err
		}
	}
	return nil
}

func (r *renderer) fillPath(l *layer, p path, bbox box, st style, ctm matrix, opacity float64) error {
	src := r.paintSource(st.fill, st.fillOpacity*opacity, bbox, ctm, l)
	if src == nil {
		return nil
	}
	ps, err := flatten(p, ctm, l.view().grow(1), tolerance)
	if err != nil {
		return err
	}
	return r.fill(l, ps, src)
}

func (r *renderer) strokePath(l *layer, p path, bbox box, st style, ctm matrix, opacity float64) error {
	if st.strokeWidth <= 0 {
		return nil
	}
	src := r.paintSource(st.stroke, st.strokeOpacity*opacity, bbox, ctm, l)
	if src == nil {
		return nil
	}
	inv, ok := ctm.inverse()
	if !ok {
		return errSkip
	}
	scale := ctm.maxScale()
	hw := st.strokeWidth / 2
	// A stroke wider than the whole picture looks the same as one just that wide.
	b := r.base.img.Bounds()
	if limit := float64(b.Dx()+b.Dy()) / scale; hw > limit {
		hw = limit
	}
	// Geometry farther than the stroke can reach from the layer cannot show; the margin covers
	// miters and square caps.
	reach := hw * math.Max(math.Sqrt2, st.miterLimit)
	view := transformBox(l.view(), inv).grow(reach + 2/scale)
	ps, err := flatten(p, identity, view, tolerance/scale)
	if err != nil {
		return err
	}
	ps = dash(ps, st.dashes, st.dashOffset)
	outline, err := newStroker(st, hw, ctm, tolerance).stroke(ps)
	if err != nil {
		return err
	}
	return r.fill(l, outline, src)
}

// pathBox is the bounding box of p's points, control points included; it is what
// objectBoundingBox gradients are stretched over.
func pathBox(p path) (box, bool) {
	var b box
	first := true
	for _, s := range p {
		n := 1
		switch s.op {
		case opClose:
			continue
		case opCubic:
			n = 3
		}
		for _, q := range s.p[:n] {
			if first {
				b, first = box{q.x, q.y, q.x, q.y}, false
			}
			b = b.extend(q)
		}
	}
	return b, !first
}
