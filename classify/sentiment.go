package classify

// Sentiment on the five-level scale of LABELS.md, from hand-written
// multilingual lexicons (classify/sentimentdata/*.txt, embedded) and a few
// language-independent cues (repeated ?? and !!, capitals, scare quotes,
// "for $89" price indignation, "... not").
//
// The design follows the labelling conventions of the corpus: most buyer mail
// is neutral, so the prior is 0 and only clear evidence moves it. Politeness
// does not make a complaint positive; it dampens problem reports (a polite
// refund request stays 0) and lowers anger (a polite deadline stays -1), but
// explicit emotion words ("disappointed", "残念", "buồn") count regardless.
// Sarcasm (praise plus a complaint plus a sarcasm marker) turns the praise
// negative. -2 needs anger: threats, third follow-ups, rhetorical questions,
// insults, dismissals ("don't send me a copy-paste answer"), sarcasm.
//
// Everything is computed in one pass of an Aho-Corasick automaton over the
// folded text (lower case, accents folded for Latin scripts, Arabic letter
// variants unified, full-width punctuation made ASCII), built once on first use.

import (
	"bytes"
	"embed"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

//go:embed sentimentdata/*.txt
var sentimentFS embed.FS

// PredictSentiment judges the sender's tone in text (the sender's own new
// text, quotes and boilerplate removed) written in lang (one of Languages; ""
// or a wrong value only loses the few entries that are specific to a language).
// It never panics and always returns a Score in -2..2 and a Confidence in 0..1.
func PredictSentiment(text, lang string) SentimentGuess {
	lx := sentimentLexicon()
	if lang == "zh-Hans" || lang == "zh-Hant" {
		lang = "zh"
	}
	if len(text) > sentMaxText {
		text = text[:sentMaxText]
	}
	sc := sentScorerPool.Get().(*sentScorer)
	buf, hits, kept := sc.t[:0], sc.hits[:0], sc.kept[:0]
	*sc = sentScorer{lx: lx, lang: lang, t: buf, hits: hits, kept: kept}
	defer sentScorerPool.Put(sc)
	sc.fold(text)
	if sc.letters == 0 && len(sc.t) == 0 {
		return SentimentGuess{Score: 0, Confidence: 0.5, Reasons: []string{"no text"}}
	}
	sc.match()
	sc.score()
	return sc.decide()
}

var sentScorerPool = sync.Pool{New: func() any { return new(sentScorer) }}

const sentMaxText = 6000

// ---------------------------------------------------------------------------
// Lexicon

// categories of lexicon entries
const (
	sentCNone    uint8 = iota
	sentCPos           // praise, satisfaction
	sentCPos2          // strong praise: love it, excellent, 5 stars, recommend
	sentCThx           // thanks formula (polite; positive only without a request)
	sentCGrat          // gratitude for something done: "thanks for sorting it out"
	sentCNegM          // mild: unfortunately
	sentCNegE          // negative emotion: disappointed, upset, sad
	sentCNeg2          // strong negative / angry words: unacceptable, terrible, scam
	sentCIns           // insult: scammers, you people
	sentCProb          // problem: broken, doesn't work, missing
	sentCProb2         // strong problem: shattered, melted, in pieces
	sentCDelay         // still not, no update, it's been
	sentCNoRep         // no reply, ignored
	sentCFoll          // follow-up: third time, again
	sentCRhet          // rhetorical / challenging question: how long, or not?
	sentCExasp         // exasperation: what now, at this point
	sentCExp           // broken expectation: was supposed to
	sentCThreat        // dispute, chargeback, bad review, lawyer
	sentCDemand        // right away, I demand
	sentCDismiss       // don't send me a copy-paste answer; I've been patient
	sentCPrice         // I paid full price
	sentCSarc          // strong sarcasm marker: love that for me, thanks for nothing
	sentCSarcC         // conditional sarcasm marker: ㅋㅋ, ^^, exactly what I expected
	sentCPolite        // closing / courtesy formula
	sentCReq           // polite request: please, could you
	sentCSoft          // softener: not a big deal, otherwise
	sentCNeut          // neutral phrase overriding its words: good morning, no problem
	sentCNeg           // negator before a word
	sentCNegPost       // negator after a word (ja, ko, tr)
	sentCInt           // intensifier
	sentCBut           // contrast: but, aber, 但是
	sentCReport        // relays a third party's words: "a customer has opened", "buyer's comment"
	sentNumCats
)

var sentCatNames = map[string]uint8{
	"POS": sentCPos, "POS2": sentCPos2, "THX": sentCThx, "GRAT": sentCGrat, "NEGM": sentCNegM,
	"NEGE": sentCNegE, "NEG2": sentCNeg2, "INS": sentCIns, "PROB": sentCProb, "PROB2": sentCProb2,
	"DELAY": sentCDelay, "NOREP": sentCNoRep, "FOLL": sentCFoll, "RHET": sentCRhet, "EXASP": sentCExasp,
	"EXP": sentCExp, "THREAT": sentCThreat, "DEMAND": sentCDemand, "DISMISS": sentCDismiss,
	"PRICE": sentCPrice, "SARC": sentCSarc, "SARCC": sentCSarcC, "POLITE": sentCPolite, "REQ": sentCReq,
	"SOFT": sentCSoft, "NEUT": sentCNeut, "NEG": sentCNeg, "NEGPOST": sentCNegPost, "INT": sentCInt,
	"BUT": sentCBut, "REPORT": sentCReport,
}

// base contributions of one hit of each category: positive, negative, anger
var sentCatBase = [sentNumCats][3]float64{
	sentCPos:     {1.0, 0, 0},
	sentCPos2:    {1.6, 0, 0},
	sentCThx:     {0.4, 0, 0},
	sentCGrat:    {1.0, 0, 0},
	sentCNegM:    {0, 0.4, 0},
	sentCNegE:    {0, 1.5, 0},
	sentCNeg2:    {0, 2.0, 1.0},
	sentCIns:     {0, 2.5, 3.0},
	sentCProb:    {0, 0.5, 0},
	sentCProb2:   {0, 0.9, 0},
	sentCDelay:   {0, 0.5, 0},
	sentCNoRep:   {0, 1.0, 0.5},
	sentCFoll:    {0, 0.8, 1.0},
	sentCRhet:    {0, 1.0, 1.5},
	sentCExasp:   {0, 1.0, 0},
	sentCExp:     {0, 0.6, 0},
	sentCThreat:  {0, 1.5, 1.5},
	sentCDemand:  {0, 0.7, 0.3},
	sentCDismiss: {0, 1.5, 1.5},
	sentCPrice:   {0, 0.5, 1.0},
}

type sentEntry struct {
	cat    uint8
	w      float64 // multiplier of sentCatBase
	lang   string  // file it came from ("any" for language-independent)
	strict bool    // fires only when lang is the message's language
	src    string  // phrase as written, for reasons
}

type sentPattern struct {
	start, end uint8 // word boundary check at start / end: sentBNone, sentBWord, sentBForced
	arabic     bool  // Arabic pattern: clitic-aware boundaries (sentArabicBounds)
	entries    []sentEntry
}

// boundary checks
const (
	sentBNone   uint8 = iota
	sentBWord         // no letter or digit of a spaced script next to the match
	sentBForced       // no letter or digit of any script next to the match
)

type sentLexiconT struct {
	pats []sentPattern
	ac   sentAC
}

var (
	sentLexOnce sync.Once
	sentLexData *sentLexiconT
)

func sentimentLexicon() *sentLexiconT {
	sentLexOnce.Do(func() {
		lx, err := loadSentLexicon()
		if err != nil {
			panic("classify: sentiment lexicon: " + err.Error())
		}
		sentLexData = lx
	})
	return sentLexData
}

// loadSentLexicon reads sentimentdata/<lang>.txt. Line format:
//
//	CAT[:weight][!] phrase
//
// CAT is a category name (sentCatNames), weight multiplies the category's base
// contributions, "!" makes the entry fire only when the message language is
// the file's language. The phrase is folded like the text; "*" at its end
// means prefix match (no word boundary at the end), at its start suffix
// match; "|" at an end forces a word boundary there even in scripts that
// are otherwise matched inside words (Arabic, Korean). Lines starting with
// # are comments.
func loadSentLexicon() (*sentLexiconT, error) {
	files, err := sentimentFS.ReadDir("sentimentdata")
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(files))
	for _, f := range files {
		if strings.HasSuffix(f.Name(), ".txt") {
			names = append(names, f.Name())
		}
	}
	// any.txt and en.txt first: when a phrase is in several files with
	// different meanings and the message language matches none, the earlier
	// file wins.
	rank := func(n string) int {
		switch n {
		case "any.txt":
			return 0
		case "en.txt":
			return 1
		}
		return 2
	}
	sort.Slice(names, func(i, j int) bool {
		if rank(names[i]) != rank(names[j]) {
			return rank(names[i]) < rank(names[j])
		}
		return names[i] < names[j]
	})
	lx := &sentLexiconT{}
	index := map[string]int{}
	var keys []string
	for _, name := range names {
		data, err := sentimentFS.ReadFile("sentimentdata/" + name)
		if err != nil {
			return nil, err
		}
		lang := strings.TrimSuffix(name, ".txt")
		for n, line := range strings.Split(string(data), "\n") {
			line = strings.TrimSpace(line)
			if line == "" || line[0] == '#' {
				continue
			}
			sp := strings.IndexAny(line, " \t")
			if sp < 0 {
				return nil, fmt.Errorf("%s:%d: no phrase", name, n+1)
			}
			head, phrase := line[:sp], strings.TrimSpace(line[sp+1:])
			e := sentEntry{w: 1, lang: lang, src: phrase}
			if strings.HasSuffix(head, "!") {
				e.strict = true
				head = head[:len(head)-1]
			}
			if i := strings.IndexByte(head, ':'); i >= 0 {
				w, err := strconv.ParseFloat(head[i+1:], 64)
				if err != nil {
					return nil, fmt.Errorf("%s:%d: weight: %v", name, n+1, err)
				}
				e.w, head = w, head[:i]
			}
			c, ok := sentCatNames[head]
			if !ok {
				return nil, fmt.Errorf("%s:%d: unknown category %q", name, n+1, head)
			}
			e.cat = c
			start, end := sentBWord, sentBWord
			switch {
			case strings.HasPrefix(phrase, "*") && len(phrase) > 1:
				start, phrase = sentBNone, phrase[1:]
			case strings.HasPrefix(phrase, "|") && len(phrase) > 1:
				start, phrase = sentBForced, phrase[1:]
			}
			switch {
			case strings.HasSuffix(phrase, "*") && len(phrase) > 1:
				end, phrase = sentBNone, phrase[:len(phrase)-1]
			case strings.HasSuffix(phrase, "|") && len(phrase) > 1:
				end, phrase = sentBForced, phrase[:len(phrase)-1]
			}
			e.src = phrase
			key := strings.TrimSpace(string(sentFoldPhrase(phrase)))
			if key == "" {
				continue
			}
			// no boundary where the pattern ends in a rune that is matched
			// inside words (Han, kana, Hangul, Thai) or that is not a letter
			// or digit (punctuation, emoji); Arabic has its own check
			first, _ := utf8.DecodeRuneInString(key)
			last, _ := utf8.DecodeLastRuneInString(key)
			arabic := unicode.Is(unicode.Arabic, first) && unicode.Is(unicode.Arabic, last)
			if start == sentBWord && !sentBoundaryRune(first) && !arabic {
				start = sentBNone
			}
			if end == sentBWord && !sentBoundaryRune(last) && !arabic {
				end = sentBNone
			}
			id, ok := index[key]
			if !ok {
				id = len(lx.pats)
				index[key] = id
				keys = append(keys, key)
				lx.pats = append(lx.pats, sentPattern{start: start, end: end, arabic: arabic})
			}
			p := &lx.pats[id]
			// the first file that declares a pattern decides its boundaries
			p.entries = append(p.entries, e)
		}
	}
	lx.ac = buildSentAC(keys)
	return lx, nil
}

