package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"sync"
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
		c.pages[path] = cachedPage{body: bytes.Clone(body), etag: etagOf(body)}
		c.size += len(body)
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
// client that holds it already.
func sendTagged(w http.ResponseWriter, r *http.Request, contentType string, p cachedPage) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("ETag", p.etag)
	h.Set("Cache-Control", "no-cache") // revalidate, then use the copy held
	if match := r.Header.Get("If-None-Match"); match != "" && etagMatches(match, p.etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Length", strconv.Itoa(len(p.body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(p.body)
	}
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
