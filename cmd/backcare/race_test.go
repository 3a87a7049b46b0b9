package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"backcare"
	"backcare/catalog"
	"backcare/journaltest"
	"backcare/player"
	"backcare/postgres"
	"backcare/sqlite"
	"backcare/web"
)

// The races of a session's end, over HTTP, on both journals: the web app's
// handlers with the real SQLite journal, and with PostgreSQL when
// BACKCARE_TEST_POSTGRES names a database (see postgres/postgres_test.go).
// Each trial plays the moment a person finishes a session on one device
// while the player's final save is still on its way: both answers may not
// be "saved", and what is saved is what was acknowledged.

// raceJournals are the journals the race tests run on.
func raceJournals(t *testing.T) map[string]func(t *testing.T) backcare.Journal {
	out := map[string]func(t *testing.T) backcare.Journal{
		"sqlite": func(t *testing.T) backcare.Journal {
			j, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "journal.db"))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = j.Close() })
			return j
		},
	}
	if dsn := os.Getenv("BACKCARE_TEST_POSTGRES"); dsn != "" {
		out["postgres"] = func(t *testing.T) backcare.Journal {
			j, err := postgres.Open(context.Background(), pgSchema(t, dsn))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = j.Close() })
			return j
		}
	} else {
		t.Log("BACKCARE_TEST_POSTGRES is not set: the race tests run on SQLite only")
	}
	return out
}

// pgSchema makes a schema of the test's own and returns a DSN into it.
func pgSchema(t *testing.T, dsn string) string { return journaltest.PostgresSchema(t, dsn) }

