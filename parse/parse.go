// Package parse turns one raw RFC 5322 message into a structured record for
// the mail desk: decoded headers, readable text, the sender's new text split
// from quoted history and signature, attachment metadata, the marketplace
// channel with order/ASIN/SKU, and the headers that mark automatic mail.
//
// Parsing is lenient: real mail from many clients and languages is full of
// defects (unknown or wrong charsets, malformed encoded words, broken
// base64, missing boundaries, truncation). Parse decodes what it can and
// lists each defect in Message.Problems. It returns an error only when not
// even the header can be read, and it never panics.
//
// Attachment bodies are never kept: they are decoded as a stream into
// io.Discard to measure their size.
package parse

import (
	"bytes"
	"errors"
	"fmt"
	"runtime/debug"
	"strings"
	"time"
	"unicode/utf8"
)

// Address is a mailbox. Addr is lower-cased; Name is the decoded display name.
type Address struct{ Name, Addr string }

// Attachment describes a non-body part. Size is the decoded size in bytes.
type Attachment struct {
	Filename, ContentType, ContentID string
	Size                             int64
	Inline                           bool
}

// Auto records headers that mark a message as automatic (RFC 3834, RFC 2369,
// RFC 3462/6522 reports, vendor headers), for the classifier to judge.
type Auto struct {
	AutoSubmitted            string // value of Auto-Submitted, "" if absent
	XAutoreply, XAutorespond bool
	Precedence               string // bulk | junk | list | ...
	ListID, ListUnsubscribe  string
	ReturnPathEmpty          bool   // Return-Path: <>
	Report                   bool   // multipart/report
	ReportType               string // delivery-status | disposition-notification | ...
	XAutoResponseSuppress    string
	FeedbackID               string // Feedback-ID, else X-Feedback-ID / X-SES-Outgoing
}

// Message is the parsed record of one mail.
type Message struct {
	MessageID  string   // without angle brackets; "" if absent
	InReplyTo  []string // ids without angle brackets, in order
	References []string // ids without angle brackets, in order, duplicates dropped
	From       Address
	Sender     Address
	To, Cc     []Address
	ReplyTo    []Address
	Subject    string    // decoded
	Date       time.Time // zero if missing/unparseable
	// Text is the readable plain text of the whole body: text/plain parts
	// preferred, else HTML turned into text. Line ends are "\n".
	Text string
	// HTML is the text/html body decoded to UTF-8, unsanitised ("" if none).
	HTML string
	// NewText is the sender's own new text: quoted history, signature and
	// marketplace boilerplate removed. For relayed marketplace messages it
	// is the buyer's words only.
	NewText     string
	Quoted      string // quoted history split off NewText
	Signature   string
	Attachments []Attachment
	Channel     string // amazon | ebay | walmart | tiktok | aliexpress | shopify | mail
	OrderID     string
	ASIN        string
	SKU         string
	Auto        Auto
	Problems    []string // non-fatal defects found while parsing
}

// Limits applied while walking the MIME tree.
const (
	MaxDepth       = 30       // nesting of multiparts
	MaxParts       = 1000     // parts in one message
	maxTextBytes   = 8 << 20  // decoded bytes kept per text part
	maxTotalText   = 16 << 20 // decoded text kept for the whole message
	maxProblems    = 100
	maxAttachments = MaxParts
)

// Channel names.
const (
	ChannelAmazon     = "amazon"
	ChannelEbay       = "ebay"
	ChannelWalmart    = "walmart"
	ChannelTikTok     = "tiktok"
	ChannelAliExpress = "aliexpress"
	ChannelShopify    = "shopify"
	ChannelMail       = "mail"
)

// ErrNoHeader is wrapped by the error Parse returns when the input has no
// readable header.
var ErrNoHeader = errors.New("no readable header")

// Parse parses one raw RFC 5322 message. It returns an error (wrapping
// ErrNoHeader) only when not even the header can be read; otherwise it
// returns the best partial Message with any defects listed in Problems.
func Parse(raw []byte) (msg *Message, err error) {
	defer func() {
		if r := recover(); r != nil {
			// Last defence: should never happen. Report instead of crashing
			// the caller; the stack goes into the error for the bug report.
			msg = nil
			err = fmt.Errorf("parse: internal error: %v\n%s", r, debug.Stack())
		}
	}()
	return parse(raw)
}

