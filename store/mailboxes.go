package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// MailboxHealth is what the store knows of a mailbox's sync.
type MailboxHealth struct {
	ID, StoreID, Address string
	LastSync, LastOK     time.Time
	LastError            string
	ErrorCount           int // consecutive failed syncs
	Messages             int
	Quarantined          int // messages kept raw because they failed to parse
}

// UpsertMailbox registers a configured mailbox (idempotent).
func (s *Store) UpsertMailbox(ctx context.Context, id, storeID, address string) error {
	_, err := s.db.ExecContext(ctx, `
INSERT INTO mailboxes (id, store_id, address, created_at) VALUES (?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET store_id = excluded.store_id, address = excluded.address`,
		id, storeID, address, time.Now().UnixMilli())
	if err != nil {
		return fmt.Errorf("store: register mailbox %s: %w", id, err)
	}
	return nil
}

// RecordSync notes the outcome of one sync of a mailbox: syncErr nil for
// success. The error text is what the person sees on the mailbox's health.
func (s *Store) RecordSync(ctx context.Context, mailboxID string, syncErr error) error {
	now := time.Now().UnixMilli()
	var err error
	if syncErr == nil {
		_, err = s.db.ExecContext(ctx, `UPDATE mailboxes SET last_sync_at = ?, last_ok_at = ?, last_error = '', error_count = 0 WHERE id = ?`,
			now, now, mailboxID)
	} else {
		_, err = s.db.ExecContext(ctx, `UPDATE mailboxes SET last_sync_at = ?, last_error = ?, error_count = error_count + 1 WHERE id = ?`,
			now, syncErr.Error(), mailboxID)
	}
	if err != nil {
		return fmt.Errorf("store: record sync of mailbox %s: %w", mailboxID, err)
	}
	return nil
}

// MailboxHealth lists every registered mailbox with its sync state and counts.
func (s *Store) MailboxHealth(ctx context.Context) ([]MailboxHealth, error) {
	rows, err := s.db.QueryContext(ctx, `
SELECT m.id, m.store_id, m.address, m.last_sync_at, m.last_ok_at, m.last_error, m.error_count,
	(SELECT COUNT(*) FROM messages WHERE mailbox_id = m.id),
	(SELECT COUNT(*) FROM messages WHERE mailbox_id = m.id AND parse_error <> '')
FROM mailboxes m ORDER BY m.id`)
	if err != nil {
		return nil, fmt.Errorf("store: mailbox health: %w", err)
	}
	defer rows.Close()
	var out []MailboxHealth
	for rows.Next() {
		var h MailboxHealth
		var lastSync, lastOK int64
		if err := rows.Scan(&h.ID, &h.StoreID, &h.Address, &lastSync, &lastOK, &h.LastError, &h.ErrorCount, &h.Messages, &h.Quarantined); err != nil {
			return nil, fmt.Errorf("store: mailbox health: %w", err)
		}
		h.LastSync, h.LastOK = fromMilli(lastSync), fromMilli(lastOK)
		out = append(out, h)
	}
	return out, rows.Err()
}

// FolderState is the IMAP sync state of one folder (RFC 9051 section 2.3.1.1:
// UIDs are only meaningful together with UIDVALIDITY).
type FolderState struct {
	MailboxID     string
	Name          string
	UIDValidity   uint32
	LastUID       uint32 // highest UID stored under UIDValidity
	UIDNext       uint32
	HighestModSeq uint64 // RFC 7162 CONDSTORE, 0 when not offered
	SyncedAt      time.Time
}

// FolderState returns the saved state of a folder; a folder never synced
// returns a zero state (UIDValidity 0) and no error.
func (s *Store) FolderState(ctx context.Context, mailboxID, name string) (FolderState, error) {
	st := FolderState{MailboxID: mailboxID, Name: name}
	var synced int64
	err := s.db.QueryRowContext(ctx, `SELECT uidvalidity, last_uid, uidnext, highest_modseq, synced_at FROM folders WHERE mailbox_id = ? AND name = ?`,
		mailboxID, name).Scan(&st.UIDValidity, &st.LastUID, &st.UIDNext, &st.HighestModSeq, &synced)
	if err == sql.ErrNoRows {
		return st, nil
	}
	if err != nil {
		return st, fmt.Errorf("store: folder state %s/%s: %w", mailboxID, name, err)
	}
	st.SyncedAt = fromMilli(synced)
	return st, nil
}

// SaveFolderState records a folder's state.
func (s *Store) SaveFolderState(ctx context.Context, st FolderState) error {
	return s.inTx(ctx, func(tx *sql.Tx) error { return saveFolderState(tx, st) })
}

func saveFolderState(tx *sql.Tx, st FolderState) error {
	_, err := tx.Exec(`
INSERT INTO folders (mailbox_id, name, uidvalidity, last_uid, uidnext, highest_modseq, synced_at) VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (mailbox_id, name) DO UPDATE SET uidvalidity = excluded.uidvalidity, last_uid = excluded.last_uid,
	uidnext = excluded.uidnext, highest_modseq = excluded.highest_modseq, synced_at = excluded.synced_at`,
		st.MailboxID, st.Name, st.UIDValidity, st.LastUID, st.UIDNext, st.HighestModSeq, time.Now().UnixMilli())
	if err != nil {
		return fmt.Errorf("store: save folder state %s/%s: %w", st.MailboxID, st.Name, err)
	}
	return nil
}
