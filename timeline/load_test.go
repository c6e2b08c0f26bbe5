package timeline

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

const testSource = `# What Is Driving Pakistan’s Outreach to Russia?

Pakistani Prime Minister Imran Khan’s visit to Moscow to meet Russian President Vladimir Putin came under scrutiny.

In 2014, Russia lifted its self-imposed *embargo* on arms sales to Pakistan.

Recently, on 6 March 2022, Khan launched a verbal offensive. Pakistan received helicopters in 2017.
`

// header is an event file up to its events; events follow from line 12.
const header = `title: Pakistan–Russia ties
sources:
  - id: diplomat-2022
    file: sources/diplomat-2022.md
    title: What Is Driving Pakistan’s Outreach to Russia?
themes:
  - id: diplomacy
    label: Diplomacy
  - id: defence
    label: Defence
events:
`

const goodEvent = `  - id: khan-visits-moscow
    date: 2022-02-23
    end: 2022-02-24
    title: Imran Khan visits Moscow
    theme: diplomacy
    quote: "Imran Khan’s visit to Moscow"
    date_source:
      title: Dawn
`

// testFS returns a timeline folder holding events.yaml with the given text
// and the test source.
func testFS(events string) fstest.MapFS {
	return fstest.MapFS{
		"events.yaml":              {Data: []byte(events)},
		"sources/diplomat-2022.md": {Data: []byte(testSource)},
	}
}

func mustLoad(t *testing.T, fsys fstest.MapFS) *Timeline {
	t.Helper()
	tl, err := Load(fsys, "data")
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return tl
}

