package tui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"backcare"
	"backcare/player"
)

// styles are the looks of the player. Colours are the terminal's own
// sixteen, so they follow its light or dark theme; nothing depends on colour
// alone (words, brackets and bold carry the meaning), so NO_COLOR loses
// nothing.
type styles struct {
	app, title, heading, faint, chosen, warn, good, badge, paused lipgloss.Style
	kind                                                          map[player.Kind]lipgloss.Style
	figure                                                        map[cellKind]lipgloss.Style
	help                                                          help.Model
}

func newStyles() styles {
	c := lipgloss.Color
	s := styles{
		app:     lipgloss.NewStyle().Bold(true).Foreground(c("6")),
		title:   lipgloss.NewStyle().Bold(true),
		heading: lipgloss.NewStyle().Bold(true).Foreground(c("6")),
		faint:   lipgloss.NewStyle().Faint(true),
		chosen:  lipgloss.NewStyle().Bold(true).Reverse(true),
		warn:    lipgloss.NewStyle().Bold(true).Foreground(c("1")),
		good:    lipgloss.NewStyle().Bold(true).Foreground(c("2")),
		badge:   lipgloss.NewStyle().Bold(true),
		paused:  lipgloss.NewStyle().Bold(true).Reverse(true),
		kind: map[player.Kind]lipgloss.Style{
			player.Prepare: lipgloss.NewStyle().Bold(true).Foreground(c("3")),
			player.Hold:    lipgloss.NewStyle().Bold(true).Foreground(c("2")),
			player.Switch:  lipgloss.NewStyle().Bold(true).Foreground(c("5")),
			player.Rest:    lipgloss.NewStyle().Bold(true).Foreground(c("4")),
			player.Reps:    lipgloss.NewStyle().Bold(true).Foreground(c("2")),
		},
		// The figure: the body in the terminal's own colour, the far
		// limbs grey, the arrows red, a hand on the body cyan, the props
		// and the floor faint.
		figure: map[cellKind]lipgloss.Style{
			farCell:     lipgloss.NewStyle().Foreground(c("8")),
			arrowCell:   lipgloss.NewStyle().Bold(true).Foreground(c("1")),
			handCell:    lipgloss.NewStyle().Bold(true).Foreground(c("6")),
			propCell:    lipgloss.NewStyle().Faint(true).Foreground(c("3")),
			floorCell:   lipgloss.NewStyle().Faint(true),
			matCell:     lipgloss.NewStyle().Foreground(c("3")),
			matBoxCell:  lipgloss.NewStyle().Foreground(c("3")),
			dividerCell: lipgloss.NewStyle().Faint(true),
		},
	}
	h := help.New()
	h.ShortSeparator = "  ·  "
	h.Styles.ShortKey = lipgloss.NewStyle().Bold(true)
	h.Styles.ShortDesc = lipgloss.NewStyle()
	h.Styles.ShortSeparator = lipgloss.NewStyle().Faint(true)
	h.Styles.Ellipsis = lipgloss.NewStyle().Faint(true)
	s.help = h
	return s
}

// kindWords name each kind of segment on screen.
var kindWords = map[player.Kind]string{
	player.Prepare: "GET READY",
	player.Hold:    "HOLD",
	player.Switch:  "SWITCH SIDES",
	player.Rest:    "REST",
	player.Reps:    "REPS",
}

// screen says which screen is showing.
func (m *model) screen() Screen {
	switch m.phase {
	case phaseSafety:
		return ScreenSafety
	case phaseScreening:
		return ScreenScreening
	case phaseVerdict:
		return ScreenVerdict
	case phaseCheckIn:
		return ScreenCheckIn
	case phaseHighPain:
		return ScreenHighPain
	case phasePlaying:
		if m.p.State() == player.Paused {
			return ScreenPaused
		}
		switch m.cfg.Timeline.Segments[m.p.Segment()].Kind {
		case player.Prepare:
			return ScreenGetReady
		case player.Switch:
			return ScreenSwitch
		case player.Rest:
			return ScreenRest
		case player.Reps:
			return ScreenReps
		}
		return ScreenHold
	case phaseQuit:
		return ScreenQuit
	case phaseHurts:
		return ScreenHurts
	case phaseCheckOut:
		return ScreenCheckOut
	case phaseStretch:
		return ScreenStretch
	case phaseNote:
		return ScreenNote
	case phaseSaving:
		return ScreenSaving
	case phaseSaveFailed:
		return ScreenSaveFailed
	}
	return ScreenSummary
}

