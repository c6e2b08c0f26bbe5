package raster

import (
	"math"
)

type pt struct{ x, y float64 }

func (p pt) add(q pt) pt         { return pt{p.x + q.x, p.y + q.y} }
func (p pt) sub(q pt) pt         { return pt{p.x - q.x, p.y - q.y} }
func (p pt) mul(f float64) pt    { return pt{p.x * f, p.y * f} }
func (p pt) dot(q pt) float64    { return p.x*q.x + p.y*q.y }
func (p pt) cross(q pt) float64  { return p.x*q.y - p.y*q.x }
func (p pt) length() float64     { return math.Hypot(p.x, p.y) }
func lerp(p, q pt, t float64) pt { return pt{p.x + (q.x-p.x)*t, p.y + (q.y-p.y)*t} }
func (p pt) finite() bool        { return finite(p.x, p.y) }

type segOp uint8

const (
	opMove  segOp = iota // p[0]
	opLine               // p[0]
	opCubic              // p[0], p[1] control points, p[2] end
	opClose              // back to the subpath start
)

// seg is one path command. Quadratic curves and arcs are converted to cubics on the way in, so
// the flattener has a single curve type.
type seg struct {
	op segOp
	p  [3]pt
}

// path is a sequence of commands in user space; it always starts with opMove.
type path []seg

// pathBuilder tracks the current point so that relative and shorthand commands can be resolved.
type pathBuilder struct {
	p          path
	cur, start pt
	open       bool
}

func (b *pathBuilder) moveTo(p pt) {
	b.p = append(b.p, seg{op: opMove, p: [3]pt{p}})
	b.cur, b.start, b.open = p, p, true
}

// ensure reopens a subpath at the last start after a closepath, which SVG allows.
func (b *pathBuilder) ensure() {
	if !b.open {
		b.moveTo(b.cur)
	}
}

func (b *pathBuilder) lineTo(p pt) {
	b.ensure()
	b.p = append(b.p, seg{op: opLine, p: [3]pt{p}})
	b.cur = p
}

func (b *pathBuilder) cubicTo(c1, c2, p pt) {
	b.ensure()
	b.p = append(b.p, seg{op: opCubic, p: [3]pt{c1, c2, p}})
	b.cur = p
}

func (b *pathBuilder) quadTo(c, p pt) {
	b.cubicTo(lerp(b.cur, c, 2.0/3), lerp(p, c, 2.0/3), p)
}

func (b *pathBuilder) close() {
	if b.open {
		b.p = append(b.p, seg{op: opClose})
		b.cur, b.open = b.start, false
	}
}

// arcTo follows the SVG implementation notes (F.6.5 and F.6.6): convert the endpoint
// parameterisation to a centre one, correct radii that are too small, and approximate the arc by
// cubic pieces of at most 90°.
func (b *pathBuilder) arcTo(rx, ry, phiDeg float64, large, sweep bool, p pt) {
	p0 := b.cur
	if p0 == p {
		return
	}
	rx, ry = math.Abs(rx), math.Abs(ry)
	if rx == 0 || ry == 0 {
		b.lineTo(p)
		return
	}
	sin, cos := math.Sincos(phiDeg * math.Pi / 180)
	dx, dy := (p0.x-p.x)/2, (p0.y-p.y)/2
	x1 := cos*dx + sin*dy
	y1 := -sin*dx + cos*dy
	if l := x1*x1/(rx*rx) + y1*y1/(ry*ry); l > 1 {
		s := math.Sqrt(l)
		rx, ry = rx*s, ry*s
	}
	num := rx*rx*ry*ry - rx*rx*y1*y1 - ry*ry*x1*x1
	den := rx*rx*y1*y1 + ry*ry*x1*x1
	coef := 0.0
	if den > 0 && num > 0 {
		coef = math.Sqrt(num / den)
	}
	if large == sweep {
		coef = -coef
	}
	cx1, cy1 := coef*rx*y1/ry, -coef*ry*x1/rx
	cx := cos*cx1 - sin*cy1 + (p0.x+p.x)/2
	cy := sin*cx1 + cos*cy1 + (p0.y+p.y)/2
	theta := math.Atan2((y1-cy1)/ry, (x1-cx1)/rx)
	delta := math.Atan2((-y1-cy1)/ry, (-x1-cx1)/rx) - theta
	if sweep && delta < 0 {
		delta += 2 * math.Pi
	} else if !sweep && delta > 0 {
		delta -= 2 * math.Pi
	}
	if !finite(cx, cy, theta, delta, rx, ry) {
		b.lineTo(p)
		return
	}
	n := int(math.Ceil(math.Abs(delta) / (math.Pi / 2)))
	if n < 1 {
		n = 1
	}
	step := delta / float64(n)
	k := 4.0 / 3 * math.Tan(step/4)
	point := func(t float64) (pt, pt) { // position and derivative on the ellipse
		st, ct := math.Sincos(t)
		pos := pt{cx + rx*ct*cos - ry*st*sin, cy + rx*ct*sin + ry*st*cos}
		der := pt{-rx*st*cos - ry*ct*sin, -rx*st*sin + ry*ct*cos}
		return pos, der
	}
	a, da := point(theta)
	a = p0
	for i := 1; i <= n; i++ {
		e, de := point(theta + step*float64(i))
		if i == n {
			e = p // land exactly on the endpoint
		}
		b.cubicTo(a.add(da.mul(k)), e.sub(de.mul(k)), e)
		a, da = e, de
	}
}

