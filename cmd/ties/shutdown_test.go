package main

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// SIGTERM (like Ctrl-C) stops ties once the requests in flight are done: a
// form whose sending began before the signal, and ends after it, is read
// whole and answered. (ties refuses it, as it has no token; what counts is
// that the answer comes.) A server that closed its connections at once would
// cut the form off, and the answer would never come.
func TestSignalFinishesRequestsInFlight(t *testing.T) {
	dir := timelineDir(t)
	for _, sig := range []os.Signal{syscall.SIGTERM, os.Interrupt} {
		cmd := exec.Command(os.Args[0], "--addr", "127.0.0.1:0", "--data", dir, "--edit")
		cmd.Env = append(os.Environ(), "TIES_TEST_MAIN=1")
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := bufio.NewScanner(stdout)
		if !scanTo(lines, "ties: serving") {
			t.Fatalf("%v: ties did not say it was serving", sig)
		}
		m := regexp.MustCompile(`at http://([0-9.:]+)/`).FindStringSubmatch(lines.Text())
		if m == nil {
			t.Fatalf("ties printed %q", lines.Text())
		}
		conn, err := net.Dial("tcp", m[1])
		if err != nil {
			t.Fatal(err)
		}
		conn.SetDeadline(time.Now().Add(time.Minute))
		body := "title=" + strings.Repeat("x", 2000)
		half := len(body) / 2
		// The server answers "100 Continue" when its handler first reads
		// the form: then the request is in flight.
		fmt.Fprintf(conn, "POST /edit/check HTTP/1.1\r\nHost: %s\r\nOrigin: http://%[1]s\r\nExpect: 100-continue\r\n"+
			"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n", m[1], len(body))
		answers := bufio.NewReader(conn)
		if resp, err := http.ReadResponse(answers, nil); err != nil || resp.StatusCode != http.StatusContinue {
			t.Fatalf("%v: the form's headers got %v, %v; want 100 Continue", sig, resp, err)
		}
		io.WriteString(conn, body[:half])
		if err := cmd.Process.Signal(sig); err != nil {
			t.Fatal(err)
		}
		// The rest of the form is sent once the server says it is stopping.
		if !scanTo(lines, "ties: stopping") {
			t.Fatalf("%v: ties did not say it was stopping", sig)
		}
		_, werr := io.WriteString(conn, body[half:])
		resp, err := http.ReadResponse(answers, nil)
		if err != nil {
			t.Errorf("%v: the form in flight got no answer (sending its end: %v): %v", sig, werr, err)
		} else {
			answer, err := io.ReadAll(resp.Body)
			if resp.StatusCode != http.StatusForbidden || !strings.Contains(string(answer), "token") || err != nil {
				t.Errorf("%v: the form in flight got %d %q (%v), want ties' refusal for want of a token", sig, resp.StatusCode, answer, err)
			}
		}
		conn.Close()
		if !scanTo(lines, "ties: stopped") {
			t.Errorf("%v: ties did not say it had stopped", sig)
		}
		if err := cmd.Wait(); err != nil {
			t.Errorf("%v: ties exited with %v", sig, err)
		}
	}
}

// scanTo reads lines until one holds s, and says whether one did.
func scanTo(lines *bufio.Scanner, s string) bool {
	for lines.Scan() {
		if strings.Contains(lines.Text(), s) {
			return true
		}
	}
	return false
}
