package mailstack

import (
	"bufio"
	"encoding/json"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// tokenInfo is one row of the OAuth2 introspection table.
type tokenInfo struct {
	user   string // full address
	active bool
}

// introspectHandler is an RFC 7662 style token introspection endpoint for
// Dovecot's oauth2 passdb (introspection_mode = post: POST token=...).
// GET ?token=, /introspect/<token> and "Authorization: Bearer" work too.
func (s *Stack) introspectHandler(w http.ResponseWriter, r *http.Request) {
	var tok string
	if r.Method == http.MethodPost {
		r.Body = http.MaxBytesReader(w, r.Body, 1<<16)
		if err := r.ParseForm(); err == nil {
			tok = r.PostForm.Get("token")
		}
	}
	if tok == "" {
		tok = r.URL.Query().Get("token")
	}
	if tok == "" {
		tok = r.URL.Query().Get("access_token")
	}
	if tok == "" && strings.HasPrefix(r.URL.Path, "/introspect/") {
		tok, _ = url.PathUnescape(strings.TrimPrefix(r.URL.Path, "/introspect/"))
	}
	if tok == "" {
		if a := r.Header.Get("Authorization"); len(a) > 7 && strings.EqualFold(a[:7], "bearer ") {
			tok = strings.TrimSpace(a[7:])
		}
	}
	s.mu.Lock()
	info, ok := s.tokens[tok]
	s.introspections++
	s.mu.Unlock()
	resp := map[string]any{"active": false}
	if ok && tok != "" && info.active {
		resp = map[string]any{
			"active":   true,
			"username": info.user,
			"email":    info.user,
			"scope":    "mail",
			"exp":      time.Now().Add(time.Hour).Unix(),
		}
	}
	body, _ := json.Marshal(resp)
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(body)
}

// serveTCPMap answers Postfix tcp_table(5) lookups for virtual_mailbox_maps
// from the live user table: "get <url-encoded key>\n" -> "200 ok\n" or
// "500 not found\n". Postfix keeps the connection open between lookups.
func (s *Stack) serveTCPMap(ln net.Listener) {
	var wg sync.WaitGroup
	defer wg.Wait()
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		s.mu.Lock()
		s.mapConns[c] = struct{}{}
		s.mu.Unlock()
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				s.mu.Lock()
				delete(s.mapConns, c)
				s.mu.Unlock()
				c.Close()
			}()
			br := bufio.NewReader(c)
			for {
				line, err := br.ReadString('\n')
				if err != nil {
					return
				}
				line = strings.TrimRight(line, "\r\n")
				cmd, arg, _ := strings.Cut(line, " ")
				var reply string
				switch strings.ToLower(cmd) {
				case "get":
					key, err := url.PathUnescape(arg)
					if err != nil {
						reply = "400 bad key encoding"
					} else if s.isLocalAddress(key) {
						reply = "200 ok"
					} else {
						reply = "500 not found"
					}
				default:
					reply = "400 unsupported request"
				}
				if _, err := c.Write([]byte(reply + "\n")); err != nil {
					return
				}
			}
		}()
	}
}

// isLocalAddress reports whether addr is user@<domain> or user+detail@<domain>
// for an existing user.
func (s *Stack) isLocalAddress(addr string) bool {
	local, domain, ok := strings.Cut(strings.ToLower(addr), "@")
	if !ok || domain != strings.ToLower(s.Domain) || local == "" {
		return false
	}
	// tcp tables are asked with the full address only (no second lookup
	// without the extension), so strip recipient_delimiter's "+detail" here
	if i := strings.IndexByte(local, '+'); i > 0 {
		local = local[:i]
	}
	s.mu.Lock()
	_, ok = s.users[local]
	s.mu.Unlock()
	return ok
}
