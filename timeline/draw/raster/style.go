package raster

import (
	"strings"
)

type paintKind uint8

const (
	paintNone paintKind = iota
	paintColor
	paintRef // a gradient, with a fallback used when the reference does not resolve
)

type paint struct {
	kind     paintKind
	color    rgba
	ref      string
	fallback *paint
}

type lineCap uint8

const (
	capButt lineCap = iota
	capRound
	capSquare
)

type lineJoin uint8

const (
	joinMiter lineJoin = iota
	joinRound
	joinBevel
)

// style holds the inherited presentation properties of an element. Non-inherited ones
// (opacity, transform, clip-path, display) are read straight from the element.
type style struct {
	fill, stroke  paint
	fillOpacity   float64
	strokeOpacity float64
	strokeWidth   float64
	dashes        []float64
	dashOffset    float64
	cap           lineCap
	join          lineJoin
	miterLimit    float64
	strokeFirst   bool // paint-order: stroke
	fontSize      float64
	bold, italic  bool
	anchor        string
	baseline      string
	preserveSpace bool
	hidden        bool
	currentColor  rgba
}

func defaultStyle() style {
	return style{
		fill:          paint{kind: paintColor, color: rgba{0, 0, 0, 1}},
		fillOpacity:   1,
		strokeOpacity: 1,
		strokeWidth:   1,
		miterLimit:    4,
		fontSize:      16,
		anchor:        "start",
		baseline:      "auto",
		currentColor:  rgba{0, 0, 0, 1},
	}
}

// elementStyle computes n's style from its parent's: presentation attributes first, then the
// declarations of its style attribute, which win, as in CSS.
func elementStyle(n *node, parent style) style {
	st := parent
	for _, a := range n.attrs {
		if a.name == "font" {
			continue // font is a CSS shorthand only, not a presentation attribute
		}
		st.set(a.name, a.value)
	}
	if v, ok := n.attr("style"); ok {
		for _, d := range parseDeclarations(v) {
			st.set(d.name, d.value)
		}
	}
	return st
}

// set applies one property; invalid values are ignored, leaving the inherited value, which is
// how CSS treats a declaration it cannot parse.
func (st *style) set(name, v string) {
	v = strings.TrimSpace(v)
	if v == "inherit" || v == "" {
		return
	}
	switch name {
	case "color":
		if c, ok := parseColor(v); ok {
			st.currentColor = c
		}
	case "fill":
		if p, ok := st.parsePaint(v); ok {
			st.fill = p
		}
	case "stroke":
		if p, ok := st.parsePaint(v); ok {
			st.stroke = p
		}
	case "fill-opacity":
		if f, ok := parseOpacity(v); ok {
			st.fillOpacity = f
		}
	case "stroke-opacity":
		if f, ok := parseOpacity(v); ok {
			st.strokeOpacity = f
		}
	case "stroke-width":
		if f, ok := parseLength(v, st.fontSize, 0); ok && f >= 0 {
			st.strokeWidth = f
		}
	case "stroke-dasharray":
		st.dashes = nil
		if v != "none" {
			if d, ok := parseNumberList(strings.ReplaceAll(v, "px", "")); ok {
				st.dashes = d
			}
		}
	case "stroke-dashoffset":
		if f, ok := parseLength(v, st.fontSize, 0); ok {
			st.dashOffset = f
		}
	case "stroke-linecap":
		switch v {
		case "butt":
			st.cap = capButt
		case "round":
			st.cap = capRound
		case "square":
			st.cap = capSquare
		}
	case "stroke-linejoin":
		switch v {
		case "miter", "miter-clip", "arcs":
			st.join = joinMiter
		case "round":
			st.join = joinRound
		case "bevel":
			st.join = joinBevel
		}
	case "stroke-miterlimit":
		if f, ok := parseNumber(v); ok && f >= 1 {
			st.miterLimit = f
		}
	case "paint-order":
		fields := strings.Fields(v)
		st.strokeFirst = len(fields) > 0 && fields[0] == "stroke" || len(fields) > 1 && fields[0] == "markers" && fields[1] == "stroke"
	case "font":
		st.setFont(v)
	case "font-size":
		if f, ok := parseLength(v, st.fontSize, st.fontSize); ok && f >= 0 {
			st.fontSize = f
		}
	case "font-weight":
		st.bold = isBold(v, st.bold)
	case "font-style":
		st.italic = v == "italic" || v == "oblique" || strings.HasPrefix(v, "oblique ")
	case "text-anchor":
		if v == "start" || v == "middle" || v == "end" {
			st.anchor = v
		}
	case "dominant-baseline", "alignment-baseline":
		st.baseline = v
	case "xml:space":
		st.preserveSpace = v == "preserve"
	case "visibility":
		st.hidden = v == "hidden" || v == "collapse"
	}
}

func parseOpacity(v string) (float64, bool) {
	pct := strings.HasSuffix(v, "%")
	f, ok := parseNumber(strings.TrimSuffix(v, "%"))
	if pct {
		f /= 100
	}
	return clamp01(f), ok
}

func (st *style) parsePaint(v string) (paint, bool) {
	if id, rest, ok := urlRef(v); ok {
		p := paint{kind: paintRef, ref: id}
		if rest != "" {
			if fb, ok := st.parsePaint(rest); ok && fb.kind != paintRef {
				p.fallback = &fb
			}
		}
		return p, true
	}
	switch strings.ToLower(v) {
	case "none":
		return paint{kind: paintNone}, true
	case "currentcolor":
		return paint{kind: paintColor, color: st.currentColor}, true
	}
	c, ok := parseColor(v)
	return paint{kind: paintColor, color: c}, ok
}

// isBold maps a font-weight to the two faces there are: 600 and above, bold and bolder are Go Bold.
func isBold(v string, parent bool) bool {
	switch v {
	case "bold", "bolder":
		return true
	case "normal", "lighter":
		return false
	}
	if f, ok := parseNumber(v); ok {
		return f >= 600
	}
	return parent
}

// setFont reads the CSS font shorthand that ECharts writes, such as "bold 12px sans-serif" or
// "normal normal 12px/1.5 Microsoft YaHei": style, variant and weight words, then the size
// (optionally with a line height), then the family, which is ignored since every family is drawn
// with the Go fonts.
func (st *style) setFont(v string) {
	bold, italic := false, false
	for _, tok := range strings.Fields(v) {
		switch tok {
		case "normal", "small-caps", "lighter":
			continue
		case "italic", "oblique":
			italic = true
			continue
		case "bold", "bolder":
			bold = true
			continue
		}
		if f, ok := parseNumber(tok); ok {
			bold = f >= 600 // a unitless number before the size is a weight such as 700
			continue
		}
		size, _, _ := strings.Cut(tok, "/")
		if f, ok := parseLength(size, st.fontSize, st.fontSize); ok && f >= 0 {
			st.fontSize = f
			st.bold, st.italic = bold, italic
		}
		return // the size ends the prefix; what follows is the family
	}
}
