// Package mailstack runs a real, throw-away Dovecot + Postfix mail stack on
// loopback ports for integration tests and benchmarks.
//
// Start writes standalone configs under a directory (nothing in /etc is read
// or changed), picks free ports, and starts, as children of the calling
// process:
//
//   - an OAuth2 token introspection endpoint (an http.Server goroutine in this
//     process; tokens are set with SetToken),
//   - Dovecot 2.3 (IMAP, IMAPS, LMTP; passwd-file users, Maildir, XOAUTH2 and
//     OAUTHBEARER through the introspection endpoint),
//   - Postfix (SMTP without auth for delivery, submission and SMTPS with
//     Dovecot SASL; shop.test goes to Dovecot LMTP, every other domain to
//     catchall@shop.test, nothing ever leaves the machine).
//
// Users alice, bob and catchall (password "<name>-pass") and carol (OAuth
// only: token "test-token-carol") exist in every stack; more can be added
// with AddUser while the stack runs. Every user has the special-use mailboxes
// Sent, Drafts, Archive, Junk and Trash.
//
// It needs root and the Debian packages dovecot-imapd, dovecot-lmtpd and
// postfix. Tests use ForTest, which skips when those are missing.
package mailstack

import (
	"bufio"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Default users and their passwords. carol has no password (OAuth2 only).
var defaultUsers = []struct{ name, password string }{
	{"alice", "alice-pass"},
	{"bob", "bob-pass"},
	{"catchall", "catchall-pass"},
	{"carol", ""},
}

// DefaultToken is the OAuth2 access token every stack accepts for carol.
const DefaultToken = "test-token-carol"

// Stack is one running mail stack. The exported fields are read-only.
type Stack struct {
	Dir            string // state directory (configs, mail, logs in Dir/log)
	Host           string // 127.0.0.1
	IMAPPort       int    // plaintext IMAP (LOGIN allowed without TLS; STARTTLS offered)
	IMAPSPort      int    // implicit TLS
	LMTPPort       int    // Dovecot LMTP
	SMTPPort       int    // Postfix, no auth, open to loopback
	SubmissionPort int    // Postfix, AUTH required, STARTTLS offered
	SMTPSPort      int    // Postfix, implicit TLS, AUTH required
	OAuthPort      int    // introspection endpoint: http://Host:OAuthPort/introspect
	CertFile       string // self-signed cert (DNS:localhost, DNS:mail.<Domain>, IP:127.0.0.1)
	KeyFile        string
	Domain         string // shop.test

	l          layout
	bin        binaries
	ids        sysIDs
	instance   string
	ownBase    string // short /tmp/rd-* dir for sockets we created (removed by Stop)
	mapPort    int
	certPEM    []byte
	masterPass string

	mu             sync.Mutex
	users          map[string]string // local part -> password ("" = locked)
	tokens         map[string]tokenInfo
	introspections int
	userStamps     map[string]time.Time // mtime last given to each user's passwd-file
	mapConns       map[net.Conn]struct{}
	stopped        bool

	dcMu     sync.Mutex // serialises Dovecot start/stop
	dovecot  *daemon
	postfix  *daemon
	httpSrv  *http.Server
	mapLn    net.Listener
	mapDone  chan struct{}
	httpDone chan struct{}
}

type binaries struct {
	dovecot, doveadm, postfixMaster string
}

type sysIDs struct {
	vmailUID, vmailGID int
	dovecotGID         int
	postfixUID         int
	postfixGID         int
	postdropGID        int
}

// Available reports whether a stack can be started here: nil if we are root
// and the Dovecot and Postfix binaries exist, else an error saying what is
// missing. MAILSTACK_FORCE_UNAVAILABLE=1 makes it fail on purpose (to check
// that tests skip cleanly).
func Available() error {
	_, err := findBinaries()
	return err
}

func findBinaries() (binaries, error) {
	if v := os.Getenv("MAILSTACK_FORCE_UNAVAILABLE"); v != "" && v != "0" {
		return binaries{}, errors.New("mailstack disabled by MAILSTACK_FORCE_UNAVAILABLE")
	}
	var b binaries
	var missing []string
	// only $PATH counts, so that running without /usr/sbin in PATH is a way
	// to see the tests skip
	look := func(name string) string {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
		return ""
	}
	exists := func(paths ...string) bool {
		for _, p := range paths {
			if _, err := os.Stat(p); err == nil {
				return true
			}
		}
		return false
	}
	if b.dovecot = look("dovecot"); b.dovecot == "" {
		missing = append(missing, "dovecot in $PATH (package dovecot-imapd)")
	}
	if b.doveadm = look("doveadm"); b.doveadm == "" {
		missing = append(missing, "doveadm in $PATH (package dovecot-core)")
	}
	if !exists("/usr/lib/dovecot/imap", "/usr/libexec/dovecot/imap") {
		missing = append(missing, "/usr/lib/dovecot/imap (package dovecot-imapd)")
	}
	if !exists("/usr/lib/dovecot/lmtp", "/usr/libexec/dovecot/lmtp") {
		missing = append(missing, "/usr/lib/dovecot/lmtp (package dovecot-lmtpd)")
	}
	if look("postfix") == "" {
		missing = append(missing, "postfix in $PATH (package postfix)")
	}
	for _, p := range []string{"/usr/lib/postfix/sbin/master", "/usr/libexec/postfix/master"} {
		if exists(p) {
			b.postfixMaster = p
			break
		}
	}
	if b.postfixMaster == "" {
		missing = append(missing, "postfix master daemon (package postfix)")
	}
	for _, u := range []string{"dovecot", "dovenull", "postfix"} {
		if _, err := user.Lookup(u); err != nil {
			missing = append(missing, "system user "+u)
		}
	}
	if _, err := user.LookupGroup("postdrop"); err != nil {
		missing = append(missing, "system group postdrop")
	}
	if os.Geteuid() != 0 {
		missing = append(missing, "root privileges (running as uid "+strconv.Itoa(os.Geteuid())+")")
	}
	if len(missing) > 0 {
		return b, fmt.Errorf("mailstack unavailable, missing: %s", strings.Join(missing, ", "))
	}
	return b, nil
}

// Start generates configs under dir (created if needed), picks free loopback
// ports and starts the introspection endpoint, Dovecot and Postfix. It returns
// once every listener is up and every default user's mailboxes exist on disk.
// Mail already under dir is kept. Stop the stack with Stop.
func Start(dir string) (*Stack, error) {
	bin, err := findBinaries()
	if err != nil {
		return nil, err
	}
	dir, err = filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	var lastErr error
	// Ports are picked free but released before the daemons bind them, so
	// another process may grab one in between: retry with fresh ports.
	for attempt := 0; attempt < 3; attempt++ {
		s, err := start(dir, bin)
		if err == nil {
			return s, nil
		}
		lastErr = err
		if !strings.Contains(err.Error(), "in use") && !strings.Contains(err.Error(), "is not listening") {
			break
		}
	}
	return nil, lastErr
}

func start(dir string, bin binaries) (_ *Stack, err error) {
	s := &Stack{
		Dir:        dir,
		Host:       "127.0.0.1",
		Domain:     "shop.test",
		bin:        bin,
		users:      make(map[string]string),
		tokens:     make(map[string]tokenInfo),
		mapConns:   make(map[net.Conn]struct{}),
		userStamps: make(map[string]time.Time),
	}
	defer func() {
		if err != nil {
			_ = s.Stop()
		}
	}()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		return nil, err
	}
	if err := ensureTraversable(dir); err != nil {
		return nil, err
	}
	if s.ids, err = lookupIDs(); err != nil {
		return nil, err
	}
	sum := sha256.Sum256([]byte(dir))
	s.instance = "mailstack-" + hex.EncodeToString(sum[:4])

	// Unix socket paths must fit in 108 bytes: Dovecot's longest name below
	// base_dir is ~25 bytes, Postfix's below its queue directory ~20.
	if len(dir) > 60 {
		if s.ownBase, err = os.MkdirTemp("/tmp", "rd-"); err != nil {
			return nil, err
		}
		if err := os.Chmod(s.ownBase, 0o755); err != nil {
			return nil, err
		}
	}
	s.l = newLayout(dir, s.ownBase)
	s.CertFile, s.KeyFile = s.l.certFile, s.l.keyFile

	// In-process servers first: they keep their listeners, so their ports are ours.
	oauthLn, err := net.Listen("tcp", s.Host+":0")
	if err != nil {
		return nil, err
	}
	s.OAuthPort = oauthLn.Addr().(*net.TCPAddr).Port
	mux := http.NewServeMux()
	mux.HandleFunc("/introspect", s.introspectHandler)
	mux.HandleFunc("/introspect/", s.introspectHandler)
	s.httpSrv = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	s.httpDone = make(chan struct{})
	go func() {
		defer close(s.httpDone)
		_ = s.httpSrv.Serve(oauthLn)
	}()
	if s.mapLn, err = net.Listen("tcp", s.Host+":0"); err != nil {
		return nil, err
	}
	s.mapPort = s.mapLn.Addr().(*net.TCPAddr).Port
	s.mapDone = make(chan struct{})
	go func(ln net.Listener) {
		defer close(s.mapDone)
		s.serveTCPMap(ln)
	}(s.mapLn)

	ports, err := freePorts(s.Host, 6)
	if err != nil {
		return nil, err
	}
	s.IMAPPort, s.IMAPSPort, s.LMTPPort = ports[0], ports[1], ports[2]
	s.SMTPPort, s.SubmissionPort, s.SMTPSPort = ports[3], ports[4], ports[5]

	for _, u := range defaultUsers {
		s.users[u.name] = u.password
	}
	s.tokens[DefaultToken] = tokenInfo{user: "carol@" + s.Domain, active: true}

	if err := s.writeFiles(); err != nil {
		return nil, err
	}
	if err := s.StartDovecot(); err != nil {
		return nil, err
	}
	if err := s.startPostfix(); err != nil {
		return nil, err
	}
	return s, nil
}

