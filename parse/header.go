package parse

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

const (
	maxHeaderBytes  = 1 << 20 // header block of one entity
	maxHeaderFields = 2000
)

// field is one header field with its unfolded raw value (not decoded).
type field struct {
	name  string
	value []byte
}

// header is an ordered list of fields; lookups are case-insensitive.
type header struct {
	fields []field
}

func (h *header) get(name string) []byte {
	for i := range h.fields {
		if strings.EqualFold(h.fields[i].name, name) {
			return h.fields[i].value
		}
	}
	return nil
}

func (h *header) has(name string) bool {
	for i := range h.fields {
		if strings.EqualFold(h.fields[i].name, name) {
			return true
		}
	}
	return false
}

func (h *header) getString(name string) string {
	return string(bytes.TrimSpace(h.get(name)))
}

// values returns all values of a field, in order.
func (h *header) values(name string) [][]byte {
	var out [][]byte
	for i := range h.fields {
		if strings.EqualFold(h.fields[i].name, name) {
			out = append(out, h.fields[i].value)
		}
	}
	return out
}

func validFieldName(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	for _, c := range b {
		if c < 33 || c > 126 || c == ':' {
			return false
		}
	}
	return true
}

// unfold removes CRLF/LF line breaks of folded header lines (keeping the
// whitespace that follows them) and trims surrounding whitespace.
func unfold(v []byte) []byte {
	if bytes.IndexByte(v, '\n') < 0 && bytes.IndexByte(v, '\r') < 0 {
		return bytes.TrimSpace(v)
	}
	out := make([]byte, 0, len(v))
	for _, c := range v {
		if c == '\r' || c == '\n' {
			continue
		}
		out = append(out, c)
	}
	return bytes.TrimSpace(out)
}

// readHeader splits b into header fields and body. It is lenient: a line
// that is not a field ends the header (the rest is body), a leading mbox
// "From " line is skipped at top level. ok is false only when not a single
// field could be read at top level; then errLine holds the offending line.
func readHeader(b []byte, top bool, problem func(string)) (h header, body []byte, ok bool, errLine string) {
	pos := 0
	if top {
		// Skip leading blank lines and an mbox separator.
		for pos < len(b) {
			end := bytes.IndexByte(b[pos:], '\n')
			line := b[pos:]
			if end >= 0 {
				line = b[pos : pos+end]
			}
			if len(bytes.TrimSpace(line)) == 0 && end >= 0 {
				pos += end + 1
				problem("empty line(s) before the header skipped")
				continue
			}
			if bytes.HasPrefix(line, []byte("From ")) || bytes.HasPrefix(line, []byte(">From ")) {
				if end < 0 {
					pos = len(b)
				} else {
					pos += end + 1
				}
				continue
			}
			break
		}
	}
	start := pos
	cur := -1 // index of the field being continued
	var valStart int
	finish := func(valEnd int) {
		if cur >= 0 {
			h.fields[cur].value = unfold(b[valStart:valEnd])
		}
		cur = -1
	}
	for pos < len(b) {
		if pos-start > maxHeaderBytes {
			finish(pos)
			problem(fmt.Sprintf("header larger than %d bytes; rest treated as body", maxHeaderBytes))
			return h, b[pos:], len(h.fields) > 0 || !top, ""
		}
		end := bytes.IndexByte(b[pos:], '\n')
		lineEnd, next := len(b), len(b)
		if end >= 0 {
			lineEnd, next = pos+end, pos+end+1
		}
		line := b[pos:lineEnd]
		line = bytes.TrimSuffix(line, []byte("\r"))
		if len(line) == 0 {
			finish(pos)
			return h, b[next:], len(h.fields) > 0 || !top, ""
		}
		if line[0] == ' ' || line[0] == '\t' {
			if cur < 0 {
				if len(bytes.TrimSpace(line)) == 0 {
					// whitespace-only line: treat as the end of the header
					finish(pos)
					return h, b[next:], len(h.fields) > 0 || !top, ""
				}
				problem("header continuation line without a field skipped")
			}
			pos = next
			continue
		}
		colon := bytes.IndexByte(line, ':')
		var name []byte
		if colon > 0 {
			name = bytes.TrimRight(line[:colon], " \t")
		}
		if !validFieldName(name) {
			finish(pos)
			if top && len(h.fields) == 0 {
				l := line
				if len(l) > 80 {
					l = l[:80]
				}
				return h, b[pos:], false, string(l)
			}
			if top {
				problem("header ended by a line that is not a field; rest treated as body")
			}
			return h, b[pos:], true, ""
		}
		finish(pos)
		if len(h.fields) >= maxHeaderFields {
			problem(fmt.Sprintf("more than %d header fields; rest ignored", maxHeaderFields))
			// skip to the end of the header
			if i := bytes.Index(b[pos:], []byte("\n\n")); i >= 0 {
				return h, b[pos+i+2:], true, ""
			}
			if i := bytes.Index(b[pos:], []byte("\r\n\r\n")); i >= 0 {
				return h, b[pos+i+4:], true, ""
			}
			return h, nil, true, ""
		}
		h.fields = append(h.fields, field{name: string(name)})
		cur = len(h.fields) - 1
		valStart = pos + colon + 1
		pos = next
	}
	finish(len(b))
	if top && len(h.fields) > 0 {
		problem("header not terminated by an empty line (no body)")
	}
	return h, nil, len(h.fields) > 0 || !top, ""
}

