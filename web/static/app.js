// Browsers keep a site for offline use only over a secure connection
// (HTTPS, or localhost): say so where that is missing, rather than promise
// what can't happen.
if (!window.isSecureContext) {
  for (const note of document.querySelectorAll('[data-offline-note]')) {
    note.textContent = 'at this address (no HTTPS) it needs the network: offline play, keeping the screen awake and passkeys need a secure connection';
  }
}

// Every page: keep the app working offline once it has been opened.
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
