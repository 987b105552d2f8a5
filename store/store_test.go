package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"testing"
	"time"
)

func openTest(t *testing.T) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.UpsertMailbox(context.Background(), "mb", "shop", "support@shop.test"); err != nil {
		t.Fatal(err)
	}
	return s
}

func msg(uid uint32, msgid string, refs ...string) NewMessage {
	raw := []byte(fmt.Sprintf("Message-ID: <%s>\r\n\r\nbody %s", msgid, msgid))
	sum := sha256.Sum256(raw)
	m := NewMessage{
		MailboxID: "mb", StoreID: "shop", Folder: "INBOX", UIDValidity: 7, UID: uid,
		Raw: raw, ContentHash: hex.EncodeToString(sum[:]), MessageID: msgid,
		FromAddr: "buyer@example.com", Subject: "Order " + msgid, Date: time.Date(2026, 11, 1, 10, 0, int(uid), 0, time.UTC),
		Counterparty: "buyer@example.com", SubjectNorm: "order " + msgid,
	}
	if len(refs) > 0 {
		m.InReplyTo = refs[len(refs)-1:]
		m.References = refs
	}
	return m
}

func state(last uint32) FolderState {
	return FolderState{MailboxID: "mb", Name: "INBOX", UIDValidity: 7, LastUID: last}
}

func TestSaveBatchDedupe(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	batch := []NewMessage{msg(1, "a@x"), msg(2, "b@x"), msg(3, "c@x")}
	res, err := s.SaveBatch(ctx, state(3), batch)
	if err != nil {
		t.Fatal(err)
	}
	if res.Inserted != 3 || len(res.NewIDs) != 3 {
		t.Fatalf("first save: %+v", res)
	}
	// The same batch again (a re-run after a crash): nothing new.
	res, err = s.SaveBatch(ctx, state(3), batch)
	if err != nil {
		t.Fatal(err)
	}
	if res.Inserted != 0 || res.Duplicates != 3 {
		t.Fatalf("second save: %+v", res)
	}
	// After a UIDVALIDITY change the same messages come back under new UIDs.
	var moved []NewMessage
	for i, m := range batch {
		m.UIDValidity, m.UID = 99, uint32(100+i)
		moved = append(moved, m)
	}
	res, err = s.SaveBatch(ctx, FolderState{MailboxID: "mb", Name: "INBOX", UIDValidity: 99, LastUID: 102}, moved)
	if err != nil {
		t.Fatal(err)
	}
	if res.Inserted != 0 || res.Relocated != 3 {
		t.Fatalf("after uidvalidity change: %+v", res)
	}
	c, _ := s.Counts(ctx, "mb")
	if c.Messages != 3 {
		t.Fatalf("want 3 messages, have %d", c.Messages)
	}
	st, err := s.FolderState(ctx, "mb", "INBOX")
	if err != nil {
		t.Fatal(err)
	}
	if st.UIDValidity != 99 || st.LastUID != 102 {
		t.Fatalf("folder state not advanced with the batch: %+v", st)
	}
	all, _ := s.ListMessages(ctx, ListFilter{})
	if all[0].UID != 100 || all[0].UIDValidity != 99 {
		t.Fatalf("location not updated: %+v", all[0])
	}
}

func TestSaveBatchAtomic(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	bad := msg(2, "b@x")
	bad.MailboxID = "no-such-mailbox" // violates the foreign key: the whole batch must roll back
	_, err := s.SaveBatch(ctx, state(2), []NewMessage{msg(1, "a@x"), bad})
	if err == nil {
		t.Fatal("want an error for a message of an unknown mailbox")
	}
	c, _ := s.Counts(ctx, "")
	if c.Messages != 0 {
		t.Fatalf("half a batch was saved: %d messages", c.Messages)
	}
	st, _ := s.FolderState(ctx, "mb", "INBOX")
	if st.LastUID != 0 {
		t.Fatalf("folder state advanced without its messages: %+v", st)
	}
}

