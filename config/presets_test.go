package config

import (
	"slices"
	"strings"
	"testing"
)

func TestLookupPreset(t *testing.T) {
	tests := []struct {
		name     string
		wantName string
		imap     Server
		smtp     Server
		auth     string
	}{
		{"gmail", "gmail", Server{Host: "imap.gmail.com", Port: 993, TLS: "tls"}, Server{Host: "smtp.gmail.com", Port: 465, TLS: "tls"}, AuthPassword},
		{"outlook", "outlook", Server{Host: "outlook.office365.com", Port: 993, TLS: "tls"}, Server{Host: "smtp.office365.com", Port: 587, TLS: "starttls"}, AuthOAuth2},
		{"Hotmail", "outlook", Server{Host: "outlook.office365.com", Port: 993, TLS: "tls"}, Server{Host: "smtp.office365.com", Port: 587, TLS: "starttls"}, AuthOAuth2},
		{"live", "outlook", Server{Host: "outlook.office365.com", Port: 993, TLS: "tls"}, Server{Host: "smtp.office365.com", Port: 587, TLS: "starttls"}, AuthOAuth2},
		{"office365", "outlook", Server{Host: "outlook.office365.com", Port: 993, TLS: "tls"}, Server{Host: "smtp.office365.com", Port: 587, TLS: "starttls"}, AuthOAuth2},
		{"qq", "qq", Server{Host: "imap.qq.com", Port: 993, TLS: "tls"}, Server{Host: "smtp.qq.com", Port: 465, TLS: "tls"}, AuthPassword},
		{"exmail", "exmail", Server{Host: "imap.exmail.qq.com", Port: 993, TLS: "tls"}, Server{Host: "smtp.exmail.qq.com", Port: 465, TLS: "tls"}, AuthPassword},
		{"163", "163", Server{Host: "imap.163.com", Port: 993, TLS: "tls"}, Server{Host: "smtp.163.com", Port: 465, TLS: "tls"}, AuthPassword},
		{"126", "126", Server{Host: "imap.126.com", Port: 993, TLS: "tls"}, Server{Host: "smtp.126.com", Port: 465, TLS: "tls"}, AuthPassword},
		{"yeah", "yeah", Server{Host: "imap.yeah.net", Port: 993, TLS: "tls"}, Server{Host: "smtp.yeah.net", Port: 465, TLS: "tls"}, AuthPassword},
		{"aliyun", "aliyun", Server{Host: "imap.qiye.aliyun.com", Port: 993, TLS: "tls"}, Server{Host: "smtp.qiye.aliyun.com", Port: 465, TLS: "tls"}, AuthPassword},
		{"feishu", "feishu", Server{Host: "imap.feishu.cn", Port: 993, TLS: "tls"}, Server{Host: "smtp.feishu.cn", Port: 465, TLS: "tls"}, AuthPassword},
		{"zoho", "zoho", Server{Host: "imap.zoho.com", Port: 993, TLS: "tls"}, Server{Host: "smtp.zoho.com", Port: 465, TLS: "tls"}, AuthPassword},
		{"yahoo", "yahoo", Server{Host: "imap.mail.yahoo.com", Port: 993, TLS: "tls"}, Server{Host: "smtp.mail.yahoo.com", Port: 465, TLS: "tls"}, AuthPassword},
		{"35", "35", Server{Host: "imap.35.cn", Port: 993, TLS: "tls"}, Server{Host: "smtp.35.cn", Port: 465, TLS: "tls"}, AuthPassword},
		{"icloud", "icloud", Server{Host: "imap.mail.me.com", Port: 993, TLS: "tls"}, Server{Host: "smtp.mail.me.com", Port: 587, TLS: "starttls"}, AuthPassword},
		{"custom", "custom", Server{}, Server{}, AuthPassword},
		{"", "custom", Server{}, Server{}, AuthPassword},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, ok := LookupPreset(tt.name)
			if !ok {
				t.Fatal("not found")
			}
			if p.Name != tt.wantName || p.IMAP != tt.imap || p.SMTP != tt.smtp || p.Auth != tt.auth {
				t.Errorf("got %+v", p)
			}
		})
	}
	if _, ok := LookupPreset("gmial"); ok {
		t.Error("unknown provider found")
	}
}

func TestPresetsAreDocumented(t *testing.T) {
	for _, name := range PresetNames() {
		p, _ := LookupPreset(name)
		if p.Hint == "" {
			t.Errorf("%s: no hint", name)
		}
		if name == ProviderCustom {
			continue
		}
		if !strings.HasPrefix(p.Source, "https://") {
			t.Errorf("%s: source %q", name, p.Source)
		}
		if p.OAuth2 != (oauth2Presets[name].TokenURL != "") {
			t.Errorf("%s: OAuth2 flag does not match the OAuth2 endpoints", name)
		}
	}
	want := []string{"126", "163", "35", "aliyun", "custom", "exmail", "feishu", "gmail", "icloud", "outlook", "qq", "yahoo", "yeah", "zoho"}
	if got := PresetNames(); !slices.Equal(got, want) {
		t.Errorf("PresetNames() = %q", got)
	}
}

