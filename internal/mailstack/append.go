package mailstack

import (
	"bufio"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/emersion/go-imap/v2"
)

// AppendItem is one message for AppendItems.
type AppendItem struct {
	Raw   []byte
	Flags []imap.Flag
	Date  time.Time // INTERNALDATE; zero means "now"
}

// Append stores msgs in a user's folder over IMAP. flags[i], if present, are
// the flags of msgs[i] (flags may be nil or shorter than msgs).
// The folder must exist (see CreateFolder).
func (s *Stack) Append(user, folder string, msgs [][]byte, flags [][]imap.Flag) error {
	items := make([]AppendItem, len(msgs))
	for i, m := range msgs {
		items[i].Raw = m
		if i < len(flags) {
			items[i].Flags = flags[i]
		}
	}
	return s.AppendItems(user, folder, items)
}

const (
	appendBatchMsgs  = 500      // messages per MULTIAPPEND command
	appendBatchBytes = 16 << 20 // bytes per MULTIAPPEND command
	appendWindow     = 3        // commands in flight
)

// AppendItems stores items in a user's folder over IMAP, logged in as the
// harness's Dovecot master user (so it works for any user, OAuth-only ones
// included). It sends MULTIAPPEND commands of up to 500 messages with
// LITERAL+ non-synchronizing literals, several commands in flight, so there
// is no round trip per message; without those extensions it falls back to
// one APPEND per message and/or synchronizing literals.
func (s *Stack) AppendItems(user, folder string, items []AppendItem) error {
	if len(items) == 0 {
		return nil
	}
	if s.isStopped() {
		return errStopped
	}
	for i, it := range items {
		for _, f := range it.Flags {
			if !validFlag(string(f)) {
				return fmt.Errorf("mailstack: append: message %d: invalid flag %q", i, f)
			}
		}
	}
	c, err := dialRawIMAP(s.IMAPAddr())
	if err != nil {
		return fmt.Errorf("mailstack: append: %w", err)
	}
	defer c.conn.Close()
	if err := c.login(s.Address(user)+"*"+masterUser, s.masterPass); err != nil {
		return fmt.Errorf("mailstack: append: login as %s: %w", s.Address(user), err)
	}
	// generous, but never hang a test forever on a stuck server
	_ = c.conn.SetDeadline(time.Now().Add(2*time.Minute + time.Duration(len(items))*20*time.Millisecond))
	if err := c.appendAll(encodeMailbox(folder), items); err != nil {
		return fmt.Errorf("mailstack: append to %s/%s: %w", s.Address(user), folder, err)
	}
	return nil
}

// rawIMAP is the minimal IMAP client behind AppendItems. go-imap v2's client
// has no MULTIAPPEND and ignores LITERAL+ for literals over 4 KB: it waits
// for a "+" continuation, one round trip per message.
type rawIMAP struct {
	conn net.Conn
	br   *bufio.Reader
	bw   *bufio.Writer
	caps map[string]bool
	tag  int
}

func dialRawIMAP(addr string) (*rawIMAP, error) {
	conn, err := net.DialTimeout("tcp", addr, 10*time.Second)
	if err != nil {
		return nil, err
	}
	c := &rawIMAP{conn: conn, br: bufio.NewReaderSize(conn, 64<<10), bw: bufio.NewWriterSize(conn, 1<<20), caps: map[string]bool{}}
	_ = conn.SetReadDeadline(time.Now().Add(30 * time.Second))
	line, err := c.readResponse()
	if err != nil {
		conn.Close()
		return nil, err
	}
	if !strings.HasPrefix(line, "* OK") {
		conn.Close()
		return nil, fmt.Errorf("unexpected greeting %q", line)
	}
	c.noteCaps(line)
	_ = conn.SetReadDeadline(time.Time{})
	return c, nil
}

// readResponse reads one response line, with any literals it carries inlined.
func (c *rawIMAP) readResponse() (string, error) {
	var sb strings.Builder
	for {
		line, err := c.br.ReadString('\n')
		if err != nil {
			return "", err
		}
		line = strings.TrimRight(line, "\r\n")
		sb.WriteString(line)
		// literal at the end of the line: {N}
		if n := literalSize(line); n >= 0 {
			if _, err := io.CopyN(&sb, c.br, n); err != nil {
				return "", err
			}
			continue
		}
		return sb.String(), nil
	}
}

