package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"backcare"
	"backcare/catalog"
)

// Reading what people and the player send: forms and JSON. Every handler
// reads its input through these helpers, so that a malformed body is a 400
// naming the field, numbers are checked against their range before they
// become durations, and no message speaks Go.

// readForm reads a POSTed form (application/x-www-form-urlencoded) into
// r.PostForm. Unlike http.Request.ParseForm, a value that is not properly
// %-encoded, or is not UTF-8 text, is refused with a message naming its
// field. A body of another type reads as an empty form.
func readForm(r *http.Request) error {
	if r.PostForm != nil {
		return nil
	}
	vals := url.Values{}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct == "application/x-www-form-urlencoded" {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				return err // 413
			}
			return backcare.Errorf(backcare.EINVALID, "the form did not arrive whole").WithHint("send it again")
		}
		if err := parseFormBody(string(body), vals); err != nil {
			return err
		}
	}
	r.PostForm = vals
	return nil
}

// parseFormBody decodes key=value pairs joined by "&" into vals.
func parseFormBody(body string, vals url.Values) error {
	const hint = "send the form from backcare's page; in a form's encoding a %% is followed by two hex digits"
	for body != "" {
		var pair string
		pair, body, _ = strings.Cut(body, "&")
		if pair == "" {
			continue
		}
		rawKey, rawVal, _ := strings.Cut(pair, "=")
		key, err := url.QueryUnescape(rawKey)
		if err != nil || !utf8.ValidString(key) {
			return backcare.Errorf(backcare.EINVALID, "a field name of the form, %s, is not properly encoded", shorten(rawKey)).WithHint(hint)
		}
		if strings.Contains(pair, ";") {
			return backcare.Errorf(backcare.EINVALID, "the form's field %s has a \";\" in it; fields are separated by \"&\"", shorten(key)).
				WithHint(hint).At(key)
		}
		val, err := url.QueryUnescape(rawVal)
		if err != nil {
			return backcare.Errorf(backcare.EINVALID, "the answer to %s is not properly encoded", shorten(key)).WithHint(hint).At(key)
		}
		if !utf8.ValidString(val) {
			return backcare.Errorf(backcare.EINVALID, "the answer to %s has characters that are not text (it is not UTF-8)", shorten(key)).
				WithHint("type the answer again").At(key)
		}
		vals.Add(key, val)
	}
	return nil
}

// shorten quotes a name for a message, cut to a length a message can carry.
func shorten(s string) string {
	if len(s) > 40 {
		s = s[:40] + "..."
	}
	return strconv.Quote(s)
}

// wholeNumber reads a whole number from lo to hi, typed in a form field.
// ok is false for anything else, a number too large for int included.
func wholeNumber(v string, lo, hi int) (n int, ok bool) {
	x, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
	if err != nil || x < int64(lo) || x > int64(hi) {
		return 0, false
	}
	return int(x), true
}

// secondsField reads a whole number of seconds from 0 to max. The number is
// checked before it is multiplied, so no input can wrap round into range.
func secondsField(v string, max time.Duration) (time.Duration, error) {
	if v == "" {
		return 0, nil
	}
	n, ok := wholeNumber(v, 0, int(max/time.Second))
	if !ok {
		return 0, fmt.Errorf("out of range")
	}
	return time.Duration(n) * time.Second, nil
}

// timeHint says how a time is typed in the clinic's editors: the
// programme editor's holds and the clinic library's holds, rests and
// times between poses. timeField reads every form it names, and more.
const timeHint = "Seconds, like 30, or minutes and seconds, like 1:30."

// timeField reads a time typed in a form field: "30", "30s", "45 sec",
// "1m30s", "1:30", "1 min 30" (catalog.ParseDuration). what names the
// field in the message ("A hold"); msg is empty when v was understood.
// Its range is the caller's to check.
func timeField(v, what string) (d time.Duration, msg string) {
	v = strings.TrimSpace(v)
	d, err := catalog.ParseDuration(v)
	if err != nil || d < 0 {
		return 0, "You wrote " + shorten(v) + ": write " + strings.ToLower(what[:1]) + what[1:] + " as a number of seconds, like 30, or minutes and seconds, like 1:30."
	}
	return d, ""
}

