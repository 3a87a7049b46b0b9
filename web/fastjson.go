package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"backcare"
)

// The player saves a session's progress at every segment change, so the
// body of PUT /api/sessions/{id} is the JSON the server reads most, and
// the session it answers with the JSON it writes most. encoding/json spends
// most of its time there on reflection; this file reads and writes those
// two shapes directly. Reading takes the plain form browsers send (any key
// order, the usual escapes) and hands anything else (an unknown or
// repeated key, \u escapes, null where a value is due, an odd number) to
// decode, so what is accepted, and every error message, stays exactly
// encoding/json's. FuzzSaveRequest and FuzzSessionJSON compare the two.

// decodeSave reads a save request.
func decodeSave(r *http.Request, req *saveRequest) error {
	if !isJSON(r) {
		return decode(r, req)
	}
	buf := getBuffer()
	defer putBuffer(buf)
	if _, err := buf.ReadFrom(r.Body); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return err // 413, as decode says
		}
		return backcare.Errorf(backcare.EINVALID, "the data could not be read: %v", err)
	}
	if parseSave(buf.Bytes(), req) {
		return nil
	}
	*req = saveRequest{}
	return decodeFrom(bytes.NewReader(buf.Bytes()), req)
}

// parseSave reads the plain form of a save request into req; false means
// "ask encoding/json".
func parseSave(data []byte, req *saveRequest) bool {
	p := &jsonParser{b: data}
	var seen [5]bool
	ok := p.object(func(key []byte) bool {
		i := -1
		switch string(key) {
		case "status":
			i = 0
		case "segments":
			i = 1
		case "pain_after":
			i = 2
		case "intensity":
			i = 3
		case "note":
			i = 4
		}
		if i < 0 || seen[i] {
			return false
		}
		seen[i] = true
		switch i {
		case 0:
			return p.str(&req.Status)
		case 1:
			return p.segments(&req.Segments)
		case 2:
			return p.optInt(&req.PainAfter)
		case 3:
			return p.optInt(&req.Intensity)
		}
		return p.str(&req.Note)
	})
	p.space()
	return ok && p.i == len(p.b)
}

// jsonParser reads the plain JSON of parseSave.
type jsonParser struct {
	b []byte
	i int
}

func (p *jsonParser) space() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

// next skips space and reports whether the next byte is c, taking it if
// so.
func (p *jsonParser) next(c byte) bool {
	p.space()
	if p.i < len(p.b) && p.b[p.i] == c {
		p.i++
		return true
	}
	return false
}

func (p *jsonParser) lit(s string) bool {
	p.space()
	if len(p.b)-p.i >= len(s) && string(p.b[p.i:p.i+len(s)]) == s {
		p.i += len(s)
		return true
	}
	return false
}

// object reads an object, calling field for each key; field reads the
// value.
func (p *jsonParser) object(field func(key []byte) bool) bool {
	if !p.next('{') {
		return false
	}
	if p.next('}') {
		return true
	}
	for {
		key, ok := p.key()
		if !ok || !p.next(':') || !field(key) {
			return false
		}
		if p.next('}') {
			return true
		}
		if !p.next(',') {
			return false
		}
	}
}

// key reads a key of plain ASCII letters, digits and underscores.
func (p *jsonParser) key() ([]byte, bool) {
	if !p.next('"') {
		return nil, false
	}
	start := p.i
	for p.i < len(p.b) {
		c := p.b[p.i]
		switch {
		case c == '"':
			p.i++
			return p.b[start : p.i-1], true
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '_':
			p.i++
		default:
			return nil, false
		}
	}
	return nil, false
}

// str reads a string with the usual escapes; \u escapes and bytes that are
// not UTF-8 are left to encoding/json.
func (p *jsonParser) str(v *string) bool {
	if !p.next('"') {
		return false
	}
	start := p.i
	var out []byte // only when there are escapes
	for p.i < len(p.b) {
		c := p.b[p.i]
		switch {
		case c == '"':
			raw := p.b[start:p.i]
			p.i++
			if out == nil {
				if !utf8.Valid(raw) {
					return false
				}
				*v = string(raw)
				return true
			}
			out = append(out, raw...)
			if !utf8.Valid(out) {
				return false
			}
			*v = string(out)
			return true
		case c == '\\':
			if p.i+1 >= len(p.b) {
				return false
			}
			out = append(out, p.b[start:p.i]...)
			switch p.b[p.i+1] {
			case '"', '\\', '/':
				out = append(out, p.b[p.i+1])
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			default:
				return false
			}
			p.i += 2
			start = p.i
		case c < 0x20:
			return false
		default:
			p.i++
		}
	}
	return false
}

// int reads an integer without fraction or exponent that fits an int.
func (p *jsonParser) int(v *int) bool {
	p.space()
	j := p.i
	if j < len(p.b) && p.b[j] == '-' {
		j++
	}
	digits := j
	for j < len(p.b) && p.b[j] >= '0' && p.b[j] <= '9' {
		j++
	}
	if j == digits || (p.b[digits] == '0' && j-digits > 1) {
		return false
	}
	if j < len(p.b) && (p.b[j] == '.' || p.b[j] == 'e' || p.b[j] == 'E') {
		return false
	}
	n, err := strconv.ParseInt(string(p.b[p.i:j]), 10, strconv.IntSize)
	if err != nil {
		return false
	}
	*v, p.i = int(n), j
	return true
}

