package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sort"
	"strings"

	"github.com/replydesk/replydesk/config"
	"github.com/replydesk/replydesk/store"
)

// Exit codes: 0 success, 1 failure (e.g. a mailbox failed), 2 usage or
// configuration error (the systemd unit does not restart on 2).
const (
	exitOK    = 0
	exitFail  = 1
	exitUsage = 2
)

type command struct {
	summary string
	run     func(ctx context.Context, e *env, args []string) error
}

// env is what a command gets: its output streams and helpers.
type env struct {
	stdout, stderr io.Writer
}

var commands map[string]command

func init() {
	commands = map[string]command{
		"serve":      {"run the daemon: sync every mailbox, wait for new mail (IDLE or polling)", cmdServe},
		"sweep":      {"sync every mailbox once and exit (for cron); exit 1 if a mailbox failed", cmdSweep},
		"mailbox":    {"mailbox list | mailbox test ID: show mailboxes, or check one's IMAP and SMTP login", cmdMailbox},
		"list":       {"list stored messages (--json: one JSON object per line)", cmdList},
		"auth":       {"auth ID: sign a gmail or outlook mailbox in with OAuth2 and store its token", cmdAuth},
		"demo":       {"run the demonstration: embedded IMAP/SMTP servers with sample mail, the real pipeline", cmdDemo},
		"version":    {"print the version", cmdVersion},
		"classify":   {"classify [--json] [FILE.eml ... | -]: label raw messages (type, intent, priority, sentiment, language, needs reply)", cmdClassify},
		"reclassify": {"relabel stored messages after a model or rule change", cmdReclassify},
		"eval":       {"eval DIR: score the classifier on labelled mail (DIR/*.eml + DIR/labels.jsonl)", cmdEval},
	}
}

// usageError is a mistake on the command line: exit 2 with usage.
type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

// configError is a configuration that cannot be used: exit 2.
type configError struct{ err error }

func (c configError) Error() string { return c.err.Error() }
func (c configError) Unwrap() error { return c.err }

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	e := &env{stdout: stdout, stderr: stderr}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout)
		return exitOK
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "replydesk: unknown command %q\n\n", args[0])
		usage(stderr)
		return exitUsage
	}
	err := cmd.run(ctx, e, args[1:])
	if err == nil {
		return exitOK
	}
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	var ue usageError
	var ce configError
	switch {
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "replydesk %s: %v\n", args[0], err)
		return exitUsage
	case errors.As(err, &ce):
		fmt.Fprintf(stderr, "replydesk: %v\n", err)
		return exitUsage
	}
	fmt.Fprintf(stderr, "replydesk %s: %v\n", args[0], err)
	return exitFail
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "replydesk: the self-hosted customer-service mail desk for e-commerce sellers")
	fmt.Fprintln(w, "\nUsage: replydesk COMMAND [--config FILE] [options]\n\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\n--config defaults to ./config.yaml, then /etc/replydesk/config.yaml. Run `replydesk COMMAND -h` for options.")
}

// newFlags returns a flag set with the common --config flag.
func newFlags(e *env, name string) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet("replydesk "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	cfgPath := fs.String("config", "", "configuration file (default ./config.yaml, then /etc/replydesk/config.yaml)")
	return fs, cfgPath
}

func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	return nil
}

// loadConfig finds and loads the configuration, or says exactly what is
// wrong with it.
func loadConfig(path string) (*config.Config, error) {
	p, err := config.FindPath(path)
	if err != nil {
		return nil, configError{err}
	}
	cfg, err := config.Load(p)
	if err != nil {
		return nil, configError{err}
	}
	return cfg, nil
}

// newLogger builds the one logger of the process: text on a terminal, JSON
// otherwise (systemd's journal, files), unless the config says.
func newLogger(c config.Log, w io.Writer) *slog.Logger {
	var level slog.Level
	switch strings.ToLower(c.Level) {
	case "debug":
		level = slog.LevelDebug
	case "warn":
		level = slog.LevelWarn
	case "error":
		level = slog.LevelError
	default:
		level = slog.LevelInfo
	}
	opts := &slog.HandlerOptions{Level: level}
	format := c.Format
	if format == "" || format == "auto" {
		format = "json"
		if isTerminal(w) {
			format = "text"
		}
	}
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func openStore(ctx context.Context, cfg *config.Config) (*store.Store, error) {
	return store.Open(ctx, cfg.DBPath())
}

// openDaemon loads the config, builds the logger and opens the store: what
// every command that syncs needs. The caller closes the store.
func openDaemon(ctx context.Context, e *env, cfgPath string) (*config.Config, *slog.Logger, *store.Store, error) {
	cfg, err := loadConfig(cfgPath)
	if err != nil {
		return nil, nil, nil, err
	}
	st, err := openStore(ctx, cfg)
	if err != nil {
		return nil, nil, nil, err
	}
	return cfg, newLogger(cfg.Log, e.stderr), st, nil
}

// mailboxCommand parses `COMMAND ID [flags]` (flags before or after the id),
// loads the config and returns the named mailbox.
func mailboxCommand(fs *flag.FlagSet, cfgPath *string, args []string, usage string) (*config.Config, *config.Mailbox, error) {
	if err := parseFlags(fs, reorder(args)); err != nil {
		return nil, nil, err
	}
	if fs.NArg() != 1 {
		return nil, nil, usageError{"usage: " + usage}
	}
	cfg, err := loadConfig(*cfgPath)
	if err != nil {
		return nil, nil, err
	}
	mb := cfg.Mailbox(fs.Arg(0))
	if mb == nil {
		return nil, nil, usageError{fmt.Sprintf("no mailbox %q in %s", fs.Arg(0), cfg.Path)}
	}
	return cfg, mb, nil
}
