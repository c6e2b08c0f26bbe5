package raster

import (
	"math"
)

// stroker outlines polylines as a union of simple convex pieces: a quadrilateral per segment,
// a wedge, triangle or miter quad per join and a cap per open end. Every piece is emitted with
// the same orientation in pixel space, so the non-zero coverage the rasteriser computes is
// exactly their union. This avoids resolving self-intersections of a single offset outline, which
// is where general strokers get slow or fragile on hostile input.
type stroker struct {
	hw      float64 // half the stroke width, user units
	cap     lineCap
	join    lineJoin
	miter   float64
	m       matrix  // user space to pixels
	arcStep float64 // angle per chord of round joins and caps
	out     polys
	err     error
}

func newStroker(st style, hw float64, m matrix, tolPx float64) *stroker {
	s := &stroker{hw: hw, cap: st.cap, join: st.join, miter: st.miterLimit, m: m}
	rPx := hw * m.maxScale()
	s.arcStep = math.Pi / 4
	if rPx > tolPx {
		s.arcStep = math.Min(s.arcStep, 2*math.Acos(1-tolPx/rPx))
	}
	// A chord per 1/256 of a turn is plenty even for the widest stroke that can be on screen.
	s.arcStep = math.Max(s.arcStep, 2*math.Pi/256)
	return s
}

// stroke returns the outline pieces of in (user space) as closed polygons in pixel space.
func (s *stroker) stroke(in polys) (polys, error) {
	for i := range in.subs {
		if s.err != nil {
			break
		}
		s.polyline(in.sub(i), in.subs[i].closed)
	}
	return s.out, s.err
}

func (s *stroker) polyline(raw []pt, closed bool) {
	pts := make([]pt, 0, len(raw))
	for _, p := range raw {
		if len(pts) == 0 || p != pts[len(pts)-1] {
			pts = append(pts, p)
		}
	}
	if closed && len(pts) > 1 && pts[0] == pts[len(pts)-1] {
		pts = pts[:len(pts)-1]
	}
	n := len(pts)
	if n == 0 {
		return
	}
	if n == 1 {
		// A zero-length subpath shows only its caps.
		switch s.cap {
		case capRound:
			s.arc(pts[0], 0, 2*math.Pi)
		case capSquare:
			h := s.hw
			p := pts[0]
			s.emit(pt{p.x - h, p.y - h}, pt{p.x + h, p.y - h}, pt{p.x + h, p.y + h}, pt{p.x - h, p.y + h})
		}
		return
	}
	if n == 2 {
		closed = false // a closed two-point path is a line there and back: caps would be wrong, joins too
	}
	segs := n - 1
	if closed {
		segs = n
	}
	dirs := make([]pt, segs)
	for i := 0; i < segs; i++ {
		a, b := pts[i], pts[(i+1)%n]
		d := b.sub(a)
		d = d.mul(1 / d.length())
		dirs[i] = d
		nv := pt{-d.y, d.x}.mul(s.hw)
		s.emit(a.add(nv), b.add(nv), b.sub(nv), a.sub(nv))
	}
	for i := 1; i < segs; i++ {
		s.joint(pts[i], dirs[i-1], dirs[i])
	}
	if closed {
		s.joint(pts[0], dirs[segs-1], dirs[0])
		return
	}
	s.capAt(pts[0], dirs[0].mul(-1))
	s.capAt(pts[n-1], dirs[segs-1])
}

// joint fills the gap on the outer side of the turn from direction d0 to d1 at v.
func (s *stroker) joint(v, d0, d1 pt) {
	cr, dt := d0.cross(d1), d0.dot(d1)
	if math.Abs(cr) < 1e-12 && dt > 0 {
		return // straight on: the segment quads already meet
	}
	u0, u1 := pt{-d0.y, d0.x}, pt{-d1.y, d1.x}
	if cr > 0 {
		u0, u1 = u0.mul(-1), u1.mul(-1) // turning towards the normal: the outer side is opposite
	}
	switch s.join {
	case joinRound:
		a0 := math.Atan2(u0.y, u0.x)
		s.arc(v, a0, math.Atan2(u0.cross(u1), u0.dot(u1)))
		return
	case joinMiter:
		c := u0.dot(u1)
		// The miter length over the stroke width is 1/sin(α/2) for the angle α between the
		// segments, which is 1/sqrt((1+c)/2) in terms of the outer normals.
		if c > -1+1e-12 && 1/math.Sqrt((1+c)/2) <= s.miter {
			tip := v.add(u0.add(u1).mul(s.hw / (1 + c)))
			s.emit(v, v.add(u0.mul(s.hw)), tip, v.add(u1.mul(s.hw)))
			return
		}
	}
	s.emit(v, v.add(u0.mul(s.hw)), v.add(u1.mul(s.hw)))
}

// capAt adds the cap at an open end p whose outward direction is d.
func (s *stroker) capAt(p, d pt) {
	nv := pt{-d.y, d.x}
	switch s.cap {
	case capSquare:
		h := nv.mul(s.hw)
		f := d.mul(s.hw)
		s.emit(p.add(h), p.add(h).add(f), p.sub(h).add(f), p.sub(h))
	case capRound:
		// Half a turn from the normal through d to the other normal.
		s.arc(p, math.Atan2(nv.y, nv.x), -math.Pi)
	}
}

// arc adds the pie slice of radius hw around c from angle a0 over sweep.
func (s *stroker) arc(c pt, a0, sweep float64) {
	n := int(math.Ceil(math.Abs(sweep) / s.arcStep))
	n = max(1, n)
	pts := make([]pt, 0, n+2)
	pts = append(pts, c)
	for k := 0; k <= n; k++ {
		sin, cos := math.Sincos(a0 + sweep*float64(k)/float64(n))
		pts = append(pts, pt{c.x + cos*s.hw, c.y + sin*s.hw})
	}
	s.emit(pts...)
}

// emit transforms a piece to pixels and stores it with positive orientation.
func (s *stroker) emit(piece ...pt) {
	if s.err != nil {
		return
	}
	if len(s.out.pts)+len(piece) > maxPathPoints {
		s.err = errTooComplex
		return
	}
	start := len(s.out.pts)
	area := 0.0
	for i, p := range piece {
		q := s.m.apply(p)
		if !q.finite() {
			s.err = errSkip
			return
		}
		if i == 0 {
			s.out.begin(q)
		} else {
			s.out.add(q)
			area += s.out.pts[len(s.out.pts)-2].cross(q)
		}
	}
	area += s.out.pts[len(s.out.pts)-1].cross(s.out.pts[start])
	s.out.subs[len(s.out.subs)-1].closed = true
	if area < 0 {
		seg := s.out.pts[start:]
		for i, j := 0, len(seg)-1; i < j; i, j = i+1, j-1 {
			seg[i], seg[j] = seg[j], seg[i]
		}
	}
}
