package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"io/fs"
	"mime"
	"path"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"
	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/js"

	"ties/assets"
	"ties/timeline/draw"
)

// immutable is the Cache-Control of a file whose name holds a hash of its
// bytes: the name changes with the bytes, so a copy never goes stale.
const immutable = "public, max-age=31536000, immutable"

// staticFile is an embedded file as the server sends it.
type staticFile struct {
	contentType string
	page        cachedPage
	// hashed is whether the file was asked for by its hashed name.
	hashed bool
}

// assetSet holds the embedded files, each under its own name and under a
// name that holds a hash of its bytes, which the pages link to.
type assetSet struct {
	files  map[string]staticFile
	hashed map[string]string // name → hashed name
}

// siteAssets are the embedded files, read and compressed once for the
// process: they are the same for every timeline, so a reload keeps them.
var siteAssets = sync.OnceValue(func() *assetSet { return newAssetSet(assets.FS) })

// bundles are scripts that every page loads, one after the other, sent as
// one file: one request, and one look-up in a returning visitor's cache,
// rather than one for each script. The scripts are kept apart in assets/,
// and only their bundle is served.
var bundles = []struct {
	name  string
	parts []string
}{
	// What a page needs at first: the charts as the server drew them, the
	// reading panel, the filters and lists, the looks.
	{"ties.js", []string{"looks.js", "print.js", "legend.js", "charts.js", "drawn.js", "reading.js", "keys.js", "lists.js", "app.js"}},
	// What drawing with ECharts in the browser adds, loaded after ECharts
	// when the reader needs it (drawn.js). The server runs the same
	// scripts (drawScripts).
	{"draw.js", drawParts},
}

// drawParts are the scripts that draw the charts with ECharts, in order.
var drawParts = []string{"axis.js", "lanes.js", "chronology.js", "strip.js", "actors.js", "filtered.js", "option.js", "player.js"}

// drawScripts are what the server draws with (timeline/draw): ECharts'
// server build, the looks and the legend's place, the scripts that draw in
// the browser, and server.js, which calls them.
func drawScripts() ([]draw.Script, error) {
	names := append([]string{"vendor/echarts/echarts.ssr.min.js", "looks.js", "legend.js"}, drawParts...)
	var out []draw.Script
	for _, name := range append(names, "server.js") {
		src, err := fs.ReadFile(assets.FS, name)
		if err != nil {
			return nil, err
		}
		out = append(out, draw.Script{Name: name, Source: string(src)})
	}
	return out, nil
}

// newAssetSet reads every file of fsys but Go files, the brotli copies kept
// beside large files and the parts of bundles, and makes the bundles.
func newAssetSet(fsys fs.FS) *assetSet {
	set := &assetSet{files: map[string]staticFile{}, hashed: map[string]string{}}
	inBundle := map[string]bool{}
	for _, b := range bundles {
		var body []byte
		for _, part := range b.parts {
			inBundle[part] = true
			src, err := fs.ReadFile(fsys, part)
			if err != nil {
				panic("ties: bundle " + b.name + ": " + err.Error()) // a programming mistake, caught by the tests
			}
			body = append(append(body, src...), "\n;\n"...)
		}
		set.add(fsys, b.name, body)
	}
	_ = fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		// server.js and ECharts' server build run only on the server.
		if err != nil || d.IsDir() || strings.HasSuffix(name, ".go") || strings.HasSuffix(name, ".br") || inBundle[name] ||
			name == "server.js" || name == "vendor/echarts/echarts.ssr.min.js" {
			return nil
		}
		if _, ok := set.files[name]; ok {
			panic("ties: assets/" + name + " has the name of a bundle") // a programming mistake, caught by the tests
		}
		body, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil
		}
		set.add(fsys, name, body)
		return nil
	})
	return set
}

// add keeps a file under its name and its hashed name, minified and
// compressed.
func (set *assetSet) add(fsys fs.FS, name string, body []byte) {
	body = minified(name, body)
	ct := mime.TypeByExtension(path.Ext(name))
	if ct == "" {
		ct = "application/octet-stream"
	}
	p := compressedBest(body, kept(fsys, name, body))
	hashed := hashedName(name, body)
	set.files[name] = staticFile{contentType: ct, page: p}
	set.files[hashed] = staticFile{contentType: ct, page: p, hashed: true}
	set.hashed[name] = hashed
}

// minified returns ties' own scripts and style sheet minified, which makes
// them a quarter smaller even with brotli; the vendored files are minified
// already. The files in the repository stay as they were written.
func minified(name string, body []byte) []byte {
	var mt string
	switch {
	case strings.HasPrefix(name, "vendor/"):
		return body
	case strings.HasSuffix(name, ".js"):
		mt = "application/javascript"
	case strings.HasSuffix(name, ".css"):
		mt = "text/css"
	default:
		return body
	}
	m := minify.New()
	m.AddFunc("application/javascript", js.Minify)
	m.AddFunc("text/css", css.Minify)
	out, err := m.Bytes(mt, bytes.Clone(body)) // Bytes may write over what it is given
	if err != nil {
		return body // served as written; a test checks that every file minifies
	}
	return out
}

// hashedName puts a hash of body into name before its extension:
// "style.css" becomes "style.0a1b2c3d4e.css".
func hashedName(name string, body []byte) string {
	sum := sha256.Sum256(body)
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:5]) + ext
}

// kept returns the brotli copy kept beside a file, if there is one and it
// holds exactly the file's bytes.
func kept(fsys fs.FS, name string, body []byte) []byte {
	br, err := fs.ReadFile(fsys, name+".br")
	if err != nil {
		return nil
	}
	got, err := io.ReadAll(brotli.NewReader(bytes.NewReader(br)))
	if err != nil || !bytes.Equal(got, body) {
		return nil
	}
	return br
}

// compressedBest compresses a file as small as brotli and gzip can, taking
// br as its brotli body if it is given.
func compressedBest(body, br []byte) cachedPage {
	if br == nil || len(body) < 256 {
		return compressed(body, brotliBest)
	}
	return cachedPage{body: body, etag: etagOf(body), br: smaller(br, body), gz: smaller(gzipOf(body), body)}
}
