// Command classify benchmarks `replydesk classify` (parse + classify) against
// bogofilter on the same 10,000 raw messages, in the same run: the messages
// are written as a Maildir, bogofilter is trained on a few hundred of them
// (ham: buyer mail, spam: newsletters, bounces, auto-replies) and then
// classifies the whole folder with -B; replydesk classifies the same folder
// and writes one JSON object per message. Runs alternate; medians and the
// ratio are printed. Run through bench/classify.sh.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/replydesk/replydesk/internal/testcorpus"
)

func main() {
	n := flag.Int("n", 10000, "messages")
	runs := flag.Int("runs", 3, "runs of each tool")
	bin := flag.String("replydesk", "bin/replydesk", "replydesk binary")
	flag.Parse()
	if err := run(*n, *runs, *bin); err != nil {
		fmt.Fprintln(os.Stderr, "bench classify:", err)
		os.Exit(1)
	}
}

func run(n, runs int, bin string) error {
	if _, err := exec.LookPath("bogofilter"); err != nil {
		return fmt.Errorf("bogofilter not found (apt-get install bogofilter)")
	}
	bin, _ = filepath.Abs(bin)
	dir, err := os.MkdirTemp("", "rd-bench-classify-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	md := filepath.Join(dir, "maildir")
	for _, sub := range []string{"cur", "new", "tmp"} {
		os.MkdirAll(filepath.Join(md, sub), 0o700)
	}
	var ham, spam []string
	for i, m := range testcorpus.Generate(7, n) {
		p := filepath.Join(md, "cur", fmt.Sprintf("%06d.eml:2,", i))
		if err := os.WriteFile(p, m.Raw, 0o600); err != nil {
			return err
		}
		switch m.Kind {
		case testcorpus.KindNewsletter, testcorpus.KindBounce, testcorpus.KindAutoReply:
			spam = append(spam, p)
		default:
			ham = append(ham, p)
		}
	}
	db := filepath.Join(dir, "bogodb")
	os.MkdirAll(db, 0o700)
	for _, t := range []struct {
		flag  string
		files []string
	}{{"-n", ham[:min(300, len(ham))]}, {"-s", spam[:min(100, len(spam))]}} {
		cmd := exec.Command("bogofilter", "-d", db, t.flag, "-B")
		cmd.Args = append(cmd.Args, t.files...)
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("bogofilter training: %v: %s", err, out)
		}
	}
	fmt.Printf("%d messages written as a Maildir; bogofilter trained on %d ham + %d spam\n", n, min(300, len(ham)), min(100, len(spam)))

	var bogo, rd []time.Duration
	for i := 0; i < runs; i++ {
		t0 := time.Now()
		out, err := exec.Command("bogofilter", "-d", db, "-v", "-B", md).Output()
		d := time.Since(t0)
		// bogofilter exits 0/1/2 for spam/ham/unsure of the last message.
		if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() > 2) {
			return fmt.Errorf("bogofilter: %v", err)
		}
		got := lines(out)
		fmt.Printf("bogofilter run %d: %d messages in %s (%.0f msg/s)\n", i+1, got, d.Round(time.Millisecond), float64(got)/d.Seconds())
		bogo = append(bogo, d)

		t0 = time.Now()
		out, err = exec.Command(bin, "classify", "--json", md).Output()
		d = time.Since(t0)
		if err != nil {
			return fmt.Errorf("replydesk classify: %v", err)
		}
		got = lines(out)
		fmt.Printf("replydesk  run %d: %d messages in %s (%.0f msg/s), parsing included\n", i+1, got, d.Round(time.Millisecond), float64(got)/d.Seconds())
		rd = append(rd, d)
		if got != n {
			return fmt.Errorf("replydesk classified %d of %d", got, n)
		}
	}
	b, r := median(bogo), median(rd)
	fmt.Printf("\nmedian of %d: bogofilter %s (%.0f msg/s), replydesk %s (%.0f msg/s): time ratio replydesk/bogofilter %.2f (goal < 1.0)\n",
		runs, b.Round(time.Millisecond), float64(n)/b.Seconds(), r.Round(time.Millisecond), float64(n)/r.Seconds(), float64(r)/float64(b))
	return nil
}

func lines(b []byte) int {
	n := 0
	sc := bufio.NewScanner(strings.NewReader(string(b)))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		n++
	}
	return n
}

func median(ds []time.Duration) time.Duration {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}
