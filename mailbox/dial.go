// Package mailbox talks to mail servers: IMAP sync of bound mailboxes into the
// store (incremental by UID, RFC 9051 and RFC 7162), IDLE (RFC 2177), login
// with app passwords or OAuth2 (XOAUTH2 / OAUTHBEARER), connection checks that
// explain failures in plain words, and SMTP.
package mailbox

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"os"
	"strconv"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-sasl"
	"golang.org/x/oauth2"

	"github.com/replydesk/replydesk/config"
)

// Credentials say how to log in to a mailbox: a password (app password or
// authorization code) or an OAuth2 token source.
type Credentials struct {
	Username string
	Password string
	Token    oauth2.TokenSource
}

// dialTimeout bounds connecting and the TLS handshake; commands have their
// own deadlines through the context.
const dialTimeout = 20 * time.Second

// tlsConfig builds the TLS client config for a server entry.
func tlsConfig(s config.Server) (*tls.Config, error) {
	tc := &tls.Config{ServerName: s.Host, MinVersion: tls.VersionTLS12}
	if s.InsecureSkipVerify {
		tc.InsecureSkipVerify = true //nolint:gosec // asked for explicitly in config, for self-signed test servers
	}
	if s.CAFile != "" {
		pem, err := os.ReadFile(s.CAFile)
		if err != nil {
			return nil, fmt.Errorf("read ca_file: %w", err)
		}
		pool, err := x509.SystemCertPool()
		if err != nil || pool == nil {
			pool = x509.NewCertPool()
		}
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("ca_file %s: no PEM certificate found", s.CAFile)
		}
		tc.RootCAs = pool
	}
	return tc, nil
}

// DialIMAP connects to the mailbox's IMAP server and logs in. The handler, if
// not nil, receives unilateral data (new messages during IDLE).
func DialIMAP(ctx context.Context, mb *config.Mailbox, creds Credentials, handler *imapclient.UnilateralDataHandler) (*imapclient.Client, error) {
	addr := net.JoinHostPort(mb.IMAP.Host, strconv.Itoa(mb.IMAP.Port))
	tc, err := tlsConfig(mb.IMAP)
	if err != nil {
		return nil, &Error{Mailbox: mb.ID, Op: "connect", Kind: KindConfig, Err: err}
	}
	opts := &imapclient.Options{TLSConfig: tc, UnilateralDataHandler: handler, WordDecoder: wordDecoder}
	d := &net.Dialer{Timeout: dialTimeout, KeepAlive: 30 * time.Second}
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, &Error{Mailbox: mb.ID, Op: "connect to IMAP " + addr, Kind: KindNetwork, Err: err}
	}
	var c *imapclient.Client
	switch mb.IMAP.TLS {
	case config.TLSImplicit:
		tconn := tls.Client(conn, tc)
		hctx, cancel := context.WithTimeout(ctx, dialTimeout)
		err = tconn.HandshakeContext(hctx)
		cancel()
		if err != nil {
			conn.Close()
			return nil, &Error{Mailbox: mb.ID, Op: "TLS handshake with IMAP " + addr, Kind: KindTLS, Err: err}
		}
		c = imapclient.New(tconn, opts)
	case config.TLSStartTLS:
		conn.SetDeadline(time.Now().Add(dialTimeout))
		c, err = imapclient.NewStartTLS(conn, opts)
		if err != nil {
			conn.Close()
			return nil, &Error{Mailbox: mb.ID, Op: "STARTTLS with IMAP " + addr, Kind: KindTLS, Err: err}
		}
		conn.SetDeadline(time.Time{})
	default:
		c = imapclient.New(conn, opts)
	}
	// Every command below runs under the context: closing the connection is
	// the only way to interrupt a blocked IMAP read.
	stop := context.AfterFunc(ctx, func() { c.Close() })
	defer stop()
	if err := waitGreeting(c); err != nil {
		c.Close()
		return nil, &Error{Mailbox: mb.ID, Op: "read IMAP greeting from " + addr, Kind: classifyConnErr(err), Err: err}
	}
	if err := login(c, creds); err != nil {
		c.Close()
		return nil, err.(*Error).with(mb)
	}
	// NetEase (163, 126, yeah) refuses SELECT with "Unsafe Login" until the
	// client names itself with ID (RFC 2971); harmless elsewhere.
	if p, ok := config.LookupPreset(mb.Provider); ok && p.IMAPID && c.Caps().Has(imap.CapID) {
		if _, err := c.ID(&imap.IDData{Name: "replydesk", Version: "1", Vendor: "replydesk"}).Wait(); err != nil {
			c.Close()
			return nil, (&Error{Op: "IMAP ID", Kind: KindServer, Err: err}).with(mb)
		}
	}
	return c, nil
}

