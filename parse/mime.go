package parse

import (
	"bytes"
	"sort"
	"strconv"
	"strings"
)

// mediaHeader is a parsed Content-Type or Content-Disposition value.
type mediaHeader struct {
	value  string            // lower-cased, e.g. "text/plain", "attachment"
	params map[string]string // lower-cased keys, decoded values
}

type rawParam struct {
	key      string // lower-case, without RFC 2231 suffixes
	section  int    // -1 when not a continuation
	extended bool   // value is charset'lang'%XX encoded
	value    []byte
}

// parseMediaHeader parses "value; k=v; k*=utf-8”x; k*0*=...; k*1=..." leniently:
// missing semicolons, unterminated quotes, duplicated keys (first wins),
// RFC 2231 continuations and charsets, RFC 2047 words and raw 8-bit bytes
// in values.
func parseMediaHeader(v []byte, d *hdrDecoder, where string) mediaHeader {
	var mh mediaHeader
	i := 0
	// main value: up to ';' (or whitespace followed by something with '=')
	for i < len(v) && v[i] != ';' {
		i++
	}
	main := bytes.TrimSpace(v[:i])
	if sp := bytes.IndexAny(main, " \t"); sp >= 0 && bytes.IndexByte(main[sp:], '=') >= 0 {
		i = sp
		main = main[:sp]
	}
	mh.value = strings.ToLower(strings.Trim(string(main), "\"' "))
	var raws []rawParam
	for i < len(v) {
		// skip separators
		for i < len(v) && (v[i] == ';' || v[i] == ' ' || v[i] == '\t' || v[i] == '\r' || v[i] == '\n') {
			i++
		}
		if i >= len(v) {
			break
		}
		ks := i
		for i < len(v) && v[i] != '=' && v[i] != ';' {
			i++
		}
		key := strings.ToLower(strings.TrimSpace(string(v[ks:i])))
		if i >= len(v) || v[i] == ';' {
			continue // attribute without value
		}
		i++ // '='
		for i < len(v) && (v[i] == ' ' || v[i] == '\t') {
			i++
		}
		var val []byte
		if i < len(v) && v[i] == '"' {
			i++
			var b []byte
			for i < len(v) && v[i] != '"' {
				if v[i] == '\\' && i+1 < len(v) {
					i++
				}
				b = append(b, v[i])
				i++
			}
			i++ // closing quote (or past end)
			val = b
			// junk until ';'
			for i < len(v) && v[i] != ';' {
				i++
			}
		} else {
			vs := i
			for i < len(v) && v[i] != ';' {
				i++
			}
			val = bytes.TrimSpace(v[vs:i])
		}
		if key == "" {
			continue
		}
		rp := rawParam{key: key, section: -1, value: val}
		if star := strings.IndexByte(key, '*'); star >= 0 {
			rp.key = key[:star]
			suffix := key[star+1:]
			if strings.HasSuffix(suffix, "*") {
				rp.extended = true
				suffix = suffix[:len(suffix)-1]
			} else if suffix == "" {
				rp.extended = true
			}
			if suffix != "" {
				if n, err := strconv.Atoi(suffix); err == nil && n >= 0 && n < 1000 {
					rp.section = n
				} else {
					continue
				}
			}
		}
		raws = append(raws, rp)
	}
	if len(raws) == 0 {
		return mh
	}
	mh.params = make(map[string]string, len(raws))
	// RFC 2231 values win over plain ones.
	var rfc2231 map[string][]rawParam
	for _, rp := range raws {
		if rp.section >= 0 || rp.extended {
			if rfc2231 == nil {
				rfc2231 = map[string][]rawParam{}
			}
			rfc2231[rp.key] = append(rfc2231[rp.key], rp)
			continue
		}
		if _, dup := mh.params[rp.key]; dup {
			continue
		}
		if rp.key == "boundary" {
			mh.params[rp.key] = string(rp.value)
			continue
		}
		mh.params[rp.key] = d.text(rp.value, where+" parameter "+rp.key)
	}
	for key, list := range rfc2231 {
		sort.SliceStable(list, func(a, b int) bool { return list[a].section < list[b].section })
		var buf []byte
		charset := ""
		for n, rp := range list {
			val := rp.value
			if rp.extended {
				if n == 0 {
					if q1 := bytes.IndexByte(val, '\''); q1 >= 0 {
						if q2 := bytes.IndexByte(val[q1+1:], '\''); q2 >= 0 {
							charset = string(val[:q1])
							val = val[q1+1+q2+1:]
						}
					}
				}
				buf = append(buf, pctDecode(val)...)
			} else {
				buf = append(buf, val...)
			}
		}
		var s string
		if charset != "" {
			var prob string
			s, prob = decodeCharset(buf, charset, d.hint)
			if prob != "" {
				d.problem(where + " parameter " + key + ": " + prob)
			}
		} else {
			s = d.text(buf, where+" parameter "+key)
		}
		mh.params[key] = s
	}
	return mh
}

