package main

import (
	"context"
	"fmt"
	"os"
	"text/tabwriter"
	"time"

	"github.com/replydesk/replydesk/mailbox"
	"github.com/replydesk/replydesk/store"
)

func cmdMailbox(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		return usageError{"want a subcommand: list, or test ID"}
	}
	switch args[0] {
	case "list":
		return cmdMailboxList(ctx, e, args[1:])
	case "test":
		return cmdMailboxTest(ctx, e, args[1:])
	}
	return usageError{fmt.Sprintf("unknown subcommand %q: want list, or test ID", args[0])}
}

func cmdMailboxList(ctx context.Context, e *env, args []string) error {
	fs, cfgPath := newFlags(e, "mailbox list")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := loadConfig(*cfgPath)
	if err != nil {
		return err
	}
	health := map[string]store.MailboxHealth{}
	if _, err := os.Stat(cfg.DBPath()); err == nil {
		st, err := openStore(ctx, cfg)
		if err != nil {
			return err
		}
		defer st.Close()
		hs, err := st.MailboxHealth(ctx)
		if err != nil {
			return err
		}
		for _, h := range hs {
			health[h.ID] = h
		}
	}
	tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSTORE\tADDRESS\tPROVIDER\tIMAP\tAUTH\tMESSAGES\tQUARANTINED\tLAST SYNC\tSTATE")
	for _, mb := range cfg.Mailboxes {
		h := health[mb.ID]
		last, state := "never", "not synced yet"
		if !h.LastSync.IsZero() {
			last = h.LastSync.Local().Format(time.DateTime)
			state = "ok"
		}
		if h.LastError != "" {
			state = fmt.Sprintf("FAILING (%d): %s", h.ErrorCount, h.LastError)
		}
		if mb.Disabled {
			state = "disabled"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s:%d/%s\t%s\t%d\t%d\t%s\t%s\n", mb.ID, mb.Store, mb.Address, mb.Provider,
			mb.IMAP.Host, mb.IMAP.Port, mb.IMAP.TLS, mb.Auth, h.Messages, h.Quarantined, last, state)
	}
	return tw.Flush()
}

func cmdMailboxTest(ctx context.Context, e *env, args []string) error {
	fs, cfgPath := newFlags(e, "mailbox test")
	cfg, mb, err := mailboxCommand(fs, cfgPath, args, "replydesk mailbox test ID [--config FILE]")
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	r := mailbox.Test(ctx, cfg, mb, mailbox.NewTokenStore(cfg.DataDir))
	for _, c := range r.Checks {
		mark := "ok  "
		if !c.OK {
			mark = "FAIL"
		}
		fmt.Fprintf(e.stdout, "%s %s", mark, c.Step)
		if c.Detail != "" {
			fmt.Fprintf(e.stdout, ": %s", c.Detail)
		}
		fmt.Fprintln(e.stdout)
	}
	if !r.OK() {
		return fmt.Errorf("mailbox %s: connection test failed", mb.ID)
	}
	return nil
}

// reorder moves flags before positional arguments, so that both
// `mailbox test ID --config C` and `mailbox test --config C ID` work.
func reorder(args []string) []string {
	var flags, pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if len(a) > 1 && a[0] == '-' {
			flags = append(flags, a)
			if !containsEq(a) && i+1 < len(args) && takesValue(a) {
				flags = append(flags, args[i+1])
				i++
			}
			continue
		}
		pos = append(pos, a)
	}
	return append(flags, pos...)
}

func containsEq(s string) bool {
	for _, c := range s {
		if c == '=' {
			return true
		}
	}
	return false
}

// takesValue lists the flags of positional commands that take a value.
func takesValue(flag string) bool {
	switch flag {
	case "-config", "--config", "-listen", "--listen":
		return true
	}
	return false
}
