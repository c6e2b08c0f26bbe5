package timeline

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Precision says how much of a date its author wrote: a year, a month or a day.
type Precision int

// The precisions a Date can have, coarsest first.
const (
	Year Precision = iota + 1
	Month
	Day
)

// String returns the precision's name in lower case.
func (p Precision) String() string {
	switch p {
	case Year:
		return "year"
	case Month:
		return "month"
	case Day:
		return "day"
	}
	return "none"
}

// Date is a calendar date kept at the precision its author wrote: a year stays a
// year and is never read as 1 January. The zero Date means "no date".
type Date struct {
	Year  int  // 1 to 9999
	Month int  // 1 to 12, or 0 at year precision
	Day   int  // 1 to 31, or 0 at year or month precision
	About bool // written with a leading "~": the date is approximate
}

// ParseDate parses the forms an event file accepts: YYYY, YYYY-MM or YYYY-MM-DD,
// each optionally preceded by "~" for "about". The day must exist in its month.
func ParseDate(s string) (Date, error) {
	var d Date
	text := s
	if rest, ok := strings.CutPrefix(text, "~"); ok {
		d.About = true
		text = rest
	}
	parts := strings.Split(text, "-")
	widths := []int{4, 2, 2}
	if text == "" || len(parts) > 3 {
		return Date{}, fmt.Errorf("%q is not a date: write YYYY, YYYY-MM or YYYY-MM-DD, with an optional leading ~ for \"about\"", s)
	}
	nums := make([]int, len(parts))
	for i, p := range parts {
		if len(p) != widths[i] || strings.Trim(p, "0123456789") != "" {
			return Date{}, fmt.Errorf("%q is not a date: write YYYY, YYYY-MM or YYYY-MM-DD, with an optional leading ~ for \"about\"", s)
		}
		nums[i], _ = strconv.Atoi(p)
	}
	d.Year = nums[0]
	if d.Year < 1 {
		return Date{}, fmt.Errorf("%q is not a date: the year must be between 0001 and 9999", s)
	}
	if len(nums) > 1 {
		d.Month = nums[1]
		if d.Month < 1 || d.Month > 12 {
			return Date{}, fmt.Errorf("%q is not a date: the month must be between 01 and 12", s)
		}
	}
	if len(nums) > 2 {
		d.Day = nums[2]
		if n := daysIn(d.Year, d.Month); d.Day < 1 || d.Day > n {
			return Date{}, fmt.Errorf("%q is not a date: %s %d has %d days, so the day must be between 01 and %02d",
				s, time.Month(d.Month), d.Year, n, n)
		}
	}
	return d, nil
}

func daysIn(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// IsZero reports whether d is the zero Date, which means "no date".
func (d Date) IsZero() bool { return d.Year == 0 }

// Precision returns how much of the date was written.
func (d Date) Precision() Precision {
	switch {
	case d.Year == 0:
		return 0
	case d.Month == 0:
		return Year
	case d.Day == 0:
		return Month
	}
	return Day
}

// String returns the date as it is written in an event file, such as "~2022-02".
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	s := fmt.Sprintf("%04d", d.Year)
	if d.Month != 0 {
		s += fmt.Sprintf("-%02d", d.Month)
	}
	if d.Day != 0 {
		s += fmt.Sprintf("-%02d", d.Day)
	}
	if d.About {
		s = "~" + s
	}
	return s
}

// Words returns the date in words at its own precision, such as "23 February 2022",
// "February 2022", "2010" or "about 2010".
func (d Date) Words() string {
	var s string
	switch d.Precision() {
	case Year:
		s = strconv.Itoa(d.Year)
	case Month:
		s = fmt.Sprintf("%s %d", time.Month(d.Month), d.Year)
	case Day:
		s = fmt.Sprintf("%d %s %d", d.Day, time.Month(d.Month), d.Year)
	default:
		return ""
	}
	if d.About {
		s = "about " + s
	}
	return s
}

// Start returns the first instant of the period the date names, in UTC.
func (d Date) Start() time.Time {
	month, day := max(d.Month, 1), max(d.Day, 1)
	return time.Date(d.Year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
}

// Next returns the first instant after the period the date names: the next year
// for a year, the next month for a month, the next day for a day.
func (d Date) Next() time.Time {
	switch d.Precision() {
	case Year:
		return d.Start().AddDate(1, 0, 0)
	case Month:
		return d.Start().AddDate(0, 1, 0)
	}
	return d.Start().AddDate(0, 0, 1)
}

// Compare orders dates by the start of their period, a coarser date first when
// two start together (2022 before 2022-01 before 2022-01-01). It returns -1, 0 or +1.
func (d Date) Compare(e Date) int {
	if c := d.Start().Compare(e.Start()); c != 0 {
		return c
	}
	return cmp.Compare(d.Precision(), e.Precision())
}

// SpanProblem says what is wrong with a span from date to end, or "" if
// nothing is: its end must end after date does. Calendar periods either nest
// or do not meet, so an end that does not is before date or nests with it.
// An end whose period holds the date's ("2022-02-23" to "2022-02") or lies
// inside it ("2022" to "2022-06") says no more than one of the two dates, so
// which span was meant is for the writer to say; so does an end that is the
// date's period with or without "about" ("2022" to "~2022"). An end that is
// the date itself is allowed, and shows as the one date.
func SpanProblem(date, end Date) string {
	switch {
	case end == date:
	case end.Precision() == date.Precision() && end.Start().Equal(date.Start()):
		return fmt.Sprintf("end %s is the same %s as date %s; leave end out, and write the date with ~ if it is approximate",
			end, periodWord(date.Precision()), date)
	case !end.Next().After(date.Start()):
		return fmt.Sprintf("end %s is before date %s; swap them, or correct the one that is wrong", end, date)
	case !end.Start().After(date.Start()) && !end.Next().Before(date.Next()):
		return fmt.Sprintf("end %s holds date %s within it, so it does not say when the span ends; give the %s the span ends in, or leave end out",
			end, date, periodWord(date.Precision()))
	case !end.Next().After(date.Next()):
		return fmt.Sprintf("end %s lies within date %s, so it does not say when the span starts; give date as the %s the span starts in, or leave end out",
			end, date, periodWord(end.Precision()))
	}
	return ""
}

// periodWord names the period of a precision: "day", "month" or "year".
func periodWord(p Precision) string {
	switch p {
	case Year:
		return "year"
	case Month:
		return "month"
	}
	return "day"
}
