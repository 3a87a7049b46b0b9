package pdf

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
	"sync"

	"github.com/go-fonts/dejavu/dejavusanscondensed"
	"github.com/go-fonts/dejavu/dejavusanscondensedbold"
)

// ttFont is a TrueType font read once per process: what the chart needs to
// measure text and to embed a subset of the font in each document.
type ttFont struct {
	name       string // PostScript-style name, without the subset tag
	data       []byte
	tables     map[string][]byte
	unitsPerEm int
	advance    []uint16 // by glyph
	glyphs     map[rune]uint16
	loca       []uint32 // glyph offsets into glyf, numGlyphs+1 of them
	bbox       [4]int16
	ascent     int16
	descent    int16
	capHeight  int16
	bold       bool
}

// sans and sansBold are DejaVu Sans Condensed and its bold (OFL-style
// Bitstream Vera licence, from github.com/go-fonts/dejavu), a humanist sans
// that reads well on paper at small sizes, with a true bold face; the
// condensed cut sets 11 pt text in fewer lines, which leaves the page's
// room to the pictures. Each is
// parsed on first use; parsing it once per process, rather than once per
// document as a general PDF library does, is most of what makes a chart
// fast.
var (
	sans = sync.OnceValues(func() (*ttFont, error) {
		return parseTrueType("DejaVuSansCondensed", dejavusanscondensed.TTF)
	})
	sansBold = sync.OnceValues(func() (*ttFont, error) {
		f, err := parseTrueType("DejaVuSansCondensed-Bold", dejavusanscondensedbold.TTF)
		if f != nil {
			f.bold = true
		}
		return f, err
	})
)

func u16(b []byte, off int) uint16 { return binary.BigEndian.Uint16(b[off:]) }
func u32(b []byte, off int) uint32 { return binary.BigEndian.Uint32(b[off:]) }

// parseTrueType reads the tables of a TrueType font that embedding and
// measuring need. It reports a font it cannot use rather than panic.
func parseTrueType(name string, data []byte) (f *ttFont, err error) {
	defer func() {
		// A short or inconsistent table would index out of range: it is
		// a bad font, not a bug here.
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("pdf: font %s: malformed: %v", name, r)
		}
	}()
	f = &ttFont{name: name, data: data, tables: map[string][]byte{}, glyphs: map[rune]uint16{}}
	if len(data) < 12 || u32(data, 0) != 0x00010000 {
		return nil, fmt.Errorf("pdf: font %s: not a TrueType font", name)
	}
	n := int(u16(data, 4))
	for i := 0; i < n; i++ {
		rec := 12 + 16*i
		tag := string(data[rec : rec+4])
		off, length := int(u32(data, rec+8)), int(u32(data, rec+12))
		f.tables[tag] = data[off : off+length]
	}
	for _, t := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf", "cmap"} {
		if f.tables[t] == nil {
			return nil, fmt.Errorf("pdf: font %s: no %s table", name, t)
		}
	}
	head, hhea, maxp := f.tables["head"], f.tables["hhea"], f.tables["maxp"]
	f.unitsPerEm = int(u16(head, 18))
	for i := range f.bbox {
		f.bbox[i] = int16(u16(head, 36+2*i))
	}
	longLoca := u16(head, 50) == 1
	f.ascent, f.descent = int16(u16(hhea, 4)), int16(u16(hhea, 6))
	f.capHeight = f.ascent
	if os2 := f.tables["OS/2"]; len(os2) >= 90 && u16(os2, 0) >= 2 {
		f.capHeight = int16(u16(os2, 88))
	}
	numGlyphs := int(u16(maxp, 4))
	numMetrics := int(u16(hhea, 34))
	hmtx := f.tables["hmtx"]
	f.advance = make([]uint16, numGlyphs)
	for g := range f.advance {
		m := min(g, numMetrics-1)
		f.advance[g] = u16(hmtx, 4*m)
	}
	loca := f.tables["loca"]
	f.loca = make([]uint32, numGlyphs+1)
	for g := range f.loca {
		if longLoca {
			f.loca[g] = u32(loca, 4*g)
		} else {
			f.loca[g] = 2 * uint32(u16(loca, 2*g))
		}
	}
	if err := f.readCmap(); err != nil {
		return nil, err
	}
	return f, nil
}

