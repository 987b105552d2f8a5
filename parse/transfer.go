package parse

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"strings"
)

// b64val maps standard base64 alphabet bytes to their value, -1 otherwise.
var b64val [256]int8

func init() {
	for i := range b64val {
		b64val[i] = -1
	}
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	for i := 0; i < len(alphabet); i++ {
		b64val[alphabet[i]] = int8(i)
	}
}

// transferDecoder decodes a Content-Transfer-Encoding as a stream so that
// attachment bodies never need to be held decoded in memory.
type transferDecoder interface {
	io.Reader
	// problem describes defects seen so far, "" if none.
	problem() string
}

// b64Decoder is a lenient streaming base64 decoder: whitespace and stray
// characters are skipped (and counted), a missing or misplaced padding is
// tolerated, and data after a padded group is decoded as a new run (some
// encoders concatenate separately encoded chunks).
type b64Decoder struct {
	src    []byte
	pos    int
	quad   uint32
	q      int
	out    [3]byte
	outN   int
	outOff int
	stray  int
	badPad bool
	eof    bool
}

func newB64(src []byte) *b64Decoder { return &b64Decoder{src: src} }

// emitGroup moves a (possibly partial) group into out.
func (d *b64Decoder) emitGroup() {
	switch d.q {
	case 4:
		d.out[0], d.out[1], d.out[2] = byte(d.quad>>16), byte(d.quad>>8), byte(d.quad)
		d.outN = 3
	case 3:
		v := d.quad << 6
		d.out[0], d.out[1] = byte(v>>16), byte(v>>8)
		d.outN = 2
	case 2:
		v := d.quad << 12
		d.out[0] = byte(v >> 16)
		d.outN = 1
	case 1:
		d.badPad = true
		d.outN = 0
	}
	d.outOff = 0
	d.q, d.quad = 0, 0
}

func (d *b64Decoder) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if d.outOff < d.outN {
			c := copy(p[n:], d.out[d.outOff:d.outN])
			d.outOff += c
			n += c
			continue
		}
		// Fast path: a whole well-formed line decodes in bulk.
		if d.q == 0 && d.pos < len(d.src) {
			rest := d.src[d.pos:]
			next := len(rest)
			line := rest
			if nl := bytes.IndexByte(rest, '\n'); nl >= 0 {
				line, next = rest[:nl], nl+1
			}
			line = bytes.TrimRight(line, "\r \t")
			if len(line) > 0 && len(line)%4 == 0 && len(p)-n >= len(line)/4*3 {
				if m, err := base64.StdEncoding.Decode(p[n:], line); err == nil {
					n += m
					d.pos += next
					continue
				}
			}
		}
		if d.pos >= len(d.src) {
			if d.q > 0 {
				d.badPad = true
				d.emitGroup()
				continue
			}
			d.eof = true
			if n == 0 {
				return 0, io.EOF
			}
			return n, nil
		}
		c := d.src[d.pos]
		d.pos++
		if v := b64val[c]; v >= 0 {
			d.quad = d.quad<<6 | uint32(v)
			d.q++
			if d.q == 4 {
				if len(p)-n >= 3 {
					p[n], p[n+1], p[n+2] = byte(d.quad>>16), byte(d.quad>>8), byte(d.quad)
					n += 3
					d.q, d.quad = 0, 0
				} else {
					d.emitGroup()
				}
			}
			continue
		}
		switch c {
		case '\r', '\n', ' ', '\t':
		case '=':
			if d.q == 1 {
				d.badPad = true
			}
			if d.q > 0 {
				d.emitGroup()
			}
		default:
			d.stray++
		}
	}
	return n, nil
}

func (d *b64Decoder) problem() string {
	var parts []string
	if d.stray > 0 {
		parts = append(parts, fmt.Sprintf("%d stray character(s) skipped", d.stray))
	}
	if d.badPad {
		parts = append(parts, "bad padding")
	}
	if len(parts) == 0 {
		return ""
	}
	return "broken base64: " + strings.Join(parts, ", ")
}

// qpDecoder is a lenient streaming quoted-printable decoder. Invalid escapes
// are kept literally and counted; trailing whitespace is removed; soft line
// breaks are joined. Hard line breaks keep their CRLF or LF form.
type qpDecoder struct {
	src []byte
	pos int
	buf []byte
	off int
	bad int
}

const qpChunk = 64 << 10

func newQP(src []byte) *qpDecoder { return &qpDecoder{src: src} }

func unhex(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	}
	return 0, false
}

