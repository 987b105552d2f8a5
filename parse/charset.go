package parse

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/emersion/go-message"
	_ "github.com/emersion/go-message/charset" // registers message.CharsetReader
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

// Pseudo charsets handled without an x/text decoder.
const (
	csUTF8  = "utf-8"
	csASCII = "us-ascii"
	csUTF7  = "utf-7"
)

// charsetAliases maps lower-case labels to the encoding used to decode them.
// Real-world mail labels are often narrower than the bytes they carry, so the
// mapping deliberately widens: gb2312/gbk → GB18030, ks_c_5601-1987/euc-kr →
// CP949 (x/text's EUC-KR is the WHATWG superset), iso-8859-1 → windows-1252,
// shift_jis → windows-31j.
var charsetAliases = map[string]encoding.Encoding{}

// charsetNames maps an alias to the canonical name used in problems.
var charsetNames = map[string]string{}

func init() {
	add := func(enc encoding.Encoding, name string, labels ...string) {
		for _, l := range labels {
			charsetAliases[l] = enc
			charsetNames[l] = name
		}
	}
	add(simplifiedchinese.GB18030, "gb18030", "gb18030", "gbk", "gb2312", "x-gbk", "cp936", "ms936",
		"windows-936", "csgb2312", "euc-cn", "x-euc-cn", "gb_2312-80", "gb_2312", "chinese", "iso-ir-58",
		"csiso58gb231280", "gb18030-2000", "gb18030-2005", "x-gb18030", "hz-gb-2312-8bit")
	add(traditionalchinese.Big5, "big5", "big5", "big-5", "big5-hkscs", "cn-big5", "x-x-big5", "csbig5",
		"x-big5", "cp950", "windows-950", "ms950", "big5hkscs")
	add(japanese.ShiftJIS, "shift_jis", "shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "csshiftjis",
		"cp932", "windows-31j", "ms932", "x-ms-cp932", "windows-932", "shift_jisx0213", "shift_jis-2004")
	add(japanese.EUCJP, "euc-jp", "euc-jp", "eucjp", "x-euc-jp", "cseucpkdfmtjapanese", "ujis", "x-eucjp")
	add(japanese.ISO2022JP, "iso-2022-jp", "iso-2022-jp", "csiso2022jp", "iso-2022-jp-1", "iso-2022-jp-2",
		"iso-2022-jp-3", "iso-2022-jp-2004", "jis", "x-jis", "iso2022jp")
	add(korean.EUCKR, "euc-kr", "euc-kr", "euckr", "ks_c_5601-1987", "ks_c_5601-1989", "ks_c_5601", "ksc5601",
		"ksc_5601", "korean", "csksc56011987", "iso-ir-149", "cp949", "uhc", "windows-949", "x-windows-949",
		"ms949", "x-uhc", "cseuckr")
	add(charmap.Windows1252, "windows-1252", "iso-8859-1", "iso8859-1", "iso_8859-1", "iso_8859-1:1987",
		"latin1", "latin-1", "l1", "cp819", "ibm819", "csisolatin1", "iso-ir-100", "windows-1252", "cp1252",
		"x-cp1252", "ms-ansi", "ansi", "8859-1", "iso88591")
	add(charmap.Windows1250, "windows-1250", "windows-1250", "cp1250", "x-cp1250")
	add(charmap.Windows1251, "windows-1251", "windows-1251", "cp1251", "x-cp1251", "win-1251")
	add(charmap.Windows1253, "windows-1253", "windows-1253", "cp1253", "x-cp1253")
	add(charmap.Windows1254, "windows-1254", "windows-1254", "cp1254", "x-cp1254")
	add(charmap.Windows1255, "windows-1255", "windows-1255", "cp1255", "x-cp1255")
	add(charmap.Windows1256, "windows-1256", "windows-1256", "cp1256", "x-cp1256")
	add(charmap.Windows1257, "windows-1257", "windows-1257", "cp1257", "x-cp1257")
	add(charmap.Windows1258, "windows-1258", "windows-1258", "cp1258", "x-cp1258")
	add(charmap.KOI8R, "koi8-r", "koi8-r", "koi8r", "cskoi8r", "koi8", "koi")
	add(charmap.KOI8U, "koi8-u", "koi8-u", "koi8u", "koi8-ru")
	add(charmap.ISO8859_2, "iso-8859-2", "iso-8859-2", "iso8859-2", "iso_8859-2", "latin2", "l2")
	add(charmap.ISO8859_5, "iso-8859-5", "iso-8859-5", "iso8859-5", "iso_8859-5", "cyrillic")
	add(charmap.ISO8859_7, "iso-8859-7", "iso-8859-7", "iso8859-7", "iso_8859-7", "greek")
	add(charmap.ISO8859_15, "iso-8859-15", "iso-8859-15", "iso8859-15", "iso_8859-15", "latin9", "latin-9")
	add(charmap.Windows874, "windows-874", "windows-874", "tis-620", "iso-8859-11", "cp874", "x-windows-874")
	add(unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), "utf-16le", "utf-16le", "ucs-2le", "unicodefffe")
	add(unicode.UTF16(unicode.BigEndian, unicode.UseBOM), "utf-16be", "utf-16be", "ucs-2be")
	add(unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), "utf-16", "utf-16", "ucs-2", "unicode", "csunicode")
	for _, l := range []string{"utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8", "unicode-2-0-utf-8", "utf-8-sig", "x-utf_8j"} {
		charsetNames[l] = csUTF8
	}
	for _, l := range []string{"us-ascii", "ascii", "ansi_x3.4-1968", "iso646-us", "us", "cp367", "ibm367",
		"iso-ir-6", "csascii", "646", "ansi_x3.4-1986", "iso_646.irv:1991", "default", "7bit", "8bit", "none"} {
		charsetNames[l] = csASCII
	}
	for _, l := range []string{"utf-7", "utf7", "unicode-1-1-utf-7", "csunicode11utf7", "x-utf-7"} {
		charsetNames[l] = csUTF7
	}
}

