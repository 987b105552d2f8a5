// Package demo runs replydesk's demonstration: an embedded IMAP server
// (go-imap's in-memory imapmemserver) and SMTP server on loopback, seeded
// with sample buyer mail in many languages, charsets and marketplace
// formats, so `replydesk demo` shows the real pipeline with nothing to set up.
package demo

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/mail"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

//go:embed seed/*.eml
var seedFS embed.FS

// Account is one demo mailbox.
type Account struct {
	ID, Store, StoreName, Address, Password string
}

// Accounts are the two demo shops' mailboxes.
var Accounts = []Account{
	{ID: "phonegear", Store: "phonegear", StoreName: "PhoneGear", Address: "support@phonegear.example", Password: "demo-phonegear"},
	{ID: "casalinda", Store: "casalinda", StoreName: "CasaLinda", Address: "hola@casalinda.example", Password: "demo-casalinda"},
}

// Servers are the running embedded mail servers.
type Servers struct {
	IMAPAddr, SMTPAddr string
	Seeded             map[string]int // messages seeded per account id

	mem      *imapmemserver.Server
	users    map[string]*imapmemserver.User // by address
	imap     *imapserver.Server
	smtp     *smtp.Server
	mu       sync.Mutex
	outbound [][]byte // mail our SMTP server accepted for outside addresses
}

// SeedMessages returns the embedded sample messages by file name.
func SeedMessages() (map[string][]byte, error) {
	out := map[string][]byte{}
	err := fs.WalkDir(seedFS, "seed", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".eml") {
			return err
		}
		b, err := seedFS.ReadFile(path)
		out[strings.TrimPrefix(path, "seed/")] = b
		return err
	})
	return out, err
}

// Start starts both servers on loopback and seeds the sample mail.
func Start() (*Servers, error) {
	s := &Servers{mem: imapmemserver.New(), users: map[string]*imapmemserver.User{}, Seeded: map[string]int{}}
	for _, a := range Accounts {
		u := imapmemserver.NewUser(a.Address, a.Password)
		for _, f := range []string{"INBOX", "Sent", "Drafts", "Junk", "Trash"} {
			if err := u.Create(f, nil); err != nil {
				return nil, fmt.Errorf("demo: create %s for %s: %w", f, a.Address, err)
			}
		}
		s.mem.AddUser(u)
		s.users[a.Address] = u
	}
	if err := s.seed(); err != nil {
		return nil, err
	}

	s.imap = imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return s.mem.NewSession(), nil, nil
		},
		Caps:         imap.CapSet{imap.CapIMAP4rev1: {}, imap.CapIMAP4rev2: {}},
		InsecureAuth: true, // loopback only
		Logger:       discardLogger{},
	})
	iln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("demo: listen for IMAP: %w", err)
	}
	s.IMAPAddr = iln.Addr().String()
	go s.imap.Serve(iln)

	s.smtp = smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) { return &smtpSession{s: s}, nil }))
	s.smtp.Domain = "localhost"
	s.smtp.AllowInsecureAuth = true
	s.smtp.ReadTimeout, s.smtp.WriteTimeout = time.Minute, time.Minute
	sln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		s.imap.Close()
		return nil, fmt.Errorf("demo: listen for SMTP: %w", err)
	}
	s.SMTPAddr = sln.Addr().String()
	go s.smtp.Serve(sln)
	return s, nil
}

// Close stops both servers.
func (s *Servers) Close() error {
	return errors.Join(s.imap.Close(), s.smtp.Close())
}

// seed appends every sample message to the INBOX of the shop it is
// addressed to, in file order (files are numbered in arrival order).
func (s *Servers) seed() error {
	msgs, err := SeedMessages()
	if err != nil {
		return fmt.Errorf("demo: read seed mail: %w", err)
	}
	names := make([]string, 0, len(msgs))
	for n := range msgs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		raw := msgs[n]
		acct := s.recipientOf(raw)
		if acct == nil {
			return fmt.Errorf("demo: seed %s: addressed to none of the demo mailboxes", n)
		}
		if err := s.deliver(acct, raw); err != nil {
			return fmt.Errorf("demo: seed %s: %w", n, err)
		}
		for _, a := range Accounts {
			if a.Address == acct.Address {
				s.Seeded[a.ID]++
			}
		}
	}
	return nil
}

// recipientOf finds the demo account a message is for, reading To and Cc
// leniently (the sample set includes deliberately broken mail).
func (s *Servers) recipientOf(raw []byte) *Account {
	hdr := raw
	if i := bytes.Index(raw, []byte("\r\n\r\n")); i >= 0 {
		hdr = raw[:i]
	} else if i := bytes.Index(raw, []byte("\n\n")); i >= 0 {
		hdr = raw[:i]
	}
	low := strings.ToLower(string(hdr))
	for i := range Accounts {
		if strings.Contains(low, strings.ToLower(Accounts[i].Address)) {
			return &Accounts[i]
		}
	}
	return nil
}

func (s *Servers) deliver(a *Account, raw []byte) error {
	u := s.users[a.Address]
	_, err := u.Append("INBOX", literal{bytes.NewReader(raw), int64(len(raw))}, &imap.AppendOptions{Time: dateOf(raw)})
	return err
}

// Outbound returns the mail the SMTP server accepted for outside addresses
// (replies to buyers).
func (s *Servers) Outbound() [][]byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([][]byte(nil), s.outbound...)
}

// Deliver puts a new message in a demo mailbox's INBOX, as if it had just
// arrived (IDLE clients are told at once).
func (s *Servers) Deliver(address string, raw []byte) error {
	for i := range Accounts {
		if strings.EqualFold(Accounts[i].Address, address) {
			return s.deliver(&Accounts[i], raw)
		}
	}
	return fmt.Errorf("demo: no mailbox %s", address)
}

func dateOf(raw []byte) time.Time {
	m, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return time.Now()
	}
	t, err := m.Header.Date()
	if err != nil {
		return time.Now()
	}
	return t
}

type literal struct {
	io.Reader
	n int64
}

func (l literal) Size() int64 { return l.n }

type discardLogger struct{}

func (discardLogger) Printf(string, ...any) {}

// smtpSession accepts authenticated submissions from the demo accounts and
// plain deliveries to them.
type smtpSession struct {
	s    *Servers
	from string
	to   []string
}

func (ss *smtpSession) AuthMechanisms() []string { return []string{sasl.Plain} }

func (ss *smtpSession) Auth(mech string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(identity, username, password string) error {
		for _, a := range Accounts {
			if strings.EqualFold(username, a.Address) && password == a.Password {
				return nil
			}
		}
		return errors.New("invalid username or password")
	}), nil
}

func (ss *smtpSession) Mail(from string, _ *smtp.MailOptions) error { ss.from = from; return nil }
func (ss *smtpSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	ss.to = append(ss.to, to)
	return nil
}

func (ss *smtpSession) Data(r io.Reader) error {
	raw, err := io.ReadAll(io.LimitReader(r, 50<<20))
	if err != nil {
		return err
	}
	for _, to := range ss.to {
		if err := ss.s.Deliver(to, raw); err != nil {
			ss.s.mu.Lock()
			ss.s.outbound = append(ss.s.outbound, raw)
			ss.s.mu.Unlock()
		}
	}
	return nil
}

func (ss *smtpSession) Reset()        { ss.from, ss.to = "", nil }
func (ss *smtpSession) Logout() error { return nil }
