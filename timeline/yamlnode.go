package timeline

import (
	"errors"
	"fmt"
	"strings"

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

// maxNesting bounds the brackets and indentation levels a file may open,
// checked before parsing: the YAML parser takes time that grows with the
// square of the nesting, so a deeply nested file could hang it.
const maxNesting = 64

// checkNesting finds where a file opens more than maxNesting brackets, or
// indents more than maxNesting levels. It reads the text once, skipping
// quoted text and comments; a bracket inside plain text counts too, which
// only a file far from the format could notice.
func checkNesting(src []byte, file string) *Problem {
	deep := func(line, col int, what string) *Problem {
		return &Problem{File: file, Line: line, Column: col,
			Message: fmt.Sprintf("the file nests more than %d %s deep; an event file needs only four levels", maxNesting, what)}
	}
	depth, line, col := 0, 1, 0
	var quote byte      // the quote of the quoted text we are in, or 0
	var last byte = ' ' // the last character before this one that is not a space
	comment, lineStart := false, true
	var indent []int // the column of each open block level
	for i := 0; i < len(src); i++ {
		c := src[i]
		col++
		if c == '\n' {
			line, col, comment, lineStart, last = line+1, 0, false, true, ' '
			continue
		}
		if c == ' ' || c == '\t' {
			continue
		}
		if lineStart && quote == 0 && c != '#' {
			for len(indent) > 0 && indent[len(indent)-1] >= col {
				indent = indent[:len(indent)-1]
			}
			if indent = append(indent, col); len(indent) > maxNesting {
				return deep(line, col, "indentation levels")
			}
		}
		first := lineStart
		lineStart = false
		switch {
		case comment:
		case quote == '"' && c == '\\':
			i, col = i+1, col+1
		case quote == '\'' && c == '\'' && i+1 < len(src) && src[i+1] == '\'':
			i, col = i+1, col+1
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case (c == '"' || c == '\'') && (first || strings.IndexByte(":-[{,?", last) >= 0):
			quote = c
		case c == '#' && (i == 0 || src[i-1] == ' ' || src[i-1] == '\t'):
			comment = true
		case c == '[' || c == '{':
			if depth++; depth > maxNesting {
				return deep(line, col, "brackets")
			}
		case c == ']' || c == '}':
			depth = max(depth-1, 0)
		}
		last = c
	}
	return nil
}

// parseYAML parses one YAML document into nodes. A syntax error, an alias, a
// second document or nesting past maxDepth is reported as problems in file.
func parseYAML(src []byte, file string) (*node, Problems) {
	if p := checkNesting(src, file); p != nil {
		return nil, Problems{p}
	}
	if root, ok := parseClean(src); ok {
		return root, nil
	}
	return parseGoccy(src, file)
}

// parseGoccy parses one YAML document into nodes with goccy/go-yaml,
// reporting every problem with its line and column.
func parseGoccy(src []byte, file string) (*node, Problems) {
	// Repeated keys are reported by the decoder, which goes on to find more.
	f, err := parser.ParseBytes(src, 0, parser.AllowDuplicateMapKey())
	if err != nil {
		var se *yaml.SyntaxError
		if errors.As(err, &se) && se.Token != nil {
			return nil, Problems{syntaxProblem(src, file, se.Token.Position.Line, se.Token.Position.Column, se.Message)}
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
			if d.Start != nil {
				tk = d.Start // the "---" that begins it
			}
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
