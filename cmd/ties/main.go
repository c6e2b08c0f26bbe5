// Command ties checks and shows timelines in which every event is tied to the
// passage of the article it comes from.
//
// Usage:
//
//	ties [serve] [--addr HOST:PORT] [--data DIR [--watch | --edit]] [--base /path/ | --url URL]
//	ties check [--data DIR] [--json]
//	ties build --out DIR [--base /path/ | --url URL] [--data DIR]
//	ties gen --events N --out DIR
//	ties init DIR [--title "…"] [--source FILE]
//	ties add-source FILE [--data DIR]
//	ties import timelinejs FILE --out DIR
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"ties/data"
	"ties/timeline"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// After the first signal, a second one stops ties at once.
	context.AfterFunc(ctx, stop)
	m := NewMain(os.Stdout, os.Stderr)
	os.Exit(m.Run(ctx, os.Args[1:]))
}

const usage = `ties shows timelines in which every event is tied to the passage it comes from.

Usage:
  ties [serve] [--addr HOST:PORT] [--data DIR [--watch | --edit]] [--base /path/ | --url URL]
                                      serve the timeline as a web site
  ties check [--data DIR] [--json]    check a timeline and print a summary
  ties build --out DIR [--base /path/ | --url URL] [--data DIR]
                                      write the whole site as static files
  ties gen --events N --out DIR       write a synthetic timeline of N events
  ties init DIR [--title "…"] [--source FILE]
                                      start a timeline in a new or empty folder, from a
                                      .md, .txt or .html source if given
  ties add-source FILE [--data DIR]   add a .md, .txt or .html file as a source of the timeline
  ties import timelinejs FILE --out DIR
                                      make a timeline of TimelineJS's JSON or its sheet's CSV

Flags:
  --addr HOST:PORT   where to serve (default 127.0.0.1:8080)
  --data DIR         read DIR/events.yaml and its sources instead of the built-in timeline
  --watch            reload when the files in --data change, keeping the last good timeline on a broken edit
  --edit             add, edit and delete events in the browser (implies --watch; loopback addresses only)
  --json             print the summary, or the problems, as JSON
  --out DIR          the folder to write into (new, empty, or an earlier build)
  --events N         how many events gen makes (default 1000)
  --title "…"        init: the timeline's title (default: the source's)
  --source FILE      init: the article the timeline follows
  --base /path/      the path the site is served or published under (default /; "ties",
                     "/ties" and "/ties/" are the same)
  --url URL          the site's public address, such as https://example.org/ties/, for oEmbed
                     (its path is the base)
`

// errUsage marks a mistake in the command line; its message is printed
// before the usage.
var errUsage = errors.New("usage")

// Main is the ties command: its output streams and parsed flags.
type Main struct {
	Stdout, Stderr io.Writer

	command string
	dataDir string // empty for the built-in timeline
	json    bool
	addr    string

	out       string // build: the folder to write
	base      string // build and serve: the path the site lives under
	publicURL string // build and serve: the site's public address

	watch  bool // serve: reload when the files change
	edit   bool // serve: the editor, which implies watch
	events int  // gen: how many events to make

	title      string // init: the timeline's title
	sourceFile string // init and add-source: the source to add

	// ready, when set, receives the address the server listens on.
	ready func(addr string)
	// reloaded, when set, is called after each reload of a watched folder.
	reloaded func()
}

// NewMain returns a Main writing to the given streams.
func NewMain(stdout, stderr io.Writer) *Main {
	return &Main{Stdout: stdout, Stderr: stderr}
}

// Run parses args, runs the command they name and returns the exit status:
// 0 for success, 1 when the timeline has problems, 2 for a mistaken command line.
func (m *Main) Run(ctx context.Context, args []string) int {
	if err := m.ParseFlags(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(m.Stdout, usage)
			return 0
		}
		fmt.Fprintf(m.Stderr, "ties: %v\n\n%s", err, usage)
		return 2
	}
	switch m.command {
	case "serve":
		return m.serve(ctx)
	case "check":
		return m.check()
	case "build":
		return m.build()
	case "gen":
		return m.gen()
	case "init":
		return m.initTimeline(time.Now())
	case "add-source":
		return m.addSource()
	case "import":
		return m.importCommand()
	}
	return 2
}

