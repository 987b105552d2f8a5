// Package config loads, validates and describes replydesk's configuration.
//
// viper lives here alone: Load reads the YAML file (and REPLYDESK_* environment
// overrides), decodes it into the typed Config, applies provider presets and
// defaults, and validates the whole thing once, returning every problem with
// the key path it concerns. The rest of the program only ever sees *Config.
package config

import "time"

// Config is the whole configuration of one replydesk instance.
type Config struct {
	// DataDir holds the SQLite database and state (OAuth2 tokens, locks). Required.
	DataDir string `mapstructure:"data_dir"`
	Log     Log    `mapstructure:"log"`
	Web     Web    `mapstructure:"web"`
	Sync    Sync   `mapstructure:"sync"`
	// LLM is the optional OpenAI-compatible endpoint for classification.
	LLM LLM `mapstructure:"llm"`
	// OAuth2 client registrations by provider name ("gmail", "outlook").
	OAuth2    map[string]OAuth2Client `mapstructure:"oauth2"`
	Stores    []Store                 `mapstructure:"stores"`
	Mailboxes []Mailbox               `mapstructure:"mailboxes"`

	// Path is the file the config was read from ("" when built in code).
	Path string `mapstructure:"-"`
}

// Log configures log/slog output.
type Log struct {
	Level  string `mapstructure:"level"`  // debug | info | warn | error (default info)
	Format string `mapstructure:"format"` // auto | text | json (default auto: json when not a terminal)
}

// Web configures the review desk's HTTP listener.
type Web struct {
	Listen string `mapstructure:"listen"` // default 127.0.0.1:8025
}

// Sync holds the defaults every mailbox inherits unless it overrides them.
type Sync struct {
	PollInterval time.Duration `mapstructure:"poll_interval"` // default 2m
	IDLE         *bool         `mapstructure:"idle"`          // default true
	BatchSize    int           `mapstructure:"batch_size"`    // messages per UID FETCH, default 200
	MaxInitial   int           `mapstructure:"max_initial"`   // newest N on first sync, 0 = all
	Since        string        `mapstructure:"since"`         // YYYY-MM-DD: first sync skips older mail
}

// OAuth2Client is an application registration at an OAuth2 provider.
type OAuth2Client struct {
	ClientID         string   `mapstructure:"client_id"`
	ClientSecret     string   `mapstructure:"client_secret"`
	ClientSecretEnv  string   `mapstructure:"client_secret_env"`
	ClientSecretFile string   `mapstructure:"client_secret_file"`
	AuthURL          string   `mapstructure:"auth_url"`
	TokenURL         string   `mapstructure:"token_url"`
	DeviceAuthURL    string   `mapstructure:"device_auth_url"`
	Scopes           []string `mapstructure:"scopes"`
	Tenant           string   `mapstructure:"tenant"` // outlook: common | consumers | organizations | <tenant id>
}

// Store is a shop: the unit that owns mailboxes, knowledge base and rules.
type Store struct {
	ID       string `mapstructure:"id"`
	Name     string `mapstructure:"name"`
	Timezone string `mapstructure:"timezone"` // IANA name, default UTC
	// Rules are the shop's own priority rules, applied after the classifier.
	Rules StoreRules `mapstructure:"rules"`
}

// StoreRules raise priority or hand a message to a person when its text
// matches. Each entry is a keyword (case-insensitive substring, any
// script) or a regular expression written as /.../.
type StoreRules struct {
	High  []string `mapstructure:"high"`  // matches make the priority high
	Human []string `mapstructure:"human"` // matches make the priority high and forbid automatic replies
}

// LLM is an OpenAI-compatible chat-completions endpoint (OpenAI, DeepSeek,
// Qwen, Ollama, llama.cpp). Empty base_url: offline classifier only.
type LLM struct {
	BaseURL    string        `mapstructure:"base_url"`
	Model      string        `mapstructure:"model"`
	APIKeyEnv  string        `mapstructure:"api_key_env"`
	APIKeyFile string        `mapstructure:"api_key_file"`
	Timeout    time.Duration `mapstructure:"timeout"` // default 20s
}

// Mailbox is one bound mail account.
type Mailbox struct {
	ID       string `mapstructure:"id"`
	Store    string `mapstructure:"store"`
	Address  string `mapstructure:"address"`
	Name     string `mapstructure:"name"`     // display name for outgoing mail
	Provider string `mapstructure:"provider"` // preset name, default custom
	IMAP     Server `mapstructure:"imap"`
	SMTP     Server `mapstructure:"smtp"`

	// Auth: password (app password / authorization code) or oauth2.
	Auth         string `mapstructure:"auth"` // password | oauth2 (default from the preset, else password)
	Username     string `mapstructure:"username"`
	Password     string `mapstructure:"password"` // in clear: refused unless InsecurePlainPassword is true
	PasswordEnv  string `mapstructure:"password_env"`
	PasswordFile string `mapstructure:"password_file"`
	// InsecurePlainPassword must be true to accept Password in clear in the YAML.
	InsecurePlainPassword bool `mapstructure:"insecure_plain_password"`

	Folders      []string      `mapstructure:"folders"`       // default [INBOX]
	SentFolder   string        `mapstructure:"sent_folder"`   // default: found by SPECIAL-USE
	PollInterval time.Duration `mapstructure:"poll_interval"` // default sync.poll_interval
	IDLE         *bool         `mapstructure:"idle"`          // default sync.idle
	MaxInitial   *int          `mapstructure:"max_initial"`   // default sync.max_initial
	Since        string        `mapstructure:"since"`         // default sync.since
	Disabled     bool          `mapstructure:"disabled"`
}

// Server is one IMAP or SMTP endpoint.
type Server struct {
	Host string `mapstructure:"host"`
	Port int    `mapstructure:"port"`
	TLS  string `mapstructure:"tls"` // none | starttls | tls
	// InsecureSkipVerify disables certificate checks (self-signed test servers only).
	InsecureSkipVerify bool `mapstructure:"insecure_skip_verify"`
	// CAFile adds a PEM CA bundle to trust (e.g. a self-signed server's certificate).
	CAFile string `mapstructure:"ca_file"`
}

// TLS modes.
const (
	TLSNone     = "none"
	TLSStartTLS = "starttls"
	TLSImplicit = "tls"
)

// Auth methods.
const (
	AuthPassword = "password"
	AuthOAuth2   = "oauth2"
)

// DBPath is where the SQLite database lives.
func (c *Config) DBPath() string { return c.DataDir + "/replydesk.db" }

// Mailbox returns the mailbox with the given id, or nil.
func (c *Config) Mailbox(id string) *Mailbox {
	for i := range c.Mailboxes {
		if c.Mailboxes[i].ID == id {
			return &c.Mailboxes[i]
		}
	}
	return nil
}

// Store returns the store with the given id, or nil.
func (c *Config) Store(id string) *Store {
	for i := range c.Stores {
		if c.Stores[i].ID == id {
			return &c.Stores[i]
		}
	}
	return nil
}

// IDLEEnabled reports whether the mailbox should use IMAP IDLE when offered.
func (m *Mailbox) IDLEEnabled() bool { return m.IDLE == nil || *m.IDLE }
