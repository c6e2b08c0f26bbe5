package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing/fstest"

	"ties/timeline"
)

// imported is what an import makes: the event file, the source, and what
// it could not carry.
type imported struct {
	events, source []byte
	lost           []string
	count          int
}

// importTimelineJS makes a ties timeline of a TimelineJS file named name.
func importTimelineJS(name string, f tlFile) (imported, error) {
	var out imported
	base := filepath.Base(name)
	title, description := strings.TrimSuffix(base, filepath.Ext(base)), ""
	if f.Title != nil {
		if h := plainOf(f.Title.Text.Headline); h != "" {
			title = h
		}
		description = plainOf(f.Title.Text.Text)
	}
	// The source: each slide a heading and its paragraphs.
	var md strings.Builder
	fmt.Fprintf(&md, "# %s\n\n", escapeMarkdown(title))
	if f.Title != nil && htmlText(f.Title.Text.Text) != "" {
		md.WriteString(htmlText(f.Title.Text.Text) + "\n\n")
	}
	type planned struct {
		s        tlSlide
		n        int // its place in the file, from 1
		headline string
		para     string // the Markdown of its first paragraph, which its quote comes from
	}
	var plans []planned
	for i, s := range append(append([]tlSlide{}, f.Events...), f.Eras...) {
		what := "slide " + strconv.Itoa(i+1)
		if s.era {
			what = "era " + strconv.Itoa(i+1-len(f.Events))
		}
		h := plainOf(s.Text.Headline)
		if s.Start == nil {
			out.lost = append(out.lost, fmt.Sprintf("%s %q: no start_date; left out", what, h))
			continue
		}
		when := strings.TrimSpace(string(s.DisplayDate) + " " + string(s.Start.DisplayDate))
		if when == "" {
			when = string(s.Start.Year)
		}
		heading := h
		text := htmlText(s.Text.Text)
		switch {
		case text == "" && h != "":
			// A slide with no text is quoted by its headline, as a
			// paragraph under its date.
			heading, text = when, escapeMarkdown(h)
		case heading == "":
			heading = when
		}
		fmt.Fprintf(&md, "## %s\n\n", escapeMarkdown(heading))
		if text == "" {
			out.lost = append(out.lost, fmt.Sprintf("%s: no headline and no text; left out", what))
			continue
		}
		md.WriteString(text + "\n\n")
		plans = append(plans, planned{s: s, n: i + 1, headline: h, para: text})
	}
	out.source = []byte(md.String())
	doc := timeline.ParseMarkdown(out.source)
	var all strings.Builder
	for _, b := range doc.Blocks {
		all.WriteString(b.Text + "\n")
	}
	themes := map[string]string{} // label → id
	var themeOrder []string
	theme := func(label string) string {
		if id, ok := themes[label]; ok {
			return id
		}
		id := idOf(label)
		for n := 2; ; n++ {
			taken := false
			for _, v := range themes {
				taken = taken || v == id
			}
			if !taken {
				break
			}
			id = idOf(label) + "-" + strconv.Itoa(n)
		}
		themes[label] = id
		themeOrder = append(themeOrder, label)
		return id
	}
	var ev strings.Builder
	ids := map[string]bool{}
	for _, p := range plans {
		what := fmt.Sprintf("slide %d %q", p.n, p.headline)
		if p.s.era {
			what = fmt.Sprintf("era %d %q", p.n-len(f.Events), p.headline)
		}
		date, lost, err := dateOf(p.s.Start)
		if err != nil {
			out.lost = append(out.lost, what+": "+err.Error()+"; left out")
			continue
		}
		var end timeline.Date
		if p.s.End != nil && p.s.End.Year != "" {
			e, elost, err := dateOf(p.s.End)
			switch {
			case err != nil:
				out.lost = append(out.lost, what+": its end date: "+err.Error()+"; the end left out")
			case e == date:
			case timeline.SpanProblem(date, e) != "":
				out.lost = append(out.lost, what+": its end "+e.Words()+" does not come after its start "+date.Words()+"; the end left out")
			default:
				end = e
			}
			lost = append(lost, elost...)
		}
		if len(lost) > 0 {
			out.lost = append(out.lost, what+": "+strings.Join(lost, " and ")+", which ties does not keep")
		}
		// Its first paragraph, read as the source reads it.
		pd := timeline.ParseMarkdown([]byte(p.para))
		if len(pd.Paragraphs) == 0 {
			out.lost = append(out.lost, what+": no text to quote; left out")
			continue
		}
		quote, ok := uniqueQuote(pd.Paragraphs[0].Text, all.String())
		if !ok {
			out.lost = append(out.lost, what+": its text is word for word another slide's, so no quote can point to it; left out")
			continue
		}
		title := p.headline
		if title == "" {
			title = quote
			if r := []rune(title); len(r) > 120 {
				title = string(r[:119]) + "…"
			}
		}
		id := idOf(title)
		if len(id) > 60 {
			id = strings.Trim(id[:60], "-")
		}
		for n := 2; ids[id]; n++ {
			id = idOf(title) + "-" + strconv.Itoa(n)
		}
		ids[id] = true
		group := p.s.Group
		switch {
		case p.s.era:
			group = "Eras"
		case group == "":
			group = "Events"
		}
		var notes []string
		if dd := strings.TrimSpace(string(p.s.DisplayDate) + " " + string(p.s.Start.DisplayDate)); dd != "" {
			if len(timeline.DatesIn(dd)) == 0 {
				out.lost = append(out.lost, fmt.Sprintf("%s: its Display Date %q is not a date; kept in its note", what, dd))
			}
			notes = append(notes, "TimelineJS showed its date as: "+dd+".")
		}
		if p.s.Media.URL != "" {
			m := "Media: " + p.s.Media.URL
			if p.s.Media.Credit != "" {
				m += " (credit: " + plainOf(p.s.Media.Credit) + ")"
			}
			if p.s.Media.Caption != "" {
				m += " — " + plainOf(p.s.Media.Caption)
			}
			notes = append(notes, m)
		}
		fmt.Fprintf(&ev, "  - id: %s\n    date: %s\n", id, date)
		if !end.IsZero() {
			fmt.Fprintf(&ev, "    end: %s\n", end)
		}
		fmt.Fprintf(&ev, "    title: %s\n    theme: %s\n    quote: %s\n", yq(title), theme(group), yq(quote))
		fmt.Fprintf(&ev, "    date_source:\n      title: %s\n", yq("The TimelineJS file "+base))
		if len(notes) > 0 {
			fmt.Fprintf(&ev, "    note: %s\n", yq(strings.Join(notes, " ")))
		}
		out.count++
	}
	var y strings.Builder
	fmt.Fprintf(&y, "# Imported from the TimelineJS file %s by ties import timelinejs.\n", base)
	fmt.Fprintf(&y, "title: %s\n", yq(title))
	if description != "" {
		fmt.Fprintf(&y, "description: %s\n", yq(description))
	}
	fmt.Fprintf(&y, "sources:\n  - id: timeline\n    file: sources/timeline.md\n    title: %s\n", yq(title))
	y.WriteString("themes:\n")
	palette := []string{"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#999999"}
	for i, label := range themeOrder {
		fmt.Fprintf(&y, "  - id: %s\n    label: %s\n    color: %s\n", themes[label], yq(label), yq(palette[i%len(palette)]))
	}
	if len(themeOrder) == 0 {
		return out, fmt.Errorf("%s: no slide could be imported:\n  %s", name, strings.Join(out.lost, "\n  "))
	}
	y.WriteString("events:\n" + ev.String())
	out.events = []byte(y.String())
	return out, nil
}

