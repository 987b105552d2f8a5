package parse

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.json (and the generated charset fixtures)")

// TestGolden parses every testdata/*.eml and compares the result with
// testdata/*.golden.json. Run with -update to rewrite the golden files.
func TestGolden(t *testing.T) {
	if *update {
		// regenerate charset fixtures first so their goldens are fresh
		for _, c := range charsetCases {
			if err := os.WriteFile(filepath.Join("testdata", "charset_"+c.file+".eml"), c.raw(t), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	files, err := filepath.Glob(filepath.Join("testdata", "*.eml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".eml")
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			m, err := Parse(raw)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			if err := enc.Encode(m); err != nil {
				t.Fatal(err)
			}
			got := buf.Bytes()
			golden := strings.TrimSuffix(f, ".eml") + ".golden.json"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("missing golden file (run go test -run TestGolden -update): %v", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("result differs from %s (run with -update after checking):\n%s", golden, diffLines(string(want), string(got)))
			}
		})
	}
}

// diffLines shows the first differing lines.
func diffLines(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	var out []string
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			out = append(out, fmt.Sprintf("line %d:\n- %s\n+ %s", i+1, x, y))
			if len(out) > 8 {
				break
			}
		}
	}
	return strings.Join(out, "\n")
}

func mustParse(t *testing.T, raw string) *Message {
	t.Helper()
	m, err := Parse([]byte(raw))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return m
}

func hasProblem(m *Message, substr string) bool {
	for _, p := range m.Problems {
		if strings.Contains(p, substr) {
			return true
		}
	}
	return false
}