// freePorts returns n distinct currently free TCP ports on host.
func freePorts(host string, n int) ([]int, error) {
	var lns []net.Listener
	defer func() {
		for _, ln := range lns {
			ln.Close()
		}
	}()
	var ports []int
	for i := 0; i < n; i++ {
		ln, err := net.Listen("tcp", host+":0")
		if err != nil {
			return nil, err
		}
		lns = append(lns, ln)
		ports = append(ports, ln.Addr().(*net.TCPAddr).Port)
	}
	return ports, nil
}

// ensureTraversable makes sure Dovecot's and Postfix's unprivileged users can
// reach dir: every ancestor needs o+x. Ancestors inside os.TempDir() (such as
// the 0700 directories t.TempDir() makes) get o+x added; others are reported.
func ensureTraversable(dir string) error {
	tmp, _ := filepath.Abs(os.TempDir())
	for p := filepath.Dir(dir); ; p = filepath.Dir(p) {
		st, err := os.Stat(p)
		if err != nil {
			return err
		}
		if st.Mode().Perm()&0o001 == 0 {
			if tmp != "" && p != tmp && strings.HasPrefix(p, tmp+"/") {
				if err := os.Chmod(p, st.Mode().Perm()|0o011); err != nil {
					return err
				}
			} else {
				return fmt.Errorf("mailstack: %s (mode %v) is not searchable by others; the vmail, dovecot and postfix users must reach %s", p, st.Mode().Perm(), dir)
			}
		}
		if p == "/" || p == filepath.Dir(p) {
			return nil
		}
	}
}

