package timeline

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// monthNames are the words that name each month in a passage: its English
// name and the usual abbreviations, capitalised as in running text.
var monthNames = [13][]string{
	1: {"January", "Jan"}, 2: {"February", "Feb"}, 3: {"March", "Mar"}, 4: {"April", "Apr"},
	5: {"May"}, 6: {"June", "Jun"}, 7: {"July", "Jul"}, 8: {"August", "Aug"},
	9: {"September", "Sept", "Sep"}, 10: {"October", "Oct"}, 11: {"November", "Nov"}, 12: {"December", "Dec"},
}

// word is a word or a number of a passage.
type word struct {
	text   string
	number bool
	suffix string // letters right after a number, such as "th" or "s"
}

// words cuts text into words and numbers. A number keeps the separators
// between its digits, so that "2.5" and "1,100" are one number each.
func words(text string) []word {
	var out []word
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case isDigit(text[i]):
			j := i
			for j < len(text) && (isDigit(text[j]) || (text[j] == '.' || text[j] == ',') && j+1 < len(text) && isDigit(text[j+1])) {
				j++
			}
			k := j
			for k < len(text) && ('a' <= text[k] && text[k] <= 'z') {
				k++
			}
			out = append(out, word{text: text[i:j], number: true, suffix: text[j:k]})
			i = k
		case unicode.IsLetter(r):
			j := i
			for j < len(text) {
				r, n := utf8.DecodeRuneInString(text[j:])
				if !unicode.IsLetter(r) {
					break
				}
				j += n
			}
			out = append(out, word{text: text[i:j]})
			i = j
		default:
			i += size
		}
	}
	return out
}

// states reports whether text states date d: it holds d's year as a number,
// and at month precision also the month's name, and at day precision also
// the day as a number (such as "6" or "6th"); or it holds the date written
// as YYYY-MM-DD or YYYY-MM. A year followed by letters ("the 2010s") does
// not count, nor does a day inside a larger number ("2.5", "1,100"), nor
// "May" unless a number stands next to it.
func states(text string, d Date) bool {
	plain := d
	plain.About = false
	if d.Precision() > Year && hasISO(text, plain.String()) {
		return true
	}
	ws := words(text)
	year := strconv.Itoa(d.Year)
	if !has(ws, func(i int, w word) bool { return w.number && w.suffix == "" && w.text == year }) {
		return false
	}
	if d.Precision() >= Month && !has(ws, func(i int, w word) bool { return isMonth(ws, i, d.Month) }) {
		return false
	}
	day := strconv.Itoa(d.Day)
	if d.Precision() == Day && !has(ws, func(i int, w word) bool {
		return w.number && (w.text == day || w.text == "0"+day) && (w.suffix == "" || isOrdinal(w.suffix))
	}) {
		return false
	}
	return true
}

func has(ws []word, ok func(int, word) bool) bool {
	for i, w := range ws {
		if ok(i, w) {
			return true
		}
	}
	return false
}

// isMonth reports whether the i-th word names month m.
func isMonth(ws []word, i, m int) bool {
	w := ws[i]
	if w.number {
		return false
	}
	for _, name := range monthNames[m] {
		if w.text != name {
			continue
		}
		if name != "May" {
			return true
		}
		// "May" is a month only beside a number: "3 May", "May 2022".
		return i > 0 && ws[i-1].number || i+1 < len(ws) && ws[i+1].number
	}
	return false
}

func isOrdinal(s string) bool { return s == "st" || s == "nd" || s == "rd" || s == "th" }

// hasISO reports whether text holds date, such as "2022-03-06", as a whole.
func hasISO(text, date string) bool {
	for off := 0; ; {
		i := strings.Index(text[off:], date)
		if i < 0 {
			return false
		}
		start, end := off+i, off+i+len(date)
		off = start + 1
		before := start == 0 || !isDigit(text[start-1]) && text[start-1] != '-'
		after := end == len(text) || !isDigit(text[end]) && text[end] != '-'
		if before && after {
			return true
		}
	}
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

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

// datesIn returns the dates text states at precision p, in the order it
// states them, each once: at day precision a day, a month and a year
// together ("29 October 1956", "October 29, 1956", "1956-10-29"), at month
// precision a month and a year ("October 1956", "1956-10"), and at year
// precision a year alone.
func datesIn(text string, p Precision) []Date {
	ws := words(text)
	var out []Date
	add := func(d Date) {
		if d.Month > 0 && d.Day > daysIn(d.Year, d.Month) || slices.Contains(out, d) {
			return
		}
		out = append(out, d)
	}
	year := func(i int) int {
		if i < 0 || i >= len(ws) || !ws[i].number || ws[i].suffix != "" || len(ws[i].text) != 4 {
			return 0
		}
		y, _ := strconv.Atoi(ws[i].text)
		return y
	}
	day := func(i int) int {
		if i < 0 || i >= len(ws) || !ws[i].number || ws[i].suffix != "" && !isOrdinal(ws[i].suffix) || len(ws[i].text) > 2 {
			return 0
		}
		d, _ := strconv.Atoi(ws[i].text)
		return d
	}
	month := func(i int) int {
		if i < 0 || i >= len(ws) {
			return 0
		}
		for m := 1; m <= 12; m++ {
			if isMonth(ws, i, m) {
				return m
			}
		}
		return 0
	}
	for i := range ws {
		switch p {
		case Year:
			if y := year(i); y > 0 {
				add(Date{Year: y})
			}
		case Month:
			if m, y := month(i), year(i+1); m > 0 && y > 0 {
				add(Date{Year: y, Month: m})
			}
		case Day:
			if d, m, y := day(i), month(i+1), year(i+2); d > 0 && m > 0 && y > 0 {
				add(Date{Year: y, Month: m, Day: d}) // 29 October 1956
			}
			if m, d, y := month(i), day(i+1), year(i+2); d > 0 && m > 0 && y > 0 {
				add(Date{Year: y, Month: m, Day: d}) // October 29, 1956
			}
		}
	}
	for _, m := range isoDate.FindAllStringSubmatch(text, -1) {
		if d, err := ParseDate(m[1]); err == nil && d.Precision() == p {
			add(d)
		}
	}
	return out
}

// DatesIn returns the dates text states, as ties reads a passage for its
// date: the days first, then the months, then the years, each in the order
// text gives them. A date that text states would pass as stated by it.
func DatesIn(text string) []Date {
	var out []Date
	for _, p := range []Precision{Day, Month, Year} {
		out = append(out, datesIn(text, p)...)
	}
	return out
}

// isoDate finds dates written YYYY-MM-DD or YYYY-MM in running text.
var isoDate = regexp.MustCompile(`(?:^|[^\d-])(\d{4}-\d{2}(?:-\d{2})?)(?:$|[^\d-])`)

// contradicted returns the dates of d's precision that one of texts states
// and that d may be a slip for: within slipYears of it, other than d, and
// on the right side of the event's other end (after the date, for an end).
func contradicted(texts []string, key string, d, other Date) []Date {
	var out []Date
	plain := d
	plain.About = false
	for _, t := range texts {
		for _, s := range datesIn(t, d.Precision()) {
			near := abs(s.Year-d.Year) <= slipYears
			sideOK := other.IsZero() || key == "end" && s.Compare(other) > 0 || key == "date" && s.Compare(other) < 0
			if near && sideOK && s != plain && !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
	}
	return out
}

// slipYears is how far from an event's date a date its quote states may be
// and still be offered as what was meant: a quote that names a year long
// before or after speaks of something else.
const slipYears = 10
