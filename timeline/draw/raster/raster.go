// Package raster turns the SVG that ECharts draws on the server into a PNG, text included, with the Go fonts.
//
// ECharts 5's server-side SVG renderer emits a small, regular subset of SVG: a background <rect>,
// <path>/<polygon>/<polyline>/<circle> shapes with presentation attributes, <text> with
// dominant-baseline="central" and a CSS font in its style attribute, <g clip-path> groups whose
// <clipPath>s and gradients sit in a <defs> at the end of the document, and a <style> with :hover
// rules only. This package interprets that subset (and the rest of the common static SVG shapes)
// in pure Go: the XML is read with encoding/xml, geometry is flattened and stroked here, coverage
// is computed by golang.org/x/image/vector, and glyph outlines come from the Go fonts through
// golang.org/x/image/font/sfnt.
//
// The input is treated as untrusted: sizes, element counts, nesting depth, path complexity and the
// total drawing work are bounded, and every violation is reported as an error.
package raster

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io"
	"math"
	"strings"
)

// Limits on hostile input. They are far above anything ECharts produces for a chart, and low
// enough that a single call cannot exhaust memory or run for minutes.
const (
	maxPixels     = 8192     // largest width or height of the output, after scaling
	maxInput      = 64 << 20 // bytes of SVG
	maxElements   = 200_000  // XML elements in the document
	maxDepth      = 256      // element nesting
	maxPathPoints = 1 << 22  // flattened points of one element
	maxTextRunes  = 1 << 20  // characters of all <text> together
	maxPixelWork  = 1 << 32  // sum of the rasterised bounding-box areas, in pixels
	maxLayerRatio = 16       // live offscreen layers, as multiples of the output area,
	maxLayerTotal = 1 << 28  // and in pixels (1 GiB of RGBA) whatever the output size
	xmlNamespace  = "http://www.w3.org/XML/1998/namespace"
	xlinkNS       = "http://www.w3.org/1999/xlink"
)

var (
	// errTooComplex reports input whose drawing would exceed the work limits.
	errTooComplex = errors.New("raster: drawing too complex")
	// errSkip marks an element that cannot be drawn (bad numbers, singular transform); the
	// element is skipped as a browser would, it is not a document error.
	errSkip = errors.New("raster: element skipped")
)

// PNG writes svg, rasterised at scale pixels per SVG unit (1 or 2), as a PNG to w. The PNG is
// round(width*scale) × round(height*scale) pixels where width and height are the root <svg>'s width/height attributes.
// Elements it does not know are skipped; malformed SVG is an error, never a panic.
func PNG(w io.Writer, svg []byte, scale float64) error {
	img, err := Image(svg, scale)
	if err != nil {
		return err
	}
	return png.Encode(w, img)
}

// Image is the same picture as an image.Image.
func Image(svg []byte, scale float64) (image.Image, error) {
	if !(scale > 0) || math.IsInf(scale, 0) {
		return nil, fmt.Errorf("raster: scale %v is not a positive number", scale)
	}
	if len(svg) > maxInput {
		return nil, fmt.Errorf("raster: SVG is %d bytes, more than the %d allowed", len(svg), maxInput)
	}
	root, err := parseXML(svg)
	if err != nil {
		return nil, err
	}
	r, err := newRenderer(root, scale)
	if err != nil {
		return nil, err
	}
	if err := r.render(root); err != nil {
		return nil, err
	}
	return r.base.img, nil
}

// node is one element of the parsed document. Character data is kept only inside text
// elements, as children with an empty name, because nothing else in the subset draws it.
type node struct {
	name  string
	attrs []attr
	kids  []*node
	text  string
}

type attr struct{ name, value string }

// attr returns the value of the attribute name and whether it is present.
func (n *node) attr(name string) (string, bool) {
	for _, a := range n.attrs {
		if a.name == name {
			return a.value, true
		}
	}
	return "", false
}

