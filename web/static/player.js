// The guided player. It plays the timeline the server compiled (package
// player decides all timing); this file only keeps time, shows, speaks and
// saves.
//
// Time: every moment is an absolute deadline on the clock
// performance.timeOrigin + performance.now(). A dedicated Worker (timer.js)
// wakes at each deadline, so cues stay on time in a hidden tab; a new
// segment starts at the previous one's deadline, never "now", so nothing
// drifts. Beeps are scheduled ahead on the Web Audio clock for the same
// reason. Progress is saved at every segment change, to this device first
// and then to the journal (outbox.js), so a closed tab leaves a session
// that can be resumed or finished, and a session plays from check-in to
// check-out with the server out of reach: it reaches the journal when the
// server answers again.
//
// For tests and anyone curious, each cue is announced as a
// "backcare:cue" event on document with {segment, text, tone, due, fired}.

const root = document.getElementById('player');
const $ = (id) => document.getElementById(id);
const epoch = () => performance.timeOrigin + performance.now();

const cfg = {
  routine: root.dataset.routine,
  timelineURL: root.dataset.timeline,
  workerURL: root.dataset.worker,
  voice: root.dataset.voice === 'true',
  voiceName: root.dataset.voiceName || '',
  beeps: root.dataset.beeps === 'true',
  resume: root.dataset.resume || '',
  routineName: root.dataset.routineName || '',
  gentle: root.dataset.gentle === 'true',
  highFrom: Number(root.dataset.highFrom || 8),
  relief: root.dataset.relief || '',
};
const outbox = globalThis.backcareOutbox;

const BACK_RESTART_MS = 3000; // as player.BackRestart: "back" restarts a segment after 3 s
// LEAD_MS: a segment a person starts (Start, Resume, Skip, Back) begins this
// far ahead, so the page has drawn it and its first beep can be scheduled
// before it is due.
const LEAD_MS = 150;
// START_LEAD_MS: the first segment begins a little later still, after the
// burst of work that starting brings (drawing the player, the first save).
const START_LEAD_MS = 400;

const st = {
  tl: null,          // the timeline
  session: null,     // the saved session (id, pain_before, ...)
  seg: 0,            // current segment index
  elapsed: 0,        // ms played in the segment before the last resume
  resumedAt: 0,      // epoch ms when playing last resumed
  playing: false,
  fired: new Set(),  // cue keys already fired in the current segment
  results: new Map(),// index -> {index, kind, pose, side, planned_ms, held_ms, skipped}
  ended: '',         // '', 'completed', 'stopped_for_pain', 'abandoned'
  endedAt: '',       // when it ended, by this device's clock
  offline: false,    // the journal has not answered since the start
  lastSecond: -1,
};

// ---- Showing ---------------------------------------------------------------

function show(id) {
  for (const s of root.querySelectorAll('.stage')) s.hidden = s.id !== id;
  document.body.classList.toggle('is-playing', id === 'play');
}

function fail(el, message) {
  el.textContent = message;
  el.hidden = false;
}

