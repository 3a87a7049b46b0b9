package tui

import (
	"context"
	"io"
	"strings"
	"sync"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"backcare"
	"backcare/player"
)

// phase is where the session is; Screen refines it while playing.
type phase int

const (
	phaseSafety phase = iota
	phaseScreening
	phaseVerdict
	phaseCheckIn
	phaseHighPain // a pain of 8-10 at check-in: the gentler session or rest
	phasePlaying  // playing or paused
	phaseQuit
	phaseHurts
	phaseCheckOut
	phaseStretch
	phaseNote
	phaseSaving
	phaseSaveFailed
	phaseSummary
)

// Messages the model sends itself.
type (
	// wakeMsg is the timer set for the player's next deadline (or the
	// countdown's next whole second). gen tells a current timer from one
	// made stale by a pause, skip or back.
	wakeMsg struct{ gen int }
	// verdictMsg carries the outcome of the safety answers.
	verdictMsg struct {
		v   Verdict
		err error
	}
	// savedMsg reports the journal's answer.
	savedMsg struct{ err error }
)

// model is the Bubble Tea model of one session. Bubble Tea calls Update and
// View from one goroutine, so it needs no locks.
type model struct {
	ctx  context.Context
	cfg  Config
	bell io.Writer // the terminal, for the bell; nil for none
	st   styles

	width, height int
	phase         phase

	// The safety questions.
	question int
	answers  map[string]bool
	verdict  *Verdict
	err      error // the last error to show (screening or saving)

	// Check-in and check-out.
	scale      scale
	painBefore *int
	painAfter  *int
	intensity  *int
	note       textinput.Model

	// Playback.
	p          *player.Player
	gen        int
	wake       *pendingWake
	caption    string // the last cue, shown as words
	captionSeg int    // the segment the last cue belongs to
	quitFrom   phase  // where q was pressed
	wasPlaying bool   // whether to resume if the person carries on

	session *backcare.Session // once built for saving
	saved   bool
	summary string

	figures    map[figureKey][]frame
	views      map[figureKey]int       // how many views of the pose each drawing shows
	pairs      map[figureKey]bothViews // both views of a two-view pose together, by room
	lastScreen Screen
	lastText   string
}

type figureKey struct {
	pose       string
	side       backcare.Side
	cols, rows int
}

func newModel(ctx context.Context, cfg Config, bell io.Writer, st styles) *model {
	m := &model{ctx: ctx, cfg: cfg, bell: bell, st: st, width: 80, height: 24, figures: map[figureKey][]frame{}}
	if cfg.Safety != nil && len(cfg.Safety.Questions) > 0 {
		m.phase = phaseSafety
		m.answers = map[string]bool{}
	} else {
		m.toCheckIn()
	}
	return m
}

func (m *model) Init() tea.Cmd { return nil }

func (m *model) toCheckIn() {
	m.phase = phaseCheckIn
	m.scale = newScale()
}

// Update handles one message and reports each change of screen.
func (m *model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd := m.update(msg)
	if m.cfg.OnScreen != nil {
		s, text := m.screen(), plain(m.render())
		if s != m.lastScreen || text != m.lastText {
			m.lastScreen, m.lastText = s, text
			m.cfg.OnScreen(s, text)
		}
	}
	return m, cmd
}

func (m *model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		return nil
	case wakeMsg:
		if msg.gen != m.gen || m.p == nil {
			return nil // a timer made stale by a pause, skip or back
		}
		m.handle(m.p.Update())
		return m.schedule()
	case verdictMsg:
		if msg.err != nil {
			m.err = msg.err
			return nil
		}
		m.err = nil
		v := msg.v
		m.verdict = &v
		m.phase = phaseVerdict
		return nil
	case savedMsg:
		if msg.err != nil {
			m.err = msg.err
			m.phase = phaseSaveFailed
			return nil
		}
		m.err = nil
		m.saved = true
		m.summary = plain(m.renderSummary(m.width))
		m.phase = phaseSummary
		return nil
	case tea.KeyPressMsg:
		return m.key(msg)
	}
	return nil
}

