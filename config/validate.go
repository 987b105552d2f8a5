package config

import (
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"net"
	"net/mail"
	"net/url"
	"os"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	// Embedded zone data: store timezones must validate (and work) on hosts
	// and minimal containers without /usr/share/zoneinfo.
	_ "time/tzdata"
)

// ValidationError lists every problem found in a config, one line each,
// each starting with the key path it concerns (mailboxes[2].imap.port: ...).
// Messages never contain secret values.
type ValidationError struct {
	File     string // config file name, "" when built in code
	Problems []string
}

func (e *ValidationError) Error() string {
	prefix := ""
	if e.File != "" {
		prefix = e.File + ": "
	}
	var b strings.Builder
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(prefix)
		b.WriteString(p)
	}
	return b.String()
}

// MinPollInterval keeps a misconfigured desk from hammering providers, which
// throttle or block accounts that poll too often.
const MinPollInterval = 10 * time.Second

const sinceLayout = "2006-01-02"

var idPattern = regexp.MustCompile(`^[a-z0-9_-]+$`)

// problems collects validation messages.
type problems []string

func (p *problems) add(path, format string, args ...any) {
	*p = append(*p, path+": "+fmt.Sprintf(format, args...))
}

// Validate checks the whole config and returns a *ValidationError with every
// problem found, or nil. Run ApplyDefaults first (Load does both).
//
// Secrets are checked for availability too — password_env must be set,
// password_file must exist with mode 0600 or stricter — except for disabled
// mailboxes, so a mailbox can be kept in the file before its secret is
// provisioned.
func (c *Config) Validate() error {
	var p problems

	if strings.TrimSpace(c.DataDir) == "" {
		p.add("data_dir", "required: the directory for the SQLite database and state")
	}
	checkListen(&p, "web.listen", c.Web.Listen)
	checkOneOf(&p, "log.level", c.Log.Level, "debug", "info", "warn", "error")
	checkOneOf(&p, "log.format", c.Log.Format, "auto", "text", "json")
	checkPollInterval(&p, "sync.poll_interval", c.Sync.PollInterval)
	if c.Sync.BatchSize < 1 {
		p.add("sync.batch_size", "must be at least 1, got %d", c.Sync.BatchSize)
	}
	checkMaxInitial(&p, "sync.max_initial", c.Sync.MaxInitial)
	checkSince(&p, "sync.since", c.Sync.Since)

	c.validateOAuth2(&p)

	storeIDs := map[string]int{}
	for i, s := range c.Stores {
		path := fmt.Sprintf("stores[%d]", i)
		checkID(&p, path+".id", s.ID, i, storeIDs, "stores")
		if _, err := time.LoadLocation(s.Timezone); err != nil || s.Timezone == "Local" {
			p.add(path+".timezone", "unknown time zone %q: use an IANA name such as Asia/Shanghai or UTC", s.Timezone)
		}
		for field, rules := range map[string][]string{"high": s.Rules.High, "human": s.Rules.Human} {
			for j, r := range rules {
				if err := CheckRule(r); err != nil {
					p.add(fmt.Sprintf("%s.rules.%s[%d]", path, field, j), "%v", err)
				}
			}
		}
	}
	if c.LLM.BaseURL != "" {
		if !endpointURL(c.LLM.BaseURL) {
			p.add("llm.base_url", "want an http(s) URL such as https://api.openai.com/v1 or http://127.0.0.1:11434/v1, got %q", c.LLM.BaseURL)
		}
		if c.LLM.Model == "" {
			p.add("llm.model", "required when llm.base_url is set")
		}
		if c.LLM.APIKeyEnv != "" {
			checkEnv(&p, "llm.api_key_env", c.LLM.APIKeyEnv)
		}
		if c.LLM.APIKeyFile != "" {
			checkSecretFile(&p, "llm.api_key_file", c.LLM.APIKeyFile)
		}
		if c.LLM.Timeout < 0 {
			p.add("llm.timeout", "must not be negative")
		}
	}

	mailboxIDs := map[string]int{}
	for i := range c.Mailboxes {
		c.validateMailbox(&p, i, mailboxIDs, storeIDs)
	}

	if len(p) == 0 {
		return nil
	}
	return &ValidationError{File: c.Path, Problems: p}
}

