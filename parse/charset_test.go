package parse

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"mime/quotedprintable"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// charsetCase is one charset fixture: the text is encoded with enc and
// labelled with label, in the Subject (B or Q encoded word), the From
// display name and the body (with the given transfer encoding).
type charsetCase struct {
	file    string
	label   string
	enc     encoding.Encoding // nil: UTF-8 / UTF-7 handled specially
	cte     string            // 8bit | quoted-printable | base64 | 7bit
	wordEnc string            // B | Q
	name    string
	subject string
	body    string
}

var charsetCases = []charsetCase{
	{"utf-8", "utf-8", nil, "quoted-printable", "Q", "José Müller", "Grüße – 你好 – こんにちは 👋", "Hallo, Привет, 你好, 안녕하세요, مرحبا 👋\nZweite Zeile."},
	{"gbk", "gbk", simplifiedchinese.GBK, "base64", "B", "赵鹏", "应急启动电源零下30度能用吗", "你好，请问AV-J20应急启动电源能带动2.0T的汽油车吗？\n我在哈尔滨，冬天经常零下30度。"},
	{"gb2312-with-gbk-chars", "gb2312", simplifiedchinese.GBK, "8bit", "B", "朱镕基", "镕铭钢铁询价", "您好，我们是镕铭公司（“镕”不在GB2312里），想询价。"},
	{"gb18030", "gb18030", simplifiedchinese.GB18030, "base64", "B", "𠮷野家", "询问𠮷字和€符号", "测试四字节字符：𠮷、㐀；欧元符号€。"},
	{"x-gbk", "x-gbk", simplifiedchinese.GBK, "base64", "B", "刘建国", "批发价格", "请发一份报价单给我，谢谢！"},
	{"cp936", "cp936", simplifiedchinese.GBK, "8bit", "B", "王芳", "发票", "请开具增值税发票。"},
	{"big5", "big5", traditionalchinese.Big5, "base64", "B", "吳宗翰", "詢問行車記錄器是否支援GPS", "您好，\n想請問行車記錄器有支援GPS嗎？謝謝"},
	{"shift_jis", "shift_jis", japanese.ShiftJIS, "base64", "B", "山口 太郎", "商品に関するお問い合わせ", "お世話になっております。\n注文番号について質問があります。①②"},
	{"euc-jp", "euc-jp", japanese.EUCJP, "8bit", "B", "田中 由美", "領収書発行のお願い", "いつもお世話になっております。領収書をお願いします。"},
	{"iso-2022-jp", "iso-2022-jp", japanese.ISO2022JP, "7bit", "B", "佐藤 花子", "自動返信：休暇のお知らせ", "本日は休園日のため、メールの確認ができません。\n明日以降ご返信いたします。"},
	{"euc-kr", "euc-kr", korean.EUCKR, "base64", "B", "김민준", "후방카메라 화면이 안 나와요", "안녕하세요.\n후방카메라 화면이 안 나와요."},
	{"ks_c_5601-1987", "ks_c_5601-1987", korean.EUCKR, "base64", "B", "정똠이", "배송 문의 똠", "한국으로도 배송되나요? 똠방각하"},
	{"windows-1250", "windows-1250", charmap.Windows1250, "quoted-printable", "Q", "Paweł Wójcik", "Zamówienie nie dotarło", "Dzień dobry, zamówienie nie dotarło. Proszę o zwrot – dziękuję."},
	{"windows-1251", "windows-1251", charmap.Windows1251, "base64", "B", "Сергей Иванов", "Пусковое не заводит дизель", "Добрый день.\nКупил ваше пусковое устройство, не заводит в мороз."},
	{"windows-1252", "windows-1252", charmap.Windows1252, "quoted-printable", "Q", "Renée Dupont", "Café “spécial” – 20 €", "Bonjour, j’ai reçu le café… Merci!"},
	{"windows-1253", "windows-1253", charmap.Windows1253, "base64", "B", "Γιώργος", "Καλημέρα σας", "Καλημέρα, η παραγγελία δεν έφτασε."},
	{"windows-1254", "windows-1254", charmap.Windows1254, "quoted-printable", "Q", "Ayşe Yılmaz", "Siparişim ulaşmadı", "Merhaba, siparişim ulaşmadı. Teşekkürler."},
	{"windows-1255", "windows-1255", charmap.Windows1255, "base64", "B", "דוד כהן", "ההזמנה לא הגיעה", "שלום, ההזמנה לא הגיעה."},
	{"windows-1256", "windows-1256", charmap.Windows1256, "base64", "B", "فهد العتيبي", "استفسار عن الكاميرا", "مرحبا، هل الكاميرا تتحمل حرارة الصيف؟"},
	{"windows-1257", "windows-1257", charmap.Windows1257, "quoted-printable", "Q", "Jonas Kazlauskas", "Užsakymas neatvyko", "Laba diena, užsakymas neatvyko. Ačiū."},
	{"windows-1258", "windows-1258", charmap.Windows1258, "quoted-printable", "Q", "Lê Văn Đôn", "Đơn hàng", "Xin chào, đơn hàng tôi đâu?"},
	{"koi8-r", "koi8-r", charmap.KOI8R, "base64", "B", "Дмитрий Волков", "Трек не отслеживается", "Здравствуйте!\nТрек-номер не отслеживается уже 10 дней."},
	{"iso-8859-1", "iso-8859-1", charmap.ISO8859_1, "quoted-printable", "Q", "Jürgen Groß", "Grüße aus München", "Señor, ¿dónde está mi pedido? Grüße, Jürgen"},
	{"iso-8859-2", "iso-8859-2", charmap.ISO8859_2, "quoted-printable", "Q", "Tomáš Dvořák", "Zásilka nedorazila", "Dobrý den, zásilka nedorazila. Děkuji."},
	{"iso-8859-5", "iso-8859-5", charmap.ISO8859_5, "base64", "B", "Виктор", "Доставка в Новосибирск", "Сколько идёт доставка?"},
	{"iso-8859-7", "iso-8859-7", charmap.ISO8859_7, "base64", "B", "Νίκος", "Παραγγελία", "Γεια σας, πότε θα φτάσει;"},
	{"iso-8859-9", "iso-8859-9", charmap.ISO8859_9, "quoted-printable", "Q", "Mehmet Öztürk", "İade talebi", "Merhaba, ürünü iade etmek istiyorum. Şimdiden teşekkürler."},
	{"iso-8859-15", "iso-8859-15", charmap.ISO8859_15, "quoted-printable", "Q", "Chloé Lefèvre", "Œuvre à 20 €", "Le prix est de 20 € pour l'œuvre."},
	{"utf-7", "utf-7", nil, "7bit", "Q", "Mom", "Hi Mom", "Hi Mom -☺-! A+ price 1+1=2."},
}

