package sqlite

import (
	"encoding/json"
	"strconv"
	"time"

	"backcare"
)

// The sessions.segments column: a session's per-segment results as a JSON
// array, one object a segment, with the keys migration 2 writes:
//
//	[{"index":0,"kind":"prepare","pose":"cat-cow","side":"","planned_ms":15000,"held_ms":15000,"skipped":false}]
//
// Progress is saved at every segment change, and each save reads the
// session and writes it back, so the column is read and written far more
// than anything else. encoding/json spends most of its time on
// reflection here; these functions write and read that one exact form
// directly, and hand anything else (an escaped character, another key
// order) to encoding/json, so what they accept and produce is always
// what encoding/json would.

// segmentJSON is one segment result in the column.
type segmentJSON struct {
	Index     int    `json:"index"`
	Kind      string `json:"kind"`
	Pose      string `json:"pose"`
	Side      string `json:"side"`
	PlannedMS int64  `json:"planned_ms"`
	HeldMS    int64  `json:"held_ms"`
	Skipped   bool   `json:"skipped"`
}

// encodeSegments writes segs as json.Marshal writes []segmentJSON.
func encodeSegments(segs []backcare.SegmentResult) (string, error) {
	b := make([]byte, 0, 160*len(segs)+2)
	b = append(b, '[')
	for i, r := range segs {
		if !plain(r.Kind) || !plain(r.PoseID) || !plain(string(r.Side)) {
			return encodeSegmentsJSON(segs)
		}
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"index":`...)
		b = strconv.AppendInt(b, int64(r.Index), 10)
		b = append(b, `,"kind":"`...)
		b = append(b, r.Kind...)
		b = append(b, `","pose":"`...)
		b = append(b, r.PoseID...)
		b = append(b, `","side":"`...)
		b = append(b, r.Side...)
		b = append(b, `","planned_ms":`...)
		b = strconv.AppendInt(b, r.Planned.Milliseconds(), 10)
		b = append(b, `,"held_ms":`...)
		b = strconv.AppendInt(b, r.Held.Milliseconds(), 10)
		b = append(b, `,"skipped":`...)
		b = strconv.AppendBool(b, r.Skipped)
		b = append(b, '}')
	}
	b = append(b, ']')
	return string(b), nil
}

// plain reports whether encoding/json writes s between quotes as it is:
// printable ASCII other than the quote, the backslash and the characters
// it escapes for HTML.
func plain(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			return false
		}
	}
	return true
}

func encodeSegmentsJSON(segs []backcare.SegmentResult) (string, error) {
	out := make([]segmentJSON, len(segs))
	for i, r := range segs {
		out[i] = segmentJSON{Index: r.Index, Kind: r.Kind, Pose: r.PoseID, Side: string(r.Side),
			PlannedMS: r.Planned.Milliseconds(), HeldMS: r.Held.Milliseconds(), Skipped: r.Skipped}
	}
	b, err := json.Marshal(out)
	return string(b), err
}

// decodeSegments reads the column.
func decodeSegments(data []byte) ([]backcare.SegmentResult, error) {
	if out, ok := parseSegments(data); ok {
		return out, nil
	}
	var in []segmentJSON
	if err := json.Unmarshal(data, &in); err != nil {
		return nil, err
	}
	out := make([]backcare.SegmentResult, len(in))
	for i, r := range in {
		out[i] = segment(r.Index, r.Kind, r.Pose, r.Side, r.PlannedMS, r.HeldMS, r.Skipped)
	}
	return out, nil
}

func segment(index int, kind, pose, side string, planned, held int64, skipped bool) backcare.SegmentResult {
	return backcare.SegmentResult{Index: index, Kind: kind, PoseID: pose, Side: backcare.Side(side),
		Planned: time.Duration(planned) * time.Millisecond, Held: time.Duration(held) * time.Millisecond, Skipped: skipped}
}

// parseSegments reads the exact form encodeSegments writes; ok is false
// for anything else.
func parseSegments(data []byte) (out []backcare.SegmentResult, ok bool) {
	p := segParser{b: data}
	if !p.lit("[") {
		return nil, false
	}
	out = []backcare.SegmentResult{}
	if p.lit("]") {
		return out, p.i == len(p.b)
	}
	// Kinds, poses and sides repeat from segment to segment: one string
	// each.
	strs := map[string]string{}
	for {
		var (
			index, planned, held int64
			kind, pose, side     string
			skipped              bool
		)
		ok := p.lit(`{"index":`) && p.int(&index) &&
			p.lit(`,"kind":`) && p.str(&kind, strs) &&
			p.lit(`,"pose":`) && p.str(&pose, strs) &&
			p.lit(`,"side":`) && p.str(&side, strs) &&
			p.lit(`,"planned_ms":`) && p.int(&planned) &&
			p.lit(`,"held_ms":`) && p.int(&held) &&
			p.lit(`,"skipped":`) && p.bool(&skipped) && p.lit("}")
		if !ok || int64(int(index)) != index {
			return nil, false
		}
		out = append(out, segment(int(index), kind, pose, side, planned, held, skipped))
		if p.lit("]") {
			return out, p.i == len(p.b)
		}
		if !p.lit(",") {
			return nil, false
		}
	}
}

type segParser struct {
	b []byte
	i int
}

func (p *segParser) lit(s string) bool {
	if len(p.b)-p.i < len(s) || string(p.b[p.i:p.i+len(s)]) != s {
		return false
	}
	p.i += len(s)
	return true
}

// int reads an integer as encoding/json writes one: an optional minus,
// then digits without a leading zero.
func (p *segParser) int(v *int64) bool {
	j := p.i
	if j < len(p.b) && p.b[j] == '-' {
		j++
	}
	start := j
	for j < len(p.b) && p.b[j] >= '0' && p.b[j] <= '9' {
		j++
	}
	if j == start || (p.b[start] == '0' && j-start > 1) {
		return false
	}
	n, err := strconv.ParseInt(string(p.b[p.i:j]), 10, 64)
	if err != nil {
		return false
	}
	*v, p.i = n, j
	return true
}

// str reads a string of plain characters only.
func (p *segParser) str(v *string, strs map[string]string) bool {
	if p.i >= len(p.b) || p.b[p.i] != '"' {
		return false
	}
	j := p.i + 1
	for j < len(p.b) && p.b[j] != '"' {
		if c := p.b[j]; c < 0x20 || c >= 0x7f || c == '\\' {
			return false
		}
		j++
	}
	if j == len(p.b) {
		return false
	}
	raw := p.b[p.i+1 : j]
	s, ok := strs[string(raw)]
	if !ok {
		s = string(raw)
		strs[s] = s
	}
	*v, p.i = s, j+1
	return true
}

func (p *segParser) bool(v *bool) bool {
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
