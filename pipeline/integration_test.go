package pipeline_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"golang.org/x/oauth2"

	"github.com/replydesk/replydesk/config"
	"github.com/replydesk/replydesk/internal/mailstack"
	"github.com/replydesk/replydesk/internal/testcorpus"
	"github.com/replydesk/replydesk/mailbox"
	"github.com/replydesk/replydesk/pipeline"
	"github.com/replydesk/replydesk/store"
)

// env is one test's stack, config, store and runner.
type env struct {
	t      *testing.T
	stack  *mailstack.Stack
	dir    string
	cfg    *config.Config
	store  *store.Store
	runner *pipeline.Runner
}

type mbSpec struct {
	id, user, password string
	extra              string // more YAML lines for the mailbox
}

func newEnv(t *testing.T, stack *mailstack.Stack, extraTop string, mbs ...mbSpec) *env {
	t.Helper()
	dir := t.TempDir()
	var b strings.Builder
	fmt.Fprintf(&b, "data_dir: %s\nlog: {level: warn}\n%sstores:\n  - {id: shop, name: Shop}\nmailboxes:\n", dir, extraTop)
	for _, m := range mbs {
		pw := filepath.Join(dir, m.id+".pw")
		if err := os.WriteFile(pw, []byte(m.password+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "  - id: %s\n    store: shop\n    address: %s\n    username: %s\n", m.id, stack.Address(m.user), stack.Address(m.user))
		fmt.Fprintf(&b, "    imap: {host: 127.0.0.1, port: %d, tls: none}\n    smtp: {host: 127.0.0.1, port: %d, tls: none}\n", stack.IMAPPort, stack.SubmissionPort)
		if m.extra != "" {
			b.WriteString(m.extra)
		} else {
			fmt.Fprintf(&b, "    password_file: %s\n", pw)
		}
	}
	cfg, err := config.LoadBytes([]byte(b.String()), "test.yaml")
	if err != nil {
		t.Fatalf("config: %v\n%s", err, b.String())
	}
	st, err := store.Open(context.Background(), cfg.DBPath())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if testing.Verbose() {
		log = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	runner, err := pipeline.NewRunner(cfg, st, log)
	if err != nil {
		t.Fatal(err)
	}
	return &env{t: t, stack: stack, dir: dir, cfg: cfg, store: st, runner: runner}
}

func (e *env) sweep() []pipeline.MailboxResult {
	e.t.Helper()
	res, err := e.runner.Sweep(context.Background())
	if err != nil {
		e.t.Fatal(err)
	}
	return res
}

func (e *env) count(mailboxID string) int {
	e.t.Helper()
	c, err := e.store.Counts(context.Background(), mailboxID)
	if err != nil {
		e.t.Fatal(err)
	}
	return c.Messages
}

func corpusRaw(seed int64, n int) [][]byte {
	var out [][]byte
	for _, m := range testcorpus.Generate(seed, n) {
		out = append(out, m.Raw)
	}
	return out
}

// TestSweepExactlyOnce is the ingest issue's acceptance test: 2,000 varied
// messages stored exactly once; a second sweep adds none; after the server's
// UIDVALIDITY changes, still none are duplicated; nothing is marked \Seen.
func TestSweepExactlyOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("integration test")
	}
	stack := mailstack.ForTest(t)
	const n = 2000
	if err := stack.Append("alice", "INBOX", corpusRaw(1, n), nil); err != nil {
		t.Fatal(err)
	}
	before, err := stack.Status("alice", "INBOX")
	if err != nil {
		t.Fatal(err)
	}
	e := newEnv(t, stack, "", mbSpec{id: "alice", user: "alice", password: "alice-pass"})

	res := e.sweep()
	if res[0].Err != nil {
		t.Fatal(res[0].Err)
	}
	if got := e.count("alice"); got != n {
		t.Fatalf("first sweep stored %d messages, want %d", got, n)
	}
	after, _ := stack.Status("alice", "INBOX")
	if after.Unseen != before.Unseen {
		t.Errorf("sync changed \\Seen: unseen %d before, %d after", before.Unseen, after.Unseen)
	}

	res = e.sweep()
	if res[0].Err != nil || res[0].Folders[0].New != 0 {
		t.Fatalf("second sweep: %+v", res[0])
	}
	if got := e.count("alice"); got != n {
		t.Fatalf("second sweep: %d messages, want %d", got, n)
	}

	// Three more arrive, one already read in another client: all imported.
	more := corpusRaw(2, 3)
	if err := stack.Append("alice", "INBOX", more[:2], nil); err != nil {
		t.Fatal(err)
	}
	if err := stack.Append("alice", "INBOX", more[2:], [][]imap.Flag{{imap.FlagSeen}}); err != nil {
		t.Fatal(err)
	}
	res = e.sweep()
	if f := res[0].Folders[0]; f.New != 3 || f.Inserted != 3 {
		t.Fatalf("incremental sweep: %+v", f)
	}

	if err := stack.SetUIDValidity("alice", "INBOX", before.UIDValidity+1000); err != nil {
		t.Fatal(err)
	}
	res = e.sweep()
	if res[0].Err != nil {
		t.Fatal(res[0].Err)
	}
	f := res[0].Folders[0]
	if !f.UIDValidityChanged || f.Inserted != 0 {
		t.Fatalf("after UIDVALIDITY change: %+v", f)
	}
	if got := e.count("alice"); got != n+3 {
		t.Fatalf("after UIDVALIDITY change: %d messages, want %d", got, n+3)
	}
	// And the sweep after that is a no-op again.
	if res = e.sweep(); res[0].Folders[0].New != 0 {
		t.Fatalf("sweep after UIDVALIDITY change: %+v", res[0].Folders[0])
	}

	// Every generated message is stored, threads exist, malformed ones are
	// kept raw and flagged.
	c, _ := e.store.Counts(context.Background(), "alice")
	if c.Threads == 0 || c.Threads >= n {
		t.Errorf("threads: %d for %d messages", c.Threads, n)
	}
	// Every charset decodes: the stored subject is the generated one, and
	// replies sit in their parent's thread.
	stored, err := e.store.ListMessages(context.Background(), store.ListFilter{MailboxID: "alice"})
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]store.MessageSummary{}
	unlabeled, noReply := 0, 0
	for _, m := range stored {
		byID[m.MessageID] = m
		if m.Direction == "in" && !m.Labeled {
			unlabeled++
		}
		if m.Labeled && !m.NeedsReply {
			noReply++
		}
	}
	if unlabeled > 0 {
		t.Errorf("%d incoming messages stored without labels", unlabeled)
	}
	var malformed int
	charsets := map[string]int{}
	for _, g := range testcorpus.Generate(1, n) {
		got, ok := byID[g.MessageID]
		if (g.Kind == testcorpus.KindBounce || g.Kind == testcorpus.KindAutoReply || g.Kind == testcorpus.KindNewsletter) && ok && got.NeedsReply {
			t.Errorf("%s (%s) stored as needing a reply: a mail loop", g.MessageID, g.Kind)
		}
		if g.Kind == testcorpus.KindMalformed {
			malformed++
			continue // stored (counted above); its headers may be beyond repair
		}
		if !ok {
			t.Errorf("%s (%s, %s) not stored under its Message-ID", g.MessageID, g.Kind, g.Charset)
			continue
		}
		charsets[g.Charset]++
		if got.Subject != g.Subject {
			t.Errorf("%s (%s): subject %q, want %q", g.MessageID, g.Charset, got.Subject, g.Subject)
		}
		if p, ok := byID[g.InReplyTo]; g.InReplyTo != "" && ok && p.ThreadID != got.ThreadID {
			t.Errorf("%s replies to %s but sits in thread %d, not %d", g.MessageID, g.InReplyTo, got.ThreadID, p.ThreadID)
		}
	}
	t.Logf("%d messages, %d threads, %d quarantined, %d with defects, %d generated malformed; charsets %v",
		c.Messages, c.Threads, c.Quarantined, c.WithProblems, malformed, charsets)
}