func (m *model) key(msg tea.KeyPressMsg) tea.Cmd {
	switch m.phase {
	case phaseSafety:
		return m.keySafety(msg)
	case phaseScreening:
		switch {
		case m.err != nil && key.Matches(msg, keys.Retry):
			return m.submitSafety()
		case key.Matches(msg, keys.Quit, keys.Interrupt):
			return tea.Quit
		}
	case phaseVerdict:
		switch {
		case m.verdict.Allowed && key.Matches(msg, keys.Confirm):
			m.toCheckIn()
		case key.Matches(msg, keys.Quit, keys.Interrupt) || (!m.verdict.Allowed && key.Matches(msg, keys.Close)):
			return tea.Quit
		}
	case phaseCheckIn:
		switch {
		case key.Matches(msg, keys.Quit, keys.Interrupt):
			return tea.Quit // nothing has started, so nothing to save
		case key.Matches(msg, keys.Confirm):
			if a := m.scale.answer(); a != nil {
				m.painBefore = a
				if m.cfg.HighPainFrom > 0 && *a >= m.cfg.HighPainFrom {
					m.phase = phaseHighPain
					return nil
				}
				return m.start()
			}
		default:
			m.scale.key(msg)
		}
	case phaseHighPain:
		switch {
		case m.cfg.Gentler != nil && key.Matches(msg, keys.Gentler):
			m.cfg.Timeline = m.cfg.Gentler
			return m.start()
		case key.Matches(msg, keys.Rest, keys.Interrupt):
			return tea.Quit // nothing has started, so nothing to save
		}
	case phasePlaying:
		return m.keyPlaying(msg)
	case phaseQuit:
		return m.keyQuit(msg)
	case phaseHurts:
		if key.Matches(msg, keys.Confirm) {
			m.phase = phaseCheckOut
			m.scale = newScale()
		}
		if key.Matches(msg, keys.Interrupt) {
			return m.save() // the stop for pain is never lost
		}
	case phaseCheckOut, phaseStretch:
		return m.keyCheckOut(msg)
	case phaseNote:
		switch {
		case key.Matches(msg, keys.Interrupt):
			m.quitFrom = m.phase
			m.phase = phaseQuit
		case key.Matches(msg, keys.SaveNote):
			return m.save()
		default:
			// The note's blinking cursor is left out: a still one is
			// enough, and it would redraw the screen twice a second.
			m.note, _ = m.note.Update(msg)
		}
	case phaseSaveFailed:
		switch {
		case key.Matches(msg, keys.Retry):
			return m.save()
		case key.Matches(msg, keys.Quit, keys.Interrupt):
			return tea.Quit
		}
	case phaseSummary:
		if key.Matches(msg, keys.Close, keys.Interrupt) {
			return tea.Quit
		}
	}
	return nil
}

func (m *model) keySafety(msg tea.KeyPressMsg) tea.Cmd {
	qs := m.cfg.Safety.Questions
	switch {
	case key.Matches(msg, keys.Quit, keys.Interrupt):
		return tea.Quit
	case key.Matches(msg, keys.Yes), key.Matches(msg, keys.No):
		m.answers[qs[m.question].ID] = key.Matches(msg, keys.Yes)
		if m.question+1 < len(qs) {
			m.question++
			return nil
		}
		return m.submitSafety()
	case key.Matches(msg, keys.PrevQuestion):
		if m.question > 0 {
			m.question--
		}
	}
	return nil
}

func (m *model) submitSafety() tea.Cmd {
	m.phase = phaseScreening
	m.err = nil
	answers := make(map[string]bool, len(m.answers))
	for k, v := range m.answers {
		answers[k] = v
	}
	submit, ctx := m.cfg.Safety.Submit, m.ctx
	return func() tea.Msg {
		v, err := submit(ctx, answers)
		return verdictMsg{v, err}
	}
}

// start begins playback after the check-in.
func (m *model) start() tea.Cmd {
	m.p = player.New(m.cfg.Timeline, time.Now)
	m.phase = phasePlaying
	m.handle(m.p.Start())
	return m.schedule()
}

