// The outbox: what the player saves goes to this device first (IndexedDB),
// then to the journal, in order, whenever backcare answers. A session
// played with the server out of reach is kept here, through a closed tab
// or a restarted browser, and sent when the server is back.
//
// The device picks each session's id, so a start or a save sent twice
// (its first answer lost on the way) is the same request twice, never a
// second session: the server answers a resend as it answered the first.
//
// One record per session, in the store "sessions", keyed by its id:
//   {id, seq, start, put, rev, label}
// start is the POST /api/sessions body still to send (null once the
// journal has the session); put is the newest PUT body still to send (each
// carries the session's whole state, so only the newest matters); rev
// counts puts, so a put that changes while it is on its way is sent again.
// Records go in seq order, the start of each before its put. A request the
// server refuses (4xx) moves to the store "refused", with the answer, so
// nothing is thrown away unseen.
//
// Each record also carries the account it was played under (the page's
// backcare-account meta tag), and only the signed-in account's records are
// listed or sent: on a shared device a session never reaches another
// person's journal, and one played by someone signed out waits, on the
// device, until they sign in again (401 counts as "not answered").
//
// Every page loads this file before its other scripts; it sets
// globalThis.backcareOutbox, and announces each change as a
// "backcare:outbox" event on document with {pending, refused, sent}.

const DB = 'backcare';
const TIMEOUT_MS = 8000; // a request that takes longer counts as unanswered
const RETRY_MS = 15000;  // while something waits, try again this often

// me is the account this page is signed in as; empty when signed out.
const me = document.querySelector('meta[name="backcare-account"]')?.content || '';

let dbp = null;

