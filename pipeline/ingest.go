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

	"github.com/replydesk/replydesk/classify"
	"github.com/replydesk/replydesk/config"
	"github.com/replydesk/replydesk/mailbox"
	"github.com/replydesk/replydesk/parse"
	"github.com/replydesk/replydesk/store"
)

// Pipeline processes fetched mail and stores it. It implements mailbox.Sink.
type Pipeline struct {
	Store      *store.Store
	Log        *slog.Logger
	Classifier *classify.Classifier
	// own holds every configured mailbox address, lower-cased: mail from
	// them is ours (direction "out"), not a buyer's.
	own     map[string]bool
	ownList []string
}

// New returns the pipeline for a configuration.
func New(cfg *config.Config, st *store.Store, log *slog.Logger) (*Pipeline, error) {
	cl, err := classify.New(cfg, log)
	if err != nil {
		return nil, err
	}
	p := &Pipeline{Store: st, Log: log, Classifier: cl, own: map[string]bool{}}
	for _, mb := range cfg.Mailboxes {
		for _, a := range []string{mb.Address, mb.Username} {
			a = strings.ToLower(a)
			if strings.Contains(a, "@") && !p.own[a] {
				p.own[a] = true
				p.ownList = append(p.ownList, a)
			}
		}
	}
	return p, nil
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
				out[i] = p.Prepare(ctx, mb, st.Name, st.UIDValidity, msgs[i])
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
	res, err := p.Store.SaveBatch(ctx, st, out)
	if err != nil {
		return res, err
	}
	p.followUps(ctx, out, res.IDs)
	return res, nil
}

// followUps raises the priority of a buyer's third message on a problem
// still waiting for an answer (LABELS.md: "a third follow-up"). Thread
// membership is only known once stored, hence after the save.
func (p *Pipeline) followUps(ctx context.Context, msgs []store.NewMessage, ids []int64) {
	for i, id := range ids {
		l := msgs[i].Labels
		if id == 0 || l == nil || !l.NeedsReply || l.Priority == classify.PriorityHigh || l.Intent == "thanks" || l.Intent == "review_feedback" {
			continue
		}
		n, err := p.Store.EarlierUnanswered(ctx, id)
		if err != nil || n < 2 {
			continue
		}
		l.Priority = classify.PriorityHigh
		var reasons map[string][]string
		if json.Unmarshal([]byte(l.Reasons), &reasons) == nil {
			reasons["priority"] = append(reasons["priority"], fmt.Sprintf("follow-up number %d on the same problem without an answer", n+1))
			if b, err := json.Marshal(reasons); err == nil {
				l.Reasons = string(b)
			}
		}
		p.Log.Info("follow-up raised to high priority", "message", id, "earlier_unanswered", n)
		if err := p.Store.SaveLabels(ctx, id, *l); err != nil {
			p.Log.Error("raise follow-up priority", "message", id, "error", err)
		}
	}
}

// Prepare turns one fetched message into a store record. It never fails:
// parse errors (and panics, as a last defence) quarantine the message.
func (p *Pipeline) Prepare(ctx context.Context, mb *config.Mailbox, folder string, uidValidity uint32, f mailbox.Fetched) (nm store.NewMessage) {
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
	if nm.Direction == "in" && p.Classifier != nil {
		in := classify.FromParsed(m, f.Raw)
		in.OwnAddresses = p.ownList
		r := p.Classifier.Classify(ctx, in, mb.Store, nm.ContentHash)
		nm.Labels = Labels(r)
	}
	return nm
}

// Labels converts a classification into the store's record.
func Labels(r classify.Result) *store.Labels {
	conf, _ := json.Marshal(r.Confidence)
	reasons, _ := json.Marshal(r.Reasons)
	return &store.Labels{
		Type: r.Type, Intent: r.Intent, Priority: r.Priority, Sentiment: r.Sentiment, Language: r.Language,
		NeedsReply: r.NeedsReply, HumanOnly: r.HumanOnly, Confidence: string(conf), Reasons: string(reasons), Source: r.Source,
	}
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

// Reclassify relabels stored messages (after a model or rule change) from
// their raw bytes, the same way ingest does. It returns how many messages
// were labelled and how many of them changed.
func (p *Pipeline) Reclassify(ctx context.Context, mailboxID string) (n, changed int, err error) {
	refs, err := p.Store.MessagesForReclassify(ctx, mailboxID)
	if err != nil {
		return 0, 0, err
	}
	for _, ref := range refs {
		if ctx.Err() != nil {
			return n, changed, ctx.Err()
		}
		raw, err := p.Store.RawMessage(ctx, ref.ID)
		if err != nil {
			return n, changed, err
		}
		if p.own[ref.FromAddr] {
			continue
		}
		in, _, _ := classify.NewInput(raw)
		in.OwnAddresses = p.ownList
		l := Labels(p.Classifier.Classify(ctx, in, ref.StoreID, ref.Hash))
		old, _ := p.Store.GetLabels(ctx, ref.ID)
		if old == nil || old.Type != l.Type || old.Intent != l.Intent || old.Priority != l.Priority ||
			old.Sentiment != l.Sentiment || old.Language != l.Language || old.NeedsReply != l.NeedsReply {
			changed++
		}
		if err := p.Store.SaveLabels(ctx, ref.ID, *l); err != nil {
			return n, changed, err
		}
		n++
	}
	return n, changed, nil
}