// sentBoundaryRune reports whether a word boundary is checked next to r: letters
// and digits of scripts written with spaces between words.
func sentBoundaryRune(r rune) bool {
	if !(unicode.IsLetter(r) || unicode.IsDigit(r)) {
		return false
	}
	return !sentInWordScript(r)
}

// sentUnspaced: scripts written without spaces between words (each character
// counts as a word when measuring distances).
func sentUnspaced(r rune) bool {
	return r >= 0x2E80 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || r == 'ー') || unicode.Is(unicode.Thai, r)
}

// sentInWordScript: scripts whose lexicon entries match inside words (no
// boundary check unless forced with "|"): the unspaced ones, Korean and
// Arabic, where particles and clitics attach to words.
func sentInWordScript(r rune) bool {
	return sentUnspaced(r) || unicode.Is(unicode.Hangul, r) || unicode.Is(unicode.Arabic, r)
}

func sentWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// sentArabicBounds: Arabic words take proclitics (و ف ب ل ك ال) and pronoun or plural
// suffixes; a pattern matches when at most these stand between it and the
// word boundaries ("وشكرا", "للأسف", "مكسوره"), not inside other words
// ("غش" in "وتغشاه"). "|" still forces an exact boundary; "*" none.
func sentArabicBounds(t []byte, s, e int, pat *sentPattern) bool {
	if pat.start != sentBNone && s > 0 {
		k, n := s, 0
		for k > 0 {
			r, size := utf8.DecodeLastRune(t[:k])
			if !sentWordRune(r) {
				break
			}
			if pat.start == sentBForced || n == 3 || !strings.ContainsRune("وفبلكا", r) {
				return false
			}
			k -= size
			n++
		}
	}
	if pat.end != sentBNone && e < len(t) {
		k, n := e, 0
		for k < len(t) {
			r, size := utf8.DecodeRune(t[k:])
			if !sentWordRune(r) {
				break
			}
			if pat.end == sentBForced || n == 3 || !strings.ContainsRune("هاكمينوت", r) {
				return false
			}
			k += size
			n++
		}
	}
	return true
}