// Each rule of the event file format, broken once: the message says what is
// wrong and what to do, at the right line and column.
func TestLoadRejects(t *testing.T) {
	for _, tt := range []struct {
		name      string
		file      string
		line, col int
		event     string
		want      string
	}{
		{"unknown key with a close match", header + goodEvent + "    qoute: x\n", 20, 5, "khan-visits-moscow", `unknown key "qoute" in an event; did you mean "quote"?`},
		{"unknown key with no close match", header + goodEvent + "    weather: fine\n", 20, 5, "khan-visits-moscow", `unknown key "weather" in an event; the keys allowed here are id, date, end, title`},
		{"unknown top-level key", "titel: x\n" + header[strings.Index(header, "sources"):] + goodEvent, 1, 1, "", `unknown key "titel" in the event file; did you mean "title"?`},
		{"repeated key", header + goodEvent + "    title: Again\n", 20, 5, "khan-visits-moscow", `"title" is given twice in an event (first at line 15); keep one`},
		{"wrong type: list for text", header + strings.Replace(goodEvent, "title: Imran Khan visits Moscow", "title: [a, b]", 1), 15, 12, "khan-visits-moscow", `"title" must be text, not a list`},
		{"wrong type: text for list", strings.Replace(header, "themes:\n  - id: diplomacy\n    label: Diplomacy\n  - id: defence\n    label: Defence\n", "themes: diplomacy\n", 1) + goodEvent, 6, 9, "", `themes must be a list (lines starting with "- "), not the text "diplomacy"`},
		{"wrong type: mapping for quote", header + strings.Replace(goodEvent, `quote: "Imran Khan’s visit to Moscow"`, "quote: {a: b}", 1), 17, 12, "khan-visits-moscow", "quote must be text or a list of texts, not a mapping"},
		{"missing title", header + strings.Replace(goodEvent, "    title: Imran Khan visits Moscow\n", "", 1), 12, 5, "khan-visits-moscow", `"title" is missing; add it`},
		{"title too long", header + strings.Replace(goodEvent, "Imran Khan visits Moscow", strings.Repeat("x", 121), 1), 15, 12, "khan-visits-moscow", `"title" is 121 characters long, more than the 120 allowed`},
		{"bad event slug", header + strings.Replace(goodEvent, "id: khan-visits-moscow", "id: Khan_Visits", 1), 12, 9, "Khan_Visits", `"Khan_Visits" is not a valid event id: use lower-case letters, digits and single hyphens`},
		{"duplicate event id", header + goodEvent + goodEvent, 20, 9, "khan-visits-moscow", `event id "khan-visits-moscow" is used twice (first at line 12)`},
		{"impossible date", header + strings.Replace(goodEvent, "date: 2022-02-23", "date: 2022-02-30", 1), 13, 11, "khan-visits-moscow", `date "2022-02-30" is not a date: February 2022 has 28 days`},
		{"malformed date", header + strings.Replace(goodEvent, "date: 2022-02-23", "date: 23/02/2022", 1), 13, 11, "khan-visits-moscow", "write YYYY, YYYY-MM or YYYY-MM-DD"},
		{"end before date", header + strings.Replace(goodEvent, "end: 2022-02-24", "end: 2022-02-20", 1), 14, 10, "khan-visits-moscow", "end 2022-02-20 is before date 2022-02-23; swap them"},
		{"end holds date", header + strings.Replace(goodEvent, "end: 2022-02-24", "end: 2022-02", 1), 14, 10, "khan-visits-moscow", "end 2022-02 holds date 2022-02-23 within it, so it does not say when the span ends; give the day the span ends in, or leave end out"},
		{"end within date", header + strings.Replace(strings.Replace(goodEvent, "end: 2022-02-24", "end: 2022-02-01", 1), "date: 2022-02-23", "date: 2022-02", 1), 14, 10, "khan-visits-moscow", "end 2022-02-01 lies within date 2022-02, so it does not say when the span starts; give date as the day the span starts in, or leave end out"},
		{"end is the date, about", header + strings.Replace(strings.Replace(goodEvent, "end: 2022-02-24", "end: ~2022", 1), "date: 2022-02-23", "date: 2022", 1), 14, 10, "khan-visits-moscow", "end ~2022 is the same year as date 2022; leave end out, and write the date with ~ if it is approximate"},
		{"end year holds date year", header + strings.Replace(strings.Replace(goodEvent, "end: 2022-02-24", "end: ~2022", 1), "date: 2022-02-23", "date: 2022-02", 1), 14, 10, "khan-visits-moscow", "end ~2022 holds date 2022-02 within it"},
		{"missing date", header + strings.Replace(goodEvent, "    date: 2022-02-23\n", "", 1), 12, 5, "khan-visits-moscow", `"date" is missing`},
		{"unknown theme", header + strings.Replace(goodEvent, "theme: diplomacy", "theme: diplomcy", 1), 16, 12, "khan-visits-moscow", `theme "diplomcy" is not one of the themes; did you mean "diplomacy"?`},
		{"unknown source", header + goodEvent + "    source: diplomat\n", 20, 13, "khan-visits-moscow", `source "diplomat" is not one of the sources; did you mean "diplomat-2022"?`},
		{"source required with two sources", strings.Replace(header, "themes:", "  - id: other\n    file: sources/diplomat-2022.md\n    title: Other\nthemes:", 1) + goodEvent, 15, 5, "khan-visits-moscow", "does not say which source it quotes; add source: with one of diplomat-2022, other"},
		{"missing source file", strings.Replace(header, "sources/diplomat-2022.md", "sources/missing.md", 1) + goodEvent, 4, 11, "", `source "diplomat-2022", file "sources/missing.md": cannot read the file: it does not exist`},
		{"source file outside the folder", strings.Replace(header, "sources/diplomat-2022.md", "../secret.md", 1) + goodEvent, 4, 11, "", `must be a path inside the folder of events.yaml`},
		{"duplicate source id", strings.Replace(header, "themes:", "  - id: diplomat-2022\n    file: sources/diplomat-2022.md\n    title: Again\nthemes:", 1) + goodEvent, 6, 9, "", `source id "diplomat-2022" is used twice (first at line 3)`},
		{"non-http url", strings.Replace(header, "themes:", "    url: javascript:alert(1)\nthemes:", 1) + goodEvent, 6, 10, "", `url "javascript:alert(1)" is not a web address; write a full address starting with https://`},
		{"bad colour", strings.Replace(header, "label: Defence", "label: Defence\n    color: red", 1) + goodEvent, 11, 12, "", `color "red" is not a colour: write #rgb or #rrggbb in quotes`},
		{"unquoted colour is a comment", strings.Replace(header, "label: Defence", "label: Defence\n    color: #fff", 1) + goodEvent, 11, 5, "", `"color" has no value: YAML reads a # after a space as the start of a comment, so "#fff" is not read; put the value in quotes: color: "#fff"`},
		{"unquoted colour and a comment", strings.Replace(header, "label: Defence", "label: Defence\n    color: #ff0000   # red", 1) + goodEvent, 11, 5, "", `so "#ff0000" is not read; put the value in quotes: color: "#ff0000"`},
		{"quote not found", header + strings.Replace(goodEvent, "Imran Khan’s visit to Moscow", "Imran Khan’s trip to Moscow", 1), 17, 12, "khan-visits-moscow", `the quote is not in the source; the closest passage is in p1 (line 3): "Imran Khan’s visit to Moscow"; it has "trip" where the source has "visit"; copy the words exactly from there`},
		{"ambiguous quote", header + strings.Replace(goodEvent, "Imran Khan’s visit to Moscow", "Pakistan", 1), 17, 12, "khan-visits-moscow", "the quote is found in 4 places, in h1 (line 1), p1 (line 3), p2 (line 5), p3 (line 7); make it longer"},
		{"quote across paragraphs", header + strings.Replace(goodEvent, "Imran Khan’s visit to Moscow", "under scrutiny. In 2014", 1), 17, 12, "khan-visits-moscow", "runs from p1 (line 3) into p2 (line 5), but a quote must lie within one paragraph"},
		{"missing quote", header + strings.Replace(goodEvent, "    quote: \"Imran Khan’s visit to Moscow\"\n", "", 1), 12, 5, "khan-visits-moscow", `"quote" is missing; add the words of the source`},
		{"undated without date_source", header + strings.Replace(goodEvent, "    date_source:\n      title: Dawn\n", "", 1), 13, 11, "khan-visits-moscow", `the quote does not state the date 2022-02-23 (it would need "2022", "February" and "23"); add date_source:`},
		{"span end not stated", header + "  - id: rally\n    date: 2022-03-06\n    end: 2022-03-08\n    title: Rally\n    theme: diplomacy\n    quote: on 6 March 2022\n", 14, 10, "rally", `the quote does not state the end 2022-03-08`},
		{"two quotes contradict the date", header + "  - id: helicopters\n    date: 2016\n    title: Helicopters\n    theme: defence\n    quote:\n      - In 2014, Russia lifted\n      - Pakistan received helicopters in 2017\n", 13, 11, "helicopters",
			`the quotes state 2014 and 2017, not 2016; did you mean date: 2014 or date: 2017? If date 2016 is right and the quotes speak of another year, add date_source:`},
		{"an about date is offered as about", header + "  - id: rally\n    date: ~2021\n    title: Rally\n    theme: diplomacy\n    quote: on 6 March 2022, Khan launched\n", 13, 11, "rally",
			`the quote states 2022, not 2021; did you mean date: ~2022?`},
		{"date_source without title", header + strings.Replace(goodEvent, "title: Dawn", "url: https://www.dawn.com/", 1), 19, 7, "khan-visits-moscow", `"title" is missing; add it`},
		{"empty file", "", 1, 1, "", "the file is empty; it needs a title, sources, themes and events"},
		{"no events", header + "  []\n", 1, 1, "", "the timeline has no events"},
		{"YAML syntax error", header + goodEvent + "    note: \"unterminated\n", 20, 11, "", "the file is not valid YAML: could not find end character of double-quoted text"},
		{"YAML alias", header + goodEvent + "    summary: *anchor\n", 20, 14, "", "YAML aliases (*name) are not supported"},
		{"two documents", header + goodEvent + "---\ntitle: again\n", 20, 1, "", "more than one YAML document"},
		{"unknown key near a longer one", header + goodEvent + "    date_sources: x\n", 20, 5, "khan-visits-moscow", `did you mean "date_source"?`},
		{"empty quote list", header + strings.Replace(goodEvent, `quote: "Imran Khan’s visit to Moscow"`, "quote: []", 1), 17, 12, "khan-visits-moscow", "quote is an empty list; add at least one quote"},
		{"date_source as text", header + strings.Replace(goodEvent, "date_source:\n      title: Dawn", "date_source: Dawn", 1), 18, 18, "khan-visits-moscow", "date_source must be key: value lines, not the text \"Dawn\""},
		{"brackets nested too deep", "title: " + strings.Repeat("[", 1_000_000), 1, 72, "", "the file nests more than 64 brackets deep"},
		{"indentation nested too deep", deepBlock(100), 65, 129, "", "the file nests more than 64 indentation levels deep"},
		{"invalid UTF-8", header + strings.Replace(goodEvent, "Imran Khan visits", "Imran \xffKhan visits", 1), 15, 18, "", "the file is not UTF-8 text"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(testFS(tt.file), "data")
			if tt.want == "" { // the case must load
				if err != nil {
					t.Fatalf("Load: %v", err)
				}
				return
			}
			p := problemSaying(t, err, tt.want)
			if p == nil {
				return
			}
			if got, want := [2]int{p.Line, p.Column}, [2]int{tt.line, tt.col}; got != want {
				t.Errorf("problem at line:column %v, want %v: %v", got, want, p)
			}
			if got, want := p.Event, tt.event; got != want {
				t.Errorf("problem for event %q, want %q", got, want)
			}
			if got, want := p.File, "data/events.yaml"; !strings.HasPrefix(tt.name, "missing source") && got != want {
				t.Errorf("problem in file %q, want %q", got, want)
			}
		})
	}
}

