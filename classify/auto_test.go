package classify

import (
	"bufio"
	"encoding/json"
	"mime"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/replydesk/replydesk/internal/testcorpus"
)

// autoMail builds a small RFC 5322 message: from is "Name <addr>" or a bare
// address, hdr holds extra header lines ("Name: value", one per line),
// body is UTF-8 plain text.
func autoMail(from, subject, hdr, body string) []byte {
	var b strings.Builder
	if a, err := mail.ParseAddress(from); err == nil {
		b.WriteString("From: " + a.String() + "\r\n")
	} else {
		b.WriteString("From: " + from + "\r\n")
	}
	b.WriteString("To: service@shop.example\r\n")
	b.WriteString("Subject: " + mime.BEncoding.Encode("UTF-8", subject) + "\r\n")
	b.WriteString("Date: Mon, 01 Jun 2026 10:00:00 +0000\r\n")
	b.WriteString("Message-ID: <t" + autoHashish(from+subject) + "@test.example>\r\n")
	for _, l := range strings.Split(strings.TrimSpace(hdr), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			b.WriteString(l + "\r\n")
		}
	}
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
	b.WriteString(strings.ReplaceAll(body, "\n", "\r\n"))
	return []byte(b.String())
}

func autoHashish(s string) string {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint32(s[i])) * 16777619
	}
	const hex = "0123456789abcdef"
	out := make([]byte, 8)
	for i := range out {
		out[i] = hex[h>>(28-4*i)&15]
	}
	return string(out)
}

type autoCase struct {
	name               string
	from, subject, hdr string
	body               string
	auto               bool
	typ, intent        string
	minConf            float64
	own                []string
	reasonHas          string
}

func runAutoCases(t *testing.T, cases []autoCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in, _, err := NewInput(autoMail(tc.from, tc.subject, tc.hdr, tc.body))
			if err != nil {
				t.Fatal(err)
			}
			in.OwnAddresses = tc.own
			v := CheckAutomatic(in)
			if v.Automatic != tc.auto || v.Type != tc.typ || v.Intent != tc.intent {
				t.Fatalf("got automatic=%v %q/%q (%.2f) %q; want automatic=%v %q/%q",
					v.Automatic, v.Type, v.Intent, v.Confidence, v.Reasons, tc.auto, tc.typ, tc.intent)
			}
			if v.Confidence < tc.minConf || v.Confidence > 1 {
				t.Errorf("confidence %.2f, want >= %.2f (%q)", v.Confidence, tc.minConf, v.Reasons)
			}
			if v.Automatic && len(v.Reasons) == 0 {
				t.Errorf("automatic verdict without reasons")
			}
			if tc.reasonHas != "" && !strings.Contains(strings.Join(v.Reasons, "; "), tc.reasonHas) {
				t.Errorf("reasons %q lack %q", v.Reasons, tc.reasonHas)
			}
			if v.Automatic && (!ValidType(v.Type) || !ValidIntent(v.Intent)) {
				t.Errorf("invalid labels %q/%q", v.Type, v.Intent)
			}
		})
	}
}

const autoDSN = `From: Mail Delivery System <MAILER-DAEMON@mx1.shop.example>
To: service@shop.example
Subject: Undelivered Mail Returned to Sender
Date: Mon, 01 Jun 2026 10:00:00 +0000
Message-ID: <dsn1@mx1.shop.example>
Return-Path: <>
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: text/plain

This is the mail system at host mx1.shop.example.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients.

<buyer@example.com>: host mx.example.com said: 550 5.1.1 User unknown
--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mx1.shop.example
Final-Recipient: rfc822; buyer@example.com
Action: failed
Status: 5.1.1
--B--
`

func TestAutoBounceDSN(t *testing.T) {
	in, _, err := NewInput([]byte(strings.ReplaceAll(autoDSN, "\n", "\r\n")))
	if err != nil {
		t.Fatal(err)
	}
	v := CheckAutomatic(in)
	if !v.Automatic || v.Type != TypeOther || v.Intent != "bounce" || v.Confidence < 0.98 {
		t.Fatalf("got %+v", v)
	}
	if !strings.Contains(strings.Join(v.Reasons, ";"), "multipart/report delivery-status") {
		t.Errorf("reasons %q", v.Reasons)
	}
}

func TestAutoBounces(t *testing.T) {
	runAutoCases(t, []autoCase{
		{name: "de exchange postmaster", from: "postmaster@firma.example", subject: "Unzustellbar: AW: Ihre Bestellung 4711",
			body: "Die Nachricht konnte nicht an einen oder mehrere Empfänger zugestellt werden.\n\nbuyer@firma.example\nRemote Server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound'",
			auto: true, typ: TypeOther, intent: "bounce", minConf: 0.95, reasonHas: "postmaster@firma.example"},
		{name: "zh 163 postmaster", from: "163邮箱 <postmaster@163.com>", subject: "系统退信",
			body: "尊敬的用户：\n\n很抱歉，您发送的邮件未能成功投递。\n\n收件人：abc@163.com\n退信原因：收件人邮箱不存在", auto: true, typ: TypeOther, intent: "bounce", minConf: 0.95},
		{name: "fr return-path only", from: "Service de messagerie <notifications@orange.example>", subject: "Message non remis : Re: Suivi de commande",
			hdr: "Return-Path: <>", body: "Le message que vous avez envoyé n'a pas pu être remis à un ou plusieurs destinataires.",
			auto: true, typ: TypeOther, intent: "bounce", minConf: 0.95, reasonHas: "Return-Path <>"},
		{name: "es mailer-daemon", from: "MAILER-DAEMON@correo.example", subject: "No se puede entregar: Re: pedido 1234",
			body: "No se pudo entregar el mensaje a los siguientes destinatarios.", auto: true, typ: TypeOther, intent: "bounce", minConf: 0.95},
		{name: "ru subject only", from: "Почтовая служба <robot@mail.example>", subject: "Недоставленное сообщение",
			body: "Ваше письмо не удалось доставить получателю.", auto: true, typ: TypeOther, intent: "bounce", minConf: 0.85},
		{name: "ja mailer-daemon", from: "MAILER-DAEMON@mail.example.jp", subject: "配信不能: Re: ご注文について",
			body: "次の宛先へメールを配信できませんでした。", auto: true, typ: TypeOther, intent: "bounce", minConf: 0.95},
		{name: "en gmail dsn without report", from: "Mail Delivery Subsystem <mailer-daemon@googlemail.com>", subject: "Delivery Status Notification (Failure)",
			body: "Address not found\n\nYour message wasn't delivered to buyer@example.com because the address couldn't be found.",
			auto: true, typ: TypeOther, intent: "bounce", minConf: 0.98},
		{name: "failed recipients header", from: "Mail System <system@relay.example>", subject: "Returned mail: see transcript for details",
			hdr: "X-Failed-Recipients: buyer@example.com", body: "The original message was received ...", auto: true, typ: TypeOther, intent: "bounce", minConf: 0.98},
	})
}