func sentASCIIWord(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z'
}

// ---------------------------------------------------------------------------
// Folding

// foldForMatch folds a lexicon phrase the same way fold folds the text.
func sentFoldPhrase(s string) []byte {
	var sc sentScorer
	sc.fold(s)
	return sc.t
}

// latinFold maps U+00C0..U+017F (lower case) to ASCII; đ stays (Vietnamese).
var sentLatinFold = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'æ': "ae", 'ç': "c",
	'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ì': "i", 'í': "i", 'î': "i", 'ï': "i",
	'ñ': "n", 'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o", 'ù': "u",
	'ú': "u", 'û': "u", 'ü': "u", 'ý': "y", 'ÿ': "y", 'ß': "ss", 'œ': "oe",
	'ā': "a", 'ă': "a", 'ą': "a", 'ć': "c", 'č': "c", 'ď': "d", 'ē': "e", 'ę': "e",
	'ě': "e", 'ğ': "g", 'ı': "i", 'ł': "l", 'ń': "n", 'ň': "n", 'ő': "o", 'ř': "r",
	'ś': "s", 'ş': "s", 'š': "s", 'ţ': "t", 'ť': "t", 'ū': "u", 'ů': "u", 'ű': "u",
	'ź': "z", 'ż': "z", 'ž': "z", 'ё': "е",
}

// fold writes the folded text to sc.t and counts letters and capitals.
func (sc *sentScorer) fold(s string) {
	t := sc.t[:0]
	if cap(t) < len(s)+8 {
		t = make([]byte, 0, len(s)+8)
	}
	space := true // last written byte is a space (or start)
	var word, upper int
	endWord := func() {
		if word >= 4 && upper == word {
			sc.capsWords++
		}
		word, upper = 0, 0
	}
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			// ASCII fast path
			i++
			switch {
			case c >= 'a' && c <= 'z':
				sc.letters++
				word++
			case c >= 'A' && c <= 'Z':
				sc.letters++
				word++
				upper++
				sc.upper++
				c += 'a' - 'A'
			case c == '\n' || c == '\r':
				endWord()
				if len(t) > 0 && t[len(t)-1] == ' ' {
					t[len(t)-1] = '\n'
				} else if len(t) > 0 && t[len(t)-1] != '\n' {
					t = append(t, '\n')
				}
				space = true
				continue
			case c == ' ' || c == '\t' || c == '\v' || c == '\f':
				endWord()
				if !space {
					t = append(t, ' ')
					space = true
				}
				continue
			case c == '`':
				endWord()
				c = '\''
			case c >= '0' && c <= '9':
				endWord()
				sc.digits++
			default:
				endWord()
			}
			t = append(t, c)
			space = false
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		raw := s[i : i+n]
		i += n
		if r == utf8.RuneError && n <= 1 {
			endWord()
			continue
		}
		// fast path: kana, CJK, Hangul, Thai: caseless letters kept as they are
		if r >= 0x3040 && r <= 0x9FFF || r >= 0xAC00 && r <= 0xD7A3 || r >= 0x0E00 && r <= 0x0E7F {
			endWord()
			sc.letters++
			t = append(t, raw...)
			space = false
			continue
		}
		// letters and capitals (Latin, Cyrillic) for shouting
		if unicode.IsLetter(r) {
			sc.letters++
			if r < 0x530 { // Latin, Greek, Cyrillic
				word++
				if unicode.IsUpper(r) {
					upper++
					sc.upper++
				}
			} else {
				endWord()
			}
		} else {
			endWord()
		}
		switch {
		case r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029':
			if len(t) > 0 && t[len(t)-1] == ' ' {
				t[len(t)-1] = '\n'
			} else if len(t) > 0 && t[len(t)-1] != '\n' {
				t = append(t, '\n')
			}
			space = true
			continue
		case unicode.IsSpace(r) || r == '\u3000':
			if !space {
				t = append(t, ' ')
				space = true
			}
			continue
		case r == 0xFE0F || r == 0xFE0E || r == 0x200B || r == 0x200C || r == 0x200D || r == 0xFEFF:
			continue
		case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII
			r -= 0xFEE0
		case r == '’' || r == '‘' || r == '‛' || r == 'ʼ' || r == '`' || r == '´':
			r = '\''
		case r == '“' || r == '”' || r == '„' || r == '«' || r == '»' || r == '「' ||
			r == '」' || r == '『' || r == '』' || r == '〝' || r == '〞' || r == '‟':
			r = '"'
		case r == '…':
			t = append(t, "..."...)
			space = false
			continue
		case r == '؟':
			r = '?'
		case r == '،':
			r = ','
		case r >= 0x064B && r <= 0x065F || r == 0x0670 || r == 0x0640: // Arabic marks, tatweel
			continue
		case r == 'أ' || r == 'إ' || r == 'آ' || r == 'ٱ':
			r = 'ا'
		case r == 'ة':
			r = 'ه'
		case r == 'ى':
			r = 'ي'
		case r >= 0x0660 && r <= 0x0669:
			r = '0' + (r - 0x0660)
			sc.digits++
		case r >= 0x06F0 && r <= 0x06F9:
			r = '0' + (r - 0x06F0)
			sc.digits++
		case r == 'İ':
			r = 'i'
		}
		r = unicode.ToLower(r)
		if r >= 0xC0 && r <= 0x17F || r == 'ё' {
			if f, ok := sentLatinFold[r]; ok {
				t = append(t, f...)
				space = false
				continue
			}
		}
		t = utf8.AppendRune(t, r)
		space = false
	}
	endWord()
	for len(t) > 0 && (t[len(t)-1] == ' ' || t[len(t)-1] == '\n') {
		t = t[:len(t)-1]
	}
	sc.t = t
}

