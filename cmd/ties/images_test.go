package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// getImage asks s for target and fails unless it answers 200 with ctype.
func getImage(tb testing.TB, s http.Handler, target, ctype string) []byte {
	tb.Helper()
	w := httptest.NewRecorder()
	s.ServeHTTP(w, httptest.NewRequest("GET", target, nil))
	if w.Code != http.StatusOK || w.Header().Get("Content-Type") != ctype {
		tb.Fatalf("GET %s = %d %s, want 200 %s: %.300s", target, w.Code, w.Header().Get("Content-Type"), ctype, w.Body.String())
	}
	return w.Body.Bytes()
}

// Every picture is a PNG or an SVG of the size it says, in the look asked
// for, with the filters asked for.
func TestImagesDecode(t *testing.T) {
	s := NewServer(defaultTimeline(t))
	for _, c := range []struct {
		target string
		w, h   int
		paper  color.RGBA
	}{
		{"/embed/chronology.png", 1200, 630, color.RGBA{0xff, 0xff, 0xff, 0xff}},
		{"/embed/player.png?look=dark", 1200, 630, color.RGBA{0x1c, 0x20, 0x29, 0xff}},
		{"/embed/per-year.png?look=contrast&theme=energy", 1200, 630, color.RGBA{0, 0, 0, 0xff}},
		{"/embed/actors.png", 1200, 630, color.RGBA{0xff, 0xff, 0xff, 0xff}},
		{"/embed/events/khan-visits-moscow.png", 1200, 630, color.RGBA{0xff, 0xff, 0xff, 0xff}},
	} {
		img, err := png.Decode(bytes.NewReader(getImage(t, s, c.target, "image/png")))
		if err != nil {
			t.Errorf("%s: %v", c.target, err)
			continue
		}
		if got := img.Bounds().Size(); got != image.Pt(c.w, c.h) {
			t.Errorf("%s is %v, want %dx%d", c.target, got, c.w, c.h)
		}
		if got := color.RGBAModel.Convert(img.At(c.w-2, c.h-2)).(color.RGBA); got != c.paper {
			t.Errorf("%s: the corner is %v, want the look's paper %v", c.target, got, c.paper)
		}
		if inked(img, c.paper) < 0.01 {
			t.Errorf("%s: almost nothing drawn (%.4f of the pixels)", c.target, inked(img, c.paper))
		}
	}
	for _, kind := range []string{"chronology", "player", "per-year", "actors"} {
		var root struct {
			XMLName xml.Name
			Width   string `xml:"width,attr"`
			Height  string `xml:"height,attr"`
		}
		body := getImage(t, s, "/embed/"+kind+".svg", "image/svg+xml")
		if err := xml.Unmarshal(body, &root); err != nil || root.XMLName.Local != "svg" || root.Width != "1200" || root.Height != "630" {
			t.Errorf("/embed/%s.svg: <%s width=%q height=%q>, %v; want an svg 1200 by 630", kind, root.XMLName.Local, root.Width, root.Height, err)
		}
	}
	// A filter that keeps fewer events draws fewer marks.
	all, energy := getImage(t, s, "/embed/chronology.svg", "image/svg+xml"), getImage(t, s, "/embed/chronology.svg?theme=energy", "image/svg+xml")
	if a, e := bytes.Count(all, []byte("data-ecmeta-data-index")), bytes.Count(energy, []byte("data-ecmeta-data-index")); e >= a || e == 0 {
		t.Errorf("the chronology filtered to energy has %d marks, all of it %d", e, a)
	}
	w := httptest.NewRecorder()
	s.ServeHTTP(w, httptest.NewRequest("GET", "/embed/chronology.png?q=nosuchwordanywhere", nil))
	if w.Code != http.StatusNotFound {
		t.Errorf("a filter that keeps no event answered %d, want 404", w.Code)
	}
}

