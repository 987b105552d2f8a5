package classify

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"
)

var langCases = []struct {
	name string
	text string
	want string // "a|b" accepts either
}{
	// Empty and letterless text.
	{"empty", "", ""},
	{"spaces", "  \n\t ", ""},
	{"digits", "113-4829301-7712405 42 € 3.99", ""},
	{"emoji", "🙏🙏 👍 :-)", ""},
	{"url only", "https://www.amazon.de/dp/B0CX7R2M5P?ref=abc", ""},

	// One short text per language.
	{"en", "Where is my order? It still hasn't arrived.", "en"},
	{"en short", "Thanks!", "en"},
	{"es", "Hola, todavía no he recibido mi pedido. ¿Me podéis ayudar?", "es"},
	{"es short", "¿Dónde está mi pedido?", "es"},
	{"fr", "Bonjour, je n'ai toujours pas reçu ma commande.", "fr"},
	{"fr short", "Merci beaucoup !", "fr"},
	{"de", "Hallo, ich habe mein Paket noch nicht erhalten.", "de"},
	{"de short", "Wo bleibt meine Bestellung?", "de"},
	{"it", "Buongiorno, il pacco non è ancora arrivato.", "it"},
	{"it short", "Grazie mille!", "it"},
	{"pt", "Olá, ainda não recebi a minha encomenda.", "pt"},
	{"pt br", "Oi, vcs entregam em Curitiba? Qual o prazo?", "pt"},
	{"nl", "Hallo, ik heb mijn pakket nog steeds niet ontvangen.", "nl"},
	{"nl short", "Waar blijft mijn bestelling?", "nl"},
	{"pl", "Dzień dobry, nadal nie otrzymałem paczki.", "pl"},
	{"pl no diacritics", "chce anulowac zamowienie", "pl"},
	{"tr", "Merhaba, siparişim hâlâ gelmedi.", "tr"},
	{"tr no diacritics", "siparisim ne zaman gelir", "tr"},
	{"vi", "Shop ơi, em chưa nhận được hàng", "vi"},
	{"vi no diacritics", "Chao shop, minh muon doi size duoc khong?", "vi"},
	{"id", "Kak, pesanan saya kapan dikirim?", "id"},
	{"ms", "Hai, boleh hantar ke Johor tak?", "ms"},
	{"ru", "Здравствуйте, где мой заказ?", "ru"},
	{"ja", "注文した商品がまだ届きません。", "ja"},
	{"ja kana short", "ありがとうございます", "ja"},
	{"zh-Hans", "你好，我的订单什么时候发货？", "zh-Hans"},
	{"zh-Hant", "你好，我的訂單什麼時候出貨？", "zh-Hant"},
	{"ko", "주문한 상품이 아직 안 왔어요", "ko"},
	{"th", "สินค้ายังไม่ได้รับเลยครับ", "th"},
	{"ar", "السلام عليكم، أين طلبي؟", "ar"},

	// Chinese by script; kana makes Japanese, Hangul Korean.
	{"zh-Hans short", "谢谢", "zh-Hans"},
	{"zh-Hant short", "謝謝", "zh-Hant"},
	{"zh-Hans refund", "东西坏了，我要退款", "zh-Hans"},
	{"zh-Hant refund", "東西壞了，我要退款", "zh-Hant"},
	{"zh-Hant Cantonese", "你哋幾時出貨呀？我嘅訂單係上個禮拜落嘅", "zh-Hant"},
	{"zh-Hant Cantonese short", "唔該，我想退貨", "zh-Hant"},
	{"zh no telling characters", "你好", "zh-Hans"},
	{"zh with English product", "你好，我在Amazon买的Wireless Charger Fast Charging Pad不能用", "zh-Hans"},
	{"ja with many kanji", "商品到着後、箱が破損していました。交換をお願いします。", "ja"},
	{"ja kanji only", "領収書発行", "ja"},
	{"ja with English product", "Amazonで注文したWireless Chargerが動きません", "ja"},
	{"ko with English", "Amazon에서 주문한 Wireless Charger가 작동하지 않아요", "ko"},

	// Indonesian and Malay.
	{"id slang with English", "kak barangnya belum sampai, tracking number nya gimana?", "id"},
	{"id admin", "min, udah dikirim belum? kok blm ada resi", "id"},
	{"id formal", "Selamat siang, saya mau retur barang karena rusak. Bagaimana caranya?", "id"},
	{"id plural", "kak kalo beli 3 ada diskon ga? mau buat kado temen2", "id"},
	{"ms exchange", "Barang dah sampai tapi rosak, boleh tukar tak?", "ms"},
	{"ms stock", "Saiz M ada stok lagi tak? Bila restock?", "ms"},
	{"ms parcel", "Bila parcel saya nak sampai? Dah 5 hari order.", "ms"},
	{"ms warranty", "Saya nak claim warranty sebab charger ni rosak", "ms"},
	{"id or ms", "Terima kasih!", "id|ms"},

	// Mixed-language mail.
	{"es with English product name", "Quiero devolver el Electric Gooseneck Kettle 0.9L Temperature Control, no funciona.", "es"},
	{"es with English thanks", "Hola! Me encanta el Wireless Charger pero el cable USB-C no funciona. Thank you!", "es"},
	{"de with English quoted line", "Hallo,\nich habe gestern den Wasserkocher bestellt, aber leider die falsche Farbe gewählt. Kann ich das noch ändern?\n> Thank you for your order! Your Electric Gooseneck Kettle will ship soon and we will send you the tracking number.\nViele Grüße\nAnna", "de"},
	{"de with English boilerplate", "Die Lieferung ist immer noch nicht da, bitte prüfen Sie das.\nSent from my iPhone", "de"},
	{"fr with English product", "Bonjour, le Electric Gooseneck Kettle ne chauffe plus. Que faire ?", "fr"},
	{"en with Spanish phrase", "Hi there, my mother-in-law ordered this for me. She says \"muy bonito\" but it arrived broken. Can I get a replacement?", "en"},
	{"en with German address", "Can you send me the invoice? Our company is Müller & Söhne GmbH, Hauptstraße 5, München.", "en"},
	{"en with foreign greeting", "Bonjour! I'm writing from Montreal, do you ship to Canada?", "en"},
	{"ru with English model", "Здравствуйте, Wireless Charger не работает, хочу вернуть деньги", "ru"},

	// Identifiers are ignored.
	{"order numbers and URL", "Order 113-4829301-7712405 ASIN B0CX7R2M5P https://www.amazon.de/gp/help?de=1 where is it?", "en"},
	{"email address", "Por favor escriban a pedidos@tienda.example, gracias", "es"},
	{"domain", "Bestellt bei amazon.de, leider kaputt", "de"},

	// Decomposed (NFD) text.
	{"vi NFD", "Shop o\u031bi, em chu\u031ba nha\u0323\u0302n đu\u031bo\u031b\u0323c ha\u0300ng", "vi"},
	{"es NFD", "¿Do\u0301nde esta\u0301 mi pedido? Gracias", "es"},
}