type parser struct {
	m        *Message
	seen     map[string]bool
	dec      hdrDecoder
	parts    int
	partsCap bool
	depthCap bool
	textLen  int
	hint     string // first declared non-UTF-8 text charset
}

func (p *parser) problem(s string) {
	if p.seen[s] {
		return
	}
	p.seen[s] = true
	if len(p.m.Problems) == maxProblems {
		p.m.Problems = append(p.m.Problems, "too many problems; rest not listed")
	}
	if len(p.m.Problems) > maxProblems {
		return
	}
	p.m.Problems = append(p.m.Problems, s)
}

func parse(raw []byte) (*Message, error) {
	if len(raw) == 0 {
		return nil, fmt.Errorf("parse: empty input: %w", ErrNoHeader)
	}
	p := &parser{m: &Message{}, seen: map[string]bool{}}
	p.dec.problem = p.problem
	h, body, ok, bad := readHeader(raw, true, p.problem)
	if !ok {
		if bad == "" {
			return nil, fmt.Errorf("parse: no header fields before the body: %w", ErrNoHeader)
		}
		return nil, fmt.Errorf("parse: line 1 is not a header field (%q): %w", sanitizeLine(bad), ErrNoHeader)
	}
	m := p.m

	// Body first: it tells which charset raw 8-bit header bytes likely use.
	segs := p.walk(&h, body, "", 0, false)
	p.dec.hint = p.hint

	p.headers(&h)
	p.body(segs)
	p.derive(&h)
	if m.Problems == nil {
		m.Problems = []string{}
	}
	return m, nil
}

func sanitizeLine(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "?")
	}
	return s
}

// headers fills the header-derived fields.
func (p *parser) headers(h *header) {
	m := p.m
	d := &p.dec
	if ids := msgIDs(h.get("Message-Id")); len(ids) > 0 {
		m.MessageID = ids[0]
	} else if v := h.getString("Message-Id"); v != "" {
		p.problem("malformed Message-ID header")
	}
	m.InReplyTo = msgIDs(h.get("In-Reply-To"))
	if refs := h.values("References"); len(refs) == 1 {
		m.References = msgIDs(refs[0])
	} else if len(refs) > 1 {
		m.References = msgIDs(bytes.Join(refs, []byte(" ")))
	}
	if l := d.addressList(h.get("From"), "From"); len(l) > 0 {
		m.From = l[0]
	}
	if l := d.addressList(h.get("Sender"), "Sender"); len(l) > 0 {
		m.Sender = l[0]
	}
	for _, v := range h.values("To") {
		m.To = append(m.To, d.addressList(v, "To")...)
	}
	for _, v := range h.values("Cc") {
		m.Cc = append(m.Cc, d.addressList(v, "Cc")...)
	}
	m.ReplyTo = d.addressList(h.get("Reply-To"), "Reply-To")
	m.Subject = collapseSpace(d.text(h.get("Subject"), "Subject"))
	if dv := h.getString("Date"); dv != "" {
		if t, ok := parseDate(dv); ok {
			m.Date = t
		} else {
			p.problem(fmt.Sprintf("bad Date header %q", sanitizeLine(truncate(dv, 80))))
		}
	} else {
		p.problem("missing Date header")
	}

	a := &m.Auto
	a.AutoSubmitted = h.getString("Auto-Submitted")
	a.XAutoreply = flagHeader(h, "X-Autoreply")
	a.XAutorespond = flagHeader(h, "X-Autorespond")
	a.Precedence = strings.ToLower(h.getString("Precedence"))
	a.ListID = sanitizeLine(d.text(h.get("List-Id"), "List-Id"))
	a.ListUnsubscribe = sanitizeLine(h.getString("List-Unsubscribe"))
	if rp := h.get("Return-Path"); rp != nil {
		s := strings.Join(strings.Fields(string(rp)), "")
		a.ReturnPathEmpty = s == "<>" || s == ""
	}
	a.XAutoResponseSuppress = h.getString("X-Auto-Response-Suppress")
	for _, k := range []string{"Feedback-Id", "X-Feedback-Id", "X-Ses-Outgoing"} {
		if v := h.getString(k); v != "" {
			a.FeedbackID = sanitizeLine(v)
			break
		}
	}
}

