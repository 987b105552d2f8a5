package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/replydesk/replydesk/pipeline"
)

// shutdownGrace bounds how long in-flight work may take after SIGTERM.
const shutdownGrace = 10 * time.Second

func cmdServe(ctx context.Context, e *env, args []string) error {
	fs, cfgPath := newFlags(e, "serve")
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
	log.Info("replydesk serving", "version", versionString(), "config", cfg.Path, "mailboxes", len(cfg.Mailboxes), "database", st.Path())
	runner, err := pipeline.NewRunner(cfg, st, log)
	if err != nil {
		return configError{err}
	}
	done := make(chan error, 1)
	go func() { done <- runner.Serve(ctx) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	select {
	case err := <-done:
		log.Info("stopped")
		return err
	case <-time.After(shutdownGrace):
		return fmt.Errorf("workers did not stop within %s", shutdownGrace)
	}
}

// withSignals cancels ctx on SIGINT or SIGTERM; a second signal exits at once.
func withSignals(ctx context.Context, e *env) (context.Context, func()) {
	ctx, cancel := context.WithCancel(ctx)
	ch := make(chan os.Signal, 2)
	signal.Notify(ch, syscall.SIGINT, syscall.SIGTERM)
	go func() {
		select {
		case <-ch:
			cancel()
		case <-ctx.Done():
			return
		}
		if _, ok := <-ch; ok {
			fmt.Fprintln(e.stderr, "replydesk: second signal, exiting now")
			os.Exit(exitFail)
		}
	}()
	return ctx, func() { signal.Stop(ch); cancel() }
}
