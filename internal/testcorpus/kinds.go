package testcorpus

import (
	"strconv"
	"strings"
)

// marketplaces
const (
	mAmazon = iota
	mEbay
	mWalmart
)

var amazonTLD = map[string]string{
	"en": "com", "de": "de", "fr": "fr", "es": "es", "it": "it", "ja": "co.jp", "nl": "nl", "pl": "pl", "tr": "com.tr", "ar": "sa", "pt": "com.br",
}

func (g *gen) relayAddress(market int) string {
	switch market {
	case mAmazon:
		return g.alnum(14, "abcdefghijklmnopqrstuvwxyz0123456789") + "@marketplace.amazon.com"
	case mEbay:
		return g.hex(16) + "@members.ebay.com"
	default:
		return g.hex(20) + "@relay.walmart.com"
	}
}

// the display name a relay uses for the buyer
func (g *gen) relayName(p *party) string {
	switch p.market {
	case mAmazon:
		return p.name + " - Amazon Marketplace"
	case mEbay:
		return strings.ToLower(strings.ReplaceAll(asciiFold(p.name), " ", "_")) + strconv.Itoa(len(p.order))
	default:
		return "Walmart Customer"
	}
}

func (g *gen) relayOrBuyerName(p *party) string {
	if p.market >= 0 {
		return g.relayName(p)
	}
	return p.name
}

func (g *gen) relaySubject(p *party) string {
	switch p.market {
	case mAmazon:
		if g.chance(0.5) {
			return "Inquiry from Amazon customer " + p.name + " (Order: " + p.order + ")"
		}
		return expand(p.lang.topics[p.topic].subject, p) + " (Order: " + p.order + ")"
	case mEbay:
		return "Other: " + g.relayName(p) + " sent a message about " + p.product + " #" + g.digits(12)
	default:
		return "Customer Inquiry | Order #" + p.order + " | " + topicNames[p.topic]
	}
}

func (g *gen) relayText(p *party, text string) string {
	switch p.market {
	case mAmazon:
		tld := amazonTLD[p.lang.code]
		if tld == "" {
			tld = "com"
		}
		return "------------- Message: -------------\n\n" + text +
			"\n\n------------- End message -------------\n\n" +
			"Order ID: " + p.order + "\n1 x " + p.product + "\n\n" +
			"For Your Information: To help arrive at a satisfactory resolution, this e-mail is sent to you by Amazon. " +
			"Amazon does not share your e-mail address with buyers. Replying to this message will send your response to the buyer.\n\n" +
			"Was this email helpful? https://sellercentral.amazon." + tld + "/messaging/feedback?id=" + g.hex(12) + "\n\n" +
			"Copyright 2026 Amazon, Inc. or its affiliates. All rights reserved. Amazon, 410 Terry Ave N, Seattle, WA 98109-5210"
	case mEbay:
		return "New message from: " + g.relayName(p) + " (" + strconv.Itoa(10+g.pick(900)) + ")\n\n" + text +
			"\n\nReply: https://www.ebay.com/cnt/ReplyToMessages?M2MContact&item=" + g.digits(12) + "\n\n" +
			"Order status: Paid\nItem ID: " + g.digits(12) + "\nTransaction ID: " + g.digits(13) + "\n\n" +
			"Only purchases on eBay are covered by eBay purchase protection programs. Asking your trading partner to complete a transaction outside of eBay is not allowed.\n\n" +
			"eBay Inc., 2025 Hamilton Avenue, San Jose, CA 95125"
	default:
		return "You have received a new customer message for order #" + p.order + ".\n\n" + text +
			"\n\nPlease respond within 48 hours to keep your seller performance score. Reply directly to this email; your response will be relayed to the customer.\n\n" +
			"Walmart Marketplace | 702 SW 8th St, Bentonville, AR 72716"
	}
}

// asciiFold is a tiny transliteration for eBay user ids.
func asciiFold(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r < 0x80:
			b.WriteRune(r)
		case strings.ContainsRune("áàâäãå", r):
			b.WriteByte('a')
		case strings.ContainsRune("éèêë", r):
			b.WriteByte('e')
		case strings.ContainsRune("íìîï", r):
			b.WriteByte('i')
		case strings.ContainsRune("óòôöõ", r):
			b.WriteByte('o')
		case strings.ContainsRune("úùûü", r):
			b.WriteByte('u')
		case r == 'ß':
			b.WriteString("ss")
		case r == 'ç':
			b.WriteByte('c')
		case r == 'ñ':
			b.WriteByte('n')
		}
	}
	if b.Len() < 3 {
		return "buyer" + b.String()
	}
	return b.String()
}

