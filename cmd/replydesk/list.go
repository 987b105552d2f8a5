package main

import (
	"context"
	"encoding/json"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/replydesk/replydesk/store"
)

// listItem is the JSON shape of `replydesk list --json`; scripts rely on it.
type listItem struct {
	ID        int64  `json:"id"`
	Mailbox   string `json:"mailbox"`
	Store     string `json:"store"`
	Folder    string `json:"folder"`
	UID       uint32 `json:"uid"`
	MessageID string `json:"message_id"`
	ThreadID  int64  `json:"thread_id"`
	From      string `json:"from"`
	FromName  string `json:"from_name,omitempty"`
	Subject   string `json:"subject"`
	Date      string `json:"date"`
	Channel   string `json:"channel"`
	OrderID   string `json:"order_id"`
	ASIN      string `json:"asin,omitempty"`
	Direction string `json:"direction"`
	Status    string `json:"status"`
	Error     string `json:"error,omitempty"`
	// Labels (absent when the message was not classified: our own mail).
	Type       string `json:"type,omitempty"`
	Intent     string `json:"intent,omitempty"`
	Priority   string `json:"priority,omitempty"`
	Sentiment  *int   `json:"sentiment,omitempty"`
	Language   string `json:"language,omitempty"`
	NeedsReply *bool  `json:"needs_reply,omitempty"`
}

func cmdList(ctx context.Context, e *env, args []string) error {
	fs, cfgPath := newFlags(e, "list")
	asJSON := fs.Bool("json", false, "one JSON object per message and line")
	mbox := fs.String("mailbox", "", "only this mailbox")
	status := fs.String("status", "", "only messages in this status (pending, quarantined, own)")
	limit := fs.Int("limit", 0, "at most N messages")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := loadConfig(*cfgPath)
	if err != nil {
		return err
	}
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	msgs, err := st.ListMessages(ctx, store.ListFilter{MailboxID: *mbox, Status: *status, Limit: *limit})
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		for _, m := range msgs {
			if err := enc.Encode(toListItem(m)); err != nil {
				return err
			}
		}
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tMAILBOX\tDATE\tFROM\tCHANNEL\tORDER\tLABELS\tSTATUS\tSUBJECT")
	for _, m := range msgs {
		date := ""
		if !m.Date.IsZero() {
			date = m.Date.Format("2006-01-02 15:04")
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", m.ID, m.MailboxID, date, trunc(m.FromAddr, 32),
			m.Channel, m.OrderID, labelSummary(m), m.Status, trunc(m.Subject, 50))
	}
	return tw.Flush()
}

func toListItem(m store.MessageSummary) listItem {
	it := listItem{
		ID: m.ID, Mailbox: m.MailboxID, Store: m.StoreID, Folder: m.Folder, UID: m.UID, MessageID: m.MessageID,
		ThreadID: m.ThreadID, From: m.FromAddr, FromName: m.FromName, Subject: m.Subject, Channel: m.Channel,
		OrderID: m.OrderID, ASIN: m.ASIN, Direction: m.Direction, Status: m.Status, Error: m.ParseError,
	}
	if !m.Date.IsZero() {
		it.Date = m.Date.Format(time.RFC3339)
	}
	if m.Labeled {
		it.Type, it.Intent, it.Priority, it.Language = m.Type, m.Intent, m.Priority, m.Language
		s, nr := m.Sentiment, m.NeedsReply
		it.Sentiment, it.NeedsReply = &s, &nr
	}
	return it
}

func trunc(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// labelSummary is a message's labels in a few characters: priority,
// intent, language, and "noreply" for mail that must not be answered.
func labelSummary(m store.MessageSummary) string {
	if !m.Labeled {
		return "-"
	}
	s := m.Priority + " " + m.Intent + " " + m.Language
	if !m.NeedsReply {
		s += " noreply"
	}
	return s
}
