package parse

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// SplitQuoted splits a plain-text mail body into the sender's new text, the
// quoted history and the signature.
//
// Quoted history starts at:
//   - lines starting with ">" (interleaved replies keep their own lines as
//     new text);
//   - an attribution line such as "On <date>, <name> wrote:" in many
//     languages ("Am ... schrieb ...:", "Le ... a écrit :", "El ... escribió:",
//     "Il ... ha scritto:", "Em ... escreveu:", "Op ... schreef ...:",
//     "... написал(а):", "W dniu ... napisał:", "... tarihinde ... yazdı:",
//     "在 ... 写道：", "...のメッセージ:", "...さんは書きました:", "... 작성:",
//     also spread over two or three lines, and "<date>, <name> <addr>:");
//     when the attribution is followed by ">" lines only those are quoted;
//   - separators such as "-----Original Message-----",
//     "-----Ursprüngliche Nachricht-----", "-------- Исходное сообщение --------",
//     "------------------ 原始邮件 ------------------", forwarded-message
//     separators, "Begin forwarded message:";
//   - Outlook-style header blocks "From: ... Sent: ... To: ... Subject:" in
//     many languages (Von/Gesendet/An/Betreff, De/Envoyé/À/Objet,
//     De/Enviado/Para/Asunto, Da/Inviato/A/Oggetto, Van/Verzonden/Aan/Onderwerp,
//     От/Отправлено/Кому/Тема, 发件人/发送时间/收件人/主题, 寄件者/傳送時間/收件者/主旨,
//     差出人/送信日時/宛先/件名, 보낸 사람/보낸 날짜/받는 사람/제목, ...), possibly
//     preceded by a "________________________________" line.
//
// The signature is what follows a "-- " line (RFC 3676, also "--") near the
// end of the new text, or a mobile/app signature like "Sent from my iPhone",
// "发自我的iPhone", "Enviado desde mi iPhone", "Von meinem iPhone gesendet",
// "Envoyé de mon iPhone", "iPhoneから送信" in the last lines.
//
// A message that is only a forward (separator at the top, nothing above)
// keeps the forwarded content as new text, without its header block.
func SplitQuoted(text string) (newText, quoted, signature string) {
	return splitQuoted(text, 0)
}

func splitQuoted(text string, depth int) (newText, quoted, signature string) {
	if text == "" {
		return "", "", ""
	}
	if strings.IndexByte(text, '\r') >= 0 {
		text = strings.ReplaceAll(text, "\r\n", "\n")
		text = strings.ReplaceAll(text, "\r", "\n")
	}
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	return splitQuotedLines(strings.Split(text, "\n"), depth)
}

