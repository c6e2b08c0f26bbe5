package charts

import "testing"

// Every theme colour, the palette's and any an event file gives, is drawn
// with at least 3:1 against each look's background, and a colour that
// already has it is drawn as it is.
func TestLegibleReachesContrastInEveryLook(t *testing.T) {
	given := append([]string{"#fff", "#ffff00", "#111111", "#1c2029", "#777777", "#E69F00"}, palette...)
	for _, c := range given {
		for _, l := range Looks {
			got := Legible(c, l.Name)
			gc, ok := parseHex(got)
			bg, _ := parseHex(l.Background)
			if !ok {
				t.Fatalf("Legible(%q, %q) = %q, not a colour", c, l.Name, got)
			}
			if r := Contrast(gc, bg); r < 3 {
				t.Errorf("Legible(%q, %q) = %q: %.2f:1 against %s, want ≥ 3:1", c, l.Name, got, r, l.Background)
			}
			if oc, _ := parseHex(c); Contrast(oc, bg) >= MarkContrast && got != hex(oc) {
				t.Errorf("Legible(%q, %q) = %q, want the colour kept: it has %.2f:1", c, l.Name, got, Contrast(oc, bg))
			}
		}
	}
	if got := Legible("#E69F00", "default"); got == "#e69f00" {
		t.Errorf("Energy's #E69F00 (2.25:1 on white) is kept in the default look")
	}
	if got := Legible("not a colour", "dark"); got != "not a colour" {
		t.Errorf("Legible of a non-colour = %q, want it as it is", got)
	}
}
