// Package testcorpus generates a deterministic corpus of realistic, varied
// buyer/shop e-mail for tests and benchmarks: buyers writing in 18 languages
// about orders (Amazon-style order ids, tracking numbers, refunds, returns,
// damaged items, product questions), the shop's answers, marketplace relays
// (Amazon buyer-seller messaging, eBay, Walmart), newsletters, auto-replies,
// bounces, and a few deliberately malformed messages.
//
// The MIME mix: text/plain UTF-8 (8bit, quoted-printable, base64),
// multipart/alternative, HTML-only, multipart/mixed with PDF/CSV/JPEG
// attachments (RFC 2231 file names), multipart/report, and legacy charsets
// (GBK, GB2312, Big5, ISO-2022-JP, Shift_JIS, EUC-JP, EUC-KR, KOI8-R,
// ISO-8859-1, ISO-8859-2, windows-1251, windows-1252) with RFC 2047 B/Q
// encoded headers and base64, quoted-printable, 7bit or raw 8bit bodies.
// About a quarter of the messages reply to earlier ones (In-Reply-To and
// References), so threads exist. All lines end in CRLF.
package testcorpus

import (
	"bytes"
	"encoding/base64"
	"html"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// Message is one generated message.
type Message struct {
	Raw       []byte    // the RFC 5322 message, CRLF line ends
	MessageID string    // Message-ID without angle brackets, unique in a corpus
	Subject   string    // the decoded subject
	Charset   string    // charset of the main text part, lower case ("utf-8", "gbk", ...)
	Kind      string    // see the Kind* constants
	Lang      string    // language of the text (BCP 47: "en", "zh-Hans", ...)
	From      string    // sender address
	Date      time.Time // the Date header
	InReplyTo string    // MessageID of the parent ("" if not a reply)
	Flags     []string  // plausible IMAP flags (\Seen, \Flagged, \Answered, $Junk)
}

// Kinds of messages.
const (
	KindPlain       = "plain"       // text/plain UTF-8
	KindAlternative = "alternative" // multipart/alternative text + HTML
	KindHTML        = "html"        // text/html only
	KindAttachment  = "attachment"  // multipart/mixed with attachments
	KindLegacy      = "legacy"      // text in a legacy charset
	KindMarketplace = "marketplace" // Amazon, eBay or Walmart relay
	KindNewsletter  = "newsletter"  // bulk HTML with List-Unsubscribe
	KindAutoReply   = "autoreply"   // out-of-office answer
	KindBounce      = "bounce"      // multipart/report delivery status
	KindMalformed   = "malformed"   // broken on purpose
)

// Kinds lists every kind.
var Kinds = []string{KindPlain, KindAlternative, KindHTML, KindAttachment, KindLegacy,
	KindMarketplace, KindNewsletter, KindAutoReply, KindBounce, KindMalformed}

// kind weights, per mille
var kindWeights = []struct {
	kind string
	w    int
}{
	{KindPlain, 275}, {KindAlternative, 200}, {KindHTML, 60}, {KindAttachment, 75},
	{KindLegacy, 170}, {KindMarketplace, 120}, {KindNewsletter, 65}, {KindAutoReply, 20},
	{KindBounce, 10}, {KindMalformed, 5},
}

// ShopAddress is the address buyers write to.
const ShopAddress = "support@shop.test"

const (
	shopName    = "Nordlicht Home & Garden"
	shopFrom    = "Nordlicht Support"
	replyChance = 0.26 // of conversational messages; ~25% of all
)

// Generate returns n messages. The same seed always yields the same
// messages, and a shorter corpus is a prefix of a longer one.
func Generate(seed int64, n int) []Message {
	g := &gen{
		r:     rand.New(rand.NewPCG(uint64(seed), 0x9e3779b97f4a7c15)),
		start: time.Date(2026, 6, 1, 7, 0, 0, 0, time.UTC),
		seed:  seed,
	}
	g.langTotal = 0
	for _, l := range languages {
		g.langTotal += l.weight
	}
	out := make([]Message, n)
	g.metas = make([]*meta, 0, n)
	for i := range out {
		out[i] = g.message(i)
	}
	return out
}

// party: the buyer side of a conversation.
type party struct {
	lang     *language
	name     string
	addr     string // buyer address, or the marketplace relay address
	order    string
	product  string
	tracking string
	topic    int
	days     int
	market   int // index into markets, -1 for direct mail
}

// meta: what later messages need to know about an earlier one.
type meta struct {
	id       string
	refs     []string
	subject  string
	text     string // plain text (own part, for quoting)
	fromShop bool
	p        *party
	date     time.Time
	fromHdr  string
	charset  *charsetInfo
	fromName string
	fromAddr string
	rawHead  string // header block, for bounces
}

type gen struct {
	r         *rand.Rand
	start     time.Time
	seed      int64
	langTotal int
	metas     []*meta
	convo     []int // indexes of direct conversational messages
	market    []int // indexes of marketplace messages
	shopSent  []int // indexes of messages the shop sent
	legacyN   int
	malformN  int
	scratch   msgBuilder // reused by every message; join copies the result out
	tmp       []byte     // textBytes' result, valid until its next call
}

// textBytes converts text to CRLF line ends and encodes it in cs (falling
// back to UTF-8 should a character not exist there). The result is valid
// until the next call.
func (g *gen) textBytes(text string, cs *charsetInfo) []byte {
	g.tmp = g.tmp[:0]
	for {
		i := strings.IndexByte(text, '\n')
		if i < 0 {
			g.tmp = append(g.tmp, text...)
			break
		}
		g.tmp = append(g.tmp, text[:i]...)
		if i == 0 || text[i-1] != '\r' {
			g.tmp = append(g.tmp, '\r')
		}
		g.tmp = append(g.tmp, '\n')
		text = text[i+1:]
	}
	if cs.enc == nil {
		return g.tmp
	}
	out, err := cs.enc.NewEncoder().Bytes(g.tmp)
	if err != nil {
		return g.tmp
	}
	return out
}

// builder returns the shared scratch builder, emptied.
func (g *gen) builder() *msgBuilder {
	g.scratch.head.Reset()
	g.scratch.body.Reset()
	return &g.scratch
}

func (g *gen) pick(n int) int { return g.r.IntN(n) }

func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

func (g *gen) choose(ss []string) string { return ss[g.r.IntN(len(ss))] }

func (g *gen) pickLang() *language {
	x := g.r.IntN(g.langTotal)
	for _, l := range languages {
		if x < l.weight {
			return l
		}
		x -= l.weight
	}
	return languages[0]
}

func (g *gen) pickKind() string {
	x := g.r.IntN(1000)
	for _, kw := range kindWeights {
		if x < kw.w {
			return kw.kind
		}
		x -= kw.w
	}
	return KindPlain
}

func (g *gen) digits(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + g.r.IntN(10))
	}
	return string(b)
}

