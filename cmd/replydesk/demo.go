package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/replydesk/replydesk/config"
	"github.com/replydesk/replydesk/demo"
	"github.com/replydesk/replydesk/mailbox"
	"github.com/replydesk/replydesk/pipeline"
	"github.com/replydesk/replydesk/store"
)

func cmdDemo(ctx context.Context, e *env, args []string) error {
	fs, _ := newFlags(e, "demo")
	dataDir := fs.String("data-dir", "", "keep the demo's database here (default: a new temporary directory)")
	once := fs.Bool("once", false, "sync once, print the summary and exit")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *dataDir == "" {
		d, err := os.MkdirTemp("", "replydesk-demo-")
		if err != nil {
			return err
		}
		*dataDir = d
	}
	srv, err := demo.Start()
	if err != nil {
		return err
	}
	defer srv.Close()
	cfgPath, err := writeDemoConfig(*dataDir, srv)
	if err != nil {
		return err
	}
	cfg, err := config.Load(cfgPath)
	if err != nil {
		return configError{err}
	}
	log := newLogger(cfg.Log, e.stderr)
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()

	fmt.Fprintf(e.stdout, "replydesk demo %s\n", versionString())
	fmt.Fprintf(e.stdout, "  embedded IMAP server  %s (IMAP4rev2, IDLE)\n  embedded SMTP server  %s\n", srv.IMAPAddr, srv.SMTPAddr)
	for _, a := range demo.Accounts {
		fmt.Fprintf(e.stdout, "  mailbox %-10s %-28s %d sample messages seeded\n", a.ID, a.Address, srv.Seeded[a.ID])
	}
	fmt.Fprintf(e.stdout, "  config and database   %s\n\n", *dataDir)

	ctx, stop := withSignals(ctx, e)
	defer stop()
	runner, err := pipeline.NewRunner(cfg, st, log)
	if err != nil {
		return configError{err}
	}
	start := time.Now()
	results, err := runner.Sweep(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "First sync (%s):\n", time.Since(start).Round(time.Millisecond))
	if failed := printSweep(e.stdout, results, false); failed > 0 {
		return fmt.Errorf("%d demo mailboxes failed", failed)
	}
	if err := printDemoSummary(ctx, e, st); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "\nSee every message: go run ./cmd/replydesk list --config %s\n", cfgPath)
	if *once {
		return nil
	}

	// Serve like the daemon; then show a live delivery picked up by IDLE.
	arrived := make(chan time.Time, 4)
	runner.OnSync = func(mb *config.Mailbox, res []mailbox.FolderResult, err error) {
		for _, r := range res {
			if r.Inserted > 0 {
				arrived <- time.Now()
			}
		}
	}
	go func() {
		select {
		case <-ctx.Done():
			return
		case <-time.After(2 * time.Second):
		}
		sent := time.Now()
		raw := liveMessage(sent)
		if err := srv.Deliver(demo.Accounts[0].Address, raw); err != nil {
			log.Error("demo: deliver live message", "error", err)
			return
		}
		select {
		case t := <-arrived:
			fmt.Fprintf(e.stdout, "\nA buyer just wrote to %s: stored %s after it arrived (IDLE push).\n", demo.Accounts[0].Address, t.Sub(sent).Round(time.Millisecond))
		case <-time.After(30 * time.Second):
			fmt.Fprintln(e.stdout, "\nThe live message was not picked up within 30 s.")
		case <-ctx.Done():
		}
		fmt.Fprintf(e.stdout, "\nWeb page: http://%s (the review desk arrives with the web issue; until then use `replydesk list`).\nrunning; press Ctrl-C to stop.\n", cfg.Web.Listen)
	}()
	return runner.Serve(ctx)
}

