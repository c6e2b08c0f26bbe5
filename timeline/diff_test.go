package timeline

import (
	"strings"
	"testing"
)

// A quote that is nearly right is told which words differ from the closest
// passage, and when letter case alone differs, that it does.
func TestNearlyRightQuote(t *testing.T) {
	x := newIndex(ParseMarkdown([]byte("Go is a self-hosting language, and its compiler was rewritten in Go in 2015.\n\nIn 2014, Russia lifted its self-imposed embargo on arms sales to Pakistan.\n")))
	for _, tt := range []struct{ quote, want string }{
		{"Go is a self-compiling language", `it has "self-compiling" where the source has "self-hosting"; copy the words exactly`},
		{"Gone is a self-hosting language", `it has "Gone" where the source has "Go"; copy`},
		{"Russia lifted its embargo on arms", `it leaves out "self-imposed"; copy`},
		{"Russia lifted its self-imposed total embargo on arms", `it adds "total"; copy`},
		{"In 2014 Russia raised its self-imposed embargo on weapons sales", `it leaves out "," after "2014"; it has "raised" where the source has "lifted"; it has "weapons" where the source has "arms"; copy`},
		{"in 2014, russia lifted its", `the quote differs from it in letter case alone: it has "in" where the source has "In"; it has "russia" where the source has "Russia"; matching does not ignore case`},
		{"Then Russia lifted its self-imposed embargo", `it has "Then" where the source has "2014,"; copy`},
		{"In 2014, Russia lifted its Self-Imposed embargo on arms sale", `it has "Self-Imposed" where the source has "self-imposed"; it has "sale" where the source has "sales"; copy`},
	} {
		_, _, _, err := x.find(tt.quote)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("find(%q) = %v, want it to say %q", tt.quote, err, tt.want)
		}
	}
}