const alnum = "abcdefghijklmnopqrstuvwxyz0123456789"

func (g *gen) alnum(n int, set string) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = set[g.r.IntN(len(set))]
	}
	return string(b)
}

func (g *gen) hex(n int) string { return g.alnum(n, "0123456789abcdef") }

func (g *gen) randBytes(n int) []byte {
	b := make([]byte, n+8)
	for i := 0; i < n; i += 8 {
		v := g.r.Uint64()
		for k := 0; k < 8; k++ {
			b[i+k] = byte(v >> (8 * k))
		}
	}
	return b[:n]
}

// amazonOrder: 123-1234567-1234567
func (g *gen) amazonOrder() string {
	return g.digits(3) + "-" + g.digits(7) + "-" + g.digits(7)
}

func (g *gen) orderID(market int) string {
	switch market {
	case mEbay:
		return g.digits(2) + "-" + g.digits(5) + "-" + g.digits(5)
	case mWalmart:
		return g.digits(13)
	case mAmazon:
		return g.amazonOrder()
	}
	if g.chance(0.7) {
		return g.amazonOrder()
	}
	return "#NL" + g.digits(6)
}

func (g *gen) trackingNo() string {
	switch g.pick(7) {
	case 0:
		return "1Z" + strings.ToUpper(g.alnum(6, alnum)) + g.digits(10) // UPS
	case 1:
		return "9400" + g.digits(18) // USPS
	case 2:
		return g.digits(10) // DHL Express
	case 3:
		return strings.ToUpper(g.alnum(2, "abcdefghijklmnopqrstuvwxyz")) + g.digits(9) + "GB" // Royal Mail
	case 4:
		return "LX" + g.digits(9) + "CN" // China Post
	case 5:
		return "SF" + g.digits(13) // SF Express
	default:
		return g.digits(4) + "-" + g.digits(4) + "-" + g.digits(4) // Japan Post
	}
}

// expand fills {order} {tracking} {product} {days} in s.
func expand(s string, p *party) string {
	if !strings.Contains(s, "{") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 32)
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		switch s[i+1 : i+j] {
		case "order":
			b.WriteString(p.order)
		case "tracking":
			b.WriteString(p.tracking)
		case "product":
			b.WriteString(p.product)
		case "days":
			b.WriteString(strconv.Itoa(p.days))
		default:
			b.WriteString(s[i : i+j+1])
		}
		s = s[i+j+1:]
	}
}

func (g *gen) newParty(l *language, market int) *party {
	pp := l.people[g.pick(len(l.people))]
	p := &party{
		lang:     l,
		name:     pp.name,
		product:  products[g.pick(len(products))],
		tracking: g.trackingNo(),
		topic:    g.pick(numTopics),
		days:     3 + g.pick(25),
		market:   market,
	}
	local := pp.local
	if g.chance(0.5) {
		local += strconv.Itoa(g.pick(100))
	}
	p.addr = local + "@" + pp.domain
	p.order = g.orderID(market)
	if market >= 0 {
		p.addr = g.relayAddress(market)
	}
	return p
}

// date of message i: ~7 minutes apart, so replies come after their parents.
func (g *gen) date(i int, zoneMin int) time.Time {
	t := g.start.Add(time.Duration(i)*7*time.Minute + time.Duration(g.pick(420))*time.Second)
	return t.In(time.FixedZone("", zoneMin*60))
}

func dateHeader(t time.Time) string {
	return t.Format("Mon, 02 Jan 2006 15:04:05 -0700")
}

// messageID returns a unique id (i is part of it) in one of several real-world shapes.
func (g *gen) messageID(i int, domain string, style int) string {
	u := strconv.FormatInt(int64(i), 36)
	switch style {
	case 0: // Gmail
		return "CA" + g.alnum(10, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") + "+" + u + "=" + g.alnum(20, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-") + "@mail.gmail.com"
	case 1: // Outlook
		return strings.ToUpper(g.alnum(22, alnum)+u) + "@" + strings.ToUpper(g.alnum(4, "abcdefghijklmnopqrstuvwxyz")) + "PR0" + g.digits(1) + "MB" + g.digits(4) + ".eurprd0" + g.digits(1) + ".prod.outlook.com"
	case 2: // Apple Mail
		return strings.ToUpper(g.hex(8)+"-"+g.hex(4)+"-"+g.hex(4)+"-"+g.hex(4)+"-"+g.hex(8)) + u + "@" + domain
	case 3: // Amazon SES
		return "0100" + g.hex(12) + "-" + g.hex(8) + "-" + g.hex(4) + "-" + g.hex(4) + "-" + u + "-000000@email.amazonses.com"
	default:
		return strconv.FormatInt(g.start.Unix()/1000+int64(i), 10) + "." + g.hex(12) + "." + u + "@" + domain
	}
}