func (c *Config) validateMailbox(p *problems, i int, ids, stores map[string]int) {
	m := &c.Mailboxes[i]
	path := fmt.Sprintf("mailboxes[%d]", i)

	checkID(p, path+".id", m.ID, i, ids, "mailboxes")
	switch _, ok := stores[m.Store]; {
	case m.Store == "":
		p.add(path+".store", "required: the id of a store listed under stores:")
	case !ok:
		p.add(path+".store", "%q is not a store listed under stores:", m.Store)
	}
	checkAddress(p, path+".address", m.Address)

	preset, known := LookupPreset(m.Provider)
	if !known {
		p.add(path+".provider", "unknown provider %q (known: %s)", m.Provider, strings.Join(PresetNames(), ", "))
	}
	// With an unknown provider the servers are likely empty only because the
	// preset could not fill them; one message about the provider is enough.
	checkServer(p, path+".imap", m.IMAP, known)
	checkServer(p, path+".smtp", m.SMTP, known)

	switch m.Auth {
	case AuthPassword:
		checkPassword(p, path, m)
	case AuthOAuth2:
		c.checkOAuth2Mailbox(p, path, m, preset, known)
	default:
		p.add(path+".auth", "must be %s or %s, got %q", AuthPassword, AuthOAuth2, m.Auth)
	}
	if strings.TrimSpace(m.Username) == "" {
		p.add(path+".username", "required")
	}

	for j, f := range m.Folders {
		if strings.TrimSpace(f) == "" {
			p.add(fmt.Sprintf("%s.folders[%d]", path, j), "empty folder name")
		}
	}
	// Values equal to sync's were inherited (or repeat it): one message,
	// under sync, is enough.
	if m.PollInterval != c.Sync.PollInterval {
		checkPollInterval(p, path+".poll_interval", m.PollInterval)
	}
	if m.MaxInitial != nil && *m.MaxInitial != c.Sync.MaxInitial {
		checkMaxInitial(p, path+".max_initial", *m.MaxInitial)
	}
	if m.Since != c.Sync.Since {
		checkSince(p, path+".since", m.Since)
	}
}

// checkID validates the id of list[i]; seen maps ids to the index of
// their first use, for the duplicate message.
func checkID(p *problems, path, id string, i int, seen map[string]int, list string) {
	switch {
	case id == "":
		p.add(path, "required")
		return
	case !idPattern.MatchString(id):
		// Ids end up in URLs, file names and logs: keep them plain.
		p.add(path, "%q may only contain lower-case letters a-z, digits, _ and -", id)
	}
	if first, dup := seen[id]; dup {
		p.add(path, "%q is already used by %s[%d]", id, list, first)
		return
	}
	seen[id] = i
}

func checkAddress(p *problems, path, addr string) {
	if addr == "" {
		p.add(path, "required")
		return
	}
	a, err := mail.ParseAddress(addr)
	switch {
	case err != nil:
		p.add(path, "%q is not a valid email address", addr)
	case a.Name != "" || a.Address != addr:
		// "Support <support@x>" parses, but the display name belongs in name:.
		p.add(path, "must be a bare address like support@shop.example (put the display name in name:), got %q", addr)
	}
}

func checkServer(p *problems, path string, s Server, providerKnown bool) {
	if s.Host == "" {
		if providerKnown {
			p.add(path+".host", "required: provider custom fills nothing, set host, port and tls")
		}
	} else if strings.ContainsAny(s.Host, " /:") && net.ParseIP(s.Host) == nil {
		p.add(path+".host", "must be a host name or IP address without scheme or port, got %q", s.Host)
	}
	// A server with neither host nor port was simply left out: the host
	// message covers it.
	if (s.Port < 1 || s.Port > 65535) && (s.Port != 0 || (providerKnown && s.Host != "")) {
		p.add(path+".port", "must be 1-65535, got %d", s.Port)
	}
	switch s.TLS {
	case TLSNone, TLSStartTLS, TLSImplicit:
	case "":
		if providerKnown && s.Host != "" {
			p.add(path+".tls", "required for port %d: one of none, starttls, tls", s.Port)
		}
	default:
		hint := ""
		if strings.EqualFold(s.TLS, "ssl") {
			hint = " (implicit TLS, which some clients call SSL, is tls)"
		}
		p.add(path+".tls", "must be one of none, starttls, tls; got %q%s", s.TLS, hint)
	}
	if s.CAFile != "" {
		pem, err := readSmallFile(s.CAFile, maxCAFile)
		switch {
		case err != nil:
			p.add(path+".ca_file", "cannot use %s: %s", s.CAFile, errText(err))
		case !x509.NewCertPool().AppendCertsFromPEM(pem):
			p.add(path+".ca_file", "%s contains no PEM certificate", s.CAFile)
		}
	}
}

