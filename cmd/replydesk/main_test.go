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
	for _, it := range items {
		channels[it["channel"].(string)] = true
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
