package mailbox

import (
	"context"
	"crypto/tls"
	"errors"
	"net"
	"strconv"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"github.com/replydesk/replydesk/config"
)

// DialSMTP connects to the mailbox's SMTP server (implicit TLS on 465,
// STARTTLS on 587, or plain for loopback test servers) and authenticates
// with the mailbox's credentials: AUTH PLAIN, LOGIN or XOAUTH2.
func DialSMTP(ctx context.Context, mb *config.Mailbox, creds Credentials) (*smtp.Client, error) {
	addr := net.JoinHostPort(mb.SMTP.Host, strconv.Itoa(mb.SMTP.Port))
	tc, err := tlsConfig(mb.SMTP)
	if err != nil {
		return nil, &Error{Mailbox: mb.ID, Op: "connect", Kind: KindConfig, Err: err}
	}
	d := &net.Dialer{Timeout: dialTimeout}
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, &Error{Mailbox: mb.ID, Op: "connect to SMTP " + addr, Kind: KindNetwork, Err: err}
	}
	conn.SetDeadline(time.Now().Add(2 * dialTimeout))
	var c *smtp.Client
	switch mb.SMTP.TLS {
	case config.TLSImplicit:
		tconn := tls.Client(conn, tc)
		if err := tconn.HandshakeContext(ctx); err != nil {
			conn.Close()
			return nil, (&Error{Op: "TLS handshake with SMTP " + addr, Kind: KindTLS, Err: err,
				Hint: "port 465 needs tls: tls, 587 tls: starttls"}).with(mb)
		}
		c = smtp.NewClient(tconn)
	case config.TLSStartTLS:
		c, err = smtp.NewClientStartTLS(conn, tc)
		if err != nil {
			conn.Close()
			return nil, (&Error{Op: "STARTTLS with SMTP " + addr, Kind: KindTLS, Err: err,
				Hint: "port 465 needs tls: tls, 587 tls: starttls"}).with(mb)
		}
	default:
		c = smtp.NewClient(conn)
	}
	if err := c.Hello("localhost"); err != nil {
		c.Close()
		return nil, (&Error{Op: "SMTP greeting from " + addr, Kind: KindNetwork, Err: err}).with(mb)
	}
	if err := smtpAuth(c, creds); err != nil {
		c.Close()
		return nil, (&Error{Op: "SMTP login as " + creds.Username, Kind: KindAuth, Err: err}).with(mb)
	}
	conn.SetDeadline(time.Time{})
	return c, nil
}

func smtpAuth(c *smtp.Client, creds Credentials) error {
	if ok, _ := c.Extension("AUTH"); !ok {
		return errors.New("server offers no AUTH on this port (use the submission port, 587 or 465)")
	}
	if creds.Token != nil {
		tok, err := creds.Token.Token()
		if err != nil {
			return err
		}
		if c.SupportsAuth("XOAUTH2") {
			return c.Auth(newXOAuth2Client(creds.Username, tok.AccessToken))
		}
		return c.Auth(sasl.NewOAuthBearerClient(&sasl.OAuthBearerOptions{Username: creds.Username, Token: tok.AccessToken}))
	}
	if c.SupportsAuth("PLAIN") {
		return c.Auth(sasl.NewPlainClient("", creds.Username, creds.Password))
	}
	return c.Auth(sasl.NewLoginClient(creds.Username, creds.Password))
}
