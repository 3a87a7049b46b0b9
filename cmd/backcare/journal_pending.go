package main

import "backcare"

// journal opens the person's journal. The SQLite and PostgreSQL journals
// (issue 4) replace this file when they land; until then serving says so.
func (a *app) journal() (backcare.Journal, error) {
	return nil, backcare.Errorf(backcare.EINTERNAL, "the journal is not part of this build yet")
}
