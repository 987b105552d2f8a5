package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// Message statuses. Later workflow states (replied, no_reply_needed ...)
// extend this list.
const (
	StatusPending     = "pending"     // a buyer's message waiting for us
	StatusQuarantined = "quarantined" // could not be parsed: kept raw, shown as such
	StatusOwn         = "own"         // written by the mailbox itself (e.g. found in Sent)
)

// Attachment is an attachment's description; its bytes stay in the raw message.
type Attachment struct {
	Filename, ContentType, ContentID string
	Size                             int64
	Inline                           bool
}

// NewMessage is one fetched message, parsed (or not), ready to be saved.
type NewMessage struct {
	MailboxID, StoreID, Folder string
	UIDValidity, UID           uint32
	Raw                        []byte
	ContentHash                string // hex SHA-256 of Raw
	InternalDate               time.Time
	Size                       int64
	Flags                      []string

	MessageID             string
	InReplyTo, References []string
	FromName, FromAddr    string
	To, Cc, ReplyTo       []string // formatted addresses
	Subject               string
	Date                  time.Time
	Direction             string // in | out
	Channel               string
	OrderID, ASIN, SKU    string
	Text, HTML            string
	NewText, Quoted       string
	Signature             string
	AutoHeaders           string // JSON of the automatic-mail headers
	Problems              []string
	ParseError            string // non-empty: quarantined
	Status                string
	Attachments           []Attachment
	Labels                *Labels // nil: not classified

	// Threading keys: normalised subject and the other party's address.
	SubjectNorm, Counterparty string
}

// SaveResult says what SaveBatch did with each message of a batch.
type SaveResult struct {
	Inserted   int
	Duplicates int // already stored at this very location
	Relocated  int // already stored (same content) under another UID or UIDVALIDITY: location updated
	NewIDs     []int64
	// IDs holds, for each message of the batch in order, its new id (0 when
	// it was a duplicate or relocated).
	IDs []int64
}

// SaveBatch stores a batch of messages fetched from one folder and advances
// the folder's state in the same transaction, so that a crash leaves either
// both or neither. Deduplication: first on mailbox+folder+uidvalidity+uid,
// then on content hash (which covers the Message-ID header), so a re-run or a
// UIDVALIDITY reset never creates a second copy.
func (s *Store) SaveBatch(ctx context.Context, st FolderState, msgs []NewMessage) (SaveResult, error) {
	var res SaveResult
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res = SaveResult{}
		b, err := prepareBatch(tx)
		if err != nil {
			return err
		}
		defer b.close()
		for i := range msgs {
			m := &msgs[i]
			id, outcome, err := b.save(ctx, m)
			if err != nil {
				return fmt.Errorf("message uid %d (%s): %w", m.UID, m.MessageID, err)
			}
			newID := int64(0)
			if outcome == saved {
				newID = id
			}
			res.IDs = append(res.IDs, newID)
			switch outcome {
			case saved:
				res.Inserted++
				res.NewIDs = append(res.NewIDs, id)
			case duplicate:
				res.Duplicates++
			case relocated:
				res.Relocated++
			}
		}
		return saveFolderState(tx, st)
	})
	if err != nil {
		return SaveResult{}, fmt.Errorf("store: save batch for %s/%s: %w", st.MailboxID, st.Name, err)
	}
	return res, nil
}

type saveOutcome int

const (
	saved saveOutcome = iota
	duplicate
	relocated
)

type batch struct {
	tx                                         *sql.Tx
	byLoc, byHash, relocate, insert, insertRaw *sql.Stmt
	insertAtt, refLookup, refInsert, fallback  *sql.Stmt
	threadInsert, threadTouch                  *sql.Stmt
}

