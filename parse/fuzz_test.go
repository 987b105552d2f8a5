package parse

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParse checks that Parse never panics and keeps its invariants on
// arbitrary input. The seed corpus is every testdata/*.eml plus
// testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.eml"))
	for _, file := range files {
		raw, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(raw)
	}
	f.Add([]byte("From: a@b\n\n"))
	f.Add([]byte("Subject: =?utf-8?B?\n\n"))
	f.Add([]byte("Content-Type: multipart/mixed; boundary=x\n\n--x\n\n--x--"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		m, err := Parse(raw)
		if err != nil {
			if m != nil {
				t.Fatal("message returned with error")
			}
			if strings.Contains(err.Error(), "internal error") {
				t.Fatalf("panic recovered: %v", err)
			}
			return
		}
		for name, s := range map[string]string{"Subject": m.Subject, "Text": m.Text, "NewText": m.NewText,
			"Quoted": m.Quoted, "Signature": m.Signature, "From.Name": m.From.Name, "From.Addr": m.From.Addr,
			"MessageID": m.MessageID, "OrderID": m.OrderID} {
			if !utf8.ValidString(s) {
				t.Fatalf("%s is not valid UTF-8: %q", name, s)
			}
		}
		for _, a := range m.Attachments {
			if a.Size < 0 || !utf8.ValidString(a.Filename) {
				t.Fatalf("bad attachment %+v", a)
			}
		}
		if len(m.NewText) > len(m.Text)+16 && !strings.Contains(m.Text, m.NewText) {
			t.Fatalf("NewText longer than Text")
		}
	})
}

// FuzzSplitQuoted checks that SplitQuoted never panics and loses no
// non-blank line of content: every non-blank output line comes from the
// input.
func FuzzSplitQuoted(f *testing.F) {
	for _, tt := range []string{
		"Thanks\n\nOn Mon, 2 Mar 2026 at 09:12, Shop <s@s.example> wrote:\n> hi",
		"> a\nb\n> c",
		"x\n\n-- \nsig",
		"---------- Forwarded message ---------\nFrom: a\nTo: b\nSubject: c\n\nbody",
		"From: a\nSent: b\nTo: c\nSubject: d",
		"发件人：a\n发送时间：b\n收件人：c\n主题：d",
		"Am 1.1.2026 schrieb X <\nx@y.example>:\n\n> z",
		"\r\n\r\r\n>",
	} {
		f.Add(tt)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, q, sig := SplitQuoted(s)
		in := strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
		in = strings.ToValidUTF8(in, "\uFFFD")
		for _, part := range []string{n, q, sig} {
			if !utf8.ValidString(part) {
				t.Fatalf("invalid UTF-8 output %q", part)
			}
			for _, l := range strings.Split(part, "\n") {
				if strings.TrimSpace(l) != "" && !strings.Contains(in, l) {
					t.Fatalf("output line %q not in input", l)
				}
			}
		}
	})
}
