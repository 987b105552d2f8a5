package mailbox

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/replydesk/replydesk/config"
)

func TestXOAuth2InitialResponse(t *testing.T) {
	c := newXOAuth2Client("carol@shop.test", "tok")
	mech, ir, err := c.Start()
	if err != nil || mech != "XOAUTH2" {
		t.Fatalf("start: %s %v", mech, err)
	}
	// developers.google.com/gmail/imap/xoauth2-protocol: user=..^Aauth=Bearer ..^A^A
	if want := "user=carol@shop.test\x01auth=Bearer tok\x01\x01"; string(ir) != want {
		t.Fatalf("initial response %q, want %q", ir, want)
	}
	// On failure the server sends a JSON challenge; the client answers empty.
	resp, err := c.Next([]byte(`{"status":"401"}`))
	if err != nil || len(resp) != 0 {
		t.Fatalf("next: %q %v", resp, err)
	}
}

func TestErrorHints(t *testing.T) {
	tests := []struct {
		name     string
		mb       config.Mailbox
		kind     Kind
		contains string
	}{
		{"qq needs an authorization code", config.Mailbox{ID: "q", Provider: "qq", Auth: config.AuthPassword}, KindAuth, "授权码"},
		{"gmail app password", config.Mailbox{ID: "g", Provider: "gmail", Auth: config.AuthPassword}, KindAuth, "app password"},
		{"oauth revoked", config.Mailbox{ID: "o", Provider: "outlook", Auth: config.AuthOAuth2}, KindAuth, "replydesk auth o"},
		{"tls mismatch", config.Mailbox{ID: "t", IMAP: config.Server{Port: 993, TLS: "none"}}, KindTLS, "993 usually needs tls: tls"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := (&Error{Op: "log in", Kind: tc.kind, Err: errors.New("NO refused")}).with(&tc.mb)
			if !strings.Contains(e.Error(), tc.contains) || !strings.Contains(e.Error(), "mailbox "+tc.mb.ID) {
				t.Fatalf("%q lacks %q or the mailbox id", e.Error(), tc.contains)
			}
			if IsAuth(e) != (tc.kind == KindAuth) {
				t.Fatalf("IsAuth(%v) wrong", tc.kind)
			}
		})
	}
}

func TestTokenStore(t *testing.T) {
	ts := NewTokenStore(t.TempDir())
	if _, err := ts.Load("m"); !errors.Is(err, ErrNoToken) {
		t.Fatalf("want ErrNoToken, got %v", err)
	}
	tok := &oauth2.Token{AccessToken: "a", RefreshToken: "r", Expiry: time.Now().Add(time.Hour).Round(time.Second)}
	if err := ts.Save("m", tok); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(ts.path("m"))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("token file mode %v %v", fi.Mode().Perm(), err)
	}
	got, err := ts.Load("m")
	if err != nil || got.AccessToken != "a" || got.RefreshToken != "r" || !got.Expiry.Equal(tok.Expiry) {
		t.Fatalf("load: %+v %v", got, err)
	}
}
