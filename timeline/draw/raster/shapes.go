package raster

import (
	"math"
)

// length reads a geometry attribute; percentages refer to the root viewport.
func (r *renderer) length(n *node, name string, st style, ref float64) (float64, bool) {
	v, ok := n.attr(name)
	if !ok {
		return 0, false
	}
	return parseLength(v, st.fontSize, ref)
}

// shapePath builds the user-space outline of a basic shape or <path>. Invalid or
// zero-size shapes give nil, which draws nothing, as in browsers.
func (r *renderer) shapePath(n *node, st style) path {
	get := func(name string, ref float64) float64 {
		v, _ := r.length(n, name, st, ref)
		return v
	}
	diag := math.Hypot(r.vw, r.vh) / math.Sqrt2
	switch n.name {
	case "path":
		return parsePathData(attrOr(n, "d", ""))
	case "rect":
		w, h := get("width", r.vw), get("height", r.vh)
		if w <= 0 || h <= 0 {
			return nil
		}
		rx, okX := r.length(n, "rx", st, r.vw)
		ry, okY := r.length(n, "ry", st, r.vh)
		if !okX || rx < 0 {
			rx, okX = ry, okY && ry >= 0
		}
		if !okY || ry < 0 {
			ry = rx
		}
		if !okX {
			rx, ry = 0, 0
		}
		return rectPath(get("x", r.vw), get("y", r.vh), w, h, math.Min(rx, w/2), math.Min(ry, h/2))
	case "circle":
		rad := get("r", diag)
		if rad <= 0 {
			return nil
		}
		return ellipsePath(get("cx", r.vw), get("cy", r.vh), rad, rad)
	case "ellipse":
		rx, okX := r.length(n, "rx", st, r.vw)
		ry, okY := r.length(n, "ry", st, r.vh)
		if !okX {
			rx = ry
		}
		if !okY {
			ry = rx
		}
		if rx <= 0 || ry <= 0 {
			return nil
		}
		return ellipsePath(get("cx", r.vw), get("cy", r.vh), rx, ry)
	case "line":
		return path{
			{op: opMove, p: [3]pt{{get("x1", r.vw), get("y1", r.vh)}}},
			{op: opLine, p: [3]pt{{get("x2", r.vw), get("y2", r.vh)}}},
		}
	case "polyline", "polygon":
		nums, _ := parseNumberList(attrOr(n, "points", ""))
		return polyPath(nums, n.name == "polygon")
	}
	return nil
}

// kappa places cubic control points to approximate a quarter ellipse.
const kappa = 0.5522847498307936

// ellipsePath is a closed ellipse made of four cubics.
func ellipsePath(cx, cy, rx, ry float64) path {
	var b pathBuilder
	b.moveTo(pt{cx + rx, cy})
	b.cubicTo(pt{cx + rx, cy + ry*kappa}, pt{cx + rx*kappa, cy + ry}, pt{cx, cy + ry})
	b.cubicTo(pt{cx - rx*kappa, cy + ry}, pt{cx - rx, cy + ry*kappa}, pt{cx - rx, cy})
	b.cubicTo(pt{cx - rx, cy - ry*kappa}, pt{cx - rx*kappa, cy - ry}, pt{cx, cy - ry})
	b.cubicTo(pt{cx + rx*kappa, cy - ry}, pt{cx + rx, cy - ry*kappa}, pt{cx + rx, cy})
	b.close()
	return b.p
}

// rectPath is a rectangle whose corners are rounded with radii rx, ry (already clamped).
func rectPath(x, y, w, h, rx, ry float64) path {
	var b pathBuilder
	if rx <= 0 || ry <= 0 {
		b.moveTo(pt{x, y})
		b.lineTo(pt{x + w, y})
		b.lineTo(pt{x + w, y + h})
		b.lineTo(pt{x, y + h})
		b.close()
		return b.p
	}
	kx, ky := rx*(1-kappa), ry*(1-kappa)
	b.moveTo(pt{x + rx, y})
	b.lineTo(pt{x + w - rx, y})
	b.cubicTo(pt{x + w - kx, y}, pt{x + w, y + ky}, pt{x + w, y + ry})
	b.lineTo(pt{x + w, y + h - ry})
	b.cubicTo(pt{x + w, y + h - ky}, pt{x + w - kx, y + h}, pt{x + w - rx, y + h})
	b.lineTo(pt{x + rx, y + h})
	b.cubicTo(pt{x + kx, y + h}, pt{x, y + h - ky}, pt{x, y + h - ry})
	b.lineTo(pt{x, y + ry})
	b.cubicTo(pt{x, y + ky}, pt{x + kx, y}, pt{x + rx, y})
	b.close()
	return b.p
}

// polyPath joins points pairwise into a polyline, closed for <polygon>; an odd last number is
// dropped, as the specification says.
func polyPath(nums []float64, closed bool) path {
	var b pathBuilder
	for i := 0; i+1 < len(nums); i += 2 {
		p := pt{nums[i], nums[i+1]}
		if i == 0 {
			b.moveTo(p)
		} else {
			b.lineTo(p)
		}
	}
	if closed {
		b.close()
	}
	return b.p
}
