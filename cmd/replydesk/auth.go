package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"golang.org/x/oauth2"

	"github.com/replydesk/replydesk/config"
	"github.com/replydesk/replydesk/mailbox"
)

func cmdAuth(ctx context.Context, e *env, args []string) error {
	fs, cfgPath := newFlags(e, "auth")
	device := fs.Bool("device", false, "use the device-code flow (sign in on another device), where the provider offers it")
	cfg, mb, err := mailboxCommand(fs, cfgPath, args, "replydesk auth ID [--device] [--config FILE]")
	if err != nil {
		return err
	}
	if mb.Auth != config.AuthOAuth2 {
		return usageError{fmt.Sprintf("mailbox %s uses auth: %s; set auth: oauth2 (gmail, outlook) to sign in with OAuth2", mb.ID, mb.Auth)}
	}
	oc, err := mailbox.OAuth2Config(cfg, mb)
	if err != nil {
		return configError{err}
	}
	ctx, stop := withSignals(ctx, e)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, 10*time.Minute)
	defer cancel()

	var tok *oauth2.Token
	if *device {
		if oc.Endpoint.DeviceAuthURL == "" {
			return fmt.Errorf("provider %s has no device-code endpoint configured: drop --device", mb.Provider)
		}
		da, err := oc.DeviceAuth(ctx)
		if err != nil {
			return fmt.Errorf("start device sign-in: %w", err)
		}
		fmt.Fprintf(e.stdout, "On any device, open %s and enter the code %s\n", da.VerificationURI, da.UserCode)
		tok, err = oc.DeviceAccessToken(ctx, da)
		if err != nil {
			return fmt.Errorf("device sign-in: %w", err)
		}
	} else {
		tok, err = loopbackFlow(ctx, e, oc, mb.Username)
		if err != nil {
			return err
		}
	}
	if tok.RefreshToken == "" {
		fmt.Fprintln(e.stderr, "warning: the provider returned no refresh token; you will have to sign in again when this token expires")
	}
	ts := mailbox.NewTokenStore(cfg.DataDir)
	if err := ts.Save(mb.ID, tok); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "mailbox %s signed in; token stored in %s (mode 0600). Check it with: replydesk mailbox test %s\n", mb.ID, ts.Dir, mb.ID)
	return nil
}

// loopbackFlow runs the authorization-code flow with PKCE and a redirect to
// a one-shot listener on 127.0.0.1 (RFC 8252 section 7.3).
func loopbackFlow(ctx context.Context, e *env, oc *oauth2.Config, loginHint string) (*oauth2.Token, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	defer ln.Close()
	oc.RedirectURL = fmt.Sprintf("http://%s/callback", ln.Addr())
	b := make([]byte, 16)
	rand.Read(b)
	state := hex.EncodeToString(b)
	verifier := oauth2.GenerateVerifier()
	url := oc.AuthCodeURL(state, oauth2.AccessTypeOffline, oauth2.S256ChallengeOption(verifier),
		oauth2.SetAuthURLParam("login_hint", loginHint), oauth2.SetAuthURLParam("prompt", "consent"))
	fmt.Fprintf(e.stdout, "Open this address in a browser on this machine and sign in:\n\n  %s\n\nWaiting for the redirect to %s ...\n", url, oc.RedirectURL)

	type result struct {
		code string
		err  error
	}
	ch := make(chan result, 1)
	srv := &http.Server{ReadHeaderTimeout: 10 * time.Second, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/callback" {
			http.NotFound(w, r)
			return
		}
		q := r.URL.Query()
		switch {
		case q.Get("state") != state:
			http.Error(w, "state mismatch", http.StatusBadRequest)
			ch <- result{err: errors.New("OAuth2 redirect with a wrong state: try again")}
		case q.Get("error") != "":
			http.Error(w, "sign-in refused: "+q.Get("error"), http.StatusBadRequest)
			ch <- result{err: fmt.Errorf("sign-in refused: %s %s", q.Get("error"), q.Get("error_description"))}
		default:
			fmt.Fprintln(w, "replydesk: signed in. You can close this window.")
			ch <- result{code: q.Get("code")}
		}
	})}
	go srv.Serve(ln)
	defer srv.Close()
	select {
	case <-ctx.Done():
		return nil, ctx.Err()
	case r := <-ch:
		if r.err != nil {
			return nil, r.err
		}
		tok, err := oc.Exchange(ctx, r.code, oauth2.VerifierOption(verifier))
		if err != nil {
			return nil, fmt.Errorf("exchange the authorization code: %w", err)
		}
		return tok, nil
	}
}
