package timeline

import (
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

var (
	slugPattern  = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	colorPattern = regexp.MustCompile(`^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$`)
)

// validator checks the rules of the format on a decoded file and builds the
// timeline from it.
type validator struct {
	*loader
	file    string
	indexes map[*Source]*index
	// wrong holds the values reported wrong, so that nothing else is said
	// of them: what follows from a mistake is not another mistake.
	wrong map[*node]bool
	// broken is where each top-level key that is missing or not a list
	// was reported; said holds the messages said once for all events.
	broken map[string]*node
	said   map[string]bool
	// empty holds, for each mapping, the keys written with no value, which
	// are reported as such, not as missing.
	empty map[*node]map[string]bool
}

// once reports a problem at n the first time it is said, for what follows
// for every event from one mistake elsewhere.
func (v *validator) once(n *node, msg string) {
	if v.said == nil {
		v.said = map[string]bool{}
	}
	if !v.said[msg] {
		v.said[msg] = true
		v.problem(n, "", "%s", msg)
	}
}

func (v *validator) problem(n *node, event, format string, args ...any) {
	v.problems = append(v.problems, problemAt(v.file, n, event, format, args...))
	if n != nil {
		if v.wrong == nil {
			v.wrong = map[*node]bool{}
		}
		v.wrong[n] = true
	}
}

// text returns n's text, trimmed, and checks its length. It returns "" for a
// missing value, reporting it when required.
func (v *validator) text(n, parent *node, event, key string, required bool, limit int) string {
	if n == nil {
		if required && !v.empty[parent][key] {
			v.problem(parent, event, "%q is missing; add it", key)
		}
		return ""
	}
	if n.kind != scalarNode {
		v.problem(n, event, "%q must be text, not %s", key, n.describe())
		return ""
	}
	s := strings.TrimSpace(n.value)
	if s == "" && required {
		v.problem(n, event, "%q is empty; write it out", key)
	}
	if c := utf8.RuneCountInString(s); c > limit {
		v.problem(n, event, "%q is %d characters long, more than the %d allowed; shorten it", key, c, limit)
	}
	return s
}

func (v *validator) slug(n, parent *node, event, key string) string {
	s := v.text(n, parent, event, key, true, MaxLabel)
	if s != "" && !slugPattern.MatchString(s) {
		v.problem(n, event, "%q is not a valid %s: use lower-case letters, digits and single hyphens, such as \"khan-visits-moscow\"", s, key)
	}
	return s
}

func (v *validator) url(n, parent *node, event string) string {
	s := v.text(n, parent, event, "url", false, MaxURL)
	if s == "" {
		return ""
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		v.problem(n, event, "url %q is not a web address; write a full address starting with https:// or http://", s)
		return ""
	}
	return s
}

func (v *validator) date(n, parent *node, event, key string, required bool) Date {
	s := v.text(n, parent, event, key, required, MaxLabel)
	if s == "" {
		return Date{}
	}
	d, err := ParseDate(s)
	if err != nil {
		v.problem(n, event, "%s %v", key, err)
	}
	return d
}

func (v *validator) timeline(raw *rawFile) *Timeline {
	t := &Timeline{}
	v.broken = raw.broken
	root := &node{line: 1, col: 1}
	t.Title = v.text(raw.title, root, "", "title", raw.title != nil, MaxLabel)
	t.Description = v.text(raw.description, root, "", "description", false, MaxText)
	switch {
	case len(raw.sources) > MaxSources:
		v.problem(raw.sources[MaxSources].at, "", "there are more than %d sources; ties reads at most that many", MaxSources)
	case len(raw.themes) > MaxThemes:
		v.problem(raw.themes[MaxThemes].at, "", "there are more than %d themes; group them into fewer", MaxThemes)
	case len(raw.events) > MaxEvents:
		v.problem(raw.events[MaxEvents].at, "", "there are more than %d events; split the timeline into several", MaxEvents)
	}
	if len(v.problems) > 0 && (len(raw.sources) > MaxSources || len(raw.themes) > MaxThemes || len(raw.events) > MaxEvents) {
		return nil
	}
	v.indexes = map[*Source]*index{}
	seen := map[string]*node{}
	for _, r := range raw.sources {
		s := v.source(r)
		if first, ok := seen[s.ID]; ok && s.ID != "" {
			v.problem(r.id, "", "source id %q is used twice (first at line %d); give each source its own id", s.ID, first.line)
		}
		seen[s.ID] = r.id
		t.Sources = append(t.Sources, s)
	}
	seen = map[string]*node{}
	for _, r := range raw.themes {
		th := &Theme{
			ID:    v.slug(r.id, r.at, "", "theme id"),
			Label: v.text(r.label, r.at, "", "label", true, MaxLabel),
			Color: v.text(r.color, r.at, "", "color", false, MaxLabel),
		}
		if th.Color != "" && !colorPattern.MatchString(th.Color) {
			v.problem(r.color, "", "color %q is not a colour: write #rgb or #rrggbb in quotes, such as \"#3b6ea5\"", th.Color)
		}
		if first, ok := seen[th.ID]; ok && th.ID != "" {
			v.problem(r.id, "", "theme id %q is used twice (first at line %d); give each theme its own id", th.ID, first.line)
		}
		seen[th.ID] = r.id
		t.Themes = append(t.Themes, th)
	}
	if raw.events != nil && len(raw.events) == 0 {
		v.problem(root, "", "the timeline has no events; add at least one under \"events\"")
	}
	seen = map[string]*node{}
	for _, r := range raw.events {
		e := v.event(t, r)
		if first, ok := seen[e.ID]; ok && e.ID != "" {
			v.problem(r.id, e.ID, "event id %q is used twice (first at line %d); give each event its own id", e.ID, first.line)
		}
		seen[e.ID] = r.id
		t.Events = append(t.Events, e)
	}
	slices.SortStableFunc(t.Events, func(a, b *Event) int { return a.Date.Compare(b.Date) })
	return t
}

func (v *validator) source(r *rawSource) *Source {
	s := &Source{
		ID:        v.slug(r.id, r.at, "", "source id"),
		File:      v.text(r.file, r.at, "", "file", true, MaxURL),
		Title:     v.text(r.title, r.at, "", "title", true, MaxLabel),
		Publisher: v.text(r.publisher, r.at, "", "publisher", false, MaxLabel),
		URL:       v.url(r.url, r.at, ""),
		Published: v.date(r.published, r.at, "", "published", false),
		Author:    v.text(r.author, r.at, "", "author", false, MaxLabel),
	}
	if s.File == "" {
		return s
	}
	name := path.Clean(path.Join(path.Dir(EventFile), s.File))
	if !fs.ValidPath(name) || path.IsAbs(s.File) || strings.Contains(s.File, `\`) {
		v.problem(r.file, "", "file %q must be a path inside the folder of %s, written with / such as \"sources/article.md\"", s.File, EventFile)
		return s
	}
	src, p := readText(v.fsys, name, v.shown(name), MaxSourceSize)
	if p != nil {
		// The problem belongs to the line that names the file.
		p.Message = fmt.Sprintf("source %q, file %q: %s", s.ID, s.File, p.Message)
		if p.Line == 0 {
			p.File, p.Line, p.Column = v.file, r.file.line, r.file.col
		}
		v.problems = append(v.problems, p)
		return s
	}
	s.Document = ParseMarkdown(src)
	if len(s.Document.Paragraphs) == 0 {
		v.problem(r.file, "", "source %q, file %q, has no paragraphs; a source is Markdown text with paragraphs to quote", s.ID, s.File)
		s.Document = nil
		return s
	}
	v.indexes[s] = newIndex(s.Document)
	return s
}

// span reports at the node of end a span whose end does not come after its
// date (SpanProblem).
func (v *validator) span(at *node, id string, date, end Date) {
	if msg := SpanProblem(date, end); msg != "" {
		v.problem(at, id, "%s", msg)
	}
}

func (v *validator) event(t *Timeline, r *rawEvent) *Event {
	id := eventID(r.at)
	e := &Event{}
	e.ID = v.slug(r.id, r.at, id, "event id")
	e.Title = v.text(r.title, r.at, id, "title", true, MaxTitle)
	e.Label = v.text(r.label, r.at, id, "label", false, MaxChartLabel)
	e.Date = v.date(r.date, r.at, id, "date", true)
	e.End = v.date(r.end, r.at, id, "end", false)
	if !e.Date.IsZero() && !e.End.IsZero() {
		v.span(r.end, id, e.Date, e.End)
	}
	e.Summary = v.text(r.summary, r.at, id, "summary", false, MaxText)
	e.Note = v.text(r.note, r.at, id, "note", false, MaxText)
	for _, a := range r.actors {
		name := v.text(a, r.at, id, "actor", true, MaxLabel)
		if slices.Contains(e.Actors, name) {
			v.problem(a, id, "actor %q is listed twice; list each actor once", name)
			continue
		}
		if name != "" {
			e.Actors = append(e.Actors, name)
		}
	}
	if themeID := v.text(r.theme, r.at, id, "theme", true, MaxLabel); themeID != "" {
		switch e.Theme = t.Theme(themeID); {
		case e.Theme != nil:
		case len(t.Themes) == 0 && v.broken["themes"] != nil:
			v.once(v.broken["themes"], `the events' themes are checked once "themes" is fixed`)
		default:
			v.problem(r.theme, id, "theme %q is not one of the themes%s", themeID, oneOf(themeID, themeIDs(t)))
		}
	}
	e.Source = v.eventSource(t, r, id)
	v.passages(e, r, id)
	if c := r.dateSource; c != nil && c.at.kind == mapNode {
		e.DateSource = &Citation{Title: v.text(c.title, c.at, id, "title", true, MaxLabel), URL: v.url(c.url, c.at, id)}
	}
	v.provenance(e, r, id)
	return e
}

