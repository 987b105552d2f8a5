package config

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"

	"github.com/go-viper/mapstructure/v2"
	"github.com/spf13/viper"
)

// EnvPrefix prefixes the environment variables that override config keys:
// REPLYDESK_DATA_DIR, REPLYDESK_WEB_LISTEN, REPLYDESK_SYNC_POLL_INTERVAL, ...
const EnvPrefix = "REPLYDESK"

// searchPaths are the files FindPath tries, in order. A variable so tests
// can point it elsewhere.
var searchPaths = []string{"./config.yaml", "/etc/replydesk/config.yaml"}

// FindPath returns the config file to load: explicit if set (even if it
// does not exist, so Load reports that), else the first of ./config.yaml and
// /etc/replydesk/config.yaml that exists.
func FindPath(explicit string) (string, error) {
	if explicit != "" {
		return explicit, nil
	}
	for _, p := range searchPaths {
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("no config file found (tried %s): pass the path explicitly, "+
		"or start from config.example.yaml", strings.Join(searchPaths, ", "))
}

// Load reads the YAML file at path, applies REPLYDESK_* environment
// overrides, provider presets and defaults, and validates the result.
//
// Problems with the content come back as a *ValidationError listing every
// one of them; a file that cannot be read or is not YAML gives a plain error.
// Relative password_file, client_secret_file and ca_file paths are taken
// relative to the directory of path, not the working directory, because a
// daemon's working directory is rarely where its config lives.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	return load(data, path, filepath.Dir(path))
}

// LoadBytes is Load for YAML already in memory. name is used in messages
// (and as Config.Path); relative file paths are left relative to the
// working directory.
func LoadBytes(data []byte, name string) (*Config, error) {
	return load(data, name, "")
}

func load(data []byte, name, baseDir string) (*Config, error) {
	v := viper.New()
	v.SetConfigType("yaml")
	v.SetEnvPrefix(EnvPrefix)
	v.SetEnvKeyReplacer(strings.NewReplacer(".", "_"))
	// AutomaticEnv only consults the environment for keys viper already
	// knows, i.e. keys present in the file. Binding every scalar key makes
	// REPLYDESK_WEB_LISTEN work when the file has no web: section at all.
	v.AutomaticEnv()
	for _, key := range envKeys {
		if err := v.BindEnv(key); err != nil {
			return nil, fmt.Errorf("bind %s: %w", key, err)
		}
	}
	if err := v.ReadConfig(bytes.NewReader(data)); err != nil {
		var pe viper.ConfigParseError
		if errors.As(err, &pe) {
			err = pe.Unwrap()
		}
		return nil, fmt.Errorf("%s: invalid YAML: %w", name, err)
	}

	// mapstructure keeps decoding past a bad value, so the config is still
	// worth validating: the seller gets type errors and rule violations in
	// one pass, instead of fixing the file one round at a time.
	cfg := &Config{}
	problems := unquotedSecrets(v.AllSettings())
	if err := v.Unmarshal(cfg, strictDecoding); err != nil {
		problems = append(problems, decodeProblems(err)...)
	}
	cfg.Path = name
	if baseDir != "" {
		cfg.resolvePaths(baseDir)
	}
	cfg.ApplyDefaults()
	if err := cfg.Validate(); err != nil {
		var ve *ValidationError
		if !errors.As(err, &ve) {
			return nil, err
		}
		problems = append(problems, notUnder(ve.Problems, problems)...)
	}
	if len(problems) > 0 {
		return nil, &ValidationError{File: name, Problems: annotateEnv(problems)}
	}
	return cfg, nil
}

// unquotedSecrets reports inline secrets YAML read as numbers. String
// fields accept numbers (`name: 2024`), but for a secret the conversion can
// silently change it: YAML reads 0123 as octal (83) and 1e3 as 1000.
func unquotedSecrets(raw map[string]any) []string {
	var out []string
	check := func(path string, v any) {
		switch v.(type) {
		case nil, string:
		case []any, map[string]any:
			// A type error, reported by the decoder.
		default:
			out = append(out, path+": must be quoted text (YAML reads some unquoted numbers "+
				"as something else: a leading 0 means octal, 1e3 means 1000)")
		}
	}
	if list, ok := raw["mailboxes"].([]any); ok {
		for i, item := range list {
			if m, ok := item.(map[string]any); ok {
				check(fmt.Sprintf("mailboxes[%d].password", i), m["password"])
			}
		}
	}
	if blocks, ok := raw["oauth2"].(map[string]any); ok {
		for _, name := range slices.Sorted(maps.Keys(blocks)) {
			if m, ok := blocks[name].(map[string]any); ok {
				check("oauth2."+name+".client_secret", m["client_secret"])
			}
		}
	}
	return out
}

