package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// chartEnv fixes the date and the locale of a chart run.
func chartEnv(extra ...string) map[string]string {
	env := map[string]string{"SOURCE_DATE_EPOCH": "1773480600", "LANG": "en_GB.UTF-8"}
	for i := 0; i+1 < len(extra); i += 2 {
		env[extra[i]] = extra[i+1]
	}
	return env
}

func TestChartWritesFile(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "relief.pdf")
	r := runT(t, chartEnv(), "chart", "-o", out)
	if r.code != 0 {
		t.Fatalf("exit code = %d, stderr = %s", r.code, r.stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("%PDF-")) || !bytes.Contains(data, []byte("%%EOF")) {
		t.Errorf("%s is not a whole PDF (%d bytes)", out, len(data))
	}
	if !strings.Contains(r.stdout, out) {
		t.Errorf("stdout = %q, want it to name the file", r.stdout)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("the folder holds %d files, want only the chart (no temporary files left)", len(entries))
	}
}

func TestChartDefaultName(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	r := runT(t, chartEnv(), "chart")
	if r.code != 0 {
		t.Fatalf("exit code = %d, stderr = %s", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "lower-back-relief-chart.pdf")); err != nil {
		t.Errorf("default file: %v", err)
	}
}

func TestChartToStdout(t *testing.T) {
	a := runT(t, chartEnv(), "chart", "lower-back-relief", "-o", "-")
	b := runT(t, chartEnv(), "chart", "-o", "-", "--paper", "a4")
	if a.code != 0 || !strings.HasPrefix(a.stdout, "%PDF-") {
		t.Fatalf("exit code = %d, stdout starts %q, stderr = %s", a.code, a.stdout[:min(10, len(a.stdout))], a.stderr)
	}
	if a.stdout != b.stdout {
		t.Error("the same chart on the same date gave different files")
	}
	letter := runT(t, chartEnv("LC_PAPER", "en_US.UTF-8"), "chart", "-o", "-")
	if letter.code != 0 || letter.stdout == a.stdout {
		t.Errorf("a US locale gave the same file as a British one (exit code %d)", letter.code)
	}
	if !strings.Contains(letter.stdout, "/MediaBox [0 0 612.00 792.00]") {
		t.Error("a US locale did not give US Letter pages")
	}
}

func TestChartBadInput(t *testing.T) {
	dir := t.TempDir()
	readOnly := filepath.Join(dir, "locked")
	if err := os.Mkdir(readOnly, 0o555); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		file string // must not exist afterwards
		want string
	}{
		{"unknown routine", []string{"chart", "lower-back-releif", "-o", filepath.Join(dir, "a.pdf")}, filepath.Join(dir, "a.pdf"), `there is no routine called "lower-back-releif"`},
		{"unknown paper", []string{"chart", "--paper", "a3", "-o", filepath.Join(dir, "b.pdf")}, filepath.Join(dir, "b.pdf"), `--paper "a3" is not a paper size`},
		{"missing folder", []string{"chart", "-o", filepath.Join(dir, "nowhere", "c.pdf")}, filepath.Join(dir, "nowhere", "c.pdf"), "cannot write"},
		{"unwritable folder", []string{"chart", "-o", filepath.Join(readOnly, "d.pdf")}, filepath.Join(readOnly, "d.pdf"), "cannot write"},
		{"a folder as the file", []string{"chart", "-o", readOnly}, "", "it is a folder"},
		{"two routines", []string{"chart", "a", "b"}, "", "takes at most 1 argument"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.name == "unwritable folder" && os.Geteuid() == 0 {
				t.Skip("root can write into a read-only folder")
			}
			r := runT(t, chartEnv(), tt.args...)
			if r.code != 2 {
				t.Errorf("exit code = %d, want 2; stderr = %s", r.code, r.stderr)
			}
			if !strings.Contains(r.stderr, tt.want) || !strings.Contains(r.stderr, "hint:") {
				t.Errorf("stderr = %q, want it to contain %q and a hint", r.stderr, tt.want)
			}
			if r.stdout != "" {
				t.Errorf("stdout = %q, want nothing", r.stdout)
			}
			if tt.file != "" {
				if _, err := os.Stat(tt.file); !os.IsNotExist(err) {
					t.Errorf("%s exists after a failed chart", tt.file)
				}
			}
			entries, _ := os.ReadDir(readOnly)
			if len(entries) != 0 {
				t.Errorf("a temporary file was left behind in %s", readOnly)
			}
		})
	}
}

func TestLocalePaper(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"nothing set", nil, "a4"},
		{"British", map[string]string{"LANG": "en_GB.UTF-8"}, "a4"},
		{"American", map[string]string{"LANG": "en_US.UTF-8"}, "letter"},
		{"Canadian French", map[string]string{"LANG": "fr_CA.UTF-8"}, "letter"},
		{"Mexican", map[string]string{"LANG": "es_MX"}, "letter"},
		{"LC_PAPER over LANG", map[string]string{"LANG": "en_US.UTF-8", "LC_PAPER": "de_DE.UTF-8"}, "a4"},
		{"LC_ALL over LC_PAPER", map[string]string{"LC_PAPER": "de_DE.UTF-8", "LC_ALL": "en_US.UTF-8"}, "letter"},
		{"C locale", map[string]string{"LANG": "C.UTF-8"}, "a4"},
		{"modifier", map[string]string{"LANG": "en_US@euro"}, "letter"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := localePaper(func(k string) string { return tt.env[k] }); got != tt.want {
				t.Errorf("localePaper = %q, want %q", got, tt.want)
			}
		})
	}
}
