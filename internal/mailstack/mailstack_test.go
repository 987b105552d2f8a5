package mailstack

import (
	"bytes"
	"errors"
	"fmt"
	"net"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"github.com/replydesk/replydesk/internal/testcorpus"
)

// xoauth2 is a SASL XOAUTH2 client (go-sasl only has OAUTHBEARER).
type xoauth2 struct{ user, token string }

func (x xoauth2) Start() (string, []byte, error) {
	return "XOAUTH2", []byte("user=" + x.user + "\x01auth=Bearer " + x.token + "\x01\x01"), nil
}

// Next answers the error challenge with an empty response, as RFC 7628 asks.
func (x xoauth2) Next([]byte) ([]byte, error) { return []byte{}, nil }

func dialIMAP(t *testing.T, s *Stack) *imapclient.Client {
	t.Helper()
	c, err := imapclient.DialInsecure(s.IMAPAddr(), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func login(t *testing.T, s *Stack, user string) *imapclient.Client {
	t.Helper()
	c := dialIMAP(t, s)
	if err := c.Login(s.Address(user), s.Password(user)).Wait(); err != nil {
		t.Fatalf("login %s: %v", user, err)
	}
	return c
}

// rawSession logs in with a password and runs commands, returning every
// response line.
func rawSession(t *testing.T, s *Stack, user string, cmds ...string) []string {
	t.Helper()
	c, err := dialRawIMAP(s.IMAPAddr())
	if err != nil {
		t.Fatal(err)
	}
	defer c.conn.Close()
	var lines []string
	for _, cmd := range append([]string{"LOGIN " + quote(s.Address(user)) + " " + quote(s.Password(user))}, cmds...) {
		tag := c.nextTag()
		if _, err := c.conn.Write([]byte(tag + " " + cmd + "\r\n")); err != nil {
			t.Fatal(err)
		}
		for {
			line, err := c.readResponse()
			if err != nil {
				t.Fatal(err)
			}
			lines = append(lines, line)
			if strings.HasPrefix(line, tag+" ") {
				if !strings.HasPrefix(line, tag+" OK") {
					t.Fatalf("%s: %s", cmd, line)
				}
				break
			}
		}
	}
	return lines
}

func msg(subject, body string) []byte {
	return []byte("From: Test <test@example.org>\r\nTo: alice@shop.test\r\nSubject: " + subject +
		"\r\nMessage-ID: <" + strings.ReplaceAll(subject, " ", ".") + "@test>\r\nDate: Mon, 02 Nov 2026 10:00:00 +0000\r\n\r\n" + body + "\r\n")
}

func TestStartAndIMAP(t *testing.T) {
	t.Parallel()
	t0 := time.Now()
	s := ForTest(t)
	t.Logf("stack up in %v: imap %d imaps %d lmtp %d smtp %d submission %d smtps %d oauth %d",
		time.Since(t0), s.IMAPPort, s.IMAPSPort, s.LMTPPort, s.SMTPPort, s.SubmissionPort, s.SMTPSPort, s.OAuthPort)
	if s.Host != "127.0.0.1" || s.Domain != "shop.test" {
		t.Errorf("Host %q Domain %q", s.Host, s.Domain)
	}
	if len(s.l.baseDir)+len("/token-login/imap-urlauth") >= 108 {
		t.Errorf("base_dir %s too long for unix sockets", s.l.baseDir)
	}

	c := login(t, s, "alice")
	caps := c.Caps()
	for _, want := range []imap.Cap{imap.CapCondStore, imap.CapQResync, imap.CapIdle, imap.CapSpecialUse, imap.CapLiteralPlus, imap.CapMove, imap.CapUIDPlus} {
		if !caps.Has(want) {
			t.Errorf("post-login CAPABILITY lacks %s", want)
		}
	}
	boxes, err := c.List("", "*", &imap.ListOptions{ReturnSpecialUse: true}).Collect()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, b := range boxes {
		for _, a := range b.Attrs {
			if strings.HasPrefix(string(a), `\`) && a != imap.MailboxAttrHasNoChildren && a != imap.MailboxAttrHasChildren {
				got[b.Mailbox] = string(a)
			}
		}
	}
	for _, m := range specialUse {
		if got[m] != `\`+m {
			t.Errorf("mailbox %s: special-use %q, want \\%s (LIST: %v)", m, got[m], m, got)
		}
		if _, err := os.Stat(s.MaildirPath("bob") + "/." + m + "/cur"); err != nil {
			t.Errorf("bob's %s is not on disk: %v", m, err)
		}
	}
	sel, err := c.Select("INBOX", &imap.SelectOptions{CondStore: true}).Wait()
	if err != nil {
		t.Fatal(err)
	}
	if sel.HighestModSeq == 0 || sel.UIDValidity == 0 {
		t.Errorf("SELECT (CONDSTORE): HIGHESTMODSEQ %d UIDVALIDITY %d", sel.HighestModSeq, sel.UIDValidity)
	}
	_ = c.Logout().Wait()
	// go-imap v2's client refuses ENABLE QRESYNC, so speak IMAP directly
	lines := rawSession(t, s, "alice", "ENABLE QRESYNC", "SELECT INBOX (QRESYNC (1 1))")
	all := strings.Join(lines, "\n")
	if !strings.Contains(all, "* ENABLED QRESYNC") || !strings.Contains(all, "[HIGHESTMODSEQ ") {
		t.Errorf("ENABLE QRESYNC + SELECT:\n%s", all)
	}

	// wrong password: rejected, and no anvil penalty slows the next login
	bad := dialIMAP(t, s)
	for i := 0; i < 3; i++ {
		if err := bad.Login("alice@shop.test", "wrong").Wait(); err == nil {
			t.Fatal("login with a wrong password succeeded")
		}
	}
	t1 := time.Now()
	login(t, s, "alice")
	// with anvil's penalty it would wait 8 s after three failures
	if d := time.Since(t1); d > 5*time.Second {
		t.Errorf("login after failed ones took %v (auth penalty active?)", d)
	}
	// carol has no password
	if err := dialIMAP(t, s).Login("carol@shop.test", "").Wait(); err == nil {
		t.Error("carol logged in without a password")
	}

	// IMAPS with the stack's certificate, verified by IP SAN and by name
	for _, name := range []string{"", "localhost"} {
		cfg := s.TLSConfig()
		cfg.ServerName = name
		tc, err := imapclient.DialTLS(s.IMAPSAddr(), &imapclient.Options{TLSConfig: cfg})
		if err != nil {
			t.Fatalf("IMAPS (ServerName %q): %v", name, err)
		}
		if err := tc.Login("bob@shop.test", "bob-pass").Wait(); err != nil {
			t.Fatalf("IMAPS login: %v", err)
		}
		tc.Close()
	}
	// STARTTLS on the plain port
	st, err := imapclient.DialStartTLS(s.IMAPAddr(), &imapclient.Options{TLSConfig: s.TLSConfig()})
	if err != nil {
		t.Fatalf("STARTTLS: %v", err)
	}
	if err := st.Login("bob@shop.test", "bob-pass").Wait(); err != nil {
		t.Fatal(err)
	}
	st.Close()
}

func TestXOAUTH2(t *testing.T) {
	t.Parallel()
	s := ForTest(t)
	auth := func(user, token string) error {
		c := dialIMAP(t, s)
		return c.Authenticate(xoauth2{user, token})
	}
	if err := auth("carol@shop.test", DefaultToken); err != nil {
		t.Fatalf("XOAUTH2 carol with the default token: %v", err)
	}
	if n := s.Introspections(); n == 0 {
		t.Error("the introspection endpoint was not asked")
	}
	if err := auth("carol@shop.test", "nope"); err == nil {
		t.Error("XOAUTH2 with an unknown token succeeded")
	}
	s.SetToken("alice-token", "alice", true)
	if err := auth("alice@shop.test", "alice-token"); err != nil {
		t.Fatalf("XOAUTH2 alice with a token set at run time: %v", err)
	}
	if err := auth("bob@shop.test", "alice-token"); err == nil {
		t.Error("alice's token logged bob in")
	}
	s.SetToken("alice-token", "alice", false)
	if err := auth("alice@shop.test", "alice-token"); err == nil {
		t.Error("revoked token still works")
	}
	// three failures so far: with anvil's penalty this would wait 8 s
	t0 := time.Now()
	if err := auth("carol@shop.test", DefaultToken); err != nil {
		t.Errorf("XOAUTH2 after failures: %v", err)
	}
	if d := time.Since(t0); d > 5*time.Second {
		t.Errorf("XOAUTH2 after failures took %v (auth penalty active?)", d)
	}
	// OAUTHBEARER too
	c := dialIMAP(t, s)
	if err := c.Authenticate(sasl.NewOAuthBearerClient(&sasl.OAuthBearerOptions{Username: "carol@shop.test", Token: DefaultToken})); err != nil {
		t.Errorf("OAUTHBEARER: %v", err)
	}
	// SMTP AUTH XOAUTH2 on the SMTPS port
	sc, err := smtp.DialTLS(s.SMTPSAddr(), s.TLSConfig())
	if err != nil {
		t.Fatal(err)
	}
	defer sc.Close()
	if err := sc.Auth(xoauth2{"carol@shop.test", DefaultToken}); err != nil {
		t.Errorf("SMTP AUTH XOAUTH2: %v", err)
	}
}

func TestAppend(t *testing.T) {
	t.Parallel()
	s := ForTest(t)
	corpus := testcorpus.Generate(1, 1000)
	raws := make([][]byte, len(corpus))
	flags := make([][]imap.Flag, len(corpus))
	seen := 0
	for i, m := range corpus {
		raws[i] = m.Raw
		for _, f := range m.Flags {
			flags[i] = append(flags[i], imap.Flag(f))
			if f == `\Seen` {
				seen++
			}
		}
	}
	t0 := time.Now()
	if err := s.Append("alice", "INBOX", raws, flags); err != nil {
		t.Fatal(err)
	}
	t.Logf("appended %d messages in %v", len(raws), time.Since(t0))
	st, err := s.Status("alice", "INBOX")
	if err != nil {
		t.Fatal(err)
	}
	if st.Messages != len(raws) || st.Unseen != len(raws)-seen {
		t.Errorf("INBOX: %d messages, %d unseen; want %d, %d", st.Messages, st.Unseen, len(raws), len(raws)-seen)
	}

	// IMAP sees the same, byte for byte
	c := login(t, s, "alice")
	if _, err := c.Select("INBOX", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	fetched, err := c.Fetch(imap.SeqSetNum(1, 500, 1000), &imap.FetchOptions{
		BodySection: []*imap.FetchItemBodySection{{Peek: true}},
	}).Collect()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fetched {
		got := f.FindBodySection(&imap.FetchItemBodySection{Peek: true})
		if want := raws[f.SeqNum-1]; !bytes.Equal(got, want) {
			t.Errorf("message %d differs after APPEND (%d bytes, want %d)", f.SeqNum, len(got), len(want))
		}
	}

	// OAuth-only users, other folders, INTERNALDATE, non-ASCII folder names
	date := time.Date(2025, 3, 4, 5, 6, 7, 0, time.FixedZone("", 9*3600))
	if err := s.AppendItems("carol", "Archive", []AppendItem{{Raw: msg("old one", "x"), Date: date, Flags: []imap.Flag{imap.FlagSeen, "$Label1"}}}); err != nil {
		t.Fatal(err)
	}
	cc := dialIMAP(t, s)
	if err := cc.Authenticate(xoauth2{"carol@shop.test", DefaultToken}); err != nil {
		t.Fatal(err)
	}
	if _, err := cc.Select("Archive", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	got, err := cc.Fetch(imap.SeqSetNum(1), &imap.FetchOptions{InternalDate: true, Flags: true}).Collect()
	if err != nil || len(got) != 1 {
		t.Fatalf("fetch carol/Archive: %v %v", got, err)
	}
	if !got[0].InternalDate.Equal(date) {
		t.Errorf("INTERNALDATE %v, want %v", got[0].InternalDate, date)
	}
	if fl := fmt.Sprint(got[0].Flags); !strings.Contains(fl, `\Seen`) || !strings.Contains(fl, "$Label1") {
		t.Errorf("flags %s", fl)
	}
	if err := s.Append("bob", "Kunden/Rückfragen", [][]byte{msg("x", "y")}, nil); err == nil {
		t.Error("append to a missing folder succeeded")
	} else if !strings.Contains(err.Error(), "TRYCREATE") {
		t.Errorf("append to a missing folder: %v, want TRYCREATE", err)
	}
	if err := s.CreateFolder("bob", "Kunden/Rückfragen"); err != nil {
		t.Fatal(err)
	}
	if err := s.Append("bob", "Kunden/Rückfragen", [][]byte{msg("a", "1"), msg("b", "2")}, nil); err != nil {
		t.Fatal(err)
	}
	bc := login(t, s, "bob")
	stat, err := bc.Status("Kunden/Rückfragen", &imap.StatusOptions{NumMessages: true}).Wait()
	if err != nil || stat.NumMessages == nil || *stat.NumMessages != 2 {
		t.Errorf("STATUS Kunden/Rückfragen: %+v %v", stat, err)
	}
	if err := s.DeleteFolder("bob", "Kunden/Rückfragen"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Count("bob", "Kunden/Rückfragen"); err == nil {
		t.Error("folder still there after DeleteFolder")
	}
	if err := s.Append("alice", "INBOX", [][]byte{msg("bad flag", "x")}, [][]imap.Flag{{"no good"}}); err == nil {
		t.Error("invalid flag accepted")
	}
}

func TestDeliverAndUsers(t *testing.T) {
	t.Parallel()
	s := ForTest(t)
	t0 := time.Now()
	if err := s.Deliver("buyer@example.org", []string{"bob@shop.test"}, msg("hello bob", "via postfix")); err != nil {
		t.Fatal(err)
	}
	if err := s.WaitCount("bob", "INBOX", 1, 15*time.Second); err != nil {
		t.Fatal(err)
	}
	t.Logf("SMTP -> Postfix -> LMTP -> INBOX in %v", time.Since(t0))

	// other domains land in catchall, +detail in the user's INBOX
	if err := s.Deliver("shop@shop.test", []string{"someone@gmail.com"}, msg("to the world", "x")); err != nil {
		t.Fatal(err)
	}
	if err := s.Deliver("x@example.org", []string{"alice+orders@shop.test"}, msg("detail", "x")); err != nil {
		t.Fatal(err)
	}
	if err := s.WaitCount("catchall", "INBOX", 1, 15*time.Second); err != nil {
		t.Error(err)
	}
	if err := s.WaitCount("alice", "INBOX", 1, 15*time.Second); err != nil {
		t.Error(err)
	}
	// unknown local users are refused at RCPT
	err := s.Deliver("x@example.org", []string{"nobody@shop.test"}, msg("nobody", "x"))
	var se *smtp.SMTPError
	if !errors.As(err, &se) || se.Code != 550 {
		t.Errorf("mail to an unknown user: %v, want 550", err)
	}

	// AddUser while running: IMAP login and SMTP delivery work at once
	if err := s.AddUser("dave", "dave-pass"); err != nil {
		t.Fatal(err)
	}
	login(t, s, "dave")
	if err := s.Deliver("x@example.org", []string{"dave@shop.test"}, msg("welcome dave", "x")); err != nil {
		t.Fatalf("deliver to a new user: %v", err)
	}
	if err := s.WaitCount("dave", "INBOX", 1, 15*time.Second); err != nil {
		t.Error(err)
	}
	// changing a password takes effect at once, even within the same second
	if err := s.AddUser("dave", "pass-dave"); err != nil {
		t.Fatal(err)
	}
	if err := dialIMAP(t, s).Login("dave@shop.test", "dave-pass").Wait(); err == nil {
		t.Error("old password still works")
	}
	login(t, s, "dave")
	if err := s.AddUser("bad:name", "x"); err == nil {
		t.Error("AddUser accepted a ':'")
	}
}

func TestSubmission(t *testing.T) {
	t.Parallel()
	s := ForTest(t)
	// no AUTH: relaying refused
	c, err := smtp.Dial(s.SubmissionAddr())
	if err != nil {
		t.Fatal(err)
	}
	err = c.SendMail("alice@shop.test", []string{"bob@shop.test"}, bytes.NewReader(msg("no auth", "x")))
	var se *smtp.SMTPError
	if !errors.As(err, &se) || se.Code/100 != 5 {
		t.Errorf("submission without AUTH: %v, want a 5xx", err)
	}
	c.Close()

	// STARTTLS + AUTH PLAIN
	c, err = smtp.DialStartTLS(s.SubmissionAddr(), s.TLSConfig())
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Auth(sasl.NewPlainClient("", "alice@shop.test", "wrong")); err == nil {
		t.Error("AUTH PLAIN with a wrong password succeeded")
	}
	c.Close()
	c, err = smtp.DialStartTLS(s.SubmissionAddr(), s.TLSConfig())
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Auth(sasl.NewPlainClient("", "alice@shop.test", "alice-pass")); err != nil {
		t.Fatal(err)
	}
	if err := c.SendMail("alice@shop.test", []string{"bob@shop.test"}, bytes.NewReader(msg("submitted", "x"))); err != nil {
		t.Fatal(err)
	}
	c.Close()
	// SMTPS (implicit TLS) + AUTH PLAIN
	c, err = smtp.DialTLS(s.SMTPSAddr(), s.TLSConfig())
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Auth(sasl.NewPlainClient("", "bob@shop.test", "bob-pass")); err != nil {
		t.Fatal(err)
	}
	if err := c.SendMail("bob@shop.test", []string{"alice@shop.test"}, bytes.NewReader(msg("smtps", "x"))); err != nil {
		t.Fatal(err)
	}
	c.Close()
	if err := s.WaitCount("bob", "INBOX", 1, 15*time.Second); err != nil {
		t.Error(err)
	}
	if err := s.WaitCount("alice", "INBOX", 1, 15*time.Second); err != nil {
		t.Error(err)
	}
}

func TestUIDValidityRestartKick(t *testing.T) {
	t.Parallel()
	s := ForTest(t)
	if err := s.Append("alice", "INBOX", [][]byte{msg("one", "1"), msg("two", "2")}, nil); err != nil {
		t.Fatal(err)
	}
	before, err := s.Status("alice", "INBOX")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetUIDValidity("alice", "INBOX", before.UIDValidity+1000); err != nil {
		t.Fatal(err)
	}
	c := login(t, s, "alice")
	sel, err := c.Select("INBOX", nil).Wait()
	if err != nil {
		t.Fatal(err)
	}
	if sel.UIDValidity != before.UIDValidity+1000 || sel.NumMessages != 2 {
		t.Errorf("after SetUIDValidity: UIDVALIDITY %d (want %d), %d messages", sel.UIDValidity, before.UIDValidity+1000, sel.NumMessages)
	}

	// KickUser drops alice's connections, not bob's
	bob := login(t, s, "bob")
	t0 := time.Now()
	if err := s.KickUser("alice"); err != nil {
		t.Fatal(err)
	}
	select {
	case <-c.Closed():
		t.Logf("KickUser: connection closed after %v", time.Since(t0))
	case <-time.After(10 * time.Second):
		t.Error("alice's connection still open 10 s after KickUser")
	}
	if err := bob.Noop().Wait(); err != nil {
		t.Errorf("bob's connection died too: %v", err)
	}

	// RestartDovecot: connections drop, mail and ports stay
	t0 = time.Now()
	if err := s.RestartDovecot(); err != nil {
		t.Fatal(err)
	}
	t.Logf("RestartDovecot took %v", time.Since(t0))
	select {
	case <-bob.Closed():
	case <-time.After(10 * time.Second):
		t.Error("bob's connection survived a Dovecot restart")
	}
	t.Logf("restart + close seen after %v", time.Since(t0))
	c = login(t, s, "alice")
	sel, err = c.Select("INBOX", nil).Wait()
	if err != nil || sel.NumMessages != 2 || sel.UIDValidity != before.UIDValidity+1000 {
		t.Errorf("after restart: %+v %v", sel, err)
	}

	// StopDovecot / StartDovecot: IMAP is down in between
	if err := s.StopDovecot(); err != nil {
		t.Fatal(err)
	}
	if conn, err := net.DialTimeout("tcp", s.IMAPAddr(), time.Second); err == nil {
		conn.Close()
		t.Error("IMAP port still accepts connections with Dovecot stopped")
	}
	if err := s.StartDovecot(); err != nil {
		t.Fatal(err)
	}
	login(t, s, "bob")
}

func TestStopOnlyOurs(t *testing.T) {
	t.Parallel()
	s := ForTest(t)
	dpid, ppid := s.dovecot.pid(), s.postfix.pid()
	if err := s.Stop(); err != nil {
		t.Fatal(err)
	}
	for _, pid := range []int{dpid, ppid} {
		if _, err := os.Stat(fmt.Sprintf("/proc/%d", pid)); err == nil {
			if data, _ := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid)); !strings.Contains(string(data), ") Z ") {
				t.Errorf("pid %d still running after Stop", pid)
			}
		}
	}
	if err := s.Stop(); err != nil {
		t.Errorf("second Stop: %v", err)
	}
	if err := s.Append("alice", "INBOX", [][]byte{msg("late", "x")}, nil); err == nil {
		t.Error("Append after Stop succeeded")
	}
}

// fakeTB records Skip and Fatal without ending the real test.
type fakeTB struct {
	testing.TB
	mu      sync.Mutex
	skipped bool
	failed  bool
	msg     string
}

func (f *fakeTB) Helper() {}
func (f *fakeTB) Skipf(format string, args ...any) {
	f.mu.Lock()
	f.skipped, f.msg = true, fmt.Sprintf(format, args...)
	f.mu.Unlock()
	runtime.Goexit()
}
func (f *fakeTB) Fatalf(format string, args ...any) {
	f.mu.Lock()
	f.failed, f.msg = true, fmt.Sprintf(format, args...)
	f.mu.Unlock()
	runtime.Goexit()
}
func (f *fakeTB) Fatal(args ...any) { f.Fatalf("%s", fmt.Sprint(args...)) }
func (f *fakeTB) Skip(args ...any)  { f.Skipf("%s", fmt.Sprint(args...)) }
func (f *fakeTB) Cleanup(func())    {}

func runForTest(t *testing.T) *fakeTB {
	f := &fakeTB{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		ForTest(f)
	}()
	<-done
	return f
}

func TestUnavailableSkips(t *testing.T) {
	t.Setenv("MAILSTACK_FORCE_UNAVAILABLE", "1")
	if err := Available(); err == nil || !strings.Contains(err.Error(), "MAILSTACK_FORCE_UNAVAILABLE") {
		t.Fatalf("Available() = %v", err)
	}
	if _, err := Start(t.TempDir()); err == nil {
		t.Fatal("Start succeeded although unavailable")
	}
	t.Setenv("CI", "")
	f := runForTest(t)
	if testing.Short() {
		if !f.skipped {
			t.Errorf("-short: not skipped (%q)", f.msg)
		}
		return
	}
	if !f.skipped || f.failed || !strings.Contains(f.msg, "apt-get install dovecot-imapd dovecot-lmtpd postfix") || !strings.Contains(f.msg, "make test") {
		t.Errorf("without CI: skipped=%v failed=%v msg=%q", f.skipped, f.failed, f.msg)
	}
	t.Setenv("CI", "true")
	f = runForTest(t)
	if !f.failed || f.skipped {
		t.Errorf("with CI=true: skipped=%v failed=%v msg=%q", f.skipped, f.failed, f.msg)
	}
}

func TestStartInTempDir(t *testing.T) {
	// Start must cope with t.TempDir(): a long path under 0700 parents.
	t.Parallel()
	if testing.Short() {
		t.Skip("integration test")
	}
	if err := Available(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	s, err := Start(t.TempDir() + "/a-rather-long-directory-name-to-push-the-socket-paths-over-the-limit")
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		s.Stop()
		if t.Failed() {
			for _, f := range s.LogFiles() {
				t.Logf("--- %s ---\n%s", f, tail(f, 30))
			}
		}
	}()
	if s.ownBase == "" {
		t.Errorf("base_dir %s was not moved to a short directory", s.l.baseDir)
	}
	c := login(t, s, "alice")
	_ = c.Logout().Wait()
	if err := s.Deliver("x@example.org", []string{"alice@shop.test"}, msg("tmp", "x")); err != nil {
		t.Fatal(err)
	}
	if err := s.WaitCount("alice", "INBOX", 1, 15*time.Second); err != nil {
		t.Fatal(err)
	}
	base := s.l.baseDir
	if err := s.Stop(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(base); err == nil {
		t.Errorf("short base_dir %s left behind", base)
	}
}

func TestMUTF7(t *testing.T) {
	for in, want := range map[string]string{
		"INBOX":             "INBOX",
		"Sent":              `"Sent"`,
		"Kunden/Rückfragen": `"Kunden/R&APw-ckfragen"`,
		"A&B":               `"A&-B"`,
		"日本語":               `"&ZeVnLIqe-"`,
		`say "hi"`:          `"say \"hi\""`,
	} {
		if got := encodeMailbox(in); got != want {
			t.Errorf("encodeMailbox(%q) = %s, want %s", in, got, want)
		}
	}
}

func BenchmarkAppend10k(b *testing.B) {
	s := ForTest(b)
	corpus := testcorpus.Generate(1, 10000)
	raws := make([][]byte, len(corpus))
	size := 0
	for i, m := range corpus {
		raws[i] = m.Raw
		size += len(m.Raw)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		folder := fmt.Sprintf("bench%d", i)
		b.StopTimer()
		if err := s.CreateFolder("alice", folder); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if err := s.Append("alice", folder, raws, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(raws)*b.N)/b.Elapsed().Seconds(), "msgs/s")
}