// splitQuotedLines is SplitQuoted on text already split at "\n" (valid
// UTF-8, no "\r").
func splitQuotedLines(lines []string, depth int) (newText, quoted, signature string) {
	if len(lines) == 1 && lines[0] == "" {
		return "", "", ""
	}
	n := len(lines)
	quotedLine := make([]bool, n)
	cut := n         // everything from cut on is quoted history
	fwdCut := -1     // cut was a forward separator
	inBlock := false // inside a ">" block owned by an attribution
	for i := 0; i < n; i++ {
		l := lines[i]
		t := strings.TrimSpace(l)
		if isQuoteLine(l) {
			quotedLine[i] = true
			inBlock = true
			continue
		}
		if t == "" {
			if inBlock && nextNonBlankIsQuote(lines, i+1) {
				quotedLine[i] = true
			}
			continue
		}
		inBlock = false
		if isSeparator(t) {
			cut = i
			if isForwardSeparator(t) {
				fwdCut = i
			}
			break
		}
		if j, ok := headerBlockAt(lines, i); ok {
			cut = j
			if cut < i && isForwardSeparator(strings.TrimSpace(lines[cut])) {
				fwdCut = cut
			}
			break
		}
		if end, strong := attributionAt(lines, i); end >= i {
			if nextNonBlankIsQuote(lines, end+1) {
				for k := i; k <= end; k++ {
					quotedLine[k] = true
				}
				for end+1 < n && strings.TrimSpace(lines[end+1]) == "" {
					end++
					quotedLine[end] = true
				}
				i = end
				continue
			}
			if strong {
				cut = i
				break
			}
		}
	}
	// Lines before cut: new text unless quoted.
	var nl, ql []string
	for i := 0; i < cut; i++ {
		if quotedLine[i] {
			ql = append(ql, lines[i])
		} else if strings.TrimSpace(lines[i]) != "" || len(nl) == 0 || strings.TrimSpace(nl[len(nl)-1]) != "" {
			nl = append(nl, lines[i])
		}
	}
	nl = trimBlankLines(nl)
	if cut < n {
		ql = append(ql, lines[cut:]...)
	}
	// Forward without own text: the forwarded message is the content.
	if len(nl) == 0 && fwdCut >= 0 && fwdCut == cut && depth < 3 {
		body := skipForwardHeader(lines[cut+1:])
		nl = trimBlankLines(body)
		ql = nil
		if len(nl) > 0 {
			// quoted history inside the forwarded message still splits off
			nt, q, s := splitQuoted(strings.Join(nl, "\n"), depth+1)
			return nt, q, s
		}
	}
	sigStart := signatureStart(nl)
	var sl []string
	if sigStart >= 0 {
		sl = trimBlankLines(nl[sigStart:])
		nl = trimBlankLines(nl[:sigStart])
	}
	return strings.Join(nl, "\n"), strings.TrimSpace(strings.Join(trimBlankLines(ql), "\n")), strings.Join(sl, "\n")
}

func trimBlankLines(l []string) []string {
	for len(l) > 0 && strings.TrimSpace(l[0]) == "" {
		l = l[1:]
	}
	for len(l) > 0 && strings.TrimSpace(l[len(l)-1]) == "" {
		l = l[:len(l)-1]
	}
	return l
}

func isQuoteLine(l string) bool {
	for i := 0; i < len(l) && i < 4; i++ {
		switch l[i] {
		case '>':
			return true
		case ' ', '\t':
			continue
		}
		return false
	}
	return false
}

func nextNonBlankIsQuote(lines []string, from int) bool {
	for k := from; k < len(lines) && k < from+4; k++ {
		if strings.TrimSpace(lines[k]) == "" {
			continue
		}
		return isQuoteLine(lines[k])
	}
	return false
}

// ---- separators ----

var separatorPhrases = []string{
	"original message", "original e-mail", "original email", "forwarded message", "forwarded e-mail",
	"ursprüngliche nachricht", "weitergeleitete nachricht", "originalnachricht",
	"message d'origine", "message original", "message transféré", "courriel original",
	"mensaje original", "mensaje reenviado", "messaggio originale", "messaggio inoltrato",
	"mensagem original", "mensagem encaminhada", "oorspronkelijk bericht", "origineel bericht",
	"doorgestuurd bericht", "oryginalna wiadomość", "wiadomość oryginalna", "przekazana wiadomość",
	"исходное сообщение", "пересылаемое сообщение", "пересланное сообщение", "оригинальное сообщение",
	"orijinal mesaj", "özgün ileti", "iletilen mesaj", "原始邮件", "原始郵件", "邮件原件", "郵件原件",
	"转发邮件", "轉寄郵件", "转发的邮件", "元のメッセージ", "転送メッセージ", "オリジナルメッセージ",
	"원본 메시지", "원래 메시지", "전달된 메시지", "ursprungligt meddelande", "vidarebefordrat meddelande",
	"oprindelig meddelelse", "opprinnelig melding", "alkuperäinen viesti", "původní zpráva",
	"pesan asli", "pesan terusan", "thư gốc", "tin nhắn gốc", "ข้อความต้นฉบับ", "الرسالة الأصلية",
	"eredeti üzenet", "αρχικό μήνυμα", "mesaj original",
}

