package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"
)

// pageCache keeps made pages by path, up to maxCache bytes in all.
type pageCache struct {
	mu    sync.RWMutex
	pages map[string]cachedPage
	size  int
}

type cachedPage struct {
	body []byte
	etag string
	// The body compressed with brotli and with gzip, or nil where that
	// would not make it smaller.
	br, gz []byte
}

// compressed returns a page with its compressed bodies.
func compressed(body []byte) cachedPage {
	p := cachedPage{body: body, etag: etagOf(body)}
	if len(body) < 1024 {
		return p
	}
	var b bytes.Buffer
	bw := brotli.NewWriterLevel(&b, 9)
	_, _ = bw.Write(body)
	_ = bw.Close()
	if b.Len() < len(body) {
		p.br = bytes.Clone(b.Bytes())
	}
	b.Reset()
	gw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	_, _ = gw.Write(body)
	_ = gw.Close()
	if b.Len() < len(body) {
		p.gz = bytes.Clone(b.Bytes())
	}
	return p
}

// maxCache bounds the memory the pages made may take; past it, pages are
// made again each time.
const maxCache = 64 << 20

func (c *pageCache) get(path string) (cachedPage, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	p, ok := c.pages[path]
	return p, ok
}

func (c *pageCache) put(path string, body []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.size+len(body) > maxCache {
		return
	}
	if c.pages == nil {
		c.pages = map[string]cachedPage{}
	}
	if _, ok := c.pages[path]; !ok {
		p := compressed(bytes.Clone(body))
		c.pages[path] = p
		c.size += len(p.body) + len(p.br) + len(p.gz)
	}
}

// send writes a response whose body is known in full: with an ETag, so that
// a client holding the same bytes gets 304 Not Modified, and with no body
// for HEAD.
func send(w http.ResponseWriter, r *http.Request, status int, contentType string, body []byte) {
	if status == http.StatusOK {
		sendTagged(w, r, contentType, cachedPage{body: body, etag: etagOf(body)})
		return
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

// etagOf is the ETag of a body: a hash of its bytes.
func etagOf(body []byte) string {
	sum := sha256.Sum256(body)
	return `"` + hex.EncodeToString(sum[:12]) + `"`
}

// sendTagged writes a 200 response with its ETag, or 304 Not Modified to a
// client that holds it already. A client that accepts brotli or gzip gets
// the body compressed that way, with an ETag of its own.
func sendTagged(w http.ResponseWriter, r *http.Request, contentType string, p cachedPage) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Add("Vary", "Accept-Encoding")
	body, etag := p.body, p.etag
	switch accepts := r.Header.Get("Accept-Encoding"); {
	case p.br != nil && acceptsEncoding(accepts, "br"):
		body, etag = p.br, strings.TrimSuffix(etag, `"`)+`-br"`
		h.Set("Content-Encoding", "br")
	case p.gz != nil && acceptsEncoding(accepts, "gzip"):
		body, etag = p.gz, strings.TrimSuffix(etag, `"`)+`-gz"`
		h.Set("Content-Encoding", "gzip")
	}
	h.Set("ETag", etag)
	h.Set("Cache-Control", "no-cache") // revalidate, then use the copy held
	if match := r.Header.Get("If-None-Match"); match != "" && etagMatches(match, etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

// acceptsEncoding reports whether an Accept-Encoding header allows coding,
// not ruled out with q=0.
func acceptsEncoding(header, coding string) bool {
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), coding) {
			continue
		}
		q := strings.ReplaceAll(strings.TrimSpace(params), " ", "")
		return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
	}
	return false
}

// etagMatches reports whether an If-None-Match header names etag.
func etagMatches(header, etag string) bool {
	for _, m := range strings.Split(header, ",") {
		m = strings.TrimPrefix(strings.TrimSpace(m), "W/")
		if m == etag || m == "*" {
			return true
		}
	}
	return false
}
