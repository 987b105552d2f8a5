package mailbox

import (
	"errors"
	"fmt"

	"github.com/replydesk/replydesk/config"
)

// Kind says what went wrong with a mailbox, which decides whether to retry
// soon (network), later (auth, until a person fixes it) or not at all.
type Kind int

const (
	KindNetwork Kind = iota // temporary: connection refused, reset, timeout
	KindTLS                 // TLS mode or certificate mismatch
	KindAuth                // the server refused the credentials
	KindConfig              // our own configuration is wrong
	KindServer              // the server refused a command after login
)

func (k Kind) String() string {
	switch k {
	case KindNetwork:
		return "network"
	case KindTLS:
		return "tls"
	case KindAuth:
		return "auth"
	case KindConfig:
		return "config"
	case KindServer:
		return "server"
	}
	return "unknown"
}

// Error is a mailbox failure, named by mailbox and operation, with a hint
// that tells the person how to fix it. It never carries a secret.
type Error struct {
	Mailbox string
	Op      string
	Kind    Kind
	Err     error
	Hint    string
}

func (e *Error) Error() string {
	s := fmt.Sprintf("mailbox %s: %s: %v", e.Mailbox, e.Op, e.Err)
	if e.Hint != "" {
		s += " (" + e.Hint + ")"
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// Temporary reports whether retrying soon may succeed.
func (e *Error) Temporary() bool { return e.Kind == KindNetwork || e.Kind == KindServer }

// with fills in the mailbox and a hint for fixing the failure.
func (e *Error) with(mb *config.Mailbox) *Error {
	e.Mailbox = mb.ID
	if e.Hint == "" {
		e.Hint = hintFor(mb, e.Kind)
	}
	return e
}

// hintFor explains, in plain words, what a person can do about a failure.
func hintFor(mb *config.Mailbox, k Kind) string {
	preset, _ := config.LookupPreset(mb.Provider)
	switch k {
	case KindAuth:
		if mb.Auth == config.AuthOAuth2 {
			return fmt.Sprintf("the OAuth2 token was refused or revoked: run `replydesk auth %s` to sign in again", mb.ID)
		}
		h := "wrong username or password"
		switch mb.Provider {
		case "qq", "exmail", "163", "126", "yeah":
			h += "; this provider needs an authorization code (授权码) from its web settings, not the login password, and IMAP/SMTP must be enabled there"
		case "gmail", "yahoo", "icloud", "outlook":
			h += "; this provider needs an app password (or OAuth2), not the account password"
		}
		if preset.Hint != "" {
			h += ". " + preset.Hint
		}
		return h
	case KindTLS:
		return fmt.Sprintf("TLS mismatch: port %d with tls: %s; port 993 usually needs tls: tls, 143 tls: starttls", mb.IMAP.Port, mb.IMAP.TLS)
	case KindNetwork:
		return "check host, port and network; replydesk retries by itself"
	}
	return ""
}

// IsAuth reports whether err is a refused login.
func IsAuth(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Kind == KindAuth
}
