package raster

import (
	"math"
)

// polys is a set of polylines stored in one point slice: subpath i covers pts[subs[i].start:subs[i].end].
type polys struct {
	pts  []pt
	subs []sub
}

type sub struct {
	start, end int
	closed     bool
}

func (ps *polys) begin(p pt) {
	ps.subs = append(ps.subs, sub{start: len(ps.pts), end: len(ps.pts)})
	ps.add(p)
}

func (ps *polys) add(p pt) {
	ps.pts = append(ps.pts, p)
	ps.subs[len(ps.subs)-1].end = len(ps.pts)
}

func (ps *polys) sub(i int) []pt { return ps.pts[ps.subs[i].start:ps.subs[i].end] }

// bounds returns the bounding box of all points, or ok=false when there are none.
func (ps *polys) bounds() (box, bool) {
	if len(ps.pts) == 0 {
		return box{}, false
	}
	b := box{ps.pts[0].x, ps.pts[0].y, ps.pts[0].x, ps.pts[0].y}
	for _, p := range ps.pts[1:] {
		b = b.extend(p)
	}
	return b, true
}

type box struct{ x0, y0, x1, y1 float64 }

func (b box) extend(p pt) box {
	return box{math.Min(b.x0, p.x), math.Min(b.y0, p.y), math.Max(b.x1, p.x), math.Max(b.y1, p.y)}
}

func (b box) grow(d float64) box { return box{b.x0 - d, b.y0 - d, b.x1 + d, b.y1 + d} }

func (b box) overlaps(o box) bool {
	return b.x0 <= o.x1 && o.x0 <= b.x1 && b.y0 <= o.y1 && o.y0 <= b.y1
}

// transformBox is the bounding box of b's corners under m.
func transformBox(b box, m matrix) box {
	p := m.apply(pt{b.x0, b.y0})
	r := box{p.x, p.y, p.x, p.y}
	for _, q := range []pt{{b.x1, b.y0}, {b.x0, b.y1}, {b.x1, b.y1}} {
		r = r.extend(m.apply(q))
	}
	return r
}

// flattener turns a path into polylines in the space of m, within tolerance tol. Curves whose
// control points all lie outside view are replaced by their chord: the convex hull, and so
// everything the curve encloses with the chord, is outside, so neither coverage inside view nor
// a stroke of less than the margin built into view changes. Curves larger than maxExt are split
// first, which bounds the number of segments a hostile curve can produce.
type flattener struct {
	m      matrix
	view   box
	maxExt float64
	tol    float64
	out    polys
	err    error
}

func flatten(p path, m matrix, view box, tol float64) (polys, error) {
	f := flattener{m: m, view: view, tol: tol}
	f.maxExt = 4 * math.Max(view.x1-view.x0, view.y1-view.y0)
	if f.maxExt < 64 {
		f.maxExt = 64
	}
	var start, cur pt
	open := false
	for _, s := range p {
		if f.err != nil {
			break
		}
		switch s.op {
		case opMove:
			start = m.apply(s.p[0])
			cur = start
			f.begin(start)
			open = true
			continue
		case opClose:
			if open {
				f.out.subs[len(f.out.subs)-1].closed = true
			}
			cur, open = start, false
			continue
		}
		if !open {
			f.begin(start)
			open = true
		}
		switch s.op {
		case opLine:
			cur = m.apply(s.p[0])
			f.add(cur)
		case opCubic:
			c1, c2, end := m.apply(s.p[0]), m.apply(s.p[1]), m.apply(s.p[2])
			f.cubic(cur, c1, c2, end, 0)
			cur = end
		}
	}
	return f.out, f.err
}

func (f *flattener) begin(p pt) {
	if !p.finite() {
		f.err = errSkip
		return
	}
	f.out.begin(p)
}

func (f *flattener) add(p pt) {
	if !p.finite() {
		f.err = errSkip
		return
	}
	if len(f.out.pts) >= maxPathPoints {
		f.err = errTooComplex
		return
	}
	f.out.add(p)
}