func literalSize(line string) int64 {
	if !strings.HasSuffix(line, "}") {
		return -1
	}
	i := strings.LastIndexByte(line, '{')
	if i < 0 {
		return -1
	}
	n, err := strconv.ParseInt(strings.TrimSuffix(line[i+1:len(line)-1], "+"), 10, 64)
	if err != nil {
		return -1
	}
	return n
}

// noteCaps records capabilities from "* CAPABILITY ..." or "[CAPABILITY ...]".
func (c *rawIMAP) noteCaps(line string) {
	var list string
	if i := strings.Index(line, "[CAPABILITY "); i >= 0 {
		list = line[i+len("[CAPABILITY "):]
		if j := strings.IndexByte(list, ']'); j >= 0 {
			list = list[:j]
		}
	} else if strings.HasPrefix(line, "* CAPABILITY ") {
		list = line[len("* CAPABILITY "):]
	} else {
		return
	}
	c.caps = map[string]bool{}
	for _, cp := range strings.Fields(list) {
		c.caps[strings.ToUpper(cp)] = true
	}
}

func (c *rawIMAP) nextTag() string {
	c.tag++
	return "M" + strconv.Itoa(c.tag)
}

// simple sends a command without literals and waits for its tagged response.
func (c *rawIMAP) simple(cmd string) error {
	tag := c.nextTag()
	if _, err := c.bw.WriteString(tag + " " + cmd + "\r\n"); err != nil {
		return err
	}
	if err := c.bw.Flush(); err != nil {
		return err
	}
	_ = c.conn.SetReadDeadline(time.Now().Add(60 * time.Second))
	defer c.conn.SetReadDeadline(time.Time{})
	for {
		line, err := c.readResponse()
		if err != nil {
			return err
		}
		c.noteCaps(line)
		if rest, ok := strings.CutPrefix(line, tag+" "); ok {
			if strings.HasPrefix(strings.ToUpper(rest), "OK") {
				return nil
			}
			return errors.New(rest)
		}
	}
}

func (c *rawIMAP) login(user, pass string) error {
	if err := c.simple("LOGIN " + quote(user) + " " + quote(pass)); err != nil {
		return err
	}
	if !c.caps["MULTIAPPEND"] && !c.caps["LITERAL+"] { // caps missing from the OK: ask
		return c.simple("CAPABILITY")
	}
	return nil
}

// event is what the response reader goroutine reports.
type event struct {
	tag  string // tagged completion
	text string // "OK ...", "NO ...", "BAD ..."
	cont bool   // a "+" continuation request
	err  error  // the connection failed
}

