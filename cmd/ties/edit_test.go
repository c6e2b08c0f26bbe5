package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"ties/data"
	"ties/timeline"
)

// editSite is the built-in timeline copied into a folder and served with
// the editor, as 127.0.0.1:8080.
type editSite struct {
	t     *testing.T
	dir   string
	s     *Server
	token string
}

const editHost = "127.0.0.1:8080"

func newEditSite(t *testing.T) *editSite {
	dir := t.TempDir()
	for _, name := range []string{"events.yaml", "sources/diplomat-2022.md"} {
		b, _ := data.FS.ReadFile(name)
		os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755)
		os.WriteFile(filepath.Join(dir, name), b, 0o644)
	}
	ed, err := newEditor(dir, editHost)
	if err != nil {
		t.Fatal(err)
	}
	tl, err := timeline.Load(os.DirFS(dir), dir)
	if err != nil {
		t.Fatal(err)
	}
	return &editSite{t: t, dir: dir, s: NewServer(tl, WithEditor(ed)), token: ed.token}
}

func (es *editSite) file() []byte {
	b, err := os.ReadFile(filepath.Join(es.dir, "events.yaml"))
	if err != nil {
		es.t.Fatal(err)
	}
	return b
}

// do sends a request as the browser on this machine does, with changes to
// its headers.
func (es *editSite) do(method, target string, form url.Values, headers map[string]string) *httptest.ResponseRecorder {
	var body *strings.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	} else {
		body = strings.NewReader("")
	}
	r := httptest.NewRequest(method, target, body)
	r.Host = editHost
	if form != nil {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		r.Header.Set("Origin", "http://"+editHost)
	}
	for k, v := range headers {
		if k == "Host" {
			r.Host = v
		} else if v == "" {
			r.Header.Del(k)
		} else {
			r.Header.Set(k, v)
		}
	}
	w := httptest.NewRecorder()
	es.s.ServeHTTP(w, r)
	return w
}

var hiddenBase = regexp.MustCompile(`name="base" value="([0-9a-f]+)"`)

// newForm opens the form for a new event and fills it in.
func (es *editSite) newForm(fields map[string]string) url.Values {
	w := es.do("GET", "/edit/new?source=diplomat-2022&quote="+url.QueryEscape(fields["quote"]), nil, nil)
	if w.Code != http.StatusOK {
		es.t.Fatalf("GET /edit/new = %d: %s", w.Code, w.Body)
	}
	m := hiddenBase.FindStringSubmatch(w.Body.String())
	if m == nil || !strings.Contains(w.Body.String(), `name="token" value="`+es.token+`"`) {
		es.t.Fatalf("the form lacks its token or base")
	}
	v := url.Values{"token": {es.token}, "base": {m[1]}, "theme": {"diplomacy"}}
	for k, x := range fields {
		v.Set(k, x)
	}
	return v
}

const newQuote = "Pakistan’s refusal to join the U.S.-led Summit for Democracies"

// A new event from the form is appended to the file, which keeps every
// other byte and its previous version; the event then loads with its
// passage; the form said where the quote is and what the date needs.
func TestEditorSavesANewEvent(t *testing.T) {
	es := newEditSite(t)
	before := es.file()
	w := es.do("GET", "/edit/new?source=diplomat-2022&quote="+url.QueryEscape(newQuote), nil, nil)
	if !strings.Contains(w.Body.String(), "Found once, in paragraph") {
		t.Errorf("the form does not say where the quote is")
	}
	form := es.newForm(map[string]string{"quote": newQuote, "title": "Pakistan stays away: \"no\" to the summit # 2", "date": "2021-12",
		"date_source_title": "Dawn: Pakistan skips summit", "actors": "Pakistan\nUnited States", "note": "line one\nline two: </script>"})
	w = es.do("POST", "/edit/new", form, nil)
	if w.Code != http.StatusSeeOther || !strings.Contains(w.Header().Get("Location"), "/edit/saved?event=pakistan-stays-away-no-to-the-summit-2") {
		t.Fatalf("POST /edit/new = %d %s: %s", w.Code, w.Header().Get("Location"), w.Body)
	}
	after := es.file()
	if !bytes.HasPrefix(after, before) {
		t.Errorf("the rest of the file changed")
	}
	if kept, _ := os.ReadFile(filepath.Join(es.dir, "events.yaml~")); !bytes.Equal(kept, before) {
		t.Errorf("events.yaml~ is not the previous version")
	}
	tl, err := timeline.Load(os.DirFS(es.dir), es.dir)
	if err != nil {
		t.Fatal(err)
	}
	e := tl.Event("pakistan-stays-away-no-to-the-summit-2")
	if e == nil || e.Passages[0].Text() != newQuote || e.Note != "line one\nline two: </script>" || e.Title != "Pakistan stays away: \"no\" to the summit # 2" || len(e.Actors) != 2 {
		t.Fatalf("the saved event reads back as %+v", e)
	}
	if w := es.do("GET", "/edit/saved?event="+e.ID, nil, nil); !strings.Contains(w.Body.String(), `href="/events/`+e.ID+`"`) {
		t.Errorf("the saved page does not offer the new event")
	}
}

