package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// run runs the ties command with args and returns its exit status and output.
func run(tb testing.TB, args ...string) (code int, stdout, stderr string) {
	tb.Helper()
	var out, errOut bytes.Buffer
	code = NewMain(&out, &errOut).Run(context.Background(), args)
	return code, out.String(), errOut.String()
}

func TestCheckDefaultTimeline(t *testing.T) {
	code, out, errOut := run(t, "check")
	if code != 0 {
		t.Fatalf("ties check = %d, stderr:\n%s", code, errOut)
	}
	for _, want := range []string{`ok: "Pakistan–Russia ties": `, " events, ", " themes, 1 source, from ", " stated by their source, ", " cited from elsewhere"} {
		if !strings.Contains(out, want) {
			t.Errorf("ties check printed %q, want it to contain %q", out, want)
		}
	}
	if got := strings.Count(out, "\n"); got != 1 {
		t.Errorf("ties check printed %d lines, want 1", got)
	}
}

func TestCheckJSON(t *testing.T) {
	code, out, _ := run(t, "check", "--json")
	if code != 0 {
		t.Fatalf("ties check --json = %d", code)
	}
	var r checkReport
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if !r.OK || r.Summary == nil || r.Summary.Events < 30 || r.Summary.DateStated+r.Summary.DateCited != r.Summary.Events {
		t.Errorf("report = %+v, want ok with a summary of every event", r)
	}
}

// writeTimeline writes a timeline folder with the given event file.
func writeTimeline(tb testing.TB, events string) string {
	tb.Helper()
	dir := tb.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "sources"), 0o755); err != nil {
		tb.Fatal(err)
	}
	src := "# Title\n\nIn 2014, Russia lifted its embargo on arms sales to Pakistan.\n"
	if err := os.WriteFile(filepath.Join(dir, "sources", "a.md"), []byte(src), 0o644); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "events.yaml"), []byte(events), 0o644); err != nil {
		tb.Fatal(err)
	}
	return dir
}

const badEvents = `title: T
sources:
  - id: a
    file: sources/a.md
    title: A
themes:
  - id: defence
    label: Defence
events:
  - id: embargo
    date: 2014-02-30
    title: Embargo lifted
    theme: defense
    quote: "In 2014, Russia lifted its embargo"
`

func TestCheckReportsProblems(t *testing.T) {
	dir := writeTimeline(t, badEvents)
	code, out, errOut := run(t, "check", "--data", dir)
	if code != 1 {
		t.Errorf("ties check = %d, want 1", code)
	}
	if out != "" {
		t.Errorf("stdout = %q, want nothing", out)
	}
	file := filepath.Join(dir, "events.yaml")
	for _, want := range []string{
		file + `:11:11: event "embargo": date "2014-02-30" is not a date: February 2014 has 28 days`,
		file + `:13:12: event "embargo": theme "defense" is not one of the themes; did you mean "defence"?`,
		"2 problems; nothing was loaded.",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr does not contain %q:\n%s", want, errOut)
		}
	}
}

func TestCheckReportsProblemsAsJSON(t *testing.T) {
	dir := writeTimeline(t, badEvents)
	code, out, _ := run(t, "check", "--json", "--data", dir)
	if code != 1 {
		t.Errorf("ties check --json = %d, want 1", code)
	}
	var r checkReport
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if r.OK || len(r.Problems) != 2 || r.Problems[0].Line != 11 || r.Problems[0].Column != 11 || r.Problems[0].Event != "embargo" {
		t.Errorf("report = %+v, want two problems, the first at 11:11 for event embargo", r)
	}
}

func TestCheckValidFolder(t *testing.T) {
	dir := writeTimeline(t, strings.Replace(strings.Replace(badEvents, "2014-02-30", "2014", 1), "defense", "defence", 1))
	code, out, errOut := run(t, "check", "--data", dir)
	if code != 0 || !strings.Contains(out, `ok: "T": 1 event, 1 theme, 1 source, from 2014 to 2014; dates: 1 stated by their source, 0 cited`) {
		t.Errorf("ties check = %d, stdout %q, stderr %q", code, out, errOut)
	}
}

func TestCommandLine(t *testing.T) {
	for _, tt := range []struct {
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{[]string{"--help"}, 0, "ties check [--data DIR] [--json]", ""},
		{[]string{"help"}, 0, "ties [serve] [--addr HOST:PORT] [--data DIR [--watch | --edit]] [--base /path/ | --url URL]", ""},
		{[]string{"serve", "--json"}, 2, "", "flag provided but not defined: -json"},
		{[]string{"--addr", "nowhere:1:2"}, 1, "", "cannot listen on nowhere:1:2"},
		{[]string{"serve", "--data", "/no/such/folder"}, 1, "", "/no/such/folder: no such folder"},
		{[]string{"bogus"}, 2, "", `ties: unknown command "bogus"`},
		{[]string{"check", "--colour"}, 2, "", "flag provided but not defined: -colour"},
		{[]string{"check", "extra"}, 2, "", `unexpected argument "extra"`},
		{[]string{"check", "--data", "/no/such/folder"}, 1, "", "/no/such/folder: no such folder; --data names a folder that holds events.yaml"},
	} {
		code, out, errOut := run(t, tt.args...)
		if code != tt.code || !strings.Contains(out, tt.stdout) || !strings.Contains(errOut, tt.stderr) {
			t.Errorf("ties %v = %d, stdout %q, stderr %q; want %d, %q, %q", tt.args, code, out, errOut, tt.code, tt.stdout, tt.stderr)
		}
	}
}

// A bare "ties" serves the built-in timeline, prints where, and stops
// cleanly when asked to.
func TestServeDefault(t *testing.T) {
	addr, stop := serving(t, "--addr", "127.0.0.1:0")
	resp, err := http.Get("http://" + addr + "/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "<h1>Pakistan–Russia ties</h1>") {
		t.Errorf("GET / = %d, want 200 with the timeline's title", resp.StatusCode)
	}
	code, out, errOut := stop()
	if code != 0 {
		t.Errorf("ties exited with %d after the context ended: %s", code, errOut)
	}
	if want := "ties: serving \"Pakistan–Russia ties\" (" + plural(len(defaultTimeline(t).Events), "event") + ") at http://" + addr + "/"; !strings.Contains(out, want) {
		t.Errorf("ties printed %q, want it to contain %q", out, want)
	}
}

// serving runs "ties" with args until the test ends or stop is called, and
// returns the address it listens on and a stop that ends it and returns
// its exit status and output.
func serving(tb testing.TB, args ...string) (addr string, stop func() (code int, stdout, stderr string)) {
	tb.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var out, errOut bytes.Buffer
	m := NewMain(&out, &errOut)
	addrs := make(chan string, 1)
	m.ready = func(addr string) { addrs <- addr }
	codes := make(chan int, 1)
	go func() { codes <- m.Run(ctx, args) }()
	select {
	case addr = <-addrs:
	case c := <-codes:
		cancel()
		tb.Fatalf("ties %v exited with %d: %s", args, c, errOut.String())
	}
	stopped := false
	var code int
	stop = func() (int, string, string) {
		if !stopped {
			stopped = true
			cancel()
			code = <-codes
		}
		return code, out.String(), errOut.String()
	}
	tb.Cleanup(func() { stop() })
	return addr, stop
}