// ---------------------------------------------------------------------------
// Aho-Corasick over bytes

type sentAC struct {
	root  [256]int32   // goto of the root (0 = stay)
	nodes []sentACNode // hot part of the trie nodes
	out   []int32      // per node: the pattern ending there, or -1
	dict  []int32      // per node: next node on the failure chain with an output, or -1
	eb    []byte       // edge bytes of nodes with 2..sentDenseEdges-1 edges, sorted per node
	et    []int32      // their targets
	dense []int32      // goto tables of 256 entries (-1 = no edge) of nodes with many edges
	plen  []int32      // pattern lengths
}

// sentACNode is 16 bytes; most nodes have a single edge, kept inline.
type sentACNode struct {
	arg  int32 // 1 edge: its target; a few: first index in eb/et; many: dense table number
	fail int32
	emit int32 // first node with an output on the chain from here (itself or dict), or -1
	n    uint8 // number of edges (capped)
	b    byte  // the edge byte when n == 1
}

// sentDenseEdges: nodes with at least this many edges get a direct table.
const sentDenseEdges = 6

func buildSentAC(keys []string) sentAC {
	type tnode struct {
		next   map[byte]int32
		lo, hi int32 // sorted edges in eb/et during the build
		out    int32
		fail   int32
	}
	tn := []tnode{{next: map[byte]int32{}, out: -1}}
	a := sentAC{plen: make([]int32, len(keys))}
	for id, k := range keys {
		a.plen[id] = int32(len(k))
		s := int32(0)
		for i := 0; i < len(k); i++ {
			nx, ok := tn[s].next[k[i]]
			if !ok {
				nx = int32(len(tn))
				tn = append(tn, tnode{next: map[byte]int32{}, out: -1})
				tn[s].next[k[i]] = nx
			}
			s = nx
		}
		tn[s].out = int32(id)
	}
	// renumber the nodes in breadth-first order: the shallow nodes, where
	// the automaton spends most of its time, end up next to each other
	order := make([]int32, 0, len(tn))
	order = append(order, 0)
	for qi := 0; qi < len(order); qi++ {
		s := order[qi]
		bs := make([]int, 0, len(tn[s].next))
		for b := range tn[s].next {
			bs = append(bs, int(b))
		}
		sort.Ints(bs)
		for _, b := range bs {
			order = append(order, tn[s].next[byte(b)])
		}
	}
	newID := make([]int32, len(tn))
	for n, old := range order {
		newID[old] = int32(n)
	}
	renum := make([]tnode, len(tn))
	for old := range tn {
		nt := tnode{next: make(map[byte]int32, len(tn[old].next)), out: tn[old].out}
		for b, c := range tn[old].next {
			nt.next[b] = newID[c]
		}
		renum[newID[old]] = nt
	}
	tn = renum
	var eb []byte
	var et []int32
	for i := range tn {
		bs := make([]int, 0, len(tn[i].next))
		for b := range tn[i].next {
			bs = append(bs, int(b))
		}
		sort.Ints(bs)
		tn[i].lo = int32(len(eb))
		for _, b := range bs {
			eb = append(eb, byte(b))
			et = append(et, tn[i].next[byte(b)])
		}
		tn[i].hi = int32(len(eb))
	}
	step := func(s int32, b byte) int32 {
		for e := tn[s].lo; e < tn[s].hi; e++ {
			if eb[e] == b {
				return et[e]
			}
		}
		if s == 0 {
			return 0
		}
		return -1
	}
	a.out = make([]int32, len(tn))
	a.dict = make([]int32, len(tn))
	for i := range tn {
		a.out[i] = tn[i].out
		a.dict[i] = -1
	}
	queue := make([]int32, 0, len(tn))
	for e := tn[0].lo; e < tn[0].hi; e++ {
		queue = append(queue, et[e])
	}
	for qi := 0; qi < len(queue); qi++ {
		s := queue[qi]
		for e := tn[s].lo; e < tn[s].hi; e++ {
			b, c := eb[e], et[e]
			f := tn[s].fail
			for {
				if nx := step(f, b); nx >= 0 {
					tn[c].fail = nx
					break
				}
				f = tn[f].fail
			}
			fl := tn[c].fail
			if a.out[fl] >= 0 {
				a.dict[c] = fl
			} else {
				a.dict[c] = a.dict[fl]
			}
			queue = append(queue, c)
		}
	}
	a.nodes = make([]sentACNode, len(tn))
	for i := range tn {
		n := &a.nodes[i]
		cnt := int(tn[i].hi - tn[i].lo)
		n.fail = tn[i].fail
		n.n = uint8(min(cnt, 255))
		switch {
		case cnt == 1:
			n.b, n.arg = eb[tn[i].lo], et[tn[i].lo]
		case cnt >= sentDenseEdges:
			n.arg = int32(len(a.dense) / 256)
			base := len(a.dense)
			for b := 0; b < 256; b++ {
				a.dense = append(a.dense, -1)
			}
			for e := tn[i].lo; e < tn[i].hi; e++ {
				a.dense[base+int(eb[e])] = et[e]
			}
		case cnt > 1:
			n.arg = int32(len(a.eb))
			a.eb = append(a.eb, eb[tn[i].lo:tn[i].hi]...)
			a.et = append(a.et, et[tn[i].lo:tn[i].hi]...)
		}
		if a.out[i] >= 0 {
			n.emit = int32(i)
		} else {
			n.emit = a.dict[i]
		}
	}
	for b := 0; b < 256; b++ {
		a.root[b] = step(0, byte(b))
	}
	a.nodes[0].emit = -1
	return a
}

