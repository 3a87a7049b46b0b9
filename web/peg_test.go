package web

import (
	"encoding/xml"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"backcare"
	"backcare/measure"
)

// addPEG records a check-in days before testNow.
func addPEG(t *testing.T, j *memJournal, days float64, pain, enjoyment, activity int) {
	t.Helper()
	p := &backcare.PEG{ID: backcare.NewID(), UserID: backcare.LocalUser, At: testNow.Add(-time.Duration(days * 24 * float64(time.Hour))),
		Pain: pain, Enjoyment: enjoyment, Activity: activity}
	if err := j.AddPEG(t.Context(), p); err != nil {
		t.Fatal(err)
	}
}

func TestPEGForm(t *testing.T) {
	ts, j := newTestServer(t)
	addPEG(t, j, 7, 7, 6, 6) // 6.3 a week ago

	res, page := do(t, ts, "GET", "/peg", "", nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /peg: status = %d, want 200", res.StatusCode)
	}
	for _, q := range measure.PEGQuestions() {
		if !strings.Contains(page, q.Text) || !strings.Contains(page, `name="`+q.ID+`"`) {
			t.Errorf("the form lacks the question %q", q.ID)
		}
	}
	if n := strings.Count(page, `<fieldset class="scale pain"`); n != 3 {
		t.Errorf("the form has %d separate 0-10 scales, want 3", n)
	}
	if strings.Contains(page, "scale stretch") {
		t.Errorf("the check-in shows a stretch scale; its questions are about pain")
	}

	form := url.Values{"pain": {"4"}, "enjoyment": {"3"}, "activity": {"5"}}
	before := j.writeCount()
	res, body := do(t, ts, "POST", "/peg", "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/peg?saved=1#result" {
		t.Fatalf("POST /peg: status = %d, Location %q; want 303 to /peg?saved=1#result: %s", res.StatusCode, res.Header.Get("Location"), body)
	}
	if got := j.writeCount() - before; got != 1 {
		t.Errorf("writes = %d, want 1", got)
	}
	pegs, _ := j.PEGs(t.Context(), backcare.LocalUser, backcare.Filter{})
	if len(pegs) != 2 || pegs[0].Pain != 4 || pegs[0].Enjoyment != 3 || pegs[0].Activity != 5 || pegs[0].UserID != backcare.LocalUser {
		t.Fatalf("saved check-ins = %+v, want the new one (4, 3, 5) first", pegs)
	}
	if at := pegs[0].At; at.Before(testNow) || at.After(testNow.Add(time.Minute)) {
		t.Errorf("saved at %v, want the server's clock (%v)", at, testNow)
	}

	_, page = do(t, ts, "GET", "/peg?saved=1", "", nil)
	for _, want := range []string{"This week's score: 4.0 out of 10", "(6.3)", "clearly better", "down 2.3 points"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page after saving does not say %q", want)
		}
	}
	if strings.Contains(page, `<form method="post" action="/peg"`) {
		t.Errorf("the page after saving asks the questions again")
	}
	_, page = do(t, ts, "GET", "/peg", "", nil)
	if !strings.Contains(page, "Once a week is enough") {
		t.Errorf("the form does not say the check-in was answered this week")
	}
}

