package main

import (
	"context"

	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/replydesk/replydesk/pipeline"
)

func cmdSweep(ctx context.Context, e *env, args []string) error {
	fs, cfgPath := newFlags(e, "sweep")
	quiet := fs.Bool("quiet", false, "print nothing but errors")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, log, st, err := openDaemon(ctx, e, *cfgPath)
	if err != nil {
		return err
	}
	defer st.Close()
	ctx, stop := withSignals(ctx, e)
	defer stop()

	runner, err := pipeline.NewRunner(cfg, st, log)
	if err != nil {
		return configError{err}
	}
	if !*quiet && isTerminal(e.stderr) {
		runner.Progress = newProgressBar(e.stderr).update
	}
	results, err := runner.Sweep(ctx)
	if err != nil {
		return err
	}
	failed := printSweep(e.stdout, results, *quiet)
	if failed > 0 {
		return fmt.Errorf("%d of %d mailboxes failed", failed, len(results))
	}
	return nil
}

// printSweep prints one line per mailbox and returns how many failed.
func printSweep(w io.Writer, results []pipeline.MailboxResult, quiet bool) int {
	failed := 0
	for _, r := range results {
		if r.Err != nil {
			failed++
			fmt.Fprintf(w, "%-16s FAILED: %v\n", r.Mailbox, r.Err)
			continue
		}
		if quiet {
			continue
		}
		var parts []string
		for _, f := range r.Folders {
			s := fmt.Sprintf("%s: %d new, %d stored", f.Folder, f.New, f.Inserted)
			if f.Duplicates+f.Relocated > 0 {
				s += fmt.Sprintf(", %d already stored", f.Duplicates+f.Relocated)
			}
			if f.UIDValidityChanged {
				s += ", UIDVALIDITY changed"
			}
			parts = append(parts, s)
		}
		fmt.Fprintf(w, "%-16s ok  %s\n", r.Mailbox, strings.Join(parts, "; "))
	}
	return failed
}

// progressBar draws one line per folder being synced on a terminal.
type progressBar struct {
	mu sync.Mutex
	w  io.Writer
}

func newProgressBar(w io.Writer) *progressBar { return &progressBar{w: w} }

func (p *progressBar) update(mailbox, folder string, done, total int) {
	if total == 0 {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	const width = 30
	n := done * width / total
	fmt.Fprintf(p.w, "\r%s/%s [%s%s] %d/%d", mailbox, folder, strings.Repeat("#", n), strings.Repeat(" ", width-n), done, total)
	if done >= total {
		fmt.Fprintln(p.w)
	}
}
