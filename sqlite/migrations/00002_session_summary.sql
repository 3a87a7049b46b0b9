-- Version 2: one row a session.
--
-- Saving a session wrote its row and then replaced one row per segment in
-- a second table; with every commit synced to disk, those extra pages made
-- a save about three times slower. The per-segment results now travel in
-- the session's own row, as a JSON array, so a save writes one row.
--
-- A history or a pain trend needs each session's total time held, not its
-- every segment: the totals are kept on the row too, filled in from the
-- segments for sessions saved before, so a listing reads one narrow row a
-- session. And every listing is indexed the way it is read: a user's
-- records, newest first, instead of by user alone and sorted afterwards.

-- +goose Up
ALTER TABLE sessions ADD COLUMN segments TEXT NOT NULL DEFAULT '[]';
ALTER TABLE sessions ADD COLUMN held_ms INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN holds INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN holds_skipped INTEGER NOT NULL DEFAULT 0;

UPDATE sessions SET
    segments = coalesce((SELECT json_group_array(json_object(
                   'index', g.idx, 'kind', g.kind, 'pose', g.pose_id, 'side', g.side,
                   'planned_ms', g.planned_ms, 'held_ms', g.held_ms, 'skipped', json(iif(g.skipped, 'true', 'false')))
                   ORDER BY g.idx)
               FROM segments g WHERE g.session_id = sessions.id), '[]'),
    held_ms = (SELECT coalesce(sum(g.held_ms), 0) FROM segments g
               WHERE g.session_id = sessions.id AND g.kind IN ('hold', 'reps')),
    holds = (SELECT count(*) FROM segments g
             WHERE g.session_id = sessions.id AND g.kind IN ('hold', 'reps')),
    holds_skipped = (SELECT count(*) FROM segments g
                     WHERE g.session_id = sessions.id AND g.kind IN ('hold', 'reps') AND g.skipped = 1);

DROP TABLE segments;

DROP INDEX sessions_user;
DROP INDEX pegs_user;
DROP INDEX screenings_user;
DROP INDEX phase_changes_user;
CREATE INDEX sessions_user_started ON sessions (user_id, started_at DESC, id DESC);
CREATE INDEX pegs_user_at ON pegs (user_id, at DESC, id DESC);
CREATE INDEX screenings_user_at ON screenings (user_id, at DESC, id DESC);
CREATE INDEX phase_changes_user_at ON phase_changes (user_id, at DESC, id DESC);

-- +goose Down
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
INSERT INTO segments
    SELECT s.id, j.value ->> 'index', j.value ->> 'kind', j.value ->> 'pose', j.value ->> 'side',
           j.value ->> 'planned_ms', j.value ->> 'held_ms', iif(j.value ->> 'skipped', 1, 0)
    FROM sessions s, json_each(s.segments) j;
DROP INDEX sessions_user_started;
DROP INDEX pegs_user_at;
DROP INDEX screenings_user_at;
DROP INDEX phase_changes_user_at;
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX pegs_user ON pegs (user_id);
CREATE INDEX screenings_user ON screenings (user_id);
CREATE INDEX phase_changes_user ON phase_changes (user_id);
ALTER TABLE sessions DROP COLUMN holds_skipped;
ALTER TABLE sessions DROP COLUMN holds;
ALTER TABLE sessions DROP COLUMN held_ms;
ALTER TABLE sessions DROP COLUMN segments;
