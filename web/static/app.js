// Browsers keep a site for offline use only over a secure connection
// (HTTPS, or localhost): say so where that is missing, rather than promise
// what can't happen.
if (!window.isSecureContext) {
  for (const note of document.querySelectorAll('[data-offline-note]')) {
    note.textContent = 'at this address (no HTTPS) it needs the network: offline play, keeping the screen awake and passkeys need a secure connection';
  }
}

// Every page: keep the app working offline once it has been opened, say so
// when a page is the copy kept on this device, and send what the outbox
// holds (outbox.js) whenever the server answers.
if ('serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => {
      // Without a service worker the app still works online.
    });
  });
}

// The practice calendar is written in this device's time zone, which the
// server may not share (a clinic's server may run in UTC).
const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
if (zone) {
  for (const a of document.querySelectorAll('a[data-tz]')) {
    const u = new URL(a.href);
    u.searchParams.set('tz', zone);
    a.href = u.pathname + u.search;
  }
  for (const input of document.querySelectorAll('input[data-tz]')) {
    if (!input.value) input.value = zone;
  }
}

// Signing out forgets the pages this browser kept for offline use, so the
// next person at a shared computer can't read them.
for (const form of document.querySelectorAll('form[data-signout]')) {
  form.addEventListener('submit', async (event) => {
    if (!('caches' in window) || form.dataset.cleared) return;
    event.preventDefault();
    try {
      for (const key of await caches.keys()) await caches.delete(key);
    } finally {
      form.dataset.cleared = 'yes';
      form.submit();
    }
  });
}

// ---- Offline: how old this page is, and what waits to be sent -----------

const banner = document.getElementById('net');
const made = Date.parse(document.querySelector('meta[name="backcare-made"]')?.content || '');
let offline = false;
let waiting = [];
// waitingSince is when the outbox last went from empty to holding
// something. Online, a save is usually sent within a moment: the line
// about what waits on the device shows only when it has waited a while
// (or the server is out of reach), so it does not flash up at every save
// and push the page about under a finger.
let waitingSince = 0;
const WAIT_SHOWN_MS = 8000;
let refused = 0;
let lastRefused = null;

// ago says how long ago ms was, in words.
function ago(ms) {
  const min = Math.round((Date.now() - ms) / 60000);
  if (min < 1) return 'a moment ago';
  if (min < 60) return `${min} minute${min === 1 ? '' : 's'} ago`;
  const h = Math.round(min / 60);
  if (h < 24) return `${h} hour${h === 1 ? '' : 's'} ago`;
  const d = Math.round(h / 24);
  return d === 1 ? 'yesterday' : `${d} days ago`;
}

function when(ms) {
  return new Date(ms).toLocaleString(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}

function render() {
  if (!banner) return;
  const lines = [];
  if (offline) {
    lines.push(Number.isNaN(made)
      ? "backcare's server can't be reached just now: this page is the copy kept on this device."
      : `backcare's server can't be reached just now: this page is the copy kept on this device, from ${ago(made)} (${when(made)}).`);
  }
  if (waiting.length > 0 && (offline || Date.now() - waitingSince >= WAIT_SHOWN_MS)) {
    const n = waiting.length;
    lines.push(`${n === 1 ? 'One session is' : `${n} sessions are`} saved on this device and will reach your journal when backcare is back.`);
  }
  if (refused > 0) {
    const why = lastRefused?.error ? ` The journal said: ${lastRefused.error}.` : '';
    lines.push(`${refused === 1 ? 'One save' : `${refused} saves`} from this device could not go into your journal.${why}`);
  }
  banner.replaceChildren(...lines.map((t) => Object.assign(document.createElement('p'), { textContent: t })));
  banner.hidden = lines.length === 0;
  document.documentElement.classList.toggle('is-offline', offline);
}

async function reachable() {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), 5000);
  try {
    const res = await fetch('/healthz', { cache: 'no-store', signal: ctl.signal });
    return res.ok;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

async function check() {
  const was = offline;
  offline = !(await reachable());
  render();
  if (was && !offline) globalThis.backcareOutbox?.flush();
}

document.addEventListener('backcare:outbox', (e) => {
  if (waiting.length === 0 && e.detail.pending.length > 0) {
    waitingSince = Date.now();
    setTimeout(render, WAIT_SHOWN_MS + 100);
  }
  waiting = e.detail.pending;
  refused = e.detail.refused;
  lastRefused = e.detail.lastRefused;
  render();
});
window.addEventListener('online', check);
window.addEventListener('offline', () => { offline = true; render(); });
check();
setInterval(check, 30000);
globalThis.backcareOutbox?.changed();
globalThis.backcareOutbox?.flush();
