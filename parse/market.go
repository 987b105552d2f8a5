package parse

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// brandChannels maps a domain label to its channel. A domain belongs to the
// channel when the label is followed only by a public-suffix-like tail
// ("com", "co.uk", "com.mx"...): members.ebay.com, marketplace.amazon.co.jp,
// relay.walmart.com, shop.tiktok.com, notice.aliexpress.com,
// shop.myshopify.com — but not ebay-support.top or amazon-help.example.
var brandChannels = map[string]string{
	"amazon":                  ChannelAmazon,
	"ebay":                    ChannelEbay,
	"walmart":                 ChannelWalmart,
	"tiktok":                  ChannelTikTok,
	"tiktokshop":              ChannelTikTok,
	"tiktokglobalshop":        ChannelTikTok,
	"tiktokshopglobalselling": ChannelTikTok,
	"aliexpress":              ChannelAliExpress,
	"alibaba":                 ChannelAliExpress,
	"alibaba-inc":             ChannelAliExpress,
	"shopify":                 ChannelShopify,
	"myshopify":               ChannelShopify,
	"shopifyemail":            ChannelShopify,
}

func domainOf(addr string) string {
	i := strings.LastIndexByte(addr, '@')
	if i < 0 {
		return ""
	}
	return strings.TrimRight(strings.ToLower(addr[i+1:]), ".>")
}

// IsSuffixLabel reports whether a domain label looks like a public suffix
// part (com, de, co, uk ...): two or three lower-case letters.
func IsSuffixLabel(l string) bool {
	if len(l) < 2 || len(l) > 3 {
		return false
	}
	for i := 0; i < len(l); i++ {
		if l[i] < 'a' || l[i] > 'z' {
			return false
		}
	}
	return true
}

// ChannelForDomain returns the marketplace that really owns a domain (the
// brand label followed only by a suffix-like tail: amazon.co.uk, not
// amazon-verify.top), or "".
func ChannelForDomain(d string) string {
	if d == "" {
		return ""
	}
	labels := strings.Split(d, ".")
	for i, l := range labels {
		ch, ok := brandChannels[l]
		if !ok {
			continue
		}
		tail := labels[i+1:]
		if len(tail) == 0 || len(tail) > 2 {
			continue
		}
		good := true
		for _, t := range tail {
			if !IsSuffixLabel(t) {
				good = false
			}
		}
		if good {
			return ch
		}
	}
	return ""
}

var displayNameMarkers = []struct{ marker, channel string }{
	{"amazon marketplace", ChannelAmazon},
	{"via walmart marketplace", ChannelWalmart},
	{"tiktok shop", ChannelTikTok},
}

// detectChannel uses, in order: From, Sender and Reply-To domains; vendor
// headers; From display names of relays; structural body markers (an
// Amazon-style message block, an eBay member message with an eBay order
// number). Mentions of a marketplace in a person's mail do not count.
func detectChannel(m *Message, h *header, lines []string) string {
	addrs := []Address{m.From, m.Sender}
	addrs = append(addrs, m.ReplyTo...)
	for _, a := range addrs {
		if ch := ChannelForDomain(domainOf(a.Addr)); ch != "" {
			return ch
		}
	}
	for _, f := range h.fields {
		n := strings.ToLower(f.name)
		switch {
		case strings.HasPrefix(n, "x-shopify"):
			return ChannelShopify
		case strings.HasPrefix(n, "x-ebay"):
			return ChannelEbay
		case strings.HasPrefix(n, "x-amazon") || strings.HasPrefix(n, "x-amzn"):
			return ChannelAmazon
		case strings.HasPrefix(n, "x-walmart"):
			return ChannelWalmart
		case strings.HasPrefix(n, "x-tiktok"):
			return ChannelTikTok
		case strings.HasPrefix(n, "x-aliexpress") || strings.HasPrefix(n, "x-alibaba"):
			return ChannelAliExpress
		}
	}
	name := strings.ToLower(m.From.Name)
	for _, dm := range displayNameMarkers {
		if strings.Contains(name, dm.marker) && domainOf(m.From.Addr) != "" && !isFreemail(domainOf(m.From.Addr)) {
			return dm.channel
		}
	}
	if len(m.Text) < 200000 {
		if _, _, ok := dashBlock(lines, true); ok && findDashedDigits(m.Text, amazonGroups) != "" {
			return ChannelAmazon
		}
		if ebayStart(lines) >= 0 && findDashedDigits(m.Text, ebayGroups) != "" {
			return ChannelEbay
		}
	}
	return ChannelMail
}

