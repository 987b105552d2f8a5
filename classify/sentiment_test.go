package classify

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestPredictSentimentTable(t *testing.T) {
	cases := []struct {
		lang, text string
		want       int
	}{
		// polite requests are neutral, even for refunds and damage
		{"en", "Could you please refund me, thanks", 0},
		{"en", "Hi, my order arrived with a cracked lid. Could you send a replacement? Thank you, Anna", 0},
		{"en", "Hello, I returned the jacket last week. When will the refund be processed? Kind regards", 0},
		{"de", "Hallo, könnten Sie mir bitte eine Rechnung für Bestellung 4411 schicken? Vielen Dank im Voraus.", 0},
		{"fr", "Bonjour, pourriez-vous me rembourser la commande 5521 s'il vous plaît ? Merci beaucoup.", 0},
		{"es", "Hola, ¿me podéis cambiar la talla M por una L? Gracias", 0},
		{"ja", "注文した商品の返品方法を教えていただけますか。よろしくお願いいたします。", 0},
		{"zh-Hans", "你好，请问这个充电器支持快充吗？谢谢", 0},
		{"ko", "안녕하세요. 배송지를 변경하고 싶습니다. 부탁드립니다.", 0},
		{"ru", "Здравствуйте. Подскажите, пожалуйста, сроки доставки в Казань? Спасибо.", 0},
		{"th", "สวัสดีค่ะ สินค้าส่งถึงเชียงใหม่กี่วันคะ ขอบคุณค่ะ", 0},
		{"en", "Does it come with batteries?", 0},
		{"", "", 0},

		// very negative: anger, follow-ups, threats, insults
		{"en", "This is the third time I ask. You are scammers. I will file a chargeback and leave a bad review.", -2},
		{"en", "HOW MANY TIMES DO I HAVE TO WRITE??? STILL NOTHING. UNACCEPTABLE!!!", -2},
		{"de", "Das ist jetzt meine dritte Nachricht und immer noch keine Antwort. Wie lange soll ich noch warten? Ich schalte meinen Anwalt ein.", -2},
		{"es", "Ya es la tercera vez que les escribo y nada. ¿Me van a devolver el dinero o no? Voy a poner una queja.", -2},
		{"ru", "Это уже третье письмо! Сколько можно ждать? Открываю спор и пишу плохой отзыв.", -2},
		{"fr", "Troisième message sans réponse. C'est inadmissible, vous vous moquez de moi. J'ouvre un litige.", -2},
		{"en", "I don't even know what to say to you people.", -2},

		// negative: disappointed, complaining, frustrated
		{"en", "Honestly a bit disappointed, the kettle stopped working after a week.", -1},
		{"en", "ordered 10 days ago and it still says awaiting shipment?? when does it ship", -1},
		{"de", "Leider bin ich sehr enttäuscht, das Messer ist schon nach zwei Wochen stumpf.", -1},
		{"it", "Sono passati 10 giorni e il pacco risulta ancora non spedito. Quando lo spedite??", -1},
		{"pt", "Estou muito decepcionado, o produto chegou quebrado.", -1},
		{"vi", "Hộp bị móp hết, mua làm quà mà thế này buồn ghê 😞", -1},
		{"id", "kak barangnya rusak, kecewa banget 😢", -1},
		{"ja", "子供がとても楽しみにしていたので残念です。", -1},
		{"zh-Hant", "等了三個禮拜還沒收到，很失望。", -1},
		{"pl", "Jestem rozczarowany, ładowarka nie działa.", -1},
		{"nl", "Ik ben erg teleurgesteld, de dashcam werkt niet.", -1},
		{"tr", "Ürün kırık geldi, hayal kırıklığı yaşadım.", -1},
		{"ar", "للأسف المنتج وصل مكسور وأنا زعلان جدا", -1},
		{"en", "Polite but firm: I returned it three weeks ago. Please refund me this week, otherwise I will have to open a dispute. Regards", -1},

		// sarcasm is negative
		{"en", "Great, another week without my package. Love that for me.", -1},
		{"en", "Top tier service... not", -1},
		{"de", "Super, wirklich. Nach zwei Wochen löst sich die Sohle. Echt beeindruckend.", -1},
		{"ko", "와 배송 진짜 빠르네요ㅋㅋ 3주째 배송 준비 중이네요^^", -1},

		// positive
		{"en", "Thanks for sorting it out so fast!", 1},
		{"it", "Tutto a posto, ho ricevuto il rimborso. Grazie per la pazienza!", 1},
		{"en", "Love the shirts! Do you ship to Canada?", 1},

		// very positive
		{"en", "Thank you so much, love it!!", 2},
		{"de", "Die Teile sind angekommen und passen perfekt! Vielen Dank für den tollen Service!", 2},
		{"es", "Muchas gracias, el cuchillo llegó perfecto. Excelente servicio, los voy a recomendar.", 2},
		{"fr", "Merci pour la rapidité, produit parfait, je recommande !", 2},
		{"zh-Hans", "上次的问题处理得很耐心，新的用着很好，特地写封邮件表示感谢！", 2},
		{"ko", "포장을 정말 꼼꼼하게 해주셔서 감사합니다! 다음에 또 구매할게요 :)", 2},
		{"ru", "Оставил отзыв 5 звезд, регистратор отличный, спасибо!", 2},
	}
	for _, c := range cases {
		g := PredictSentiment(c.text, c.lang)
		if g.Score != c.want {
			t.Errorf("PredictSentiment(%q, %q) = %d, want %d (reasons %v)", c.text, c.lang, g.Score, c.want, g.Reasons)
		}
		if g.Confidence < 0 || g.Confidence > 1 {
			t.Errorf("confidence %v out of range for %q", g.Confidence, c.text)
		}
		if len(g.Reasons) == 0 {
			t.Errorf("no reasons for %q", c.text)
		}
	}
}

