// Package backcare is the domain vocabulary of backcare, an offline coach
// for lower-back care: poses and routines, sessions and the journal that
// keeps them, and the one Error type every package returns.
//
// It imports only the standard library. Pure packages (catalog, figure,
// player, programme, safety, measure) build on it; adapters (sqlite,
// postgres, web, pdf, tui, calendar) implement or present it; only
// cmd/backcare wires them together. See README.md for the map.
package backcare