// eventSource returns the source an event quotes: the one it names, or the
// only one there is.
func (v *validator) eventSource(t *Timeline, r *rawEvent, id string) *Source {
	sid := v.text(r.source, r.at, id, "source", false, MaxLabel)
	if len(t.Sources) == 0 && v.broken["sources"] != nil {
		v.once(v.broken["sources"], `the events' quotes are checked once "sources" is fixed`)
		return nil
	}
	if sid == "" {
		if len(t.Sources) != 1 {
			if len(t.Sources) > 1 {
				v.problem(r.at, id, "the event does not say which source it quotes; add source: with one of %s", strings.Join(sourceIDs(t), ", "))
			}
			return nil
		}
		return t.Sources[0]
	}
	s := t.Source(sid)
	if s == nil {
		v.problem(r.source, id, "source %q is not one of the sources%s", sid, oneOf(sid, sourceIDs(t)))
	}
	return s
}

// passages resolves the event's quotes in its source.
func (v *validator) passages(e *Event, r *rawEvent, id string) {
	if r.quoteAt == nil {
		if !v.empty[r.at]["quote"] {
			v.problem(r.at, id, "%q is missing; add the words of the source the event rests on", "quote")
		}
		return
	}
	if len(r.quotes) == 0 && r.quoteAt.kind == seqNode {
		v.problem(r.quoteAt, id, "quote is an empty list; add at least one quote from the source")
		return
	}
	x := v.indexes[e.Source]
	for _, q := range r.quotes {
		text := v.text(q, r.at, id, "quote", true, MaxQuote)
		if text == "" || x == nil {
			continue // the source's own problem is reported already
		}
		bl, start, end, err := x.find(text)
		if err != nil {
			v.problem(q, id, "%v (source %q)", err, e.Source.ID)
			continue
		}
		e.Passages = append(e.Passages, &Passage{Event: e, Quote: text, Source: e.Source, Paragraph: bl, Start: start, End: end})
	}
	if r.dateQuote == nil || x == nil {
		return
	}
	text := v.text(r.dateQuote, r.at, id, "date_quote", false, MaxQuote)
	if text == "" {
		return
	}
	bl, start, end, err := x.find(text)
	if err != nil {
		v.problem(r.dateQuote, id, "date_quote: %v (source %q)", err, e.Source.ID)
		return
	}
	e.DateQuote = &Passage{Event: e, Quote: text, Source: e.Source, Paragraph: bl, Start: start, End: end, ForDate: true}
}