// The same wording written by buyers about parcels is no bounce.
func TestAutoBounceWordsFromBuyers(t *testing.T) {
	runAutoCases(t, []autoCase{
		{name: "delivery failed parcel", from: "Tom Baker <tbaker@gmail.com>", subject: "Delivery failed - where is my parcel?",
			body: "Hi, tracking says delivery failed twice and the parcel is going back. Order 113-1234567-1234567. Can you resend?"},
		{name: "unzustellbar paket", from: "Petra Lang <petra.lang@web.de>", subject: "Paket unzustellbar?",
			body: "Hallo, DHL schreibt mein Paket sei unzustellbar, dabei stimmt die Adresse. Was kann ich tun?"},
		{name: "returned to sender", from: "Ana Silva <ana.silva@gmail.com>", subject: "Returned to sender??",
			body: "My order was returned to sender without any delivery attempt. Please send it again."},
		{name: "non remis colis", from: "Luc Martin <luc.martin@laposte.net>", subject: "Colis non remis",
			body: "Bonjour, mon colis n'a pas été remis, il est indiqué 'destinataire absent' alors que j'étais chez moi."},
		{name: "undeliverable package", from: "Kay <kay.w@outlook.com>", subject: "Undeliverable package",
			body: "USPS marked my package as undeliverable. It could not be delivered because of a wrong unit number."},
		{name: "delivery failed colon", from: "Raj <raj.p@gmail.com>", subject: "Delivery failed: order 1234",
			body: "The parcel could not be delivered, the courier says nobody was home. Please arrange a new delivery."},
		{name: "refund to credit card zh", from: "王芳 <wangfang@qq.com>", subject: "退信用卡的钱什么时候到账",
			body: "你好，我上周退货了，退款退回信用卡要多久？"},
	})
}

// Out-of-office replies in the 18 languages: the subject prefix and the
// body of a typical auto-reply, with no automatic-mail header at all.
var autoOOO = []struct{ lang, subject, body string }{
	{"en", "Automatic reply: Re: Order 1234", "Thank you for your email. I am out of the office until Monday 8 June with limited access to email. For urgent matters please contact office@partner.example."},
	{"es", "Respuesta automática: Re: Pedido 1234", "Gracias por su mensaje. Estoy fuera de la oficina hasta el 8 de junio. Para asuntos urgentes, escriba a oficina@socio.example."},
	{"fr", "Réponse automatique : Re: Commande 1234", "Merci pour votre message. Je suis absente du bureau jusqu'au 8 juin. En cas d'urgence, contactez accueil@partenaire.example."},
	{"de", "Automatische Antwort: AW: Bestellung 1234", "Vielen Dank für Ihre Nachricht. Ich bin bis zum 8. Juni nicht im Büro. In dringenden Fällen wenden Sie sich bitte an info@partner.example."},
	{"it", "Risposta automatica: R: Ordine 1234", "Grazie per il messaggio. Sono fuori ufficio fino all'8 giugno. Per urgenze scrivere a ufficio@partner.example."},
	{"pt", "Resposta automática: RE: Encomenda 1234", "Obrigado pela sua mensagem. Estou fora do escritório até 8 de junho. Em caso de urgência, contacte geral@parceiro.example."},
	{"ru", "Автоответ: Re: Заказ 1234", "Спасибо за письмо. Я в отпуске до 8 июня. По срочным вопросам пишите на office@partner.example."},
	{"ja", "自動返信: Re: ご注文について", "メールありがとうございます。6月8日まで休暇のため不在にしております。お急ぎの場合は office@partner.example までご連絡ください。"},
	{"zh-Hans", "自动回复: 回复: 订单1234", "您好，我于6月1日至6月8日休假，期间不能及时回复邮件。如有紧急事宜，请联系 office@partner.example。"},
	{"zh-Hant", "自動回覆: 回覆: 訂單1234", "您好，本人6/1至6/8休假中，期間無法即時回覆郵件。如有緊急事項，請洽 office@partner.example。"},
	{"ko", "자동 회신: RE: 주문 문의", "메일 감사합니다. 6월 8일까지 휴가 중입니다. 급한 용무는 office@partner.example 로 연락 주세요."},
	{"vi", "Trả lời tự động: RE: Đơn hàng 1234", "Cảm ơn bạn đã gửi email. Tôi đang nghỉ phép đến ngày 8/6. Trường hợp khẩn cấp xin liên hệ office@partner.example."},
	{"th", "ตอบกลับอัตโนมัติ: RE: คำสั่งซื้อ 1234", "ขอบคุณสำหรับอีเมล ดิฉันลาพักร้อนถึงวันที่ 8 มิถุนายน กรณีเร่งด่วนกรุณาติดต่อ office@partner.example"},
	{"id", "Balasan otomatis: RE: Pesanan 1234", "Terima kasih atas email Anda. Saya sedang cuti sampai 8 Juni. Untuk hal mendesak silakan hubungi office@partner.example."},
	{"ms", "Balasan automatik: RE: Pesanan 1234", "Terima kasih atas e-mel anda. Saya sedang bercuti sehingga 8 Jun. Untuk perkara segera sila hubungi office@partner.example."},
	{"pl", "Autoodpowiedź: RE: Zamówienie 1234", "Dziękuję za wiadomość. Jestem na urlopie do 8 czerwca. W pilnych sprawach proszę pisać na biuro@partner.example."},
	{"nl", "Automatisch antwoord: RE: Bestelling 1234", "Bedankt voor uw bericht. Ik ben afwezig tot 8 juni. Voor dringende zaken kunt u contact opnemen met kantoor@partner.example."},
	{"tr", "Otomatik yanıt: RE: Sipariş 1234", "Mesajınız için teşekkürler. 8 Haziran'a kadar izindeyim. Acil konular için lütfen ofis@partner.example adresine yazın."},
	{"ar", "رد تلقائي: RE: الطلب 1234", "شكراً لرسالتك. أنا في إجازة حتى 8 يونيو. للأمور العاجلة يرجى التواصل مع office@partner.example."},
}