var vmailMu sync.Mutex

// lookupIDs resolves the system users and groups, creating vmail:vmail (a
// system user without a shell or home) if needed.
func lookupIDs() (sysIDs, error) {
	var ids sysIDs
	vmailMu.Lock()
	defer vmailMu.Unlock()
	// groupadd/useradd fail while another process holds /etc/passwd's lock
	// (parallel test binaries): retry, and accept that someone else made it.
	for attempt := 0; ; attempt++ {
		_, gerr := user.LookupGroup("vmail")
		_, uerr := user.Lookup("vmail")
		if gerr == nil && uerr == nil {
			break
		}
		var out []byte
		var err error
		if gerr != nil {
			out, err = exec.Command("groupadd", "-r", "vmail").CombinedOutput()
		} else {
			out, err = exec.Command("useradd", "-r", "-g", "vmail", "-d", "/nonexistent", "-M", "-s", "/usr/sbin/nologin", "vmail").CombinedOutput()
		}
		if err != nil && attempt >= 20 {
			return ids, fmt.Errorf("creating the vmail user: %v: %s", err, out)
		}
		if err != nil {
			time.Sleep(100 * time.Millisecond)
		}
	}
	atoi := func(s string, err error) int {
		if err != nil {
			return -1
		}
		n, _ := strconv.Atoi(s)
		return n
	}
	vm, err := user.Lookup("vmail")
	if err != nil {
		return ids, err
	}
	ids.vmailUID = atoi(vm.Uid, nil)
	ids.vmailGID = atoi(vm.Gid, nil)
	pf, err := user.Lookup("postfix")
	if err != nil {
		return ids, err
	}
	ids.postfixUID = atoi(pf.Uid, nil)
	ids.postfixGID = atoi(pf.Gid, nil)
	g, err := user.LookupGroup("dovecot")
	if err != nil {
		return ids, err
	}
	ids.dovecotGID = atoi(g.Gid, nil)
	g, err = user.LookupGroup("postdrop")
	if err != nil {
		return ids, err
	}
	ids.postdropGID = atoi(g.Gid, nil)
	return ids, nil
}