// hdrDecoder decodes header text: RFC 2047 encoded words (leniently) and raw
// 8-bit bytes.
type hdrDecoder struct {
	hint    string // charset used in the message body, for raw 8-bit bytes
	problem func(string)
}

// text decodes an unstructured header value (Subject, display names...).
func (d *hdrDecoder) text(raw []byte, where string) string {
	if len(raw) == 0 {
		return ""
	}
	if bytes.Index(raw, []byte("=?")) < 0 {
		if isASCII(raw) && bytes.IndexByte(raw, 0x1b) < 0 {
			return string(raw)
		}
		s, clean := decode8bitHeader(raw, d.hint)
		if !clean {
			d.problem(fmt.Sprintf("raw 8-bit bytes in %s are not UTF-8", where))
		}
		return s
	}
	var sb strings.Builder
	sb.Grow(len(raw))
	var pending []byte
	pendingCS := ""
	flush := func() {
		if pendingCS == "" {
			return
		}
		s, prob := decodeCharset(pending, pendingCS, d.hint)
		if prob != "" {
			d.problem(fmt.Sprintf("encoded word in %s: %s", where, prob))
		}
		sb.WriteString(s)
		pending = pending[:0]
		pendingCS = ""
	}
	writeLiteral := func(lit []byte) {
		if len(lit) == 0 {
			return
		}
		flush()
		if isASCII(lit) && bytes.IndexByte(lit, 0x1b) < 0 {
			sb.Write(lit)
			return
		}
		s, clean := decode8bitHeader(lit, d.hint)
		if !clean {
			d.problem(fmt.Sprintf("raw 8-bit bytes in %s are not UTF-8", where))
		}
		sb.WriteString(s)
	}
	i := 0
	prevEW := false
	lastMalformed := ""
	for i < len(raw) {
		j := bytes.Index(raw[i:], []byte("=?"))
		if j < 0 {
			writeLiteral(raw[i:])
			break
		}
		j += i
		ew, ok := parseEncodedWord(raw, j)
		if !ok {
			writeLiteral(raw[i : j+2])
			prevEW = false
			i = j + 2
			continue
		}
		lit := raw[i:j]
		if !(prevEW && len(bytes.TrimLeft(lit, " \t\r\n")) == 0) {
			writeLiteral(lit)
		}
		if ew.malformed != "" && ew.malformed != lastMalformed {
			lastMalformed = ew.malformed
			d.problem("malformed encoded word in " + where + ": " + ew.malformed)
		}
		cs := normCharset(ew.charset)
		if cs != pendingCS {
			flush()
			pendingCS = cs
		}
		pending = append(pending, ew.payload...)
		prevEW = true
		i = ew.end
	}
	flush()
	return sb.String()
}

// maxEncodedWord bounds the text of one encoded word (RFC 2047 says 75
// characters for the whole word; real mail has longer ones).
const maxEncodedWord = 2048