func TestAutoOutOfOffice18Languages(t *testing.T) {
	var cases []autoCase
	for _, o := range autoOOO {
		// subject phrase and body, no header
		cases = append(cases, autoCase{name: o.lang + "/subject", from: "Kim Lee <kim@partner.example>", subject: o.subject,
			body: o.body, auto: true, typ: TypeOther, intent: "auto_reply", minConf: 0.8, reasonHas: "subject phrase"})
		// neutral reply subject: the body alone, answering our mail
		cases = append(cases, autoCase{name: o.lang + "/body", from: "Kim Lee <kim@partner.example>", subject: "Re: 1234",
			hdr: "In-Reply-To: <our-reply-1@shop.example>", body: o.body, auto: true, typ: TypeOther, intent: "auto_reply", minConf: 0.7})
		// the RFC 3834 header
		cases = append(cases, autoCase{name: o.lang + "/header", from: "Kim Lee <kim@partner.example>", subject: o.subject,
			hdr: "Auto-Submitted: auto-replied", body: o.body, auto: true, typ: TypeOther, intent: "auto_reply", minConf: 0.98,
			reasonHas: "header Auto-Submitted: auto-replied"})
	}
	runAutoCases(t, cases)
}

func TestAutoReplyHeaders(t *testing.T) {
	runAutoCases(t, []autoCase{
		{name: "x-autoreply", from: "Jo <jo@partner.example>", subject: "Re: samples", hdr: "X-Autoreply: yes",
			body: "Thanks, I will answer soon.", auto: true, typ: TypeOther, intent: "auto_reply", minConf: 0.97},
		{name: "precedence auto_reply", from: "Jo <jo@partner.example>", subject: "Re: samples", hdr: "Precedence: auto_reply",
			body: "Thanks, I will answer soon.", auto: true, typ: TypeOther, intent: "auto_reply", minConf: 0.95},
		{name: "helpdesk ack", from: "Supplier Support <support@supplier.example>", subject: "[Ticket #55123] Re: broken lids",
			hdr: "Auto-Submitted: auto-generated", body: "We have received your request. A support agent will contact you within 24 hours. Ticket number: 55123",
			auto: true, typ: TypeOther, intent: "auto_reply", minConf: 0.9},
		{name: "x-auto-response-suppress alone is a person", from: "Mark Ode <mark.ode@outlook.com>", subject: "Question about the kettle",
			hdr: "X-Auto-Response-Suppress: All", body: "Hello, does the kettle have a keep-warm function? Thanks, Mark"},
	})
}

// Buyers who merely talk about auto-replies or absence are persons.
func TestAutoReplyWordsFromBuyers(t *testing.T) {
	runAutoCases(t, []autoCase{
		{name: "complains about our auto reply", from: "Jane Roe <jane.roe@gmail.com>", subject: "Your automatic reply is not an answer",
			body: "I only got an automatic reply from you. Where is my refund for order 113-1234567-7654321?"},
		{name: "replies to our auto reply", from: "Jane Roe <jane.roe@gmail.com>", subject: "Re: Automatic reply: Where is my order",
			hdr: "In-Reply-To: <ack1@shop.example>", body: "Still waiting. Please call me."},
		{name: "buyer on vacation", from: "Ben Ortiz <ben.ortiz@yahoo.com>", subject: "Please hold my order",
			body: "Hi, I'm on vacation until June 20. Could you ship my order after that? I won't be home. Thanks, Ben"},
		{name: "forwarded out of office", from: "Sue Park <sue.park@gmail.com>", subject: "Fwd: Automatic reply: order 555",
			body: "Your colleague's auto reply below - who else can help me with order 555?\n\n---------- Forwarded message ---------\nI am out of the office until Monday."},
	})
}

func TestAutoNewsletters(t *testing.T) {
	runAutoCases(t, []autoCase{
		{name: "list-id bulk", from: "Trade Weekly <news@tradeweekly.example>", subject: "This week: freight rates and EU rules",
			hdr:  "List-Id: Trade Weekly <weekly.tradeweekly.example>\nList-Unsubscribe: <https://tradeweekly.example/u>\nPrecedence: bulk",
			body: "Freight rates fell 4% ... Read more: https://tradeweekly.example/1\n\nUnsubscribe: https://tradeweekly.example/u",
			auto: true, typ: TypeOther, intent: "newsletter", minConf: 0.95, reasonHas: "List-Id"},
		{name: "list-unsubscribe and feedback-id", from: "PackPro <hello@packpro.example>", subject: "New mailer boxes are here",
			hdr:  "List-Unsubscribe: <mailto:u@packpro.example>\nFeedback-ID: 123:456:campaign:esp",
			body: "Our spring range is live. Shop now at https://packpro.example.\n\nUnsubscribe here.",
			auto: true, typ: TypeOther, intent: "newsletter", minConf: 0.9},
		{name: "bulk footer without list headers", from: "Coffee Gear Digest <digest@coffeegear.example>", subject: "June picks: grinders and scales",
			body: "Our editors' picks for June.\n\nYou are receiving this email because you signed up at coffeegear.example.\nUnsubscribe | Manage preferences",
			auto: true, typ: TypeOther, intent: "newsletter", minConf: 0.8},
		{name: "marketplace newsletter", from: "Amazon Seller News <seller-news@amazon.com>", subject: "Prime Day 2026: deal submissions open",
			hdr:  "List-Id: <seller-news.amazon.com>\nList-Unsubscribe: <https://sellercentral.amazon.com/unsub>\nPrecedence: bulk",
			body: "Submit your Prime Day deals by May 1.", auto: true, typ: TypeOther, intent: "newsletter", minConf: 0.95},
	})
}

