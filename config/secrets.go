package config

import (
	"fmt"
	"os"
	"slices"
	"strings"

	"golang.org/x/oauth2"
)

// RedactedValue replaces secrets in Redacted copies. It is non-empty so a
// display still shows that a secret is configured inline.
const RedactedValue = "[redacted]"

// Secret returns the mailbox password (app password, authorization code)
// from password_env, password_file or password, in that order. Errors name
// the mailbox and the variable or file, never the value.
//
// A password file's trailing newline is dropped: `echo secret > file` adds
// one, and no provider's password ends in a line break.
func (m *Mailbox) Secret() (string, error) {
	switch {
	case m.PasswordEnv != "":
		return secretFromEnv("mailbox "+m.ID, m.PasswordEnv)
	case m.PasswordFile != "":
		return secretFromFile("mailbox "+m.ID, m.PasswordFile)
	case m.Password != "":
		return m.Password, nil
	}
	return "", fmt.Errorf("mailbox %s: no password configured (set password_env or password_file)", m.ID)
}

func secretFromEnv(owner, name string) (string, error) {
	v, ok := os.LookupEnv(name)
	if !ok {
		return "", fmt.Errorf("%s: environment variable %s is not set", owner, name)
	}
	v = strings.TrimRight(v, "\r\n")
	if strings.TrimSpace(v) == "" {
		return "", fmt.Errorf("%s: environment variable %s is empty", owner, name)
	}
	return v, nil
}

func secretFromFile(owner, file string) (string, error) {
	data, err := readSmallFile(file, maxSecretFile)
	if err != nil {
		// Names the file and the reason, never the content.
		return "", fmt.Errorf("%s: %s: %s", owner, file, errText(err))
	}
	v := strings.TrimRight(string(data), "\r\n")
	if strings.TrimSpace(v) == "" {
		return "", fmt.Errorf("%s: %s is empty", owner, file)
	}
	return v, nil
}

// Redacted returns a copy of the mailbox safe to display or log: the inline
// password is replaced by RedactedValue. password_env and password_file stay,
// since they name where the secret is, not what it is. The copy shares no
// memory with m.
func (m *Mailbox) Redacted() Mailbox {
	r := *m
	if r.Password != "" {
		r.Password = RedactedValue
	}
	r.Folders = slices.Clone(m.Folders)
	if m.IDLE != nil {
		r.IDLE = ptr(*m.IDLE)
	}
	if m.MaxInitial != nil {
		r.MaxInitial = ptr(*m.MaxInitial)
	}
	return r
}

// Redacted returns a copy of the client with an inline secret replaced by
// RedactedValue.
func (o OAuth2Client) Redacted() OAuth2Client {
	if o.ClientSecret != "" {
		o.ClientSecret = RedactedValue
	}
	o.Scopes = slices.Clone(o.Scopes)
	return o
}

// Redacted returns a deep copy of the config with every secret replaced by
// RedactedValue, for `config show` style output.
func (c *Config) Redacted() Config {
	r := *c
	if c.Sync.IDLE != nil {
		r.Sync.IDLE = ptr(*c.Sync.IDLE)
	}
	r.Stores = slices.Clone(c.Stores)
	r.Mailboxes = make([]Mailbox, len(c.Mailboxes))
	for i := range c.Mailboxes {
		r.Mailboxes[i] = c.Mailboxes[i].Redacted()
	}
	if c.OAuth2 != nil {
		r.OAuth2 = make(map[string]OAuth2Client, len(c.OAuth2))
		for name, o := range c.OAuth2 {
			r.OAuth2[name] = o.Redacted()
		}
	}
	return r
}

// OAuth2For returns the OAuth2 client to use for mailbox m: the
// oauth2.<provider> block laid field by field over the provider's built-in
// endpoints, with {tenant} filled in (Microsoft) and the client secret read
// from client_secret_env or client_secret_file into ClientSecret.
//
// The result is complete enough to start a flow: it has a client id and
// token endpoint, or OAuth2For returns an error saying what to add.
func (c *Config) OAuth2For(m *Mailbox) (OAuth2Client, error) {
	provider := canonicalProvider(m.Provider)
	base, hasPreset := oauth2Presets[provider]
	block, hasBlock := c.OAuth2[provider]
	owner := "oauth2." + provider
	if !hasPreset && !hasBlock {
		return OAuth2Client{}, fmt.Errorf("mailbox %s: provider %s has no built-in OAuth2 endpoints: "+
			"add an %s block with client_id, auth_url and token_url", m.ID, provider, owner)
	}

	o := base
	o.Scopes = slices.Clone(base.Scopes)
	for _, f := range []struct {
		dst *string
		src string
	}{
		{&o.ClientID, block.ClientID},
		{&o.ClientSecret, block.ClientSecret},
		{&o.ClientSecretEnv, block.ClientSecretEnv},
		{&o.ClientSecretFile, block.ClientSecretFile},
		{&o.AuthURL, block.AuthURL},
		{&o.TokenURL, block.TokenURL},
		{&o.DeviceAuthURL, block.DeviceAuthURL},
		{&o.Tenant, block.Tenant},
	} {
		if f.src != "" {
			*f.dst = f.src
		}
	}
	if len(block.Scopes) > 0 {
		o.Scopes = slices.Clone(block.Scopes)
	}
	if o.Tenant != "" {
		for _, u := range []*string{&o.AuthURL, &o.TokenURL, &o.DeviceAuthURL} {
			*u = strings.ReplaceAll(*u, tenantPlaceholder, o.Tenant)
		}
	}

	if o.ClientID == "" {
		return OAuth2Client{}, fmt.Errorf("mailbox %s: %s.client_id is not set: register an application "+
			"with %s and put its client id there", m.ID, owner, provider)
	}
	if o.TokenURL == "" {
		return OAuth2Client{}, fmt.Errorf("mailbox %s: %s.token_url is not set", m.ID, owner)
	}

	var err error
	switch {
	case o.ClientSecretEnv != "":
		o.ClientSecret, err = secretFromEnv(owner+".client_secret_env", o.ClientSecretEnv)
	case o.ClientSecretFile != "":
		o.ClientSecret, err = secretFromFile(owner+".client_secret_file", o.ClientSecretFile)
	}
	if err != nil {
		return OAuth2Client{}, fmt.Errorf("mailbox %s: %w", m.ID, err)
	}
	return o, nil
}

// OAuth2Config converts a client returned by OAuth2For into an
// *oauth2.Config for golang.org/x/oauth2 (browser or device flow).
func (o OAuth2Client) OAuth2Config(redirectURL string) *oauth2.Config {
	return &oauth2.Config{
		ClientID:     o.ClientID,
		ClientSecret: o.ClientSecret,
		Endpoint: oauth2.Endpoint{
			AuthURL:       o.AuthURL,
			TokenURL:      o.TokenURL,
			DeviceAuthURL: o.DeviceAuthURL,
		},
		RedirectURL: redirectURL,
		Scopes:      slices.Clone(o.Scopes),
	}
}

// LLMKey returns the LLM endpoint's API key ("" when none is configured:
// local servers need none).
func (c *Config) LLMKey() (string, error) {
	switch {
	case c.LLM.APIKeyEnv != "":
		return secretFromEnv("llm", c.LLM.APIKeyEnv)
	case c.LLM.APIKeyFile != "":
		return secretFromFile("llm", c.LLM.APIKeyFile)
	}
	return "", nil
}
