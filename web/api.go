package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"backcare"
	"backcare/catalog"
	"backcare/player"
	"backcare/programme"
)

// maxSegments bounds the results a session may carry; the longest routine
// compiles to far fewer segments.
const maxSegments = 1000

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}

// apiTimeline compiles a routine with the person's settings. The player
// plays exactly this; all timing rules live in package player.
func (s *server) apiTimeline(w http.ResponseWriter, r *http.Request) {
	// A routine of the person's assigned programme comes with their
	// clinician's doses, which no hold setting or automatic step changes.
	rt, assigned, err := s.routineFor(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	st, err := s.Journal.Settings(r.Context(), userID(r))
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	hold := st.Hold
	if assigned {
		hold = 0
	}
	if hold == 0 && s.Programme != nil && !assigned {
		// The programme may shorten today's holds (after a flare, say); a
		// hold the person chose in Settings wins.
		h, err := s.history(r.Context())
		if err != nil {
			s.fail(w, r, 0, err)
			return
		}
		loc := s.locOf(r.Context())
		for _, it := range s.Programme.Today(h, s.Now().In(loc), loc).Items {
			if it.RoutineID == rt.ID && it.Hold > 0 {
				hold = it.Hold
			}
		}
	}
	if gentle(r, rt.ID) && (hold == 0 || hold > programme.GentleHold) {
		hold = programme.GentleHold
	}
	tl, err := player.Compile(rt, player.Options{Hold: hold, Prepare: st.Prepare})
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	writeJSON(w, http.StatusOK, tl)
}

// gentleRoutine is the routine of the gentler session a player offers to
// someone who checks in with strong pain (safety.HighPainFrom): the
// article's relief stretches, with holds of programme.GentleHold.
const gentleRoutine = catalog.DefaultRoutine

// gentle reports whether r asks for the gentler session of routine id.
func gentle(r *http.Request, id string) bool {
	return id == gentleRoutine && r.URL.Query().Get("gentle") == "1"
}

// sessionJSON is a session as the API reads and writes it. Durations are
// whole milliseconds, as in the timeline.
type sessionJSON struct {
	ID          string        `json:"id"`
	RoutineID   string        `json:"routine_id"`
	RoutineName string        `json:"routine_name"`
	StartedAt   time.Time     `json:"started_at"`
	EndedAt     *time.Time    `json:"ended_at,omitempty"`
	Status      string        `json:"status"`
	Segments    []segmentJSON `json:"segments"`
	PainBefore  *int          `json:"pain_before"`
	PainAfter   *int          `json:"pain_after"`
	Intensity   *int          `json:"intensity"`
	Note        string        `json:"note"`
}

type segmentJSON struct {
	Index     int    `json:"index"`
	Kind      string `json:"kind"`
	Pose      string `json:"pose,omitempty"`
	Side      string `json:"side,omitempty"`
	PlannedMS int64  `json:"planned_ms"`
	HeldMS    int64  `json:"held_ms"`
	Skipped   bool   `json:"skipped"`
}

func toJSON(x *backcare.Session) sessionJSON {
	out := sessionJSON{ID: x.ID, RoutineID: x.RoutineID, RoutineName: x.RoutineName, StartedAt: x.StartedAt,
		Status: string(x.Status), PainBefore: x.PainBefore, PainAfter: x.PainAfter, Intensity: x.Intensity, Note: x.Note,
		Segments: make([]segmentJSON, len(x.Segments))}
	if !x.EndedAt.IsZero() {
		out.EndedAt = &x.EndedAt
	}
	for i, r := range x.Segments {
		out.Segments[i] = segmentJSON{Index: r.Index, Kind: r.Kind, Pose: r.PoseID, Side: string(r.Side),
			PlannedMS: r.Planned.Milliseconds(), HeldMS: r.Held.Milliseconds(), Skipped: r.Skipped}
	}
	return out
}

// startRequest begins a session at check-in. The device may pick the
// session's id, so that sending the same start again (a resend after a
// lost answer, or from the device's outbox) never makes a second session.
type startRequest struct {
	ID         string `json:"id"`
	RoutineID  string `json:"routine_id"`
	PainBefore *int   `json:"pain_before"`
	// Offline says the device started the session while it could not
	// reach the server, at StartedAt by its clock, and sends it now: the
	// session has been played, so it is recorded whatever the safety
	// check says today (the device checked it, as it last knew it).
	Offline   bool       `json:"offline"`
	StartedAt *time.Time `json:"started_at"`
}

// checkPain checks a 0-10 pain answer.
func checkPain(field string, v *int, required bool) error {
	if v == nil {
		if !required {
			return nil
		}
		return backcare.Errorf(backcare.EINVALID, "please say how much your back hurts, from 0 to 10").At(field)
	}
	if *v < 0 || *v > 10 {
		return backcare.Errorf(backcare.EINVALID, "pain is a number from 0 (none) to 10 (the worst you can imagine), not %d", *v).At(field)
	}
	return nil
}

func (s *server) apiStartSession(w http.ResponseWriter, r *http.Request) {
	var req startRequest
	if err := decode(r, &req); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	if req.RoutineID == "" {
		s.fail(w, r, 0, backcare.Errorf(backcare.EINVALID, "say which routine you are starting").At("routine_id"))
		return
	}
	rt, _, err := s.routineOf(r.Context(), req.RoutineID) // a clinic's patient's include its own
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	if err := checkPain("pain_before", req.PainBefore, true); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	if req.ID != "" && (!backcare.ValidID(req.ID) || len(req.ID) < 16) {
		s.fail(w, r, 0, backcare.Errorf(backcare.EINVALID, "a session id is 16 to %d letters, digits, - or _", backcare.MaxIDLen).At("id"))
		return
	}
	now := s.Now().UTC()
	started := now
	if req.Offline {
		if req.ID == "" || req.StartedAt == nil {
			s.fail(w, r, 0, backcare.Errorf(backcare.EINVALID, "a session played offline needs the id and the start the device gave it").At("started_at"))
			return
		}
		// A device whose clock runs ahead cannot have started in the
		// future: such a start is taken as now. An old one is kept as it
		// is: it is what the device knows.
		if started = req.StartedAt.UTC(); started.After(now) {
			started = now
		}
	}
	ctx := r.Context()
	if req.ID != "" {
		// A start sent again: the same answer, and no second session.
		if x, err := s.Journal.Session(ctx, userID(r), req.ID); err == nil {
			s.startedAgain(w, r, x, rt)
			return
		} else if backcare.ErrorCode(err) != backcare.ENOTFOUND {
			s.fail(w, r, 0, err)
			return
		}
	}
	h, err := s.history(ctx)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	plan, err := s.plan(r.Context(), h)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	if !req.Offline && !plan.Safety.SessionAllowed() {
		s.fail(w, r, 0, unsafe(plan.Safety))
		return
	}
	id := req.ID
	if id == "" {
		id = backcare.NewID()
	}
	x := &backcare.Session{ID: id, UserID: userID(r), RoutineID: rt.ID, RoutineName: rt.Name,
		StartedAt: started, Status: backcare.InProgress, PainBefore: req.PainBefore, Segments: []backcare.SegmentResult{}}
	// Added only if the id is new, in one step: two copies of the same
	// start arriving at once make one session.
	res, err := s.Journal.Import(ctx, &backcare.Archive{UserID: userID(r), Sessions: []*backcare.Session{x}})
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	if res.Sessions == 0 {
		saved, err := s.Journal.Session(ctx, userID(r), id)
		if err != nil {
			s.fail(w, r, 0, err)
			return
		}
		s.startedAgain(w, r, saved, rt)
		return
	}
	// Starting a session commits the phase the programme chose today. The
	// session is saved either way; a change that fails to save is decided
	// again the next time.
	if c := plan.Change; c != nil {
		pc := *c
		pc.ID, pc.UserID = backcare.NewID(), userID(r)
		if err := s.Journal.AddPhaseChange(ctx, &pc); err != nil {
			s.Logger.Error("record phase change", "err", err)
		}
	}
	w.Header().Set("Location", "/api/sessions/"+x.ID)
	writeJSON(w, http.StatusCreated, toJSON(x))
}

// startedAgain answers a start whose session is saved already.
func (s *server) startedAgain(w http.ResponseWriter, r *http.Request, x *backcare.Session, rt backcare.Routine) {
	if x.RoutineID != rt.ID {
		s.fail(w, r, 0, backcare.Errorf(backcare.ECONFLICT, "the session id %s is taken by a session of %s", x.ID, x.RoutineName).
			WithHint("leave the id out and backcare makes a new one").At("id"))
		return
	}
	w.Header().Set("Location", "/api/sessions/"+x.ID)
	writeJSON(w, http.StatusOK, toJSON(x))
}

func (s *server) apiSession(w http.ResponseWriter, r *http.Request) {
	x, err := s.Journal.Session(r.Context(), userID(r), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	writeJSON(w, http.StatusOK, toJSON(x))
}

// saveRequest is the progress or the end of a session.
type saveRequest struct {
	Status    string        `json:"status"`
	Segments  []segmentJSON `json:"segments"`
	PainAfter *int          `json:"pain_after"`
	Intensity *int          `json:"intensity"`
	Note      string        `json:"note"`
	// EndedAt is when the session ended by the device's clock: a session
	// played offline arrives later than it ended. Without it, or when it
	// is before the start or ahead of the server's clock, the end is when
	// the server first hears of it.
	EndedAt *time.Time `json:"ended_at"`
}

// apiSaveSession records progress as a session plays, and its end. All of
// the request is checked against the saved session before anything is
// written, in one step with the write (Journal.UpdateSession): a progress
// save racing the last one, from another tab say, cannot reopen a session
// that has just ended, and the finish form racing the final save cannot
// undo it.
func (s *server) apiSaveSession(w http.ResponseWriter, r *http.Request) {
	var req saveRequest
	if err := decode(r, &req); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	var same *backcare.Session // the saved session, when the request repeats it
	// The server's catalog first; a session of a routine of the person's
	// clinic's own is saved again with that catalog, read outside the
	// write's transaction (clinicown.go).
	cat := s.Catalog
	save := func(x *backcare.Session) error {
		rt, err := cat.Routine(x.RoutineID)
		if err != nil && cat == s.Catalog {
			return errClinicRoutine
		}
		if err != nil {
			return err
		}
		next, err := s.applySave(x, rt, req)
		if errors.Is(err, errUnchanged) {
			c := *x
			same = &c
		}
		if err != nil {
			return err
		}
		*x = *next
		return nil
	}
	saved, err := s.Journal.UpdateSession(r.Context(), userID(r), r.PathValue("id"), save)
	if errors.Is(err, errClinicRoutine) {
		if cat, err = s.personCatalog(r.Context()); err == nil {
			saved, err = s.Journal.UpdateSession(r.Context(), userID(r), r.PathValue("id"), save)
		}
	}
	if same != nil && errors.Is(err, errUnchanged) {
		// A resend of what is saved (its first answer was lost on the
		// way): the same answer again, and nothing written.
		writeJSON(w, http.StatusOK, toJSON(same))
		return
	}
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	writeJSON(w, http.StatusOK, toJSON(saved))
}

// errUnchanged is applySave's answer to a request that repeats the saved
// session exactly.
var errUnchanged = errors.New("web: the session is saved as the request says")

// applySave checks req against the saved session x and returns the
// session to save; x itself is left unchanged.
//
// A session in progress takes any save. Once it has ended, only two saves
// are accepted: the same final save again (a resend: errUnchanged, nothing
// to write), and the check-out's answers (pain after, how strong the
// stretch felt, a note) for a session that ended without them, as one does
// when the routine plays to its end or the person stops for pain and the
// check-out follows. Anything else is ECONFLICT: changing a saved note or
// score later is an edit, from the Journal (sessionEdit).
func (s *server) applySave(x *backcare.Session, rt backcare.Routine, req saveRequest) (*backcare.Session, error) {
	st := backcare.Status(req.Status)
	if req.Status == "" {
		return nil, backcare.Errorf(backcare.EINVALID, "say the session's status").At("status")
	}
	if !st.Valid() {
		return nil, backcare.Errorf(backcare.EINVALID, "%q is not a session status", req.Status).
			WithHint("use in_progress, completed, stopped_for_pain or abandoned").At("status")
	}
	ended := func() error {
		return backcare.Errorf(backcare.ECONFLICT, "this session has already ended (%s) and is saved", strings.ToLower(statusWords(x.Status))).
			WithHint("to change its note or pain scores, edit it from your journal; to practise again, start a new session from the Today page").At("status")
	}
	if x.Status != backcare.InProgress && st != x.Status {
		return nil, ended()
	}
	if err := checkPain("pain_after", req.PainAfter, false); err != nil {
		return nil, err
	}
	if req.Intensity != nil && (*req.Intensity < 0 || *req.Intensity > 10) {
		return nil, backcare.Errorf(backcare.EINVALID, "how strong the stretch felt is a number from 0 (nothing) to 10 (as strong as possible), not %d", *req.Intensity).At("intensity")
	}
	if msg := checkNote(req.Note); msg != "" {
		return nil, backcare.Errorf(backcare.EINVALID, "%s", msg).At("note")
	}
	segs, err := checkSegments(req.Segments, rt)
	if err != nil {
		return nil, err
	}
	next := *x
	next.Status = st
	if req.Segments != nil {
		next.Segments = segs
	}
	if st != backcare.InProgress {
		if next.EndedAt.IsZero() {
			now := s.Now().UTC()
			next.EndedAt = now
			if e := req.EndedAt; e != nil && !e.Before(x.StartedAt) && !e.After(now) {
				next.EndedAt = e.UTC()
			}
		}
		next.PainAfter, next.Intensity, next.Note = req.PainAfter, req.Intensity, strings.TrimSpace(req.Note)
	}
	if x.Status != backcare.InProgress {
		sameSegments := slices.Equal(next.Segments, x.Segments)
		sameAnswers := equalInt(next.PainAfter, x.PainAfter) && equalInt(next.Intensity, x.Intensity) && next.Note == x.Note
		noAnswers := x.PainAfter == nil && x.Intensity == nil && x.Note == ""
		switch {
		case sameSegments && sameAnswers:
			return nil, errUnchanged
		case !sameSegments || !noAnswers:
			return nil, ended()
		}
		// The check-out's answers, once.
	}
	return &next, nil
}

func equalInt(a, b *int) bool {
	return (a == nil) == (b == nil) && (a == nil || *a == *b)
}

// checkSegments checks the per-segment results against the routine.
func checkSegments(in []segmentJSON, rt backcare.Routine) ([]backcare.SegmentResult, error) {
	if len(in) > maxSegments {
		return nil, backcare.Errorf(backcare.EINVALID, "%d segment results is more than any routine has", len(in)).At("segments")
	}
	poses := map[string]bool{}
	for _, e := range rt.Entries {
		poses[e.Pose.ID] = true
	}
	out := make([]backcare.SegmentResult, 0, len(in))
	last := -1
	for i, sg := range in {
		where := fmt.Sprintf("segments[%d]", i)
		if sg.Index <= last || sg.Index >= maxSegments {
			return nil, backcare.Errorf(backcare.EINVALID, "segment results must be in order, each index once").At(where)
		}
		last = sg.Index
		switch player.Kind(sg.Kind) {
		case player.Prepare, player.Hold, player.Switch, player.Rest, player.Reps:
		default:
			return nil, backcare.Errorf(backcare.EINVALID, "%q is not a kind of segment", sg.Kind).At(where)
		}
		if sg.Pose != "" && !poses[sg.Pose] {
			return nil, backcare.Errorf(backcare.EINVALID, "the pose %q is not in %s", sg.Pose, rt.Name).At(where)
		}
		side := backcare.Side(sg.Side)
		if side != backcare.NoSide && side != backcare.Left && side != backcare.Right {
			return nil, backcare.Errorf(backcare.EINVALID, "%q is not a side", sg.Side).At(where)
		}
		// The numbers are checked before they become durations: a huge
		// one would wrap round into range.
		planned, ok := millis(sg.PlannedMS, player.MaxHold+time.Hour)
		held, hok := millis(sg.HeldMS, player.MaxHold+time.Hour+5*time.Second)
		if !ok || !hok || held > planned+5*time.Second {
			return nil, backcare.Errorf(backcare.EINVALID, "the times of a segment are out of range").At(where)
		}
		out = append(out, backcare.SegmentResult{Index: sg.Index, Kind: sg.Kind, PoseID: sg.Pose, Side: side,
			Planned: planned, Held: held, Skipped: sg.Skipped})
	}
	return out, nil
}