func TestAutoPhishing(t *testing.T) {
	runAutoCases(t, []autoCase{
		{name: "spf fail amazon claim", from: "Amazon Seller Support <support@seller-helpcenter.example>",
			subject: "Action required: your account has been suspended",
			hdr:     "Authentication-Results: mx1.shop.example; spf=fail smtp.mailfrom=seller-helpcenter.example; dkim=none; dmarc=none",
			body:    "Dear Seller,\nYour account has been suspended due to unusual activity. Verify your account within 24 hours:\nhttp://seller-helpcenter.example/verify\nAmazon Seller Support",
			auto:    true, typ: TypeOther, intent: "spam", minConf: 0.85, reasonHas: "Authentication-Results: spf=fail"},
		{name: "dmarc fail spoofed amazon.com", from: "Amazon <seller-notification@amazon.com>", subject: "Your payout is on hold",
			hdr:  "Authentication-Results: mx1.shop.example; spf=fail smtp.mailfrom=amazon.com; dkim=fail; dmarc=fail header.from=amazon.com",
			body: "We could not verify your bank account. Confirm your identity here: http://bit.example/x",
			auto: true, typ: TypeOther, intent: "spam", minConf: 0.9, reasonHas: "dmarc=fail"},
		{name: "lookalike domain", from: "Amazon Seller Central <no-reply@amazon-verify.top>", subject: "Account deactivated",
			body: "Your seller account has been deactivated. Restore your account: https://amazon-verify.top/login",
			auto: true, typ: TypeOther, intent: "spam", minConf: 0.9, reasonHas: "lookalike domain amazon-verify.top"},
		{name: "received-spf softfail ebay", from: "eBay <security@ebay-member-care.example>", subject: "Confirm your payment information",
			hdr:  "Received-SPF: softfail (domain of ebay-member-care.example does not designate 1.2.3.4)",
			body: "To avoid suspension of your selling privileges, confirm your payment information: http://ebay-member-care.example/c",
			auto: true, typ: TypeOther, intent: "spam", minConf: 0.9},
		{name: "display name imitation", from: "PayPal Service <service@secure-billing-center.example>", subject: "Your account is limited",
			body: "We noticed unusual activity. Your account has been limited. Click here to verify: https://secure-billing-center.example/pp",
			auto: true, typ: TypeOther, intent: "spam", minConf: 0.85},
		{name: "no-reply sender imitating paypal", from: "PayPal <noreply@pp-resolution-center.example>", subject: "Unusual activity",
			body: "We noticed unusual activity. Your account has been limited until you confirm your identity: https://pp-resolution-center.example/x",
			auto: true, typ: TypeOther, intent: "spam", minConf: 0.85},
		{name: "real amazon account notice is not phishing", from: "Amazon Seller Performance <seller-performance@amazon.com>",
			subject: "Your Amazon selling account has been deactivated", hdr: "Auto-Submitted: auto-generated",
			body: "Your account has been deactivated because of unusual activity. Verify your identity within 24 hours in Seller Central: https://sellercentral.amazon.com/performance",
			auto: true, typ: TypeChannelNotification, intent: "account_notice", minConf: 0.95},
		{name: "carrier fee", from: "DHL Express <noreply@dhl-zustellung-info.top>", subject: "Ihre Sendung wartet - Zollgebühr offen",
			body: "Ihre Sendung konnte nicht zugestellt werden. Bitte bezahlen Sie die Zollgebühr von 1,99 EUR: https://dhl-zustellung-info.top/pay",
			auto: true, typ: TypeOther, intent: "spam", minConf: 0.9},
	})
}