func flagHeader(h *header, name string) bool {
	if !h.has(name) {
		return false
	}
	switch strings.ToLower(h.getString(name)) {
	case "no", "false", "0", "off":
		return false
	}
	return true
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// textSeg is one body contribution: a plain and/or HTML rendering of the
// same content (HTML-only or plain-only for most parts; both for
// multipart/alternative).
type textSeg struct {
	plain, html       string
	hasPlain, hasHTML bool
}

func partName(path string) string {
	if path == "" {
		return "part 1"
	}
	return "part " + path
}

func childPath(path string, i int) string {
	if path == "" {
		return fmt.Sprint(i + 1)
	}
	return fmt.Sprintf("%s.%d", path, i+1)
}

// walk visits one entity and returns its body text contributions.
// Attachments are appended to the message as they are found.
func (p *parser) walk(h *header, body []byte, path string, depth int, inDigest bool) []textSeg {
	p.parts++
	if p.parts > MaxParts {
		if !p.partsCap {
			p.partsCap = true
			p.problem(fmt.Sprintf("more than %d MIME parts; the rest is ignored", MaxParts))
		}
		return nil
	}
	where := partName(path)
	ctRaw := h.get("Content-Type")
	ct := parseMediaHeader(ctRaw, &p.dec, where+" Content-Type")
	if ct.value == "" {
		if inDigest {
			ct.value = "message/rfc822"
		} else {
			ct.value = "text/plain"
		}
	} else if strings.IndexByte(ct.value, '/') < 0 {
		if ct.value != "text" {
			p.problem(fmt.Sprintf("invalid Content-Type %q in %s; treated as text/plain", sanitizeLine(truncate(ct.value, 40)), where))
		}
		ct.value = "text/plain"
	}
	disp := parseMediaHeader(h.get("Content-Disposition"), &p.dec, where+" Content-Disposition")
	enc := normEncoding(string(h.get("Content-Transfer-Encoding")))

	if strings.HasPrefix(ct.value, "multipart/") {
		return p.multipart(h, ct, body, path, depth)
	}

	filename := disp.params["filename"]
	if filename == "" {
		filename = ct.params["name"]
	}
	switch ct.value {
	case "text/plain", "text/html", "text/enriched", "text/richtext":
		if disp.value != "attachment" && filename == "" {
			return p.textPart(ct, enc, body, where)
		}
	case "text/x-amp-html":
		if disp.value == "" {
			return nil // AMP alternative: neither body nor attachment
		}
	}
	p.attachment(h, ct, disp, filename, enc, body, where)
	return nil
}

func (p *parser) multipart(h *header, ct mediaHeader, body []byte, path string, depth int) []textSeg {
	where := partName(path)
	if path == "" {
		where = "message body"
	}
	if depth >= MaxDepth {
		if !p.depthCap {
			p.depthCap = true
			p.problem(fmt.Sprintf("MIME nesting deeper than %d levels at %s; not descending", MaxDepth, where))
		}
		return nil
	}
	if ct.value == "multipart/report" && !p.m.Auto.Report {
		p.m.Auto.Report = true
		p.m.Auto.ReportType = strings.ToLower(strings.TrimSpace(ct.params["report-type"]))
	}
	boundary := ct.params["boundary"]
	parts, found, closed := splitMultipart(body, boundary)
	if !found {
		guess := detectBoundary(body)
		if boundary == "" {
			p.problem(fmt.Sprintf("%s in %s has no boundary parameter", ct.value, where))
		} else {
			p.problem(fmt.Sprintf("boundary %q of %s not found", sanitizeLine(truncate(boundary, 70)), where))
		}
		if guess != "" && guess != boundary {
			parts, found, closed = splitMultipart(body, guess)
			if found {
				p.problem(fmt.Sprintf("used boundary %q found in the body of %s", sanitizeLine(guess), where))
			}
		}
		if !found {
			// Treat the body as plain text so that nothing readable is lost.
			fake := mediaHeader{value: "text/plain"}
			return p.textPart(fake, normEncoding(string(h.get("Content-Transfer-Encoding"))), body, where)
		}
	}
	if !closed {
		p.problem(fmt.Sprintf("closing boundary of %s missing (truncated message?)", where))
	}
	digest := ct.value == "multipart/digest"
	children := make([][]textSeg, 0, len(parts))
	for i, raw := range parts {
		if p.parts >= MaxParts {
			p.walk(&header{}, nil, childPath(path, i), depth+1, digest) // records the cap
			break
		}
		ph, pb, _, _ := readHeader(raw, false, p.problem)
		children = append(children, p.walk(&ph, pb, childPath(path, i), depth+1, digest))
	}
	if ct.value != "multipart/alternative" {
		var out []textSeg
		for _, c := range children {
			out = append(out, c...)
		}
		return out
	}
	// Alternative: plain from the first child that has non-blank plain
	// text, HTML from the last child that has HTML.
	var seg textSeg
	for _, c := range children {
		var pl []string
		for _, s := range c {
			if s.hasPlain && strings.TrimSpace(s.plain) != "" {
				pl = append(pl, s.plain)
			}
		}
		if len(pl) > 0 {
			seg.plain, seg.hasPlain = strings.Join(pl, "\n\n"), true
			break
		}
	}
	for k := len(children) - 1; k >= 0; k-- {
		var hl []string
		for _, s := range children[k] {
			if s.hasHTML {
				hl = append(hl, s.html)
			}
		}
		if len(hl) > 0 {
			seg.html, seg.hasHTML = strings.Join(hl, "\n"), true
			break
		}
	}
	if !seg.hasPlain && !seg.hasHTML {
		// e.g. alternative of two plain parts that are blank
		for _, c := range children {
			if len(c) > 0 {
				return c
			}
		}
		return nil
	}
	return []textSeg{seg}
}

// textPart decodes a text/plain or text/html body part.
func (p *parser) textPart(ct mediaHeader, enc string, body []byte, where string) []textSeg {
	limit := maxTextBytes
	if rem := maxTotalText - p.textLen; rem < limit {
		limit = rem
	}
	if limit <= 0 {
		p.problem("total text size limit reached; further text parts skipped")
		return nil
	}
	data, prob, known, truncated := decodeTransfer(enc, body, limit)
	if !known {
		p.problem(fmt.Sprintf("unknown Content-Transfer-Encoding %q in %s; used as is", sanitizeLine(truncate(enc, 40)), where))
	}
	if prob != "" {
		p.problem(prob + " in " + where)
	}
	if truncated {
		p.problem(fmt.Sprintf("%s larger than %d bytes; truncated", where, limit))
	}
	cs, hasCS := ct.params["charset"]
	isHTML := ct.value == "text/html"
	if (!hasCS || strings.TrimSpace(cs) == "") && isHTML {
		cs = sniffHTMLCharset(data)
	}
	if norm := normCharset(cs); p.hint == "" && norm != "" {
		if _, enc, _ := lookupCharset(norm); enc != nil && !isASCII(data) {
			p.hint = norm
		}
	}
	text, cprob := decodeCharset(data, cs, p.hint)
	if cprob != "" {
		p.problem(cprob + " in " + where)
	}
	text = cleanText(text)
	p.textLen += len(text)
	if isHTML {
		return []textSeg{{html: text, hasHTML: true}}
	}
	if ct.value == "text/enriched" || ct.value == "text/richtext" {
		text = enrichedToText(text)
	} else if strings.EqualFold(ct.params["format"], "flowed") {
		text = unflow(text, strings.EqualFold(ct.params["delsp"], "yes"))
	}
	return []textSeg{{plain: text, hasPlain: true}}
}

// cleanText normalises line ends to "\n" and removes NULs and a leading BOM.
func cleanText(s string) string {
	if i := strings.IndexByte(s, '\r'); i >= 0 {
		b := make([]byte, 0, len(s))
		for {
			b = append(b, s[:i]...)
			if i+1 < len(s) && s[i+1] == '\n' {
				s = s[i+1:]
			} else {
				b = append(b, '\n')
				s = s[i+1:]
			}
			i = strings.IndexByte(s, '\r')
			if i < 0 {
				b = append(b, s...)
				break
			}
		}
		s = string(b)
	}
	if strings.IndexByte(s, 0) >= 0 {
		s = strings.ReplaceAll(s, "\x00", "")
	}
	s = strings.TrimPrefix(s, "\uFEFF")
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return s
}

// enrichedToText strips text/enriched formatting commands.
func enrichedToText(s string) string {
	var sb strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '<' {
			if i+1 < len(s) && s[i+1] == '<' {
				sb.WriteByte('<')
				i++
				continue
			}
			if j := strings.IndexByte(s[i:], '>'); j > 0 && j < 64 {
				i += j
				continue
			}
		}
		sb.WriteByte(c)
	}
	return sb.String()
}

