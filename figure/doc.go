// Package figure draws the poses of the catalog: a person seen from the
// side, the front or three-quarters, posed by joint angles, with the props
// the pose needs (floor, mat, wall, countertop, table, chair) and optional
// markers (an arrow for the direction of reach, a highlight where the
// stretch is felt).
//
// The skeleton has a pelvis at its root; a lumbar and a thoracic segment,
// the neck and the head above it; and a near and a far hip-knee-ankle-toe
// leg and shoulder-elbow-wrist arm. Segment lengths are fractions of
// standing height from standard anthropometric tables (see body.go). The
// skeleton is posed in three dimensions, so the same figure can be seen
// from any of the views, and then projected flat.
//
// A figure is placed on its supports: the parts it rests on touch the floor
// (or the mat), a counter, table or chair stands with its top under the
// hands resting on it, and a wall stands against the parts leaning on it.
// Check reports any pose that cannot be drawn soundly: an unknown joint or
// part, an angle no body makes, a resting part that does not touch, a part
// sunk into the floor or a prop.
//
// A figure is seen from the side, three-quarters, the front or the far
// side, optionally from above, or straight from above (see docs/figures.md).
//
// The result is a Drawing: flat shapes in painting order (far limbs first,
// shaded lighter; where limbs overlap, the nearer there on top; the head
// last), with a thin gap round each body part over the parts painted
// before it. Renderers turn it into SVG (Drawing.SVG, themable with CSS),
// PNG (Drawing.PNG, pure Go) and braille for a terminal (Drawing.Braille).
// The PDF chart draws the same shapes as vectors.
//
// docs/figures.md describes the spec a pose's figure is written in.
package figure
