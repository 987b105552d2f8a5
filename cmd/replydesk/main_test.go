package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCmd(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte(`data_dir: `+dir+`
stores: [{id: shop, name: Shop}]
mailboxes:
  - {id: a, store: shop, address: a@shop.test, imap: {host: h, port: 0, tls: none}, smtp: {host: h, port: 25, tls: none}, password_env: NOPE_NOT_SET}
  - {id: a, store: nostore, address: b@shop.test, imap: {host: h, port: 143, tls: none}, smtp: {host: h, port: 25, tls: none}, password_env: NOPE_NOT_SET}
`), 0o600)
	tests := []struct {
		name     string
		args     []string
		code     int
		contains []string
	}{
		{"no args prints usage", nil, exitOK, nil},
		{"unknown command", []string{"frobnicate"}, exitUsage, []string{`unknown command "frobnicate"`}},
		{"version", []string{"version"}, exitOK, nil},
		{"bad flag", []string{"list", "--nope"}, exitUsage, []string{"flag provided but not defined"}},
		{"missing config", []string{"list", "--config", filepath.Join(dir, "missing.yaml")}, exitUsage, []string{"missing.yaml"}},
		{"every config problem at once", []string{"sweep", "--config", bad}, exitUsage, []string{
			"mailboxes[0].imap.port: must be 1-65535, got 0",
			`mailboxes[1].id: "a"`,
			`mailboxes[1].store: "nostore"`,
		}},
		{"mailbox test needs an id", []string{"mailbox", "test"}, exitUsage, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := runCmd(t, tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d; stderr: %s", code, tc.code, stderr)
			}
			for _, c := range tc.contains {
				if !strings.Contains(stderr, c) {
					t.Errorf("stderr lacks %q:\n%s", c, stderr)
				}
			}
		})
	}
}

// TestDemoAndListJSON runs the demo (embedded servers, the real pipeline)
// once, then reads what it stored through `list --json`.
func TestDemoAndListJSON(t *testing.T) {
	dir := t.TempDir()
	code, out, stderr := runCmd(t, "demo", "--once", "--data-dir", dir)
	if code != exitOK {
		t.Fatalf("demo exit %d: %s\n%s", code, stderr, out)
	}
	if !strings.Contains(out, "phonegear        ok") || !strings.Contains(out, "casalinda        ok") {
		t.Fatalf("demo output:\n%s", out)
	}
	code, out, stderr = runCmd(t, "list", "--json", "--config", filepath.Join(dir, "config.yaml"))
	if code != exitOK {
		t.Fatalf("list exit %d: %s", code, stderr)
	}
	var items []map[string]any
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		var it map[string]any
		if err := json.Unmarshal(sc.Bytes(), &it); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		items = append(items, it)
	}
	if len(items) < 30 {
		t.Fatalf("only %d messages listed", len(items))
	}
	for _, k := range []string{"id", "mailbox", "store", "uid", "message_id", "thread_id", "from", "subject", "date", "channel", "order_id", "status"} {
		if _, ok := items[0][k]; !ok {
			t.Errorf("list --json lacks %q: %v", k, items[0])
		}
	}
	channels := map[string]bool{}
	noReply := 0
	for _, it := range items {
		channels[it["channel"].(string)] = true
		if _, ok := it["type"]; !ok {
			t.Errorf("message %v was not classified", it["id"])
		}
		if nr, ok := it["needs_reply"].(bool); ok && !nr {
			noReply++
		}
	}
	// The demo holds a bounce, an auto-reply, a newsletter, phishing, an
	// A-to-z notice and a Q&A mail: none of them may be answered.
	if noReply < 5 {
		t.Errorf("only %d demo messages marked as never to be answered", noReply)
	}
	for _, c := range []string{"amazon", "ebay", "walmart", "mail"} {
		if !channels[c] {
			t.Errorf("no %s message in the demo", c)
		}
	}
	code, out, _ = runCmd(t, "mailbox", "list", "--config", filepath.Join(dir, "config.yaml"))
	if code != exitOK || !strings.Contains(out, "support@phonegear.example") {
		t.Fatalf("mailbox list: %d\n%s", code, out)
	}
}

func TestClassifyCommand(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "bounce.eml")
	os.WriteFile(f, []byte("From: MAILER-DAEMON@mx.example.com\r\nTo: a@shop.test\r\nSubject: Undelivered Mail Returned to Sender\r\n"+
		"Auto-Submitted: auto-replied\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n"), 0o600)
	code, out, stderr := runCmd(t, "classify", "--json", f, filepath.Join(dir, "missing.eml"))
	if code != exitFail {
		t.Errorf("exit %d with a missing file, want %d: %s", code, exitFail, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("want 2 lines:\n%s", out)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &got); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"file", "type", "intent", "priority", "sentiment", "language", "needs_reply", "confidence", "reasons"} {
		if _, ok := got[k]; !ok {
			t.Errorf("classify --json lacks %q: %s", k, lines[0])
		}
	}
	if got["needs_reply"] != false {
		t.Errorf("a bounce needs a reply: %s", lines[0])
	}
	if !strings.Contains(lines[1], `"error"`) {
		t.Errorf("missing file not reported: %s", lines[1])
	}
}