func (c *rawIMAP) appendAll(mailbox string, items []AppendItem) error {
	multi := c.caps["MULTIAPPEND"]
	litPlus := c.caps["LITERAL+"]
	events := make(chan event, 64)
	go func() {
		for {
			line, err := c.readResponse()
			if err != nil {
				events <- event{err: err}
				close(events)
				return
			}
			switch {
			case strings.HasPrefix(line, "+"):
				events <- event{cont: true}
			case strings.HasPrefix(line, "* BYE"):
				events <- event{err: errors.New(line)}
			case strings.HasPrefix(line, "*"):
				// untagged data (EXISTS, ...): not needed
			default:
				tag, rest, _ := strings.Cut(line, " ")
				events <- event{tag: tag, text: rest}
			}
		}
	}()
	// The reader ends when the connection is closed (by the caller); keep
	// draining so that it never blocks on a full channel.
	defer func() {
		go func() {
			for range events {
			}
		}()
	}()

	var inflight []string
	var firstErr error
	// handle processes one event; it returns true for a continuation.
	handle := func(ev event, ok bool) bool {
		if !ok {
			if firstErr == nil {
				firstErr = errors.New("connection closed")
			}
			inflight = nil
			return false
		}
		if ev.err != nil {
			if firstErr == nil {
				firstErr = ev.err
			}
			inflight = nil
			return false
		}
		if ev.cont {
			return true
		}
		for i, t := range inflight {
			if t == ev.tag {
				inflight = append(inflight[:i], inflight[i+1:]...)
				if !strings.HasPrefix(strings.ToUpper(ev.text), "OK") && firstErr == nil {
					firstErr = errors.New(ev.text)
				}
				break
			}
		}
		return false
	}
	waitCont := func() error {
		for firstErr == nil {
			ev, ok := <-events
			if handle(ev, ok) {
				return nil
			}
		}
		return firstErr
	}

	var dateBuf []byte
	for i := 0; i < len(items) && firstErr == nil; {
		// one command: a batch of messages
		n, size := 0, 0
		for i+n < len(items) && (n == 0 || multi && n < appendBatchMsgs && size+len(items[i+n].Raw) <= appendBatchBytes) {
			size += len(items[i+n].Raw)
			n++
		}
		tag := c.nextTag()
		inflight = append(inflight, tag) // before the literals: a NO may come instead of "+"
		c.bw.WriteString(tag + " APPEND " + mailbox)
		for _, it := range items[i : i+n] {
			c.bw.WriteByte(' ')
			if len(it.Flags) > 0 {
				c.bw.WriteByte('(')
				for k, f := range it.Flags {
					if k > 0 {
						c.bw.WriteByte(' ')
					}
					c.bw.WriteString(string(f))
				}
				c.bw.WriteString(") ")
			}
			if !it.Date.IsZero() {
				dateBuf = it.Date.AppendFormat(dateBuf[:0], `"02-Jan-2006 15:04:05 -0700" `)
				c.bw.Write(dateBuf)
			}
			c.bw.WriteByte('{')
			c.bw.WriteString(strconv.Itoa(len(it.Raw)))
			if litPlus {
				c.bw.WriteString("+}\r\n")
			} else {
				c.bw.WriteString("}\r\n")
				if err := c.bw.Flush(); err != nil {
					return err
				}
				if err := waitCont(); err != nil {
					return err
				}
			}
			c.bw.Write(it.Raw)
		}
		c.bw.WriteString("\r\n")
		if err := c.bw.Flush(); err != nil {
			if firstErr != nil {
				return firstErr
			}
			return err
		}
		i += n
		for len(inflight) >= appendWindow && firstErr == nil {
			ev, ok := <-events
			handle(ev, ok)
		}
	}
	for len(inflight) > 0 && firstErr == nil {
		ev, ok := <-events
		handle(ev, ok)
	}
	if firstErr != nil {
		return firstErr
	}
	_ = c.conn.SetWriteDeadline(time.Now().Add(5 * time.Second))
	c.bw.WriteString(c.nextTag() + " LOGOUT\r\n")
	_ = c.bw.Flush()
	return nil
}

func quote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// validFlag accepts system flags (\Seen) and keywords (atoms, e.g. $Junk).
func validFlag(f string) bool {
	f = strings.TrimPrefix(f, `\`)
	if f == "" {
		return false
	}
	for i := 0; i < len(f); i++ {
		ch := f[i]
		if ch <= ' ' || ch >= 0x7f || strings.IndexByte(`(){%*"\]`, ch) >= 0 {
			return false
		}
	}
	return true
}

// encodeMailbox returns a mailbox name as an IMAP astring in modified UTF-7
// (RFC 3501 5.1.3).
func encodeMailbox(name string) string {
	if strings.EqualFold(name, "INBOX") {
		return "INBOX"
	}
	return quote(utf7Encode(name))
}

var mutf7 = base64.NewEncoding("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,").WithPadding(base64.NoPadding)

func utf7Encode(s string) string {
	var b strings.Builder
	var pending []rune
	flush := func() {
		if len(pending) == 0 {
			return
		}
		u := utf16.Encode(pending)
		raw := make([]byte, 0, 2*len(u))
		for _, x := range u {
			raw = append(raw, byte(x>>8), byte(x))
		}
		b.WriteByte('&')
		b.WriteString(mutf7.EncodeToString(raw))
		b.WriteByte('-')
		pending = pending[:0]
	}
	for _, r := range s {
		if r >= 0x20 && r <= 0x7e {
			flush()
			if r == '&' {
				b.WriteString("&-")
			} else {
				b.WriteRune(r)
			}
		} else {
			pending = append(pending, r)
		}
	}
	flush()
	return b.String()
}