// deepBlock is a YAML file of n mappings, each inside the one before.
func deepBlock(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat("  ", i) + "a:\n")
	}
	return b.String()
}

// problemSaying returns the problem of err whose message holds msg, failing
// the test, and returning nil, when there is none.
func problemSaying(t *testing.T, err error, msg string) *Problem {
	t.Helper()
	var ps Problems
	if !errors.As(err, &ps) {
		t.Fatalf("Load = %v, want Problems", err)
	}
	for _, p := range ps {
		if strings.Contains(p.Message, msg) {
			return p
		}
	}
	t.Errorf("no problem says %q; got:\n%v", msg, err)
	return nil
}

// One run reports every mistake, not only the first, in file order.
func TestLoadReportsEveryProblem(t *testing.T) {
	file := header +
		strings.Replace(goodEvent, "theme: diplomacy", "theme: nope", 1) +
		strings.Replace(strings.Replace(goodEvent, "khan-visits-moscow", "second", 1), "2022-02-23", "2022-02-31", 1) +
		"  - id: third\n    date: 2014\n    title: Embargo\n    theme: defence\n    quote: \"not in the article\"\n"
	_, err := Load(testFS(file), "data")
	var ps Problems
	if !errors.As(err, &ps) {
		t.Fatalf("Load = %v, want Problems", err)
	}
	var got []int
	for _, p := range ps {
		got = append(got, p.Line)
	}
	if diff := cmp.Diff([]int{16, 21, 32}, got); diff != "" {
		t.Errorf("problem lines mismatch (-want +got):\n%s\n%v", diff, err)
	}
	if got, want := ErrorCode(err), EINVALID; got != want {
		t.Errorf("ErrorCode = %q, want %q", got, want)
	}
}