type encodedWord struct {
	charset   string
	payload   []byte
	end       int
	malformed string
}

func isB64Char(c byte) bool { return b64val[c] >= 0 || c == '=' }

// parseEncodedWord parses an RFC 2047 word starting at s[j:] ("=?").
// Tolerated defects: missing "?=" at the end (the word then ends at the
// next whitespace or encoded word), whitespace inside Q text, stray
// characters in B text, missing padding.
func parseEncodedWord(s []byte, j int) (encodedWord, bool) {
	var ew encodedWord
	p := j + 2
	q1 := -1
	for k := p; k < len(s) && k-p <= 64; k++ {
		c := s[k]
		if c == '?' {
			q1 = k
			break
		}
		if c <= ' ' || c >= 0x7f || c == '"' || c == '(' || c == ')' || c == '<' || c == '>' || c == ',' {
			return ew, false
		}
	}
	if q1 <= p || q1+2 >= len(s) || s[q1+2] != '?' {
		return ew, false
	}
	enc := s[q1+1] | 0x20
	if enc != 'b' && enc != 'q' {
		return ew, false
	}
	ew.charset = string(s[p:q1])
	if k := strings.IndexByte(ew.charset, '*'); k >= 0 { // RFC 2231 language
		ew.charset = ew.charset[:k]
	}
	if ew.charset == "" {
		return ew, false
	}
	t := q1 + 3
	rest := s[t:]
	// Bound the look-ahead so that headers full of "=?" stay linear.
	if len(rest) > maxEncodedWord {
		rest = rest[:maxEncodedWord]
	}
	closeAt := bytes.Index(rest, []byte("?="))
	next := nextEncodedWordStart(rest)
	wsLimit := len(rest)
	if closeAt >= 0 && next >= 0 {
		wsLimit = max(closeAt, next)
	}
	ws := -1
	for k := 0; k < wsLimit; k++ {
		if c := rest[k]; c == ' ' || c == '\t' || c == '\r' || c == '\n' {
			ws = k
			break
		}
	}
	var text []byte
	switch {
	case closeAt >= 0 && (ws < 0 || closeAt < ws) && (next < 0 || closeAt < next):
		text = rest[:closeAt]
		ew.end = t + closeAt + 2
	case enc == 'q' && closeAt >= 0 && (next < 0 || closeAt < next):
		text = rest[:closeAt]
		ew.end = t + closeAt + 2
		ew.malformed = "whitespace inside encoded word"
	default:
		stop := len(rest)
		if ws >= 0 {
			stop = ws
		}
		if next >= 0 && next < stop {
			stop = next
		}
		if closeAt >= 0 && closeAt < stop {
			stop = closeAt
		}
		text = rest[:stop]
		ew.end = t + stop
		// A lone "?" left before the next word belongs to a broken terminator.
		if bytes.HasSuffix(text, []byte("?")) {
			text = text[:len(text)-1]
		}
		ew.malformed = "missing ?= at end of encoded word"
	}
	if enc == 'b' {
		dec := newB64(text)
		out := make([]byte, 0, len(text)*3/4+2)
		var buf [256]byte
		for {
			n, err := dec.Read(buf[:])
			out = append(out, buf[:n]...)
			if err != nil {
				break
			}
		}
		if dec.stray > 0 && ew.malformed == "" {
			ew.malformed = "invalid base64 characters"
		}
		ew.payload = out
	} else {
		out := make([]byte, 0, len(text))
		for k := 0; k < len(text); k++ {
			c := text[k]
			switch {
			case c == '_':
				out = append(out, ' ')
			case c == '=' && k+2 < len(text):
				h, ok1 := unhex(text[k+1])
				l, ok2 := unhex(text[k+2])
				if ok1 && ok2 {
					out = append(out, h<<4|l)
					k += 2
				} else {
					out = append(out, c)
				}
			default:
				out = append(out, c)
			}
		}
		ew.payload = out
	}
	return ew, true
}

