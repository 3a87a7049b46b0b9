// Package tui is backcare's terminal player: one Bubble Tea program that
// runs the safety questions when they are due, asks how much the back hurts,
// plays a compiled timeline with a large countdown, the pose's figure, a
// bell and spoken cues, and then asks how the back feels and how strong the
// stretch felt, saves the session and shows a short summary.
//
// Timing lives in package player: this package drives a player.Player and
// sleeps exactly until the moment Player.Next names (plus a refresh when the
// countdown's whole second changes), so cues fire on time however long the
// routine.
//
// tui is an adapter. It imports the root package and pure packages (player)
// but no other adapter: the journal, the safety rules, the programme and the
// pose figures reach it as functions and values in Config, which
// cmd/backcare fills in. That also lets the tests play whole routines in
// fake time without a database.
package tui