func prepareBatch(tx *sql.Tx) (*batch, error) {
	b := &batch{tx: tx}
	stmts := []struct {
		dst **sql.Stmt
		sql string
	}{
		{&b.byLoc, `SELECT id FROM messages WHERE mailbox_id = ? AND folder = ? AND uidvalidity = ? AND uid = ?`},
		{&b.byHash, `SELECT id FROM messages WHERE mailbox_id = ? AND content_hash = ? LIMIT 1`},
		{&b.relocate, `UPDATE messages SET folder = ?, uidvalidity = ?, uid = ?, flags = ? WHERE id = ?`},
		{&b.insert, `INSERT INTO messages (mailbox_id, store_id, folder, uidvalidity, uid, message_id, content_hash, thread_id,
	in_reply_to, refs, from_name, from_addr, to_addrs, cc_addrs, reply_to, subject, date, internal_date, size, flags,
	direction, channel, order_id, asin, sku, body_text, body_html, new_text, quoted_text, signature, auto_headers,
	problems, parse_error, status, created_at)
VALUES (?,?,?,?,?,?,?,?, ?,?,?,?,?,?,?,?,?,?,?,?, ?,?,?,?,?,?,?,?,?,?,?, ?,?,?,?)`},
		{&b.insertRaw, `INSERT INTO raw_messages (message_id, raw) VALUES (?, ?)`},
		{&b.insertAtt, `INSERT INTO attachments (message_id, filename, content_type, content_id, size, inline) VALUES (?, ?, ?, ?, ?, ?)`},
		{&b.refLookup, `SELECT thread_id FROM thread_refs WHERE mailbox_id = ? AND ref = ?`},
		{&b.refInsert, `INSERT INTO thread_refs (mailbox_id, ref, thread_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`},
		{&b.fallback, `SELECT id FROM threads WHERE mailbox_id = ? AND subject_norm = ? AND counterparty = ? AND last_at >= ? ORDER BY last_at DESC LIMIT 1`},
		{&b.threadInsert, `INSERT INTO threads (mailbox_id, subject, subject_norm, counterparty, first_at, last_at, message_count) VALUES (?, ?, ?, ?, ?, ?, 0)`},
		{&b.threadTouch, `UPDATE threads SET message_count = message_count + 1,
	first_at = CASE WHEN first_at = 0 OR ? < first_at THEN ? ELSE first_at END,
	last_at = CASE WHEN ? > last_at THEN ? ELSE last_at END WHERE id = ?`},
	}
	for _, st := range stmts {
		p, err := tx.Prepare(st.sql)
		if err != nil {
			b.close()
			return nil, err
		}
		*st.dst = p
	}
	return b, nil
}

func (b *batch) close() {
	for _, st := range []*sql.Stmt{b.byLoc, b.byHash, b.relocate, b.insert, b.insertRaw, b.insertAtt,
		b.refLookup, b.refInsert, b.fallback, b.threadInsert, b.threadTouch} {
		if st != nil {
			st.Close()
		}
	}
}

func (b *batch) save(ctx context.Context, m *NewMessage) (int64, saveOutcome, error) {
	var id int64
	err := b.byLoc.QueryRowContext(ctx, m.MailboxID, m.Folder, m.UIDValidity, m.UID).Scan(&id)
	if err == nil {
		return id, duplicate, nil
	} else if err != sql.ErrNoRows {
		return 0, 0, err
	}
	err = b.byHash.QueryRowContext(ctx, m.MailboxID, m.ContentHash).Scan(&id)
	if err == nil {
		_, err = b.relocate.ExecContext(ctx, m.Folder, m.UIDValidity, m.UID, strings.Join(m.Flags, " "), id)
		return id, relocated, err
	} else if err != sql.ErrNoRows {
		return 0, 0, err
	}

	threadID, err := b.thread(ctx, m)
	if err != nil {
		return 0, 0, fmt.Errorf("thread: %w", err)
	}
	status := m.Status
	if status == "" {
		status = StatusPending
	}
	if m.ParseError != "" {
		status = StatusQuarantined
	}
	direction := m.Direction
	if direction == "" {
		direction = "in"
	}
	channel := m.Channel
	if channel == "" {
		channel = "mail"
	}
	r, err := b.insert.ExecContext(ctx, m.MailboxID, m.StoreID, m.Folder, m.UIDValidity, m.UID, m.MessageID, m.ContentHash, threadID,
		strings.Join(m.InReplyTo, " "), strings.Join(m.References, " "), m.FromName, m.FromAddr,
		strings.Join(m.To, ", "), strings.Join(m.Cc, ", "), strings.Join(m.ReplyTo, ", "), m.Subject,
		unixMilli(m.Date), unixMilli(m.InternalDate), m.Size, strings.Join(m.Flags, " "),
		direction, channel, m.OrderID, m.ASIN, m.SKU, m.Text, m.HTML, m.NewText, m.Quoted, m.Signature, m.AutoHeaders,
		strings.Join(m.Problems, "\n"), m.ParseError, status, time.Now().UnixMilli())
	if err != nil {
		return 0, 0, err
	}
	id, err = r.LastInsertId()
	if err != nil {
		return 0, 0, err
	}
	if _, err := b.insertRaw.ExecContext(ctx, id, m.Raw); err != nil {
		return 0, 0, err
	}
	for _, a := range m.Attachments {
		if _, err := b.insertAtt.ExecContext(ctx, id, a.Filename, a.ContentType, a.ContentID, a.Size, a.Inline); err != nil {
			return 0, 0, err
		}
	}
	if m.Labels != nil {
		if err := saveLabels(ctx, b.tx, id, m.Labels); err != nil {
			return 0, 0, err
		}
	}
	return id, saved, nil
}

