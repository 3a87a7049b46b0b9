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
	for _, paper := range []string{"a4", "letter"} {
		t.Run(paper, func(t *testing.T) {
			text := poppler(t, "pdftotext", chart(t, r, paper), "-")
			flat := strings.Join(strings.Fields(text), " ")
			want := []string{
				"each side, right side shown", // the lunge
				"Hold 1 minute · stretch 5/10",
				"5/10 means a clear, easy pull", "not a pain score",
				"How often? Once a day, every day", "Week 1", "Week 2", "Name", "Started on", "Note from your clinician",
				"Stop at once and rest if you feel: sharp, stabbing or shooting pain",
				"see a doctor", "printed 14 Mar 2026",
				"hip-width", // an ASCII hyphen, not a dash
			}
			for _, e := range r.Entries {
				want = append(want, e.Pose.Name, e.Pose.Steps[0])
			}
			for _, w := range want {
				if !strings.Contains(flat, w) {
					t.Errorf("the chart's text lacks %q:\n%s", w, text)
				}
			}
			for _, tt := range []struct {
				what string
				n    int
			}{
				{"each side", 1},                    // only the lunge is sided
				{"Hold 1 minute", 3},                // every pose
				{"Hold 1 minute · stretch 5/10", 3}, // each dose one line, the same way
				{"Stop at once", 1},                 // once on the page, not under every pose
				{"Feeling dizzy", 0},                // lower-cased in the sentence
				{"\u2013", 0},                       // no en dash where the text has hyphens
				{"\u2010", 0},                       // nor a Unicode hyphen
				{"feeling dizzy", 1},                // each stop sign once
				{"numbness, tingling", 1},
				{"Page ", 0}, // no "Page 1 of 1" on a sheet of one page
			} {
				if n := strings.Count(flat, tt.what); n != tt.n {
					t.Errorf("%q appears %d times, want %d", tt.what, n, tt.n)
				}
			}
		})
	}
}

// TestChartFontsEmbedded checks that the chart embeds the humanist sans,
// a regular and a true bold face.
func TestChartFontsEmbedded(t *testing.T) {
	out := poppler(t, "pdffonts", chart(t, routine(t, catalog.DefaultRoutine), "a4"))
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 3 {
		t.Fatalf("pdffonts = %s, want fonts listed", out)
	}
	var names []string
	for _, l := range lines[2:] {
		f := strings.Fields(l)
		// name type... encoding emb sub uni object ID
		if len(f) < 6 || f[len(f)-5] != "yes" {
			t.Errorf("font not embedded: %s", l)
		}
		if _, name, ok := strings.Cut(f[0], "+"); ok {
			names = append(names, name)
		}
	}
	if got := strings.Join(names, " "); got != "DejaVuSansCondensed DejaVuSansCondensed-Bold" {
		t.Errorf("fonts = %q, want DejaVuSansCondensed DejaVuSansCondensed-Bold (a true bold)", got)
	}
}

// TestChartFlowsOverPages checks that a long routine takes several pages,
// that no pose is split (each pose's name and its last step are on the
// same page) and that every page says once when to stop.
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
	for i, p := range pages[:n] {
		if c := strings.Count(p, "Stop at once"); c != 1 {
			t.Errorf("page %d says %d times when to stop, want once", i+1, c)
		}
	}
	for k, e := range r.Entries {
		// Hyphens left out: a name broken after one at a line's end
		// ("26 Heel-to- / Toe Stance") is read by pdftotext as joined,
		// without it ("Heel-toToe").
		name := strings.ReplaceAll(fmt.Sprintf("%d %s", k+1, e.Pose.Name), "-", "")
		last := e.Pose.Steps[len(e.Pose.Steps)-1]
		lastWord := strings.Fields(strings.ReplaceAll(last, "-", ""))
		tail := lastWord[len(lastWord)-1]
		found := false
		for i, p := range pages {
			flat := strings.ReplaceAll(strings.Join(strings.Fields(p), " "), "-", "")
			if strings.Contains(flat, name) {
				found = true
				after := flat[strings.Index(flat, name):]
				if !strings.Contains(after, tail) {
					t.Errorf("%s starts on page %d but its last step is not on that page", e.Pose.Name, i+1)
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

// TestChartPoseWithoutPicture prints a pose that has no figure (a
// clinic's own may have none) with a panel that says so, not a person
// standing that its steps do not describe.
func TestChartPoseWithoutPicture(t *testing.T) {
	r := routine(t, catalog.DefaultRoutine)
	r.Entries[1].Pose.Figure = backcare.Figure{}
	name := chart(t, r, "a4")
	flat := strings.Join(strings.Fields(poppler(t, "pdftotext", name, "-")), " ")
	if n := strings.Count(flat, "No picture Follow the steps"); n != 1 {
		t.Errorf("the chart says %d times that a pose has no picture, want once:\n%s", n, flat)
	}
	if !strings.Contains(flat, r.Entries[1].Pose.Steps[0]) {
		t.Errorf("the pose without a picture lost its steps:\n%s", flat)
	}
	// To look at: BACKCARE_SHOTS=dir writes the pages as PNG files there.
	if dir := os.Getenv("BACKCARE_SHOTS"); dir != "" {
		poppler(t, "pdftoppm", "-png", "-r", "80", name, filepath.Join(dir, "chart-no-picture"))
	}
}