// ---------------------------------------------------------------- messages

type msgBuilder struct {
	head bytes.Buffer
	body bytes.Buffer
}

func (b *msgBuilder) h(name, value string) {
	b.head.WriteString(name)
	b.head.WriteString(": ")
	b.head.WriteString(value)
	b.head.WriteString("\r\n")
}

func (g *gen) message(i int) Message {
	kind := g.pickKind()
	m := &meta{}
	msg := Message{Kind: kind}
	var parent *meta

	switch kind {
	case KindPlain, KindAlternative, KindHTML, KindAttachment, KindLegacy:
		if len(g.convo) > 0 && g.chance(replyChance) {
			parent = g.metas[g.convo[len(g.convo)-1-g.pick(min(len(g.convo), 300))]]
		}
	case KindMarketplace:
		if len(g.market) > 0 && g.chance(replyChance) {
			parent = g.metas[g.market[len(g.market)-1-g.pick(min(len(g.market), 200))]]
		}
	}

	var p *party
	cs := charsets["utf-8"]
	fromShop := false
	if parent != nil {
		p = parent.p
		fromShop = !parent.fromShop && g.chance(0.55)
		m.refs = append(append([]string(nil), parent.refs...), parent.id)
		if len(m.refs) > 10 {
			m.refs = m.refs[len(m.refs)-10:]
		}
		msg.InReplyTo = parent.id
	}
	if kind == KindLegacy {
		if p != nil {
			if len(p.lang.charsets) == 0 {
				kind, msg.Kind = KindPlain, KindPlain
			} else {
				cs = charsets[p.lang.charsets[g.pick(len(p.lang.charsets))]]
				if parent.charset != nil && parent.charset.enc != nil && g.chance(0.7) {
					cs = parent.charset
				}
			}
		} else {
			// cycle through the charsets so that every one shows up early
			cs = charsets[LegacyCharsets[g.legacyN%len(LegacyCharsets)]]
			g.legacyN++
			ls := legacyLangs[cs.name]
			p = g.newParty(langByCode[ls[g.pick(len(ls))]], -1)
		}
	}

	switch kind {
	case KindNewsletter:
		g.newsletter(i, m, &msg)
	case KindAutoReply:
		g.autoReply(i, m, &msg)
	case KindBounce:
		g.bounce(i, m, &msg)
	case KindMalformed:
		g.malformed(i, m, &msg)
	default:
		if p == nil {
			market := -1
			if kind == KindMarketplace {
				market = g.pick(3)
			}
			p = g.newParty(g.pickLang(), market)
		}
		if kind == KindMarketplace && fromShop {
			// the shop answers through the relay: a normal mail to the relay address
			kind = KindAlternative
		}
		g.conversation(i, kind, p, parent, fromShop, cs, m, &msg)
	}

	m.id = msg.MessageID
	g.metas = append(g.metas, m)
	switch {
	case m.p != nil && m.p.market >= 0:
		g.market = append(g.market, i)
	case m.p != nil:
		g.convo = append(g.convo, i)
	}
	if m.fromShop {
		g.shopSent = append(g.shopSent, i)
	}
	msg.Flags = g.flags(&msg)
	return msg
}

func (g *gen) flags(msg *Message) []string {
	var f []string
	if g.chance(0.6) {
		f = append(f, `\Seen`)
	}
	if g.chance(0.05) {
		f = append(f, `\Flagged`)
	}
	if msg.InReplyTo == "" && g.chance(0.15) {
		f = append(f, `\Answered`)
	}
	if msg.Kind == KindNewsletter && g.chance(0.2) {
		f = append(f, "$Junk")
	}
	return f
}