// inked is the share of img's pixels that are not paper.
func inked(img image.Image, paper color.RGBA) float64 {
	b, n := img.Bounds(), 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if color.RGBAModel.Convert(img.At(x, y)).(color.RGBA) != paper {
				n++
			}
		}
	}
	return float64(n) / float64(b.Dx()*b.Dy())
}

// Text from the event file is text in a drawing: in the SVG's text, never
// its markup, and in the page that carries it.
func TestDrawingsKeepTextAsText(t *testing.T) {
	const hostile = `</text><script>alert(1)</script><text x="0">&amp;"'`
	tl := defaultTimeline(t)
	tl.Events[0].Title, tl.Events[0].Label = hostile, hostile
	tl.Themes[0].Label = hostile + " theme"
	s := NewServer(tl, WithDrawing())
	for _, target := range []string{"/embed/chronology.svg", "/embed/per-year.svg", "/embed/player.svg"} {
		body := getImage(t, s, target, "image/svg+xml")
		dec := xml.NewDecoder(bytes.NewReader(body))
		var texts []string
		inText := false
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s is not XML: %v", target, err)
			}
			switch tok := tok.(type) {
			case xml.StartElement:
				if tok.Name.Local == "script" || tok.Name.Local == "foreignObject" {
					t.Fatalf("%s has a <%s>: text became markup", target, tok.Name.Local)
				}
				inText = tok.Name.Local == "text"
			case xml.CharData:
				if inText {
					texts = append(texts, string(tok))
				}
			case xml.EndElement:
				inText = false
			}
		}
		if !strings.Contains(strings.Join(texts, "\n"), "<script>") {
			t.Errorf("%s: the hostile text is not among its texts %q", target, texts)
		}
	}
}

// Every page names a picture for previews of links to it, and oEmbed
// answers name theirs, each of the size it is.
func TestPreviewsNameTheirPictures(t *testing.T) {
	s := NewServer(defaultTimeline(t), WithPublicURL("https://example.org/"))
	for _, c := range []struct{ path, image string }{
		{"/", "https://example.org/embed/chronology.png"},
		{"/events/khan-visits-moscow", "https://example.org/embed/events/khan-visits-moscow.png"},
		{"/embed/per-year", "https://example.org/embed/per-year.png"},
		{"/sources/diplomat-2022", "https://example.org/embed/chronology.png"},
	} {
		doc := mustDoc(t, s, c.path, http.StatusOK)
		meta := func(attr, name string) string {
			v, _ := doc.Find(fmt.Sprintf(`meta[%s=%q]`, attr, name)).Attr("content")
			return v
		}
		if got := meta("property", "og:image"); got != c.image {
			t.Errorf("%s: og:image %q, want %q", c.path, got, c.image)
		}
		if meta("property", "og:image:width") != "1200" || meta("property", "og:image:height") != "630" || meta("property", "og:image:alt") == "" {
			t.Errorf("%s: og:image is %sx%s, alt %q", c.path, meta("property", "og:image:width"), meta("property", "og:image:height"), meta("property", "og:image:alt"))
		}
		if got := meta("name", "twitter:card"); got != "summary_large_image" {
			t.Errorf("%s: twitter:card %q", c.path, got)
		}
		getImage(t, s, strings.TrimPrefix(c.image, "https://example.org"), "image/png")
	}
	for _, target := range []string{"/oembed/chronology.json", "/oembed/events/khan-visits-moscow.json"} {
		w := httptest.NewRecorder()
		s.ServeHTTP(w, httptest.NewRequest("GET", target, nil))
		var o oembedResponse
		if err := json.Unmarshal(w.Body.Bytes(), &o); err != nil {
			t.Fatalf("%s: %v", target, err)
		}
		if !strings.HasPrefix(o.ThumbnailURL, "https://example.org/embed/") || o.ThumbnailWidth != 1200 || o.ThumbnailHeight != 630 {
			t.Errorf("%s: thumbnail %q %dx%d", target, o.ThumbnailURL, o.ThumbnailWidth, o.ThumbnailHeight)
		}
	}
}