// readCmap reads the Unicode BMP mapping (format 4) of the cmap table.
func (f *ttFont) readCmap() error {
	cmap := f.tables["cmap"]
	for i := 0; i < int(u16(cmap, 2)); i++ {
		rec := 4 + 8*i
		platform, encoding, off := u16(cmap, rec), u16(cmap, rec+2), int(u32(cmap, rec+4))
		unicode := platform == 0 || platform == 3 && encoding == 1
		if !unicode || u16(cmap, off) != 4 {
			continue
		}
		t := cmap[off:]
		segs := int(u16(t, 6)) / 2
		ends, starts, deltas, ranges := 14, 16+2*segs, 16+4*segs, 16+6*segs
		for s := 0; s < segs; s++ {
			end, start := int(u16(t, ends+2*s)), int(u16(t, starts+2*s))
			delta, ro := u16(t, deltas+2*s), int(u16(t, ranges+2*s))
			for c := start; c <= end && c != 0xFFFF; c++ {
				var g uint16
				if ro == 0 {
					g = uint16(c) + delta
				} else {
					at := ranges + 2*s + ro + 2*(c-start)
					if g = u16(t, at); g != 0 {
						g += delta
					}
				}
				if g != 0 && int(g) < len(f.advance) {
					f.glyphs[rune(c)] = g
				}
			}
		}
		return nil
	}
	return errors.New("pdf: font: no Unicode cmap")
}

// glyph returns the glyph for a rune: 0, the font's box for a missing
// character, when it has none.
func (f *ttFont) glyph(r rune) uint16 { return f.glyphs[r] }

// width returns the advance of a glyph in thousandths of the font size.
func (f *ttFont) width(g uint16) float64 {
	return float64(f.advance[g]) * 1000 / float64(f.unitsPerEm)
}

// emptyCmap is a character map (format 4, Windows Unicode) that maps no
// character: only the closing segment at U+FFFF.
var emptyCmap = []byte{
	0, 0, 0, 1, // version, one subtable
	0, 3, 0, 1, 0, 0, 0, 12, // Windows, Unicode BMP, at offset 12
	0, 4, 0, 24, 0, 0, // format 4, length 24, language
	0, 2, 0, 2, 0, 0, 0, 0, // segCountX2 1 segment, searchRange, entrySelector, rangeShift
	0xff, 0xff, // endCode
	0, 0, // reservedPad
	0xff, 0xff, // startCode
	0, 1, // idDelta
	0, 0, // idRangeOffset
}

// Composite glyph flags.
const (
	argsAreWords   = 0x0001
	haveScale      = 0x0008
	moreComponents = 0x0020
	haveXYScale    = 0x0040
	have2x2        = 0x0080
)

