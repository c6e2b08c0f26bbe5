package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"

	"ties/timeline"
	"ties/timeline/charts"
)

// get serves one request through the real router.
func get(tb testing.TB, s *Server, method, target string) *http.Response {
	tb.Helper()
	w := httptest.NewRecorder()
	s.ServeHTTP(w, httptest.NewRequest(method, target, nil))
	return w.Result()
}

// mustDoc serves a page and parses it, failing unless it has the wanted status.
func mustDoc(tb testing.TB, s *Server, target string, status int) *goquery.Document {
	tb.Helper()
	resp := get(tb, s, "GET", target)
	if resp.StatusCode != status {
		tb.Fatalf("GET %s = %d, want %d", target, resp.StatusCode, status)
	}
	if got, want := resp.Header.Get("Content-Type"), "text/html; charset=utf-8"; got != want {
		tb.Errorf("GET %s: Content-Type %q, want %q", target, got, want)
	}
	doc, err := goquery.NewDocumentFromReader(resp.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return doc
}

func TestHome(t *testing.T) {
	tl := defaultTimeline(t)
	s := NewServer(tl)
	doc := mustDoc(t, s, "/", http.StatusOK)
	if got, want := doc.Find("h1").Text(), tl.Title; got != want {
		t.Errorf("h1 = %q, want %q", got, want)
	}
	var kinds []string
	doc.Find("[data-chart]").Each(func(_ int, el *goquery.Selection) {
		kind, _ := el.Attr("data-chart")
		kinds = append(kinds, kind)
		src, _ := el.Attr("data-option")
		var option map[string]any
		if id, inline := strings.CutPrefix(src, "#"); inline {
			// The first chart carries its small option in the page.
			if err := json.Unmarshal([]byte(doc.Find("script#"+id).Text()), &option); err != nil || len(kinds) != 1 {
				t.Errorf("chart %s: its option in the page is not JSON (%v), or it is not the first chart", kind, err)
			}
		} else {
			resp := get(t, s, "GET", src)
			if err := json.NewDecoder(resp.Body).Decode(&option); resp.StatusCode != http.StatusOK || err != nil {
				t.Errorf("chart %s: its option at %s is not JSON: %d %v", kind, src, resp.StatusCode, err)
			}
			if got := resp.Header.Get("Cache-Control"); got != immutable {
				t.Errorf("chart %s: its option may be kept %q, want %q: its name changes with it", kind, got, immutable)
			}
		}
		if len(option) == 0 {
			t.Errorf("chart %s has no option", kind)
		}
		if _, ok := el.Attr("aria-describedby"); !ok {
			t.Errorf("chart %s has no description for screen readers", kind)
		}
	})
	if got, want := strings.Join(kinds, " "), "chronology player per-year actors"; got != want {
		t.Errorf("charts = %q, want %q", got, want)
	}
	links := doc.Find(".event-list li a")
	if got, want := links.Length(), len(tl.Events); got != want {
		t.Fatalf("the list has %d events, want %d", got, want)
	}
	if href, _ := links.First().Attr("href"); href != "/events/"+tl.Events[0].ID {
		t.Errorf("the first event links to %q, want /events/%s", href, tl.Events[0].ID)
	}
	if doc.Find(`form[data-filters] select[name="theme"] option`).Length() != len(tl.Themes)+1 {
		t.Errorf("the theme filter does not offer every theme")
	}
}

func TestEventsTable(t *testing.T) {
	tl := defaultTimeline(t)
	doc := mustDoc(t, NewServer(tl), "/events", http.StatusOK)
	rows := doc.Find("table.events tbody tr")
	if got, want := rows.Length(), len(tl.Events); got != want {
		t.Fatalf("%d rows, want %d", got, want)
	}
	first := rows.First().Find("td")
	e := tl.Events[0]
	if got, want := first.Eq(0).Text(), e.DateWords(); got != want {
		t.Errorf("first date = %q, want %q", got, want)
	}
	if got, want := first.Eq(2).Text(), e.Theme.Label; got != want {
		t.Errorf("first theme = %q, want %q", got, want)
	}
	if got, want := first.Eq(3).Text(), strings.Join(e.Actors, ", "); got != want {
		t.Errorf("first actors = %q, want %q", got, want)
	}
	if sort, _ := doc.Find("th[aria-sort]").Attr("aria-sort"); sort != "ascending" {
		t.Errorf("the date column is not marked as sorted")
	}
}

func TestEventPage(t *testing.T) {
	tl := defaultTimeline(t)
	s := NewServer(tl)
	for _, tt := range []struct {
		id, date, provenance, prev, next, article, original string
		marks                                               []string
	}{
		{
			id: "khan-visits-moscow", date: "23–24 February 2022",
			provenance: "Dated from The News / Geo: PM Imran to embark on two-day maiden visit to Russia on Feb 23 (21 Feb 2022)",
			prev:       "/events/first-western-sanctions", next: "/events/russia-invades-ukraine",
			article:  "/sources/diplomat-2022#event-khan-visits-moscow",
			original: "https://thediplomat.com/2022/03/what-is-driving-pakistans-outreach-to-russia/#:~:text=Pakistani%20Prime%20Minister%20Imran%20Khan%E2%80%99s,crisis%20came%20under%20great%20scrutiny.",
			marks:    []string{"Pakistani Prime Minister Imran Khan’s visit to Moscow to meet Russian President Vladimir Putin amid the Ukraine crisis came under great scrutiny.", "Many political analysts questioned the timing of the visit"},
		},
		{
			id: "india-diversifies-arms-imports", date: "about 2010", provenance: "Date stated in the article",
			prev: "/events/iran-pakistan-pipeline-framework", next: "/events/khan-waziristan-peace-march",
			article:  "/sources/diplomat-2022#event-india-diversifies-arms-imports",
			original: "https://thediplomat.com/2022/03/what-is-driving-pakistans-outreach-to-russia/#:~:text=But%20since%20at%20least%202010%2C,out%20to%20other%20defense%20markets.",
			marks:    []string{"But since at least 2010, when New Delhi diversified its foreign arms acquisitions and reduced Russia’s relative share in Indian defense imports, Moscow has tried reaching out to other defense markets."},
		},
	} {
		doc := mustDoc(t, s, "/events/"+tt.id, http.StatusOK)
		check := func(what, got, want string) {
			t.Helper()
			if got != want {
				t.Errorf("%s: %s = %q, want %q", tt.id, what, got, want)
			}
		}
		check("date", doc.Find(".event-date time").Text(), tt.date)
		check("provenance", strings.Join(strings.Fields(doc.Find(".provenance").Text()), " "), tt.provenance)
		prev, _ := doc.Find(`a[rel="prev"]`).Attr("href")
		next, _ := doc.Find(`a[rel="next"]`).Attr("href")
		check("previous", prev, tt.prev)
		check("next", next, tt.next)
		article, _ := doc.Find(".passage-links a").First().Attr("href")
		original, _ := doc.Find(".passage-links a").Eq(1).Attr("href")
		check("article link", article, tt.article)
		check("original link", original, tt.original)
		var marks []string
		doc.Find(".quoted mark").Each(func(_ int, m *goquery.Selection) { marks = append(marks, m.Text()) })
		check("marks", strings.Join(marks, "|"), strings.Join(tt.marks, "|"))
		if doc.Find(".context .before, .context .after").Length() == 0 {
			t.Errorf("%s: no paragraphs around the passage", tt.id)
		}
	}
}

func TestSourcePage(t *testing.T) {
	tl := defaultTimeline(t)
	doc := mustDoc(t, NewServer(tl), "/sources/diplomat-2022", http.StatusOK)
	if got, want := doc.Find("article.source h1").Text(), tl.Sources[0].Title; got != want {
		t.Errorf("h1 = %q, want %q", got, want)
	}
	for _, e := range tl.Events {
		m := doc.Find("mark#event-" + e.ID)
		if m.Length() != 1 {
			t.Errorf("no mark begins the passage of %s", e.ID)
			continue
		}
		if events, _ := m.Attr("data-events"); !strings.Contains(" "+events+" ", " "+e.ID+" ") {
			t.Errorf("the mark of %s is for %q", e.ID, events)
		}
		if doc.Find(`.quoted-by a[href="/events/`+e.ID+`"]`).Length() == 0 {
			t.Errorf("no link from the article to %s", e.ID)
		}
	}
	if got, want := doc.Find("article.source p").Length(), len(tl.Sources[0].Document.Paragraphs)+1; got != want {
		t.Errorf("%d paragraphs, want every paragraph of the source and the meta line, %d", got, want)
	}
}

func TestAPIEvents(t *testing.T) {
	tl := defaultTimeline(t)
	resp := get(t, NewServer(tl), "GET", "/api/events.json")
	if got, want := resp.Header.Get("Content-Type"), "application/json; charset=utf-8"; got != want {
		t.Errorf("Content-Type %q, want %q", got, want)
	}
	var out apiTimeline
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatal(err)
	}
	if got, want := len(out.Events), len(tl.Events); got != want {
		t.Fatalf("%d events, want %d", got, want)
	}
	for _, e := range out.Events {
		if len(e.Passages) == 0 {
			t.Errorf("%s has no passages", e.ID)
		}
		if !e.DateStated && e.DateSource == nil {
			t.Errorf("%s: neither stated nor cited", e.ID)
		}
		for _, p := range e.Passages {
			para := []rune(tl.Source(p.Source).Document.Paragraphs[paragraphIndex(t, p.Paragraph)].Text)
			if got := string(para[p.Start:p.End]); got != p.Text {
				t.Errorf("%s: characters %d to %d of %s are %q, not the passage %q", e.ID, p.Start, p.End, p.Paragraph, got, p.Text)
			}
		}
	}
	for i, e := range out.Events {
		if want := tl.Events[i].Label; e.Label != want {
			t.Errorf("%s: label %q, want %q", e.ID, e.Label, want)
		}
	}
	if out.Events[0].Page != "/events/"+out.Events[0].ID {
		t.Errorf("page = %q", out.Events[0].Page)
	}
}