// normCharset cleans a charset label as found in mail: quotes, whitespace,
// RFC 2231 language suffixes and trailing junk are removed.
func normCharset(label string) string {
	s := strings.TrimSpace(label)
	s = strings.Trim(s, "\"' \t")
	if i := strings.IndexAny(s, "*; \t,"); i >= 0 {
		s = s[:i]
	}
	return strings.ToLower(s)
}

// charsetKind classifies a normalised label: one of the pseudo charsets, or
// "" with enc set, or "" with enc nil when unknown.
func lookupCharset(label string) (kind string, enc encoding.Encoding, name string) {
	if n, ok := charsetNames[label]; ok {
		if e, ok := charsetAliases[label]; ok {
			return "", e, n
		}
		return n, nil, n
	}
	if e, err := htmlindex.Get(label); err == nil && e != nil {
		if n, _ := htmlindex.Name(e); n != "replacement" {
			if n == "utf-8" {
				return csUTF8, nil, csUTF8
			}
			if n == "gbk" || n == "gb18030" {
				return "", simplifiedchinese.GB18030, "gb18030"
			}
			return "", e, n
		}
	}
	if strings.HasPrefix(label, "x-") {
		return lookupCharset(label[2:])
	}
	if strings.HasPrefix(label, "cs") {
		if k, e, n := lookupCharset(label[2:]); k != "" || e != nil {
			return k, e, n
		}
	}
	return "", nil, ""
}

// decodeWithRegistry tries go-message's charset registry (ianaindex and the
// quirks table) for labels that neither our table nor htmlindex knows.
func decodeWithRegistry(b []byte, label string) (string, bool) {
	if message.CharsetReader == nil || label == "" {
		return "", false
	}
	r, err := message.CharsetReader(label, bytes.NewReader(b))
	if err != nil || r == nil {
		return "", false
	}
	out, err := io.ReadAll(io.LimitReader(r, int64(len(b))*4+16))
	if err != nil {
		return "", false
	}
	return string(out), true
}