func isFreemail(d string) bool {
	switch d {
	case "gmail.com", "googlemail.com", "yahoo.com", "outlook.com", "hotmail.com", "live.com", "icloud.com",
		"me.com", "aol.com", "qq.com", "163.com", "126.com", "gmx.de", "web.de", "mail.ru", "yandex.ru",
		"naver.com", "protonmail.com", "proton.me":
		return true
	}
	return false
}

// ---- relay extraction ----

var endWords = []string{"end", "ende", "fin", "fine", "fim", "einde", "koniec", "конец", "sonu", "slut",
	"loppu", "akhir", "kết", "終了", "结束", "結束", "끝", "สิ้นสุด", "نهاية"}

// dashLine recognises "------------- Begin message -------------" style
// lines and returns the inner text.
func dashLine(t string) (string, bool) {
	if !strings.HasPrefix(t, "---") || !strings.HasSuffix(t, "---") {
		return "", false
	}
	inner := strings.TrimSpace(strings.Trim(t, "- "))
	if inner == "" || utf8.RuneCountInString(inner) > 60 {
		return "", false
	}
	return inner, true
}

func hasEndWord(inner string) bool {
	li := strings.ToLower(inner)
	for _, w := range strings.FieldsFunc(li, func(r rune) bool { return r == ' ' || r == ':' || r == '-' }) {
		for _, e := range endWords {
			if w == e {
				return true
			}
		}
	}
	for _, e := range endWords {
		if e[0] >= 0x80 && strings.Contains(li, e) {
			return true
		}
	}
	return false
}

// dashBlock finds an Amazon-style message block. It returns the index of
// the first content line and the end (exclusive). needEnd requires the
// closing marker.
func dashBlock(lines []string, needEnd bool) (int, int, bool) {
	begin := -1
	for i, l := range lines {
		t := strings.TrimSpace(l)
		inner, ok := dashLine(t)
		if !ok || isSeparator(t) {
			continue
		}
		if begin < 0 {
			if !hasEndWord(inner) {
				begin = i
			}
			continue
		}
		if hasEndWord(inner) {
			return begin + 1, i, true
		}
	}
	if begin >= 0 && !needEnd {
		return begin + 1, len(lines), true
	}
	return 0, 0, false
}

var ebayStartRe = regexp.MustCompile(`(?i)^(new message from|nuovo messaggio da|neue nachricht von|nouveau message de|nuevo mensaje de|nova mensagem de|nieuw bericht van|nowa wiadomość od|новое сообщение от)\s*[:：]`)

func ebayStart(lines []string) int {
	for i, l := range lines {
		t := strings.TrimLeft(l, " \t")
		if t == "" || (t[0]|0x20 != 'n' && !strings.HasPrefix(t, "Н") && !strings.HasPrefix(t, "н")) || colonIndex(t, 64) < 0 {
			continue
		}
		if ebayStartRe.MatchString(strings.TrimSpace(l)) {
			return i
		}
	}
	return -1
}

// relayPhrases mark the line that introduces a relayed buyer message.
var relayPhrases = []string{"new message", "sent you a message", "sent you a new message", "has sent you",
	"received a message", "message from buyer", "message from a customer", "message from the buyer",
	"nuovo messaggio", "neue nachricht", "nouveau message", "nuevo mensaje", "nova mensagem", "nieuw bericht",
	"nowa wiadomość", "новое сообщение", "yeni mesaj", "pesan baru", "tin nhắn mới", "ข้อความใหม่",
	"رسالة جديدة", "新消息", "新的消息", "买家消息", "買家訊息", "买家留言", "新しいメッセージ", "새 메시지", "새로운 메시지"}