// received adds a plausible Received chain, Authentication-Results and DKIM.
func (g *gen) received(b *msgBuilder, fromAddr string, date time.Time, dkim bool) {
	domain := fromAddr[strings.LastIndexByte(fromAddr, '@')+1:]
	utc := date.UTC()
	ip := "203.0.113." + strconv.Itoa(1+g.pick(254))
	if g.chance(0.5) {
		ip = "198.51.100." + strconv.Itoa(1+g.pick(254))
	}
	b.h("Return-Path", "<"+fromAddr+">")
	b.h("Delivered-To", ShopAddress)
	b.h("Received", "from mail-"+g.alnum(6, alnum)+"."+domain+" (mail-"+g.alnum(6, alnum)+"."+domain+" ["+ip+"])\r\n"+
		"\tby mail.shop.test (Postfix) with ESMTPS id "+strings.ToUpper(g.hex(11))+"\r\n"+
		"\tfor <"+ShopAddress+">; "+dateHeader(utc.Add(time.Duration(2+g.pick(40))*time.Second)))
	if g.chance(0.7) {
		b.h("Received", "by mail-"+g.alnum(5, alnum)+"."+domain+" with SMTP id "+g.alnum(24, alnum)+";\r\n\t"+dateHeader(utc.Add(time.Second)))
	}
	if dkim {
		b.h("Authentication-Results", "mail.shop.test;\r\n\tdkim=pass (2048-bit key; unprotected) header.d="+domain+" header.i=@"+domain+" header.b="+g.alnum(8, alnum)+";\r\n"+
			"\tspf=pass (mail.shop.test: domain of "+fromAddr+" designates "+ip+" as permitted sender) smtp.mailfrom="+fromAddr+";\r\n"+
			"\tdmarc=pass (p=NONE sp=QUARANTINE dis=NONE) header.from="+domain)
		sig := make([]byte, 0, 400)
		sig = append(sig, "v=1; a=rsa-sha256; c=relaxed/relaxed;\r\n        d="...)
		sig = append(sig, domain...)
		sig = append(sig, "; s=20230601; t="...)
		sig = strconv.AppendInt(sig, utc.Unix(), 10)
		sig = append(sig, "; x="...)
		sig = strconv.AppendInt(sig, utc.Unix()+604800, 10)
		sig = append(sig, "; darn=shop.test;\r\n        h=to:subject:message-id:date:from:mime-version:from:to:cc:subject\r\n         :date:message-id:reply-to;\r\n        bh="...)
		var bh [32]byte
		copy(bh[:], g.randBytes(32))
		sig = append(sig, b64(bh[:])...)
		sig = append(sig, ";\r\n        b="...)
		s := b64(g.randBytes(256))
		for len(s) > 0 {
			n := min(len(s), 70)
			sig = append(sig, s[:n]...)
			s = s[n:]
			if len(s) > 0 {
				sig = append(sig, "\r\n         "...)
			}
		}
		b.h("DKIM-Signature", string(sig))
	}
	switch {
	case domain == "gmail.com":
		b.h("X-Google-DKIM-Signature", "v=1; a=rsa-sha256; c=relaxed/relaxed;\r\n        d=1e100.net; s=20230601; t="+strconv.FormatInt(utc.Unix(), 10)+";\r\n        h=to:subject:message-id:date:from:mime-version:x-gm-message-state\r\n         :from:to:cc:subject:date:message-id:reply-to;\r\n        bh="+b64(g.randBytes(32))+";\r\n        b="+wrapB64(b64(g.randBytes(192)), 70, "\r\n         "))
		b.h("X-Gm-Message-State", "AOJu0Y"+b64(g.randBytes(45))+"\r\n\t"+b64(g.randBytes(30)))
		b.h("X-Google-Smtp-Source", "AGHT+I"+b64(g.randBytes(66)))
		b.h("X-Received", "by 2002:a05:6402:"+g.hex(4)+":b0:"+g.hex(3)+":"+g.hex(4)+":"+g.hex(4)+" with SMTP id "+g.alnum(20, alnum)+";\r\n        "+dateHeader(utc))
	case strings.Contains(domain, "outlook") || strings.Contains(domain, "hotmail") || strings.Contains(domain, "live."):
		b.h("ARC-Seal", "i=1; a=rsa-sha256; s=arcselector10001; d=microsoft.com; cv=none;\r\n b="+wrapB64(b64(g.randBytes(256)), 72, "\r\n "))
		b.h("ARC-Message-Signature", "i=1; a=rsa-sha256; c=relaxed/relaxed; d=microsoft.com;\r\n s=arcselector10001;\r\n h=From:Date:Subject:Message-ID:Content-Type:MIME-Version:X-MS-Exchange-AntiSpam-MessageData-ChunkCount:X-MS-Exchange-AntiSpam-MessageData-0:X-MS-Exchange-AntiSpam-MessageData-1;\r\n bh="+b64(g.randBytes(32))+";\r\n b="+wrapB64(b64(g.randBytes(256)), 72, "\r\n "))
		b.h("ARC-Authentication-Results", "i=1; mx.microsoft.com 1; spf=none; dmarc=none;\r\n dkim=none; arc=none")
		b.h("X-MS-Exchange-Organization-Network-Message-Id", g.hex(8)+"-"+g.hex(4)+"-"+g.hex(4)+"-"+g.hex(4)+"-"+g.hex(12))
		b.h("X-MS-PublicTrafficType", "Email")
		b.h("X-MS-TrafficTypeDiagnostic", strings.ToUpper(g.alnum(12, alnum))+":EE_|"+strings.ToUpper(g.alnum(10, alnum))+":EE_")
		b.h("X-Microsoft-Antispam", "BCL:0;ARA:14566002|"+g.digits(8)+"|"+g.digits(8)+"|"+g.digits(7)+"|"+g.digits(9)+";")
		b.h("X-Microsoft-Antispam-Message-Info", "\r\n\t"+wrapB64(b64(g.randBytes(600)), 76, "\r\n\t"))
		b.h("X-Forefront-Antispam-Report", "CIP:255.255.255.255;CTRY:;LANG:"+g.choose([]string{"en", "de", "fr", "es"})+";SCL:1;SRV:;IPV:NLI;SFV:NSPM;H:"+strings.ToUpper(g.alnum(15, alnum))+".eurprd04.prod.outlook.com;PTR:;CAT:NONE;SFS:(13230040)(1800799024)(366016)(376014)(38070700018);DIR:OUT;SFP:1102;")
		b.h("X-MS-Exchange-AntiSpam-MessageData-ChunkCount", "1")
		b.h("X-MS-Exchange-AntiSpam-MessageData-0", "\r\n\t"+wrapB64(b64(g.randBytes(420)), 76, "\r\n\t"))
		b.h("X-OriginatorOrg", "sct-15-20-7741-5-msonline-outlook-"+g.hex(5)+".templateTenant")
		b.h("X-MS-Exchange-CrossTenant-OriginalArrivalTime", dateHeader(utc)+" (UTC)")
		b.h("X-MS-Exchange-CrossTenant-FromEntityHeader", "Hosted")
		b.h("X-MS-Exchange-Transport-CrossTenantHeadersStamped", strings.ToUpper(g.alnum(12, alnum)))
	}
}

func wrapB64(s string, width int, sep string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/width*len(sep))
	for len(s) > width {
		b.WriteString(s[:width])
		b.WriteString(sep)
		s = s[width:]
	}
	b.WriteString(s)
	return b.String()
}

var mailers = []string{
	"", "", "", // Gmail, most webmail: none
	"Apple Mail (2.3774.600.62)", "iPhone Mail (21E236)", "Microsoft Outlook 16.0",
	"Mozilla Thunderbird", "Foxmail 7.2.25.228[cn]", "Becky! ver. 2.81.04", "Mail for Android",
}

