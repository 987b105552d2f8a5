package classify

import (
	"embed"
	"math"
	"math/bits"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Language detection: script rules first (Hangul, kana, Han, Thai, Arabic,
// Cyrillic), then, for Latin text, a word-list scorer with letter evidence.
//
// Han text is Simplified or Traditional Chinese by counting characters that
// exist only in one of the two forms (tables derived from OpenCC, see
// langdata/NOTICE); kana anywhere in it makes it Japanese. Latin text is
// scored sentence by sentence from per-language lists of frequent words
// (langdata/words_*.txt: function words and the words of shop mail) and from
// letters that belong to few languages (ñ, ã, ß, ł, ı, ...; Vietnamese by its
// own diacritics). Each sentence votes for its best language, so a German
// mail with a quoted English line or a Spanish sentence with an English
// product name stays German or Spanish. URLs, e-mail addresses, domain names
// and tokens with digits (order numbers, ASINs, models) are ignored.

//go:embed langdata/*.txt
var langFS embed.FS

// The Latin-script languages the scorer tells apart.
const (
	lEN = iota
	lES
	lFR
	lDE
	lIT
	lPT
	lVI
	lID
	lMS
	lPL
	lNL
	lTR
	nLat
)

var latNames = [nLat]string{"en", "es", "fr", "de", "it", "pt", "vi", "id", "ms", "pl", "nl", "tr"}

func latIndex(name string) int {
	for i, n := range latNames {
		if n == name {
			return i
		}
	}
	return -1
}

// maxLangBytes bounds the work on long mail: the first 8 KB tell the language.
const maxLangBytes = 8192

type wordScore [nLat]float32

// wordScoreQ is a word's weight per language in 1/32, compact for the cache,
// with the set of languages whose weight is not 0.
type wordScoreQ struct {
	w    [nLat]uint8
	mask uint16
}

// Han character flags.
const (
	hanSimp = 1 << iota // only in Simplified Chinese
	hanTrad             // only in Traditional Chinese
	hanJa               // Japanese shinjitai, not used in Chinese
	hanYue              // Cantonese characters (written in Traditional)
)

const hanLo, hanHi = 0x3400, 0x9FFF

type langTabs struct {
	words    wordTable    // index into scores
	scores   []wordScoreQ // weights in 1/32
	suffixes affixTable
	prefixes affixTable
	sufLens  [256]uint16      // bit k: some suffix of k bytes ends with this byte
	preLens  [256]uint16      // bit k: some prefix of k bytes starts with this byte
	ngrams   [256][]ngramRule // by first byte
	ngram2   [256][4]uint64   // by first byte: the possible second bytes
	han      []uint8          // flags for hanLo..hanHi
}

var (
	langOnce sync.Once
	langT    *langTabs
)

func langTables() *langTabs {
	langOnce.Do(func() { langT = loadLangTables() })
	return langT
}

func loadLangTables() *langTabs {
	t := &langTabs{han: make([]uint8, hanHi-hanLo+1)}
	raw := map[string]*wordScore{}
	files, _ := langFS.ReadDir("langdata")
	for _, fe := range files {
		name, ok := strings.CutPrefix(fe.Name(), "words_")
		if !ok {
			continue
		}
		// words_id+ms.txt lists words of both languages.
		var langs []int
		for _, n := range strings.Split(strings.TrimSuffix(name, ".txt"), "+") {
			l := latIndex(n)
			if l < 0 {
				panic("classify: word list for unknown language " + fe.Name())
			}
			langs = append(langs, l)
		}
		b, err := langFS.ReadFile("langdata/" + fe.Name())
		if err != nil {
			panic(err)
		}
		w := float32(1)
		for _, line := range strings.Split(string(b), "\n") {
			if k := strings.IndexByte(line, '#'); k >= 0 {
				line = line[:k]
			}
			for _, f := range strings.Fields(line) {
				if f[0] == '@' {
					v, err := strconv.ParseFloat(f[1:], 32)
					if err != nil {
						panic("classify: bad weight " + f)
					}
					w = float32(v)
					continue
				}
				f = strings.ToLower(f)
				s := raw[f]
				if s == nil {
					s = new(wordScore)
					raw[f] = s
				}
				for _, l := range langs {
					if w > s[l] {
						s[l] = w
					}
				}
			}
		}
	}
	// Unaccented spellings (nao, dziekuje, siparis, moechte) count half,
	// unless they are words of some list themselves. Vietnamese is left
	// out: without its marks it collides with everything.
	folded := map[string]*wordScore{}
	for f, s := range raw {
		for _, v := range foldVariants(f) {
			if v == f || raw[v] != nil {
				continue
			}
			fs := folded[v]
			if fs == nil {
				fs = new(wordScore)
				folded[v] = fs
			}
			for l, w := range s {
				if l != lVI && w/2 > fs[l] {
					fs[l] = w / 2
				}
			}
		}
	}
	for f, s := range folded {
		raw[f] = s
	}
	// A word listed for k languages says less: scale by 1/sqrt(k).
	keys := make([]string, 0, len(raw))
	for f, s := range raw {
		k := 0
		for _, v := range s {
			if v > 0 {
				k++
			}
		}
		sc := float32(1 / math.Sqrt(float64(k)))
		for l := range s {
			s[l] *= sc
		}
		keys = append(keys, f)
		var q wordScoreQ
		for l, v := range s {
			q.w[l] = uint8(math.Min(255, math.Round(float64(v)*32)))
			if q.w[l] > 0 {
				q.mask |= 1 << uint(l)
			}
		}
		t.scores = append(t.scores, q)
	}
	t.words = newWordTable(keys)
	if len(t.scores) > math.MaxUint16 {
		panic("classify: too many words")
	}
	suf := loadAffixes("langdata/suffixes.txt")
	pre := loadAffixes("langdata/prefixes.txt")
	for f := range suf {
		if len(f) < 2 || len(f) > maxAffix {
			panic("classify: bad suffix " + f)
		}
		t.sufLens[f[len(f)-1]] |= 1 << uint(len(f))
	}
	for f := range pre {
		if len(f) < 2 || len(f) > maxAffix {
			panic("classify: bad prefix " + f)
		}
		t.preLens[f[0]] |= 1 << uint(len(f))
	}
	t.suffixes, t.prefixes = newAffixTable(suf), newAffixTable(pre)
	if b, err := langFS.ReadFile("langdata/ngrams.txt"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			name, list, ok := strings.Cut(line, ":")
			if !ok || strings.HasPrefix(line, "#") {
				continue
			}
			l := latIndex(name)
			if l < 0 {
				panic("classify: bad ngram line " + line)
			}
			for _, f := range strings.Fields(list) {
				if len(f) < 2 {
					panic("classify: ngram shorter than 2 bytes: " + f)
				}
				t.ngrams[f[0]] = append(t.ngrams[f[0]], ngramRule{f, l})
				t.ngram2[f[0]][f[1]>>6] |= 1 << (f[1] & 63)
			}
		}
	}
	for _, h := range []struct {
		file string
		flag uint8
	}{{"zh_hans.txt", hanSimp}, {"zh_hant.txt", hanTrad}, {"ja_kanji.txt", hanJa}} {
		b, err := langFS.ReadFile("langdata/" + h.file)
		if err != nil {
			panic("classify: missing " + h.file)
		}
		for _, line := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(line, "#") {
				continue
			}
			for _, r := range line {
				if r >= hanLo && r <= hanHi {
					t.han[r-hanLo] |= h.flag
				}
			}
		}
	}
	// Cantonese characters; 晒 (all, completely) is also the simplified
	// form of 曬, but Cantonese writes it in Traditional text.
	for _, r := range "嘅唔咗冇喺佢啲嘢咁乜哋嗰噉咩喎嘞晒" {
		t.han[r-hanLo] = t.han[r-hanLo]&^hanSimp | hanYue
	}
	return t
}

