package parse

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
)

const (
	maxHTMLBytes   = 8 << 20
	maxQuotePrefix = 10 // "> " markers written per line at most
)

// htmlToText renders HTML as readable plain text: script, style, head and
// hidden elements are dropped, block elements become line breaks, <br>
// becomes a newline, links are kept as "text (url)" when the url differs
// from the text, entities are decoded, whitespace is collapsed, list items
// become "- item" ("1. item" in ordered lists), and blockquote content is
// prefixed with "> " per level so that SplitQuoted can find it.
func htmlToText(s string) string {
	if len(s) > maxHTMLBytes {
		s = s[:maxHTMLBytes]
	}
	t := convertHTML(s, true)
	if t == "" && len(s) > 0 {
		// An unclosed hidden element may have swallowed everything.
		t = convertHTML(s, false)
	}
	return t
}

type listState struct {
	ordered bool
	n       int
}

type linkState struct {
	href  string
	start int
}

type h2t struct {
	out       []byte
	pendNL    int
	space     bool
	started   bool
	lineStart bool
	quote     int
	pre       int
	lists     []listState
	bullet    string
	links     []linkState
	skipTag   string
	skipDepth int
	pTight    bool
	lineQuote int // quote depth of the current line
}

// zeroMargin reports whether a style attribute sets margin (or
// margin-top/bottom) to zero.
func zeroMargin(style string) bool {
	if style == "" {
		return false
	}
	st := strings.ToLower(strings.Join(strings.Fields(style), ""))
	i := strings.Index(st, "margin:")
	if i < 0 {
		return strings.Contains(st, "margin-bottom:0") && strings.Contains(st, "margin-top:0")
	}
	v := st[i+len("margin:"):]
	if j := strings.IndexByte(v, ';'); j >= 0 {
		v = v[:j]
	}
	return strings.HasPrefix(v, "0") && (len(v) == 1 || v[1] == 'p' || v[1] == 'e' || v[1] == '!' || v[1] == 'r')
}

func isVoid(tag string) bool {
	switch tag {
	case "br", "img", "hr", "meta", "link", "input", "area", "base", "col", "embed", "param", "source", "track", "wbr":
		return true
	}
	return false
}

func convertHTML(s string, hideHidden bool) string {
	c := &h2t{out: make([]byte, 0, len(s)/3+16), lineStart: true}
	z := html.NewTokenizer(strings.NewReader(s))
	z.SetMaxBuf(0)
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return c.finish()
		case html.TextToken:
			if c.skipTag != "" {
				continue
			}
			c.text(string(z.Text()))
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			tag := string(name)
			var attrs map[string]string
			if hasAttr {
				attrs = map[string]string{}
				for {
					k, v, more := z.TagAttr()
					key := string(k)
					if _, dup := attrs[key]; !dup {
						attrs[key] = string(v)
					}
					if !more {
						break
					}
				}
			}
			if c.skipTag != "" {
				if c.skipTag == "head" && tag == "body" {
					c.skipTag, c.skipDepth = "", 0
				} else {
					if tag == c.skipTag && tt == html.StartTagToken && !isVoid(tag) {
						c.skipDepth++
					}
					continue
				}
			}
			switch tag {
			case "script", "style", "head", "title", "template", "svg", "xml", "object", "iframe", "select", "textarea":
				if tt == html.StartTagToken {
					c.skipTag, c.skipDepth = tag, 1
				}
				continue
			}
			if hideHidden && tt == html.StartTagToken && !isVoid(tag) && isHidden(attrs) {
				c.skipTag, c.skipDepth = tag, 1
				continue
			}
			c.start(tag, attrs, tt == html.SelfClosingTagToken)
		case html.EndTagToken:
			name, _ := z.TagName()
			tag := string(name)
			if c.skipTag != "" {
				if tag == c.skipTag {
					c.skipDepth--
					if c.skipDepth <= 0 {
						c.skipTag, c.skipDepth = "", 0
					}
				}
				continue
			}
			c.end(tag)
		}
	}
}