func (p *jsonParser) int64(v *int64) bool {
	var n int
	if !p.int(&n) {
		return false
	}
	*v = int64(n)
	return true
}

// optInt reads an integer or null.
func (p *jsonParser) optInt(v **int) bool {
	if p.lit("null") {
		*v = nil
		return true
	}
	var n int
	if !p.int(&n) {
		return false
	}
	*v = &n
	return true
}

func (p *jsonParser) bool(v *bool) bool {
	switch {
	case p.lit("true"):
		*v = true
	case p.lit("false"):
		*v = false
	default:
		return false
	}
	return true
}

// segments reads an array of segment results, or null.
func (p *jsonParser) segments(v *[]segmentJSON) bool {
	if p.lit("null") {
		*v = nil
		return true
	}
	if !p.next('[') {
		return false
	}
	out := make([]segmentJSON, 0, 16)
	if p.next(']') {
		*v = out
		return true
	}
	for {
		var sg segmentJSON
		var seen [7]bool
		ok := p.object(func(key []byte) bool {
			i := -1
			switch string(key) {
			case "index":
				i = 0
			case "kind":
				i = 1
			case "pose":
				i = 2
			case "side":
				i = 3
			case "planned_ms":
				i = 4
			case "held_ms":
				i = 5
			case "skipped":
				i = 6
			}
			if i < 0 || seen[i] {
				return false
			}
			seen[i] = true
			switch i {
			case 0:
				return p.int(&sg.Index)
			case 1:
				return p.str(&sg.Kind)
			case 2:
				return p.str(&sg.Pose)
			case 3:
				return p.str(&sg.Side)
			case 4:
				return p.int64(&sg.PlannedMS)
			case 5:
				return p.int64(&sg.HeldMS)
			}
			return p.bool(&sg.Skipped)
		})
		if !ok {
			return false
		}
		out = append(out, sg)
		if p.next(']') {
			*v = out
			return true
		}
		if !p.next(',') {
			return false
		}
	}
}

// writeSession answers with a session as writeJSON(w, code, toJSON(x))
// would, byte for byte.
func writeSession(w http.ResponseWriter, code int, x sessionJSON) {
	buf := getBuffer()
	defer putBuffer(buf)
	b := appendSession(buf.AvailableBuffer(), x)
	h := w.Header()
	h["Content-Type"] = jsonType
	h["Cache-Control"] = noStore
	w.WriteHeader(code)
	_, _ = w.Write(b)
}

var (
	jsonType = []string{"application/json"}
	noStore  = []string{"no-store"}
)

// appendSession appends x as json.Encoder writes it, newline included.
func appendSession(b []byte, x sessionJSON) []byte {
	b = append(b, `{"id":`...)
	b = appendString(b, x.ID)
	b = append(b, `,"routine_id":`...)
	b = appendString(b, x.RoutineID)
	b = append(b, `,"routine_name":`...)
	b = appendString(b, x.RoutineName)
	b = append(b, `,"started_at":`...)
	b = appendTime(b, x.StartedAt)
	if x.EndedAt != nil {
		b = append(b, `,"ended_at":`...)
		b = appendTime(b, *x.EndedAt)
	}
	b = append(b, `,"status":`...)
	b = appendString(b, x.Status)
	b = append(b, `,"segments":`...)
	if x.Segments == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, sg := range x.Segments {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"index":`...)
			b = strconv.AppendInt(b, int64(sg.Index), 10)
			b = append(b, `,"kind":`...)
			b = appendString(b, sg.Kind)
			if sg.Pose != "" {
				b = append(b, `,"pose":`...)
				b = appendString(b, sg.Pose)
			}
			if sg.Side != "" {
				b = append(b, `,"side":`...)
				b = appendString(b, sg.Side)
			}
			b = append(b, `,"planned_ms":`...)
			b = strconv.AppendInt(b, sg.PlannedMS, 10)
			b = append(b, `,"held_ms":`...)
			b = strconv.AppendInt(b, sg.HeldMS, 10)
			b = append(b, `,"skipped":`...)
			b = strconv.AppendBool(b, sg.Skipped)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	for _, f := range []struct {
		key string
		v   *int
	}{{`,"pain_before":`, x.PainBefore}, {`,"pain_after":`, x.PainAfter}, {`,"intensity":`, x.Intensity}} {
		b = append(b, f.key...)
		if f.v == nil {
			b = append(b, "null"...)
		} else {
			b = strconv.AppendInt(b, int64(*f.v), 10)
		}
	}
	b = append(b, `,"note":`...)
	b = appendString(b, x.Note)
	return append(b, "}\n"...)
}

// appendString appends s quoted as encoding/json quotes it: plain ASCII
// directly, anything else through encoding/json itself.
func appendString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			q, _ := json.Marshal(s) // a string always marshals
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// appendTime appends t as time.Time.MarshalJSON writes it.
func appendTime(b []byte, t time.Time) []byte {
	if y := t.Year(); y < 0 || y > 9999 {
		q, _ := json.Marshal(t) // fails as encoding/json would; never for a saved session
		return append(b, q...)
	}
	b = append(b, '"')
	b = t.AppendFormat(b, time.RFC3339Nano)
	return append(b, '"')
}

// isJSON reports whether the request says its body is JSON.
func isJSON(r *http.Request) bool {
	return strings.HasPrefix(r.Header.Get("Content-Type"), "application/json")
}

// decodeFrom is decode's reading, for a body already read.
func decodeFrom(body io.Reader, v any) error {
	return decodeJSON(json.NewDecoder(body), v)
}
