package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// MessageSummary is a message as lists show it.
type MessageSummary struct {
	ID          int64
	MailboxID   string
	StoreID     string
	Folder      string
	UIDValidity uint32
	UID         uint32
	MessageID   string
	ThreadID    int64
	FromName    string
	FromAddr    string
	Subject     string
	Date        time.Time
	Channel     string
	OrderID     string
	ASIN        string
	Status      string
	Direction   string
	ParseError  string
	Size        int64
	// Labels, when classified (Labeled false otherwise).
	Labeled    bool
	Type       string
	Intent     string
	Priority   string
	Sentiment  int
	Language   string
	NeedsReply bool
}

// ListFilter narrows ListMessages; zero values mean "any".
type ListFilter struct {
	MailboxID string
	StoreID   string
	ThreadID  int64
	Status    string
	Limit     int // 0: no limit
}

const summaryColumns = `m.id, m.mailbox_id, m.store_id, m.folder, m.uidvalidity, m.uid, m.message_id, COALESCE(m.thread_id, 0),
	m.from_name, m.from_addr, m.subject, m.date, m.channel, m.order_id, m.asin, m.status, m.direction, m.parse_error, m.size,
	l.message_id IS NOT NULL, COALESCE(l.type, ''), COALESCE(l.intent, ''), COALESCE(l.priority, ''), COALESCE(l.sentiment, 0),
	COALESCE(l.language, ''), COALESCE(l.needs_reply, 0)`

const summaryFrom = ` FROM messages m LEFT JOIN labels l ON l.message_id = m.id`

func scanSummary(sc interface{ Scan(...any) error }) (MessageSummary, error) {
	var m MessageSummary
	var date int64
	err := sc.Scan(summaryDest(&m, &date)...)
	m.Date = fromMilli(date)
	return m, err
}

func summaryDest(m *MessageSummary, date *int64) []any {
	return []any{&m.ID, &m.MailboxID, &m.StoreID, &m.Folder, &m.UIDValidity, &m.UID, &m.MessageID, &m.ThreadID,
		&m.FromName, &m.FromAddr, &m.Subject, date, &m.Channel, &m.OrderID, &m.ASIN, &m.Status, &m.Direction, &m.ParseError, &m.Size,
		&m.Labeled, &m.Type, &m.Intent, &m.Priority, &m.Sentiment, &m.Language, &m.NeedsReply}
}