func isHidden(attrs map[string]string) bool {
	if attrs == nil {
		return false
	}
	if _, ok := attrs["hidden"]; ok {
		return true
	}
	st, ok := attrs["style"]
	if !ok {
		return false
	}
	st = strings.ToLower(strings.Join(strings.Fields(st), ""))
	return strings.Contains(st, "display:none") || strings.Contains(st, "visibility:hidden") ||
		strings.Contains(st, "max-height:0") && strings.Contains(st, "overflow:hidden")
}

func (c *h2t) block(n int) {
	if c.pendNL < n {
		c.pendNL = n
	}
	c.space = false
}

func (c *h2t) start(tag string, attrs map[string]string, selfClosing bool) {
	switch tag {
	case "br":
		if c.started {
			c.pendNL++
		}
		c.space = false
	case "p":
		// Paragraphs styled without margins are visual lines, not paragraphs.
		c.pTight = zeroMargin(attrs["style"])
		if c.pTight {
			c.block(1)
		} else {
			c.block(2)
		}
	case "h1", "h2", "h3", "h4", "h5", "h6", "hr":
		c.block(2)
	case "div", "tr", "table", "dl", "dt", "dd", "section", "article", "header", "footer", "nav",
		"aside", "main", "address", "center", "form", "fieldset", "figure", "figcaption", "caption",
		"tbody", "thead", "tfoot", "details", "summary", "legend":
		c.block(1)
	case "pre":
		c.block(1)
		if !selfClosing {
			c.pre++
		}
	case "blockquote":
		c.block(1)
		if !selfClosing {
			c.quote++
		}
	case "ul", "ol":
		if len(c.lists) == 0 {
			c.block(2)
		} else {
			c.block(1)
		}
		if !selfClosing {
			ls := listState{ordered: tag == "ol"}
			if v, err := strconv.Atoi(attrs["start"]); err == nil && ls.ordered {
				ls.n = v - 1
			}
			c.lists = append(c.lists, ls)
		}
	case "li":
		c.block(1)
		indent := 0
		marker := "- "
		if n := len(c.lists); n > 0 {
			indent = n - 1
			if c.lists[n-1].ordered {
				c.lists[n-1].n++
				marker = strconv.Itoa(c.lists[n-1].n) + ". "
			}
		}
		c.bullet = strings.Repeat("  ", min(indent, maxQuotePrefix)) + marker
	case "td", "th":
		if !c.lineStart || c.pendNL == 0 {
			c.space = true
		}
	case "a":
		if !selfClosing && len(c.links) < 64 {
			c.links = append(c.links, linkState{href: strings.TrimSpace(attrs["href"]), start: len(c.out)})
		}
	case "img":
		if alt := strings.TrimSpace(attrs["alt"]); alt != "" {
			c.text(" " + alt + " ")
		}
	}
}

func (c *h2t) end(tag string) {
	switch tag {
	case "p":
		if c.pTight {
			c.block(1)
		} else {
			c.block(2)
		}
		c.pTight = false
	case "h1", "h2", "h3", "h4", "h5", "h6":
		c.block(2)
	case "div", "tr", "table", "dl", "dt", "dd", "section", "article", "header", "footer", "nav",
		"aside", "main", "address", "center", "form", "fieldset", "figure", "figcaption", "caption",
		"li", "tbody", "thead", "tfoot", "details", "summary", "legend":
		c.block(1)
	case "pre":
		c.block(1)
		if c.pre > 0 {
			c.pre--
		}
	case "blockquote":
		c.block(1)
		if c.quote > 0 {
			c.quote--
		}
	case "ul", "ol":
		if n := len(c.lists); n > 0 {
			c.lists = c.lists[:n-1]
		}
		if len(c.lists) == 0 {
			c.block(2)
		} else {
			c.block(1)
		}
	case "td", "th":
		c.space = true
	case "a":
		n := len(c.links)
		if n == 0 {
			return
		}
		l := c.links[n-1]
		c.links = c.links[:n-1]
		if l.start > len(c.out) || len(c.out)-l.start > 4096 {
			return
		}
		txt := strings.TrimSpace(string(c.out[l.start:]))
		if showURL(l.href, txt) {
			c.space = true
			c.word("(" + l.href + ")")
		}
	}
}