// Buyer mail relayed by a marketplace is written by a person even when the
// relay adds automatic-mail headers.
func TestAutoBuyerRelays(t *testing.T) {
	runAutoCases(t, []autoCase{
		{name: "amazon relay with auto-submitted", from: "Megan - Amazon Marketplace <2cjfr662dt49xby@marketplace.amazon.com>",
			subject: "Inquiry from Amazon customer Megan (Order: 113-4829301-7712405)",
			hdr:     "Auto-Submitted: auto-generated\nPrecedence: bulk\nX-Auto-Response-Suppress: All",
			body:    "Order ID: 113-4829301-7712405\n\n------------- Begin message -------------\n\nHi, the shirt still says not yet shipped. Can you tell me when it goes out?\nThanks, Megan\n\n------------- End message -------------\n\nFor Your Information: To help arbitrate disputes ...",
			minConf: 0.9, reasonHas: "Amazon buyer-seller"},
		{name: "ebay member message with list headers", from: "mike_d_4471 <mike_d_4471@members.ebay.com>",
			subject: "mike_d_4471 sent a message about Chef Knife #196874512233",
			hdr:     "List-Unsubscribe: <https://ebay.com/unsub>\nPrecedence: bulk",
			body:    "New message from: mike_d_4471 (12)\n\nHi, has my knife shipped yet? Thanks\n\nReply\n\nItem ID: 196874512233", minConf: 0.9},
		{name: "walmart relay", from: "Fernando R. via Walmart Marketplace <3whuqw6zj0-b8o4fb@relay.walmart.com>",
			subject: "Customer message for Purchase Order #108926690027415", hdr: "Auto-Submitted: auto-generated",
			body: "Message:\nGracias, llegó todo perfecto.\n\nReply to this email to respond to the customer.", minConf: 0.9},
		{name: "tiktok relay", from: "TikTok Shop <no-reply@shop.tiktok.com>", subject: "New message from buyer dewi.ayu88 (Order 577104420913325871)",
			hdr:     "Auto-Submitted: auto-generated",
			body:    "Hi ToyBox Official Store,\n\nYou have a new message from buyer dewi.ayu88 about order 577104420913325871 (ID):\n\nkak paket aku kok blm sampe ya, resi ga update udah 4 hari\n\nReply in Seller Center > Customer Service within 12 hours to keep your response rate above 90%.\n\nTikTok Shop Seller Center",
			minConf: 0.9},
		{name: "aliexpress relay", from: "AliExpress Message Center <message-center@notice.aliexpress.com>",
			subject: "New message from buyer Rizky P. about order 8190515530871146", hdr: "Auto-Submitted: auto-generated",
			body:    "Dear AutoVolt Official Store,\n\nYour buyer Rizky P. has sent you a new message about order 8190515530871146:\n\n\"Halo, kapan barang saya dikirim?\"\n\nPlease reply within 24 hours in Message Center.\nThis is an automatically generated e-mail.",
			minConf: 0.9},
		{name: "shopify contact form", from: "Shopify <mailer@shopify.com>", subject: "New customer message on June 1, 2026 at 10:02 am",
			hdr:     "Reply-To: john.buyer@gmail.com\nAuto-Submitted: auto-generated",
			body:    "You received a new message from your online store's contact form.\n\nName: John\nEmail: john.buyer@gmail.com\n\nBody:\nDo you ship the grinder to Canada?",
			minConf: 0.85},
		{name: "auto-reply relayed by amazon", from: "Megan - Amazon Marketplace <2cjfr662dt49xby@marketplace.amazon.com>",
			subject: "Automatic reply: RE: Your order 113-4829301-7712405",
			body:    "------------- Begin message -------------\nThis is an automatic reply. I am out of the office until Monday.\n------------- End message -------------",
			auto:    true, typ: TypeOther, intent: "auto_reply", minConf: 0.8},
		{name: "wordpress contact form with auto-submitted", from: "WordPress <wordpress@shop.example>", subject: "[Threadly] Frage zur Größe",
			hdr:     "Reply-To: Lena Vogt <lena.vogt@gmx.de>\nAuto-Submitted: auto-generated",
			body:    "Von: Lena Vogt <lena.vogt@gmx.de>\nBetreff: Frage zur Größe\n\nNachricht:\nFällt das Leinenhemd groß aus? Ich trage sonst M.\n\n--\nDiese E-Mail wurde über das Kontaktformular von Threadly gesendet.",
			minConf: 0.85},
		{name: "own contact form relaying a buyer", from: "service@shop.example", subject: "Contact form: Frage zur Lieferung",
			hdr: "Reply-To: anna.k@gmx.de", body: "Name: Anna\nNachricht: Wann kommt meine Bestellung?", own: []string{"service@shop.example"}},
	})
}

func TestAutoMarketplaceNotices(t *testing.T) {
	runAutoCases(t, []autoCase{
		{name: "a-to-z quoting the buyer", from: "Amazon A-to-z Guarantee <atoz-guarantee-no-reply@amazon.com>",
			subject: "A-to-z Guarantee claim received for order 113-4829301-7712405", hdr: "Auto-Submitted: auto-generated",
			body: "Hello Shop,\nWe received an A-to-z Guarantee claim from a customer.\nClaim reason: Item not received\nCustomer comments:\n\"Item arrived broken and I want my money back, this is the third time I write!\"\nPlease do not reply to this e-mail.",
			auto: true, typ: TypeChannelNotification, intent: "claim_notice", minConf: 0.95},
		{name: "a-bis-z de", from: "Amazon.de <atoz-guarantee-no-reply@amazon.de>", subject: "A-bis-z-Garantieantrag für Bestellung 304-7720915-3318842",
			hdr: "Auto-Submitted: auto-generated", body: "Hallo, ein Kunde hat einen A-bis-z-Garantieantrag gestellt.",
			auto: true, typ: TypeChannelNotification, intent: "claim_notice", minConf: 0.95},
		{name: "shopify chargeback", from: "Shopify <no-reply@shopify.com>", subject: "A chargeback has been opened for order #1077",
			body: "A customer's bank has opened a chargeback for order #1077.", auto: true, typ: TypeChannelNotification, intent: "claim_notice", minConf: 0.9},
		{name: "return request", from: "Amazon.co.uk <return@amazon.co.uk>", subject: "Return authorisation request for order 204-5529013-6684325",
			hdr: "Auto-Submitted: auto-generated", body: "Amazon customer Sophie has requested a return.\nCustomer comments: \"Too small, want a refund\"",
			auto: true, typ: TypeChannelNotification, intent: "return", minConf: 0.95},
		{name: "cancellation request", from: "Amazon.fr <cancellation-request@amazon.fr>", subject: "Demande d'annulation de commande : 402-7720183-9917345",
			hdr: "Auto-Submitted: auto-generated", body: "Un client a demandé l'annulation de la commande suivante.",
			auto: true, typ: TypeChannelNotification, intent: "cancel", minConf: 0.95},
		{name: "listing removed", from: "eBay <ebay@ebay.de>", subject: "Ihr Angebot wurde entfernt: Verstoß gegen den Grundsatz",
			hdr: "Auto-Submitted: auto-generated", body: "Hallo, wir haben das folgende Angebot entfernt.",
			auto: true, typ: TypeChannelNotification, intent: "account_notice", minConf: 0.95},
		{name: "payout", from: "TikTok Shop Seller Center <seller-notification@shop.tiktok.com>", subject: "Your settlement statement for Mar 2 - Mar 8 is ready",
			body: "Total settlement amount: $6,218.44", auto: true, typ: TypeChannelNotification, intent: "account_notice", minConf: 0.9},
		{name: "you made a sale", from: "eBay <ebay@ebay.com>", subject: "You made the sale for Electric Kettle",
			hdr: "Auto-Submitted: auto-generated", body: "Congrats, shop! You made the sale.\nSold for: $74.99",
			auto: true, typ: TypeChannelNotification, intent: "other", minConf: 0.95},
		{name: "new message stub", from: "Walmart Marketplace <marketplace-noreply@walmart.com>", subject: "You have a new customer message",
			hdr:  "Auto-Submitted: auto-generated",
			body: "Hello Kitchenova,\nA customer has sent you a message about Purchase Order #108926629930155.\nTo protect customer privacy, this message can only be viewed in Seller Center.",
			auto: true, typ: TypeChannelNotification, intent: "other", minConf: 0.95},
		{name: "policy warning without headers", from: "Amazon Seller Performance <seller-performance@amazon.com>",
			subject: "Policy Warning: Product Condition Customer Complaints", body: "We have received customer complaints about the condition of items sold as new.",
			auto: true, typ: TypeChannelNotification, intent: "account_notice", minConf: 0.75},
		{name: "order defect rate notice", from: "Amazon Seller Performance <seller-performance@amazon.com>",
			subject: "Action required: your account health", hdr: "Auto-Submitted: auto-generated",
			body: "Your Order Defect Rate is 1.4%, above our target of 1%. The Order Defect Rate includes negative feedback, A-to-z Guarantee claims and chargebacks.",
			auto: true, typ: TypeChannelNotification, intent: "account_notice", minConf: 0.95},
		{name: "shopify order placed", from: "Shopify <mailer@shopify.com>", subject: "[Kitchenova] Order #1093 placed by John Doe",
			hdr: "Reply-To: john.doe@gmail.com", body: "John Doe placed order #1093 for $74.99.\nView order: https://kitchenova.myshopify.com/admin/orders/1093",
			auto: true, typ: TypeChannelNotification, intent: "other", minConf: 0.9},
		{name: "carrier delivery exception", from: "FedEx Delivery Status <tracking@fedex.com>", subject: "Delivery exception for 7781 2345 9900",
			hdr: "Auto-Submitted: auto-generated", body: "Your package could not be delivered today. We will try again tomorrow.",
			auto: true, typ: TypeChannelNotification, intent: "delivery_problem", minConf: 0.9},
		{name: "carrier notice", from: "Parcel Service <noreply@parcel-notify.example>", subject: "Shipment 1482203357 is being returned to sender",
			hdr: "Auto-Submitted: auto-generated", body: "The shipment was not collected and is being returned to sender.",
			auto: true, typ: TypeChannelNotification, intent: "delivery_problem", minConf: 0.9},
	})
}