// ParseFlags reads the command and its flags from args.
func (m *Main) ParseFlags(args []string) error {
	m.command = "serve"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		m.command, args = args[0], args[1:]
	}
	// init and add-source name their folder or file first.
	var positional string
	if (m.command == "init" || m.command == "add-source") && len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		positional, args = args[0], args[1:]
	}
	if m.command == "import" {
		if len(args) == 0 || args[0] != "timelinejs" {
			return fmt.Errorf("import takes the format first: ties import timelinejs FILE --out DIR")
		}
		args = args[1:]
		if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
			positional, args = args[0], args[1:]
		}
	}
	fs := flag.NewFlagSet("ties "+m.command, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&m.dataDir, "data", "", "")
	switch m.command {
	case "help":
		return flag.ErrHelp
	case "serve":
		fs.StringVar(&m.addr, "addr", "127.0.0.1:8080", "")
		fs.StringVar(&m.base, "base", "", "")
		fs.StringVar(&m.publicURL, "url", "", "")
		fs.BoolVar(&m.watch, "watch", false, "")
		fs.BoolVar(&m.edit, "edit", false, "")
	case "gen":
		fs.IntVar(&m.events, "events", 1000, "")
		fs.StringVar(&m.out, "out", "", "")
	case "build":
		fs.StringVar(&m.out, "out", "", "")
		fs.StringVar(&m.base, "base", "", "")
		fs.StringVar(&m.publicURL, "url", "", "")
	case "check":
		fs.BoolVar(&m.json, "json", false, "")
	case "init":
		fs.StringVar(&m.title, "title", "", "")
		fs.StringVar(&m.sourceFile, "source", "", "")
	case "add-source":
	case "import":
		fs.StringVar(&m.out, "out", "", "")
	default:
		return fmt.Errorf("unknown command %q", m.command)
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if m.edit {
		if m.dataDir == "" {
			return fmt.Errorf("--edit needs --data DIR, the folder whose events.yaml it changes; the built-in timeline cannot be edited")
		}
		if host, _, err := net.SplitHostPort(m.addr); err != nil || !loopback(host) {
			return fmt.Errorf("--edit serves only on a loopback address, such as 127.0.0.1:8080, since anyone who reaches it can change the files; --addr %s is not one", m.addr)
		}
		m.watch = true // the edits show at once
	}
	if m.watch && m.dataDir == "" {
		return fmt.Errorf("--watch needs --data DIR, the folder to watch; the built-in timeline never changes")
	}
	if m.command == "build" && m.out == "" {
		return fmt.Errorf("build needs --out DIR, the folder to write the site into")
	}
	if m.command == "init" {
		if positional == "" {
			return fmt.Errorf("init needs DIR, the new or empty folder to start the timeline in")
		}
		m.out = positional
	}
	if m.command == "add-source" {
		if positional == "" {
			return fmt.Errorf("add-source needs FILE, the .md, .txt or .html file to add as a source")
		}
		m.sourceFile = positional
	}
	if m.command == "import" {
		if positional == "" || m.out == "" {
			return fmt.Errorf("import needs FILE, TimelineJS's JSON or the CSV of its sheet, and --out DIR, a new or empty folder")
		}
		m.sourceFile = positional
	}
	if m.command == "gen" && m.out == "" {
		return fmt.Errorf("gen needs --out DIR, the folder to write the timeline into")
	}
	return nil
}

// siteOptions reads --url and --base, in any of the ways a user may write
// them, into the options of the site's server.
func (m *Main) siteOptions() ([]Option, error) {
	opts, err := m.addressOptions()
	return append(opts, WithDrawing()), err
}

// addressOptions are the options for the site's address.
func (m *Main) addressOptions() ([]Option, error) {
	switch {
	case m.publicURL != "" && m.base != "":
		return nil, errors.New("give --url or --base, not both: the path of --url is the base")
	case m.publicURL != "":
		u, err := url.Parse(m.publicURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil ||
			u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || !validBase(u.Path) {
			return nil, fmt.Errorf("--url %q is not a web address; give the address the site will have, such as https://example.org/ties/", m.publicURL)
		}
		return []Option{WithPublicURL(m.publicURL)}, nil
	case m.base != "":
		if !validBase(m.base) {
			return nil, fmt.Errorf("--base %q is not a path; write it like /ties/ or /docs/timeline/, or / for the root", m.base)
		}
		return []Option{WithBase(m.base)}, nil
	}
	return nil, nil
}

// loadTimeline loads the timeline in dir, or the built-in one when dir is empty.
func loadTimeline(dir string) (*timeline.Timeline, error) {
	if dir == "" {
		return timeline.Load(data.FS, "data")
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return nil, timeline.Problems{{File: dir, Message: "no such folder; --data names a folder that holds events.yaml"}}
	}
	return timeline.Load(os.DirFS(dir), dir)
}
