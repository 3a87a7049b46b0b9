package journaltest

import (
	"testing"
	"time"

	"backcare"
)

// AuditUpgradeAt is when the entries AuditUpgrade expects were written.
var AuditUpgradeAt = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// AuditUpgrade checks a journal's migration 8, which lets one audit entry
// name several patients. j has just been upgraded from version 7, where
// two entries were written one row per patient: "old-pat-1" and
// "old-pat-2", patients pat-1 and pat-2, at AuditUpgradeAt. down migrates
// j to version 7 and returns how many rows audit_log then holds; up
// migrates it back.
func AuditUpgrade(t *testing.T, j backcare.Journal, down func() int, up func()) {
	t.Helper()
	count := func(step string, f backcare.AuditFilter, want int) {
		t.Helper()
		if got, err := j.Audit(ctx, f); err != nil || len(got) != want {
			t.Errorf("%s: Audit(%+v) = %d entries, %v; want %d", step, f, len(got), err, want)
		}
	}
	count("after the upgrade", backcare.AuditFilter{}, 2)
	count("after the upgrade", backcare.AuditFilter{PatientID: "pat-2"}, 1)
	if err := j.AddAudit(ctx, &backcare.AuditEntry{ID: "new", At: AuditUpgradeAt.Add(time.Hour), StaffID: "doc", Patients: []string{"pat-1", "pat-2", "pat-3"},
		ClinicID: "c", Action: backcare.AuditRead, What: "dashboard"}); err != nil {
		t.Fatal(err)
	}
	count("with a dashboard of three", backcare.AuditFilter{}, 3)
	count("with a dashboard of three", backcare.AuditFilter{PatientID: "pat-1"}, 2)
	if rows := down(); rows != 5 {
		t.Errorf("rows at version 7 = %d, want 5 (the dashboard of three as three rows)", rows)
	}
	up()
	count("down and up again", backcare.AuditFilter{}, 5)
	count("down and up again", backcare.AuditFilter{PatientID: "pat-3"}, 1)
}