// unflow joins RFC 3676 format=flowed soft line breaks.
func unflow(s string, delsp bool) string {
	lines := strings.Split(s, "\n")
	var sb strings.Builder
	sb.Grow(len(s))
	prevSoft := false
	prevDepth := 0
	for i, l := range lines {
		depth := 0
		for depth < len(l) && l[depth] == '>' {
			depth++
		}
		content := l[depth:]
		content = strings.TrimPrefix(content, " ") // space stuffing
		if prevSoft && depth == prevDepth {
			// continue the previous line
		} else if i > 0 {
			sb.WriteByte('\n')
			if depth > 0 {
				sb.WriteString(strings.Repeat(">", depth) + " ")
			}
		} else if depth > 0 {
			sb.WriteString(strings.Repeat(">", depth) + " ")
		}
		soft := strings.HasSuffix(content, " ") && content != "-- "
		if soft && delsp {
			content = content[:len(content)-1]
		}
		sb.WriteString(content)
		prevSoft, prevDepth = soft, depth
	}
	return sb.String()
}

// attachment records a non-body part without keeping its bytes.
func (p *parser) attachment(h *header, ct, disp mediaHeader, filename, enc string, body []byte, where string) {
	size, prob, known := countTransfer(enc, body)
	if !known {
		p.problem(fmt.Sprintf("unknown Content-Transfer-Encoding %q in %s; size is of the raw bytes", sanitizeLine(truncate(enc, 40)), where))
	}
	if prob != "" {
		p.problem(prob + " in " + where)
	}
	cid := ""
	if ids := msgIDs(h.get("Content-Id")); len(ids) > 0 {
		cid = ids[0]
	} else {
		cid = strings.Trim(h.getString("Content-Id"), "<> ")
	}
	a := Attachment{
		Filename:    sanitizeLine(strings.TrimSpace(filename)),
		ContentType: sanitizeLine(ct.value),
		ContentID:   sanitizeLine(cid),
		Size:        size,
		Inline:      disp.value == "inline" || (disp.value == "" && cid != ""),
	}
	if len(p.m.Attachments) < maxAttachments {
		p.m.Attachments = append(p.m.Attachments, a)
	}
}