// next is the goto function of a node other than the root: its child on b, or -1.
func (a *sentAC) next(n *sentACNode, b byte) int32 {
	switch {
	case n.n == 1:
		if n.b == b {
			return n.arg
		}
	case n.n >= sentDenseEdges:
		return a.dense[int(n.arg)<<8|int(b)]
	case n.n > 1:
		for e := n.arg; e < n.arg+int32(n.n); e++ {
			if a.eb[e] == b {
				return a.et[e]
			}
		}
	}
	return -1
}

// ---------------------------------------------------------------------------
// Scoring

type sentHit struct {
	s, e int
	ent  *sentEntry
	neg  bool // negated ("not happy", "kein Problem")
	intn bool // intensified ("very happy")
}

type sentScorer struct {
	lx   *sentLexiconT
	lang string
	t    []byte

	letters, upper, capsWords int
	digits                    int
	hits, kept                []sentHit

	pos, thxPos, posBeforeBut float64
	negEmo, negProb, anger    float64
	negAfterBut               float64
	polite, soft              int
	req, contrast, insult     bool
	report                    bool
	sarcStrong, sarcCond      int
	priceHits                 int
	posR, thxR, negR, angerR  sentReasonList
	politeR, sarcR            sentReasonList
}

// reasonList keeps the first few pieces of evidence of one kind, formatted
// only when the verdict needs them.
type sentReasonList struct {
	n     int
	items [4]sentReasonItem
}

type sentReasonItem struct{ label, src string }

func (l *sentReasonList) add(label, src string) {
	if l.n < len(l.items) {
		l.items[l.n] = sentReasonItem{label, src}
		l.n++
	}
}

func (l *sentReasonList) strings() []string { return l.appendTo(nil) }

func (l *sentReasonList) appendTo(out []string) []string {
	for _, it := range l.items[:l.n] {
		switch {
		case it.src == "":
			out = append(out, it.label)
		case it.label == "":
			out = append(out, `"`+it.src+`"`)
		default:
			out = append(out, it.label+` "`+it.src+`"`)
		}
	}
	return out
}

func (sc *sentScorer) match() {
	a := &sc.lx.ac
	t := sc.t
	nodes := a.nodes
	var s int32
	for i := 0; i < len(t); i++ {
		b := t[i]
		for s != 0 { // goto, or follow failure links
			n := &nodes[s]
			if nx := a.next(n, b); nx >= 0 {
				s = nx
				goto matched
			}
			s = n.fail
		}
		s = a.root[b]
	matched:
		for o := nodes[s].emit; o > 0; o = a.dict[o] {
			p := a.out[o]
			sc.addHit(int(p), i+1-int(a.plen[p]), i+1)
		}
	}
	// The longest match wins where matches overlap ("not happy" over
	// "happy", "no problem" over "problem"). Hits arrive ordered by their
	// end, and at one end the longest first; kept hits never overlap, so
	// the ones a new hit overlaps are at the end of the list.
	kept := sc.kept[:0]
	for _, h := range sc.hits {
		j := len(kept)
		longer := false
		for j > 0 && kept[j-1].e > h.s {
			if kept[j-1].e-kept[j-1].s >= h.e-h.s {
				longer = true
				break
			}
			j--
		}
		if longer {
			continue
		}
		kept = append(kept[:j], h)
	}
	sc.hits, sc.kept = kept, sc.hits
}

func (sc *sentScorer) addHit(p, s, e int) {
	pat := &sc.lx.pats[p]
	t := sc.t
	if pat.arabic {
		if !sentArabicBounds(t, s, e, pat) {
			return
		}
	} else if pat.start != sentBNone && s > 0 {
		if c := t[s-1]; c < utf8.RuneSelf {
			if sentASCIIWord(c) {
				return
			}
		} else if r, _ := utf8.DecodeLastRune(t[:s]); sentWordRune(r) && (pat.start == sentBForced || !sentInWordScript(r)) {
			return
		}
	}
	if !pat.arabic && pat.end != sentBNone && e < len(t) {
		if c := t[e]; c < utf8.RuneSelf {
			if sentASCIIWord(c) {
				return
			}
		} else if r, _ := utf8.DecodeRune(t[e:]); sentWordRune(r) && (pat.end == sentBForced || !sentInWordScript(r)) {
			return
		}
	}
	var ent *sentEntry
	for i := range pat.entries {
		en := &pat.entries[i]
		if en.lang == sc.lang {
			ent = en
			break
		}
		if ent == nil && !en.strict {
			ent = en
		}
	}
	if ent == nil {
		return
	}
	sc.hits = append(sc.hits, sentHit{s: s, e: e, ent: ent})
}

func sentPolarity(c uint8) bool { return c >= sentCPos && c <= sentCPrice }

func sentPositive(c uint8) bool {
	return c == sentCPos || c == sentCPos2 || c == sentCThx || c == sentCGrat
}

// negatable: praise, emotion and problem words; not threats, demands,
// follow-ups ("si no voy a poner una queja" is still a threat).
func sentNegatable(c uint8) bool {
	switch c {
	case sentCPos, sentCPos2, sentCThx, sentCGrat, sentCNegM, sentCNegE, sentCNeg2, sentCProb, sentCProb2:
		return true
	}
	return false
}

