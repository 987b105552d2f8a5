// Package eval scores the classifier on labelled mail: a folder of .eml
// files with labels.jsonl (one JSON object per file: file, type, intent,
// priority, sentiment, language, needs_reply), the format of the project's
// development corpus. `replydesk eval` and `make eval` print its report.
package eval

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/replydesk/replydesk/classify"
)

// Gold is one labelled message.
type Gold struct {
	File       string `json:"file"`
	Store      string `json:"store"`
	Type       string `json:"type"`
	Intent     string `json:"intent"`
	Priority   string `json:"priority"`
	Sentiment  int    `json:"sentiment"`
	Language   string `json:"language"`
	NeedsReply bool   `json:"needs_reply"`
}

// Case is a labelled message with the classifier's answer.
type Case struct {
	Gold Gold
	Got  classify.Result
}

// Fields are the scored fields.
var Fields = []string{"needs_reply", "type", "intent", "priority", "language", "sentiment", "sentiment±1"}

func (c Case) correct(field string) bool {
	g, r := c.Gold, c.Got
	switch field {
	case "needs_reply":
		return g.NeedsReply == r.NeedsReply
	case "type":
		return g.Type == r.Type
	case "intent":
		return g.Intent == r.Intent
	case "priority":
		return g.Priority == r.Priority
	case "language":
		return g.Language == r.Language
	case "sentiment":
		return g.Sentiment == r.Sentiment
	case "sentiment±1":
		d := g.Sentiment - r.Sentiment
		return d >= -1 && d <= 1
	}
	return false
}

// Run classifies every labelled message of dir.
func Run(ctx context.Context, dir string, cl *classify.Classifier) ([]Case, error) {
	golds, err := readLabels(filepath.Join(dir, "labels.jsonl"))
	if err != nil {
		return nil, err
	}
	cases := make([]Case, len(golds))
	errs := make([]error, len(golds))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				raw, err := os.ReadFile(filepath.Join(dir, golds[i].File))
				if err != nil {
					errs[i] = err
					continue
				}
				in, _, _ := classify.NewInput(raw)
				sum := sha256.Sum256(raw)
				cases[i] = Case{Gold: golds[i], Got: cl.Classify(ctx, in, golds[i].Store, hex.EncodeToString(sum[:]))}
			}
		}()
	}
	for i := range golds {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return cases, nil
}

func readLabels(path string) ([]Gold, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []Gold
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for line := 1; sc.Scan(); line++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var g Gold
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		out = append(out, g)
	}
	return out, sc.Err()
}

// Accuracy returns the share of cases where field is right.
func Accuracy(cases []Case, field string) float64 {
	if len(cases) == 0 {
		return 0
	}
	n := 0
	for _, c := range cases {
		if c.correct(field) {
			n++
		}
	}
	return float64(n) / float64(len(cases))
}

// LoopRisks are automatic mail (gold needs_reply false with an automatic
// intent) that the classifier would answer: the worst error.
func LoopRisks(cases []Case) []Case {
	var out []Case
	for _, c := range cases {
		if !c.Gold.NeedsReply && c.Got.NeedsReply {
			switch c.Gold.Intent {
			case "bounce", "auto_reply", "newsletter":
				out = append(out, c)
			}
		}
	}
	return out
}

func groupBy(cases []Case, key func(Case) string) (map[string][]Case, []string) {
	m := map[string][]Case{}
	for _, c := range cases {
		m[key(c)] = append(m[key(c)], c)
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if len(m[keys[i]]) != len(m[keys[j]]) {
			return len(m[keys[i]]) > len(m[keys[j]])
		}
		return keys[i] < keys[j]
	})
	return m, keys
}

// Report writes the evaluation: accuracy per field, per language and per
// type, the type confusion matrix and every needs_reply error.
func Report(w io.Writer, cases []Case, verbose bool) {
	fmt.Fprintf(w, "%d messages\n\n", len(cases))
	fmt.Fprintln(w, "accuracy per field:")
	for _, f := range Fields {
		fmt.Fprintf(w, "  %-12s %.3f\n", f, Accuracy(cases, f))
	}
	table := func(title string, key func(Case) string) {
		fmt.Fprintf(w, "\n%s:\n  %-22s %4s", title, "", "n")
		for _, f := range Fields {
			fmt.Fprintf(w, " %11s", f)
		}
		fmt.Fprintln(w)
		m, keys := groupBy(cases, key)
		for _, k := range keys {
			fmt.Fprintf(w, "  %-22s %4d", k, len(m[k]))
			for _, f := range Fields {
				fmt.Fprintf(w, " %11.2f", Accuracy(m[k], f))
			}
			fmt.Fprintln(w)
		}
	}
	table("per language", func(c Case) string { return c.Gold.Language })
	table("per type", func(c Case) string { return c.Gold.Type })

	fmt.Fprintf(w, "\ntype confusion (rows: labelled, columns: predicted):\n  %-22s", "")
	for _, t := range classify.Types {
		fmt.Fprintf(w, " %9.9s", t)
	}
	fmt.Fprintln(w)
	for _, gt := range classify.Types {
		fmt.Fprintf(w, "  %-22s", gt)
		for _, pt := range classify.Types {
			n := 0
			for _, c := range cases {
				if c.Gold.Type == gt && c.Got.Type == pt {
					n++
				}
			}
			fmt.Fprintf(w, " %9d", n)
		}
		fmt.Fprintln(w)
	}

	loops := LoopRisks(cases)
	fmt.Fprintf(w, "\nbounces, auto-replies and list mail marked as needing a reply (mail loops): %d\n", len(loops))
	fmt.Fprintln(w, "\nneeds_reply errors:")
	for _, c := range cases {
		if !c.correct("needs_reply") {
			fmt.Fprintf(w, "  %s: labelled %v (%s/%s), predicted %v (%s/%s): %s\n", c.Gold.File, c.Gold.NeedsReply, c.Gold.Type,
				c.Gold.Intent, c.Got.NeedsReply, c.Got.Type, c.Got.Intent, strings.Join(c.Got.Reasons["needs_reply"], "; "))
		}
	}
	if !verbose {
		return
	}
	for _, f := range []string{"type", "intent", "priority", "language", "sentiment"} {
		fmt.Fprintf(w, "\n%s errors:\n", f)
		for _, c := range cases {
			if c.correct(f) {
				continue
			}
			g, r := c.Gold, c.Got
			gv, rv := values(g, r, f)
			reasonField := f
			if f == "type" {
				reasonField = "intent"
			}
			fmt.Fprintf(w, "  %s (%s %s): labelled %s, predicted %s: %s\n", g.File, g.Language, g.Type, gv, rv,
				strings.Join(r.Reasons[reasonField], "; "))
		}
	}
}

func values(g Gold, r classify.Result, field string) (string, string) {
	switch field {
	case "type":
		return g.Type, r.Type
	case "intent":
		return g.Intent, r.Intent
	case "priority":
		return g.Priority, r.Priority
	case "language":
		return g.Language, r.Language
	}
	return fmt.Sprint(g.Sentiment), fmt.Sprint(r.Sentiment)
}