func (m *model) keyPlaying(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, keys.Pause):
		// Sound what fell due before the key arrived: Pause would account
		// for it silently.
		m.handle(m.p.Update())
		if m.phase != phasePlaying {
			return nil // that was the end
		}
		m.p.Toggle()
		return m.schedule()
	case key.Matches(msg, keys.Skip):
		m.caption = "" // the last cue was the segment left behind
		m.handle(m.p.Skip())
		return m.schedule()
	case key.Matches(msg, keys.Back):
		m.caption = ""
		m.handle(m.p.Back())
		return m.schedule()
	case key.Matches(msg, keys.Hurts):
		m.handle(m.p.Stop(player.StoppedForPain))
		m.cancelWake()
		m.say("Stopping here. Come out of the position slowly.", false)
		m.phase = phaseHurts
		return nil
	case key.Matches(msg, keys.Quit, keys.Interrupt):
		m.handle(m.p.Update())
		if m.phase != phasePlaying {
			return nil // playback ended just now: the check-out asks instead
		}
		m.wasPlaying = m.p.State() == player.Playing
		m.p.Pause()
		m.cancelWake()
		m.quitFrom = phasePlaying
		m.phase = phaseQuit
	}
	return nil
}

func (m *model) keyQuit(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, keys.Yes):
		if m.quitFrom == phasePlaying {
			m.p.Stop(player.Quit)
			m.toCheckOut()
			return nil
		}
		return m.save()
	case key.Matches(msg, keys.No), key.Matches(msg, keys.Interrupt):
		m.p.Stop(player.Quit)
		return tea.Quit
	case key.Matches(msg, keys.Carry):
		m.phase = m.quitFrom
		if m.quitFrom == phasePlaying && m.wasPlaying {
			m.p.Resume()
			return m.schedule()
		}
	}
	return nil
}

// toCheckOut asks how the back feels now that playback has stopped.
func (m *model) toCheckOut() {
	m.cancelWake()
	m.phase = phaseCheckOut
	m.scale = newScale()
}

// asksStretch reports whether to ask how strong the stretch felt: not
// after a stop for pain, and only if some stretch was held.
func (m *model) asksStretch() bool {
	if m.p.Reason() == player.StoppedForPain || m.p.Held() == 0 {
		return false
	}
	for _, r := range m.p.Results() {
		if r.Kind == string(player.Hold) && r.Held > 0 {
			if pi, ok := m.cfg.Timeline.Pose(r.PoseID); ok && pi.Kind == backcare.Stretch {
				return true
			}
		}
	}
	return false
}

func (m *model) keyCheckOut(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, keys.Interrupt), key.Matches(msg, keys.Quit):
		m.quitFrom = m.phase
		m.phase = phaseQuit
		return nil
	case key.Matches(msg, keys.Confirm), key.Matches(msg, keys.SkipQuestion):
		var a *int
		if key.Matches(msg, keys.Confirm) {
			if a = m.scale.answer(); a == nil {
				return nil // choose a number first, or skip
			}
		}
		if m.phase == phaseCheckOut {
			m.painAfter = a
			if m.asksStretch() {
				m.phase = phaseStretch
				m.scale = newScale()
				return nil
			}
		} else {
			m.intensity = a
		}
		m.toNote()
		return nil
	default:
		m.scale.key(msg)
	}
	return nil
}

// handle sounds the cues of a batch of player events and follows the end
// of playback. When a late wake-up brings several cues at once, only the
// newest is spoken: the older ones are already out of date.
func (m *model) handle(events []player.Event) {
	var cues []player.Event
	finished := false
	for _, e := range events {
		switch e.Kind {
		case player.CueEvent:
			cues = append(cues, e)
		case player.FinishedEvent:
			finished = true
		}
	}
	if len(cues) > 0 {
		last := cues[len(cues)-1].Cue
		m.caption, m.captionSeg = last.Text, cues[len(cues)-1].Segment
		bell := false // one ring for the batch, if any cue in it rings
		for _, e := range cues {
			bell = bell || rings(e.Cue.Tone)
		}
		m.say(last.Text, bell)
		if m.cfg.OnCue != nil {
			now := time.Now()
			for _, e := range cues {
				m.cfg.OnCue(e, now)
			}
		}
	}
	if finished {
		m.toCheckOut()
	}
}