func (f *flattener) cubic(p0, p1, p2, p3 pt, depth int) {
	if f.err != nil {
		return
	}
	hull := box{p0.x, p0.y, p0.x, p0.y}.extend(p1).extend(p2).extend(p3)
	if !finite(hull.x0, hull.y0, hull.x1, hull.y1) {
		f.err = errSkip
		return
	}
	if !hull.overlaps(f.view) {
		f.add(p3)
		return
	}
	if (hull.x1-hull.x0 > f.maxExt || hull.y1-hull.y0 > f.maxExt) && depth < 60 {
		// de Casteljau split at t = 1/2.
		q0, q1, q2 := lerp(p0, p1, .5), lerp(p1, p2, .5), lerp(p2, p3, .5)
		r0, r1 := lerp(q0, q1, .5), lerp(q1, q2, .5)
		mid := lerp(r0, r1, .5)
		f.cubic(p0, q0, r0, mid, depth+1)
		f.cubic(mid, r1, q2, p3, depth+1)
		return
	}
	// Uniform subdivision: the error of n chords is at most max|B''|/(8n²), and
	// max|B''| ≤ 6·max(|p0-2p1+p2|, |p1-2p2+p3|).
	dd := math.Max(p0.sub(p1.mul(2)).add(p2).length(), p1.sub(p2.mul(2)).add(p3).length())
	n := int(math.Ceil(math.Sqrt(0.75 * dd / f.tol)))
	n = max(1, min(n, 1024))
	for i := 1; i < n; i++ {
		t := float64(i) / float64(n)
		u := 1 - t
		f.add(pt{
			u*u*u*p0.x + 3*u*u*t*p1.x + 3*u*t*t*p2.x + t*t*t*p3.x,
			u*u*u*p0.y + 3*u*u*t*p1.y + 3*u*t*t*p2.y + t*t*t*p3.y,
		})
	}
	f.add(p3)
}

// maxDashes bounds the dashes of one element; a finer pattern is drawn solid, which at that
// density is what it looks like anyway.
const maxDashes = 100_000

// dash cuts the polylines into the on-intervals of the SVG dash pattern. Each subpath restarts
// the pattern, as in browsers. A pattern that is empty, negative or all zero means a solid line.
func dash(in polys, pattern []float64, offset float64) polys {
	period := 0.0
	for _, d := range pattern {
		if d < 0 {
			return in
		}
		period += d
	}
	if len(pattern) == 0 || period <= 0 {
		return in
	}
	if len(pattern)%2 == 1 {
		pattern = append(append([]float64(nil), pattern...), pattern...)
		period *= 2
	}
	total := 0.0
	for i := range in.subs {
		total += polylineLength(in.sub(i), in.subs[i].closed)
	}
	if total/period*float64(len(pattern)) > maxDashes {
		return in
	}
	var out polys
	for i := range in.subs {
		pts := in.sub(i)
		if in.subs[i].closed && len(pts) > 1 {
			pts = append(append([]pt(nil), pts...), pts[0])
		}
		// Find where the pattern starts: the offset shifts it backwards along the path.
		phase := math.Mod(offset, period)
		if phase < 0 {
			phase += period
		}
		k := 0
		for phase >= pattern[k] {
			phase -= pattern[k]
			k = (k + 1) % len(pattern)
		}
		left := pattern[k] - phase // length left in the current dash or gap
		on := k%2 == 0
		if on {
			out.begin(pts[0])
		}
		for j := 1; j < len(pts); j++ {
			a, b := pts[j-1], pts[j]
			segLen := b.sub(a).length()
			pos := 0.0
			for segLen-pos > left {
				pos += left
				p := lerp(a, b, pos/segLen)
				if on {
					out.add(p)
				} else {
					out.begin(p)
				}
				on = !on
				k = (k + 1) % len(pattern)
				left = pattern[k]
			}
			left -= segLen - pos
			if on {
				out.add(b)
			}
		}
	}
	return out
}

func polylineLength(pts []pt, closed bool) float64 {
	l := 0.0
	for i := 1; i < len(pts); i++ {
		l += pts[i].sub(pts[i-1]).length()
	}
	if closed && len(pts) > 1 {
		l += pts[0].sub(pts[len(pts)-1]).length()
	}
	return l
}
