// Reads an iCalendar file on stdin with ical.js, an independent parser
// (https://github.com/kewisch/ical.js), registers its VTIMEZONEs and
// prints every event's occurrences as UTC instants, as JSON. The Go test
// calendar_test.go runs it; argv[2] is the folder of the ical.js package.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const dir = process.argv[2];
const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
const ICAL = (await import(pathToFileURL(path.join(dir, pkg.main)).href)).default;

const text = fs.readFileSync(0, "utf8");
const cal = new ICAL.Component(ICAL.parse(text));

// The times must come from the file's own VTIMEZONE, not from a zone
// database: register each one, so that a wrong VTIMEZONE gives wrong times.
const zones = [];
for (const vtz of cal.getAllSubcomponents("vtimezone")) {
  const tz = new ICAL.Timezone(vtz);
  ICAL.TimezoneService.register(tz, tz.tzid);
  zones.push(tz.tzid);
}

const out = { version: cal.getFirstPropertyValue("version"), zones, events: [] };
for (const vevent of cal.getAllSubcomponents("vevent")) {
  const ev = new ICAL.Event(vevent);
  const it = ev.iterator();
  const occurrences = [];
  for (let next = it.next(); next && occurrences.length < 1000; next = it.next()) {
    occurrences.push(next.toJSDate().toISOString().replace(".000Z", "Z"));
  }
  const alarms = vevent.getAllSubcomponents("valarm").map((a) => ({
    action: a.getFirstPropertyValue("action"),
    trigger: a.getFirstPropertyValue("trigger").toSeconds(),
  }));
  out.events.push({
    uid: ev.uid,
    summary: ev.summary,
    zone: ev.startDate.zone ? ev.startDate.zone.tzid : "",
    duration: ev.duration.toSeconds(),
    occurrences,
    alarms,
  });
}
process.stdout.write(JSON.stringify(out));