func paragraphIndex(tb testing.TB, anchor string) int {
	n, err := strconv.Atoi(strings.TrimPrefix(anchor, "p"))
	if err != nil || !strings.HasPrefix(anchor, "p") {
		tb.Fatalf("anchor %q is not a paragraph's", anchor)
	}
	return n - 1
}

// Unknown addresses, malformed ids and other methods get real answers, with
// the security headers on them too.
func TestNotFoundAndMethods(t *testing.T) {
	s := NewServer(defaultTimeline(t))
	for _, tt := range []struct {
		method, target string
		status         int
	}{
		{"GET", "/nope", 404},
		{"GET", "/events/no-such-event", 404},
		{"GET", "/events/Bad_ID", 404},
		{"GET", "/events/a--b", 404},
		{"GET", "/sources/nope", 404},
		{"GET", "/assets/vendor/", 404},
		{"GET", "/assets/vendor/echarts", 404},
		{"GET", "/assets/..%2fgo.mod", 404},
		{"GET", "/assets/../go.mod", 404},
		{"GET", "/events/..%2fsources%2fdiplomat-2022", 404},
		{"GET", "/assets/assets.go", 404},
		{"GET", "/present/no-such-event", 404},
		{"GET", "/embed/events/no-such-event", 404},
		{"GET", "/embed/timeline", 404},
		{"GET", "/oembed/events/no-such-event.json", 404}, // answered in JSON
		{"GET", "/present/khan-visits-moscow", 200},
		{"GET", "/print", 200},
		{"POST", "/", 405},
		{"DELETE", "/events/khan-visits-moscow", 405},
		{"HEAD", "/", 200},
		{"GET", "/assets/ties.js", 200},
		{"GET", "/assets/app.js", 404}, // a part of ties.js, served only in it
		{"GET", "/print/2", 404},       // the default timeline's handout has one part
		{"GET", "/data/events.0000000000.json", 404},
	} {
		resp := get(t, s, tt.method, tt.target)
		if resp.StatusCode != tt.status {
			t.Errorf("%s %s = %d, want %d", tt.method, tt.target, resp.StatusCode, tt.status)
		}
		for _, h := range []string{"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options"} {
			if h == "X-Frame-Options" && strings.HasPrefix(tt.target, "/embed/") {
				continue // an embed may be framed, also when what it shows is gone
			}
			if h != "X-Content-Type-Options" && tt.status == 200 && strings.HasPrefix(tt.target, "/assets/") {
				continue // a script is not a document: only nosniff applies to it
			}
			if resp.Header.Get(h) == "" {
				t.Errorf("%s %s: no %s header", tt.method, tt.target, h)
			}
		}
		body, _ := io.ReadAll(resp.Body)
		html := strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html")
		if tt.status == 404 && html && !bytes.Contains(body, []byte(`<a href="/">Back to the timeline</a>`)) {
			t.Errorf("%s %s: the 404 page does not lead back", tt.method, tt.target)
		}
		if tt.method == "HEAD" && len(body) != 0 {
			t.Errorf("HEAD %s sent a body", tt.target)
		}
	}
	if got := get(t, s, "POST", "/").Header.Get("Allow"); got != "GET, HEAD" {
		t.Errorf("Allow = %q", got)
	}
}