// textBox is a text of an SVG as Chromium draws it: its box in the
// picture's pixels, and its colour.
type textBox struct {
	Text       string
	X, Y, W, H float64
	Fill       string
}

// TestBrowserPicturesMatchTheSVG: the browser decodes every picture at its
// stated size, and every text that Chromium draws from a chart's SVG is
// drawn in its PNG too, in its colour, where Chromium puts it.
func TestBrowserPicturesMatchTheSVG(t *testing.T) {
	s := NewServer(defaultTimeline(t))
	tt := openSite(t, s, "", 1200, 630)
	// The PNG below is asked for without a cookie, so in the default look,
	// as the SVG is in this tab's browser context, which has chosen none.
	tt.open("/events")
	for _, target := range []string{"/embed/chronology.png", "/embed/per-year.svg", "/embed/events/khan-visits-moscow.png"} {
		got := eval[string](tt, fmt.Sprintf(`(async () => {
			const img = new Image();
			img.src = %q;
			await img.decode();
			return img.naturalWidth + 'x' + img.naturalHeight;
		})()`, target))
		if got != "1200x630" {
			t.Errorf("the browser decodes %s at %s, want 1200x630", target, got)
		}
	}
	for _, kind := range []string{"chronology", "player", "per-year", "actors"} {
		tt.do(chromedp.Navigate(tt.origin + "/embed/" + kind + ".svg"))
		defer tt.tolerate("favicon.ico") // asked for by the browser of an SVG shown alone
		tt.waitFor(`document.readyState === 'complete' && document.querySelectorAll('text').length > 0`)
		boxes := eval[[]textBox](tt, `Array.from(document.querySelectorAll('text')).filter(t => t.textContent.trim() !== '').map(t => {
			const r = t.getBoundingClientRect();
			return {text: t.textContent, x: r.x, y: r.y, w: r.width, h: r.height, fill: t.getAttribute('fill') || '#000000'};
		})`)
		if len(boxes) < 10 {
			t.Fatalf("%s.svg: only %d texts drawn by Chromium", kind, len(boxes))
		}
		img, err := png.Decode(bytes.NewReader(getImage(t, s, "/embed/"+kind+".png", "image/png")))
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range boxes {
			if n := inkOf(img, b, color.RGBA{0xff, 0xff, 0xff, 0xff}); n < 3 {
				t.Errorf("%s.png: %q is missing: %d pixels of its colour %s where Chromium draws it (%.0f,%.0f %.0fx%.0f)", kind, b.Text, n, b.Fill, b.X, b.Y, b.W, b.H)
			}
		}
	}
}

// inkOf counts the pixels of img in the middle of box b that are nearer
// b's colour than paper: the Go fonts are not Chromium's, so the middle alone is sure
// to hold the text in both.
func inkOf(img image.Image, b textBox, paper color.RGBA) int {
	want, ok := parseHexColor(b.Fill)
	if !ok {
		return 1 << 30 // a colour this test cannot read: not its to judge
	}
	x0, x1 := int(b.X+b.W*0.2), int(b.X+b.W*0.8)
	if b.W < 24 {
		x0, x1 = int(b.X), int(b.X+b.W) // a number or two: all of it
	}
	y0, y1 := int(b.Y+b.H*0.2), int(b.Y+b.H*0.8)
	n := 0
	for y := y0; y <= y1; y++ {
		for x := x0; x <= x1; x++ {
			// Nearer the text's colour than the paper's, as the edges of
			// a glyph drawn smooth are.
			c := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)
			if dist(c, want) < dist(c, paper) {
				n++
			}
		}
	}
	return n
}

func dist(a, b color.RGBA) int {
	return absDiff(a.R, b.R) + absDiff(a.G, b.G) + absDiff(a.B, b.B)
}

func absDiff(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}

func parseHexColor(s string) (color.RGBA, bool) {
	var c color.RGBA
	c.A = 0xff
	if n, err := fmt.Sscanf(s, "#%02x%02x%02x", &c.R, &c.G, &c.B); err == nil && n == 3 {
		return c, true
	}
	return c, false
}
