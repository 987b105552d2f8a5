package parse

import (
	"strings"
	"time"

	"github.com/emersion/go-message/mail"
	"github.com/emersion/go-message/textproto"
)

var dateLayouts = []string{
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04 -0700",
	"2 Jan 2006 15:04 -0700",
	"Mon, 2 Jan 06 15:04:05 -0700",
	"2 Jan 06 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006 15:04:05",
	"2 Jan 2006 15:04:05",
	"Mon, 2 January 2006 15:04:05 -0700",
	"Monday, 2 January 2006 15:04:05 -0700",
	"Monday, January 2, 2006 15:04:05 -0700",
	"Mon, Jan 2 2006 15:04:05 -0700",
	"Mon, Jan 2, 2006 15:04:05 -0700",
	"Mon Jan 2 15:04:05 2006",
	"Mon Jan 2 15:04:05 MST 2006",
	"Mon Jan 2 15:04:05 -0700 2006",
	"2006-01-02T15:04:05Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05 MST",
	"2006-01-02 15:04:05",
	"2006/01/02 15:04:05",
	"02.01.2006 15:04:05",
	"02.01.2006 15:04",
	"Mon, 02-Jan-2006 15:04:05 -0700",
	"02-Jan-2006 15:04:05 -0700",
}

// parseDate parses a Date header: first with go-message's mail.Header
// (net/mail rules), then with a list of layouts seen in the wild after
// removing comments and normalising zones like "GMT+0800" or "UT".
func parseDate(v string) (time.Time, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return time.Time{}, false
	}
	// Fast path for the common RFC 5322 form.
	fast := v
	if i := strings.IndexByte(fast, '('); i > 0 {
		fast = strings.TrimSpace(fast[:i])
	}
	if t, err := time.Parse("Mon, 2 Jan 2006 15:04:05 -0700", fast); err == nil {
		return t, true
	}
	var th textproto.Header
	th.Set("Date", v)
	mh := mail.Header{}
	mh.Header.Header = th
	if t, err := mh.Date(); err == nil && !t.IsZero() {
		return t, true
	}
	s := stripComments(v)
	s = strings.Join(strings.Fields(s), " ")
	s = strings.ReplaceAll(s, " ,", ",")
	for _, z := range []string{"GMT+", "UTC+", "GMT-", "UTC-"} {
		if i := strings.Index(s, z); i >= 0 {
			s = s[:i] + s[i+3:]
		}
	}
	if strings.HasSuffix(s, " UT") {
		s = s[:len(s)-3] + " +0000"
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	// "+08:00" → "+0800"
	if n := len(s); n > 6 && (s[n-6] == '+' || s[n-6] == '-') && s[n-3] == ':' {
		s = s[:n-3] + s[n-2:]
		for _, l := range dateLayouts {
			if t, err := time.Parse(l, s); err == nil {
				return t, true
			}
		}
	}
	// Drop a trailing zone name after a numeric offset: "... +0000 GMT".
	if i := strings.LastIndexByte(s, ' '); i > 0 {
		for _, l := range dateLayouts {
			if t, err := time.Parse(l, s[:i]); err == nil {
				return t, true
			}
		}
	}
	return time.Time{}, false
}

func stripComments(s string) string {
	if strings.IndexByte(s, '(') < 0 {
		return s
	}
	var sb strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '(':
			depth++
		case r == ')' && depth > 0:
			depth--
		case depth == 0:
			sb.WriteRune(r)
		}
	}
	return sb.String()
}
