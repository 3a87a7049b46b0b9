package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"backcare"
)

// A person's data in the web app: everything downloaded (the JSON archive
// and a CSV for spreadsheets), an archive imported, one session's answers
// edited, a session deleted, and everything deleted. Deleting is for good:
// the journal deletes the rows (Journal.DeleteSession, DeleteAll).

// maxImport caps an imported archive: years of daily sessions are a few
// megabytes.
const maxImport = 32 << 20

// deleteWords is what a person types to delete everything.
const deleteWords = "delete everything"

// download sends body as a file to keep.
func download(w http.ResponseWriter, ctype, name string, body []byte) {
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Disposition", `attachment; filename="`+name+`"`)
	h.Set("Cache-Control", "no-store")
	_, _ = w.Write(body)
}

func (s *server) exportName(ctx context.Context, ext string) string {
	return "backcare-journal-" + s.now(ctx).Format("2006-01-02") + "." + ext
}

// exportJSON sends everything recorded, in the archive's versioned JSON form
// (docs/journal.md): what `backcare journal export` writes, and what Import
// reads back.
func (s *server) exportJSON(w http.ResponseWriter, r *http.Request) {
	a, err := s.Journal.Export(r.Context(), userID(r))
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	b, err := a.MarshalJSON()
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	download(w, "application/json", s.exportName(r.Context(), "json"), b)
}

// exportCSV sends one row per session, for a spreadsheet.
func (s *server) exportCSV(w http.ResponseWriter, r *http.Request) {
	h, err := s.Journal.History(r.Context(), userID(r), backcare.Filter{})
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	var b bytes.Buffer
	if err := backcare.WriteCSV(&b, h, s.locOf(r.Context())); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	download(w, "text/csv; charset=utf-8", s.exportName(r.Context(), "csv"), b.Bytes())
}

// importSubmit adds an archive's records that are not in the journal yet.
func (s *server) importSubmit(w http.ResponseWriter, r *http.Request) {
	d, err := s.newSettingsPage(r)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	res, err := s.importArchive(r)
	if err != nil {
		if backcare.ErrorCode(err) == backcare.EINTERNAL {
			s.fail(w, r, 0, err)
			return
		}
		d.ImportError = sentence(backcare.ErrorMessage(err))
		s.render(w, r, http.StatusBadRequest, "settings", d)
		return
	}
	d.Imported = &res
	s.render(w, r, http.StatusOK, "settings", d)
}

func (s *server) importArchive(r *http.Request) (backcare.ImportResult, error) {
	var none backcare.ImportResult
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return none, backcare.Errorf(backcare.EINVALID, "the file is larger than %d MB, more than any journal", maxImport>>20)
		}
		return none, backcare.Errorf(backcare.EINVALID, "choose a file to import")
	}
	defer func() { _ = r.MultipartForm.RemoveAll() }()
	f, _, err := r.FormFile("file")
	if err != nil {
		return none, backcare.Errorf(backcare.EINVALID, "choose a file to import: the one `backcare journal export` or Download (JSON) made")
	}
	defer func() { _ = f.Close() }()
	data, err := io.ReadAll(io.LimitReader(f, maxImport+1))
	if err != nil {
		return none, backcare.Errorf(backcare.EINVALID, "the file could not be read: %v", err)
	}
	a, err := backcare.ParseArchive(data)
	if err != nil {
		return none, err
	}
	a.ForUser(userID(r))
	if r.FormValue("shift") == "on" {
		a.ShiftToNow(s.Now(), s.locOf(r.Context()))
	}
	return s.Journal.Import(r.Context(), a)
}

// deleteEverything deletes everything recorded, once the person has typed
// the words that say they mean it.
func (s *server) deleteEverything(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	typed := strings.ToLower(strings.Join(strings.Fields(r.PostForm.Get("confirm")), " "))
	if typed != deleteWords {
		d, err := s.newSettingsPage(r)
		if err != nil {
			s.fail(w, r, 0, err)
			return
		}
		d.DeleteError = fmt.Sprintf("Nothing was deleted. To delete everything, type %q in the box.", deleteWords)
		s.render(w, r, http.StatusBadRequest, "settings", d)
		return
	}
	res, err := s.Journal.DeleteAll(r.Context(), userID(r))
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/settings?deleted=%d#data", res.Total()), http.StatusSeeOther)
}

// editPage changes a saved session's answers: the pain before and after,
// how strong the stretch felt, and the note. What was played stays as it
// was.
type editPage struct {
	page
	Session                     sessionRow
	PainBefore, PainAfter, Note string
	Intensity                   string
	Errors                      fieldErrors
	NotesSeenBy                 string // the clinic that reads the journal, if any
}

func intText10(p *int) string {
	if p == nil {
		return ""
	}
	return fmt.Sprint(*p)
}

