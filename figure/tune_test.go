package figure

import (
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"

	"backcare"
	"backcare/catalog"
)

var tune = flag.String("tune", "", "print, for the named built-in pose, how high above the floor each resting part and joint is (cm for a person 1.70 m tall)")

var tunePNG = flag.String("tune-png", "", "with -tune, also draw each frame of the pose as a PNG in this folder, even while the check still fails")

// TestTune is a tool for authors, not a check: go test ./figure -run TestTune -tune zombie-crawl -v
func TestTune(t *testing.T) {
	if *tune == "" {
		t.Skip("give -tune POSE-ID")
	}
	cat := catalog.Builtin()
	p, err := cat.Pose(*tune)
	if err != nil {
		t.Fatal(err)
	}
	s, err := Place(p.Figure)
	if err != nil {
		t.Fatal(err)
	}
	// A movement's end too, its lines marked "end".
	for i, fr := range Frames(p.Figure) {
		if i == 0 {
			continue
		}
		e, err := Place(fr)
		if err != nil {
			t.Fatal(err)
		}
		for _, j := range sortedKeys(e.Body.Joints) {
			v := e.Body.Joints[j]
			fmt.Printf("end joint %-16s x %6.1f y %6.1f z %6.1f\n", j, v.X*170, v.Y*170, v.Z*170)
		}
	}
	for _, part := range sortedKeys(p.Figure.Rests) {
		for _, m := range bodyParts[part] {
			low := math.Inf(1)
			for _, b := range s.Body.blobs(m) {
				low = min(low, b.p.Y-b.r)
			}
			fmt.Printf("rest %-10s %-24s lowest %6.1f cm\n", part, memberName(part, m), low*170)
		}
	}
	for _, j := range sortedKeys(s.Body.Joints) {
		v := s.Body.Joints[j]
		fmt.Printf("joint %-16s x %6.1f y %6.1f z %6.1f\n", j, v.X*170, v.Y*170, v.Z*170)
	}
	for _, pr := range s.props {
		fmt.Printf("prop %s top %.1f cm plane %.1f boxes %.2f\n", pr.name, pr.top*170, pr.plane*170, pr.boxes)
	}
	if err := s.check(); err != nil {
		fmt.Println(err)
	}
	if *tunePNG == "" {
		return
	}
	for i, fr := range Frames(p.Figure) {
		sc, err := Place(fr)
		if err != nil {
			t.Fatal(err)
		}
		// At full size and at about the size the chart prints it, as
		// bench/contact-sheet.sh draws them.
		for _, size := range []struct {
			suffix string
			w, h   int
		}{{"", 480, 360}, {"-chart", 260, 200}} {
			name := filepath.Join(*tunePNG, fmt.Sprintf("%s-%d%s.png", p.ID, i+1, size.suffix))
			f, err := os.Create(name)
			if err != nil {
				t.Fatal(err)
			}
			if err := sc.Drawing(backcare.Right).PNG(f, size.w, size.h); err != nil {
				t.Fatal(err)
			}
			if err := f.Close(); err != nil {
				t.Fatal(err)
			}
			fmt.Println("wrote", name)
		}
	}
}
