package config

import "time"

// Defaults for keys the file may leave out.
const (
	DefaultListen       = "127.0.0.1:8025"
	DefaultPollInterval = 2 * time.Minute
	DefaultBatchSize    = 200
	DefaultTimezone     = "UTC"
	DefaultLogLevel     = "info"
	DefaultLogFormat    = "auto"
	DefaultFolder       = "INBOX"
)

// ApplyDefaults fills what the file left out: provider presets (field by
// field, so explicit imap/smtp values win), then the sync defaults each
// mailbox inherits, then plain defaults. It is idempotent, and Load calls it
// before Validate; call it yourself on a Config built in code.
//
// Provider names are normalised to their canonical preset name (hotmail →
// outlook), so the rest of the program can compare against one spelling.
// Unknown providers are left as written for Validate to report.
func (c *Config) ApplyDefaults() {
	if c.Web.Listen == "" {
		c.Web.Listen = DefaultListen
	}
	if c.Log.Level == "" {
		c.Log.Level = DefaultLogLevel
	}
	if c.Log.Format == "" {
		c.Log.Format = DefaultLogFormat
	}
	if c.Sync.PollInterval == 0 {
		c.Sync.PollInterval = DefaultPollInterval
	}
	if c.Sync.IDLE == nil {
		c.Sync.IDLE = ptr(true)
	}
	if c.Sync.BatchSize == 0 {
		c.Sync.BatchSize = DefaultBatchSize
	}

	for i := range c.Stores {
		if c.Stores[i].Timezone == "" {
			c.Stores[i].Timezone = DefaultTimezone
		}
	}

	// OAuth2 blocks are keyed by canonical provider name too, so
	// oauth2.hotmail configures outlook. A clash with an existing canonical
	// entry is left in place for Validate to report.
	for name, o := range c.OAuth2 {
		if canon := canonicalProvider(name); canon != name {
			if _, clash := c.OAuth2[canon]; !clash {
				delete(c.OAuth2, name)
				c.OAuth2[canon] = o
			}
		}
	}

	for i := range c.Mailboxes {
		c.Mailboxes[i].applyDefaults(&c.Sync)
	}
}

func (m *Mailbox) applyDefaults(s *Sync) {
	m.Provider = canonicalProvider(m.Provider)
	p, known := LookupPreset(m.Provider)
	if known {
		m.IMAP = mergeServer(m.IMAP, p.IMAP)
		m.SMTP = mergeServer(m.SMTP, p.SMTP)
	}
	m.IMAP = inferServer(m.IMAP, 993, 143)
	m.SMTP = inferServer(m.SMTP, 465, 587)

	if m.Auth == "" {
		m.Auth = AuthPassword
		if known && p.Auth != "" {
			m.Auth = p.Auth
		}
	}
	if m.Username == "" {
		m.Username = m.Address
	}
	if len(m.Folders) == 0 {
		m.Folders = []string{DefaultFolder}
	}
	if m.PollInterval == 0 {
		m.PollInterval = s.PollInterval
	}
	if m.IDLE == nil && s.IDLE != nil {
		m.IDLE = ptr(*s.IDLE)
	}
	if m.MaxInitial == nil {
		m.MaxInitial = ptr(s.MaxInitial)
	}
	if m.Since == "" {
		m.Since = s.Since
	}
}

// inferServer completes a server given with only one of port and tls, from
// the standard ports (RFC 8314: implicit TLS on 993/465, STARTTLS on
// 143/587), and picks implicit TLS when neither is given. It never infers
// tls: none: plaintext must be asked for.
func inferServer(s Server, tlsPort, startTLSPort int) Server {
	switch {
	case s.Host == "":
		// Nothing to complete; Validate reports the missing host.
	case s.Port == 0 && s.TLS == "":
		s.Port, s.TLS = tlsPort, TLSImplicit
	case s.TLS == "":
		switch s.Port {
		case tlsPort:
			s.TLS = TLSImplicit
		case startTLSPort:
			s.TLS = TLSStartTLS
		}
	case s.Port == 0:
		switch s.TLS {
		case TLSImplicit:
			s.Port = tlsPort
		case TLSStartTLS:
			s.Port = startTLSPort
		}
	}
	return s
}

func ptr[T any](v T) *T { return &v }
