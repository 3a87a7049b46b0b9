package web

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"sync"
	"time"

	"backcare"
)

// memAccounts is the in-memory backcare.Accounts of memJournal: what the
// handler tests need, behaving as journaltest requires of the real ones.
type memAccounts struct {
	mu       sync.Mutex
	accounts map[string]backcare.Account
	passkeys map[string]backcare.Passkey // by string(credential id)
	signIns  map[string]backcare.SignIn
	tickets  map[string]backcare.Ticket // by string(hash)
	failures map[string][]time.Time
	writes   int
}

func newMemAccounts() *memAccounts {
	return &memAccounts{accounts: map[string]backcare.Account{}, passkeys: map[string]backcare.Passkey{},
		signIns: map[string]backcare.SignIn{}, tickets: map[string]backcare.Ticket{}, failures: map[string][]time.Time{}}
}

func notFound(what string) error {
	return backcare.Errorf(backcare.ENOTFOUND, "there is no such %s", what)
}

func (m *memAccounts) AddAccount(_ context.Context, a *backcare.Account) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	a.Name = backcare.NormalizeAccountName(a.Name)
	if err := a.Validate(); err != nil {
		return err
	}
	for _, x := range m.accounts {
		if x.Name == a.Name || x.ID == a.ID {
			return backcare.Errorf(backcare.ECONFLICT, "the name %s is taken", a.Name)
		}
	}
	m.accounts[a.ID] = *a
	m.writes++
	return nil
}

func (m *memAccounts) Account(_ context.Context, id string) (*backcare.Account, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	a, ok := m.accounts[id]
	if !ok {
		return nil, notFound("account")
	}
	return &a, nil
}

func (m *memAccounts) AccountByName(_ context.Context, name string) (*backcare.Account, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	name = backcare.NormalizeAccountName(name)
	for _, a := range m.accounts {
		if a.Name == name {
			return &a, nil
		}
	}
	return nil, notFound("account")
}

func (m *memAccounts) AccountList(context.Context) ([]*backcare.Account, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []*backcare.Account
	for _, a := range m.accounts {
		out = append(out, &a)
	}
	slices.SortFunc(out, func(a, b *backcare.Account) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}

func (m *memAccounts) UpdateAccount(_ context.Context, id string, change func(*backcare.Account) error) (*backcare.Account, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	a, ok := m.accounts[id]
	if !ok {
		return nil, notFound("account")
	}
	if err := change(&a); err != nil {
		return nil, err
	}
	m.accounts[id] = a
	m.writes++
	return &a, nil
}

func (m *memAccounts) RemoveAccount(_ context.Context, id string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.accounts[id]; !ok {
		return notFound("account")
	}
	delete(m.accounts, id)
	m.writes++
	return nil
}

func (m *memAccounts) AddPasskey(_ context.Context, p *backcare.Passkey) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.passkeys[string(p.ID)]; ok {
		return backcare.Errorf(backcare.ECONFLICT, "that passkey is already saved")
	}
	m.passkeys[string(p.ID)] = *p
	m.writes++
	return nil
}

func (m *memAccounts) Passkey(_ context.Context, id []byte) (*backcare.Passkey, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	p, ok := m.passkeys[string(id)]
	if !ok {
		return nil, notFound("passkey")
	}
	return &p, nil
}

func (m *memAccounts) Passkeys(_ context.Context, accountID string) ([]*backcare.Passkey, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []*backcare.Passkey
	for _, p := range m.passkeys {
		if p.AccountID == accountID {
			out = append(out, &p)
		}
	}
	slices.SortFunc(out, func(a, b *backcare.Passkey) int { return a.CreatedAt.Compare(b.CreatedAt) })
	return out, nil
}

func (m *memAccounts) UpdatePasskey(_ context.Context, p *backcare.Passkey) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	x, ok := m.passkeys[string(p.ID)]
	if !ok || x.AccountID != p.AccountID {
		return notFound("passkey")
	}
	x.Data, x.LastUsedAt = p.Data, p.LastUsedAt
	m.passkeys[string(p.ID)] = x
	m.writes++
	return nil
}

func (m *memAccounts) RemovePasskey(_ context.Context, accountID string, id []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	x, ok := m.passkeys[string(id)]
	if !ok || x.AccountID != accountID {
		return notFound("passkey")
	}
	delete(m.passkeys, string(id))
	m.writes++
	return nil
}

func (m *memAccounts) AddSignIn(_ context.Context, s *backcare.SignIn) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.signIns[s.ID] = *s
	m.writes++
	return nil
}

func (m *memAccounts) SignInByToken(_ context.Context, hash []byte) (*backcare.SignIn, *backcare.Account, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, s := range m.signIns {
		if a, ok := m.accounts[s.AccountID]; ok && bytes.Equal(s.TokenHash, hash) {
			return &s, &a, nil
		}
	}
	return nil, nil, notFound("sign-in")
}

func (m *memAccounts) SignIns(_ context.Context, accountID string) ([]*backcare.SignIn, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []*backcare.SignIn
	for _, s := range m.signIns {
		if s.AccountID == accountID {
			out = append(out, &s)
		}
	}
	slices.SortFunc(out, func(a, b *backcare.SignIn) int { return b.CreatedAt.Compare(a.CreatedAt) })
	return out, nil
}

func (m *memAccounts) TouchSignIn(_ context.Context, id string, at time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	s, ok := m.signIns[id]
	if !ok {
		return notFound("sign-in")
	}
	s.LastSeenAt = at
	m.signIns[id] = s
	return nil
}

func (m *memAccounts) RemoveSignIn(_ context.Context, accountID, id string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	s, ok := m.signIns[id]
	if !ok || s.AccountID != accountID {
		return notFound("sign-in")
	}
	delete(m.signIns, id)
	m.writes++
	return nil
}

func (m *memAccounts) RemoveSignIns(_ context.Context, accountID, except string) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	n := 0
	for id, s := range m.signIns {
		if s.AccountID == accountID && id != except {
			delete(m.signIns, id)
			n++
		}
	}
	m.writes++
	return n, nil
}

func (m *memAccounts) AddTicket(_ context.Context, t *backcare.Ticket) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.tickets[string(t.Hash)] = *t
	return nil
}

func (m *memAccounts) TakeTicket(_ context.Context, kind backcare.TicketKind, hash []byte, now time.Time) (*backcare.Ticket, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	t, ok := m.tickets[string(hash)]
	if !ok || t.Kind != kind {
		return nil, notFound("ticket")
	}
	delete(m.tickets, string(hash))
	if !now.Before(t.ExpiresAt) {
		return nil, notFound("ticket")
	}
	return &t, nil
}

func (m *memAccounts) AddFailure(_ context.Context, key string, at time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.failures[key] = append(m.failures[key], at)
	return nil
}

func (m *memAccounts) Failures(_ context.Context, key string, since time.Time) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	n := 0
	for _, at := range m.failures[key] {
		if !at.Before(since) {
			n++
		}
	}
	return n, nil
}

func (m *memAccounts) ClearFailures(_ context.Context, key string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.failures, key)
	return nil
}