// Preset values fill a mailbox field by field; anything the mailbox sets wins.
func TestPresetFillAndOverride(t *testing.T) {
	t.Setenv("PW", "x")
	tests := []struct {
		name       string
		mailbox    string
		imap, smtp Server
		auth       string
	}{
		{"preset only", "provider: qq, password_env: PW",
			Server{Host: "imap.qq.com", Port: 993, TLS: "tls"}, Server{Host: "smtp.qq.com", Port: 465, TLS: "tls"}, AuthPassword},
		{"port and tls keep the preset host", "provider: qq, password_env: PW, imap: {port: 143, tls: starttls}",
			Server{Host: "imap.qq.com", Port: 143, TLS: "starttls"}, Server{Host: "smtp.qq.com", Port: 465, TLS: "tls"}, AuthPassword},
		{"host keeps the preset port and tls", "provider: exmail, password_env: PW, imap: {host: hwimap.exmail.qq.com}, smtp: {host: hwsmtp.exmail.qq.com}",
			Server{Host: "hwimap.exmail.qq.com", Port: 993, TLS: "tls"}, Server{Host: "hwsmtp.exmail.qq.com", Port: 465, TLS: "tls"}, AuthPassword},
		{"smtp alone", "provider: gmail, password_env: PW, smtp: {port: 587, tls: starttls}",
			Server{Host: "imap.gmail.com", Port: 993, TLS: "tls"}, Server{Host: "smtp.gmail.com", Port: 587, TLS: "starttls"}, AuthPassword},
		{"other server fields are kept", "provider: zoho, password_env: PW, imap: {host: imappro.zoho.eu, insecure_skip_verify: true}",
			Server{Host: "imappro.zoho.eu", Port: 993, TLS: "tls", InsecureSkipVerify: true}, Server{Host: "smtp.zoho.com", Port: 465, TLS: "tls"}, AuthPassword},
		{"auth from the preset", "provider: hotmail",
			Server{Host: "outlook.office365.com", Port: 993, TLS: "tls"}, Server{Host: "smtp.office365.com", Port: 587, TLS: "starttls"}, AuthOAuth2},
		{"auth overridden", "provider: outlook, auth: password, password_env: PW",
			Server{Host: "outlook.office365.com", Port: 993, TLS: "tls"}, Server{Host: "smtp.office365.com", Port: 587, TLS: "starttls"}, AuthPassword},
		{"custom infers tls from the port", "provider: custom, password_env: PW, imap: {host: m.example, port: 143}, smtp: {host: m.example, port: 465}",
			Server{Host: "m.example", Port: 143, TLS: "starttls"}, Server{Host: "m.example", Port: 465, TLS: "tls"}, AuthPassword},
		{"custom infers the port from tls", "provider: custom, password_env: PW, imap: {host: m.example, tls: tls}, smtp: {host: m.example, tls: starttls}",
			Server{Host: "m.example", Port: 993, TLS: "tls"}, Server{Host: "m.example", Port: 587, TLS: "starttls"}, AuthPassword},
		{"custom host alone means implicit TLS", "password_env: PW, imap: {host: m.example}, smtp: {host: m.example}",
			Server{Host: "m.example", Port: 993, TLS: "tls"}, Server{Host: "m.example", Port: 465, TLS: "tls"}, AuthPassword},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "data_dir: /d\nstores: [{id: s}]\nmailboxes:\n  - {id: m, store: s, address: m@s.example, " + tt.mailbox + "}\n"
			c, err := LoadBytes([]byte(src), "t.yaml")
			if err != nil {
				t.Fatal(err)
			}
			m := c.Mailboxes[0]
			if m.IMAP != tt.imap {
				t.Errorf("imap = %+v, want %+v", m.IMAP, tt.imap)
			}
			if m.SMTP != tt.smtp {
				t.Errorf("smtp = %+v, want %+v", m.SMTP, tt.smtp)
			}
			if m.Auth != tt.auth {
				t.Errorf("auth = %q, want %q", m.Auth, tt.auth)
			}
		})
	}
}

func TestProviderIsCanonicalised(t *testing.T) {
	c := validConfig(t)
	c.Mailboxes[0].Provider = " Office365 "
	c.Mailboxes[0].Auth = AuthPassword
	c.ApplyDefaults()
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	if got := c.Mailboxes[0].Provider; got != ProviderOutlook {
		t.Errorf("provider = %q, want outlook", got)
	}
}

func TestApplyDefaultsIsIdempotent(t *testing.T) {
	c := validConfig(t)
	c.OAuth2 = map[string]OAuth2Client{"live": {ClientID: "id"}}
	c.ApplyDefaults()
	first := c.Redacted()
	c.ApplyDefaults()
	second := c.Redacted()
	if a, b := first.Mailboxes[0], second.Mailboxes[0]; a.IMAP != b.IMAP || a.Auth != b.Auth || *a.MaxInitial != *b.MaxInitial {
		t.Errorf("second ApplyDefaults changed the mailbox: %+v → %+v", a, b)
	}
	if _, ok := c.OAuth2["outlook"]; !ok || len(c.OAuth2) != 1 {
		t.Errorf("oauth2.live not renamed to outlook: %v", c.OAuth2)
	}
}
