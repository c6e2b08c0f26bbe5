package timeline

import (
	"fmt"
	"slices"
	"strings"
)

// syntaxProblem turns a YAML parser's error at line and column of src into
// what to do, at the line where the mistake is: a tab that indents, a value
// holding ": ", a key or a list item out of line with those around it. For
// other errors it keeps the parser's own words, after ours.
func syntaxProblem(src []byte, file string, line, col int, parser string) *Problem {
	lines := strings.Split(string(src), "\n")
	p := &Problem{File: file, Line: line, Column: col,
		Message: "the file is not valid YAML: " + parser + "; check the indentation and quoting at this place"}
	if line < 1 || line > len(lines) {
		return p
	}
	at := func(l, c int, format string, args ...any) *Problem {
		return &Problem{File: file, Line: l, Column: c, Message: fmt.Sprintf(format, args...)}
	}
	here := parseLine(lines[line-1])
	if i := strings.IndexByte(here.indent, '\t'); i >= 0 || strings.Contains(parser, "'\t'") {
		if i < 0 {
			i = max(col-1, 0)
		}
		return at(line, i+1, "a tab indents this line, and YAML indents with spaces only; replace the tab with spaces, as many as the lines around it have")
	}
	if here.key != "" && strings.Contains(parser, "mapping value is not allowed") {
		if v := here.value; v != "" && !strings.ContainsAny(v[:1], `"'[{|>`) && (strings.Contains(v, ": ") || strings.HasSuffix(v, ":")) {
			return at(line, here.valueCol, "the value of %q holds \": \", which YAML reads as the start of another key; put the whole value in quotes: %s: %s",
				here.key, here.key, quoteYAML(here.raw))
		}
		// The parser stops at the line before a key indented too far, or
		// before a value's next line that holds ": ": YAML reads both as
		// one value running on. Only the key tells them apart.
		if n := nextContent(lines, line); n > 0 {
			if next := parseLine(lines[n-1]); next.key != "" && next.keyCol > here.keyCol {
				if slices.Contains(formatKeys(), next.key) {
					return keysOutOfLine(at, n, next, here, "above")
				}
				return at(n, next.keyCol, "this line goes on with the value of %q and holds \": \", which YAML reads as the start of another key; put the whole value in quotes, or write it as a folded block: %s: >-",
					here.key, here.key)
			}
		}
	}
	prev := prevContent(lines, line)
	if prev == 0 || !strings.Contains(parser, "is not allowed in this context") {
		return p
	}
	before := parseLine(lines[prev-1])
	switch {
	case here.item:
		// The item before it in the same list is the nearest line above
		// that is an item indented about as much.
		for l := prev; l > 0; l-- {
			other := parseLine(lines[l-1])
			if other.item && other.dashCol != here.dashCol && abs(other.dashCol-here.dashCol) <= 2 {
				return at(line, here.dashCol, "this list item's \"-\" is indented by %s, but the item before it (line %d) by %s; the items of one list line up: indent it by %s",
					spaces(here.dashCol-1), l, spaces(other.dashCol-1), spaces(other.dashCol-1))
			}
			if other.keyCol > 0 && other.keyCol < here.dashCol && !other.item {
				break
			}
		}
	case here.key != "" && before.key != "" && here.keyCol != before.keyCol && !atLevel(lines, prev, here.keyCol):
		return keysOutOfLine(at, line, here, before, "above")
	}
	return p
}

// atLevel reports whether a key at column col would line up with the keys
// of a mapping open at line l: l's own, or one that holds it.
func atLevel(lines []string, l, col int) bool {
	level := 1 << 30 // the smallest key column seen so far, going up
	for ; l > 0; l-- {
		y := parseLine(lines[l-1])
		if y.key == "" || y.keyCol > level {
			continue
		}
		if y.keyCol == col {
			return true
		}
		level = y.keyCol
	}
	return false
}

// keysOutOfLine says that the key of line l, k, is not indented as the key
// of the line next to it, other, is.
func keysOutOfLine(at func(l, c int, format string, args ...any) *Problem, l int, k, other yamlLine, where string) *Problem {
	return at(l, k.keyCol, "%q is indented by %s, but %q on the line %s by %s; the keys of one mapping line up: indent %q by %s",
		k.key, spaces(k.keyCol-1), other.key, where, spaces(other.keyCol-1), k.key, spaces(other.keyCol-1))
}

// yamlLine is a line of an event file cut into its parts, as far as a
// message about its indentation needs them.
type yamlLine struct {
	indent   string // the white space before anything else
	item     bool   // the line begins a list item ("- ")
	dashCol  int    // the column of the item's "-", from 1
	key      string // the key of a "key: value" line, or ""
	keyCol   int    // the key's column, from 1
	value    string // the value after "key: ", as written, without a comment
	raw      string // the value with all the line holds after it
	valueCol int
}

// parseLine reads the indentation, item and key of one line.
func parseLine(s string) yamlLine {
	var y yamlLine
	rest := strings.TrimLeft(s, " \t")
	y.indent = s[:len(s)-len(rest)]
	col := len(y.indent) + 1
	if rest == "-" || strings.HasPrefix(rest, "- ") {
		y.item, y.dashCol = true, col
		after := strings.TrimLeft(rest[1:], " ")
		col += len(rest) - len(after)
		rest = after
	}
	if rest == "" || rest[0] == '#' || strings.ContainsRune(`"'[{`, rune(rest[0])) {
		return y
	}
	i := strings.Index(rest+" ", ": ")
	if i <= 0 || strings.ContainsAny(rest[:i], " \t") && !strings.HasSuffix(rest, ":") {
		return y
	}
	y.key, y.keyCol = rest[:i], col
	if i+2 <= len(rest) {
		v := rest[i+2:]
		trimmed := strings.TrimLeft(v, " ")
		y.valueCol = col + i + 2 + len(v) - len(trimmed)
		y.raw = strings.TrimRight(trimmed, " ")
		if c := strings.Index(trimmed, " #"); c >= 0 {
			trimmed = trimmed[:c]
		}
		y.value = strings.TrimRight(trimmed, " ")
	}
	return y
}

// nextContent and prevContent return the number of the next or previous
// line, from line, that holds more than white space and comments, or 0.
func nextContent(lines []string, line int) int {
	for l := line + 1; l <= len(lines); l++ {
		if isContent(lines[l-1]) {
			return l
		}
	}
	return 0
}

func prevContent(lines []string, line int) int {
	for l := line - 1; l > 0; l-- {
		if isContent(lines[l-1]) {
			return l
		}
	}
	return 0
}

func isContent(s string) bool {
	t := strings.TrimSpace(s)
	return t != "" && t[0] != '#'
}

// quoteYAML writes s as a quoted YAML scalar that reads back as s.
func quoteYAML(s string) string {
	if !strings.ContainsAny(s, `"\`) {
		return `"` + s + `"`
	}
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

func spaces(n int) string {
	if n == 1 {
		return "1 space"
	}
	return fmt.Sprintf("%d spaces", n)
}

func abs(n int) int { return max(n, -n) }
