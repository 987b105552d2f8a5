package config

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// exampleBlock is the configuration shape documented for replydesk; it must
// load exactly as written.
const exampleBlock = `data_dir: /var/lib/replydesk          # SQLite database and state; the only required key
web: {listen: "127.0.0.1:8025"}
stores:
  - {id: phonegear, name: PhoneGear}
mailboxes:
  - id: support
    store: phonegear
    address: support@phonegear.example
    provider: custom                   # or gmail, outlook, qq, 163, ...: fills the two blocks below
    imap: {host: 127.0.0.1, port: 10143, tls: none}   # tls: none | starttls | tls
    smtp: {host: 127.0.0.1, port: 10587, tls: none}
    username: alice@shop.test
    password_env: REPLYDESK_PW_SUPPORT
`

const examplePath = "../config.example.yaml"

func checkExampleShape(t *testing.T, c *Config) {
	t.Helper()
	if c.DataDir != "/var/lib/replydesk" || c.Web.Listen != "127.0.0.1:8025" {
		t.Errorf("data_dir %q, web.listen %q", c.DataDir, c.Web.Listen)
	}
	if len(c.Stores) != 1 || !reflect.DeepEqual(c.Stores[0], Store{ID: "phonegear", Name: "PhoneGear", Timezone: "UTC"}) {
		t.Errorf("stores = %+v", c.Stores)
	}
	m := c.Mailbox("support")
	if m == nil {
		t.Fatal("mailbox support missing")
	}
	wantIMAP := Server{Host: "127.0.0.1", Port: 10143, TLS: TLSNone}
	wantSMTP := Server{Host: "127.0.0.1", Port: 10587, TLS: TLSNone}
	if m.IMAP != wantIMAP || m.SMTP != wantSMTP {
		t.Errorf("imap %+v smtp %+v", m.IMAP, m.SMTP)
	}
	if m.Store != "phonegear" || m.Address != "support@phonegear.example" || m.Provider != ProviderCustom ||
		m.Auth != AuthPassword || m.Username != "alice@shop.test" {
		t.Errorf("mailbox = %+v", m)
	}
	if s, err := m.Secret(); err != nil || s != "pw-support" {
		t.Errorf("Secret() = %q, %v", s, err)
	}
}

func TestLoadExampleFile(t *testing.T) {
	t.Setenv("REPLYDESK_PW_SUPPORT", "pw-support")
	c, err := Load(examplePath)
	if err != nil {
		t.Fatal(err)
	}
	checkExampleShape(t, c)
	if c.Path != examplePath {
		t.Errorf("Path = %q", c.Path)
	}
	if len(c.Mailboxes) != 1 {
		t.Errorf("example has %d active mailboxes, want 1 (the others are commented out)", len(c.Mailboxes))
	}
}

func TestLoadExampleBlock(t *testing.T) {
	t.Setenv("REPLYDESK_PW_SUPPORT", "pw-support")
	c, err := LoadBytes([]byte(exampleBlock), "block.yaml")
	if err != nil {
		t.Fatal(err)
	}
	checkExampleShape(t, c)
}

// The example file must show the documented block verbatim: its lines, in
// order, with only comments and other keys in between.
func TestExampleFileContainsBlock(t *testing.T) {
	data, err := os.ReadFile(examplePath)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	i := 0
	for _, want := range strings.Split(strings.TrimSuffix(exampleBlock, "\n"), "\n") {
		for i < len(lines) && lines[i] != want {
			i++
		}
		if i == len(lines) {
			t.Fatalf("config.example.yaml lacks the line %q (in order)", want)
		}
	}
}

func TestLoadExampleNeedsPasswordEnv(t *testing.T) {
	t.Setenv("REPLYDESK_PW_SUPPORT", "") // restored after the test
	os.Unsetenv("REPLYDESK_PW_SUPPORT")
	_, err := Load(examplePath)
	wantProblems(t, err, "mailboxes[0].password_env: environment variable REPLYDESK_PW_SUPPORT is not set")
	if !strings.HasPrefix(err.Error(), examplePath+": mailboxes[0]") {
		t.Errorf("error not prefixed by the file name: %q", err)
	}
}

