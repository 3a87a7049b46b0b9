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
	f, bold := sansFont(t), boldFont(t)
	c := &chart{r: r, o: Options{}}
	c.doc = newDoc(210, 297, f, bold)
	c.setup()
	c.footerLines()
	c.header()
	for i, e := range r.Entries {
		side := backcare.NoSide
		if e.Pose.Sided {
			side = backcare.Right
		}
		d, err := figure.Draw(e.Pose.Figure, side)
		if err != nil {
			t.Fatal(err)
		}
		c.pose(i, e, d, figScale)
	}
	c.footers()
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

// TestChartFigureSizes checks how large the article's chart draws its
// figures, on one page of A4 and of Letter: at least 42 mm per person's
// height (the chart before drew 32 mm for the lunge, 30 for the crawl, 47
// for the hinge), and the zombie crawl's body at least 8 mm tall on A4,
// 6 on the shorter Letter, where it was about 4.
func TestChartFigureSizes(t *testing.T) {
	r, err := catalog.Builtin().Routine(catalog.DefaultRoutine)
	if err != nil {
		t.Fatal(err)
	}
	for _, paper := range Papers {
		t.Run(paper, func(t *testing.T) {
			ps, _ := paperSize(paper)
			c := &chart{r: r}
			c.doc = newDoc(ps[0], ps[1], sansFont(t), boldFont(t))
			c.setup()
			c.footerLines()
			c.header()
			var ds []*figure.Drawing
			for _, e := range r.Entries {
				d, err := figure.Draw(e.Pose.Figure, backcare.Right)
				if err != nil {
					t.Fatal(err)
				}
				ds = append(ds, d)
			}
			limit := c.figureLimit(ds)
			for i, e := range r.Entries {
				l := c.plan(e, ds[i], limit)
				t.Logf("%s: %.0f mm per person's height, beside %v", e.Pose.ID, l.scale, l.beside)
				if l.scale < 42 {
					t.Errorf("%s: drawn at %.0f mm per person's height, want at least 42", e.Pose.ID, l.scale)
				}
				if e.Pose.ID == "zombie-crawl" {
					var body float64
					for _, sh := range ds[i].Shapes {
						if sh.Part == "trunk" {
							for _, p := range sh.Points {
								body = max(body, p.Y+trunkWidth/2)
							}
						}
					}
					want := 8.0
					if paper == "letter" {
						want = 6
					}
					t.Logf("zombie crawl: body %.1f mm tall", body*l.scale)
					if mm := body * l.scale; mm < want {
						t.Errorf("zombie crawl: body %.1f mm tall, want at least %.0f", mm, want)
					}
				}
			}
			for i, e := range r.Entries {
				c.pose(i, e, ds[i], limit)
			}
			c.tickSheet()
			if n := c.doc.pageCount(); n != 1 {
				t.Errorf("pages = %d, want 1", n)
			}
		})
	}
}

// trunkWidth is the drawn thickness of the trunk, in units of height.
const trunkWidth = 0.12

// TestColumns checks how the steps under a wide figure split between two
// columns: whole steps, in order, and the line counts pose needs to leave
// room for the taller column (the pelvic tilt's three steps, 2, 3 and 2
// lines long, once ran their last step into the "you should feel" line).
func TestColumns(t *testing.T) {
	tests := []struct {
		lines       []int
		left, right int
	}{
		{[]int{2, 3, 2}, 2, 5},
		{[]int{1, 1, 1, 1}, 2, 2},
		{[]int{3, 1}, 3, 1},
		{[]int{1, 4}, 1, 4},
		{[]int{2}, 2, 0},
		{[]int{2, 2, 2, 2}, 4, 4},
	}
	for _, tt := range tests {
		steps := make([][][]run, len(tt.lines))
		for i, n := range tt.lines {
			steps[i] = make([][]run, n)
		}
		c := &chart{}
		if l, r := c.columns(steps); l != tt.left || r != tt.right {
			t.Errorf("columns(%v) = %d, %d; want %d, %d", tt.lines, l, r, tt.left, tt.right)
		}
	}
}
