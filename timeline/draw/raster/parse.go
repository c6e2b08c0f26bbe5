package raster

import (
	"image/color"
	"math"
	"strconv"
	"strings"

	"golang.org/x/image/colornames"
)

// matrix is an SVG affine transform: x' = a·x + c·y + e, y' = b·x + d·y + f.
type matrix struct{ a, b, c, d, e, f float64 }

var identity = matrix{a: 1, d: 1}

func translation(x, y float64) matrix { return matrix{a: 1, d: 1, e: x, f: y} }
func scaling(x, y float64) matrix     { return matrix{a: x, d: y} }

// mul returns m·n, the transform that applies n first and then m.
func (m matrix) mul(n matrix) matrix {
	return matrix{
		a: m.a*n.a + m.c*n.b, b: m.b*n.a + m.d*n.b,
		c: m.a*n.c + m.c*n.d, d: m.b*n.c + m.d*n.d,
		e: m.a*n.e + m.c*n.f + m.e, f: m.b*n.e + m.d*n.f + m.f,
	}
}

func (m matrix) apply(p pt) pt { return pt{m.a*p.x + m.c*p.y + m.e, m.b*p.x + m.d*p.y + m.f} }

func (m matrix) det() float64 { return m.a*m.d - m.b*m.c }

// inverse fails for singular or non-finite matrices; SVG draws nothing under such a transform.
func (m matrix) inverse() (matrix, bool) {
	det := m.det()
	if det == 0 || math.IsNaN(det) || math.IsInf(det, 0) {
		return matrix{}, false
	}
	inv := matrix{a: m.d / det, b: -m.b / det, c: -m.c / det, d: m.a / det}
	inv.e = -(inv.a*m.e + inv.c*m.f)
	inv.f = -(inv.b*m.e + inv.d*m.f)
	if !finite(inv.a, inv.b, inv.c, inv.d, inv.e, inv.f) {
		return matrix{}, false
	}
	return inv, true
}

// maxScale is the largest stretch m applies to any direction (its largest singular value); it
// converts tolerances and stroke widths between pixels and user units conservatively.
func (m matrix) maxScale() float64 {
	t := m.a*m.a + m.b*m.b + m.c*m.c + m.d*m.d
	d := m.det()
	return math.Sqrt((t + math.Sqrt(math.Max(t*t-4*d*d, 0))) / 2)
}

func finite(vs ...float64) bool {
	for _, v := range vs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}