// relayLabels are lines that are only a label before the buyer's words.
var relayLabels = []string{"message", "customer message", "buyer message", "message from customer",
	"question", "customer question", "buyer question", "nachricht", "frage", "mensaje", "pregunta", "messaggio",
	"domanda", "mensagem", "pergunta", "bericht", "vraag", "wiadomość", "pytanie", "сообщение", "вопрос",
	"mesaj", "soru", "pesan", "pertanyaan", "tin nhắn", "câu hỏi", "ข้อความ", "คำถาม", "رسالة", "سؤال",
	"留言", "消息", "买家留言", "السؤال", "الرسالة", "pregunta del cliente", "frage des kunden", "问题", "問題", "訊息", "メッセージ", "質問", "お問い合わせ内容", "메시지", "질문",
	"message du client", "mensaje del cliente", "nachricht des käufers", "messaggio del cliente"}

var footerRe = regexp.MustCompile(`(?i)^(reply in |reply within|respond within|reply to this|reply directly|respond to this|please (reply|respond|do not reply|don't reply|note)|do not reply|don't reply|replies sent|replies to this|you can reply|you can also reply|you can respond|answer this question|answer the question|répondre à cette question|rispondi a questa domanda|responder a esta pregunta|responda a esta pergunta|responder esta pergunta|frage beantworten|odpowiedz na to pytanie|bu soruyu yanıtla|この質問に回答|回答此问题|回答這個問題|이 질문에 답변|ответить на вопрос|beantwoord deze|antworten sie|bitte antworten|bitte nicht|répondez|ne pas répondre|ne répondez pas|responda|responde a|no responda|rispondi entro|non rispondere|odpowiedz|nie odpowiadaj|ответьте|не отвечайте|yanıtlayın|balas dalam|vui lòng trả lời|กรุณาตอบ|请在|請在|请勿回复|請勿回覆|このメールは|本メールは|ご返信|이 메일은|this (e-?mail|message) (was|is) (sent|automatically|an automatic)|this is an automatic|item id|item number|item:|numero oggetto|artikelnummer|número de artículo|numéro de l'objet|for your information|pour votre information|para tu información|per tua informazione|zu ihrer information|ご参考|copyright|©|to help arbitrate|only purchases|ebay sent|ebay hat|ebay ha|walmart marketplace \||tiktok shop seller center|aliexpress seller center|seller center|view (the )?order|view message|view conversation|go to messages)`)

var buttonWords = map[string]bool{"reply": true, "respond": true, "rispondi": true, "antworten": true,
	"répondre": true, "responder": true, "responda": true, "beantwoorden": true, "odpowiedz": true,
	"ответить": true, "yanıtla": true, "balas": true, "trả lời": true, "返信": true, "回复": true, "回覆": true,
	"답장": true, "reply now": true, "respond now": true, "view message": true, "reply to message": true,
	"respond to this message": true, "ตอบกลับ": true, "رد": true}

// isFooterLine recognises the boilerplate after a relayed message: reply
// buttons, separator lines, calls to action with a link ("Answer this
// question: https://..." or a label line followed by a URL line) and known
// footer phrases.
func isFooterLine(t, next string) bool {
	lt := strings.ToLower(strings.Trim(t, "[]<>*_ "))
	if buttonWords[lt] {
		return true
	}
	if t == "---" || t == "--" || isRuleLine(t) {
		return true
	}
	if i := strings.Index(lt, "http"); i > 0 && (strings.HasSuffix(strings.TrimSpace(lt[:i]), ":") || strings.HasSuffix(strings.TrimSpace(lt[:i]), "：")) {
		return true
	}
	if (strings.HasSuffix(t, ":") || strings.HasSuffix(t, "：")) && (strings.HasPrefix(next, "http://") || strings.HasPrefix(next, "https://")) {
		return true
	}
	return footerRe.MatchString(t)
}

