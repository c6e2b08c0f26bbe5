package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"ties/timeline"
)

// starter is what ties init and add-source write: the source as kept, its
// place and id, and the example event anchored to it.
type starter struct {
	id, file string // the source's id and its path in the folder
	source   convertedSource
	quote    string        // the example's quote: a sentence of the source that states its date
	date     timeline.Date // the date it states
}

// notesSource is the source of a timeline begun without one: a note of
// when it was begun, which its example event quotes, so that the example's
// date is the one its words state.
func notesSource(now time.Time) convertedSource {
	md := fmt.Sprintf(`# Notes

This timeline was begun on %s with ties init.

Replace this file with the article the timeline follows, or add one with ties add-source FILE: every event quotes a
passage of a source, word for word.
`, now.Format("2 January 2006"))
	return convertedSource{Markdown: []byte(md), Title: "Notes", From: "written by ties init"}
}

// sentenceEnd is where a sentence ends in running text.
var sentenceEnd = regexp.MustCompile(`[.!?][”’"')\]]*\s+`)

// sentences cuts a paragraph into its sentences.
func sentences(text string) []string {
	var out []string
	for len(text) > 0 {
		loc := sentenceEnd.FindStringIndex(text)
		if loc == nil {
			out = append(out, strings.TrimSpace(text))
			break
		}
		out = append(out, strings.TrimSpace(text[:loc[1]]))
		text = text[loc[1]:]
	}
	return out
}

// datedSentence finds the first sentence of doc that states a date and
// appears once in it, as a quote must, with the most precise date it
// states; ok is false when no sentence does.
func datedSentence(doc *timeline.Document) (quote string, d timeline.Date, ok bool) {
	var all strings.Builder
	for _, b := range doc.Blocks {
		all.WriteString(b.Text)
		all.WriteString("\n")
	}
	for _, p := range doc.Paragraphs {
		for _, s := range sentences(p.Text) {
			dates := timeline.DatesIn(s)
			if len(dates) > 0 && len(s) >= 12 && strings.Count(all.String(), s) == 1 {
				return s, dates[0], true
			}
		}
	}
	return "", timeline.Date{}, false
}

var slugRun = regexp.MustCompile(`[^a-z0-9]+`)

// idOf makes an id of a title: "The Pipeline Deal" is "the-pipeline-deal".
func idOf(s string) string {
	id := strings.Trim(slugRun.ReplaceAllString(strings.ToLower(s), "-"), "-")
	if len(id) > 40 {
		id = strings.Trim(id[:40], "-")
	}
	if id == "" {
		return "source"
	}
	return id
}