// nextEncodedWordStart finds the start of something that looks like an
// encoded word ("=?charset?b?") in s, or -1.
func nextEncodedWordStart(s []byte) int {
	off := 0
	for {
		k := bytes.Index(s[off:], []byte("=?"))
		if k < 0 {
			return -1
		}
		k += off
		p := k + 2
		win := s[p:]
		if len(win) > 66 {
			win = win[:66]
		}
		q := bytes.IndexByte(win, '?')
		if q > 0 && q <= 64 && p+q+2 < len(s) && s[p+q+2] == '?' {
			e := s[p+q+1] | 0x20
			if (e == 'b' || e == 'q') && !bytes.ContainsAny(s[p:p+q], " \t=") {
				return k
			}
		}
		off = k + 1
	}
}

// ---- addresses ----

// parseAddressList parses an address-list leniently: quoted display names
// with encoded words, missing angle brackets, comments, groups, unquoted
// commas in names.
func (d *hdrDecoder) addressList(raw []byte, where string) []Address {
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil
	}
	pieces := splitAddresses(raw)
	var out []Address
	for k := 0; k < len(pieces); k++ {
		p := bytes.TrimSpace(pieces[k])
		// "Doe, John <j@x>": a piece without '@' and '<' belongs to the next.
		if len(p) > 0 && !bytes.ContainsAny(p, "@<") && k+1 < len(pieces) &&
			bytes.ContainsAny(pieces[k+1], "<") {
			pieces[k+1] = append(append(append([]byte{}, p...), ','), pieces[k+1]...)
			continue
		}
		if a, ok := d.address(p, where); ok {
			out = append(out, a)
		}
	}
	return out
}

// splitAddresses splits at top-level commas/semicolons, and drops group
// names ("team: a@x, b@y;").
func splitAddresses(raw []byte) [][]byte {
	var out [][]byte
	inQuote, angle, paren := false, 0, 0
	start := 0
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch {
		case c == '\\' && (inQuote || paren > 0):
			i++
		case c == '"' && paren == 0:
			inQuote = !inQuote
		case inQuote:
		case c == '(':
			paren++
		case c == ')' && paren > 0:
			paren--
		case paren > 0:
		case c == '<':
			angle++
		case c == '>' && angle > 0:
			angle--
		case angle > 0:
		case c == ':':
			// group name: only if what precedes has no '@' and no '<'
			seg := raw[start:i]
			if !bytes.ContainsAny(seg, "@<") && !bytes.Contains(seg, []byte("=?")) {
				start = i + 1
			}
		case c == ',' || c == ';':
			out = append(out, raw[start:i])
			start = i + 1
		}
	}
	if start < len(raw) {
		out = append(out, raw[start:])
	}
	return out
}

// address parses one mailbox.
func (d *hdrDecoder) address(p []byte, where string) (Address, bool) {
	if len(p) == 0 {
		return Address{}, false
	}
	// Find the last top-level <...>.
	inQuote, paren := false, 0
	lt, gt := -1, -1
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c == '\\' && (inQuote || paren > 0):
			i++
		case c == '"' && paren == 0:
			inQuote = !inQuote
		case inQuote:
		case c == '(':
			paren++
		case c == ')' && paren > 0:
			paren--
		case paren > 0:
		case c == '<':
			lt, gt = i, -1
		case c == '>' && lt >= 0 && gt < 0:
			gt = i
		}
	}
	var nameRaw, addr []byte
	if lt >= 0 {
		end := len(p)
		if gt > lt {
			end = gt
		}
		addr = p[lt+1 : end]
		nameRaw = p[:lt]
		if gt > lt && gt+1 < len(p) {
			if rest := bytes.TrimSpace(p[gt+1:]); len(nameRaw) == 0 && len(rest) > 0 {
				nameRaw = rest
			}
		}
	} else {
		// addr-spec, maybe with a comment "(Name)" or a bare "Name x@y".
		var comment []byte
		stripped := make([]byte, 0, len(p))
		depth := 0
		for i := 0; i < len(p); i++ {
			c := p[i]
			switch {
			case c == '(':
				if depth > 0 {
					comment = append(comment, c)
				}
				depth++
			case c == ')' && depth > 0:
				depth--
				if depth > 0 {
					comment = append(comment, c)
				}
			case depth > 0:
				comment = append(comment, c)
			default:
				stripped = append(stripped, c)
			}
		}
		stripped = bytes.TrimSpace(stripped)
		fields := bytes.Fields(stripped)
		addr = stripped
		if len(fields) > 1 {
			for k, f := range fields {
				if bytes.IndexByte(f, '@') >= 0 {
					addr = f
					nameRaw = bytes.Join(append(append([][]byte{}, fields[:k]...), fields[k+1:]...), []byte(" "))
					break
				}
			}
		}
		if len(nameRaw) == 0 {
			nameRaw = comment
		}
	}
	a := Address{Name: d.phrase(nameRaw, where), Addr: cleanAddr(addr)}
	if a.Addr == "" && a.Name == "" {
		return a, false
	}
	if a.Addr == "" && strings.IndexByte(a.Name, '@') < 0 {
		// group with no members or garbage; keep the name only if it is text
		return a, a.Name != ""
	}
	return a, true
}