// A change ties check refuses is not written, and the form shows why; a
// change to a file changed on disk since the form was opened is refused
// as a conflict.
func TestEditorRefusesAndDetectsConflicts(t *testing.T) {
	es := newEditSite(t)
	before := es.file()
	form := es.newForm(map[string]string{"quote": "words the article never says", "title": "Nothing", "date": "2021"})
	w := es.do("POST", "/edit/new", form, nil)
	if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "Not saved: ties check finds") {
		t.Errorf("a quote the source lacks = %d", w.Code)
	}
	if !bytes.Equal(es.file(), before) {
		t.Errorf("a refused change touched the file")
	}
	// Another editor changes the file meanwhile.
	form = es.newForm(map[string]string{"quote": newQuote, "title": "Summit", "date": "2021-12", "date_source_title": "Dawn"})
	changed := append(bytes.Clone(before), []byte("# edited elsewhere\n")...)
	os.WriteFile(filepath.Join(es.dir, "events.yaml"), changed, 0o644)
	w = es.do("POST", "/edit/new", form, nil)
	if w.Code != http.StatusConflict || !strings.Contains(w.Body.String(), "changed on disk") || !strings.Contains(w.Body.String(), "Summit") {
		t.Errorf("a conflict = %d", w.Code)
	}
	if !bytes.Equal(es.file(), changed) {
		t.Errorf("a conflict overwrote the file")
	}
}

// A change that does not come from this site's form is refused: without
// the token, from another origin or site, or to another host name; and a
// GET changes nothing.
func TestEditorRefusesForgedRequests(t *testing.T) {
	es := newEditSite(t)
	before := es.file()
	good := es.newForm(map[string]string{"quote": newQuote, "title": "Summit", "date": "2021-12", "date_source_title": "Dawn"})
	noToken := url.Values{}
	for k, v := range good {
		noToken[k] = v
	}
	noToken.Del("token")
	for name, c := range map[string]struct {
		form    url.Values
		headers map[string]string
		status  int
	}{
		"no token":            {noToken, nil, http.StatusForbidden},
		"a foreign Origin":    {good, map[string]string{"Origin": "http://evil.example"}, http.StatusForbidden},
		"a foreign Host":      {good, map[string]string{"Host": "evil.example:8080"}, http.StatusMisdirectedRequest},
		"another port":        {good, map[string]string{"Host": "127.0.0.1:9999"}, http.StatusMisdirectedRequest},
		"no Origin, no Fetch": {good, map[string]string{"Origin": ""}, http.StatusForbidden},
		"a cross-site fetch":  {good, map[string]string{"Origin": "", "Sec-Fetch-Site": "cross-site"}, http.StatusForbidden},
	} {
		if w := es.do("POST", "/edit/new", c.form, c.headers); w.Code != c.status {
			t.Errorf("%s: %d, want %d", name, w.Code, c.status)
		}
	}
	if w := es.do("GET", "/edit/events/russia-lifts-arms-embargo/delete", nil, nil); w.Code != http.StatusOK {
		t.Errorf("the question before a delete = %d", w.Code)
	}
	if !bytes.Equal(es.file(), before) {
		t.Errorf("a refused request or a GET changed the file")
	}
	// Without --edit there is no editing route, and a form posted there
	// finds none.
	plain := NewServer(es.s.timeline)
	for _, target := range []string{"/edit/new", "/edit/events/russia-lifts-arms-embargo"} {
		if w := get(t, plain, "GET", target); w.StatusCode != http.StatusNotFound {
			t.Errorf("without --edit, %s = %d", target, w.StatusCode)
		}
	}
	if w := get(t, plain, "GET", "/events/russia-lifts-arms-embargo"); strings.Contains(readBody(w), "/edit/") {
		t.Errorf("without --edit, an event's page links to the editor")
	}
}

