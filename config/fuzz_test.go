package config

import (
	"errors"
	"os"
	"testing"
)

// FuzzLoad feeds arbitrary bytes to the loader: whatever the input, it must
// return a config or an error, never panic. Run with
// go test ./config -fuzz FuzzLoad.
func FuzzLoad(f *testing.F) {
	if data, err := os.ReadFile(examplePath); err == nil {
		f.Add(data)
	}
	for _, seed := range []string{
		exampleBlock,
		"",
		"data_dir: /d",
		"- a\n- b",
		"data_dir: [",
		"web: 1\nweb.listen: x",
		"mailboxes: [{imap: {port: abc}}, 3, [1], {oauth2: x}]",
		"oauth2: {gmail: [1], '': {}, hotmail: {client_id: x}, outlook: {client_id: y}}",
		"stores: [{id: a, timezone: ../../etc/passwd}]\nsync: {poll_interval: -1h, since: 2024-01-01}",
		"mailboxes: [{provider: OUTLOOK, auth: oauth2, since: 2024-02-30T10:00:00Z, max_initial: 1e400}]",
		"? [a, b]\n: c\n1: 2\ntrue: false",
		"&a [*a]",
		"data_dir: !!binary aGVsbG8=",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := LoadBytes(data, "fuzz.yaml")
		if err == nil && c == nil {
			t.Fatal("nil config without an error")
		}
		var ve *ValidationError
		if errors.As(err, &ve) && len(ve.Problems) == 0 {
			t.Fatal("ValidationError without problems")
		}
	})
}
