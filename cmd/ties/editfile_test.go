package main

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"

	"ties/data"
	"ties/timeline"
)

// builtInFiles is the built-in timeline's folder, to edit in memory.
func builtInFiles(t testing.TB) (fstest.MapFS, []byte) {
	t.Helper()
	src, err := data.FS.ReadFile("events.yaml")
	if err != nil {
		t.Fatal(err)
	}
	article, _ := data.FS.ReadFile("sources/diplomat-2022.md")
	return fstest.MapFS{"sources/diplomat-2022.md": {Data: article}}, src
}

func loadWith(t testing.TB, fsys fstest.MapFS, events []byte) (*timeline.Timeline, error) {
	t.Helper()
	fsys["events.yaml"] = &fstest.MapFile{Data: events}
	return timeline.Load(fsys, "data")
}

// outside checks that after differs from before only in [start, end) of
// before, replaced by with.
func outside(t *testing.T, before, after []byte, start, end int, with string) {
	t.Helper()
	want := splice(before, start, end, with)
	if !bytes.Equal(after, want) {
		t.Errorf("the file changed outside the event's lines")
	}
}

// Saving an event as the form holds it changes that event's lines only,
// and every event of the built-in file reads back as it was.
func TestReplaceEventKeepsTheRest(t *testing.T) {
	fsys, src := builtInFiles(t)
	tl, err := loadWith(t, fsys, src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range tl.Events {
		f, err := parseEventFile("events.yaml", src)
		if err != nil {
			t.Fatal(err)
		}
		start, end, indent, err := f.entry(e.ID)
		if err != nil {
			t.Fatal(err)
		}
		form := formOf(e, false)
		out, err := f.replaceEvent(e.ID, form)
		if err != nil {
			t.Fatal(err)
		}
		outside(t, src, out, start, end, form.yaml(indent))
		again, err := loadWith(t, fsys, out)
		if err != nil {
			t.Fatalf("%s saved as the form holds it: %v", e.ID, err)
		}
		g := again.Event(e.ID)
		for i := range e.Passages {
			if i < len(g.Passages) && g.Passages[i].Quote != e.Passages[i].Quote {
				t.Errorf("%s: quote %d reads back as %q", e.ID, i+1, g.Passages[i].Quote)
			}
		}
		if g.Title != e.Title || g.Date != e.Date || g.End != e.End || g.Note != e.Note || g.Summary != e.Summary ||
			len(g.Passages) != len(e.Passages) || g.DateStated != e.DateStated || strings.Join(g.Actors, "|") != strings.Join(e.Actors, "|") {
			t.Errorf("%s reads back otherwise", e.ID)
		}
	}
}

// hostileTexts are texts a user may type that YAML would read otherwise if
// written as they are.
var hostileTexts = []string{
	`He said "no" and 'yes'`, "key: value", "a # not a comment", "#at the start", "two\nlines", "- id: x",
	"</script><script>alert(1)</script>", "\u202eevil\u202c and \u2066isolated\u2069", "  leading and trailing  ",
	"tab\there", `back\slash`, "yes", "null", "~", "123", "2022-02-23", "[a, b]", "{a: b}", "&anchor", "*alias", "!tag",
	"> folded", "| literal", "@at", "`tick`", "%percent", "emoji 🙂", "\u2028line separator",
}

// Any text typed into the form is stored as that text and reads back the
// same, whatever YAML would make of it (without the white space around it,
// which ties never keeps).
func TestAppendEventRoundTrip(t *testing.T) {
	fsys, src := builtInFiles(t)
	for i, text := range hostileTexts {
		f, _ := parseEventFile("events.yaml", src)
		form := eventForm{ID: "typed", Date: "2014", Title: strings.TrimSpace(strings.ReplaceAll(text, "\n", " ")), Theme: "defence",
			Actors: []string{text, "Pakistan"}, Summary: text, Note: text,
			Quotes: []string{"In 2014, for the first time in the history of Moscow-Islamabad ties, Russia lifted its self-imposed embargo"}}
		if form.Title == "" {
			form.Title = "x"
		}
		out, err := f.appendEvent(form)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(out, src[:len(src)-1]) && !bytes.HasPrefix(out, src) {
			t.Errorf("%d: the file before the new event changed", i)
		}
		tl, err := loadWith(t, fsys, out)
		if err != nil {
			t.Errorf("%q: the file with it does not load: %v", text, err)
			continue
		}
		// ties reads every text without the white space around it.
		e, want := tl.Event("typed"), strings.TrimSpace(text)
		if e.Summary != want || e.Note != want || e.Actors[0] != want || e.Title != form.Title {
			t.Errorf("%q reads back as summary %q, note %q, actor %q", text, e.Summary, e.Note, e.Actors[0])
		}
	}
}

// Deleting an event takes its lines and nothing else.
func TestDeleteEventKeepsTheRest(t *testing.T) {
	fsys, src := builtInFiles(t)
	f, _ := parseEventFile("events.yaml", src)
	start, end, _, err := f.entry("russia-lifts-arms-embargo")
	if err != nil {
		t.Fatal(err)
	}
	out, err := f.deleteEvent("russia-lifts-arms-embargo")
	if err != nil {
		t.Fatal(err)
	}
	outside(t, src, out, start, end, "")
	tl, err := loadWith(t, fsys, out)
	if err != nil {
		t.Fatal(err)
	}
	if tl.Event("russia-lifts-arms-embargo") != nil {
		t.Error("the event is still there")
	}
	if _, err := f.deleteEvent("no-such-event"); err == nil {
		t.Error("deleting an event the file lacks succeeded")
	}
}

func FuzzAppendEventRoundTrip(f *testing.F) {
	for _, s := range hostileTexts {
		f.Add(s)
	}
	fsys, src := builtInFiles(f)
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8Valid(text) {
			return // the form refuses what is not UTF-8, as a browser never sends
		}
		ef, _ := parseEventFile("events.yaml", src)
		form := eventForm{ID: "typed", Date: "2014", Title: "Typed", Theme: "defence", Summary: text, Note: text,
			Quotes: []string{"In 2014, for the first time in the history of Moscow-Islamabad ties, Russia lifted its self-imposed embargo"}}
		out, err := ef.appendEvent(form)
		if err != nil {
			t.Fatal(err)
		}
		tl, err := loadWith(t, fsys, out)
		if err != nil {
			// A text ties refuses is refused by its rules, by name.
			if !strings.Contains(err.Error(), "summary") && !strings.Contains(err.Error(), "note") {
				t.Fatalf("%q: %v", text, err)
			}
			return
		}
		if e, want := tl.Event("typed"), strings.TrimSpace(text); e.Summary != want || e.Note != want {
			t.Fatalf("%q reads back as %q / %q", text, e.Summary, e.Note)
		}
	})
}