// The same data gives the same bytes: no random chart ids, no nonces.
func TestPagesAreDeterministic(t *testing.T) {
	a, b := NewServer(defaultTimeline(t)), NewServer(defaultTimeline(t))
	for _, target := range []string{"/", "/events", "/events/khan-visits-moscow", "/sources/diplomat-2022", "/api/events.json"} {
		ra, _ := io.ReadAll(get(t, a, "GET", target).Body)
		rb, _ := io.ReadAll(get(t, b, "GET", target).Body)
		if !bytes.Equal(ra, rb) {
			t.Errorf("GET %s differs between two servers of the same timeline", target)
		}
		if !utf8.Valid(ra) {
			t.Errorf("GET %s is not UTF-8", target)
		}
	}
}

// The footer credits the article, and the sentence after it reads as one.
func TestFooterCreditsTheSource(t *testing.T) {
	tl := defaultTimeline(t)
	got := mustDoc(t, NewServer(tl), "/", http.StatusOK).Find("footer.site").Text()
	want := "Every event quotes " + credit(tl.Sources[0]) + ". Quoted text belongs to its publisher and is shown for study."
	if got != want {
		t.Errorf("the footer says %q, want %q", got, want)
	}
}

// The charts that a reader without sight or pointer cannot use have a text
// of their own under them: the counts per year and theme, each linked to
// its events, and every actor with its events.
func TestChartsAsText(t *testing.T) {
	tl := defaultTimeline(t)
	s := NewServer(tl)
	doc := mustDoc(t, s, "/", http.StatusOK)
	for _, kind := range []string{"per-year", "actors"} {
		ref, _ := doc.Find(`[data-chart="` + kind + `"]`).Attr("aria-details")
		if ref == "" || doc.Find("details#"+ref).Length() != 1 {
			t.Errorf("the %s chart points to its text as %q, which is no details element", kind, ref)
		}
	}
	rows := doc.Find(".chart-per-year table.counts tbody tr")
	counts := charts.YearCounts(tl)
	if rows.Length() != len(counts) {
		t.Fatalf("the table of counts has %d rows, want one per year with events: %d", rows.Length(), len(counts))
	}
	if got := doc.Find(".chart-per-year table.counts thead th").Length(); got != len(tl.Themes)+2 {
		t.Errorf("the table of counts has %d column headings, want year, each theme and all", got)
	}
	last := rows.Last()
	if got, want := last.Find("th").Text(), strconv.Itoa(counts[len(counts)-1].Year); got != want {
		t.Errorf("the last row is %q, want %s", got, want)
	}
	total := last.Find("td").Last()
	if got, want := total.Text(), strconv.Itoa(counts[len(counts)-1].Total); got != want {
		t.Errorf("%s's total is %s, want %s", last.Find("th").Text(), got, want)
	}
	href, _ := total.Find("a").Attr("href")
	if resp := get(t, s, "GET", href); resp.StatusCode != http.StatusOK || !strings.Contains(href, "from="+last.Find("th").Text()) {
		t.Errorf("%s's total links to %q (%d), want the table of that year's events", last.Find("th").Text(), href, resp.StatusCode)
	}
	actors := doc.Find(".chart-actors .actor-list > li")
	if actors.Length() != len(tl.Actors()) {
		t.Errorf("the list of actors has %d, want every one of %d", actors.Length(), len(tl.Actors()))
	}
	first := actors.First()
	name := first.Find("a").First().Text()
	var a *timeline.Actor
	for _, x := range tl.Actors() {
		if x.Name == name {
			a = &x
		}
	}
	if a == nil {
		t.Fatalf("the first actor listed, %q, is not an actor", name)
	}
	if got, want := first.Find("ul li").Length(), min(len(a.Events), actorListed)+min(1, len(a.Events)/(actorListed+1)); got != want {
		t.Errorf("%s lists %d events, want %d", name, got, want)
	}
	if href, _ := first.Find("a").First().Attr("href"); href != "/?actor="+url.QueryEscape(name) {
		t.Errorf("%s links to %q, want the page filtered to it", name, href)
	}
}