func checkPassword(p *problems, path string, m *Mailbox) {
	var set []string
	if m.PasswordEnv != "" {
		set = append(set, "password_env")
	}
	if m.PasswordFile != "" {
		set = append(set, "password_file")
	}
	if m.Password != "" {
		set = append(set, "password")
	}
	switch len(set) {
	case 0:
		p.add(path+".password_env", "required with auth password: set password_env (an environment "+
			"variable) or password_file (a file only replydesk can read) holding the app password or "+
			"authorization code")
		return
	case 1:
	default:
		p.add(path+"."+set[1], "conflicts with %s: set exactly one of password_env, password_file, password", set[0])
		return
	}

	switch {
	case m.Password != "":
		if !m.InsecurePlainPassword {
			p.add(path+".password", "a password in clear in the config file is refused: put it in an "+
				"environment variable and set password_env, or in a file (chmod 600) and set password_file "+
				"(or set insecure_plain_password: true to accept it anyway)")
		}
	case m.Disabled:
		// Secrets of disabled mailboxes may be provisioned later.
	case m.PasswordEnv != "":
		checkEnv(p, path+".password_env", m.PasswordEnv)
	case m.PasswordFile != "":
		checkSecretFile(p, path+".password_file", m.PasswordFile)
	}
}

func (c *Config) checkOAuth2Mailbox(p *problems, path string, m *Mailbox, preset Preset, known bool) {
	for _, f := range []struct{ key, val string }{
		{"password_env", m.PasswordEnv}, {"password_file", m.PasswordFile}, {"password", m.Password},
	} {
		if f.val != "" {
			why := "auth is oauth2"
			if known && preset.Auth == AuthOAuth2 {
				why = fmt.Sprintf("auth is oauth2 (the default for %s)", m.Provider)
			}
			p.add(path+"."+f.key, "is set but %s: remove it, or set auth: password", why)
		}
	}
	if !known {
		return // already reported under provider
	}
	// An existing block is checked (client_id, endpoints) under oauth2.
	if _, ok := c.OAuth2[m.Provider]; !ok && !preset.OAuth2 {
		p.add(path+".auth", "oauth2 needs a client registration for provider %s: add oauth2.%s with "+
			"client_id, auth_url and token_url", m.Provider, m.Provider)
	}
}

func (c *Config) validateOAuth2(p *problems) {
	for _, name := range slices.Sorted(maps.Keys(c.OAuth2)) {
		o := c.OAuth2[name]
		path := "oauth2." + name
		if canon := canonicalProvider(name); canon != name {
			p.add(path, "%s is an alias of %s, which is configured too: keep only oauth2.%s", name, canon, canon)
			continue
		}
		if o.ClientID == "" {
			p.add(path+".client_id", "required: the id of the application registered with %s", name)
		}
		_, hasPreset := oauth2Presets[name]
		for _, u := range []struct{ key, val string }{
			{"auth_url", o.AuthURL}, {"token_url", o.TokenURL}, {"device_auth_url", o.DeviceAuthURL},
		} {
			switch {
			case u.val != "":
				if !endpointURL(u.val) {
					p.add(path+"."+u.key, "must be an absolute https:// URL, got %q", u.val)
				}
			case !hasPreset && u.key != "device_auth_url":
				p.add(path+"."+u.key, "required: replydesk has no built-in OAuth2 endpoints for %s", name)
			}
		}

		var set []string
		if o.ClientSecretEnv != "" {
			set = append(set, "client_secret_env")
		}
		if o.ClientSecretFile != "" {
			set = append(set, "client_secret_file")
		}
		if o.ClientSecret != "" {
			// Allowed in clear: Google and Microsoft treat the secret of an
			// installed (desktop) application as not confidential.
			set = append(set, "client_secret")
		}
		switch {
		case len(set) > 1:
			p.add(path+"."+set[1], "conflicts with %s: set at most one of client_secret_env, "+
				"client_secret_file, client_secret", set[0])
		case o.ClientSecretEnv != "":
			checkEnv(p, path+".client_secret_env", o.ClientSecretEnv)
		case o.ClientSecretFile != "":
			checkSecretFile(p, path+".client_secret_file", o.ClientSecretFile)
		}
	}
}

