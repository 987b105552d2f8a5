package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	"github.com/replydesk/replydesk/classify"
	"github.com/replydesk/replydesk/config"
	"github.com/replydesk/replydesk/pipeline"
)

// classifyOutput is the JSON shape of `replydesk classify --json`.
type classifyOutput struct {
	File       string              `json:"file"`
	Type       string              `json:"type"`
	Intent     string              `json:"intent"`
	Priority   string              `json:"priority"`
	Sentiment  int                 `json:"sentiment"`
	Language   string              `json:"language"`
	NeedsReply bool                `json:"needs_reply"`
	Confidence classify.Confidence `json:"confidence"`
	Reasons    map[string][]string `json:"reasons"`
	HumanOnly  bool                `json:"human_only,omitempty"`
	Source     string              `json:"source"`
	Error      string              `json:"error,omitempty"`
}

func cmdClassify(ctx context.Context, e *env, args []string) error {
	fs, cfgPath := newFlags(e, "classify")
	asJSON := fs.Bool("json", false, "one JSON object per message and line")
	storeID := fs.String("store", "", "apply this store's rules (with --config; default the first store)")
	if err := parseFlags(fs, reorder(args)); err != nil {
		return err
	}
	var cfg *config.Config
	if *cfgPath != "" {
		c, err := loadConfig(*cfgPath)
		if err != nil {
			return err
		}
		cfg = c
		if *storeID == "" && len(cfg.Stores) > 0 {
			*storeID = cfg.Stores[0].ID
		}
	}
	cl, err := classify.New(cfg, nil)
	if err != nil {
		return configError{err}
	}
	files, err := expandFiles(fs.Args())
	if err != nil {
		return err
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	failed := 0
	for out := range classifyAll(ctx, cl, files, *storeID) {
		if out.Error != "" {
			failed++
		}
		if *asJSON {
			if err := enc.Encode(out); err != nil {
				return err
			}
			continue
		}
		if out.Error != "" {
			fmt.Fprintf(e.stdout, "%s: ERROR %s\n", out.File, out.Error)
			continue
		}
		reply := "needs reply"
		if !out.NeedsReply {
			reply = "NO REPLY"
		}
		fmt.Fprintf(e.stdout, "%s: %s/%s, %s priority, sentiment %+d, %s, %s\n", out.File, out.Type, out.Intent, out.Priority,
			out.Sentiment, out.Language, reply)
		for _, field := range []string{"needs_reply", "intent", "priority", "sentiment", "language"} {
			if rs := out.Reasons[field]; len(rs) > 0 {
				fmt.Fprintf(e.stdout, "    %-11s %s\n", field+":", strings.Join(rs, "; "))
			}
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d messages could not be read", failed, len(files))
	}
	return nil
}

// expandFiles turns the arguments into files: "-" (or nothing) is standard
// input, a directory stands for the files in it (a Maildir's cur and new
// included), sorted.
func expandFiles(args []string) ([]string, error) {
	if len(args) == 0 {
		return []string{"-"}, nil
	}
	var out []string
	for _, a := range args {
		st, err := os.Stat(a)
		if a == "-" || err != nil || !st.IsDir() {
			out = append(out, a) // a missing file is reported per file
			continue
		}
		var inDir []string
		err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.Type().IsRegular() && !strings.HasPrefix(d.Name(), ".") {
				inDir = append(inDir, p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		sort.Strings(inDir)
		out = append(out, inDir...)
	}
	return out, nil
}

// classifyAll classifies files on every core and yields the results in
// input order.
func classifyAll(ctx context.Context, cl *classify.Classifier, files []string, storeID string) <-chan classifyOutput {
	out := make(chan classifyOutput, 64)
	type job struct {
		i    int
		name string
	}
	workers := runtime.GOMAXPROCS(0)
	results := make([]chan classifyOutput, len(files))
	for i := range results {
		results[i] = make(chan classifyOutput, 1)
	}
	jobs := make(chan job)
	for range workers {
		go func() {
			for j := range jobs {
				results[j.i] <- classifyFile(ctx, cl, j.name, storeID)
			}
		}()
	}
	go func() {
		defer close(jobs)
		for i, f := range files {
			jobs <- job{i, f}
		}
	}()
	go func() {
		defer close(out)
		for _, r := range results {
			out <- <-r
		}
	}()
	return out
}

func classifyFile(ctx context.Context, cl *classify.Classifier, name, storeID string) classifyOutput {
	out := classifyOutput{File: name}
	var raw []byte
	var err error
	if name == "-" {
		raw, err = io.ReadAll(os.Stdin)
	} else {
		raw, err = os.ReadFile(name)
	}
	if err != nil {
		out.Error = err.Error()
		return out
	}
	in, _, perr := classify.NewInput(raw)
	if perr != nil && in.Subject == "" && in.Text == "" {
		out.Error = "cannot parse: " + perr.Error()
		return out
	}
	sum := sha256.Sum256(raw)
	r := cl.Classify(ctx, in, storeID, hex.EncodeToString(sum[:]))
	out.Type, out.Intent, out.Priority, out.Sentiment, out.Language = r.Type, r.Intent, r.Priority, r.Sentiment, r.Language
	out.NeedsReply, out.Confidence, out.Reasons, out.HumanOnly, out.Source = r.NeedsReply, r.Confidence, r.Reasons, r.HumanOnly, r.Source
	return out
}

func cmdReclassify(ctx context.Context, e *env, args []string) error {
	fs, cfgPath := newFlags(e, "reclassify")
	mbox := fs.String("mailbox", "", "only this mailbox")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, log, st, err := openDaemon(ctx, e, *cfgPath)
	if err != nil {
		return err
	}
	defer st.Close()
	p, err := pipeline.New(cfg, st, log)
	if err != nil {
		return configError{err}
	}
	n, changed, err := p.Reclassify(ctx, *mbox)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "reclassified %d messages, %d changed labels\n", n, changed)
	return nil
}