// repeatFactor: the k-th hit (from 0) of the same category counts less.
func sentRepeatFactor(k int) float64 { return 1 / (1 + 0.7*float64(k)) }

func sentClauseBreak(r rune) bool {
	switch r {
	case '.', '!', '?', '\n', ',', ';', ':', '。', '、', '，':
		return true
	}
	return false
}

// gap returns how many words lie between byte offsets a and b of the folded
// text (one per character in unspaced scripts) and whether a clause boundary
// lies between them.
func (sc *sentScorer) gap(a, b int) (words int, broken bool) {
	if a >= b {
		return 0, false
	}
	inWord := false
	for _, r := range string(sc.t[a:b]) {
		if sentClauseBreak(r) {
			broken = true
		}
		switch {
		case sentWordRune(r) && sentUnspaced(r):
			words++
			inWord = false
		case sentWordRune(r):
			if !inWord {
				words++
			}
			inWord = true
		default:
			inWord = false
		}
	}
	return words, broken
}

// sentenceStart: only spaces lie between the last sentence end (or the start
// of the text) and offset s.
func (sc *sentScorer) sentenceStart(s int) bool {
	for k := s - 1; k >= 0; k-- {
		switch sc.t[k] {
		case ' ', '"':
			continue
		case '.', '!', '?', '\n':
			return true
		}
		return false
	}
	return true
}

// scareQuoted: the hit stands alone (at most 3 words) between quotes, as in
// Thanks for the "premium" knife.
func (sc *sentScorer) scareQuoted(h *sentHit) bool {
	t := sc.t
	s := h.s - 1
	if s < 0 || (t[s] != '"' && t[s] != '\'') {
		return false
	}
	if t[s] == '\'' && s > 0 && sentWordByte(t[s-1]) {
		return false // apostrophe
	}
	q := t[s]
	for k := h.e; k < len(t) && k < h.e+24; k++ {
		if t[k] == q {
			w, _ := sc.gap(s+1, k)
			return w <= 3
		}
		if t[k] == '\n' {
			return false
		}
	}
	return false
}

func sentWordByte(b byte) bool { return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b >= 0x80 }

func (sc *sentScorer) score() {
	hs := sc.hits
	t := sc.t
	if bytes.IndexByte(t, '?') >= 0 {
		sc.req = true
	}
	butAt := -1
	for i := range hs {
		switch hs[i].ent.cat {
		case sentCReq:
			sc.req = true
			sc.polite++
			sc.politeR.add("", hs[i].ent.src)
		case sentCPolite, sentCThx:
			sc.polite++
			sc.politeR.add("", hs[i].ent.src)
		case sentCSoft:
			sc.soft++
			sc.negR.add("softener", hs[i].ent.src)
		case sentCBut:
			if butAt < 0 {
				butAt = hs[i].s
			}
		case sentCIns:
			sc.insult = true
		case sentCReport:
			sc.report = true
			sc.negR.add("relayed words", hs[i].ent.src)
		}
	}
	var seen [sentNumCats]int
	for i := range hs {
		h := &hs[i]
		c := h.ent.cat
		switch c {
		case sentCSarc:
			sc.sarcStrong++
			sc.sarcR.add("sarcasm marker", h.ent.src)
			continue
		case sentCSarcC:
			sc.sarcCond++
			sc.sarcR.add("sarcasm marker", h.ent.src)
			continue
		}
		if !sentPolarity(c) {
			continue
		}
		// a negator shortly before, in the same clause
		for k := i - 1; k >= 0 && k >= i-3 && sentNegatable(c); k-- {
			kc := hs[k].ent.cat
			if kc == sentCNeg {
				if w, br := sc.gap(hs[k].e, h.s); !br && w <= 3 {
					h.neg = true
				}
				break
			}
			if sentPolarity(kc) || kc == sentCBut {
				break
			}
		}
		// a negator right after, attached (ja 良くない, ko 좋지 않, tr memnun değil)
		if sentNegatable(c) && i+1 < len(hs) && hs[i+1].ent.cat == sentCNegPost {
			limit := 0
			if r, _ := utf8.DecodeLastRune(t[h.s:h.e]); sentUnspaced(r) {
				limit = 3 // characters
			}
			if w, br := sc.gap(h.e, hs[i+1].s); !br && w <= limit {
				h.neg = true
			}
		}
		if k := i - 1; k >= 0 && hs[k].ent.cat == sentCInt {
			if w, br := sc.gap(hs[k].e, h.s); !br && w <= 1 {
				h.intn = true
			}
		}
		if k := i + 1; k < len(hs) && hs[k].ent.cat == sentCInt && hs[k].s-h.e <= 3 {
			if w, br := sc.gap(h.e, hs[k].s); w == 0 && !br {
				h.intn = true
			}
		}
		b := sentCatBase[c]
		w := h.ent.w
		if h.intn {
			w *= 1.3
		}
		if h.neg {
			if c == sentCPos || c == sentCPos2 {
				// "not happy", "nicht zufrieden", "満足していません"
				v := min(1.5, 1.2*w)
				sc.negEmo += v
				sc.afterBut(h.s, butAt, v)
				sc.negR.add("negated praise", h.ent.src)
			}
			// negated complaint words ("not broken") count nothing
			continue
		}
		w *= sentRepeatFactor(seen[c])
		seen[c]++
		if b[0] > 0 {
			v := b[0] * w
			sc.pos += v
			if c == sentCThx || c == sentCGrat {
				sc.thxPos += v
			}
			if butAt >= 0 && h.s < butAt {
				sc.posBeforeBut += v
			}
			if c != sentCThx {
				// sarcasm shapes of praise: "Great, so ...", "premium" in
				// quotes, "really top tier"
				if sc.sentenceStart(h.s) && h.e+2 < len(t) && (t[h.e] == ',' || t[h.e] == '.') {
					sc.sarcCond++
					sc.sarcR.add("interjection", h.ent.src)
				}
				if sc.scareQuoted(h) {
					sc.sarcCond++
					sc.sarcR.add("praise in quotes", h.ent.src)
				}
				if h.intn {
					sc.sarcCond++
					sc.sarcR.add("emphatic praise", h.ent.src)
				}
			}
			if c == sentCThx || c == sentCGrat {
				sc.thxR.add(sentPosLabel(c), h.ent.src)
			} else {
				sc.posR.add(sentPosLabel(c), h.ent.src)
			}
		}
		if b[1] > 0 {
			v := b[1] * w
			switch c {
			case sentCProb, sentCProb2, sentCDelay, sentCNoRep, sentCFoll, sentCExasp, sentCDemand:
				sc.negProb += v
			default:
				sc.negEmo += v
			}
			sc.afterBut(h.s, butAt, v)
			sc.negR.add(sentNegLabel(c), h.ent.src)
		}
		if b[2] > 0 {
			sc.anger += b[2] * w
			sc.angerR.add(sentNegLabel(c), h.ent.src)
		}
	}
	sc.punctuation()
	if sc.pos > 0 {
		sc.notSuffix() // "top tier... not" needs praise
	}
}

