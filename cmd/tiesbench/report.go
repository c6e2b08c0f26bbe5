package main

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
)

// printTable writes every figure as one markdown table: the built-in
// timeline in a column of its own, then a column per size, the growth
// between the last two sizes, and the budget.
func printTable(w io.Writer, c config, site siteResult, scales []scaleResult) {
	header := []string{"measure", fmt.Sprintf("built-in (%d events)", site.events)}
	for _, n := range c.sizes {
		header = append(header, fmt.Sprintf("%d events", n))
	}
	growth := len(c.sizes) >= 2
	if growth {
		last := len(c.sizes) - 1
		header = append(header, shortCount(c.sizes[last])+"÷"+shortCount(c.sizes[last-1]))
	}
	header = append(header, "budget")
	fmt.Fprintln(w, "| "+strings.Join(header, " | ")+" |")
	fmt.Fprintln(w, "|"+strings.Repeat(" --- |", len(header)))

	line := func(what, builtIn string, cells []string, budget string) {
		row := append([]string{what, builtIn}, cells...)
		fmt.Fprintln(w, "| "+strings.Join(append(row, budget), " | ")+" |")
	}
	blank := make([]string, len(header)-3)
	for _, row := range siteRows(c, site) {
		line(row[0], row[1], blank, row[2])
	}
	for _, m := range scaleMeasures(scales) {
		var cells []string
		for _, v := range m.values {
			cells = append(cells, m.format(v))
		}
		if growth {
			last := len(m.values) - 1
			cells = append(cells, ratio(m.values[last], m.values[last-1]))
		}
		line(m.what, "", cells, m.budget)
	}
}

// siteRows are the figures of the built-in timeline: what, figure, budget.
func siteRows(c config, site siteResult) [][3]string {
	var rows [][3]string
	for i, k := range site.kinds {
		w := site.weights[i]
		figure := "not measured"
		if w.requests > 0 {
			figure = fmt.Sprintf("%s in %d requests (%s unpacked)", kB(w.wire), w.requests, kB(w.body))
		}
		budget := ""
		if k.path == "/" {
			budget = "≤ " + kB(homeBudget)
		}
		rows = append(rows, [3]string{fmt.Sprintf("first visit, %s `%s`: bytes over the wire", k.name, k.path), figure, budget})
	}
	chart, blank := site.home.of(firstChart), site.blank.of(chronology)
	rows = append(rows, [3]string{fmt.Sprintf("returning visit, `/`: first chart drawn (%d runs), against a blank page's first frame", len(chart)),
		fmt.Sprintf("median %s, max %s; blank page median %s: %.2f×", ms(median(chart)), ms(maxNaN(chart)), ms(median(blank)), median(chart)/median(blank)),
		fmt.Sprintf("≤ %.1f×", firstChartRatio)})
	rows = append(rows, [3]string{fmt.Sprintf("first visit, `/`: first zoom until ECharts has drawn the chronology (%d runs)", len(site.zoom)),
		fmt.Sprintf("median %s, max %s", ms(median(site.zoom)), ms(maxNaN(site.zoom))), fmt.Sprintf("max ≤ %.0f ms", zoomBudget)})
	rows = append(rows, [3]string{"`ties serve`: the home page's charts drawn by the server after starting", fmt.Sprintf("%.1f s", site.drawn), ""})
	if site.firstOf != "" {
		first := site.home.of(func(m chartMarks) float64 { return m.First })
		rows = append(rows, [3]string{"returning visit, `/`: first chart drawn (" + site.firstOf + ")",
			fmt.Sprintf("median %s, max %s", ms(median(first)), ms(maxNaN(first))), ""})
	}
	rows = append(rows, [3]string{"returning visit, `/`: medians of the HTML in, the scripts in, DOMContentLoaded done",
		fmt.Sprintf("%s, %s, %s", ms(median(site.home.of(func(m chartMarks) float64 { return m.HTML }))),
			ms(median(site.home.of(func(m chartMarks) float64 { return m.Scripts }))), ms(median(site.home.of(func(m chartMarks) float64 { return m.Ready })))), ""})
	alone := site.alone.of(chronology)
	rows = append(rows, [3]string{fmt.Sprintf("returning visit, `/embed/chronology`, the chart alone: chronology drawn (%d runs)", len(alone)),
		fmt.Sprintf("median %s, max %s", ms(median(alone)), ms(maxNaN(alone))), ""})
	blank = site.blank.of(chronology)
	rows = append(rows, [3]string{fmt.Sprintf("returning visit, a blank page (no ties, no ECharts): first animation frame (%d runs)", len(blank)),
		fmt.Sprintf("median %s, max %s", ms(median(blank)), ms(maxNaN(blank))), ""})
	floor := site.floor.of(chronology)
	rows = append(rows, [3]string{fmt.Sprintf("returning visit, a page that draws two bars with ties' ECharts file and nothing else: drawn (%d runs)", len(floor)),
		fmt.Sprintf("median %s, max %s", ms(median(floor)), ms(maxNaN(floor))), ""})
	drawn := site.drawnFloor.of(chronology)
	rows = append(rows, [3]string{fmt.Sprintf("returning visit, a page that holds ties' style sheet and the chronology's drawing from `/`, nothing else: drawn (%d runs), against a blank page's first frame", len(drawn)),
		fmt.Sprintf("median %s, max %s: %.2f×", ms(median(drawn)), ms(maxNaN(drawn)), median(drawn)/median(blank)), ""})
	rows = append(rows,
		[3]string{"events labelled on `/embed/chronology` at 1366×900, of those in view", site.labels.String(), "≥ 34 of 36"},
		[3]string{"events labelled on `/embed/chronology` at 390×844, of those in view", site.labelsPhone.String(), "≥ 12"},
		[3]string{"events labelled on `/embed/chronology` at 1366×900, the dense timeline (`" + c.dense + "`)", site.labelsDense.String(), "≥ 90 %"})
	load := fmt.Sprintf("(%d files of the export, %d connections, %s)", site.pages, c.conns, c.duration)
	rows = append(rows,
		[3]string{"throughput, ties serve " + load, site.tiesRun.describe(c.duration), ""},
		[3]string{"throughput, http.FileServer of the export " + load, site.fileRun.describe(c.duration), ""},
		[3]string{"throughput, ties serve ÷ file server", throughputRatio(site), ""})
	return rows
}

