package pdf

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"sync"
	"time"
	"unicode/utf16"
)

// doc is a PDF document being drawn: pages of content in millimetres from
// the top left corner, set in embedded TrueType fonts, a regular and a
// bold face (each Identity-H, a subset of the glyphs used, with a
// ToUnicode map so the text can be selected and searched), with vector
// paths and translucent fills.
//
// It writes just the PDF the charts need. A general PDF library parses
// and hashes its font for every document and gives every compressed
// stream a fresh compressor; here the font is parsed once per process and
// compressors are reused, which makes a chart several times faster.
type doc struct {
	w, h   float64   // page size, mm
	fonts  []*ttFont // regular, bold: /F1, /F2
	used   [][]bool  // by font, the glyphs set in the text
	pages  []*bytes.Buffer
	cur    *bytes.Buffer
	curN   int       // the number of the page drawn on, from 1
	alphas []float64 // translucent fills, named /GS1, /GS2, ...
	info   docInfo
	num    []byte // scratch for numbers
	// texts records every piece of text set, where and how large, so
	// that the tests can check the chart's type sizes and that no text
	// overlaps another or runs off its page.
	texts []textMark
}

// textMark is a piece of text as set on a page: its baseline's left end
// and its width in mm, its size in points.
type textMark struct {
	page    int
	x, y, w float64
	size    float64
	bold    bool
	s       string
}

// docInfo is the document's metadata.
type docInfo struct {
	title, subject, author, creator, keywords, lang string
	date                                            time.Time
}

// k converts millimetres to PDF points.
const k = 72 / 25.4

// cellMargin is the space left of and right of text in a cell, mm.
const cellMargin = 1.0

// newDoc starts a document set in a regular and a bold face. With bold nil,
// bold text is set in the regular face.
func newDoc(w, h float64, regular, bold *ttFont) *doc {
	if bold == nil {
		bold = regular
	}
	d := &doc{w: w, h: h, fonts: []*ttFont{regular}}
	if bold != regular {
		d.fonts = append(d.fonts, bold)
	}
	for _, f := range d.fonts {
		d.used = append(d.used, make([]bool, len(f.advance)))
	}
	return d
}

// face returns the index of the font for a style.
func (d *doc) face(bold bool) int {
	if bold && len(d.fonts) > 1 {
		return 1
	}
	return 0
}

func (d *doc) addPage() {
	d.cur = &bytes.Buffer{}
	d.pages = append(d.pages, d.cur)
	d.curN = len(d.pages)
}

// setPage makes page n (from 1) the one drawn on.
func (d *doc) setPage(n int) { d.cur, d.curN = d.pages[n-1], n }

func (d *doc) pageCount() int { return len(d.pages) }

// op writes numbers followed by an operator: op("m", x, y).
func (d *doc) op(operator string, nums ...float64) {
	for _, v := range nums {
		d.num = strconv.AppendFloat(d.num[:0], round2(v), 'f', -1, 64)
		d.cur.Write(d.num)
		d.cur.WriteByte(' ')
	}
	d.cur.WriteString(operator)
	d.cur.WriteByte('\n')
}

// round2 keeps two decimals, as much as print needs (1/7200 inch).
func round2(v float64) float64 {
	r := math.Round(v*100) / 100
	if r == 0 {
		return 0 // never "-0"
	}
	return r
}

func (d *doc) px(x float64) float64 { return x * k }
func (d *doc) py(y float64) float64 { return (d.h - y) * k }

// fill and stroke set the colours of fills (and text) and of lines.
func (d *doc) fill(c rgb)   { d.op("rg", float64(c.r)/255, float64(c.g)/255, float64(c.b)/255) }
func (d *doc) stroke(c rgb) { d.op("RG", float64(c.r)/255, float64(c.g)/255, float64(c.b)/255) }

func (d *doc) lineWidth(mm float64) { d.op("w", mm*k) }

func (d *doc) moveTo(x, y float64) { d.op("m", d.px(x), d.py(y)) }
func (d *doc) lineTo(x, y float64) { d.op("l", d.px(x), d.py(y)) }

