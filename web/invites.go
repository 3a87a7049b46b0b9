package web

import (
	"context"
	"encoding/hex"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"backcare"
)

// A clinic's invitations not yet used: the list, and cancelling one (an
// invitation handed to the wrong person, or printed and lost).

// maxInviteFor is the longest note of whom an invitation is for.
const maxInviteFor = 80

// inviteFor reads the optional note of whom an invitation is for.
func inviteFor(r *http.Request) (string, error) {
	v := strings.Join(strings.Fields(r.PostFormValue("for")), " ")
	if n := utf8.RuneCountInString(v); n > maxInviteFor {
		return "", backcare.Errorf(backcare.EINVALID, "the note of whom the invitation is for is %d characters long, more than %d", n, maxInviteFor).
			WithHint("a name is enough")
	}
	return v, nil
}

// invitesPage lists a clinic's invitations not yet used.
type invitesPage struct {
	page
	ClinicID, Clinic string
	Invites          []inviteRow
	Saved            string
}

type inviteRow struct {
	ID      string // the ticket's hash, in hex: not the code, which is never kept
	For     string
	By      string // who made it
	Made    time.Time
	Expires time.Time
}

// openInvites returns the clinic's invitations not yet used or expired,
// with who made each.
func (s *server) openInvites(r *http.Request, clinicID string) ([]inviteRow, error) {
	ts, err := s.clinicInvites(r.Context(), clinicID)
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	out := make([]inviteRow, 0, len(ts))
	for _, t := range ts {
		if _, ok := names[t.ClinicianID]; !ok {
			names[t.ClinicianID] = "a clinician who has left"
			if a, err := s.Journal.Account(r.Context(), t.ClinicianID); err == nil {
				names[t.ClinicianID] = a.Name
			}
		}
		out = append(out, inviteRow{ID: hex.EncodeToString(t.Hash), For: t.For, By: names[t.ClinicianID], Made: t.CreatedAt, Expires: t.ExpiresAt})
	}
	return out, nil
}

// openInvite is an invitation's ticket with what it says.
type openInvite struct {
	*backcare.Ticket
	backcare.Invite
}

// clinicInvites returns the clinic's invitations not yet used or expired.
func (s *server) clinicInvites(ctx context.Context, clinicID string) ([]openInvite, error) {
	ts, err := s.Journal.Tickets(ctx, backcare.TicketInvite, s.Now())
	if err != nil {
		return nil, err
	}
	var out []openInvite
	for _, t := range ts {
		if inv, err := backcare.ParseInvite(t); err == nil && inv.ClinicID == clinicID {
			out = append(out, openInvite{t, inv})
		}
	}
	return out, nil
}

func (s *server) invitesList(w http.ResponseWriter, r *http.Request) {
	c, err := s.staffClinic(r)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	rows, err := s.openInvites(r, c.ID)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	d := &invitesPage{page: s.newPage(r, "Invitations not yet used", "patients"), ClinicID: c.ID, Clinic: c.Name, Invites: rows}
	if r.URL.Query().Get("saved") == "cancelled" {
		d.Saved = "The invitation is cancelled: its link, QR code and code no longer work."
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, "invites", d)
}

// inviteCancel removes one of the clinic's invitations, so that its code
// no longer works.
func (s *server) inviteCancel(w http.ResponseWriter, r *http.Request) {
	c, err := s.staffClinic(r)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	gone := backcare.Errorf(backcare.ENOTFOUND, "there is no such invitation: it may have been used, have expired or been cancelled already").
		WithHint("the list shows the invitations that still work")
	hash, err := hex.DecodeString(r.PathValue("invite"))
	if err != nil || len(hash) == 0 {
		s.fail(w, r, 0, gone)
		return
	}
	t, err := s.Journal.PeekTicket(r.Context(), backcare.TicketInvite, hash, s.Now())
	if backcare.ErrorCode(err) == backcare.ENOTFOUND {
		err = gone
	}
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	// Another clinic's invitation is as good as none.
	if inv, err := backcare.ParseInvite(t); err != nil || inv.ClinicID != c.ID {
		s.fail(w, r, 0, gone)
		return
	}
	if _, err := s.Journal.TakeTicket(r.Context(), backcare.TicketInvite, hash, s.Now()); err != nil {
		if backcare.ErrorCode(err) == backcare.ENOTFOUND {
			err = gone // used or cancelled meanwhile
		}
		s.fail(w, r, 0, err)
		return
	}
	http.Redirect(w, r, "/clinic/invites/"+c.ID+"?saved=cancelled", http.StatusSeeOther)
}
