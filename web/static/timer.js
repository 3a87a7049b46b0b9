// The player's clock, in a dedicated Worker. Browsers throttle timers on a
// hidden page's main thread (to a one-second grid, later to once a minute);
// a dedicated worker's timers keep running on time. The page sends absolute
// deadlines; the worker sleeps until the nearest one, then reports every
// deadline that has come. Nothing here counts ticks: a late wake-up still
// reports the right deadlines, and the next sleep is measured afresh.
//
// Times are on the shared clock performance.timeOrigin + performance.now(),
// which the page and the worker read alike (each has its own timeOrigin).

let deadlines = []; // [{id, at}], sorted by at
let handle = 0;

const now = () => performance.timeOrigin + performance.now();

function arm() {
  clearTimeout(handle);
  if (deadlines.length === 0) return;
  handle = setTimeout(fire, Math.max(0, deadlines[0].at - now()));
}

function fire() {
  const t = now();
  const due = [];
  // A timer may wake a fraction of a millisecond early by the other clock.
  while (deadlines.length > 0 && deadlines[0].at <= t + 1) due.push(deadlines.shift());
  if (due.length > 0) postMessage({ type: 'due', due, at: t });
  arm();
}

onmessage = (e) => {
  const m = e.data;
  if (m.type === 'set') {
    deadlines = m.deadlines.slice().sort((a, b) => a.at - b.at);
    arm();
  } else if (m.type === 'clear') {
    deadlines = [];
    clearTimeout(handle);
  }
};
