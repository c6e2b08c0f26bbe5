package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing/fstest"

	htmltomarkdown "github.com/JohannesKaufmann/html-to-markdown/v2"

	"ties/timeline"
)

// tlDate is a TimelineJS date: each part a number or a string of one, as
// the JSON format and the sheet's columns allow.
type tlDate struct {
	Year, Month, Day         flexString
	Hour, Minute, Second     flexString
	Millisecond, DisplayDate flexString
}

// flexString reads a JSON string or number as its text.
type flexString string

func (f *flexString) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*f = flexString(strings.TrimSpace(s))
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return fmt.Errorf("%s is neither text nor a number", b)
	}
	*f = flexString(n.String())
	return nil
}

func (d *tlDate) UnmarshalJSON(b []byte) error {
	var raw struct {
		Year        flexString `json:"year"`
		Month       flexString `json:"month"`
		Day         flexString `json:"day"`
		Hour        flexString `json:"hour"`
		Minute      flexString `json:"minute"`
		Second      flexString `json:"second"`
		Millisecond flexString `json:"millisecond"`
		DisplayDate flexString `json:"display_date"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	*d = tlDate{raw.Year, raw.Month, raw.Day, raw.Hour, raw.Minute, raw.Second, raw.Millisecond, raw.DisplayDate}
	return nil
}

// tlSlide is a TimelineJS slide: an event, the title, or an era.
type tlSlide struct {
	Start       *tlDate `json:"start_date"`
	End         *tlDate `json:"end_date"`
	Text        struct{ Headline, Text string }
	Media       struct{ URL, Caption, Credit string }
	Group       string     `json:"group"`
	DisplayDate flexString `json:"display_date"`
	era         bool
}

type tlFile struct {
	Title  *tlSlide  `json:"title"`
	Events []tlSlide `json:"events"`
	Eras   []tlSlide `json:"eras"`
}

// readTimelineJS reads TimelineJS's JSON, or the CSV of its Google Sheets
// template.
func readTimelineJS(name string, b []byte) (tlFile, error) {
	var f tlFile
	if strings.EqualFold(filepath.Ext(name), ".csv") {
		return readTimelineCSV(name, b)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&f); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			line, col := lineCol(b, int(se.Offset))
			return f, fmt.Errorf("%s:%d:%d: %v; TimelineJS's JSON is one object with \"events\"", name, line, col, err)
		}
		return f, fmt.Errorf("%s: %v; TimelineJS's JSON is one object with \"events\", each with a start_date", name, err)
	}
	for i := range f.Eras {
		f.Eras[i].era = true
	}
	return f, nil
}

// lineCol is the line and column of byte offset off in b.
func lineCol(b []byte, off int) (int, int) {
	off = min(off, len(b))
	line := 1 + bytes.Count(b[:off], []byte("\n"))
	return line, off - bytes.LastIndexByte(b[:off], '\n')
}

// readTimelineCSV reads the sheet's columns, by their names in the first
// row: Year, Month, Day, Time, End Year, …, Headline, Text, Media, Media
// Credit, Media Caption, Media Thumbnail, Type, Group, Background.
func readTimelineCSV(name string, b []byte) (tlFile, error) {
	var f tlFile
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff"))))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		return f, fmt.Errorf("%s: %v", name, err)
	}
	if len(rows) == 0 {
		return f, fmt.Errorf("%s is empty; the sheet's first row names its columns (Year, Month, Day, …, Headline, Text)", name)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	if _, ok := col["year"]; !ok {
		return f, fmt.Errorf("%s:1: no Year column; the first row of TimelineJS's sheet names its columns (Year, Month, Day, …, Headline, Text)", name)
	}
	for _, row := range rows[1:] {
		get := func(k string) string {
			if i, ok := col[k]; ok && i < len(row) {
				return strings.TrimSpace(row[i])
			}
			return ""
		}
		s := tlSlide{Group: get("group"), DisplayDate: flexString(get("display date"))}
		s.Text.Headline, s.Text.Text = get("headline"), get("text")
		s.Media.URL, s.Media.Credit, s.Media.Caption = get("media"), get("media credit"), get("media caption")
		hour, minute, _ := strings.Cut(get("time"), ":")
		s.Start = &tlDate{Year: flexString(get("year")), Month: flexString(get("month")), Day: flexString(get("day")), Hour: flexString(hour), Minute: flexString(minute)}
		if get("end year") != "" {
			eh, em, _ := strings.Cut(get("end time"), ":")
			s.End = &tlDate{Year: flexString(get("end year")), Month: flexString(get("end month")), Day: flexString(get("end day")), Hour: flexString(eh), Minute: flexString(em)}
		}
		switch strings.ToLower(get("type")) {
		case "title":
			s.Start = nil
			f.Title = &s
		case "era":
			s.era = true
			f.Eras = append(f.Eras, s)
		default:
			if get("year") == "" && s.Text.Headline == "" && s.Text.Text == "" {
				continue // a blank row
			}
			f.Events = append(f.Events, s)
		}
	}
	return f, nil
}

// dateOf is a TimelineJS date as ties writes one, keeping the precision
// given; lost says what of it ties cannot carry, for the summary.
func dateOf(d *tlDate) (date timeline.Date, lost []string, err error) {
	year, err := strconv.Atoi(string(d.Year))
	if err != nil {
		return date, nil, fmt.Errorf("the year %q is not a number", d.Year)
	}
	if year < 1 {
		return date, nil, fmt.Errorf("the year %d is before year 1, which ties cannot show", year)
	}
	if year > 9999 {
		return date, nil, fmt.Errorf("the year %d has more than four digits, which ties cannot show", year)
	}
	date.Year = year
	if d.Month != "" {
		if date.Month, err = strconv.Atoi(string(d.Month)); err != nil || date.Month < 1 || date.Month > 12 {
			return date, nil, fmt.Errorf("the month %q is not 1 to 12", d.Month)
		}
		if d.Day != "" {
			if date.Day, err = strconv.Atoi(string(d.Day)); err != nil {
				return date, nil, fmt.Errorf("the day %q is not a number", d.Day)
			}
		}
	}
	if _, err := timeline.ParseDate(date.String()); err != nil {
		return date, nil, err
	}
	if d.Hour != "" || d.Minute != "" || d.Second != "" || d.Millisecond != "" {
		lost = append(lost, "its time of day")
	}
	return date, lost, nil
}

// htmlText converts a slide's HTML text to Markdown paragraphs.
func htmlText(s string) string {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	md, err := htmltomarkdown.ConvertString(s)
	if err != nil || strings.TrimSpace(md) == "" {
		return string(textToMarkdown(s))
	}
	return strings.TrimSpace(md)
}

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
			case e.String() < date.String():
				out.lost = append(out.lost, what+": it ends before it begins; the end left out")
			case e != date:
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
