package charts

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Looks are the page's looks, each with the background its charts and
// swatches are drawn on.
var Looks = []struct{ Name, Background string }{
	{"default", "#ffffff"},
	{"dark", "#1c2029"},
	{"contrast", "#000000"},
}

// MarkContrast is the least contrast a mark of a theme's colour has with
// the background of every look: WCAG's 3:1 for what is not text, with a
// little to spare for rounding.
const MarkContrast = 3.1

// Legible returns a theme colour as it is drawn in a look: the colour itself
// where it has MarkContrast against the look's background, else the colour
// mixed towards black (on a light background) or white (on a dark one),
// just enough to reach it, so that the hue stays. A colour that is not
// #rgb or #rrggbb is returned as it is.
func Legible(color, look string) string {
	c, ok := parseHex(color)
	if !ok {
		return color
	}
	bg := [3]float64{1, 1, 1}
	for _, l := range Looks {
		if l.Name == look {
			bg, _ = parseHex(l.Background)
		}
	}
	if Contrast(c, bg) >= MarkContrast {
		return hex(c)
	}
	toward := 0.0 // black
	if luminance(bg) < 0.18 {
		toward = 1 // white
	}
	for step := 1; step <= 100; step++ {
		f := float64(step) / 100
		m := [3]float64{}
		for i := range m {
			m[i] = c[i] + (toward-c[i])*f
		}
		if Contrast(m, bg) >= MarkContrast {
			return hex(m)
		}
	}
	return hex([3]float64{toward, toward, toward})
}

// LookColors are a colour as each look draws it, by the look's name.
func LookColors(color string) map[string]string {
	m := make(map[string]string, len(Looks))
	for _, l := range Looks {
		m[l.Name] = Legible(color, l.Name)
	}
	return m
}

// Contrast is WCAG's contrast ratio between two sRGB colours, each channel
// from 0 to 1.
func Contrast(a, b [3]float64) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func luminance(c [3]float64) float64 {
	lin := func(v float64) float64 {
		if v <= 0.04045 {
			return v / 12.92
		}
		return math.Pow((v+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c[0]) + 0.7152*lin(c[1]) + 0.0722*lin(c[2])
}

// parseHex reads #rgb or #rrggbb.
func parseHex(s string) ([3]float64, bool) {
	var c [3]float64
	s = strings.TrimPrefix(s, "#")
	if len(s) == 3 {
		s = string([]byte{s[0], s[0], s[1], s[1], s[2], s[2]})
	}
	if len(s) != 6 {
		return c, false
	}
	n, err := strconv.ParseUint(s, 16, 32)
	if err != nil {
		return c, false
	}
	c[0], c[1], c[2] = float64(n>>16)/255, float64(n>>8&255)/255, float64(n&255)/255
	return c, true
}

func hex(c [3]float64) string {
	b := func(v float64) int { return int(math.Round(math.Max(0, math.Min(1, v)) * 255)) }
	return fmt.Sprintf("#%02x%02x%02x", b(c[0]), b(c[1]), b(c[2]))
}