// conversation builds a buyer message, or the shop's answer to one.
func (g *gen) conversation(i int, kind string, p *party, parent *meta, fromShop bool, cs *charsetInfo, m *meta, msg *Message) {
	l := p.lang
	b := g.builder()
	zone := l.zones[g.pick(len(l.zones))]
	var fromName, fromAddr string
	if fromShop {
		zone = 60
		fromName, fromAddr = shopFrom, ShopAddress
	} else {
		fromName, fromAddr = p.name, p.addr
		if p.market >= 0 {
			fromName = g.relayName(p)
		}
	}
	date := g.date(i, zone)
	useB := cs.enc != nil && (cs.name != "iso-8859-1" && cs.name != "iso-8859-2" && cs.name != "windows-1252" || g.chance(0.3)) || cs.enc == nil && g.chance(0.6)
	if cs.stateful {
		useB = true
	}

	// subject and text
	var subject, text string
	if parent != nil {
		subject = stripRe(parent.subject, l)
		prefix := l.re
		if g.chance(0.35) {
			prefix = "Re: "
		}
		subject = prefix + subject
	} else if p.market >= 0 {
		subject = g.relaySubject(p)
	} else {
		subject = expand(l.topics[p.topic].subject, p)
	}
	if fromShop {
		text = g.shopText(p)
	} else {
		text = g.buyerText(p, parent != nil, cs)
	}
	if p.market >= 0 && !fromShop {
		text = g.relayText(p, text)
	}
	if parent != nil && g.chance(0.85) {
		text += "\n\n" + g.attribution(l, parent) + "\n" + quote(parent.text)
	}
	text = wrapText(text, 76)

	msgID := g.messageID(i, domainOf(fromAddr), g.idStyle(fromAddr, p.market >= 0 && !fromShop))
	msg.MessageID = msgID
	msg.Subject = subject
	msg.Charset = cs.name
	msg.Lang = l.code
	msg.From = fromAddr
	msg.Date = date

	// headers
	if !fromShop {
		g.received(b, fromAddr, date, g.chance(0.75))
	}
	b.h("Date", dateHeader(date))
	fromHdr := address(fromName, fromAddr, cs, useB)
	b.h("From", fromHdr)
	if fromShop {
		b.h("To", address(g.relayOrBuyerName(p), p.addr, cs, useB))
	} else {
		b.h("To", address(shopFrom, ShopAddress, cs, useB))
	}
	b.h("Subject", headerText(subject, cs, useB))
	b.h("Message-ID", "<"+msgID+">")
	if parent != nil {
		b.h("In-Reply-To", "<"+parent.id+">")
		b.h("References", refsHeader(m.refs))
	}
	if x := mailers[g.pick(len(mailers))]; x != "" && !fromShop {
		if strings.HasPrefix(x, "Mozilla") {
			b.h("User-Agent", x)
		} else {
			b.h("X-Mailer", x)
		}
	}
	if fromShop {
		b.h("X-Mailer", "replydesk")
		b.h("Organization", shopName)
	}
	if p.market == mAmazon && !fromShop {
		b.h("X-AMAZON-MAIL-RELAY-TYPE", "Notification")
		b.h("X-AMAZON-RTE-VERSION", "2.0")
	}
	if l.code != "en" && g.chance(0.4) {
		b.h("Content-Language", l.code)
	}
	b.h("MIME-Version", "1.0")

	market := p.market
	if fromShop {
		market = -1
	}
	switch kind {
	case KindPlain:
		g.textPart(b, text, cs, true)
	case KindMarketplace:
		g.alternative(b, text, cs, l, market)
	case KindLegacy:
		if g.chance(0.3) {
			g.alternative(b, text, cs, l, -1)
		} else {
			g.textPart(b, text, cs, true)
		}
	case KindAlternative:
		g.alternative(b, text, cs, l, market)
	case KindHTML:
		b.h("Content-Type", "text/html; charset=\""+cs.label+"\"")
		g.encodeBody(b, g.textBytes(g.htmlFor(text, l, -1), cs), g.choose([]string{"quoted-printable", "quoted-printable", "base64"}), true)
	case KindAttachment:
		g.mixed(b, text, cs, l, p)
	}

	m.p = p
	m.subject = subject
	m.text = truncRunes(text, 2500)
	m.fromShop = fromShop
	m.date = date
	m.charset = cs
	m.fromName, m.fromAddr, m.fromHdr = fromName, fromAddr, fromHdr
	if fromShop {
		m.rawHead = b.head.String() // bounces quote it
	}
	msg.Raw = join(b)
}

func join(b *msgBuilder) []byte {
	out := make([]byte, 0, b.head.Len()+2+b.body.Len())
	out = append(out, b.head.Bytes()...)
	out = append(out, "\r\n"...)
	return append(out, b.body.Bytes()...)
}

func domainOf(addr string) string { return addr[strings.LastIndexByte(addr, '@')+1:] }

func (g *gen) idStyle(addr string, relay bool) int {
	if relay {
		return 3
	}
	switch d := domainOf(addr); {
	case d == "gmail.com":
		return 0
	case strings.Contains(d, "outlook") || strings.Contains(d, "hotmail"):
		return 1
	case d == "shop.test":
		return 4
	default:
		return 2 + 2*g.pick(2) // Apple style or generic
	}
}

func refsHeader(refs []string) string {
	var b strings.Builder
	for k, r := range refs {
		if k > 0 {
			b.WriteString("\r\n ")
		}
		b.WriteString("<" + r + ">")
	}
	return b.String()
}