type ngramRule struct {
	g string
	l int
}

// ngramWeight is what a telling letter group inside an unlisted word is worth.
const ngramWeight = 0.25

// suffixWeight is what a known ending (or beginning) of an unlisted word is
// worth; maxAffix is the longest in bytes.
const (
	suffixWeight = 0.3
	maxAffix     = 12
)

// loadAffixes reads a "lang: affix affix ..." file into m, each affix worth
// suffixWeight, shared by the languages that list it.
func loadAffixes(file string) map[string]wordScore {
	m := map[string]wordScore{}
	b, err := langFS.ReadFile(file)
	if err != nil {
		panic("classify: missing " + file)
	}
	for _, line := range strings.Split(string(b), "\n") {
		name, list, ok := strings.Cut(line, ":")
		if !ok || strings.HasPrefix(line, "#") {
			continue
		}
		l := latIndex(name)
		if l < 0 {
			panic("classify: bad line in " + file + ": " + line)
		}
		for _, f := range strings.Fields(list) {
			s := m[f]
			s[l] = 1
			m[f] = s
		}
	}
	for f, s := range m {
		k := 0
		for _, v := range s {
			if v > 0 {
				k++
			}
		}
		for l := range s {
			s[l] *= suffixWeight / float32(math.Sqrt(float64(k)))
		}
		m[f] = s
	}
	return m
}

// affixTable holds the scores of word beginnings or endings.
type affixTable struct {
	words  wordTable
	scores []wordScore
}

func newAffixTable(m map[string]wordScore) affixTable {
	var t affixTable
	keys := make([]string, 0, len(m))
	for k, v := range m {
		keys = append(keys, k)
		t.scores = append(t.scores, v)
	}
	t.words = newWordTable(keys)
	return t
}

func (t *affixTable) get(b []byte) (*wordScore, bool) {
	i, ok := t.words.get(b)
	if !ok {
		return nil, false
	}
	return &t.scores[i], true
}

