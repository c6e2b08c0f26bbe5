package timeline

import (
	"bytes"
	"errors"
	"io"
	"regexp"
	"strings"

	yaml "go.yaml.in/yaml/v3"
)

// parseClean parses a file that is one plain YAML document into nodes with
// go.yaml.in/yaml/v3, which reads a large file three to four times as fast
// as goccy/go-yaml. It reports false for anything else — a syntax error,
// an alias or merge key, a second document, nesting past maxDepth — which
// parseYAML then reads with goccy/go-yaml, whose messages say where the
// trouble is to the column.
func parseClean(src []byte) (*node, bool) {
	if bytes.ContainsAny(src, "\t\u0085\u2028\u2029") || bytes.HasPrefix(src, []byte("%")) || bytes.Contains(src, []byte("\n%")) {
		// Tabs, the line breaks of Unicode and directives, which the two
		// parsers read differently.
		return nil, false
	}
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		return nil, false
	}
	var second yaml.Node
	if err := dec.Decode(&second); !errors.Is(err, io.EOF) {
		return nil, false
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, false // an event file is a mapping; anything else is an error goccy/go-yaml places
	}
	c := cleanReader{src: src, lines: []int{0}}
	for i, b := range src {
		if b == '\n' {
			c.lines = append(c.lines, i+1)
		}
	}
	return c.convert(doc.Content[0], 0)
}

// cleanReader converts go.yaml.in/yaml/v3's nodes.
type cleanReader struct {
	src   []byte
	lines []int // the offset in src where each line begins
}

// convert converts a node, or reports false where the file needs
// goccy/go-yaml's reading.
func (c *cleanReader) convert(y *yaml.Node, depth int) (*node, bool) {
	if depth > maxDepth {
		return nil, false
	}
	if y.Anchor != "" || y.Style&yaml.TaggedStyle != 0 || y.Kind == yaml.MappingNode && y.Style&yaml.FlowStyle != 0 {
		return nil, false // anchors, tags and {} mappings, which event files need not use
	}
	if y.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 && !blockHeader.MatchString(c.rest(y)) {
		return nil, false // a block scalar's header the two parsers may read apart
	}
	n := &node{line: y.Line, col: y.Column}
	switch y.Kind {
	case yaml.ScalarNode:
		if y.Tag == "!!null" {
			return nil, false // an empty value, which goccy/go-yaml places in ways of its own
		}
		if y.Style == 0 && y.Tag != "!!str" && strings.HasPrefix(c.rest(y), y.Value) {
			// goccy/go-yaml places a number, or true or false, one column
			// late when a space follows it; let it read the file.
			if after := strings.TrimPrefix(c.rest(y), y.Value); after != "" && (after[0] == ' ' || after[0] == '\t') {
				return nil, false
			}
		}
		// Kept as written: a title of 1984 is the text "1984", and a date
		// such as 2022 keeps its digits.
		n.kind, n.value = scalarNode, y.Value
	case yaml.MappingNode:
		n.kind = mapNode
		for i := 0; i+1 < len(y.Content); i += 2 {
			k, v := y.Content[i], y.Content[i+1]
			if k.Kind != yaml.ScalarNode || k.Style != 0 || !isWord(k.Value) {
				return nil, false // not a key of the format: goccy/go-yaml reads it, and the decoder says so
			}
			key, ok := c.convert(k, depth+1)
			if !ok {
				return nil, false
			}
			val, ok := c.convert(v, depth+1)
			if !ok {
				return nil, false
			}
			n.keys = append(n.keys, key)
			n.values = append(n.values, val)
		}
	case yaml.SequenceNode:
		n.kind = seqNode
		for _, v := range y.Content {
			item, ok := c.convert(v, depth+1)
			if !ok {
				return nil, false
			}
			n.items = append(n.items, item)
		}
	default: // an alias, or a document within a document
		return nil, false
	}
	return n, true
}

// isWord reports whether s is a key as the format writes them: a letter,
// then letters, digits, "_" or "-".
func isWord(s string) bool {
	for i, r := range s {
		letter := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
		if !letter && (i == 0 || !(r >= '0' && r <= '9' || r == '_' || r == '-')) {
			return false
		}
	}
	return s != ""
}

// blockHeader is the header of a block scalar as event files write it: "|"
// or ">", perhaps with "-" or "+", perhaps with a comment after a space.
var blockHeader = regexp.MustCompile(`^[|>][-+]?(?:[ \t]+(?:#.*)?)?$`)

// rest returns the text of a node's line from the node on.
func (c *cleanReader) rest(y *yaml.Node) string {
	if y.Line < 1 || y.Line > len(c.lines) {
		return ""
	}
	start, end := c.lines[y.Line-1], len(c.src)
	if y.Line < len(c.lines) {
		end = c.lines[y.Line] - 1
	}
	text := []rune(string(c.src[start:end]))
	if y.Column-1 > len(text) {
		return ""
	}
	return strings.TrimSuffix(string(text[y.Column-1:]), "\r")
}
