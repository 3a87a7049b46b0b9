package web

import (
	"container/list"
	"sync"
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

// maxMemoEntries bounds what the memo keeps: a clinic's summaries are
// about 100 KB for 200 patients.
const maxMemoEntries = 64

// memo keeps one value for each key, with its version, the least recently
// used going first. A nil *memo keeps nothing. Values must not be changed
// once kept.
type memo struct {
	mu    sync.Mutex
	max   int
	lru   *list.List // of *memoEntry, most recently used first
	byKey map[string]*list.Element
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
