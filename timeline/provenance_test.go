package timeline

import (
	"strings"
	"testing"
)

func TestStates(t *testing.T) {
	for _, tt := range []struct {
		text, date string
		want       bool
	}{
		{"In 2014, Russia lifted its embargo", "2014", true},
		{"In 2014, Russia lifted its embargo", "~2014", true},
		{"In 20145 units", "2014", false},
		{"In 12014", "2014", false},
		{"Russia lifted its embargo", "2014", false},
		{"in March 2022", "2022-03", true},
		{"in Mar. 2022", "2022-03", true},
		{"in 2022", "2022-03", false},
		{"in March", "2022-03", false},
		{"Marching in 2022", "2022-03", false},
		{"on 6 March 2022", "2022-03-06", true},
		{"on March 6th, 2022", "2022-03-06", true},
		{"on 06 March 2022", "2022-03-06", true},
		{"on 16 March 2022", "2022-03-06", false},
		{"on 6 March", "2022-03-06", false},
		{"in March 2022", "2022-03-06", false},
		{"dated 2022-03-06", "2022-03-06", true},
		{"dated 2022-03-06", "2022-03", false},
		{"dated 2022-03", "2022-03", true},
		{"$2.5 billion in February 2022", "2022-02-02", false},
		{"1,100-kilometer pipeline, March 2015", "2015-03-01", false},
		{"It may grow, said on 3 June 2022", "2022-05-03", false},
		{"on 3 May 2022", "2022-05-03", true},
		{"since the 2010s", "2010", false},
		{"in 2010.", "2010", true},
		{"the 6th of March, 2022", "2022-03-06", true},
		{"in May 2021", "2021-05", true},
		{"it may be 2021", "2021-05", false},
	} {
		d, err := ParseDate(tt.date)
		if err != nil {
			t.Fatal(err)
		}
		if got := states(tt.text, d); got != tt.want {
			t.Errorf("states(%q, %s) = %v, want %v", tt.text, tt.date, got, tt.want)
		}
	}
}

// The dates a passage states are found at each precision, for a message
// that asks whether an event's date was mistyped.
func TestDatesIn(t *testing.T) {
	for _, tt := range []struct {
		text string
		p    Precision
		want []string
	}{
		{"On 29 October 1956, Israel invaded the Sinai.", Day, []string{"1956-10-29"}},
		{"On October 29th, 1956 and on 5 November 1956", Day, []string{"1956-10-29", "1956-11-05"}},
		{"It began 1956-10-29 and ended in 1957-03.", Day, []string{"1956-10-29"}},
		{"It began 1956-10-29 and ended in 1957-03.", Month, []string{"1957-03"}},
		{"In March 2022 and in May 2021", Month, []string{"2022-03", "2021-05"}},
		{"Since 2010, and again in 2014, but not in the 2020s or 1,100 times", Year, []string{"2010", "2014"}},
		{"On 31 February 2022 nothing happened", Day, nil},
		{"On 5 November the troops landed", Day, nil},
	} {
		var got []string
		for _, d := range datesIn(tt.text, tt.p) {
			got = append(got, d.String())
		}
		if strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("datesIn(%q, %v) = %v, want %v", tt.text, tt.p, got, tt.want)
		}
	}
}

// Only a date near the event's, and on the right side of its other end, is
// offered as the one meant.
func TestContradicted(t *testing.T) {
	parse := func(s string) Date {
		d, err := ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	for _, tt := range []struct {
		text, key, date, other string
		want                   []string
	}{
		{"received 1200 troops and 5000 rifles in 2016", "date", "2017", "", []string{"2016"}},
		{"from 1956 to 1999", "date", "2017", "", nil},
		{"in May 2015, and again in July 2015", "end", "2015-08", "2015-05-03", []string{"2015-07"}},
		{"in May 2015, and again in July 2015", "date", "2015-06", "2015-06", []string{"2015-05"}},
	} {
		var other Date
		if tt.other != "" {
			other = parse(tt.other)
		}
		var got []string
		for _, d := range contradicted([]string{tt.text}, tt.key, parse(tt.date), other) {
			got = append(got, d.String())
		}
		if strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("contradicted(%q, %s %s) = %v, want %v", tt.text, tt.key, tt.date, got, tt.want)
		}
	}
}

// DatesIn finds the dates a text states, a precision at a time, and each one
// counts as stated by that text.
func TestExportedDatesIn(t *testing.T) {
	text := "On 23 February 2022 Khan flew to Moscow; in March 2022 the UN voted, as in 2014."
	got := DatesIn(text)
	want := []string{"2022-02-23", "2022-02", "2022-03", "2022", "2014"} // each precision in turn
	var gs []string
	for _, d := range got {
		gs = append(gs, d.String())
		if !stated([]string{text}, d) {
			t.Errorf("%s is found in the text but does not count as stated by it", d)
		}
	}
	if strings.Join(gs, " ") != strings.Join(want, " ") {
		t.Errorf("DatesIn = %v, want %v", gs, want)
	}
	if got := DatesIn("No date here, only 12 apples and 300 pears."); len(got) != 0 {
		t.Errorf("DatesIn of a text without a date = %v", got)
	}
}
