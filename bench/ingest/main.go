// Command ingest benchmarks replydesk's first sync against mbsync on the same
// mailbox in the same run: a real Dovecot (internal/mailstack) holding N
// generated messages; mbsync downloads it to a Maildir (isync's defaults,
// FSync on), replydesk sweeps it into a fresh SQLite database (fetch, parse,
// thread, store). Runs alternate; the medians, their ratio and peak RSS are
// printed. Run through bench/ingest.sh.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/replydesk/replydesk/internal/mailstack"
	"github.com/replydesk/replydesk/internal/testcorpus"
)

func main() {
	n := flag.Int("n", 10000, "messages in the mailbox")
	runs := flag.Int("runs", 3, "runs of each tool")
	bin := flag.String("replydesk", "bin/replydesk", "replydesk binary")
	flag.Parse()
	if err := run(*n, *runs, *bin); err != nil {
		fmt.Fprintln(os.Stderr, "bench ingest:", err)
		os.Exit(1)
	}
}

type result struct {
	dur    time.Duration
	maxRSS int64 // KiB
}

func run(n, runs int, bin string) error {
	if err := mailstack.Available(); err != nil {
		return err
	}
	if _, err := exec.LookPath("mbsync"); err != nil {
		return fmt.Errorf("mbsync not found (apt-get install isync)")
	}
	bin, _ = filepath.Abs(bin)
	dir, err := os.MkdirTemp("", "rd-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	stack, err := mailstack.Start(filepath.Join(dir, "stack"))
	if err != nil {
		return err
	}
	defer stack.Stop()

	msgs := testcorpus.Generate(42, n)
	raws := make([][]byte, len(msgs))
	var total int
	for i, m := range msgs {
		raws[i] = m.Raw
		total += len(m.Raw)
	}
	t0 := time.Now()
	if err := stack.Append("alice", "INBOX", raws, nil); err != nil {
		return err
	}
	fmt.Printf("mailbox: %d messages, %.1f MB, appended in %s\n", n, float64(total)/1e6, time.Since(t0).Round(time.Millisecond))

	mbsyncrc := filepath.Join(dir, "mbsyncrc")
	mbsyncrcNoSync := filepath.Join(dir, "mbsyncrc-nofsync")
	maildir := filepath.Join(dir, "maildir")
	rc := fmt.Sprintf(`IMAPAccount alice
Host 127.0.0.1
Port %d
User alice@shop.test
Pass alice-pass
AuthMechs LOGIN
SSLType None
PipelineDepth 50

IMAPStore remote
Account alice

MaildirStore local
Path %s/
Inbox %s/INBOX

Channel inbox
Far :remote:
Near :local:
Patterns INBOX
Create Near
Sync Pull
SyncState *
`, stack.IMAPPort, maildir, maildir)
	// isync's default is FSync yes: every message is fsynced. replydesk's
	// SQLite runs WAL with synchronous=NORMAL (no fsync per commit; the
	// server still holds the mail, so a re-sync recovers a lost tail), so
	// mbsync with FSync no is the like-for-like peer; both are reported.
	os.WriteFile(mbsyncrc, []byte(rc), 0o600)
	os.WriteFile(mbsyncrcNoSync, []byte("FSync no\n\n"+rc), 0o600)

	rdDir := filepath.Join(dir, "replydesk")
	os.MkdirAll(rdDir, 0o700)
	pw := filepath.Join(rdDir, "pw")
	os.WriteFile(pw, []byte("alice-pass\n"), 0o600)
	cfg := filepath.Join(rdDir, "config.yaml")
	os.WriteFile(cfg, []byte(fmt.Sprintf(`data_dir: %s/data
log: {level: warn}
stores: [{id: shop, name: Shop}]
mailboxes:
  - id: alice
    store: shop
    address: alice@shop.test
    imap: {host: 127.0.0.1, port: %d, tls: none}
    smtp: {host: 127.0.0.1, port: %d, tls: none}
    password_file: %s
`, rdDir, stack.IMAPPort, stack.SubmissionPort, pw)), 0o600)

	var mb, mbNo, rd []result
	var got int
	for i := 0; i < runs; i++ {
		for _, v := range []struct {
			name, rc string
			res      *[]result
		}{{"mbsync (FSync yes)", mbsyncrc, &mb}, {"mbsync (FSync no) ", mbsyncrcNoSync, &mbNo}} {
			os.RemoveAll(maildir)
			os.MkdirAll(maildir, 0o700)
			exec.Command("sync").Run()
			r, err := timed(exec.Command("mbsync", "-q", "-c", v.rc, "inbox"))
			if err != nil {
				return fmt.Errorf("mbsync: %w", err)
			}
			got = countFiles(filepath.Join(maildir, "INBOX"))
			fmt.Printf("%s run %d: %d messages in %s, peak RSS %.1f MB\n", v.name, i+1, got, r.dur.Round(time.Millisecond), float64(r.maxRSS)/1024)
			*v.res = append(*v.res, r)
		}

		os.RemoveAll(filepath.Join(rdDir, "data"))
		exec.Command("sync").Run()
		r, err := timed(exec.Command(bin, "sweep", "--quiet", "--config", cfg))
		if err != nil {
			return fmt.Errorf("replydesk: %w", err)
		}
		out, _ := exec.Command(bin, "list", "--json", "--config", cfg).Output()
		stored := strings.Count(string(out), "\n")
		fmt.Printf("replydesk          run %d: %d messages in %s, peak RSS %.1f MB\n", i+1, stored, r.dur.Round(time.Millisecond), float64(r.maxRSS)/1024)
		rd = append(rd, r)
		if stored != n || got != n {
			return fmt.Errorf("counts differ: mbsync %d, replydesk %d, want %d", got, stored, n)
		}
	}
	m, mn, r := median(mb), median(mbNo), median(rd)
	fmt.Printf("\nmedians over %d runs of %d messages:\n", runs, n)
	fmt.Printf("  replydesk %s, peak RSS %.1f MB (goal < 150 MB)\n", r.dur.Round(time.Millisecond), float64(maxRSS(rd))/1024)
	fmt.Printf("  mbsync FSync yes (default) %s: ratio replydesk/mbsync %.2f (goal <= 1.0)\n", m.dur.Round(time.Millisecond), float64(r.dur)/float64(m.dur))
	fmt.Printf("  mbsync FSync no            %s: ratio replydesk/mbsync %.2f; mbsync peak RSS %.1f MB\n", mn.dur.Round(time.Millisecond), float64(r.dur)/float64(mn.dur), float64(maxRSS(append(mb, mbNo...)))/1024)
	return nil
}

// timed runs cmd and measures its wall time and peak RSS. The peak comes
// from polling VmHWM in /proc: wait4's ru_maxrss is useless here, because
// Linux carries the forking parent's RSS (this process holds the whole
// corpus) over into the child's maximum across exec.
func timed(cmd *exec.Cmd) (result, error) {
	cmd.Stderr = os.Stderr
	t0 := time.Now()
	if err := cmd.Start(); err != nil {
		return result{}, err
	}
	done := make(chan struct{})
	peak := make(chan int64, 1)
	go func() {
		var hwm int64
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			if v := vmHWM(cmd.Process.Pid); v > hwm {
				hwm = v
			}
			select {
			case <-done:
				peak <- hwm
				return
			case <-tick.C:
			}
		}
	}()
	err := cmd.Wait()
	d := time.Since(t0)
	close(done)
	hwm := <-peak
	if err != nil {
		return result{}, err
	}
	return result{dur: d, maxRSS: hwm}, nil
}

// vmHWM reads a process's peak resident set size in KiB (0 once it is gone).
func vmHWM(pid int) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			var kb int64
			fmt.Sscanf(strings.TrimSpace(rest), "%d", &kb)
			return kb
		}
	}
	return 0
}

func countFiles(dir string) int {
	n := 0
	for _, sub := range []string{"cur", "new"} {
		es, _ := os.ReadDir(filepath.Join(dir, sub))
		n += len(es)
	}
	return n
}

func median(rs []result) result {
	s := append([]result(nil), rs...)
	sort.Slice(s, func(i, j int) bool { return s[i].dur < s[j].dur })
	return s[len(s)/2]
}

func maxRSS(rs []result) int64 {
	var m int64
	for _, r := range rs {
		m = max(m, r.maxRSS)
	}
	return m
}
