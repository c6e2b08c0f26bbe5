package main

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

var screenshots = flag.String("screenshots", "", "write the README's screenshots into this folder")

// TestScreenshots takes the README's screenshots from a real run:
//
//	go test ./cmd/ties -run TestScreenshots -screenshots ../../assets/screenshots
func TestScreenshots(t *testing.T) {
	if *screenshots == "" {
		t.Skip("no -screenshots folder given")
	}
	tt := openTab(t, defaultTimeline(t), 1280, 900)
	for _, shot := range []struct {
		path, file string
		full       bool
		w, h       int64
	}{
		{"/", "home.png", true, 1280, 900},
		{"/events/khan-visits-moscow", "event.png", false, 1280, 900},
		{"/sources/diplomat-2022#event-unga-resolution-es-11-1", "article.png", false, 1280, 900},
		{"/events?theme=defence", "events.png", false, 1280, 900},
		{"/present/unga-resolution-es-11-1", "slide.png", false, 1920, 1080},
		{"/embed/chronology?look=dark", "embed.png", false, 800, 520},
		{"/embed/chronology?look=default", "chronology.png", false, 1366, 900},
		{"/embed/chronology?look=dark", "chronology-dark.png", false, 1366, 900},
		{"/embed/chronology?event=khan-visits-moscow&look=default", "reading.png", false, 1366, 900},
		{"/?look=contrast", "contrast.png", false, 1280, 900},
	} {
		tt.do(chromedp.EmulateViewport(shot.w, shot.h))
		tt.open(shot.path)
		if strings.Contains(shot.path, "event=") {
			tt.waitFor(`document.querySelector('[data-reading-panel] .reading-quote') !== null`)
		}
		capture := chromedp.CaptureScreenshot()
		if shot.full {
			capture = chromedp.FullScreenshot(100)
		}
		png, err := chromedp.Run(tt.ctx, capture)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(*screenshots, shot.file), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
