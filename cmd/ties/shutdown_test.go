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
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// SIGTERM (like Ctrl-C) stops ties once the requests in flight are done: a
// slow download that began before the signal still arrives whole.
func TestSignalFinishesRequestsInFlight(t *testing.T) {
	for _, sig := range []os.Signal{syscall.SIGTERM, os.Interrupt} {
		cmd := exec.Command(os.Args[0], "--addr", "127.0.0.1:0")
		cmd.Env = append(os.Environ(), "TIES_TEST_MAIN=1")
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := bufio.NewScanner(stdout)
		lines.Scan()
		m := regexp.MustCompile(`at http://([0-9.:]+)/`).FindStringSubmatch(lines.Text())
		if m == nil {
			t.Fatalf("ties printed %q", lines.Text())
		}
		const asset = "/assets/vendor/echarts/echarts.custom.min.js"
		conn, err := net.Dial("tcp", m[1])
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\n\r\n", asset, m[1])
		r := bufio.NewReaderSize(conn, 1024)
		resp, err := http.ReadResponse(r, nil)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := strconv.Atoi(resp.Header.Get("Content-Length"))
		first := make([]byte, 1024)
		n, _ := io.ReadFull(resp.Body, first) // the download has begun
		if err := cmd.Process.Signal(sig); err != nil {
			t.Fatal(err)
		}
		// The rest of the download is read once the server says it is stopping.
		if !scanTo(lines, "ties: stopping") {
			t.Fatalf("%v: ties did not say it was stopping", sig)
		}
		rest, err := io.ReadAll(resp.Body)
		conn.Close()
		if err != nil || n+len(rest) != want || want < 500_000 {
			t.Errorf("%v: the download in flight got %d of %d bytes: %v", sig, n+len(rest), want, err)
		}
		scanTo(lines, "ties: stopped")
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
