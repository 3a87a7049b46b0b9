-- The first schema of the journal. Times are whole milliseconds since the
-- Unix epoch, UTC; durations are whole milliseconds. Ids are made by the
-- writer (backcare.NewID), so an exported journal imports back unchanged.

-- +goose Up
CREATE TABLE sessions (
    id           TEXT    NOT NULL PRIMARY KEY,
    user_id      TEXT    NOT NULL,
    routine_id   TEXT    NOT NULL,
    routine_name TEXT    NOT NULL,
    started_at   INTEGER NOT NULL,
    ended_at     INTEGER,
    status       TEXT    NOT NULL CHECK (status IN ('in_progress', 'completed', 'stopped_for_pain', 'abandoned')),
    pain_before  INTEGER CHECK (pain_before BETWEEN 0 AND 10),
    pain_after   INTEGER CHECK (pain_after BETWEEN 0 AND 10),
    intensity    INTEGER CHECK (intensity BETWEEN 0 AND 10),
    note         TEXT    NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE segments (
    session_id TEXT    NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    kind       TEXT    NOT NULL CHECK (kind IN ('prepare', 'hold', 'switch', 'rest', 'reps')),
    pose_id    TEXT    NOT NULL DEFAULT '',
    side       TEXT    NOT NULL DEFAULT '' CHECK (side IN ('', 'left', 'right')),
    planned_ms INTEGER NOT NULL CHECK (planned_ms >= 0),
    held_ms    INTEGER NOT NULL CHECK (held_ms >= 0),
    skipped    INTEGER NOT NULL DEFAULT 0 CHECK (skipped IN (0, 1)),
    PRIMARY KEY (session_id, idx)
) STRICT, WITHOUT ROWID;

CREATE TABLE pegs (
    id        TEXT    NOT NULL PRIMARY KEY,
    user_id   TEXT    NOT NULL,
    at        INTEGER NOT NULL,
    pain      INTEGER NOT NULL CHECK (pain BETWEEN 0 AND 10),
    enjoyment INTEGER NOT NULL CHECK (enjoyment BETWEEN 0 AND 10),
    activity  INTEGER NOT NULL CHECK (activity BETWEEN 0 AND 10)
) STRICT;
CREATE INDEX pegs_user ON pegs (user_id);

CREATE TABLE screenings (
    id         TEXT    NOT NULL PRIMARY KEY,
    user_id    TEXT    NOT NULL,
    at         INTEGER NOT NULL,
    reason     TEXT    NOT NULL,
    answers    TEXT    NOT NULL DEFAULT '{}', -- JSON object: question id -> yes
    verdict    TEXT    NOT NULL CHECK (verdict IN ('urgent', 'doctor', 'go_ahead')),
    cleared_at INTEGER
) STRICT;
CREATE INDEX screenings_user ON screenings (user_id);

CREATE TABLE phase_changes (
    id         TEXT    NOT NULL PRIMARY KEY,
    user_id    TEXT    NOT NULL,
    at         INTEGER NOT NULL,
    from_phase INTEGER NOT NULL CHECK (from_phase >= 0),
    to_phase   INTEGER NOT NULL CHECK (to_phase >= 1),
    reason     TEXT    NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX phase_changes_user ON phase_changes (user_id);

CREATE TABLE settings (
    user_id    TEXT    NOT NULL PRIMARY KEY,
    hold_ms    INTEGER NOT NULL,
    prepare_ms INTEGER NOT NULL,
    voice      INTEGER NOT NULL CHECK (voice IN (0, 1)),
    voice_name TEXT    NOT NULL DEFAULT '',
    beeps      INTEGER NOT NULL CHECK (beeps IN (0, 1))
) STRICT;

-- +goose Down
DROP TABLE settings;
DROP TABLE phase_changes;
DROP TABLE screenings;
DROP TABLE pegs;
DROP TABLE segments;
DROP TABLE sessions;