// foldVariants returns the spellings of a word without its diacritics: the
// plain one (größe: grosse) and, for ä ö ü, the German transliteration
// (groesse).
func foldVariants(w string) []string {
	var plain, de strings.Builder
	changed, uml := false, false
	for _, r := range w {
		f, ok := foldRune(r)
		if !ok {
			plain.WriteRune(r)
			de.WriteRune(r)
			continue
		}
		changed = true
		plain.WriteString(f)
		switch r {
		case 'ä', 'ö', 'ü':
			uml = true
			de.WriteString(f + "e")
		default:
			de.WriteString(f)
		}
	}
	if !changed {
		return nil
	}
	if uml {
		return []string{plain.String(), de.String()}
	}
	return []string{plain.String()}
}

func foldRune(r rune) (string, bool) {
	switch r {
	case 'á', 'à', 'â', 'ä', 'ã', 'å', 'ą':
		return "a", true
	case 'ç', 'ć':
		return "c", true
	case 'é', 'è', 'ê', 'ë', 'ę':
		return "e", true
	case 'í', 'ì', 'î', 'ï', 'ı':
		return "i", true
	case 'ñ', 'ń':
		return "n", true
	case 'ó', 'ò', 'ô', 'ö', 'õ':
		return "o", true
	case 'ú', 'ù', 'û', 'ü':
		return "u", true
	case 'ý', 'ÿ':
		return "y", true
	case 'ł':
		return "l", true
	case 'ś', 'ş':
		return "s", true
	case 'ź', 'ż':
		return "z", true
	case 'ğ':
		return "g", true
	case 'ß':
		return "ss", true
	case 'œ':
		return "oe", true
	}
	return "", false
}

// Letter classes that point to few languages; a word scores each class once.
const (
	lcEnye    = iota // ñ
	lcTildeP         // ã õ
	lcCed            // ç
	lcEszett         // ß
	lcAuml           // ä
	lcOUml           // ö ü
	lcPL             // ł ą ę ś ź ż ń ć
	lcTR             // ı ş ğ İ
	lcEGrave         // è
	lcUGrave         // ù
	lcIOGrave        // ì ò
	lcCirc           // â ê ô
	lcFrOnly         // î û œ ÿ ï
	lcEUml           // ë
	lcEAcute         // é
	lcAcute          // á í ó ú
	lcAGrave         // à
	lcVI             // ă đ ơ ư ĩ ũ and U+1EA0..U+1EF9
	lcYAcute         // ý
	nLetterClasses
)

var letterW = func() (w [nLetterClasses]wordScore) {
	w[lcEnye][lES] = 2
	w[lcTildeP][lPT] = 2
	w[lcCed][lFR], w[lcCed][lPT], w[lcCed][lTR] = 0.6, 0.6, 0.6
	w[lcEszett][lDE] = 2
	w[lcAuml][lDE] = 1.5
	w[lcOUml][lDE], w[lcOUml][lTR] = 1, 1
	w[lcPL][lPL] = 2
	w[lcTR][lTR] = 2
	w[lcEGrave][lFR], w[lcEGrave][lIT] = 0.8, 0.8
	w[lcUGrave][lFR], w[lcUGrave][lIT] = 0.6, 0.6
	w[lcIOGrave][lIT] = 1.5
	w[lcCirc][lFR], w[lcCirc][lPT], w[lcCirc][lVI] = 0.6, 0.6, 0.6
	w[lcFrOnly][lFR] = 1.5
	w[lcEUml][lFR], w[lcEUml][lNL] = 0.8, 0.8
	w[lcEAcute][lFR], w[lcEAcute][lES], w[lcEAcute][lPT], w[lcEAcute][lIT] = 0.4, 0.2, 0.2, 0.2
	w[lcAcute][lES], w[lcAcute][lPT], w[lcAcute][lPL], w[lcAcute][lVI] = 0.4, 0.4, 0.1, 0.2
	w[lcAGrave][lFR], w[lcAGrave][lIT], w[lcAGrave][lPT], w[lcAGrave][lVI] = 0.4, 0.4, 0.2, 0.2
	w[lcVI][lVI] = 2
	w[lcYAcute][lVI] = 1
	return
}()

// letterClass returns the class of a lower-case non-ASCII Latin letter, or -1.
func letterClass(r rune) int {
	switch r {
	case 'ñ':
		return lcEnye
	case 'ã', 'õ':
		return lcTildeP
	case 'ç':
		return lcCed
	case 'ß':
		return lcEszett
	case 'ä':
		return lcAuml
	case 'ö', 'ü':
		return lcOUml
	case 'ł', 'ą', 'ę', 'ś', 'ź', 'ż', 'ń', 'ć':
		return lcPL
	case 'ı', 'ş', 'ğ':
		return lcTR
	case 'è':
		return lcEGrave
	case 'ù':
		return lcUGrave
	case 'ì', 'ò':
		return lcIOGrave
	case 'â', 'ê', 'ô':
		return lcCirc
	case 'î', 'û', 'œ', 'ÿ', 'ï':
		return lcFrOnly
	case 'ë':
		return lcEUml
	case 'é':
		return lcEAcute
	case 'á', 'í', 'ó', 'ú':
		return lcAcute
	case 'à':
		return lcAGrave
	case 'ă', 'đ', 'ơ', 'ư', 'ĩ', 'ũ':
		return lcVI
	case 'ý':
		return lcYAcute
	}
	if r >= 0x1EA0 && r <= 0x1EF9 {
		return lcVI
	}
	return -1
}