// Edit and Delete change the event's lines and nothing else.
func TestEditorEditsAndDeletes(t *testing.T) {
	es := newEditSite(t)
	before := es.file()
	page := readBodyRec(es.do("GET", "/events/russia-lifts-arms-embargo", nil, nil))
	if !strings.Contains(page, `href="/edit/events/russia-lifts-arms-embargo"`) || !strings.Contains(page, `href="/edit/events/russia-lifts-arms-embargo/delete"`) {
		t.Fatalf("the event's page offers no Edit and Delete")
	}
	w := es.do("GET", "/edit/events/russia-lifts-arms-embargo", nil, nil)
	base := hiddenBase.FindStringSubmatch(w.Body.String())[1]
	f, _ := parseEventFile("events.yaml", before)
	start, end, indent, _ := f.entry("russia-lifts-arms-embargo")
	tl := es.s.timeline
	form := formOf(tl.Event("russia-lifts-arms-embargo"), false)
	form.Title = "Russia lifts its arms embargo (edited)"
	v := url.Values{"token": {es.token}, "base": {base}, "id": {form.ID}, "date": {form.Date}, "title": {form.Title}, "label": {form.Label},
		"theme": {form.Theme}, "quote": form.Quotes, "summary": {form.Summary}, "note": {form.Note}, "actors": {strings.Join(form.Actors, "\n")},
		"date_source_title": {form.DateSourceTitle}, "date_source_url": {form.DateSourceURL}}
	if w := es.do("POST", "/edit/events/russia-lifts-arms-embargo", v, nil); w.Code != http.StatusSeeOther {
		t.Fatalf("saving an edit = %d: %s", w.Code, w.Body)
	}
	after := es.file()
	if want := splice(before, start, end, form.yaml(indent)); !bytes.Equal(after, want) {
		t.Errorf("the edit changed more than the event's lines")
	}
	f, _ = parseEventFile("events.yaml", after)
	start, end, _, _ = f.entry("russia-lifts-arms-embargo")
	v = url.Values{"token": {es.token}, "base": {hashOf(after)}}
	if w := es.do("POST", "/edit/events/russia-lifts-arms-embargo/delete", v, nil); w.Code != http.StatusSeeOther {
		t.Fatalf("deleting = %d: %s", w.Code, w.Body)
	}
	if want := splice(after, start, end, ""); !bytes.Equal(es.file(), want) {
		t.Errorf("the delete changed more than the event's lines")
	}
}

// The form is checked as it is typed, with ties check's rules and words.
func TestEditorChecksAsYouType(t *testing.T) {
	es := newEditSite(t)
	form := es.newForm(map[string]string{"quote": newQuote, "title": "Summit", "date": "2021-12"})
	w := es.do("POST", "/edit/check", form, nil)
	body := w.Body.String()
	for _, want := range []string{`"quote":"Found once, in paragraph`, `"date":"Needs a date source, or a date quote: the quote does not state the date 2021-12`, `"id":"summit"`} {
		if !strings.Contains(body, want) {
			t.Errorf("the check lacks %s: %s", want, body)
		}
	}
	form.Set("quote", "In 2014, for the first time in the history of Moscow-Islamabad ties, Russia lifted its self-imposed embargo")
	form.Set("date", "2014")
	body = es.do("POST", "/edit/check", form, nil).Body.String()
	if !strings.Contains(body, "stated by the quote") || !strings.Contains(body, `"2014"`) {
		t.Errorf("a quote that states its date: %s", body)
	}
}

func readBodyRec(w *httptest.ResponseRecorder) string { return w.Body.String() }

func readBody(r *http.Response) string {
	var b bytes.Buffer
	b.ReadFrom(r.Body)
	return b.String()
}

