package demo

import (
	"context"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"github.com/replydesk/replydesk/parse"
)

// TestSeedMail: every sample parses, and the set covers what the demo
// promises (languages, channels, must-never-reply mail, a broken message).
func TestSeedMail(t *testing.T) {
	msgs, err := SeedMessages()
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) < 30 {
		t.Fatalf("only %d sample messages", len(msgs))
	}
	channels := map[string]int{}
	var defects, auto int
	for name, raw := range msgs {
		m, err := parse.Parse(raw)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		channels[m.Channel]++
		if len(m.Problems) > 0 {
			defects++
		}
		if m.Auto.AutoSubmitted != "" || m.Auto.Report || m.Auto.ListUnsubscribe != "" {
			auto++
		}
	}
	for _, c := range []string{"amazon", "ebay", "walmart", "tiktok", "aliexpress", "shopify", "mail"} {
		if channels[c] == 0 {
			t.Errorf("no %s sample", c)
		}
	}
	if defects == 0 {
		t.Error("no deliberately broken sample")
	}
	if auto < 3 {
		t.Errorf("only %d automatic messages (auto-reply, bounce, newsletter ...)", auto)
	}
}

// TestServers: the embedded IMAP server serves the seeded mail and the SMTP
// server delivers to it.
func TestServers(t *testing.T) {
	s, err := Start()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c, err := imapclient.DialInsecure(s.IMAPAddr, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	a := Accounts[0]
	if err := c.Login(a.Address, a.Password).Wait(); err != nil {
		t.Fatal(err)
	}
	sel, err := c.Select("INBOX", nil).Wait()
	if err != nil {
		t.Fatal(err)
	}
	if int(sel.NumMessages) != s.Seeded[a.ID] || sel.NumMessages == 0 {
		t.Fatalf("INBOX has %d, seeded %d", sel.NumMessages, s.Seeded[a.ID])
	}
	if err := s.Deliver(a.Address, []byte("Subject: hi\r\n\r\nhello\r\n")); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	for ctx.Err() == nil {
		st, err := c.Status("INBOX", &imap.StatusOptions{NumMessages: true}).Wait()
		if err == nil && *st.NumMessages == sel.NumMessages+1 {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("delivered message not in INBOX")
}