func TestLoadDefaults(t *testing.T) {
	c, err := LoadBytes([]byte("data_dir: /d\n"), "min.yaml")
	if err != nil {
		t.Fatal(err)
	}
	want := Config{
		DataDir: "/d",
		Log:     Log{Level: "info", Format: "auto"},
		Web:     Web{Listen: "127.0.0.1:8025"},
	}
	if c.DataDir != want.DataDir || c.Log != want.Log || c.Web != want.Web {
		t.Errorf("got %+v", c)
	}
	if c.Sync.PollInterval != 2*time.Minute || c.Sync.IDLE == nil || !*c.Sync.IDLE || c.Sync.BatchSize != 200 {
		t.Errorf("sync = %+v", c.Sync)
	}
}

func TestMailboxDefaults(t *testing.T) {
	t.Setenv("PW", "x")
	src := `
data_dir: /d
sync: {poll_interval: 90s, idle: false, max_initial: 500, since: 2024-03-01}
stores: [{id: s}]
mailboxes:
  - {id: inherit, store: s, address: a@s.example, provider: gmail, password_env: PW}
  - id: own
    store: s
    address: b@s.example
    provider: gmail
    password_env: PW
    username: login-b
    folders: [INBOX, Support]
    poll_interval: 5m
    idle: true
    max_initial: 0
    since: 2025-01-01
`
	c, err := LoadBytes([]byte(src), "t.yaml")
	if err != nil {
		t.Fatal(err)
	}
	in := c.Mailbox("inherit")
	if in.PollInterval != 90*time.Second || in.IDLEEnabled() || *in.MaxInitial != 500 || in.Since != "2024-03-01" {
		t.Errorf("inherited: poll %v idle %v max %v since %q", in.PollInterval, in.IDLEEnabled(), *in.MaxInitial, in.Since)
	}
	if in.Username != "a@s.example" || len(in.Folders) != 1 || in.Folders[0] != "INBOX" {
		t.Errorf("username %q folders %q", in.Username, in.Folders)
	}
	own := c.Mailbox("own")
	if own.PollInterval != 5*time.Minute || !own.IDLEEnabled() || *own.MaxInitial != 0 || own.Since != "2025-01-01" {
		t.Errorf("own: poll %v idle %v max %v since %q", own.PollInterval, own.IDLEEnabled(), *own.MaxInitial, own.Since)
	}
	if own.Username != "login-b" || strings.Join(own.Folders, ",") != "INBOX,Support" {
		t.Errorf("username %q folders %q", own.Username, own.Folders)
	}
}

func TestUnknownKeys(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"top level", "data_dir: /d\ndatadir: /e\n", "datadir: unknown key (did you mean data_dir?)"},
		{"nested", "data_dir: /d\nweb: {listne: x}\n", "web.listne: unknown key (did you mean listen?)"},
		{"in a list item", `
data_dir: /d
stores: [{id: s}]
mailboxes:
  - {id: a, store: s, address: a@s.example}
  - {id: b, store: s, address: b@s.example, imapp: {host: x}}
`, "mailboxes[1].imapp: unknown key (did you mean imap?)"},
		{"two levels into a list item", `
data_dir: /d
mailboxes:
  - {id: a, imap: {hots: x}}
`, "mailboxes[0].imap.hots: unknown key (did you mean host?)"},
		{"oauth2 block", "data_dir: /d\noauth2: {gmail: {clientid: x}}\n", "oauth2.gmail.clientid: unknown key (did you mean client_id?)"},
		{"no close match", "data_dir: /d\nstores: [{id: s, tz: UTC}]\n", "stores[0].tz: unknown key"},
		{"case-insensitive keys are not unknown", "data_dir: /d\nWEB: {Listen: ':1'}\nbogus: 1\n", "bogus: unknown key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadBytes([]byte(tt.yaml), "t.yaml")
			wantProblem(t, err, tt.want)
		})
	}
}