// extractRelay returns the buyer's words from a marketplace relay message
// (Amazon buyer-seller message block, eBay member message, Walmart
// "Message:", TikTok Shop / AliExpress "new message from buyer" notices).
// ok is false when the text is not recognised as a relay.
func extractRelay(channel, text string, lines []string) (string, bool) {
	if text == "" || len(text) > 1<<20 {
		return "", false
	}
	if b, e, ok := dashBlock(lines, channel != ChannelAmazon); ok {
		if e == len(lines) { // no closing marker: stop at the footer
			for k := b; k < len(lines) && k < b+400; k++ {
				if t := strings.TrimSpace(lines[k]); t != "" && isFooterLine(t, "") {
					e = k
					break
				}
			}
		}
		return strings.TrimSpace(strings.Join(lines[b:e], "\n")), true
	}
	if channel == ChannelMail || channel == "" {
		return "", false
	}
	start, inline := -1, ""
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" || utf8.RuneCountInString(t) > 250 {
			continue
		}
		if ebayStartRe.MatchString(t) {
			start = i + 1
			break
		}
		lt := strings.ToLower(t)
		endsColon := strings.HasSuffix(t, ":") || strings.HasSuffix(t, "：")
		if endsColon {
			label := strings.TrimSpace(strings.TrimRight(lt, ":："))
			if inList(label, relayLabels) {
				start = i + 1
				break
			}
			for _, ph := range relayPhrases {
				if strings.Contains(lt, ph) {
					start = i + 1
					break
				}
			}
			if start >= 0 {
				break
			}
			continue
		}
		// "Customer Message: text" on one line
		if lab := labelOf(t); lab != "" && inList(lab, relayLabels) && lab != "message" && lab != "question" {
			if k := strings.IndexAny(t, ":："); k >= 0 {
				inline = strings.TrimSpace(strings.TrimLeft(t[k:], ":："))
				start = i + 1
				break
			}
		}
	}
	if start < 0 {
		return "", false
	}
	end := len(lines)
	for k := start; k < len(lines) && k < start+400; k++ {
		t := strings.TrimSpace(lines[k])
		next := ""
		for j := k + 1; j < len(lines) && j < k+3; j++ {
			if next = strings.TrimSpace(lines[j]); next != "" {
				break
			}
		}
		if t != "" && isFooterLine(t, next) {
			end = k
			break
		}
	}
	body := strings.TrimSpace(strings.Join(lines[start:end], "\n"))
	if inline != "" {
		body = strings.TrimSpace(inline + "\n" + body)
	}
	return unwrapQuotes(body), true
}

// unwrapQuotes removes quotation marks around the whole text.
func unwrapQuotes(s string) string {
	pairs := [][2]string{{"\"", "\""}, {"“", "”"}, {"«", "»"}, {"„", "“"}, {"「", "」"}, {"『", "』"}, {"'", "'"}}
	for _, p := range pairs {
		if len(s) > len(p[0])+len(p[1]) && strings.HasPrefix(s, p[0]) && strings.HasSuffix(s, p[1]) {
			inner := s[len(p[0]) : len(s)-len(p[1])]
			if !strings.Contains(inner, p[0]) && !strings.Contains(inner, p[1]) {
				return strings.TrimSpace(inner)
			}
		}
	}
	return s
}

// ---- order ids, ASIN, SKU ----

// orderLabels introduce an order number. Latin-script labels need a
// non-letter before them ("reorder" is not "order").
var orderLabels = []string{
	"order", "bestellnummer", "bestellung", "auftragsnummer", "commande", "pedido", "orden", "ordine",
	"bestelnummer", "bestelling", "numer zamówienia", "zamówienie", "заказ", "Заказ", "ЗАКАЗ", "номер заказа",
	"Номер заказа", "sipariş", "Sipariş", "SİPARİŞ", "đơn hàng", "Đơn hàng", "pesanan", "no order", "订单", "訂單", "注文", "주문", "หมายเลขคำสั่งซื้อ", "رقم الطلب",
}