func (sc *sentScorer) afterBut(s, butAt int, v float64) {
	if butAt >= 0 && s > butAt {
		sc.negAfterBut += v
	}
}

func sentPosLabel(c uint8) string {
	switch c {
	case sentCGrat:
		return "gratitude"
	case sentCThx:
		return "thanks formula"
	}
	return "praise"
}

func sentNegLabel(c uint8) string {
	switch c {
	case sentCNegM, sentCNegE:
		return "negative"
	case sentCNeg2:
		return "strong negative"
	case sentCIns:
		return "insult"
	case sentCProb, sentCProb2:
		return "problem"
	case sentCDelay:
		return "delay"
	case sentCNoRep:
		return "no reply"
	case sentCFoll:
		return "follow-up"
	case sentCRhet:
		return "rhetorical question"
	case sentCExasp:
		return "exasperation"
	case sentCExp:
		return "broken promise"
	case sentCThreat:
		return "threat"
	case sentCDemand:
		return "demand"
	case sentCDismiss:
		return "dismissive"
	case sentCPrice:
		return "price indignation"
	}
	return "cue"
}

// punctuation: ?? and ?! are frustration; !! amplifies the dominant polarity.
func (sc *sentScorer) punctuation() {
	t := sc.t
	qq, ex, long := 0, 0, false
	for i := 0; i < len(t); {
		if t[i] != '?' && t[i] != '!' {
			i++
			continue
		}
		j, q := i, 0
		for j < len(t) && (t[j] == '?' || t[j] == '!') {
			if t[j] == '?' {
				q++
			}
			j++
		}
		if j-i >= 2 {
			if q > 0 {
				qq++
			} else {
				ex++
			}
			if j-i >= 3 {
				long = true
			}
		}
		i = j
	}
	if qq > 0 {
		sc.negProb += 1.0
		sc.negR.add("punctuation", "??")
		if qq > 1 || long {
			sc.anger += 0.5
		}
	}
	if ex > 0 {
		if sc.negEmo+sc.negProb > 0 && sc.negEmo+sc.negProb >= sc.pos-sc.thxPos {
			sc.negProb += 0.6
			sc.negR.add("punctuation", "!!")
			if long || ex > 1 {
				sc.anger += 0.5
			}
		} else if sc.pos > 0 {
			sc.pos += 0.4
		}
	}
}

var sentPricePreps = []string{"for", "fur", "pour", "por", "per", "за", "voor", "za", "icin", "para", "pra"}

var sentCurrencyAfter = [][]byte{[]byte(" euro"), []byte(" eur"), []byte("euro"), []byte(" dollar"), []byte(" usd"),
	[]byte(" zl"), []byte(" tl"), []byte(" руб"), []byte(" pln"), []byte(" €"), []byte(" $"), []byte("€"), []byte("$"), []byte("£")}

// priceIndignation counts "for $89", "für 80 Euro": the price paid used as an
// argument (it only counts when the text complains).
func (sc *sentScorer) priceIndignation() {
	t := sc.t
	if sc.digits == 0 {
		return
	}
	for i := 0; i < len(t); i++ {
		c := t[i]
		if c < '0' || c > '9' {
			continue
		}
		j := i
		for j < len(t) && (t[j] >= '0' && t[j] <= '9' || t[j] == '.' || t[j] == ',') {
			j++
		}
		start := i
		i = j
		if j-start > 9 || start > 0 && (t[start-1] == '.' || t[start-1] == ',' || t[start-1] == '-') {
			continue // order numbers, decimals
		}
		// a currency sign before (and one space) or a currency after
		k := start
		sign := false
		switch {
		case k >= 1 && t[k-1] == '$':
			k, sign = k-1, true
		case k >= 3 && string(t[k-3:k]) == "€":
			k, sign = k-3, true
		case k >= 2 && string(t[k-2:k]) == "£":
			k, sign = k-2, true
		}
		if !sign {
			rest := t[j:min(len(t), j+7)]
			for _, cur := range sentCurrencyAfter {
				if bytes.HasPrefix(rest, cur) {
					sign = true
					break
				}
			}
		}
		if !sign {
			continue
		}
		if k > 0 && t[k-1] == ' ' {
			k--
		}
		for _, p := range sentPricePreps {
			if k >= len(p) && string(t[k-len(p):k]) == p && (k == len(p) || !sentWordByte(t[k-len(p)-1])) {
				sc.priceHits++
				break
			}
		}
	}
}

// notSuffix: "top tier service... not", "great - not!", "great /s".
func (sc *sentScorer) notSuffix() {
	t := sc.t
	mark := ""
	for from := 0; from < len(t) && mark == ""; {
		k := bytes.Index(t[from:], []byte("not"))
		if k < 0 {
			break
		}
		i, j := from+k, from+k+3
		from = j
		if j < len(t) && strings.IndexByte(" .!\n", t[j]) < 0 {
			continue // "nothing", "note"
		}
		pre := t[:i]
		switch {
		case bytes.HasSuffix(pre, []byte("... ")) || bytes.HasSuffix(pre, []byte("...")):
			mark = "... not"
		case bytes.HasSuffix(pre, []byte(" - ")) || bytes.HasSuffix(pre, []byte(" -- ")):
			mark = "- not"
		}
	}
	if mark == "" {
		if k := bytes.Index(t, []byte(" /s")); k >= 0 && (k+3 == len(t) || strings.IndexByte(" .!\n", t[k+3]) >= 0) {
			mark = "/s"
		}
	}
	if mark != "" {
		sc.sarcStrong++
		sc.sarcR.add("sarcasm marker", mark)
	}
}