func throughputRatio(site siteResult) string {
	switch {
	case site.tiesRun.errors > 0:
		return fmt.Sprintf("not given: ties serve had %d errors", site.tiesRun.errors)
	case site.fileRun.errors > 0:
		return fmt.Sprintf("not given: the file server had %d errors", site.fileRun.errors)
	case site.fileRun.requests == 0:
		return "not given: the file server answered nothing"
	}
	return fmt.Sprintf("%.2f×", float64(site.tiesRun.requests)/float64(site.fileRun.requests))
}

// measure is a row of scale figures, one value per size.
type measure struct {
	what   string
	values []float64
	format func(float64) string
	budget string
}

func scaleMeasures(scales []scaleResult) []measure {
	col := func(f func(s scaleResult) float64) []float64 {
		var v []float64
		for _, s := range scales {
			v = append(v, f(s))
		}
		return v
	}
	seconds := func(v float64) string { return orDash(v, "%.2f s") }
	whole := func(v float64) string { return orDash(v, "%.0f") }
	count := func(l labelCount, n int) float64 {
		if !l.ok {
			return math.NaN()
		}
		return float64(n)
	}
	mb := func(v float64) string { return orDash(v, "%.0f MB") }
	rows := []measure{
		{"`ties check`, best of 3", col(func(s scaleResult) float64 { return s.check }), seconds, "< 1 s at 10000"},
		{"`ties serve`: start until `/` answers", col(func(s scaleResult) float64 { return s.ready }), seconds, "< 2 s"},
		{"`ties serve`: start until `/` and `/print` come drawn by the server", col(func(s scaleResult) float64 { return s.drawn }), seconds, ""},
		{"`ties serve`: memory when ready (VmRSS)", col(func(s scaleResult) float64 { return s.rssReady }), mb, "< 300 MB"},
		{"`ties serve`: memory after every kind of page (VmRSS)", col(func(s scaleResult) float64 { return s.rssPages }), mb, "< 300 MB"},
		{"`ties serve`: peak memory (VmHWM)", col(func(s scaleResult) float64 { return s.rssPeak }), mb, "< 300 MB"},
		{"returning visit, `/`: chronology drawn (median of 3)", col(func(s scaleResult) float64 { return s.returning }), ms, "< 1000 ms"},
		{"first visit, `/`: chronology drawn (median of 3)", col(func(s scaleResult) float64 { return s.chart }), ms, ""},
		{"first visit, `/`: bytes over the wire, with everything it loads (median of 3)", col(func(s scaleResult) float64 { return s.wire }), kB, ""},
		{"chronology zoom step, median", col(func(s scaleResult) float64 { return median(s.zoom) }), ms, "≤ 50 ms, not enforced"},
		{"chronology zoom step, max", col(func(s scaleResult) float64 { return maxNaN(s.zoom) }), ms, "≤ 50 ms, not enforced"},
		{"chronology pan step, median", col(func(s scaleResult) float64 { return median(s.pan) }), ms, "≤ 50 ms, not enforced"},
		{"chronology pan step, max", col(func(s scaleResult) float64 { return maxNaN(s.pan) }), ms, "≤ 50 ms, not enforced"},
		{"longest task while zooming and panning (0: none of 50 ms or more)", col(func(s scaleResult) float64 {
			if len(s.zoom) == 0 {
				return math.NaN() // not measured
			}
			return s.longest
		}), ms, "< 50 ms, not enforced"},
		{"chronology zoomed to a 200th of its axis: events in view", col(func(s scaleResult) float64 { return count(s.labels, s.labels.InView) }), whole, ""},
		{"chronology zoomed to a 200th of its axis: of them, labelled", col(func(s scaleResult) float64 { return count(s.labels, s.labels.Labelled) }), whole, ""},
		{"`ties build`", col(func(s scaleResult) float64 { return s.build }), seconds, "< 20 s"},
		{"`ties build`: files written", col(func(s scaleResult) float64 { return s.files }), func(v float64) string { return orDash(v, "%.0f") }, ""},
		{"`ties build`: bytes written", col(func(s scaleResult) float64 { return s.bytes / 1e6 }), func(v float64) string { return orDash(v, "%.1f MB") }, ""},
	}
	for i, p := range weighedPaths {
		rows = append(rows, measure{fmt.Sprintf("`%s`: the HTML alone, brotli, once drawn", p),
			col(func(s scaleResult) float64 { return s.weights[i] }), kB, ""})
	}
	return rows
}