func readFixture(t *testing.T, name string) *Message {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	m, err := Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestFixtures checks the important fields of the hand-written fixtures
// explicitly (the golden files pin everything else).
func TestFixtures(t *testing.T) {
	tests := []struct {
		file  string
		check func(t *testing.T, m *Message)
	}{
		{"plain_reply_en.eml", func(t *testing.T, m *Message) {
			eq(t, "MessageID", m.MessageID, "CAF1=reply-001@mail.example.net")
			eqs(t, "InReplyTo", m.InReplyTo, []string{"support-0042@shop.example"})
			eqs(t, "References", m.References, []string{"buyer-0041@mail.example.net", "support-0042@shop.example"})
			eq(t, "From", m.From, Address{"Jason Whitaker", "jason.whitaker@example.net"})
			eq(t, "NewText", m.NewText, "Replacement showed up today, brewing as we speak. Thanks for sorting it out so fast — great service!\n\nJason")
			eq(t, "Signature", m.Signature, "--\nJason Whitaker\nPortland, OR")
			contains(t, "Quoted", m.Quoted, "We've shipped a replacement")
			eq(t, "Date", m.Date.UTC().Format(time.RFC3339), "2026-02-06T00:40:11Z")
		}},
		{"html_only.eml", func(t *testing.T, m *Message) {
			eq(t, "Subject", m.Subject, "Spring sale – up to 30% off")
			notContains(t, "Text", m.Text, "ignore me")
			notContains(t, "Text", m.Text, "hidden preheader")
			notContains(t, "Text", m.Text, "color: red")
			contains(t, "Text", m.Text, "Spring sale\n\nHello there,\nour spring sale starts today & ends Sunday.")
			contains(t, "Text", m.Text, "- Knives – 30%\n- Kettles\n  - Gooseneck")
			contains(t, "Text", m.Text, "1. Pick\n2. Pay")
			contains(t, "Text", m.Text, "our shop (https://brand.example/sale?utm=1)")
			notContains(t, "Text", m.Text, "https://brand.example (https://brand.example/)")
			notContains(t, "Text", m.Text, "(mailto:")
			contains(t, "Text", m.Text, "Item Price\nChef knife €49")
			contains(t, "Text", m.Text, "> Best knife I ever owned.\n>\n> — a happy customer")
			contains(t, "Text", m.Text, "Café 😀 <tag>")
			contains(t, "Text", m.Text, "Brand logo")
			contains(t, "HTML", m.HTML, "<script>")
			eq(t, "Quoted", m.Quoted, "> Best knife I ever owned.\n>\n> — a happy customer")
		}},
		{"alternative_outlook_de.eml", func(t *testing.T, m *Message) {
			eq(t, "From", m.From, Address{"Jürgen Müller", "juergen.mueller@example.de"})
			eq(t, "NewText", m.NewText, "Hallo,\n\ndie Teile sind heute angekommen, alle passen perfekt! Vielen Dank für den tollen Service.\n\nGruß\nJürgen")
			eq(t, "Signature", m.Signature, "Von meinem iPhone gesendet")
			contains(t, "Quoted", m.Quoted, "-----Ursprüngliche Nachricht-----\nVon: ToyBox DE")
			contains(t, "HTML", m.HTML, "<p>die Teile sind heute angekommen!</p>")
			eq(t, "OrderID", m.OrderID, "302-8830192-4471053")
		}},
		{"attachments_rfc2231.eml", func(t *testing.T, m *Message) {
			want := []Attachment{
				{Filename: "記憶卡 photo.jpg", ContentType: "image/jpeg", Size: 768},
				{Filename: "Rechnung März 2026.pdf", ContentType: "application/pdf", Size: 1016},
				{Filename: "Счет №5.pdf", ContentType: "application/pdf", Size: 1016},
				{Filename: "发票.pdf", ContentType: "application/pdf", Size: 100},
				{Filename: "note.txt", ContentType: "text/plain", Size: 10},
				{ContentType: "image/png", ContentID: "logo@threadly", Size: 8, Inline: true},
			}
			if len(m.Attachments) != len(want) {
				t.Fatalf("attachments = %+v", m.Attachments)
			}
			for i := range want {
				eq(t, fmt.Sprintf("Attachments[%d]", i), m.Attachments[i], want[i])
			}
			eq(t, "Text", m.Text, "Photos attached. The hole is on the left sleeve.")
			eq(t, "OrderID", m.OrderID, "TH-20417")
		}},
		{"nested_multipart.eml", func(t *testing.T, m *Message) {
			eq(t, "Text", m.Text, "The plain version wins.\nSee the picture below.\n\nSecond inline text part.")
			eq(t, "HTML", m.HTML, "<p>The <b>HTML</b> version.</p><img src=\"cid:pic1\" alt=\"\">")
			if len(m.Attachments) != 2 {
				t.Fatalf("attachments = %+v", m.Attachments)
			}
			eq(t, "inline image", m.Attachments[0], Attachment{ContentType: "image/gif", ContentID: "pic1", Size: 14, Inline: true})
			eq(t, "rfc822", m.Attachments[1].ContentType, "message/rfc822")
			eq(t, "rfc822 name", m.Attachments[1].Filename, "forwarded.eml")
			notContains(t, "Text", m.Text, "inner body")
		}},
		{"report_bounce.eml", func(t *testing.T, m *Message) {
			eq(t, "Report", m.Auto.Report, true)
			eq(t, "ReportType", m.Auto.ReportType, "delivery-status")
			eq(t, "ReturnPathEmpty", m.Auto.ReturnPathEmpty, true)
			eq(t, "AutoSubmitted", m.Auto.AutoSubmitted, "auto-replied")
			eq(t, "From", m.From, Address{"Mail Delivery System", "mailer-daemon@mx1.threadly.example"})
			eq(t, "attachments", len(m.Attachments), 2)
			notContains(t, "Text", m.Text, "yes we ship")
			eq(t, "Date", m.Date.Format(time.RFC3339), "2026-03-06T12:00:05Z")
		}},
		{"auto_headers.eml", func(t *testing.T, m *Message) {
			eq(t, "Auto", m.Auto, Auto{AutoSubmitted: "auto-replied", XAutoreply: true, XAutorespond: true,
				Precedence: "bulk", ListID: "Factory news <news.factory.example>",
				ListUnsubscribe: "<mailto:unsubscribe@factory.example>", XAutoResponseSuppress: "All",
				FeedbackID: "1.us-east-1.abc:AmazonSES"})
			eq(t, "Subject", m.Subject, "自动回复: Re: PO KN-2026-014 交期确认")
			eq(t, "Signature", m.Signature, "发自我的iPhone")
			eq(t, "NewText", m.NewText, "您好！我于2月13日至2月24日春节放假，期间不能及时回复邮件。")
		}},
		{"encoded_words.eml", func(t *testing.T, m *Message) {
			eq(t, "From", m.From, Address{"张三", "zhangsan@example.cn"})
			eq(t, "Sender", m.Sender, Address{"José", "jose@example.es"})
			eqa(t, "To", m.To, []Address{{"Doe, John", "john@example.com"}, {"Müller", "mueller@example.de"}})
			eqa(t, "Cc", m.Cc, []Address{{"Plain Person", "plain@example.com"}, {"Bare Name", "bare@example.com"}})
			eqa(t, "ReplyTo", m.ReplyTo, []Address{{"Иван Петров", "ivan@example.ru"}})
			eq(t, "Subject", m.Subject, "你好世界 and broken😂")
			eq(t, "MessageID", m.MessageID, "1234.bare@example.cn")
			eqs(t, "References", m.References, []string{"a@x", "b@x"})
			eq(t, "Date", m.Date.UTC().Format(time.RFC3339), "2026-03-07T02:11:12Z")
			if !hasProblem(m, "missing ?=") {
				t.Errorf("no problem recorded for the unterminated encoded word: %q", m.Problems)
			}
		}},
		{"split_multibyte.eml", func(t *testing.T, m *Message) {
			eq(t, "Subject", m.Subject, "你好你好")
			eq(t, "Problems", len(m.Problems), 0)
		}},
		{"raw_8bit_headers.eml", func(t *testing.T, m *Message) {
			eq(t, "From", m.From, Address{"王小明", "wang@example.cn"})
			eq(t, "Subject", m.Subject, "Grüße aus München")
			eq(t, "Text", m.Text, "你好，我的订单号：8190459912304478 还没到。")
			eq(t, "OrderID", m.OrderID, "8190459912304478")
		}},
		{"missing_boundary.eml", func(t *testing.T, m *Message) {
			eq(t, "Text", m.Text, "The boundary was never declared but the parts are here.")
			eqa(t, "attachments", m.Attachments, []Attachment{{Filename: "data.bin", ContentType: "application/octet-stream", Size: 6}})
			if !hasProblem(m, "no boundary parameter") {
				t.Errorf("problems = %q", m.Problems)
			}
		}},
		{"wrong_boundary_plain.eml", func(t *testing.T, m *Message) {
			eq(t, "Text", m.Text, "Just some text where the parts should be.")
			if !hasProblem(m, "not found") {
				t.Errorf("problems = %q", m.Problems)
			}
		}},
		{"truncated.eml", func(t *testing.T, m *Message) {
			contains(t, "Text", m.Text, "Truncated message: this part is fine.")
			contains(t, "Text", m.Text, "This is broken base64")
			if len(m.Attachments) != 1 || m.Attachments[0].Filename != "cut.jpg" {
				t.Errorf("attachments = %+v", m.Attachments)
			}
			for _, p := range []string{"closing boundary", "broken base64", "bad Date"} {
				if !hasProblem(m, p) {
					t.Errorf("missing problem %q in %q", p, m.Problems)
				}
			}
			if !m.Date.IsZero() {
				t.Errorf("Date = %v, want zero", m.Date)
			}
		}},
		{"unknown_charset.eml", func(t *testing.T, m *Message) {
			eq(t, "Text", m.Text, "Café ok in UTF-8\n\nCafé in latin1\n\nDeclared UTF-8 but latin1: Müller")
			for _, p := range []string{`unknown charset "x-mystery"`, "invalid UTF-8"} {
				if !hasProblem(m, p) {
					t.Errorf("missing problem %q in %q", p, m.Problems)
				}
			}
		}},
		{"html_reply_gmail.eml", func(t *testing.T, m *Message) {
			eq(t, "NewText", m.NewText, "Het pakket is vandaag aangekomen, bedankt!\n\nGroet,\nBram")
			eq(t, "Quoted", m.Quoted, "Op ma 16 mrt 2026 om 09:12 schreef Threadly <service@threadly.example>:\n> Hallo Bram,\n>\n> uw pakket is onderweg.")
		}},
		{"html_reply_outlook.eml", func(t *testing.T, m *Message) {
			eq(t, "NewText", m.NewText, "Thanks, I see the refund now.\n\nAlan")
			contains(t, "Quoted", m.Quoted, "From: Kitchenova Support <service@kitchenova.example>\nSent: Monday, March 16, 2026 4:00 PM")
			contains(t, "Quoted", m.Quoted, "we have refunded $32.99 today.")
		}},
		{"no_body.eml", func(t *testing.T, m *Message) {
			eq(t, "Subject", m.Subject, "header only")
			eq(t, "Text", m.Text, "")
		}},
		{"header_garbage_line.eml", func(t *testing.T, m *Message) {
			eq(t, "Subject", m.Subject, "body starts without blank line")
			eq(t, "Text", m.Text, "this line is not a header\nand the body continues.")
			if !hasProblem(m, "not a field") {
				t.Errorf("problems = %q", m.Problems)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) { tt.check(t, readFixture(t, tt.file)) })
	}
}

// TestMarketplaces checks channel detection, relay extraction and ids.
func TestMarketplaces(t *testing.T) {
	tests := []struct {
		file, channel, newText, order, asin, sku string
	}{
		{"market_amazon.eml", "amazon", "Guten Tag,\ndie Mühle mahlt nicht mehr fein. Können Sie mir helfen?\n\nViele Grüße\nKlaus", "302-1234567-7654321", "B0ABC12345", "KM-STEEL-01"},
		{"market_amazon_message.eml", "amazon", "Does this come with batteries?", "111-2223334-4445556", "B0ZZZ99999", ""},
		{"market_ebay.eml", "ebay", "Hi, the handle came loose after one week.\nCan you send a new screw?", "12-34567-89012", "", ""},
		{"market_walmart.eml", "walmart", "The kettle lid does not close properly. I would like an exchange.\n\nThanks, Maria", "108912345678901", "", ""},
		{"market_tiktok.eml", "tiktok", "kak barangnya kapan dikirim? udah 3 hari belum ada resi", "577123456789012345", "", ""},
		{"market_aliexpress.eml", "aliexpress", "Dzień dobry, kiedy wyślecie zamówienie? Czekam już tydzień.", "8190412345678901", "", ""},
		{"market_shopify.eml", "shopify", "Emma Stone placed order #1001 on Mar 14 at 9:00 am.\n\nOrder summary\nLinen shirt x 1 - $49.00\nSKU: LS-WHT-M", "1001", "", "LS-WHT-M"},
		{"market_phishing.eml", "mail", "Dear seller, confirm your bank details at http://amazon-seller-verify.example/login within 24 hours.", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			m := readFixture(t, tt.file)
			eq(t, "Channel", m.Channel, tt.channel)
			eq(t, "NewText", m.NewText, tt.newText)
			eq(t, "OrderID", m.OrderID, tt.order)
			eq(t, "ASIN", m.ASIN, tt.asin)
			eq(t, "SKU", m.SKU, tt.sku)
		})
	}
	// quoted history inside the Amazon block is split off
	m := readFixture(t, "market_amazon.eml")
	contains(t, "Quoted", m.Quoted, "Bitte stellen Sie die Mahlstufe neu ein.")
	notContains(t, "NewText", m.NewText, "Zu Ihrer Information")
}

func TestChannelForDomain(t *testing.T) {
	tests := map[string]string{
		"marketplace.amazon.com": "amazon", "amazon.co.uk": "amazon", "marketplace.amazon.co.jp": "amazon",
		"amazon.com.mx": "amazon", "amazon.de": "amazon", "members.ebay.com": "ebay", "ebay.de": "ebay",
		"relay.walmart.com": "walmart", "walmart.com": "walmart", "shop.tiktok.com": "tiktok",
		"tiktokshop.com": "tiktok", "notice.aliexpress.com": "aliexpress", "alibaba.com": "aliexpress",
		"shopify.com": "shopify", "mystore.myshopify.com": "shopify",
		"amazon-verify.example": "", "member-ebay-support.top": "", "amazon.example": "", "gmail.com": "",
		"ebay.com.evil.example": "", "": "",
	}
	for d, want := range tests {
		if got := ChannelForDomain(d); got != want {
			t.Errorf("ChannelForDomain(%q) = %q, want %q", d, got, want)
		}
	}
}

func TestFindOrderID(t *testing.T) {
	tests := []struct{ name, channel, text, want string }{
		{"amazon", "mail", "see 113-4829301-7712405 please", "113-4829301-7712405"},
		{"ebay", "ebay", "Order number: 19-14160-33041", "19-14160-33041"},
		{"hash", "mail", "my order #TH-20417 arrived", "TH-20417"},
		{"german", "mail", "Bestellnummer: KN-55512", "KN-55512"},
		{"spanish", "mail", "hice un pedido el día 8 (pedido KN10102)", "KN10102"},
		{"french", "mail", "Numéro de commande : 407-55839", "407-55839"},
		{"italian", "mail", "Numero d'ordine: 1234567", "1234567"},
		{"chinese", "mail", "订单号：8190459912304478", "8190459912304478"},
		{"japanese", "mail", "注文番号 ABC-12345", "ABC-12345"},
		{"korean", "mail", "주문번호 AV260428-1102 입니다", "AV260428-1102"},
		{"russian", "mail", "заказ 8190452273648112", "8190452273648112"},
		{"walmart", "walmart", "Purchase Order #: 108926613355012", "108926613355012"},
		{"tiktok unlabelled", "tiktok", "message from buyer (577104420913325871)", "577104420913325871"},
		{"tiktok product id is not an order", "tiktok", "Product ID: 1729384756102938475", ""},
		{"aliexpress unlabelled", "aliexpress", "buyer wrote about 8190412345678901 today", "8190412345678901"},
		{"no number", "mail", "order status please", ""},
		{"reorder", "mail", "reorder 12345 times", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			eq(t, "OrderID", findOrderID(tt.channel, "", tt.text, tt.text), tt.want)
		})
	}
}