// In the browser: selecting words of the article offers a new event from
// them; the form, checked as it is typed, offers the paragraph's dates;
// saving puts the event in the file, and its page shows its passage.
func TestBrowserEditorNewEventFromAPassage(t *testing.T) {
	dir, addr := liveTimeline(t, "--edit")
	before, _ := os.ReadFile(filepath.Join(dir, "events.yaml"))
	tt := openAt(t, "http://"+addr, "", 1366, 900)
	tt.open("/sources/diplomat-2022")
	quote := "Moscow has tried reaching out to other defense markets"
	// Select the words, as a reader does with the mouse.
	eval[any](tt, `(() => {
		const q = `+jsQuote(quote)+`;
		const walk = document.createTreeWalker(document.querySelector('article.source'), NodeFilter.SHOW_TEXT);
		for (let n = walk.nextNode(); n; n = walk.nextNode()) {
			const i = n.data.indexOf(q);
			if (i >= 0) {
				const r = document.createRange();
				r.setStart(n, i);
				r.setEnd(n, i + q.length);
				getSelection().removeAllRanges();
				getSelection().addRange(r);
				return true;
			}
		}
		throw new Error('the words are not in the article');
	})()`)
	tt.waitFor(`!document.querySelector('.edit-offer').hidden`)
	tt.do(chromedp.Click(chromedp.CSS(`.edit-offer`)))
	tt.waitForPath("/edit/new")
	if got := eval[string](tt, `document.querySelector('textarea[name="quote"]').value`); got != quote {
		t.Fatalf("the form's quote is %q, want the words selected", got)
	}
	// The form, as every page, has nothing axe-core finds.
	eval[any](tt, axeSource+"\n;true")
	for _, v := range eval[[]string](tt, axeRun) {
		t.Errorf("the editor's form: %s", v)
	}
	tt.do(chromedp.SendKeys(chromedp.CSS(`input[name="title"]`), "Moscow seeks other arms markets"))
	tt.waitFor(`document.querySelector('[data-status="quote"]').textContent.startsWith('Found once') && document.querySelectorAll('[data-date-choices] button').length > 0`)
	// The paragraph says "since at least 2010": a choice of date.
	tt.do(chromedp.Click(chromedp.CSS(`[data-date-choices] button[data-date="2010"]`)))
	tt.waitFor(`document.querySelector('input[name="date"]').value === '2010' && document.querySelector('[data-status="date"]').textContent.includes('does not state the date 2010')`)
	tt.do(chromedp.SendKeys(chromedp.CSS(`input[name="date_source_title"]`), "The Diplomat, the same article"))
	tt.waitFor(`document.querySelector('[data-status="date"]').textContent === 'The date comes from the date source.'`)
	tt.do(chromedp.Click(chromedp.CSS(`.edit-form button[type="submit"]`)))
	tt.waitForPath("/edit/saved")
	tt.do(chromedp.Click(chromedp.CSS(`a[href="/events/moscow-seeks-other-arms-markets"]`)))
	// Until the file is read again, a moment later, the page may be the
	// old timeline's 404, which reloads itself then.
	tt.waitFor(`location.pathname === '/events/moscow-seeks-other-arms-markets' && !!document.querySelector('.passage mark')`)
	tt.tolerate("404 (Not Found)")
	if got := eval[string](tt, `document.querySelector('.passage mark').textContent`); got != quote {
		t.Errorf("the new event's page marks %q", got)
	}
	after, _ := os.ReadFile(filepath.Join(dir, "events.yaml"))
	if !bytes.HasPrefix(after, before) || !bytes.Contains(after, []byte(`quote: "`+quote+`"`)) {
		t.Errorf("the file is not the old one with the event added")
	}
}