function clockText(ms) {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

function position() {
  return st.elapsed + (st.playing ? Math.max(0, epoch() - st.resumedAt) : 0);
}

function poseNumber(poseID) {
  const i = st.tl.poses.findIndex((p) => p.id === poseID);
  return i < 0 ? '' : `Pose ${i + 1} of ${st.tl.poses.length}`;
}

// upcoming names a segment to come: a pose by its name (and side), not
// by its get-ready title.
function upcoming(seg) {
  const p = seg.kind === 'prepare' && st.tl.poses.find((x) => x.id === seg.pose);
  if (!p) return seg.title;
  return seg.side ? `${p.name}, ${seg.side} side` : p.name;
}

function renderSegment() {
  const seg = st.tl.segments[st.seg];
  $('seg-title').textContent = seg.title;
  $('step').textContent = seg.step;
  // What comes after this pose and side: "get ready" is followed by the
  // same pose, which is already on screen.
  const next = st.tl.segments.slice(st.seg + 1).find((n) => n.pose !== seg.pose || n.side !== seg.side);
  $('next').textContent = next ? `Next: ${upcoming(next)}` : 'Last one: then you are done.';
  const fig = $('figure');
  const want = `${seg.pose || ''}/${seg.side || ''}`;
  if (fig.dataset.shown !== want) {
    const src = root.querySelector(`.figure-src[data-pose="${CSS.escape(seg.pose || '')}"][data-side="${CSS.escape(seg.side || '')}"]`)
      || root.querySelector(`.figure-src[data-pose="${CSS.escape(seg.pose || '')}"]`);
    const copy = src ? src.cloneNode(true) : null;
    // The copy's ids must not clash with the source's.
    copy?.querySelectorAll('[id]').forEach((el) => { el.id = `now-${el.id}`; });
    copy?.querySelectorAll('[aria-labelledby]').forEach((el) => {
      el.setAttribute('aria-labelledby', el.getAttribute('aria-labelledby').split(' ').map((x) => `now-${x}`).join(' '));
    });
    fig.replaceChildren(...(copy ? [...copy.childNodes] : []));
    fig.dataset.shown = want;
  }
  st.lastSecond = -1;
  renderClock();
}

function renderClock() {
  if (!st.tl) return;
  const seg = st.tl.segments[st.seg];
  const pos = Math.min(position(), seg.duration_ms);
  const left = seg.duration_ms - pos;
  const second = Math.ceil(left / 1000);
  if (second !== st.lastSecond) {
    st.lastSecond = second;
    $('count').textContent = clockText(left);
    const done = seg.start_ms + pos;
    $('progress').value = Math.round((1000 * done) / st.tl.total_ms);
    $('progress').textContent = `${Math.round((100 * done) / st.tl.total_ms)}%`;
    const where = [poseNumber(seg.pose), `${clockText(st.tl.total_ms - done)} left`].filter(Boolean);
    $('where').textContent = where.join(' · ');
  }
}

function frame() {
  if (st.playing) renderClock();
  requestAnimationFrame(frame);
}

function renderState() {
  $('pause').textContent = st.playing ? 'Pause' : 'Resume';
  $('pause').setAttribute('aria-pressed', String(!st.playing));
  $('state').textContent = st.playing ? '' : 'Paused';
  root.classList.toggle('is-paused', !st.playing);
}

// ---- Sound and speech ------------------------------------------------------

let audio = null;       // AudioContext, made on the Start press
let beepNodes = [];     // scheduled oscillators, to cancel on pause and skip
let voice = null;

const LATE_S = 0.5; // how late a beep may still sound, in seconds

const TONES = {
  'get-ready': [440, 0.2], start: [880, 0.35], half: [587, 0.15], countdown: [660, 0.12], end: [523, 0.5],
};

function voices() {
  return 'speechSynthesis' in window ? speechSynthesis.getVoices() : [];
}

function pickVoice() {
  const all = voices();
  voice = all.find((v) => v.name === cfg.voiceName) || all.find((v) => v.default) || all[0] || null;
}

// Beep when asked to, and whenever a voice was wanted but the device has
// none: a cue must never pass in silence.
function wantBeeps() {
  return cfg.beeps || (cfg.voice && !voice);
}

function scheduleBeeps(cues) {
  cancelBeeps();
  if (!audio || !wantBeeps()) return;
  const nowE = epoch();
  const nowA = audio.currentTime;
  for (const c of cues) {
    let t = nowA + (c.at - nowE) / 1000;
    // A cue due a moment ago sounds now rather than never: a segment
    // begins at the previous one's deadline, and is entered when the
    // worker wakes for it, a little later. Its cue at 0 ms (every hold's
    // "start") is then already due.
    if (t < nowA - LATE_S) continue;
    t = Math.max(t, nowA);
    const [freq, len] = TONES[c.tone] || TONES.countdown;
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.0001, t);
    gain.gain.exponentialRampToValueAtTime(0.3, t + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + len);
    osc.connect(gain).connect(audio.destination);
    osc.start(t);
    osc.stop(t + len + 0.05);
    beepNodes.push(osc);
  }
}

