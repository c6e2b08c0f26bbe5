package timeline

import "testing"

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
