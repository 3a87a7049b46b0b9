-- Version 3: a revision number for each person's journal.
--
-- A server may keep what it makes from a person's records (the Today page)
-- and use it again until they change. revisions.n counts the changes to
-- one person's records: triggers move it inside the transaction of every
-- insert, update or delete of their rows, whichever program writes (the
-- web app, the terminal player, an older backcare, the sqlite3 shell), so
-- reading this one row tells whether anything changed. A person with no
-- row has revision 0. An insert that changes nothing (ON CONFLICT DO
-- NOTHING, or an upsert whose WHERE refuses it) fires no trigger. A row
-- moved to another person (never done by backcare) moves both numbers; the
-- trigger for that fires only for updates that set user_id.

-- The same migration writes the sessions table's status rule as
-- comparisons rather than IN (...): SQLite builds a temporary index for
-- an IN list of more than two values every time it checks the rule, which
-- was a fifth of the cost of saving a session's progress. SQLite cannot
-- change a CHECK in place, so the table is made again and its rows copied
-- (rowids kept). The rule means the same, so going down leaves it.

-- +goose Up
CREATE TABLE sessions_v3 (
    id            TEXT    NOT NULL PRIMARY KEY,
    user_id       TEXT    NOT NULL,
    routine_id    TEXT    NOT NULL,
    routine_name  TEXT    NOT NULL,
    started_at    INTEGER NOT NULL,
    ended_at      INTEGER,
    status        TEXT    NOT NULL CHECK (status = 'in_progress' OR status = 'completed' OR status = 'stopped_for_pain' OR status = 'abandoned'),
    pain_before   INTEGER CHECK (pain_before BETWEEN 0 AND 10),
    pain_after    INTEGER CHECK (pain_after BETWEEN 0 AND 10),
    intensity     INTEGER CHECK (intensity BETWEEN 0 AND 10),
    note          TEXT    NOT NULL DEFAULT '',
    segments      TEXT    NOT NULL DEFAULT '[]',
    held_ms       INTEGER NOT NULL DEFAULT 0,
    holds         INTEGER NOT NULL DEFAULT 0,
    holds_skipped INTEGER NOT NULL DEFAULT 0
) STRICT;
INSERT INTO sessions_v3 (rowid, id, user_id, routine_id, routine_name, started_at, ended_at, status,
                         pain_before, pain_after, intensity, note, segments, held_ms, holds, holds_skipped)
    SELECT rowid, id, user_id, routine_id, routine_name, started_at, ended_at, status,
           pain_before, pain_after, intensity, note, segments, held_ms, holds, holds_skipped
    FROM sessions;
DROP TABLE sessions;
ALTER TABLE sessions_v3 RENAME TO sessions;
CREATE INDEX sessions_user_started ON sessions (user_id, started_at DESC, id DESC);