// View draws the whole window.
func (m *model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.WindowTitle = "backcare: " + m.cfg.Timeline.Routine.Name
	return v
}

func (m *model) render() string {
	w := max(m.width, 20)
	switch m.phase {
	case phaseSafety:
		return m.frame(m.renderSafety(w), m.keysLine(keys.Yes, keys.No, keys.PrevQuestion, leaveKey))
	case phaseScreening:
		if m.err != nil {
			return m.frame(m.renderError("Your answers could not be saved", "Nothing was saved. Your answers are still here: try again, or leave and answer them next time."), m.keysLine(keys.Retry, leaveKey))
		}
		return m.frame(m.st.faint.Render("Saving your answers…"), "")
	case phaseVerdict:
		return m.frame(m.renderVerdict(w), m.verdictKeys())
	case phaseCheckIn:
		return m.frame(m.renderCheckIn(w), m.keysLine(keys.Less, startKey, leaveKey))
	case phaseHighPain:
		ks := []key.Binding{keys.Rest}
		if m.cfg.Gentler != nil {
			ks = []key.Binding{keys.Gentler, keys.Rest}
		}
		return m.frame(m.renderHighPain(w), m.keysLine(ks...))
	case phasePlaying:
		return m.renderPlaying(w)
	case phaseQuit:
		return m.frame(m.renderQuit(w), "")
	case phaseHurts:
		return m.frame(m.renderHurts(w), m.keysLine(hurtsNextKey))
	case phaseCheckOut:
		return m.frame(m.st.heading.Render("How did it go?")+"\n\n"+m.renderPain(w, "How much does your back hurt now?", "Pain only, not the stretch: 0 means no pain at all, 10 the worst pain you can imagine."), m.keysLine(keys.Less, keys.Confirm, keys.SkipQuestion))
	case phaseStretch:
		return m.frame(m.renderStretch(w), m.keysLine(keys.Less, keys.Confirm, keys.SkipQuestion))
	case phaseNote:
		return m.frame(strings.Join([]string{m.st.heading.Render("How did it go?"), "",
			m.st.title.Render("A note for yourself"), wrap("Anything to remember next time: what felt good, what to go easy on. Leave it empty for none.", w), "",
			m.note.View()}, "\n"), m.keysLine(keys.SaveNote))
	case phaseSaving:
		return m.frame(m.st.faint.Render("Saving your session to your journal…"), "")
	case phaseSaveFailed:
		return m.frame(m.renderError("Your session could not be saved", "It is not lost: backcare still holds it while this screen is open. Try again, or leave without saving."), m.keysLine(keys.Retry, leaveUnsavedKey))
	}
	return m.frame(m.renderSummary(w), m.keysLine(keys.Close))
}

// Keys whose help differs by screen.
var (
	startKey        = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "start"))
	leaveKey        = key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "leave"))
	leaveUnsavedKey = key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "leave without saving"))
	continueKey     = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "continue to the session"))
	hurtsNextKey    = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "one last question, then it is saved"))
)

// keysLine shows the keys a screen takes: on one line, or on two when the
// window is too narrow, so that none is ever cut off.
func (m *model) keysLine(bs ...key.Binding) string {
	h := m.st.help
	h.SetWidth(0)
	var lines []string
	from := 0
	for i := 1; i <= len(bs); i++ {
		if i > from+1 && lipgloss.Width(h.ShortHelpView(bs[from:i])) > m.width {
			lines = append(lines, h.ShortHelpView(bs[from:i-1]))
			from = i - 1
		}
	}
	lines = append(lines, h.ShortHelpView(bs[from:]))
	return strings.Join(lines, "\n")
}

func (m *model) verdictKeys() string {
	if m.verdict.Allowed {
		return m.keysLine(continueKey, leaveKey)
	}
	return m.keysLine(keys.Close)
}