// say sounds a cue now: the bell (if asked and enabled), and the voice.
func (m *model) say(text string, bell bool) {
	if bell && m.cfg.Bell && m.bell != nil {
		_, _ = io.WriteString(m.bell, "\a")
	}
	if m.cfg.Voice != nil && text != "" {
		m.cfg.Voice.Say(text)
	}
}

// schedule sets one timer for the next moment anything changes: the
// player's next cue or segment change (Player.Next), or the countdown's
// next whole second, whichever is sooner. It cancels the timer set before.
func (m *model) schedule() tea.Cmd {
	m.cancelWake()
	m.gen++
	if m.p == nil || m.p.State() != player.Playing {
		return nil
	}
	now := time.Now()
	wake, ok := m.p.Next()
	tick := m.p.Remaining() % time.Second
	if tick <= 0 {
		tick = time.Second
	}
	if refresh := now.Add(tick); !ok || refresh.Before(wake) {
		wake = refresh
	}
	gen := m.gen
	timer := time.NewTimer(wake.Sub(now))
	cancel := make(chan struct{})
	m.wake = &pendingWake{timer: timer, cancel: cancel}
	return func() tea.Msg {
		select {
		case <-timer.C:
			return wakeMsg{gen}
		case <-cancel:
			return nil
		}
	}
}

// pendingWake is the timer schedule set, with a way to call it off.
type pendingWake struct {
	timer  *time.Timer
	cancel chan struct{}
}

// cancelWake calls off the pending timer, so that no goroutine is left
// waiting for a moment that no longer matters.
func (m *model) cancelWake() {
	if m.wake == nil {
		return
	}
	m.wake.timer.Stop()
	close(m.wake.cancel)
	m.wake = nil
}

// toNote asks for a note, as the web check-out does.
func (m *model) toNote() {
	m.phase = phaseNote
	m.note = textinput.New()
	m.note.Placeholder = "optional: how it went, what to remember"
	m.note.CharLimit = MaxNote
	m.note.SetWidth(max(20, min(m.width, 80)-4))
	_ = m.note.Focus()
}

// MaxNote is the longest note a session keeps, in characters, as in the
// web app.
const MaxNote = 2000

// save builds the session from the player and hands it to the journal.
func (m *model) save() tea.Cmd {
	if m.session == nil {
		m.session = m.buildSession()
	}
	m.session.PainAfter, m.session.Intensity = m.painAfter, m.intensity
	m.session.Note = strings.TrimSpace(m.note.Value())
	m.phase = phaseSaving
	m.err = nil
	s := *m.session
	s.Segments = append([]backcare.SegmentResult(nil), m.session.Segments...)
	saveFn, ctx := m.cfg.Save, m.ctx
	return func() tea.Msg { return savedMsg{saveFn(ctx, &s)} }
}

func (m *model) buildSession() *backcare.Session {
	user := m.cfg.UserID
	if user == "" {
		user = backcare.LocalUser
	}
	tl := m.cfg.Timeline
	return &backcare.Session{
		ID:          backcare.NewID(),
		UserID:      user,
		RoutineID:   tl.Routine.ID,
		RoutineName: tl.Routine.Name,
		StartedAt:   m.p.StartedAt().UTC(),
		EndedAt:     m.p.EndedAt().UTC(),
		Status:      m.p.Reason().Status(),
		Segments:    m.p.Results(),
		PainBefore:  m.painBefore,
		PainAfter:   m.painAfter,
		Intensity:   m.intensity,
	}
}

// result is what the run ended with.
func (m *model) result() Result {
	var r Result
	if m.saved {
		s := *m.session
		r.Session = &s
		r.Summary = m.summary
	}
	r.Verdict = m.verdict
	return r
}

// lockedWriter serialises writes to the terminal, so that the bell, written
// the moment a cue falls due, never lands inside a frame the renderer is
// writing.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
