package testcorpus

import (
	"bytes"
	"encoding/base64"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// charsetInfo describes one charset: the encoding, the label written into
// headers (real mailers use varied spellings) and whether it is stateful.
type charsetInfo struct {
	name      string // canonical lower-case name (Message.Charset)
	label     string // as written in MIME headers
	enc       encoding.Encoding
	stateful  bool // ISO-2022-JP: escape sequences, encode word chunks separately
	multibyte bool // two bytes per non-ASCII character (CJK)
}

var charsets = map[string]*charsetInfo{
	"gbk":          {"gbk", "GBK", simplifiedchinese.GBK, false, true},
	"gb2312":       {"gb2312", "gb2312", simplifiedchinese.GBK, false, true}, // GB2312 text is GBK-encoded identically
	"big5":         {"big5", "Big5", traditionalchinese.Big5, false, true},
	"iso-2022-jp":  {"iso-2022-jp", "ISO-2022-JP", japanese.ISO2022JP, true, true},
	"shift_jis":    {"shift_jis", "Shift_JIS", japanese.ShiftJIS, false, true},
	"euc-jp":       {"euc-jp", "EUC-JP", japanese.EUCJP, false, true},
	"euc-kr":       {"euc-kr", "EUC-KR", korean.EUCKR, false, true},
	"koi8-r":       {"koi8-r", "KOI8-R", charmap.KOI8R, false, false},
	"iso-8859-1":   {"iso-8859-1", "ISO-8859-1", charmap.ISO8859_1, false, false},
	"iso-8859-2":   {"iso-8859-2", "iso-8859-2", charmap.ISO8859_2, false, false},
	"windows-1251": {"windows-1251", "windows-1251", charmap.Windows1251, false, false},
	"windows-1252": {"windows-1252", "Windows-1252", charmap.Windows1252, false, false},
	"utf-8":        {"utf-8", "UTF-8", nil, false, false},
}

// LegacyCharsets lists the non-UTF-8 charsets Generate uses.
var LegacyCharsets = []string{
	"gbk", "gb2312", "big5", "iso-2022-jp", "shift_jis", "euc-jp", "euc-kr",
	"koi8-r", "iso-8859-1", "iso-8859-2", "windows-1251", "windows-1252",
}

// runeLen is the number of bytes r takes in the charset.
func (c *charsetInfo) runeLen(r rune) int {
	switch {
	case c.enc == nil:
		return utf8.RuneLen(r)
	case r < 0x80:
		return 1
	case c.multibyte:
		return 2
	default:
		return 1
	}
}

// encodeText converts UTF-8 text to the charset's bytes.
func (c *charsetInfo) encodeText(s string) ([]byte, error) {
	if c.enc == nil {
		return []byte(s), nil
	}
	return c.enc.NewEncoder().Bytes([]byte(s))
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// qSafe: characters allowed unencoded in a Q encoded-word (RFC 2047 5(3)).
func qSafe(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '!' || b == '*' || b == '+' || b == '-' || b == '/'
}

const hexDigits = "0123456789ABCDEF"

// encodedWords encodes s as RFC 2047 encoded-words in charset c, each at most
// 75 characters and holding whole characters, folded with CRLF SP.
func encodedWords(s string, c *charsetInfo, useB bool) (string, error) {
	prefix := "=?" + c.label + "?Q?"
	if useB {
		prefix = "=?" + c.label + "?B?"
	}
	room := 75 - len(prefix) - 2
	maxBytes := room
	if useB {
		maxBytes = room / 4 * 3
	}
	var words []string
	var chunkRunes []rune
	var encErr error
	flush := func() {
		if len(chunkRunes) == 0 {
			return
		}
		data, err := c.encodeText(string(chunkRunes))
		if err != nil {
			encErr = err
		}
		var w strings.Builder
		w.WriteString(prefix)
		if useB {
			w.WriteString(base64.StdEncoding.EncodeToString(data))
		} else {
			for _, b := range data {
				switch {
				case b == ' ':
					w.WriteByte('_')
				case qSafe(b):
					w.WriteByte(b)
				default:
					w.WriteByte('=')
					w.WriteByte(hexDigits[b>>4])
					w.WriteByte(hexDigits[b&15])
				}
			}
		}
		w.WriteString("?=")
		words = append(words, w.String())
		chunkRunes = chunkRunes[:0]
	}
	size := 0
	jisMode := false // ISO-2022-JP: currently in a two-byte mode
	for _, r := range s {
		var cost int
		if c.stateful {
			// ASCII is 1 byte, JIS X 0208 2 bytes, every mode switch 3 (ESC $ B / ESC ( B)
			wide := r >= 0x80
			cost = 1
			if wide {
				cost = 2
			}
			if wide != jisMode {
				cost += 3
				jisMode = wide
			}
		} else {
			cost = c.runeLen(r)
		}
		if !useB && !c.stateful {
			if r < 0x80 && (qSafe(byte(r)) || r == ' ') {
				cost = 1
			} else {
				cost *= 3
			}
		}
		limit := maxBytes
		if !useB {
			limit = room
		}
		if c.stateful {
			limit -= 3
		}
		if size+cost > limit && len(chunkRunes) > 0 {
			flush()
			size = cost
			if c.stateful && r >= 0x80 {
				size = 2 + 3 // the new word starts in ASCII mode again
			}
			chunkRunes = append(chunkRunes, r)
			continue
		}
		chunkRunes = append(chunkRunes, r)
		size += cost
	}
	flush()
	if encErr != nil {
		return "", encErr
	}
	return strings.Join(words, "\r\n "), nil
}

// headerText returns s ready for an unstructured header: as is when ASCII,
// else as encoded-words.
func headerText(s string, c *charsetInfo, useB bool) string {
	if isASCII(s) {
		return s
	}
	w, err := encodedWords(s, c, useB)
	if err != nil {
		w, _ = encodedWords(s, charsets["utf-8"], true)
	}
	return w
}

// address formats "Name <addr>" with the display name quoted or encoded.
func address(name, addr string, c *charsetInfo, useB bool) string {
	if name == "" {
		return "<" + addr + ">"
	}
	if isASCII(name) {
		if strings.ContainsAny(name, `()<>[]:;@\,."`) {
			return `"` + strings.ReplaceAll(name, `"`, `\"`) + `" <` + addr + ">"
		}
		return name + " <" + addr + ">"
	}
	return headerText(name, c, useB) + " <" + addr + ">"
}

// crlf converts LF line ends to CRLF.
func crlf(s string) string {
	if strings.Contains(s, "\r\n") {
		return s
	}
	return strings.ReplaceAll(s, "\n", "\r\n")
}

// wrapText wraps every paragraph line at about width columns (CJK counts 2).
func wrapText(s string, width int) string {
	var out strings.Builder
	out.Grow(len(s) + len(s)/16)
	for li, line := range strings.Split(s, "\n") {
		if li > 0 {
			out.WriteByte('\n')
		}
		if displayWidth(line) <= width || strings.HasPrefix(line, ">") {
			out.WriteString(line)
			continue
		}
		col := 0
		for wi, word := range strings.Split(line, " ") {
			ww := displayWidth(word)
			if wi > 0 {
				if col+1+ww > width && col > 0 {
					out.WriteByte('\n')
					col = 0
				} else {
					out.WriteByte(' ')
					col++
				}
			}
			if ww <= width {
				out.WriteString(word)
				col += ww
				continue
			}
			// a long run without spaces (CJK, Thai): break between characters
			for _, r := range word {
				rw := runeWidth(r)
				if col+rw > width && col > 0 {
					out.WriteByte('\n')
					col = 0
				}
				out.WriteRune(r)
				col += rw
			}
		}
	}
	return out.String()
}

func runeWidth(r rune) int {
	if r >= 0x1100 && (r <= 0x115f || r >= 0x2e80 && r <= 0xa4cf || r >= 0xac00 && r <= 0xd7a3 || r >= 0xf900 && r <= 0xfaff || r >= 0xff00 && r <= 0xff60) {
		return 2
	}
	return 1
}

func displayWidth(s string) int {
	if isASCII(s) {
		return len(s)
	}
	n := 0
	for _, r := range s {
		n += runeWidth(r)
	}
	return n
}

// b64Body base64-encodes data in 76-column CRLF lines.
func b64Body(buf *bytes.Buffer, data []byte) {
	enc := base64.StdEncoding
	lines := (len(data) + 56) / 57
	buf.Grow(lines * 78)
	var line [78]byte
	for len(data) > 0 {
		n := min(57, len(data))
		m := enc.EncodedLen(n)
		enc.Encode(line[:m], data[:n])
		line[m], line[m+1] = '\r', '\n'
		buf.Write(line[:m+2])
		data = data[n:]
	}
}

// qpSafe[c] is true for bytes that quoted-printable writes literally
// (space and tab too, except at the end of a line).
var qpSafe = func() (t [256]bool) {
	for c := 33; c <= 126; c++ {
		t[c] = c != '='
	}
	t[' '], t['\t'] = true, true
	return t
}()

// qpBody quoted-printable-encodes data (RFC 2045 6.7); CRLF in data are line
// ends, lines are soft-broken at 76 columns. It ends with CRLF.
func qpBody(buf *bytes.Buffer, data []byte) {
	buf.Grow(len(data) + len(data)/8 + 8)
	out := buf.AvailableBuffer()
	col := 0
	n := len(data)
	for i := 0; i < n; i++ {
		c := data[i]
		if c == '\r' && i+1 < n && data[i+1] == '\n' {
			out = append(out, '\r', '\n')
			col = 0
			i++
			continue
		}
		if qpSafe[c] && !((c == ' ' || c == '\t') && (i+1 == n || data[i+1] == '\r')) {
			if col >= 75 {
				out = append(out, '=', '\r', '\n')
				col = 0
			}
			out = append(out, c)
			col++
			continue
		}
		if col+3 > 75 {
			out = append(out, '=', '\r', '\n')
			col = 0
		}
		out = append(out, '=', hexDigits[c>>4], hexDigits[c&15])
		col += 3
	}
	if len(out) < 2 || out[len(out)-2] != '\r' || out[len(out)-1] != '\n' {
		out = append(out, '\r', '\n')
	}
	buf.Write(out)
}

// rfc2231 encodes a non-ASCII filename as filename*=UTF-8”..., with
// continuations (filename*0*=, filename*1*=...) when long.
func rfc2231(param, value string) string {
	var enc strings.Builder
	for i := 0; i < len(value); i++ {
		b := value[i]
		if b < 0x80 && (b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || strings.IndexByte("!#$&+-.^_`|~", b) >= 0) {
			enc.WriteByte(b)
		} else {
			enc.WriteByte('%')
			enc.WriteByte(hexDigits[b>>4])
			enc.WriteByte(hexDigits[b&15])
		}
	}
	e := enc.String()
	if len(e) <= 60 {
		return param + "*=UTF-8''" + e
	}
	var parts []string
	for i := 0; len(e) > 0; i++ {
		n := 50
		if n > len(e) {
			n = len(e)
		}
		// never split a %XX triplet
		if k := strings.LastIndexByte(e[:n], '%'); k >= 0 && k > n-3 {
			n = k
		}
		v := e[:n]
		e = e[n:]
		if i == 0 {
			v = "UTF-8''" + v
		}
		parts = append(parts, param+"*"+itoa(i)+"*="+v)
	}
	return strings.Join(parts, ";\r\n\t")
}

func itoa(i int) string {
	if i >= 0 && i < 10 {
		return string(rune('0' + i))
	}
	var b [20]byte
	n := len(b)
	neg := i < 0
	if neg {
		i = -i
	}
	for i > 0 || n == len(b) {
		n--
		b[n] = byte('0' + i%10)
		i /= 10
	}
	if neg {
		n--
		b[n] = '-'
	}
	return string(b[n:])
}

// truncRunes cuts s to at most n runes.
func truncRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i := 0
	for k := range s {
		if i == n {
			return s[:k]
		}
		i++
	}
	return s
}