// header is the first line of every screen: the app and routine on the
// left, right-aligned text on the right.
func (m *model) header(right string) string {
	left := m.st.app.Render("backcare") + "  " + m.cfg.Timeline.Routine.Name
	gap := m.width - lipgloss.Width(left) - lipgloss.Width(right)
	if gap < 2 {
		return left
	}
	return left + strings.Repeat(" ", gap) + right
}

// frame lays a screen out: header, a blank line, the body, and the keys on
// the last line of the window.
func (m *model) frame(body, footer string) string {
	return m.layout(m.header(""), body, footer)
}

func (m *model) layout(header, body, footer string) string {
	lines := []string{header, ""}
	lines = append(lines, strings.Split(body, "\n")...)
	var foot []string
	if footer != "" {
		foot = strings.Split(footer, "\n")
	}
	room := m.height - len(foot)
	if len(lines) > room {
		lines = lines[:max(room, 1)]
	}
	for len(lines) < room {
		lines = append(lines, "")
	}
	lines = append(lines, foot...)
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, m.width, "")
	}
	return strings.Join(lines, "\n")
}

// wrap breaks plain text into lines of at most w cells.
func wrap(text string, w int) string {
	return lipgloss.Wrap(text, max(w, 10), "")
}

// plain removes colours and styles: the text a test or a log sees.
func plain(s string) string {
	lines := strings.Split(ansi.Strip(s), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.TrimRight(strings.Join(lines, "\n"), "\n")
}

func bullets(items []string, w int) string {
	var out []string
	for _, it := range items {
		lines := strings.Split(wrap(it, w-2), "\n")
		for i, l := range lines {
			if i == 0 {
				out = append(out, "• "+l)
			} else {
				out = append(out, "  "+l)
			}
		}
	}
	return strings.Join(out, "\n")
}

func (m *model) renderSafety(w int) string {
	s := m.cfg.Safety
	q := s.Questions[m.question]
	parts := []string{
		m.st.heading.Render(fmt.Sprintf("Safety check · question %d of %d", m.question+1, len(s.Questions))),
	}
	if s.Why != "" {
		parts = append(parts, m.st.faint.Render(wrap(s.Why, w)))
	}
	parts = append(parts, "", m.st.title.Render(wrap(q.Text, w)))
	if q.Why != "" {
		parts = append(parts, "", m.st.faint.Render(wrap(q.Why, w)))
	}
	parts = append(parts, "", "Answer y for yes or n for no.")
	return strings.Join(parts, "\n")
}

func (m *model) renderVerdict(w int) string {
	v := m.verdict
	title := m.st.good.Render(v.Title)
	if !v.Allowed {
		title = m.st.warn.Render(v.Title)
	}
	parts := []string{title, "", wrap(v.Summary, w)}
	if len(v.Flags) > 0 {
		parts = append(parts, "", "You answered yes to:", bullets(v.Flags, w))
	}
	if len(v.Steps) > 0 {
		parts = append(parts, "", bullets(v.Steps, w))
	}
	if v.Record != "" {
		parts = append(parts, "", wrap(v.Record, w))
	}
	return strings.Join(parts, "\n")
}

func (m *model) renderError(title, comfort string) string {
	return strings.Join([]string{
		m.st.warn.Render(title),
		"",
		wrap(backcare.ErrorMessage(m.err), m.width),
		"",
		wrap(comfort, m.width),
	}, "\n")
}

func (m *model) renderCheckIn(w int) string {
	tl := m.cfg.Timeline
	about := fmt.Sprintf("%s: %s, %s.", tl.Routine.Name, backcare.HumanDuration(tl.Total), plural(tl.Holds(), "hold", "holds"))
	return strings.Join([]string{
		m.st.heading.Render("Before you start"),
		m.st.faint.Render(wrap(about, w)),
		"",
		m.renderPain(w, "How much does your back hurt right now?", "Pain only, not the stretch: 0 means no pain at all, 10 the worst pain you can imagine."),
	}, "\n")
}

func (m *model) renderPain(w int, question, explain string) string {
	return strings.Join([]string{
		m.st.title.Render(wrap(question, w)),
		wrap(explain, w),
		"",
		m.scale.render(m.st, "no pain", "worst imaginable", -1, ""),
	}, "\n")
}

func (m *model) renderStretch(w int) string {
	target := m.targetIntensity()
	explain := "Think of the stretch itself, not pain: 0 means you felt nothing, 10 as strong as a stretch can be."
	if target > 0 {
		explain += fmt.Sprintf(" The aim was about %d.", target)
	}
	return strings.Join([]string{
		m.st.heading.Render("How did it go?"),
		"",
		m.st.title.Render("How strong did the stretch feel?"),
		wrap(explain, w),
		"",
		m.scale.render(m.st, "felt nothing", "as strong as possible", target, "aim"),
	}, "\n")
}

// targetIntensity is the stretch intensity the routine aimed for: the most
// common target among its stretches (5 in the article's routine).
func (m *model) targetIntensity() int {
	count := map[int]int{}
	best, n := -1, 0
	for _, p := range m.cfg.Timeline.Poses {
		if p.Kind != backcare.Stretch {
			continue
		}
		count[p.Intensity]++
		if count[p.Intensity] > n {
			best, n = p.Intensity, count[p.Intensity]
		}
	}
	return best
}

func (m *model) renderQuit(w int) string {
	held := fmt.Sprintf("The clock is paused. So far you have held your stretches for %s.", backcare.HumanDuration(m.p.Held()))
	if m.quitFrom != phasePlaying {
		held = fmt.Sprintf("You held your stretches for %s.", backcare.HumanDuration(m.p.Held()))
	}
	parts := []string{m.st.heading.Render("Leave the session?"), "", wrap(held, w), ""}
	yes := "save what you did (one or two quick questions first)"
	if m.quitFrom != phasePlaying {
		yes = "save what you did and leave"
	}
	parts = append(parts,
		m.st.title.Render("  y    ")+yes,
		m.st.title.Render("  n    ")+"leave without saving",
		m.st.title.Render("  esc  ")+"carry on",
	)
	return strings.Join(parts, "\n")
}

// renderHighPain answers a check-in pain of HighPainFrom or more.
func (m *model) renderHighPain(w int) string {
	a := m.cfg.HighPain
	lines := []string{m.st.warn.Render(wrap(a.Title, w)), ""}
	if m.painBefore != nil {
		lines = append(lines, wrap(fmt.Sprintf("You said %d out of 10. %s", *m.painBefore, a.Summary), w), "")
	}
	lines = append(lines, bullets(a.Steps, w))
	if g := m.cfg.Gentler; g != nil {
		lines = append(lines, "", m.st.title.Render(wrap(fmt.Sprintf("The gentler session: %s, %s.", g.Routine.Name, backcare.HumanDuration(g.Total)), w)))
	}
	return strings.Join(lines, "\n")
}

func (m *model) renderHurts(w int) string {
	a := m.cfg.AfterPain
	if a.zero() {
		a = DefaultAfterPain
	}
	return strings.Join([]string{
		m.st.heading.Render(a.Title),
		"",
		wrap(a.Summary, w),
		"",
		bullets(a.Steps, w),
	}, "\n")
}

func (m *model) renderPlaying(w int) string {
	tl := m.cfg.Timeline
	seg := tl.Segments[m.p.Segment()]
	paused := m.p.State() == player.Paused

	badge := m.st.badge.Render("▶ playing")
	if paused {
		badge = m.st.paused.Render(" ❚❚ PAUSED ")
	}
	header := m.header(fmt.Sprintf("%s of %s  %s", clock(m.p.Progress()), clock(tl.Total), badge))
	footer := m.playingFooter(seg, w, paused)
	text := m.segmentText(seg, paused)
	body := m.figureBody(seg, text, w, m.bodyRows(footer), paused)
	return m.layout(header, body, footer)
}

// bodyRows is the rows of the playing screen between its header and its
// footer: the window less the header (2 lines), the footer and a blank
// line between the body and the footer. The caption's rows are those its
// longest cue in this segment needs, so that the body (and the figure in
// it) keeps its size whatever the cue of the moment says.
func (m *model) bodyRows(footer string) int {
	return max(m.height-2-lipgloss.Height(footer)-1, 6)
}

// playingFooter is the footer of the playing screen: the last cue in
// words, the progress bar, what comes next, the keys and the stop sign.
func (m *model) playingFooter(seg player.Segment, w int, paused bool) string {
	capRows := m.captionRows(seg, w)
	caption := m.captionLine(seg, w, capRows)
	if paused {
		caption = strings.Repeat("\n", capRows-1) + ansi.Truncate(m.st.paused.Render(" Paused ")+" The clock waits for you: press space to carry on.", w, "…")
	}
	bar := m.progressBar(w, seg)
	next := m.nextLine()
	keyLine := m.keysLine(keys.Pause, keys.Skip, keys.Back, keys.Hurts, keys.Quit)
	stop := "Sharp pain, numbness or tingling? Press h to stop."
	if m.cfg.VoiceNote != "" {
		stop += "  " + m.cfg.VoiceNote
	}
	lines := []string{caption, bar, ansi.Truncate(next, w, "…"), "", keyLine, m.st.faint.Render(ansi.Truncate(stop, w, "…"))}
	if m.height < airyHeight {
		// The keys under what comes next, with no blank line between:
		// at 80x24 the figure of a pose lying down is as tall as the
		// rows it is given, and the row is one more for it.
		lines = slices.Delete(lines, 3, 4)
	}
	return strings.Join(lines, "\n")
}

// airyHeight is the least window height whose playing screen keeps a
// blank line between what comes next and the keys.
const airyHeight = 30

// maxCaptionRows is the most lines a cue in words takes.
const maxCaptionRows = 3

// captionRows is how many lines the cues of a segment take in words, at
// the most: one, or as many as its longest needs, up to maxCaptionRows.
func (m *model) captionRows(seg player.Segment, w int) int {
	n := 1
	for _, c := range seg.Cues {
		n = max(n, strings.Count(wrap("» "+c.Text, w), "\n")+1)
	}
	return min(n, maxCaptionRows)
}

// captionLine is the last cue in words, wrapped onto rows lines (the
// last cut with "…" only if it must be), at the bottom of them. A cue
// that announced what comes next, in a get-ready, a switch of sides or a
// rest, is not shown once that has come: it would name the exercise on
// screen as the next one. In a set of reps with no cue of its own yet,
// the line counts the reps.
func (m *model) captionLine(seg player.Segment, w, rows int) string {
	text := ""
	if m.caption != "" {
		text = "» " + m.caption
		if m.captionSeg != seg.Index && m.captionSeg < len(m.cfg.Timeline.Segments) {
			switch m.cfg.Timeline.Segments[m.captionSeg].Kind {
			case player.Prepare, player.Switch, player.Rest:
				text = ""
			}
		}
	}
	if text == "" && seg.Kind == player.Reps && seg.Reps > 0 && seg.Duration > 0 {
		per := seg.Duration / time.Duration(seg.Reps)
		rep := min(int(max(m.p.Elapsed(), 0)/per)+1, seg.Reps)
		text = fmt.Sprintf("Rep %d of %d", rep, seg.Reps)
	}
	lines := strings.Split(wrap(text, w), "\n")
	if len(lines) > rows {
		lines = append(lines[:rows-1], ansi.Truncate(strings.Join(lines[rows-1:], " "), w, "…"))
	}
	for len(lines) < rows {
		lines = append([]string{""}, lines...)
	}
	return strings.Join(lines, "\n")
}

// repPhase is where a set of held reps is: the rep (from 1), whether it
// is being held, and the time left of the hold, or to the next rep.
type repPhase struct {
	rep     int
	holding bool
	left    time.Duration
}

// repNow is where a set of held reps is, elapsed into it: false for a
// segment that is not a set of reps held long enough to be told when to
// relax. The hold of a rep ends with its "relax" cue (an end cue inside
// the rep; the set's last, "Done.", is at its end), and begins
// player.RepLift after the rep's start.
func repNow(seg player.Segment, elapsed time.Duration) (repPhase, bool) {
	if seg.Kind != player.Reps || seg.Reps <= 0 || seg.Duration <= 0 {
		return repPhase{}, false
	}
	elapsed = max(elapsed, 0)
	per := seg.Duration / time.Duration(seg.Reps)
	j := min(int(elapsed/per), seg.Reps-1)
	start, end := time.Duration(j)*per, time.Duration(j+1)*per
	if j == seg.Reps-1 {
		end = seg.Duration
	}
	for _, c := range seg.Cues {
		if c.Tone != player.End || c.At <= start || c.At >= end {
			continue
		}
		if elapsed < c.At {
			// The clock counts the hold: during the lift before it, it
			// shows the whole hold, so a 10-second hold reads 10.
			left := c.At - elapsed
			if hold := c.At - start - player.RepLift; hold > 0 {
				left = min(left, hold)
			}
			return repPhase{j + 1, true, left}, true
		}
		return repPhase{j + 1, false, end - elapsed}, true
	}
	return repPhase{}, false
}

type segmentText struct {
	kind, title, step, target string
}

func (m *model) segmentText(seg player.Segment, paused bool) segmentText {
	t := segmentText{kind: kindWords[seg.Kind], title: seg.Title, step: seg.Step}
	if seg.Sets > 1 && seg.Kind == player.Reps {
		t.kind = fmt.Sprintf("SET %d OF %d", seg.Set, seg.Sets)
	}
	// The target stretch, unless the step already says it (a hold's does).
	if p, ok := m.cfg.Timeline.Pose(seg.Pose); ok && p.Kind == backcare.Stretch && seg.Kind != player.Rest && !strings.Contains(seg.Step, "out of 10") {
		t.target = fmt.Sprintf("Stretch: about %d out of 10. A clear, gentle stretch, never pain.", p.Intensity)
	}
	return t
}

// minTextRows is the fewest rows segmentBody lays its text out in with
// blank lines between its parts; given fewer, it packs it: the countdown
// and the pose's name on one line, what to do under it.
const minTextRows = 6

// segmentBody is the text beside the figure: what to do, the countdown
// (big when there is room: twice as big in a large window, one line in a
// tiny one) and how.
func (m *model) segmentBody(seg player.Segment, t segmentText, w, rows int, paused bool) string {
	style := m.st.kind[seg.Kind]
	left := countdown(m.p.Remaining())
	// In a set of held reps the clock counts the hold of the moment (or
	// the breath before the next rep), the set's time beside it: the
	// set's 1:23 alone left a person on a side bridge to count the ten
	// seconds of each hold in their head.
	kind, setLeft := t.kind, ""
	if ph, ok := repNow(seg, m.p.Elapsed()); ok {
		left = countdown(ph.left)
		rep := fmt.Sprintf("REP %d OF %d", ph.rep, seg.Reps)
		if seg.Sets > 1 {
			rep = kind + ", " + rep
		}
		if ph.holding {
			kind = rep + ": HOLD"
			setLeft = "left of this hold; the set, " + countdown(m.p.Remaining())
		} else {
			kind = rep + ": REST"
			setLeft = "to the next rep; the set, " + countdown(m.p.Remaining())
			if ph.rep == seg.Reps {
				setLeft = "to the end of the set"
			}
		}
	}
	var clockText string
	switch {
	case rows < 12:
		clockText = m.st.title.Render(left + " left")
	case rows >= 26 && w >= 60:
		clockText = big(left, 2)
	default:
		clockText = big(left, 1)
	}
	if paused {
		style = m.st.faint
		clockText = m.st.faint.Render(clockText)
	}
	clockLines := clockText
	if setLeft != "" {
		clockLines += "\n" + m.st.faint.Render(wrap(setLeft, w))
	}
	parts := []string{
		style.Render(wrap(kind, w)),
		m.st.title.Render(wrap(t.title, w)),
		"",
		clockLines,
		"",
		wrap(t.step, w),
	}
	if rows < 12 {
		// A tiny window: the time left goes beside what to do.
		head := style.Render(kind) + "  " + clockText
		if lipgloss.Width(head) > w {
			head = style.Render(kind) + "\n" + clockText
		}
		parts = []string{head, m.st.title.Render(wrap(t.title, w)), "", wrap(t.step, w)}
	}
	sep := []string{""}
	if rows < minTextRows {
		// Under a figure that needs all the room it can get (two views
		// of a pose lying down): the time left and the pose's name on
		// one line, what to do under it.
		head := style.Render(kind) + "  " + clockText + "  " + m.st.title.Render(t.title)
		if lipgloss.Width(head) > w {
			head = style.Render(kind) + "  " + clockText + "\n" + m.st.title.Render(wrap(t.title, w))
		}
		parts, sep = []string{head, wrap(t.step, w)}, nil
	}
	if t.target != "" {
		parts = append(parts, sep...)
		parts = append(parts, m.st.faint.Render(wrap(t.target, w)))
	}
	return strings.Join(parts, "\n")
}

// progressBar shows the whole routine's progress and the step number.
func (m *model) progressBar(w int, seg player.Segment) string {
	tl := m.cfg.Timeline
	step := fmt.Sprintf("  step %d of %d", seg.Index+1, len(tl.Segments))
	width := max(w-lipgloss.Width(step), 10)
	h := progressModel(width)
	frac := 0.0
	if tl.Total > 0 {
		frac = float64(m.p.Progress()) / float64(tl.Total)
	}
	return h.ViewAs(frac) + step
}

// nextLine says what comes after the current segment, and when.
func (m *model) nextLine() string {
	tl := m.cfg.Timeline
	i := m.p.Segment()
	in := countdown(m.p.Remaining())
	if !strings.Contains(in, ":") {
		in += " s"
	}
	if i+1 >= len(tl.Segments) {
		return fmt.Sprintf("Next: how your back feels, in %s", in)
	}
	n := tl.Segments[i+1]
	what := n.Title
	if n.Kind == player.Hold {
		what += " (hold " + backcare.HumanDuration(n.Duration) + ")"
	}
	return fmt.Sprintf("Next: %s, in %s", what, in)
}

// renderSummary is the last screen, also printed after the player closes.
func (m *model) renderSummary(w int) string {
	s := m.session
	tl := m.cfg.Timeline
	var status string
	switch s.Status {
	case backcare.Completed:
		status = "finished. Well done."
	case backcare.StoppedForPain:
		status = "stopped because it hurt."
	default:
		status = "stopped early."
	}
	planned := time.Duration(0)
	for _, seg := range tl.Segments {
		if seg.Kind == player.Hold || seg.Kind == player.Reps {
			planned += seg.Duration
		}
	}
	lines := []string{
		m.st.good.Render("Saved to your journal."),
		"",
		m.st.title.Render(wrap(tl.Routine.Name+": "+status, w)),
		wrap(fmt.Sprintf("Time held:     %s of %s", backcare.HumanDuration(s.Held()), backcare.HumanDuration(planned)), w),
		wrap("Back pain:     "+painChange(s.PainBefore, s.PainAfter), w),
	}
	if s.Intensity != nil {
		st := fmt.Sprintf("Stretch felt:  %d out of 10", *s.Intensity)
		if t := m.targetIntensity(); t > 0 {
			st += fmt.Sprintf(" (the aim was about %d)", t)
		}
		lines = append(lines, wrap(st, w))
	}
	if s.PainBefore != nil && s.PainAfter != nil && *s.PainAfter-*s.PainBefore >= 2 {
		lines = append(lines, "", wrap("Your back hurts more than before. Go gentler next time, and talk to a doctor or physiotherapist if it doesn't settle.", w))
	}
	if s.Status == backcare.StoppedForPain {
		a := m.cfg.AfterPain
		if a.zero() {
			a = DefaultAfterPain
		}
		lines = append(lines, "", wrap(a.Summary, w))
	}
	if m.cfg.Next != nil {
		if next := m.cfg.Next(s); next != "" {
			lines = append(lines, "", m.st.heading.Render("What comes next"), wrap(next, w))
		}
	}
	return strings.Join(lines, "\n")
}

// painChange writes pain before and after, and what the change means: a
// change of 2 points or more is one that can be trusted (Childs et al.,
// Spine 2005; CLINICAL.md).
func painChange(before, after *int) string {
	switch {
	case before == nil && after == nil:
		return "not recorded"
	case after == nil:
		return fmt.Sprintf("%d out of 10 before; not recorded after", *before)
	case before == nil:
		return fmt.Sprintf("%d out of 10 after", *after)
	}
	s := fmt.Sprintf("%d -> %d out of 10", *before, *after)
	d := *after - *before
	switch {
	case d <= -2:
		s += fmt.Sprintf(" (%d points less: a real easing)", -d)
	case d == -1:
		s += " (a little less)"
	case d == 0:
		s += " (no change)"
	case d == 1:
		s += " (a little more)"
	default:
		s += fmt.Sprintf(" (%d points more)", d)
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