// TestPEGBadInput: a missing or out-of-range answer brings the form back
// with a message by the question, keeps the other answers, and saves
// nothing; a cross-site POST is refused.
func TestPEGBadInput(t *testing.T) {
	ts, j := newTestServer(t)
	tests := []struct {
		name      string
		body      string
		crossSite bool
		status    int
		want      []string
	}{
		{"enjoyment missing", "pain=4&activity=5", false, 400, []string{"Please choose a number from 0 to 10 for how much pain got in the way of enjoying life.", `value="4" checked`, `value="5" checked`, "Nothing was saved"}},
		{"all missing", "", false, 400, []string{"Please check 3 answers", "for your average pain over the past week"}},
		{"pain 11", "pain=11&enjoyment=3&activity=5", false, 400, []string{`Your average pain over the past week is a whole number from 0 to 10; &#34;11&#34; is not.`}},
		{"activity -1", "pain=4&enjoyment=3&activity=-1", false, 400, []string{"general activity is a whole number from 0 to 10"}},
		{"not a number", "pain=a+lot&enjoyment=3&activity=5", false, 400, []string{"&#34;a lot&#34; is not"}},
		{"a fraction", "pain=4.5&enjoyment=3&activity=5", false, 400, []string{"whole number"}},
		{"two answers to one question", "pain=4&pain=6&enjoyment=3&activity=5", false, 400, []string{"Please choose just one number for your average pain"}},
		{"cross-site", "pain=4&enjoyment=3&activity=5", true, 403, []string{"another site"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := j.writeCount()
			req, _ := http.NewRequest(http.MethodPost, ts.URL+"/peg", strings.NewReader(tt.body))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			if tt.crossSite {
				req.Header.Set("Sec-Fetch-Site", "cross-site")
				req.Header.Set("Origin", "https://evil.example")
			}
			res, err := testClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			raw, err := io.ReadAll(res.Body)
			_ = res.Body.Close()
			if err != nil {
				t.Fatal(err)
			}
			b := string(raw)
			if res.StatusCode != tt.status {
				t.Errorf("status = %d, want %d", res.StatusCode, tt.status)
			}
			for _, w := range tt.want {
				if !strings.Contains(b, w) {
					t.Errorf("body does not contain %q", w)
				}
			}
			if tt.status == 400 && !strings.Contains(b, `<form method="post" action="/peg"`) {
				t.Errorf("the form is not shown again")
			}
			if after := j.writeCount(); after != before {
				t.Errorf("writes = %d, want %d: bad input wrote to the journal", after, before)
			}
		})
	}
	if pegs, _ := j.PEGs(t.Context(), backcare.LocalUser, backcare.Filter{}); len(pegs) != 0 {
		t.Errorf("saved %d check-ins, want none", len(pegs))
	}
}

func TestTodayPEGCard(t *testing.T) {
	const card = "This week's check-in is due"
	tests := []struct {
		name  string
		setup func(t *testing.T, j *memJournal)
		want  bool
	}{
		{"never answered", func(*testing.T, *memJournal) {}, true},
		{"answered three days ago", func(t *testing.T, j *memJournal) { addPEG(t, j, 3, 4, 4, 4) }, false},
		{"answered eight days ago", func(t *testing.T, j *memJournal) { addPEG(t, j, 8, 4, 4, 4) }, true},
		{"sessions paused by the safety check", func(t *testing.T, j *memJournal) {
			a := noFlags()
			_ = j.SaveScreening(t.Context(), &backcare.Screening{ID: backcare.NewID(), UserID: backcare.LocalUser,
				At: testNow.Add(-time.Hour), Reason: "manual", Answers: a, Verdict: backcare.Doctor})
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts, j := newTestServer(t)
			tt.setup(t, j)
			before := j.writeCount()
			_, page := do(t, ts, "GET", "/", "", nil)
			if got := strings.Contains(page, card); got != tt.want {
				t.Errorf("Today shows the check-in card = %v, want %v", got, tt.want)
			}
			if got := strings.Contains(page, `href="/peg"`); got != tt.want {
				t.Errorf("Today links the check-in = %v, want %v", got, tt.want)
			}
			if j.writeCount() != before {
				t.Errorf("GET / wrote to the journal")
			}
		})
	}
}