func stripRe(s string, l *language) string {
	for {
		t := strings.TrimSpace(s)
		found := false
		for _, pre := range []string{"Re:", "RE:", "RE :", "AW:", "R:", "Odp:", "Ynt:", "回复：", "回覆：", "رد:", l.re} {
			pre = strings.TrimSpace(pre)
			if strings.HasPrefix(t, pre) {
				t = strings.TrimSpace(t[len(pre):])
				found = true
			}
		}
		s = t
		if !found {
			return s
		}
	}
}

func quote(text string) string {
	lines := strings.Split(wrapText(text, 72), "\n")
	var b strings.Builder
	b.Grow(len(text) + 2*len(lines))
	for k, ln := range lines {
		if k > 0 {
			b.WriteByte('\n')
		}
		if ln == "" || strings.HasPrefix(ln, ">") {
			b.WriteString(">" + ln)
		} else {
			b.WriteString("> " + ln)
		}
	}
	return b.String()
}

func (g *gen) attribution(l *language, parent *meta) string {
	who := parent.date.Format("Mon, 2 Jan 2006 15:04") + ", " + parent.fromName + " <" + parent.fromAddr + ">"
	return strings.Replace(l.wrote, "%s", who, 1)
}

func (g *gen) buyerText(p *party, followUp bool, cs *charsetInfo) string {
	l := p.lang
	var b strings.Builder
	b.WriteString(g.choose(l.greet))
	b.WriteString("\n\n")
	if followUp {
		b.WriteString(l.extra[1])
		b.WriteString(" ")
	}
	b.WriteString(expand(l.topics[p.topic].body, p))
	if g.chance(0.6) {
		k := g.pick(len(l.extra))
		b.WriteString(" ")
		b.WriteString(expand(l.extra[k], p))
		if g.chance(0.5) {
			b.WriteString(" ")
			b.WriteString(expand(l.extra[(k+1)%len(l.extra)], p))
		}
	}
	if !followUp && g.chance(0.35) {
		// a second paragraph on a related topic
		b.WriteString("\n\n")
		b.WriteString(expand(l.topics[(p.topic+1+g.pick(numTopics-1))%numTopics].body, p))
	}
	if cs.name == "windows-1252" {
		// characters windows-1252 has and ISO-8859-1 lacks
		b.WriteString("\n\n\u201e" + p.product + "\u201c \u2013 49,90 \u20ac \u2026")
	}
	if g.chance(0.4) {
		b.WriteString("\n\nOrder: " + p.order + "\nItem: " + p.product + "\nQty: " + strconv.Itoa(1+g.pick(3)))
	}
	b.WriteString("\n\n")
	b.WriteString(g.choose(l.closing))
	b.WriteString("\n")
	b.WriteString(p.name)
	if g.chance(0.15) {
		b.WriteString("\n\n" + g.choose([]string{"Sent from my iPhone", "Sent from my Galaxy", "Sent from Outlook for Android", "Sent from Mail for Windows"}))
	}
	return b.String()
}

func (g *gen) shopText(p *party) string {
	l := p.lang
	var b strings.Builder
	b.WriteString(g.choose(l.greet))
	b.WriteString("\n\n")
	b.WriteString(expand(l.shop[0], p))
	if g.chance(0.6) {
		b.WriteString("\n\n")
		b.WriteString(expand(l.shop[1], p))
	}
	b.WriteString("\n\n")
	b.WriteString(g.choose(l.closing))
	b.WriteString("\n" + shopFrom + "\n" + shopName + "\nhttps://shop.test/help | +49 30 1234567")
	return b.String()
}

// textPart writes a single text/plain body with a random transfer encoding.
func (g *gen) textPart(b *msgBuilder, text string, cs *charsetInfo, top bool) {
	ct := "text/plain; charset=\"" + cs.label + "\""
	if cs.enc == nil && g.chance(0.3) {
		ct = "text/plain; charset=UTF-8; format=flowed"
	}
	cte := g.pickCTE(cs)
	data := g.textBytes(text, cs)
	if top {
		b.h("Content-Type", ct)
		g.encodeBody(b, data, cte, true)
		return
	}
	b.body.WriteString("Content-Type: " + ct + "\r\nContent-Transfer-Encoding: " + cte + "\r\n\r\n")
	g.encodeBody(b, data, cte, false)
}

func (g *gen) pickCTE(cs *charsetInfo) string {
	if cs.stateful {
		if g.chance(0.8) {
			return "7bit"
		}
		return "base64"
	}
	x := g.pick(100)
	switch {
	case x < 40:
		return "8bit"
	case x < 75:
		return "quoted-printable"
	default:
		return "base64"
	}
}

// encodeBody writes data in cte into the body; top=true writes the header
// field into the message header instead of the body.
func (g *gen) encodeBody(b *msgBuilder, data []byte, cte string, top bool) {
	if top {
		b.h("Content-Transfer-Encoding", cte)
	}
	switch cte {
	case "base64":
		b64Body(&b.body, data)
	case "quoted-printable":
		qpBody(&b.body, data)
	default:
		b.body.Write(data)
		if !bytes.HasSuffix(data, []byte("\r\n")) {
			b.body.WriteString("\r\n")
		}
	}
}

func (g *gen) boundary(tag string) string {
	switch g.pick(4) {
	case 0:
		return "000000000000" + g.hex(16) // Gmail
	case 1:
		return "_000_" + strings.ToUpper(g.alnum(30, alnum)) + "_" // Outlook
	case 2:
		return "Apple-Mail=_" + strings.ToUpper(g.hex(8)+"-"+g.hex(4)+"-"+g.hex(4)+"-"+g.hex(4)+"-"+g.hex(12))
	default:
		return "----=_Part_" + tag + "_" + g.digits(9) + "." + g.digits(13)
	}
}

// alternative writes multipart/alternative with a text and an HTML part.
func (g *gen) alternative(b *msgBuilder, text string, cs *charsetInfo, l *language, market int) {
	bnd := g.boundary("alt")
	b.h("Content-Type", "multipart/alternative;\r\n\tboundary=\""+bnd+"\"")
	g.alternativeBody(b, bnd, text, cs, l, market)
}