CREATE TABLE revisions (
    user_id TEXT    NOT NULL PRIMARY KEY,
    n       INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- +goose StatementBegin
CREATE TRIGGER sessions_revise_insert AFTER INSERT ON sessions BEGIN
    INSERT INTO revisions (user_id, n) VALUES (NEW.user_id, 1) ON CONFLICT (user_id) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER sessions_revise_update AFTER UPDATE ON sessions BEGIN
    INSERT INTO revisions (user_id, n) VALUES (NEW.user_id, 1) ON CONFLICT (user_id) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER sessions_revise_move AFTER UPDATE OF user_id ON sessions WHEN OLD.user_id <> NEW.user_id BEGIN
    INSERT INTO revisions (user_id, n) VALUES (OLD.user_id, 1) ON CONFLICT (user_id) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER sessions_revise_delete AFTER DELETE ON sessions BEGIN
    INSERT INTO revisions (user_id, n) VALUES (OLD.user_id, 1) ON CONFLICT (user_id) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER pegs_revise_insert AFTER INSERT ON pegs BEGIN
    INSERT INTO revisions (user_id, n) VALUES (NEW.user_id, 1) ON CONFLICT (user_id) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER pegs_revise_update AFTER UPDATE ON pegs BEGIN
    INSERT INTO revisions (user_id, n) VALUES (NEW.user_id, 1) ON CONFLICT (user_id) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER pegs_revise_move AFTER UPDATE OF user_id ON pegs WHEN OLD.user_id <> NEW.user_id BEGIN
    INSERT INTO revisions (user_id, n) VALUES (OLD.user_id, 1) ON CONFLICT (user_id) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER pegs_revise_delete AFTER DELETE ON pegs BEGIN
    INSERT INTO revisions (user_id, n) VALUES (OLD.user_id, 1) ON CONFLICT (user_id) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER screenings_revise_insert AFTER INSERT ON screenings BEGIN
    INSERT INTO revisions (user_id, n) VALUES (NEW.user_id, 1) ON CONFLICT (user_id) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER screenings_revise_update AFTER UPDATE ON screenings BEGIN
    INSERT INTO revisions (user_id, n) VALUES (NEW.user_id, 1) ON CONFLICT (user_id) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER screenings_revise_move AFTER UPDATE OF user_id ON screenings WHEN OLD.user_id <> NEW.user_id BEGIN
    INSERT INTO revisions (user_id, n) VALUES (OLD.user_id, 1) ON CONFLICT (user_id) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER screenings_revise_delete AFTER DELETE ON screenings BEGIN
    INSERT INTO revisions (user_id, n) VALUES (OLD.user_id, 1) ON CONFLICT (user_id) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER phase_changes_revise_insert AFTER INSERT ON phase_changes BEGIN
    INSERT INTO revisions (user_id, n) VALUES (NEW.user_id, 1) ON CONFLICT (user_id) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER phase_changes_revise_update AFTER UPDATE ON phase_changes BEGIN
    INSERT INTO revisions (user_id, n) VALUES (NEW.user_id, 1) ON CONFLICT (user_id) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER phase_changes_revise_move AFTER UPDATE OF user_id ON phase_changes WHEN OLD.user_id <> NEW.user_id BEGIN
    INSERT INTO revisions (user_id, n) VALUES (OLD.user_id, 1) ON CONFLICT (user_id) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER phase_changes_revise_delete AFTER DELETE ON phase_changes BEGIN
    INSERT INTO revisions (user_id, n) VALUES (OLD.user_id, 1) ON CONFLICT (user_id) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER settings_revise_insert AFTER INSERT ON settings BEGIN
    INSERT INTO revisions (user_id, n) VALUES (NEW.user_id, 1) ON CONFLICT (user_id) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER settings_revise_update AFTER UPDATE ON settings BEGIN
    INSERT INTO revisions (user_id, n) VALUES (NEW.user_id, 1) ON CONFLICT (user_id) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER settings_revise_move AFTER UPDATE OF user_id ON settings WHEN OLD.user_id <> NEW.user_id BEGIN
    INSERT INTO revisions (user_id, n) VALUES (OLD.user_id, 1) ON CONFLICT (user_id) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER settings_revise_delete AFTER DELETE ON settings BEGIN
    INSERT INTO revisions (user_id, n) VALUES (OLD.user_id, 1) ON CONFLICT (user_id) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER settings_revise_delete;
DROP TRIGGER settings_revise_move;
DROP TRIGGER settings_revise_update;
DROP TRIGGER settings_revise_insert;
DROP TRIGGER phase_changes_revise_delete;
DROP TRIGGER phase_changes_revise_move;
DROP TRIGGER phase_changes_revise_update;
DROP TRIGGER phase_changes_revise_insert;
DROP TRIGGER screenings_revise_delete;
DROP TRIGGER screenings_revise_move;
DROP TRIGGER screenings_revise_update;
DROP TRIGGER screenings_revise_insert;
DROP TRIGGER pegs_revise_delete;
DROP TRIGGER pegs_revise_move;
DROP TRIGGER pegs_revise_update;
DROP TRIGGER pegs_revise_insert;
DROP TRIGGER sessions_revise_delete;
DROP TRIGGER sessions_revise_move;
DROP TRIGGER sessions_revise_update;
DROP TRIGGER sessions_revise_insert;
DROP TABLE revisions;
