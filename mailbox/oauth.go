package mailbox

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"golang.org/x/oauth2"

	"github.com/replydesk/replydesk/config"
)

// TokenStore keeps OAuth2 tokens, one JSON file per mailbox under
// DATA_DIR/tokens, readable by the owner only.
type TokenStore struct {
	Dir string
}

// NewTokenStore returns the token store of a data directory.
func NewTokenStore(dataDir string) *TokenStore {
	return &TokenStore{Dir: filepath.Join(dataDir, "tokens")}
}

func (ts *TokenStore) path(mailboxID string) string {
	return filepath.Join(ts.Dir, mailboxID+".json")
}

// ErrNoToken means the mailbox has never been signed in.
var ErrNoToken = errors.New("no OAuth2 token stored")

// Load returns the stored token of a mailbox.
func (ts *TokenStore) Load(mailboxID string) (*oauth2.Token, error) {
	b, err := os.ReadFile(ts.path(mailboxID))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ErrNoToken
	}
	if err != nil {
		return nil, fmt.Errorf("read token of mailbox %s: %w", mailboxID, err)
	}
	var tok oauth2.Token
	if err := json.Unmarshal(b, &tok); err != nil {
		return nil, fmt.Errorf("token file %s: %w", ts.path(mailboxID), err)
	}
	return &tok, nil
}

// Save writes a mailbox's token atomically with mode 0600.
func (ts *TokenStore) Save(mailboxID string, tok *oauth2.Token) error {
	if err := os.MkdirAll(ts.Dir, 0o700); err != nil {
		return fmt.Errorf("create token directory: %w", err)
	}
	b, err := json.MarshalIndent(tok, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(ts.Dir, mailboxID+".*.tmp")
	if err != nil {
		return fmt.Errorf("save token of mailbox %s: %w", mailboxID, err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), ts.path(mailboxID))
}

// persistingSource refreshes tokens through the provider and writes every
// new one back, so a restart keeps the latest refresh token.
type persistingSource struct {
	mu      sync.Mutex
	src     oauth2.TokenSource
	store   *TokenStore
	mailbox string
	last    string
}

func (p *persistingSource) Token() (*oauth2.Token, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	tok, err := p.src.Token()
	if err != nil {
		return nil, err
	}
	if tok.AccessToken != p.last {
		p.last = tok.AccessToken
		if err := p.store.Save(p.mailbox, tok); err != nil {
			return nil, err
		}
	}
	return tok, nil
}

// OAuth2Config builds the golang.org/x/oauth2 config of a mailbox.
func OAuth2Config(cfg *config.Config, mb *config.Mailbox) (*oauth2.Config, error) {
	cl, err := cfg.OAuth2For(mb)
	if err != nil {
		return nil, err
	}
	return &oauth2.Config{
		ClientID:     cl.ClientID,
		ClientSecret: cl.ClientSecret,
		Endpoint:     oauth2.Endpoint{AuthURL: cl.AuthURL, TokenURL: cl.TokenURL, DeviceAuthURL: cl.DeviceAuthURL},
		Scopes:       cl.Scopes,
	}, nil
}

// CredentialsFor resolves how to log in to a mailbox: its password or
// authorization code, or its stored OAuth2 token (refreshed automatically).
func CredentialsFor(ctx context.Context, cfg *config.Config, mb *config.Mailbox, tokens *TokenStore) (Credentials, error) {
	creds := Credentials{Username: mb.Username}
	if mb.Auth != config.AuthOAuth2 {
		pw, err := mb.Secret()
		if err != nil {
			return creds, (&Error{Op: "read password", Kind: KindConfig, Err: err}).with(mb)
		}
		creds.Password = pw
		return creds, nil
	}
	tok, err := tokens.Load(mb.ID)
	if err != nil {
		return creds, &Error{Mailbox: mb.ID, Op: "load OAuth2 token", Kind: KindAuth, Err: err,
			Hint: fmt.Sprintf("run `replydesk auth %s` to sign in", mb.ID)}
	}
	oc, err := OAuth2Config(cfg, mb)
	if err != nil {
		return creds, (&Error{Op: "OAuth2 settings", Kind: KindConfig, Err: err}).with(mb)
	}
	src := oauth2.ReuseTokenSource(tok, oc.TokenSource(context.WithoutCancel(ctx), tok))
	creds.Token = &persistingSource{src: src, store: tokens, mailbox: mb.ID, last: tok.AccessToken}
	return creds, nil
}