func TestJournalPEG(t *testing.T) {
	ts, j := newTestServer(t)
	seedJournal(j, testNow)
	_, page := do(t, ts, "GET", "/journal", "", nil)
	if !strings.Contains(page, "Once a week, three short questions") || strings.Contains(page, `class="same-band"`) {
		t.Errorf("without check-ins the journal should invite one and draw no band")
	}
	addPEG(t, j, 21, 7, 6, 6) // 6.3
	addPEG(t, j, 14, 6, 5, 6) // 5.7
	addPEG(t, j, 7, 5, 4, 5)  // 4.7
	addPEG(t, j, 0.5, 4, 4, 4)
	_, page = do(t, ts, "GET", "/journal", "", nil)
	for _, want := range []string{
		"Latest score: <strong>4.0</strong>",
		"Since the check-in before (4.7, Fri 13 Nov): <strong class=\"change change-same\">about the same</strong>, down 0.7 points.",
		"Since Fri 30 Oct (6.3): <strong class=\"change change-better\">clearly better</strong>, down 2.3 points.",
		`class="same-band"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the journal does not contain %q", want)
		}
	}
	if n := strings.Count(page, `class="dot peg"`); n != 4 {
		t.Errorf("the chart has %d dots, want 4", n)
	}
}

func TestPEGChart(t *testing.T) {
	at := func(week int) time.Time { return testNow.AddDate(0, 0, 7*week) }
	tests := []struct {
		name   string
		points []measure.Point
		dots   int
		want   string
	}{
		{"none", nil, 0, "No weekly check-ins in these weeks."},
		{"one", []measure.Point{{At: at(0), Value: 5}}, 1, "1 weekly check-in. The latest score: 5.0 out of 10"},
		{"better", []measure.Point{{At: at(0), Value: 6.3}, {At: at(1), Value: 5.7}, {At: at(2), Value: 4}}, 3, "Compared with the first here (6.3): clearly better."},
		{"worse", []measure.Point{{At: at(0), Value: 2}, {At: at(1), Value: 4.3}}, 2, "clearly worse"},
		{"noise", []measure.Point{{At: at(0), Value: 5}, {At: at(1), Value: 6.3}}, 2, "about the same"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svg := string(pegChart(tt.points, newSpan(at(3), time.UTC, 12, at(0))))
			var doc struct {
				XMLName xml.Name `xml:"svg"`
				Desc    string   `xml:"desc"`
			}
			if err := xml.Unmarshal([]byte(svg), &doc); err != nil {
				t.Fatalf("the chart is not well-formed: %v", err)
			}
			if !strings.Contains(doc.Desc, tt.want) {
				t.Errorf("desc = %q, want it to contain %q", doc.Desc, tt.want)
			}
			if n := strings.Count(svg, `class="dot peg"`); n != tt.dots {
				t.Errorf("dots = %d, want %d", n, tt.dots)
			}
			if strings.Contains(svg, " style=") {
				t.Errorf("the chart has a style attribute")
			}
		})
	}
}

// TestSameBand: the band on the chart is exactly what measure.Compare
// calls about the same (2 points, or a 30% fall of at least 1 point).
func TestSameBand(t *testing.T) {
	tests := []struct {
		from, lo, hi float64
	}{
		{5, 3.6, 6.9}, // 3.5 is a 30% fall; 7.0 is 2 points up
		{2, 1.1, 3.9}, // 1.0 is a 50% fall of 1 point; 1.1 is under 1 point
		{0, 0, 1.9},
		{9.7, 7.8, 10},
	}
	for _, tt := range tests {
		lo, hi := sameBand(tt.from)
		if lo != tt.lo || hi != tt.hi {
			t.Errorf("sameBand(%v) = %v, %v, want %v, %v", tt.from, lo, hi, tt.lo, tt.hi)
		}
	}
}

func TestPointsWords(t *testing.T) {
	tests := []struct {
		p    float64
		want string
	}{
		{0, "no change"}, {-1, "down 1 point"}, {2.3, "up 2.3 points"}, {-2, "down 2 points"},
	}
	for _, tt := range tests {
		if got := pointsWords(tt.p); got != tt.want {
			t.Errorf("pointsWords(%v) = %q, want %q", tt.p, got, tt.want)
		}
	}
}