// raceServer serves the web app on j, with sessions open.
func raceServer(t *testing.T, j backcare.Journal) *httptest.Server {
	t.Helper()
	answers := map[string]bool{}
	scr := &backcare.Screening{UserID: backcare.LocalUser, At: time.Now().Add(-time.Hour), Reason: "first", Answers: answers, Verdict: backcare.GoAhead}
	if err := j.SaveScreening(context.Background(), scr); err != nil {
		t.Fatal(err)
	}
	// The person at this computer, signed in: raceClient sends raceToken.
	now := time.Now()
	if err := j.AddSignIn(context.Background(), &backcare.SignIn{AccountID: backcare.LocalUser, TokenHash: backcare.TokenHash(raceToken),
		CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewUnstartedServer(nil)
	ts.Config.Handler = web.NewServer(web.Deps{Catalog: catalog.Builtin(), Journal: j, Location: time.UTC,
		Hosts: []string{ts.Listener.Addr().String()}, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	ts.Start()
	t.Cleanup(ts.Close)
	return ts
}

// raceToken is the sign-in token of the race tests' browser.
const raceToken = "the race tests' sign-in token"

// raceClient sends the requests of the race tests.
type raceClient struct {
	t  *testing.T
	ts *httptest.Server
}

func (c raceClient) send(method, path, ctype string, body []byte) (int, []byte) {
	req, err := http.NewRequest(method, c.ts.URL+path, bytes.NewReader(body))
	if err != nil {
		c.t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	req.Header.Set("Accept", "application/json")
	req.AddCookie(&http.Cookie{Name: "backcare", Value: raceToken})
	// The form's answer is a redirect to the journal: it is the 303 that
	// says "saved", not the page after it.
	cl := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := cl.Do(req)
	if err != nil {
		c.t.Error(err)
		return 0, nil
	}
	defer func() { _ = res.Body.Close() }()
	out, _ := io.ReadAll(res.Body)
	return res.StatusCode, out
}

func (c raceClient) json(method, path string, v any) (int, []byte) {
	b, err := json.Marshal(v)
	if err != nil {
		c.t.Fatal(err)
	}
	return c.send(method, path, "application/json", b)
}

// start begins a session and saves the first segment's progress.
func (c raceClient) start(segs []map[string]any) string {
	code, body := c.json("POST", "/api/sessions", map[string]any{"routine_id": catalog.DefaultRoutine, "pain_before": 5})
	if code != http.StatusCreated {
		c.t.Fatalf("start: %d %s", code, body)
	}
	var s struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal(body, &s); err != nil {
		c.t.Fatal(err)
	}
	if code, body := c.json("PUT", "/api/sessions/"+s.ID, map[string]any{"status": "in_progress", "segments": segs[:1]}); code != http.StatusOK {
		c.t.Fatalf("progress: %d %s", code, body)
	}
	return s.ID
}

// allSegments is every segment of the article's routine, played to the end.
func allSegments(t *testing.T) []map[string]any {
	rt, err := catalog.Builtin().Routine(catalog.DefaultRoutine)
	if err != nil {
		t.Fatal(err)
	}
	tl, err := player.Compile(rt, player.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]any
	for _, s := range tl.Segments {
		m := map[string]any{"index": s.Index, "kind": string(s.Kind), "planned_ms": s.Duration.Milliseconds(), "held_ms": s.Duration.Milliseconds(), "skipped": false}
		if s.Pose != "" {
			m["pose"] = s.Pose
		}
		if s.Side != "" {
			m["side"] = string(s.Side)
		}
		out = append(out, m)
	}
	return out
}

// TestFinishRacesFinalSave: POST /sessions/{id}/finish (the "finish it
// here" form) at the same moment as the player's final PUT. At most one
// of them may be told the session is saved, and the journal holds that
// one's session: a completion that was acknowledged is never overwritten
// by the form's stale copy (which would leave an abandoned session with
// one segment and the form's note).
func TestFinishRacesFinalSave(t *testing.T) {
	for name, open := range raceJournals(t) {
		t.Run(name, func(t *testing.T) {
			j := open(t)
			c := raceClient{t, raceServer(t, j)}
			segs := allSegments(t)
			trials := 40
			if testing.Short() {
				trials = 10
			}
			lost := 0
			for trial := range trials {
				id := c.start(segs)
				final := map[string]any{"status": "completed", "segments": segs, "pain_after": 3, "intensity": 5, "note": "from the player"}
				form := url.Values{"pain_after": {"4"}, "intensity": {"6"}, "note": {"from the form"}}.Encode()
				var putCode, formCode int
				var wg sync.WaitGroup
				wg.Go(func() { putCode, _ = c.json("PUT", "/api/sessions/"+id, final) })
				wg.Go(func() {
					formCode, _ = c.send("POST", "/sessions/"+id+"/finish", "application/x-www-form-urlencoded", []byte(form))
				})
				wg.Wait()
				saved, err := j.Session(context.Background(), backcare.LocalUser, id)
				if err != nil {
					t.Fatal(err)
				}
				putOK, formOK := putCode == http.StatusOK, formCode == http.StatusSeeOther
				for what, code := range map[string]int{"final PUT": putCode, "finish form": formCode} {
					if code != http.StatusOK && code != http.StatusSeeOther && code != http.StatusConflict {
						t.Errorf("trial %d: %s answered %d, want success or 409", trial, what, code)
					}
				}
				switch {
				case putOK && formOK:
					lost++
					if lost <= 3 {
						t.Errorf("trial %d: both the final PUT and the finish form were told the session is saved; the journal has %s with %d segments and note %q",
							trial, saved.Status, len(saved.Segments), saved.Note)
					}
				case putOK && (saved.Status != backcare.Completed || len(saved.Segments) != len(segs) || saved.Note != "from the player"):
					t.Errorf("trial %d: the final PUT was acknowledged, but the journal has %s with %d segments and note %q", trial, saved.Status, len(saved.Segments), saved.Note)
				case formOK && (saved.Status != backcare.Abandoned || saved.Note != "from the form"):
					t.Errorf("trial %d: the form was acknowledged, but the journal has %s with note %q", trial, saved.Status, saved.Note)
				case !putOK && !formOK:
					t.Errorf("trial %d: neither was saved (PUT %d, form %d)", trial, putCode, formCode)
				}
			}
			if lost > 0 {
				t.Errorf("%d of %d trials acknowledged both ends of one session", lost, trials)
			}
		})
	}
}

// TestRepeatedFinalSave: once a session has ended with its check-out
// answers, the player's final PUT may be sent again (a resend after a lost
// answer: the same body) and is answered as before, but a different one is
// refused with 409 and changes nothing. Two different final PUTs at once:
// one is saved, the other refused.
func TestRepeatedFinalSave(t *testing.T) {
	for name, open := range raceJournals(t) {
		t.Run(name, func(t *testing.T) {
			j := open(t)
			c := raceClient{t, raceServer(t, j)}
			segs := allSegments(t)
			id := c.start(segs)
			final := map[string]any{"status": "completed", "segments": segs, "pain_after": 3, "intensity": 5, "note": "Easier today."}
			code, first := c.json("PUT", "/api/sessions/"+id, final)
			if code != http.StatusOK {
				t.Fatalf("final PUT: %d %s", code, first)
			}
			rev, err := j.Revision(context.Background(), backcare.LocalUser)
			if err != nil {
				t.Fatal(err)
			}
			if code, again := c.json("PUT", "/api/sessions/"+id, final); code != http.StatusOK || !bytes.Equal(again, first) {
				t.Errorf("the same final PUT again: %d %s, want 200 and the same answer %s", code, again, first)
			}
			if n, _ := j.Revision(context.Background(), backcare.LocalUser); n != rev {
				t.Errorf("a resend of the final PUT wrote to the journal (revision %d -> %d)", rev, n)
			}
			for _, change := range []struct {
				field string
				value any
			}{{"note", "Changed my mind."}, {"pain_after", 7}, {"intensity", nil}, {"segments", segs[:3]}, {"status", "abandoned"}} {
				other := map[string]any{}
				for k, v := range final {
					other[k] = v
				}
				other[change.field] = change.value
				if code, body := c.json("PUT", "/api/sessions/"+id, other); code != http.StatusConflict {
					t.Errorf("a final PUT with another %s: %d %.120s, want 409", change.field, code, body)
				}
			}
			saved, err := j.Session(context.Background(), backcare.LocalUser, id)
			if err != nil {
				t.Fatal(err)
			}
			if saved.Note != "Easier today." || *saved.PainAfter != 3 || len(saved.Segments) != len(segs) {
				t.Errorf("after refused PUTs the journal has note %q, pain after %d, %d segments; want the first final PUT's", saved.Note, *saved.PainAfter, len(saved.Segments))
			}

			// Played to the end, the check-out not answered yet (the tab
			// closed on it, say): saved as completed, and the check-out's
			// answers are taken once, later.
			id = c.start(segs)
			if code, body := c.json("PUT", "/api/sessions/"+id, map[string]any{"status": "completed", "segments": segs}); code != http.StatusOK {
				t.Fatalf("completed without the check-out: %d %.200s", code, body)
			}
			checkout := map[string]any{"status": "completed", "segments": segs, "pain_after": 2, "note": "Later."}
			for range 2 {
				if code, body := c.json("PUT", "/api/sessions/"+id, checkout); code != http.StatusOK {
					t.Errorf("the check-out after the end (and its resend): %d %.200s", code, body)
				}
			}
			checkout["note"] = "Later still."
			if code, _ := c.json("PUT", "/api/sessions/"+id, checkout); code != http.StatusConflict {
				t.Errorf("a second, different check-out: %d, want 409", code)
			}
			saved, err = j.Session(context.Background(), backcare.LocalUser, id)
			if err != nil {
				t.Fatal(err)
			}
			if saved.Status != backcare.Completed || saved.PainAfter == nil || *saved.PainAfter != 2 || saved.Note != "Later." || len(saved.Segments) != len(segs) {
				t.Errorf("after the check-out the journal has %s, pain after %v, note %q, %d segments", saved.Status, saved.PainAfter, saved.Note, len(saved.Segments))
			}

			// Two different ends at once.
			trials := 20
			if testing.Short() {
				trials = 5
			}
			for trial := range trials {
				id := c.start(segs)
				var codes [2]int
				var wg sync.WaitGroup
				for k := range codes {
					wg.Go(func() {
						body := map[string]any{"status": "completed", "segments": segs, "pain_after": k, "note": fmt.Sprint("device ", k)}
						codes[k], _ = c.json("PUT", "/api/sessions/"+id, body)
					})
				}
				wg.Wait()
				saved, err := j.Session(context.Background(), backcare.LocalUser, id)
				if err != nil {
					t.Fatal(err)
				}
				ok := 0
				for k, code := range codes {
					if code == http.StatusOK {
						ok++
						if want := fmt.Sprint("device ", k); saved.Note != want {
							t.Errorf("trial %d: the PUT of %s was acknowledged, but the journal has %q", trial, want, saved.Note)
						}
					} else if code != http.StatusConflict {
						t.Errorf("trial %d: a final PUT answered %d, want 200 or 409", trial, code)
					}
				}
				if ok != 1 {
					t.Errorf("trial %d: %d of two different final PUTs were acknowledged (%v), want exactly one; the journal has %q", trial, ok, codes, saved.Note)
				}
			}
		})
	}
}
