package web

import (
	"context"
	"net/http"
	"time"

	"backcare"
)

// Each person's time zone. A clinic's patients live in many zones, and a
// server runs in one: "today", this week and the charts' days are
// reckoned in the signed-in person's own zone (backcare.Account.Zone),
// and a clinician sees each patient's in theirs.

// locOf is the zone of the account signed in on ctx, or the server's.
func (s *server) locOf(ctx context.Context) *time.Location {
	if v := viewerFrom(ctx); v != nil {
		return s.zoneOf(v.account)
	}
	return s.Location
}

// zoneSubmit saves the signed-in account's time zone.
func (s *server) zoneSubmit(w http.ResponseWriter, r *http.Request) {
	zone := r.PostFormValue("zone")
	if err := backcare.ValidateZone(zone); err != nil {
		d, err2 := s.newAccountPage(r)
		if err2 != nil {
			s.fail(w, r, 0, err2)
			return
		}
		d.Errors["zone"] = errorSentences(err)
		d.Account.Zone = zone
		s.render(w, r, http.StatusBadRequest, "account", d)
		return
	}
	if _, err := s.Journal.UpdateAccount(r.Context(), userID(r), func(a *backcare.Account) error {
		a.Zone = zone
		return nil
	}); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	http.Redirect(w, r, "/account?saved=zone", http.StatusSeeOther)
}
