package web

import (
	"container/list"
	"sync"

	"golang.org/x/sync/singleflight"
)

// The clinic pages' memo.
//
// A clinician's dashboard is made from every record of up to hundreds of
// patients: a few reads that cost tens of milliseconds, and a summary of
// each patient. What it shows changes only when one of those patients'
// records changes, or time moves on. So the summaries are kept, each under
// a version that says what it was made from: the journal's fingerprint of
// the clinic (Journal.ClinicVersion, one cheap read that any replica's
// write changes) and the moment it was made as of (pageTime, the end of
// the minute, as for the page cache). A request whose version matches uses
// them again; every other request makes them anew.
//
// Only what is the same for every clinician of the clinic is kept. What a
// request does besides (who is asking, whether they may, the audit entry of
// their look) happens at every request, kept or not.
//
// When a version goes out of date (at the turn of every minute, or after a
// write), every request in flight for the clinic misses at once. They make
// it once between them (getOrMake): the first makes it, the others wait for
// its value. Made by each, 16 dashboards at once on two cores held every
// one of them up for a second.

// maxMemoEntries bounds what the memo keeps: a clinic's summaries are
// about 100 KB for 200 patients.
const maxMemoEntries = 64

// memo keeps one value for each key, with its version, the least recently
// used going first. A nil *memo keeps nothing. Values must not be changed
// once kept.
type memo struct {
	mu     sync.Mutex
	max    int
	lru    *list.List // of *memoEntry, most recently used first
	byKey  map[string]*list.Element
	making singleflight.Group // by key and version
}

type memoEntry struct {
	key, version string
	value        any
}

func newMemo(maxEntries int) *memo {
	return &memo{max: maxEntries, lru: list.New(), byKey: map[string]*list.Element{}}
}

// get returns the value kept for key if it was kept under version.
func (m *memo) get(key, version string) (any, bool) {
	if m == nil {
		return nil, false
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	el, ok := m.byKey[key]
	if !ok || el.Value.(*memoEntry).version != version {
		return nil, false
	}
	m.lru.MoveToFront(el)
	return el.Value.(*memoEntry).value, true
}

// put keeps value for key under version, in place of what was kept for key.
func (m *memo) put(key, version string, value any) {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if el, ok := m.byKey[key]; ok {
		m.lru.Remove(el)
	}
	m.byKey[key] = m.lru.PushFront(&memoEntry{key: key, version: version, value: value})
	for m.lru.Len() > m.max {
		last := m.lru.Back()
		m.lru.Remove(last)
		delete(m.byKey, last.Value.(*memoEntry).key)
	}
}

// getOrMake returns the value kept for key under version, or makes it with
// mk and keeps it. Callers that miss the same key and version at the same
// time share one call of mk and its result, error included. mk must not
// stop when the caller that happens to run it goes away: build it on
// context.WithoutCancel, since others wait on it.
func (m *memo) getOrMake(key, version string, mk func() (any, error)) (any, error) {
	if m == nil {
		return mk()
	}
	if v, ok := m.get(key, version); ok {
		return v, nil
	}
	v, err, _ := m.making.Do(key+"\x00"+version, func() (any, error) {
		if v, ok := m.get(key, version); ok { // made while this call waited its turn
			return v, nil
		}
		v, err := mk()
		if err == nil {
			m.put(key, version, v)
		}
		return v, err
	})
	return v, err
}