func (g *gen) alternativeBody(b *msgBuilder, bnd, text string, cs *charsetInfo, l *language, market int) {
	if g.chance(0.3) {
		b.body.WriteString("This is a multi-part message in MIME format.\r\n\r\n")
	}
	b.body.WriteString("--" + bnd + "\r\n")
	g.textPart(b, text, cs, false)
	b.body.WriteString("\r\n--" + bnd + "\r\n")
	htmlText := g.htmlFor(text, l, market)
	hdata := g.textBytes(htmlText, cs)
	cte := "quoted-printable"
	if g.chance(0.3) || cs.stateful {
		cte = "base64"
	}
	b.body.WriteString("Content-Type: text/html; charset=\"" + cs.label + "\"\r\nContent-Transfer-Encoding: " + cte + "\r\n\r\n")
	g.encodeBody(b, hdata, cte, false)
	b.body.WriteString("\r\n--" + bnd + "--\r\n")
}

// htmlFor renders text as HTML in the style of a common mailer.
func (g *gen) htmlFor(text string, l *language, market int) string {
	var b strings.Builder
	b.Grow(len(text)*2 + 1500)
	dir := ""
	if l.code == "ar" {
		dir = ` dir="rtl"`
	}
	// split own text from the quote
	own, quoted := text, ""
	if k := strings.Index(text, "\n> "); k >= 0 {
		if j := strings.LastIndex(text[:k], "\n\n"); j >= 0 {
			own, quoted = text[:j], text[j+2:]
		}
	}
	paras := strings.Split(own, "\n\n")
	switch style := g.pick(3); {
	case market >= 0:
		b.WriteString(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body>` + "\n")
		b.WriteString(`<table width="100%" cellpadding="0" cellspacing="0" border="0" style="font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#333333"><tr><td align="center">` + "\n")
		b.WriteString(`<table width="600" cellpadding="20" cellspacing="0" border="0" style="border:1px solid #dddddd"><tr><td>` + "\n")
		for _, p := range paras {
			b.WriteString(`<p style="margin:0 0 12px 0"` + dir + `>` + htmlLines(p) + "</p>\n")
		}
		b.WriteString(`</td></tr></table>` + "\n" + `<p style="font-size:11px;color:#999999">This message was sent through the marketplace messaging service. Do not include links or personal contact information.</p>` + "\n</td></tr></table></body></html>\n")
	case style == 0: // Gmail
		if dir != "" {
			b.WriteString(`<div dir="rtl">`)
		} else {
			b.WriteString(`<div dir="ltr">`)
		}
		for k, p := range paras {
			if k > 0 {
				b.WriteString("<div><br></div>")
			}
			b.WriteString("<div>" + htmlLines(p) + "</div>")
		}
		b.WriteString("</div>\n")
		if quoted != "" {
			b.WriteString(`<br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">` + html.EscapeString(firstLine(quoted)) + `<br></div><blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">` + htmlLines(unquote(quoted)) + "</blockquote></div>\n")
		}
	case style == 1: // Outlook
		b.WriteString(`<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word" xmlns:m="http://schemas.microsoft.com/office/2004/12/omml" xmlns="http://www.w3.org/TR/REC-html40">
<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><meta name="Generator" content="Microsoft Word 15 (filtered medium)">
<style><!--
/* Font Definitions */
@font-face{font-family:"Cambria Math";panose-1:2 4 5 3 5 4 6 3 2 4;}
@font-face{font-family:Calibri;panose-1:2 15 5 2 2 2 4 3 2 4;}
/* Style Definitions */
p.MsoNormal, li.MsoNormal, div.MsoNormal{margin:0cm;font-size:11.0pt;font-family:"Calibri",sans-serif;mso-fareast-language:EN-US;}
a:link, span.MsoHyperlink{mso-style-priority:99;color:#0563C1;text-decoration:underline;}
span.EmailStyle17{mso-style-type:personal-compose;font-family:"Calibri",sans-serif;color:windowtext;}
.MsoChpDefault{mso-style-type:export-only;font-family:"Calibri",sans-serif;mso-fareast-language:EN-US;}
@page WordSection1{size:612.0pt 792.0pt;margin:72.0pt 72.0pt 72.0pt 72.0pt;}
div.WordSection1{page:WordSection1;}
--></style>
</head>
<body lang="EN-US" link="#0563C1" vlink="#954F72" style="word-wrap:break-word"><div class="WordSection1">
`)
		for _, p := range paras {
			b.WriteString(`<p class="MsoNormal"` + dir + `>` + htmlLines(p) + "<o:p></o:p></p>\n<p class=\"MsoNormal\"><o:p>&nbsp;</o:p></p>\n")
		}
		if quoted != "" {
			b.WriteString(`<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm"><p class="MsoNormal"><b>From:</b> ` + html.EscapeString(firstLine(quoted)) + "</p></div>\n<p class=\"MsoNormal\">" + htmlLines(unquote(quoted)) + "</p>\n")
		}
		b.WriteString("</div></body></html>\n")
	default: // Apple Mail / generic
		b.WriteString(`<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head><body style="overflow-wrap: break-word; -webkit-nbsp-mode: space; line-break: after-white-space;"` + dir + ">")
		for _, p := range paras {
			b.WriteString(htmlLines(p) + "<div><br></div>")
		}
		if quoted != "" {
			b.WriteString(`<div><br><blockquote type="cite"><div>` + htmlLines(unquote(quoted)) + "</div></blockquote></div>")
		}
		b.WriteString("</body></html>\n")
	}
	return b.String()
}

func htmlLines(s string) string {
	return strings.ReplaceAll(html.EscapeString(s), "\n", "<br>\n")
}