// curveTo adds a cubic Bézier curve.
func (d *doc) curveTo(x1, y1, x2, y2, x3, y3 float64) {
	d.op("c", d.px(x1), d.py(y1), d.px(x2), d.py(y2), d.px(x3), d.py(y3))
}

// bezierCircle is how far a quarter circle's control points lie along its
// tangents, as a fraction of the radius.
const bezierCircle = 0.5523

// circle adds a circle as four Bézier curves.
func (d *doc) circle(x, y, r float64) {
	c := r * bezierCircle
	d.moveTo(x+r, y)
	d.curveTo(x+r, y+c, x+c, y+r, x, y+r)
	d.curveTo(x-c, y+r, x-r, y+c, x-r, y)
	d.curveTo(x-r, y-c, x-c, y-r, x, y-r)
	d.curveTo(x+c, y-r, x+r, y-c, x+r, y)
	d.op("h")
}

// roundedRect fills a rectangle with rounded corners.
func (d *doc) roundedRect(x, y, w, h, r float64) {
	d.roundedPath(x, y, w, h, r)
	d.op("f")
}

// roundedPath adds a rectangle with rounded corners to the path.
func (d *doc) roundedPath(x, y, w, h, r float64) {
	c := r * bezierCircle
	d.moveTo(x+r, y)
	d.lineTo(x+w-r, y)
	d.curveTo(x+w-r+c, y, x+w, y+r-c, x+w, y+r)
	d.lineTo(x+w, y+h-r)
	d.curveTo(x+w, y+h-r+c, x+w-r+c, y+h, x+w-r, y+h)
	d.lineTo(x+r, y+h)
	d.curveTo(x+r-c, y+h, x, y+h-r+c, x, y+h-r)
	d.lineTo(x, y+r)
	d.curveTo(x, y+r-c, x+r-c, y, x+r, y)
	d.op("h")
}

// line strokes a straight line.
func (d *doc) line(x1, y1, x2, y2 float64) {
	d.moveTo(x1, y1)
	d.lineTo(x2, y2)
	d.op("S")
}

// alpha makes the following fills and lines translucent (1 is opaque).
func (d *doc) alpha(a float64) {
	i := 0
	for ; i < len(d.alphas) && d.alphas[i] != a; i++ {
	}
	if i == len(d.alphas) {
		d.alphas = append(d.alphas, a)
	}
	d.cur.WriteString("/GS" + strconv.Itoa(i+1) + " gs\n")
}

// stringWidth is the width of s set at size points, in mm.
func (d *doc) stringWidth(s string, size float64, bold bool) float64 {
	f := d.fonts[d.face(bold)]
	var w float64
	for _, r := range s {
		w += f.width(f.glyph(r))
	}
	return w * size / 1000 / k
}

// text sets s with its baseline starting at (x, y), in the bold face or
// the regular one.
func (d *doc) text(x, y, size float64, s string, bold bool) {
	i := d.face(bold)
	f, used := d.fonts[i], d.used[i]
	d.texts = append(d.texts, textMark{page: d.curN, x: x, y: y, w: d.stringWidth(s, size, bold), size: size, bold: bold, s: s})
	d.cur.WriteString("BT /F" + strconv.Itoa(i+1) + " ")
	d.op("Tf", size)
	d.op("Td", d.px(x), d.py(y))
	d.cur.WriteByte('<')
	const hex = "0123456789ABCDEF"
	for _, r := range s {
		g := f.glyph(r)
		used[g] = true
		d.cur.Write([]byte{hex[g>>12], hex[g>>8&15], hex[g>>4&15], hex[g&15]})
	}
	d.cur.WriteString("> Tj ET\n")
}

// cell sets s in a box of w x h mm at (x, y), vertically centred and
// aligned left or right ("L", "R") a little in from the box's side.
func (d *doc) cell(x, y, w, h, size float64, s, align string, bold bool) {
	dx := cellMargin
	if align == "R" {
		dx = w - cellMargin - d.stringWidth(s, size, bold)
	}
	d.text(x+dx, y+h/2+0.3*size/k, size, s, bold)
}

