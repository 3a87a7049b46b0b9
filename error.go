package backcare

import (
	"errors"
	"fmt"
)

// Error codes. The set is closed on purpose: every interface (HTTP status, exit
// code) maps these few codes and nothing else.
const (
	EINVALID  = "invalid"   // the input is wrong; the message says how to fix it
	ENOTFOUND = "not_found" // a named thing does not exist
	ECONFLICT = "conflict"  // the request clashes with what is already saved
	EUNSAFE   = "unsafe"    // the safety rules forbid this right now
	EINTERNAL = "internal"  // a bug or an outage; the message is generic
)

// Error is the one domain error. Message is safe to show a user; Hint, when
// set, tells them how to put it right. Where names the place in a file
// ("routine.yaml:4:3") or the record ("session 12") the error is about.
type Error struct {
	Code    string
	Where   string
	Message string
	Hint    string
	Err     error // the underlying cause, never shown to users
}

// Error renders "where: message (hint)" for logs and the command line.
func (e *Error) Error() string {
	s := e.Message
	if e.Where != "" {
		s = e.Where + ": " + s
	}
	if e.Hint != "" {
		s += " (" + e.Hint + ")"
	}
	if s == "" && e.Err != nil {
		s = e.Err.Error()
	}
	return s
}

// Unwrap returns the underlying cause.
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// WithHint returns e with its hint set; it reads well at the end of Errorf.
func (e *Error) WithHint(format string, args ...any) *Error {
	e.Hint = fmt.Sprintf(format, args...)
	return e
}

// At returns e with its place set.
func (e *Error) At(where string) *Error {
	e.Where = where
	return e
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other non-nil error and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-safe text of the first *Error in err's chain,
// including its place and hint, or a generic sentence for any other error.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Error()
	}
	return "Something went wrong inside backcare. Nothing you entered was lost; please try again."
}