// checkEnv reports an unset or empty environment variable, naming it but not
// its value.
func checkEnv(p *problems, path, name string) {
	v, ok := os.LookupEnv(name)
	switch {
	case !ok:
		p.add(path, "environment variable %s is not set", name)
	case strings.TrimSpace(v) == "":
		p.add(path, "environment variable %s is empty", name)
	}
}

// checkSecretFile requires a non-empty regular file that group and others
// cannot read: a secret readable by every local user is not a secret.
func checkSecretFile(p *problems, path, file string) {
	fi, err := os.Stat(file)
	if err != nil {
		p.add(path, "cannot use %s: %s", file, errText(err))
		return
	}
	// Windows has no Unix permission bits to check.
	if perm := fi.Mode().Perm(); fi.Mode().IsRegular() && perm&0o077 != 0 && runtime.GOOS != "windows" {
		p.add(path, "%s is readable by group or others (mode %04o): run chmod 600 %s", file, perm, file)
		return
	}
	data, err := readSmallFile(file, maxSecretFile)
	if err != nil {
		p.add(path, "cannot use %s: %s", file, errText(err))
		return
	}
	if strings.TrimSpace(string(data)) == "" {
		p.add(path, "%s is empty", file)
	}
}

// Size limits for files named in the config: a secret is short, a CA bundle
// is at most a few hundred KiB. Anything bigger is the wrong file.
const (
	maxSecretFile = 64 << 10
	maxCAFile     = 8 << 20
)

var errNotRegular = errors.New("not a regular file")

// readSmallFile reads a regular file of at most limit bytes. Devices and
// FIFOs are refused so that a mistyped path (/dev/zero, a pipe) cannot hang
// or exhaust memory.
func readSmallFile(name string, limit int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, errNotRegular
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("larger than %d bytes", limit)
	}
	return data, nil
}

// errText describes a file error without repeating the path.
func errText(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied (replydesk must be able to read it)"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

func checkListen(p *problems, path, addr string) {
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		p.add(path, "must be host:port, like 127.0.0.1:8025 or :8025, got %q", addr)
		return
	}
	if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
		p.add(path, "port must be 1-65535, got %q", port)
	}
}

func checkOneOf(p *problems, path, v string, allowed ...string) {
	if !slices.Contains(allowed, v) {
		p.add(path, "must be one of %s; got %q", strings.Join(allowed, ", "), v)
	}
}

func checkPollInterval(p *problems, path string, d time.Duration) {
	if d != 0 && d < MinPollInterval {
		p.add(path, "must be at least %s, got %s", MinPollInterval, d)
	}
}

func checkMaxInitial(p *problems, path string, n int) {
	if n < 0 {
		p.add(path, "must be 0 (all messages) or more, got %d", n)
	}
}

func checkSince(p *problems, path, s string) {
	if s == "" {
		return
	}
	if _, err := time.Parse(sinceLayout, s); err != nil {
		p.add(path, "must be a date written YYYY-MM-DD, got %q", s)
	}
}

// endpointURL accepts https URLs, and http ones on loopback for local test
// servers: tokens and secrets must not cross a network in clear.
func endpointURL(s string) bool {
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return false
	}
	switch u.Scheme {
	case "https":
		return true
	case "http":
		if u.Hostname() == "localhost" {
			return true
		}
		ip := net.ParseIP(u.Hostname())
		return ip != nil && ip.IsLoopback()
	}
	return false
}