// parsePathData reads the d attribute. On a syntax error it returns what was read before it,
// which is what the SVG specification asks renderers to draw.
func parsePathData(d string) path {
	s := pathScanner{s: d}
	var b pathBuilder
	var cmd byte
	var lastCtrl pt // reflected by S and T
	var lastCmd byte
	for {
		s.skipSpace()
		if s.i >= len(s.s) {
			break
		}
		if c := s.s[s.i]; isCommand(c) {
			cmd = c
			s.i++
		} else if cmd == 0 || cmd == 'z' || cmd == 'Z' {
			break // numbers without a command
		}
		rel := cmd >= 'a'
		base := pt{}
		if rel {
			base = b.cur
		}
		upper := cmd &^ 0x20
		if upper != 'M' && len(b.p) == 0 {
			break // a path must start with moveto
		}
		var ok bool
		switch upper {
		case 'Z':
			b.close()
			ok = true
		case 'M':
			var p pt
			if p, ok = s.point(); ok {
				b.moveTo(p.add(base))
				// Further coordinate pairs are implicit linetos.
				cmd = 'L' | (cmd & 0x20)
			}
		case 'L':
			var p pt
			if p, ok = s.point(); ok {
				b.lineTo(p.add(base))
			}
		case 'H', 'V':
			var v float64
			if v, ok = s.number(); ok {
				p := b.cur
				if upper == 'H' {
					p.x = v + base.x
				} else {
					p.y = v + base.y
				}
				b.lineTo(p)
			}
		case 'C':
			var c1, c2, p pt
			if c1, c2, p, ok = s.three(); ok {
				b.cubicTo(c1.add(base), c2.add(base), p.add(base))
				lastCtrl = c2.add(base)
			}
		case 'S':
			var c2, p pt
			if c2, p, ok = s.two(); ok {
				c1 := b.cur
				if lastCmd == 'C' || lastCmd == 'S' {
					c1 = b.cur.mul(2).sub(lastCtrl)
				}
				b.cubicTo(c1, c2.add(base), p.add(base))
				lastCtrl = c2.add(base)
			}
		case 'Q':
			var c, p pt
			if c, p, ok = s.two(); ok {
				b.quadTo(c.add(base), p.add(base))
				lastCtrl = c.add(base)
			}
		case 'T':
			var p pt
			if p, ok = s.point(); ok {
				c := b.cur
				if lastCmd == 'Q' || lastCmd == 'T' {
					c = b.cur.mul(2).sub(lastCtrl)
				}
				b.quadTo(c, p.add(base))
				lastCtrl = c
			}
		case 'A':
			var rx, ry, rot float64
			var large, sweep bool
			var p pt
			if rx, ok = s.number(); ok {
				if ry, ok = s.number(); ok {
					if rot, ok = s.number(); ok {
						if large, ok = s.flag(); ok {
							if sweep, ok = s.flag(); ok {
								if p, ok = s.point(); ok {
									b.arcTo(rx, ry, rot, large, sweep, p.add(base))
								}
							}
						}
					}
				}
			}
		}
		if !ok {
			break
		}
		lastCmd = upper
	}
	return b.p
}

func isCommand(c byte) bool {
	switch c | 0x20 {
	case 'm', 'z', 'l', 'h', 'v', 'c', 's', 'q', 't', 'a':
		return true
	}
	return false
}

// pathScanner reads the numbers of path data, which may be packed without separators
// ("1-2.5.5" is 1, -2.5 and .5).
type pathScanner struct {
	s string
	i int
}

func (s *pathScanner) skipSpace() {
	for s.i < len(s.s) {
		switch s.s[s.i] {
		case ' ', '\t', '\n', '\r', '\f', ',':
			s.i++
		default:
			return
		}
	}
}

func (s *pathScanner) number() (float64, bool) {
	s.skipSpace()
	start := s.i
	if s.i < len(s.s) && (s.s[s.i] == '+' || s.s[s.i] == '-') {
		s.i++
	}
	digits := s.digits()
	if s.i < len(s.s) && s.s[s.i] == '.' {
		s.i++
		digits += s.digits()
	}
	if digits == 0 {
		return 0, false
	}
	if s.i < len(s.s) && (s.s[s.i] == 'e' || s.s[s.i] == 'E') {
		save := s.i
		s.i++
		if s.i < len(s.s) && (s.s[s.i] == '+' || s.s[s.i] == '-') {
			s.i++
		}
		if s.digits() == 0 {
			s.i = save // an 'e' without digits is not part of the number
		}
	}
	return parseNumber(s.s[start:s.i])
}

func (s *pathScanner) digits() int {
	n := 0
	for s.i < len(s.s) && s.s[s.i] >= '0' && s.s[s.i] <= '9' {
		s.i++
		n++
	}
	return n
}

func (s *pathScanner) flag() (bool, bool) {
	s.skipSpace()
	if s.i < len(s.s) && (s.s[s.i] == '0' || s.s[s.i] == '1') {
		s.i++
		return s.s[s.i-1] == '1', true
	}
	return false, false
}

func (s *pathScanner) point() (pt, bool) {
	x, ok := s.number()
	if !ok {
		return pt{}, false
	}
	y, ok := s.number()
	return pt{x, y}, ok
}

func (s *pathScanner) two() (pt, pt, bool) {
	a, ok := s.point()
	if !ok {
		return a, a, false
	}
	b, ok := s.point()
	return a, b, ok
}

func (s *pathScanner) three() (pt, pt, pt, bool) {
	a, b, ok := s.two()
	if !ok {
		return a, b, b, false
	}
	c, ok := s.point()
	return a, b, c, ok
}