// The language label may be missing or wrong: the non-strict entries of
// every language still apply.
func TestPredictSentimentWrongLanguage(t *testing.T) {
	for _, lang := range []string{"", "en", "xx", "ja"} {
		if g := PredictSentiment("Ich bin sehr enttäuscht, das Gerät ist kaputt.", lang); g.Score != -1 {
			t.Errorf("lang %q: got %d %v, want -1", lang, g.Score, g.Reasons)
		}
		if g := PredictSentiment("Vielen Dank, alles perfekt, sehr zufrieden!", lang); g.Score < 1 {
			t.Errorf("lang %q: got %d %v, want > 0", lang, g.Score, g.Reasons)
		}
	}
}

func TestSentimentReasonsNameEvidence(t *testing.T) {
	g := PredictSentiment("This is my third message. I'm filing an A-to-z claim.", "en")
	joined := strings.Join(g.Reasons, "; ")
	if !strings.Contains(joined, "third message") || !strings.Contains(joined, "a-to-z") {
		t.Errorf("reasons %q should name the evidence", joined)
	}
	g = PredictSentiment("Vielen Dank für den tollen Service!", "de")
	if joined := strings.Join(g.Reasons, "; "); !strings.Contains(joined, "vielen dank für") {
		t.Errorf("reasons %q should name the thanks formula", joined)
	}
}