// writeFiles creates the directory tree, certificate and configuration.
func (s *Stack) writeFiles() error {
	l := s.l
	type dirSpec struct {
		path     string
		uid, gid int
		mode     os.FileMode
	}
	pf, pd := s.ids.postfixUID, s.ids.postdropGID
	dirs := []dirSpec{
		{l.dovecotDir, 0, 0, 0o755},
		{l.usersDir, 0, s.ids.dovecotGID, 0o750},
		{l.baseDir, 0, 0, 0o755},
		{l.stateDir, 0, 0, 0o750},
		{l.sslDir, 0, 0, 0o755},
		{l.logDir, 0, 0, 0o755},
		{l.mailDir, s.ids.vmailUID, s.ids.vmailGID, 0o770},
		{l.postfixDir, 0, 0, 0o755},
		{l.postfixConf, 0, 0, 0o755},
		{l.dataDir, pf, 0, 0o700},
		// the layout "postfix start" (post-install create-missing) makes
		{l.queueDir, 0, 0, 0o755},
		{l.queueDir + "/pid", 0, 0, 0o755},
		{l.queueDir + "/maildrop", pf, pd, 0o730},
		{l.queueDir + "/public", pf, pd, 0o710},
	}
	for _, q := range []string{"active", "bounce", "corrupt", "defer", "deferred", "flush", "hold", "incoming", "private", "saved", "trace"} {
		dirs = append(dirs, dirSpec{l.queueDir + "/" + q, pf, 0, 0o700})
	}
	for _, d := range dirs {
		if err := os.MkdirAll(d.path, d.mode); err != nil {
			return err
		}
		if err := os.Chown(d.path, d.uid, d.gid); err != nil {
			return err
		}
		if err := os.Chmod(d.path, d.mode); err != nil {
			return err
		}
	}

	// certificate: reuse one that is already there (restart of a kept dir)
	certPEM, err1 := os.ReadFile(l.certFile)
	_, err2 := os.Stat(l.keyFile)
	if err1 != nil || err2 != nil {
		var keyPEM []byte
		var err error
		if certPEM, keyPEM, err = selfSignedCert(s.Domain); err != nil {
			return err
		}
		if err := writeFile(l.certFile, certPEM, 0o644, 0, 0); err != nil {
			return err
		}
		if err := writeFile(l.keyFile, keyPEM, 0o640, 0, s.ids.postfixGID); err != nil {
			return err
		}
	}
	s.certPEM = certPEM

	masterPass := make([]byte, 16)
	_, _ = rand.Read(masterPass)
	s.masterPass = hex.EncodeToString(masterPass)
	files := []struct {
		path     string
		data     string
		mode     os.FileMode
		uid, gid int
	}{
		{l.dovecotConf, s.dovecotConfig(), 0o644, 0, 0},
		{l.oauthConf, s.oauthConfig(), 0o644, 0, 0},
		{l.mastersFile, masterUser + ":{PLAIN}" + s.masterPass + "::::::\n", 0o640, 0, s.ids.dovecotGID},
		{l.postfixConf + "/main.cf", s.postfixMainCf(), 0o644, 0, 0},
		{l.postfixConf + "/master.cf", s.postfixMasterCf(), 0o644, 0, 0},
		{l.postfixConf + "/catchall.regexp", s.catchallRegexp(), 0o644, 0, 0},
	}
	for _, f := range files {
		if err := writeFile(f.path, []byte(f.data), f.mode, f.uid, f.gid); err != nil {
			return err
		}
	}
	// Postfix re-reads (sleeping 300 ms per retry, ~2 s in all) any config or
	// table file whose mtime is within the last second ("hot" file): backdate.
	old := time.Now().Add(-time.Minute)
	for _, f := range []string{"main.cf", "master.cf", "catchall.regexp"} {
		if err := os.Chtimes(l.postfixConf+"/"+f, old, old); err != nil {
			return err
		}
	}
	for _, n := range []string{l.dovecotLog, l.postfixLog} {
		f, err := os.OpenFile(n, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			return err
		}
		f.Close()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for name := range s.users {
		if err := s.writeUserLocked(name); err != nil {
			return err
		}
		if err := s.makeMaildir(name); err != nil {
			return err
		}
	}
	return nil
}

func writeFile(path string, data []byte, mode os.FileMode, uid, gid int) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, mode); err != nil {
		return err
	}
	if err := os.Chown(tmp, uid, gid); err != nil {
		return err
	}
	if err := os.Chmod(tmp, mode); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// writeUserLocked writes a user's passwd-file. Dovecot notices a change by
