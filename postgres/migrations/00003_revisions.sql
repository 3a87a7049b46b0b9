-- A revision number for each person's journal.
--
-- A server may keep what it makes from a person's records (the Today page)
-- and use it again until they change; replicas keep their own copies, and
-- this number, in the database they share, tells each of them when its
-- copy is out of date. revisions.n counts the changes to one person's
-- records: a trigger moves it inside the transaction of every insert,
-- update or delete of their rows, whichever program writes. A person with
-- no row has revision 0. An insert that changes nothing (ON CONFLICT DO
-- NOTHING, or an upsert whose WHERE refuses it) fires no trigger. Segments
-- are written only with their session's row, whose trigger covers them.

-- +goose Up
CREATE TABLE revisions (
    user_id text   NOT NULL PRIMARY KEY,
    n       bigint NOT NULL
);

-- +goose StatementBegin
-- The function keeps the search_path it was made with, so it always counts
-- in the revisions table beside the tables it watches.
CREATE FUNCTION revise() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        INSERT INTO revisions AS r (user_id, n) VALUES (OLD.user_id, 1)
            ON CONFLICT (user_id) DO UPDATE SET n = r.n + 1;
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.user_id IS DISTINCT FROM OLD.user_id) THEN
        INSERT INTO revisions AS r (user_id, n) VALUES (NEW.user_id, 1)
            ON CONFLICT (user_id) DO UPDATE SET n = r.n + 1;
    END IF;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd

CREATE TRIGGER sessions_revise AFTER INSERT OR UPDATE OR DELETE ON sessions FOR EACH ROW EXECUTE FUNCTION revise();
CREATE TRIGGER pegs_revise AFTER INSERT OR UPDATE OR DELETE ON pegs FOR EACH ROW EXECUTE FUNCTION revise();
CREATE TRIGGER screenings_revise AFTER INSERT OR UPDATE OR DELETE ON screenings FOR EACH ROW EXECUTE FUNCTION revise();
CREATE TRIGGER phase_changes_revise AFTER INSERT OR UPDATE OR DELETE ON phase_changes FOR EACH ROW EXECUTE FUNCTION revise();
CREATE TRIGGER settings_revise AFTER INSERT OR UPDATE OR DELETE ON settings FOR EACH ROW EXECUTE FUNCTION revise();

-- +goose Down
DROP TRIGGER settings_revise ON settings;
DROP TRIGGER phase_changes_revise ON phase_changes;
DROP TRIGGER screenings_revise ON screenings;
DROP TRIGGER pegs_revise ON pegs;
DROP TRIGGER sessions_revise ON sessions;
DROP FUNCTION revise();
DROP TABLE revisions;