// notUnder drops the problems about keys that already have a decoding
// problem: after `port: abc`, "port: must be 1-65535, got 0" is noise.
func notUnder(problems, decoded []string) []string {
	var out []string
	for _, p := range problems {
		key, _, _ := strings.Cut(p, ": ")
		covered := false
		for _, d := range decoded {
			dk, _, _ := strings.Cut(d, ": ")
			if key == dk || strings.HasPrefix(key, dk+".") || strings.HasPrefix(key, dk+"[") {
				covered = true
				break
			}
		}
		if !covered {
			out = append(out, p)
		}
	}
	return out
}

// strictDecoding turns viper's forgiving defaults into errors: unknown keys
// (ErrorUnused) and values of the wrong type (no weak typing) are refused,
// because a silently ignored `imapp:` or `port: "99o"` costs hours later.
func strictDecoding(dc *mapstructure.DecoderConfig) {
	dc.ErrorUnused = true
	dc.WeaklyTypedInput = false
	dc.DecodeHook = mapstructure.ComposeDecodeHookFunc(
		typeCheckHook,
		mapstructure.StringToTimeDurationHookFunc(),
	)
}

// scalarKeys lists the dotted keys of every non-list, non-map field of
// Config (data_dir, web.listen, sync.poll_interval, ...): the keys an
// environment variable can sensibly override.
func scalarKeys() []string {
	var keys []string
	var walk func(t reflect.Type, prefix string)
	walk = func(t reflect.Type, prefix string) {
		for i := range t.NumField() {
			f := t.Field(i)
			tag := strings.Split(f.Tag.Get("mapstructure"), ",")[0]
			if tag == "" || tag == "-" {
				continue
			}
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			switch ft.Kind() {
			case reflect.Struct:
				walk(ft, prefix+tag+".")
			case reflect.Slice, reflect.Map:
				// Lists and maps (stores, mailboxes, oauth2) have no single
				// environment variable; they live in the file.
			default:
				keys = append(keys, prefix+tag)
			}
		}
	}
	walk(reflect.TypeFor[Config](), "")
	return keys
}

// envVar is the environment variable that overrides a dotted key.
func envVar(key string) string {
	return EnvPrefix + "_" + strings.ToUpper(strings.ReplaceAll(key, ".", "_"))
}

// annotateEnv appends "(from REPLYDESK_X)" to problems about keys whose value
// came from the environment: otherwise the operator looks for the bad value
// in a file that does not contain it. Only the variable's name is added,
// never its value.
func annotateEnv(problems []string) []string {
	for i, p := range problems {
		key, _, ok := strings.Cut(p, ": ")
		if !ok {
			continue
		}
		name := envVar(key)
		if _, set := os.LookupEnv(name); set && isScalarKey(key) {
			problems[i] = p + " (from " + name + ")"
		}
	}
	return problems
}

func isScalarKey(key string) bool { return slices.Contains(envKeys, key) }

// envKeys are the keys bound to environment variables.
var envKeys = scalarKeys()

// resolvePaths makes relative secret and CA file paths relative to dir.
func (c *Config) resolvePaths(dir string) {
	abs := func(p *string) {
		if *p != "" && !filepath.IsAbs(*p) {
			*p = filepath.Join(dir, *p)
		}
	}
	for i := range c.Mailboxes {
		m := &c.Mailboxes[i]
		abs(&m.PasswordFile)
		abs(&m.IMAP.CAFile)
		abs(&m.SMTP.CAFile)
	}
	abs(&c.LLM.APIKeyFile)
	for name, o := range c.OAuth2 {
		abs(&o.ClientSecretFile)
		c.OAuth2[name] = o
	}
}
