-- A history or a pain trend needs each session's total time held, not its
-- every segment: keep the totals on the session row, filled in from the
-- segments for sessions saved before, so a listing reads one row a session.
-- And index every listing the way it is read: a user's records, newest
-- first, instead of by user alone and sorted afterwards.

-- +goose Up
ALTER TABLE sessions
    ADD COLUMN held_ms bigint NOT NULL DEFAULT 0,
    ADD COLUMN holds integer NOT NULL DEFAULT 0,
    ADD COLUMN holds_skipped integer NOT NULL DEFAULT 0;

UPDATE sessions s SET held_ms = t.held_ms, holds = t.holds, holds_skipped = t.skipped
FROM (SELECT session_id, sum(held_ms) AS held_ms, count(*) AS holds, count(*) FILTER (WHERE skipped) AS skipped
      FROM segments WHERE kind IN ('hold', 'reps') GROUP BY session_id) t
WHERE t.session_id = s.id;

DROP INDEX sessions_user;
DROP INDEX pegs_user;
DROP INDEX screenings_user;
DROP INDEX phase_changes_user;
CREATE INDEX sessions_user_started ON sessions (user_id, started_at DESC, id DESC);
CREATE INDEX pegs_user_at ON pegs (user_id, at DESC, id DESC);
CREATE INDEX screenings_user_at ON screenings (user_id, at DESC, id DESC);
CREATE INDEX phase_changes_user_at ON phase_changes (user_id, at DESC, id DESC);

-- +goose Down
DROP INDEX sessions_user_started;
DROP INDEX pegs_user_at;
DROP INDEX screenings_user_at;
DROP INDEX phase_changes_user_at;
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX pegs_user ON pegs (user_id);
CREATE INDEX screenings_user ON screenings (user_id);
CREATE INDEX phase_changes_user ON phase_changes (user_id);
ALTER TABLE sessions DROP COLUMN holds_skipped, DROP COLUMN holds, DROP COLUMN held_ms;