var forwardPhrases = []string{
	"forward", "weitergeleitet", "transféré", "reenviado", "inoltrato", "encaminhad", "doorgestuurd",
	"przekazan", "пересыла", "переслан", "iletilen", "转发", "轉寄", "転送", "전달", "vidarebefordra",
	"terusan",
}

// isSeparator recognises lines like "-----Original Message-----" or
// "Begin forwarded message:".
func isSeparator(t string) bool {
	if len(t) < 6 {
		return false
	}
	first, _ := utf8.DecodeRuneInString(t)
	switch first {
	case '-', '_', '=', '*', '—', '─':
	case 'b', 'B', 'd', 'D', 'a', 'A', 'i', 'I':
		for _, p := range forwardIntros {
			if len(t) >= len(p) && strings.EqualFold(t[:len(p)], p) {
				return true
			}
		}
		return false
	default:
		return false
	}
	inner := strings.TrimFunc(t, func(r rune) bool {
		return r == '-' || r == '_' || r == '=' || r == '*' || r == ' ' || r == '—' || r == '─' || r == ':' || r == '\t'
	})
	if inner == "" || len(inner) > 60 {
		return false
	}
	inner = strings.ToLower(inner)
	for _, p := range separatorPhrases {
		if strings.Contains(inner, p) {
			return true
		}
	}
	return false
}

// forwardIntros open Apple Mail style forwards.
var forwardIntros = []string{"begin forwarded message", "début du message réexpédié",
	"anfang der weitergeleiteten nachricht", "inicio del mensaje reenviado", "inizio messaggio inoltrato"}

func isForwardSeparator(t string) bool {
	lt := strings.ToLower(t)
	for _, p := range forwardPhrases {
		if strings.Contains(lt, p) {
			return true
		}
	}
	return false
}

// ---- Outlook-style header blocks ----

var fromLabels = []string{
	"from", "von", "de", "da", "van", "od", "от", "від", "kimden", "gönderen", "发件人", "寄件者", "寄件人",
	"差出人", "送信者", "보낸 사람", "보낸사람", "från", "fra", "lähettäjä", "feladó", "từ", "dari", "จาก", "من",
	"afzender", "absender", "remitente", "mittente", "expéditeur", "remetente", "nadawca", "отправитель",
}

var otherLabels = []string{
	"sent", "date", "to", "cc", "subject", "gesendet", "datum", "an", "betreff", "envoyé", "date d'envoi", "à", "a",
	"objet", "enviado", "fecha", "para", "asunto", "inviato", "data", "oggetto", "verzonden", "aan",
	"onderwerp", "wysłano", "wysłane", "do", "temat", "data wysłania", "отправлено", "дата", "кому", "тема",
	"копия", "gönderildi", "tarih", "kime", "konu", "发送时间", "发送日期", "日期", "时间", "收件人", "抄送", "主题",
	"傳送時間", "傳送日期", "寄件日期", "收件者", "副本", "主旨", "送信日時", "日時", "宛先", "件名", "보낸 날짜",
	"날짜", "받는 사람", "참조", "제목", "skickat", "ämne", "till", "sendt", "emne", "til", "lähetetty",
	"vastaanottaja", "aihe", "küldve", "címzett", "tárgy", "đã gửi", "ngày", "đến", "tới", "chủ đề",
	"tiêu đề", "dikirim", "tanggal", "kepada", "perihal", "subjek", "ส่ง", "ถึง", "เรื่อง", "التاريخ",
	"إلى", "الموضوع", "تم الإرسال", "destinatario", "destinatário", "assunto", "cc",
}