func TestWrongTypes(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"port is text", "data_dir: /d\nmailboxes: [{imap: {port: abc}}]\n",
			`mailboxes[0].imap.port: want a whole number, got "abc"`},
		{"port is quoted text", "data_dir: /d\nmailboxes: [{imap: {port: \"abc\"}}]\n",
			`mailboxes[0].imap.port: want a whole number, got "abc"`},
		{"port is fractional", "data_dir: /d\nmailboxes: [{imap: {port: 993.5}}]\n",
			`mailboxes[0].imap.port: want a whole number, got 993.5`},
		{"duration without unit", "data_dir: /d\nsync: {poll_interval: 90}\n",
			"sync.poll_interval: want a duration with a unit, like 90s or 5m, got 90"},
		{"bad duration", "data_dir: /d\nsync: {poll_interval: soon}\n",
			`sync.poll_interval: want a duration like 90s, 5m or 1h, got "soon"`},
		{"bad bool", "data_dir: /d\nsync: {idle: maybe}\n", `sync.idle: want true or false, got "maybe"`},
		{"list expected", "data_dir: /d\nstores: phonegear\n", `stores: want a list, got "phonegear"`},
		{"mapping expected", "data_dir: /d\nweb: 8025\n", "web: want a mapping (key: value lines), got 8025"},
		{"text expected", "data_dir: [a, b]\n", "data_dir: want a text value, got a list"},
		{"list items must be mappings", "data_dir: /d\nstores: [phonegear]\n",
			`stores[0]: want a mapping (key: value lines), got "phonegear"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadBytes([]byte(tt.yaml), "t.yaml")
			wantProblem(t, err, tt.want)
		})
	}
}

// Decoding problems and rule violations come back together, without a
// second message about a value that could not be decoded.
func TestDecodeAndValidationProblemsTogether(t *testing.T) {
	t.Setenv("PW", "x")
	src := `
data_dir: /d
log: {level: loud}
stores: [{id: s}]
mailboxes:
  - {id: a, store: s, address: a@s.example, provider: custom, password_env: PW,
     imap: {host: h, port: abc, tls: none}, smtp: {host: h, port: 465}, colour: blue}
`
	_, err := LoadBytes([]byte(src), "t.yaml")
	wantProblems(t, err,
		`mailboxes[0].imap.port: want a whole number, got "abc"`,
		"mailboxes[0].colour: unknown key",
		`log.level: must be one of debug, info, warn, error; got "loud"`,
	)
}

// Values YAML reads as another type but that mean the obvious thing.
func TestLenientScalars(t *testing.T) {
	t.Setenv("PW", "x")
	src := `
data_dir: /d
sync: {idle: "no", batch_size: "50", poll_interval: 0}
stores: [{id: s, name: 2024}]
mailboxes:
  - {id: a, store: s, address: a@s.example, provider: qq, password_env: PW, imap: {port: "993"}}
`
	c, err := LoadBytes([]byte(src), "t.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if idleOn(c.Sync.IDLE) || c.Sync.BatchSize != 50 || c.Stores[0].Name != "2024" || c.Mailboxes[0].IMAP.Port != 993 {
		t.Errorf("got sync %+v store %+v imap %+v", c.Sync, c.Stores[0], c.Mailboxes[0].IMAP)
	}
}

func TestUnquotedNumericSecrets(t *testing.T) {
	src := `
data_dir: /d
oauth2: {gmail: {client_id: id, client_secret: 1e3}}
stores: [{id: s}]
mailboxes:
  - {id: a, store: s, address: a@s.example, provider: qq, password: 0123, insecure_plain_password: true}
  - {id: b, store: s, address: b@s.example, provider: qq, password: "0123", insecure_plain_password: true}
`
	_, err := LoadBytes([]byte(src), "t.yaml")
	wantProblems(t, err,
		"mailboxes[0].password: must be quoted text (YAML reads some unquoted numbers as something else: a leading 0 means octal, 1e3 means 1000)",
		"oauth2.gmail.client_secret: must be quoted text (YAML reads some unquoted numbers as something else: a leading 0 means octal, 1e3 means 1000)",
	)
}

func idleOn(p *bool) bool { return p == nil || *p }

func TestEnvOverrides(t *testing.T) {
	tests := []struct {
		name  string
		env   map[string]string
		yaml  string
		check func(*testing.T, *Config)
	}{
		{"overrides a key in the file",
			map[string]string{"REPLYDESK_WEB_LISTEN": "0.0.0.0:9000"},
			"data_dir: /d\nweb: {listen: '127.0.0.1:8025'}\n",
			func(t *testing.T, c *Config) {
				if c.Web.Listen != "0.0.0.0:9000" {
					t.Errorf("web.listen = %q", c.Web.Listen)
				}
			}},
		{"sets keys absent from the file",
			map[string]string{
				"REPLYDESK_DATA_DIR":           "/srv/replydesk",
				"REPLYDESK_LOG_LEVEL":          "debug",
				"REPLYDESK_LOG_FORMAT":         "json",
				"REPLYDESK_SYNC_POLL_INTERVAL": "45s",
				"REPLYDESK_SYNC_IDLE":          "false",
				"REPLYDESK_SYNC_BATCH_SIZE":    "50",
				"REPLYDESK_SYNC_MAX_INITIAL":   "1000",
				"REPLYDESK_SYNC_SINCE":         "2024-06-01",
			},
			"stores: [{id: s}]\n",
			func(t *testing.T, c *Config) {
				if c.DataDir != "/srv/replydesk" || c.Log.Level != "debug" || c.Log.Format != "json" {
					t.Errorf("got %+v", c)
				}
				s := c.Sync
				if s.PollInterval != 45*time.Second || idleOn(s.IDLE) || s.BatchSize != 50 ||
					s.MaxInitial != 1000 || s.Since != "2024-06-01" {
					t.Errorf("sync = %+v", s)
				}
			}},
		{"works with an empty file",
			map[string]string{"REPLYDESK_DATA_DIR": "/d"},
			"",
			func(t *testing.T, c *Config) {
				if c.DataDir != "/d" {
					t.Errorf("data_dir = %q", c.DataDir)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			c, err := LoadBytes([]byte(tt.yaml), "t.yaml")
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, c)
		})
	}
}

func TestEnvProblemsNameTheVariable(t *testing.T) {
	t.Setenv("REPLYDESK_WEB_LISTEN", "nowhere")
	t.Setenv("REPLYDESK_SYNC_IDLE", "perhaps")
	_, err := LoadBytes([]byte("data_dir: /d\n"), "t.yaml")
	wantProblems(t, err,
		`sync.idle: want true or false, got "perhaps" (from REPLYDESK_SYNC_IDLE)`,
		`web.listen: must be host:port, like 127.0.0.1:8025 or :8025, got "nowhere" (from REPLYDESK_WEB_LISTEN)`)
}

func TestLoadErrors(t *testing.T) {
	if _, err := Load(filepath.Join(t.TempDir(), "missing.yaml")); err == nil || !strings.Contains(err.Error(), "missing.yaml") {
		t.Errorf("missing file: %v", err)
	}
	_, err := LoadBytes([]byte("data_dir: [unclosed\n"), "bad.yaml")
	if err == nil || !strings.HasPrefix(err.Error(), "bad.yaml: invalid YAML: ") {
		t.Errorf("bad YAML: %v", err)
	}
	_, err = LoadBytes([]byte("data_dir: /a\ndata_dir: /b\n"), "dup.yaml")
	if err == nil || !strings.Contains(err.Error(), "already defined") {
		t.Errorf("duplicate key: %v", err)
	}
	_, err = LoadBytes([]byte("- a\n- b\n"), "list.yaml")
	if err == nil {
		t.Error("a YAML list at the top level was accepted")
	}
}

func TestRelativePathsAreRelativeToTheConfigFile(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "secrets"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "secrets", "pw"), []byte("pw\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	src := `
data_dir: /d
stores: [{id: s}]
mailboxes:
  - {id: a, store: s, address: a@s.example, provider: qq, password_file: secrets/pw}
`
	path := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(path, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.Mailboxes[0].PasswordFile, filepath.Join(dir, "secrets", "pw"); got != want {
		t.Errorf("password_file = %q, want %q", got, want)
	}
}

func TestFindPath(t *testing.T) {
	dir := t.TempDir()
	local := filepath.Join(dir, "config.yaml")
	system := filepath.Join(dir, "etc", "config.yaml")
	orig := searchPaths
	t.Cleanup(func() { searchPaths = orig })
	searchPaths = []string{local, system}

	tests := []struct {
		name     string
		explicit string
		files    []string
		want     string
		wantErr  bool
	}{
		{name: "explicit wins even if missing", explicit: "/nonexistent.yaml", files: []string{local}, want: "/nonexistent.yaml"},
		{name: "local first", files: []string{local, system}, want: local},
		{name: "then system", files: []string{system}, want: system},
		{name: "nothing found", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			os.RemoveAll(dir)
			for _, f := range tt.files {
				os.MkdirAll(filepath.Dir(f), 0o755)
				os.WriteFile(f, nil, 0o600)
			}
			got, err := FindPath(tt.explicit)
			if tt.wantErr {
				if err == nil || !strings.Contains(err.Error(), local) || !strings.Contains(err.Error(), system) {
					t.Errorf("error %v should name both paths tried", err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("FindPath(%q) = %q, %v; want %q", tt.explicit, got, err, tt.want)
			}
		})
	}
}

func TestScalarKeys(t *testing.T) {
	got := strings.Join(scalarKeys(), " ")
	want := "data_dir log.level log.format web.listen sync.poll_interval sync.idle sync.batch_size sync.max_initial sync.since llm.base_url llm.model llm.api_key_env llm.api_key_file llm.timeout"
	if got != want {
		t.Errorf("scalarKeys() = %s\nwant %s", got, want)
	}
}