func TestLoadResolvesPassagesAndProvenance(t *testing.T) {
	file := header + goodEvent +
		"  - id: embargo\n    date: 2014\n    title: Russia lifts embargo\n    theme: defence\n    actors: [Russia, Pakistan]\n" +
		"    quote: \"In 2014, Russia lifted its self-imposed embargo on arms sales\"\n" +
		"  - id: rally\n    date: ~2022-03-06\n    title: Rally\n    theme: diplomacy\n    actors: Imran Khan\n" +
		"    quote: [\"on 6 March 2022, Khan launched\", \"Pakistan received helicopters\"]\n"
	tl := mustLoad(t, testFS(file))
	type event struct {
		ID, Date, Words string
		Stated          bool
		Actors          []string
		Passages        []string // anchor: text
	}
	var got []event
	for _, e := range tl.Events {
		ev := event{ID: e.ID, Date: e.Date.String(), Words: e.DateWords(), Stated: e.DateStated, Actors: e.Actors}
		for _, p := range e.Passages {
			ev.Passages = append(ev.Passages, p.Paragraph.Anchor+": "+p.Text())
		}
		got = append(got, ev)
	}
	want := []event{
		{"embargo", "2014", "2014", true, []string{"Russia", "Pakistan"}, []string{"p2: In 2014, Russia lifted its self-imposed embargo on arms sales"}},
		{"khan-visits-moscow", "2022-02-23", "23–24 February 2022", false, nil, []string{"p1: Imran Khan’s visit to Moscow"}},
		{"rally", "~2022-03-06", "about 6 March 2022", true, []string{"Imran Khan"}, []string{"p3: on 6 March 2022, Khan launched", "p3: Pakistan received helicopters"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("events mismatch (-want +got):\n%s", diff)
	}
	if got, want := tl.Event("khan-visits-moscow").DateSource.Title, "Dawn"; got != want {
		t.Errorf("DateSource.Title = %q, want %q", got, want)
	}
	s := tl.Summarize()
	if got, want := [4]any{s.First, s.Last, s.DateStated, s.DateCited}, [4]any{"2014", "~2022-03-06", 2, 1}; got != want {
		t.Errorf("Summarize() first, last, stated, cited = %v, want %v", got, want)
	}
}

// Spans whose end comes after their date load, whatever the two ends'
// precision; an end that is the date itself is one date.
func TestLoadAcceptsSpans(t *testing.T) {
	for _, tc := range []struct{ date, end, words string }{
		{"2022-02-23", "2022-02-23", "23 February 2022"},
		{"2022-02-23", "2022-03", "23 February 2022 – March 2022"},
		{"2022-02", "2022-03-02", "February 2022 – 2 March 2022"},
		{"2021", "2022-02", "2021 – February 2022"},
		{"2022-02-28", "2022-03-01", "28 February – 1 March 2022"},
		{"~2019", "2021", "about 2019 – 2021"},
	} {
		file := header + strings.Replace(strings.Replace(goodEvent, "end: 2022-02-24", "end: "+tc.end, 1), "date: 2022-02-23", "date: "+tc.date, 1)
		tl, err := Load(testFS(file), "data")
		if err != nil {
			t.Errorf("date %s, end %s: Load = %v, want no error", tc.date, tc.end, err)
			continue
		}
		if got := tl.Events[0].DateWords(); got != tc.words {
			t.Errorf("date %s, end %s: DateWords = %q, want %q", tc.date, tc.end, got, tc.words)
		}
	}
}

// Files saved by other editors load the same: a byte order mark, CRLF line
// ends, and a source with CRLF and non-breaking spaces.
func TestLoadToleratesEncodings(t *testing.T) {
	file := "\uFEFF" + strings.ReplaceAll(header+goodEvent, "\n", "\r\n")
	fsys := testFS(file)
	fsys["sources/diplomat-2022.md"] = &fstest.MapFile{Data: []byte("\uFEFF" + strings.ReplaceAll(strings.ReplaceAll(testSource, "\n", "\r\n"), "Khan’s visit", "Khan’s\u00a0visit"))}
	tl := mustLoad(t, fsys)
	if got, want := tl.Title, "Pakistan–Russia ties"; got != want {
		t.Errorf("Title = %q, want %q", got, want)
	}
	if got, want := tl.Events[0].Passages[0].Text(), "Imran Khan’s\u00a0visit to Moscow"; got != want {
		t.Errorf("passage = %q, want %q", got, want)
	}
}

func TestLoadInvalidUTF8Source(t *testing.T) {
	fsys := testFS(header + goodEvent)
	fsys["sources/diplomat-2022.md"] = &fstest.MapFile{Data: []byte("# T\n\nok\n\nbad \xc3\x28 byte\n")}
	_, err := Load(fsys, "data")
	if got, want := err.Error(), "data/sources/diplomat-2022.md:5:5: source \"diplomat-2022\", file \"sources/diplomat-2022.md\": the file is not UTF-8 text"; !strings.Contains(got, want) {
		t.Errorf("Load = %q, want it to contain %q", got, want)
	}
}

// date_quote gives words of the same source that state the date, where the
// quote does not: the date is then stated by the source, and the words are
// resolved like a quote; words the source does not hold, or that state
// another date, are refused, at their line and column.
func TestLoadDateQuote(t *testing.T) {
	event := `  - id: verbal-offensive
    date: 2022-03-06
    title: Khan's verbal offensive
    theme: diplomacy
    quote: "Khan launched a verbal offensive"
    date_quote: "on 6 March 2022"
`
	tl := mustLoad(t, testFS(header+event))
	e := tl.Event("verbal-offensive")
	if !e.DateStated || e.DateQuote == nil || e.DateQuote.Text() != "on 6 March 2022" || !e.DateQuote.ForDate {
		t.Fatalf("stated %v, date quote %+v", e.DateStated, e.DateQuote)
	}
	if e.DateQuote.Paragraph != e.Passages[0].Paragraph {
		t.Errorf("the date quote lies in another paragraph")
	}
	_, err := Load(testFS(header+strings.Replace(event, `"on 6 March 2022"`, `"on 7 March 2022"`, 1)), "data")
	if p := problemSaying(t, err, "date_quote:"); p != nil && (p.Line != 17 || p.Column != 17) {
		t.Errorf("the problem is at %d:%d, want 17:17: %v", p.Line, p.Column, p)
	}
	_, err = Load(testFS(header+strings.Replace(event, `"on 6 March 2022"`, `"Pakistan received helicopters in 2017"`, 1)), "data")
	problemSaying(t, err, "the quote and date_quote do not state the date 2022-03-06")
	// Without it, the message says a date quote would do.
	_, err = Load(testFS(header+strings.Replace(event, "    date_quote: \"on 6 March 2022\"\n", "", 1)), "data")
	problemSaying(t, err, "or date_quote: with words of the source that state it")
}
