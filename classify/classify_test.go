package classify

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/replydesk/replydesk/config"
	"github.com/replydesk/replydesk/internal/testcorpus"
)

func mustInput(t testing.TB, raw string) *Input {
	t.Helper()
	in, _, err := NewInput([]byte(strings.ReplaceAll(raw, "\n", "\r\n")))
	if err != nil {
		t.Fatal(err)
	}
	return in
}

const bounce = `From: MAILER-DAEMON@mx.example.com (Mail Delivery System)
To: support@shop.test
Subject: Undelivered Mail Returned to Sender
Date: Mon, 2 Nov 2026 10:00:00 +0000
Message-ID: <b1@mx.example.com>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: text/plain

This is the mail system at host mx.example.com. I'm sorry to have to inform you that your message could not be delivered.
--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.com
Final-Recipient: rfc822; buyer@example.com
Action: failed
Status: 5.1.1
--B--
`

const refund = `From: Maria Lopez <maria@example.es>
To: support@shop.test
Subject: Reembolso pedido 402-1234567-7654321
Date: Mon, 2 Nov 2026 10:00:00 +0000
Message-ID: <r1@example.es>
Content-Type: text/plain; charset=utf-8

Hola, el producto llegó roto. Quiero un reembolso completo de mi pedido 402-1234567-7654321, por favor.
Gracias, Maria
`

func TestClassifyEndToEnd(t *testing.T) {
	c, err := New(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	r := c.Offline(mustInput(t, bounce), "")
	if r.NeedsReply || r.Intent != "bounce" || r.Priority != PriorityLow || r.Sentiment != 0 {
		t.Errorf("bounce: %+v", r)
	}
	if len(r.Reasons["needs_reply"]) == 0 {
		t.Error("bounce: no reason given")
	}
	r = c.Offline(mustInput(t, refund), "")
	if !r.NeedsReply || r.Type != TypeAfterSale || r.Language != "es" || r.Priority != PriorityHigh {
		t.Errorf("refund: %+v", r)
	}
	if r.Intent != "refund" && r.Intent != "damaged_defective" {
		t.Errorf("refund: intent %s", r.Intent)
	}
	for _, f := range []float64{r.Confidence.Type, r.Confidence.Intent, r.Confidence.Priority, r.Confidence.Language, r.Confidence.NeedsReply} {
		if f <= 0 || f > 1 {
			t.Errorf("confidence out of range: %+v", r.Confidence)
		}
	}
}

func TestStoreRules(t *testing.T) {
	cfg := &config.Config{Stores: []config.Store{{ID: "s", Rules: config.StoreRules{
		High: []string{"差评"}, Human: []string{"/\\blawyer\\b/"},
	}}}}
	c, err := New(cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	thanks := `From: a@example.com
To: support@shop.test
Subject: Thanks
Content-Type: text/plain; charset=utf-8

Thank you, all good. %s
`
	for _, tc := range []struct {
		extra     string
		priority  string
		humanOnly bool
	}{
		{"", PriorityLow, false},
		{"不然我给差评", PriorityHigh, false},
		{"My lawyer will call.", PriorityHigh, true},
	} {
		r := c.Offline(mustInput(t, strings.Replace(thanks, "%s", tc.extra, 1)), "s")
		if r.Priority != tc.priority || r.HumanOnly != tc.humanOnly {
			t.Errorf("%q: priority %s human %v, want %s %v (%v)", tc.extra, r.Priority, r.HumanOnly, tc.priority, tc.humanOnly, r.Reasons["priority"])
		}
	}
}

// TestLLMFallbackAndGuard: a failing LLM falls back to the offline labels;
// an LLM that would answer a bounce is overruled by the header evidence.
func TestLLMFallbackAndGuard(t *testing.T) {
	answer := ""
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if answer == "" {
			http.Error(w, "down", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"choices":[{"message":{"role":"assistant","content":` + answer + `}}]}`))
	}))
	defer srv.Close()
	c, err := New(&config.Config{DataDir: t.TempDir(), LLM: config.LLM{BaseURL: srv.URL, Model: "m"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	r := c.Classify(context.Background(), mustInput(t, refund), "", "h1")
	if r.Source != "offline" || !r.NeedsReply {
		t.Fatalf("failing LLM: %+v", r)
	}
	answer = `"{\"type\":\"buyer_message\",\"intent\":\"thanks\",\"priority\":\"low\",\"sentiment\":1,\"language\":\"en\",\"needs_reply\":true,\"confidence\":0.9,\"reason\":\"x\"}"`
	r = c.Classify(context.Background(), mustInput(t, bounce), "", "h2")
	if r.NeedsReply {
		t.Fatalf("LLM answered a bounce: %+v", r)
	}
}

func BenchmarkClassifyParsed(b *testing.B) {
	c, _ := New(nil, nil)
	var ins []*Input
	for _, m := range testcorpus.Generate(3, 500) {
		in, _, _ := NewInput(m.Raw)
		ins = append(ins, in)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c.Offline(ins[i%len(ins)], "")
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "msgs/s")
}