// ---------------------------------------------------------------- newsletters

var newsletterLines = []string{
	"New: ship to 12 more countries with one label",
	"Your monthly performance report is ready",
	"Holiday season checklist for sellers",
	"Fees update: what changes next quarter",
	"5 ways to cut your return rate",
	"Webinar: international shipping made simple",
	"Customer reviews now show product photos",
	"Save 20% on packaging supplies this week",
}

func (g *gen) newsletter(i int, m *meta, msg *Message) {
	s := newsletterSenders[g.pick(len(newsletterSenders))]
	date := g.date(i, 0)
	subject := newsletterLines[g.pick(len(newsletterLines))]
	if g.chance(0.3) {
		subject = "\u2728 " + subject // emoji: UTF-8 encoded-word
	}
	id := g.messageID(i, "mailer."+domainOf(s.addr), 4)
	b := g.builder()
	g.received(b, "bounce-"+g.hex(10)+"@mailer."+domainOf(s.addr), date, true)
	b.h("Date", dateHeader(date))
	b.h("From", address(s.name, s.addr, charsets["utf-8"], true))
	b.h("To", ShopAddress)
	b.h("Subject", headerText(subject, charsets["utf-8"], true))
	b.h("Message-ID", "<"+id+">")
	b.h("List-Unsubscribe", "<https://"+s.list+"/unsubscribe?u="+g.hex(24)+">, <mailto:unsubscribe-"+g.hex(12)+"@"+s.list+"?subject=unsubscribe>")
	b.h("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
	b.h("List-Id", s.name+" <"+s.list+">")
	b.h("Precedence", "bulk")
	b.h("Feedback-ID", g.digits(6)+":"+g.digits(4)+":campaign:"+g.alnum(6, alnum))
	b.h("MIME-Version", "1.0")

	var h strings.Builder
	h.Grow(16000)
	h.WriteString(`<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8" /><meta name="viewport" content="width=device-width, initial-scale=1.0" />
<title>` + subject + `</title>
<style type="text/css">
body{margin:0;padding:0;background:#f4f4f4;font-family:Helvetica,Arial,sans-serif;color:#222222}
table{border-collapse:collapse}
.wrapper{width:100%;background:#f4f4f4}
.content{width:600px;background:#ffffff}
.card td{padding:12px 16px;border-bottom:1px solid #eeeeee}
.btn{display:inline-block;padding:10px 22px;background:#ff6f00;color:#ffffff;text-decoration:none;border-radius:4px;font-weight:bold}
.footer{font-size:11px;color:#888888;line-height:16px}
@media only screen and (max-width:620px){.content{width:100% !important}.card td{display:block !important;width:100% !important}}
</style></head>
<body><table class="wrapper" role="presentation" cellpadding="0" cellspacing="0"><tr><td align="center">
<table class="content" role="presentation" cellpadding="0" cellspacing="0">
<tr><td style="padding:24px 16px"><img src="https://` + s.list + `/img/logo.png" width="140" height="40" alt="` + s.name + `" /></td></tr>
<tr><td style="padding:0 16px 16px 16px"><h1 style="font-size:24px;margin:0 0 8px 0">` + subject + `</h1>
<p style="font-size:15px;line-height:22px">Hello seller, here is what is new this week. Tips, tools and offers to help your business grow.</p></td></tr>
`)
	cards := 8 + g.pick(12)
	for k := 0; k < cards; k++ {
		camp := g.alnum(8, alnum)
		h.WriteString(`<tr class="card"><td><table role="presentation" width="100%"><tr><td width="120"><img src="https://` + s.list + `/img/p/` + g.hex(12) + `.jpg" width="110" height="110" alt="" style="display:block" /></td><td valign="top">` +
			`<h3 style="font-size:16px;margin:0 0 6px 0">` + products[g.pick(len(products))] + ` - ` + newsletterLines[g.pick(len(newsletterLines))] + `</h3>` +
			`<p style="font-size:13px;line-height:19px;margin:0 0 10px 0">Sellers who enabled this saw ` + strconv.Itoa(5+g.pick(40)) + `% more conversions in the first month. Read the case study and set it up in minutes.</p>` +
			`<a class="btn" href="https://` + s.list + `/c/` + camp + `?utm_source=newsletter&amp;utm_medium=email&amp;utm_campaign=` + camp + `&amp;u=` + g.hex(16) + `">Learn more</a></td></tr></table></td></tr>
`)
	}
	h.WriteString(`<tr><td class="footer" style="padding:24px 16px">You receive this email because you are registered as a seller. <a href="https://` + s.list + `/preferences?u=` + g.hex(16) + `">Email preferences</a> | <a href="https://` + s.list + `/unsubscribe?u=` + g.hex(24) + `">Unsubscribe</a><br />` + s.name + `, 1 Example Plaza, Suite ` + g.digits(3) + `</td></tr>
</table></td></tr></table><img src="https://` + s.list + `/o/` + g.hex(32) + `.gif" width="1" height="1" alt="" /></body></html>
`)
	htmlBody := g.textBytes(h.String(), charsets["utf-8"])
	if g.chance(0.6) {
		bnd := g.boundary("nl")
		b.h("Content-Type", "multipart/alternative; boundary=\""+bnd+"\"")
		b.body.WriteString("--" + bnd + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n")
		qpBody(&b.body, []byte(crlf(subject+"\n\nHello seller, here is what is new this week.\n\nView in your browser: https://"+s.list+"/v/"+g.hex(16)+"\n\nUnsubscribe: https://"+s.list+"/unsubscribe\n")))
		b.body.WriteString("\r\n--" + bnd + "\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n")
		qpBody(&b.body, htmlBody)
		b.body.WriteString("\r\n--" + bnd + "--\r\n")
	} else {
		b.h("Content-Type", "text/html; charset=utf-8")
		g.encodeBody(b, htmlBody, g.choose([]string{"quoted-printable", "base64"}), true)
	}
	*msg = Message{Raw: join(b), MessageID: id, Subject: subject, Charset: "utf-8", Kind: KindNewsletter,
		Lang: "en", From: s.addr, Date: date}
	m.subject, m.fromAddr, m.fromName, m.date = subject, s.addr, s.name, date
}

// ---------------------------------------------------------------- auto-replies

var autoReplyText = map[string][2]string{
	"en": {"Automatic reply: ", "Thank you for your email. I am out of the office until Monday with limited access to email. For urgent matters please call the office."},
	"de": {"Abwesenheitsnotiz: ", "Vielen Dank für Ihre Nachricht. Ich bin bis einschließlich Montag nicht im Büro und habe nur eingeschränkt Zugriff auf E-Mails."},
	"fr": {"Réponse automatique : ", "Merci pour votre message. Je suis absent du bureau jusqu'à lundi et je n'ai qu'un accès limité à mes e-mails."},
	"es": {"Respuesta automática: ", "Gracias por su correo. Estoy fuera de la oficina hasta el lunes con acceso limitado al correo electrónico."},
	"ja": {"自動応答: ", "メールありがとうございます。月曜日まで不在にしており、メールの確認が遅れます。"},
}

func (g *gen) autoReply(i int, m *meta, msg *Message) {
	var parent *meta
	if len(g.shopSent) > 0 {
		parent = g.metas[g.shopSent[len(g.shopSent)-1-g.pick(min(len(g.shopSent), 100))]]
	}
	var p *party
	if parent != nil && parent.p != nil && parent.p.market < 0 {
		p = parent.p
	} else {
		p = g.newParty(g.pickLang(), -1)
		parent = nil
	}
	t, ok := autoReplyText[p.lang.code]
	lang := p.lang.code
	if !ok {
		t, lang = autoReplyText["en"], "en"
	}
	date := g.date(i, p.lang.zones[0])
	subject := t[0]
	if parent != nil {
		subject += parent.subject
	} else {
		subject += expand(p.lang.topics[p.topic].subject, p)
	}
	id := g.messageID(i, domainOf(p.addr), g.idStyle(p.addr, false))
	b := g.builder()
	cs := charsets["utf-8"]
	g.received(b, p.addr, date, g.chance(0.5))
	b.h("Date", dateHeader(date))
	b.h("From", address(p.name, p.addr, cs, true))
	b.h("To", ShopAddress)
	b.h("Subject", headerText(subject, cs, g.chance(0.5)))
	b.h("Message-ID", "<"+id+">")
	if parent != nil {
		b.h("In-Reply-To", "<"+parent.id+">")
		b.h("References", "<"+parent.id+">")
		msg.InReplyTo = parent.id
	}
	b.h("Auto-Submitted", "auto-replied")
	b.h("X-Auto-Response-Suppress", "All")
	b.h("Precedence", "auto_reply")
	b.h("MIME-Version", "1.0")
	g.textPart(b, t[1]+"\n\n"+p.name+"\n", cs, true)
	*msg = Message{Raw: join(b), MessageID: id, Subject: subject, Charset: "utf-8", Kind: KindAutoReply,
		Lang: lang, From: p.addr, Date: date, InReplyTo: msg.InReplyTo}
	m.subject, m.fromAddr, m.fromName, m.date = subject, p.addr, p.name, date
}

// ---------------------------------------------------------------- bounces

func (g *gen) bounce(i int, m *meta, msg *Message) {
	date := g.date(i, 60)
	var orig *meta
	if len(g.shopSent) > 0 {
		orig = g.metas[g.shopSent[len(g.shopSent)-1-g.pick(min(len(g.shopSent), 100))]]
	}
	rcpt := "nobody" + g.digits(3) + "@" + g.choose([]string{"gmail.com", "yahoo.com", "web.de", "qq.com", "mail.ru"})
	origHead := "From: " + shopFrom + " <" + ShopAddress + ">\r\nTo: " + rcpt + "\r\nSubject: Your order\r\nMessage-ID: <" + g.hex(16) + "@shop.test>\r\nDate: " + dateHeader(date) + "\r\n"
	if orig != nil && orig.p != nil {
		rcpt = orig.p.addr
		origHead = orig.rawHead
	}
	delayed := g.chance(0.2)
	subject := "Undelivered Mail Returned to Sender"
	status, action := "5.1.1", "failed"
	diag := "smtp; 550 5.1.1 <" + rcpt + ">: Recipient address rejected: User unknown in virtual mailbox table"
	if delayed {
		subject = "Delayed Mail (still being retried)"
		status, action = "4.4.1", "delayed"
		diag = "X-Postfix; connect to mx." + domainOf(rcpt) + "[192.0.2.10]:25: Connection timed out"
	}
	qid := strings.ToUpper(g.hex(11))
	id := "20261101" + g.digits(6) + "." + qid + "." + strconv.FormatInt(int64(i), 36) + "@mail.shop.test"
	bnd := qid + ".1762000000/mail.shop.test"
	b := g.builder()
	b.h("Return-Path", "<>")
	b.h("Received", "by mail.shop.test (Postfix)\r\n\tid "+qid+"; "+dateHeader(date))
	b.h("Date", dateHeader(date))
	b.h("From", "MAILER-DAEMON@mail.shop.test (Mail Delivery System)")
	b.h("Subject", subject)
	b.h("To", ShopAddress)
	b.h("Auto-Submitted", "auto-replied")
	b.h("Message-ID", "<"+id+">")
	b.h("MIME-Version", "1.0")
	b.h("Content-Type", "multipart/report; report-type=delivery-status;\r\n\tboundary=\""+bnd+"\"")
	b.h("Content-Transfer-Encoding", "8bit")
	b.body.WriteString("This is a MIME-encapsulated message.\r\n\r\n--" + bnd + "\r\nContent-Description: Notification\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n")
	if delayed {
		b.body.WriteString("This is the mail system at host mail.shop.test.\r\n\r\n####################################################################\r\n# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #\r\n####################################################################\r\n\r\nYour message could not be delivered for more than 4 hour(s).\r\nIt will be retried until it is 5 day(s) old.\r\n\r\n")
	} else {
		b.body.WriteString("This is the mail system at host mail.shop.test.\r\n\r\nI'm sorry to have to inform you that your message could not\r\nbe delivered to one or more recipients. It's attached below.\r\n\r\nFor further assistance, please send mail to postmaster.\r\n\r\nIf you do so, please include this problem report. You can\r\ndelete your own text from the attached returned message.\r\n\r\n                   The mail system\r\n\r\n")
	}
	b.body.WriteString("<" + rcpt + ">: " + strings.TrimPrefix(strings.TrimPrefix(diag, "smtp; "), "X-Postfix; ") + "\r\n\r\n--" + bnd + "\r\nContent-Description: Delivery report\r\nContent-Type: message/delivery-status\r\n\r\n")
	b.body.WriteString("Reporting-MTA: dns; mail.shop.test\r\nX-Postfix-Queue-ID: " + qid + "\r\nX-Postfix-Sender: rfc822; " + ShopAddress + "\r\nArrival-Date: " + dateHeader(date) + "\r\n\r\n")
	b.body.WriteString("Final-Recipient: rfc822; " + rcpt + "\r\nOriginal-Recipient: rfc822;" + rcpt + "\r\nAction: " + action + "\r\nStatus: " + status + "\r\n")
	if !delayed {
		b.body.WriteString("Remote-MTA: dns; mx." + domainOf(rcpt) + "\r\n")
	}
	b.body.WriteString("Diagnostic-Code: " + diag + "\r\n\r\n--" + bnd + "\r\nContent-Description: Undelivered Message Headers\r\nContent-Type: text/rfc822-headers\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
	b.body.WriteString(origHead)
	b.body.WriteString("\r\n--" + bnd + "--\r\n")
	*msg = Message{Raw: join(b), MessageID: id, Subject: subject, Charset: "us-ascii", Kind: KindBounce,
		Lang: "en", From: "MAILER-DAEMON@mail.shop.test", Date: date}
	m.subject, m.fromAddr, m.fromName, m.date = subject, "MAILER-DAEMON@mail.shop.test", "Mail Delivery System", date
}

// ---------------------------------------------------------------- malformed

// malformed builds a message that is broken on purpose, cycling through:
// a multipart without its closing boundary, broken base64, an unknown
// charset, and raw 8-bit UTF-8 headers without MIME headers.
func (g *gen) malformed(i int, m *meta, msg *Message) {
	variant := g.malformN % 4
	g.malformN++
	p := g.newParty(g.pickLang(), -1)
	l := p.lang
	date := g.date(i, l.zones[0])
	id := g.messageID(i, domainOf(p.addr), 4)
	subject := expand(l.topics[p.topic].subject, p)
	text := wrapText(g.buyerText(p, false, charsets["utf-8"]), 76)
	cs := "utf-8"
	b := g.builder()
	g.received(b, p.addr, date, false)
	b.h("Date", dateHeader(date))
	b.h("Message-ID", "<"+id+">")
	switch variant {
	case 0: // multipart, no closing boundary, last part cut short
		b.h("From", address(p.name, p.addr, charsets["utf-8"], true))
		b.h("To", ShopAddress)
		b.h("Subject", headerText(subject, charsets["utf-8"], true))
		b.h("MIME-Version", "1.0")
		bnd := g.boundary("bad")
		b.h("Content-Type", "multipart/alternative; boundary=\""+bnd+"\"")
		b.body.WriteString("--" + bnd + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + crlf(text) + "\r\n\r\n--" + bnd + "\r\nContent-Type: text/html; charset=utf-8\r\n\r\n")
		h := crlf(g.htmlFor(text, l, -1))
		b.body.WriteString(strings.TrimSuffix(h[:len(h)/2], "\r") + "\r\n")
	case 1: // broken base64
		b.h("From", address(p.name, p.addr, charsets["utf-8"], true))
		b.h("To", ShopAddress)
		b.h("Subject", headerText(subject, charsets["utf-8"], true))
		b.h("MIME-Version", "1.0")
		b.h("Content-Type", "text/plain; charset=utf-8")
		b.h("Content-Transfer-Encoding", "base64")
		var enc strings.Builder
		enc.WriteString(b64(append([]byte(crlf(text)), '\r', '\n')))
		s := enc.String()
		cut := len(s) / 3
		s = s[:cut] + "!!*~" + s[cut:len(s)-5] // invalid characters, and a truncated last quantum
		for len(s) > 0 {
			n := min(76, len(s))
			b.body.WriteString(s[:n] + "\r\n")
			s = s[n:]
		}
	case 2: // unknown charset; the subject stays ASCII so it is still exact
		cs = "x-unknown-8bit"
		subject = "Order " + p.order + " problem"
		b.h("From", p.addr)
		b.h("To", ShopAddress)
		b.h("Subject", subject)
		b.h("MIME-Version", "1.0")
		b.h("Content-Type", "text/plain; charset=\""+cs+"\"")
		b.h("Content-Transfer-Encoding", "8bit")
		b.body.WriteString("Order " + p.order + "\r\n")
		raw := g.randBytes(300)
		for k := range raw {
			raw[k] |= 0x80 // high bytes only: no NUL, CR or LF
		}
		for k := 0; k < len(raw); k += 60 {
			b.body.Write(raw[k:min(k+60, len(raw))])
			b.body.WriteString("\r\n")
		}
	default: // raw UTF-8 in headers, no MIME headers at all
		b.h("From", p.name+" <"+p.addr+">")
		b.h("To", ShopAddress)
		b.h("Subject", subject)
		b.body.WriteString(crlf(text) + "\r\n")
	}
	*msg = Message{Raw: join(b), MessageID: id, Subject: subject, Charset: cs, Kind: KindMalformed,
		Lang: l.code, From: p.addr, Date: date}
	m.subject, m.fromAddr, m.fromName, m.date = subject, p.addr, p.name, date
}
