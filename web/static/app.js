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