// printBudgets writes a line for each budget, and reports whether all held.
// The budgets of drawing on the server: the first chart on a returning
// visit within firstChartRatio of a blank page's first frame, a first visit
// to / within homeBudget bytes, ECharts drawing the chronology within
// zoomBudget ms of a first zoom, and ties serving at least throughputBudget
// of what a plain file server of its export serves.
const (
	firstChartRatio  = 1.3
	homeBudget       = 60e3
	zoomBudget       = 300.0
	throughputBudget = 0.9
)

func printBudgets(w io.Writer, c config, site siteResult, scales []scaleResult) bool {
	ok := true
	verdict := func(held bool, format string, args ...any) {
		word := "pass"
		if !held {
			word, ok = "FAIL", false
		}
		fmt.Fprintf(w, "\n%s: "+format+"\n", append([]any{word}, args...)...)
	}
	fmt.Fprintln(w)
	home := site.weights[0].wire
	verdict(site.weights[0].requests > 0 && home <= homeBudget, "`/` weighs %s on a first visit (budget ≤ %s)", kB(home), kB(homeBudget))
	first, blank := median(site.home.of(firstChart)), median(site.blank.of(chronology))
	verdict(first <= blank*firstChartRatio, "the first chart on `/` was drawn at %s on a returning visit (median), %.2f× a blank page's first frame at %s (budget ≤ %.1f×)",
		ms(first), first/blank, ms(blank), firstChartRatio)
	drawn := median(site.drawnFloor.of(chronology))
	fmt.Fprintf(w, "\nnote: a page of ties' style sheet and the chronology's drawing alone was drawn at %s, %.2f× the blank page: the floor of any page that shows that drawing\n", ms(drawn), drawn/blank)
	fmt.Fprintf(w, "\nnote: the server drew `/`'s charts %.1f s after it started; until then pages had the browser draw them\n", site.drawn)
	verdict(len(site.zoom) > 0 && maxNaN(site.zoom) <= zoomBudget, "a first zoom on `/` had ECharts draw the chronology within %s of the wheel, median %s (budget: max ≤ %.0f ms)",
		ms(maxNaN(site.zoom)), ms(median(site.zoom)), zoomBudget)
	tr := float64(site.tiesRun.requests) / float64(site.fileRun.requests)
	verdict(tr >= throughputBudget, "ties serve answered %.2f× the requests of http.FileServer serving the export (budget ≥ %.1f×)", tr, throughputBudget)
	verdict(site.labels.ok && site.labels.Labelled >= 34, "the chronology labelled %s events at 1366×900 (budget ≥ 34)", site.labels)
	verdict(site.labelsPhone.ok && site.labelsPhone.Labelled >= 12, "the chronology labelled %s events at 390×844 (budget ≥ 12)", site.labelsPhone)
	verdict(site.labelsDense.ok && site.labelsDense.Labelled*10 >= site.labelsDense.InView*9, "the dense timeline's chronology labelled %s events at 1366×900 (budget ≥ 90 %%)", site.labelsDense)
	if i := slices.Index(c.sizes, 10000); i < 0 {
		fmt.Fprintf(w, "\nskipped: `ties check` at 10000 events (budget < 1 s): -sizes has no 10000\n")
	} else if err := scales[i].failed["check"]; err != nil {
		verdict(false, "`ties check` at 10000 events (budget < 1 s) was not measured: %s", firstLine(err))
	} else {
		verdict(scales[i].check < 1, "`ties check` took %.2f s at 10000 events (budget < 1 s)", scales[i].check)
	}
	type limit struct {
		what   string
		step   string // the key of scaleResult.failed
		format string // of the value, with its unit
		budget float64
		text   string // the budget, as written
		value  func(s scaleResult) float64
	}
	for _, l := range []limit{
		{"`ties serve` answered `/` within", "serve", "%.2f s", 2, "< 2 s", func(s scaleResult) float64 { return s.ready }},
		{"`ties serve` used at most", "serve", "%.0f MB", 300, "< 300 MB", func(s scaleResult) float64 { return maxNaN([]float64{s.rssReady, s.rssPages, s.rssPeak}) }},
		{"a returning visit drew the chronology within", "serve", "%.0f ms", 1000, "< 1000 ms", func(s scaleResult) float64 { return s.returning }},
		{"`ties build` took at most", "build", "%.1f s", 20, "< 20 s", func(s scaleResult) float64 { return s.build }},
	} {
		v, at := worstOf(scales, l.value)
		if math.IsNaN(v) {
			why := "see the messages above"
			if err := at.failed[l.step]; err != nil {
				why = firstLine(err)
			}
			verdict(false, "%s … (budget %s): not measured at %d events: %s", l.what, l.text, at.n, why)
			continue
		}
		verdict(v < l.budget, "%s "+l.format+", at %d events (budget %s)", l.what, v, at.n, l.text)
	}
	step, at := worstOf(scales, func(s scaleResult) float64 { return maxNaN(append(slices.Clone(s.zoom), s.pan...)) })
	word := "within"
	if !(step <= 50) {
		word = "OVER"
	}
	fmt.Fprintf(w, "\nnote: the slowest zoom or pan step took %s (at %d events), %s a 50 ms frame budget (not enforced)\n", orDash(step, "%.0f ms"), at.n, word)
	return ok
}