// millis turns a whole number of milliseconds from 0 to max into a
// duration, checking the range before multiplying.
func millis(ms int64, max time.Duration) (time.Duration, bool) {
	if ms < 0 || ms > max.Milliseconds() {
		return 0, false
	}
	return time.Duration(ms) * time.Millisecond, true
}

// isJSON reports whether the request says its body is JSON.
func isJSON(r *http.Request) bool {
	return strings.HasPrefix(r.Header.Get("Content-Type"), "application/json")
}

// decode reads one JSON object into v, refusing unknown fields, trailing
// data and text that is not UTF-8, with messages a person can act on.
func decode(r *http.Request, v any) error {
	if !isJSON(r) {
		return backcare.Errorf(backcare.EINVALID, "send the data as JSON (Content-Type: application/json)")
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return err // 413
		}
		return backcare.Errorf(backcare.EINVALID, "the data did not arrive whole").WithHint("send it again")
	}
	return decodeJSON(body, v)
}

// decodeJSON is decode's reading and its messages.
func decodeJSON(body []byte, v any) error {
	if !utf8.Valid(body) {
		// encoding/json would quietly turn the bytes into U+FFFD.
		e := backcare.Errorf(backcare.EINVALID, "the data has characters that are not text (it is not UTF-8)")
		if field := nonUTF8Field(body); field != "" {
			e = backcare.Errorf(backcare.EINVALID, "%s has characters that are not text (it is not UTF-8)", field).At(field)
		}
		return e.WithHint("type it again")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syn), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
			return backcare.Errorf(backcare.EINVALID, "the data is not complete, valid JSON")
		case errors.As(err, &typ):
			if typ.Field == "" {
				return backcare.Errorf(backcare.EINVALID, "send one JSON object, with the fields in braces")
			}
			return backcare.Errorf(backcare.EINVALID, "%s should be %s", typ.Field, fieldWants(typ.Field, typ.Type)).At(typ.Field)
		case strings.HasPrefix(err.Error(), "json: unknown field "):
			// encoding/json has no typed error for this one.
			return backcare.Errorf(backcare.EINVALID, "backcare does not know the field %s", strings.TrimPrefix(err.Error(), "json: unknown field "))
		}
		return backcare.Errorf(backcare.EINVALID, "the data could not be read as JSON")
	}
	if dec.More() {
		return backcare.Errorf(backcare.EINVALID, "send one JSON object, nothing after it")
	}
	return nil
}

// nonUTF8Field names the top-level field of a JSON object whose value (or
// name) is not UTF-8, or "" when that cannot be told.
func nonUTF8Field(body []byte) string {
	var fields map[string]json.RawMessage
	if json.Unmarshal(body, &fields) != nil {
		return ""
	}
	for k, raw := range fields {
		if !utf8.Valid(raw) {
			return k
		}
	}
	return ""
}

// fieldWords says what a JSON field takes, in words, where its Go type
// alone would say too little.
var fieldWords = map[string]string{
	"pain_before": "a whole number from 0 to 10",
	"pain_after":  "a whole number from 0 to 10",
	"intensity":   "a whole number from 0 to 10",
	"planned_ms":  "a whole number of milliseconds",
	"held_ms":     "a whole number of milliseconds",
	"index":       "a whole number from 0",
}

// fieldWants is what the field (a dotted path) should be, in words.
func fieldWants(field string, t reflect.Type) string {
	last := field[strings.LastIndex(field, ".")+1:]
	if w, ok := fieldWords[last]; ok {
		return w
	}
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil {
		return "another kind of value"
	}
	switch t.Kind() {
	case reflect.String:
		return "text in quotes"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "a list in square brackets"
	case reflect.Struct, reflect.Map:
		if t == reflect.TypeFor[time.Time]() {
			return "a time such as \"2026-11-20T18:30:00Z\""
		}
		return "an object in braces"
	}
	return "another kind of value"
}