func TestParseErrors(t *testing.T) {
	for name, raw := range map[string]string{
		"empty":        "",
		"no header":    "hello world\nthis is not mail\n",
		"space start":  " continuation without field\n\nbody",
		"binary":       "\x00\x01\x02\x03",
		"only newline": "\n\n\n",
	} {
		t.Run(name, func(t *testing.T) {
			m, err := Parse([]byte(raw))
			if err == nil {
				t.Fatalf("want error, got %+v", m)
			}
			if !errors.Is(err, ErrNoHeader) {
				t.Errorf("error %v does not wrap ErrNoHeader", err)
			}
			if m != nil {
				t.Errorf("want nil message")
			}
		})
	}
}

func TestEdgeCases(t *testing.T) {
	t.Run("mbox From line and LF", func(t *testing.T) {
		m := mustParse(t, "From MAILER-DAEMON Mon Mar  2 10:00:00 2026\nFrom: a@b.example\nSubject: x\n\nhi\n")
		eq(t, "From", m.From.Addr, "a@b.example")
		eq(t, "Text", m.Text, "hi")
	})
	t.Run("bare CR line ends", func(t *testing.T) {
		m := mustParse(t, "From: a@b.example\r\nSubject: x\r\n\r\nline1\rline2\r\n")
		eq(t, "Text", m.Text, "line1\nline2")
	})
	t.Run("format flowed", func(t *testing.T) {
		m := mustParse(t, "From: a@b.example\nContent-Type: text/plain; charset=utf-8; format=flowed\n\nThis is a long \nparagraph.\n> quoted \n> more\n")
		eq(t, "Text", m.Text, "This is a long paragraph.\n> quoted more")
	})
	t.Run("broken qp", func(t *testing.T) {
		m := mustParse(t, "From: a@b.example\nContent-Transfer-Encoding: quoted-printable\n\n100% =ZZ sure=\n done =C3=A9\n")
		eq(t, "Text", m.Text, "100% =ZZ sure done é")
		if !hasProblem(m, "quoted-printable") {
			t.Errorf("problems = %q", m.Problems)
		}
	})
	t.Run("base64 without padding and with spaces", func(t *testing.T) {
		m := mustParse(t, "From: a@b.example\nContent-Transfer-Encoding: base64\n\n  SGVsbG8g\n d29ybGQ\n")
		eq(t, "Text", m.Text, "Hello world")
	})
	t.Run("html charset from meta", func(t *testing.T) {
		gbk := []byte("<html><head><meta charset=\"gbk\"></head><body>\xc4\xe3\xba\xc3</body></html>")
		m, err := Parse(append([]byte("From: a@b.example\nContent-Type: text/html\n\n"), gbk...))
		if err != nil {
			t.Fatal(err)
		}
		eq(t, "Text", m.Text, "你好")
	})
	t.Run("raw 8-bit header uses body charset", func(t *testing.T) {
		sjisSubject := []byte{0x82, 0xb1, 0x82, 0xf1, 0x82, 0xc9, 0x82, 0xbf, 0x82, 0xcd} // こんにちは
		raw := append([]byte("From: a@b.example\nSubject: "), sjisSubject...)
		raw = append(raw, []byte("\nContent-Type: text/plain; charset=shift_jis\n\n")...)
		raw = append(raw, sjisSubject...)
		m, err := Parse(raw)
		if err != nil {
			t.Fatal(err)
		}
		eq(t, "Subject", m.Subject, "こんにちは")
		eq(t, "Text", m.Text, "こんにちは")
	})
	t.Run("raw iso-2022-jp header", func(t *testing.T) {
		m := mustParse(t, "From: a@b.example\nSubject: \x1b$B$3$s$K$A$O\x1b(B world\n\nx")
		eq(t, "Subject", m.Subject, "こんにちは world")
	})
	t.Run("raw latin1 header", func(t *testing.T) {
		m := mustParse(t, "From: J\xfcrgen <j@b.example>\nSubject: Gr\xfc\xdfe\n\nx")
		eq(t, "From.Name", m.From.Name, "Jürgen")
		eq(t, "Subject", m.Subject, "Grüße")
		if !hasProblem(m, "raw 8-bit") {
			t.Errorf("problems = %q", m.Problems)
		}
	})
	t.Run("blank plain alternative falls back to html", func(t *testing.T) {
		m := mustParse(t, "From: a@b.example\nContent-Type: multipart/alternative; boundary=x\n\n--x\nContent-Type: text/plain\n\n \n--x\nContent-Type: text/html\n\n<p>Only <i>HTML</i> has text</p>\n--x--\n")
		eq(t, "Text", m.Text, "Only HTML has text")
		eq(t, "HTML", m.HTML, "<p>Only <i>HTML</i> has text</p>")
	})
	t.Run("unknown transfer encoding", func(t *testing.T) {
		m := mustParse(t, "From: a@b.example\nContent-Transfer-Encoding: x-uuencode\n\nhello\n")
		eq(t, "Text", m.Text, "hello")
		if !hasProblem(m, "Content-Transfer-Encoding") {
			t.Errorf("problems = %q", m.Problems)
		}
	})
	t.Run("missing date recorded", func(t *testing.T) {
		m := mustParse(t, "From: a@b.example\n\nx")
		if !hasProblem(m, "missing Date") {
			t.Errorf("problems = %q", m.Problems)
		}
	})
	t.Run("dates", func(t *testing.T) {
		for in, want := range map[string]string{
			"Mon, 2 Mar 2026 10:00:00 +0100":         "2026-03-02T09:00:00Z",
			"2 Mar 2026 10:00:00 -0000":              "2026-03-02T10:00:00Z",
			"Mon, 02 Mar 2026 10:00 +0100":           "2026-03-02T09:00:00Z",
			"Mon, 2 Mar 26 10:00:00 +0000":           "2026-03-02T10:00:00Z",
			"Mon, 2 Mar 2026 10:00:00 +0000 (UTC)":   "2026-03-02T10:00:00Z",
			"Mon, 2 Mar 2026 10:00:00 GMT+0800":      "2026-03-02T02:00:00Z",
			"2026-03-02T10:00:00+08:00":              "2026-03-02T02:00:00Z",
			"Mon Mar  2 10:00:00 2026":               "2026-03-02T10:00:00Z",
			"Mon, 2 Mar 2026 10:00:00 +0000 GMT":     "2026-03-02T10:00:00Z",
			"mon, 2 mar 2026 10:00:00 +0000":         "2026-03-02T10:00:00Z",
			"Monday, 2 March 2026 10:00:00 +0000":    "2026-03-02T10:00:00Z",
			"Mon, 2 Mar 2026 10:00:00 UT":            "2026-03-02T10:00:00Z",
			"Mon, 2 Mar 2026 10:00:00 +08:00":        "2026-03-02T02:00:00Z",
			"Mon,  2 Mar 2026  10:00:00  +0000  ":    "2026-03-02T10:00:00Z",
			"Mon, 2 Mar 2026 10:00:00 +0000 (GMT+8)": "2026-03-02T10:00:00Z",
		} {
			d, ok := parseDate(in)
			if !ok {
				t.Errorf("parseDate(%q) failed", in)
				continue
			}
			eq(t, in, d.UTC().Format(time.RFC3339), want)
		}
	})
	t.Run("address forms", func(t *testing.T) {
		d := &hdrDecoder{problem: func(string) {}}
		got := d.addressList([]byte(`"Smith, Anna" <Anna@X.example>, bob@y.example (Bob B), <carol@z.example>, "=?utf-8?Q?D=C3=A9sir=C3=A9e?=" <d@w.example>, Team: e@v.example, f@v.example;, "quoted \"nick\"" <g@u.example>, broken <h@t.example`), "To")
		eqa(t, "list", got, []Address{{"Smith, Anna", "anna@x.example"}, {"Bob B", "bob@y.example"}, {"", "carol@z.example"},
			{"Désirée", "d@w.example"}, {"", "e@v.example"}, {"", "f@v.example"}, {`quoted "nick"`, "g@u.example"}, {"broken", "h@t.example"}})
	})
}

