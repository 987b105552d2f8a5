package classify

import (
	"bufio"
	"bytes"
	"net/textproto"

	"github.com/replydesk/replydesk/parse"
)

// Input is what the classifier looks at: the parsed message plus its raw
// header fields (for the rules that read headers the parser does not keep).
type Input struct {
	Subject     string
	NewText     string // the sender's own new text: no quoted history, no marketplace boilerplate
	Text        string // the whole readable text
	From        parse.Address
	ReplyTo     []parse.Address
	To          []parse.Address
	Channel     string // amazon | ebay | walmart | tiktok | aliexpress | shopify | mail
	OrderID     string
	ASIN        string
	Auto        parse.Auto
	Attachments []parse.Attachment
	Header      textproto.MIMEHeader // raw header fields, keys canonical (Authentication-Results, X-Spam-Flag ...)
	// FollowUps is how many earlier messages of the same sender in this
	// thread are still unanswered (0 when unknown, as in `replydesk classify`).
	FollowUps int
	// OwnAddresses are the shop's own mailbox addresses (never a buyer).
	OwnAddresses []string
}

// NewInput parses a raw message into an Input. A message the parser cannot
// read at all still gets an Input from whatever header could be read.
func NewInput(raw []byte) (*Input, *parse.Message, error) {
	m, err := parse.Parse(raw)
	in := &Input{Header: readHeader(raw)}
	if m != nil {
		in.fill(m)
	}
	return in, m, err
}

// FromParsed builds an Input from an already parsed message and its raw bytes.
func FromParsed(m *parse.Message, raw []byte) *Input {
	in := &Input{Header: readHeader(raw)}
	in.fill(m)
	return in
}

func (in *Input) fill(m *parse.Message) {
	in.Subject, in.NewText, in.Text = m.Subject, m.NewText, m.Text
	in.From, in.ReplyTo, in.To = m.From, m.ReplyTo, m.To
	in.Channel, in.OrderID, in.ASIN = m.Channel, m.OrderID, m.ASIN
	in.Auto, in.Attachments = m.Auto, m.Attachments
}

// readHeader reads the header block leniently; what cannot be read is left out.
func readHeader(raw []byte) textproto.MIMEHeader {
	end := bytes.Index(raw, []byte("\r\n\r\n"))
	if e2 := bytes.Index(raw, []byte("\n\n")); e2 >= 0 && (end < 0 || e2 < end) {
		end = e2
	}
	if end < 0 {
		end = len(raw)
	}
	r := textproto.NewReader(bufio.NewReader(bytes.NewReader(append(raw[:end:end], '\r', '\n', '\r', '\n'))))
	h, _ := r.ReadMIMEHeader()
	if h == nil {
		h = textproto.MIMEHeader{}
	}
	return h
}