// plainOf is the text of a bit of HTML, on one line.
func plainOf(s string) string {
	doc := timeline.ParseMarkdown([]byte(htmlText(s)))
	var parts []string
	for _, b := range doc.Blocks {
		parts = append(parts, b.Text)
	}
	return strings.Join(strings.Fields(strings.Join(parts, " ")), " ")
}

// uniqueQuote is the first sentence of a paragraph, or as many of its first
// sentences as make it found once in all, the text of the whole source.
func uniqueQuote(para, all string) (string, bool) {
	ss := sentences(para)
	for n := 1; n <= len(ss); n++ {
		q := strings.Join(ss[:n], " ")
		if i := strings.Index(para, q); i >= 0 && strings.Count(all, q) == 1 {
			return q, true
		}
	}
	return "", false
}

// importCommand handles "ties import timelinejs FILE --out DIR".
func (m *Main) importCommand() int {
	b, err := os.ReadFile(m.sourceFile)
	if err != nil {
		fmt.Fprintf(m.Stderr, "ties: %v\n", err)
		return 2
	}
	if entries, err := os.ReadDir(m.out); err == nil && len(entries) > 0 {
		fmt.Fprintf(m.Stderr, "ties: %s is not empty; the import writes a new timeline and overwrites nothing: give a new or empty folder\n", m.out)
		return 2
	}
	f, err := readTimelineJS(m.sourceFile, b)
	if err != nil {
		fmt.Fprintf(m.Stderr, "ties: %v\n", err)
		return 1
	}
	im, err := importTimelineJS(m.sourceFile, f)
	if err != nil {
		fmt.Fprintf(m.Stderr, "ties: %v\n", err)
		return 1
	}
	files := map[string][]byte{"events.yaml": im.events, filepath.FromSlash("sources/timeline.md"): im.source}
	check := fstest.MapFS{"events.yaml": {Data: im.events}, "sources/timeline.md": {Data: im.source}}
	if _, err := timeline.Load(fs.FS(check), m.out); err != nil {
		fmt.Fprintf(m.Stderr, "ties: the imported timeline does not pass ties check, so nothing was written:\n%v\n", err)
		return 1
	}
	created, err := writeNew(m.out, files)
	if err != nil {
		undo(m.out, created)
		fmt.Fprintf(m.Stderr, "ties: %v\n", err)
		return 1
	}
	fmt.Fprintf(m.Stdout, "imported %d of %d slides and eras of %s into %s (events.yaml, sources/timeline.md)\n",
		im.count, len(f.Events)+len(f.Eras), m.sourceFile, m.out)
	if len(im.lost) > 0 {
		fmt.Fprintf(m.Stdout, "what ties could not carry:\n")
		for _, l := range im.lost {
			fmt.Fprintf(m.Stdout, "  - %s\n", l)
		}
	}
	fmt.Fprintf(m.Stdout, "next: ties check --data %s\n", m.out)
	return 0
}