func TestAutoAmazonQA(t *testing.T) {
	runAutoCases(t, []autoCase{
		{name: "en", from: "Amazon Customer Questions <answers-noreply@amazon.com>", subject: "A customer has a question about ToyBox RC Car",
			hdr: "Auto-Submitted: auto-generated", body: "Does the remote take batteries?\n\nAnswer this question: https://www.amazon.com/qa",
			auto: true, typ: TypeAmazonQA, intent: "product_question", minConf: 0.95},
		{name: "de", from: "Amazon.de Kundenfragen <answers-noreply@amazon.de>", subject: "Ein Kunde hat eine Frage zu ToyBox Kugelbahn",
			body: "Ab welchem Alter ist die Kugelbahn geeignet?", auto: true, typ: TypeAmazonQA, intent: "product_question", minConf: 0.95},
		{name: "ja", from: "Amazon.co.jp カスタマーQ&A <answers-noreply@amazon.co.jp>", subject: "お客様から商品に関する質問が届きました: パズル",
			body: "ピース1つの大きさはどのくらいですか？", auto: true, typ: TypeAmazonQA, intent: "product_question", minConf: 0.95},
		{name: "fr subject only", from: "Amazon.fr <questions@amazon.fr>", subject: "Un client a une question sur Threadly Pull",
			body: "Est-ce que ce pull gratte ?", auto: true, typ: TypeAmazonQA, intent: "product_question", minConf: 0.9},
	})
}

