// Command train builds the intent model of package classify from the files
// in classify/model (lexicon.txt, train/*.txt, public/*.jsonl) and writes
// classify/model/intent.model, which the package embeds. Run it from the
// repository root:
//
//	go run ./classify/internal/train
//
// Training reads only files in the repository and is deterministic: the
// same files give the same model bytes.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/replydesk/replydesk/classify"
)

func main() {
	dir := flag.String("dir", "", "model directory (default: classify/model of the repository containing the working directory)")
	out := flag.String("o", "", "output file (default: <dir>/"+classify.IntentModelFile+")")
	flag.Parse()
	if *dir == "" {
		root, err := findRoot()
		if err != nil {
			fmt.Fprintln(os.Stderr, "train:", err)
			os.Exit(1)
		}
		*dir = filepath.Join(root, "classify", "model")
	}
	if *out == "" {
		*out = filepath.Join(*dir, classify.IntentModelFile)
	}
	data, err := classify.TrainIntentModel(os.DirFS(*dir), os.Stderr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "train:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "train:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "train: wrote %s (%d bytes)\n", *out, len(data))
}

// findRoot walks up from the working directory to the directory holding go.mod.
func findRoot() (string, error) {
	d, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d, nil
		}
		p := filepath.Dir(d)
		if p == d {
			return "", errors.New("go.mod not found above the working directory")
		}
		d = p
	}
}
