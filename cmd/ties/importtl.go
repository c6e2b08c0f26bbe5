package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

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