// labelOf returns the lower-cased label of a "Label: value" line (also
// "*Label:*", full-width colon, French space before the colon), or "".
func labelOf(t string) string {
	t = strings.TrimLeft(t, "*_ \t")
	i := colonIndex(t, 48)
	if i <= 0 || i > 40 {
		return ""
	}
	return strings.ToLower(strings.TrimSpace(strings.Trim(t[:i], "*_ \t\u00a0")))
}

// labelKind classifies the label of a "Label: value" line without
// allocating: from is a From-like label, other a Sent/To/Subject-like one.
func labelKind(t string) (from, other bool) {
	t = strings.TrimLeft(t, "*_ \t")
	i := colonIndex(t, 48)
	if i <= 0 || i > 40 {
		return false, false
	}
	lab := strings.TrimSpace(strings.Trim(t[:i], "*_ \t\u00a0"))
	var buf [48]byte
	if len(lab) <= len(buf) {
		b := buf[:len(lab)]
		ascii := true
		for k := 0; k < len(lab); k++ {
			c := lab[k]
			if c >= 0x80 {
				ascii = false
				break
			}
			if c >= 'A' && c <= 'Z' {
				c += 32
			}
			b[k] = c
		}
		if ascii {
			return fromLabelSet[string(b)], otherLabelSet[string(b)]
		}
	}
	l := strings.ToLower(lab)
	return fromLabelSet[l], otherLabelSet[l]
}

// colonIndex returns the index of the first ':' or full-width '：' within
// the first max bytes of t, or -1.
func colonIndex(t string, max int) int {
	if len(t) < max {
		max = len(t)
	}
	for i := 0; i < max; i++ {
		switch t[i] {
		case ':':
			return i
		case 0xEF:
			if i+2 < len(t) && t[i+1] == 0xBC && t[i+2] == 0x9A {
				return i
			}
		}
	}
	return -1
}

func inList(s string, list []string) bool {
	for _, x := range list {
		if s == x {
			return true
		}
	}
	return false
}

func toSet(list []string) map[string]bool {
	m := make(map[string]bool, len(list))
	for _, x := range list {
		m[x] = true
	}
	return m
}

var (
	fromLabelSet  = toSet(fromLabels)
	otherLabelSet = toSet(otherLabels)
)

// headerBlockAt reports whether a quoted header block starts at line i
// ("From:" followed by at least two other header labels within a few
// lines, or by one when a separator line precedes). It returns the line
// where the quoted history starts (the separator line if any).
func headerBlockAt(lines []string, i int) (int, bool) {
	t := strings.TrimSpace(lines[i])
	if isFrom, _ := labelKind(t); !isFrom {
		return 0, false
	}
	start := i
	// a separator line just above ("____", "-----Original Message-----" handled elsewhere)
	sep := false
	for k := i - 1; k >= 0 && k >= i-2; k-- {
		pt := strings.TrimSpace(lines[k])
		if pt == "" {
			continue
		}
		if isRuleLine(pt) {
			start, sep = k, true
		}
		break
	}
	others := 0
	for k := i + 1; k < len(lines) && k <= i+8; k++ {
		lt := strings.TrimSpace(lines[k])
		if lt == "" {
			if others > 0 {
				break
			}
			continue
		}
		_, isOther := labelKind(lt)
		if isOther {
			others++
		}
	}
	if others >= 2 || (sep && others >= 1) {
		return start, true
	}
	return 0, false
}

// isRuleLine: a line of underscores, dashes or box-drawing characters.
func isRuleLine(t string) bool {
	if utf8.RuneCountInString(t) < 5 {
		return false
	}
	for _, r := range t {
		switch r {
		case '_', '-', '—', '─', '=', '―', '–':
		default:
			return false
		}
	}
	return true
}

// ---- attribution lines ----

