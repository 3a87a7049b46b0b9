package calendar

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// icaljsEnv names the folder of the npm ical.js package, the independent
// parser the file is checked with. CI installs it with
//
//	npm install --prefix DIR ical.js@2.2.1
//
// and sets BACKCARE_ICALJS=DIR/node_modules/ical.js.
const icaljsEnv = "BACKCARE_ICALJS"

// TestIcalJSParses parses the file with ical.js, registering the file's
// own VTIMEZONE, and checks every occurrence of every event against Go's
// zone data: a wrong VTIMEZONE shows up as a wrong instant around a
// daylight-saving change.
func TestIcalJSParses(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skipf("node is not installed, so the .ics is not checked with ical.js (install Node.js and set %s)", icaljsEnv)
	}
	dir := os.Getenv(icaljsEnv)
	if dir == "" {
		t.Skipf("%s is not set, so the .ics is not checked with ical.js: run `npm install --prefix DIR ical.js@2.2.1` and set %s=DIR/node_modules/ical.js", icaljsEnv, icaljsEnv)
	}
	if _, err := os.Stat(filepath.Join(dir, "package.json")); err != nil {
		t.Fatalf("%s=%s does not hold the ical.js package: %v", icaljsEnv, dir, err)
	}
	script, err := filepath.Abs(filepath.Join("testdata", "expand.mjs"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range zones {
		t.Run(name, func(t *testing.T) {
			loc := mustZone(t, name)
			p := plan(loc)
			cmd := exec.Command(node, script, dir)
			cmd.Stdin = bytes.NewReader(encode(t, p))
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("ical.js could not read the file: %v\n%s", err, stderr.String())
			}
			var got struct {
				Version string
				Zones   []string
				Events  []struct {
					UID, Summary, Zone string
					Duration           int
					Occurrences        []string
					Alarms             []struct {
						Action  string
						Trigger int
					}
				}
			}
			if err := json.Unmarshal(out, &got); err != nil {
				t.Fatalf("%v: %s", err, out)
			}
			if got.Version != "2.0" || len(got.Events) != len(p.Events) {
				t.Fatalf("ical.js read version %q and %d events, want 2.0 and %d", got.Version, len(got.Events), len(p.Events))
			}
			if loc != time.UTC && (len(got.Zones) != 1 || got.Zones[0] != name) {
				t.Errorf("ical.js registered zones %v, want [%s]", got.Zones, name)
			}
			want := expected(p)
			for i, ev := range got.Events {
				e := p.Events[i]
				var at []time.Time
				for _, s := range ev.Occurrences {
					ts, err := time.Parse(time.RFC3339, s)
					if err != nil {
						t.Fatal(err)
					}
					at = append(at, ts)
				}
				if !equalTimes(at, want[e.Summary]) {
					t.Errorf("%s: ical.js occurrences\n got %v\nwant %v", e.Summary, at, want[e.Summary])
				}
				if loc != time.UTC && ev.Zone != name {
					t.Errorf("%s: ical.js start zone %q, want %q", e.Summary, ev.Zone, name)
				}
				if ev.Duration != int(e.Duration/time.Second) {
					t.Errorf("%s: duration %d s, want %v", e.Summary, ev.Duration, e.Duration)
				}
				if len(ev.Alarms) != 1 || ev.Alarms[0].Action != "DISPLAY" || ev.Alarms[0].Trigger != -int(e.Remind/time.Second) {
					t.Errorf("%s: alarms %+v, want one DISPLAY %v before", e.Summary, ev.Alarms, e.Remind)
				}
			}
		})
	}
}
