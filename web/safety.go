package web

import (
	"net/http"

	"backcare"
)

// safetyPage asks the red-flag questions and shows the last verdict.
type safetyPage struct {
	page
	Available bool
	Questions []SafetyQuestion
	Answers   map[string]string // id -> "yes" or "no", as given
	Errors    fieldErrors
	Latest    *backcare.Screening
	Verdict   *SafetyVerdict // the latest screening's verdict in words
}

func (s *server) newSafetyPage(r *http.Request) *safetyPage {
	d := &safetyPage{page: s.newPage(r, "Safety check", "safety"), Available: s.Safety != nil, Answers: map[string]string{}, Errors: fieldErrors{}}
	if s.Safety != nil {
		d.Questions = s.Safety.Questions()
	}
	return d
}

func (s *server) safetyPage(w http.ResponseWriter, r *http.Request) {
	d := s.newSafetyPage(r)
	list, err := s.Journal.Screenings(r.Context(), s.UserID, backcare.Filter{Limit: 1})
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	if len(list) > 0 && s.Safety != nil {
		d.Latest = list[0]
		v := s.Safety.Screen(d.Latest.Answers)
		d.Verdict = &v
	}
	s.render(w, r, http.StatusOK, "safety", d)
}

func (s *server) safetySubmit(w http.ResponseWriter, r *http.Request) {
	if s.Safety == nil {
		s.fail(w, r, 0, backcare.Errorf(backcare.ENOTFOUND, "the safety questions are not part of this build"))
		return
	}
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	d := s.newSafetyPage(r)
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
	ctx := r.Context()
	prev, err := s.Journal.Screenings(ctx, s.UserID, backcare.Filter{Limit: 1})
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	reason := "manual"
	if len(prev) == 0 {
		reason = "first"
	}
	v := s.Safety.Screen(answers)
	sc := &backcare.Screening{ID: backcare.NewID(), UserID: s.UserID, At: s.Now().UTC(), Reason: reason, Answers: answers, Verdict: v.Verdict}
	if err := s.Journal.SaveScreening(ctx, sc); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	http.Redirect(w, r, "/safety#verdict", http.StatusSeeOther)
}