func TestAutoSpamPitches(t *testing.T) {
	runAutoCases(t, []autoCase{
		{name: "seo en", from: "Dev Patel <dev@rankrocket.example>", subject: "Quick question",
			body: "Hi there,\n\nI noticed your store isn't showing up on the first page of Google for your main keywords. We help e-commerce brands grow organic traffic with SEO. Can I send you a free audit? Happy to book a call.\n\nDev",
			auto: true, typ: TypeOther, intent: "spam", minConf: 0.7},
		{name: "factory zh", from: "义乌 王经理 <wang@yiwu-factory.example>", subject: "厂家直销 定制包装",
			body: "老板您好！我司是专业生产包装盒的厂家，工厂直供，支持定制LOGO，欢迎询价，可免费提供样品。", auto: true, typ: TypeOther, intent: "spam", minConf: 0.7},
		{name: "agency de", from: "Marc <marc@shopwachstum.example>", subject: "Mehr Umsatz auf Amazon",
			body: "Sehr geehrte Damen und Herren,\n\nunsere Agentur hilft Händlern, den Umsatz zu steigern. Wir bieten Ihnen eine kostenlose Beratung an - unverbindlich.\nSteigern Sie Ihren Umsatz in 90 Tagen!",
			auto: true, typ: TypeOther, intent: "spam", minConf: 0.7},
		{name: "agency fr", from: "Julie <julie@agence-croissance.example>", subject: "Votre boutique Amazon",
			body: "Bonjour,\nNous sommes une agence spécialisée dans le marketing Amazon. Nous vous proposons un audit gratuit de votre boutique pour augmenter vos ventes de 30 %. Sans engagement.",
			auto: true, typ: TypeOther, intent: "spam", minConf: 0.7},
		{name: "agency it", from: "Marco <marco@crescita-web.example>", subject: "Più vendite online",
			body: "Buongiorno, siamo un'agenzia di marketing. Vi proponiamo una consulenza gratuita per aumentare le vendite del vostro negozio online. Senza impegno.",
			auto: true, typ: TypeOther, intent: "spam", minConf: 0.7},
		{name: "agency pt", from: "Rafa <rafa@agenciadigital.example>", subject: "Mais vendas na Amazon",
			body: "Olá! Somos uma agência de marketing digital. Oferecemos gestão de anúncios para aumentar suas vendas na Amazon. Primeira consultoria grátis, sem compromisso.",
			auto: true, typ: TypeOther, intent: "spam", minConf: 0.7},
		{name: "agency ja", from: "佐藤 <sato@ec-support.example>", subject: "Amazon運用代行のご提案",
			body: "突然のご連絡失礼いたします。弊社はAmazon運用代行を行っております。売上アップのご提案です。無料相談受付中です。",
			auto: true, typ: TypeOther, intent: "spam", minConf: 0.7},
		{name: "ad ko", from: "마케팅랩 <ad@mklab.example>", subject: "(광고) 쇼핑몰 매출 증대 솔루션",
			body: "안녕하세요. 쇼핑몰 매출 증대를 위한 마케팅 서비스를 제안드립니다. 무료 상담 신청하세요.",
			auto: true, typ: TypeOther, intent: "spam", minConf: 0.7},
		{name: "agency vi", from: "Minh <minh@quangcao.example>", subject: "Dịch vụ quảng cáo",
			body: "Chào anh/chị, chúng tôi cung cấp dịch vụ quảng cáo giúp tăng doanh số bán hàng. Tư vấn miễn phí.",
			auto: true, typ: TypeOther, intent: "spam", minConf: 0.7},
		{name: "agency th", from: "Ads Pro <hello@adspro-th.example>", subject: "โฆษณาออนไลน์",
			body: "สวัสดีครับ บริษัทของเราให้บริการโฆษณาออนไลน์ เพิ่มยอดขายให้ร้านค้าของคุณ ปรึกษาฟรี",
			auto: true, typ: TypeOther, intent: "spam", minConf: 0.7},
		{name: "agency id", from: "Iklan Jaya <cs@iklanjaya.example>", subject: "Jasa iklan toko online",
			body: "Halo kak, kami menawarkan jasa iklan untuk tingkatkan penjualan toko Anda. Konsultasi gratis!",
			auto: true, typ: TypeOther, intent: "spam", minConf: 0.7},
		{name: "agency pl", from: "Sklep Pro <biuro@sklep-pro.example>", subject: "Więcej sprzedaży",
			body: "Dzień dobry, oferujemy kompleksową obsługę sklepów internetowych. Zwiększ sprzedaż nawet o 50%. Bezpłatna konsultacja.",
			auto: true, typ: TypeOther, intent: "spam", minConf: 0.7},
		{name: "agency nl", from: "Groei <info@groeibureau.example>", subject: "Meer omzet",
			body: "Beste ondernemer, wij bieden marketingdiensten om uw omzet te verhogen. Plan een gratis adviesgesprek.",
			auto: true, typ: TypeOther, intent: "spam", minConf: 0.7},
		{name: "agency tr", from: "Dijital <info@dijitalajans.example>", subject: "E-ticaret pazarlama",
			body: "Merhaba, e-ticaret mağazanız için dijital pazarlama hizmetleri sunuyoruz. Satışlarınızı artırmak için ücretsiz danışmanlık alın.",
			auto: true, typ: TypeOther, intent: "spam", minConf: 0.7},
		{name: "reviews service", from: "Review Growth <team@reviewgrowth.example>", subject: "Get more 5-star reviews",
			body: "Hello Seller,\nWe provide verified reviews from real buyers. Boost your sales in 7 days. Reply YES for 3 free reviews.",
			auto: true, typ: TypeOther, intent: "spam", minConf: 0.7},
	})
}

// People: partners, collaborations, B2B buyers. Never automatic.
func TestAutoPeople(t *testing.T) {
	runAutoCases(t, []autoCase{
		{name: "3pl partner", from: "Danielle Novak <receiving@shipflow3pl.example>", subject: "Inbound ASN-8841 discrepancy: 2 cartons short",
			body: "Hi team,\n\nWe received ASN-8841 yesterday; the ASN lists 14 cartons, we received 12. Can you confirm whether these were shipped separately? We'll keep the receipt open until Friday.\n\nThanks,\nDanielle"},
		{name: "influencer collaboration", from: "Brittany Hale <brittbuildsfun@gmail.com>", subject: "Collab idea - magnetic tiles",
			body: "Hi! I'm a creator with 82k followers on TikTok. I'd love to feature your 100-piece set. Would you be open to sending a set in exchange for 2 videos? Happy to share my media kit."},
		{name: "wholesale buyer", from: "Luis Ortega <luis@ridgelinecoffee.com>", subject: "Wholesale inquiry",
			body: "Hi there,\n\nI run two cafes and we'd like to stock your grinders. What's your wholesale pricing and MOQ? Do you offer net terms?\n\nLuis"},
		{name: "restaurant asks discount", from: "Tiago <tiago@tasca.example>", subject: "Facas para restaurante",
			body: "Bom dia, tenho um restaurante e oferecemos catering. Fazem desconto para 10 facas? Obrigado."},
		{name: "supplier human follow-up", from: "Lily Chen <lily.chen@cutlery.example>", subject: "Re: PO KN-2026-014 delivery date",
			hdr: "In-Reply-To: <po14@shop.example>", body: "Hi, the goods for PO KN-2026-014 will be ready on June 12. Please confirm the shipping mark.\n\nLily"},
		{name: "buyer from laposte", from: "Sébastien Faure <seb.faure@laposte.net>", subject: "Changement d'adresse",
			body: "Bonjour, pouvez-vous livrer ma commande à une autre adresse ? Merci."},
		{name: "influencer with brand domain", from: "TikTok Mom Jenny <jenny@tiktokmom.example>", subject: "Collab?",
			body: "Hi! I review toys on TikTok for 50k moms. Would you send a magnetic tiles set for a video? Thanks, Jenny"},
		{name: "buyer mentions amazon", from: "Amazonia Coffee <hello@amazonia-coffee.example>", subject: "Order for our shop",
			body: "Hello, we bought your kettle on Amazon and would like 5 more for our shop. Can you send an invoice?"},
		{name: "forwarded spf softfail buyer", from: "Paul <paul@example.net>", subject: "Where is my parcel?",
			hdr:  "Authentication-Results: mx.shop.example; spf=softfail smtp.mailfrom=example.net; dkim=pass header.d=example.net",
			body: "Hi, my order 113-1234567-1234567 has not arrived yet. Can you check?"},
		{name: "b2b buyer fr", from: "Chef Duval <contact@bistrot-lyon.example>", subject: "Devis couteaux",
			body: "Bonjour, nous sommes un restaurant à Lyon. Nous proposons une cuisine maison et cherchons 10 couteaux de chef. Pourriez-vous nous faire un devis ?"},
		{name: "b2b buyer ja", from: "田中 <tanaka@hoikuen.example>", subject: "領収書の件",
			body: "弊社は保育園を運営しております。先日注文したブロックの領収書を発行していただけますか？"},
		{name: "unsubscribe request from buyer", from: "Meg <meg@gmail.com>", subject: "stop emails",
			body: "Please unsubscribe me from your newsletter, I bought one kettle and get mails every day."},
		{name: "marketplace employee", from: "Jennifer Smith <jensmi@amazon.com>", subject: "Follow-up on our call about your brand registry",
			body: "Hi, thanks for the call today. Could you send me the trademark number so I can finish the Brand Registry case? Best, Jennifer"},
		{name: "buyer subject out of office hours", from: "Gus <gus@gmail.com>", subject: "Out of office hours delivery?",
			body: "Can the courier deliver after 6pm? I work until then."},
		{name: "buyer on vacation in a thread", from: "Ben Ortiz <ben.ortiz@yahoo.com>", subject: "Re: your order has shipped",
			hdr: "In-Reply-To: <ship1@shop.example>", body: "Thanks. I'm on vacation until June 20 and will be back on the 21st, so please ask the courier to hold it."},
		{name: "buyer absence word subject", from: "Ola <ola.k@onet.pl>", subject: "Urlop - proszę wysłać później",
			body: "Dzień dobry, jestem na urlopie do 20 czerwca, proszę wysłać zamówienie po tym terminie."},
		{name: "buyer angry about account", from: "Rita <rita@gmail.com>", subject: "Why was my order cancelled?",
			body: "My order was cancelled and my account says payment on hold. Please explain within 24 hours or I will open a claim."},
	})
}

