package eval

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/replydesk/replydesk/classify"
)

// devCorpus is the project's labelled development corpus, beside the
// repository when it is there (CI has it); the test skips otherwise.
const devCorpus = "../../../shared/corpus/dev"

// TestDevCorpusTargets holds the offline classifier to the targets of the
// classify issue on the development corpus, so a change that loses
// accuracy fails here. (The same targets apply to unseen mail; the figures
// here are an upper bound, since rules were written while reading it.)
func TestDevCorpusTargets(t *testing.T) {
	if _, err := os.Stat(filepath.Join(devCorpus, "labels.jsonl")); err != nil {
		t.Skipf("no development corpus at %s", devCorpus)
	}
	cl, err := classify.New(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	cases, err := Run(context.Background(), devCorpus, cl)
	if err != nil {
		t.Fatal(err)
	}
	targets := map[string]float64{
		"needs_reply": 0.98, "type": 0.90, "intent": 0.75, "priority": 0.85,
		"language": 0.97, "sentiment": 0.70, "sentiment±1": 0.95,
	}
	for f, min := range targets {
		if got := Accuracy(cases, f); got < min {
			t.Errorf("%s accuracy %.3f, target %.2f", f, got, min)
		}
	}
	if loops := LoopRisks(cases); len(loops) > 0 {
		for _, c := range loops {
			t.Errorf("%s (%s) would be answered: a mail loop", c.Gold.File, c.Gold.Intent)
		}
	}
	byLang := map[string][]Case{}
	for _, c := range cases {
		byLang[c.Gold.Language] = append(byLang[c.Gold.Language], c)
	}
	for lang, cs := range byLang {
		if got := Accuracy(cs, "type"); got < 0.75 {
			t.Errorf("type accuracy for %s: %.2f, target 0.75", lang, got)
		}
	}
	if t.Failed() || testing.Verbose() {
		var b strings.Builder
		Report(&b, cases, false)
		t.Log("\n" + b.String())
	}
}

func TestReadLabelsNamesTheLine(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "labels.jsonl"), []byte(`{"file":"a.eml","type":"other"}`+"\n{broken\n"), 0o600)
	_, err := readLabels(filepath.Join(dir, "labels.jsonl"))
	if err == nil || !strings.Contains(err.Error(), "labels.jsonl:2") {
		t.Fatalf("want an error naming line 2, got %v", err)
	}
}
