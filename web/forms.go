package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"backcare"
	"backcare/player"
)

// maxNote is the longest note a session keeps, in characters.
const maxNote = 2000

// fieldErrors collects what is wrong with a form, field by field, so the
// page can show every message next to its field at once.
type fieldErrors map[string]string

func (fe fieldErrors) err() error {
	if len(fe) == 0 {
		return nil
	}
	return backcare.Errorf(backcare.EINVALID, "please check the form: %d answer(s) need a change", len(fe))
}

// scale reads a 0-10 answer of field into n, and its message, if any,
// into fe.
func (fe fieldErrors) scale(field, v, what string, required bool) (n *int) {
	n, msg := scale(v, what, required)
	if msg != "" {
		fe[field] = msg
	}
	return n
}

// scale reads a 0-10 answer. what names the scale for the message.
func scale(v string, what string, required bool) (*int, string) {
	v = strings.TrimSpace(v)
	if v == "" {
		if required {
			return nil, "Please choose a number from 0 to 10 for " + what + "."
		}
		return nil, ""
	}
	n, ok := wholeNumber(v, 0, 10)
	if !ok {
		return nil, fmt.Sprintf("%s is a whole number from 0 to 10; %q is not.", capital(what), v)
	}
	return &n, ""
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// checkNote checks a note's length and encoding.
func checkNote(note string) string {
	if !utf8.ValidString(note) {
		return "The note has characters backcare cannot read."
	}
	if n := utf8.RuneCountInString(note); n > maxNote {
		return fmt.Sprintf("The note is %d characters long; please keep it under %d.", n, maxNote)
	}
	return ""
}

// settingsPage shows the player settings.
type settingsPage struct {
	page
	Hold, Prepare string // seconds, as typed
	Voice, Beeps  bool
	VoiceName     string
	Errors        fieldErrors
	Saved         bool

	// The practice calendar's download form (calendar.go).
	HasCalendar bool
	Cal         calendarForm
	CalErrors   fieldErrors
	Reminders   []reminderChoice

	// Your data (data.go).
	Imported    *backcare.ImportResult // what an import just added
	ImportError string
	DeleteError string
	Deleted     string // how many records "delete everything" removed
	DeleteWords string
}

// newSettingsPage is the Settings page with the saved settings.
func (s *server) newSettingsPage(r *http.Request) (*settingsPage, error) {
	st, err := s.Journal.Settings(r.Context(), userID(r))
	if err != nil {
		return nil, err
	}
	d := &settingsPage{Hold: seconds(st.Hold), Prepare: seconds(st.Prepare),
		Voice: st.Voice, VoiceName: st.VoiceName, Beeps: st.Beeps}
	s.settingsFrame(r, d)
	return d, nil
}

// settingsFrame fills in what the Settings page shows besides the player
// settings.
func (s *server) settingsFrame(r *http.Request, d *settingsPage) {
	d.page = s.newPage(r, "Settings", "settings")
	d.Scripts = []string{"settings.js"}
	d.HasCalendar, d.Cal, d.Reminders = s.offersCalendar(), defaultCalendar, reminderChoices
	d.DeleteWords = deleteWords
}

func (s *server) settingsPage(w http.ResponseWriter, r *http.Request) {
	d, err := s.newSettingsPage(r)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	d.Saved = r.URL.Query().Get("saved") == "1"
	d.Deleted = r.URL.Query().Get("deleted")
	s.render(w, r, http.StatusOK, "settings", d)
}

func seconds(d time.Duration) string {
	if d == 0 {
		return "0"
	}
	return strconv.Itoa(int(d / time.Second))
}

// parseSettings reads and checks the settings form.
func parseSettings(r *http.Request) (backcare.Settings, *settingsPage, error) {
	if err := readForm(r); err != nil {
		return backcare.Settings{}, nil, err
	}
	f := r.PostForm
	d := &settingsPage{Hold: strings.TrimSpace(f.Get("hold")), Prepare: strings.TrimSpace(f.Get("prepare")),
		Voice: f.Get("voice") == "on", Beeps: f.Get("beeps") == "on", VoiceName: strings.TrimSpace(f.Get("voice_name")),
		Errors: fieldErrors{}}
	st := backcare.Settings{Voice: d.Voice, Beeps: d.Beeps, VoiceName: d.VoiceName}
	var err error
	if st.Hold, err = secondsField(d.Hold, player.MaxHold); err != nil {
		d.Errors["hold"] = fmt.Sprintf("The hold length is a number of seconds from 0 (each pose's own) to %d.", int(player.MaxHold/time.Second))
	}
	if st.Prepare, err = secondsField(d.Prepare, player.MaxPrepare); err != nil {
		d.Errors["prepare"] = fmt.Sprintf("The time to get ready is a number of seconds from 0 (the routine's own) to %d.", int(player.MaxPrepare/time.Second))
	}
	if utf8.RuneCountInString(d.VoiceName) > 200 || !utf8.ValidString(d.VoiceName) {
		d.Errors["voice_name"] = "That voice name is too long; choose a voice from the list."
	}
	return st, d, d.Errors.err()
}

func (s *server) settingsSubmit(w http.ResponseWriter, r *http.Request) {
	st, d, err := parseSettings(r)
	if d == nil {
		s.fail(w, r, 0, err)
		return
	}
	if err != nil {
		s.settingsFrame(r, d)
		s.render(w, r, http.StatusBadRequest, "settings", d)
		return
	}
	if err := s.Journal.SaveSettings(r.Context(), userID(r), st); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	http.Redirect(w, r, "/settings?saved=1", http.StatusSeeOther)
}

// finishPage lets a person close a session that was interrupted (a closed
// tab, a flat battery) with the check-out questions.
type finishPage struct {
	page
	Session     sessionRow
	PainAfter   string
	Intensity   string
	Note        string
	Errors      fieldErrors
	NotesSeenBy string // the clinic that reads the journal, if any
}

// unfinished loads a session that is still in progress.
func (s *server) unfinished(r *http.Request) (*backcare.Session, error) {
	x, err := s.Journal.Session(r.Context(), userID(r), r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	if x.Status != backcare.InProgress {
		return nil, errFinished()
	}
	return x, nil
}

func (s *server) finishPage(w http.ResponseWriter, r *http.Request) {
	x, err := s.unfinished(r)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	d := &finishPage{page: s.newPage(r, "Finish your session", "today"), Session: newRow(x.Summary())}
	if d.NotesSeenBy, err = s.notesSeenBy(r.Context()); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	s.render(w, r, http.StatusOK, "finish", d)
}

func (s *server) finishSubmit(w http.ResponseWriter, r *http.Request) {
	x, err := s.unfinished(r)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	if err := readForm(r); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	f := r.PostForm
	d := &finishPage{page: s.newPage(r, "Finish your session", "today"), Session: newRow(x.Summary()),
		PainAfter: f.Get("pain_after"), Intensity: f.Get("intensity"), Note: f.Get("note"), Errors: fieldErrors{}}
	if d.NotesSeenBy, err = s.notesSeenBy(r.Context()); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	pain := d.Errors.scale("pain_after", d.PainAfter, "how much your back hurts now", true)
	intensity := d.Errors.scale("intensity", d.Intensity, "how strong the stretch felt", false)
	if msg := checkNote(d.Note); msg != "" {
		d.Errors["note"] = msg
	}
	if len(d.Errors) > 0 {
		s.render(w, r, http.StatusBadRequest, "finish", d)
		return
	}
	// Read, check and save in one step: the player may be saving this
	// session's end at this very moment, and what it saved must stand.
	_, err = s.Journal.UpdateSession(r.Context(), userID(r), x.ID, func(x *backcare.Session) error {
		if x.Status != backcare.InProgress {
			return errFinished()
		}
		x.Status = backcare.Abandoned
		x.EndedAt = s.Now().UTC()
		x.PainAfter, x.Intensity, x.Note = pain, intensity, strings.TrimSpace(d.Note)
		return nil
	})
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	http.Redirect(w, r, "/journal", http.StatusSeeOther)
}

func errFinished() error {
	return backcare.Errorf(backcare.ECONFLICT, "that session is already finished").
		WithHint("you can see it in your journal")
}