func waitGreeting(c *imapclient.Client) error {
	done := make(chan error, 1)
	go func() { done <- c.WaitGreeting() }()
	select {
	case err := <-done:
		return err
	case <-time.After(dialTimeout):
		c.Close()
		return errors.New("no greeting within " + dialTimeout.String() + " (is this an IMAP port? a TLS port needs tls: tls)")
	}
}

// login authenticates with the best mechanism the server offers for the
// credentials: XOAUTH2 or OAUTHBEARER for tokens; AUTHENTICATE PLAIN, else
// LOGIN, for passwords.
func login(c *imapclient.Client, creds Credentials) error {
	caps := c.Caps()
	if creds.Token != nil {
		tok, err := creds.Token.Token()
		if err != nil {
			return &Error{Op: "get OAuth2 token", Kind: KindAuth, Err: err}
		}
		var sc sasl.Client
		switch {
		case caps.Has("AUTH=XOAUTH2"):
			sc = newXOAuth2Client(creds.Username, tok.AccessToken)
		case caps.Has("AUTH=OAUTHBEARER"):
			sc = sasl.NewOAuthBearerClient(&sasl.OAuthBearerOptions{Username: creds.Username, Token: tok.AccessToken})
		default:
			return &Error{Op: "log in", Kind: KindAuth, Err: errors.New("server offers neither AUTH=XOAUTH2 nor AUTH=OAUTHBEARER")}
		}
		if err := c.Authenticate(sc); err != nil {
			return &Error{Op: "log in with OAuth2", Kind: loginErrKind(err), Err: err}
		}
		return nil
	}
	if caps.Has(imap.CapLoginDisabled) {
		return &Error{Op: "log in", Kind: KindTLS, Err: errors.New("server refuses LOGIN on an unencrypted connection (LOGINDISABLED): use tls: starttls or tls")}
	}
	var err error
	if caps.Has(imap.AuthCap(sasl.Plain)) {
		err = c.Authenticate(sasl.NewPlainClient("", creds.Username, creds.Password))
	} else {
		err = c.Login(creds.Username, creds.Password).Wait()
	}
	if err != nil {
		return &Error{Op: "log in as " + creds.Username, Kind: loginErrKind(err), Err: err}
	}
	return nil
}

// loginErrKind tells a refused login (fix the credentials) from a dropped
// connection (retry).
func loginErrKind(err error) Kind {
	var ie *imap.Error
	if errors.As(err, &ie) {
		if ie.Code == imap.ResponseCodeUnavailable {
			return KindNetwork
		}
		return KindAuth
	}
	return classifyConnErr(err)
}

func classifyConnErr(err error) Kind {
	var rec tls.RecordHeaderError
	if errors.As(err, &rec) {
		return KindTLS
	}
	var cv *tls.CertificateVerificationError
	if errors.As(err, &cv) {
		return KindTLS
	}
	return KindNetwork
}

// xoauth2 is Google's and Microsoft's SASL XOAUTH2 mechanism
// (developers.google.com/gmail/imap/xoauth2-protocol).
type xoauth2 struct {
	user, token string
	failure     []byte
}

func newXOAuth2Client(user, token string) sasl.Client { return &xoauth2{user: user, token: token} }

func (x *xoauth2) Start() (string, []byte, error) {
	return "XOAUTH2", []byte("user=" + x.user + "\x01auth=Bearer " + x.token + "\x01\x01"), nil
}

// Next answers the server's error challenge (a JSON status) with an empty
// response, as the protocol asks, so the server ends with NO.
func (x *xoauth2) Next(challenge []byte) ([]byte, error) {
	x.failure = challenge
	return []byte{}, nil
}