// write writes the whole document.
func (d *doc) write(w io.Writer) error {
	var out bytes.Buffer
	var offsets []int
	obj := func() int {
		offsets = append(offsets, out.Len())
		n := len(offsets)
		fmt.Fprintf(&out, "%d 0 obj\n", n)
		return n
	}
	end := func() { out.WriteString("endobj\n") }
	stream := func(dict string, data []byte, compress bool) {
		if compress {
			data = deflate(data)
			dict += " /Filter /FlateDecode"
		}
		fmt.Fprintf(&out, "<<%s /Length %d>>\nstream\n", dict, len(data))
		out.Write(data)
		out.WriteString("\nendstream\n")
	}

	out.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	// Objects 1 to 4: catalog, page tree, resources, information.
	np := len(d.pages)
	// Objects 5 on: five for each font, then the translucent fills, then
	// the pages.
	fontObj := func(i int) int { return 5 + 5*i }
	firstAlpha := fontObj(len(d.fonts))
	firstPage := firstAlpha + len(d.alphas)
	obj()
	fmt.Fprintf(&out, "<</Type /Catalog /Pages 2 0 R /Lang %s>>\n", textString(d.info.lang))
	end()
	obj()
	out.WriteString("<</Type /Pages /Kids [")
	for i := 0; i < np; i++ {
		fmt.Fprintf(&out, "%d 0 R ", firstPage+2*i)
	}
	fmt.Fprintf(&out, "] /Count %d /MediaBox [0 0 %.2f %.2f]>>\n", np, d.w*k, d.h*k)
	end()
	obj()
	out.WriteString("<</ProcSet [/PDF /Text] /Font <<")
	for i := range d.fonts {
		fmt.Fprintf(&out, "/F%d %d 0 R ", i+1, fontObj(i))
	}
	out.WriteString(">>")
	if len(d.alphas) > 0 {
		out.WriteString(" /ExtGState <<")
		for i := range d.alphas {
			fmt.Fprintf(&out, "/GS%d %d 0 R ", i+1, firstAlpha+i)
		}
		out.WriteString(">>")
	}
	out.WriteString(">>\n")
	end()
	obj()
	date := "D:" + d.info.date.UTC().Format("20060102150405") + "Z"
	fmt.Fprintf(&out, "<</Title %s /Subject %s /Author %s /Creator %s /Producer %s /Keywords %s /CreationDate %s /ModDate %s>>\n",
		textString(d.info.title), textString(d.info.subject), textString(d.info.author), textString(d.info.creator),
		textString(d.info.creator), textString(d.info.keywords), textString(date), textString(date))
	end()

	// Each font: the Type0 font, its CIDFont, descriptor, program and
	// ToUnicode map.
	for i, f := range d.fonts {
		used := d.used[i]
		o := fontObj(i)
		base := subsetTag(used) + "+" + f.name
		scale := func(v int16) string { return strconv.Itoa(int(math.Round(float64(v) * 1000 / float64(f.unitsPerEm)))) }
		obj()
		fmt.Fprintf(&out, "<</Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R>>\n", base, o+1, o+4)
		end()
		obj()
		fmt.Fprintf(&out, "<</Type /Font /Subtype /CIDFontType2 /BaseFont /%s /CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>> /FontDescriptor %d 0 R /CIDToGIDMap /Identity /DW %s /W [",
			base, o+2, strconv.Itoa(int(math.Round(f.width(0)))))
		for g, u := range used {
			if u {
				fmt.Fprintf(&out, "%d [%d] ", g, int(math.Round(f.width(uint16(g)))))
			}
		}
		out.WriteString("]>>\n")
		end()
		obj()
		flags, stemV := 32, 80 // nonsymbolic
		if f.bold {
			flags, stemV = 32|1<<18, 140 // and ForceBold
		}
		fmt.Fprintf(&out, "<</Type /FontDescriptor /FontName /%s /Flags %d /FontBBox [%s %s %s %s] /ItalicAngle 0 /Ascent %s /Descent %s /CapHeight %s /StemV %d /FontFile2 %d 0 R>>\n",
			base, flags, scale(f.bbox[0]), scale(f.bbox[1]), scale(f.bbox[2]), scale(f.bbox[3]), scale(f.ascent), scale(f.descent), scale(f.capHeight), stemV, o+3)
		end()
		obj()
		program := f.subset(used)
		stream(fmt.Sprintf(" /Length1 %d", len(program)), program, true)
		end()
		obj()
		stream("", toUnicode(f, used), true)
		end()
	}

	// The translucent fills, then each page and its content.
	for _, a := range d.alphas {
		obj()
		fmt.Fprintf(&out, "<</Type /ExtGState /ca %s /CA %s>>\n", num(a), num(a))
		end()
	}
	for _, p := range d.pages {
		n := obj()
		fmt.Fprintf(&out, "<</Type /Page /Parent 2 0 R /Resources 3 0 R /Contents %d 0 R>>\n", n+1)
		end()
		obj()
		stream("", p.Bytes(), true)
		end()
	}

	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, o := range offsets {
		fmt.Fprintf(&out, "%010d 00000 n \n", o)
	}
	id := sha256.Sum256(out.Bytes())
	fmt.Fprintf(&out, "trailer\n<</Size %d /Root 1 0 R /Info 4 0 R /ID [<%x> <%x>]>>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, id[:16], id[:16], xref)
	_, err := out.WriteTo(w)
	return err
}

// toUnicode maps the glyphs used back to their characters, so the text
// can be selected, searched and read aloud.
func toUnicode(f *ttFont, used []bool) []byte {
	chars := map[uint16]rune{}
	for r, g := range f.glyphs {
		if used[g] {
			if have, ok := chars[g]; !ok || r < have {
				chars[g] = r
			}
		}
	}
	gids := make([]int, 0, len(chars))
	for g := range chars {
		gids = append(gids, int(g))
	}
	sort.Ints(gids)
	var b bytes.Buffer
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	for len(gids) > 0 {
		n := min(len(gids), 100)
		fmt.Fprintf(&b, "%d beginbfchar\n", n)
		for _, g := range gids[:n] {
			fmt.Fprintf(&b, "<%04X> <", g)
			for _, u := range utf16.Encode([]rune{chars[uint16(g)]}) {
				fmt.Fprintf(&b, "%04X", u)
			}
			b.WriteString(">\n")
		}
		b.WriteString("endbfchar\n")
		gids = gids[n:]
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	return b.Bytes()
}

// subsetTag names a font subset by the glyphs in it: six capital letters.
func subsetTag(used []bool) string {
	h := sha256.New()
	for g, u := range used {
		if u {
			fmt.Fprint(h, g, ",")
		}
	}
	sum := h.Sum(nil)
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	return string(tag)
}

// textString writes a PDF text string: plain when it is printable ASCII,
// else UTF-16 with a byte-order mark, in hex.
func textString(s string) string {
	plain := true
	for _, r := range s {
		if r < 0x20 || r > 0x7e {
			plain = false
			break
		}
	}
	if plain {
		var b bytes.Buffer
		b.WriteByte('(')
		for i := 0; i < len(s); i++ {
			if c := s[i]; c == '(' || c == ')' || c == '\\' {
				b.WriteByte('\\')
			}
			b.WriteByte(s[i])
		}
		b.WriteByte(')')
		return b.String()
	}
	var b bytes.Buffer
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteByte('>')
	return b.String()
}

func num(v float64) string { return strconv.FormatFloat(round2(v), 'f', -1, 64) }

// compressors are reused: a new one costs about a megabyte of tables.
var compressors = sync.Pool{New: func() any {
	w, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed) // a valid level: no error
	return w
}}

// deflate compresses data for a FlateDecode stream.
func deflate(data []byte) []byte {
	var b bytes.Buffer
	b.Grow(len(data) / 2)
	zw := compressors.Get().(*zlib.Writer)
	zw.Reset(&b)
	// Writing to a bytes.Buffer cannot fail.
	_, _ = zw.Write(data)
	_ = zw.Close()
	compressors.Put(zw)
	return b.Bytes()
}
