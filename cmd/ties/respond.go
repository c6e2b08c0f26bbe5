package main

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"maps"
	"net/http"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"
	"golang.org/x/sync/errgroup"
)

// pageCache keeps made pages by path, up to maxCache bytes in all.
type pageCache struct {
	mu    sync.RWMutex
	pages map[string]cachedPage
	size  int
}

type cachedPage struct {
	// body is the page as it is, or nil when only its compressed bodies are
	// kept: a client that takes neither gets it unpacked from gz.
	body []byte
	etag string
	// The body compressed with brotli and with gzip, or nil where that
	// would not make it smaller.
	br, gz []byte
}

// compressed returns a page with its compressed bodies: brotli at quality,
// and gzip. A body that compressing would not make smaller keeps none.
func compressed(body []byte, quality int) cachedPage {
	p := cachedPage{body: body, etag: etagOf(body)}
	if len(body) < 256 {
		return p
	}
	p.br = smaller(brotliOf(body, quality), body)
	p.gz = smaller(gzipOf(body), body)
	return p
}

func brotliOf(body []byte, quality int) []byte {
	var b bytes.Buffer
	w := brotliWriters[quality].Get().(*brotli.Writer)
	w.Reset(&b)
	_, _ = w.Write(body)
	_ = w.Close()
	brotliWriters[quality].Put(w)
	return b.Bytes()
}

func gzipOf(body []byte) []byte {
	var b bytes.Buffer
	w := gzipWriters.Get().(*gzip.Writer)
	w.Reset(&b)
	_, _ = w.Write(body)
	_ = w.Close()
	gzipWriters.Put(w)
	return b.Bytes()
}

// smaller returns packed if it is smaller than body, or nil.
func smaller(packed, body []byte) []byte {
	if len(packed) >= len(body) {
		return nil
	}
	return packed
}

// Brotli qualities: the best for the few files of a cold load, and a fast
// one that is nearly as small for the many pages of a large timeline
// (quality 11 takes some 70 times as long as 5 for a sixth less).
const (
	brotliBest = brotli.BestCompression
	brotliFast = 5
)

// The compressors are kept for reuse: making one costs more than using it
// on a page.
var (
	brotliWriters = map[int]*sync.Pool{
		brotliBest: {New: func() any { return brotli.NewWriterLevel(nil, brotliBest) }},
		brotliFast: {New: func() any { return brotli.NewWriterLevel(nil, brotliFast) }},
	}
	// gzip serves the few clients that do not take brotli; its default
	// level is within a percent or two of its best, at half the time.
	gzipWriters = sync.Pool{New: func() any { w, _ := gzip.NewWriterLevel(nil, gzip.DefaultCompression); return w }}
)

// maxCache bounds the memory the pages made may take, well within the
// server's soft memory limit (serveMemory); past it, pages are made again
// each time. A timeline of 10,000 events keeps some 60 MB.
const maxCache = 128 << 20

// keepPlain is how much the pages kept may take before the next ones are
// kept compressed only, and unpacked for the rare client that takes neither
// brotli nor gzip: the built-in timeline's pages all keep their plain body.
const keepPlain = 32 << 20

func (c *pageCache) get(path string) (cachedPage, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	p, ok := c.pages[path]
	return p, ok
}

// put compresses a page and keeps it, unless it is kept already or the
// cache is full; it returns the page as kept, or compressed but not kept.
func (c *pageCache) put(path string, body []byte, quality int) cachedPage {
	if p, ok := c.get(path); ok {
		return p
	}
	quality = min(quality, qualityFor(len(body)))
	p := compressed(bytes.Clone(body), quality)
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.pages[path]; ok {
		return old
	}
	if p.gz != nil && c.size > keepPlain {
		// Browsers take brotli and most else gzip; keeping a large
		// timeline's pages as they are too would double what they take.
		p.body = nil
	}
	if n := len(p.body) + len(p.br) + len(p.gz); c.size+n <= maxCache {
		if c.pages == nil {
			c.pages = map[string]cachedPage{}
		}
		c.pages[path] = p
		c.size += n
	}
	return p
}