func TestAutoOwnAddress(t *testing.T) {
	runAutoCases(t, []autoCase{
		{name: "our own copy", from: "Shop Service <service@shop.example>", subject: "Re: your order",
			body: "Dear customer, your order has shipped.", own: []string{"Service@Shop.example"},
			auto: true, typ: TypeOther, intent: "other", minConf: 0.85},
	})
}

// Every bounce, auto-reply and newsletter of the generated corpus is
// automatic; every buyer and relay message is not.
func TestAutoGeneratedCorpus(t *testing.T) {
	for _, m := range testcorpus.Generate(7, 1500) {
		if m.Kind == testcorpus.KindMalformed {
			continue
		}
		in, _, _ := NewInput(m.Raw)
		v := CheckAutomatic(in)
		want := m.Kind == testcorpus.KindNewsletter || m.Kind == testcorpus.KindAutoReply || m.Kind == testcorpus.KindBounce
		if v.Automatic != want {
			t.Errorf("%s %q from %s: automatic=%v %s/%s %q", m.Kind, m.Subject, m.From, v.Automatic, v.Type, v.Intent, v.Reasons)
			continue
		}
		wantIntent := map[string]string{testcorpus.KindNewsletter: "newsletter", testcorpus.KindAutoReply: "auto_reply",
			testcorpus.KindBounce: "bounce"}[m.Kind]
		if v.Intent != wantIntent {
			t.Errorf("%s %q: intent %q, want %q", m.Kind, m.Subject, v.Intent, wantIntent)
		}
	}
}

// TestAutoDevCorpus runs over the labelled development corpus when it is
// present: needs_reply accuracy >= 0.98, no bounce, auto-reply or list
// marked as needing a reply, type and intent of the automatic ones right.
func TestAutoDevCorpus(t *testing.T) {
	dir := os.Getenv("REPLYDESK_DEV_CORPUS")
	if dir == "" {
		dir = "/work/shared/corpus/dev"
	}
	f, err := os.Open(filepath.Join(dir, "labels.jsonl"))
	if err != nil {
		t.Skip("dev corpus not present:", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	n, okReply, autoN, okLabels := 0, 0, 0, 0
	for sc.Scan() {
		var l struct {
			File, Type, Intent string
			NeedsReply         bool `json:"needs_reply"`
		}
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatal(err)
		}
		raw, err := os.ReadFile(filepath.Join(dir, l.File))
		if err != nil {
			t.Fatal(err)
		}
		in, _, _ := NewInput(raw)
		v := CheckAutomatic(in)
		n++
		if !v.Automatic == l.NeedsReply {
			okReply++
		} else {
			t.Logf("%s: needs_reply=%v, got automatic=%v %s/%s %q", l.File, l.NeedsReply, v.Automatic, v.Type, v.Intent, v.Reasons)
			if !v.Automatic && (l.Intent == "bounce" || l.Intent == "auto_reply" || l.Intent == "newsletter") {
				t.Errorf("%s: %s marked as needing a reply (mail loop)", l.File, l.Intent)
			}
		}
		if !l.NeedsReply {
			autoN++
			if v.Type == l.Type && v.Intent == l.Intent {
				okLabels++
			} else {
				t.Logf("%s: want %s/%s, got %s/%s", l.File, l.Type, l.Intent, v.Type, v.Intent)
			}
		}
	}
	if n == 0 {
		t.Skip("empty dev corpus")
	}
	acc := float64(okReply) / float64(n)
	t.Logf("needs_reply accuracy %d/%d = %.4f; automatic type+intent %d/%d", okReply, n, acc, okLabels, autoN)
	if acc < 0.98 {
		t.Errorf("needs_reply accuracy %.4f < 0.98", acc)
	}
	if float64(okLabels) < 0.9*float64(autoN) {
		t.Errorf("automatic type+intent %d/%d", okLabels, autoN)
	}
}

func TestAutoNilAndEmpty(t *testing.T) {
	if v := CheckAutomatic(nil); v.Automatic {
		t.Fatal("nil input is automatic")
	}
	if v := CheckAutomatic(&Input{}); v.Automatic {
		t.Fatalf("empty input is automatic: %+v", v)
	}
}

func BenchmarkAutoCheckAutomatic(b *testing.B) {
	msgs := testcorpus.Generate(3, 200)
	ins := make([]*Input, len(msgs))
	for i, m := range msgs {
		ins[i], _, _ = NewInput(m.Raw)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		CheckAutomatic(ins[i%len(ins)])
	}
}
