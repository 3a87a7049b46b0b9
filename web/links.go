package web

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"

	"backcare"
)

// How long the one-time links stay good. The sign-in link printed at start
// waits for the person to open it; a phone's pairing code is scanned at
// once, so it expires soon (backcare's own choices).
const (
	SignInLinkTTL = 24 * time.Hour
	PairingTTL    = 5 * time.Minute
)

// signInLinkPath is where a one-time link is redeemed.
const signInLinkPath = "/signin/link"

// IssueLink makes a one-time link that signs one browser into the account:
// it keeps a ticket of the kind (TicketSignInLink or TicketPairing) in the
// journal, so any replica can redeem it, and returns base (scheme, host and
// port, with or without a final slash) + "/signin/link?token=...". Only the
// token's hash is kept.
func IssueLink(ctx context.Context, a backcare.Accounts, kind backcare.TicketKind, accountID, base string, now time.Time, ttl time.Duration) (string, error) {
	if kind != backcare.TicketSignInLink && kind != backcare.TicketPairing {
		return "", fmt.Errorf("web: issue link: %q is not a kind of link", kind)
	}
	token := backcare.NewToken()
	t := &backcare.Ticket{Hash: backcare.TokenHash(token), Kind: kind, AccountID: accountID,
		CreatedAt: now, ExpiresAt: now.Add(ttl)}
	if err := a.AddTicket(ctx, t); err != nil {
		return "", fmt.Errorf("web: issue link: %w", err)
	}
	return strings.TrimSuffix(base, "/") + signInLinkPath + "?token=" + url.QueryEscape(token), nil
}