// body assembles Text and HTML from the walked segments.
func (p *parser) body(segs []textSeg) {
	var texts, htmls []string
	for _, s := range segs {
		if s.hasHTML {
			htmls = append(htmls, s.html)
		}
		switch {
		case s.hasPlain && strings.TrimSpace(s.plain) != "":
			texts = append(texts, strings.TrimSpace(trimTrailingSpaces(s.plain)))
		case s.hasHTML:
			if t := htmlToText(s.html); t != "" {
				texts = append(texts, t)
			}
		}
	}
	p.m.Text = strings.Join(texts, "\n\n")
	p.m.HTML = strings.Join(htmls, "\n")
}

// trimTrailingSpaces removes spaces and tabs at the end of each line.
func trimTrailingSpaces(s string) string {
	if !strings.Contains(s, " \n") && !strings.Contains(s, "\t\n") {
		return s
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	return strings.Join(lines, "\n")
}

// derive computes NewText/Quoted/Signature, channel and ids.
func (p *parser) derive(h *header) {
	m := p.m
	lines := strings.Split(m.Text, "\n")
	m.Channel = detectChannel(m, h, lines)
	buyer, ok := extractRelay(m.Channel, m.Text, lines)
	if ok {
		m.NewText, m.Quoted, m.Signature = SplitQuoted(buyer)
		if strings.TrimSpace(m.NewText) == "" && strings.TrimSpace(m.Quoted) == "" {
			ok = false
		}
	}
	if !ok {
		m.NewText, m.Quoted, m.Signature = splitQuotedLines(lines, 0)
	}
	m.OrderID = findOrderID(m.Channel, m.Subject, m.NewText, m.Text)
	m.ASIN = findASIN(m.Subject, m.Text)
	m.SKU = findSKU(m.Text)
}

// bytesHasFoldPrefix reports whether b starts with prefix, ASCII case-insensitively.
func bytesHasFoldPrefix(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && bytes.EqualFold(b[:len(prefix)], []byte(prefix))
}
