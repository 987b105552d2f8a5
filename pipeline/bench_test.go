package pipeline_test

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"testing"

	"github.com/replydesk/replydesk/config"
	"github.com/replydesk/replydesk/internal/testcorpus"
	"github.com/replydesk/replydesk/mailbox"
	"github.com/replydesk/replydesk/pipeline"
	"github.com/replydesk/replydesk/store"
)

// BenchmarkIngest measures parse + thread + store of fetched messages, the
// part of a sync that is ours (the rest is the IMAP server and the network).
func BenchmarkIngest(b *testing.B) {
	const batch = 200
	msgs := testcorpus.Generate(9, 2000)
	cfg, err := config.LoadBytes([]byte(`data_dir: `+b.TempDir()+`
stores: [{id: shop, name: Shop}]
mailboxes:
  - {id: mb, store: shop, address: support@shop.test, imap: {host: h, port: 143, tls: none}, smtp: {host: h, port: 25, tls: none}, password: x, insecure_plain_password: true}
`), "bench.yaml")
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	var bytes int64
	for _, m := range msgs {
		bytes += int64(len(m.Raw))
	}
	b.SetBytes(bytes / int64(len(msgs)))
	b.ResetTimer()
	n := 0
	for n < b.N {
		b.StopTimer()
		st, err := store.Open(ctx, filepath.Join(b.TempDir(), "b.db"))
		if err != nil {
			b.Fatal(err)
		}
		st.UpsertMailbox(ctx, "mb", "shop", "support@shop.test")
		p, err := pipeline.New(cfg, st, slog.New(slog.NewTextHandler(io.Discard, nil)))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		for i := 0; i < len(msgs) && n < b.N; i += batch {
			var fs []mailbox.Fetched
			for j := i; j < min(i+batch, len(msgs)) && n < b.N; j++ {
				fs = append(fs, mailbox.Fetched{UID: uint32(j + 1), Raw: msgs[j].Raw})
				n++
			}
			if _, err := p.Ingest(ctx, cfg.Mailbox("mb"), store.FolderState{MailboxID: "mb", Name: "INBOX", UIDValidity: 1, LastUID: fs[len(fs)-1].UID}, fs); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		st.Close()
		b.StartTimer()
	}
}
