package pdf_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"backcare"
	"backcare/catalog"
	"backcare/pdf"
)

var when = time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC)

func routine(t testing.TB, id string) backcare.Routine {
	t.Helper()
	cat := catalog.Builtin()
	r, err := cat.Routine(id)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// longRoutine holds every built-in pose: more than fits on one page.
func longRoutine(t testing.TB) backcare.Routine {
	t.Helper()
	cat := catalog.Builtin()
	r := backcare.Routine{ID: "everything", Name: "Every pose", Purpose: "All the built-in poses, to test how a chart flows over pages."}
	for _, p := range cat.Poses() {
		r.Entries = append(r.Entries, backcare.Entry{Pose: p, Dose: p.Dose})
	}
	return r
}

func chart(t testing.TB, r backcare.Routine, paper string) string {
	t.Helper()
	var buf bytes.Buffer
	if err := pdf.Chart(&buf, r, pdf.Options{Paper: paper, Now: when}); err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(t.TempDir(), r.ID+".pdf")
	if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

// poppler runs a poppler tool, skipping the test when it is not installed.
func poppler(t *testing.T, tool string, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath(tool); err != nil {
		t.Skipf("%s is not installed (apt-get install poppler-utils); skipping the PDF check", tool)
	}
	out, err := exec.Command(tool, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", tool, strings.Join(args, " "), err, out)
	}
	return string(out)
}

func TestChartInfo(t *testing.T) {
	tests := []struct {
		paper string
		size  string
	}{
		{"a4", "(A4)"},
		{"letter", "(letter)"},
		{"", "(A4)"},
	}
	for _, tt := range tests {
		t.Run("paper "+tt.paper, func(t *testing.T) {
			info := poppler(t, "pdfinfo", chart(t, routine(t, catalog.DefaultRoutine), tt.paper))
			for _, want := range []string{"Pages:           1\n", tt.size, "Title:           Lower back relief: pose chart", "Subject:         Three gentle stretches"} {
				if !strings.Contains(info, want) {
					t.Errorf("pdfinfo = %s\nwant it to contain %q", info, want)
				}
			}
		})
	}
}

func TestChartText(t *testing.T) {
	r := routine(t, catalog.DefaultRoutine)
	text := poppler(t, "pdftotext", "-layout", chart(t, r, "a4"), "-")
	flat := strings.Join(strings.Fields(text), " ")
	want := []string{
		"Hold 1 minute, each side", // the lunge
		"5/10", "how strong the stretch should feel", "not a pain score",
		"see a doctor", "sharp pain, numbness or tingling",
		"Printed 14 March 2026", "Page 1 of 1",
	}
	for _, e := range r.Entries {
		want = append(want, e.Pose.Name, e.Pose.Steps[0])
	}
	for _, w := range want {
		if !strings.Contains(flat, w) {
			t.Errorf("the chart's text lacks %q:\n%s", w, text)
		}
	}
	if n := strings.Count(flat, "each side"); n != 1 {
		t.Errorf(`"each side" appears %d times, want once (only the lunge is sided)`, n)
	}
	if n := strings.Count(flat, "Hold 1 minute"); n != 3 {
		t.Errorf(`"Hold 1 minute" appears %d times, want 3`, n)
	}
}

func TestChartFontsEmbedded(t *testing.T) {
	out := poppler(t, "pdffonts", chart(t, routine(t, catalog.DefaultRoutine), "a4"))
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 3 {
		t.Fatalf("pdffonts = %s, want fonts listed", out)
	}
	for _, l := range lines[2:] {
		f := strings.Fields(l)
		// name type... encoding emb sub uni object ID
		if len(f) < 6 || f[len(f)-5] != "yes" {
			t.Errorf("font not embedded: %s", l)
		}
	}
}

// TestChartFlowsOverPages checks that a long routine takes several pages
// and that no pose is split: each pose's name and its last stop sign are on
// the same page.
func TestChartFlowsOverPages(t *testing.T) {
	r := longRoutine(t)
	name := chart(t, r, "a4")
	info := poppler(t, "pdfinfo", name)
	text := poppler(t, "pdftotext", name, "-")
	pages := strings.Split(text, "\f")
	// Every built-in pose: the page count grows with the catalog, so read
	// it, and check that a long routine does flow over several pages.
	n := 0
	for _, l := range strings.Split(info, "\n") {
		if f := strings.Fields(l); len(f) == 2 && f[0] == "Pages:" {
			n, _ = strconv.Atoi(f[1])
		}
	}
	if n < 3 {
		t.Errorf("pdfinfo = %s, want at least 3 pages for %d poses", info, len(r.Entries))
	}
	for _, e := range r.Entries {
		last := e.Pose.StopSigns[len(e.Pose.StopSigns)-1]
		lastWord := strings.Fields(last)
		tail := lastWord[len(lastWord)-1]
		found := false
		for i, p := range pages {
			flat := strings.Join(strings.Fields(p), " ")
			// A longer name that holds this one ("Dead Bug Hold" holds
			// "Dead Bug") is another pose: leave it out of the search.
			for _, o := range r.Entries {
				if o.Pose.Name != e.Pose.Name && strings.Contains(o.Pose.Name, e.Pose.Name) {
					flat = strings.ReplaceAll(flat, o.Pose.Name, "")
				}
			}
			if strings.Contains(flat, e.Pose.Name) {
				found = true
				after := flat[strings.Index(flat, e.Pose.Name):]
				if !strings.Contains(after, "Stop at once on") || !strings.Contains(after, tail) {
					t.Errorf("%s starts on page %d but its stop signs are not on that page", e.Pose.Name, i+1)
				}
				if !strings.Contains(flat, fmt.Sprintf("Page %d of %d", i+1, n)) || !strings.Contains(flat, "see a doctor") {
					t.Errorf("page %d lacks its footer", i+1)
				}
			}
		}
		if !found {
			t.Errorf("%s is on no page", e.Pose.Name)
		}
	}
}

func TestChartBadInput(t *testing.T) {
	r := routine(t, catalog.DefaultRoutine)
	var buf bytes.Buffer
	err := pdf.Chart(&buf, r, pdf.Options{Paper: "a3", Now: when})
	var be *backcare.Error
	if !errors.As(err, &be) || be.Code != backcare.EINVALID || !strings.Contains(be.Message, `"a3"`) || be.Hint == "" {
		t.Errorf("Chart(paper a3) = %v, want an invalid-input error with a hint", err)
	}
	if buf.Len() != 0 {
		t.Errorf("Chart(paper a3) wrote %d bytes, want none", buf.Len())
	}
	err = pdf.Chart(&buf, backcare.Routine{ID: "empty"}, pdf.Options{Now: when})
	if backcare.ErrorCode(err) != backcare.EINVALID || buf.Len() != 0 {
		t.Errorf("Chart(empty routine) = %v and %d bytes, want an invalid-input error and nothing written", err, buf.Len())
	}
}

// TestChartSameInputSameFile checks that the injected date makes the file
// reproducible.
func TestChartSameInputSameFile(t *testing.T) {
	r := routine(t, catalog.DefaultRoutine)
	var a, b bytes.Buffer
	if err := pdf.Chart(&a, r, pdf.Options{Now: when}); err != nil {
		t.Fatal(err)
	}
	if err := pdf.Chart(&b, r, pdf.Options{Now: when}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two charts of the same routine on the same date differ")
	}
}

func BenchmarkChart(b *testing.B) {
	r := routine(b, catalog.DefaultRoutine)
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := pdf.Chart(&buf, r, pdf.Options{Now: when}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len())/1024, "KB/chart")
}