// TestLargeAttachment parses a message with a 5 MB attachment and checks
// its decoded size (the bytes are streamed, not kept).
func TestLargeAttachment(t *testing.T) {
	const size = 5 << 20
	data := make([]byte, size)
	for i := range data {
		data[i] = byte(i*7 + i>>11)
	}
	var b bytes.Buffer
	b.WriteString("From: a@b.example\r\nSubject: big\r\nDate: Mon, 2 Mar 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=BIG\r\n\r\n--BIG\r\nContent-Type: text/plain\r\n\r\nSee attachment.\r\n--BIG\r\nContent-Type: application/zip\r\nContent-Disposition: attachment; filename=\"big.zip\"\r\nContent-Transfer-Encoding: base64\r\n\r\n")
	enc := base64.StdEncoding.EncodeToString(data)
	for len(enc) > 76 {
		b.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	b.WriteString(enc + "\r\n--BIG--\r\n")
	start := time.Now()
	m, err := Parse(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("parsed %d bytes in %v", b.Len(), time.Since(start))
	eq(t, "Text", m.Text, "See attachment.")
	if len(m.Attachments) != 1 {
		t.Fatalf("attachments = %+v", m.Attachments)
	}
	eq(t, "Size", m.Attachments[0].Size, int64(size))
	eq(t, "Filename", m.Attachments[0].Filename, "big.zip")
	eq(t, "Problems", len(m.Problems), 0)
}

func TestLimits(t *testing.T) {
	t.Run("depth", func(t *testing.T) {
		var b strings.Builder
		b.WriteString("From: a@b.example\nDate: Mon, 2 Mar 2026 10:00:00 +0000\n")
		for i := 0; i < 50; i++ {
			fmt.Fprintf(&b, "Content-Type: multipart/mixed; boundary=b%d\n\n--b%d\n", i, i)
		}
		b.WriteString("Content-Type: text/plain\n\ndeep\n")
		m := mustParse(t, b.String())
		if !hasProblem(m, "nesting deeper") {
			t.Errorf("problems = %q", m.Problems)
		}
	})
	t.Run("parts", func(t *testing.T) {
		var b strings.Builder
		b.WriteString("From: a@b.example\nDate: Mon, 2 Mar 2026 10:00:00 +0000\nContent-Type: multipart/mixed; boundary=p\n\n")
		for i := 0; i < 1500; i++ {
			b.WriteString("--p\nContent-Type: application/octet-stream\n\nx\n")
		}
		b.WriteString("--p--\n")
		m := mustParse(t, b.String())
		if !hasProblem(m, "more than 1000 MIME parts") {
			t.Errorf("problems = %q", m.Problems)
		}
		if len(m.Attachments) >= MaxParts {
			t.Errorf("%d attachments kept", len(m.Attachments))
		}
	})
	t.Run("many problems capped", func(t *testing.T) {
		var b strings.Builder
		b.WriteString("From: a@b.example\nDate: Mon, 2 Mar 2026 10:00:00 +0000\nContent-Type: multipart/mixed; boundary=p\n\n")
		for i := 0; i < 300; i++ {
			fmt.Fprintf(&b, "--p\nContent-Type: text/plain; charset=x-unknown-%d\n\nx\xff\n", i)
		}
		m := mustParse(t, b.String())
		if len(m.Problems) > maxProblems+1 {
			t.Errorf("%d problems", len(m.Problems))
		}
	})
}

// TestPathological feeds inputs that would be quadratic in a naive
// parser; each must finish quickly (generous bound for slow CI machines).
func TestPathological(t *testing.T) {
	hdr := "From: a@b.example\nDate: Mon, 2 Mar 2026 10:00:00 +0000\n"
	big := strings.Repeat
	cases := map[string]string{
		"encoded word starts": "Subject: " + big("=?utf-8?B?", 50000) + "\n" + hdr + "\nx",
		"encoded words":       "Subject: " + big("=?utf-8?q?a?= ", 30000) + "\n" + hdr + "\nx",
		"addresses":           "To: " + big("a@b.example, ", 30000) + "\n" + hdr + "\nx",
		"references":          "References: " + big("<a@b> ", 50000) + "\n" + hdr + "\nx",
		"quote lines":         hdr + "\n" + big("> quoted\n", 50000),
		"from lines":          hdr + "\n" + big("From: x\n", 30000),
		"colon lines":         hdr + "\n" + big("On 1 Jan 2026 X wrote:\n", 30000),
		"nested blockquote":   hdr + "Content-Type: text/html\n\n" + big("<blockquote>x", 30000),
		"unclosed links":      hdr + "Content-Type: text/html\n\n" + big("<a href=x>y ", 30000) + big("</a>", 30000),
		"boundary noise":      hdr + "Content-Type: multipart/mixed; boundary=b\n\n" + big("x--b", 100000),
		"order words":         hdr + "\n" + big("order order ", 50000),
		"relay lines":         "From: x@members.ebay.com\n" + hdr + "\nNew message from: x\n" + big("line\n", 50000),
		"deep nesting":        hdr + big("Content-Type: multipart/mixed; boundary=b\n\n--b\n", 3000),
	}
	for name, in := range cases {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			if _, err := Parse([]byte(in)); err != nil {
				t.Fatal(err)
			}
			if d := time.Since(start); d > 3*time.Second {
				t.Errorf("took %v for %d bytes", d, len(in))
			}
		})
	}
}

