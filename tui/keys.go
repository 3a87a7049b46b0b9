package tui

import "charm.land/bubbles/v2/key"

// keys are every key the player answers to. Each screen shows the ones it
// takes. Letters work in either case, so Caps Lock never gets in the way.
var keys = struct {
	Pause, Skip, Back, Hurts, Quit, Interrupt key.Binding
	Yes, No, PrevQuestion                     key.Binding
	Less, More, Confirm, SkipQuestion         key.Binding
	Carry, Retry, Close                       key.Binding
	Gentler, Rest, SaveNote                   key.Binding
}{
	Pause:     key.NewBinding(key.WithKeys("space", "p", "P"), key.WithHelp("space", "pause/resume")),
	Skip:      key.NewBinding(key.WithKeys("n", "N", "right"), key.WithHelp("n/→", "skip")),
	Back:      key.NewBinding(key.WithKeys("b", "B", "left"), key.WithHelp("b/←", "back")),
	Hurts:     key.NewBinding(key.WithKeys("h", "H"), key.WithHelp("h", "this hurts")),
	Quit:      key.NewBinding(key.WithKeys("q", "Q"), key.WithHelp("q", "quit")),
	Interrupt: key.NewBinding(key.WithKeys("ctrl+c")),

	Yes:          key.NewBinding(key.WithKeys("y", "Y"), key.WithHelp("y", "yes")),
	No:           key.NewBinding(key.WithKeys("n", "N"), key.WithHelp("n", "no")),
	PrevQuestion: key.NewBinding(key.WithKeys("b", "B", "backspace", "left"), key.WithHelp("b", "previous question")),

	Less:         key.NewBinding(key.WithKeys("left", "down", "-"), key.WithHelp("←/→ or 0-9", "choose")),
	More:         key.NewBinding(key.WithKeys("right", "up", "+", "=")),
	Confirm:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "confirm")),
	SkipQuestion: key.NewBinding(key.WithKeys("s", "S"), key.WithHelp("s", "skip this question")),

	Carry: key.NewBinding(key.WithKeys("esc", "c", "C"), key.WithHelp("esc", "carry on")),
	Retry: key.NewBinding(key.WithKeys("r", "R"), key.WithHelp("r", "try again")),
	Close: key.NewBinding(key.WithKeys("enter", "q", "Q", "esc"), key.WithHelp("enter", "close")),

	Gentler:  key.NewBinding(key.WithKeys("g", "G", "enter"), key.WithHelp("g", "the gentler session")),
	Rest:     key.NewBinding(key.WithKeys("r", "R", "q", "Q"), key.WithHelp("r", "rest today (nothing is saved)")),
	SaveNote: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "save (leave it empty for no note)")),
}