// ListMessages lists messages, oldest first by id (the order they were stored).
func (s *Store) ListMessages(ctx context.Context, f ListFilter) ([]MessageSummary, error) {
	var where []string
	var args []any
	if f.MailboxID != "" {
		where, args = append(where, "m.mailbox_id = ?"), append(args, f.MailboxID)
	}
	if f.StoreID != "" {
		where, args = append(where, "m.store_id = ?"), append(args, f.StoreID)
	}
	if f.ThreadID != 0 {
		where, args = append(where, "m.thread_id = ?"), append(args, f.ThreadID)
	}
	if f.Status != "" {
		where, args = append(where, "m.status = ?"), append(args, f.Status)
	}
	q := `SELECT ` + summaryColumns + summaryFrom
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY m.id"
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", f.Limit)
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: list messages: %w", err)
	}
	defer rows.Close()
	var out []MessageSummary
	for rows.Next() {
		m, err := scanSummary(rows)
		if err != nil {
			return nil, fmt.Errorf("store: list messages: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// Message is one stored message in full (without its raw bytes).
type Message struct {
	MessageSummary
	InReplyTo, References string
	To, Cc, ReplyTo       string
	InternalDate          time.Time
	Flags                 string
	SKU                   string
	Text, HTML            string
	NewText, Quoted       string
	Signature             string
	AutoHeaders           string
	Problems              string
	Attachments           []Attachment
}

// GetMessage returns one message by id.
func (s *Store) GetMessage(ctx context.Context, id int64) (*Message, error) {
	row := s.db.QueryRowContext(ctx, `SELECT `+summaryColumns+`, m.in_reply_to, m.refs, m.to_addrs, m.cc_addrs, m.reply_to,
	m.internal_date, m.flags, m.sku, m.body_text, m.body_html, m.new_text, m.quoted_text, m.signature, m.auto_headers, m.problems`+
		summaryFrom+` WHERE m.id = ?`, id)
	var m Message
	var date, idate int64
	err := row.Scan(append(summaryDest(&m.MessageSummary, &date), &m.InReplyTo, &m.References, &m.To, &m.Cc, &m.ReplyTo, &idate,
		&m.Flags, &m.SKU, &m.Text, &m.HTML, &m.NewText, &m.Quoted, &m.Signature, &m.AutoHeaders, &m.Problems)...)
	if err == sql.ErrNoRows {
		return nil, fmt.Errorf("store: message %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store: message %d: %w", id, err)
	}
	m.Date, m.InternalDate = fromMilli(date), fromMilli(idate)
	rows, err := s.db.QueryContext(ctx, `SELECT filename, content_type, content_id, size, inline FROM attachments WHERE message_id = ? ORDER BY id`, id)
	if err != nil {
		return nil, fmt.Errorf("store: attachments of message %d: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var a Attachment
		if err := rows.Scan(&a.Filename, &a.ContentType, &a.ContentID, &a.Size, &a.Inline); err != nil {
			return nil, err
		}
		m.Attachments = append(m.Attachments, a)
	}
	return &m, rows.Err()
}

// RawMessage returns the raw bytes of a stored message, as fetched.
func (s *Store) RawMessage(ctx context.Context, id int64) ([]byte, error) {
	var raw []byte
	err := s.db.QueryRowContext(ctx, `SELECT raw FROM raw_messages WHERE message_id = ?`, id).Scan(&raw)
	if err == sql.ErrNoRows {
		return nil, fmt.Errorf("store: raw message %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store: raw message %d: %w", id, err)
	}
	return raw, nil
}

// Counts are totals over the whole database.
type Counts struct {
	Messages, Threads, Quarantined, Attachments int
	// WithProblems counts messages parsed with defects (bad charset,
	// broken base64 ...): stored and readable, flagged for a person.
	WithProblems int
}

// Counts returns totals, optionally for one mailbox ("" for all).
func (s *Store) Counts(ctx context.Context, mailboxID string) (Counts, error) {
	var c Counts
	err := s.db.QueryRowContext(ctx, `SELECT
	(SELECT COUNT(*) FROM messages WHERE ?1 = '' OR mailbox_id = ?1),
	(SELECT COUNT(*) FROM threads WHERE ?1 = '' OR mailbox_id = ?1),
	(SELECT COUNT(*) FROM messages WHERE parse_error <> '' AND (?1 = '' OR mailbox_id = ?1)),
	(SELECT COUNT(*) FROM attachments a JOIN messages m ON m.id = a.message_id WHERE ?1 = '' OR m.mailbox_id = ?1),
	(SELECT COUNT(*) FROM messages WHERE problems <> '' AND (?1 = '' OR mailbox_id = ?1))`,
		mailboxID).Scan(&c.Messages, &c.Threads, &c.Quarantined, &c.Attachments, &c.WithProblems)
	if err != nil {
		return c, fmt.Errorf("store: counts: %w", err)
	}
	return c, nil
}

// CountBy returns message counts grouped by a column: "channel", "status" or
// "mailbox_id".
func (s *Store) CountBy(ctx context.Context, column string) (map[string]int, error) {
	switch column {
	case "channel", "status", "mailbox_id", "direction":
	default:
		return nil, fmt.Errorf("store: count by %q: not a countable column", column)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+column+`, COUNT(*) FROM messages GROUP BY 1`)
	if err != nil {
		return nil, fmt.Errorf("store: count by %s: %w", column, err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var k string
		var n int
		if err := rows.Scan(&k, &n); err != nil {
			return nil, err
		}
		out[k] = n
	}
	return out, rows.Err()
}
