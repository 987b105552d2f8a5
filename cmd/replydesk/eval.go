package main

import (
	"context"

	"github.com/replydesk/replydesk/classify"
	"github.com/replydesk/replydesk/internal/eval"
)

func cmdEval(ctx context.Context, e *env, args []string) error {
	fs, cfgPath := newFlags(e, "eval")
	verbose := fs.Bool("v", false, "also list every type, intent, priority, language and sentiment error")
	if err := parseFlags(fs, reorder(args)); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageError{"usage: replydesk eval DIR [-v] [--config FILE] (DIR holds *.eml and labels.jsonl)"}
	}
	var cl *classify.Classifier
	var err error
	if *cfgPath != "" {
		cfg, err := loadConfig(*cfgPath)
		if err != nil {
			return err
		}
		cl, err = classify.New(cfg, nil)
		if err != nil {
			return configError{err}
		}
	} else if cl, err = classify.New(nil, nil); err != nil {
		return err
	}
	cases, err := eval.Run(ctx, fs.Arg(0), cl)
	if err != nil {
		return err
	}
	eval.Report(e.stdout, cases, *verbose)
	return nil
}
