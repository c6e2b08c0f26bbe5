package main

import "testing"

// A page counts as drawn by the server once the charts it waits for carry
// their marks, which a chart the browser is to draw has not.
func TestDrawnPages(t *testing.T) {
	const (
		drawn   = `<div class="chart" data-chart="chronology" data-marks="#marks-chronology" data-ready="true">`
		undrawn = `<div class="chart" data-chart="chronology" data-option="/data/o.json">`
		other   = `<div class="chart" data-chart="per-year" data-option="/data/p.json">`
		marks   = `<script id="marks-per-year" data-marks="x"></script>` // marks that are not a chart's own
	)
	for _, tt := range []struct {
		page            string
		all, chronology bool
	}{
		{drawn, true, true},
		{undrawn, false, false},
		{drawn + other, false, true},
		{undrawn + marks, false, false},
		{"<p>no charts</p>", false, false},
	} {
		if got := allDrawn([]byte(tt.page)); got != tt.all {
			t.Errorf("allDrawn(%s) = %v, want %v", tt.page, got, tt.all)
		}
		if got := chronologyDrawn([]byte(tt.page)); got != tt.chronology {
			t.Errorf("chronologyDrawn(%s) = %v, want %v", tt.page, got, tt.chronology)
		}
	}
}
