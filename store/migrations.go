package store

import (
	"context"
	"database/sql"
	"fmt"
)

// migrations are applied in order; migration i brings the schema to version
// i+1. Never edit one that has shipped: append a new one.
var migrations = []func(tx *sql.Tx) error{
	migrateIngest,
	migrateLabels,
}

func (s *Store) migrate(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)`); err != nil {
		return fmt.Errorf("store: create schema_version: %w", err)
	}
	var version int
	err := s.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_version`).Scan(&version)
	if err != nil {
		return fmt.Errorf("store: read schema version: %w", err)
	}
	if version > len(migrations) {
		return fmt.Errorf("store: database %s has schema version %d, newer than this replydesk (%d): upgrade replydesk", s.path, version, len(migrations))
	}
	for v := version; v < len(migrations); v++ {
		err := s.inTx(ctx, func(tx *sql.Tx) error {
			if err := migrations[v](tx); err != nil {
				return err
			}
			_, err := tx.Exec(`INSERT INTO schema_version (version) VALUES (?)`, v+1)
			return err
		})
		if err != nil {
			return fmt.Errorf("store: migration %d: %w", v+1, err)
		}
	}
	return nil
}

// migrateIngest creates the ingest schema: mailboxes and their folders' sync
// state, messages (raw kept apart so retention can drop it), attachments and
// threads.
func migrateIngest(tx *sql.Tx) error {
	_, err := tx.Exec(`
CREATE TABLE mailboxes (
	id          TEXT PRIMARY KEY,
	store_id    TEXT NOT NULL,
	address     TEXT NOT NULL,
	created_at  INTEGER NOT NULL,
	last_sync_at INTEGER NOT NULL DEFAULT 0,
	last_ok_at   INTEGER NOT NULL DEFAULT 0,
	last_error   TEXT NOT NULL DEFAULT '',
	error_count  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE folders (
	id             INTEGER PRIMARY KEY,
	mailbox_id     TEXT NOT NULL REFERENCES mailboxes(id) ON DELETE CASCADE,
	name           TEXT NOT NULL,
	uidvalidity    INTEGER NOT NULL DEFAULT 0,
	last_uid       INTEGER NOT NULL DEFAULT 0,
	uidnext        INTEGER NOT NULL DEFAULT 0,
	highest_modseq INTEGER NOT NULL DEFAULT 0,
	synced_at      INTEGER NOT NULL DEFAULT 0,
	UNIQUE (mailbox_id, name)
);

CREATE TABLE threads (
	id            INTEGER PRIMARY KEY,
	mailbox_id    TEXT NOT NULL REFERENCES mailboxes(id) ON DELETE CASCADE,
	subject       TEXT NOT NULL DEFAULT '',
	subject_norm  TEXT NOT NULL DEFAULT '',
	counterparty  TEXT NOT NULL DEFAULT '',
	first_at      INTEGER NOT NULL DEFAULT 0,
	last_at       INTEGER NOT NULL DEFAULT 0,
	message_count INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX threads_fallback ON threads (mailbox_id, subject_norm, counterparty);

-- Every Message-ID seen in a thread (own ids and referenced ones), so that a
-- reply finds its thread even when the message it answers arrives later.
CREATE TABLE thread_refs (
	mailbox_id TEXT NOT NULL,
	ref        TEXT NOT NULL,
	thread_id  INTEGER NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
	PRIMARY KEY (mailbox_id, ref)
);

CREATE TABLE messages (
	id            INTEGER PRIMARY KEY,
	mailbox_id    TEXT NOT NULL REFERENCES mailboxes(id) ON DELETE CASCADE,
	store_id      TEXT NOT NULL,
	folder        TEXT NOT NULL,
	uidvalidity   INTEGER NOT NULL,
	uid           INTEGER NOT NULL,
	message_id    TEXT NOT NULL DEFAULT '',
	content_hash  TEXT NOT NULL,
	thread_id     INTEGER REFERENCES threads(id),
	in_reply_to   TEXT NOT NULL DEFAULT '',
	refs          TEXT NOT NULL DEFAULT '',
	from_name     TEXT NOT NULL DEFAULT '',
	from_addr     TEXT NOT NULL DEFAULT '',
	to_addrs      TEXT NOT NULL DEFAULT '',
	cc_addrs      TEXT NOT NULL DEFAULT '',
	reply_to      TEXT NOT NULL DEFAULT '',
	subject       TEXT NOT NULL DEFAULT '',
	date          INTEGER NOT NULL DEFAULT 0,
	internal_date INTEGER NOT NULL DEFAULT 0,
	size          INTEGER NOT NULL DEFAULT 0,
	flags         TEXT NOT NULL DEFAULT '',
	direction     TEXT NOT NULL DEFAULT 'in',
	channel       TEXT NOT NULL DEFAULT 'mail',
	order_id      TEXT NOT NULL DEFAULT '',
	asin          TEXT NOT NULL DEFAULT '',
	sku           TEXT NOT NULL DEFAULT '',
	body_text     TEXT NOT NULL DEFAULT '',
	body_html     TEXT NOT NULL DEFAULT '',
	new_text      TEXT NOT NULL DEFAULT '',
	quoted_text   TEXT NOT NULL DEFAULT '',
	signature     TEXT NOT NULL DEFAULT '',
	auto_headers  TEXT NOT NULL DEFAULT '',
	problems      TEXT NOT NULL DEFAULT '',
	parse_error   TEXT NOT NULL DEFAULT '',
	status        TEXT NOT NULL DEFAULT 'pending',
	created_at    INTEGER NOT NULL,
	UNIQUE (mailbox_id, folder, uidvalidity, uid)
);
CREATE INDEX messages_hash ON messages (mailbox_id, content_hash);
CREATE INDEX messages_msgid ON messages (mailbox_id, message_id);
CREATE INDEX messages_thread ON messages (thread_id);
CREATE INDEX messages_date ON messages (mailbox_id, date);

CREATE TABLE raw_messages (
	message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
	raw        BLOB NOT NULL
);

CREATE TABLE attachments (
	id           INTEGER PRIMARY KEY,
	message_id   INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
	filename     TEXT NOT NULL DEFAULT '',
	content_type TEXT NOT NULL DEFAULT '',
	content_id   TEXT NOT NULL DEFAULT '',
	size         INTEGER NOT NULL DEFAULT 0,
	inline       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX attachments_message ON attachments (message_id);
`)
	return err
}

// migrateLabels adds the classifier's labels, one row per message, kept
// apart from the message so that reclassifying rewrites only them.
func migrateLabels(tx *sql.Tx) error {
	_, err := tx.Exec(`
CREATE TABLE labels (
	message_id    INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
	type          TEXT NOT NULL,
	intent        TEXT NOT NULL,
	priority      TEXT NOT NULL,
	sentiment     INTEGER NOT NULL,
	language      TEXT NOT NULL,
	needs_reply   INTEGER NOT NULL,
	human_only    INTEGER NOT NULL DEFAULT 0,
	confidence    TEXT NOT NULL DEFAULT '',
	reasons       TEXT NOT NULL DEFAULT '',
	source        TEXT NOT NULL DEFAULT '',
	classified_at INTEGER NOT NULL
);
CREATE INDEX labels_priority ON labels (priority, needs_reply);
`)
	return err
}
