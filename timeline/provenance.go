package timeline

import (
	"strconv"
	"strings"
	"time"
)

// monthNames are the words that name each month in a passage: its English
// name and the usual abbreviations, capitalised as in running text.
var monthNames = [13][]string{
	1: {"January", "Jan"}, 2: {"February", "Feb"}, 3: {"March", "Mar"}, 4: {"April", "Apr"},
	5: {"May"}, 6: {"June", "Jun"}, 7: {"July", "Jul"}, 8: {"August", "Aug"},
	9: {"September", "Sept", "Sep"}, 10: {"October", "Oct"}, 11: {"November", "Nov"}, 12: {"December", "Dec"},
}

// states reports whether text states date d: it holds d's year as a number,
// and at month precision also the month's name, and at day precision also
// the day as a number (such as "6" or "6th"), or holds the date written as
// YYYY-MM-DD.
func states(text string, d Date) bool {
	plain := d
	plain.About = false
	if strings.Contains(text, plain.String()) && d.Precision() > Year {
		return true
	}
	if !hasNumber(text, strconv.Itoa(d.Year), false) {
		return false
	}
	if d.Precision() >= Month && !hasMonth(text, d.Month) {
		return false
	}
	if d.Precision() == Day && !hasNumber(text, strconv.Itoa(d.Day), true) && !hasNumber(text, "0"+strconv.Itoa(d.Day), true) {
		return false
	}
	return true
}

// hasNumber reports whether text holds num as a whole number, not as part of
// a longer one. With ordinal, a suffix such as "th" may follow.
func hasNumber(text, num string, ordinal bool) bool {
	for off := 0; ; {
		i := strings.Index(text[off:], num)
		if i < 0 {
			return false
		}
		start, end := off+i, off+i+len(num)
		off = start + 1
		if start > 0 && isDigit(text[start-1]) {
			continue
		}
		rest := text[end:]
		if ordinal {
			for _, suffix := range []string{"st", "nd", "rd", "th"} {
				if r, ok := strings.CutPrefix(rest, suffix); ok && (r == "" || !isLetter(r[0])) {
					return true
				}
			}
		}
		if rest == "" || !isDigit(rest[0]) && !(ordinal && isLetter(rest[0])) {
			return true
		}
	}
}

// hasMonth reports whether text names month m as a whole word.
func hasMonth(text string, m int) bool {
	for _, name := range monthNames[m] {
		for off := 0; ; {
			i := strings.Index(text[off:], name)
			if i < 0 {
				break
			}
			start, end := off+i, off+i+len(name)
			off = end
			if (start == 0 || !isLetter(text[start-1])) && (end == len(text) || !isLetter(text[end])) {
				return true
			}
		}
	}
	return false
}

func isDigit(c byte) bool  { return '0' <= c && c <= '9' }
func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c >= 0x80 }

// stated reports whether one of texts states d.
func stated(texts []string, d Date) bool {
	for _, t := range texts {
		if states(t, d) {
			return true
		}
	}
	return false
}

// statedWords says in a message what a passage needs to state d, such as
// `"2022", "February" and "23"`.
func statedWords(d Date) string {
	words := []string{strconv.Quote(strconv.Itoa(d.Year))}
	if d.Precision() >= Month {
		words = append(words, strconv.Quote(time.Month(d.Month).String()))
	}
	if d.Precision() == Day {
		words = append(words, strconv.Quote(strconv.Itoa(d.Day)))
	}
	if len(words) == 1 {
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}