func TestFirstSyncLimits(t *testing.T) {
	if testing.Short() {
		t.Skip("integration test")
	}
	stack := mailstack.ForTest(t)
	if err := stack.Append("alice", "INBOX", corpusRaw(3, 50), nil); err != nil {
		t.Fatal(err)
	}
	t.Setenv("RD_TEST_ALICE_PW", "alice-pass")
	e := newEnv(t, stack, "", mbSpec{id: "alice", user: "alice", password: "alice-pass",
		extra: "    password_env: RD_TEST_ALICE_PW\n    max_initial: 10\n"})
	e.sweep()
	if got := e.count("alice"); got != 10 {
		t.Fatalf("max_initial 10: stored %d", got)
	}
	// Later mail is never limited.
	if err := stack.Append("alice", "INBOX", corpusRaw(4, 20), nil); err != nil {
		t.Fatal(err)
	}
	e.sweep()
	if got := e.count("alice"); got != 30 {
		t.Fatalf("after 20 more: stored %d, want 30", got)
	}
}

// TestBadMailboxDoesNotStopOthers: a wrong password is reported by name
// with a fix; the other mailbox syncs.
func TestBadMailboxDoesNotStopOthers(t *testing.T) {
	if testing.Short() {
		t.Skip("integration test")
	}
	stack := mailstack.ForTest(t)
	stack.Append("bob", "INBOX", corpusRaw(5, 5), nil)
	e := newEnv(t, stack, "",
		mbSpec{id: "alice", user: "alice", password: "wrong"},
		mbSpec{id: "bob", user: "bob", password: "bob-pass"})
	res := e.sweep()
	if res[0].Err == nil || !mailbox.IsAuth(res[0].Err) {
		t.Fatalf("alice: want an auth error, got %v", res[0].Err)
	}
	msg := res[0].Err.Error()
	if !strings.Contains(msg, "mailbox alice") || strings.Contains(msg, "wrong") && !strings.Contains(msg, "wrong username") {
		t.Errorf("error should name the mailbox and never the password: %s", msg)
	}
	if res[1].Err != nil || e.count("bob") != 5 {
		t.Fatalf("bob: %v, %d stored", res[1].Err, e.count("bob"))
	}
	h, _ := e.store.MailboxHealth(context.Background())
	if h[0].ID != "alice" || h[0].LastError == "" || h[0].ErrorCount != 1 {
		t.Errorf("alice's health should show the failure: %+v", h[0])
	}
}