func (s *server) editForm(w http.ResponseWriter, r *http.Request) {
	x, err := s.Journal.Session(r.Context(), userID(r), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	d := &editPage{page: s.newPage(r, "Change a session", "journal"), Session: newRow(x.Summary()),
		PainBefore: intText10(x.PainBefore), PainAfter: intText10(x.PainAfter), Intensity: intText10(x.Intensity), Note: x.Note, Errors: fieldErrors{}}
	if d.NotesSeenBy, err = s.notesSeenBy(r.Context()); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	s.render(w, r, http.StatusOK, "edit", d)
}

func (s *server) editSubmit(w http.ResponseWriter, r *http.Request) {
	x, err := s.Journal.Session(r.Context(), userID(r), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	f := r.PostForm
	d := &editPage{page: s.newPage(r, "Change a session", "journal"), Session: newRow(x.Summary()),
		PainBefore: f.Get("pain_before"), PainAfter: f.Get("pain_after"), Intensity: f.Get("intensity"), Note: f.Get("note"), Errors: fieldErrors{}}
	if d.NotesSeenBy, err = s.notesSeenBy(r.Context()); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	before := d.Errors.scale("pain_before", d.PainBefore, "how much your back hurt before", false)
	after := d.Errors.scale("pain_after", d.PainAfter, "how much your back hurt after", false)
	intensity := d.Errors.scale("intensity", d.Intensity, "how strong the stretch felt", false)
	if msg := checkNote(d.Note); msg != "" {
		d.Errors["note"] = msg
	}
	if len(d.Errors) > 0 {
		s.render(w, r, http.StatusBadRequest, "edit", d)
		return
	}
	_, err = s.Journal.UpdateSession(r.Context(), userID(r), x.ID, func(x *backcare.Session) error {
		x.PainBefore, x.PainAfter, x.Intensity, x.Note = before, after, intensity, strings.TrimSpace(d.Note)
		return nil
	})
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	http.Redirect(w, r, "/journal#s-"+x.ID, http.StatusSeeOther)
}

// deleteSession deletes one session for good. The form says so next to its
// button; the box to tick is the confirmation.
func (s *server) deleteSession(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	id := r.PathValue("id")
	if r.PostForm.Get("confirm") != "yes" {
		x, err := s.Journal.Session(r.Context(), userID(r), id)
		if err != nil {
			s.fail(w, r, 0, err)
			return
		}
		d := &editPage{page: s.newPage(r, "Change a session", "journal"), Session: newRow(x.Summary()),
			PainBefore: intText10(x.PainBefore), PainAfter: intText10(x.PainAfter), Intensity: intText10(x.Intensity), Note: x.Note,
			Errors: fieldErrors{"confirm": "Nothing was deleted. Tick the box to say you want this session deleted for good."}}
		if d.NotesSeenBy, err = s.notesSeenBy(r.Context()); err != nil {
			s.fail(w, r, 0, err)
			return
		}
		s.render(w, r, http.StatusBadRequest, "edit", d)
		return
	}
	if err := s.Journal.DeleteSession(r.Context(), userID(r), id, nil); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	http.Redirect(w, r, "/journal?deleted=1", http.StatusSeeOther)
}

// unfinishedPage is every session that did not finish, in one list, with
// finish or discard for each and for all.
type unfinishedPage struct {
	page
	Sessions []sessionRow
	Done     string // what the last action did
}

func (s *server) unfinishedSessions(r *http.Request) ([]*backcare.Session, error) {
	all, err := s.Journal.Sessions(r.Context(), userID(r), backcare.Filter{Since: s.Now().AddDate(-5, 0, 0)})
	if err != nil {
		return nil, err
	}
	var out []*backcare.Session
	for _, x := range all {
		if x.Status == backcare.InProgress {
			out = append(out, x)
		}
	}
	return out, nil
}

func (s *server) unfinishedList(w http.ResponseWriter, r *http.Request) {
	list, err := s.unfinishedSessions(r)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	d := &unfinishedPage{page: s.newPage(r, "Unfinished sessions", "today")}
	for _, x := range list {
		d.Sessions = append(d.Sessions, newRow(x.Summary()))
	}
	switch r.URL.Query().Get("done") {
	case "finished":
		d.Done = "Saved as ended early."
	case "discarded":
		d.Done = "Deleted."
	}
	s.render(w, r, http.StatusOK, "unfinished", d)
}

// unfinishedSubmit finishes (as ended early, without check-out answers) or
// discards (deletes) one unfinished session, or all of them. A session
// that has ended meanwhile, on another device say, is left as it is.
func (s *server) unfinishedSubmit(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	action, id := r.PostForm.Get("action"), r.PostForm.Get("id")
	if action != "finish" && action != "discard" {
		s.fail(w, r, 0, backcare.Errorf(backcare.EINVALID, "choose finish or discard"))
		return
	}
	list, err := s.unfinishedSessions(r)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	ctx := r.Context()
	for _, x := range list {
		if id != "" && x.ID != id {
			continue
		}
		if action == "discard" {
			// Only while it is still unfinished, in one step with the
			// check: a session that has just ended is never discarded.
			err = s.Journal.DeleteSession(ctx, userID(r), x.ID, func(x *backcare.Session) error {
				if x.Status != backcare.InProgress {
					return errFinished()
				}
				return nil
			})
		} else {
			_, err = s.Journal.UpdateSession(ctx, userID(r), x.ID, func(x *backcare.Session) error {
				if x.Status != backcare.InProgress {
					return errFinished()
				}
				x.Status, x.EndedAt = backcare.Abandoned, s.Now().UTC()
				return nil
			})
		}
		if err != nil && backcare.ErrorCode(err) != backcare.ECONFLICT && backcare.ErrorCode(err) != backcare.ENOTFOUND {
			s.fail(w, r, 0, err)
			return
		}
	}
	done := "finished"
	if action == "discard" {
		done = "discarded"
	}
	http.Redirect(w, r, "/sessions/unfinished?done="+done, http.StatusSeeOther)
}