// thread finds or creates the thread of m (RFC 5322 section 3.6.4: Message-ID,
// In-Reply-To, References), falling back to the normalised subject and the
// other party within 30 days, and records m's ids for later messages.
func (b *batch) thread(ctx context.Context, m *NewMessage) (int64, error) {
	refs := threadRefs(m)
	var found []int64
	for _, ref := range refs {
		var tid int64
		err := b.refLookup.QueryRowContext(ctx, m.MailboxID, ref).Scan(&tid)
		if err == sql.ErrNoRows {
			continue
		} else if err != nil {
			return 0, err
		}
		if !containsID(found, tid) {
			found = append(found, tid)
		}
	}
	when := m.Date
	if when.IsZero() {
		when = m.InternalDate
	}
	at := unixMilli(when)
	var tid int64
	switch {
	case len(found) > 0:
		tid = found[0]
		for _, other := range found[1:] {
			if other < tid {
				tid = other
			}
		}
		for _, other := range found {
			if other != tid {
				if err := b.mergeThreads(ctx, tid, other); err != nil {
					return 0, err
				}
			}
		}
	case m.SubjectNorm != "" && m.Counterparty != "":
		err := b.fallback.QueryRowContext(ctx, m.MailboxID, m.SubjectNorm, m.Counterparty, at-30*24*3600*1000).Scan(&tid)
		if err != nil && err != sql.ErrNoRows {
			return 0, err
		}
	}
	if tid == 0 {
		r, err := b.threadInsert.ExecContext(ctx, m.MailboxID, m.Subject, m.SubjectNorm, m.Counterparty, at, at)
		if err != nil {
			return 0, err
		}
		if tid, err = r.LastInsertId(); err != nil {
			return 0, err
		}
	}
	for _, ref := range refs {
		if _, err := b.refInsert.ExecContext(ctx, m.MailboxID, ref, tid); err != nil {
			return 0, err
		}
	}
	if _, err := b.threadTouch.ExecContext(ctx, at, at, at, at, tid); err != nil {
		return 0, err
	}
	return tid, nil
}

// mergeThreads moves everything of thread from into thread into: a message
// can join two threads that were started separately (its References name
// both).
func (b *batch) mergeThreads(ctx context.Context, into, from int64) error {
	for _, q := range []string{
		`UPDATE messages SET thread_id = ? WHERE thread_id = ?`,
		`UPDATE thread_refs SET thread_id = ? WHERE thread_id = ?`,
	} {
		if _, err := b.tx.ExecContext(ctx, q, into, from); err != nil {
			return err
		}
	}
	_, err := b.tx.ExecContext(ctx, `UPDATE threads SET
	message_count = message_count + (SELECT message_count FROM threads WHERE id = ?2),
	first_at = MIN(first_at, (SELECT first_at FROM threads WHERE id = ?2)),
	last_at = MAX(last_at, (SELECT last_at FROM threads WHERE id = ?2)) WHERE id = ?1`, into, from)
	if err != nil {
		return err
	}
	_, err = b.tx.ExecContext(ctx, `DELETE FROM threads WHERE id = ?`, from)
	return err
}

func threadRefs(m *NewMessage) []string {
	var out []string
	add := func(r string) {
		r = strings.TrimSpace(r)
		if r == "" {
			return
		}
		for _, o := range out {
			if o == r {
				return
			}
		}
		out = append(out, r)
	}
	add(m.MessageID)
	for _, r := range m.InReplyTo {
		add(r)
	}
	for _, r := range m.References {
		add(r)
	}
	return out
}

func containsID(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// UpdateFlags records the server's current flags for messages of a folder
// (from a CONDSTORE CHANGEDSINCE fetch).
func (s *Store) UpdateFlags(ctx context.Context, mailboxID, folder string, uidValidity uint32, flags map[uint32][]string) error {
	if len(flags) == 0 {
		return nil
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		st, err := tx.PrepareContext(ctx, `UPDATE messages SET flags = ? WHERE mailbox_id = ? AND folder = ? AND uidvalidity = ? AND uid = ?`)
		if err != nil {
			return err
		}
		defer st.Close()
		for uid, f := range flags {
			if _, err := st.ExecContext(ctx, strings.Join(f, " "), mailboxID, folder, uidValidity, uid); err != nil {
				return fmt.Errorf("store: update flags of %s/%s uid %d: %w", mailboxID, folder, uid, err)
			}
		}
		return nil
	})
}