// subset returns a TrueType font program holding the given glyphs (and
// the glyphs they are built from); every other glyph is left empty. Glyph
// numbers do not change, so the document can address glyphs by their
// number (CIDToGIDMap /Identity) and the font's own metrics stay valid.
func (f *ttFont) subset(used []bool) []byte {
	glyf := f.tables["glyf"]
	keep := make([]bool, len(f.advance))
	keep[0] = true
	var add func(g int)
	add = func(g int) {
		if g >= len(keep) || keep[g] {
			return
		}
		keep[g] = true
		start, end := f.loca[g], f.loca[g+1]
		if end-start < 10 || int16(u16(glyf, int(start))) >= 0 {
			return // empty or simple
		}
		// A composite glyph: keep its components too.
		at := int(start) + 10
		for {
			flags, comp := u16(glyf, at), int(u16(glyf, at+2))
			add(comp)
			at += 4
			if flags&argsAreWords != 0 {
				at += 4
			} else {
				at += 2
			}
			switch {
			case flags&haveScale != 0:
				at += 2
			case flags&haveXYScale != 0:
				at += 4
			case flags&have2x2 != 0:
				at += 8
			}
			if flags&moreComponents == 0 {
				break
			}
		}
	}
	for g, u := range used {
		if u {
			add(g)
		}
	}

	// Glyphs past the last one kept are cut off: a large font (DejaVu
	// has some 6000 glyphs, the text uses a few dozen of the first few
	// hundred) would otherwise carry its whole loca and hmtx tables.
	n := 1
	for g, k := range keep {
		if k {
			n = g + 1
		}
	}
	var newGlyf []byte
	loca := make([]byte, 4*(n+1))
	for g := 0; g < n; g++ {
		binary.BigEndian.PutUint32(loca[4*g:], uint32(len(newGlyf)))
		if keep[g] {
			newGlyf = append(newGlyf, glyf[f.loca[g]:f.loca[g+1]]...)
			for len(newGlyf)%4 != 0 {
				newGlyf = append(newGlyf, 0)
			}
		}
	}
	binary.BigEndian.PutUint32(loca[4*n:], uint32(len(newGlyf)))
	hhea := append([]byte(nil), f.tables["hhea"]...)
	metrics := min(int(u16(hhea, 34)), n)
	binary.BigEndian.PutUint16(hhea[34:], uint16(metrics))
	hmtx := make([]byte, 4*metrics+2*(n-metrics))
	copy(hmtx, f.tables["hmtx"][:len(hmtx)])
	maxp := append([]byte(nil), f.tables["maxp"]...)
	binary.BigEndian.PutUint16(maxp[4:], uint16(n))

	head := append([]byte(nil), f.tables["head"]...)
	binary.BigEndian.PutUint32(head[8:], 0)  // checkSumAdjustment, set below
	binary.BigEndian.PutUint16(head[50:], 1) // long loca offsets

	// The PDF addresses glyphs by number (CIDToGIDMap /Identity), so the
	// font's own character map is not used: an empty one keeps the font
	// program sound for readers that want one.
	tables := map[string][]byte{"head": head, "loca": loca, "glyf": newGlyf, "hhea": hhea, "hmtx": hmtx, "maxp": maxp, "cmap": emptyCmap}
	if post := f.tables["post"]; len(post) >= 32 {
		// Version 3: the metrics without the glyph names.
		p := append([]byte(nil), post[:32]...)
		binary.BigEndian.PutUint32(p, 0x00030000)
		tables["post"] = p
	}
	// The tables a TrueType font program in a PDF needs; the glyphs'
	// hinting instructions call into fpgm, prep and cvt, so those stay.
	for _, t := range []string{"OS/2", "cvt ", "fpgm", "prep"} {
		if b := f.tables[t]; b != nil {
			tables[t] = b
		}
	}
	return assemble(tables)
}

// assemble writes tables as a TrueType font file, with checksums.
func assemble(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for t := range tables {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	n := len(tags)
	var b bytes.Buffer
	entry := 1
	for entry*2 <= n {
		entry *= 2
	}
	shift := 0
	for 1<<shift < entry {
		shift++
	}
	hdr := make([]byte, 12+16*n)
	binary.BigEndian.PutUint32(hdr, 0x00010000)
	binary.BigEndian.PutUint16(hdr[4:], uint16(n))
	binary.BigEndian.PutUint16(hdr[6:], uint16(16*entry))
	binary.BigEndian.PutUint16(hdr[8:], uint16(shift))
	binary.BigEndian.PutUint16(hdr[10:], uint16(16*n-16*entry))
	off := len(hdr)
	var body bytes.Buffer
	headAt := 0
	for i, t := range tags {
		data := tables[t]
		rec := hdr[12+16*i:]
		copy(rec, t)
		binary.BigEndian.PutUint32(rec[4:], checksum(data))
		binary.BigEndian.PutUint32(rec[8:], uint32(off))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(data)))
		if t == "head" {
			headAt = off
		}
		body.Write(data)
		for pad := (4 - len(data)%4) % 4; pad > 0; pad-- {
			body.WriteByte(0)
		}
		off = len(hdr) + body.Len()
	}
	b.Write(hdr)
	b.Write(body.Bytes())
	out := b.Bytes()
	binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	return out
}

func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}