func TestDetectLanguage(t *testing.T) {
	for _, c := range langCases {
		g := DetectLanguage(c.text)
		ok := false
		for _, w := range strings.Split(c.want, "|") {
			ok = ok || g.Lang == w
		}
		if !ok {
			t.Errorf("%s: DetectLanguage(%q) = %s (%.2f, %s), want %s", c.name, c.text, g.Lang, g.Confidence, g.Reason, c.want)
		}
		if g.Lang == "" {
			if g.Confidence != 0 {
				t.Errorf("%s: no language but confidence %v", c.name, g.Confidence)
			}
		} else if g.Confidence <= 0 || g.Confidence > 1 || g.Reason == "" {
			t.Errorf("%s: confidence %v, reason %q", c.name, g.Confidence, g.Reason)
		}
	}
}

func TestDetectLanguageReason(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"안녕하세요", "Hangul script"},
		{"Hola, ¿dónde está mi pedido? Gracias", "'gracias'"},
		{"謝謝，請問這個有貨嗎？", "Traditional"},
		{"Cảm ơn shop nhé", "Vietnamese"},
	} {
		if g := DetectLanguage(c.text); !strings.Contains(g.Reason, c.want) {
			t.Errorf("DetectLanguage(%q).Reason = %q, want it to mention %q", c.text, g.Reason, c.want)
		}
	}
}

