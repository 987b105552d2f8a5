package config

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestSecret(t *testing.T) {
	t.Setenv("REPLYDESK_TEST_PW", "from-env")
	t.Setenv("REPLYDESK_TEST_EMPTY", "")
	file := writeFile(t, "pw", "from-file\n", 0o600)
	crlf := writeFile(t, "pw", "crlf\r\n", 0o600)
	missing := filepath.Join(t.TempDir(), "missing")

	tests := []struct {
		name    string
		m       Mailbox
		want    string
		wantErr string
	}{
		{name: "env", m: Mailbox{ID: "a", PasswordEnv: "REPLYDESK_TEST_PW"}, want: "from-env"},
		{name: "file drops the trailing newline", m: Mailbox{ID: "a", PasswordFile: file}, want: "from-file"},
		{name: "file drops CRLF", m: Mailbox{ID: "a", PasswordFile: crlf}, want: "crlf"},
		{name: "inline", m: Mailbox{ID: "a", Password: "inline", InsecurePlainPassword: true}, want: "inline"},
		{name: "env unset", m: Mailbox{ID: "a", PasswordEnv: "REPLYDESK_TEST_UNSET_VAR"},
			wantErr: "mailbox a: environment variable REPLYDESK_TEST_UNSET_VAR is not set"},
		{name: "env empty", m: Mailbox{ID: "a", PasswordEnv: "REPLYDESK_TEST_EMPTY"},
			wantErr: "mailbox a: environment variable REPLYDESK_TEST_EMPTY is empty"},
		{name: "file missing", m: Mailbox{ID: "a", PasswordFile: missing},
			wantErr: "mailbox a: " + missing + ": no such file"},
		{name: "nothing", m: Mailbox{ID: "a"},
			wantErr: "mailbox a: no password configured (set password_env or password_file)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.m.Secret()
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Errorf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("Secret() = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestRedacted(t *testing.T) {
	idle := true
	m := Mailbox{ID: "a", Password: "hunter2", PasswordEnv: "E", Folders: []string{"INBOX"}, IDLE: &idle, MaxInitial: ptr(5)}
	r := m.Redacted()
	if r.Password != RedactedValue || r.PasswordEnv != "E" {
		t.Errorf("Redacted() = %+v", r)
	}
	r.Folders[0] = "changed"
	*r.IDLE = false
	*r.MaxInitial = 9
	if m.Folders[0] != "INBOX" || !*m.IDLE || *m.MaxInitial != 5 || m.Password != "hunter2" {
		t.Errorf("Redacted() shares memory with the original: %+v", m)
	}
	if empty := (&Mailbox{}).Redacted(); empty.Password != "" {
		t.Errorf("an unset password became %q", empty.Password)
	}

	c := Config{
		Mailboxes: []Mailbox{m},
		OAuth2:    map[string]OAuth2Client{"gmail": {ClientID: "id", ClientSecret: "s3cret", Scopes: []string{"x"}}},
	}
	rc := c.Redacted()
	if rc.Mailboxes[0].Password != RedactedValue || rc.OAuth2["gmail"].ClientSecret != RedactedValue || rc.OAuth2["gmail"].ClientID != "id" {
		t.Errorf("Config.Redacted() = %+v", rc)
	}
	if c.OAuth2["gmail"].ClientSecret != "s3cret" || c.Mailboxes[0].Password != "hunter2" {
		t.Error("Config.Redacted() modified the original")
	}
}

func TestOAuth2For(t *testing.T) {
	t.Setenv("REPLYDESK_TEST_CLIENT_SECRET", "env-secret")
	secretFile := writeFile(t, "cs", "file-secret\n", 0o600)

	tests := []struct {
		name     string
		oauth2   map[string]OAuth2Client
		provider string
		check    func(*testing.T, OAuth2Client)
		wantErr  string
	}{
		{name: "gmail preset endpoints", provider: "gmail",
			oauth2: map[string]OAuth2Client{"gmail": {ClientID: "gid", ClientSecretEnv: "REPLYDESK_TEST_CLIENT_SECRET"}},
			check: func(t *testing.T, o OAuth2Client) {
				if o.ClientID != "gid" || o.ClientSecret != "env-secret" ||
					o.AuthURL != "https://accounts.google.com/o/oauth2/auth" ||
					o.TokenURL != "https://oauth2.googleapis.com/token" ||
					o.DeviceAuthURL != "https://oauth2.googleapis.com/device/code" ||
					!slices.Equal(o.Scopes, []string{"https://mail.google.com/"}) {
					t.Errorf("got %+v", o)
				}
			}},
		{name: "outlook fills the tenant", provider: "hotmail",
			oauth2: map[string]OAuth2Client{"outlook": {ClientID: "mid", Tenant: "consumers"}},
			check: func(t *testing.T, o OAuth2Client) {
				if o.AuthURL != "https://login.microsoftonline.com/consumers/oauth2/v2.0/authorize" ||
					o.TokenURL != "https://login.microsoftonline.com/consumers/oauth2/v2.0/token" ||
					o.DeviceAuthURL != "https://login.microsoftonline.com/consumers/oauth2/v2.0/devicecode" ||
					!slices.Equal(o.Scopes, []string{
						"https://outlook.office.com/IMAP.AccessAsUser.All",
						"https://outlook.office.com/SMTP.Send",
						"offline_access",
					}) || o.ClientSecret != "" {
					t.Errorf("got %+v", o)
				}
			}},
		{name: "outlook default tenant", provider: "outlook",
			oauth2: map[string]OAuth2Client{"outlook": {ClientID: "mid"}},
			check: func(t *testing.T, o OAuth2Client) {
				if !strings.Contains(o.TokenURL, "/common/") {
					t.Errorf("token url %q", o.TokenURL)
				}
			}},
		{name: "block overrides preset field by field", provider: "gmail",
			oauth2: map[string]OAuth2Client{"gmail": {ClientID: "gid", TokenURL: "https://proxy.example/token", Scopes: []string{"a", "b"}, ClientSecretFile: secretFile}},
			check: func(t *testing.T, o OAuth2Client) {
				if o.TokenURL != "https://proxy.example/token" || o.AuthURL != "https://accounts.google.com/o/oauth2/auth" ||
					!slices.Equal(o.Scopes, []string{"a", "b"}) || o.ClientSecret != "file-secret" {
					t.Errorf("got %+v", o)
				}
			}},
		{name: "custom provider from its block", provider: "custom",
			oauth2: map[string]OAuth2Client{"custom": {ClientID: "cid", AuthURL: "https://a.example/auth", TokenURL: "https://a.example/token"}},
			check: func(t *testing.T, o OAuth2Client) {
				if o.ClientID != "cid" || o.TokenURL != "https://a.example/token" {
					t.Errorf("got %+v", o)
				}
			}},
		{name: "no client id", provider: "gmail",
			wantErr: "mailbox m: oauth2.gmail.client_id is not set: register an application with gmail and put its client id there"},
		{name: "no endpoints", provider: "qq",
			wantErr: "mailbox m: provider qq has no built-in OAuth2 endpoints: add an oauth2.qq block with client_id, auth_url and token_url"},
		{name: "client secret env unset", provider: "gmail",
			oauth2:  map[string]OAuth2Client{"gmail": {ClientID: "gid", ClientSecretEnv: "REPLYDESK_TEST_UNSET_VAR"}},
			wantErr: "mailbox m: oauth2.gmail.client_secret_env: environment variable REPLYDESK_TEST_UNSET_VAR is not set"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &Config{OAuth2: tt.oauth2}
			o, err := c.OAuth2For(&Mailbox{ID: "m", Provider: tt.provider})
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Errorf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, o)
		})
	}

	// The preset's scopes must not be shared with callers.
	c := &Config{OAuth2: map[string]OAuth2Client{"gmail": {ClientID: "gid"}}}
	o, _ := c.OAuth2For(&Mailbox{ID: "m", Provider: "gmail"})
	o.Scopes[0] = "mutated"
	if oauth2Presets["gmail"].Scopes[0] != "https://mail.google.com/" {
		t.Error("OAuth2For returned the preset's scope slice")
	}
	oc := o.OAuth2Config("http://127.0.0.1:8025/oauth/callback")
	if oc.ClientID != "gid" || oc.Endpoint.DeviceAuthURL != "https://oauth2.googleapis.com/device/code" ||
		oc.RedirectURL != "http://127.0.0.1:8025/oauth/callback" {
		t.Errorf("OAuth2Config() = %+v", oc)
	}
}