// An event whose date its date_quote states says so on its page, with the
// words, and the article marks those words beside the event's passage,
// linked to the event; the API and the reading panel carry them.
func TestDateQuoteShown(t *testing.T) {
	tl := testdataTimeline(t, "testdata/datequote")
	s := NewServer(tl)
	e := tl.Events[0]
	doc := mustDoc(t, s, "/events/"+e.ID, http.StatusOK)
	if got := doc.Find(".provenance.stated").Text(); !strings.Contains(got, "Date stated in the article: …"+e.DateQuote.Text()+"…") {
		t.Errorf("the event page says %q", got)
	}
	if doc.Find("mark.date-quote").Length() == 0 {
		t.Errorf("the event page does not mark the date quote in its paragraph")
	}
	src := mustDoc(t, s, "/sources/"+e.Source.ID, http.StatusOK)
	dq := src.Find("mark#date-" + e.ID + ".date-quote")
	if dq.Length() != 1 || dq.Find("a").AttrOr("href", "") != "/events/"+e.ID || !strings.Contains(dq.Text(), e.DateQuote.Text()[:8]) {
		t.Errorf("the article marks the date quote as %d marks: %q", dq.Length(), dq.Text())
	}
	body, _ := io.ReadAll(get(t, s, "GET", "/api/events.json").Body)
	if !strings.Contains(string(body), `"date_quote": `+strconv.Quote(e.DateQuote.Text())) {
		t.Errorf("the API lacks the date quote")
	}
}
