// Package catalog holds backcare's poses and routines: the built-in ones,
// embedded as YAML, and a person's own from a folder of YAML files.
//
// Every file goes through one strict validator. A misspelt field, a missing
// field, a bad duration, a routine naming an unknown pose or an id used twice
// is reported with its file:line:column, what is wrong and how to fix it.
// A file with any problem adds nothing, and a person's pose or routine can
// never take the id of a built-in one.
//
// The file format, with every field, is described in docs/catalog.md.
package catalog