// isASCII reports whether b has no bytes >= 0x80.
func isASCII(b []byte) bool {
	for len(b) >= 8 {
		if binary.LittleEndian.Uint64(b)&0x8080808080808080 != 0 {
			return false
		}
		b = b[8:]
	}
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// decodeCharset converts b from the named charset to valid UTF-8. hint is a
// charset used elsewhere in the message, tried first for unlabelled 8-bit
// data. The returned problem is "" when decoding was clean; otherwise it is a
// short description without location (the caller adds where).
func decodeCharset(b []byte, label, hint string) (string, string) {
	norm := normCharset(label)
	kind, enc, name := lookupCharset(norm)
	switch {
	case kind == csUTF7:
		return decodeUTF7(b), ""
	case kind == csUTF8:
		if utf8.Valid(b) {
			return stripBOM(string(b)), ""
		}
		s, how := guess8bit(b, hint, true)
		return s, "invalid UTF-8 (" + how + ")"
	case kind == csASCII:
		if isASCII(b) || utf8.Valid(b) {
			return string(b), ""
		}
		s, how := guess8bit(b, hint, false)
		return s, "8-bit data in us-ascii text (" + how + ")"
	case enc != nil:
		// ASCII-compatible single/multi-byte charsets: ASCII input is itself.
		if isASCII(b) && !strings.HasPrefix(name, "utf-16") && bytes.IndexByte(b, 0x1b) < 0 {
			return string(b), ""
		}
		out, err := enc.NewDecoder().Bytes(b)
		if err != nil {
			s, how := guess8bit(b, hint, false)
			return s, fmt.Sprintf("cannot decode as %s (%s)", name, how)
		}
		s := string(out)
		if n := strings.Count(s, "\uFFFD"); n > 0 {
			return s, fmt.Sprintf("%d invalid byte sequence(s) for charset %s", n, name)
		}
		return stripBOM(s), ""
	}
	// Unknown label.
	if norm == "" {
		if isASCII(b) || utf8.Valid(b) {
			return string(b), ""
		}
		s, how := guess8bit(b, hint, false)
		return s, "no charset given for 8-bit text (" + how + ")"
	}
	if s, ok := decodeWithRegistry(b, norm); ok && utf8.ValidString(s) && !strings.ContainsRune(s, utf8.RuneError) {
		return s, ""
	}
	if isASCII(b) {
		return string(b), fmt.Sprintf("unknown charset %q", label)
	}
	s, how := guess8bit(b, hint, false)
	return s, fmt.Sprintf("unknown charset %q (%s)", label, how)
}

func stripBOM(s string) string {
	return strings.TrimPrefix(s, "\uFEFF")
}

// guess8bit decodes bytes of unknown charset: UTF-8 when valid, then the
// message's hint charset when it decodes cleanly, then GB18030 when the
// bytes look like GBK, else windows-1252 (a superset of latin1 that never
// fails). utf8Declared keeps mostly-UTF-8 input as UTF-8 with replacement
// characters. The second result says what was done.
func guess8bit(b []byte, hint string, utf8Declared bool) (string, string) {
	if utf8.Valid(b) {
		return string(b), "decoded as utf-8"
	}
	good, bad := utf8Stats(b)
	if utf8Declared && good > 0 && good >= bad {
		return strings.ToValidUTF8(string(b), "\uFFFD"), "invalid sequences replaced"
	}
	// A multi-byte hint (Shift_JIS, EUC-KR, Big5, GBK...) is checked
	// strictly first; a single-byte hint decodes anything, so GBK-looking
	// bytes are tried before it.
	var hintEnc encoding.Encoding
	hintName := ""
	if hint != "" {
		if _, enc, name := lookupCharset(normCharset(hint)); enc != nil && !strings.HasPrefix(name, "utf-16") {
			hintEnc, hintName = enc, name
		}
	}
	if hintEnc != nil && isMultiByte(hintName) {
		if out, err := hintEnc.NewDecoder().Bytes(b); err == nil && !bytes.Contains(out, []byte("\uFFFD")) {
			return string(out), "decoded as " + hintName
		}
	}
	if looksGBK(b) {
		if out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b); err == nil && plausibleCJK(out) {
			return string(out), "decoded as gb18030"
		}
	}
	if hintEnc != nil && !isMultiByte(hintName) {
		if out, err := hintEnc.NewDecoder().Bytes(b); err == nil {
			return string(out), "decoded as " + hintName
		}
	}
	out, _ := charmap.Windows1252.NewDecoder().Bytes(b)
	return string(out), "decoded as windows-1252"
}