func TestDetectLanguageConfidence(t *testing.T) {
	long := DetectLanguage("Hallo, ich habe vor zwei Wochen bestellt und das Paket ist immer noch nicht da. Können Sie bitte nachsehen?")
	short := DetectLanguage("Hallo")
	if long.Lang != "de" || long.Confidence < 0.8 {
		t.Errorf("long German: %+v", long)
	}
	if short.Confidence >= long.Confidence {
		t.Errorf("one word (%v) as sure as a paragraph (%v)", short.Confidence, long.Confidence)
	}
	if g := DetectLanguage("Xyzzy plugh"); g.Confidence > 0.5 {
		t.Errorf("unknown words: %+v, want a low confidence", g)
	}
}

func TestDetectLanguageLongText(t *testing.T) {
	s := strings.Repeat("Das Paket ist leider noch nicht angekommen. ", 2000)
	if g := DetectLanguage(s); g.Lang != "de" {
		t.Errorf("long text: %+v", g)
	}
	// The cut at maxLangBytes falls inside a multi-byte character.
	DetectLanguage("x" + strings.Repeat("é", maxLangBytes))
}

func FuzzDetectLanguage(f *testing.F) {
	for _, c := range langCases {
		f.Add(c.text)
	}
	f.Add("\xff\xfe'\u2019l'")
	f.Add("'''")
	f.Add("a\u0301\u0301\u0301 2b 2")
	f.Fuzz(func(t *testing.T, s string) {
		g := DetectLanguage(s)
		if g.Lang != "" && !ValidLanguage(g.Lang) {
			t.Fatalf("DetectLanguage(%q) = invalid %q", s, g.Lang)
		}
		if g.Lang == "" && g.Confidence != 0 {
			t.Fatalf("DetectLanguage(%q): no language, confidence %v", s, g.Confidence)
		}
		if g.Confidence < 0 || g.Confidence > 1 || g.Confidence != g.Confidence {
			t.Fatalf("DetectLanguage(%q): confidence %v", s, g.Confidence)
		}
		if utf8.ValidString(s) && !utf8.ValidString(g.Reason) {
			t.Fatalf("DetectLanguage(%q): reason %q not UTF-8", s, g.Reason)
		}
	})
}

// devCorpus finds the labelled dev corpus (shared/corpus/dev beside the
// repository), or "" when it is not there.
func devCorpus() string {
	for _, d := range []string{"../../shared/corpus/dev", "/work/shared/corpus/dev"} {
		if _, err := os.Stat(filepath.Join(d, "labels.jsonl")); err == nil {
			return d
		}
	}
	return ""
}