// TestCorpus parses the shared development corpus when it is present:
// every message must parse without error, with a non-empty NewText when
// the message has text.
func TestCorpus(t *testing.T) {
	files, _ := filepath.Glob("/work/shared/corpus/dev/*.eml")
	if len(files) == 0 {
		files, _ = filepath.Glob("../../shared/corpus/dev/*.eml")
	}
	if len(files) == 0 {
		t.Skip("corpus not available")
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		m, err := Parse(raw)
		if err != nil {
			t.Errorf("%s: %v", filepath.Base(f), err)
			continue
		}
		if strings.TrimSpace(m.Text) != "" && strings.TrimSpace(m.NewText) == "" {
			t.Errorf("%s: empty NewText", filepath.Base(f))
		}
		if m.MessageID == "" || m.Date.IsZero() || m.From.Addr == "" {
			t.Errorf("%s: missing MessageID/Date/From: %q %v %q", filepath.Base(f), m.MessageID, m.Date, m.From)
		}
	}
}

func eq[T comparable](t *testing.T, what string, got, want T) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %#v, want %#v", what, got, want)
	}
}

func eqs(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\x00") != strings.Join(want, "\x00") || len(got) != len(want) {
		t.Errorf("%s = %q, want %q", what, got, want)
	}
}

func eqa[T comparable](t *testing.T, what string, got, want []T) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s = %+v, want %+v", what, got, want)
		return
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("%s[%d] = %+v, want %+v", what, i, got[i], want[i])
		}
	}
}

func contains(t *testing.T, what, s, sub string) {
	t.Helper()
	if !strings.Contains(s, sub) {
		t.Errorf("%s does not contain %q:\n%s", what, sub, s)
	}
}

func notContains(t *testing.T, what, s, sub string) {
	t.Helper()
	if strings.Contains(s, sub) {
		t.Errorf("%s contains %q:\n%s", what, sub, s)
	}
}
