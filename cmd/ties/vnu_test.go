package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// vnuVersion is the Nu Html Checker the tests use, from npm's vnu-jar,
// which .ci/run installs into .ci/tools.
const vnuVersion = "26.9.27"

// vnuJar finds the Nu Html Checker and Java to run it, or says how to get
// them; CI must have them.
func vnuJar(t *testing.T) (java, jar string) {
	jar = os.Getenv("TIES_VNU_JAR")
	if jar == "" {
		jar = filepath.Join("..", "..", ".ci", "tools", "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
	}
	java, err := exec.LookPath("java")
	if _, statErr := os.Stat(jar); err != nil || statErr != nil {
		msg := "the Nu Html Checker needs Java (Debian's default-jre-headless) and " + jar +
			" (npm install --prefix .ci/tools vnu-jar@" + vnuVersion + "; or set TIES_VNU_JAR)"
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return java, jar
}

// The Nu Html Checker finds no error in any kind of page.
func TestNuHtmlChecker(t *testing.T) {
	java, jar := vnuJar(t)
	s := drawingServer(t) // its pages carry the charts as the server drew them
	dir := t.TempDir()
	var files []string
	names := map[string]string{}
	// The editor's pages, and the pages it adds buttons to, as well.
	es := newEditSite(t)
	editPages := []string{"/edit/new?source=diplomat-2022&quote=" + url.QueryEscape(newQuote), "/edit/events/khan-visits-moscow",
		"/edit/events/khan-visits-moscow/delete", "/edit/saved?event=khan-visits-moscow", "/events/khan-visits-moscow", "/sources/diplomat-2022"}
	for i, path := range append(append(pageKinds, "/?look=dark", "/events?theme=diplomacy"), editPages...) {
		var resp *http.Response
		if i >= len(pageKinds)+2 {
			resp = es.do("GET", path, nil, nil).Result()
			path = "(--edit) " + path
		} else {
			resp = get(t, s, "GET", path)
		}
		body, err := io.ReadAll(resp.Body)
		if err != nil || (resp.StatusCode != http.StatusOK && !strings.Contains(path, "no-such")) {
			t.Fatalf("GET %s: %d %v", path, resp.StatusCode, err)
		}
		f := filepath.Join(dir, "page-"+strconv.Itoa(i)+".html")
		if err := os.WriteFile(f, body, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
		names["file:"+f] = path
	}
	// A page with an error, to show that the checker reads the files.
	bad := filepath.Join(dir, "bad.html")
	if err := os.WriteFile(bad, []byte("<!doctype html><html lang=en><title>x</title><p><div></span>"), 0o644); err != nil {
		t.Fatal(err)
	}
	files = append(files, bad)
	cmd := exec.Command(java, append([]string{"-jar", jar, "--errors-only", "--format", "json", "--stdout", "--exit-zero-always"}, files...)...)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("vnu: %v\n%s", err, out)
	}
	var report struct {
		Messages []struct {
			URL, Type, Message, Extract string
			LastLine                    int
		}
	}
	if err := json.Unmarshal(out, &report); err != nil {
		t.Fatalf("vnu's report is not JSON: %v\n%s", err, out)
	}
	sawBad := false
	for _, m := range report.Messages {
		if m.URL == "file:"+bad {
			sawBad = true
			continue
		}
		t.Errorf("%s line %d: %s: %s (%q)", names[m.URL], m.LastLine, m.Type, m.Message, m.Extract)
	}
	if !sawBad {
		t.Errorf("vnu found no error in a page with a stray </span>: %s", out)
	}
}