// yq writes s as a YAML scalar that reads back as s, whatever it holds: a
// JSON string, which YAML reads as its double-quoted form.
func yq(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		panic(err) // a string always encodes
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// sourceYAML is a source's entry in events.yaml.
func sourceYAML(st starter) string {
	var b strings.Builder
	fmt.Fprintf(&b, "  - id: %s\n    file: %s\n    title: %s\n", st.id, yq(st.file), yq(st.source.Title))
	if st.source.Publisher != "" {
		fmt.Fprintf(&b, "    publisher: %s\n", yq(st.source.Publisher))
	}
	if st.source.Published != "" {
		fmt.Fprintf(&b, "    published: %s\n", st.source.Published)
	}
	return b.String()
}

// eventsYAML is the starter event file: every key explained, one theme,
// and the example event.
func eventsYAML(title string, src, notes starter) string {
	var b strings.Builder
	b.WriteString(`# A ties timeline. Every event quotes a passage of a source, word for word, and its date is
# stated by that passage or by a source named in date_source. "ties check --data DIR" checks it,
# "ties serve --data DIR --watch" shows it as you edit. Text in quotes is kept as written.

# title: the timeline's name, shown on every page.
`)
	fmt.Fprintf(&b, "title: %s\n", yq(title))
	b.WriteString(`# description: a paragraph on what the timeline follows (optional).
description: ""

# sources: the texts events quote. Each has an id (lower case, digits and hyphens), the file
# beside this one that holds its text in Markdown, and its title; publisher, author, url
# (where it was published) and published (YYYY, YYYY-MM or YYYY-MM-DD) are optional.
# "ties add-source FILE" adds one from a .md, .txt or .html file.
sources:
`)
	for _, st := range []starter{src, notes} {
		if st.id != "" {
			b.WriteString(sourceYAML(st))
		}
	}
	b.WriteString(`
# themes: the lanes of the chronology. Each has an id, a label, and an optional color
# ("#rrggbb"; each look adjusts it until it stands out).
themes:
  - id: main
    label: Main
    color: "#0072B2"

# events: what happened, one entry each.
#   id       lower case, digits and hyphens; the event's address is /events/{id}
#   date     YYYY, YYYY-MM or YYYY-MM-DD as precisely as the source gives it; ~ in front for "about"
#   end      the last day of a span, written like date (optional)
#   title    a sentence saying what happened
#   label    a shorter name for the chart (optional)
#   theme    the id of its theme
#   actors   who took part, as a list (optional)
#   summary  a few sentences in your words (optional)
#   quote    the words of the source it rests on, copied exactly; they must appear once in the
#            source, within one paragraph. Give source: ID when there are several sources.
#   date_quote   other words of the same source that state the date, when the quote alone does not
#            ("In the autumn of 1956" for a quote that begins "On 5 November"); matched like quote
#   date_source  where the date comes from, when the source does not state it: a title and a url
#   note     anything a reader should know, such as a report that disagrees (optional)
events:
`)
	ex := src
	if ex.quote == "" {
		ex = notes
	}
	title2 := "Example: " + ex.quote
	if r := []rune(title2); len(r) > 90 {
		title2 = string(r[:89]) + "…"
	}
	fmt.Fprintf(&b, "  - id: example\n    date: %s\n    title: %s\n    theme: main\n", ex.date, yq(title2))
	fmt.Fprintf(&b, "    source: %s\n    quote: %s\n", ex.id, yq(ex.quote))
	b.WriteString("    note: This example quotes the first sentence of the source that states its own date. Replace it with your own events.\n")
	return b.String()
}

// prepareSource reads and converts the file at path into a source of the
// folder dir, with an id and a file name that dir does not hold yet.
func prepareSource(path, dir string, taken map[string]bool) (starter, error) {
	body, err := os.ReadFile(path)
	if err != nil {
		return starter{}, fmt.Errorf("%s: %v", path, errors.Unwrap(err))
	}
	c, err := convertSource(path, body)
	if err != nil {
		return starter{}, err
	}
	id := idOf(strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)))
	for n := 2; taken[id] || exists(filepath.Join(dir, "sources", id+".md")); n++ {
		id = fmt.Sprintf("%s-%d", idOf(strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))), n)
	}
	st := starter{id: id, file: "sources/" + id + ".md", source: c}
	if q, d, ok := datedSentence(timeline.ParseMarkdown(c.Markdown)); ok {
		st.quote, st.date = q, d
	}
	return st, nil
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// initTimeline handles "ties init DIR": a starter timeline that ties check
// passes, in a folder that is new or empty. Nothing is overwritten; a
// failure leaves the folder as it was.
func (m *Main) initTimeline(now time.Time) int {
	dir := m.out
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		fmt.Fprintf(m.Stderr, "ties: %s is not empty; ties init writes a new timeline and overwrites nothing: give a new or empty folder\n", dir)
		return 2
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintf(m.Stderr, "ties: %s: %v\n", dir, err)
		return 2
	}
	var src starter
	if m.sourceFile != "" {
		var err error
		if src, err = prepareSource(m.sourceFile, dir, map[string]bool{}); err != nil {
			fmt.Fprintf(m.Stderr, "ties: %v\n", err)
			return 1
		}
	}
	var notes starter
	if src.quote == "" {
		// Without a dated sentence to quote, the example quotes ties' own
		// note of when the timeline was begun: never a guessed date.
		notes = starter{id: "notes", file: "sources/notes.md", source: notesSource(now)}
		if src.id == "notes" {
			notes.id, notes.file = "ties-notes", "sources/ties-notes.md"
		}
		doc := timeline.ParseMarkdown(notes.source.Markdown)
		notes.quote, notes.date, _ = datedSentence(doc)
	}
	title := m.title
	if title == "" && src.id != "" {
		title = src.source.Title
	}
	if title == "" {
		title = "A new timeline"
	}
	files := map[string][]byte{"events.yaml": []byte(eventsYAML(title, src, notes))}
	for _, st := range []starter{src, notes} {
		if st.id != "" {
			files[filepath.FromSlash(st.file)] = st.source.Markdown
		}
	}
	created, err := writeNew(dir, files)
	if err == nil {
		_, err = timeline.Load(os.DirFS(dir), dir)
	}
	if err != nil {
		undo(dir, created)
		fmt.Fprintf(m.Stderr, "ties: the starter timeline could not be made: %v\n", err)
		return 1
	}
	fmt.Fprintf(m.Stdout, "wrote a timeline in %s:\n  events.yaml (one theme, one example event)\n", dir)
	for _, st := range []starter{src, notes} {
		if st.id != "" {
			fmt.Fprintf(m.Stdout, "  %s, %s\n", st.file, st.source.From)
		}
	}
	if m.sourceFile != "" && src.quote == "" {
		fmt.Fprintf(m.Stdout, "%s states no date ties can read in a sentence of its own, so the example event quotes sources/notes.md\n", m.sourceFile)
	}
	fmt.Fprintf(m.Stdout, "next: ties check --data %s, then ties serve --data %s --edit to add events in the browser\n", dir, dir)
	return 0
}

// writeNew writes files into dir, making dir and the folders within it as
// needed, each file through a temporary file renamed into place. No file is
// overwritten. It returns what it made, so that a failure can be undone.
func writeNew(dir string, files map[string][]byte) ([]string, error) {
	var made []string
	if !exists(dir) {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
		made = append(made, dir)
	}
	for name, body := range files {
		path := filepath.Join(dir, name)
		if sub := filepath.Dir(path); !exists(sub) {
			if err := os.MkdirAll(sub, 0o755); err != nil {
				return made, err
			}
			made = append(made, sub)
		}
		if exists(path) {
			return made, fmt.Errorf("%s exists; nothing is overwritten", path)
		}
		if err := writeFileAtomic(path, body); err != nil {
			return made, err
		}
		made = append(made, path)
	}
	return made, nil
}

// undo removes what writeNew made, the files first.
func undo(dir string, made []string) {
	for i := len(made) - 1; i >= 0; i-- {
		os.Remove(made[i])
	}
}

// writeFileAtomic writes body to path through a temporary file in the same
// folder, renamed over it, so that path never holds half a file.
func writeFileAtomic(path string, body []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(body)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, 0o644)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}
