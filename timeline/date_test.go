package timeline

import (
	"strings"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	for _, tt := range []struct {
		in        string
		want      Date
		precision Precision
		words     string
	}{
		{"2022", Date{Year: 2022}, Year, "2022"},
		{"2022-03", Date{Year: 2022, Month: 3}, Month, "March 2022"},
		{"2022-02-23", Date{Year: 2022, Month: 2, Day: 23}, Day, "23 February 2022"},
		{"~2010", Date{Year: 2010, About: true}, Year, "about 2010"},
		{"~2016-09", Date{Year: 2016, Month: 9, About: true}, Month, "about September 2016"},
		{"2024-02-29", Date{Year: 2024, Month: 2, Day: 29}, Day, "29 February 2024"},
		{"0001", Date{Year: 1}, Year, "1"},
	} {
		got, err := ParseDate(tt.in)
		if err != nil {
			t.Errorf("ParseDate(%q): %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("ParseDate(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
		if got, want := got.Precision(), tt.precision; got != want {
			t.Errorf("ParseDate(%q).Precision() = %v, want %v", tt.in, got, want)
		}
		if got, want := got.Words(), tt.words; got != want {
			t.Errorf("ParseDate(%q).Words() = %q, want %q", tt.in, got, want)
		}
		if got, want := got.String(), tt.in; got != want {
			t.Errorf("ParseDate(%q).String() = %q, want it as written", tt.in, got)
		}
	}
}

func TestParseDateRejects(t *testing.T) {
	for _, tt := range []struct {
		in, want string
	}{
		{"2022-02-30", "February 2022 has 28 days"},
		{"2023-02-29", "February 2023 has 28 days"},
		{"2022-04-31", "April 2022 has 30 days"},
		{"2022-13", "the month must be between 01 and 12"},
		{"2022-00", "the month must be between 01 and 12"},
		{"2022-01-00", "January 2022 has 31 days"},
		{"0000", "the year must be between 0001 and 9999"},
		{"22", "write YYYY, YYYY-MM or YYYY-MM-DD"},
		{"2022-3", "write YYYY, YYYY-MM or YYYY-MM-DD"},
		{"2022/03/01", "write YYYY, YYYY-MM or YYYY-MM-DD"},
		{"March 2022", "write YYYY, YYYY-MM or YYYY-MM-DD"},
		{"2022-03-01-02", "write YYYY, YYYY-MM or YYYY-MM-DD"},
		{"~", "write YYYY, YYYY-MM or YYYY-MM-DD"},
		{"~~2022", "write YYYY, YYYY-MM or YYYY-MM-DD"},
		{"-2022", "write YYYY, YYYY-MM or YYYY-MM-DD"},
		{"+2022", "write YYYY, YYYY-MM or YYYY-MM-DD"},
		{"２０２２", "write YYYY, YYYY-MM or YYYY-MM-DD"},
		{"", "write YYYY, YYYY-MM or YYYY-MM-DD"},
	} {
		_, err := ParseDate(tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseDate(%q) = %v, want an error containing %q", tt.in, err, tt.want)
		}
	}
}

// A year-precision date covers its whole year, never just 1 January.
func TestDatePeriod(t *testing.T) {
	for _, tt := range []struct {
		in          string
		start, next string
	}{
		{"2017", "2017-01-01", "2018-01-01"},
		{"2022-02", "2022-02-01", "2022-03-01"},
		{"2022-12", "2022-12-01", "2023-01-01"},
		{"2022-02-28", "2022-02-28", "2022-03-01"},
	} {
		d, err := ParseDate(tt.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := d.Start().Format(time.DateOnly); got != tt.start {
			t.Errorf("%s: Start() = %s, want %s", tt.in, got, tt.start)
		}
		if got := d.Next().Format(time.DateOnly); got != tt.next {
			t.Errorf("%s: Next() = %s, want %s", tt.in, got, tt.next)
		}
	}
}

func TestDateCompare(t *testing.T) {
	ordered := []string{"2016", "2016-09", "2016-09-24", "2016-10-10", "2017", "2017-06-09"}
	for i := range ordered {
		for j := range ordered {
			a, _ := ParseDate(ordered[i])
			b, _ := ParseDate(ordered[j])
			want := 0
			if i < j {
				want = -1
			} else if i > j {
				want = 1
			}
			if got := a.Compare(b); got != want {
				t.Errorf("Compare(%s, %s) = %d, want %d", a, b, got, want)
			}
		}
	}
}

func TestDateWordsOfASpan(t *testing.T) {
	for _, tt := range []struct{ date, end, want string }{
		{"2022-02-23", "", "23 February 2022"},
		{"2022-02-23", "2022-02-24", "23–24 February 2022"},
		{"2022-02-23", "2022-03-02", "23 February – 2 March 2022"},
		{"2021-12-30", "2022-01-02", "30 December 2021 – 2 January 2022"},
		{"2022-02", "2022-03", "February–March 2022"},
		{"2021-11", "2022-01", "November 2021 – January 2022"},
		{"2019", "2021", "2019–2021"},
		{"2021", "2022-02-24", "2021 – 24 February 2022"},
		{"~2021-03", "2021-06", "about March 2021 – June 2021"},
		{"2022-02-23", "~2022-02-24", "23 February 2022 – about 24 February 2022"},
		{"2022-02-23", "2022-02-23", "23 February 2022"},
		{"~2019", "~2021", "about 2019 – about 2021"},
	} {
		e := &Event{Date: mustDate(t, tt.date)}
		if tt.end != "" {
			e.End = mustDate(t, tt.end)
		}
		if got := e.DateWords(); got != tt.want {
			t.Errorf("%s to %q: DateWords() = %q, want %q", tt.date, tt.end, got, tt.want)
		}
	}
}

func mustDate(t *testing.T, s string) Date {
	t.Helper()
	d, err := ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
