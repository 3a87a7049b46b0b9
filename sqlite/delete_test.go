package sqlite

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"backcare/journaltest"
)

// TestDeleteLeavesNoTrace: after a delete, a note is not in the journal's
// files, not even in a free page or the write-ahead log.
func TestDeleteLeavesNoTrace(t *testing.T) {
	ctx := context.Background()
	for _, all := range []bool{false, true} {
		path := filepath.Join(t.TempDir(), "journal.db")
		d, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		secret := []byte("a-private-note-that-must-go")
		s := journaltest.NewSession("alice", journaltest.Base, 4, 2)
		s.Note = string(secret)
		if err := d.SaveSession(ctx, s); err != nil {
			t.Fatal(err)
		}
		if all {
			if _, err := d.DeleteAll(ctx, "alice"); err != nil {
				t.Fatal(err)
			}
		} else if err := d.DeleteSession(ctx, "alice", s.ID, nil); err != nil {
			t.Fatal(err)
		}
		if err := d.Close(); err != nil {
			t.Fatal(err)
		}
		for _, f := range []string{path, path + "-wal"} {
			data, err := os.ReadFile(f)
			if err != nil && !os.IsNotExist(err) {
				t.Fatal(err)
			}
			if bytes.Contains(data, secret) {
				t.Errorf("DeleteAll %v: %s still holds the deleted note", all, filepath.Base(f))
			}
		}
	}
}
