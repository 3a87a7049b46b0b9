package pdf

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"backcare"
	"backcare/catalog"
	"backcare/figure"
)

func sansFont(t *testing.T) *ttFont {
	t.Helper()
	f, err := sans()
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func boldFont(t *testing.T) *ttFont {
	t.Helper()
	f, err := sansBold()
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestFontMetrics checks the font against golang.org/x/image's own reading
// of it.
func TestFontMetrics(t *testing.T) {
	for _, f := range []*ttFont{sansFont(t), boldFont(t)} {
		t.Run(f.name, func(t *testing.T) { fontMetrics(t, f) })
	}
}

func fontMetrics(t *testing.T, f *ttFont) {
	ref, err := sfnt.Parse(f.data)
	if err != nil {
		t.Fatal(err)
	}
	var buf sfnt.Buffer
	for _, r := range "AZaz09 -·–é€ЖΩ" {
		want, err := ref.GlyphIndex(&buf, r)
		if err != nil {
			t.Fatal(err)
		}
		if got := f.glyph(r); got != uint16(want) {
			t.Errorf("glyph(%q) = %d, want %d", r, got, want)
		}
		adv, err := ref.GlyphAdvance(&buf, want, fixed.I(f.unitsPerEm), font.HintingNone)
		if err != nil {
			t.Fatal(err)
		}
		if got := f.width(uint16(want)); got != float64(adv.Round())*1000/float64(f.unitsPerEm) {
			t.Errorf("width(%q) = %v, want %v", r, got, float64(adv.Round())*1000/float64(f.unitsPerEm))
		}
	}
	if f.glyph('-') == f.glyph('–') {
		t.Error("the hyphen and the en dash are the same glyph")
	}
	if g := f.glyph('\U0001F600'); g != 0 {
		t.Errorf("glyph(emoji) = %d, want 0 (the missing-glyph box)", g)
	}
}

// TestFontSubset checks that a subset is a sound font with the glyphs
// used, composite ones with their parts, and no others.
func TestFontSubset(t *testing.T) {
	f := sansFont(t)
	used := make([]bool, len(f.advance))
	for _, r := range "Aé" {
		used[f.glyph(r)] = true
	}
	sub := f.subset(used)
	if len(sub) > len(f.data)/3 {
		t.Errorf("subset of 2 glyphs = %d bytes, want far less than the font's %d", len(sub), len(f.data))
	}
	if checksum(sub) != 0xB1B0AFBA {
		t.Errorf("subset checksum = %#x, want 0xB1B0AFBA (the sum a font's whole file must have)", checksum(sub))
	}
	sf, err := sfnt.Parse(sub)
	if err != nil {
		t.Fatalf("the subset does not parse: %v", err)
	}
	var buf sfnt.Buffer
	outline := func(r rune) int {
		g := sfnt.GlyphIndex(f.glyph(r))
		segs, err := sf.LoadGlyph(&buf, g, fixed.I(1000), nil)
		if err != nil {
			t.Fatalf("LoadGlyph(%q) in the subset: %v", r, err)
		}
		return len(segs)
	}
	for _, r := range "Aé" {
		if outline(r) == 0 {
			t.Errorf("%q has no outline in the subset", r)
		}
	}
	if n := outline('Z'); n != 0 {
		t.Errorf("Z has %d segments in a subset without it, want 0", n)
	}
}

func TestTextString(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Lower back relief", "(Lower back relief)"},
		{`a (b) c\d`, `(a \(b\) c\\d)`},
		{"Zürich · 5/10", "<FEFF005A00FC0072006900630068002000B700200035002F00310030>"},
		{"", "()"},
	}
	for _, tt := range tests {
		if got := textString(tt.in); got != tt.want {
			t.Errorf("textString(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// TestDocumentStructure checks, without any PDF reader, that every object
// the cross-reference table lists starts where it says, that each page's
// graphics states balance, and that every character drawn can be read
// back through the ToUnicode map.
func TestDocumentStructure(t *testing.T) {
	cat := catalog.Builtin()
	r, err := cat.Routine(catalog.DefaultRoutine)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := Chart(&out, r, Options{}); err != nil {
		t.Fatal(err)
	}
	b := out.Bytes()
	m := regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n$`).FindSubmatch(b)
	if m == nil {
		t.Fatal("no startxref at the end")
	}
	xref, _ := strconv.Atoi(string(m[1]))
	if !bytes.HasPrefix(b[xref:], []byte("xref\n0 ")) {
		t.Fatalf("startxref %d does not point at the xref table", xref)
	}
	lines := strings.Split(string(b[xref:]), "\n")
	n, _ := strconv.Atoi(strings.Fields(lines[1])[1])
	for i := 1; i < n; i++ {
		off, _ := strconv.Atoi(lines[2+i][:10])
		if want := fmt.Sprintf("%d 0 obj\n", i); !bytes.HasPrefix(b[off:], []byte(want)) {
			t.Errorf("object %d: xref offset %d points at %q", i, off, b[off:min(off+12, len(b))])
		}
	}

	// Build the document again to read its page content unpacked.
	c, err := layOut(r, Options{})
	if err != nil {
		t.Fatal(err)
	}
	page := c.doc.pages[0].String()
	var q, Q int
	for _, l := range strings.Split(page, "\n") {
		switch l {
		case "q":
			q++
		case "Q":
			Q++
		}
	}
	if q != Q || q == 0 {
		t.Errorf("page saves the graphics state %d times and restores it %d times, want the same, more than 0", q, Q)
	}
	if !strings.Contains(page, "W* n") {
		t.Error("the figures' gaps are not clipped to outside the props (no W* n)")
	}
	// The pose names are bold, the dose regular... both read back.
	for i, text := range []string{"Hip-width Zombie Crawl·5/10", "Zombie Crawl"} {
		fo := c.doc.fonts[i]
		cmap := string(toUnicode(fo, c.doc.used[i]))
		for _, r := range text {
			if !c.doc.used[i][fo.glyph(r)] {
				continue
			}
			g := fo.glyph(r)
			want := fmt.Sprintf("<%04X> <%04X>", g, r)
			if !strings.Contains(cmap, want) {
				t.Errorf("%s: ToUnicode lacks %s for %q", fo.name, want, r)
			}
		}
	}
}

// TestChartFigureSizes checks, from the layout's own numbers, that every
// picture is drawn at least twice as large as before issue 13, in scale
// and in height on paper: the article's routine on one page of A4 and of
// Letter, and every built-in pose in a chart of several pages.
func TestChartFigureSizes(t *testing.T) {
	cat := catalog.Builtin()
	article, err := cat.Routine(catalog.DefaultRoutine)
	if err != nil {
		t.Fatal(err)
	}
	every := backcare.Routine{ID: "everything", Name: "Every pose", Purpose: "All the built-in poses."}
	for _, p := range cat.Poses() {
		every.Entries = append(every.Entries, backcare.Entry{Pose: p, Dose: p.Dose})
	}
	tests := []struct {
		name  string
		r     backcare.Routine
		paper string
		pages int // 0: any
	}{
		{"article on A4", article, "a4", 1},
		{"article on Letter", article, "letter", 1},
		{"every pose on A4", every, "a4", 0},
		{"every pose on Letter", every, "letter", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := layOut(tt.r, Options{Paper: tt.paper})
			if err != nil {
				t.Fatal(err)
			}
			if n := c.doc.pageCount(); tt.pages > 0 && n != tt.pages {
				t.Errorf("pages = %d, want %d", n, tt.pages)
			}
			if len(c.placed) != len(tt.r.Entries) {
				t.Fatalf("pictures placed = %d, want %d", len(c.placed), len(tt.r.Entries))
			}
			for _, p := range c.placed {
				old, ok := oldSizes[p.id]
				if !ok {
					// A pose added since: the scale the old chart would have
					// drawn today's figure at, the whole drawing in its box.
					old.scale = min(oldBoxW/(p.w/p.scale), oldBoxH/(p.h/p.scale))
					old.h = p.h / p.scale * old.scale
				}
				t.Logf("%-30s scale %5.1f -> %5.1f (x%.2f)  height %5.1f -> %5.1f mm (x%.2f)  page %d wide %v feel %v",
					p.id, old.scale, p.scale, p.scale/old.scale, old.h, p.h, p.h/old.h, p.row.page, p.wide, p.feel)
				if p.h < 2*old.h-0.05 {
					t.Errorf("%s: picture %.1f mm tall, want at least %.1f (twice %.1f)", p.id, p.h, 2*old.h, old.h)
				}
				if p.scale < 2*old.scale-0.05 {
					t.Errorf("%s: scale %.1f mm per standing height, want at least %.1f (twice %.1f)", p.id, p.scale, 2*old.scale, old.scale)
				}
				if p.panel.w > c.doc.w-2*c.mx+0.01 || p.panel.h > figMaxH+0.01 {
					t.Errorf("%s: panel %.1f x %.1f mm, want within %.1f x %.1f", p.id, p.panel.w, p.panel.h, c.doc.w-2*c.mx, figMaxH)
				}
			}
		})
	}
}

// TestHighlightsPaintedAsOne checks that a figure's run of highlight
// shapes is painted as one translucent fill: painted shape by shape, the
// Glute Bridge's two buttocks and a lunge's hip showed a darker lens on
// the chart where two overlap (a fresh reviewer), where the PNG, which
// paints a run as one, showed none.
func TestHighlightsPaintedAsOne(t *testing.T) {
	f, err := sans()
	if err != nil {
		t.Fatal(err)
	}
	p, err := catalog.Builtin().Pose("glute-bridge")
	if err != nil {
		t.Fatal(err)
	}
	dr, err := figure.Draw(p.Figure, "")
	if err != nil {
		t.Fatal(err)
	}
	runs, shapes := 0, 0
	for i, sh := range dr.Shapes {
		if sh.Class == figure.Highlight {
			shapes++
			if i == 0 || dr.Shapes[i-1].Class != figure.Highlight {
				runs++
			}
		}
	}
	if shapes < 2 {
		t.Fatalf("the glute bridge has %d highlight shapes, want several for this test", shapes)
	}
	c := &chart{doc: newDoc(210, 297, f, nil)}
	c.doc.addPage()
	c.figure(dr, 10, 10, 100, 80)
	hl := figure.Paper.Highlight
	fill := fmt.Sprintf("%s %s %s rg", num(float64(hl.R)/255), num(float64(hl.G)/255), num(float64(hl.B)/255))
	if n := strings.Count(c.doc.cur.String(), fill); n != runs {
		t.Errorf("the highlight colour is set %d times for %d runs of %d highlight shapes, want once a run", n, runs, shapes)
	}
}
