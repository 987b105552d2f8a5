package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestValidConfigHasNoProblems(t *testing.T) {
	c := validConfig(t)
	c.ApplyDefaults()
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
}

// Each rule, with the exact message it produces.
func TestValidationRules(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(t *testing.T, c *Config)
		want   []string // nil: valid
	}{
		{"data_dir required", func(t *testing.T, c *Config) { c.DataDir = "" },
			[]string{"data_dir: required: the directory for the SQLite database and state"}},
		{"web.listen not host:port", func(t *testing.T, c *Config) { c.Web.Listen = "localhost" },
			[]string{`web.listen: must be host:port, like 127.0.0.1:8025 or :8025, got "localhost"`}},
		{"web.listen port out of range", func(t *testing.T, c *Config) { c.Web.Listen = ":99999" },
			[]string{`web.listen: port must be 1-65535, got "99999"`}},
		{"web.listen on all interfaces", func(t *testing.T, c *Config) { c.Web.Listen = ":8025" }, nil},
		{"log.level", func(t *testing.T, c *Config) { c.Log.Level = "verbose" },
			[]string{`log.level: must be one of debug, info, warn, error; got "verbose"`}},
		{"log.format", func(t *testing.T, c *Config) { c.Log.Format = "xml" },
			[]string{`log.format: must be one of auto, text, json; got "xml"`}},
		{"sync.poll_interval too short", func(t *testing.T, c *Config) { c.Sync.PollInterval = 5 * time.Second },
			[]string{"sync.poll_interval: must be at least 10s, got 5s"}},
		{"sync.batch_size negative", func(t *testing.T, c *Config) { c.Sync.BatchSize = -1 },
			[]string{"sync.batch_size: must be at least 1, got -1"}},
		{"sync.max_initial negative", func(t *testing.T, c *Config) { c.Sync.MaxInitial = -5 },
			[]string{"sync.max_initial: must be 0 (all messages) or more, got -5"}},
		{"sync.since not a date", func(t *testing.T, c *Config) { c.Sync.Since = "01/02/2024" },
			[]string{`sync.since: must be a date written YYYY-MM-DD, got "01/02/2024"`}},

		{"store id required", func(t *testing.T, c *Config) { c.Stores = append(c.Stores, Store{}) },
			[]string{"stores[1].id: required"}},
		{"store id charset", func(t *testing.T, c *Config) { c.Stores = append(c.Stores, Store{ID: "Phone Gear"}) },
			[]string{`stores[1].id: "Phone Gear" may only contain lower-case letters a-z, digits, _ and -`}},
		{"store id unique", func(t *testing.T, c *Config) { c.Stores = append(c.Stores, Store{ID: "shop"}) },
			[]string{`stores[1].id: "shop" is already used by stores[0]`}},
		{"store timezone", func(t *testing.T, c *Config) { c.Stores[0].Timezone = "Mars/Olympus" },
			[]string{`stores[0].timezone: unknown time zone "Mars/Olympus": use an IANA name such as Asia/Shanghai or UTC`}},
		{"store timezone valid", func(t *testing.T, c *Config) { c.Stores[0].Timezone = "Asia/Shanghai" }, nil},

		{"mailbox id charset", func(t *testing.T, c *Config) { c.Mailboxes[0].ID = "Support!" },
			[]string{`mailboxes[0].id: "Support!" may only contain lower-case letters a-z, digits, _ and -`}},
		{"mailbox id unique", func(t *testing.T, c *Config) { c.Mailboxes = append(c.Mailboxes, c.Mailboxes[0]) },
			[]string{`mailboxes[1].id: "support" is already used by mailboxes[0]`}},
		{"mailbox store required", func(t *testing.T, c *Config) { c.Mailboxes[0].Store = "" },
			[]string{"mailboxes[0].store: required: the id of a store listed under stores:"}},
		{"mailbox store must exist", func(t *testing.T, c *Config) { c.Mailboxes[0].Store = "x" },
			[]string{`mailboxes[0].store: "x" is not a store listed under stores:`}},
		{"address required", func(t *testing.T, c *Config) { c.Mailboxes[0].Address = ""; c.Mailboxes[0].Username = "u" },
			[]string{"mailboxes[0].address: required"}},
		{"address invalid", func(t *testing.T, c *Config) { c.Mailboxes[0].Address = "support-at-shop" },
			[]string{`mailboxes[0].address: "support-at-shop" is not a valid email address`}},
		{"address with display name", func(t *testing.T, c *Config) { c.Mailboxes[0].Address = "Support <s@shop.example>" },
			[]string{`mailboxes[0].address: must be a bare address like support@shop.example (put the display name in name:), got "Support <s@shop.example>"`}},
		{"provider unknown", func(t *testing.T, c *Config) { c.Mailboxes[0].Provider = "gmial" },
			[]string{`mailboxes[0].provider: unknown provider "gmial" (known: 126, 163, 35, aliyun, custom, exmail, feishu, gmail, icloud, outlook, qq, yahoo, yeah, zoho)`}},
		{"provider alias", func(t *testing.T, c *Config) {
			c.Mailboxes[0].Provider = "Hotmail"
			c.Mailboxes[0].Auth = AuthPassword
		}, nil},

		{"custom needs servers", func(t *testing.T, c *Config) { c.Mailboxes[0].Provider = "custom" },
			[]string{
				"mailboxes[0].imap.host: required: provider custom fills nothing, set host, port and tls",
				"mailboxes[0].smtp.host: required: provider custom fills nothing, set host, port and tls",
			}},
		{"port 0", func(t *testing.T, c *Config) {
			m := &c.Mailboxes[0]
			m.Provider = "custom"
			m.IMAP = Server{Host: "mail.shop.example", TLS: TLSNone}
			m.SMTP = Server{Host: "mail.shop.example", Port: 587}
		}, []string{"mailboxes[0].imap.port: must be 1-65535, got 0"}},
		{"port too big", func(t *testing.T, c *Config) { c.Mailboxes[0].SMTP.Port = 70000 },
			[]string{"mailboxes[0].smtp.port: must be 1-65535, got 70000"}},
		{"tls unknown", func(t *testing.T, c *Config) { c.Mailboxes[0].IMAP.TLS = "ssl" },
			[]string{`mailboxes[0].imap.tls: must be one of none, starttls, tls; got "ssl" (implicit TLS, which some clients call SSL, is tls)`}},
		{"tls required on an unusual port", func(t *testing.T, c *Config) {
			m := &c.Mailboxes[0]
			m.Provider = "custom"
			m.IMAP = Server{Host: "mail.shop.example", Port: 1993}
			m.SMTP = Server{Host: "mail.shop.example"}
		}, []string{"mailboxes[0].imap.tls: required for port 1993: one of none, starttls, tls"}},
		{"host with scheme", func(t *testing.T, c *Config) { c.Mailboxes[0].IMAP.Host = "imaps://imap.qq.com" },
			[]string{`mailboxes[0].imap.host: must be a host name or IP address without scheme or port, got "imaps://imap.qq.com"`}},
		{"ca_file missing", func(t *testing.T, c *Config) { c.Mailboxes[0].IMAP.CAFile = "/nonexistent/ca.pem" },
			[]string{"mailboxes[0].imap.ca_file: cannot use /nonexistent/ca.pem: no such file"}},
		{"ca_file not PEM", func(t *testing.T, c *Config) {
			c.Mailboxes[0].IMAP.CAFile = writeFile(t, "ca.pem", "not a certificate", 0o644)
		}, []string{"mailboxes[0].imap.ca_file: " + "%CAFILE% contains no PEM certificate"}},

		{"auth unknown", func(t *testing.T, c *Config) { c.Mailboxes[0].Auth = "basic" },
			[]string{`mailboxes[0].auth: must be password or oauth2, got "basic"`}},
		{"password missing", func(t *testing.T, c *Config) { c.Mailboxes[0].PasswordEnv = "" },
			[]string{"mailboxes[0].password_env: required with auth password: set password_env (an environment variable) or password_file (a file only replydesk can read) holding the app password or authorization code"}},
		{"two password sources", func(t *testing.T, c *Config) { c.Mailboxes[0].PasswordFile = "/run/secrets/pw" },
			[]string{"mailboxes[0].password_file: conflicts with password_env: set exactly one of password_env, password_file, password"}},
		{"plain password refused", func(t *testing.T, c *Config) {
			c.Mailboxes[0].PasswordEnv = ""
			c.Mailboxes[0].Password = "hunter2"
		}, []string{"mailboxes[0].password: a password in clear in the config file is refused: put it in an environment variable and set password_env, or in a file (chmod 600) and set password_file (or set insecure_plain_password: true to accept it anyway)"}},
		{"plain password with insecure_plain_password", func(t *testing.T, c *Config) {
			c.Mailboxes[0].PasswordEnv = ""
			c.Mailboxes[0].Password = "hunter2"
			c.Mailboxes[0].InsecurePlainPassword = true
		}, nil},
		{"password_env not set", func(t *testing.T, c *Config) { c.Mailboxes[0].PasswordEnv = "REPLYDESK_TEST_UNSET_VAR" },
			[]string{"mailboxes[0].password_env: environment variable REPLYDESK_TEST_UNSET_VAR is not set"}},
		{"password_env empty", func(t *testing.T, c *Config) { t.Setenv(testPasswordEnv, " ") },
			[]string{"mailboxes[0].password_env: environment variable REPLYDESK_TEST_PASSWORD is empty"}},
		{"disabled mailbox secrets are not checked", func(t *testing.T, c *Config) {
			c.Mailboxes[0].PasswordEnv = "REPLYDESK_TEST_UNSET_VAR"
			c.Mailboxes[0].Disabled = true
		}, nil},
		{"password_file missing", func(t *testing.T, c *Config) {
			c.Mailboxes[0].PasswordEnv = ""
			c.Mailboxes[0].PasswordFile = "/nonexistent/pw"
		}, []string{"mailboxes[0].password_file: cannot use /nonexistent/pw: no such file"}},
		{"password_file empty", func(t *testing.T, c *Config) {
			c.Mailboxes[0].PasswordEnv = ""
			c.Mailboxes[0].PasswordFile = writeFile(t, "pw", "\n", 0o600)
		}, []string{"mailboxes[0].password_file: %PWFILE% is empty"}},
		{"password_file is a directory", func(t *testing.T, c *Config) {
			c.Mailboxes[0].PasswordEnv = ""
			c.Mailboxes[0].PasswordFile = t.TempDir()
		}, []string{"mailboxes[0].password_file: cannot use %PWFILE%: not a regular file"}},

		{"oauth2 with gmail needs no block", func(t *testing.T, c *Config) {
			c.Mailboxes[0].Provider = "gmail"
			c.Mailboxes[0].Auth = AuthOAuth2
			c.Mailboxes[0].PasswordEnv = ""
		}, nil},
		{"outlook defaults to oauth2", func(t *testing.T, c *Config) { c.Mailboxes[0].Provider = "outlook" },
			[]string{"mailboxes[0].password_env: is set but auth is oauth2 (the default for outlook): remove it, or set auth: password"}},
		{"oauth2 without a client for the provider", func(t *testing.T, c *Config) {
			c.Mailboxes[0].Auth = AuthOAuth2
			c.Mailboxes[0].PasswordEnv = ""
		}, []string{"mailboxes[0].auth: oauth2 needs a client registration for provider qq: add oauth2.qq with client_id, auth_url and token_url"}},
		{"oauth2 with a custom client", func(t *testing.T, c *Config) {
			c.Mailboxes[0].Auth = AuthOAuth2
			c.Mailboxes[0].PasswordEnv = ""
			c.OAuth2 = map[string]OAuth2Client{"qq": {
				ClientID: "id", AuthURL: "https://auth.example/authorize", TokenURL: "https://auth.example/token",
			}}
		}, nil},
		{"oauth2 block needs client_id and endpoints", func(t *testing.T, c *Config) {
			c.OAuth2 = map[string]OAuth2Client{"custom": {AuthURL: "http://auth.example/authorize"}}
		}, []string{
			"oauth2.custom.client_id: required: the id of the application registered with custom",
			`oauth2.custom.auth_url: must be an absolute https:// URL, got "http://auth.example/authorize"`,
			"oauth2.custom.token_url: required: replydesk has no built-in OAuth2 endpoints for custom",
		}},
		{"oauth2 block on loopback http", func(t *testing.T, c *Config) {
			c.OAuth2 = map[string]OAuth2Client{"custom": {
				ClientID: "id", AuthURL: "http://127.0.0.1:9000/auth", TokenURL: "http://localhost:9000/token",
			}}
		}, nil},
		{"oauth2 alias key", func(t *testing.T, c *Config) {
			c.OAuth2 = map[string]OAuth2Client{"hotmail": {ClientID: "a"}, "outlook": {ClientID: "b"}}
		}, []string{"oauth2.hotmail: hotmail is an alias of outlook, which is configured too: keep only oauth2.outlook"}},
		{"oauth2 client secret sources", func(t *testing.T, c *Config) {
			c.OAuth2 = map[string]OAuth2Client{"gmail": {
				ClientID: "id", ClientSecret: "s", ClientSecretEnv: "REPLYDESK_TEST_UNSET_VAR",
			}}
		}, []string{"oauth2.gmail.client_secret: conflicts with client_secret_env: set at most one of client_secret_env, client_secret_file, client_secret"}},
		{"oauth2 client_secret_env not set", func(t *testing.T, c *Config) {
			c.OAuth2 = map[string]OAuth2Client{"gmail": {ClientID: "id", ClientSecretEnv: "REPLYDESK_TEST_UNSET_VAR"}}
		}, []string{"oauth2.gmail.client_secret_env: environment variable REPLYDESK_TEST_UNSET_VAR is not set"}},

		{"empty folder name", func(t *testing.T, c *Config) { c.Mailboxes[0].Folders = []string{"INBOX", " "} },
			[]string{"mailboxes[0].folders[1]: empty folder name"}},
		{"mailbox poll_interval", func(t *testing.T, c *Config) { c.Mailboxes[0].PollInterval = time.Second },
			[]string{"mailboxes[0].poll_interval: must be at least 10s, got 1s"}},
		{"mailbox max_initial", func(t *testing.T, c *Config) { c.Mailboxes[0].MaxInitial = ptr(-1) },
			[]string{"mailboxes[0].max_initial: must be 0 (all messages) or more, got -1"}},
		{"mailbox since", func(t *testing.T, c *Config) { c.Mailboxes[0].Since = "2024-13-01" },
			[]string{`mailboxes[0].since: must be a date written YYYY-MM-DD, got "2024-13-01"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := validConfig(t)
			tt.mutate(t, c)
			c.ApplyDefaults()
			want := make([]string, len(tt.want))
			for i, w := range tt.want {
				w = strings.ReplaceAll(w, "%CAFILE%", c.Mailboxes[0].IMAP.CAFile)
				want[i] = strings.ReplaceAll(w, "%PWFILE%", c.Mailboxes[0].PasswordFile)
			}
			wantProblems(t, c.Validate(), want...)
		})
	}
}

func TestPasswordFileMode(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix permissions")
	}
	tests := []struct {
		mode os.FileMode
		ok   bool
	}{
		{0o600, true},
		{0o400, true},
		{0o640, false},
		{0o644, false},
		{0o604, false},
	}
	for _, tt := range tests {
		t.Run(tt.mode.String(), func(t *testing.T) {
			file := writeFile(t, "pw", "app-password\n", tt.mode)
			c := validConfig(t)
			c.Mailboxes[0].PasswordEnv = ""
			c.Mailboxes[0].PasswordFile = file
			c.ApplyDefaults()
			err := c.Validate()
			if tt.ok {
				wantProblems(t, err)
				return
			}
			wantProblems(t, err, "mailboxes[0].password_file: "+file+
				fmt.Sprintf(" is readable by group or others (mode %04o): run chmod 600 ", tt.mode)+file)
		})
	}
}

// Several problems in one file are all reported, one line each, each line
// prefixed with the file name.
func TestAllProblemsReported(t *testing.T) {
	src := `
data_dir: ""
web: {listen: "8025"}
log: {level: loud}
stores:
  - {id: shop}
  - {id: shop}
mailboxes:
  - {id: a, store: nowhere, address: not-an-address, provider: qq, password_env: REPLYDESK_TEST_UNSET_VAR}
  - {id: b, store: shop, address: b@shop.example, provider: custom, imap: {host: h, port: 0, tls: none}, smtp: {host: h, port: 465}, password_env: REPLYDESK_TEST_UNSET_VAR}
`
	_, err := LoadBytes([]byte(src), "shop.yaml")
	want := []string{
		"data_dir: required: the directory for the SQLite database and state",
		`web.listen: must be host:port, like 127.0.0.1:8025 or :8025, got "8025"`,
		`log.level: must be one of debug, info, warn, error; got "loud"`,
		`stores[1].id: "shop" is already used by stores[0]`,
		`mailboxes[0].store: "nowhere" is not a store listed under stores:`,
		`mailboxes[0].address: "not-an-address" is not a valid email address`,
		"mailboxes[0].password_env: environment variable REPLYDESK_TEST_UNSET_VAR is not set",
		"mailboxes[1].imap.port: must be 1-65535, got 0",
		"mailboxes[1].password_env: environment variable REPLYDESK_TEST_UNSET_VAR is not set",
	}
	wantProblems(t, err, want...)
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != len(want) {
		t.Fatalf("Error() has %d lines, want %d:\n%s", len(lines), len(want), err)
	}
	for i, l := range lines {
		if l != "shop.yaml: "+want[i] {
			t.Errorf("line %d = %q", i, l)
		}
	}
}

// No error message may contain a secret, wherever the seller put it.
func TestSecretsNeverInErrors(t *testing.T) {
	const (
		envSecret    = "TOPSECRET-env-1111"
		fileSecret   = "TOPSECRET-file-2222"
		plainSecret  = "TOPSECRET-plain-3333"
		clientSecret = "TOPSECRET-client-4444"
		typoSecret   = "TOPSECRET-typo-5555"
	)
	t.Setenv("REPLYDESK_TEST_SECRET", envSecret)
	readable := writeFile(t, "pw", fileSecret+"\n", 0o644)
	src := `
data_dir: /d
oauth2:
  gmail: {client_id: id, client_secret: ` + clientSecret + `, client_secret_env: REPLYDESK_TEST_SECRET}
stores: [{id: s}]
mailboxes:
  - {id: a, store: s, address: a@s.example, provider: qq, password: ` + plainSecret + `}
  - {id: b, store: s, address: b@s.example, provider: qq, password_file: ` + readable + `}
  - {id: c, store: s, address: c@s.example, provider: qq, password_env: REPLYDESK_TEST_SECRET, password: ` + plainSecret + `}
  - {id: d, store: s, address: d@s.example, provider: outlook, password: ` + plainSecret + `, insecure_plain_password: true}
`
	_, err := LoadBytes([]byte(src), "t.yaml")
	if len(problemsOf(t, err)) < 4 {
		t.Fatalf("expected several problems, got:\n%v", err)
	}
	// Secrets typed into the wrong key or given the wrong type.
	_, err2 := LoadBytes([]byte(`
data_dir: /d
mailboxes:
  - {id: a, insecure_plain_password: `+typoSecret+`, password: {value: `+plainSecret+`}, password_env: [`+envSecret+`]}
`), "t.yaml")
	problemsOf(t, err2)

	// Secret() and OAuth2For() errors.
	m := Mailbox{ID: "x", PasswordFile: filepath.Join(t.TempDir(), "missing")}
	_, err3 := m.Secret()
	c := &Config{OAuth2: map[string]OAuth2Client{"gmail": {ClientSecretFile: readable}}}
	_, err4 := c.OAuth2For(&Mailbox{ID: "y", Provider: "gmail"})

	for _, e := range []error{err, err2, err3, err4} {
		if e == nil {
			t.Fatal("expected an error")
		}
		if strings.Contains(e.Error(), "TOPSECRET") {
			t.Errorf("a secret leaked into:\n%v", e)
		}
	}
	if !strings.Contains(err2.Error(), "mailboxes[0].insecure_plain_password: want true or false, got text") {
		t.Errorf("wrong-type message for a secret-looking key should give the kind only:\n%v", err2)
	}
}

func TestStoreRulesAndLLM(t *testing.T) {
	_, err := LoadBytes([]byte(`data_dir: /tmp/x
stores:
  - id: s
    name: S
    rules: {high: ["差评", "/charge ?back/"], human: ["/(unclosed/", "lawyer"]}
llm: {base_url: "ftp://nope", timeout: 10s}
`), "t.yaml")
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("want a ValidationError, got %v", err)
	}
	want := []string{"stores[0].rules.human[0]: bad regular expression", "llm.base_url: want an http(s) URL", "llm.model: required"}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("missing %q in:\n%v", w, err)
		}
	}
	if strings.Contains(err.Error(), "rules.high") {
		t.Errorf("valid rules reported: %v", err)
	}
}
