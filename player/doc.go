// Package player turns a routine into a Timeline, the one schedule every
// front end plays, and plays it on an injected clock.
//
// Compile decides all timing: a prepare segment before each pose, the holds
// (or sets of reps with rests between them), a switch segment between the
// sides of a sided pose, and the spoken cues of each segment. Cues are
// spaced so that no two overlap when spoken; where two compete, the more
// important one (a countdown, a pose name) wins and the other (halfway) is
// shortened, moved later within its window, or dropped.
//
// The Timeline's JSON form is documented in docs/timeline.md and
// docs/timeline.schema.json; the web player reads it, and Player plays it
// for the terminal.
package player