// Scripts.
const (
	scNone = iota
	scLatin
	scCyrillic
	scArabic
	scThai
	scHangul
	scKana
	scHan
	scOther
)

func scriptOf(r rune) int {
	switch {
	case r < 0x80:
		if r|0x20 >= 'a' && r|0x20 <= 'z' {
			return scLatin
		}
		return scNone
	case r >= 0x4E00 && r <= 0x9FFF:
		return scHan
	case r >= 0x3000 && r <= 0x303F, r >= 0xFF01 && r <= 0xFF20, r >= 0xFF3B && r <= 0xFF40, r >= 0xFF5B && r <= 0xFF65:
		return scNone // CJK and full-width punctuation
	case r >= 0xC0 && r <= 0x24F && r != 0xD7 && r != 0xF7, r >= 0x1E00 && r <= 0x1EFF:
		return scLatin
	case r >= 0x400 && r <= 0x52F:
		return scCyrillic
	case r >= 0x600 && r <= 0x6FF, r >= 0x750 && r <= 0x77F, r >= 0xFB50 && r <= 0xFDFF, r >= 0xFE70 && r <= 0xFEFF:
		if unicode.IsLetter(r) {
			return scArabic
		}
		return scNone
	case r >= 0xE00 && r <= 0xE7F:
		if unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) {
			return scThai
		}
		return scNone
	case r >= 0xAC00 && r <= 0xD7A3, r >= 0x1100 && r <= 0x11FF, r >= 0x3131 && r <= 0x318E:
		return scHangul
	case r >= 0x3041 && r <= 0x3096, r >= 0x30A1 && r <= 0x30FA, r >= 0xFF66 && r <= 0xFF9D:
		return scKana
	case r >= 0x3400 && r <= 0x4DBF, r >= 0x4E00 && r <= 0x9FFF, r >= 0xF900 && r <= 0xFAFF, r >= 0x20000 && r <= 0x3134F:
		return scHan
	}
	if unicode.IsLetter(r) {
		return scOther
	}
	return scNone
}

// wordTable is a read-only open-addressing hash set of words, faster than a
// map for the short byte-slice look-ups of the scorer: a slot holds the first
// 8 bytes of its key, so most words are matched without reading the arena.
type wordTable struct {
	slots []wordSlot
	mask  uint32
	arena string
}

type wordSlot struct {
	head uint64 // first 8 bytes of the key, zero padded
	meta uint32 // key length (8 bits; 0 marks an empty slot) | arena offset << 8
	idx  uint16
}

func newWordTable(keys []string) wordTable {
	size := 16
	for size*2 < 3*len(keys) {
		size *= 2
	}
	t := wordTable{slots: make([]wordSlot, size), mask: uint32(size - 1)}
	var arena strings.Builder
	for i, k := range keys {
		if len(k) == 0 || len(k) > 255 || arena.Len() >= 1<<24 {
			continue
		}
		b := []byte(k)
		j := hashWord(b) & t.mask
		for t.slots[j].meta != 0 {
			j = (j + 1) & t.mask
		}
		t.slots[j] = wordSlot{wordHead(b), uint32(len(k)) | uint32(arena.Len())<<8, uint16(i)}
		arena.WriteString(k)
	}
	t.arena = arena.String()
	return t
}

func hashWord(b []byte) uint32 {
	h := uint32(2166136261)
	for _, c := range b {
		h = (h ^ uint32(c)) * 16777619
	}
	return h
}

func wordHead(b []byte) uint64 {
	var h uint64
	for i := 0; i < len(b) && i < 8; i++ {
		h |= uint64(b[i]) << (8 * i)
	}
	return h
}

func (t *wordTable) get(b []byte) (uint16, bool) {
	if len(t.slots) == 0 || len(b) == 0 || len(b) > 255 {
		return 0, false
	}
	head := wordHead(b)
	for j := hashWord(b) & t.mask; ; j = (j + 1) & t.mask {
		s := &t.slots[j]
		if s.meta == 0 {
			return 0, false
		}
		if s.head == head && int(s.meta&0xFF) == len(b) {
			if len(b) <= 8 {
				return s.idx, true
			}
			off := s.meta >> 8
			if t.arena[off+8:off+uint32(len(b))] == string(b[8:]) {
				return s.idx, true
			}
		}
	}
}

type unknownWord struct {
	off uint16
	n   uint8
	w   float32
}

type span struct {
	s, e int32
	w    float32
}