// TestServeIdleAndReconnect runs the daemon loop: mail delivered by Postfix
// is stored through IDLE; after Dovecot drops the connection the worker
// reconnects and picks up what arrived meanwhile.
func TestServeIdleAndReconnect(t *testing.T) {
	if testing.Short() {
		t.Skip("integration test")
	}
	stack := mailstack.ForTest(t)
	e := newEnv(t, stack, "sync: {poll_interval: 10m}\n", mbSpec{id: "alice", user: "alice", password: "alice-pass"})
	synced := make(chan int, 100)
	e.runner.OnSync = func(mb *config.Mailbox, res []mailbox.FolderResult, err error) {
		n := 0
		for _, r := range res {
			n += r.Inserted
		}
		if err == nil {
			synced <- n
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); e.runner.Serve(ctx) }()
	defer func() { cancel(); wg.Wait() }()

	waitSync := func(what string) {
		t.Helper()
		deadline := time.After(20 * time.Second)
		for {
			select {
			case n := <-synced:
				if n > 0 {
					return
				}
			case <-deadline:
				t.Fatalf("%s: no new message stored within 20 s (poll interval is 10 min, so only IDLE or a reconnect can do it)", what)
			}
		}
	}
	<-synced // the first, empty sync

	raw := corpusRaw(6, 2)
	if err := stack.Deliver("buyer@example.com", []string{"alice@shop.test"}, raw[0]); err != nil {
		t.Fatal(err)
	}
	waitSync("IDLE delivery")

	if err := stack.KickUser("alice"); err != nil {
		t.Fatal(err)
	}
	if err := stack.Deliver("buyer@example.com", []string{"alice@shop.test"}, raw[1]); err != nil {
		t.Fatal(err)
	}
	waitSync("after the server dropped the connection")
	if got := e.count("alice"); got != 2 {
		t.Fatalf("stored %d, want 2", got)
	}
}

