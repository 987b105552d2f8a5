package classify

// CheckAutomatic: does a message come from a machine, a bulk sender or a
// spammer, so that it must never be answered, and what is it?
//
// The checks run from the strongest evidence to the weakest:
//
//  1. mail from one of the shop's own addresses (a reply would loop);
//  2. bounces: multipart/report delivery-status, MAILER-DAEMON/postmaster
//     senders, X-Failed-Recipients, Return-Path <> with a bounce subject or
//     body, bounce subjects in many languages;
//  3. other reports (read receipts, abuse feedback);
//  4. Amazon product Q&A (answered on Amazon, not by e-mail);
//  5. phishing: lookalike sender or link domains of marketplaces, payment
//     services and carriers, failed SPF/DKIM/DMARC on a brand's domain or
//     together with phishing language;
//  6. marketplace relays of a buyer's own words (Amazon buyer-seller
//     messages, eBay member messages, Walmart/TikTok/AliExpress buyer
//     messages, shop contact forms): written by a person, so NOT automatic,
//     whatever their headers say;
//  7. auto-replies: Auto-Submitted: auto-replied, X-Autoreply,
//     X-Autorespond, Precedence: auto_reply, auto-reply subject prefixes
//     and body statements in the 18 languages;
//  8. marketplace notices from the real marketplace domains
//     (channel_notification, with the intent read from subject and body);
//  9. newsletters and lists (List-Id, List-Unsubscribe, Precedence
//     bulk/list/junk, bulk-mail software headers), spam when the content is
//     a sales pitch;
//  10. other machine mail (Auto-Submitted: auto-generated, no-reply
//     senders, "this is an automated message");
//  11. bulk footers ("you are receiving this email because", unsubscribe)
//     and unsolicited sales pitches.
//
// Phishing by wording alone (a display name imitating a brand from a
// foreign domain, or heavy account-threat wording, with a link) is checked
// right after the auto-replies.
//
// Everything else is a person writing to the shop: Automatic=false with
// empty Type and Intent.

