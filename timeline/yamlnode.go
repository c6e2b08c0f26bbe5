package timeline

import (
	"errors"
	"fmt"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// maxDepth is how deeply an event file may nest; the format itself needs four levels.
const maxDepth = 16

type nodeKind int

const (
	nullNode nodeKind = iota
	scalarNode
	mapNode
	seqNode
)

// node is a YAML value with its position, cut down to what an event file may
// hold: nothing, text, a mapping with text keys, or a list.
type node struct {
	kind      nodeKind
	value     string  // a scalar's text, exactly as YAML reads it
	keys      []*node // a mapping's keys, in file order
	values    []*node // a mapping's values, parallel to keys
	items     []*node // a list's items
	line, col int
}

// describe names the kind of value in a message, such as "a list".
func (n *node) describe() string {
	switch n.kind {
	case scalarNode:
		return fmt.Sprintf("the text %q", n.value)
	case mapNode:
		return "a mapping (key: value lines)"
	case seqNode:
		return "a list"
	}
	return "nothing"
}

// parseYAML parses one YAML document into nodes. A syntax error, an alias, a
// second document or nesting past maxDepth is reported as problems in file.
func parseYAML(src []byte, file string) (*node, Problems) {
	// Repeated keys are reported by the decoder, which goes on to find more.
	f, err := parser.ParseBytes(src, 0, parser.AllowDuplicateMapKey())
	if err != nil {
		var se *yaml.SyntaxError
		if errors.As(err, &se) && se.Token != nil {
			return nil, Problems{{File: file, Line: se.Token.Position.Line, Column: se.Token.Position.Column,
				Message: "the file is not valid YAML: " + se.Message + "; check the indentation and quoting at this place"}}
		}
		return nil, Problems{{File: file, Message: "the file is not valid YAML: " + err.Error()}}
	}
	c := &converter{file: file}
	var root *node
	docs := 0
	for _, d := range f.Docs {
		if d == nil || d.Body == nil {
			continue
		}
		docs++
		if docs > 1 {
			tk := d.Body.GetToken()
			c.problems = append(c.problems, &Problem{File: file, Line: tk.Position.Line, Column: tk.Position.Column,
				Message: "the file holds more than one YAML document; remove the second \"---\" and what follows it, or merge the two"})
			break
		}
		root = c.convert(d.Body, 0)
	}
	if root == nil && len(c.problems) == 0 {
		root = &node{kind: nullNode, line: 1, col: 1}
	}
	return root, c.problems
}

type converter struct {
	file     string
	problems Problems
}

func (c *converter) fail(tk ast.Node, msg string) *node {
	n := at(tk)
	c.problems = append(c.problems, &Problem{File: c.file, Line: n.line, Column: n.col, Message: msg})
	return n
}

// at returns a null node at the position of y.
func at(y ast.Node) *node {
	tk := y.GetToken()
	if tk == nil {
		return &node{kind: nullNode}
	}
	return &node{kind: nullNode, line: tk.Position.Line, col: tk.Position.Column}
}

func (c *converter) convert(y ast.Node, depth int) *node {
	if depth > maxDepth {
		return c.fail(y, fmt.Sprintf("the file nests deeper than %d levels; an event file needs only four", maxDepth))
	}
	n := at(y)
	switch y := y.(type) {
	case *ast.NullNode:
	case *ast.StringNode:
		n.kind, n.value = scalarNode, y.Value
	case *ast.LiteralNode:
		n.kind, n.value = scalarNode, y.Value.Value
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.InfinityNode, *ast.NanNode:
		// Kept as written: a title of 1984 is the text "1984", and a date
		// such as 2022 keeps its digits.
		n.kind, n.value = scalarNode, y.GetToken().Value
	case *ast.TagNode:
		return c.convert(y.Value, depth)
	case *ast.AnchorNode:
		return c.convert(y.Value, depth)
	case *ast.AliasNode:
		return c.fail(y, "YAML aliases (*name) are not supported in an event file; write the value out in full")
	case *ast.MappingValueNode:
		n.kind = mapNode
		c.pair(n, y, depth)
	case *ast.MappingNode:
		n.kind = mapNode
		if len(y.Values) > 0 && !y.IsFlowStyle {
			// A block mapping's token is its first colon; point at its first key.
			k := at(y.Values[0].Key)
			n.line, n.col = k.line, k.col
		}
		for _, v := range y.Values {
			c.pair(n, v, depth)
		}
	case *ast.SequenceNode:
		n.kind = seqNode
		for _, v := range y.Values {
			if v == nil {
				n.items = append(n.items, &node{kind: nullNode, line: n.line, col: n.col})
				continue
			}
			n.items = append(n.items, c.convert(v, depth+1))
		}
	default:
		return c.fail(y, "this kind of YAML value is not allowed in an event file; write plain text, a list or key: value lines")
	}
	return n
}

func (c *converter) pair(m *node, v *ast.MappingValueNode, depth int) {
	if v.Key.Type() == ast.MergeKeyType {
		c.fail(v.Key, "YAML merge keys (<<) are not supported in an event file; write the keys out in full")
		return
	}
	k := c.convert(v.Key, depth+1)
	if k.kind != scalarNode {
		c.fail(v.Key, "a key must be a plain word such as \"title\"")
		return
	}
	val := &node{kind: nullNode, line: k.line, col: k.col}
	if v.Value != nil {
		val = c.convert(v.Value, depth+1)
	}
	m.keys = append(m.keys, k)
	m.values = append(m.values, val)
}