// worstOf is the largest value over the sizes, and the size it was at; NaN
// and the size when a size was not measured.
func worstOf(scales []scaleResult, value func(scaleResult) float64) (float64, scaleResult) {
	worst, at := math.Inf(-1), scaleResult{}
	for _, s := range scales {
		v := value(s)
		if math.IsNaN(v) {
			return v, s
		}
		if v > worst {
			worst, at = v, s
		}
	}
	return worst, at
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return math.NaN()
	}
	s := slices.Sorted(slices.Values(v))
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// maxNaN is the largest of v, or NaN when v is empty or holds NaN.
func maxNaN(v []float64) float64 {
	if len(v) == 0 || slices.ContainsFunc(v, math.IsNaN) {
		return math.NaN()
	}
	return slices.Max(v)
}

// minNaN is the smaller of a and b, where NaN means "none yet".
func minNaN(a, b float64) float64 {
	if math.IsNaN(a) || b < a {
		return b
	}
	return a
}

func ratio(last, prev float64) string {
	if math.IsNaN(last) || math.IsNaN(prev) || prev == 0 {
		return "—"
	}
	return fmt.Sprintf("%.1f×", last/prev)
}

// firstLine is the first line of an error's message, for a line of its own.
func firstLine(err error) string {
	line, _, _ := strings.Cut(err.Error(), "\n")
	return line
}

func orDash(v float64, format string) string {
	if math.IsNaN(v) {
		return "—"
	}
	return fmt.Sprintf(format, v)
}

func kB(bytes float64) string { return orDash(bytes/1000, "%.1f kB") }
func ms(v float64) string     { return orDash(v, "%.0f ms") }

// shortCount writes 10000 as 10k, for a column heading.
func shortCount(n int) string {
	if n >= 1000 && n%100 == 0 {
		return strconv.FormatFloat(float64(n)/1000, 'f', -1, 64) + "k"
	}
	return strconv.Itoa(n)
}