func firstLine(s string) string {
	if k := strings.IndexByte(s, '\n'); k >= 0 {
		return s[:k]
	}
	return s
}

func unquote(s string) string {
	lines := strings.Split(s, "\n")
	if len(lines) > 0 && !strings.HasPrefix(lines[0], ">") {
		lines = lines[1:]
	}
	for k, ln := range lines {
		ln = strings.TrimPrefix(ln, ">")
		lines[k] = strings.TrimPrefix(ln, " ")
	}
	return strings.Join(lines, "\n")
}

// ---------------------------------------------------------------- attachments

type attachment struct {
	name  string
	ctype string
	data  []byte
}

var attachNames = map[string][]string{
	"photo":   {"IMG_%d.jpg", "photo_%d.jpg", "damage-%d.jpg", "Schaden_Foto_%d.jpg", "损坏照片%d.jpg", "破損写真%d.jpg", "фото_повреждения_%d.jpg", "파손사진%d.jpg", "zdjęcie_uszkodzenia_%d.jpg"},
	"invoice": {"invoice-%d.pdf", "Rechnung_%d.pdf", "facture_n°%d.pdf", "請求書_%d.pdf", "发票%d.pdf", "factura-%d.pdf", "Rücksendeschein für Bestellung %d (bitte ausdrucken und beilegen).pdf"},
	"csv":     {"orders-%d.csv", "Bestellübersicht_%d.csv", "export_%d.csv"},
}

func (g *gen) attachmentFor(p *party) attachment {
	n := 1000 + g.pick(9000)
	var kind string
	switch {
	case p.topic == topicDamaged || g.chance(0.3):
		kind = "photo"
	case p.topic == topicInvoice || g.chance(0.6):
		kind = "invoice"
	default:
		kind = "csv"
	}
	names := attachNames[kind]
	name := strings.Replace(names[g.pick(len(names))], "%d", strconv.Itoa(n), 1)
	switch kind {
	case "photo":
		size := 6000 + g.pick(30000)
		data := append([]byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x01\x00H\x00H\x00\x00"), g.randBytes(size)...)
		return attachment{name, "image/jpeg", append(data, 0xff, 0xd9)}
	case "invoice":
		var d bytes.Buffer
		d.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n")
		d.WriteString("3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>\nendobj\n4 0 obj\n<< /Filter /FlateDecode /Length ")
		size := 3000 + g.pick(17000)
		d.WriteString(strconv.Itoa(size) + " >>\nstream\n")
		d.Write(g.randBytes(size))
		d.WriteString("\nendstream\nendobj\nxref\n0 5\n0000000000 65535 f \ntrailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n" + strconv.Itoa(size+400) + "\n%%EOF\n")
		return attachment{name, "application/pdf", d.Bytes()}
	default:
		var d bytes.Buffer
		d.WriteString("order_id,date,sku,product,qty,price,currency,status\r\n")
		rows := 20 + g.pick(80)
		for k := 0; k < rows; k++ {
			d.WriteString(g.amazonOrder() + ",2026-" + strconv.Itoa(1+g.pick(12)) + "-" + strconv.Itoa(1+g.pick(28)) + ",SKU-" + g.digits(5) + ",\"" + products[g.pick(len(products))] + "\"," + strconv.Itoa(1+g.pick(4)) + "," + strconv.Itoa(5+g.pick(200)) + "." + g.digits(2) + ",EUR," + g.choose([]string{"shipped", "pending", "refunded", "returned"}) + "\r\n")
		}
		return attachment{name, "text/csv", d.Bytes()}
	}
}

// mixed writes multipart/mixed: a text (or alternative) part and attachments.
func (g *gen) mixed(b *msgBuilder, text string, cs *charsetInfo, l *language, p *party) {
	bnd := g.boundary("mix")
	b.h("Content-Type", "multipart/mixed;\r\n\tboundary=\""+bnd+"\"")
	b.body.WriteString("--" + bnd + "\r\n")
	if g.chance(0.5) {
		inner := g.boundary("alt")
		b.body.WriteString("Content-Type: multipart/alternative;\r\n\tboundary=\"" + inner + "\"\r\n\r\n")
		g.alternativeBody(b, inner, text, cs, l, -1)
	} else {
		g.textPart(b, text, cs, false)
	}
	n := 1
	if g.chance(0.2) {
		n = 2
	}
	for k := 0; k < n; k++ {
		a := g.attachmentFor(p)
		b.body.WriteString("\r\n--" + bnd + "\r\n")
		var ctName, disp string
		if isASCII(a.name) {
			ctName = `name="` + a.name + `"`
			disp = `attachment; filename="` + a.name + `"`
		} else {
			// what real mailers do: RFC 2047 in name= (non-standard, common), RFC 2231 in filename*
			ctName = `name="` + headerText(a.name, charsets["utf-8"], true) + `"`
			disp = "attachment;\r\n\t" + rfc2231("filename", a.name)
		}
		b.body.WriteString("Content-Type: " + a.ctype + ";\r\n\t" + ctName + "\r\nContent-Disposition: " + disp + "\r\nContent-Transfer-Encoding: base64\r\n")
		if g.chance(0.3) {
			b.body.WriteString("Content-ID: <" + g.hex(16) + "@shop.test>\r\n")
		}
		b.body.WriteString("\r\n")
		b64Body(&b.body, a.data)
	}
	b.body.WriteString("\r\n--" + bnd + "--\r\n")
}

func b64(data []byte) string { return base64.StdEncoding.EncodeToString(data) }

// Raws returns the raw bytes of msgs, e.g. for mailstack's Append.
func Raws(msgs []Message) [][]byte {
	out := make([][]byte, len(msgs))
	for i := range msgs {
		out[i] = msgs[i].Raw
	}
	return out
}