// attrTails end an attribution line (before the colon), lower-case.
var attrTails = []string{"wrote", "writes", "schrieb", "a écrit", "a ecrit", "escribió", "escribio",
	"ha scritto", "scrive", "escreveu", "schreef", "написал", "написала", "написал(а)", "пишет", "написав",
	"написала(в)", "napisał", "napisała", "napisał(a)", "yazdı", "写道", "寫道", "書きました", "書き込みました",
	"のメッセージ", "작성", "skrev", "kirjoitti", "napsal", "napísal", "írta", "đã viết", "viết", "menulis",
	"เขียน", "كتب", "a scris", "έγραψε"}

// hasAttrTail reports whether s (ending with a colon) ends with an
// attribution verb, optionally followed by a parenthesised remark.
func hasAttrTail(s string) bool {
	s = strings.TrimRight(s, " \t\u00a0")
	s = strings.TrimSuffix(s, ":")
	s = strings.TrimSuffix(s, "：")
	s = strings.TrimRight(s, " \t\u00a0")
	if strings.HasSuffix(s, ")") {
		if k := strings.LastIndexByte(s, '('); k > 0 && len(s)-k < 40 {
			if t := strings.TrimRight(s[:k], " \t"); !strings.HasSuffix(t, "написал") && !strings.HasSuffix(t, "napisał") {
				s = t
			}
		}
	}
	if len(s) > 40 {
		s = s[len(s)-40:]
	}
	ls := strings.ToLower(s)
	for _, t := range attrTails {
		if strings.HasSuffix(ls, t) {
			return true
		}
	}
	return false
}

// attrLead matches typical attribution openings.
var attrLead = regexp.MustCompile(`(?i)^(on|am|le|el|il|em|no dia|op|w dniu|den|dne|el día|le \d|在|於|于|\d)`)

// attrAddrTail matches "<date>, <name> <addr>:" attributions without a verb
// (Yandex, mail.ru, many Asian clients).
var attrAddrTail = regexp.MustCompile(`(<[^<>\s]+@[^<>\s]+>|\[mailto:[^\]]+\]|\S+@\S+\.\w+[>)\]]?)\s*[:：]\s*$`)

// attributionAt checks whether an attribution line ends at line i, i+1 or
// i+2 (clients wrap long ones). It returns the last line of the
// attribution (or -1) and whether it is strong (has a date, an address or a
// typical opening) as opposed to a bare "... wrote:".
func attributionAt(lines []string, i int) (int, bool) {
	// Cheap pre-check: one of the candidate last lines ends with a colon.
	cand := false
	for end := i; end < len(lines) && end <= i+2; end++ {
		t := strings.TrimRight(lines[end], " \t\u00a0")
		if strings.HasSuffix(t, ":") || strings.HasSuffix(t, "：") {
			cand = true
			break
		}
	}
	if !cand {
		return -1, false
	}
	first := strings.TrimSpace(lines[i])
	if len(first) > 400 {
		return -1, false
	}
	joined := first
	for end := i; end < len(lines) && end <= i+2; end++ {
		if end > i {
			nt := strings.TrimSpace(lines[end])
			if nt == "" || isQuoteLine(lines[end]) {
				break
			}
			if strings.HasSuffix(joined, "<") || strings.HasSuffix(joined, "(") || strings.HasSuffix(joined, "[") {
				joined += nt // wrapped inside <addr>
			} else {
				joined += " " + nt
			}
			if len(joined) > 500 {
				break
			}
		}
		if !strings.HasSuffix(joined, ":") && !strings.HasSuffix(joined, "：") {
			continue
		}
		hasDigit := strings.IndexFunc(joined, unicode.IsDigit) >= 0
		if hasAttrTail(joined) {
			strong := hasDigit || strings.IndexByte(joined, '@') >= 0 || attrLead.MatchString(joined)
			// a bare "X wrote:" must be short to count at all
			if !strong && utf8.RuneCountInString(joined) > 120 {
				return -1, false
			}
			return end, strong
		}
		if hasDigit && strings.IndexByte(joined, '@') >= 0 && len(joined) < 600 && attrAddrTail.MatchString(joined) && utf8.RuneCountInString(joined) < 250 {
			return end, true
		}
	}
	return -1, false
}

