package charts

import (
	"encoding/json"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"ties/data"
	"ties/timeline"
)

type testLinks struct{}

func (testLinks) Events(f url.Values) string { return "/events?" + f.Encode() }

func load(tb testing.TB) *timeline.Timeline {
	tb.Helper()
	t, err := timeline.Load(data.FS, "data")
	if err != nil {
		tb.Fatal(err)
	}
	return t
}

// roundTrip returns an option as the browser receives it.
func roundTrip(tb testing.TB, o Option) map[string]any {
	tb.Helper()
	b, err := json.Marshal(o)
	if err != nil {
		tb.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		tb.Fatal(err)
	}
	return m
}

func items(series any) []map[string]any {
	var out []map[string]any
	for _, s := range series.([]any) {
		data, _ := s.(map[string]any)["data"].([]any)
		for _, d := range data {
			out = append(out, d.(map[string]any))
		}
	}
	return out
}

func TestChronology(t *testing.T) {
	tl := load(t)
	o := roundTrip(t, Chronology(tl))
	marks := items(o["series"])
	if got, want := len(marks), len(tl.Events); got != want {
		t.Fatalf("%d marks, want one per event, %d", got, want)
	}
	byID := map[string]map[string]any{}
	for _, m := range marks {
		byID[m["events"].([]any)[0].(string)] = m
	}
	for _, e := range tl.Events {
		m := byID[e.ID]
		if m == nil {
			t.Errorf("no mark for %s", e.ID)
			continue
		}
		v := m["value"].([]any)
		if got, want := int64(v[3].(float64)), e.Begins().UnixMilli(); got != want {
			t.Errorf("%s: starts at %d, want %d", e.ID, got, want)
		}
		if got, want := int64(v[4].(float64)), e.Ends().UnixMilli(); got != want {
			t.Errorf("%s: ends at %d, want %d", e.ID, got, want)
		}
		if got, want := m["precision"], e.Date.Precision().String(); got != want {
			t.Errorf("%s: precision %v, want %v", e.ID, got, want)
		}
	}
	// A year stays a year: the 2010 event covers all of 2010.
	v := byID["india-diversifies-arms-imports"]["value"].([]any)
	start, end := time.UnixMilli(int64(v[3].(float64))).UTC(), time.UnixMilli(int64(v[4].(float64))).UTC()
	if start.Format(time.DateOnly) != "2010-01-01" || end.Format(time.DateOnly) != "2011-01-01" {
		t.Errorf("the 2010 event spans %s to %s, want the year 2010", start, end)
	}
	if got := byID["india-diversifies-arms-imports"]["precision"]; got != "year" {
		t.Errorf("precision %v, want year", got)
	}
}

// The axis keeps time in order, gives the built-in timeline's busy months
// (from August 2021) room of their own, and stays one even scale for events
// spread evenly.
func TestAxis(t *testing.T) {
	tl := load(t)
	ax := AxisFor(tl.Events)
	if len(ax) != 2 {
		t.Fatalf("the built-in timeline's axis has %d segments, want the quiet years and the busy months: %+v", len(ax), ax)
	}
	busy := ax[1]
	if from := time.UnixMilli(busy.From).UTC(); from.Year() != 2021 || from.Month() != time.August {
		t.Errorf("the busy stretch starts %s, want in August 2021", from)
	}
	if share := (busy.Until - busy.At) / AxisLength; share < minRoom || share > maxRoom {
		t.Errorf("the busy stretch has %.2f of the axis, want %.2f to %.2f", share, minRoom, maxRoom)
	}
	for i := 1; i < len(ax); i++ {
		if ax[i].From != ax[i-1].To || ax[i].At != ax[i-1].Until {
			t.Errorf("segments %d and %d do not meet: %+v", i-1, i, ax)
		}
	}
	if ax[0].At != 0 || ax[len(ax)-1].Until != AxisLength {
		t.Errorf("the axis runs from %v to %v, want 0 to %d", ax[0].At, ax[len(ax)-1].Until, AxisLength)
	}
	last := -1.0
	for ms := ax[0].From; ms <= ax[len(ax)-1].To; ms += 86400000 * 7 {
		u := ax.At(ms)
		if u <= last || u < 0 || u > AxisLength {
			t.Fatalf("%s lies at %v on the axis, after a week before it at %v", time.UnixMilli(ms).UTC(), u, last)
		}
		last = u
	}
	var even []*timeline.Event
	for y := 1900; y < 2000; y++ {
		even = append(even, &timeline.Event{Date: timeline.Date{Year: y, Month: 6, Day: 1}})
	}
	if ax := AxisFor(even); len(ax) != 1 {
		t.Errorf("events a year apart for a century get %d segments, want one even scale: %+v", len(ax), ax)
	}
}