// fill decodes the next line (or chunk of a very long line) into buf.
func (d *qpDecoder) fill() {
	d.buf = d.buf[:0]
	d.off = 0
	rest := d.src[d.pos:]
	var line []byte
	hasNL, complete := false, true
	if i := bytes.IndexByte(rest, '\n'); i >= 0 && i <= qpChunk {
		line = rest[:i]
		d.pos += i + 1
		hasNL = true
	} else if len(rest) > qpChunk {
		cut := qpChunk
		// Do not split an escape sequence.
		for k := cut - 1; k >= cut-2; k-- {
			if rest[k] == '=' {
				cut = k
				break
			}
		}
		line = rest[:cut]
		d.pos += cut
		complete = false
	} else {
		line = rest
		d.pos = len(d.src)
	}
	crlf := false
	if hasNL && len(line) > 0 && line[len(line)-1] == '\r' {
		line = line[:len(line)-1]
		crlf = true
	}
	soft := false
	if complete {
		line = bytes.TrimRight(line, " \t\r")
		if len(line) > 0 && line[len(line)-1] == '=' {
			line = line[:len(line)-1]
			soft = true
		}
	}
	for i := 0; i < len(line); i++ {
		c := line[i]
		if c != '=' {
			// copy the run up to the next '='
			j := bytes.IndexByte(line[i:], '=')
			if j < 0 {
				d.buf = append(d.buf, line[i:]...)
				break
			}
			d.buf = append(d.buf, line[i:i+j]...)
			i += j
			c = '='
		}
		if c == '=' {
			if i+2 < len(line) {
				h, ok1 := unhex(line[i+1])
				l, ok2 := unhex(line[i+2])
				if ok1 && ok2 {
					d.buf = append(d.buf, h<<4|l)
					i += 2
					continue
				}
			}
			d.bad++
		}
		d.buf = append(d.buf, c)
	}
	if hasNL && !soft {
		if crlf {
			d.buf = append(d.buf, '\r', '\n')
		} else {
			d.buf = append(d.buf, '\n')
		}
	}
}

func (d *qpDecoder) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if d.off < len(d.buf) {
			c := copy(p[n:], d.buf[d.off:])
			d.off += c
			n += c
			continue
		}
		if d.pos >= len(d.src) {
			if n == 0 {
				return 0, io.EOF
			}
			return n, nil
		}
		d.fill()
	}
	return n, nil
}

func (d *qpDecoder) problem() string {
	if d.bad > 0 {
		return fmt.Sprintf("broken quoted-printable: %d invalid escape(s) kept literally", d.bad)
	}
	return ""
}

// identity passes bytes through.
type identity struct{ *bytes.Reader }

func (identity) problem() string { return "" }

// normEncoding cleans a Content-Transfer-Encoding value.
func normEncoding(v string) string {
	v = strings.ToLower(strings.TrimSpace(v))
	if i := strings.IndexAny(v, "; \t"); i >= 0 {
		v = v[:i]
	}
	return strings.Trim(v, "\"'")
}

// newTransferDecoder returns a decoder for the encoding, and whether the
// encoding is known (unknown encodings pass bytes through).
func newTransferDecoder(enc string, body []byte) (transferDecoder, bool) {
	switch enc {
	case "base64", "base-64", "b64":
		return newB64(body), true
	case "quoted-printable", "quotedprintable", "quoted_printable", "qp":
		return newQP(body), true
	case "", "7bit", "8bit", "binary", "7-bit", "8-bit", "8bits", "7bits", "none":
		return identity{bytes.NewReader(body)}, true
	}
	return identity{bytes.NewReader(body)}, false
}

// decodeTransfer decodes a whole (text) body, keeping at most limit bytes.
func decodeTransfer(enc string, body []byte, limit int) (out []byte, problem string, known, truncated bool) {
	d, known := newTransferDecoder(enc, body)
	if _, ok := d.(identity); ok {
		if len(body) > limit {
			return body[:limit], "", known, true
		}
		return body, "", known, false
	}
	size := len(body) + 1024
	if size > limit+1024 {
		size = limit + 1024
	}
	var buf bytes.Buffer
	buf.Grow(size)
	n, _ := io.Copy(&buf, io.LimitReader(d, int64(limit)+1))
	out = buf.Bytes()
	if n > int64(limit) {
		out = out[:limit]
		truncated = true
	}
	return out, d.problem(), known, truncated
}

// countTransfer streams the decoded body to io.Discard and returns its size.
func countTransfer(enc string, body []byte) (int64, string, bool) {
	d, known := newTransferDecoder(enc, body)
	if _, ok := d.(identity); ok {
		return int64(len(body)), "", known
	}
	n, _ := io.Copy(io.Discard, d)
	return n, d.problem(), known
}