func pctDecode(b []byte) []byte {
	if bytes.IndexByte(b, '%') < 0 {
		return b
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] == '%' && i+2 < len(b) {
			h, ok1 := unhex(b[i+1])
			l, ok2 := unhex(b[i+2])
			if ok1 && ok2 {
				out = append(out, h<<4|l)
				i += 2
				continue
			}
		}
		out = append(out, b[i])
	}
	return out
}

// splitMultipart splits a multipart body at lines "--boundary". It returns
// the parts (without the line break before each delimiter), whether any
// delimiter was found, and whether the closing delimiter was seen.
func splitMultipart(body []byte, boundary string) (parts [][]byte, found, closed bool) {
	if boundary == "" {
		return nil, false, false
	}
	delim := []byte("--" + boundary)
	partStart := -1
	pos := 0
	for pos <= len(body) {
		k := bytes.Index(body[pos:], delim)
		if k < 0 {
			break
		}
		at := pos + k
		pos = at + len(delim)
		if at > 0 && body[at-1] != '\n' {
			continue
		}
		rest := body[at+len(delim):]
		isClose := bytes.HasPrefix(rest, []byte("--"))
		r := rest
		if isClose {
			r = rest[2:]
		}
		// the rest of the line must be whitespace
		lineEnd := bytes.IndexByte(r, '\n')
		tail := r
		if lineEnd >= 0 {
			tail = r[:lineEnd]
		}
		if len(bytes.Trim(tail, " \t\r")) != 0 {
			continue
		}
		found = true
		if partStart >= 0 {
			end := at
			if end > partStart && body[end-1] == '\n' {
				end--
				if end > partStart && body[end-1] == '\r' {
					end--
				}
			}
			parts = append(parts, body[partStart:end])
		}
		if isClose {
			return parts, true, true
		}
		if lineEnd < 0 {
			partStart = len(body)
			pos = len(body) + 1
			break
		}
		partStart = at + len(delim) + lineEnd + 1
		pos = partStart
	}
	if partStart >= 0 && partStart <= len(body) {
		if partStart < len(body) {
			parts = append(parts, body[partStart:])
		}
	}
	return parts, found, false
}

// detectBoundary guesses the boundary of a multipart body whose boundary
// parameter is missing or wrong: the first "--token" line followed by a
// header-looking line.
func detectBoundary(body []byte) string {
	pos := 0
	for lines := 0; pos < len(body) && lines < 2000; lines++ {
		end := bytes.IndexByte(body[pos:], '\n')
		line := body[pos:]
		next := len(body)
		if end >= 0 {
			line = body[pos : pos+end]
			next = pos + end + 1
		}
		line = bytes.TrimRight(line, " \t\r")
		if len(line) > 2 && len(line) <= 74 && line[0] == '-' && line[1] == '-' && bytes.IndexAny(line, " \t") < 0 {
			nl := body[next:]
			if len(nl) > 8 && (bytes.EqualFold(nl[:8], []byte("content-")) || bytes.EqualFold(nl[:min(len(nl), 13)], []byte("mime-version:"))) {
				return strings.TrimSuffix(string(line[2:]), "--")
			}
		}
		pos = next
	}
	return ""
}
