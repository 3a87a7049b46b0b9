package safety

// This file holds every safety rule of backcare, with its source, so that a
// clinician can audit them in one place: the red-flag questions and the
// verdict each leads to, what each verdict tells the person to do, when the
// questions are asked, how a clinician's clearance works, and the stop
// rules during a session. The logic that applies them (safety.go) holds no
// facts of its own.
//
// Sources:
//   [NG59]  NICE guideline NG59, Low back pain and sciatica in over 16s:
//           assessment and management (2016, updated 2020).
//   [CKS]   NICE Clinical Knowledge Summaries, Back pain - low (without
//           radiculopathy): red flags for serious underlying causes.
//   [NHS]   NHS pathways and nhs.uk: cauda equina syndrome; back pain.
//   [CLIN]  backcare's shared/CLINICAL.md, which collects the above.
//   [BC]    backcare's own product decision, stated as such.
//
// The wording is backcare's own. Many red flags are common in people whose
// back pain is harmless, so the words inform and direct; they do not alarm.

import (
	"time"

	"backcare"
)

// Question is one red-flag question.
type Question struct {
	// ID is the stable key under which the answer is saved; never reuse or
	// rename one, or old screenings would lose their meaning.
	ID string
	// Text is the question as the person reads it; the answer is yes or no.
	Text string
	// Why says in one plain sentence why backcare asks.
	Why string
	// Level is the verdict a "yes" leads to: Urgent or Doctor.
	Level backcare.Verdict
	// Lasting marks a fact that stays true once a clinician has looked at
	// it (a past cancer, the injury the pain began with). A clinician's
	// clearance of a lasting answer carries over to later screenings; a
	// changing one (a fever, weight loss) needs a fresh look each time.
	Lasting bool
	// Source names where the rule comes from.
	Source string
}

// questions are the red-flag questions, urgent ones first, in the order
// they are asked.
var questions = []Question{
	// Urgent: possible cauda equina syndrome, same-day emergency care
	// [CLIN] [NG59] [CKS] [NHS].
	{
		ID:     "bladder",
		Text:   "Since your back pain began, have you had new trouble passing urine, or leaked urine without meaning to?",
		Why:    "Rarely, back pain comes with pressure on the nerves that control the bladder, and that needs checking the same day.",
		Level:  backcare.Urgent,
		Source: "CLINICAL.md red flags (urgent); NICE CKS low back pain red flags; NHS cauda equina syndrome",
	},
	{
		ID:     "bowel",
		Text:   "Have you had new trouble controlling your bowels?",
		Why:    "The same nerves control the bowel; a new change there with back pain needs checking the same day.",
		Level:  backcare.Urgent,
		Source: "CLINICAL.md red flags (urgent); NICE CKS low back pain red flags; NHS cauda equina syndrome",
	},
	{
		ID:     "saddle",
		Text:   "Do you have numbness or tingling between your legs, around your bottom or your genitals (the area that would touch a bike saddle)?",
		Why:    "Numbness in this area can be a sign of nerve pressure at the base of the spine.",
		Level:  backcare.Urgent,
		Source: "CLINICAL.md red flags (urgent); NICE CKS low back pain red flags; NHS cauda equina syndrome",
	},
	{
		ID:     "legs",
		Text:   "Is weakness or numbness in one or both legs severe or getting worse, or has walking newly become hard?",
		Why:    "Leg weakness that is severe or growing can mean a nerve is being squeezed, which a doctor should see the same day.",
		Level:  backcare.Urgent,
		Source: "CLINICAL.md red flags (urgent); NICE CKS low back pain red flags; NHS cauda equina syndrome",
	},

	// See a doctor before starting or continuing exercise [CLIN] [NG59] [CKS].
	{
		ID:      "injury",
		Text:    "Did this pain start after a serious injury or accident, such as a fall, a car crash or a hard knock playing sport?",
		Why:     "After a big knock, a doctor should rule out an injury to the bones before you exercise.",
		Level:   backcare.Doctor,
		Lasting: true,
		Source:  "CLINICAL.md red flags (see a doctor): serious injury; NICE CKS (fracture)",
	},
	{
		ID:      "fragile-bones",
		Text:    "Did it start after a small fall or strain, and do you have thin bones (osteoporosis) or take steroid tablets long-term?",
		Why:     "When bones are fragile, even a small bump can crack one, and that is worth checking.",
		Level:   backcare.Doctor,
		Lasting: true,
		Source:  "CLINICAL.md red flags (see a doctor): minor injury with osteoporosis or long-term steroids; NICE CKS (fracture)",
	},
	{
		ID:      "cancer",
		Text:    "Have you ever had cancer?",
		Why:     "With a past cancer, new back pain deserves a doctor's look, even though it usually has an ordinary cause.",
		Level:   backcare.Doctor,
		Lasting: true,
		Source:  "CLINICAL.md red flags (see a doctor): history of cancer; NICE CKS (malignancy)",
	},
	{
		ID:     "weight-loss",
		Text:   "Have you lost weight lately without trying to?",
		Why:    "Weight loss you can't explain is worth mentioning to a doctor, especially alongside back pain.",
		Level:  backcare.Doctor,
		Source: "CLINICAL.md red flags (see a doctor): unexplained weight loss; NICE CKS (malignancy)",
	},
	{
		ID:     "unwell",
		Text:   "Along with the back pain, do you have a fever or chills, or do you feel generally unwell?",
		Why:    "Back pain with a fever can, now and then, come from an infection, which a doctor can treat.",
		Level:  backcare.Doctor,
		Source: "CLINICAL.md red flags (see a doctor): fever, chills, feeling unwell; NICE CKS (infection)",
	},
	{
		ID:      "infection-risk",
		Text:    "Is your immune system weakened (by an illness or by medicines), have you ever injected drugs, or have you had a bacterial infection recently?",
		Why:     "Each of these makes an infection near the spine a little more likely, so a doctor should check first.",
		Level:   backcare.Doctor,
		Lasting: false,
		Source:  "CLINICAL.md red flags (see a doctor): weakened immune system, injected drug use, recent bacterial infection; NICE CKS (infection)",
	},
	{
		ID:      "age-onset",
		Text:    "Is this the first time you have ever had back pain, and are you under 20 or over 50?",
		Why:     "Back pain that starts for the first time at these ages is more often worth a doctor's look.",
		Level:   backcare.Doctor,
		Lasting: true,
		Source:  "CLINICAL.md red flags (see a doctor): first onset under 20 or over 50; NICE CKS",
	},
	{
		ID:     "night-pain",
		Text:   "Is the pain there all the time, worse at night or when you rest, and not eased by changing position?",
		Why:    "Most back pain changes as you move; pain that never lets up is worth a doctor's look.",
		Level:  backcare.Doctor,
		Source: "CLINICAL.md red flags (see a doctor): constant, night or rest pain not eased by position; NICE CKS",
	},
	{
		ID:      "leg-pain",
		Text:    "Does pain, numbness or tingling travel down one or both legs, below the knee?",
		Why:     "Pain below the knee can come from an irritated nerve root (sciatica); a clinician can advise which exercises suit it.",
		Level:   backcare.Doctor,
		Lasting: true,
		Source:  "CLINICAL.md red flags (see a doctor): pain or numbness below the knee; NICE NG59 (sciatica)",
	},
	{
		ID:      "not-improving",
		Text:    "Have you been looking after this pain yourself for four to six weeks or more without it getting any better at all?",
		Why:     "Most back pain eases within a few weeks; if yours hasn't, a clinician can look for the reason.",
		Level:   backcare.Doctor,
		Lasting: true,
		Source:  "CLINICAL.md red flags (see a doctor): no improvement after 4-6 weeks of self-care; NICE CKS",
	},
}