// mtime or size, so the mtime is forced to move forward on every write.
func (s *Stack) writeUserLocked(name string) error {
	pw := s.users[name]
	if pw == "" {
		pw = "{CRYPT}!" // locked: OAuth2 only
	} else {
		pw = "{PLAIN}" + pw
	}
	path := s.l.usersDir + "/" + name
	line := fmt.Sprintf("%s@%s:%s::::::\n", name, s.Domain, pw)
	if err := writeFile(path, []byte(line), 0o640, 0, s.ids.dovecotGID); err != nil {
		return err
	}
	stamp := time.Now().Truncate(time.Second)
	if last := s.userStamps[name]; !stamp.After(last) {
		stamp = last.Add(time.Second)
	}
	s.userStamps[name] = stamp
	return os.Chtimes(path, stamp, stamp)
}

// makeMaildir creates ~/Maildir with INBOX and the special-use folders, so
// they exist on disk before anyone logs in.
func (s *Stack) makeMaildir(name string) error {
	home := s.home(name)
	md := home + "/Maildir"
	paths := []string{filepath.Dir(home), home, md}
	for _, f := range append([]string{""}, specialUse...) {
		folder := md
		if f != "" {
			folder = md + "/." + f
			paths = append(paths, folder)
		}
		paths = append(paths, folder+"/cur", folder+"/new", folder+"/tmp")
	}
	for _, p := range paths {
		if err := os.Mkdir(p, 0o700); err != nil && !os.IsExist(err) {
			return err
		}
		if err := os.Chown(p, s.ids.vmailUID, s.ids.vmailGID); err != nil {
			return err
		}
	}
	for _, f := range specialUse {
		p := md + "/." + f + "/maildirfolder"
		if err := writeFile(p, nil, 0o600, s.ids.vmailUID, s.ids.vmailGID); err != nil {
			return err
		}
	}
	return nil
}

func (s *Stack) home(name string) string {
	return s.l.mailDir + "/" + s.Domain + "/" + name
}

// MaildirPath returns the on-disk Maildir of user (local part or address).
func (s *Stack) MaildirPath(user string) string {
	return s.home(s.localPart(user)) + "/Maildir"
}