// orderTokenRe reads what follows an order label: optional qualifier
// words, separators, then the number.
var orderTokenRe = regexp.MustCompile(`^(?i:\s*(?:id|number|num|no\.?|nr\.?|nº|n°|#|nummer|numéro|número|numero|numarası|номер|号|號|番号|编号|編號|號碼|번호| 번호|n[°º]))?\s*[:：#№.]?\s*(?i:no\.?|nr\.?|n[°º]\.?)?\s*[:：#]?\s*([A-Za-z0-9][A-Za-z0-9-]{2,40}[A-Za-z0-9])`)

// asciiLower lower-cases ASCII letters only, so byte offsets are kept.
func asciiLower(s string) string {
	i := 0
	for i < len(s) && !(s[i] >= 'A' && s[i] <= 'Z') {
		i++
	}
	if i == len(s) {
		return s
	}
	b := []byte(s)
	for ; i < len(b); i++ {
		if c := b[i]; c >= 'A' && c <= 'Z' {
			b[i] = c + 32
		}
	}
	return string(b)
}

func validOrderToken(t string) bool {
	digits := 0
	for i := 0; i < len(t); i++ {
		if t[i] >= '0' && t[i] <= '9' {
			digits++
		}
	}
	return digits >= 3 && len(t) >= 4
}

