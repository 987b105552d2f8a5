package classify

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"testing"
	"time"
)

func TestIntentModelLoads(t *testing.T) {
	m := intentDefault()
	if m == nil {
		t.Fatalf("embedded intent model does not load: %v", intentLoadErr)
	}
	if m.nc != len(intentClassList) {
		t.Fatalf("model has %d classes, want %d", m.nc, len(intentClassList))
	}
	for i, c := range m.classes {
		if c != intentClassList[i] {
			t.Fatalf("class %d = %q, want %q", i, c, intentClassList[i])
		}
	}
	if len(m.lex.entries) < 1000 {
		t.Errorf("lexicon has only %d phrases", len(m.lex.entries))
	}
}

// TestIntentModelReproducible retrains from classify/model and compares the
// result with the committed model byte for byte.
func TestIntentModelReproducible(t *testing.T) {
	if testing.Short() {
		t.Skip("retraining takes a while; skipped with -short")
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "-race" && s.Value == "true" {
				// training is single-threaded; under the race detector it
				// takes minutes and checks nothing more
				t.Skip("skipped under -race")
			}
		}
	}
	got, err := TrainIntentModel(os.DirFS("model"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, intentModelData) {
		t.Fatalf("retrained model differs from model/%s (%d vs %d bytes): run go run ./classify/internal/train", IntentModelFile, len(got), len(intentModelData))
	}
}

func TestPredictIntentTable(t *testing.T) {
	cases := []struct {
		lang, subject, text, order string
		typ, intent                string
	}{
		{"en", "", "Hi, I returned the boots three weeks ago and the money is still not back on my card. When will you refund me?", "", "after_sale", "refund"},
		{"en", "", "Does this backpack fit a 16 inch laptop? And is it water resistant?", "", "pre_sale", "product_question"},
		{"en", "", "The parcel says delivered but there is nothing here, I've looked everywhere.", "12345678", "after_sale", "delivery_problem"},
		{"en", "", "Please cancel my order, I bought the wrong one by mistake.", "", "after_sale", "cancel"},
		{"en", "", "Got the replacement today, it works great. Thanks a lot for your help!", "", "buyer_message", "thanks"},
		{"de", "", "Hallo, der Mixer ist mit einem Sprung im Glas angekommen. Können Sie Ersatz schicken?", "", "after_sale", "damaged_defective"},
		{"de", "", "Ich habe die Jacke vor drei Wochen zurückgeschickt. Wann bekomme ich meine Rückerstattung?", "", "after_sale", "refund"},
		{"fr", "", "Bonjour, livrez-vous en Suisse ? Combien coûtent les frais de port ?", "", "pre_sale", "shipping_cost"},
		{"es", "", "Hola, ¿tenéis la sudadera en talla M? En la web sale agotada.", "", "pre_sale", "stock_availability"},
		{"it", "", "Buongiorno, vorrei la fattura con partita IVA per l'ordine 12345.", "", "after_sale", "invoice"},
		{"pt", "", "Olá, como faço para conectar o fone ao celular? Não aparece no bluetooth.", "", "after_sale", "usage_help"},
		{"ru", "", "Здравствуйте, хочу вернуть куртку, не подошёл размер. Как оформить возврат?", "", "after_sale", "return"},
		{"ja", "", "注文した商品と違う色が届きました。交換をお願いできますか。", "", "after_sale", "wrong_item"},
		{"zh-Hans", "", "你好，我买的耳机少了一个充电线，盒子里没有。", "", "after_sale", "missing_item"},
		{"zh-Hant", "", "請問寄到香港運費多少？", "", "pre_sale", "shipping_cost"},
		{"ko", "", "주문한 지 일주일이 지났는데 아직 발송이 안 됐어요. 언제 보내 주시나요?", "", "after_sale", "order_status"},
		{"vi", "", "Shop ơi cho mình hỏi áo này có size XL không, bao giờ có hàng lại?", "", "pre_sale", "stock_availability"},
		{"th", "", "สั่งซื้อผิดค่ะ ขอยกเลิกคำสั่งซื้อได้ไหมคะ", "", "after_sale", "cancel"},
		{"id", "", "Kak, kalau beli 5 pcs ada diskon nggak?", "", "pre_sale", "price_discount"},
		{"ms", "", "Saya nak tukar alamat penghantaran, saya dah pindah rumah.", "", "after_sale", "address_change"},
		{"pl", "", "Dzień dobry, pobrano mi pieniądze dwa razy za jedno zamówienie.", "", "after_sale", "payment_issue"},
		{"nl", "", "Hoi, kunnen jullie ons logo op 30 mokken drukken?", "", "pre_sale", "customization"},
		{"tr", "", "Merhaba, toptan alım yapmak istiyoruz, bayilik veriyor musunuz?", "", "pre_sale", "wholesale"},
		{"ar", "", "السلام عليكم، الساعة اشتريتها قبل ثمانية اشهر وتوقفت عن العمل، هل تشملها الضمان؟", "", "after_sale", "warranty"},
		// conventions
		{"en", "", "Thinking about the rain jacket in M. Is it fully waterproof? If it turns out too small, could I send it back for an L?", "", "pre_sale", "product_question"},
		{"en", "Re: broken lamp", "The new lamp arrived this morning and works perfectly. Thank you so much for the quick help!", "", "buyer_message", "thanks"},
		{"en", "", "I can't get the speaker to pair with my laptop, it never shows up in the bluetooth list. What am I doing wrong?", "114-2290183-6650172", "after_sale", "usage_help"},
		{"en", "", "Hi, I'm a creator with 60k followers on TikTok. Would you like to collaborate on a sponsored video?", "", "other", "other"},
		{"en", "", "Just checking whether you got my email from last week, I haven't had a reply.", "", "buyer_message", "other"},
		{"es", "", "Pedí la talla 38 y me llegó la 40.", "405-2918374-6620351", "after_sale", "wrong_item"},
		{"fr", "", "Bonjour, il manque le chargeur dans le colis.", "", "after_sale", "missing_item"},
		{"it", "", "Ho comprato la macchina del caffè un anno fa e ora non scalda più. È ancora in garanzia?", "", "after_sale", "warranty"},
		{"de", "", "Ich habe versehentlich zweimal bestellt, bitte eine Bestellung stornieren.", "", "after_sale", "cancel"},
		{"en", "", "Could you send me a VAT invoice for my order? I need it for my accountant.", "KN10231", "after_sale", "invoice"},
	}
	for _, c := range cases {
		in := &Input{Subject: c.subject, NewText: c.text, OrderID: c.order, Channel: "mail"}
		g := PredictIntent(in, c.lang)
		if g.Type != c.typ || g.Intent != c.intent {
			t.Errorf("%s %q:\n got %s/%s (%.2f/%.2f) %v\nwant %s/%s", c.lang, c.text, g.Type, g.Intent, g.TypeConf, g.IntentConf, g.Reasons, c.typ, c.intent)
		}
	}
}