// StartDovecot starts Dovecot (after StopDovecot) and waits for its IMAP,
// IMAPS and LMTP listeners.
func (s *Stack) StartDovecot() error {
	s.dcMu.Lock()
	defer s.dcMu.Unlock()
	if s.isStopped() {
		return errStopped
	}
	if s.dovecot != nil && !s.dovecot.exited() {
		return errors.New("mailstack: dovecot is already running")
	}
	// A stale socket makes auth log "connect failed" for the penalty socket.
	_ = os.Remove(s.l.baseDir + "/anvil-auth-penalty")
	d, err := startDaemon("dovecot", s.l.dovecotLog, s.bin.dovecot, "-F", "-c", s.l.dovecotConf)
	if err != nil {
		return err
	}
	s.dovecot = d
	err = d.waitListening(s.Host, []int{s.IMAPPort, s.IMAPSPort, s.LMTPPort}, 15*time.Second)
	if err == nil {
		err = expectGreeting(s.IMAPAddr(), "* OK", "a LOGOUT\r\n")
	}
	if err != nil {
		_ = d.stop(2 * time.Second)
		return errWithLog(fmt.Errorf("mailstack: dovecot: %w", err), s.l.dovecotLog)
	}
	return nil
}

// StopDovecot stops Dovecot only (TERM, KILL after 10 s). Its clients are disconnected.
func (s *Stack) StopDovecot() error {
	s.dcMu.Lock()
	defer s.dcMu.Unlock()
	return s.dovecot.stop(10 * time.Second)
}

// RestartDovecot stops and starts Dovecot; mail, ports and Postfix stay.
func (s *Stack) RestartDovecot() error {
	if err := s.StopDovecot(); err != nil {
		return err
	}
	return s.StartDovecot()
}

func (s *Stack) startPostfix() error {
	d, err := startDaemon("postfix", s.l.postfixLog, s.bin.postfixMaster, "-c", s.l.postfixConf, "-d")
	if err != nil {
		return err
	}
	s.postfix = d
	err = d.waitListening(s.Host, []int{s.SMTPPort, s.SubmissionPort, s.SMTPSPort}, 15*time.Second)
	if err == nil {
		err = expectGreeting(s.SMTPAddr(), "220 ", "QUIT\r\n")
	}
	if err != nil {
		_ = d.stop(2 * time.Second)
		return errWithLog(fmt.Errorf("mailstack: postfix: %w", err), s.l.postfixLog)
	}
	return nil
}

// expectGreeting connects to addr and checks that the server greets with
// prefix: a listening socket alone does not prove the service works.
func expectGreeting(addr, prefix, bye string) error {
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		return err
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	line, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil {
		return fmt.Errorf("no greeting on %s: %w", addr, err)
	}
	if !strings.HasPrefix(line, prefix) {
		return fmt.Errorf("unexpected greeting on %s: %q", addr, line)
	}
	_, _ = conn.Write([]byte(bye))
	return nil
}

func (s *Stack) isStopped() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stopped
}

// Stop terminates the daemons this stack started (TERM, KILL after 10 s) and
// closes the in-process servers. The directory is left in place. Stop is
// idempotent.
func (s *Stack) Stop() error {
	s.mu.Lock()
	if s.stopped {
		s.mu.Unlock()
		return nil
	}
	s.stopped = true
	s.mu.Unlock()

	var errs []error
	var wg sync.WaitGroup
	var pfErr, dcErr error
	wg.Add(2)
	go func() { defer wg.Done(); pfErr = s.postfix.stop(10 * time.Second) }()
	go func() {
		defer wg.Done()
		s.dcMu.Lock()
		defer s.dcMu.Unlock()
		dcErr = s.dovecot.stop(10 * time.Second)
	}()
	wg.Wait()
	errs = append(errs, pfErr, dcErr)
	if s.httpSrv != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		if err := s.httpSrv.Shutdown(ctx); err != nil {
			_ = s.httpSrv.Close()
		}
		cancel()
		<-s.httpDone
	}
	if s.mapLn != nil {
		s.mapLn.Close()
		s.mu.Lock()
		for c := range s.mapConns {
			c.Close()
		}
		s.mu.Unlock()
		<-s.mapDone
	}
	if s.ownBase != "" {
		errs = append(errs, os.RemoveAll(s.ownBase))
	}
	return errors.Join(errs...)
}

// localPart turns "alice" or "alice@shop.test" into "alice".
func (s *Stack) localPart(user string) string {
	if l, d, ok := strings.Cut(user, "@"); ok && strings.EqualFold(d, s.Domain) {
		user = l
	}
	return strings.ToLower(user)
}