type langDetector struct {
	t    *langTabs
	text string

	// script counts
	latinU, cyrU, arabU, hangulU, otherU float64
	thai, kana, han                      int
	simp, trad, yue, jaHan               int

	// Latin scores
	seg, total, votes wordScore
	segN              int
	ev                [nLat][8]span
	evN               [nLat]uint8
	letterHits        [nLat]int

	// words in no list, kept for a closer look when the listed words
	// do not settle the language
	unknown    [128]unknownWord
	nUnknown   int
	unknownBuf [1024]byte
	unknownLen int

	// current token
	tokStart, tokEnd int
	tokScript        int
	tokAposBefore    bool
	tokSkip          bool
	inTok            bool
	quoteLine        bool
	combining        bool // saw a combining diacritic (U+0300..U+036F)
}

// DetectLanguage guesses the language of a message's text: one of
// Languages, or "" with confidence 0 when the text has no letters.
func DetectLanguage(text string) LangGuess {
	if len(text) > maxLangBytes {
		cut := maxLangBytes
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	d := langDetector{t: langTables(), text: text}
	d.scan()
	if d.combining {
		// Decomposed text (e + U+0301): compose it so that the words and
		// letters match, and look again.
		d = langDetector{t: d.t, text: norm.NFC.String(text)}
		d.scan()
	}
	return d.result()
}

func isAtomByte(b byte) bool { return b > ' ' && b < 0x7F }

// isLink reports whether an ASCII run is a URL, an e-mail address or a
// domain name (amazon.de, shop.example/path).
func isLink(a string) bool {
	if strings.Contains(a, "://") || strings.IndexByte(a, '@') > 0 {
		return true
	}
	if len(a) > 4 && strings.EqualFold(a[:4], "www.") {
		return true
	}
	// name.tld: a dot followed by 2..10 lower-case letters up to the end,
	// a slash or trailing punctuation.
	for i := 1; i < len(a)-2; i++ {
		if a[i] != '.' || !isAlnum(a[i-1]) {
			continue
		}
		j := i + 1
		for j < len(a) && a[j] >= 'a' && a[j] <= 'z' {
			j++
		}
		if n := j - i - 1; n >= 2 && n <= 10 && (j == len(a) || a[j] == '/' || a[j] == '.' || a[j] == ':' ||
			a[j] == ',' || a[j] == ')' || a[j] == '>' || a[j] == '!' || a[j] == '?' || a[j] == ';') {
			return true
		}
	}
	return false
}

func isAlnum(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

func (d *langDetector) scan() {
	text := d.text
	lineStart := true
	for i := 0; i < len(text); {
		c := text[i]
		if c < 0x80 {
			if isAtomByte(c) && (i == 0 || !isAtomByte(text[i-1])) {
				j := i
				special := false
				for j < len(text) && isAtomByte(text[j]) {
					if b := text[j]; b == '.' || b == '@' || b == ':' {
						special = true
					}
					j++
				}
				if special && isLink(text[i:j]) {
					d.endTok()
					i = j
					lineStart = false
					continue
				}
			}
			switch {
			case c|0x20 >= 'a' && c|0x20 <= 'z':
				if d.inTok && d.tokScript == scLatin {
					d.tokEnd = i + 1
				} else {
					d.letter(i, 1, scLatin)
				}
			case c >= '0' && c <= '9':
				if d.inTok {
					// "temen2" (Indonesian/Malay plural) keeps its word.
					if c == '2' && d.tokScript == scLatin && (i+1 == len(text) || !isAlnum(text[i+1])) && i-d.tokStart >= 3 {
						d.endTok()
						break
					}
					d.tokSkip = true
					d.tokEnd = i + 1
				} else {
					// A digit glues to the letters that follow it (AV260110, 4K).
					d.inTok, d.tokSkip, d.tokStart, d.tokEnd, d.tokScript = true, true, i, i+1, scLatin
				}
			case c == '\'':
				d.apostrophe(i, 1)
			case c == '\n':
				d.endTok()
				d.endSentence()
				lineStart = true
				d.quoteLine = false
				i++
				continue
			case c == '.' || c == '!' || c == '?' || c == ';':
				d.endTok()
				if i+1 == len(text) || text[i+1] == ' ' || text[i+1] == '\n' || text[i+1] == '\r' {
					d.endSentence()
				}
			case c == '>' && lineStart:
				d.quoteLine = true
			case c == ' ' || c == '\t' || c == '\r':
				d.endTok()
				i++
				continue // keeps lineStart for indented quote markers
			default:
				d.endTok()
			}
			lineStart = false
			i++
			continue
		}
		lineStart = false
		r, size := utf8.DecodeRuneInString(text[i:])
		switch r {
		case '¿', '¡':
			d.seg[lES] += 2
			d.endTok()
			i += size
			continue
		case '。', '！', '？', '．':
			d.endTok()
			d.endSentence()
			i += size
			continue
		}
		if isApostrophe(r) {
			d.apostrophe(i, size)
			i += size
			continue
		}
		sc := scriptOf(r)
		switch sc {
		case scNone:
			if r >= 0x300 && r <= 0x36F {
				d.combining = true
			}
			if d.inTok && unicode.Is(unicode.Mn, r) {
				d.tokEnd = i + size // combining mark left after NFC
			} else {
				d.endTok()
			}
		case scHan:
			d.endTok()
			d.han++
			if r >= hanLo && r <= hanHi {
				f := d.t.han[r-hanLo]
				if f&hanSimp != 0 {
					d.simp++
				}
				if f&hanTrad != 0 {
					d.trad++
				}
				if f&hanJa != 0 {
					d.jaHan++
				}
				if f&hanYue != 0 {
					d.yue++
				}
			}
		case scKana:
			d.endTok()
			d.kana++
		case scThai:
			d.endTok()
			d.thai++
		default:
			d.letter(i, size, sc)
		}
		i += size
	}
	d.endTok()
	d.endSentence()
}

func (d *langDetector) letter(i, size, sc int) {
	if d.inTok && d.tokScript != sc {
		d.endTok()
	}
	if !d.inTok {
		d.inTok, d.tokSkip, d.tokStart, d.tokScript = true, false, i, sc
		// A letter right after a digit belongs to a code (2.0T, 100W).
		if i > 0 && d.text[i-1] >= '0' && d.text[i-1] <= '9' {
			d.tokSkip = true
		}
	}
	d.tokEnd = i + size
}

func (d *langDetector) apostrophe(i, size int) {
	next := i + size
	nextIsLetter := false
	if next < len(d.text) {
		r, _ := utf8.DecodeRuneInString(d.text[next:])
		nextIsLetter = scriptOf(r) == scLatin
	}
	if d.inTok && d.tokScript == scLatin {
		// Elision (l'avis, j'ai, dell'ordine) or contraction (don't): the
		// first part is looked up with its apostrophe, the second after one.
		d.tokEnd = i + size
		d.endTok()
		d.tokAposBefore = nextIsLetter
		return
	}
	d.endTok()
	d.tokAposBefore = nextIsLetter
}

func (d *langDetector) endTok() {
	if !d.inTok {
		d.tokAposBefore = false
		return
	}
	d.inTok = false
	aposBefore := d.tokAposBefore
	d.tokAposBefore = false
	if d.tokSkip {
		return
	}
	switch d.tokScript {
	case scLatin:
		d.latinWord(d.tokStart, d.tokEnd, aposBefore)
	case scCyrillic:
		d.cyrU++
	case scArabic:
		d.arabU++
	case scHangul:
		d.hangulU++
	default:
		d.otherU++
	}
}

// latinWord scores one Latin-script word text[s:e] (which may end with an
// apostrophe).
func (d *langDetector) latinWord(s, e int, aposBefore bool) {
	var buf [52]byte
	buf[0] = '\''
	n := 1
	var classes uint32
	upper, letters := 0, 0
	aposAfter := false
	for i := s; i < e; {
		if b := d.text[i]; b < 0x80 {
			i++
			if b == '\'' {
				aposAfter = true
				break
			}
			letters++
			if b >= 'A' && b <= 'Z' {
				upper++
				b += 'a' - 'A'
			}
			if n < len(buf)-1 {
				buf[n] = b
			}
			n++
			continue
		}
		r, size := utf8.DecodeRuneInString(d.text[i:])
		i += size
		if isApostrophe(r) {
			aposAfter = true
			break
		}
		letters++
		if r == 'İ' {
			classes |= 1 << lcTR
		}
		if unicode.IsUpper(r) {
			upper++
			r = unicode.ToLower(r)
		}
		if c := letterClass(r); c >= 0 {
			classes |= 1 << uint(c)
		}
		if n+utf8.RuneLen(r) < len(buf)-1 {
			n += utf8.EncodeRune(buf[n:], r)
		} else {
			n += 4
		}
	}
	if letters == 0 {
		return
	}
	w := float32(1)
	if d.quoteLine {
		w = 0.3
	}
	if upper == letters && letters >= 2 && letters <= 4 {
		w *= 0.3 // an acronym (USB, DHL, PL) more likely than a shouted word
	}
	if n >= len(buf)-1 {
		d.latinU += float64(w) / 2
		return // too long to be a listed word
	}
	word := buf[1:n]
	var ws *wordScoreQ
	found := false
	var wi uint16
	if aposBefore {
		wi, found = d.t.words.get(buf[0:n])
	}
	evEnd := e // the evidence keeps the apostrophe of an elision (l', dell')
	if !found && aposAfter {
		buf[n] = '\''
		wi, found = d.t.words.get(buf[1 : n+1])
		if !found {
			evEnd = s + len(trimApostrophe(d.text[s:e]))
		}
	}
	if !found {
		wi, found = d.t.words.get(word)
	}
	if found {
		ws = &d.t.scores[wi]
	} else if last := word[len(word)-1]; len(word) >= 5 && (last == 'a' || last == 'h' || last == 'u') {
		// Indonesian/Malay suffixes: barangnya, anakku, bisakah.
		for _, suf := range [...]string{"nya", "lah", "kah", "ku", "mu"} {
			if len(word) > len(suf)+2 && string(word[len(word)-len(suf):]) == suf {
				if i, ok := d.t.words.get(word[:len(word)-len(suf)]); ok {
					st := &d.t.scores[i]
					if idms := st.mask & (1<<lID | 1<<lMS); idms != 0 {
						stem := wordScoreQ{mask: idms}
						stem.w[lID], stem.w[lMS] = st.w[lID]*7/10, st.w[lMS]*7/10
						ws, found = &stem, true
					}
				}
				break
			}
		}
	}
	if !found && len(word) >= 3 && d.nUnknown < len(d.unknown) && d.unknownLen+len(word) <= len(d.unknownBuf) {
		// Its ending, beginning and letter groups are looked at only if the
		// listed words leave the language open (see latinResult).
		d.unknown[d.nUnknown] = unknownWord{uint16(d.unknownLen), uint8(len(word)), w}
		d.unknownLen += copy(d.unknownBuf[d.unknownLen:], word)
		d.nUnknown++
	}
	// For the choice of script, a word of no list (a product or brand name in
	// CJK mail, say) counts half.
	if found {
		d.latinU += float64(w)
	} else {
		d.latinU += float64(w) / 2
	}
	if found {
		for m := ws.mask; m != 0; m &= m - 1 {
			l := bits.TrailingZeros16(m)
			v := float32(ws.w[l]) * (1.0 / 32)
			d.seg[l] += w * v
			d.addEvidence(l, s, evEnd, v)
		}
	}
	if classes != 0 {
		for c := 0; c < nLetterClasses; c++ {
			if classes&(1<<uint(c)) == 0 {
				continue
			}
			for l, v := range letterW[c] {
				if v > 0 {
					d.seg[l] += w * v
					d.letterHits[l]++
				}
			}
		}
	}
}

// unlistedScore adds to sc what the endings, beginnings and letter groups of
// an unlisted word say.
func (t *langTabs) unlistedScore(word []byte, w float32, sc *wordScore) {
	if len(word) >= 5 {
		lens := t.sufLens[word[len(word)-1]]
		for k := maxAffix; k >= 2; k-- {
			if lens&(1<<uint(k)) == 0 || k >= len(word)-1 {
				continue
			}
			if st, ok := t.suffixes.get(word[len(word)-k:]); ok {
				for l, v := range st {
					sc[l] += w * v
				}
				break
			}
		}
		lens = t.preLens[word[0]]
		for k := maxAffix; k >= 2; k-- {
			if lens&(1<<uint(k)) == 0 || k >= len(word)-2 {
				continue
			}
			if st, ok := t.prefixes.get(word[:k]); ok {
				for l, v := range st {
					sc[l] += w * v
				}
				break
			}
		}
	}
	var hit uint32
	for i := 0; i+1 < len(word); i++ {
		c, c2 := word[i], word[i+1]
		if t.ngram2[c][c2>>6]&(1<<(c2&63)) == 0 {
			continue
		}
		for _, g := range t.ngrams[c] {
			if hit&(1<<uint(g.l)) == 0 && len(word)-i >= len(g.g) && string(word[i:i+len(g.g)]) == g.g {
				hit |= 1 << uint(g.l)
				sc[g.l] += w * ngramWeight
			}
		}
	}
}

// addEvidence notes a word that spoke for language l (the reason shows the
// strongest three).
func (d *langDetector) addEvidence(l, s, e int, v float32) {
	if k := int(d.evN[l]); k < len(d.ev[l]) {
		d.ev[l][k] = span{int32(s), int32(e), v}
		d.evN[l]++
	}
}

// endSentence folds the sentence's scores into the totals; the sentence's
// best language also gets a vote worth its margin (at most 3), so that the
// language of most sentences wins over one long line in another.
func (d *langDetector) endSentence() {
	best, second := -1, float32(0)
	for l, v := range d.seg {
		if v <= 0 {
			continue
		}
		if best < 0 || v > d.seg[best] {
			if best >= 0 {
				second = d.seg[best]
			}
			best = l
		} else if v > second {
			second = v
		}
	}
	if best >= 0 {
		m := d.seg[best] - second
		if m > 3 {
			m = 3
		}
		d.votes[best] += m
		for l, v := range d.seg {
			d.total[l] += v
		}
		d.segN++
	}
	d.seg = wordScore{}
}

func (d *langDetector) result() LangGuess {
	cjk := float64(d.han+d.kana) / 1.5
	thai := float64(d.thai) / 4
	units := [...]float64{d.latinU, d.cyrU, d.arabU, thai, d.hangulU * 1.2, cjk, d.otherU}
	scripts := [...]int{scLatin, scCyrillic, scArabic, scThai, scHangul, scHan, scOther}
	best, sum := 0, 0.0
	for i, u := range units {
		sum += u
		if u > units[best] {
			best = i
		}
	}
	if sum == 0 {
		return LangGuess{Reason: "no letters"}
	}
	share := units[best] / sum
	conf := 0.6 + 0.39*share
	switch scripts[best] {
	case scCyrillic:
		return LangGuess{"ru", conf, "Cyrillic script"}
	case scArabic:
		return LangGuess{"ar", conf, "Arabic script"}
	case scThai:
		return LangGuess{"th", conf, "Thai script"}
	case scHangul:
		return LangGuess{"ko", conf, "Hangul script"}
	case scHan:
		return d.cjkResult(conf)
	case scOther:
		return LangGuess{"en", 0.1, "letters of an unsupported script; defaulting to en"}
	}
	return d.latinResult(share)
}

func (d *langDetector) cjkResult(conf float64) LangGuess {
	if d.kana >= 3 || (d.kana > 0 && d.kana*10 >= d.han) {
		return LangGuess{"ja", conf, "kana (" + strconv.Itoa(d.kana) + " of " + strconv.Itoa(d.kana+d.han) + " CJK characters)"}
	}
	if d.jaHan > 0 && 3*d.jaHan >= d.simp+d.trad {
		return LangGuess{"ja", conf * 0.85, "Japanese-only kanji forms (" + strconv.Itoa(d.jaHan) + ")"}
	}
	s, t := float64(d.simp), float64(d.trad)+0.5*float64(d.yue)
	if s+t == 0 {
		return LangGuess{"zh-Hans", conf * 0.6, "Han script without simplified- or traditional-only characters"}
	}
	sure := math.Abs(s-t) / (s + t) * (1 - math.Exp(-(s+t)/2))
	c := conf * (0.6 + 0.4*sure)
	counts := " (" + strconv.Itoa(d.trad) + " traditional-only, " + strconv.Itoa(d.simp) + " simplified-only characters)"
	if t > s {
		if d.yue > 0 {
			counts += ", Cantonese characters"
		}
		return LangGuess{"zh-Hant", c, "Traditional Han script" + counts}
	}
	return LangGuess{"zh-Hans", c, "Simplified Han script" + counts}
}

func (d *langDetector) latinResult(share float64) LangGuess {
	var final wordScore
	for l := range final {
		final[l] = d.total[l] + d.votes[l]
	}
	best, second := bestTwo(&final)
	if top := final[best]; top-second < 2 || top-second < 0.35*top {
		// Not settled by the listed words: let the unlisted ones speak.
		for _, u := range d.unknown[:d.nUnknown] {
			d.t.unlistedScore(d.unknownBuf[u.off:int(u.off)+int(u.n)], u.w, &final)
		}
		best, second = bestTwo(&final)
	}
	top := final[best]
	if top <= 0 {
		return LangGuess{"en", 0.25, "Latin text without known words; defaulting to en"}
	}
	margin := float64(top-second) / float64(top)
	amount := 1 - math.Exp(-float64(top)/2.5)
	conf := (0.35 + 0.64*margin*amount) * (0.7 + 0.3*share)
	if conf > 0.99 {
		conf = 0.99
	}
	return LangGuess{latNames[best], conf, d.latinReason(best)}
}

// trimApostrophe cuts a trailing apostrophe (', ’ or ʼ) off a word.
func trimApostrophe(w string) string {
	switch {
	case strings.HasSuffix(w, "'"):
		return w[:len(w)-1]
	case strings.HasSuffix(w, "’"), strings.HasSuffix(w, "ʼ"):
		_, n := utf8.DecodeLastRuneInString(w)
		return w[:len(w)-n]
	}
	return w
}

// bestTwo returns the best language of sc and the score of the second.
func bestTwo(sc *wordScore) (best int, second float32) {
	for l, v := range sc {
		if v > sc[best] {
			best = l
		}
	}
	for l, v := range sc {
		if l != best && v > second {
			second = v
		}
	}
	return best, second
}

func (d *langDetector) latinReason(l int) string {
	var b strings.Builder
	b.WriteString("Latin text: ")
	if l == lVI && d.letterHits[lVI] > 0 {
		b.WriteString("Vietnamese diacritics")
		if d.evN[l] > 0 {
			b.WriteString(", ")
		}
	}
	if d.evN[l] > 0 {
		// The three strongest distinct words.
		ev := d.ev[l][:d.evN[l]]
		b.WriteString("words ")
		for n := 0; n < 3; n++ {
			best := -1
			for j, p := range ev {
				if p.w > 0 && (best < 0 || p.w > ev[best].w) {
					best = j
				}
			}
			if best < 0 {
				break
			}
			w := d.text[ev[best].s:ev[best].e]
			for j := range ev {
				if ev[j].e-ev[j].s == ev[best].e-ev[best].s && strings.EqualFold(d.text[ev[j].s:ev[j].e], w) {
					ev[j].w = 0
				}
			}
			if n > 0 {
				b.WriteByte(',')
			}
			b.WriteByte('\'')
			b.WriteString(strings.ToLower(w))
			b.WriteByte('\'')
		}
	} else if l != lVI {
		b.WriteString("letters")
	}
	b.WriteString(" (")
	b.WriteString(latNames[l])
	b.WriteByte(')')
	return b.String()
}
