package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ties/timeline"
)

// ties import timelinejs makes a timeline that ties check passes, of
// TimelineJS's JSON and of its sheet's CSV, written here in their documented
// formats: years as strings and as numbers, an event with no headline, one
// with no text, HTML in the text, events with and without a group, eras, a
// time of day, a Display Date that is no date, and a year before 1. What ties
// cannot carry is each a line of the summary.
func TestImportTimelineJS(t *testing.T) {
	for _, c := range []struct {
		file   string
		title  string
		events int
		lost   []string
		check  func(t *testing.T, tl *timeline.Timeline, md string)
	}{
		{"whitney.json", "A Test Timeline of the Crisis", 6,
			[]string{`"The prime minister resigns": its time of day`, `its Display Date "Early January" is not a date`, `"An ancient precedent": the year -500 is before year 1`},
			func(t *testing.T, tl *timeline.Timeline, md string) {
				e := tl.Event("troops-cross-the-border")
				if e == nil || e.Date.String() != "1956-10-29" || e.Theme.Label != "War" || e.Passages[0].Text() != "On 29 October 1956 the troops crossed the border." {
					t.Errorf("the first slide became %+v", e)
				}
				if !strings.Contains(e.Note, "https://example.org/map.png") || !strings.Contains(e.Note, "Example Archive") {
					t.Errorf("the media's address and credit are not in the note: %q", e.Note)
				}
				talks := tl.Event("talks-at-the-united-nations")
				if talks == nil || talks.Date.String() != "1956-11" || talks.End.String() != "1957-03" || talks.Theme.Label != "Diplomacy" {
					t.Errorf("a month-precise span became %+v", talks)
				}
				if e := tl.Event("the-year-the-crisis-began-as-the-archive"); e == nil || e.Date.String() != "1956" || e.Theme.Label != "Events" {
					t.Errorf("an event with no headline and no group became %+v", e)
				}
				if e := tl.Event("headline-only"); e == nil || e.Passages[0].Text() != "Headline only" {
					t.Errorf("a slide with no text became %+v", e)
				}
				if e := tl.Event("the-crisis"); e == nil || e.Theme.Label != "Eras" || e.End.String() != "1957-03" {
					t.Errorf("the era became %+v", e)
				}
				for _, want := range []string{"## Troops cross the border", "*little*", "[a link](https://example.org/report)"} {
					if !strings.Contains(md, want) {
						t.Errorf("the source lacks %q", want)
					}
				}
				if tl.Description != "Written for ties' import test in TimelineJS's JSON format." {
					t.Errorf("the title slide's text became the description %q", tl.Description)
				}
			}},
		{"sheet.csv", "The Sheet Timeline", 5,
			[]string{`"Unification": its time of day`, `its Display Date "Spring" is not a date`,
				`"The summer talks": its end 20 June 1990 does not come after its start June 1990; the end left out`},
			func(t *testing.T, tl *timeline.Timeline, md string) {
				if e := tl.Event("the-summer-talks"); e == nil || e.Date.String() != "1990-06" || !e.End.IsZero() {
					t.Errorf("the row whose end lies within its start became %+v", e)
				}
				if e := tl.Event("the-wall-opens"); e == nil || !e.DateStated || e.Theme.Label != "Berlin" {
					t.Errorf("the first row became %+v", e)
				}
				if e := tl.Event("the-years-of-change"); e == nil || e.Theme.Label != "Eras" || e.Date.String() != "1989" || e.End.String() != "1991" {
					t.Errorf("the era row became %+v", e)
				}
			}},
	} {
		out := filepath.Join(t.TempDir(), "imported")
		code, stdout, stderr := run(t, "import", "timelinejs", filepath.Join("testdata", "timelinejs", c.file), "--out", out)
		if code != 0 {
			t.Fatalf("ties import %s = %d: %s%s", c.file, code, stdout, stderr)
		}
		for _, l := range c.lost {
			if !strings.Contains(stdout, l) {
				t.Errorf("%s: the summary does not say %q:\n%s", c.file, l, stdout)
			}
		}
		if code, stdout, stderr := run(t, "check", "--data", out); code != 0 {
			t.Fatalf("ties check on the import of %s = %d: %s%s", c.file, code, stdout, stderr)
		}
		tl, err := timeline.Load(os.DirFS(out), out)
		if err != nil {
			t.Fatal(err)
		}
		if tl.Title != c.title || len(tl.Events) != c.events {
			t.Errorf("%s: %q with %d events, want %q with %d", c.file, tl.Title, len(tl.Events), c.title, c.events)
		}
		md, _ := os.ReadFile(filepath.Join(out, "sources", "timeline.md"))
		c.check(t, tl, string(md))
	}
}

// A file that is not TimelineJS's is refused with its line and column, and
// nothing is written; nor is a folder in use overwritten.
func TestImportTimelineJSRefuses(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte("{\n  \"events\": [\n    {\"start_date\": {\"year\": \"1956\"},,}\n  ]\n}\n"), 0o644)
	out := filepath.Join(dir, "out")
	code, _, stderr := run(t, "import", "timelinejs", bad, "--out", out)
	if code == 0 || !strings.Contains(stderr, "bad.json:3:") {
		t.Errorf("a broken JSON file = %d: %s", code, stderr)
	}
	if exists(out) {
		t.Errorf("a refused import wrote %s", out)
	}
	if code, _, stderr := run(t, "import", "vis", bad, "--out", out); code != 2 || !strings.Contains(stderr, "ties import timelinejs FILE") {
		t.Errorf("an unknown format = %d: %s", code, stderr)
	}
	used := t.TempDir()
	os.WriteFile(filepath.Join(used, "keep"), []byte("x"), 0o644)
	if code, _, stderr := run(t, "import", "timelinejs", filepath.Join("testdata", "timelinejs", "sheet.csv"), "--out", used); code == 0 || !strings.Contains(stderr, "not empty") {
		t.Errorf("an import into a folder in use = %d: %s", code, stderr)
	}
}