func TestPlayer(t *testing.T) {
	tl := load(t)
	o := roundTrip(t, Player(tl))
	base := o["baseOption"].(map[string]any)
	years := base["timeline"].(map[string]any)["data"].([]any)
	frames := o["options"].([]any)
	if len(years) != len(frames) || len(years) == 0 {
		t.Fatalf("%d years and %d frames", len(years), len(frames))
	}
	for i, y := range years {
		f := frames[i].(map[string]any)
		if got := f["title"].(map[string]any)["text"]; got != y {
			t.Errorf("frame %d is titled %v, want %v", i, got, y)
		}
		want := 0
		for _, e := range tl.Events {
			if from, to := e.Years(); from <= atoi(y.(string)) && atoi(y.(string)) <= to {
				want++
			}
		}
		if got := len(items(f["series"])); got != want {
			t.Errorf("%v: %d events, want %d", y, got, want)
		}
		for _, m := range items(f["series"]) {
			if e := eventOf(tl, m); e == nil || m["name"] != e.ChartLabel() {
				t.Errorf("%v: a mark is named %q, not its event's label", y, m["name"])
			}
		}
		for _, s := range f["series"].([]any) {
			if s.(map[string]any)["data"] == nil {
				t.Errorf("%v: a series has null data, which ECharts would fill from another frame", y)
			}
		}
	}
	if strings.Join(toStrings(years), " ") != "2001 2004 2009 2010 2012 2013 2014 2015 2016 2017 2020 2021 2022" {
		t.Errorf("years = %v", years)
	}
}

func TestPerYear(t *testing.T) {
	tl := load(t)
	o := roundTrip(t, PerYear(tl, testLinks{}))
	total, want := 0, 0
	for _, b := range items(o["series"]) {
		n := 0
		switch v := b["value"].(type) {
		case float64:
			n = int(v)
			if n == 0 {
				t.Errorf("bar %v is 0, not empty (\"-\"): ECharts would draw it", b["name"])
			}
		case string:
			if v != "-" {
				t.Errorf("bar %v has the value %q", b["name"], v)
			}
		default:
			t.Errorf("bar %v has the value %v", b["name"], v)
		}
		total += n
		if n > 0 && !strings.HasPrefix(b["url"].(string), "/events?from="+b["name"].(string)+"&theme=") {
			t.Errorf("bar %v links to %v", b["name"], b["url"])
		}
		if events, _ := b["events"].([]any); len(events) != n {
			t.Errorf("bar %v counts %d but lists %d events", b["name"], n, len(events))
		}
	}
	for _, e := range tl.Events {
		for y := e.Date.Year; y <= max(e.Date.Year, e.End.Year); y++ {
			want++
		}
	}
	if total != want {
		t.Errorf("bars add up to %d, want %d (each event in each of its years)", total, want)
	}
}

func TestActors(t *testing.T) {
	tl := load(t)
	o := roundTrip(t, Actors(tl))
	s := o["series"].([]any)[0].(map[string]any)
	nodes := s["data"].([]any)
	if got, want := len(nodes), len(tl.Actors()); got != want {
		t.Fatalf("%d nodes, want %d", got, want)
	}
	for i, a := range tl.Actors() {
		n := nodes[i].(map[string]any)
		if n["name"] != a.Name || int(n["value"].(float64)) != len(a.Events) || n["symbolSize"].(float64) != NodeSize(len(a.Events)) {
			t.Errorf("node %v, want %s with %d events", n, a.Name, len(a.Events))
		}
		if n["filter"].(map[string]any)["actor"] != a.Name {
			t.Errorf("node %s filters by %v", a.Name, n["filter"])
		}
	}
	for _, l := range s["links"].([]any) {
		l := l.(map[string]any)
		if int(l["value"].(float64)) != len(l["events"].([]any)) || l["source"] == l["target"] {
			t.Errorf("bad link %v", l)
		}
	}
	if s["force"].(map[string]any)["layoutAnimation"] != false {
		t.Error("the network is laid out while it is drawn")
	}
	if got := s["force"].(map[string]any)["initLayout"]; got != "circular" {
		t.Errorf("the layout starts from %v, not from a circle: the network would differ from visit to visit", got)
	}
	if got := s["zoom"]; got != actorsZoom {
		t.Errorf("the network is drawn at a zoom of %v, want %v", got, actorsZoom)
	}
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

func toStrings(xs []any) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = x.(string)
	}
	return out
}