function cancelBeeps() {
  for (const o of beepNodes) {
    try { o.stop(); } catch { /* already stopped */ }
  }
  beepNodes = [];
}

let speakTimer = 0;

function say(text) {
  $('live').textContent = text;
  if (!cfg.voice || !voice) return;
  const u = new SpeechSynthesisUtterance(text);
  u.voice = voice;
  u.rate = 0.95;
  clearTimeout(speakTimer);
  if (speechSynthesis.speaking || speechSynthesis.pending) {
    // Chromium drops an utterance spoken in the same moment as cancel():
    // when a long get-ready cue ran over, the countdown's "3" that cut it
    // off was never heard. Cut, then speak a moment later.
    speechSynthesis.cancel();
    speakTimer = setTimeout(() => speechSynthesis.speak(u), 60);
    return;
  }
  speechSynthesis.speak(u);
}

// ---- Wake lock -------------------------------------------------------------

let wakeLock = null;

async function lockScreen() {
  if (!('wakeLock' in navigator) || wakeLock) return;
  try {
    wakeLock = await navigator.wakeLock.request('screen');
    wakeLock.addEventListener('release', () => { wakeLock = null; });
  } catch {
    // Not allowed here (a hidden tab, a low battery): the player still runs.
  }
}

function unlockScreen() {
  wakeLock?.release().catch(() => {});
  wakeLock = null;
}

document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible' && st.playing) lockScreen();
});

// ---- Timing ----------------------------------------------------------------

const worker = new Worker(cfg.workerURL);
worker.onmessage = (e) => {
  for (const d of e.data.due) onDue(d, e.data.at);
};

// schedule hands the worker the deadlines of what is left of the current
// segment: its cues not yet fired and its end.
function schedule() {
  const seg = st.tl.segments[st.seg];
  const base = st.resumedAt - st.elapsed; // when the segment would have begun, unpaused
  const deadlines = [];
  const cues = [];
  seg.cues.forEach((c, j) => {
    const key = `${st.seg}:${j}`;
    if (st.fired.has(key) || c.at_ms < st.elapsed) return;
    deadlines.push({ id: `cue:${key}`, at: base + c.at_ms });
    cues.push({ at: base + c.at_ms, tone: c.tone });
  });
  deadlines.push({ id: `end:${st.seg}`, at: base + seg.duration_ms });
  worker.postMessage({ type: 'set', deadlines });
  scheduleBeeps(cues);
}

function unschedule() {
  worker.postMessage({ type: 'clear' });
  cancelBeeps();
  if ('speechSynthesis' in window) speechSynthesis.cancel();
}

function onDue(d, woke) {
  if (!st.playing) return;
  const [kind, a, b] = d.id.split(':');
  if (Number(a) !== st.seg) return; // a stale deadline from before a skip
  if (kind === 'cue') {
    const key = `${a}:${b}`;
    if (st.fired.has(key)) return;
    st.fired.add(key);
    const cue = st.tl.segments[st.seg].cues[Number(b)];
    const fired = epoch();
    say(cue.text);
    document.dispatchEvent(new CustomEvent('backcare:cue', {
      detail: { segment: st.seg, text: cue.text, tone: cue.tone, due: d.at, woke, fired },
    }));
  } else if (kind === 'end') {
    const seg = st.tl.segments[st.seg];
    record(st.seg, seg.duration_ms, false);
    if (st.seg + 1 >= st.tl.segments.length) {
      finish('completed');
    } else {
      // The next segment begins exactly at this one's deadline.
      enter(st.seg + 1, d.at);
    }
  }
}

