package pipeline

import (
	"context"
	"log/slog"
	"sync"

	"github.com/replydesk/replydesk/config"
	"github.com/replydesk/replydesk/mailbox"
	"github.com/replydesk/replydesk/store"
)

// Runner runs the pipeline over every configured mailbox, once (sweep) or
// until stopped (serve).
type Runner struct {
	Config   *config.Config
	Store    *store.Store
	Log      *slog.Logger
	Pipeline *Pipeline
	Tokens   *mailbox.TokenStore
	Progress mailbox.Progress // may be nil
	// Parallel bounds how many mailboxes a sweep syncs at once (default 4).
	Parallel int
	// OnSync is passed to every worker (tests and metrics use it).
	OnSync func(mb *config.Mailbox, results []mailbox.FolderResult, err error)
}

// NewRunner builds the runner of a configuration.
func NewRunner(cfg *config.Config, st *store.Store, log *slog.Logger) (*Runner, error) {
	p, err := New(cfg, st, log)
	if err != nil {
		return nil, err
	}
	return &Runner{
		Config: cfg, Store: st, Log: log, Pipeline: p,
		Tokens: mailbox.NewTokenStore(cfg.DataDir),
	}, nil
}

// MailboxResult is the outcome of one mailbox's sweep.
type MailboxResult struct {
	Mailbox string
	Folders []mailbox.FolderResult
	Err     error
}

func (r *Runner) register(ctx context.Context) error {
	for _, mb := range r.Config.Mailboxes {
		if err := r.Store.UpsertMailbox(ctx, mb.ID, mb.Store, mb.Address); err != nil {
			return err
		}
	}
	return nil
}

func (r *Runner) worker(mb *config.Mailbox) *mailbox.Worker {
	return &mailbox.Worker{
		Config: r.Config, Mailbox: mb, Tokens: r.Tokens, Log: r.Log, OnSync: r.OnSync,
		Syncer: &mailbox.Syncer{
			Store: r.Store, Sink: r.Pipeline, Log: r.Log, Progress: r.Progress,
			BatchSize: r.Config.Sync.BatchSize,
		},
	}
}

// Sweep syncs every enabled mailbox once, a few at a time, and returns each
// one's outcome. One mailbox failing does not stop the others.
func (r *Runner) Sweep(ctx context.Context) ([]MailboxResult, error) {
	if err := r.register(ctx); err != nil {
		return nil, err
	}
	par := r.Parallel
	if par <= 0 {
		par = 4
	}
	results := make([]MailboxResult, len(r.Config.Mailboxes))
	sem := make(chan struct{}, par)
	var wg sync.WaitGroup
	for i := range r.Config.Mailboxes {
		mb := &r.Config.Mailboxes[i]
		results[i].Mailbox = mb.ID
		if mb.Disabled {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			res, err := r.worker(mb).SyncOnce(ctx)
			results[i].Folders, results[i].Err = res, err
			if err != nil {
				r.Log.Error("mailbox sweep failed", "mailbox", mb.ID, "error", err)
			}
		}()
	}
	wg.Wait()
	return results, nil
}

// Serve keeps every enabled mailbox in sync, each in its own goroutine,
// until ctx is done; it returns when all workers have stopped.
func (r *Runner) Serve(ctx context.Context) error {
	if err := r.register(ctx); err != nil {
		return err
	}
	var wg sync.WaitGroup
	for i := range r.Config.Mailboxes {
		mb := &r.Config.Mailboxes[i]
		if mb.Disabled {
			r.Log.Info("mailbox disabled, not syncing", "mailbox", mb.ID)
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			r.worker(mb).Run(ctx)
		}()
	}
	wg.Wait()
	return nil
}
