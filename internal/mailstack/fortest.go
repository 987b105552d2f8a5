package mailstack

import (
	"os"
	"syscall"
	"testing"
)

// SkipHint says how to get the stack's prerequisites.
const SkipHint = "needs Dovecot and Postfix as root: run `make test`, which installs them, " +
	"or apt-get install dovecot-imapd dovecot-lmtpd postfix"

// ForTest starts a fresh Stack for one test, in its own short directory
// (see TempRoot) with its own free ports, and stops it and removes the
// directory when the test ends.
//
// With -short the test is skipped. If the stack cannot run here (see
// Available) the test is skipped too, unless the environment variable
// CI=true, where a missing stack is a failure.
// On a test failure the tails of the Dovecot and Postfix logs are logged;
// set MAILSTACK_KEEP=1 to keep the whole directory.
func ForTest(t testing.TB) *Stack {
	t.Helper()
	if testing.Short() {
		t.Skipf("mailstack: integration test skipped in -short mode")
	}
	if err := Available(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%v; %s", err, SkipHint)
		}
		t.Skipf("%v; %s", err, SkipHint)
	}
	dir, err := os.MkdirTemp(TempRoot(), "rd-")
	if err != nil {
		t.Fatal(err)
	}
	s, err := Start(dir)
	if err != nil {
		_ = os.RemoveAll(dir)
		t.Fatalf("mailstack: start: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Stop(); err != nil {
			t.Errorf("mailstack: stop: %v", err)
		}
		keep := os.Getenv("MAILSTACK_KEEP") != "" && os.Getenv("MAILSTACK_KEEP") != "0"
		if t.Failed() {
			for _, f := range s.LogFiles() {
				t.Logf("--- tail of %s ---\n%s", f, tail(f, 40))
			}
		}
		if keep {
			t.Logf("mailstack: kept %s", dir)
			return
		}
		_ = os.RemoveAll(dir)
	})
	return s
}

// TempRoot is where ForTest puts its stacks: $MAILSTACK_TMPDIR if set, else
// /dev/shm when it is a tmpfs with at least 1 GiB free, else os.TempDir().
// tmpfs matters: on a busy disk Dovecot's open(O_CREAT) per saved message
// made appending 10,000 messages take 10-50 s instead of 1-2 s.
func TempRoot() string {
	if d := os.Getenv("MAILSTACK_TMPDIR"); d != "" {
		return d
	}
	const tmpfsMagic = 0x01021994
	var st syscall.Statfs_t
	if err := syscall.Statfs("/dev/shm", &st); err == nil && st.Type == tmpfsMagic &&
		uint64(st.Bavail)*uint64(st.Bsize) >= 1<<30 && syscall.Access("/dev/shm", 2 /* W_OK */) == nil {
		return "/dev/shm"
	}
	return os.TempDir()
}
