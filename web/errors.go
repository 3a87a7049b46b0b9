package web

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"

	"backcare"
)

// status maps an error's code to an HTTP status.
func status(err error) int {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return http.StatusRequestEntityTooLarge
	}
	if errors.As(err, new(tooManyError)) {
		return http.StatusTooManyRequests
	}
	switch backcare.ErrorCode(err) {
	case backcare.EINVALID:
		return http.StatusBadRequest
	case backcare.ENOTFOUND:
		return http.StatusNotFound
	case backcare.ECONFLICT:
		return http.StatusConflict
	case backcare.EUNSAFE:
		return http.StatusForbidden
	}
	return http.StatusInternalServerError
}

// apiError is the JSON form of an error.
type apiError struct {
	Error string `json:"error"`
	Hint  string `json:"hint,omitempty"`
	Field string `json:"field,omitempty"`
}

// errorPage is the data of the error page.
type errorPage struct {
	page
	Status  int
	Message string
	Hint    string
}

// fail is the one place errors become output: JSON for the API, a page
// for people. Internal errors are logged and shown as a generic sentence.
func (s *server) fail(w http.ResponseWriter, r *http.Request, code int, err error) {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		code, err = http.StatusRequestEntityTooLarge, errTooLarge()
	}
	if code == 0 {
		code = status(err)
	}
	if code >= 500 && !gone(r, err) {
		s.Logger.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	msg, hint, field := "Something went wrong inside backcare. Nothing you saved was lost; please try again.", "", ""
	var e *backcare.Error
	if errors.As(err, &e) && e.Code != backcare.EINTERNAL {
		msg, hint, field = e.Message, e.Hint, e.Where
	}
	w.Header().Set("Cache-Control", "no-store")
	if wantsJSON(r) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		_ = json.NewEncoder(w).Encode(apiError{Error: msg, Hint: hint, Field: field})
		return
	}
	title := "Something went wrong"
	switch code {
	case http.StatusNotFound:
		title = "Not found"
	case http.StatusUnauthorized:
		title = "Please sign in"
	case http.StatusBadRequest, http.StatusRequestEntityTooLarge, http.StatusForbidden, http.StatusConflict, http.StatusTooManyRequests:
		title = "That didn't work"
	}
	s.render(w, r, code, "error", &errorPage{page: s.newPage(r, title, ""), Status: code, Message: msg, Hint: hint})
}

// notFound answers every path no route matches.
func (s *server) notFound(w http.ResponseWriter, r *http.Request) {
	s.fail(w, r, http.StatusNotFound, backcare.Errorf(backcare.ENOTFOUND, "there is no page at %s", r.URL.Path).
		WithHint("use the menu to find your way"))
}

// gone reports whether err is only that the client went away before its
// answer was ready: no fault of the server's, and nobody to tell.
func gone(r *http.Request, err error) bool {
	return errors.Is(err, context.Canceled) && r.Context().Err() != nil
}