// The overview counts every event once, in at most OverviewBuckets
// stretches per lane, each no busier than the busiest it names.
func TestChronologyOverview(t *testing.T) {
	tl := load(t)
	o := roundTrip(t, ChronologyOverview(tl))
	total, most := 0, 0
	for _, s := range o["series"].([]any) {
		for _, d := range s.(map[string]any)["data"].([]any) {
			lane := d.(map[string]any)
			buckets := lane["buckets"].([]any)
			if len(buckets) > OverviewBuckets {
				t.Errorf("a lane has %d stretches, more than %d", len(buckets), OverviewBuckets)
			}
			for _, b := range buckets {
				n := int(b.([]any)[2].(float64))
				total += n
				most = max(most, n)
				if n > int(lane["most"].(float64)) {
					t.Errorf("a stretch holds %d events, more than the busiest, %v", n, lane["most"])
				}
			}
		}
	}
	if total != len(tl.Events) {
		t.Errorf("the overview counts %d events, want %d", total, len(tl.Events))
	}
}

// eventOf is the event a chart item is for, by the first id it carries.
func eventOf(tl *timeline.Timeline, item map[string]any) *timeline.Event {
	ids, _ := item["events"].([]any)
	if len(ids) == 0 {
		return nil
	}
	id, _ := ids[0].(string)
	return tl.Event(id)
}

// The axis holds a timeline of one event, or of events on one day, in one
// even segment; a busy stretch at either end gets its room with some to
// spare; and a long event among busy ones does not stretch their segment.
func TestAxisEdges(t *testing.T) {
	day := func(y, m, d int) *timeline.Event {
		return &timeline.Event{Date: timeline.Date{Year: y, Month: m, Day: d}}
	}
	inAxis := func(ax Axis, events []*timeline.Event) {
		t.Helper()
		for _, e := range events {
			if u := ax.At(e.Begins().UnixMilli()); u < 0 || u > AxisLength {
				t.Errorf("%s lies at %v, off the axis %+v", e.Date, u, ax)
			}
			if u := ax.At(e.Ends().UnixMilli()); u < 0 || u > AxisLength {
				t.Errorf("the end of %s lies at %v, off the axis %+v", e.Date, u, ax)
			}
		}
	}
	one := []*timeline.Event{day(2020, 5, 1)}
	if ax := AxisFor(one); len(ax) != 1 {
		t.Errorf("one event: %d segments", len(ax))
	} else {
		inAxis(ax, one)
	}
	same := []*timeline.Event{day(2020, 5, 1), day(2020, 5, 1), day(2020, 5, 1), day(2020, 5, 1)}
	if ax := AxisFor(same); len(ax) != 1 {
		t.Errorf("events on one day: %d segments", len(ax))
	} else {
		inAxis(ax, same)
	}
	// Quiet years, then a busy week at the end; and the other way round.
	var late, early []*timeline.Event
	for y := 1990; y < 2020; y += 3 {
		late = append(late, day(y, 1, 1))
		early = append(early, day(y+40, 1, 1))
	}
	for d := 1; d <= 7; d++ {
		late = append(late, day(2020, 2, d))
		early = append(early, day(2025, 2, d))
	}
	for name, events := range map[string][]*timeline.Event{"at the end": late, "at the start": early} {
		ax := AxisFor(events)
		if len(ax) != 2 {
			t.Errorf("a busy week %s: %d segments, want the week and the quiet years: %+v", name, len(ax), ax)
			continue
		}
		inAxis(ax, events)
	}
	// A year-long event among the busy week does not make the week a year.
	long := append(slices.Clone(late), &timeline.Event{Date: timeline.Date{Year: 2020}})
	ax := AxisFor(long)
	for _, s := range ax {
		if s.From <= day(2020, 2, 4).Begins().UnixMilli() && day(2020, 2, 4).Begins().UnixMilli() < s.To {
			if days := (s.To - s.From) / 86400000; days > 60 {
				t.Errorf("with a year-long event among it, the busy week's segment is %d days long", days)
			}
		}
	}
}

// The table of events per year counts what the chart draws: every year
// that has events, each event once in each year it spans.
func TestYearCountsMatchTheChart(t *testing.T) {
	tl := load(t)
	counts := YearCounts(tl)
	bars := map[string]float64{}
	for _, b := range items(roundTrip(t, PerYear(tl, testLinks{}))["series"]) {
		if n, ok := b["value"].(float64); ok {
			bars[b["name"].(string)] += n
		}
	}
	total := 0
	for _, c := range counts {
		sum := 0
		for _, n := range c.ByTheme {
			sum += n
		}
		if sum != c.Total || float64(c.Total) != bars[strconv.Itoa(c.Year)] || c.Total == 0 {
			t.Errorf("%d: %v, total %d; the chart's bars sum to %v", c.Year, c.ByTheme, c.Total, bars[strconv.Itoa(c.Year)])
		}
		total += c.Total
	}
	if len(counts) == 0 || total < len(tl.Events) {
		t.Errorf("the table counts %d events in %d years, want every one of %d", total, len(counts), len(tl.Events))
	}
}