// writeDemoConfig writes a real config file (password files with mode 0600)
// so the demo goes through the same loading and validation as production.
func writeDemoConfig(dir string, srv *demo.Servers) (string, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	ihost, iport, _ := net.SplitHostPort(srv.IMAPAddr)
	shost, sport, _ := net.SplitHostPort(srv.SMTPAddr)
	var b strings.Builder
	fmt.Fprintf(&b, "# written by `replydesk demo`\ndata_dir: %q\nlog: {level: warn}\nweb: {listen: \"127.0.0.1:8025\"}\nsync: {poll_interval: 30s}\nstores:\n", dir)
	seen := map[string]bool{}
	for _, a := range demo.Accounts {
		if !seen[a.Store] {
			fmt.Fprintf(&b, "  - {id: %s, name: %s}\n", a.Store, a.StoreName)
			seen[a.Store] = true
		}
	}
	b.WriteString("mailboxes:\n")
	for _, a := range demo.Accounts {
		pw := filepath.Join(dir, a.ID+".password")
		if err := os.WriteFile(pw, []byte(a.Password+"\n"), 0o600); err != nil {
			return "", err
		}
		fmt.Fprintf(&b, "  - id: %s\n    store: %s\n    address: %s\n    provider: custom\n", a.ID, a.Store, a.Address)
		fmt.Fprintf(&b, "    imap: {host: %s, port: %s, tls: none}\n    smtp: {host: %s, port: %s, tls: none}\n", ihost, iport, shost, sport)
		fmt.Fprintf(&b, "    username: %s\n    password_file: %q\n", a.Address, pw)
	}
	p := filepath.Join(dir, "config.yaml")
	return p, os.WriteFile(p, []byte(b.String()), 0o600)
}

func printDemoSummary(ctx context.Context, e *env, st *store.Store) error {
	c, err := st.Counts(ctx, "")
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "\nStored %d messages in %d threads, %d attachments. %d parsed with defects (flagged, raw kept); %d could not be parsed at all (quarantined, raw kept).\n",
		c.Messages, c.Threads, c.Attachments, c.WithProblems, c.Quarantined)
	by, err := st.CountBy(ctx, "channel")
	if err != nil {
		return err
	}
	keys := make([]string, 0, len(by))
	for k := range by {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s %d", k, by[k]))
	}
	fmt.Fprintf(e.stdout, "Channels: %s\n", strings.Join(parts, ", "))
	var noReply, high int
	for _, m := range msgsForCount(ctx, st) {
		if m.Labeled && !m.NeedsReply {
			noReply++
		}
		if m.Labeled && m.NeedsReply && m.Priority == "high" {
			high++
		}
	}
	fmt.Fprintf(e.stdout, "Classified: %d must never get a reply (bounces, auto-replies, lists, notices, spam); %d need a reply at high priority.\n", noReply, high)
	msgs, err := st.ListMessages(ctx, store.ListFilter{})
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, "\nSome of them:")
	shown := 0
	for _, m := range msgs {
		if m.OrderID == "" && m.ParseError == "" && shown > 3 {
			continue
		}
		extra := ""
		if m.OrderID != "" {
			extra = " order " + m.OrderID
		}
		if m.ParseError != "" {
			extra = " QUARANTINED: " + trunc(m.ParseError, 60)
		}
		fmt.Fprintf(e.stdout, "  #%-3d %-10s %-10s %-30s thread %-3d %s%s\n", m.ID, m.MailboxID, m.Channel, labelSummary(m), m.ThreadID, trunc(m.Subject, 40), extra)
		if shown++; shown >= 12 {
			break
		}
	}
	return nil
}

func liveMessage(t time.Time) []byte {
	return []byte("From: Lena Vogel <lena.vogel@example.de>\r\n" +
		"To: " + demo.Accounts[0].Address + "\r\n" +
		"Subject: Frage zu Bestellung 302-5554441-2223334\r\n" +
		"Date: " + t.Format(time.RFC1123Z) + "\r\n" +
		fmt.Sprintf("Message-ID: <live-%d@example.de>\r\n", t.UnixNano()) +
		"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" +
		"Hallo, wann wird meine Bestellung 302-5554441-2223334 versendet? Danke, Lena\r\n")
}

func msgsForCount(ctx context.Context, st *store.Store) []store.MessageSummary {
	ms, _ := st.ListMessages(ctx, store.ListFilter{})
	return ms
}