function db() {
  if (!dbp) {
    dbp = new Promise((resolve, reject) => {
      const req = indexedDB.open(DB, 1);
      req.onupgradeneeded = () => {
        const d = req.result;
        d.createObjectStore('sessions', { keyPath: 'id' });
        d.createObjectStore('refused', { autoIncrement: true });
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    dbp.catch(() => { dbp = null; });
  }
  return dbp;
}

// tx runs fn on the stores in one transaction and resolves with its result
// once the transaction has committed: only then is the write on the device.
async function tx(stores, mode, fn) {
  const d = await db();
  return new Promise((resolve, reject) => {
    const t = d.transaction(stores, mode, { durability: 'strict' });
    let out;
    t.oncomplete = () => resolve(out);
    t.onerror = () => reject(t.error);
    t.onabort = () => reject(t.error || new Error('aborted'));
    out = fn(...stores.map((s) => t.objectStore(s)));
  });
}

function newID() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
}

// start keeps a session's start. label names it for the page
// ({routine, started}); body is the POST /api/sessions request.
async function start(body, label) {
  await tx(['sessions'], 'readwrite', (s) => {
    s.put({ id: body.id, seq: Date.now() + Math.random(), start: body, put: null, rev: 0, label, account: me });
  });
  changed();
}

// save keeps the newest state of a session (a PUT /api/sessions/{id} body).
async function save(id, body) {
  await tx(['sessions'], 'readwrite', (s) => {
    s.get(id).onsuccess = (e) => {
      const r = e.target.result || { id, seq: Date.now() + Math.random(), start: null, rev: 0, account: me };
      r.put = body;
      r.rev += 1;
      s.put(r);
    };
  });
  changed();
}

async function list() {
  const d = await db();
  const rows = await new Promise((resolve, reject) => {
    const r = d.transaction('sessions').objectStore('sessions').getAll();
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  return rows.filter((r) => (r.start || r.put) && me !== '' && r.account === me).sort((a, b) => a.seq - b.seq);
}

async function refusedList() {
  const d = await db();
  return new Promise((resolve, reject) => {
    const r = d.transaction('refused').objectStore('refused').getAll();
    r.onsuccess = () => resolve(r.result.filter((x) => me !== '' && x.account === me));
    r.onerror = () => reject(r.error);
  });
}

// has reports whether something of session id is still to send.
async function has(id) {
  return (await list()).some((r) => r.id === id);
}

// refusal returns the server's answer to a refused request of session id.
async function refusal(id) {
  return (await refusedList()).filter((r) => r.id === id).pop() || null;
}

class Unanswered extends Error {}

// send makes a request kept for account. The server refuses it with 401
// when someone else is signed in on this browser by now (another tab
// signed in as them since this page loaded), so it waits.
async function send(method, url, body, account) {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), TIMEOUT_MS);
  let res;
  try {
    res = await fetch(url, {
      method, signal: ctl.signal,
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Backcare-Account': encodeURIComponent(account) },
      body: JSON.stringify(body),
    });
  } catch {
    throw new Unanswered();
  } finally {
    clearTimeout(timer);
  }
  const data = await res.json().catch(() => ({}));
  // The server is busy or failing, or this browser is no longer signed
  // in: try again later, as if unanswered.
  if (res.status >= 500 || res.status === 401 || res.status === 408 || res.status === 429) throw new Unanswered();
  return { ok: res.ok, status: res.status, data };
}

// sent marks what of session id was sent: the start, or the put of rev.
async function sent(id, what, rev) {
  await tx(['sessions'], 'readwrite', (s) => {
    s.get(id).onsuccess = (e) => {
      const r = e.target.result;
      if (!r) return;
      if (what === 'start') r.start = null;
      else if (r.rev === rev) r.put = null; // not if it changed meanwhile
      if (r.start || r.put) s.put(r); else s.delete(id);
    };
  });
}

async function refuse(id, what, rev, body, answer) {
  await tx(['sessions', 'refused'], 'readwrite', (s, f) => {
    f.add({ id, what, body, account: me, status: answer.status, error: answer.data.error || '', hint: answer.data.hint || '', at: new Date().toISOString() });
    s.get(id).onsuccess = (e) => {
      const r = e.target.result;
      if (!r) return;
      // A refused start takes its saves with it: the journal has no
      // session for them.
      if (what === 'start') { r.start = null; r.put = null; } else if (r.rev === rev) r.put = null;
      if (r.start || r.put) s.put(r); else s.delete(id);
    };
  });
}

let flushing = null;
let sentCount = 0;

// flush sends what waits, oldest session first, and resolves with whether
// everything went (false: the server did not answer; it is tried again).
function flush() {
  if (!flushing) {
    flushing = (async () => {
      try {
        if (navigator.locks) return await navigator.locks.request('backcare-outbox', sendAll);
        return await sendAll();
      } finally {
        flushing = null;
        changed();
      }
    })();
  }
  return flushing;
}

async function sendAll() {
  for (;;) {
    const rows = await list();
    if (rows.length === 0) return true;
    const r = rows[0];
    try {
      if (r.start) {
        const a = await send('POST', '/api/sessions', r.start, r.account);
        if (a.ok) { await sent(r.id, 'start'); sentCount++; }
        else await refuse(r.id, 'start', 0, r.start, a);
      } else if (r.put) {
        const rev = r.rev;
        const a = await send('PUT', `/api/sessions/${encodeURIComponent(r.id)}`, r.put, r.account);
        if (a.ok) { await sent(r.id, 'put', rev); sentCount++; }
        else await refuse(r.id, 'put', rev, r.put, a);
      }
    } catch (err) {
      if (err instanceof Unanswered) return false;
      throw err;
    }
  }
}

let last = '';
async function changed() {
  try {
    const [pending, refused] = await Promise.all([list(), refusedList()]);
    const lastRefused = refused.length > 0 ? refused[refused.length - 1] : null;
    const detail = { pending: pending.map((r) => ({ id: r.id, label: r.label || null })), refused: refused.length, lastRefused, sent: sentCount };
    const key = JSON.stringify(detail);
    if (key === last) return;
    last = key;
    document.dispatchEvent(new CustomEvent('backcare:outbox', { detail }));
  } catch {
    // No IndexedDB here (a private window in some browsers): nothing kept.
  }
}

// Try again whenever the browser thinks the network is back, and every
// RETRY_MS while something waits.
window.addEventListener('online', () => { flush(); });
setInterval(async () => {
  try {
    if ((await list()).length > 0) flush();
  } catch { /* no IndexedDB */ }
}, RETRY_MS);

globalThis.backcareOutbox = { newID, start, save, flush, list, has, refusal, refused: refusedList, changed };
