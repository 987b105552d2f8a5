package parse

import (
	"regexp"
	"strings"
)

// replyPrefixRe matches one reply/forward/auto-reply prefix at the start of
// a subject, in many languages, with counters ("RE[2]:", "Re(3):",
// "Re^2:"), a space before the colon and ASCII or full-width colons.
var replyPrefixRe = regexp.MustCompile(`(?i)^\s*(re|fwd?|aw|wg|sv|vs|vl|vb|antw|antwort|tr|rv|res|enc|odp|pd|fs|ref|rif|r|i|ynt|ilt|İlt|απ|σχετ|πρθ|ответ|отв|пересл|fw|回复|回覆|答复|答覆|转发|轉寄|轉發|返信|転送|답장|회신|전달|tl|trả lời|chuyển tiếp|balas|teruskan|automatic reply|auto-?reply|auto reply|autoreply|automatische antwort|abwesenheitsnotiz|réponse automatique|respuesta automática|risposta automatica|automatisch antwoord|автоматический ответ|自动回复|自動回覆|自動回复|自動返信|자동 회신)\s*(?:\[\d+\]|\(\d+\)|\^\d+)?\s*[:：]\s*`)

// bracketPrefixRe matches a full-width-bracket auto-reply tag like
// "【自動返信】" at the start.
var autoTagRe = regexp.MustCompile(`^\s*[【\[](自動返信|自动回复|自動回覆|auto-?reply|automatic reply|out of office)[】\]]\s*`)

// NormalizeSubject returns a subject key for threading: reply, forward and
// auto-reply prefixes in many languages are stripped repeatedly (Re:, Fwd:,
// Fw:, AW:, WG:, SV:, VS:, Antw:, TR:, RV:, RES:, Enc:, R:, I:, Odp:, YNT:,
// Ответ:, 回复:, 答复:, 回覆:, 转发:, 轉寄:, 返信:, 転送:, 답장:, RE[2]:,
// "Automatic reply:", "【自動返信】"...; ASCII or full-width colon),
// whitespace is collapsed and the result is lower-cased.
//
// Bracketed tags such as "[Ticket #123]" or "[EXT]" are kept: they often
// carry a ticket or list identity that distinguishes threads. Prefixes
// after leading tags are still stripped, so "[Ticket 5] Re: Hello" and
// "Re: [Ticket 5] Hello" both give "[ticket 5] hello".
func NormalizeSubject(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	var tags []string
	for i := 0; i < 50; i++ {
		if loc := replyPrefixRe.FindStringIndex(s); loc != nil && loc[1] > 0 && loc[1] < len(s)+1 {
			rest := s[loc[1]:]
			// "R:" and "I:" only strip when more text follows
			if strings.TrimSpace(rest) == "" {
				break
			}
			s = rest
			continue
		}
		if loc := autoTagRe.FindStringIndex(s); loc != nil {
			s = s[loc[1]:]
			continue
		}
		// Leading bracket tag: keep it and look behind it.
		t := strings.TrimSpace(s)
		if strings.HasPrefix(t, "[") {
			if j := strings.IndexByte(t, ']'); j > 0 && j < 80 {
				tags = append(tags, t[:j+1])
				s = t[j+1:]
				continue
			}
		}
		break
	}
	s = strings.TrimSpace(s)
	if len(tags) > 0 {
		s = strings.TrimSpace(strings.Join(tags, " ") + " " + s)
	}
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}