function record(index, heldMS, skipped) {
  const seg = st.tl.segments[index];
  const r = {
    index, kind: seg.kind, planned_ms: seg.duration_ms,
    held_ms: Math.max(0, Math.min(Math.round(heldMS), seg.duration_ms)), skipped,
  };
  if (seg.pose) r.pose = seg.pose;
  if (seg.side) r.side = seg.side;
  st.results.set(index, r);
}

// enter makes segment i current, starting at epoch time at.
function enter(i, at) {
  st.seg = i;
  root.dataset.segment = String(i); // for tests and the curious, like backcare:cue
  st.elapsed = 0;
  st.resumedAt = at;
  st.fired = new Set();
  if (!st.results.has(i)) record(i, 0, false);
  renderSegment();
  if (st.playing) schedule();
  saveProgress();
}

// ---- Controls --------------------------------------------------------------

function pause() {
  if (!st.playing) return;
  st.elapsed = position();
  st.playing = false;
  unschedule();
  unlockScreen();
  record(st.seg, st.elapsed, false);
  renderState();
  say('Paused.');
  saveProgress();
}

function resume() {
  if (st.playing || st.ended) return;
  st.resumedAt = epoch() + LEAD_MS;
  st.playing = true;
  schedule();
  lockScreen();
  renderState();
}

function toggle() {
  if (st.playing) pause(); else resume();
}

function skip() {
  if (st.ended) return;
  const held = position();
  unschedule();
  record(st.seg, held, true);
  if (st.seg + 1 >= st.tl.segments.length) {
    finish('completed');
    return;
  }
  enter(st.seg + 1, epoch() + LEAD_MS);
}

function back() {
  if (st.ended) return;
  const pos = position();
  unschedule();
  if (pos >= BACK_RESTART_MS || st.seg === 0) {
    enter(st.seg, epoch() + LEAD_MS);
  } else {
    enter(st.seg - 1, epoch() + LEAD_MS);
  }
}

function hurts() {
  if (st.ended) return;
  const held = position();
  unschedule();
  record(st.seg, held, true);
  st.playing = false;
  st.ended = 'stopped_for_pain';
  st.endedAt = new Date().toISOString();
  unlockScreen();
  say('Stopped. You did the right thing.');
  save({ status: 'stopped_for_pain' });
  show('stopped');
  $('stopped-h').focus?.();
}

function finish(status) {
  st.playing = false;
  st.ended = status;
  st.endedAt = new Date().toISOString();
  unschedule();
  unlockScreen();
  renderClock();
  say('Well done. That is the whole routine.');
  // Saved as played to the end at once: if the check-out is never
  // answered (a closed tab), the journal still has the holds done.
  save({ status });
  toCheckout();
}

function toCheckout() {
  show('checkout');
  $('checkout-h').setAttribute('tabindex', '-1');
  $('checkout-h').focus();
}

// askEnd pauses and asks whether to end the session early.
function askEnd() {
  if (st.ended || !st.tl) return;
  pause();
  $('end-confirm').hidden = false;
  $('end-h').focus();
}

function endEarly() {
  $('end-confirm').hidden = true;
  if (st.ended) return;
  unschedule();
  record(st.seg, st.elapsed, true);
  st.playing = false;
  st.ended = 'abandoned';
  st.endedAt = new Date().toISOString();
  unlockScreen();
  say('Session ended.');
  save({ status: 'abandoned' });
  toCheckout();
}

document.addEventListener('keydown', (e) => {
  if ($('play').hidden || e.target.closest?.('input, textarea, select')) return;
  if (e.key === ' ' && !e.target.closest?.('button')) { e.preventDefault(); toggle(); }
  else if (e.key === 'ArrowRight') { e.preventDefault(); skip(); }
  else if (e.key === 'ArrowLeft') { e.preventDefault(); back(); }
  else if (e.key === 'Escape') { e.preventDefault(); hurts(); }
  else if (e.key === 'q' || e.key === 'Q') { e.preventDefault(); askEnd(); }
});
$('pause').addEventListener('click', toggle);
$('skip').addEventListener('click', skip);
$('back').addEventListener('click', back);
$('hurts').addEventListener('click', hurts);
$('end').addEventListener('click', askEnd);
$('end-yes').addEventListener('click', endEarly);
$('end-no').addEventListener('click', () => {
  $('end-confirm').hidden = true;
  resume();
  $('pause').focus();
});
$('to-checkout').addEventListener('click', toCheckout);