// Decision thresholds (evidence units, see catBase).
const (
	sentThNeg      = 1.1 // -1 needs this much negative evidence
	sentThAnger    = 3.0 // -2 needs this much anger
	sentThPos      = 1.2 // 1 needs this much positive evidence
	sentThPos2     = 2.4 // 2 needs this much, no request and no complaint
	sentPoliteDamp = 0.35
)

func (sc *sentScorer) decide() SentimentGuess {
	pos := sc.pos
	if sc.req {
		// thanks in a request is courtesy, not sentiment
		pos -= sc.thxPos
		if pos < 0 {
			pos = 0
		}
	}
	// contrast: the clause after "but" wins ("lovely but far too narrow")
	if sc.negAfterBut >= 0.25 && sc.posBeforeBut > 0 {
		pos -= 0.75 * min(sc.posBeforeBut, pos)
	}
	complaint := sc.negEmo + sc.negProb
	anger := sc.anger
	negEmo, negProb := sc.negEmo, sc.negProb
	reasons := make([]string, 0, 12)

	// sarcasm: an unambiguous marker ("love that for me", "... not",
	// "thanks for nothing"), or two weaker signs ("Great, so ...", praise in
	// scare quotes, "really top tier", ㅋㅋ, ^^) with praise and a complaint
	sarcasm := sc.sarcStrong > 0 || sc.sarcCond >= 2 && pos > 0 && complaint >= 0.5
	if sarcasm {
		markers := sc.sarcStrong + sc.sarcCond
		anger += min(1.0+0.4*float64(markers-1), 1.8)
		negEmo += 1.0 + 0.3*min(pos, 3)
		reasons = append(reasons, "sarcasm: praise with a complaint")
		reasons = sc.sarcR.appendTo(reasons)
		pos = 0
	}
	if sarcasm || complaint >= 1.5 {
		sc.priceIndignation()
	}
	if sc.priceHits > 0 && (sarcasm || complaint >= 1.5) {
		anger += 1.0
		negEmo += 0.5
		sc.angerR.add("price indignation", "for <price>")
	}
	// several words in capitals: shouting when complaining, emphasis otherwise
	if sc.capsWords >= 3 && sc.upper*4 >= sc.letters && complaint > 0.5 {
		anger += 1.0
		negEmo += 0.5
		sc.angerR.add("shouting: words in capitals", "")
	} else if sc.capsWords > 0 && pos > complaint {
		pos *= 1.2
	}
	// politeness dampens problem reports and anger, not emotion words
	if sc.polite > 0 && !sarcasm {
		d := sentPoliteDamp * float64(min(sc.polite, 3))
		negProb = max(0, negProb-d)
		if !sc.insult {
			anger = max(0, anger-1.0)
		}
	}
	if sc.soft > 0 {
		negProb = max(0, negProb-0.5)
		negEmo = max(0, negEmo-0.4)
	}
	if sc.report {
		// a notice relaying a buyer's claim or comment: not the sender's tone
		negEmo, negProb, anger = 0.15*negEmo, 0.15*negProb, 0.1*anger
	}
	neg := negEmo + negProb

	var score int
	switch {
	case anger >= sentThAnger && neg >= 1.5:
		score = -2
		reasons = sc.angerR.appendTo(reasons)
		reasons = sc.negR.appendTo(reasons)
	case sarcasm || neg >= sentThNeg && neg >= pos:
		score = -1
		reasons = sc.negR.appendTo(reasons)
		reasons = sc.angerR.appendTo(reasons)
		if sc.politeR.n > 0 && !sarcasm {
			reasons = append(reasons, "politeness does not offset: "+strings.Join(sc.politeR.strings(), ", "))
		}
	case pos >= sentThPos && pos >= neg+0.6:
		score = 1
		if pos >= sentThPos2 && neg <= 0.6 && !sc.req && sc.soft == 0 && sc.posBeforeBut == 0 {
			score = 2
		}
		reasons = sc.posR.appendTo(reasons)
		if !sc.req {
			reasons = sc.thxR.appendTo(reasons)
		}
		if score == 1 && sc.req {
			reasons = append(reasons, "capped at 1: the mail also asks something")
		}
	default:
		if rawNeg := sc.negEmo + sc.negProb; rawNeg > 0 || sc.pos > 0 {
			reasons = append(reasons, "weak evidence (neg "+strconv.FormatFloat(rawNeg, 'f', 1, 64)+
				", pos "+strconv.FormatFloat(sc.pos, 'f', 1, 64)+") stays neutral")
			if sc.politeR.n > 0 && sc.negProb > negProb {
				reasons = append(reasons, "politeness dampens the complaint: "+strings.Join(sc.politeR.strings(), ", "))
			}
			if sc.negR.n > 0 && rawNeg > 0 {
				reasons = sc.negR.appendTo(reasons)
			}
		} else {
			reasons = append(reasons, "no sentiment cues")
		}
	}
	return SentimentGuess{Score: score, Confidence: sentConfidence(score, pos, neg, anger), Reasons: sentDedupe(reasons, 7)}
}

func sentConfidence(score int, pos, neg, anger float64) float64 {
	var c float64
	switch score {
	case -2:
		c = 0.6 + 0.08*(anger-sentThAnger)
	case -1:
		c = 0.5 + 0.12*(neg-max(sentThNeg, pos))
	case 1:
		c = 0.5 + 0.12*(pos-sentThPos)
	case 2:
		c = 0.6 + 0.08*(pos-sentThPos2)
	default:
		c = 0.9 - 0.3*min(1, max(pos, neg)/sentThNeg)
	}
	return math.Round(min(0.95, max(0.3, c))*100) / 100
}

// sentDedupe keeps the first n distinct reasons (in place).
func sentDedupe(rs []string, n int) []string {
	out := rs[:0]
	for _, r := range rs {
		if !slices.Contains(out, r) {
			out = append(out, r)
			if len(out) == n {
				break
			}
		}
	}
	return out
}
