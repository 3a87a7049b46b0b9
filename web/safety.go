package web

import (
	"net/http"

	"backcare"
	"backcare/safety"
)

// safetyPage asks the red-flag questions (package safety) and shows where
// the person stands: the last verdict, what it means, and, after a "see a
// doctor" verdict, the way to record a clinician's clearance.
type safetyPage struct {
	page
	Questions []safety.Question
	Answers   map[string]string // id -> "yes" or "no", as given
	Errors    fieldErrors
	Status    safety.Status
	Advice    *safety.Advice // what the latest verdict says
	CanClear  bool           // a clinician's clearance may be recorded now
	// ToldClinic is the person's clinic, which records the clearance
	// itself, when a verdict waits for it; "" otherwise.
	ToldClinic string
}

func (s *server) newSafetyPage(r *http.Request) (*safetyPage, error) {
	h, err := s.history(r.Context())
	if err != nil {
		return nil, err
	}
	d := &safetyPage{page: s.newPage(r, "Safety check", "safety"), Questions: safety.Questions(),
		Answers: map[string]string{}, Errors: fieldErrors{}, Status: s.gate(r.Context(), h)}
	if l := d.Status.Latest; l != nil {
		a := safety.AdviceFor(l.Verdict)
		d.Advice = &a
	}
	d.CanClear = d.Status.Blocking != nil && d.Status.Blocking.ClearedAt.IsZero()
	if d.CanClear {
		c, err := s.patientClinic(r.Context())
		if err != nil {
			return nil, err
		}
		if c != nil {
			d.CanClear, d.ToldClinic = false, c.Name
		}
	}
	return d, nil
}

func (s *server) safetyPage(w http.ResponseWriter, r *http.Request) {
	d, err := s.newSafetyPage(r)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	s.render(w, r, http.StatusOK, "safety", d)
}

// safetySubmit records one run of the questions. Every question must be
// answered; nothing is saved otherwise.
func (s *server) safetySubmit(w http.ResponseWriter, r *http.Request) {
	if err := readForm(r); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	d, err := s.newSafetyPage(r)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	answers := map[string]bool{}
	for _, q := range d.Questions {
		v := r.PostForm.Get(q.ID)
		d.Answers[q.ID] = v
		switch v {
		case "yes", "no":
			answers[q.ID] = v == "yes"
		default:
			d.Errors[q.ID] = "Please answer yes or no."
		}
	}
	if len(d.Errors) > 0 {
		s.render(w, r, http.StatusBadRequest, "safety", d)
		return
	}
	reason := safety.ReasonManual
	if d.Status.Gate == safety.ScreenFirst && d.Status.Reason != "" {
		reason = d.Status.Reason
	}
	sc, _, err := safety.NewScreening(userID(r), reason, answers, s.Now())
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	if err := s.Journal.SaveScreening(r.Context(), sc); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	http.Redirect(w, r, "/safety#verdict", http.StatusSeeOther)
}

// safetyClear records that a clinician has cleared the person to exercise
// after a verdict that asked them to see one.
func (s *server) safetyClear(w http.ResponseWriter, r *http.Request) {
	if err := readForm(r); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	d, err := s.newSafetyPage(r)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	// A clinic's patient is cleared by their clinician (clinic.go).
	if err := s.clinicClears(r.Context()); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	if r.PostForm.Get("confirm") != "yes" {
		d.Errors["confirm"] = "Please tick the box to confirm that a clinician has cleared you."
		s.render(w, r, http.StatusBadRequest, "safety", d)
		return
	}
	b := d.Status.Blocking
	if b == nil {
		s.fail(w, r, 0, backcare.Errorf(backcare.ECONFLICT, "there is no verdict waiting for a clinician's clearance").
			WithHint("your safety check lets you exercise already"))
		return
	}
	if err := safety.Clear(b, s.Now()); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	if err := s.Journal.SaveScreening(r.Context(), b); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	http.Redirect(w, r, "/safety#verdict", http.StatusSeeOther)
}
