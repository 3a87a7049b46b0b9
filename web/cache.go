package web

import (
	"container/list"
	"context"
	"net/http"
	"sync"
	"time"
)

// The page cache.
//
// The Today page reads the journal several times and runs the programme
// and a template: a few hundred microseconds, for a page that changes only
// when the person's records change or time moves on. So it is made once
// and kept, keyed by everything it is made from:
//
//   - whose journal it shows, and that journal's revision
//     (backcare.Journal.Revision): any write to the person's records, by
//     this server, another replica or the terminal player, moves it, in the
//     same transaction as the write, so one cheap read tells whether the
//     page is still current;
//   - the moment it is made as of: the end of the current minute. The
//     programme and the safety rules count time in hours and days ("7 days
//     since the last check-in", "a flare in the last 48 hours"), not only
//     in dates, so the page is made as of a fixed moment, and every request
//     in that minute gets the same page. Made as of the minute's end, it
//     includes everything saved up to now;
//   - which page it is.
//
// Everything else a page shows is fixed while the server runs (the
// catalog, the programme, the time zone, the version, the static files'
// addresses). A page builder gets only a context and that moment, never
// the request, so it cannot depend on anything outside the key.
//
// The cache is memory of this process only: another replica makes its own
// pages, and none is ever stale, because the revision lives in the
// database. It keeps one page per person and page name, the most recently
// used first, within maxCacheBytes.

// maxCacheBytes bounds the pages kept; a Today page is about 10 KB.
const maxCacheBytes = 4 << 20

// pageBuilder makes a page's data as of now from the journal.
type pageBuilder func(ctx context.Context, now time.Time) (any, error)

// pageTime is the moment a page asked for at now is made as of: the last
// millisecond of now's minute (the journal keeps milliseconds).
func pageTime(now time.Time) time.Time {
	return now.Truncate(time.Minute).Add(time.Minute - time.Millisecond)
}

// cachedPage serves the page name made by build, from the cache when it
// is current.
func (s *server) cachedPage(w http.ResponseWriter, r *http.Request, name string, build pageBuilder) {
	ctx := r.Context()
	// The revision first: what build reads after it is at least as new,
	// so a page is never kept under a revision newer than its contents.
	rev, err := s.Journal.Revision(ctx, userOf(ctx))
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	at := pageTime(s.Now())
	key := pageKey{name: name, user: userOf(ctx), rev: rev, at: at.UnixMilli(), zone: s.locOf(ctx).String()}
	if body, ok := s.cache.get(key); ok {
		writeHTML(w, http.StatusOK, body)
		return
	}
	data, err := build(ctx, at)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	buf := getBuffer()
	defer putBuffer(buf)
	if !s.execute(buf, s.locOf(ctx), name, data) {
		http.Error(w, "Something went wrong inside backcare. Please try again.", http.StatusInternalServerError)
		return
	}
	s.cache.put(key, buf.Bytes())
	writeHTML(w, http.StatusOK, buf.Bytes())
}

// pageKey is everything a cached page is made from.
type pageKey struct {
	name, user string
	rev        int64
	at         int64  // the moment it is made as of, Unix milliseconds
	zone       string // the person's time zone, in which "today" is
}

// pageCache keeps the latest page of each name for each person, up to a
// total size, the least recently used going first. A nil *pageCache keeps
// nothing.
type pageCache struct {
	mu       sync.Mutex
	maxBytes int
	bytes    int
	lru      *list.List // of *cacheEntry, most recently used first
	byPage   map[pageID]*list.Element
}

type pageID struct{ name, user string }

type cacheEntry struct {
	key  pageKey
	body []byte
}

func newPageCache(maxBytes int) *pageCache {
	return &pageCache{maxBytes: maxBytes, lru: list.New(), byPage: map[pageID]*list.Element{}}
}

// get returns the page kept for key. The body must not be changed.
func (c *pageCache) get(key pageKey) ([]byte, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.byPage[pageID{key.name, key.user}]
	if !ok {
		return nil, false
	}
	e := el.Value.(*cacheEntry)
	if e.key != key {
		return nil, false
	}
	c.lru.MoveToFront(el)
	return e.body, true
}

// put keeps a copy of body as the page for key, in place of the one kept
// for the same page and person, unless that one is newer.
func (c *pageCache) put(key pageKey, body []byte) {
	if c == nil || len(body) > c.maxBytes {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	id := pageID{key.name, key.user}
	if el, ok := c.byPage[id]; ok {
		old := el.Value.(*cacheEntry)
		// Requests that overlap a write or a minute's end may finish out
		// of order: keep the page of the newest key.
		if old.key.rev > key.rev || old.key.at > key.at {
			return
		}
		c.bytes -= len(old.body)
		c.lru.Remove(el)
		delete(c.byPage, id)
	}
	e := &cacheEntry{key: key, body: append([]byte(nil), body...)}
	c.byPage[id] = c.lru.PushFront(e)
	c.bytes += len(e.body)
	for c.bytes > c.maxBytes {
		last := c.lru.Back()
		old := last.Value.(*cacheEntry)
		c.bytes -= len(old.body)
		c.lru.Remove(last)
		delete(c.byPage, pageID{old.key.name, old.key.user})
	}
}

// len reports the pages kept and their total size, for tests.
func (c *pageCache) len() (pages, bytes int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lru.Len(), c.bytes
}
