package main

import (
	"encoding/json"
	"errors"
	"fmt"

	"ties/timeline"
)

// checkReport is what "ties check --json" prints.
type checkReport struct {
	OK       bool              `json:"ok"`
	Summary  *timeline.Summary `json:"summary,omitempty"`
	Problems timeline.Problems `json:"problems,omitempty"`
}

// check loads the timeline and prints its summary or its problems.
func (m *Main) check() int {
	t, err := loadTimeline(m.dataDir)
	var problems timeline.Problems
	if err != nil && !errors.As(err, &problems) {
		fmt.Fprintf(m.Stderr, "ties: %v\n", err)
		return 1
	}
	if m.json {
		r := checkReport{OK: err == nil, Problems: problems}
		if t != nil {
			s := t.Summarize()
			r.Summary = &s
		}
		enc := json.NewEncoder(m.Stdout)
		enc.SetIndent("", "  ")
		_ = enc.Encode(r)
	} else if err != nil {
		for _, p := range problems {
			fmt.Fprintln(m.Stderr, p)
		}
		fmt.Fprintf(m.Stderr, "%s; nothing was loaded.\n", plural(len(problems), "problem"))
	} else {
		fmt.Fprintln(m.Stdout, summaryLine(t.Summarize()))
	}
	if err != nil {
		return 1
	}
	return 0
}

// summaryLine sums up a timeline on one line.
func summaryLine(s timeline.Summary) string {
	return fmt.Sprintf("ok: %q: %s, %s, %s, from %s to %s; dates: %d stated by their source, %d cited from elsewhere",
		s.Title, plural(s.Events, "event"), plural(s.Themes, "theme"), plural(s.Sources, "source"),
		s.First, s.Last, s.DateStated, s.DateCited)
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}