// TestXOAuth2 logs in with OAuth2 against Dovecot's oauth2 passdb; the
// stored token has expired, so the client must refresh it at the token
// endpoint first and keep the new one.
func TestXOAuth2(t *testing.T) {
	if testing.Short() {
		t.Skip("integration test")
	}
	stack := mailstack.ForTest(t)
	stack.Append("carol", "INBOX", corpusRaw(7, 4), nil)
	stack.SetToken("fresh-token", "carol", true)
	var refreshes int
	tokenSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		if r.Form.Get("grant_type") != "refresh_token" || r.Form.Get("refresh_token") != "refresh-1" {
			http.Error(w, `{"error":"invalid_grant"}`, http.StatusBadRequest)
			return
		}
		refreshes++
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"access_token":"fresh-token","token_type":"Bearer","expires_in":3600,"refresh_token":"refresh-2"}`)
	}))
	defer tokenSrv.Close()

	top := fmt.Sprintf("oauth2:\n  custom:\n    client_id: replydesk-test\n    auth_url: %s/auth\n    token_url: %s/token\n", tokenSrv.URL, tokenSrv.URL)
	e := newEnv(t, stack, top, mbSpec{id: "carol", user: "carol", extra: "    auth: oauth2\n"})
	ts := mailbox.NewTokenStore(e.dir)
	if err := ts.Save("carol", &oauth2.Token{AccessToken: "stale", RefreshToken: "refresh-1", Expiry: time.Now().Add(-time.Hour)}); err != nil {
		t.Fatal(err)
	}
	res := e.sweep()
	if res[0].Err != nil {
		t.Fatal(res[0].Err)
	}
	if e.count("carol") != 4 || refreshes != 1 {
		t.Fatalf("stored %d (want 4), refreshed %d times (want 1)", e.count("carol"), refreshes)
	}
	tok, err := ts.Load("carol")
	if err != nil || tok.AccessToken != "fresh-token" || tok.RefreshToken != "refresh-2" {
		t.Fatalf("refreshed token not kept: %+v %v", tok, err)
	}
	if fi, _ := os.Stat(filepath.Join(e.dir, "tokens", "carol.json")); fi.Mode().Perm() != 0o600 {
		t.Errorf("token file mode %v, want 0600", fi.Mode().Perm())
	}

	// Revoked: the error says to run replydesk auth.
	stack.SetToken("fresh-token", "carol", false)
	res = e.sweep()
	if res[0].Err == nil || !strings.Contains(res[0].Err.Error(), "replydesk auth carol") {
		t.Fatalf("revoked token: want a hint to run replydesk auth, got %v", res[0].Err)
	}
}

// TestMailboxTest runs `mailbox test`'s checks against the real servers.
func TestMailboxTest(t *testing.T) {
	if testing.Short() {
		t.Skip("integration test")
	}
	stack := mailstack.ForTest(t)
	e := newEnv(t, stack, "", mbSpec{id: "alice", user: "alice", password: "alice-pass"},
		mbSpec{id: "bad", user: "bob", password: "nope"})
	r := mailbox.Test(context.Background(), e.cfg, e.cfg.Mailbox("alice"), mailbox.NewTokenStore(e.dir))
	if !r.OK() {
		t.Fatalf("alice: %+v", r.Checks)
	}
	var caps string
	for _, c := range r.Checks {
		if c.Step == "IMAP capabilities" {
			caps = c.Detail
		}
	}
	for _, want := range []string{"CONDSTORE", "IDLE"} {
		if !strings.Contains(caps, want) {
			t.Errorf("capabilities %q lack %s", caps, want)
		}
	}
	r = mailbox.Test(context.Background(), e.cfg, e.cfg.Mailbox("bad"), mailbox.NewTokenStore(e.dir))
	if r.OK() || !strings.Contains(r.Checks[0].Detail, "wrong username or password") {
		t.Fatalf("bad: %+v", r.Checks)
	}
}

// TestCondstoreFlags: a flag changed in another client (here \Answered set
// by doveadm) reaches the store through CONDSTORE CHANGEDSINCE.
func TestCondstoreFlags(t *testing.T) {
	if testing.Short() {
		t.Skip("integration test")
	}
	stack := mailstack.ForTest(t)
	stack.Append("alice", "INBOX", corpusRaw(8, 3), nil)
	e := newEnv(t, stack, "", mbSpec{id: "alice", user: "alice", password: "alice-pass"})
	e.sweep()
	if _, err := stack.Doveadm("flags", "add", "-u", stack.Address("alice"), `\Answered`, "mailbox", "INBOX", "uid", "2"); err != nil {
		t.Fatal(err)
	}
	res := e.sweep()
	if f := res[0].Folders[0]; f.FlagsUpdated != 1 || f.New != 0 {
		t.Fatalf("want one flag update and nothing new: %+v", f)
	}
	msgs, _ := e.store.ListMessages(context.Background(), store.ListFilter{})
	m, err := e.store.GetMessage(context.Background(), msgs[1].ID)
	if err != nil {
		t.Fatal(err)
	}
	if m.UID != 2 || !strings.Contains(m.Flags, `\Answered`) {
		t.Fatalf("uid %d flags %q", m.UID, m.Flags)
	}
}