// TestSentimentDevCorpus scores the labelled development corpus when it is
// present (it is not part of the repository).
func TestSentimentDevCorpus(t *testing.T) {
	dir := os.Getenv("REPLYDESK_DEV_CORPUS")
	if dir == "" {
		dir = "/work/shared/corpus/dev"
	}
	f, err := os.Open(filepath.Join(dir, "labels.jsonl"))
	if err != nil {
		t.Skip("dev corpus not available")
	}
	defer f.Close()
	type label struct {
		File       string `json:"file"`
		Sentiment  int    `json:"sentiment"`
		Language   string `json:"language"`
		NeedsReply bool   `json:"needs_reply"`
	}
	var n, exact, within, nr, nrExact, nrWithin int
	var perGold [5][2]int
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var l label
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatal(err)
		}
		raw, err := os.ReadFile(filepath.Join(dir, l.File))
		if err != nil {
			t.Fatal(err)
		}
		in, _, _ := NewInput(raw)
		g := PredictSentiment(in.NewText, l.Language)
		d := g.Score - l.Sentiment
		if d < 0 {
			d = -d
		}
		n++
		perGold[l.Sentiment+2][0]++
		if d == 0 {
			exact++
			perGold[l.Sentiment+2][1]++
		}
		if d <= 1 {
			within++
		}
		if l.NeedsReply {
			nr++
			if d == 0 {
				nrExact++
			}
			if d <= 1 {
				nrWithin++
			}
		}
		if d > 1 {
			t.Logf("%s: gold %d, predicted %d %v", l.File, l.Sentiment, g.Score, g.Reasons)
		}
	}
	if n == 0 {
		t.Skip("empty dev corpus")
	}
	t.Logf("all: n=%d exact=%.3f within-one=%.3f", n, float64(exact)/float64(n), float64(within)/float64(n))
	t.Logf("needs_reply: n=%d exact=%.3f within-one=%.3f", nr, float64(nrExact)/float64(nr), float64(nrWithin)/float64(nr))
	for i, pg := range perGold {
		t.Logf("gold %+d: %d/%d exact", i-2, pg[1], pg[0])
	}
	if float64(exact)/float64(n) < 0.70 || float64(within)/float64(n) < 0.95 {
		t.Errorf("below target: exact %.3f (>= 0.70), within-one %.3f (>= 0.95)",
			float64(exact)/float64(n), float64(within)/float64(n))
	}
}

func FuzzPredictSentiment(f *testing.F) {
	seeds := []string{
		"", "!!!???", "Thank you so much, love it!!", "This is the third time I ask, you are scammers",
		"Super, wirklich. Für 80 Euro echt beeindruckend.", "와 배송 진짜 빠르네요ㅋㅋ", "للأسف لا يعمل",
		"\"premium\"", "for $", "... not", "\xff\xfe\x00", strings.Repeat("very ", 50) + "happy",
		"謝謝😊", "ไม่ชอบ", "not", "n't", "'", "\"", "$5", "for €",
	}
	for _, s := range seeds {
		f.Add(s, "en")
	}
	f.Add("Ich bin enttäuscht", "de")
	f.Add("残念です", "ja")
	f.Fuzz(func(t *testing.T, text, lang string) {
		g := PredictSentiment(text, lang)
		if g.Score < -2 || g.Score > 2 {
			t.Fatalf("score %d out of range", g.Score)
		}
		if g.Confidence < 0 || g.Confidence > 1 {
			t.Fatalf("confidence %v out of range", g.Confidence)
		}
		for _, r := range g.Reasons {
			if !utf8.ValidString(r) && utf8.ValidString(text) {
				t.Fatalf("invalid UTF-8 reason %q", r)
			}
		}
	})
}

// benchText is a 475-byte complaint with an order number, politeness,
// "!!" and a price-free deadline: most of the scorer's paths run.
const benchText = `Hello, this is my second message about order 113-4829301-7712405. The tracking has not moved
since Jan 13 and I'm honestly a bit disappointed. I paid for express shipping. Could you please check with
the carrier and let me know what is going on? If it does not arrive by Friday I would like a refund.
Thanks, Megan (sent from my phone, sorry for typos) - it was supposed to be a birthday gift!! The box
should have been here a week ago, my son keeps asking about it. Regards.`

func BenchmarkPredictSentiment(b *testing.B) {
	PredictSentiment("warm up", "en")
	b.SetBytes(int64(len(benchText)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		PredictSentiment(benchText, "en")
	}
}