// skipForwardHeader drops the "From:/Date:/Subject:/To:" lines at the top of
// a forwarded message.
func skipForwardHeader(lines []string) []string {
	i := 0
	for i < len(lines) && strings.TrimSpace(lines[i]) == "" {
		i++
	}
	start := i
	for i < len(lines) {
		t := strings.TrimSpace(lines[i])
		if t == "" {
			break
		}
		lab := labelOf(t)
		if lab == "" || !(fromLabelSet[lab] || otherLabelSet[lab] || lab == "reply-to") {
			if i == start {
				return lines[start:]
			}
			break
		}
		i++
	}
	return lines[i:]
}

// ---- signatures ----

// mobilePrefixes open a mobile/app signature line (lower-case).
var mobilePrefixes = []string{"sent from", "sent with", "sent via", "sent using", "get outlook for", "envoyé de",
	"envoyé depuis", "enviado desde", "enviado de", "enviado do", "enviado con", "von meinem", "gesendet von",
	"inviato da", "inviato dal", "verstuurd vanaf", "verzonden vanaf", "verzonden met", "отправлено с",
	"отправлено из", "wysłane z", "dikirim dari", "gửi từ", "ส่งจาก", "发自", "發自", "来自我的", "來自我的",
	"从我的", "從我的", "寄自我的", "skickat från", "sendt fra", "lähetetty", "enviado a partir do",
	"envoyé à partir de", "verzonden vanaf mijn", "gesendet mit", "gesendet vom"}

// deviceWords name a device or mail app (lower-case).
var deviceWords = []string{"iphone", "ipad", "android", "galaxy", "samsung", "huawei", "xiaomi", "honor",
	"oppo", "vivo", "redmi", "pixel", "mobile", "handy", "smartphone", "outlook", "mail", "yahoo", "gmail",
	"aol", "blackberry", "windows", "手机", "手機", "移动", "携帯", "スマートフォン", "모바일", "갤럭시",
	"смартфон", "телефон", "móvil", "movil", "celular", "cellulare", "telefono", "telefone", "portable",
	"mobiel", "telefon", "ponsel", "điện thoại"}

// mobileSuffixes end a mobile signature line ("iPhoneから送信").
var mobileSuffixes = []string{"から送信", "より送信", "에서 보냄", "에서 보낸", "gesendet", "gönderildi", "'dan gönderildi"}

func isMobileSignature(t string) bool {
	if strings.HasSuffix(t, "?") || strings.HasSuffix(t, "？") {
		return false
	}
	lt := strings.ToLower(t)
	for _, suf := range mobileSuffixes {
		if strings.HasSuffix(lt, suf) {
			return true
		}
	}
	pre := false
	for _, p := range mobilePrefixes {
		if strings.HasPrefix(lt, p) {
			pre = true
			break
		}
	}
	if !pre {
		return false
	}
	for _, d := range deviceWords {
		if strings.Contains(lt, d) {
			return true
		}
	}
	return false
}

// signatureStart finds where a signature starts in the new-text lines, or -1.
func signatureStart(nl []string) int {
	n := len(nl)
	// RFC 3676 delimiter: the last "-- " line with a short remainder.
	for i := n - 1; i >= 1 && i >= n-40; i-- {
		if strings.TrimRight(nl[i], " \t") == "--" {
			return i
		}
	}
	// Mobile signatures among the last non-blank lines.
	seen := 0
	for i := n - 1; i >= 0 && seen < 4; i-- {
		t := strings.TrimSpace(nl[i])
		if t == "" {
			continue
		}
		seen++
		if utf8.RuneCountInString(t) > 80 {
			continue
		}
		if isMobileSignature(t) {
			return i
		}
	}
	return -1
}
