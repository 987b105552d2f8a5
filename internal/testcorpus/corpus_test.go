package testcorpus

import (
	"bytes"
	"io"
	"mime"
	"net/mail"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/emersion/go-message"
	_ "github.com/emersion/go-message/charset"
	gomail "github.com/emersion/go-message/mail"
	"golang.org/x/text/encoding/simplifiedchinese"
)

func TestDeterministic(t *testing.T) {
	a := Generate(7, 1500)
	b := Generate(7, 1500)
	short := Generate(7, 300)
	other := Generate(8, 300)
	if len(a) != 1500 || len(short) != 300 {
		t.Fatalf("got %d and %d messages", len(a), len(short))
	}
	same := 0
	for i := range a {
		if !bytes.Equal(a[i].Raw, b[i].Raw) || a[i].MessageID != b[i].MessageID {
			t.Fatalf("message %d differs between two runs with the same seed", i)
		}
		if i < len(short) && !bytes.Equal(a[i].Raw, short[i].Raw) {
			t.Fatalf("message %d: a shorter corpus is not a prefix of a longer one", i)
		}
		if i < len(other) && bytes.Equal(a[i].Raw, other[i].Raw) {
			same++
		}
	}
	if same > 0 {
		t.Errorf("%d messages identical for seeds 7 and 8", same)
	}
	if len(Generate(1, 0)) != 0 {
		t.Error("Generate(1, 0) is not empty")
	}
}

var amazonOrderRe = regexp.MustCompile(`\b\d{3}-\d{7}-\d{7}\b`)

func TestCorpus(t *testing.T) {
	n := 10000
	if raceEnabled || testing.Short() {
		n = 3000
	}
	msgs := Generate(42, n)

	ids := make(map[string]int, n)
	kinds := map[string]int{}
	langs := map[string]int{}
	charsets := map[string]int{}
	total, replies, amazon, nonASCIIFilenames := 0, 0, 0, 0
	minSize, maxSize := 1<<30, 0
	var prev time.Time

	for i, m := range msgs {
		if m.MessageID == "" || strings.ContainsAny(m.MessageID, "<> \r\n") {
			t.Fatalf("message %d: bad MessageID %q", i, m.MessageID)
		}
		if j, dup := ids[m.MessageID]; dup {
			t.Fatalf("messages %d and %d share Message-ID %s", j, i, m.MessageID)
		}
		ids[m.MessageID] = i
		kinds[m.Kind]++
		langs[m.Lang]++
		charsets[m.Charset]++
		total += len(m.Raw)
		minSize, maxSize = min(minSize, len(m.Raw)), max(maxSize, len(m.Raw))
		if m.InReplyTo != "" {
			replies++
			if j, ok := ids[m.InReplyTo]; !ok || j >= i {
				t.Fatalf("message %d replies to %s, which is not an earlier message", i, m.InReplyTo)
			}
		}
		if amazonOrderRe.Match(m.Raw) {
			amazon++
		}
		if m.Date.Before(prev.Add(-24 * time.Hour)) {
			t.Fatalf("message %d: dates go backwards (%v after %v)", i, m.Date, prev)
		}
		prev = m.Date
		checkLines(t, i, m)

		// header fields every message has, malformed ones included
		hm, err := mail.ReadMessage(bytes.NewReader(m.Raw))
		if err != nil {
			t.Fatalf("message %d (%s): %v", i, m.Kind, err)
		}
		if got := strings.Trim(hm.Header.Get("Message-Id"), "<>"); got != m.MessageID {
			t.Fatalf("message %d: Message-ID header %q, field %q", i, got, m.MessageID)
		}
		d, err := mail.ParseDate(hm.Header.Get("Date"))
		if err != nil || !d.Equal(m.Date) {
			t.Fatalf("message %d: Date header %q (%v), field %v", i, hm.Header.Get("Date"), err, m.Date)
		}
		if m.Kind == KindMalformed {
			continue
		}
		nonASCIIFilenames += checkMIME(t, i, m)
	}

	avg := total / n
	t.Logf("%d messages, %.1f MB, average %d bytes, min %d, max %d, %d replies, kinds %v",
		n, float64(total)/1e6, avg, minSize, maxSize, replies, kinds)
	if avg < 5000 || avg > 8000 {
		t.Errorf("average size %d bytes, want about 6 KB", avg)
	}
	if minSize < 500 || maxSize > 256<<10 {
		t.Errorf("sizes from %d to %d bytes", minSize, maxSize)
	}
	if r := float64(replies) / float64(n); r < 0.2 || r > 0.33 {
		t.Errorf("%.1f%% replies, want about 25%%", 100*r)
	}
	if r := float64(kinds[KindMalformed]) / float64(n); r < 0.002 || r > 0.01 {
		t.Errorf("%.2f%% malformed, want about 0.5%%", 100*r)
	}
	for _, k := range Kinds {
		if kinds[k] == 0 {
			t.Errorf("no message of kind %s", k)
		}
	}
	for _, cs := range append([]string{"utf-8"}, LegacyCharsets...) {
		if charsets[cs] < 20 {
			t.Errorf("charset %s: %d messages", cs, charsets[cs])
		}
	}
	for _, l := range []string{"en", "es", "fr", "de", "it", "pt", "ru", "ja", "zh-Hans", "zh-Hant", "ko", "vi", "th", "id", "pl", "nl", "tr", "ar"} {
		if langs[l] < 20 {
			t.Errorf("language %s: %d messages", l, langs[l])
		}
	}
	if amazon < n/3 {
		t.Errorf("only %d messages mention an Amazon-style order id", amazon)
	}
	if nonASCIIFilenames == 0 {
		t.Error("no RFC 2231 (non-ASCII) attachment file names")
	}
}