// TestLangDevCorpus reports the accuracy of DetectLanguage on the dev corpus
// (run with -v to see it per language and the errors).
func TestLangDevCorpus(t *testing.T) {
	dir := devCorpus()
	if dir == "" {
		t.Skip("no dev corpus")
	}
	f, err := os.ReadFile(filepath.Join(dir, "labels.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	type stat struct{ n, ok int }
	per := map[string]*stat{}
	total, ok := 0, 0
	var errs []string
	for _, line := range strings.Split(strings.TrimSpace(string(f)), "\n") {
		var l struct{ File, Language string }
		if err := json.Unmarshal([]byte(line), &l); err != nil {
			t.Fatal(err)
		}
		raw, err := os.ReadFile(filepath.Join(dir, l.File))
		if err != nil {
			t.Fatal(err)
		}
		in, _, _ := NewInput(raw)
		txt := in.NewText
		if strings.TrimSpace(txt) == "" {
			txt = in.Subject + "\n" + in.Text
		}
		g := DetectLanguage(txt)
		s := per[l.Language]
		if s == nil {
			s = &stat{}
			per[l.Language] = s
		}
		s.n++
		total++
		if g.Lang == l.Language {
			s.ok++
			ok++
		} else {
			errs = append(errs, fmt.Sprintf("%s want %s got %s (%.2f, %s): %.120q", l.File, l.Language, g.Lang, g.Confidence, g.Reason, txt))
		}
	}
	langs := make([]string, 0, len(per))
	for k := range per {
		langs = append(langs, k)
	}
	sort.Strings(langs)
	for _, k := range langs {
		t.Logf("%-8s %3d/%3d %.3f", k, per[k].ok, per[k].n, float64(per[k].ok)/float64(per[k].n))
	}
	for _, e := range errs {
		t.Log(e)
	}
	acc := float64(ok) / float64(total)
	t.Logf("overall %d/%d %.3f", ok, total, acc)
	if acc < 0.97 {
		t.Errorf("language accuracy %.3f below 0.97", acc)
	}
}

// TestLangDatasets measures DetectLanguage on the public labelled text in
// shared/datasets (tweets in ar en fr de it pt es, Indonesian reviews): text
// of another kind than mail, to check that the scorer is not fitted to the
// dev corpus. Run with LANGDS=1 (all) or LANGDS=<lang> (with the errors);
// LANGDSVAL=1 keeps to the validation splits.
func TestLangDatasets(t *testing.T) {
	if os.Getenv("LANGDS") == "" {
		t.Skip("set LANGDS=1 or LANGDS=<lang>")
	}
	base := ""
	for _, d := range []string{"../../shared/datasets/", "/work/shared/datasets/"} {
		if _, err := os.Stat(d); err == nil && base == "" {
			base = d
		}
	}
	if base == "" {
		t.Skip("no shared/datasets")
	}
	type set struct {
		want  string
		lines []string
	}
	var sets []set
	rd := func(p string) []string {
		b, err := os.ReadFile(base + p)
		if err != nil {
			t.Fatal(err)
		}
		return strings.Split(strings.TrimSpace(string(b)), "\n")
	}
	for _, p := range [][2]string{{"french", "fr"}, {"german", "de"}, {"italian", "it"}, {"portuguese", "pt"}, {"spanish", "es"}, {"english", "en"}, {"arabic", "ar"}} {
		lines := rd("umsab_tweet_sentiment/" + p[0] + "/val_text.txt")
		if os.Getenv("LANGDSVAL") == "" {
			lines = append(lines, rd("umsab_tweet_sentiment/"+p[0]+"/train_text.txt")...)
		}
		sets = append(sets, set{p[1], lines})
	}
	var idl []string
	idFiles := []string{"train_preprocess.tsv", "valid_preprocess.tsv"}
	if os.Getenv("LANGDSVAL") != "" {
		idFiles = idFiles[1:]
	}
	for _, f := range idFiles {
		for _, l := range rd("id_smsa_sentiment/" + f) {
			txt, _, _ := strings.Cut(l, "\t")
			idl = append(idl, txt)
		}
	}
	sets = append(sets, set{"id", idl})
	filter := os.Getenv("LANGDS")
	for _, s := range sets {
		if filter != "1" && filter != s.want {
			continue
		}
		conf := map[string]int{}
		ok := 0
		var bad []string
		for _, l := range s.lines {
			g := DetectLanguage(l)
			conf[g.Lang]++
			if g.Lang == s.want {
				ok++
			} else if len(bad) < 400 {
				bad = append(bad, fmt.Sprintf("  %s %.2f %.100q | %s", g.Lang, g.Confidence, l, g.Reason))
			}
		}
		fmt.Printf("%s %d/%d %.3f %v\n", s.want, ok, len(s.lines), float64(ok)/float64(len(s.lines)), conf)
		if filter != "1" {
			for _, b := range bad {
				fmt.Println(b)
			}
		}
	}
}

// benchLangText is a 500-byte buyer mail.
var benchLangText = "Buenas, hice un pedido el día 8 (KN10102, el hervidor cuello de cisne) y todavía no me ha llegado ningún correo con el número de seguimiento. ¿Se ha enviado ya? Es para Valencia. Ya pasaron cinco días y la página dice que está en preparación. Mi marido dice que lo pidamos en Amazon pero prefiero comprar en vuestra tienda. Por favor, decidme algo lo antes posible porque es un regalo de cumpleaños para mi madre. Gracias Álvaro, https://shop.example/o/KN10102"

func BenchmarkDetectLanguage(b *testing.B) {
	langTables()
	b.SetBytes(int64(len(benchLangText)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		DetectLanguage(benchLangText)
	}
}

func BenchmarkDetectLanguageCJK(b *testing.B) {
	s := "你好，我1/10在官網訂了行車記錄器（訂單 AV260110-0387），查詢物流顯示「海關查驗中」已經5天了，請問這樣正常嗎？需要我這邊提供什麼資料嗎？謝謝，林小姐。我想知道什麼時候可以收到貨，因為這是要送給朋友的生日禮物，麻煩儘快幫我處理，感謝！"
	langTables()
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		DetectLanguage(s)
	}
}
