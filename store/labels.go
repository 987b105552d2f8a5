package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Labels are a message's classification. Confidence and Reasons are JSON
// documents written by the classifier; the store does not look inside.
type Labels struct {
	Type, Intent, Priority string
	Sentiment              int
	Language               string
	NeedsReply             bool
	HumanOnly              bool
	Confidence, Reasons    string
	Source                 string
	ClassifiedAt           time.Time
}

func saveLabels(ctx context.Context, ex interface {
	ExecContext(context.Context, string, ...any) (sql.Result, error)
}, id int64, l *Labels) error {
	_, err := ex.ExecContext(ctx, `
INSERT INTO labels (message_id, type, intent, priority, sentiment, language, needs_reply, human_only, confidence, reasons, source, classified_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (message_id) DO UPDATE SET type = excluded.type, intent = excluded.intent, priority = excluded.priority,
	sentiment = excluded.sentiment, language = excluded.language, needs_reply = excluded.needs_reply,
	human_only = excluded.human_only, confidence = excluded.confidence, reasons = excluded.reasons,
	source = excluded.source, classified_at = excluded.classified_at`,
		id, l.Type, l.Intent, l.Priority, l.Sentiment, l.Language, l.NeedsReply, l.HumanOnly, l.Confidence, l.Reasons, l.Source,
		time.Now().UnixMilli())
	return err
}

// SaveLabels stores (or replaces) a message's labels.
func (s *Store) SaveLabels(ctx context.Context, id int64, l Labels) error {
	if err := saveLabels(ctx, s.db, id, &l); err != nil {
		return fmt.Errorf("store: save labels of message %d: %w", id, err)
	}
	return nil
}

// GetLabels returns a message's labels, or ErrNotFound when it has none.
func (s *Store) GetLabels(ctx context.Context, id int64) (*Labels, error) {
	var l Labels
	var at int64
	err := s.db.QueryRowContext(ctx, `SELECT type, intent, priority, sentiment, language, needs_reply, human_only,
	confidence, reasons, source, classified_at FROM labels WHERE message_id = ?`, id).Scan(
		&l.Type, &l.Intent, &l.Priority, &l.Sentiment, &l.Language, &l.NeedsReply, &l.HumanOnly,
		&l.Confidence, &l.Reasons, &l.Source, &at)
	if err == sql.ErrNoRows {
		return nil, fmt.Errorf("store: labels of message %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store: labels of message %d: %w", id, err)
	}
	l.ClassifiedAt = fromMilli(at)
	return &l, nil
}

// EarlierUnanswered counts the messages from the same sender earlier in
// the same thread that are still waiting for an answer: the follow-up
// count the priority rules use.
func (s *Store) EarlierUnanswered(ctx context.Context, id int64) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM messages p JOIN messages m ON m.id = ?
	WHERE p.thread_id = m.thread_id AND p.from_addr = m.from_addr AND p.id < m.id AND p.direction = 'in' AND p.status = ?`,
		id, StatusPending).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: count follow-ups before message %d: %w", id, err)
	}
	return n, nil
}

// RawRef is a stored message to reclassify.
type RawRef struct {
	ID        int64
	StoreID   string
	MailboxID string
	Hash      string
	ThreadID  int64
	FromAddr  string
}

// MessagesForReclassify lists the messages of a mailbox ("" for all), oldest first.
func (s *Store) MessagesForReclassify(ctx context.Context, mailboxID string) ([]RawRef, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, store_id, mailbox_id, content_hash, COALESCE(thread_id, 0), from_addr
	FROM messages WHERE ?1 = '' OR mailbox_id = ?1 ORDER BY id`, mailboxID)
	if err != nil {
		return nil, fmt.Errorf("store: list messages to reclassify: %w", err)
	}
	defer rows.Close()
	var out []RawRef
	for rows.Next() {
		var r RawRef
		if err := rows.Scan(&r.ID, &r.StoreID, &r.MailboxID, &r.Hash, &r.ThreadID, &r.FromAddr); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