func TestThreads(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name    string
		msgs    []NewMessage
		threads int
		same    [][2]int // pairs of message indexes that must share a thread
	}{
		{
			name:    "reply by In-Reply-To",
			msgs:    []NewMessage{msg(1, "a@x"), msg(2, "b@x", "a@x")},
			threads: 1, same: [][2]int{{0, 1}},
		},
		{
			name:    "reply arrives before the message it answers",
			msgs:    []NewMessage{msg(1, "b@x", "a@x"), msg(2, "a@x")},
			threads: 1, same: [][2]int{{0, 1}},
		},
		{
			name:    "two threads joined by a message referencing both",
			msgs:    []NewMessage{msg(1, "a@x"), msg(2, "z@x"), msg(3, "c@x", "a@x", "z@x")},
			threads: 1, same: [][2]int{{0, 1}, {1, 2}},
		},
		{
			name: "subject and party fallback without references",
			msgs: func() []NewMessage {
				a, b := msg(1, "a@x"), msg(2, "b@x")
				b.SubjectNorm = a.SubjectNorm
				return []NewMessage{a, b}
			}(),
			threads: 1, same: [][2]int{{0, 1}},
		},
		{
			name: "same subject, other buyer: separate",
			msgs: func() []NewMessage {
				a, b := msg(1, "a@x"), msg(2, "b@x")
				b.SubjectNorm, b.Counterparty = a.SubjectNorm, "other@example.com"
				return []NewMessage{a, b}
			}(),
			threads: 2,
		},
		{
			name: "same subject and buyer but months apart: separate",
			msgs: func() []NewMessage {
				a, b := msg(1, "a@x"), msg(2, "b@x")
				b.SubjectNorm = a.SubjectNorm
				b.Date = a.Date.AddDate(0, 3, 0)
				return []NewMessage{a, b}
			}(),
			threads: 2,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := openTest(t)
			// One message per batch, as they would arrive.
			for i, m := range tc.msgs {
				if _, err := s.SaveBatch(ctx, state(uint32(i+1)), []NewMessage{m}); err != nil {
					t.Fatal(err)
				}
			}
			c, _ := s.Counts(ctx, "")
			if c.Threads != tc.threads {
				t.Errorf("want %d threads, have %d", tc.threads, c.Threads)
			}
			all, _ := s.ListMessages(ctx, ListFilter{})
			for _, p := range tc.same {
				if all[p[0]].ThreadID != all[p[1]].ThreadID {
					t.Errorf("messages %d and %d in threads %d and %d", p[0], p[1], all[p[0]].ThreadID, all[p[1]].ThreadID)
				}
			}
		})
	}
}

func TestQuarantinedAndRaw(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	m := msg(1, "bad@x")
	m.ParseError = "mime: missing boundary"
	m.Attachments = []Attachment{{Filename: "photo.jpg", ContentType: "image/jpeg", Size: 1234}}
	res, err := s.SaveBatch(ctx, state(1), []NewMessage{m})
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.GetMessage(ctx, res.NewIDs[0])
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != StatusQuarantined || got.ParseError == "" {
		t.Fatalf("not quarantined: %+v", got.MessageSummary)
	}
	if len(got.Attachments) != 1 || got.Attachments[0].Size != 1234 {
		t.Fatalf("attachments: %+v", got.Attachments)
	}
	raw, err := s.RawMessage(ctx, got.ID)
	if err != nil || string(raw) != string(m.Raw) {
		t.Fatalf("raw not kept: %q %v", raw, err)
	}
	h, _ := s.MailboxHealth(ctx)
	if h[0].Quarantined != 1 {
		t.Fatalf("health: %+v", h)
	}
}

func TestReopenKeepsSchema(t *testing.T) {
	ctx := context.Background()
	p := filepath.Join(t.TempDir(), "r.db")
	s, err := Open(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	s.UpsertMailbox(ctx, "mb", "shop", "a@b")
	s.Close()
	s, err = Open(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	h, err := s.MailboxHealth(ctx)
	if err != nil || len(h) != 1 {
		t.Fatalf("reopen: %v %v", h, err)
	}
	// A database from a newer replydesk is refused, not mangled.
	s.db.Exec(`INSERT INTO schema_version (version) VALUES (999)`)
	s.Close()
	if _, err := Open(ctx, p); err == nil {
		t.Fatal("want an error opening a newer database")
	}
}
