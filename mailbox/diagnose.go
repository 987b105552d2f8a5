package mailbox

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/emersion/go-imap/v2"

	"github.com/replydesk/replydesk/config"
)

// Check is one step of a connection test.
type Check struct {
	Step   string // "IMAP login", "SMTP login", ...
	OK     bool
	Detail string // capabilities, folders, or the failure in plain words
}

// Report is the outcome of `replydesk mailbox test`.
type Report struct {
	Mailbox string
	Checks  []Check
}

// OK reports whether every step passed.
func (r *Report) OK() bool {
	for _, c := range r.Checks {
		if !c.OK {
			return false
		}
	}
	return len(r.Checks) > 0
}

// Test connects to the mailbox's IMAP and SMTP servers, logs in, and lists
// capabilities and folders, explaining any failure in plain words.
func Test(ctx context.Context, cfg *config.Config, mb *config.Mailbox, tokens *TokenStore) *Report {
	r := &Report{Mailbox: mb.ID}
	add := func(step string, err error, detail string) {
		if err != nil {
			r.Checks = append(r.Checks, Check{Step: step, Detail: explain(err)})
			return
		}
		r.Checks = append(r.Checks, Check{Step: step, OK: true, Detail: detail})
	}
	creds, err := CredentialsFor(ctx, cfg, mb, tokens)
	if err != nil {
		add("credentials", err, "")
		return r
	}
	c, err := DialIMAP(ctx, mb, creds, nil)
	add(fmt.Sprintf("IMAP %s:%d (tls: %s) login as %s", mb.IMAP.Host, mb.IMAP.Port, mb.IMAP.TLS, mb.Username), err, "")
	if err == nil {
		caps := make([]string, 0)
		for cp := range c.Caps() {
			caps = append(caps, string(cp))
		}
		sort.Strings(caps)
		add("IMAP capabilities", nil, strings.Join(caps, " "))
		var idle string
		if c.Caps().Has(imap.CapIdle) {
			idle = "IDLE offered: new mail arrives within seconds"
		} else {
			idle = "no IDLE: polling every " + mb.PollInterval.String()
		}
		add("IMAP push", nil, idle)
		list, err := c.List("", "*", &imap.ListOptions{ReturnSpecialUse: true}).Collect()
		var names []string
		for _, l := range list {
			n := l.Mailbox
			for _, a := range l.Attrs {
				switch a {
				case imap.MailboxAttrSent, imap.MailboxAttrDrafts, imap.MailboxAttrJunk, imap.MailboxAttrTrash, imap.MailboxAttrArchive, imap.MailboxAttrAll:
					n += " (" + string(a) + ")"
				}
			}
			names = append(names, n)
		}
		add("IMAP folders", err, strings.Join(names, ", "))
		for _, f := range mb.Folders {
			_, err := c.Select(f, &imap.SelectOptions{ReadOnly: true}).Wait()
			if err != nil {
				err = fmt.Errorf("folder %q cannot be opened: %w (check folders: in the config against the list above)", f, err)
			}
			add("IMAP folder "+f, err, "opens")
		}
		c.Logout().Wait()
		c.Close()
	}
	sc, err := DialSMTP(ctx, mb, creds)
	add(fmt.Sprintf("SMTP %s:%d (tls: %s) login as %s", mb.SMTP.Host, mb.SMTP.Port, mb.SMTP.TLS, mb.Username), err, "")
	if err == nil {
		sc.Quit()
	}
	return r
}

// explain turns an error into a sentence a seller can act on.
func explain(err error) string {
	s := err.Error()
	low := strings.ToLower(s)
	switch {
	case strings.Contains(low, "connection refused"):
		s += " — nothing listens there: check host and port"
	case strings.Contains(low, "no such host"):
		s += " — the host name does not resolve: check imap.host / smtp.host"
	case strings.Contains(low, "first record does not look like a tls handshake"), strings.Contains(low, "tls: "):
		if !strings.Contains(s, "TLS mismatch") {
			s += " — TLS mismatch: the port and tls: mode do not agree"
		}
	case strings.Contains(low, "i/o timeout"):
		s += " — no answer: a firewall, or a wrong port"
	}
	if strings.Contains(low, "imap") && (strings.Contains(low, "disabled") || strings.Contains(low, "not open") || strings.Contains(low, "not enabled")) {
		s += " — IMAP access looks disabled: enable IMAP in the provider's web settings"
	}
	return s
}
