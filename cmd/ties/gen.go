package main

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"time"

	"ties/timeline"
)

// eventsPerSource is how many events quote each generated source.
const eventsPerSource = 100

var (
	genThemes = []string{"diplomacy", "defence", "energy", "trade", "security", "culture"}
	genActors = []string{"Pakistan", "Russia", "China", "India", "United States", "Iran", "Afghanistan", "Turkey",
		"European Union", "United Kingdom", "Japan", "Kazakhstan", "Uzbekistan", "Saudi Arabia", "SCO", "UN"}
)

// gen writes a synthetic timeline of m.events events, with the sources they
// quote, into m.out, for measuring ties at any size. The same count gives
// the same files.
func (m *Main) gen() int {
	if m.events < 1 || m.events > timeline.MaxEvents {
		fmt.Fprintf(m.Stderr, "ties: --events must be between 1 and %d\n", timeline.MaxEvents)
		return 2
	}
	if entries, err := os.ReadDir(m.out); err == nil && len(entries) > 0 {
		fmt.Fprintf(m.Stderr, "ties: %s is not empty; name a new or empty folder with --out\n", m.out)
		return 1
	}
	if err := writeSynthetic(m.out, m.events); err != nil {
		fmt.Fprintf(m.Stderr, "ties: %v\n", err)
		return 1
	}
	fmt.Fprintf(m.Stdout, "ties: wrote a timeline of %d events and %d sources to %s\n", m.events, (m.events+eventsPerSource-1)/eventsPerSource, m.out)
	return 0
}

func writeSynthetic(dir string, n int) error {
	rng := rand.New(rand.NewPCG(uint64(n), 1))
	if err := os.MkdirAll(filepath.Join(dir, "sources"), 0o755); err != nil {
		return err
	}
	f, err := os.Create(filepath.Join(dir, "events.yaml"))
	if err != nil {
		return err
	}
	defer f.Close()
	w := bufio.NewWriter(f)
	fmt.Fprintf(w, "title: A synthetic timeline of %d events\ndescription: Made by ties gen, to measure ties at this size.\nsources:\n", n)
	for s := 0; s*eventsPerSource < n; s++ {
		fmt.Fprintf(w, "  - id: s%d\n    file: sources/s%d.md\n    title: Synthetic source %d\n", s, s, s)
	}
	fmt.Fprintf(w, "themes:\n")
	for _, th := range genThemes {
		fmt.Fprintf(w, "  - id: %s\n    label: %s\n", th, th)
	}
	fmt.Fprintf(w, "events:\n")
	var src *bufio.Writer
	var srcFile *os.File
	for i := range n {
		if i%eventsPerSource == 0 {
			if src != nil {
				if err := closeSource(src, srcFile); err != nil {
					return err
				}
			}
			s := i / eventsPerSource
			if srcFile, err = os.Create(filepath.Join(dir, "sources", fmt.Sprintf("s%d.md", s))); err != nil {
				return err
			}
			src = bufio.NewWriter(srcFile)
			fmt.Fprintf(src, "# Synthetic source %d\n\n", s)
		}
		day := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(120*365))
		date := day.Format(time.DateOnly)
		words := fmt.Sprintf("%d %s %d", day.Day(), day.Month(), day.Year())
		end := ""
		switch rng.IntN(10) {
		case 0: // a year
			date, words = day.Format("2006"), day.Format("2006")
		case 1: // a month
			date, words = day.Format("2006-01"), day.Format("January 2006")
		case 2: // a span of days
			last := day.AddDate(0, 0, 1+rng.IntN(60))
			end = "\n    end: " + last.Format(time.DateOnly)
			words += fmt.Sprintf(" until %d %s %d", last.Day(), last.Month(), last.Year())
		}
		actors := fmt.Sprintf("[%q, %q]", genActors[rng.IntN(len(genActors))], genActors[rng.IntN(len(genActors))])
		quote := fmt.Sprintf("Event %d of the synthetic timeline happened on %s", i+1, words)
		fmt.Fprintf(src, "%s, in the lane of %s. It stands here so that ties has words to quote.\n\n", quote, genThemes[i%len(genThemes)])
		fmt.Fprintf(w, "  - id: e%d\n    date: %s%s\n    title: Synthetic event %d\n    theme: %s\n    actors: %s\n    source: s%d\n    quote: %q\n",
			i+1, date, end, i+1, genThemes[i%len(genThemes)], uniqueActors(actors), i/eventsPerSource, quote)
	}
	if err := closeSource(src, srcFile); err != nil {
		return err
	}
	return w.Flush()
}

// uniqueActors drops the second actor when it repeats the first.
func uniqueActors(list string) string {
	var a, b string
	if _, err := fmt.Sscanf(list, "[%q, %q]", &a, &b); err == nil && a == b {
		return fmt.Sprintf("[%q]", a)
	}
	return list
}

func closeSource(w *bufio.Writer, f *os.File) error {
	if err := w.Flush(); err != nil {
		return err
	}
	return f.Close()
}