func jsQuote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// In the browser, an event's Edit and Delete change it in the file, and its
// page follows.
func TestBrowserEditorEditsAndDeletes(t *testing.T) {
	dir, addr := liveTimeline(t, "--edit")
	tt := openAt(t, "http://"+addr, "", 1366, 900)
	tt.open("/events/russia-lifts-arms-embargo")
	tt.do(chromedp.Click(chromedp.CSS(`.edit-links a[href$="/edit/events/russia-lifts-arms-embargo"]`)))
	tt.waitForPath("/edit/events/russia-lifts-arms-embargo")
	tt.waitFor(`document.querySelector('[data-edit-form]').hasAttribute('data-checked')`)
	eval[any](tt, `document.querySelector('input[name="title"]').value = ''`)
	tt.do(chromedp.SendKeys(chromedp.CSS(`input[name="title"]`), "Russia ends its arms embargo on Pakistan"))
	tt.do(chromedp.Click(chromedp.CSS(`.edit-form button[type="submit"]`)))
	tt.waitForPath("/edit/saved")
	tt.do(chromedp.Click(chromedp.CSS(`a[href="/events/russia-lifts-arms-embargo"]`)))
	tt.waitFor(`location.pathname === '/events/russia-lifts-arms-embargo' && document.querySelector('h1').textContent === 'Russia ends its arms embargo on Pakistan'`)
	tt.do(chromedp.Click(chromedp.CSS(`.edit-links a[href$="/delete"]`)))
	tt.waitForPath("/edit/events/russia-lifts-arms-embargo/delete")
	tt.do(chromedp.Click(chromedp.CSS(`button[type="submit"]`)))
	tt.waitForPath("/edit/saved")
	// The file is read again a moment later: the site then has no such event.
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(25 * time.Millisecond) {
		resp, err := http.Get("http://" + addr + "/events/russia-lifts-arms-embargo")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusNotFound {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatal("the site still has the deleted event")
		}
	}
	b, _ := os.ReadFile(filepath.Join(dir, "events.yaml"))
	if bytes.Contains(b, []byte("id: russia-lifts-arms-embargo")) {
		t.Errorf("the deleted event is still in the file")
	}
	kept, _ := os.ReadFile(filepath.Join(dir, "events.yaml~"))
	if !bytes.Contains(kept, []byte("Russia ends its arms embargo on Pakistan")) {
		t.Errorf("events.yaml~ is not the version before the delete")
	}
	tt.open("/")
	tt.waitFor(`!document.body.textContent.includes('Russia ends its arms embargo on Pakistan')`)
}

// An event of several quotes keeps them all when saved from the form, and
// an emptied quote field drops that quote alone.
func TestEditorKeepsEveryQuote(t *testing.T) {
	es := newEditSite(t)
	e := es.s.timeline.Event("khan-visits-moscow")
	if len(e.Passages) < 2 {
		t.Fatalf("khan-visits-moscow has %d quotes; the test wants several", len(e.Passages))
	}
	page := es.do("GET", "/edit/events/khan-visits-moscow", nil, nil).Body.String()
	if n := strings.Count(page, `name="quote"`); n != len(e.Passages)+1 {
		t.Errorf("the form has %d quote fields, want one per quote and one more", n)
	}
	form := formOf(e, false)
	post := func(quotes []string) (int, *timeline.Event) {
		v := url.Values{"token": {es.token}, "base": {hashOf(es.file())}, "id": {form.ID}, "date": {form.Date}, "end": {form.End},
			"title": {form.Title}, "label": {form.Label}, "theme": {form.Theme}, "quote": quotes, "summary": {form.Summary},
			"note": {form.Note}, "actors": {strings.Join(form.Actors, "\n")}, "date_source_title": {form.DateSourceTitle}, "date_source_url": {form.DateSourceURL}}
		w := es.do("POST", "/edit/events/khan-visits-moscow", v, nil)
		tl, err := timeline.Load(os.DirFS(es.dir), es.dir)
		if err != nil {
			t.Fatal(err)
		}
		return w.Code, tl.Event("khan-visits-moscow")
	}
	code, got := post(append(append([]string{}, form.Quotes...), ""))
	if code != http.StatusSeeOther || len(got.Passages) != len(e.Passages) {
		t.Fatalf("saved with every quote: %d, %d quotes, want %d", code, len(got.Passages), len(e.Passages))
	}
	for i := range e.Passages {
		if got.Passages[i].Quote != e.Passages[i].Quote {
			t.Errorf("quote %d reads back as %q", i+1, got.Passages[i].Quote)
		}
	}
	code, got = post([]string{form.Quotes[0], "", ""})
	if code != http.StatusSeeOther || len(got.Passages) != 1 || got.Passages[0].Quote != e.Passages[0].Quote {
		t.Errorf("an emptied quote field: %d, %d quotes", code, len(got.Passages))
	}
}
