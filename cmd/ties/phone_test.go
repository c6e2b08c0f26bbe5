package main

import (
	"testing"
)

// At 390×844 no page scrolls sideways, the site's own links break between
// words only, and an event's page opens at its top.
func TestBrowserPhonePages(t *testing.T) {
	tl := defaultTimeline(t)
	tt := openTab(t, tl, 390, 844)
	for _, path := range []string{"/", "/events", "/events/khan-visits-moscow", "/sources/diplomat-2022", "/present",
		"/present/khan-putin-summit", "/print", "/embed/chronology", "/embed/player", "/embed/per-year", "/embed/actors",
		"/embed/events/khan-visits-moscow"} {
		tt.open(path)
		if w := eval[float64](tt, `document.documentElement.scrollWidth`); w > 390 {
			t.Errorf("%s is %.0f px wide at 390 px", path, w)
		}
		broken := eval[[]string](tt, `Array.from(document.querySelectorAll('header.site ul a, .pager > a:not([rel])'))
			.filter(a => a.getClientRects().length > 1).map(a => a.textContent)`)
		if len(broken) > 0 {
			t.Errorf("%s: these links break inside a word: %q", path, broken)
		}
	}
	tt.open("/events/khan-visits-moscow")
	if y := eval[float64](tt, `scrollY`); y != 0 {
		t.Errorf("an event's page opens scrolled down by %.0f px, not at its top", y)
	}
}
