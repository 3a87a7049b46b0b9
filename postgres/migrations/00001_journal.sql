-- The first schema of the journal. Times are timestamptz (kept to the
-- millisecond by the writer); durations are whole milliseconds. Ids are
-- made by the writer (backcare.NewID), so an exported journal imports back
-- unchanged.

-- +goose Up
CREATE TABLE sessions (
    id           text        NOT NULL PRIMARY KEY,
    user_id      text        NOT NULL,
    routine_id   text        NOT NULL,
    routine_name text        NOT NULL,
    started_at   timestamptz NOT NULL,
    ended_at     timestamptz,
    status       text        NOT NULL CHECK (status IN ('in_progress', 'completed', 'stopped_for_pain', 'abandoned')),
    pain_before  smallint    CHECK (pain_before BETWEEN 0 AND 10),
    pain_after   smallint    CHECK (pain_after BETWEEN 0 AND 10),
    intensity    smallint    CHECK (intensity BETWEEN 0 AND 10),
    note         text        NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE segments (
    session_id text     NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    idx        integer  NOT NULL,
    kind       text     NOT NULL CHECK (kind IN ('prepare', 'hold', 'switch', 'rest', 'reps')),
    pose_id    text     NOT NULL DEFAULT '',
    side       text     NOT NULL DEFAULT '' CHECK (side IN ('', 'left', 'right')),
    planned_ms bigint   NOT NULL CHECK (planned_ms >= 0),
    held_ms    bigint   NOT NULL CHECK (held_ms >= 0),
    skipped    boolean  NOT NULL DEFAULT false,
    PRIMARY KEY (session_id, idx)
);

CREATE TABLE pegs (
    id        text        NOT NULL PRIMARY KEY,
    user_id   text        NOT NULL,
    at        timestamptz NOT NULL,
    pain      smallint    NOT NULL CHECK (pain BETWEEN 0 AND 10),
    enjoyment smallint    NOT NULL CHECK (enjoyment BETWEEN 0 AND 10),
    activity  smallint    NOT NULL CHECK (activity BETWEEN 0 AND 10)
);
CREATE INDEX pegs_user ON pegs (user_id);

CREATE TABLE screenings (
    id         text        NOT NULL PRIMARY KEY,
    user_id    text        NOT NULL,
    at         timestamptz NOT NULL,
    reason     text        NOT NULL,
    answers    jsonb       NOT NULL DEFAULT '{}', -- question id -> yes
    verdict    text        NOT NULL CHECK (verdict IN ('urgent', 'doctor', 'go_ahead')),
    cleared_at timestamptz
);
CREATE INDEX screenings_user ON screenings (user_id);

CREATE TABLE phase_changes (
    id         text        NOT NULL PRIMARY KEY,
    user_id    text        NOT NULL,
    at         timestamptz NOT NULL,
    from_phase integer     NOT NULL CHECK (from_phase >= 0),
    to_phase   integer     NOT NULL CHECK (to_phase >= 1),
    reason     text        NOT NULL DEFAULT ''
);
CREATE INDEX phase_changes_user ON phase_changes (user_id);

CREATE TABLE settings (
    user_id    text    NOT NULL PRIMARY KEY,
    hold_ms    bigint  NOT NULL,
    prepare_ms bigint  NOT NULL,
    voice      boolean NOT NULL,
    voice_name text    NOT NULL DEFAULT '',
    beeps      boolean NOT NULL
);

-- +goose Down
DROP TABLE settings;
DROP TABLE phase_changes;
DROP TABLE screenings;
DROP TABLE pegs;
DROP TABLE segments;
DROP TABLE sessions;
