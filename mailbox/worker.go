package mailbox

import (
	"context"
	"errors"
	"log/slog"
	"math/rand/v2"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"github.com/replydesk/replydesk/config"
)

// Worker keeps one mailbox in sync: each mailbox has its own, in its own
// goroutine, so a mailbox that fails never holds up the others.
type Worker struct {
	Config  *config.Config
	Mailbox *config.Mailbox
	Syncer  *Syncer
	Tokens  *TokenStore
	Log     *slog.Logger
	// OnSync, if set, is called after every sync with its results (nil
	// error) or failure.
	OnSync func(mb *config.Mailbox, results []FolderResult, err error)

	// Backoff bounds; zero means 1 s and 5 min. Auth failures wait at least
	// AuthRetry (default 10 min): retrying a refused password quickly only
	// gets the account locked.
	MinBackoff, MaxBackoff, AuthRetry time.Duration
}

func (w *Worker) folders() []string {
	if len(w.Mailbox.Folders) == 0 {
		return []string{"INBOX"}
	}
	return w.Mailbox.Folders
}

func (w *Worker) dial(ctx context.Context, handler *imapclient.UnilateralDataHandler) (*imapclient.Client, error) {
	creds, err := CredentialsFor(ctx, w.Config, w.Mailbox, w.Tokens)
	if err != nil {
		return nil, err
	}
	return DialIMAP(ctx, w.Mailbox, creds, handler)
}

func (w *Worker) syncFolders(ctx context.Context, c *imapclient.Client) ([]FolderResult, error) {
	var results []FolderResult
	for _, f := range w.folders() {
		r, err := w.Syncer.SyncFolder(ctx, c, w.Mailbox, f)
		if err != nil {
			return results, err
		}
		if r.New > 0 || r.UIDValidityChanged || r.FlagsUpdated > 0 {
			w.Log.Info("synced folder", "mailbox", w.Mailbox.ID, "folder", f, "new", r.New, "inserted", r.Inserted,
				"duplicates", r.Duplicates, "relocated", r.Relocated, "flags_updated", r.FlagsUpdated)
		}
		results = append(results, r)
	}
	return results, nil
}

func (w *Worker) record(ctx context.Context, results []FolderResult, err error) {
	if rerr := w.Syncer.Store.RecordSync(context.WithoutCancel(ctx), w.Mailbox.ID, err); rerr != nil {
		w.Log.Error("record sync", "mailbox", w.Mailbox.ID, "error", rerr)
	}
	if w.OnSync != nil {
		w.OnSync(w.Mailbox, results, err)
	}
}

// SyncOnce connects, syncs every folder once and logs out (for sweep).
func (w *Worker) SyncOnce(ctx context.Context) ([]FolderResult, error) {
	c, err := w.dial(ctx, nil)
	if err != nil {
		w.record(ctx, nil, err)
		return nil, err
	}
	defer c.Close()
	results, err := w.syncFolders(ctx, c)
	if err == nil {
		c.Logout().Wait()
	}
	w.record(ctx, results, err)
	return results, err
}

// Run syncs the mailbox until ctx is done: a full sync, then IDLE on the
// first folder where the server offers it (RFC 2177) and the config allows,
// else a poll every interval; reconnecting with exponential backoff and
// jitter after any failure.
func (w *Worker) Run(ctx context.Context) {
	minB, maxB, authB := w.MinBackoff, w.MaxBackoff, w.AuthRetry
	if minB <= 0 {
		minB = time.Second
	}
	if maxB <= 0 {
		maxB = 5 * time.Minute
	}
	if authB <= 0 {
		authB = 10 * time.Minute
	}
	delay := minB
	for ctx.Err() == nil {
		synced, err := w.session(ctx)
		if ctx.Err() != nil {
			return
		}
		if synced {
			delay = minB
		}
		wait := delay + time.Duration(rand.Int64N(int64(delay)/2+1)) // jitter: up to +50%
		if IsAuth(err) && wait < authB {
			wait = authB
		}
		w.Log.Warn("mailbox sync failed, will retry", "mailbox", w.Mailbox.ID, "error", err, "retry_in", wait.Round(time.Millisecond))
		delay = min(delay*2, maxB)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
	}
}

// session runs one connection until it fails or ctx is done. synced reports
// whether at least one sync succeeded (which resets the backoff).
func (w *Worker) session(ctx context.Context) (synced bool, err error) {
	notify := make(chan struct{}, 1)
	handler := &imapclient.UnilateralDataHandler{
		Mailbox: func(d *imapclient.UnilateralDataMailbox) {
			if d.NumMessages != nil {
				select {
				case notify <- struct{}{}:
				default:
				}
			}
		},
	}
	c, err := w.dial(ctx, handler)
	if err != nil {
		w.record(ctx, nil, err)
		return false, err
	}
	defer c.Close()
	interval := w.Mailbox.PollInterval
	if interval <= 0 {
		interval = 2 * time.Minute
	}
	for {
		results, err := w.syncFolders(ctx, c)
		w.record(ctx, results, err)
		if err != nil {
			return synced, err
		}
		synced = true
		// Drain a notification that arrived during the sync: it is covered.
		select {
		case <-notify:
		default:
		}
		if w.Mailbox.IDLEEnabled() && c.Caps().Has(imap.CapIdle) {
			if err := w.idle(ctx, c, notify, interval); err != nil {
				return synced, err
			}
		} else {
			t := time.NewTimer(interval)
			select {
			case <-ctx.Done():
				t.Stop()
				return synced, ctx.Err()
			case <-c.Closed():
				t.Stop()
				return synced, (&Error{Op: "poll", Kind: KindNetwork, Err: errors.New("connection closed by server")}).with(w.Mailbox)
			case <-t.C:
			}
		}
	}
}

// idle waits in IDLE on the first folder until new mail is announced, the
// poll interval passes (other folders and a safety net), or ctx is done.
func (w *Worker) idle(ctx context.Context, c *imapclient.Client, notify chan struct{}, interval time.Duration) error {
	folder := w.folders()[0]
	if _, err := c.Select(folder, &imap.SelectOptions{ReadOnly: true}).Wait(); err != nil {
		return w.Syncer.cmdErr(ctx, w.Mailbox, "examine "+folder, err)
	}
	idle, err := c.Idle()
	if err != nil {
		return w.Syncer.cmdErr(ctx, w.Mailbox, "idle", err)
	}
	t := time.NewTimer(interval)
	defer t.Stop()
	var closed bool
	select {
	case <-ctx.Done():
	case <-notify:
	case <-t.C:
	case <-c.Closed():
		closed = true
	}
	if closed {
		return (&Error{Op: "idle", Kind: KindNetwork, Err: errors.New("connection closed by server")}).with(w.Mailbox)
	}
	if err := idle.Close(); err != nil {
		return w.Syncer.cmdErr(ctx, w.Mailbox, "end idle", err)
	}
	if err := idle.Wait(); err != nil {
		return w.Syncer.cmdErr(ctx, w.Mailbox, "end idle", err)
	}
	return ctx.Err()
}
