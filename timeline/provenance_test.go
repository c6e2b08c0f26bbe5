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
		{"dated 2022-03-06", "2022-03", true},
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
