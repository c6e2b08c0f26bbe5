package main

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"unicode/utf8"

	"ties/timeline"
)

// editor is ties serve --edit: the form that adds, edits and deletes the
// events of the folder served, on a loopback address only.
type editor struct {
	dir   string
	token string // every change carries it, from the page
	port  string // the port served, which every request's Host names
	mu    sync.Mutex
}

// loopback reports whether host, of an address to serve on, is this
// machine's own.
func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}

// newEditor makes the editor of dir, served at addr, which must be a
// loopback address.
func newEditor(dir, addr string) (*editor, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil || !loopback(host) {
		return nil, fmt.Errorf("--edit serves only on a loopback address, such as 127.0.0.1:8080, since anyone who reaches it can change %s; %s is not one", dir, addr)
	}
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		return nil, err
	}
	return &editor{dir: dir, token: hex.EncodeToString(b), port: port}, nil
}

// WithEditor adds the editor's routes and buttons to a server.
func WithEditor(e *editor) Option {
	return func(s *Server) { s.editor = e }
}

// hostOK is whether a request names this server in its Host: a loopback
// name with the port served. Any other name may be a site that pointed its
// own name at this machine (DNS rebinding).
func (e *editor) hostOK(hostport string) bool {
	host, port, err := net.SplitHostPort(hostport)
	return err == nil && port == e.port && loopback(host)
}

// maxForm is the most a form may send.
const maxForm = 1 << 20

// changeOK refuses a change that does not come from this site's own form:
// without the token, or from another origin.
func (e *editor) changeOK(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxForm)
	if err := r.ParseForm(); err != nil {
		return fmt.Errorf("the form could not be read (%v); it may be over %d KB", err, maxForm>>10)
	}
	if subtle.ConstantTimeCompare([]byte(r.PostFormValue("token")), []byte(e.token)) != 1 {
		return errors.New("the form's token is missing or out of date; reload the page and try again")
	}
	origin, site := r.Header.Get("Origin"), r.Header.Get("Sec-Fetch-Site")
	switch {
	case origin != "":
		if origin != "http://"+r.Host {
			return fmt.Errorf("the change comes from %s, not from this site", origin)
		}
	case site != "":
		if site != "same-origin" {
			return fmt.Errorf("the change comes from another site (%s)", site)
		}
	default:
		return errors.New("the change does not say where it comes from (no Origin); send it from the form")
	}
	return nil
}

func hashOf(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// read is the event file as it is on disk, and its hash.
func (e *editor) read() ([]byte, string, error) {
	b, err := os.ReadFile(filepath.Join(e.dir, "events.yaml"))
	return b, hashOf(b), err
}

// formFrom reads the posted form.
func formFrom(r *http.Request) (eventForm, error) {
	f := eventForm{}
	for key, dst := range map[string]*string{
		"id": &f.ID, "date": &f.Date, "end": &f.End, "title": &f.Title, "label": &f.Label, "theme": &f.Theme,
		"summary": &f.Summary, "source": &f.Source, "date_quote": &f.DateQuote,
		"date_source_title": &f.DateSourceTitle, "date_source_url": &f.DateSourceURL, "note": &f.Note,
	} {
		v := r.PostFormValue(key)
		if !utf8.ValidString(v) {
			return f, fmt.Errorf("the %s is not UTF-8 text", key)
		}
		*dst = strings.TrimSpace(strings.ReplaceAll(v, "\r\n", "\n"))
	}
	// Each quote has a field of its own; an empty one adds none.
	for _, q := range r.PostForm["quote"] {
		if !utf8.ValidString(q) {
			return f, fmt.Errorf("the quote is not UTF-8 text")
		}
		if q = strings.TrimSpace(strings.ReplaceAll(q, "\r\n", "\n")); q != "" {
			f.Quotes = append(f.Quotes, q)
		}
	}
	for _, a := range strings.Split(r.PostFormValue("actors"), "\n") {
		if a = strings.TrimSpace(a); a != "" {
			f.Actors = append(f.Actors, a)
		}
	}
	return f, nil
}

// candidate is the event file as a change would leave it, and what ties
// check makes of it.
type candidate struct {
	src      []byte
	timeline *timeline.Timeline
	problems []string // as ties check says them, with file, line and column
	messages []string // the same, without where: what the form shows beside a field
}

// apply makes the change: e added (was ""), put in the place of event
// was, or, with del, event was taken out; and checks the result.
func (ed *editor) apply(old []byte, was string, e eventForm, del bool) (candidate, error) {
	f, err := parseEventFile("events.yaml", old)
	if err != nil {
		return candidate{}, err
	}
	var out []byte
	switch {
	case del:
		out, err = f.deleteEvent(was)
	case was == "":
		out, err = f.appendEvent(e)
	default:
		out, err = f.replaceEvent(was, e)
	}
	if err != nil {
		return candidate{}, err
	}
	c := candidate{src: out}
	t, err := timeline.Load(overlayFS{base: os.DirFS(ed.dir), files: map[string][]byte{"events.yaml": out}}, ed.dir)
	var ps timeline.Problems
	switch {
	case errors.As(err, &ps):
		for _, p := range ps {
			c.problems = append(c.problems, p.Error())
			c.messages = append(c.messages, p.Message)
		}
	case err != nil:
		c.problems = append(c.problems, err.Error())
		c.messages = append(c.messages, err.Error())
	}
	c.timeline = t
	return c, nil
}

// write saves a checked change: the previous file kept as events.yaml~,
// the new one through a temporary file renamed into place.
func (ed *editor) write(old, out []byte) error {
	path := filepath.Join(ed.dir, "events.yaml")
	if err := writeFileAtomic(path+"~", old); err != nil {
		return err
	}
	return writeFileAtomic(path, out)
}
