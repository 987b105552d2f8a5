package parse

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkParse parses typical 6–10 KB messages: an HTML newsletter with a
// plain alternative, a reply with a long quoted thread, an Amazon relay
// message (text + HTML) and a GBK message with a PDF attachment.
func BenchmarkParse(b *testing.B) {
	files, err := filepath.Glob(filepath.Join("testdata", "bench_*.eml"))
	if err != nil || len(files) == 0 {
		b.Fatal("no bench fixtures")
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		name := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(f), "bench_"), ".eml")
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(raw)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := Parse(raw); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkSplitQuoted(b *testing.B) {
	raw, err := os.ReadFile(filepath.Join("testdata", "bench_reply_thread.eml"))
	if err != nil {
		b.Fatal(err)
	}
	m, err := Parse(raw)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		SplitQuoted(m.Text)
	}
}
