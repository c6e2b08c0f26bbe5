package timeline

// How a quote that is not in its source differs from the closest passage,
// word by word, for the message that says so.

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is a word, a number or a mark of punctuation of a folded text.
type token struct {
	text  string
	space bool // white space comes before it
	punct bool
}

// tokens cuts folded text into words, numbers and marks of punctuation; a
// hyphen, apostrophe or point between letters or digits stays in its word
// ("self-hosting", "Khan's", "2.5").
func tokens(s string) []token {
	var out []token
	inWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	space := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == ' ':
			space = true
			i += size
			continue
		case inWord(r):
			j := i + size
			for j < len(s) {
				r, n := utf8.DecodeRuneInString(s[j:])
				if !inWord(r) {
					next, _ := utf8.DecodeRuneInString(s[min(j+n, len(s)):])
					if !strings.ContainsRune("-'.", r) || j+n >= len(s) || !inWord(next) {
						break
					}
				}
				j += n
			}
			out = append(out, token{text: s[i:j], space: space})
			i = j
		default:
			out = append(out, token{text: s[i : i+size], space: space, punct: true})
			i += size
		}
		space = false
	}
	return out
}

// join writes tokens back as text.
func join(ts []token) string {
	var b strings.Builder
	for i, t := range ts {
		if i > 0 && t.space {
			b.WriteByte(' ')
		}
		b.WriteString(t.text)
	}
	return b.String()
}

// maxDiffCells bounds the table that compares a quote with the closest
// passage token by token, so that a paragraph of punctuation cannot take
// the memory: 1M cells is 4 MB.
const maxDiffCells = 1 << 20

// maxDifferences is how many differences a message names.
const maxDifferences = 3

// differences says how the tokens of a quote differ from those of the
// closest passage: which words it has where the source has others, which
// it adds, and which it leaves out; and whether letter case alone differs.
func differences(quote, source []token, lead, trail int) string {
	type change struct {
		ours   []token
		theirs []int  // indexes into source
		after  string // the word in common before the change
	}
	n, m := len(quote), len(source)
	if n*m > maxDiffCells {
		return "copy the words exactly from there" // too long to compare word by word
	}
	// The longest common run of tokens, by dynamic programming.
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if quote[i].text == source[j].text {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var changes []change
	var cur change
	matched := false
	flush := func(last bool) {
		// The words around the stretch are compared only so that a word
		// the quote adds or leaves out at an end is seen as such; those of
		// them that the quote does not share are not the quote's.
		kept := cur.theirs[:0]
		for _, j := range cur.theirs {
			if !(!matched && j < lead || last && j >= m-trail) {
				kept = append(kept, j)
			}
		}
		cur.theirs = kept
		if last {
			// The stretch is as many words as the quote; past its last
			// word in common, the source's are the quote's only as far as
			// the quote has words there.
			cur.theirs = cur.theirs[:min(len(cur.ours), len(cur.theirs))]
		}
		if len(cur.ours)+len(cur.theirs) > 0 {
			changes = append(changes, cur)
		}
		cur = change{}
	}
	for i, j := 0, 0; i < n || j < m; {
		switch {
		case i < n && j < m && quote[i].text == source[j].text:
			flush(false)
			matched = true
			cur.after = quote[i].text
			i, j = i+1, j+1
		case j < m && (i == n || lcs[i][j+1] >= lcs[i+1][j]):
			cur.theirs = append(cur.theirs, j)
			j++
		default:
			cur.ours = append(cur.ours, quote[i])
			i++
		}
	}
	flush(true)
	if len(changes) == 0 {
		return "copy the words exactly from there"
	}
	theirs := func(c change) []token {
		ts := make([]token, len(c.theirs))
		for i, j := range c.theirs {
			ts[i] = source[j]
		}
		return ts
	}
	caseOnly := true
	for _, c := range changes {
		caseOnly = caseOnly && len(c.ours) == len(c.theirs) && strings.EqualFold(join(c.ours), join(theirs(c)))
	}
	var said []string
	for i, c := range changes {
		if i == maxDifferences {
			said = append(said, fmt.Sprintf("and %d more", len(changes)-i))
			break
		}
		ours, their := strconv.Quote(join(c.ours)), strconv.Quote(join(theirs(c)))
		where := ""
		if all(c.ours, isPunct) && all(theirs(c), isPunct) && c.after != "" {
			where = " after " + strconv.Quote(c.after)
		}
		switch {
		case len(c.theirs) == 0:
			said = append(said, "it adds "+ours+where)
		case len(c.ours) == 0:
			said = append(said, "it leaves out "+their+where)
		default:
			said = append(said, "it has "+ours+" where the source has "+their)
		}
	}
	if caseOnly {
		return "the quote differs from it in letter case alone: " + strings.Join(said, "; ") + "; matching does not ignore case, so copy the capitals as the source has them"
	}
	return strings.Join(said, "; ") + "; copy the words exactly from there"
}

func isPunct(t token) bool { return t.punct }

func all(ts []token, ok func(token) bool) bool {
	for _, t := range ts {
		if !ok(t) {
			return false
		}
	}
	return true
}