// ---- Saving ----------------------------------------------------------------

function segmentsJSON() {
  return [...st.results.values()].sort((a, b) => a.index - b.index);
}

const OFFLINE = "backcare can't reach its server just now. Check that it is still running, then try again: nothing you entered is lost.";

function message(data, status) {
  const msg = [data.error, data.hint].filter(Boolean).join('. ');
  return msg ? msg.charAt(0).toUpperCase() + msg.slice(1) + '.' : `The server answered ${status}.`;
}

class Unreachable extends Error {}

// api sends one request and returns the answer's data; it throws
// Unreachable when the server does not answer (in time).
async function api(method, url, body, timeoutMS = 6000) {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), timeoutMS);
  let res;
  try {
    res = await fetch(url, {
      method, signal: ctl.signal,
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new Unreachable(OFFLINE);
  } finally {
    clearTimeout(timer);
  }
  const data = await res.json().catch(() => ({}));
  if (res.status >= 500) throw new Unreachable(OFFLINE);
  if (!res.ok) throw new Error(message(data, res.status));
  return data;
}

// save keeps the session's newest state on this device, then sends what
// waits, in order (outbox.js). It resolves once the state is kept here.
let saving = Promise.resolve();
function save(fields) {
  if (!st.session) return Promise.resolve();
  const body = { status: 'in_progress', segments: segmentsJSON(), ...fields };
  if (st.endedAt) body.ended_at = st.endedAt; // it may arrive much later
  const id = st.session.id;
  const p = saving.then(() => outbox.save(id, body));
  saving = p.catch(() => {});
  p.then(() => outbox.flush()).then(noteReach, () => {});
  return p;
}

// noteReach shows, while playing, whether the journal is answering.
function noteReach(ok) {
  st.offline = !ok;
  $('offline-note').hidden = ok;
}

function saveProgress() {
  if (st.ended) return;
  save({}).catch(() => { /* not kept on the device: the next save carries everything */ });
}

window.addEventListener('pagehide', () => {
  if (st.session && !st.ended) {
    if (st.playing) record(st.seg, position(), false);
    save({}).catch(() => {});
  }
});

// ---- Check-in, start, check-out -------------------------------------------

function answer(form, name) {
  const v = new FormData(form).get(name);
  return v === null || v === '' ? null : Number(v);
}

async function loadTimeline() {
  const res = await fetch(cfg.timelineURL, { headers: { Accept: 'application/json' } });
  const data = await res.json();
  if (!res.ok) throw new Error(data.error || 'The routine could not be loaded.');
  return data;
}

function unlockAudio() {
  const AC = window.AudioContext || window.webkitAudioContext;
  if (AC && !audio) audio = new AC();
  audio?.resume?.();
  pickVoice();
}

function start(fromIndex) {
  unlockAudio();
  show('play');
  st.playing = true;
  renderState();
  lockScreen();
  enter(fromIndex, epoch() + START_LEAD_MS);
  $('pause').focus();
}

const ready = loadTimeline().then((tl) => { st.tl = tl; }).catch((err) => {
  fail($('load-error'), `${err.message} Check that backcare is still running, then reload this page.`);
  throw err;
});

// begin starts a new session: with the journal when it answers, on this
// device when it does not. The device picks the id, so the start sent
// later from the outbox is the same session, never a second one.
async function begin(painBefore) {
  await ready;
  const body = { id: outbox.newID(), routine_id: cfg.routine, pain_before: painBefore };
  try {
    st.session = await api('POST', '/api/sessions', body);
  } catch (err) {
    if (!(err instanceof Unreachable)) throw err;
    const started = new Date().toISOString();
    await outbox.start({ ...body, offline: true, started_at: started },
      { routine: cfg.routineName, started });
    st.session = { id: body.id, pain_before: painBefore };
    noteReach(false);
  }
  start(0);
}

$('checkin-form')?.addEventListener('submit', async (e) => {
  e.preventDefault();
  const errEl = $('checkin-error');
  errEl.hidden = true;
  const pain = answer(e.target, 'pain_before');
  if (pain === null) {
    fail(errEl, 'Please say how much your back hurts, from 0 to 10.');
    return;
  }
  if (pain >= cfg.highFrom && !cfg.gentle) {
    $('highpain-score').textContent = `You said ${pain} out of 10.`;
    show('highpain');
    $('highpain-h').focus();
    st.highPain = pain;
    return;
  }
  try {
    await begin(pain);
  } catch (err) {
    fail(errEl, err.message);
  }
});

// The gentler session: the relief routine with shorter holds.
$('gentler')?.addEventListener('click', async () => {
  if (cfg.routine !== cfg.relief) {
    window.location.href = `/play/${encodeURIComponent(cfg.relief)}?gentle=1`;
    return;
  }
  try {
    cfg.gentle = true;
    cfg.timelineURL = `/api/routines/${encodeURIComponent(cfg.routine)}/timeline?gentle=1`;
    st.tl = await loadTimeline();
    await begin(st.highPain);
  } catch (err) {
    show('checkin');
    fail($('checkin-error'), err.message);
  }
});

$('resume-form')?.addEventListener('submit', async (e) => {
  e.preventDefault();
  try {
    await ready;
    const s = await api('GET', `/api/sessions/${encodeURIComponent(cfg.resume)}`);
    st.session = s;
    let from = 0;
    for (const r of s.segments || []) {
      if (r.index < st.tl.segments.length) {
        st.results.set(r.index, r);
        from = Math.max(from, r.index);
      }
    }
    start(from); // the interrupted segment starts again from its beginning
  } catch (err) {
    fail($('load-error'), err.message);
  }
});

$('checkout-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const errEl = $('checkout-error');
  errEl.hidden = true;
  const painAfter = answer(e.target, 'pain_after');
  if (painAfter === null && st.ended !== 'stopped_for_pain') {
    fail(errEl, 'Please choose a number from 0 to 10 for how much your back hurts now.');
    return;
  }
  const note = (new FormData(e.target).get('note') || '').trim();
  try {
    const id = st.session.id;
    await save({ status: st.ended || 'completed', pain_after: painAfter, intensity: answer(e.target, 'intensity'), note });
    const reached = await outbox.flush();
    const refused = await outbox.refusal(id);
    if (refused && refused.what === 'put' && refused.body.note === note && refused.body.pain_after === painAfter) {
      throw new Error(message(refused, refused.status));
    }
    const before = st.session.pain_before;
    const now = painAfter == null ? 'not given' : `${painAfter} out of 10`;
    $('saved-summary').textContent = before == null
      ? `Pain now: ${now}.`
      : `Pain before: ${before} out of 10. Pain now: ${now}.`;
    const waiting = !reached && await outbox.has(id);
    $('saved-where').textContent = waiting
      ? 'It goes to your journal when backcare is back: open this app again then.'
      : 'It is in your journal.';
    $('saved-h').textContent = waiting ? 'Saved on this device. Well done.' : 'Saved. Well done.';
    show('saved');
    $('saved').focus();
  } catch (err) {
    fail(errEl, err.message);
  }
});

if ('speechSynthesis' in window) {
  pickVoice();
  speechSynthesis.addEventListener('voiceschanged', pickVoice);
}
requestAnimationFrame(frame);
show('checkin');