// parseXML reads the whole document into a tree, enforcing the element and depth limits while
// reading so that a hostile document is rejected before it is held in memory.
func parseXML(svg []byte) (*node, error) {
	d := xml.NewDecoder(bytes.NewReader(svg))
	d.Strict = true
	// HTML entities such as &nbsp; are not XML, but user text escaped for HTML may carry them.
	d.Entity = xml.HTMLEntity
	var root *node
	var stack []*node
	elements := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("raster: malformed SVG: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if root != nil && len(stack) == 0 {
				return nil, errors.New("raster: malformed SVG: content after the root element")
			}
			elements++
			if elements > maxElements {
				return nil, fmt.Errorf("raster: more than %d elements", maxElements)
			}
			if len(stack) >= maxDepth {
				return nil, fmt.Errorf("raster: elements nested deeper than %d", maxDepth)
			}
			n := &node{name: t.Name.Local}
			for _, a := range t.Attr {
				switch a.Name.Space {
				case "":
					n.attrs = append(n.attrs, attr{a.Name.Local, a.Value})
				case xmlNamespace, "xml":
					n.attrs = append(n.attrs, attr{"xml:" + a.Name.Local, a.Value})
				case xlinkNS:
					n.attrs = append(n.attrs, attr{"href", a.Value})
				}
			}
			if len(stack) == 0 {
				root = n
			} else {
				parent := stack[len(stack)-1]
				parent.kids = append(parent.kids, n)
			}
			stack = append(stack, n)
		case xml.EndElement:
			// The strict decoder has already checked that the end tag matches.
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case xml.CharData:
			if root != nil && len(stack) == 0 && len(bytes.TrimSpace(t)) > 0 {
				return nil, errors.New("raster: malformed SVG: text after the root element")
			}
			if len(stack) > 0 {
				if p := stack[len(stack)-1]; p.name == "text" || p.name == "tspan" {
					p.kids = append(p.kids, &node{text: string(t)})
				}
			}
		}
	}
	if root == nil {
		return nil, errors.New("raster: malformed SVG: no root element")
	}
	if len(stack) != 0 {
		return nil, errors.New("raster: malformed SVG: unclosed elements")
	}
	if root.name != "svg" {
		return nil, fmt.Errorf("raster: root element is <%s>, not <svg>", root.name)
	}
	return root, nil
}

// rootSize returns the output size in pixels and the matrix from the root's user space (its
// viewBox) to pixels.
func rootSize(root *node, scale float64) (int, int, matrix, error) {
	vb, hasVB := parseViewBox(root)
	width, okW := rootLength(root, "width")
	height, okH := rootLength(root, "height")
	if !okW && hasVB {
		width, okW = vb[2], true
	}
	if !okH && hasVB {
		height, okH = vb[3], true
	}
	if !okW || !okH {
		return 0, 0, matrix{}, errors.New("raster: root <svg> has no usable width and height")
	}
	fw, fh := math.Round(width*scale), math.Round(height*scale)
	if fw > maxPixels || fh > maxPixels {
		return 0, 0, matrix{}, fmt.Errorf("raster: image would be %.0f×%.0f pixels, more than %d a side", fw, fh, maxPixels)
	}
	if fw < 1 || fh < 1 {
		return 0, 0, matrix{}, fmt.Errorf("raster: image would be %.0f×%.0f pixels", fw, fh)
	}
	m := scaling(scale, scale)
	if hasVB {
		m = m.mul(viewBoxMatrix(vb, width, height, attrOr(root, "preserveAspectRatio", "")))
	}
	return int(fw), int(fh), m, nil
}

// rootLength reads width or height of the root; percentages have no viewport to refer to here.
func rootLength(root *node, name string) (float64, bool) {
	v, ok := root.attr(name)
	if !ok || strings.HasSuffix(strings.TrimSpace(v), "%") {
		return 0, false
	}
	f, ok := parseLength(v, 16, 0)
	return f, ok && f > 0
}

func parseViewBox(n *node) ([4]float64, bool) {
	var vb [4]float64
	v, ok := n.attr("viewBox")
	if !ok {
		return vb, false
	}
	nums, ok := parseNumberList(v)
	if !ok || len(nums) != 4 || nums[2] <= 0 || nums[3] <= 0 {
		return vb, false
	}
	copy(vb[:], nums)
	return vb, true
}

// viewBoxMatrix maps the viewBox onto a width×height viewport. Only "none" and the default
// xMidYMid meet are distinguished; other alignments are centred too, which ECharts never needs.
func viewBoxMatrix(vb [4]float64, width, height float64, par string) matrix {
	sx, sy := width/vb[2], height/vb[3]
	if strings.TrimSpace(par) != "none" {
		s := math.Min(sx, sy)
		if strings.Contains(par, "slice") {
			s = math.Max(sx, sy)
		}
		tx := (width - vb[2]*s) / 2
		ty := (height - vb[3]*s) / 2
		return translation(tx, ty).mul(scaling(s, s)).mul(translation(-vb[0], -vb[1]))
	}
	return scaling(sx, sy).mul(translation(-vb[0], -vb[1]))
}

func attrOr(n *node, name, def string) string {
	if v, ok := n.attr(name); ok {
		return v
	}
	return def
}