import (
	"github.com/replydesk/replydesk/parse"
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// autoScanLimit caps how much text the phrase rules read.
const autoScanLimit = 6 << 10

// autoCtx holds the lower-cased views of one message.
type autoCtx struct {
	in      *Input
	from    string // sender address, lower case
	local   string // its local part
	domain  string // its domain
	name    string // display name, lower case
	subj    string // subject, lower case, spaces collapsed
	newt    string // NewText, lower case (capped)
	text    string // Text, lower case (capped)
	head    string // the first ~600 bytes of newt (or text)
	mkt     string // marketplace owning the sender domain ("" if none)
	noreply bool   // the sender address is a no-reply / notification address
	relay   bool   // a marketplace relay of a person's words
	auth    autoAuth

	phishDone bool // phishCues computed
	phish     []string
	pitchDone bool // pitchScore computed
	pitchN    int
	pitchWhy  []string
}

type autoAuth struct {
	spfFail, dkimFail, dmarcFail bool
	why                          []string
}

func (a autoAuth) any() bool { return a.spfFail || a.dkimFail || a.dmarcFail }

// CheckAutomatic decides whether a message must never get a reply, and
// what it is. See the file comment for the order of the rules.
func CheckAutomatic(in *Input) AutoVerdict {
	if in == nil {
		return AutoVerdict{Confidence: 0.5, Reasons: []string{"no message"}}
	}
	c := newAutoCtx(in)
	if v, ok := c.ownAddress(); ok {
		return v
	}
	if v, ok := c.bounce(); ok {
		return v
	}
	if v, ok := c.report(); ok {
		return v
	}
	if v, ok := c.amazonQA(); ok {
		return v
	}
	relay, relayWhy, relayConf := c.detectRelay()
	c.relay = relay
	if v, ok := c.phishing(); ok {
		return v
	}
	if relay {
		if v, ok := c.relayAutoReply(); ok {
			return v
		}
		reasons := []string{relayWhy}
		if h := c.autoHeaderSummary(); h != "" {
			reasons = append(reasons, "ignored on a relay: "+h)
		}
		return AutoVerdict{Confidence: relayConf, Reasons: reasons}
	}
	if v, ok := c.autoReply(); ok {
		return v
	}
	if v, ok := c.phishingText(); ok {
		return v
	}
	if v, ok := c.marketplaceNotice(); ok {
		return v
	}
	if v, ok := c.bulk(); ok {
		return v
	}
	if v, ok := c.machine(); ok {
		return v
	}
	if v, ok := c.bulkFooter(); ok {
		return v
	}
	if v, ok := c.pitch(); ok {
		return v
	}
	return c.person()
}

func newAutoCtx(in *Input) *autoCtx {
	c := &autoCtx{in: in}
	c.from = strings.ToLower(strings.TrimSpace(in.From.Addr))
	if i := strings.LastIndexByte(c.from, '@'); i >= 0 {
		c.local, c.domain = c.from[:i], strings.TrimRight(c.from[i+1:], ".>")
	} else {
		c.local = c.from
	}
	c.name = strings.ToLower(in.From.Name)
	c.subj = strings.Join(strings.Fields(strings.ToLower(in.Subject)), " ")
	c.newt = autoLower(in.NewText)
	c.text = autoLower(in.Text)
	c.head = c.newt
	if strings.TrimSpace(c.head) == "" {
		c.head = c.text
	}
	c.head = autoCut(strings.TrimSpace(c.head), 600)
	c.mkt = autoMarketOf(c.domain)
	c.noreply = autoNoReplyAddr(c.local, c.domain)
	c.auth = autoReadAuth(in)
	return c
}

// autoLower lower-cases s, capped at autoScanLimit bytes.
// Long mail keeps its head and its last 1 KB (list footers live there).
func autoLower(s string) string {
	if len(s) <= autoScanLimit {
		return strings.ToLower(s)
	}
	head := autoCut(s, autoScanLimit-1024)
	tail := s[len(s)-1024:]
	for len(tail) > 0 && !utf8.RuneStart(tail[0]) {
		tail = tail[1:]
	}
	return strings.ToLower(head + "\n" + tail)
}

// autoCut cuts s to at most n bytes at a rune boundary.
func autoCut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// autoFind returns the first phrase of list found in s, or "".
func autoFind(s string, list []string) string {
	return findFirst(s, list)
}

func autoVerdict(typ, intent string, conf float64, reasons ...string) AutoVerdict {
	return AutoVerdict{Automatic: true, Type: typ, Intent: intent, Confidence: conf, Reasons: reasons}
}

// ---- 1. our own address ----

func (c *autoCtx) ownAddress() (AutoVerdict, bool) {
	if c.from == "" {
		return AutoVerdict{}, false
	}
	for _, a := range c.in.OwnAddresses {
		if strings.EqualFold(strings.TrimSpace(a), c.from) {
			for _, rt := range c.in.ReplyTo {
				if c.personalReplyTo(rt.Addr) {
					return AutoVerdict{}, false // the shop's own contact form relaying a person
				}
			}
			return autoVerdict(TypeOther, "other", 0.9, "sender "+c.from+" is the shop's own address"), true
		}
	}
	return AutoVerdict{}, false
}

// ---- 2. bounces ----

var autoDaemonLocals = []string{"mailer-daemon", "mailer_daemon", "mailerdaemon", "mail-daemon", "maildaemon",
	"postmaster", "mdaemon", "mail.daemon"}

// Display names of mail systems: the first ones on any address, the rest
// only on a machine address.
var autoDaemonNames = []string{"mail delivery", "mailer-daemon", "mailer daemon", "postmaster", "delivery subsystem",
	"mail administrator", "mail system", "delivery status notification", "系统退信", "退信"}

const autoStrongDaemonNames = 5

// Bounce subjects that are safe anywhere in the subject: they name the mail
// itself, not a parcel.
var autoBounceSubj = []string{
	"undelivered mail returned to sender", "delivery status notification", "mail delivery failed",
	"mail delivery failure", "failure notice", "undeliverable message",
	"message not delivered", "message undeliverable", "non-delivery report",
	"nondeliverable mail", "message delivery failure", "mail system error", "delayed mail (still being retried)",
	"warning: could not send message", "your message couldn't be delivered", "your message could not be delivered",
	"your message wasn't delivered", "unzustellbare nachricht", "nicht zustellbare nachricht",
	"nachricht nicht zugestellt", "message non remis", "échec de la remise", "échec de remise du message",
	"notification d'état de remise", "mensaje no entregado", "no se pudo entregar el mensaje",
	"notificación de estado de entrega", "messaggio non recapitato", "notifica sullo stato del recapito",
	"mensagem não entregue", "mensagem devolvida", "notificação de status de entrega", "bericht niet afgeleverd",
	"onbestelbaar bericht", "wiadomość niedostarczona", "nie można dostarczyć wiadomości", "ileti teslim edilemedi",
	"teslim edilemeyen ileti", "недоставленное сообщение", "сообщение не доставлено", "возврат письма",
	"系统退信", "退信通知", "邮件退信", "邮件投递失败", "郵件退回", "邮件被退回", "郵件無法投遞", "邮件无法投递", "配信不能", "メール配信失敗",
	"メール配信エラー", "반송된 메일", "메일 반송", "메일 전송 실패", "thư không gửi được", "không thể gửi thư",
	"gửi thư thất bại", "ไม่สามารถส่งอีเมล", "ส่งอีเมลไม่สำเร็จ", "pesan tidak terkirim", "email tidak terkirim",
	"surat tidak terkirim", "mesej tidak dapat dihantar", "e-mel tidak dapat dihantar", "رسالة غير مسلمة",
	"تعذر تسليم الرسالة", "لم يتم تسليم الرسالة",
}

// Bounce subjects that could also be about a parcel ("Delivery failed",
// "Unzustellbar"): they count only at the very start of the subject, the
// way mail servers write them, and need a DSN body phrase or an
// automatic-mail header.
var autoBounceSubjWeak = []string{
	"undeliverable", "delivery failure", "delivery failed", "delivery has failed", "nondeliverable", "non-deliverable",
	"returned mail", "mail not delivered",
	"returned to sender", "unzustellbar", "nicht zustellbar", "non remis", "no se puede entregar", "non recapitabile",
	"impossibile recapitare", "não é possível entregar", "onbestelbaar", "niedostarczalne", "nie można dostarczyć",
	"teslim edilemedi", "iletilemedi", "не удалось доставить", "не доставлено", "投递失败", "无法投递", "無法投遞", "无法送达",
	"無法傳遞", "配信エラー", "配信失敗", "宛先不明", "送信できませんでした", "배달되지 않음", "전달되지 않음", "배달 실패",
	"không thể chuyển phát", "ไม่สามารถนำส่ง", "gagal terkirim", "tidak dapat dikirim", "gagal dihantar",
	"tidak dapat dihantar", "تعذر تسليم", "لم يتم تسليم", "فشل التسليم",
}

// Bounce phrases of a DSN body that name the mail itself. They count with a
// machine sender, Return-Path <> or a bounce subject, never alone.
var autoBounceBody = []string{
	"this is the mail system at host", "could not be delivered to one or more recipients",
	"your message could not be delivered", "your message couldn't be delivered", "your message wasn't delivered",
	"your message to", "delivery to the following recipient failed", "delivery to the following recipients failed",
	"delivery has failed to these recipients", "the following addresses had permanent fatal errors",
	"permanent fatal errors", "a message that you sent could not be delivered", "550 5.1.1", "550-5.1.1",
	"5.1.1 user unknown", "552 5.2.2", "554 5.", "recipient address rejected", "mailbox unavailable", "mailbox is full",
	"user unknown", "no such user", "i'm sorry to have to inform you that your message", "original message follows",
	"nachricht konnte nicht zugestellt werden", "konnte nicht an einen oder mehrere empfänger",
	"le message que vous avez envoyé", "el mensaje no se pudo entregar", "su mensaje no se pudo entregar",
	"il messaggio non è stato recapitato", "a mensagem não pôde ser entregue", "sua mensagem não pôde ser entregue",
	"het bericht kon niet worden afgeleverd", "wiadomość nie mogła zostać dostarczona", "ileti teslim edilemedi",
	"ваше письмо не удалось доставить", "письмо не доставлено", "您发送的邮件", "邮件未能", "郵件無法", "退信原因",
	"メールを配信できません", "配信できませんでした", "메일을 전송하지 못했습니다", "메일 전송", "thư của bạn không thể gửi",
	"อีเมลของคุณไม่สามารถส่ง", "pesan anda tidak dapat dikirim", "email anda tidak dapat dikirim",
	"e-mel anda tidak dapat dihantar", "تعذر تسليم رسالتك",
}

// Delivery-failure phrases that could as well be about a parcel: they
// count only with a machine sender or Return-Path <>.
var autoBounceBodyGeneric = []string{
	"couldn't be delivered", "could not be delivered", "wasn't delivered to", "delivery has failed",
	"n'a pas pu être remis", "no se ha podido entregar", "no se pudo entregar", "non è stato possibile recapitare",
	"não pôde ser entregue", "não foi possível entregar", "kon niet worden afgeleverd", "nie mogła zostać dostarczona",
	"nie może zostać dostarczona", "teslim edilemedi", "не удалось доставить", "未能成功投递", "无法投递", "無法投遞",
	"届けることができませんでした", "전달할 수 없습니다", "không thể gửi", "ไม่สามารถส่ง", "tidak dapat dikirim",
	"tidak dapat dihantar", "تعذر تسليم",
}

func (c *autoCtx) bounce() (AutoVerdict, bool) {
	a := c.in.Auto
	if a.Report && a.ReportType == "delivery-status" {
		r := []string{"multipart/report delivery-status"}
		if c.daemonSender() {
			r = append(r, "sender "+c.in.From.Addr)
		}
		return autoVerdict(TypeOther, "bounce", 0.99, r...), true
	}
	if v := c.in.Header.Get("X-Failed-Recipients"); v != "" {
		return autoVerdict(TypeOther, "bounce", 0.99, "header X-Failed-Recipients: "+autoCut(v, 60)), true
	}
	subjStrong := ""
	weak := ""
	for _, p := range autoBounceSubjWeak {
		// "Undeliverable: Re: ..." the way mail servers write it, not
		// "Undeliverable package"
		if strings.HasPrefix(c.subj, p) {
			rest := strings.TrimLeft(c.subj[len(p):], " ")
			if strings.HasPrefix(rest, ":") || strings.HasPrefix(rest, "：") {
				weak = p
				break
			}
		}
	}
	if c.subj == "退信" || strings.HasPrefix(c.subj, "退信:") || strings.HasPrefix(c.subj, "退信：") {
		subjStrong = "退信"
	}
	dsn := autoCut(c.text, 6000)
	body := autoFind(dsn, autoBounceBody)
	generic := body
	if generic == "" {
		generic = autoFind(dsn, autoBounceBodyGeneric)
	}
	subj := autoFind(c.subj, autoBounceSubj)
	if subj == "" {
		subj = subjStrong
	}
	if subj == "" && weak != "" && (body != "" || autoIsAutoSubmitted(a.AutoSubmitted) || a.ReturnPathEmpty) {
		subj = weak
	}
	if c.daemonSender() {
		r := []string{"sender " + c.in.From.Addr}
		conf := 0.95
		if subj != "" {
			r = append(r, "subject phrase '"+subj+"'")
			conf = 0.99
		}
		if generic != "" {
			r = append(r, "body phrase '"+generic+"'")
			conf = 0.99
		}
		return autoVerdict(TypeOther, "bounce", conf, r...), true
	}
	if a.ReturnPathEmpty && (subj != "" || generic != "") {
		r := []string{"Return-Path <>"}
		if subj != "" {
			r = append(r, "subject phrase '"+subj+"'")
		}
		if generic != "" {
			r = append(r, "body phrase '"+generic+"'")
		}
		return autoVerdict(TypeOther, "bounce", 0.98, r...), true
	}
	if subj != "" && !c.forwardSubject() {
		conf := 0.85
		r := []string{"subject phrase '" + subj + "'"}
		if body != "" {
			conf = 0.93
			r = append(r, "body phrase '"+body+"'")
		}
		if autoIsAutoSubmitted(a.AutoSubmitted) {
			conf = 0.97
			r = append(r, "header Auto-Submitted: "+a.AutoSubmitted)
		}
		return autoVerdict(TypeOther, "bounce", conf, r...), true
	}
	return AutoVerdict{}, false
}

func (c *autoCtx) daemonSender() bool {
	for _, l := range autoDaemonLocals {
		if c.local == l || strings.HasPrefix(c.local, l+"+") || strings.HasPrefix(c.local, l+"-") {
			return true
		}
	}
	if c.from == "" || c.noreply {
		for _, n := range autoDaemonNames {
			if strings.Contains(c.name, n) {
				return true
			}
		}
	}
	// "Mail Delivery System <postmaster@...>" style names on any address
	for _, n := range autoDaemonNames[:autoStrongDaemonNames] {
		if strings.Contains(c.name, n) {
			return true
		}
	}
	return false
}

var autoFwdRe = regexp.MustCompile(`^\s*(fwd?|fw|wg|tr|rv|enc|i|pd|doorst|vs|vl|ilt|пересл|转发|轉寄|轉發|転送|전달)\s*[:：]`)

func (c *autoCtx) forwardSubject() bool { return autoFwdRe.MatchString(c.subj) }

func autoIsAutoSubmitted(v string) bool {
	v = strings.ToLower(strings.TrimSpace(v))
	return v != "" && v != "no"
}

// ---- 3. other reports ----

func (c *autoCtx) report() (AutoVerdict, bool) {
	a := c.in.Auto
	if !a.Report {
		return AutoVerdict{}, false
	}
	switch a.ReportType {
	case "disposition-notification":
		return autoVerdict(TypeOther, "auto_reply", 0.97, "multipart/report disposition-notification (read receipt)"), true
	case "feedback-report":
		return autoVerdict(TypeOther, "other", 0.95, "multipart/report feedback-report (abuse report)"), true
	case "":
		if c.daemonSender() || a.ReturnPathEmpty {
			return autoVerdict(TypeOther, "bounce", 0.95, "multipart/report from a mail system"), true
		}
	default:
		return autoVerdict(TypeOther, "other", 0.9, "multipart/report "+a.ReportType), true
	}
	return AutoVerdict{}, false
}

// ---- 4. Amazon Q&A ----

var autoQASubj = []string{
	"a customer has a question about", "customer question about", "has a question about your product",
	"ein kunde hat eine frage", "kundenfrage zu", "un client a une question", "un cliente tiene una pregunta",
	"un cliente ha una domanda", "um cliente tem uma pergunta", "een klant heeft een vraag",
	"klient ma pytanie", "bir müşterinin", "müşteri sorusu", "у покупателя есть вопрос", "покупатель задал вопрос",
	"お客様から商品に関する質問", "商品に関する質問", "顾客对商品有疑问", "顾客提问", "客戶提問", "고객이 상품에 대해 질문",
	"لدى أحد العملاء سؤال", "لدى عميل سؤال",
}

func (c *autoCtx) amazonQA() (AutoVerdict, bool) {
	if c.mkt != "amazon" || autoIsAmazonRelayDomain(c.domain) {
		return AutoVerdict{}, false
	}
	answers := strings.Contains(c.local, "answers") || strings.Contains(c.local, "question")
	subj := autoFind(c.subj, autoQASubj)
	switch {
	case answers && subj != "":
		return autoVerdict(TypeAmazonQA, "product_question", 0.98, "sender "+c.in.From.Addr, "subject phrase '"+subj+"'"), true
	case answers:
		return autoVerdict(TypeAmazonQA, "product_question", 0.93, "sender "+c.in.From.Addr+" (Amazon customer questions)"), true
	case subj != "":
		return autoVerdict(TypeAmazonQA, "product_question", 0.9, "Amazon sender, subject phrase '"+subj+"'"), true
	}
	return AutoVerdict{}, false
}

// ---- brands, domains ----

// autoOwnedBy reports whether domain d belongs to the brand label: the
// label followed only by a public-suffix-like tail of one or two labels.
func autoOwnedBy(d string, owns func(label string) bool) bool {
	if d == "" {
		return false
	}
	labels := strings.Split(d, ".")
	for i, l := range labels {
		if !owns(l) {
			continue
		}
		tail := labels[i+1:]
		if len(tail) == 0 || len(tail) > 2 {
			continue
		}
		ok := true
		for _, t := range tail {
			if !parse.IsSuffixLabel(t) {
				ok = false
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// autoMarketOf returns the marketplace that really owns domain d, or "".
func autoMarketOf(d string) string { return parse.ChannelForDomain(d) }

func autoIsAmazonRelayDomain(d string) bool {
	return strings.HasPrefix(d, "marketplace.amazon.") || strings.Contains(d, ".marketplace.amazon.")
}

// autoBrand is a brand that phishing imitates.
type autoBrand struct {
	token string   // as it appears in domains
	words []string // as it appears in names and text (lower case)
	extra []string // other official domains (suffix match)
	mkt   bool     // a marketplace the shops sell on: a lookalike domain that names it is enough
}

var autoBrands = []autoBrand{
	{token: "amazon", words: []string{"amazon", "seller central", "亚马逊", "亞馬遜", "アマゾン", "아마존", "أمازون"}, mkt: true,
		extra: []string{"amazonses.com", "amazonaws.com", "amazon-adsystem.com", "amazonpay.com", "amazontrust.com"}},
	{token: "ebay", words: []string{"ebay", "易贝", "イーベイ"}, mkt: true, extra: []string{"ebay-kleinanzeigen.de", "ebaystatic.com", "ebayinc.com", "ebaydesc.com"}},
	{token: "walmart", words: []string{"walmart", "沃尔玛", "ウォルマート"}, mkt: true, extra: []string{"walmartlabs.com", "walmart-content.com"}},
	{token: "aliexpress", words: []string{"aliexpress", "速卖通", "速賣通"}, mkt: true},
	{token: "alibaba", words: []string{"alibaba", "阿里巴巴"}, mkt: true, extra: []string{"alibaba-inc.com", "alibabacloud.com"}},
	{token: "shopify", words: []string{"shopify"}, mkt: true, extra: []string{"shopifyemail.com", "myshopify.com", "shopifycloud.com"}},
	{token: "tiktok", words: []string{"tiktok", "抖音"}, mkt: true, extra: []string{"tiktokshop.com", "tiktokglobalshop.com", "tiktokv.com", "bytedance.com", "tiktokshopglobalselling.com"}},
	{token: "paypal", words: []string{"paypal"}, extra: []string{"paypal-communication.com", "paypal-corp.com"}},
	{token: "stripe", words: []string{"stripe"}},
	{token: "etsy", words: []string{"etsy"}},
	{token: "temu", words: []string{"temu"}},
	{token: "mercadolibre", words: []string{"mercado libre", "mercadolibre"}},
	{token: "mercadolivre", words: []string{"mercado livre", "mercadolivre"}},
	{token: "rakuten", words: []string{"rakuten", "楽天"}},
	{token: "zalando", words: []string{"zalando"}},
	{token: "allegro", words: []string{"allegro"}},
	{token: "wildberries", words: []string{"wildberries"}},
	{token: "lazada", words: []string{"lazada"}},
	{token: "shopee", words: []string{"shopee"}},
	{token: "dhl", words: []string{"dhl"}, extra: []string{"deutschepost.de", "dhl-news.com"}},
	{token: "ups", words: []string{"ups"}},
	{token: "usps", words: []string{"usps"}},
	{token: "fedex", words: []string{"fedex"}},
	{token: "correios", words: []string{"correios"}},
	{token: "royalmail", words: []string{"royal mail"}},
	{token: "laposte", words: []string{"la poste"}},
	{token: "colissimo", words: []string{"colissimo"}},
	{token: "chronopost", words: []string{"chronopost"}},
	{token: "postnl", words: []string{"postnl"}},
	{token: "inpost", words: []string{"inpost"}},
	{token: "evri", words: []string{"evri"}},
	{token: "japanpost", words: []string{"japan post", "日本郵便"}},
	{token: "canadapost", words: []string{"canada post"}, extra: []string{"canadapost-postescanada.ca"}},
	{token: "auspost", words: []string{"australia post", "auspost"}},
	{token: "aramex", words: []string{"aramex"}},
}

// autoTokenIn reports whether token occurs in domain d as a whole word of a
// label (delimited by '.', '-', digits or the ends); long tokens (5+
// letters) may also be glued to other letters (amazonsellerhelp.top).
func autoTokenIn(d, token string) bool {
	for off := 0; off < len(d); {
		k := strings.Index(d[off:], token)
		if k < 0 {
			return false
		}
		k += off
		off = k + 1
		if len(token) >= 5 {
			if token == "amazon" && (strings.HasPrefix(d[k:], "amazonia") || strings.HasPrefix(d[k:], "amazonas")) {
				continue
			}
			return true
		}
		before := k == 0 || !autoIsLetter(d[k-1])
		after := k+len(token) == len(d) || !autoIsLetter(d[k+len(token)])
		if before && after {
			return true
		}
	}
	return false
}

func autoIsLetter(b byte) bool { return b >= 'a' && b <= 'z' }

// autoOfficial reports whether d is an official domain of brand b.
func autoOfficial(d string, b *autoBrand) bool {
	if autoOwnedBy(d, func(l string) bool { return l == b.token }) {
		return true
	}
	if b.token == "amazon" || b.token == "ebay" || b.token == "walmart" || b.token == "aliexpress" ||
		b.token == "alibaba" || b.token == "shopify" || b.token == "tiktok" {
		if autoMarketOf(d) != "" {
			return true
		}
	}
	for _, e := range b.extra {
		if d == e || strings.HasSuffix(d, "."+e) {
			return true
		}
	}
	return false
}

// autoLookalike returns the brand whose name domain d carries without
// being one of its official domains.
func autoLookalike(d string) *autoBrand {
	if d == "" {
		return nil
	}
	for i := range autoBrands {
		b := &autoBrands[i]
		if autoTokenIn(d, b.token) && !autoOfficial(d, b) {
			return b
		}
	}
	return nil
}

// autoWordIn reports whether w occurs in s as a word (ASCII word
// boundaries around Latin words; plain containment for other scripts).
func autoWordIn(s, w string) bool {
	if w == "" {
		return false
	}
	if w[0] >= 0x80 {
		return strings.Contains(s, w)
	}
	for off := 0; off < len(s); {
		k := strings.Index(s[off:], w)
		if k < 0 {
			return false
		}
		k += off
		off = k + 1
		before := k == 0 || !autoWordByte(s, k, true)
		after := k+len(w) >= len(s) || !autoWordByte(s, k+len(w), false)
		if before && after {
			return true
		}
	}
	return false
}

// autoWordByte reports whether the rune before (or at) byte i is a letter or digit.
func autoWordByte(s string, i int, before bool) bool {
	var r rune
	if before {
		r, _ = utf8.DecodeLastRuneInString(s[:i])
	} else {
		r, _ = utf8.DecodeRuneInString(s[i:])
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// autoClaims reports whether the display name, subject or the start of the
// text present the mail as coming from brand b.
func (c *autoCtx) autoClaims(b *autoBrand) string {
	for _, w := range b.words {
		switch {
		case autoWordIn(c.name, w):
			return "display name"
		case autoWordIn(c.subj, w):
			return "subject"
		case autoWordIn(autoCut(c.text, 3000), w):
			return "text"
		}
	}
	return ""
}

var autoURLRe = regexp.MustCompile(`https?://([a-z0-9][a-z0-9.-]*[a-z0-9])`)

// linkLookalike returns the first link host in the text that imitates a brand.
func (c *autoCtx) linkLookalike() (string, *autoBrand) {
	for _, m := range autoURLRe.FindAllStringSubmatch(autoCut(c.text, 16000), 40) {
		if b := autoLookalike(m[1]); b != nil {
			return m[1], b
		}
	}
	return "", nil
}

// ---- authentication results ----

// autoAuthResults returns the results of method ("spf", "dkim",
// "dmarc") in a lower-case Authentication-Results value.
func autoAuthResults(v, method string) []string {
	var out []string
	for off := 0; off < len(v); {
		k := strings.Index(v[off:], method)
		if k < 0 {
			break
		}
		k += off
		off = k + len(method)
		if k > 0 && (autoIsLetter(v[k-1]) || v[k-1] == '-') {
			continue // arc-..., x-spf
		}
		rest := strings.TrimLeft(v[off:], " \t")
		if !strings.HasPrefix(rest, "=") {
			continue
		}
		rest = strings.TrimLeft(rest[1:], " \t")
		j := 0
		for j < len(rest) && autoIsLetter(rest[j]) {
			j++
		}
		if j > 0 {
			out = append(out, rest[:j])
		}
	}
	return out
}

func autoFirst(v []string) []string {
	if len(v) > 1 {
		return v[:1]
	}
	return v
}

func autoReadAuth(in *Input) autoAuth {
	var a autoAuth
	if in.Header == nil {
		return a
	}
	// Only the top-most result counts: it is the one our own receiving
	// server added; lower ones come from relays on the way.
	for _, v := range autoFirst(in.Header["Authentication-Results"]) {
		lv := strings.ToLower(v)
		for _, r := range autoAuthResults(lv, "spf") {
			if (r == "fail" || r == "softfail") && !a.spfFail {
				a.spfFail = true
				a.why = append(a.why, "Authentication-Results: spf="+r)
			}
		}
		for _, r := range autoAuthResults(lv, "dkim") {
			if r == "fail" && !a.dkimFail {
				a.dkimFail = true
				a.why = append(a.why, "Authentication-Results: dkim=fail")
			}
		}
		for _, r := range autoAuthResults(lv, "dmarc") {
			if r == "fail" && !a.dmarcFail {
				a.dmarcFail = true
				a.why = append(a.why, "Authentication-Results: dmarc=fail")
			}
		}
	}
	for _, v := range autoFirst(in.Header["Received-Spf"]) {
		f := strings.Fields(strings.ToLower(v))
		if len(f) > 0 && (f[0] == "fail" || f[0] == "softfail") {
			if !a.spfFail {
				a.why = append(a.why, "Received-SPF: "+f[0])
			}
			a.spfFail = true
		}
	}
	return a
}

// ---- 5. phishing ----

// Phishing language: account threats, verification, fees, prizes.
var autoPhishPhrases = []string{
	// en
	"verify your account", "verify your identity", "verify my account", "confirm your identity", "confirm your account",
	"confirm your payment", "confirm payment information", "confirm your payment information", "update your payment",
	"update your billing", "update your account", "secure your account", "secure my account", "restore your account",
	"unlock your account", "account has been deactivated", "account has been suspended", "account has been locked",
	"account has been limited", "account has been restricted", "account has been disabled", "account has been frozen",
	"account will be suspended", "account will be locked", "account will be closed", "account will be permanently",
	"account is on hold", "account is temporarily on hold", "account is suspended", "account is locked",
	"account is limited", "store has been frozen", "store will be paused", "store will be closed",
	"permanently suspended", "permanently closed", "avoid suspension", "unusual sign-in", "unusual activity",
	"irregular activity", "suspicious activity", "unauthorized login", "appeal within", "log in to appeal",
	"click here to verify", "pay the shipping fee", "shipping fee of", "customs fee", "redelivery fee",
	"outstanding fee", "you have been selected", "claim your", "gift card", "you have won", "congratulations! you",
	// de
	"vorübergehend eingeschränkt", "konto wurde gesperrt", "konto wurde eingeschränkt", "konto gesperrt",
	"ihre identität", "verifizieren sie ihr konto", "bestätigen sie ihre", "ungewöhnlicher aktivitäten",
	"ungewöhnliche aktivitäten", "zollgebühr", "gebühr von",
	// fr
	"compte a été suspendu", "compte suspendu", "compte sera suspendu", "vérifiez votre compte", "confirmez votre identité",
	"activité inhabituelle", "frais de douane",
	// es
	"cuenta ha sido suspendida", "cuenta suspendida", "verifique su cuenta", "verifica tu cuenta", "confirme sus datos",
	"actividad inusual", "tasa de aduana",
	// it
	"account è stato sospeso", "account sospeso", "verifica il tuo account", "conferma la tua identità", "attività insolita",
	"tassa doganale",
	// pt
	"conta foi suspensa", "conta suspensa", "verifique sua conta", "confirme seus dados", "atividade incomum",
	"taxa de importação", "taxa de despacho", "aguardando pagamento da taxa",
	// nl, pl, tr, ru
	"account is geblokkeerd", "verifieer uw account", "douanekosten", "konto zostało zablokowane", "zweryfikuj swoje konto",
	"opłata celna", "hesabınız askıya", "hesabınızı doğrulayın", "gümrük ücreti", "аккаунт заблокирован",
	"учетная запись заблокирована", "подтвердите свои данные", "таможенный сбор",
	// zh, ja, ko, others
	"账户已被冻结", "账号已被冻结", "账户异常", "验证您的账户", "验证身份", "店铺已被冻结", "帳戶已被凍結", "驗證您的帳戶",
	"アカウントが停止", "アカウントを確認", "本人確認", "계정이 정지", "계정 확인", "xác minh tài khoản",
	"tài khoản của bạn đã bị khóa", "ยืนยันบัญชี", "บัญชีของคุณถูกระงับ", "verifikasi akun", "akun anda ditangguhkan",
	"sahkan akaun", "تحقق من حسابك", "تم تعليق حسابك",
}

// Time pressure: a phishing cue only together with a stronger one.
var autoPhishPressure = []string{
	"within 24 hours", "within 12 hours", "within 48 hours", "in 24 hours", "in 12 hours", "offer expires in",
	"innerhalb von 24 stunden", "innerhalb von 48 stunden", "dans les 24 heures", "dans les 48 heures",
	"en las próximas 24 horas", "en un plazo de 24 horas", "entro 24 ore", "entro 48 ore", "em até 48 horas",
	"em até 24 horas", "в течение 24 часов", "24小时内", "24時間以内", "24시간 이내", "dalam 24 jam", "خلال 24 ساعة",
}

func (c *autoCtx) phishCues() []string {
	if !c.phishDone {
		c.phish = c.computePhishCues()
		c.phishDone = true
	}
	return c.phish
}

// computePhishCues lists the phishing phrases of the subject and the new
// text; a time-pressure phrase is listed only after a stronger one.
func (c *autoCtx) computePhishCues() []string {
	var out []string
	s := c.subj + "\n" + autoCut(c.newt, 8000)
	for i, hit := range findAll(s, autoPhishPhrases) {
		if hit {
			out = append(out, autoPhishPhrases[i])
			if len(out) == 4 {
				break
			}
		}
	}
	if len(out) > 0 {
		if p := autoFind(s, autoPhishPressure); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// serviceName: the display name presents a brand's service ("Amazon Seller
// Central", "eBay", "Shopify Billing"), not a person who names the brand.
func (c *autoCtx) serviceName(b *autoBrand) bool {
	n := strings.TrimSpace(c.name)
	named := false
	for _, w := range b.words {
		if autoWordIn(n, w) {
			named = true
			if n == w {
				return true
			}
		}
	}
	if !named || len(strings.Fields(n)) > 5 {
		return false
	}
	return autoFind(n, autoServiceRoles) != ""
}

var autoServiceRoles = []string{"seller", "central", "support", "service", "team", "security", "account", "billing",
	"payment", "notification", "notice", "reward", "guarantee", "marketplace", "center", "centre", "customer", "help",
	"verification", "alert", "official", "store", "shop", "partner", "express", "paket", "post", "delivery", "tracking",
	"卖家", "客服", "中心", "服务"}

// hasLinkTo: the text links to host d (or a subdomain of it).
func (c *autoCtx) hasLinkTo(d string) bool {
	return d != "" && (strings.Contains(c.text, "://"+d) || strings.Contains(c.text, "."+d+"/"))
}

func (c *autoCtx) hasLink() bool {
	return strings.Contains(c.text, "http://") || strings.Contains(c.text, "https://") || strings.Contains(c.text, "www.")
}

func (c *autoCtx) phishing() (AutoVerdict, bool) {
	cues := c.phishCues()
	// a lookalike sender domain that presents itself as the brand
	if b := autoLookalike(c.domain); b != nil {
		if where := c.autoClaims(b); where != "" && (len(cues) > 0 || b.mkt && (c.serviceName(b) || c.hasLinkTo(c.domain))) {
			r := []string{"lookalike domain " + c.domain, "claims to be " + b.words[0] + " (" + where + ")"}
			conf := 0.93
			if len(cues) > 0 {
				r = append(r, "phishing phrase '"+cues[0]+"'")
				conf = 0.97
			}
			r = append(r, c.auth.why...)
			return autoVerdict(TypeOther, "spam", conf, r...), true
		}
	}
	// the Reply-To goes to a lookalike domain
	for _, rt := range c.in.ReplyTo {
		d := autoDomainOf(rt.Addr)
		if b := autoLookalike(d); b != nil && c.autoClaims(b) != "" {
			return autoVerdict(TypeOther, "spam", 0.93, "Reply-To lookalike domain "+d, "claims to be "+b.words[0]), true
		}
	}
	if c.relay {
		// a marketplace relay: forwarding often breaks SPF and DKIM, and
		// the buyer's words are checked by the marketplace
		return AutoVerdict{}, false
	}
	// a spoofed brand domain
	if c.auth.dmarcFail || (c.auth.spfFail && c.auth.dkimFail) {
		if c.officialBrandDomain() {
			r := append([]string{"sender domain " + c.domain + " fails authentication (spoofed)"}, c.auth.why...)
			return autoVerdict(TypeOther, "spam", 0.95, r...), true
		}
	}
	// a link to a lookalike domain in mail that names the brand
	if host, b := c.linkLookalike(); b != nil && c.autoClaims(b) != "" && (len(cues) > 0 || c.auth.any()) {
		r := []string{"link to lookalike domain " + host, "claims to be " + b.words[0]}
		if len(cues) > 0 {
			r = append(r, "phishing phrase '"+cues[0]+"'")
		}
		r = append(r, c.auth.why...)
		return autoVerdict(TypeOther, "spam", 0.93, r...), true
	}
	// failed authentication plus phishing language and a link
	if c.auth.any() && len(cues) > 0 && c.hasLink() && c.mkt == "" {
		r := append([]string{}, c.auth.why...)
		r = append(r, "phishing phrase '"+cues[0]+"'", "contains a link")
		return autoVerdict(TypeOther, "spam", 0.9, r...), true
	}
	return AutoVerdict{}, false
}

// officialBrandDomain: the sender domain is a marketplace's, a payment
// service's or a carrier's own.
func (c *autoCtx) officialBrandDomain() bool {
	if c.mkt != "" {
		return true
	}
	for i := range autoBrands {
		if autoTokenIn(c.domain, autoBrands[i].token) && autoOfficial(c.domain, &autoBrands[i]) {
			return true
		}
	}
	return false
}

func autoDomainOf(addr string) string {
	addr = strings.ToLower(strings.TrimSpace(addr))
	if i := strings.LastIndexByte(addr, '@'); i >= 0 {
		return strings.TrimRight(addr[i+1:], ".>")
	}
	return ""
}

// phishingText: brand impersonation in the display name from a foreign
// domain, or heavy phishing language with a link, without lookalike domains.
func (c *autoCtx) phishingText() (AutoVerdict, bool) {
	cues := c.phishCues()
	if len(cues) == 0 || !c.hasLink() || c.officialBrandDomain() {
		return AutoVerdict{}, false
	}
	for i := range autoBrands {
		b := &autoBrands[i]
		for _, w := range b.words {
			if autoWordIn(c.name, w) && !autoOfficial(c.domain, b) {
				return autoVerdict(TypeOther, "spam", 0.9, "display name '"+c.in.From.Name+"' imitates "+b.words[0]+" from "+c.domain,
					"phishing phrase '"+cues[0]+"'"), true
			}
		}
	}
	if len(cues) >= 3 && !c.officialBrandDomain() {
		return autoVerdict(TypeOther, "spam", 0.8, "phishing phrases '"+strings.Join(cues, "', '")+"'", "contains a link"), true
	}
	return AutoVerdict{}, false
}

// ---- 6. relays ----

// Phrases that announce a relayed buyer message (subject or body).
var autoRelayCues = []string{
	"new message from buyer", "new message from customer", "new message from a buyer", "new message from a customer",
	"new message from:", "sent you a message", "sent you a new message", "has sent you a message", "sent a message about",
	"sent a message regarding", "customer message for", "new customer message", "message from customer", "message from buyer",
	"message from the buyer", "message from a customer", "inquiry from amazon customer", "inquiry from customer",
	"question from buyer", "question from customer", "buyer has sent", "customer has sent you a message",
	"neue nachricht von", "hat ihnen eine nachricht", "hat eine nachricht", "nouveau message de", "vous a envoyé un message",
	"a envoyé un message", "nuevo mensaje de", "te ha enviado un mensaje", "le ha enviado un mensaje", "ha enviado un mensaje",
	"nuovo messaggio da", "ti ha inviato un messaggio", "ha inviato un messaggio", "nova mensagem de", "enviou uma mensagem",
	"nieuw bericht van", "heeft een bericht", "nowa wiadomość od", "wysłał wiadomość", "wysłał(a) wiadomość",
	"yeni mesaj", "mesaj gönderdi", "новое сообщение от", "отправил вам сообщение", "отправил сообщение",
	"买家消息", "买家留言", "新的买家消息", "買家訊息", "買家留言", "新しいメッセージ", "からメッセージ", "새 메시지", "새로운 메시지",
	"tin nhắn mới từ", "đã gửi tin nhắn", "ข้อความใหม่จาก", "pesan baru dari", "mesej baharu daripada", "mesej baru daripada",
	"رسالة جديدة من", "contact form", "kontaktformular", "formulaire de contact", "formulario de contacto",
	"modulo di contatto", "formulário de contato", "formulário de contacto", "contactformulier", "formularz kontaktowy",
	"iletişim formu", "форма обратной связи", "お問い合わせフォーム", "联系表单", "聯絡表單", "문의 양식",
	"form submission", "new submission from", "kontaktanfrage", "nouveau message de contact", "nuevo mensaje de contacto",
}

// Phrases of a "you have a new message" stub that does not carry the text.
var autoStubPhrases = []string{
	"can only be viewed", "only be viewed in", "log in to seller", "login to seller", "sign in to seller",
	"log in to view", "log in to read", "sign in to view", "sign in to read", "to read and respond", "to view the message",
	"to view this message", "view and respond to this message", "view the full message", "read the full message",
	"contains one or more attachments and can only", "melden sie sich", "um die nachricht zu lesen", "connectez-vous",
	"pour lire le message", "inicia sesión", "para leer el mensaje", "accedi a", "per leggere il messaggio",
	"faça login", "para ler a mensagem", "zaloguj się", "log in op", "giriş yapın", "войдите в", "чтобы прочитать сообщение",
	"请登录", "登录后查看", "請登入", "ログインして", "로그인하여", "đăng nhập", "เข้าสู่ระบบ", "masuk ke", "log masuk",
	"تسجيل الدخول",
}

// detectRelay reports whether the mail carries a person's own words through
// a marketplace or a contact form.
func (c *autoCtx) detectRelay() (bool, string, float64) {
	d := c.domain
	switch {
	case autoIsAmazonRelayDomain(d):
		return true, "Amazon buyer-seller message relay (" + d + ")", 0.97
	case strings.HasPrefix(d, "members.ebay.") || strings.Contains(d, ".members.ebay."):
		return true, "eBay member message relay (" + d + ")", 0.97
	case strings.HasPrefix(d, "relay.walmart.") || strings.Contains(d, ".relay.walmart."):
		return true, "Walmart Marketplace customer message relay (" + d + ")", 0.97
	}
	if c.mkt != "" && (strings.HasSuffix(c.name, "- amazon marketplace") || strings.Contains(c.name, "via walmart marketplace") ||
		strings.Contains(c.name, "via ebay") || strings.HasSuffix(c.name, "via amazon")) {
		return true, "marketplace relay display name '" + c.in.From.Name + "'", 0.95
	}
	// a marketplace or form mailer whose Reply-To is a person
	if c.mkt != "" || c.noreply {
		for _, rt := range c.in.ReplyTo {
			if c.personalReplyTo(rt.Addr) && autoFind(c.subj+"\n"+autoCut(c.text, 4000), autoRelayCues) != "" {
				return true, "relay with the sender's Reply-To " + rt.Addr, 0.9
			}
		}
	}
	cue := autoFind(c.subj, autoRelayCues)
	if cue == "" {
		if it, _ := autoNoticeSubject(c.subj); it != "" && it != "other" && it != "account_notice" {
			// a claim, return or cancellation notice that quotes the buyer
			return false, "", 0
		}
		cue = autoFind(autoCut(c.text, 4000), autoRelayCues)
	}
	if cue == "" {
		return false, "", 0
	}
	if c.mkt == "" && !c.noreply && c.in.Channel == "mail" {
		// a person may well write "new message"; only machine senders relay
		return false, "", 0
	}
	nt := strings.TrimSpace(c.newt)
	tt := strings.TrimSpace(c.text)
	cueInNew := autoFind(nt, autoRelayCues) != ""
	stub := autoFind(nt, autoStubPhrases)
	if nt != "" && !cueInNew && len(nt)+40 < len(tt) && stub == "" {
		return true, "marketplace relay of a buyer message ('" + cue + "'), buyer text separated", 0.95
	}
	if stub != "" {
		return false, "", 0 // a stub: the notice rules take it
	}
	if c.mkt != "" || c.in.Channel != "mail" {
		return true, "marketplace relay cue '" + cue + "' (buyer text not separated)", 0.7
	}
	return false, "", 0
}

// personalReplyTo reports whether a Reply-To address is a person's (not a
// no-reply address, not the sender itself, not the shop).
func (c *autoCtx) personalReplyTo(addr string) bool {
	a := strings.ToLower(strings.TrimSpace(addr))
	if a == "" || a == c.from {
		return false
	}
	i := strings.LastIndexByte(a, '@')
	if i < 0 {
		return false
	}
	local, dom := a[:i], a[i+1:]
	if autoNoReplyAddr(local, dom) || autoMarketOf(dom) != "" && !autoIsAmazonRelayDomain(dom) {
		return false
	}
	for _, o := range c.in.OwnAddresses {
		if strings.EqualFold(strings.TrimSpace(o), a) {
			return false
		}
	}
	return true
}

var autoNoReplyRe = regexp.MustCompile(`(^|[-_.+])(no[-_.]?reply|do[-_.]?not[-_.]?reply|noreply|no[-_.]?respon[ds]e?|notifications?|notify|notice|alerts?|automailer|auto[-_.]?(mail|confirm|notify|reply|responder)|mailer|bounces?|system|robot|daemon|donotrespond|unsubscribe|newsletters?|news|wordpress|formmail|webforms?)([-_.+]|$)`)

// autoNoReplyAddr reports whether an address is a machine's.
func autoNoReplyAddr(local, domain string) bool {
	if local == "" {
		return false
	}
	if autoNoReplyRe.MatchString(local) {
		return true
	}
	return strings.HasPrefix(domain, "notice.") || strings.HasPrefix(domain, "notification.") ||
		strings.HasPrefix(domain, "notifications.") || strings.HasPrefix(domain, "bounce.") ||
		strings.HasPrefix(domain, "bounces.") || strings.HasPrefix(domain, "noreply.")
}

func (c *autoCtx) autoHeaderSummary() string {
	a := c.in.Auto
	var p []string
	if a.AutoSubmitted != "" {
		p = append(p, "Auto-Submitted: "+a.AutoSubmitted)
	}
	if a.Precedence != "" {
		p = append(p, "Precedence: "+a.Precedence)
	}
	if a.ListID != "" || a.ListUnsubscribe != "" {
		p = append(p, "list headers")
	}
	if a.XAutoreply || a.XAutorespond {
		p = append(p, "X-Autoreply")
	}
	return strings.Join(p, ", ")
}

// relayAutoReply: an auto-reply relayed by a marketplace (the buyer's own
// out-of-office answering through the relay) shows as a statement in the
// buyer's text itself.
func (c *autoCtx) relayAutoReply() (AutoVerdict, bool) {
	if p := autoFind(autoCut(strings.TrimSpace(c.newt), 300), autoReplyStatements); p != "" {
		return autoVerdict(TypeOther, "auto_reply", 0.85, "relayed text is an automatic reply: '"+p+"'"), true
	}
	if p := c.subjectAutoReply(); p != "" && c.strongAutoSubject(p) {
		return autoVerdict(TypeOther, "auto_reply", 0.85, "relayed auto-reply, subject phrase '"+p+"'"), true
	}
	return AutoVerdict{}, false
}

// ---- 7. auto-replies ----

// Subject prefixes of auto-replies (checked at the start of the subject and
// inside a leading bracket tag).
var autoReplySubj = []string{
	"automatic reply", "auto reply", "auto-reply", "autoreply", "auto response", "auto-response", "autoresponse",
	"automatic response", "automated response", "automated reply", "autoresponder", "out of office", "out of the office",
	"ooo:", "ooo", "away from the office", "on vacation", "on leave", "on holiday",
	"abwesenheitsnotiz", "automatische antwort", "abwesend", "außer haus", "ausser haus", "nicht im büro",
	"réponse automatique", "absence du bureau", "absent du bureau", "absent :", "absent:", "en congé",
	"respuesta automática", "respuesta automatica", "fuera de la oficina", "ausente", "de vacaciones",
	"risposta automatica", "fuori ufficio", "fuori sede", "assente", "in ferie",
	"resposta automática", "resposta automatica", "fora do escritório", "ausência", "férias",
	"automatisch antwoord", "afwezig", "niet op kantoor", "met vakantie",
	"autoodpowiedź", "automatyczna odpowiedź", "odpowiedź automatyczna", "poza biurem", "nieobecność", "urlop",
	"otomatik yanıt", "otomatik cevap", "ofis dışında", "izindeyim", "izinde",
	"автоответ", "автоматический ответ", "вне офиса", "в отпуске", "отпуск",
	"自动回复", "自動回覆", "自動回复", "自动答复", "自動答覆", "休假", "不在办公室", "外出",
	"自動返信", "自動応答", "不在のお知らせ", "不在通知", "休暇",
	"자동 회신", "자동회신", "자동 응답", "자동응답", "부재중", "부재 중", "휴가",
	"trả lời tự động", "thư trả lời tự động", "vắng mặt", "nghỉ phép",
	"ตอบกลับอัตโนมัติ", "การตอบกลับอัตโนมัติ", "ไม่อยู่ที่สำนักงาน", "ลาพักร้อน",
	"balasan otomatis", "balasan automatis", "jawaban otomatis", "di luar kantor", "sedang cuti", "cuti",
	"balasan automatik", "jawapan automatik", "luar pejabat", "sedang bercuti",
	"رد تلقائي", "الرد التلقائي", "رد آلي", "خارج المكتب", "إجازة",
	"autosvar", "automaattinen vastaus", "automatikus válasz", "automatická odpověď", "αυτόματη απάντηση",
}

// Statements that the mail itself is an automatic reply (body).
var autoReplyStatements = []string{
	"this is an automatic reply", "this is an automated reply", "this is an auto-reply", "this is an autoreply",
	"this is an automatic response", "this is an automated response", "this is an auto-generated reply",
	"this is an automatically generated reply", "this is an auto reply", "auto-reply:", "automatic reply:",
	"dies ist eine automatische antwort", "dies ist eine automatisch generierte antwort", "automatische antwort:",
	"ceci est une réponse automatique", "ceci est un message automatique de réponse", "réponse automatique :",
	"esta es una respuesta automática", "este es un mensaje de respuesta automática", "respuesta automática:",
	"questa è una risposta automatica", "risposta automatica:", "esta é uma resposta automática",
	"esta é uma mensagem de resposta automática", "resposta automática:", "dit is een automatisch antwoord",
	"dit is een automatisch gegenereerd antwoord", "to jest automatyczna odpowiedź", "to jest wiadomość automatyczna",
	"bu otomatik bir yanıttır", "bu bir otomatik yanıttır", "bu otomatik bir cevaptır", "это автоматический ответ",
	"это автоответ", "данное сообщение является автоматическим ответом", "此邮件为自动回复", "这是一封自动回复",
	"本邮件为自动回复", "此郵件為自動回覆", "這是一封自動回覆", "本郵件為自動回覆", "このメールは自動返信", "本メールは自動返信",
	"自動返信メール", "自動応答メッセージ", "이 메일은 자동 회신", "이 메일은 자동응답", "자동 회신 메일", "đây là thư trả lời tự động",
	"đây là tin nhắn trả lời tự động", "นี่คือข้อความตอบกลับอัตโนมัติ", "ข้อความนี้เป็นการตอบกลับอัตโนมัติ",
	"ini adalah balasan otomatis", "ini adalah pesan balasan otomatis", "ini ialah balasan automatik",
	"هذا رد تلقائي", "هذه رسالة رد تلقائي", "هذا رد آلي",
}

// Out-of-office phrases and the urgent-contact / return phrases that come
// with them (body; both kinds are needed without headers).
var autoOOOPhrases = []string{
	"out of the office", "out of office", "out of the building", "away from the office", "on annual leave",
	"on vacation until", "on holiday until", "on leave until", "limited access to email", "limited access to e-mail",
	"limited access to my email", "checking email sporadically", "with limited access", "currently away", "i am away",
	"i'm away", "i am currently out", "i'm currently out", "i'm out at", "i am out at", "nicht im büro", "außer haus",
	"absente du bureau", "absent(e) du bureau", "hors du bureau", "en vacances jusqu",
	"ausser haus", "keinen zugriff auf meine e-mails", "bin im urlaub", "abwesend", "je suis absent", "je suis absente",
	"absent du bureau", "en congés", "en congé jusqu", "estoy fuera de la oficina", "estoy de vacaciones", "fuera de la oficina",
	"sono fuori ufficio", "sono in ferie", "fuori sede", "estou fora do escritório", "estou de férias", "fora do escritório",
	"ik ben afwezig", "niet op kantoor", "met vakantie", "jestem poza biurem", "jestem na urlopie", "poza biurem",
	"izindeyim", "izinli olacağım", "ofis dışındayım", "я в отпуске", "нахожусь в отпуске", "вне офиса", "не в офисе",
	"休假", "放假", "不在办公室", "不在辦公室", "休暇", "不在にしております", "不在のため", "休園日", "休業日", "부재중", "휴가 중",
	"vắng mặt", "nghỉ phép", "ลาพักร้อน", "ไม่อยู่ที่สำนักงาน", "sedang cuti", "di luar kantor", "sedang bercuti",
	"luar pejabat", "في إجازة", "خارج المكتب",
}

// Urgent-contact and mail-access phrases of out-of-office texts: with an
// absence phrase they make an auto-reply without any header.
var autoOOOContact = []string{
	"for urgent", "for anything urgent", "in urgent cases", "if urgent", "if your matter is urgent", "in my absence",
	"limited access to email", "limited access to e-mail", "limited access to my email", "no access to email",
	"no access to my email", "checking email sporadically", "will not be checking", "not be checking email",
	"your message will not be forwarded", "will respond to your email", "will reply to your email",
	"will respond to your message", "as soon as possible after my return", "upon my return", "after my return",
	"in dringenden fällen", "dringende anliegen", "bitte wenden sie sich", "ihre nachricht wird nicht weitergeleitet",
	"keinen zugriff auf", "nach meiner rückkehr", "en cas d'urgence", "pour toute urgence", "à mon retour", "dès mon retour",
	"para asuntos urgentes", "en caso de urgencia", "a mi regreso", "a mi vuelta", "per urgenze", "per questioni urgenti",
	"al mio rientro", "al mio ritorno", "em caso de urgência", "para assuntos urgentes", "no meu regresso", "quando retornar",
	"voor dringende zaken", "in dringende gevallen", "na mijn terugkeer", "w pilnych sprawach", "po powrocie",
	"acil konular", "acil durumlarda", "e-postalarıma erişimim", "döndüğümde", "по срочным вопросам",
	"после возвращения", "по возвращении", "如有紧急", "如有緊急", "紧急事宜", "緊急事項", "不能及时回复邮件",
	"無法即時回覆郵件", "节后", "返回办公室后", "返回辦公室後", "順次ご返信", "お急ぎの", "緊急の", "メールの確認ができません",
	"급한", "긴급", "복귀 후", "trường hợp khẩn cấp", "khi tôi trở lại", "กรณีเร่งด่วน", "untuk hal mendesak",
	"untuk urusan mendesak", "perkara segera", "urusan segera", "للأمور العاجلة", "في الحالات العاجلة", "عند عودتي",
}

// autoPrefixOf reports whether s starts with the phrase p followed by the
// end, a separator (":", "-", "]"...) or a reply prefix: "Out of Office:
// Re: x" but not "Out of office hours delivery?".
func autoPrefixOf(s, p string) bool {
	if !strings.HasPrefix(s, p) {
		return false
	}
	rest := strings.TrimLeft(s[len(p):], " \t")
	if rest == "" || p[len(p)-1] == ':' || strings.HasSuffix(p, "：") {
		return true
	}
	for _, sep := range []string{":", "：", "-", "–", "—", "]", ")", "】", "|", "/", ",", "(", "["} {
		if strings.HasPrefix(rest, sep) {
			return true
		}
	}
	return autoReplyPrefixRe.MatchString(rest)
}

var autoReplyPrefixRe = regexp.MustCompile(`^(re|aw|sv|vs|antw|odp|ynt|r|rv|res|tr|wg|fwd?|回复|回覆|答复|返信|회신|답장|ответ)\s*[:：]`)

func (c *autoCtx) subjectAutoReply() string {
	s := strings.TrimSpace(c.subj)
	for i := 0; i < 3 && s != ""; i++ {
		for _, p := range autoReplySubj {
			if autoPrefixOf(s, p) {
				return p
			}
		}
		var close string
		switch {
		case s[0] == '[':
			close = "]"
		case s[0] == '(':
			close = ")"
		case strings.HasPrefix(s, "【"):
			close = "】"
		default:
			return ""
		}
		j := strings.Index(s, close)
		if j < 0 {
			return ""
		}
		inner := strings.TrimSpace(strings.Trim(s[:j], "[(【 "))
		for _, p := range autoReplySubj {
			if autoPrefixOf(inner, p) {
				return p
			}
		}
		s = strings.TrimSpace(s[j+len(close):])
	}
	return ""
}

func (c *autoCtx) autoReply() (AutoVerdict, bool) {
	a := c.in.Auto
	as := strings.ToLower(strings.TrimSpace(a.AutoSubmitted))
	subj := c.subjectAutoReply()
	stmt := autoFind(autoCut(c.head, 400), autoReplyStatements)
	var extra []string
	if subj != "" {
		extra = append(extra, "subject phrase '"+subj+"'")
	}
	if stmt != "" {
		extra = append(extra, "body phrase '"+stmt+"'")
	}
	switch {
	case strings.HasPrefix(as, "auto-replied"):
		return autoVerdict(TypeOther, "auto_reply", 0.99, append([]string{"header Auto-Submitted: " + a.AutoSubmitted}, extra...)...), true
	case a.XAutoreply:
		return autoVerdict(TypeOther, "auto_reply", 0.98, append([]string{"header X-Autoreply"}, extra...)...), true
	case a.XAutorespond:
		return autoVerdict(TypeOther, "auto_reply", 0.98, append([]string{"header X-Autorespond"}, extra...)...), true
	case a.Precedence == "auto_reply" || a.Precedence == "auto-reply":
		return autoVerdict(TypeOther, "auto_reply", 0.97, append([]string{"header Precedence: " + a.Precedence}, extra...)...), true
	}
	if v := c.in.Header.Get("X-Autogenerated"); strings.EqualFold(strings.TrimSpace(v), "reply") {
		return autoVerdict(TypeOther, "auto_reply", 0.97, append([]string{"header X-Autogenerated: Reply"}, extra...)...), true
	}
	ooo := autoFind(c.head, autoOOOPhrases)
	contact := autoFind(autoCut(c.newt, 1500), autoOOOContact)
	oooBody := ooo != "" && contact != ""
	var hdr []string
	if autoIsAutoSubmitted(as) {
		hdr = append(hdr, "header Auto-Submitted: "+a.AutoSubmitted)
	}
	if a.XAutoResponseSuppress != "" {
		hdr = append(hdr, "header X-Auto-Response-Suppress: "+a.XAutoResponseSuppress)
	}
	if a.ReturnPathEmpty {
		hdr = append(hdr, "Return-Path <>")
	}
	if c.in.Header.Get("X-Ms-Exchange-Inbox-Rules-Loop") != "" {
		hdr = append(hdr, "header X-MS-Exchange-Inbox-Rules-Loop")
	}
	strong := subj != "" && c.strongAutoSubject(subj)
	body := func() []string {
		var r []string
		if ooo != "" && stmt == "" {
			r = append(r, "body phrase '"+ooo+"'")
		}
		if contact != "" && contact != ooo && stmt == "" {
			r = append(r, "body phrase '"+contact+"'")
		}
		return r
	}
	noQuestion := !strings.ContainsAny(autoCut(c.newt, 1500), "?？")
	switch {
	case strong && (stmt != "" || ooo != "" || len(hdr) > 0):
		return autoVerdict(TypeOther, "auto_reply", 0.93, append(append(extra, body()...), hdr...)...), true
	case strong:
		return autoVerdict(TypeOther, "auto_reply", 0.85, extra...), true
	case stmt != "":
		return autoVerdict(TypeOther, "auto_reply", 0.85, append(extra, hdr...)...), true
	case subj != "" && (len(hdr) > 0 || oooBody):
		return autoVerdict(TypeOther, "auto_reply", 0.85, append(append(extra, body()...), hdr...)...), true
	case ooo != "" && len(hdr) > 0 && c.mkt == "" && (contact != "" || noQuestion):
		return autoVerdict(TypeOther, "auto_reply", 0.85, append(body(), hdr...)...), true
	case oooBody && noQuestion && c.isReplyToUs():
		return autoVerdict(TypeOther, "auto_reply", 0.75, append(body(), "answers our mail, asks nothing")...), true
	}
	return AutoVerdict{}, false
}

// strongAutoSubject: subject prefixes that name an automatic reply outright
// (not just an absence word that a person might use, like "urlop").
func (c *autoCtx) strongAutoSubject(p string) bool {
	switch p {
	case "on vacation", "on leave", "on holiday", "abwesend", "absent :", "absent:", "en congé", "ausente",
		"de vacaciones", "assente", "in ferie", "ausência", "férias", "afwezig", "met vakantie", "urlop", "nieobecność",
		"izinde", "izindeyim", "отпуск", "в отпуске", "休假", "外出", "休暇", "휴가", "nghỉ phép", "cuti", "sedang cuti",
		"إجازة", "vắng mặt", "부재중", "부재 중", "ลาพักร้อน", "sedang bercuti", "fuori sede", "away from the office",
		"nicht im büro", "außer haus", "ausser haus", "poza biurem", "izindeyim ", "di luar kantor", "luar pejabat":
		return false
	}
	return true
}

// isReplyToUs: the message answers an earlier one (In-Reply-To, or a reply
// prefix in the subject after the auto-reply prefix).
func (c *autoCtx) isReplyToUs() bool {
	if c.in.Header.Get("In-Reply-To") != "" || c.in.Header.Get("References") != "" {
		return true
	}
	return strings.Contains(c.subj, "re:") || strings.Contains(c.subj, "aw:")
}

// ---- 8. marketplace notices ----

var autoClaimCues = []string{
	"a-to-z", "a-z guarantee", "a-bis-z", "a à z", "a a la z", "garantía de la a", "garantia de a a z", "garanzia dalla a",
	"dalla a alla z", "a'dan z'ye", "az garanti", "gwarancja od a do z", "chargeback", "charge-back", "rückbuchung",
	"rétrofacturation", "contracargo", "devolución de cargo", "riaddebito", "estorno", "terugboeking", "obciążenie zwrotne",
	"dispute", "disputa", "litige", "streitfall", "geschil", "spór", "anlaşmazlık", "спор", "纠纷", "争议", "爭議", "糾紛",
	"チャージバック", "異議申し立て", "분쟁", "tranh chấp", "ข้อพิพาท", "sengketa", "pertikaian", "نزاع",
	"asked ebay to step in", "asked us to step in", "step in and help", "case opened", "opened a case", "case number",
	"case #", "claim received", "claim opened", "opened a claim", "filed a claim", "guarantee claim", "garantieantrag",
	"reclamación de la garantía", "reclamação da garantia", "réclamation au titre de la garantie", "reclamo",
	"money back guarantee", "inad claim", "item not received claim", "保証申請",
}

var autoCancelCues = []string{
	"cancellation request", "cancel request", "request to cancel", "requested to cancel", "requested a cancellation",
	"requested the cancellation", "asked to cancel", "wants to cancel", "stornierungsanfrage", "stornierungsantrag",
	"stornierung angefordert", "demande d'annulation", "a demandé l'annulation", "solicitud de cancelación",
	"solicitud de anulación", "ha solicitado la cancelación", "richiesta di annullamento", "richiesta di cancellazione",
	"pedido de cancelamento", "solicitação de cancelamento", "prośba o anulowanie", "poprosił o anulowanie",
	"annuleringsverzoek", "verzoek tot annulering", "iptal talebi", "iptal isteği", "запрос на отмену", "просит отменить",
	"取消订单申请", "取消申请", "取消請求", "取消訂單申請", "キャンセルリクエスト", "キャンセル依頼", "취소 요청", "yêu cầu hủy",
	"คำขอยกเลิก", "permintaan pembatalan", "permohonan pembatalan", "طلب إلغاء",
}

var autoReturnCues = []string{
	"return request", "return authorization", "return authorisation", "return initiated", "initiated a return",
	"requested a return", "asked to return", "return opened", "return started", "return has been requested",
	"rücksendeanfrage", "retourenanfrage", "rücksendung angefordert", "rückgabeanfrage", "demande de retour",
	"solicitud de devolución", "ha solicitado una devolución", "richiesta di reso", "ha richiesto un reso",
	"pedido de devolução", "solicitação de devolução", "prośba o zwrot", "wniosek o zwrot", "retourverzoek",
	"retouraanvraag", "iade talebi", "iade isteği", "запрос на возврат", "заявка на возврат", "退货申请", "退货请求",
	"退貨申請", "返品リクエスト", "返品依頼", "반품 요청", "반품 신청", "yêu cầu trả hàng", "คำขอคืนสินค้า",
	"permintaan pengembalian", "permohonan pemulangan", "طلب إرجاع",
}

var autoDeliveryCues = []string{
	"returned to sender", "return to sender", "returning to sender", "being returned to the sender", "delivery exception",
	"delivery attempt failed", "failed delivery attempt", "could not be delivered", "undeliverable", "lost in transit",
	"an den absender zurück", "zurück an den absender", "retour à l'expéditeur", "retourné à l'expéditeur",
	"devuelto al remitente", "devolución al remitente", "restituito al mittente", "devolvido ao remetente",
	"retour afzender", "zwrot do nadawcy", "göndericiye iade", "возвращается отправителю", "возвращено отправителю",
	"вернется отправителю", "退回寄件人", "退回发件人", "退回發件人", "差出人に返送", "発送元へ返送", "반송", "trả lại người gửi",
	"ตีกลับผู้ส่ง", "dikembalikan ke pengirim", "dikembalikan kepada pengirim", "إعادة إلى المرسل",
}

// Sale notices: whole phrases anywhere, bare words only in the subject.
var autoSaleCues = []string{
	"you made the sale", "you made a sale", "you've made a sale", "you sold an item", "you sold your item",
	"you have a new order", "you've got a new order", "you have received a new order", "new order received",
	"sie haben einen artikel verkauft", "sie haben eine neue bestellung", "vous avez vendu", "vous avez une nouvelle commande",
	"has vendido", "tienes un nuevo pedido", "hai venduto", "hai un nuovo ordine", "você vendeu", "você tem um novo pedido",
	"je hebt een artikel verkocht", "sprzedałeś", "masz nowe zamówienie", "yeni bir siparişiniz var", "у вас новый заказ",
	"您有新订单", "您有一笔新订单", "您有新訂單", "新しい注文が入りました", "商品が売れました", "새 주문이 접수", "bạn có đơn hàng mới",
	"คุณมีคำสั่งซื้อใหม่", "anda mendapat pesanan baru", "anda ada pesanan baru", "لديك طلب جديد",
}

var autoSaleSubj = []string{
	"item sold", "sold:", "sold,", "ship now", "new order", "order placed", "placed by", "売れました", "neue bestellung", "verkauft", "nouvelle commande", "vendu",
	"nuevo pedido", "vendido", "nuovo ordine", "venduto", "novo pedido", "nowe zamówienie", "sprzedano",
	"nieuwe bestelling", "verkocht", "yeni sipariş", "satıldı", "новый заказ", "продан", "新订单", "新訂單", "新しい注文",
	"새 주문", "đơn hàng mới", "คำสั่งซื้อใหม่", "pesanan baru", "طلب جديد",
}

var autoMessageStubCues = []string{
	"new message", "customer message", "buyer message", "message received", "received a message", "sent you a message",
	"has sent you a message", "neue nachricht", "nouveau message", "nuevo mensaje", "nuovo messaggio", "nova mensagem",
	"nieuw bericht", "nowa wiadomość", "yeni mesaj", "новое сообщение", "买家消息", "新消息", "買家訊息", "新しいメッセージ",
	"새 메시지", "tin nhắn mới", "ข้อความใหม่", "pesan baru", "mesej baharu", "رسالة جديدة",
}

// Account, policy and payout words: in a notice body they win over a claim
// word that comes later ("your Order Defect Rate ... includes A-to-z
// claims and chargebacks" is an account-health notice).
var autoAccountCues = []string{
	"account health", "order defect rate", "policy warning", "policy violation", "violates our", "violation",
	"listing removed", "listing has been removed", "have been removed", "deactivated", "suspended", "restricted",
	"compliance", "payout", "disbursement", "settlement", "your payment of", "late shipment rate", "on-time shipment",
	"stranded inventory", "hazmat", "dangerous goods", "infringement", "verification required", "kontozustand",
	"richtlinie", "verstoß", "entfernt", "deaktiviert", "gesperrt", "auszahlung", "abrechnung", "provision", "grenzwert",
	"handlungsbedarf", "santé du compte", "politique", "supprimé", "désactivé", "versement", "salud de la cuenta",
	"infracción", "desactivad", "desembolso", "stato dell'account", "violazione", "disattivat", "versamento",
	"saúde da conta", "violação", "desativad", "repasse", "accountstatus", "schending", "uitbetaling",
	"kondycja konta", "naruszenie", "wypłata", "hesap durumu", "ihlal", "состояние аккаунта", "нарушение", "выплата",
	"违规", "处罚", "下架", "放款", "结算", "違規", "撥款", "規約違反", "出品停止", "入金", "정책 위반", "정산",
	"vi phạm", "ละเมิด", "pelanggaran", "انتهاك",
}

// noticeIntent reads a notice's intent: the subject first (claim, cancel,
// return, delivery, sale, message stub), then the body, where the cue that
// comes first wins.
func (c *autoCtx) noticeIntent() (string, string) {
	if it, p := autoNoticeSubject(c.subj); it != "" {
		return it, p
	}
	body := autoCut(c.newt, 6000)
	if strings.TrimSpace(body) == "" {
		body = autoCut(c.text, 6000)
	}
	best, bestAt, bestP := "account_notice", len(body)+1, ""
	for _, g := range []struct {
		intent string
		cues   []string
	}{
		{"claim_notice", autoClaimCues}, {"cancel", autoCancelCues}, {"return", autoReturnCues},
		{"delivery_problem", autoDeliveryCues}, {"other", autoSaleCues}, {"other", autoMessageStubCues},
		{"account_notice", autoAccountCues},
	} {
		for _, p := range g.cues {
			if k := strings.Index(body, p); k >= 0 && k < bestAt {
				best, bestAt, bestP = g.intent, k, p
			}
		}
	}
	return best, bestP
}

func autoNoticeSubject(s string) (string, string) {
	if p := autoFind(s, autoClaimCues); p != "" {
		return "claim_notice", p
	}
	if p := autoFind(s, autoCancelCues); p != "" {
		return "cancel", p
	}
	if p := autoFind(s, autoReturnCues); p != "" {
		return "return", p
	}
	if p := autoFind(s, autoDeliveryCues); p != "" {
		return "delivery_problem", p
	}
	if p := autoFind(s, autoSaleCues); p != "" {
		return "other", p
	}
	if p := autoFind(s, autoSaleSubj); p != "" {
		return "other", p
	}
	if p := autoFind(s, autoMessageStubCues); p != "" {
		return "other", p
	}
	if p := autoFind(s, autoAccountCues); p != "" {
		return "account_notice", p
	}
	return "", ""
}

var autoMachinePhrases = []string{
	"do not reply", "don't reply", "please do not respond", "do not respond to this", "replies to this address are not monitored",
	"this e-mail address cannot accept replies", "this email address cannot accept replies", "this is an automated message",
	"this is an automatically generated", "this message was sent automatically", "this email was sent automatically",
	"automatically generated e-mail", "automatically generated email", "this is a system-generated", "system generated email",
	"bitte antworten sie nicht", "antworten sie nicht auf diese", "diese e-mail wurde automatisch", "automatisch erstellt",
	"ne pas répondre", "merci de ne pas y répondre", "ne répondez pas", "e-mail automatique", "message automatique",
	"no responda", "no respondas", "correo automático", "mensaje automático", "non rispondere", "e-mail automatica",
	"messaggio automatico", "não responda", "e-mail automático", "mensagem automática", "niet beantwoorden",
	"automatisch verzonden", "nie odpowiadaj", "wiadomość wygenerowana automatycznie", "yanıtlamayınız", "otomatik olarak gönderilmiştir",
	"не отвечайте", "отвечать на него не нужно", "сформировано автоматически", "создано автоматически",
	"请勿回复", "系统自动发送", "系统自动发出", "請勿回覆", "系統自動發送", "送信専用", "返信いただいてもお答えできません",
	"このメールは自動", "自動送信", "회신하지 마십시오", "발신 전용", "vui lòng không trả lời", "email tự động",
	"กรุณาอย่าตอบกลับ", "อีเมลอัตโนมัติ", "jangan membalas", "mohon tidak membalas", "jangan balas", "dijana secara automatik",
	"يرجى عدم الرد", "رسالة تلقائية",
}

func (c *autoCtx) marketplaceNotice() (AutoVerdict, bool) {
	if c.mkt == "" {
		return AutoVerdict{}, false
	}
	a := c.in.Auto
	if a.ListID != "" {
		return AutoVerdict{}, false // a marketplace's newsletter: the list rules take it
	}
	var r []string
	conf := 0.0
	if autoIsAutoSubmitted(a.AutoSubmitted) {
		r = append(r, "header Auto-Submitted: "+a.AutoSubmitted)
		conf = 0.97
	}
	if c.noreply {
		r = append(r, "no-reply sender "+c.in.From.Addr)
		if conf == 0 {
			conf = 0.92
		}
	}
	if p := autoFind(c.text, autoMachinePhrases); p != "" {
		r = append(r, "phrase '"+p+"'")
		if conf == 0 {
			conf = 0.9
		}
	}
	if conf == 0 {
		// a real marketplace domain without any machine marker: a notice
		// most of the time, but it could be a person at the marketplace
		if c.personalName() {
			return AutoVerdict{}, false
		}
		conf = 0.8
		r = append(r, "sender "+c.in.From.Addr)
	}
	intent, why := c.noticeIntent()
	r = append([]string{c.mkt + " notice from " + c.domain}, r...)
	if why != "" {
		r = append(r, "notice topic '"+why+"'")
	}
	return autoVerdict(TypeChannelNotification, intent, conf, r...), true
}

// personalName: the display name looks like a person's, not a service's.
func (c *autoCtx) personalName() bool {
	n := strings.TrimSpace(c.name)
	if n == "" {
		return false
	}
	for _, w := range []string{"amazon", "ebay", "walmart", "tiktok", "aliexpress", "alibaba", "shopify", "seller", "service",
		"team", "support", "center", "centre", "notification", "marketplace", "payments", "guarantee", "questions", "速卖通"} {
		if strings.Contains(n, w) {
			return false
		}
	}
	return len(strings.Fields(n)) >= 2
}

// ---- 9. bulk and lists ----

var autoESPHeaders = []string{"X-Mailchimp-Campaign", "X-Mc-User", "X-Campaign", "X-Campaignid", "X-Campaign-Id",
	"X-Mailgun-Tag", "X-Sg-Eid", "X-Klaviyo", "X-Hubspot", "X-Sib-Id", "X-Mailjet-Campaign", "X-Csa-Complaints",
	"X-Newsletter", "X-Mailer-Campaign", "X-Rpcampaign", "X-Listmember", "X-Cmae-Messageid", "X-Emarsys-Identify",
	"X-Mailin-Campaign", "X-Ems-Campaign", "List-Unsubscribe-Post"}

var autoESPMailers = []string{"mailchimp", "sendinblue", "brevo", "klaviyo", "hubspot", "mailerlite", "campaign monitor",
	"constant contact", "activecampaign", "getresponse", "omnisend", "moosend", "sendpulse", "substack", "mailjet",
	"mautic", "acumbamail", "phplist", "newsletter"}

func (c *autoCtx) bulk() (AutoVerdict, bool) {
	a := c.in.Auto
	var strong, weak []string
	if a.ListID != "" {
		strong = append(strong, "header List-Id: "+autoCut(a.ListID, 60))
	}
	switch a.Precedence {
	case "bulk", "list", "junk":
		strong = append(strong, "header Precedence: "+a.Precedence)
	}
	if a.ListUnsubscribe != "" {
		weak = append(weak, "header List-Unsubscribe")
	}
	for _, h := range autoESPHeaders {
		if c.in.Header.Get(h) != "" {
			weak = append(weak, "bulk-mail header "+h)
			break
		}
	}
	if m := strings.ToLower(c.in.Header.Get("X-Mailer")); m != "" {
		if p := autoFind(m, autoESPMailers); p != "" {
			weak = append(weak, "bulk mailer "+p)
		}
	}
	if len(strong) == 0 && len(weak) == 0 {
		return AutoVerdict{}, false
	}
	score, pr := c.pitchScore()
	if autoFind(c.subj+"\n"+autoCut(c.newt, 6000), autoUnsubPhrases) != "" {
		score -= 2 // every bulk mail says how to unsubscribe
	}
	if len(strong) == 0 && score >= 3 {
		// one-to-one looking cold pitch with an unsubscribe header
		r := append(weak, "sales pitch: "+strings.Join(pr, ", "))
		return autoVerdict(TypeOther, "spam", 0.9, r...), true
	}
	if len(strong) > 0 {
		return autoVerdict(TypeOther, "newsletter", 0.97, append(strong, weak...)...), true
	}
	if c.in.Auto.FeedbackID != "" || len(weak) >= 2 || autoFind(c.text, autoUnsubPhrases) != "" {
		return autoVerdict(TypeOther, "newsletter", 0.93, append(weak, "bulk mail")...), true
	}
	return autoVerdict(TypeOther, "newsletter", 0.88, weak...), true
}

// Footers of bulk mail: why the recipient gets it, where to read it online.
var autoBulkFooters = []string{
	"view in browser", "view this email in your browser", "view it in your browser", "view online version",
	"you are receiving this", "you're receiving this", "you received this email because", "you have received this email because",
	"you are subscribed", "you subscribed to", "manage your preferences", "manage preferences", "email preferences",
	"sie erhalten diesen newsletter", "sie erhalten diese e-mail, weil", "im browser ansehen", "vous recevez cet e-mail",
	"vous recevez ce message", "voir la version en ligne", "recibes este correo", "recibe este correo", "ver en el navegador",
	"ricevi questa email", "visualizza nel browser", "você está recebendo este e-mail", "você recebeu este e-mail",
	"ver no navegador", "u ontvangt deze e-mail", "bekijk in browser", "otrzymujesz tę wiadomość", "bu e-postayı aldınız",
	"вы получили это письмо", "вы подписаны", "您收到此邮件", "您收到這封郵件", "このメールは配信登録", "配信停止はこちら",
	"본 메일은 정보통신망", "수신을 원하지 않으시면", "bạn nhận được email này", "คุณได้รับอีเมลนี้", "anda menerima email ini",
	"anda menerima e-mel ini", "تلقيت هذه الرسالة",
}

// bulkFooter: mass mail without list headers still says why you get it and
// how to unsubscribe.
func (c *autoCtx) bulkFooter() (AutoVerdict, bool) {
	unsub := autoFind(c.text, autoUnsubPhrases)
	footer := autoFind(c.text, autoBulkFooters)
	if unsub == "" || footer == "" || c.forwardSubject() || autoFind(c.newt, autoBuyerCues) != "" {
		return AutoVerdict{}, false
	}
	if score, why := c.pitchScore(); score-2 >= 4 {
		return autoVerdict(TypeOther, "spam", 0.8, "bulk footer '"+footer+"'", "sales pitch: "+strings.Join(why, ", ")), true
	}
	return autoVerdict(TypeOther, "newsletter", 0.85, "bulk footer '"+footer+"'", "unsubscribe wording '"+unsub+"'"), true
}

// ---- 10. other machine mail ----

// Helpdesk acknowledgements are auto-replies.
var autoTicketAck = []string{
	"we have received your request", "we have received your message", "we have received your email",
	"we've received your request", "we've received your message", "we've received your email",
	"your request has been received", "your ticket has been created", "a ticket has been created", "ticket number",
	"thank you for contacting us. this is", "wir haben ihre anfrage erhalten", "ihre anfrage ist bei uns eingegangen",
	"nous avons bien reçu votre", "hemos recibido tu", "hemos recibido su", "abbiamo ricevuto la tua",
	"recebemos a sua", "recebemos sua", "we hebben je bericht ontvangen", "otrzymaliśmy twoją", "talebinizi aldık",
	"мы получили ваше", "我们已收到您的", "我們已收到您的", "お問い合わせを受け付けました", "문의가 접수되었습니다",
}

func (c *autoCtx) machine() (AutoVerdict, bool) {
	a := c.in.Auto
	as := strings.ToLower(strings.TrimSpace(a.AutoSubmitted))
	var r []string
	conf := 0.0
	if autoIsAutoSubmitted(as) {
		r = append(r, "header Auto-Submitted: "+a.AutoSubmitted)
		conf = 0.95
	}
	if a.ReturnPathEmpty {
		r = append(r, "Return-Path <>")
		if conf == 0 {
			conf = 0.9
		}
	}
	phrase := autoFind(c.text, autoMachinePhrases)
	if c.noreply && !c.forwardSubject() {
		personal := false
		for _, rt := range c.in.ReplyTo {
			if c.personalReplyTo(rt.Addr) {
				personal = true
			}
		}
		if !personal {
			r = append(r, "no-reply sender "+c.in.From.Addr)
			if conf == 0 {
				conf = 0.85
				if phrase != "" {
					conf = 0.9
				}
			}
		}
	}
	if phrase != "" && conf == 0 && !c.forwardSubject() && strings.Contains(autoCut(c.newt, 8000), phrase) &&
		autoFind(c.newt, autoBuyerCues) == "" && !strings.ContainsAny(c.head, "?？") {
		// "this is an automated message, do not reply" in the sender's own
		// text, and nothing a buyer would write
		conf = 0.75
	}
	if phrase != "" && conf > 0 {
		r = append(r, "phrase '"+phrase+"'")
	}
	if conf == 0 {
		return AutoVerdict{}, false
	}
	if p := autoFind(autoCut(c.newt, 1500), autoTicketAck); p != "" {
		return autoVerdict(TypeOther, "auto_reply", conf, append(r, "acknowledgement '"+p+"'")...), true
	}
	if score, pr := c.pitchScore(); score >= 3 {
		return autoVerdict(TypeOther, "spam", conf, append(r, "sales pitch: "+strings.Join(pr, ", "))...), true
	}
	if p := autoFind(c.text, autoUnsubPhrases); p != "" && autoFind(c.text, autoBulkFooters) != "" {
		// marketing, unless it is a notice about something specific
		if _, why := c.noticeIntent(); why == "" {
			return autoVerdict(TypeOther, "newsletter", conf, append(r, "unsubscribe wording '"+p+"'")...), true
		}
	}
	if autoFind(c.subj+"\n"+autoCut(c.newt, 3000), autoServiceCues) != "" {
		intent, why := c.noticeIntent()
		if why != "" {
			r = append(r, "notice topic '"+why+"'")
		}
		return autoVerdict(TypeChannelNotification, intent, conf, r...), true
	}
	return autoVerdict(TypeOther, "other", conf, r...), true
}

// Words of service mail about an account or an order.
var autoServiceCues = []string{
	"order", "shipment", "parcel", "package", "tracking", "delivery", "payout", "payment", "invoice", "statement",
	"account", "seller", "partner", "store", "listing", "commission", "refund", "return", "settlement",
	"sendung", "bestellung", "paket", "abrechnung", "auszahlung", "konto", "provision", "retoure", "rechnung", "händler",
	"commande", "colis", "compte", "facture", "vendeur", "pedido", "envío", "cuenta", "factura", "vendedor",
	"ordine", "spedizione", "fattura", "venditore", "encomenda", "conta", "fatura", "zamówienie", "przesyłka",
	"bestelling", "pakket", "factuur", "sipariş", "kargo", "hesap", "fatura", "заказ", "отправлен", "посылк", "аккаунт",
	"счет", "订单", "包裹", "账户", "结算", "放款", "訂單", "帳戶", "注文", "配送", "アカウント", "請求", "주문", "배송",
	"계정", "đơn hàng", "tài khoản", "คำสั่งซื้อ", "พัสดุ", "pesanan", "akun", "akaun", "طلب", "شحنة", "حساب",
}

// ---- 11. sales pitches ----

type autoCue struct {
	p string
	w int
}

// Sales-pitch cues with their weight. A person's mail (a buyer, a partner,
// an influencer asking to collaborate) rarely offers services to the shop.
var autoPitchCues = []autoCue{
	// en: the offer
	{"we've helped", 2}, {"we have helped", 2}, {"we help brands", 2}, {"we help sellers", 2}, {"we help online", 2},
	{"we help e-commerce", 2}, {"we help ecommerce", 2}, {"we can help you", 2}, {"we specialize in", 1}, {"we specialise in", 1},
	{"our agency", 2}, {"our services", 1}, {"we offer", 1}, {"we provide", 1}, {"we are offering", 1},
	{"free audit", 2}, {"free consultation", 2}, {"free strategy", 2}, {"free trial", 1}, {"free samples", 1},
	{"free design", 1}, {"double your", 2}, {"boost your sales", 2}, {"increase your sales", 2}, {"grow your sales", 2},
	{"grow your business", 2}, {"skyrocket", 2}, {"not ranking", 2}, {"rank on page", 2}, {"page 1 of google", 2},
	{"first page of google", 2}, {"organic traffic", 2}, {"5-star reviews", 2}, {"five-star reviews", 2},
	{"verified reviews", 2}, {"affiliate creators", 2}, {"network of", 1}, {"brands we", 2}, {"clients we", 1},
	{"book a call", 2}, {"quick call", 1}, {"min call", 2}, {"minute call", 2}, {"my calendar", 2}, {"calendly", 2},
	{"reply yes", 2}, {"reply with your", 1}, {"reply stop", 2}, {"not interested? reply", 2},
	{"don't want to hear from me", 3}, {"if you're not interested", 2}, {"special offer", 1}, {"limited time offer", 2},
	{"off the first run", 2}, {"off your first", 2}, {"for new clients", 2}, {"for new customers", 1},
	{"factory direct", 2}, {"we are a factory", 2}, {"we are a manufacturer", 2}, {"leading manufacturer", 2},
	{"professional manufacturer", 2}, {"lead generation", 2}, {"email list", 1}, {"guest post", 2}, {"backlinks", 2},
	{"web design", 1}, {"virtual assistant", 1}, {"working capital", 2}, {"merchant cash advance", 2},
	{"i'm reaching out", 1}, {"i am reaching out", 1}, {"came across your store", 1}, {"came across your website", 1},
	{"noticed your store", 1}, {"partnership opportunity", 1}, {"account management", 1}, {"ppc management", 2},
	{"listing optimization", 2}, {"listing optimisation", 2}, {"conversion rate", 1}, {"cold email", 1},
	{"hello seller", 1}, {"dear seller", 1}, {"dear store owner", 1}, {"hi store owner", 1}, {"dear business owner", 1},
	{"dear sir/madam", 1}, {"dear sir or madam", 1}, {"to whom it may concern", 1}, {"dear merchant", 1},
	// zh
	{"我司", 2}, {"本公司", 1}, {"主营", 2}, {"专业生产", 2}, {"厂家直供", 2}, {"工厂直供", 2}, {"工厂直销", 2},
	{"厂家直销", 2}, {"欢迎询价", 2}, {"欢迎来厂", 2}, {"索取样品", 2}, {"一件代发", 2}, {"起订", 1}, {"我们的优势", 2},
	{"新客户", 1}, {"首票", 2}, {"特价", 1}, {"双清包税", 2}, {"专线", 1}, {"产品目录", 1}, {"新品目录", 2}, {"诚邀", 1},
	{"合作共赢", 2}, {"尊敬的采购", 2}, {"老板您好", 2}, {"老板你好", 2}, {"報價單", 0}, {"我們公司", 1}, {"本廠", 2},
	// ru
	{"мы предлагаем", 2}, {"предлагаем вам", 2}, {"выведем", 2}, {"в топ", 2}, {"продвижение", 1},
	{"консультация бесплатно", 2}, {"бесплатная консультация", 2}, {"аудит", 1}, {"увеличим продажи", 2},
	{"продавать в 3 раза", 2}, {"самовыкуп", 2}, {"под ключ", 1}, {"наши услуги", 1},
	// es
	{"le ofrecemos", 2}, {"te ofrecemos", 2}, {"ofrecemos", 1}, {"financiamos", 2}, {"precio especial", 1},
	{"muestra gratuita", 2}, {"sin compromiso", 1}, {"responde baja", 2}, {"responda baja", 2}, {"base de datos", 1},
	{"aumentar sus ventas", 2}, {"aumentar tus ventas", 2}, {"nuestros servicios", 1}, {"hola emprendedor", 2},
	{"estimado/a", 1}, {"responsable de marketing", 1}, {"si no deseas recibir", 2}, {"si no desea recibir", 2},
	// de
	{"wir bieten", 1}, {"bieten wir ihnen", 1}, {"unverbindlich", 1}, {"kostenlose beratung", 2}, {"kostenloses erstgespräch", 2},
	{"umsatz steigern", 2}, {"steigern sie ihren", 2}, {"unsere agentur", 2}, {"unsere dienstleistungen", 1},
	// fr
	{"nous proposons", 1}, {"nous vous proposons", 2}, {"augmenter vos ventes", 2}, {"sans engagement", 1},
	{"audit gratuit", 2}, {"nous sommes une agence", 2},
	{"devis gratuit", 2}, {"notre agence", 2}, {"nos services", 1},
	// it
	{"offriamo", 1}, {"vi proponiamo", 2}, {"aumentare le vendite", 2}, {"aumentare le tue vendite", 2},
	{"senza impegno", 1}, {"preventivo gratuito", 2}, {"la nostra agenzia", 2}, {"consulenza gratuita", 2},
	// pt
	{"oferecemos", 1}, {"aumentar suas vendas", 2}, {"aumentar as suas vendas", 2}, {"sem compromisso", 1},
	{"orçamento grátis", 2}, {"nossa agência", 2}, {"nossos serviços", 1}, {"consultoria grátis", 2},
	{"consultoria gratuita", 2}, {"somos uma agência", 2},
	// ar
	{"نساعدك", 2}, {"ضاعف مبيعاتك", 2}, {"مضاعفة مبيعاتك", 2}, {"عرض حصري", 2}, {"استشارة مجانية", 2},
	{"نقدم لكم", 1}, {"خدماتنا", 1},
	// ja, ko
	{"弊社では", 1}, {"弊社は", 1}, {"突然のご連絡失礼", 2}, {"運用代行", 2}, {"ご提案", 1}, {"売上アップ", 2}, {"無料相談", 2}, {"無料診断", 2}, {"集客", 1}, {"資料請求", 1},
	{"(광고)", 3}, {"무료 상담", 2}, {"매출 향상", 2}, {"매출 증대", 2}, {"제휴 제안", 1},
	// vi, th, id, ms
	{"chúng tôi cung cấp", 1}, {"dịch vụ của chúng tôi", 1}, {"tăng doanh số", 2}, {"tư vấn miễn phí", 2},
	{"บริการของเรา", 1}, {"เพิ่มยอดขาย", 2}, {"ปรึกษาฟรี", 2}, {"kami menawarkan", 1}, {"layanan kami", 1},
	{"tingkatkan penjualan", 2}, {"konsultasi gratis", 2}, {"perkhidmatan kami", 1}, {"tingkatkan jualan", 2},
	{"konsultasi percuma", 2},
	// pl, nl, tr
	{"oferujemy", 1}, {"nasze usługi", 1}, {"zwiększ sprzedaż", 2}, {"bezpłatna konsultacja", 2},
	{"wij bieden", 1}, {"onze diensten", 1}, {"verhoog je omzet", 2}, {"gratis adviesgesprek", 2},
	{"omzet te verhogen", 2}, {"omzet verhogen", 2},
	{"hizmetlerimiz", 1}, {"satışlarınızı artır", 2}, {"ücretsiz danışmanlık", 2}, {"sunuyoruz", 1},
}

// Short pitch words that need word boundaries.
var autoPitchWords = []string{"seo", "oem", "odm", "ppc", "roi"}

// Unsubscribe wording of bulk or cold mail.
var autoUnsubPhrases = []string{
	"unsubscribe", "opt out", "opt-out", "reply stop", "don't want to hear from me", "abmelden", "newsletter abbestellen",
	"se désinscrire", "désabonner", "darse de baja", "cancelar suscripción", "responde baja", "disiscriviti",
	"cancelar inscrição", "descadastrar", "uitschrijven", "wypisz się", "abonelikten çık", "отписаться", "退订",
	"取消订阅", "取消訂閱", "配信停止", "수신거부", "수신 거부", "hủy đăng ký", "ยกเลิกการรับ", "berhenti berlangganan",
	"henti langganan", "إلغاء الاشتراك",
}

// Buyer signs: the sender bought or asks about an order.
var autoBuyerCues = []string{
	"my order", "i ordered", "i bought", "i purchased", "i received", "order number", "meine bestellung", "ich habe bestellt",
	"ma commande", "j'ai commandé", "mi pedido", "he comprado", "il mio ordine", "ho ordinato", "minha encomenda",
	"meu pedido", "comprei", "mijn bestelling", "moje zamówienie", "siparişim", "мой заказ", "я заказал", "我的订单",
	"我买的", "我的訂單", "我買的", "注文した", "購入した", "주문한", "đơn hàng của tôi", "tôi đã mua", "คำสั่งซื้อของฉัน",
	"pesanan saya", "saya beli", "طلبي",
}

func (c *autoCtx) pitchScore() (int, []string) {
	if c.pitchDone {
		return c.pitchN, c.pitchWhy
	}
	c.pitchN, c.pitchWhy = c.computePitch()
	c.pitchDone = true
	return c.pitchN, c.pitchWhy
}

func (c *autoCtx) computePitch() (int, []string) {
	s := c.subj + "\n" + autoCut(c.newt, 6000)
	score := 0
	var why []string
	for i, hit := range findAll(s, autoPitchCuePhrases()) {
		if q := autoPitchCues[i]; hit && q.w > 0 {
			score += q.w
			why = append(why, q.p)
		}
	}
	for _, w := range autoPitchWords {
		if autoWordIn(s, w) {
			score++
			why = append(why, w)
		}
	}
	if p := autoFind(s, autoUnsubPhrases); p != "" {
		score += 2
		if !autoHas(why, p) {
			why = append(why, p)
		}
	}
	if p := autoFind(s, autoBuyerCues); p != "" {
		score -= 2
		why = append(why, "-"+p)
	}
	if c.in.OrderID != "" {
		score -= 2
		why = append(why, "-order "+c.in.OrderID)
	}
	if len(why) > 6 {
		why = why[:6]
	}
	return score, why
}

func autoHas(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (c *autoCtx) pitch() (AutoVerdict, bool) {
	score, why := c.pitchScore()
	if v := strings.ToLower(strings.TrimSpace(c.in.Header.Get("X-Spam-Flag"))); v == "yes" || v == "true" {
		score += 2
		why = append(why, "X-Spam-Flag: YES")
	} else if v := strings.ToLower(c.in.Header.Get("X-Spam-Status")); strings.HasPrefix(v, "yes") {
		score += 2
		why = append(why, "X-Spam-Status: Yes")
	}
	if score < 4 {
		return AutoVerdict{}, false
	}
	conf := 0.75
	if score >= 6 {
		conf = 0.85
	}
	return autoVerdict(TypeOther, "spam", conf, "sales pitch: "+strings.Join(why, ", ")), true
}

// ---- person ----

func (c *autoCtx) person() AutoVerdict {
	v := AutoVerdict{Confidence: 0.9}
	if c.auth.any() {
		v.Confidence = 0.75
		v.Reasons = append(v.Reasons, c.auth.why...)
	}
	if score, why := c.pitchScore(); score >= 2 {
		v.Confidence = 0.65
		v.Reasons = append(v.Reasons, "some sales-pitch wording: "+strings.Join(why, ", "))
	}
	return v
}

var autoPitchCueList = sync.OnceValue(func() []string {
	out := make([]string, len(autoPitchCues))
	for i, q := range autoPitchCues {
		out[i] = q.p
	}
	return out
})

// autoPitchCuePhrases is autoPitchCues' phrases, for one-pass matching.
func autoPitchCuePhrases() []string { return autoPitchCueList() }
