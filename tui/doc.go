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
// The pose's figure is drawn from its drawings (package figure) by this
// package itself (dots.go): the body in braille, the far limbs grey and
// lighter inside a whole outline, the arrows red and one dot thin (their
// heads chevrons, never filled, a short arrow drawn long enough to read
// and clear of the limb it points to, never over a mat's box), a cell
// clear of the panel's edge, props
// as a dotted line of middle dots (·). A figure on the floor stands on a
// row of its own, the floor an unbroken line (─) with the hands, knees,
// feet or back resting on it in the lowest dots of the row above (a body
// on a mat rests on the mat's top), and a mat lying on it is a double
// line (═) in that row. Each figure is cropped to what it draws, drawn
// as large as its panel allows and centred in it; the frames of a
// movement are fitted together in one box (the union of theirs), so the
// figure keeps its place as they take turns, start first, two seconds
// each, while the clock runs. A pose drawn in two views shows both only
// where both are legible, else its first view alone.
//
// tui is an adapter. It imports the root package and pure packages (player)
// but no other adapter: the journal, the safety rules, the programme and the
// pose figures reach it as functions and values in Config, which
// cmd/backcare fills in. That also lets the tests play whole routines in
// fake time without a database.
package tui
