// Package pipeline wires replydesk's stages together, one way: mailbox ->
// store -> (classify -> reply) -> store. It is the single path every message
// takes, whether it comes from `serve`, `sweep` or `demo`.
package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/mail"
	"runtime"
	"strings"
	"sync"

	"github.com/replydesk/replydesk/config"
	"github.com/replydesk/replydesk/mailbox"
	"github.com/replydesk/replydesk/parse"
	"github.com/replydesk/replydesk/store"
)

// Pipeline processes fetched mail and stores it. It implements mailbox.Sink.
type Pipeline struct {
	Store *store.Store
	Log   *slog.Logger
	// own holds every configured mailbox address, lower-cased: mail from
	// them is ours (direction "out"), not a buyer's.
	own map[string]bool
}

// New returns the pipeline for a configuration.
func New(cfg *config.Config, st *store.Store, log *slog.Logger) *Pipeline {
	p := &Pipeline{Store: st, Log: log, own: map[string]bool{}}
	for _, mb := range cfg.Mailboxes {
		p.own[strings.ToLower(mb.Address)] = true
		if strings.Contains(mb.Username, "@") {
			p.own[strings.ToLower(mb.Username)] = true
		}
	}
	return p
}

var _ mailbox.Sink = (*Pipeline)(nil)

// Ingest parses a batch (in parallel) and saves it with the folder state.
// A message that cannot be parsed is stored raw with the error: one bad
// message never blocks the others.
func (p *Pipeline) Ingest(ctx context.Context, mb *config.Mailbox, st store.FolderState, msgs []mailbox.Fetched) (store.SaveResult, error) {
	out := make([]store.NewMessage, len(msgs))
	workers := min(runtime.GOMAXPROCS(0), len(msgs))
	var wg sync.WaitGroup
	next := make(chan int)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i] = p.Prepare(mb, st.Name, st.UIDValidity, msgs[i])
			}
		}()
	}
	for i := range msgs {
		next <- i
	}
	close(next)
	wg.Wait()
	for i := range out {
		if out[i].ParseError != "" {
			p.Log.Warn("message quarantined: stored raw", "mailbox", mb.ID, "folder", st.Name, "uid", out[i].UID, "error", out[i].ParseError)
		}
	}
	return p.Store.SaveBatch(ctx, st, out)
}

// Prepare turns one fetched message into a store record. It never fails:
// parse errors (and panics, as a last defence) quarantine the message.
func (p *Pipeline) Prepare(mb *config.Mailbox, folder string, uidValidity uint32, f mailbox.Fetched) (nm store.NewMessage) {
	sum := sha256.Sum256(f.Raw)
	nm = store.NewMessage{
		MailboxID: mb.ID, StoreID: mb.Store, Folder: folder, UIDValidity: uidValidity, UID: f.UID,
		Raw: f.Raw, ContentHash: hex.EncodeToString(sum[:]), InternalDate: f.InternalDate,
		Size: f.Size, Flags: f.Flags,
	}
	if nm.Size == 0 {
		nm.Size = int64(len(f.Raw))
	}
	defer func() {
		if r := recover(); r != nil {
			nm.ParseError = fmt.Sprintf("parser crashed: %v", r)
		}
	}()
	m, err := parse.Parse(f.Raw)
	if m == nil {
		if err == nil {
			err = fmt.Errorf("empty result")
		}
		nm.ParseError = err.Error()
		return nm
	}
	if err != nil {
		nm.ParseError = err.Error()
	}
	fill(&nm, m)
	nm.Direction = "in"
	if p.own[nm.FromAddr] {
		nm.Direction = "out"
		nm.Status = store.StatusOwn
	}
	nm.Counterparty = counterparty(&nm, m, p.own)
	return nm
}

func fill(nm *store.NewMessage, m *parse.Message) {
	nm.MessageID = m.MessageID
	nm.InReplyTo = m.InReplyTo
	nm.References = m.References
	nm.FromName, nm.FromAddr = m.From.Name, strings.ToLower(m.From.Addr)
	nm.To, nm.Cc, nm.ReplyTo = formatAddrs(m.To), formatAddrs(m.Cc), formatAddrs(m.ReplyTo)
	nm.Subject = m.Subject
	nm.Date = m.Date
	nm.Channel = m.Channel
	nm.OrderID, nm.ASIN, nm.SKU = m.OrderID, m.ASIN, m.SKU
	nm.Text, nm.HTML = m.Text, m.HTML
	nm.NewText, nm.Quoted, nm.Signature = m.NewText, m.Quoted, m.Signature
	nm.Problems = m.Problems
	if b, err := json.Marshal(m.Auto); err == nil {
		nm.AutoHeaders = string(b)
	}
	for _, a := range m.Attachments {
		nm.Attachments = append(nm.Attachments, store.Attachment{
			Filename: a.Filename, ContentType: a.ContentType, ContentID: a.ContentID, Size: a.Size, Inline: a.Inline,
		})
	}
	nm.SubjectNorm = parse.NormalizeSubject(m.Subject)
}

// counterparty is the other side of the conversation: the sender of a
// buyer's mail (its Reply-To when a relay sets one), or the first recipient
// of our own.
func counterparty(nm *store.NewMessage, m *parse.Message, own map[string]bool) string {
	if own[nm.FromAddr] {
		for _, a := range append(append([]parse.Address{}, m.To...), m.Cc...) {
			if addr := strings.ToLower(a.Addr); addr != "" && !own[addr] {
				return addr
			}
		}
		return ""
	}
	return nm.FromAddr
}

func formatAddrs(as []parse.Address) []string {
	out := make([]string, 0, len(as))
	for _, a := range as {
		out = append(out, (&mail.Address{Name: a.Name, Address: a.Addr}).String())
	}
	return out
}