// provenance decides whether the passages state the event's date, and
// requires a date_source when they do not.
func (v *validator) provenance(e *Event, r *rawEvent, id string) {
	if e.Date.IsZero() || len(e.Passages) == 0 || len(e.Passages) != len(r.quotes) || v.wrong[r.date] || v.wrong[r.end] ||
		r.dateQuote != nil && e.DateQuote == nil {
		return // nothing to decide on, or the reason is reported already
	}
	texts := make([]string, len(e.Passages))
	for i, p := range e.Passages {
		texts[i] = p.Text()
	}
	if dq := e.DateQuote; dq != nil {
		// The date quote states the date alone, or with a quote: "On 5
		// November" in the quote and "in the autumn of 1956" in the date
		// quote state 1956-11-05 together.
		for i := range texts {
			texts[i] += " … " + dq.Text()
		}
		texts = append(texts, dq.Text())
	}
	e.DateStated = stated(texts, e.Date) && (e.End.IsZero() || stated(texts, e.End))
	if e.DateStated || r.dateSource != nil {
		return
	}
	key, d, at, other := "date", e.Date, r.date, e.End
	if !e.End.IsZero() && stated(texts, e.Date) {
		key, d, at, other = "end", e.End, r.end, e.Date
	}
	quotes, states, doesNot, speaks := "the quote", "states", "does not state", "speaks"
	if len(texts) > 1 {
		quotes, states, doesNot, speaks = "the quotes", "state", "do not state", "speak"
	}
	if e.DateQuote != nil {
		quotes = strings.Replace(quotes, "the quotes", "the quotes and date_quote", 1)
		if len(e.Passages) == 1 {
			quotes = "the quote and date_quote"
		}
	}
	if said := contradicted(texts, key, d, other); len(said) > 0 {
		// A date that the event's own words contradict is more likely a slip
		// than a date from elsewhere.
		written, meant := make([]string, len(said)), make([]string, len(said))
		for i, s := range said {
			written[i] = s.Words()
			s.About = d.About
			meant[i] = key + ": " + s.String()
		}
		plain := d
		plain.About = false
		v.problem(at, id, "%s %s %s, not %s; did you mean %s? If %s %s is right and %s %s of another %s, add date_source: with the title (and url) of where it comes from",
			quotes, states, orList(written, "and"), plain.Words(), orList(meant, "or"), key, d, quotes, speaks, d.Precision())
		return
	}
	v.problem(at, id, "%s %s the %s %s (it would need %s); add date_source: with the title (and url) of where the date comes from, or date_quote: with words of the source that state it",
		quotes, doesNot, key, d, statedWords(d))
}

// orList joins words as "a", "a and b" or "a, b and c", with and or "or".
func orList(words []string, and string) string {
	if len(words) == 1 {
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " " + and + " " + words[len(words)-1]
}

func oneOf(word string, known []string) string {
	if near := closest(word, known); near != "" {
		return fmt.Sprintf("; did you mean %q?", near)
	}
	if len(known) == 0 {
		return ""
	}
	return "; use one of " + strings.Join(known, ", ")
}

func themeIDs(t *Timeline) []string {
	ids := make([]string, len(t.Themes))
	for i, th := range t.Themes {
		ids[i] = th.ID
	}
	return ids
}

func sourceIDs(t *Timeline) []string {
	ids := make([]string, len(t.Sources))
	for i, s := range t.Sources {
		ids[i] = s.ID
	}
	return ids
}