// cleanAddr normalises an addr-spec: whitespace, quotes around the whole
// thing, "mailto:", source routes; lower-cased.
func cleanAddr(b []byte) string {
	s := strings.TrimSpace(string(b))
	s = strings.Trim(s, "'<> \t")
	if len(s) > 7 && strings.EqualFold(s[:7], "mailto:") {
		s = s[7:]
	}
	if i := strings.LastIndexByte(s, ':'); i >= 0 && strings.HasPrefix(s, "@") { // @route,@route:addr
		s = s[i+1:]
	}
	s = strings.Join(strings.Fields(s), "")
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "")
	}
	return strings.ToLower(s)
}

// phrase decodes a display name: quoted strings are unquoted (encoded words
// inside them are decoded too, as real clients produce them), encoded words
// and raw 8-bit bytes decoded, whitespace collapsed.
func (d *hdrDecoder) phrase(raw []byte, where string) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return ""
	}
	var b []byte
	if bytes.IndexByte(raw, '"') >= 0 || bytes.IndexByte(raw, '\\') >= 0 {
		b = make([]byte, 0, len(raw))
		inQuote := false
		for i := 0; i < len(raw); i++ {
			c := raw[i]
			switch {
			case c == '\\' && inQuote && i+1 < len(raw):
				i++
				b = append(b, raw[i])
			case c == '"':
				inQuote = !inQuote
			default:
				b = append(b, c)
			}
		}
	} else {
		b = raw
	}
	s := d.text(b, where)
	s = collapseSpace(s)
	if n := len(s); n >= 2 && (s[0] == '\'' || s[0] == '"') && s[n-1] == s[0] {
		s = strings.TrimSpace(s[1 : n-1])
	}
	return s
}

// collapseSpace replaces runs of whitespace by one space and trims.
func collapseSpace(s string) string {
	need := false
	prevSpace := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		sp := c == ' ' || c == '\t' || c == '\r' || c == '\n'
		if sp && (prevSpace || c != ' ') {
			need = true
			break
		}
		prevSpace = sp
	}
	if !need && !strings.HasSuffix(s, " ") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// ---- message ids ----

// msgIDs extracts message ids (without angle brackets) in order, dropping
// duplicates. Bare ids without brackets are accepted when they contain '@'.
func msgIDs(raw []byte) []string {
	var out []string
	seen := map[string]bool{}
	addID := func(id string) {
		id = strings.TrimSpace(id)
		id = strings.Join(strings.Fields(id), "")
		if id == "" || seen[id] || !utf8.ValidString(id) {
			return
		}
		seen[id] = true
		out = append(out, id)
	}
	s := string(raw)
	if strings.IndexByte(s, '<') >= 0 {
		for {
			i := strings.IndexByte(s, '<')
			if i < 0 {
				break
			}
			j := strings.IndexByte(s[i+1:], '>')
			if j < 0 {
				addID(s[i+1:])
				break
			}
			addID(s[i+1 : i+1+j])
			s = s[i+1+j+1:]
		}
		return out
	}
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' }) {
		if strings.IndexByte(f, '@') > 0 {
			addID(f)
		}
	}
	return out
}