// plausibleCJK rejects a GB18030 decoding that produced replacement or
// private-use characters (user-defined GBK areas), a sign of wrong guess.
func plausibleCJK(out []byte) bool {
	for _, r := range string(out) {
		if r == utf8.RuneError || (r >= 0xE000 && r <= 0xF8FF) {
			return false
		}
	}
	return true
}

func isMultiByte(name string) bool {
	switch name {
	case "gb18030", "gbk", "big5", "shift_jis", "euc-jp", "iso-2022-jp", "euc-kr":
		return true
	}
	return false
}

// utf8Stats counts valid multi-byte sequences and invalid bytes.
func utf8Stats(b []byte) (good, bad int) {
	for i := 0; i < len(b); {
		if b[i] < 0x80 {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			bad++
			i++
			continue
		}
		good++
		i += n
	}
	return
}

// looksGBK reports whether every high byte in b is part of a well-formed
// GBK/GB18030 sequence and most pairs have a high trail byte, as Chinese text
// does (latin1 text has high bytes followed by ASCII letters).
func looksGBK(b []byte) bool {
	highHigh, lowTrail := 0, 0
	for i := 0; i < len(b); {
		c := b[i]
		if c < 0x80 {
			i++
			continue
		}
		if c == 0x80 || c == 0xff || i+1 >= len(b) {
			return false
		}
		t := b[i+1]
		switch {
		case t >= 0x30 && t <= 0x39: // four-byte GB18030
			if i+3 >= len(b) || b[i+2] < 0x81 || b[i+2] > 0xfe || b[i+3] < 0x30 || b[i+3] > 0x39 {
				return false
			}
			highHigh++
			i += 4
			continue
		case t >= 0x40 && t <= 0xfe && t != 0x7f:
			if t >= 0xa1 && c >= 0xa1 {
				highHigh++
			} else {
				lowTrail++
			}
			i += 2
		default:
			return false
		}
	}
	return highHigh > 0 && highHigh >= 2*lowTrail
}

// decode8bitHeader decodes raw (unencoded) non-ASCII header bytes.
func decode8bitHeader(b []byte, hint string) (string, bool) {
	if bytes.IndexByte(b, 0x1b) >= 0 && isASCII(b) {
		// raw ISO-2022-JP (old Japanese mailers)
		if out, err := japanese.ISO2022JP.NewDecoder().Bytes(b); err == nil {
			return string(out), true
		}
	}
	if utf8.Valid(b) {
		return string(b), true
	}
	s, _ := guess8bit(b, hint, false)
	return s, false
}

// decodeUTF7 decodes RFC 2152 UTF-7. Malformed input is passed through.
func decodeUTF7(b []byte) string {
	var sb strings.Builder
	sb.Grow(len(b))
	for i := 0; i < len(b); {
		c := b[i]
		if c != '+' {
			if c < 0x80 {
				sb.WriteByte(c)
			} else {
				sb.WriteRune(utf8.RuneError)
			}
			i++
			continue
		}
		i++
		if i < len(b) && b[i] == '-' {
			sb.WriteByte('+')
			i++
			continue
		}
		var bits uint32
		nbits := 0
		var units []uint16
		for i < len(b) {
			v := b64val[b[i]]
			if v < 0 || b[i] == '=' {
				break
			}
			bits = bits<<6 | uint32(v)
			nbits += 6
			if nbits >= 16 {
				nbits -= 16
				units = append(units, uint16(bits>>uint(nbits)))
				bits &= 1<<uint(nbits) - 1
			}
			i++
		}
		for _, r := range utf16.Decode(units) {
			sb.WriteRune(r)
		}
		if i < len(b) && b[i] == '-' {
			i++
		}
	}
	return sb.String()
}