// encodeUTF7 encodes s as RFC 2152 UTF-7 (for the fixture generator).
func encodeUTF7(s string) []byte {
	const direct = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'(),-./:? \t\r\n!\"#$%&*;<=>@[]^_`{|}"
	var out bytes.Buffer
	rs := []rune(s)
	for i := 0; i < len(rs); {
		r := rs[i]
		if r == '+' {
			out.WriteString("+-")
			i++
			continue
		}
		if r < 0x80 && strings.ContainsRune(direct, r) {
			out.WriteRune(r)
			i++
			continue
		}
		j := i
		var units []uint16
		for j < len(rs) && !(rs[j] < 0x80 && strings.ContainsRune(direct, rs[j])) && rs[j] != '+' {
			if rs[j] >= 0x10000 {
				v := rs[j] - 0x10000
				units = append(units, uint16(0xD800+(v>>10)), uint16(0xDC00+(v&0x3FF)))
			} else {
				units = append(units, uint16(rs[j]))
			}
			j++
		}
		b := make([]byte, 0, len(units)*2)
		for _, u := range units {
			b = append(b, byte(u>>8), byte(u))
		}
		out.WriteByte('+')
		out.WriteString(strings.TrimRight(base64.StdEncoding.EncodeToString(b), "="))
		out.WriteByte('-')
		i = j
	}
	return out.Bytes()
}

func (c charsetCase) encode(t testing.TB, s string) []byte {
	t.Helper()
	switch {
	case c.label == "utf-7":
		return encodeUTF7(s)
	case c.enc == nil:
		return []byte(s)
	}
	b, err := c.enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("%s: cannot encode %q: %v", c.file, s, err)
	}
	return b
}

func mkEncodedWord(label, wordEnc string, b []byte) string {
	if wordEnc == "B" {
		return "=?" + label + "?B?" + base64.StdEncoding.EncodeToString(b) + "?="
	}
	var sb strings.Builder
	for _, c := range b {
		switch {
		case c == ' ':
			sb.WriteByte('_')
		case c >= 0x80 || c == '=' || c == '?' || c == '_' || c < 0x20 || c == '"':
			fmt.Fprintf(&sb, "=%02X", c)
		default:
			sb.WriteByte(c)
		}
	}
	return "=?" + label + "?Q?" + sb.String() + "?="
}