// parseNumber accepts a plain SVG number. strconv would also take "NaN", "Inf" and hex
// floats, which SVG does not have and which would poison the geometry.
func parseNumber(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if s == "" || strings.ContainsAny(s, "xXnNiI_") {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || !finite(f) {
		return 0, false
	}
	return f, true
}

// parseLength reads a length with an optional unit; em and ex refer to fontSize and a
// percentage to ref (the viewport side it is measured against).
func parseLength(s string, fontSize, ref float64) (float64, bool) {
	s = strings.TrimSpace(s)
	unit := 1.0
	for _, u := range []struct {
		suffix string
		factor float64
	}{{"px", 1}, {"pt", 4.0 / 3}, {"pc", 16}, {"mm", 96 / 25.4}, {"cm", 96 / 2.54}, {"in", 96}, {"em", fontSize}, {"ex", fontSize / 2}, {"%", ref / 100}} {
		if strings.HasSuffix(s, u.suffix) {
			s, unit = strings.TrimSuffix(s, u.suffix), u.factor
			break
		}
	}
	f, ok := parseNumber(s)
	if !ok || !finite(f*unit) {
		return 0, false
	}
	return f * unit, true
}

// parseNumberList splits on commas and white space, as points, viewBox and dash arrays are written.
func parseNumberList(s string) ([]float64, bool) {
	fields := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' || r == '\r' })
	out := make([]float64, 0, len(fields))
	for _, f := range fields {
		v, ok := parseNumber(f)
		if !ok {
			return out, false
		}
		out = append(out, v)
	}
	return out, true
}

// parseTransform reads an SVG transform list. An invalid list is ignored entirely, as the
// specification says for an attribute in error.
func parseTransform(s string) (matrix, bool) {
	m := identity
	s = strings.TrimSpace(s)
	for s != "" {
		open := strings.IndexByte(s, '(')
		close := strings.IndexByte(s, ')')
		if open < 0 || close < open {
			return identity, false
		}
		name := strings.TrimSpace(s[:open])
		args, ok := parseNumberList(s[open+1 : close])
		if !ok {
			return identity, false
		}
		s = strings.TrimLeft(s[close+1:], " ,\t\r\n")
		var t matrix
		switch {
		case name == "matrix" && len(args) == 6:
			t = matrix{args[0], args[1], args[2], args[3], args[4], args[5]}
		case name == "translate" && (len(args) == 1 || len(args) == 2):
			args = append(args, 0)
			t = translation(args[0], args[1])
		case name == "scale" && (len(args) == 1 || len(args) == 2):
			if len(args) == 1 {
				args = append(args, args[0])
			}
			t = scaling(args[0], args[1])
		case name == "rotate" && (len(args) == 1 || len(args) == 3):
			sin, cos := math.Sincos(args[0] * math.Pi / 180)
			t = matrix{a: cos, b: sin, c: -sin, d: cos}
			if len(args) == 3 {
				t = translation(args[1], args[2]).mul(t).mul(translation(-args[1], -args[2]))
			}
		case name == "skewX" && len(args) == 1:
			t = matrix{a: 1, c: math.Tan(args[0] * math.Pi / 180), d: 1}
		case name == "skewY" && len(args) == 1:
			t = matrix{a: 1, b: math.Tan(args[0] * math.Pi / 180), d: 1}
		default:
			return identity, false
		}
		m = m.mul(t)
	}
	if !finite(m.a, m.b, m.c, m.d, m.e, m.f) {
		return identity, false
	}
	return m, true
}

// rgba is a straight (not premultiplied) colour with components in [0, 1].
type rgba struct{ r, g, b, a float64 }

// premul converts to the premultiplied 8-bit colour that image.RGBA stores, with an extra opacity.
func (c rgba) premul(opacity float64) color.RGBA {
	a := clamp01(c.a * opacity)
	return color.RGBA{
		R: uint8(math.Round(clamp01(c.r) * a * 255)),
		G: uint8(math.Round(clamp01(c.g) * a * 255)),
		B: uint8(math.Round(clamp01(c.b) * a * 255)),
		A: uint8(math.Round(a * 255)),
	}
}

func clamp01(v float64) float64 { return math.Max(0, math.Min(1, v)) }

// parseColor reads #rgb, #rgba, #rrggbb, #rrggbbaa, rgb(), rgba(), hsl(), hsla(), transparent
// and the CSS colour names. currentColor is resolved by the caller.
func parseColor(s string) (rgba, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch {
	case s == "transparent":
		return rgba{}, true
	case strings.HasPrefix(s, "#"):
		return parseHex(s[1:])
	case strings.HasPrefix(s, "rgb(") || strings.HasPrefix(s, "rgba("):
		return parseFunctional(s, false)
	case strings.HasPrefix(s, "hsl(") || strings.HasPrefix(s, "hsla("):
		return parseFunctional(s, true)
	}
	if c, ok := colornames.Map[s]; ok {
		return rgba{float64(c.R) / 255, float64(c.G) / 255, float64(c.B) / 255, float64(c.A) / 255}, true
	}
	return rgba{}, false
}

func parseHex(h string) (rgba, bool) {
	v, err := strconv.ParseUint(h, 16, 32)
	if err != nil {
		return rgba{}, false
	}
	nib := func(shift uint) float64 { return float64((v>>shift)&0xf) * 17 / 255 }
	byt := func(shift uint) float64 { return float64((v>>shift)&0xff) / 255 }
	switch len(h) {
	case 3:
		return rgba{nib(8), nib(4), nib(0), 1}, true
	case 4:
		return rgba{nib(12), nib(8), nib(4), nib(0)}, true
	case 6:
		return rgba{byt(16), byt(8), byt(0), 1}, true
	case 8:
		return rgba{byt(24), byt(16), byt(8), byt(0)}, true
	}
	return rgba{}, false
}

// parseFunctional reads rgb()/rgba()/hsl()/hsla() in the comma or the space-and-slash syntax.
func parseFunctional(s string, hsl bool) (rgba, bool) {
	open, close := strings.IndexByte(s, '('), strings.LastIndexByte(s, ')')
	if open < 0 || close < open {
		return rgba{}, false
	}
	parts := strings.FieldsFunc(s[open+1:close], func(r rune) bool { return r == ',' || r == ' ' || r == '/' })
	if len(parts) != 3 && len(parts) != 4 {
		return rgba{}, false
	}
	var v [4]float64
	v[3] = 1
	for i, p := range parts {
		pct := strings.HasSuffix(p, "%")
		p = strings.TrimSuffix(p, "%")
		if hsl && i == 0 {
			p = strings.TrimSuffix(p, "deg")
		}
		f, ok := parseNumber(p)
		if !ok {
			return rgba{}, false
		}
		switch {
		case pct:
			f /= 100
		case i < 3 && !hsl:
			f /= 255
		}
		v[i] = f
	}
	if hsl {
		r, g, b := hslToRGB(v[0], clamp01(v[1]), clamp01(v[2]))
		return rgba{r, g, b, clamp01(v[3])}, true
	}
	return rgba{clamp01(v[0]), clamp01(v[1]), clamp01(v[2]), clamp01(v[3])}, true
}

func hslToRGB(h, s, l float64) (float64, float64, float64) {
	h = math.Mod(h, 360)
	if h < 0 {
		h += 360
	}
	f := func(n float64) float64 {
		k := math.Mod(n+h/30, 12)
		a := s * math.Min(l, 1-l)
		return l - a*math.Max(-1, math.Min(math.Min(k-3, 9-k), 1))
	}
	return f(0), f(8), f(4)
}

// urlRef extracts id from "url(#id)" or "url('#id')", returning the rest of the value, which
// for paints is a fallback colour.
func urlRef(s string) (id, rest string, ok bool) {
	s = strings.TrimSpace(s)
	if !strings.HasPrefix(s, "url(") {
		return "", "", false
	}
	end := strings.IndexByte(s, ')')
	if end < 0 {
		return "", "", false
	}
	ref := strings.Trim(strings.TrimSpace(s[4:end]), `"'`)
	if !strings.HasPrefix(ref, "#") {
		return "", "", false
	}
	return ref[1:], strings.TrimSpace(s[end+1:]), true
}

// parseDeclarations splits a style attribute into property/value pairs.
func parseDeclarations(s string) []attr {
	var out []attr
	for _, decl := range strings.Split(s, ";") {
		k, v, ok := strings.Cut(decl, ":")
		if !ok {
			continue
		}
		k = strings.ToLower(strings.TrimSpace(k))
		v = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "!important"))
		if k != "" {
			out = append(out, attr{k, v})
		}
	}
	return out
}