// Advice is what a verdict tells the person: a title, a sentence of
// explanation and the steps to take, in order.
type Advice struct {
	Title   string
	Summary string
	Steps   []string
	// Record says what backcare does with sessions once the verdict is
	// saved, and that a clinician's clearance opens them again; empty for
	// a go-ahead. Each interface follows it with how to record the
	// clearance there. It is kept apart from Steps because it is only true
	// once the answers are saved.
	Record string
}

// urgentSafetyNet is the one line every verdict short of Urgent ends with,
// so that a person knows which changes mean "get help today" [NHS].
const urgentSafetyNet = "If you ever get new trouble passing urine or controlling your bowels, numbness between your legs, or leg weakness that is getting worse, get medical help the same day."

// advice is what each verdict says [CLIN] [NG59] [NHS].
var advice = map[backcare.Verdict]Advice{
	backcare.Urgent: {
		Title: "Please get medical help today",
		Summary: "Together with back pain, what you told us can, rarely, mean that nerves at the base of the spine are being squeezed. " +
			"It often turns out to be something else, but it needs checking today, because early care matters.",
		Steps: []string{
			"Go to an emergency department today. If you can't get there, call your local emergency number (for example 999 in the UK, 112 in Europe, 911 in North America).",
			"Tell them you have back pain and which of these signs you noticed.",
			"Please don't do any back exercises until you have been checked.",
		},
		Record: "backcare keeps your sessions paused. Once a clinician has seen you and says exercise is fine, record their clearance in backcare, and your sessions will open again.",
	},
	backcare.Doctor: {
		Title: "Please see a doctor before you carry on",
		Summary: "Some of your answers are worth a doctor's look before you exercise. This is a precaution: " +
			"most people who answer yes to these have ordinary back pain that settles.",
		Steps: []string{
			"Book an appointment with your doctor or a physiotherapist in the next few days, and take your answers with you.",
			"Until then, keep up your everyday activities as far as is comfortable: gentle movement such as walking is good for most backs.",
			urgentSafetyNet,
		},
		Record: "backcare keeps your sessions paused until then. When a clinician tells you exercise is fine for you, record their clearance in backcare, and your sessions will open again.",
	},
	backcare.GoAhead: {
		Title:   "Go ahead, gently",
		Summary: "Nothing you told us needs a doctor before you start.",
		Steps: []string{
			"Keep every stretch at about 5 out of 10 for how strong it feels: a stretch, never pain.",
			"Stop at once if you feel sharp or shooting pain, numbness or tingling.",
			"backcare will ask these questions again in four weeks, or sooner if your pain flares.",
			urgentSafetyNet,
		},
	},
}