// checkLines: CRLF only, no NUL, lines within the RFC 5322 limit.
func checkLines(t *testing.T, i int, m Message) {
	t.Helper()
	raw := m.Raw
	if bytes.IndexByte(raw, 0) >= 0 {
		t.Fatalf("message %d (%s) contains NUL", i, m.Kind)
	}
	start := 0
	for k, c := range raw {
		if c != '\n' {
			continue
		}
		if k == 0 || raw[k-1] != '\r' {
			t.Fatalf("message %d (%s): bare LF at byte %d", i, m.Kind, k)
		}
		if k-1-start > 998 {
			t.Fatalf("message %d (%s): line of %d bytes", i, m.Kind, k-1-start)
		}
		start = k + 1
	}
	if !bytes.HasSuffix(raw, []byte("\r\n")) {
		t.Fatalf("message %d (%s) does not end in CRLF", i, m.Kind)
	}
}

// checkMIME parses the message like a mail client would: the subject must
// decode to Subject, every part must decode, text without U+FFFD. It returns
// the number of non-ASCII attachment file names.
func checkMIME(t *testing.T, i int, m Message) int {
	t.Helper()
	e, err := message.Read(bytes.NewReader(m.Raw))
	if err != nil {
		t.Fatalf("message %d (%s, %s): %v", i, m.Kind, m.Charset, err)
	}
	h := gomail.Header{Header: e.Header}
	subj, err := h.Subject()
	if err != nil || subj != m.Subject {
		t.Fatalf("message %d (%s, %s): subject %q (%v), want %q\n%s", i, m.Kind, m.Charset, subj, err, m.Subject, head(m.Raw))
	}
	if m.Charset == "gb2312" {
		// the text must really be GB2312 (HZ encodes exactly the GB2312 set)
		if _, err := simplifiedchinese.HZGB2312.NewEncoder().String(subj); err != nil {
			t.Fatalf("message %d: subject %q is not GB2312: %v", i, subj, err)
		}
	}
	nonASCII := 0
	texts := 0
	err = e.Walk(func(path []int, part *message.Entity, err error) error {
		if err != nil {
			return err
		}
		mt, params, _ := part.Header.ContentType()
		if strings.HasPrefix(mt, "multipart/") {
			return nil
		}
		body, err := io.ReadAll(part.Body)
		if err != nil {
			return err
		}
		if disp, dp, err := part.Header.ContentDisposition(); err == nil && disp == "attachment" {
			name := dp["filename"]
			if name == "" || !utf8.ValidString(name) {
				t.Fatalf("message %d: attachment file name %q", i, name)
			}
			if !isASCII(name) {
				nonASCII++
			}
			if len(body) < 100 {
				t.Fatalf("message %d: attachment %q has %d bytes", i, name, len(body))
			}
			return nil
		}
		if strings.HasPrefix(mt, "text/") && mt != "text/rfc822-headers" {
			texts++
			if !utf8.Valid(body) || bytes.ContainsRune(body, utf8.RuneError) {
				t.Fatalf("message %d (%s, %s): part %v (%s) does not decode cleanly", i, m.Kind, m.Charset, path, mt)
			}
			if cs := strings.ToLower(params["charset"]); m.Kind == KindLegacy && cs != m.Charset {
				t.Fatalf("message %d: part charset %q, Charset %q", i, cs, m.Charset)
			}
			if m.Charset == "gb2312" {
				if _, err := simplifiedchinese.HZGB2312.NewEncoder().Bytes(body); err != nil {
					t.Fatalf("message %d: text is not GB2312: %v", i, err)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("message %d (%s, %s): %v\n%s", i, m.Kind, m.Charset, err, head(m.Raw))
	}
	if texts == 0 {
		t.Fatalf("message %d (%s): no text part", i, m.Kind)
	}
	return nonASCII
}

func head(raw []byte) string {
	if k := bytes.Index(raw, []byte("\r\n\r\n")); k >= 0 {
		return string(raw[:k])
	}
	return string(raw)
}

func TestMalformed(t *testing.T) {
	var seen [4]bool
	for _, m := range Generate(3, 4000) {
		if m.Kind != KindMalformed {
			continue
		}
		raw := string(m.Raw)
		switch {
		case strings.Contains(raw, "multipart/alternative"):
			seen[0] = true
			_, params, _ := mime.ParseMediaType(mustHeader(t, m.Raw, "Content-Type"))
			if strings.Contains(raw, "--"+params["boundary"]+"--") {
				t.Errorf("%s: closing boundary present", m.MessageID)
			}
		case strings.Contains(raw, "base64"):
			seen[1] = true
		case strings.Contains(raw, "x-unknown"):
			seen[2] = true
		case !strings.Contains(raw, "MIME-Version"):
			seen[3] = true
		}
	}
	for k, ok := range seen {
		if !ok {
			t.Errorf("malformed variant %d never generated", k)
		}
	}
}

func mustHeader(t *testing.T, raw []byte, name string) string {
	t.Helper()
	m, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	return m.Header.Get(name)
}

func TestEncodedWords(t *testing.T) {
	long := strings.Repeat("注文番号のお問い合わせ ABC ", 6)
	for _, name := range append([]string{"utf-8"}, LegacyCharsets...) {
		cs := charsets[name]
		text := long
		switch name {
		case "koi8-r", "windows-1251":
			text = strings.Repeat("Заказ номер 123 не пришёл ", 5)
		case "iso-8859-1", "windows-1252":
			text = strings.Repeat("Rückerstattung für Bestellung ", 5)
		case "iso-8859-2":
			text = strings.Repeat("Zwrot pieniędzy za zamówienie ", 5)
		case "gbk", "gb2312":
			text = strings.Repeat("我的订单在哪里 ABC ", 6)
		case "big5":
			text = strings.Repeat("我的訂單在哪裡 ABC ", 6)
		case "euc-kr":
			text = strings.Repeat("주문 취소 요청 ABC ", 6)
		}
		for _, useB := range []bool{true, false} {
			if cs.stateful && !useB {
				continue
			}
			enc, err := encodedWords(text, cs, useB)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			for _, w := range strings.Split(enc, "\r\n ") {
				if len(w) > 75 {
					t.Errorf("%s B=%v: encoded-word of %d chars: %s", name, useB, len(w), w)
				}
			}
			dec := mime.WordDecoder{CharsetReader: message.CharsetReader}
			got, err := dec.DecodeHeader(strings.ReplaceAll(enc, "\r\n", ""))
			if err != nil || got != text {
				t.Errorf("%s B=%v: decoded %q (%v), want %q", name, useB, got, err, text)
			}
		}
	}
}

func TestSpeed(t *testing.T) {
	if raceEnabled || testing.Short() {
		t.Skip("timing is meaningless with -race or -short")
	}
	// best of 3; on a machine busy with other work, CPU time stands in for
	// wall time
	best, bestCPU := time.Hour, time.Hour
	for k := 0; k < 3; k++ {
		var r0, r1 syscall.Rusage
		_ = syscall.Getrusage(syscall.RUSAGE_SELF, &r0)
		t0 := time.Now()
		Generate(int64(k), 10000)
		best = min(best, time.Since(t0))
		_ = syscall.Getrusage(syscall.RUSAGE_SELF, &r1)
		bestCPU = min(bestCPU, time.Duration(r1.Utime.Nano()+r1.Stime.Nano()-r0.Utime.Nano()-r0.Stime.Nano()))
	}
	t.Logf("10,000 messages in %v (%v CPU)", best, bestCPU)
	if best > time.Second && bestCPU > time.Second {
		t.Errorf("generating 10,000 messages took %v (%v CPU), want < 1 s", best, bestCPU)
	}
}

func BenchmarkGenerate10k(b *testing.B) {
	for b.Loop() {
		Generate(1, 10000)
	}
}
