package sqlite

import (
	"errors"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"backcare"
)

// Primary result codes (the low byte of an extended code).
const (
	sqliteBusy     = sqlite3.SQLITE_BUSY
	sqliteLocked   = sqlite3.SQLITE_LOCKED
	sqliteReadOnly = sqlite3.SQLITE_READONLY
	sqliteCantOpen = sqlite3.SQLITE_CANTOPEN
	sqliteNotADB   = sqlite3.SQLITE_NOTADB
	sqliteFull     = sqlite3.SQLITE_FULL
)

// sqliteCode returns the extended result code of a driver error.
func sqliteCode(err error) (int, bool) {
	var e *sqlite.Error
	if errors.As(err, &e) {
		return e.Code(), true
	}
	return 0, false
}

// mapError turns a driver error into a backcare.Error by its SQLite
// extended result code (never by its text), keeping the driver error as the
// cause. Errors it does not know stay as they are: internal.
func mapError(err error) error {
	if err == nil {
		return nil
	}
	var be *backcare.Error
	if errors.As(err, &be) {
		return err
	}
	code, ok := sqliteCode(err)
	if !ok {
		return err
	}
	e := &backcare.Error{Err: err}
	switch code {
	case sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY, sqlite3.SQLITE_CONSTRAINT_UNIQUE:
		e.Code, e.Message = backcare.ECONFLICT, "a record with this id is already saved"
		e.Hint = "leave the id empty and backcare makes a new one"
	case sqlite3.SQLITE_CONSTRAINT_CHECK, sqlite3.SQLITE_CONSTRAINT_NOTNULL:
		e.Code, e.Message = backcare.EINVALID, "the record breaks a rule of the journal"
	case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
		e.Code, e.Message = backcare.EINVALID, "the record refers to one that is not saved"
	default:
		switch code & 0xff {
		case sqliteBusy, sqliteLocked:
			e.Code, e.Message = backcare.ECONFLICT, "the journal is busy with another program's changes"
			e.Hint = "try again in a moment"
		case sqliteFull:
			e.Code, e.Message = backcare.EINVALID, "the disk is full, so the journal cannot grow"
			e.Hint = "free some space and try again; nothing saved before was lost"
		case sqliteReadOnly:
			e.Code, e.Message = backcare.EINVALID, "the journal file is read-only"
			e.Hint = "check the permissions of the file and its folder"
		default:
			return err
		}
	}
	return e
}