// showURL decides whether a link target adds information to its text.
func showURL(href, text string) bool {
	if href == "" || text == "" {
		return false
	}
	lh := strings.ToLower(href)
	if strings.HasPrefix(lh, "#") || strings.HasPrefix(lh, "javascript:") || strings.HasPrefix(lh, "cid:") {
		return false
	}
	norm := func(s string) string {
		s = strings.ToLower(strings.TrimSpace(s))
		for _, p := range []string{"mailto:", "tel:", "https://", "http://", "www."} {
			s = strings.TrimPrefix(s, p)
		}
		return strings.TrimRight(s, "/")
	}
	nh, nt := norm(href), norm(text)
	return nh != nt && nh != "" && !strings.Contains(nt, nh)
}

func isCollapsibleSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\f', '\u00a0', '\u2007', '\u202f', '\u2002', '\u2003', '\u2009':
		return true
	}
	return false
}

func isInvisible(r rune) bool {
	switch r {
	case '\u200b', '\u200c', '\ufeff', '\u034f', '\u00ad', '\u2060', '\u180e':
		return true
	}
	return false
}

func (c *h2t) text(s string) {
	for _, r := range s {
		if isInvisible(r) {
			continue
		}
		if c.pre > 0 {
			if r == '\n' {
				if c.started {
					c.pendNL++
				}
				continue
			}
			if r == '\r' {
				continue
			}
			c.put(r, true)
			continue
		}
		if isCollapsibleSpace(r) {
			c.space = true
			continue
		}
		c.put(r, false)
	}
}

// word writes s without collapsing its characters.
func (c *h2t) word(s string) {
	for _, r := range s {
		c.put(r, false)
	}
}

func (c *h2t) put(r rune, literal bool) {
	if c.pendNL > 0 && c.started {
		n := c.pendNL
		if n > 2 {
			n = 2
		}
		c.out = append(c.out, '\n')
		if n == 2 {
			if c.quote > 0 && c.lineQuote > 0 {
				c.out = append(c.out, '>')
			}
			c.out = append(c.out, '\n')
		}
		c.lineStart = true
	}
	c.pendNL = 0
	if c.lineStart {
		c.lineQuote = c.quote
		for i := 0; i < c.quote && i < maxQuotePrefix; i++ {
			c.out = append(c.out, '>', ' ')
		}
		if c.bullet != "" {
			c.out = append(c.out, c.bullet...)
			c.bullet = ""
		}
		c.lineStart = false
		c.space = false
		if !literal && r == ' ' {
			return
		}
	} else if c.space {
		c.out = append(c.out, ' ')
	}
	c.space = false
	c.out = utf8.AppendRune(c.out, r)
	c.started = true
}

func (c *h2t) finish() string {
	out := bytes.TrimSpace(c.out)
	if len(out) == 0 {
		return ""
	}
	return trimTrailingSpaces(string(out))
}

// sniffHTMLCharset finds a <meta charset> or http-equiv charset in the
// first 4 KB of an HTML document.
func sniffHTMLCharset(b []byte) string {
	if len(b) > 4096 {
		b = b[:4096]
	}
	lb := bytes.ToLower(b)
	off := 0
	for {
		i := bytes.Index(lb[off:], []byte("charset"))
		if i < 0 {
			return ""
		}
		i += off + len("charset")
		off = i
		// must be inside a meta tag
		lt := bytes.LastIndexByte(lb[:i], '<')
		if lt < 0 || !bytes.HasPrefix(lb[lt:], []byte("<meta")) {
			continue
		}
		j := i
		for j < len(lb) && (lb[j] == ' ' || lb[j] == '\t') {
			j++
		}
		if j >= len(lb) || lb[j] != '=' {
			continue
		}
		j++
		for j < len(lb) && (lb[j] == ' ' || lb[j] == '"' || lb[j] == '\'') {
			j++
		}
		k := j
		for k < len(lb) && (lb[k] == '-' || lb[k] == '_' || lb[k] == '.' || lb[k] == ':' ||
			(lb[k] >= 'a' && lb[k] <= 'z') || (lb[k] >= '0' && lb[k] <= '9')) {
			k++
		}
		if k > j {
			return string(lb[j:k])
		}
	}
}