func TestPredictIntentValid(t *testing.T) {
	for _, in := range []*Input{nil, {}, {Subject: "Re:"}, {NewText: "   "}, {NewText: "😀😀😀"}, {NewText: strings.Repeat("refund ", 5000)}} {
		g := PredictIntent(in, "")
		checkIntentGuess(t, g)
	}
}

func checkIntentGuess(t testing.TB, g IntentGuess) {
	t.Helper()
	if g.Type != TypePreSale && g.Type != TypeAfterSale && g.Type != TypeBuyerMessage && g.Type != TypeOther {
		t.Fatalf("bad type %q", g.Type)
	}
	if !ValidIntent(g.Intent) {
		t.Fatalf("bad intent %q", g.Intent)
	}
	if !(g.TypeConf >= 0 && g.TypeConf <= 1) || !(g.IntentConf >= 0 && g.IntentConf <= 1) {
		t.Fatalf("bad confidence %v %v", g.TypeConf, g.IntentConf)
	}
	if len(g.Reasons) == 0 {
		t.Fatalf("no reasons")
	}
}

func TestIntentNormalize(t *testing.T) {
	cases := map[string]string{
		"Rückerstattung für Bestellung 12345!": " ruckerstattung fur bestellung 000 ! ",
		"ÇA NE MARCHE PAS":                     " ca ne marche pas ",
		"Straße":                               " strasse ",
		"退貨運費":                                 " 退货运费 ",
		"Đổi size giúp mình":                   " doi size giup minh ",
		"أريد استرجاع المبلغ":                  " اريد استرجاع المبلغ ",
		"ＡＢＣ？？":                                " abc ? ",
		"AV-D40行车":                             " av d00 行车 ",
	}
	for in, want := range cases {
		if got := string(intentNormalize(nil, in)); got != want {
			t.Errorf("intentNormalize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPredictIntentConcurrent(t *testing.T) {
	texts := []string{"Where is my order?", "退款还没到账", "Das Paket ist kaputt angekommen.", "¿Hacéis envíos a Canarias?"}
	want := make([]IntentGuess, len(texts))
	for i, s := range texts {
		want[i] = PredictIntent(&Input{NewText: s}, "")
	}
	done := make(chan bool)
	for w := 0; w < 4; w++ {
		go func() {
			ok := true
			for k := 0; k < 50; k++ {
				i := k % len(texts)
				g := PredictIntent(&Input{NewText: texts[i]}, "")
				if g.Type != want[i].Type || g.Intent != want[i].Intent || g.IntentConf != want[i].IntentConf {
					ok = false
				}
			}
			done <- ok
		}()
	}
	for w := 0; w < 4; w++ {
		if !<-done {
			t.Error("concurrent calls disagree")
		}
	}
}

func TestIntentHasOrderRef(t *testing.T) {
	yes := []string{"order 113-4829301-7712405", "KN10102", "TH-20166", "#8190452273648112", "19-14160-33041", "MDZ-8809933"}
	no := []string{"call +44 161 555 0192", "on 2026-01-05", "AV-D40", "size 42", "zip 94110", "555-0192"}
	for _, s := range yes {
		if !intentHasOrderRef(s) {
			t.Errorf("%q: no order ref found", s)
		}
	}
	for _, s := range no {
		if intentHasOrderRef(s) {
			t.Errorf("%q: order ref found", s)
		}
	}
}

func TestIntentLexiconMatch(t *testing.T) {
	m := intentDefault()
	if m == nil {
		t.Skip("no model")
	}
	cases := map[string]string{
		"Ich möchte eine Rückerstattung": "refund",
		"我想退款":                           "refund",
		"返品したいです":                        "return",
		"ขอยกเลิกคำสั่งซื้อ":                  "cancel",
		"хочу вернуть деньги за заказ":        "refund",
		"الساعة مكسورة":                       "damaged_defective",
		"환불해주세요":                              "refund",
		"the package was marked as delivered": "delivery_problem",
	}
	for text, want := range cases {
		rs := intentNormalize(nil, text)
		hits := m.lex.match(rs, nil, false)
		found := false
		var got []string
		for _, h := range hits {
			tg := m.lex.targets[m.lex.entries[h.entry].target]
			got = append(got, tg.name+":"+m.lex.entries[h.entry].phrase)
			if tg.intent == want {
				found = true
			}
		}
		if !found {
			t.Errorf("%q: no %s phrase matched (got %v)", text, want, got)
		}
	}
}

func BenchmarkPredictIntent(b *testing.B) {
	text := strings.Repeat("Hello, I ordered the blue linen shirt two weeks ago (order 113-4829301-7712405) and it arrived today, but the seam on the left sleeve is open and there is a small stain on the collar. ", 6)
	text = text[:1024] // a typical 1 KB message
	in := &Input{Subject: "Problem with my order", NewText: text, OrderID: "113-4829301-7712405", Channel: "amazon"}
	PredictIntent(in, "en")
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		PredictIntent(in, "en")
	}
}

func BenchmarkPredictIntentCJK(b *testing.B) {
	text := strings.Repeat("你好，我在你们官网买的蓝牙音箱，收到后发现外壳有裂痕，而且开不了机。请问可以换一台新的吗？谢谢！", 6)
	in := &Input{Subject: "音箱坏了", NewText: text}
	PredictIntent(in, "zh-Hans")
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		PredictIntent(in, "zh-Hans")
	}
}

func FuzzPredictIntent(f *testing.F) {
	f.Add("Re: order", "Where is my order 123456?", "")
	f.Add("", "退款 返品 환불 ยกเลิก", "KN1234")
	f.Add("AW: ", "\x00\xff\xfe ́ ß ẞ ﷽ 𠀀", "")
	f.Fuzz(func(t *testing.T, subject, text, order string) {
		g := PredictIntent(&Input{Subject: subject, NewText: text, OrderID: order}, "")
		checkIntentGuess(t, g)
	})
}

// TestIntentDevCorpus reports accuracy on the labeled development corpus
// (person-written mail only) when it is present. It is an evaluation, not a
// gate: the corpus is never used for training. Set REPLYDESK_DEV_CORPUS to
// its folder (default /work/shared/corpus/dev); run with -v to see figures.
func TestIntentDevCorpus(t *testing.T) {
	dir := os.Getenv("REPLYDESK_DEV_CORPUS")
	if dir == "" {
		dir = "/work/shared/corpus/dev"
	}
	f, err := os.Open(filepath.Join(dir, "labels.jsonl"))
	if err != nil {
		t.Skip("dev corpus not present")
	}
	defer f.Close()
	type lab struct {
		File, Type, Intent, Language string
		NeedsReply                   bool `json:"needs_reply"`
	}
	var total, auto, typeOK, intentOK int
	var elapsed time.Duration
	var textBytes int
	var confOK, confBad []float64
	perLang := map[string][3]int{}
	autoLang := map[string]int{}
	conf := map[string]int{}
	var wrong []string
	intentDefault() // load the model outside the timing
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var l lab
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatal(err)
		}
		total++
		person := l.NeedsReply && (l.Type == TypePreSale || l.Type == TypeAfterSale || l.Type == TypeBuyerMessage || l.Type == TypeOther)
		if !person {
			auto++
			autoLang[l.Language]++
			continue
		}
		raw, err := os.ReadFile(filepath.Join(dir, l.File))
		if err != nil {
			t.Fatal(err)
		}
		in, _, _ := NewInput(raw)
		start := time.Now()
		g := PredictIntent(in, l.Language)
		elapsed += time.Since(start)
		textBytes += len(in.NewText) + len(in.Subject)
		if g.Intent == l.Intent {
			confOK = append(confOK, g.IntentConf)
		} else {
			confBad = append(confBad, g.IntentConf)
		}
		pl := perLang[l.Language]
		pl[0]++
		if g.Type == l.Type {
			typeOK++
			pl[1]++
		}
		if g.Intent == l.Intent {
			intentOK++
			pl[2]++
		}
		perLang[l.Language] = pl
		if g.Type != l.Type || g.Intent != l.Intent {
			conf[l.Type+"/"+l.Intent+" -> "+g.Type+"/"+g.Intent]++
			wrong = append(wrong, fmt.Sprintf("%s %-7s want %s/%s got %s/%s %.2f %v", l.File, l.Language, l.Type, l.Intent, g.Type, g.Intent, g.IntentConf, g.Reasons))
		}
	}
	n := total - auto
	if n == 0 {
		t.Skip("no person-written mail in the corpus")
	}
	t.Logf("person-written mail: %d; type %.3f intent %.3f", n, float64(typeOK)/float64(n), float64(intentOK)/float64(n))
	t.Logf("overall with %d automatic mails counted as right (decided elsewhere): type %.3f intent %.3f",
		auto, float64(typeOK+auto)/float64(total), float64(intentOK+auto)/float64(total))
	mean := func(x []float64) float64 {
		s := 0.0
		for _, v := range x {
			s += v
		}
		return s / float64(max(len(x), 1))
	}
	t.Logf("mean intent confidence: right %.2f, wrong %.2f; %.1f µs per message (%d bytes on average)",
		mean(confOK), mean(confBad), float64(elapsed.Microseconds())/float64(n), textBytes/n)
	var langs []string
	for k := range perLang {
		langs = append(langs, k)
	}
	sort.Strings(langs)
	for _, k := range langs {
		v := perLang[k]
		a := autoLang[k]
		t.Logf("  %-7s n=%3d type %.2f intent %.2f | with %d automatic: type %.2f", k, v[0], float64(v[1])/float64(v[0]), float64(v[2])/float64(v[0]),
			a, float64(v[1]+a)/float64(v[0]+a))
	}
	var cs []string
	for k, v := range conf {
		cs = append(cs, fmt.Sprintf("%3d  %s", v, k))
	}
	sort.Sort(sort.Reverse(sort.StringSlice(cs)))
	t.Logf("confusions:\n%s", strings.Join(cs, "\n"))
	if os.Getenv("INTENT_DEV_VERBOSE") != "" {
		t.Logf("errors:\n%s", strings.Join(wrong, "\n"))
	}
}

// BenchmarkPredictIntentDev runs over the person-written mail of the dev
// corpus (parsed beforehand), when present: a realistic mix of lengths and
// languages with cold-ish caches.
func BenchmarkPredictIntentDev(b *testing.B) {
	dir := os.Getenv("REPLYDESK_DEV_CORPUS")
	if dir == "" {
		dir = "/work/shared/corpus/dev"
	}
	data, err := os.ReadFile(filepath.Join(dir, "labels.jsonl"))
	if err != nil {
		b.Skip("dev corpus not present")
	}
	var ins []*Input
	var langs []string
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var l struct {
			File, Type, Language string
			NeedsReply           bool `json:"needs_reply"`
		}
		if json.Unmarshal([]byte(line), &l) != nil || !l.NeedsReply {
			continue
		}
		raw, err := os.ReadFile(filepath.Join(dir, l.File))
		if err != nil {
			continue
		}
		in, _, _ := NewInput(raw)
		ins = append(ins, in)
		langs = append(langs, l.Language)
	}
	if len(ins) == 0 {
		b.Skip("no messages")
	}
	intentDefault()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k := i % len(ins)
		PredictIntent(ins[k], langs[k])
	}
}
