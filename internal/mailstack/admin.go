package mailstack

import (
	"bytes"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/emersion/go-smtp"
)

// Doveadm runs doveadm against this stack's Dovecot and returns its combined
// output, e.g. s.Doveadm("mailbox", "status", "-u", "alice@shop.test", "messages", "INBOX").
func (s *Stack) Doveadm(args ...string) ([]byte, error) {
	if s.isStopped() {
		return nil, errStopped
	}
	cmd := exec.Command(s.bin.doveadm, append([]string{"-c", s.l.dovecotConf}, args...)...)
	cmd.Dir = "/"
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	if err := cmd.Run(); err != nil {
		return out.Bytes(), fmt.Errorf("doveadm %s: %w: %s", strings.Join(args, " "), err, bytes.TrimSpace(out.Bytes()))
	}
	return out.Bytes(), nil
}

// SetUIDValidity sets the UIDVALIDITY of a user's folder (doveadm mailbox update).
// IMAP clients see the new value on their next SELECT or STATUS.
func (s *Stack) SetUIDValidity(user, folder string, v uint32) error {
	_, err := s.Doveadm("mailbox", "update", "-u", s.Address(user), "--uid-validity", strconv.FormatUint(uint64(v), 10), folder)
	return err
}

// CreateFolder creates (and subscribes) a folder; "/" separates levels.
func (s *Stack) CreateFolder(user, folder string) error {
	_, err := s.Doveadm("mailbox", "create", "-s", "-u", s.Address(user), folder)
	return err
}

// DeleteFolder deletes a folder and the mail in it.
func (s *Stack) DeleteFolder(user, folder string) error {
	_, err := s.Doveadm("mailbox", "delete", "-s", "-u", s.Address(user), folder)
	return err
}

// KickUser drops all of the user's IMAP connections (doveadm kick).
func (s *Stack) KickUser(user string) error {
	_, err := s.Doveadm("kick", s.Address(user))
	return err
}

// FolderStatus is what doveadm mailbox status reports about a folder.
type FolderStatus struct {
	Messages      int
	Unseen        int
	UIDNext       uint32
	UIDValidity   uint32
	HighestModSeq uint64
}

// Status returns a folder's counters as Dovecot sees them.
func (s *Stack) Status(user, folder string) (FolderStatus, error) {
	var st FolderStatus
	out, err := s.Doveadm("-f", "flow", "mailbox", "status", "-u", s.Address(user),
		"messages unseen uidnext uidvalidity highestmodseq", folder)
	if err != nil {
		return st, err
	}
	for _, f := range strings.Fields(string(out)) {
		k, v, ok := strings.Cut(f, "=")
		if !ok {
			continue
		}
		n, _ := strconv.ParseUint(v, 10, 64)
		switch k {
		case "messages":
			st.Messages = int(n)
		case "unseen":
			st.Unseen = int(n)
		case "uidnext":
			st.UIDNext = uint32(n)
		case "uidvalidity":
			st.UIDValidity = uint32(n)
		case "highestmodseq":
			st.HighestModSeq = n
		}
	}
	return st, nil
}

// Count returns the number of messages in a folder.
func (s *Stack) Count(user, folder string) (int, error) {
	st, err := s.Status(user, folder)
	return st.Messages, err
}

// WaitCount polls until a folder holds at least n messages (mail sent with
// Deliver arrives asynchronously, usually within a second).
func (s *Stack) WaitCount(user, folder string, n int, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		got, err := s.Count(user, folder)
		if err == nil && got >= n {
			return nil
		}
		if time.Now().After(deadline) {
			if err != nil {
				return err
			}
			return fmt.Errorf("mailstack: %s/%s has %d messages, want >= %d after %v", s.Address(user), folder, got, n, timeout)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Deliver sends msg through Postfix's unauthenticated SMTP port, as a remote
// MTA would. Recipients @Domain go to their INBOX through Dovecot LMTP,
// other domains to catchall's. It returns once Postfix has queued the
// message; use WaitCount to wait for the delivery.
func (s *Stack) Deliver(from string, to []string, msg []byte) error {
	c, err := smtp.Dial(s.SMTPAddr())
	if err != nil {
		return err
	}
	defer c.Close()
	if err := c.Hello("mx.mailstack.test"); err != nil {
		return err
	}
	if err := c.SendMail(from, to, bytes.NewReader(msg)); err != nil {
		return fmt.Errorf("mailstack: deliver: %w", err)
	}
	return c.Quit()
}