func isWordByteBefore(s string, i int) bool {
	if i == 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// orderLabelIndex buckets orderLabels by first byte for a single scan.
var orderLabelIndex = func() (idx [256][]string) {
	for _, l := range orderLabels {
		idx[l[0]] = append(idx[l[0]], l)
	}
	return
}()

// labelledOrder finds the earliest "label + number" in s.
func labelledOrder(s string) string {
	ls := asciiLower(s)
	tries := 0
	for k := 0; k < len(ls) && tries < 200; k++ {
		bucket := orderLabelIndex[ls[k]]
		if bucket == nil {
			continue
		}
		for _, lab := range bucket {
			if !strings.HasPrefix(ls[k:], lab) {
				continue
			}
			latin := lab[0] < 0x80 || lab[0] == 0xd0 || lab[0] == 0xc3 || lab[0] == 0xc4
			if latin && isWordByteBefore(ls, k) {
				continue
			}
			rest := s[k+len(lab):]
			if len(rest) > 80 {
				rest = rest[:80]
			}
			tries++
			if m := orderTokenRe.FindStringSubmatch(rest); m != nil && validOrderToken(m[1]) {
				return m[1]
			}
		}
	}
	return ""
}

// findDashedDigits finds the first run of digit groups of the given
// lengths joined by '-', not adjacent to other digits or letters.
func findDashedDigits(s string, groups []int) string {
	total := len(groups) - 1
	for _, g := range groups {
		total += g
	}
	off := 0
	for {
		k := strings.IndexByte(s[off:], '-')
		if k < 0 {
			return ""
		}
		k += off
		off = k + 1
		start := k - groups[0]
		if start < 0 || start+total > len(s) {
			continue
		}
		ok := true
		p := start
		for gi, g := range groups {
			for j := 0; j < g; j++ {
				if c := s[p+j]; c < '0' || c > '9' {
					ok = false
					break
				}
			}
			if !ok {
				break
			}
			p += g
			if gi < len(groups)-1 {
				if s[p] != '-' {
					ok = false
					break
				}
				p++
			}
		}
		if !ok {
			continue
		}
		if start > 0 && isAlnum(s[start-1]) || start+total < len(s) && isAlnum(s[start+total]) {
			continue
		}
		return s[start : start+total]
	}
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

var (
	amazonGroups = []int{3, 7, 7}
	ebayGroups   = []int{2, 5, 5}
)

// findOrderID looks for an order number: the channel's own format first
// (Amazon 123-1234567-1234567, eBay 12-12345-12345), then a labelled one
// ("Order ID:", "Order #", "Bestellnummer", "Pedido", "订单号", "注文番号",
// "주문번호"...), in the subject, the new text, then the whole text.
func findOrderID(channel, subject, newText, text string) string {
	sources := []string{subject, newText, text}
	if newText == text {
		sources = sources[:2]
	}
	groups := [][]int{amazonGroups, ebayGroups}
	if channel == ChannelEbay {
		groups = [][]int{ebayGroups, amazonGroups}
	}
	for _, g := range groups {
		for _, s := range sources {
			if m := findDashedDigits(s, g); m != "" {
				return m
			}
		}
	}
	for _, s := range sources {
		if o := labelledOrder(s); o != "" {
			return o
		}
	}
	// Unlabelled marketplace formats: TikTok Shop 18-19 digits, AliExpress
	// 16, Walmart 13-15.
	var lo, hi int
	switch channel {
	case ChannelTikTok:
		lo, hi = 18, 19
	case ChannelAliExpress:
		lo, hi = 16, 16
	case ChannelWalmart:
		lo, hi = 13, 15
	default:
		return ""
	}
	for _, s := range sources {
		if o := digitRun(s, lo, hi); o != "" {
			return o
		}
	}
	return ""
}

// digitRun finds a run of lo..hi digits not preceded on its line by a
// product/item/tracking label.
func digitRun(s string, lo, hi int) string {
	for i := 0; i < len(s); {
		if s[i] < '0' || s[i] > '9' || (i > 0 && isAlnum(s[i-1])) {
			i++
			continue
		}
		j := i
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if n := j - i; n >= lo && n <= hi && (j == len(s) || !isAlnum(s[j])) {
			ls := strings.LastIndexByte(s[:i], '\n') + 1
			before := strings.ToLower(s[ls:i])
			skip := false
			for _, w := range []string{"product", "item", "listing", "sku", "tracking", "商品", "物品", "phone", "tel"} {
				if strings.Contains(before, w) {
					skip = true
					break
				}
			}
			if !skip {
				return s[i:j]
			}
		}
		i = j
	}
	return ""
}

// findASIN finds an Amazon ASIN (B0 + 8 upper-case letters/digits).
func findASIN(subject, text string) string {
	for _, s := range []string{subject, text} {
		off := 0
		for {
			k := strings.Index(s[off:], "B0")
			if k < 0 {
				break
			}
			k += off
			off = k + 2
			if k+10 > len(s) || k > 0 && isAlnum(s[k-1]) || k+10 < len(s) && isAlnum(s[k+10]) {
				continue
			}
			ok, digit := true, false
			for j := k + 2; j < k+10; j++ {
				c := s[j]
				if c >= '0' && c <= '9' {
					digit = true
				} else if c < 'A' || c > 'Z' {
					ok = false
					break
				}
			}
			if ok && digit {
				return s[k : k+10]
			}
		}
	}
	return ""
}

var skuTokenRe = regexp.MustCompile(`^\s*[:：#]\s*([A-Za-z0-9][A-Za-z0-9._/-]{0,40}[A-Za-z0-9])`)

// findSKU finds a value labelled "SKU:" (also "Seller SKU:", "货号:", "品番:").
func findSKU(text string) string {
	for _, lab := range []string{"sku", "SKU", "Sku", "货号", "貨號", "品番"} {
		off := 0
		for {
			k := strings.Index(text[off:], lab)
			if k < 0 {
				break
			}
			k += off
			off = k + len(lab)
			if lab[0] < 0x80 && (isWordByteBefore(text, k) || off < len(text) && isAlnum(text[off])) {
				continue
			}
			rest := text[off:]
			if len(rest) > 60 {
				rest = rest[:60]
			}
			if m := skuTokenRe.FindStringSubmatch(rest); m != nil {
				return m[1]
			}
		}
	}
	return ""
}
