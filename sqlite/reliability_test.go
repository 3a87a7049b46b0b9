package sqlite

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"backcare"
	"backcare/journaltest"
)

// The reliability tests run this test binary again as a child process (the
// usual re-exec pattern): TestChild does the child's work when
// BACKCARE_TEST_CHILD says which.
const childEnv = "BACKCARE_TEST_CHILD"

func child(t *testing.T, role, path string, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), childEnv+"="+strings.Join(append([]string{role, path}, args...), "\x1f"))
	cmd.Stderr = os.Stderr
	return cmd
}

// TestChild is not a test on its own: it is what the child processes of
// TestCrash and TestTwoProcesses run.
func TestChild(t *testing.T) {
	spec := os.Getenv(childEnv)
	if spec == "" {
		t.Skip("run by TestCrash and TestTwoProcesses as a child process")
	}
	parts := strings.Split(spec, "\x1f")
	role, path := parts[0], parts[1]
	ctx := context.Background()
	d, err := Open(ctx, path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "child: open:", err)
		os.Exit(3)
	}
	out := bufio.NewWriter(os.Stdout)
	switch role {
	case "crash":
		// Record sessions as fast as possible; after each one is
		// acknowledged, say so on stdout, until killed.
		prefix := parts[2]
		for n := 0; ; n++ {
			s := journaltest.NewSession("crash", journaltest.Base.Add(time.Duration(n)*time.Second), 3, 2)
			s.ID = fmt.Sprintf("%s-%d", prefix, n)
			if err := d.SaveSession(ctx, s); err != nil {
				fmt.Fprintln(os.Stderr, "child: save:", err)
				os.Exit(4)
			}
			// Unbuffered: the parent may count only what reached the pipe.
			fmt.Fprintln(os.Stdout, s.ID)
		}
	case "writer":
		who := parts[2]
		n, _ := strconv.Atoi(parts[3])
		for i := range n {
			s := journaltest.NewSession("shared", journaltest.Base.Add(time.Duration(i)*time.Minute), 3, 2)
			s.ID = fmt.Sprintf("%s-%d", who, i)
			if err := d.SaveSession(ctx, s); err != nil {
				fmt.Fprintln(os.Stderr, "child: save:", err)
				os.Exit(4)
			}
			if err := d.AddPEG(ctx, &backcare.PEG{UserID: "shared", At: s.StartedAt, Pain: 3, Enjoyment: 2, Activity: 4}); err != nil {
				fmt.Fprintln(os.Stderr, "child: add PEG:", err)
				os.Exit(4)
			}
			if err := d.SaveSettings(ctx, "shared", backcare.Settings{Hold: time.Duration(30+i%30) * time.Second, Voice: true}); err != nil {
				fmt.Fprintln(os.Stderr, "child: settings:", err)
				os.Exit(4)
			}
		}
		fmt.Fprintln(out, "done")
	}
	_ = out.Flush()
	_ = d.Close()
	os.Exit(0)
}

// TestCrash kills a child that records sessions as fast as it can with
// SIGKILL at random moments, again and again. After every kill, each
// session the child had acknowledged is there in full and the file passes
// PRAGMA integrity_check.
func TestCrash(t *testing.T) {
	kills := 50
	if testing.Short() {
		kills = 10
	}
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 1))
	path := filepath.Join(t.TempDir(), "crash.db")
	ctx := context.Background()
	total, acked := 0, 0
	for i := range kills {
		cmd := child(t, "crash", path, fmt.Sprintf("k%d", i))
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		var ids []string
		var wg sync.WaitGroup
		wg.Go(func() {
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				ids = append(ids, sc.Text())
			}
		})
		// Early kills land while the child opens (and, the first time,
		// migrates) the file; later ones in the middle of writes.
		time.Sleep(time.Duration(rng.IntN(120)) * time.Millisecond)
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		wg.Wait()
		err = cmd.Wait()
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
			t.Fatalf("kill %d: child ended with %v, not by SIGKILL", i, err)
		}
		// The last line may have been cut by the kill: count whole ids only.
		d, err := Open(ctx, path)
		if err != nil {
			t.Fatalf("kill %d: reopen: %v", i, err)
		}
		var check string
		if err := d.db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
			t.Fatalf("kill %d: integrity_check = %q, %v", i, check, err)
		}
		for _, id := range ids {
			s, err := d.Session(ctx, "crash", id)
			if err != nil {
				t.Fatalf("kill %d: acknowledged session %s is lost: %v", i, id, err)
			}
			if len(s.Segments) != 8 {
				t.Fatalf("kill %d: session %s has %d segments, want 8", i, id, len(s.Segments))
			}
		}
		hs, err := d.History(ctx, "crash", backcare.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		acked += len(ids)
		if len(hs) < acked {
			t.Fatalf("kill %d: %d sessions saved, fewer than the %d acknowledged", i, len(hs), acked)
		}
		total = len(hs)
		_ = d.Close()
	}
	t.Logf("%d kills; %d sessions acknowledged, %d saved", kills, acked, total)
	if acked == 0 {
		t.Fatal("no child acknowledged a session: the test tested nothing")
	}
}

// TestTwoProcesses has two programs write to one new file at once, as the
// web app and the terminal player would: both succeed and every record of
// both is there.
func TestTwoProcesses(t *testing.T) {
	const each = 150
	path := filepath.Join(t.TempDir(), "shared.db")
	var cmds []*exec.Cmd
	for _, who := range []string{"web", "tui"} {
		cmd := child(t, "writer", path, who, strconv.Itoa(each))
		cmd.Stdout = new(strings.Builder)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, cmd)
	}
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Errorf("writer %d: %v", i, err)
		}
		if out := cmd.Stdout.(*strings.Builder).String(); out != "done\n" {
			t.Errorf("writer %d said %q, want done", i, out)
		}
	}
	d, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = d.Close() }()
	a, err := d.Export(context.Background(), "shared")
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Sessions) != 2*each || len(a.PEGs) != 2*each {
		t.Errorf("saved %d sessions and %d PEG entries, want %d of each", len(a.Sessions), len(a.PEGs), 2*each)
	}
}