// Address returns user@Domain for a local part (an address is returned as is).
func (s *Stack) Address(user string) string {
	if strings.Contains(user, "@") {
		return user
	}
	return strings.ToLower(user) + "@" + s.Domain
}

// Password returns the password of user ("" for OAuth-only users).
func (s *Stack) Password(user string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.users[s.localPart(user)]
}

// AddUser creates user@Domain (or changes its password) with its mailboxes.
// An empty password makes an OAuth2-only user. It works while the stack
// runs: a new user can log in and receive mail at once (Postfix asks this
// process about recipients). Changing an existing user's password takes up
// to a second, because Dovecot re-reads a known passwd-file at most once a
// second; AddUser waits for that.
func (s *Stack) AddUser(user, password string) error {
	name := s.localPart(user)
	if name == "" || strings.ContainsAny(name, ":@/\\ \t\r\n\x00%") || name[0] == '.' {
		return fmt.Errorf("mailstack: invalid user name %q", user)
	}
	if strings.ContainsAny(password, ":\r\n\x00") {
		return errors.New("mailstack: password must not contain ':' or line breaks")
	}
	s.mu.Lock()
	if s.stopped {
		s.mu.Unlock()
		return errStopped
	}
	if err := s.makeMaildir(name); err != nil {
		s.mu.Unlock()
		return err
	}
	old, existed := s.users[name]
	s.users[name] = password
	if err := s.writeUserLocked(name); err != nil {
		if existed {
			s.users[name] = old
		} else {
			delete(s.users, name)
		}
		s.mu.Unlock()
		return err
	}
	s.mu.Unlock()
	if existed && old != password {
		// any lookup from now on is in a later second than the last one
		// that may have cached the old file
		now := time.Now()
		time.Sleep(now.Truncate(time.Second).Add(time.Second + 20*time.Millisecond).Sub(now))
	}
	return nil
}

// SetToken adds, changes or (active=false) revokes an OAuth2 access token
// for user in the introspection endpoint's table. It takes effect at once.
func (s *Stack) SetToken(token, user string, active bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tokens[token] = tokenInfo{user: s.Address(user), active: active}
}

// Introspections returns how many requests the introspection endpoint served.
func (s *Stack) Introspections() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.introspections
}

// IntrospectionURL is the endpoint Dovecot asks about OAuth2 tokens.
func (s *Stack) IntrospectionURL() string {
	return fmt.Sprintf("http://%s:%d/introspect", s.Host, s.OAuthPort)
}

// IMAPAddr, IMAPSAddr, SMTPAddr, SubmissionAddr and SMTPSAddr return host:port.
func (s *Stack) IMAPAddr() string  { return net.JoinHostPort(s.Host, strconv.Itoa(s.IMAPPort)) }
func (s *Stack) IMAPSAddr() string { return net.JoinHostPort(s.Host, strconv.Itoa(s.IMAPSPort)) }
func (s *Stack) SMTPAddr() string  { return net.JoinHostPort(s.Host, strconv.Itoa(s.SMTPPort)) }
func (s *Stack) SubmissionAddr() string {
	return net.JoinHostPort(s.Host, strconv.Itoa(s.SubmissionPort))
}
func (s *Stack) SMTPSAddr() string { return net.JoinHostPort(s.Host, strconv.Itoa(s.SMTPSPort)) }

// CertPool returns a pool holding the stack's self-signed certificate.
func (s *Stack) CertPool() *x509.CertPool {
	p := x509.NewCertPool()
	p.AppendCertsFromPEM(s.certPEM)
	return p
}

// TLSConfig returns a client TLS config that trusts the stack's certificate.
// It verifies 127.0.0.1 (IP SAN) when ServerName is left empty, or set
// ServerName to "localhost".
func (s *Stack) TLSConfig() *tls.Config {
	return &tls.Config{RootCAs: s.CertPool(), MinVersion: tls.VersionTLS12}
}

// LogFiles returns the Dovecot and Postfix log paths.
func (s *Stack) LogFiles() []string { return []string{s.l.dovecotLog, s.l.postfixLog} }
