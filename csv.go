package backcare

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"
)

// CSVHeader names the columns of WriteCSV, one row per session.
var CSVHeader = []string{
	"id", "date", "time", "started_at_utc", "ended_at_utc", "routine_id", "routine",
	"status", "minutes_held", "holds", "holds_skipped",
	"pain_before", "pain_after", "pain_change", "stretch_intensity", "note",
}

// WriteCSV writes one row per session, in the order given, for spreadsheets: the
// local date and time in loc beside the exact UTC times, minutes held, and
// the pain before and after (empty where not asked). It is for reading, not
// for importing back: the JSON archive is the lossless form.
func WriteCSV(w io.Writer, sessions []SessionSummary, loc *time.Location) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	return writeCSVRows(cw, sessions, loc)
}

func writeCSVRows(cw *csv.Writer, rows []SessionSummary, loc *time.Location) error {
	for _, s := range rows {
		start := s.StartedAt.In(loc)
		change := ""
		if s.PainBefore != nil && s.PainAfter != nil {
			change = strconv.Itoa(*s.PainAfter - *s.PainBefore)
		}
		rec := []string{
			s.ID, start.Format("2006-01-02"), start.Format("15:04"),
			fmtTime(s.StartedAt), fmtTime(s.EndedAt), s.RoutineID, cell(s.RoutineName),
			string(s.Status), strconv.FormatFloat(s.Held.Minutes(), 'f', 1, 64),
			strconv.Itoa(s.Holds), strconv.Itoa(s.Skipped),
			optInt(s.PainBefore), optInt(s.PainAfter), change, optInt(s.Intensity), cell(s.Note),
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func optInt(v *int) string {
	if v == nil {
		return ""
	}
	return strconv.Itoa(*v)
}

// cell keeps a spreadsheet from running free text as a formula (a note that
// starts with "=" or "+"), the usual guard against CSV injection.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