// send writes a response whose body is known in full: with an ETag, so that
// a client holding the same bytes gets 304 Not Modified, and with no body
// for HEAD.
func send(w http.ResponseWriter, r *http.Request, status int, contentType string, body []byte) {
	if status == http.StatusOK {
		sendTagged(w, r, contentType, "no-cache", cachedPage{body: body, etag: etagOf(body)})
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

// sendTagged writes a 200 response with its ETag and Cache-Control, or 304
// Not Modified to a client that holds it already. A client that accepts
// brotli or gzip gets the body compressed that way, with an ETag of its own.
func sendTagged(w http.ResponseWriter, r *http.Request, contentType, cacheControl string, p cachedPage) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	if v := h.Get("Vary"); v != "" {
		h.Set("Vary", v+", Accept-Encoding") // one header, as caches read it
	} else {
		h.Set("Vary", "Accept-Encoding")
	}
	body, etag := p.body, p.etag
	switch accepts := r.Header.Get("Accept-Encoding"); {
	case p.br != nil && acceptsEncoding(accepts, "br"):
		body, etag = p.br, strings.TrimSuffix(etag, `"`)+`-br"`
		h.Set("Content-Encoding", "br")
	case p.gz != nil && acceptsEncoding(accepts, "gzip"):
		body, etag = p.gz, strings.TrimSuffix(etag, `"`)+`-gz"`
		h.Set("Content-Encoding", "gzip")
	case body == nil: // kept packed only
		body = gunzip(p.gz)
	}
	h.Set("ETag", etag)
	h.Set("Cache-Control", cacheControl)
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
		key, value, _ := strings.Cut(strings.ReplaceAll(params, " ", ""), "=")
		q, err := strconv.ParseFloat(value, 64)
		return !strings.EqualFold(key, "q") || err != nil || q > 0
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

// warm compresses every data file, then makes every page of the site and
// keeps it, as a request would, the pages that open a visit first; it
// returns when all are made or ctx is done. It leaves a processor free for
// requests, and a request for a page or file not made yet makes it then.
func (s *Server) warm(ctx context.Context) (pages int) {
	// The data files first, the smallest first: a first visitor's charts
	// fetch theirs as soon as the first page is in.
	files := slices.SortedFunc(maps.Values(s.data.files), func(a, b *dataFile) int { return cmp.Compare(len(a.body), len(b.body)) })
	for _, f := range files {
		if ctx.Err() != nil {
			return pages
		}
		f.compressed()
	}
	var g errgroup.Group
	g.SetLimit(max(1, runtime.GOMAXPROCS(0)-1))
	for _, p := range s.sitePaths() {
		if ctx.Err() != nil {
			break
		}
		if p == "404" || isPicture(p) {
			continue // pictures are drawn when asked for, and kept then
		}
		g.Go(func() error {
			// Not ctx: a page cut short when warming stops would be logged
			// as an error; warming stops between pages instead.
			if r, err := http.NewRequestWithContext(context.Background(), http.MethodGet, s.base+strings.TrimPrefix(p, "/"), nil); err == nil {
				if s.editor != nil {
					r.Host = "127.0.0.1:" + s.editor.port // as the editor's own pages are asked for
				}
				s.ServeHTTP(discard{}, r)
			}
			return nil
		})
		pages++
	}
	_ = g.Wait() // every page returns nil: an error is a page too
	return pages
}

// discard is a response writer that keeps nothing.
type discard struct{}

func (discard) Header() http.Header         { return http.Header{} }
func (discard) Write(b []byte) (int, error) { return len(b), nil }
func (discard) WriteHeader(int)             {}

// cached is how many pages the server keeps, and their bytes.
func (c *pageCache) cached() (pages, size int) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return len(c.pages), c.size
}

// gunzip unpacks a body that gzipOf packed.
func gunzip(gz []byte) []byte {
	r, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		panic("ties: a page kept packed does not unpack: " + err.Error()) // gzipOf made it
	}
	body, err := io.ReadAll(r)
	if err != nil {
		panic("ties: a page kept packed does not unpack: " + err.Error())
	}
	return body
}