// When the questions are asked [CLIN] [DESIGN.md §4; issue 7].
const (
	// ScreenEvery is how long a screening stays current: the questions are
	// asked again every four weeks.
	ScreenEvery = 28 * 24 * time.Hour
	// A flare (pain up 2 or more after a session, or a stop for pain; see
	// measure.Flare) always brings the questions back before the next
	// session [CLIN, habit and progression anchors].
)

// The reasons a screening is asked, as saved in Screening.Reason.
const (
	ReasonFirst    = "first"    // before the first session
	ReasonFlare    = "flare"    // after a flare
	ReasonPeriodic = "periodic" // four weeks since the last
	ReasonManual   = "manual"   // the person chose to answer again
)

// ClearanceStatement is what a person confirms to record a clinician's
// clearance after an Urgent or Doctor verdict [BC: the clearance is the
// person's own statement; backcare cannot check it, so it asks plainly].
const ClearanceStatement = "A doctor, physiotherapist or other clinician has checked my back since I answered these questions, and told me that exercise is fine for me."

// Clearance rules [BC]:
//   - After an Urgent or Doctor verdict, sessions stay closed until the
//     person records a clinician's clearance (Screening.ClearedAt).
//   - After an Urgent verdict, answering the questions again does not
//     reopen sessions by itself: only a recorded clearance, on that
//     screening or a later one, does.
//   - A clearance covers the answers the clinician saw. A later Doctor
//     verdict whose "yes" answers are all Lasting ones that a clinician
//     already cleared needs no new clearance; any other "yes" does.

// StopRule is a sign that ends or eases a session, and what to do.
type StopRule struct {
	ID     string
	Sign   string // what the person notices
	Do     string // what to do
	Source string
}

// stopRules apply during every session [CLIN] [NG59] [NHS] and match the
// stop signs of the catalog's poses.
var stopRules = []StopRule{
	{"sharp", "Sharp, stabbing or shooting pain", "Stop the session. Ease out of the pose slowly and rest in a comfortable position.", "CLINICAL.md; catalog stop signs"},
	{"nerve", "Numbness, tingling or pain spreading down a leg", "Stop the session and rest. If it lasts, or comes back each time, talk to a doctor or physiotherapist.", "CLINICAL.md red flags (pain or numbness below the knee); NICE NG59 (sciatica)"},
	{"building", "Back pain that builds while you hold or repeat", "Ease off to a gentler position. If it keeps building, stop.", "CLINICAL.md (progress only when pain is stable or falling)"},
	{"dizzy", "Feeling dizzy, faint or short of breath", "Stop, sit or lie down, and come up slowly when it has passed.", "catalog stop signs (general exercise safety)"},
	{"urgent", "New trouble passing urine or controlling your bowels, numbness between your legs, or leg weakness", "Stop and get medical help today.", "CLINICAL.md red flags (urgent); NHS cauda equina syndrome"},
}

// afterStop is what a person sees after stopping a session for pain [CLIN].
var afterStop = Advice{
	Title:   "You did the right thing to stop",
	Summary: "Stopping when something hurts is part of the programme, not a failure. It is logged so that the plan can adapt.",
	Steps: []string{
		"Rest in whatever position eases your back, and move gently as it settles.",
		"Before your next session backcare will ask the safety questions again, and your plan will go gentler for a while.",
		"If the pain is severe or doesn't settle over the next few days, talk to a doctor or physiotherapist.",
		urgentSafetyNet,
	},
}

// HighPainFrom is the check-in pain (0-10) from which a player does not
// start the routine without a word: it offers the gentler session or rest,
// and says when to get help [CLIN: stretches at about 5 of 10, never pain;
// NG59: stay active, within what the pain allows].
const HighPainFrom = 8

// highPain is what a person sees when they check in at HighPainFrom or
// more [CLIN] [NG59] [NHS].
var highPain = Advice{
	Title:   "Your back hurts a lot right now",
	Summary: "With pain this strong, today is a day for gentle movement or rest, not the full routine.",
	Steps: []string{
		"The gentler session is the three relief stretches with shorter holds, at about 4 out of 10. Stop if the pain builds.",
		"Or rest today: lie or sit in whatever position eases your back, and move gently as you can, for example a short walk.",
		"If pain this strong lasts more than a few days, keeps getting worse, or stops you sleeping or doing everyday things, see a doctor or physiotherapist.",
		urgentSafetyNet,
	},
}