// raw builds the message bytes for the case.
func (c charsetCase) raw(t testing.TB) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "From: \"%s\" <buyer@example.com>\r\n", mkEncodedWord(c.label, c.wordEnc, c.encode(t, c.name)))
	b.WriteString("To: service@shop.example\r\n")
	// Long subjects are split over two encoded words on two lines, at a
	// character boundary for stateless charsets.
	sub := []rune(c.subject)
	if len(sub) > 6 && c.label != "iso-2022-jp" && c.label != "utf-7" {
		h := len(sub) / 2
		fmt.Fprintf(&b, "Subject: %s\r\n %s\r\n", mkEncodedWord(c.label, c.wordEnc, c.encode(t, string(sub[:h]))),
			mkEncodedWord(c.label, c.wordEnc, c.encode(t, string(sub[h:]))))
	} else {
		fmt.Fprintf(&b, "Subject: %s\r\n", mkEncodedWord(c.label, c.wordEnc, c.encode(t, c.subject)))
	}
	b.WriteString("Date: Mon, 16 Mar 2026 10:00:00 +0900\r\n")
	fmt.Fprintf(&b, "Message-ID: <charset-%s@example.com>\r\n", c.file)
	b.WriteString("MIME-Version: 1.0\r\n")
	fmt.Fprintf(&b, "Content-Type: text/plain; charset=\"%s\"\r\n", c.label)
	fmt.Fprintf(&b, "Content-Transfer-Encoding: %s\r\n\r\n", c.cte)
	body := c.encode(t, strings.ReplaceAll(c.body, "\n", "\r\n"))
	switch c.cte {
	case "base64":
		enc := base64.StdEncoding.EncodeToString(body)
		for len(enc) > 76 {
			b.WriteString(enc[:76] + "\r\n")
			enc = enc[76:]
		}
		b.WriteString(enc + "\r\n")
	case "quoted-printable":
		w := quotedprintable.NewWriter(&b)
		w.Write(body)
		w.Close()
		b.WriteString("\r\n")
	default:
		b.Write(body)
		b.WriteString("\r\n")
	}
	return b.Bytes()
}

// TestCharsets builds a message in every supported charset with x/text
// encoders and checks that Subject, From name and Text decode exactly.
// With -update it also writes the messages to testdata/charset_*.eml, where
// the golden test picks them up.
func TestCharsets(t *testing.T) {
	for _, c := range charsetCases {
		t.Run(c.file, func(t *testing.T) {
			raw := c.raw(t)
			if *update {
				if err := os.WriteFile(filepath.Join("testdata", "charset_"+c.file+".eml"), raw, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			m, err := Parse(raw)
			if err != nil {
				t.Fatal(err)
			}
			if m.Subject != c.subject {
				t.Errorf("Subject = %q, want %q", m.Subject, c.subject)
			}
			if m.From.Name != c.name {
				t.Errorf("From.Name = %q, want %q", m.From.Name, c.name)
			}
			if m.Text != c.body {
				t.Errorf("Text = %q, want %q", m.Text, c.body)
			}
			if len(m.Problems) != 0 {
				t.Errorf("Problems = %q, want none", m.Problems)
			}
		})
	}
}

// TestCharsetFallbacks covers undeclared and wrongly declared charsets.
func TestCharsetFallbacks(t *testing.T) {
	gbk, _ := simplifiedchinese.GBK.NewEncoder().Bytes([]byte("您好，我的订单还没有到。"))
	latin := []byte("Gr\xfc\xdfe aus M\xfcnchen")
	tests := []struct {
		name, label string
		in          []byte
		want        string
		problem     bool
	}{
		{"utf8 ok", "utf-8", []byte("héllo"), "héllo", false},
		{"unknown label utf8 bytes", "x-klingon", []byte("héllo"), "héllo", true},
		{"unknown label latin1 bytes", "x-klingon", latin, "Grüße aus München", true},
		{"unknown label gbk bytes", "x-unknown", gbk, "您好，我的订单还没有到。", true},
		{"declared utf8 but gbk", "utf-8", gbk, "您好，我的订单还没有到。", true},
		{"declared utf8 but latin1", "utf-8", latin, "Grüße aus München", true},
		{"ascii with 8bit utf8", "us-ascii", []byte("naïve"), "naïve", false},
		{"no label latin1", "", latin, "Grüße aus München", true},
		{"quoted label", "\"ISO-8859-1\"", latin, "Grüße aus München", false},
		{"label with language", "utf-8*en", []byte("ok"), "ok", false},
		{"gb2312 alias", "GB2312", gbk, "您好，我的订单还没有到。", false},
		{"cp1252 smart quotes as latin1", "iso-8859-1", []byte("\x93hi\x94"), "“hi”", false},
		{"go-message quirk label", "ANSI_X3.110-1983", []byte("caf\xe9"), "café", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, prob := decodeCharset(tt.in, tt.label, "")
			if got != tt.want {
				t.Errorf("got %q, want %q (problem %q)", got, tt.want, prob)
			}
			if (prob != "") != tt.problem {
				t.Errorf("problem = %q, want problem: %v", prob, tt.problem)
			}
		})
	}
}
