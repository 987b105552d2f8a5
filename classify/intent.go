package classify

// Intent of mail written by a person (PredictIntent).
//
// Design: multinomial logistic regression over hashed features, trained by
// TrainIntentModel (go run ./classify/internal/train) from the files in
// classify/model and embedded as model/intent.model. The 28 classes are the
// person (type, intent) pairs, e.g. "after_sale/refund",
// "buyer_message/complaint", "other/other" (intentClassList).
//
// Features (all hashed to 32 bits):
//   - character n-grams of the normalized text (lowercase, digits as 0,
//     Latin diacritics stripped, Arabic letter variants unified, Traditional
//     Chinese folded to Simplified): 3-4 grams of space-padded words (1-4 for
//     Hangul), 1-3 grams of Han/kana runs and 2-4 grams of Thai runs, so CJK
//     and Thai need no word segmentation; plus whole words and word bigrams.
//     Values are counts / sqrt(n-grams in the text), scaled by IDF in
//     training (folded into the weights);
//   - the same for the subject, weaker (weaker still for "Re:" subjects,
//     which may carry an old topic, and for marketplace-generated subjects);
//   - a multilingual lexicon (model/lexicon.txt): weighted phrases per intent
//     and per type in every language; words match as prefixes ("rückerstatt"
//     matches "Rückerstattung"), CJK/Thai phrases as substrings, @none
//     phrases cancel idioms and negations ("rather than a refund"). Its
//     matches become one feature per intent and per type marker;
//   - whether an order number is present (in.OrderID or the text).
// The order-number and type-marker features are tied within each type in
// training, so that they move the type and never pick an intent.
//
// Decoding: the type is the argmax of the type marginal (summed class
// probabilities), the intent the best class of that type, so the pair is
// always consistent. TypeConf and IntentConf are softmax probabilities with a
// temperature fitted on held-out training data.
//
// Speed: the weight table is open addressing with 32-byte slots holding the
// key and a sparse int8 row (the row median removed, at most 8 classes,
// scale 2^-k), accumulated in integers per exponent. No maps and no
// allocation per call besides the Reasons strings (scratch buffers are
// pooled).

import (
	"bufio"
	"bytes"
	_ "embed"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

//go:embed model/intent.model
var intentModelData []byte

// IntentModelFile is the name of the trained model in classify/model.
const IntentModelFile = "intent.model"

// intentClassList is the fixed class set of the model: the person types with
// their intents. The order is the model's class order.
var intentClassList = []string{
	"after_sale/order_status", "after_sale/tracking", "after_sale/delivery_problem",
	"after_sale/return", "after_sale/refund", "after_sale/exchange", "after_sale/cancel",
	"after_sale/damaged_defective", "after_sale/wrong_item", "after_sale/missing_item",
	"after_sale/address_change", "after_sale/invoice", "after_sale/warranty",
	"after_sale/usage_help", "after_sale/payment_issue", "after_sale/complaint",
	"pre_sale/product_question", "pre_sale/stock_availability", "pre_sale/price_discount",
	"pre_sale/shipping_cost", "pre_sale/delivery_time", "pre_sale/customization",
	"pre_sale/wholesale",
	"buyer_message/thanks", "buyer_message/review_feedback", "buyer_message/complaint",
	"buyer_message/other",
	"other/other",
}

const (
	intentMaxClasses = 32   // at least len(intentClassList); a power of two (class ids are masked)
	intentMaxText    = 6000 // bytes of new text looked at
	intentMaxSubject = 300
	intentModelMagic = "RDINTENT"
	intentModelVer   = 3
)

// Feature hash seeds (namespaces).
const (
	intentSeedChar  uint32 = 2166136261
	intentSeedWord  uint32 = 0x9747b28c
	intentSeedBi    uint32 = 0x3c6ef372
	intentSeedLex   uint32 = 0x1b873593
	intentSeedMeta  uint32 = 0x85ebca6b
	intentSeedTok   uint32 = 0xcc9e2d51
	intentPrime     uint32 = 16777619
	intentExactMark uint32 = 0x5bd1e995
)

// ---------------------------------------------------------------------------
// Prediction

type intentModel struct {
	classes   []string
	types     []string // type of each class
	intents   []string // intent of each class
	typeNames []string // distinct types in class order
	typeOf    []int    // class -> index into typeNames
	bias      []float32
	temp      float32
	nc        int
	// open-addressing feature table: keys and rows by slot
	mask  uint32
	shift uint32
	slots []intentSlot
	lex   *intentLexicon
	// lexicon feature hashes per lexicon target
	lexFeat []uint32
}

var (
	intentOnce    sync.Once
	intentLoaded  *intentModel
	intentLoadErr error
)

func intentDefault() *intentModel {
	intentOnce.Do(func() {
		intentLoaded, intentLoadErr = decodeIntentModel(intentModelData)
	})
	return intentLoaded
}

type intentScratch struct {
	acc    intentAcc
	found  []int32
	runes  []rune
	hashes []uint32
	hits   []intentHit
}

var intentPool = sync.Pool{New: func() any {
	sc := &intentScratch{runes: make([]rune, 0, 1024), hashes: make([]uint32, 0, 2048), hits: make([]intentHit, 0, 32)}
	sc.acc.min, sc.acc.max = 0, intentMaxExp
	return sc
}}

// PredictIntent classifies mail written by a person: its type (pre_sale,
// after_sale, buyer_message or other) and intent, from the sender's new text,
// the subject (weaker), the order id (leans after_sale) and the channel
// (marketplace-generated subjects count less). lang is the detected language
// of the new text; it is not needed, as the features work for every
// language at once. Reasons give the model's top class and the lexicon
// phrases that matched, e.g. `phrase "rückerstatt" → refund`.
func PredictIntent(in *Input, lang string) IntentGuess {
	m := intentDefault()
	if m == nil {
		msg := "intent model not loaded"
		if intentLoadErr != nil {
			msg += ": " + intentLoadErr.Error()
		}
		return IntentGuess{Type: TypeBuyerMessage, Intent: "other", Reasons: []string{msg}}
	}
	if in == nil {
		in = &Input{}
	}
	_ = lang
	sc := intentPool.Get().(*intentScratch)
	defer intentPool.Put(sc)
	var probs [intentMaxClasses]float32
	hasOrder := in.OrderID != "" || intentHasOrderRef(in.NewText) || intentHasOrderRef(in.Subject)
	subjScale := float32(1)
	switch in.Channel {
	case "ebay", "aliexpress", "walmart", "tiktok":
		// the subject is generated: a product title or "new message from"
		subjScale = 0.4
	}
	hits := m.score(sc, in.Subject, in.NewText, hasOrder, subjScale, probs[:m.nc])
	g := m.decode(probs[:m.nc])
	// Reasons.
	best := g.cls
	g.guess.Reasons = append(make([]string, 0, 5), "model: "+g.guess.Intent+" "+strconv.FormatFloat(g.guess.IntentConf, 'f', 2, 64)+
		" ("+g.guess.Type+" "+strconv.FormatFloat(g.guess.TypeConf, 'f', 2, 64)+")")
	n := 0
	for pass := 0; pass < 2 && n < 3; pass++ {
		for _, h := range hits {
			e := &m.lex.entries[h.entry]
			t := &m.lex.targets[e.target]
			own := t.intent == m.intents[best] || (t.intent == "" && t.typ == m.types[best])
			if (pass == 0) != own {
				continue
			}
			if n >= 3 {
				break
			}
			label := t.intent
			if label == "" {
				label = "type " + t.typ
			}
			where := ""
			if h.subject {
				where = " (subject)"
			}
			g.guess.Reasons = append(g.guess.Reasons, "phrase \""+e.phrase+"\" → "+label+where)
			n++
		}
	}
	if hasOrder {
		g.guess.Reasons = append(g.guess.Reasons, "order id present")
	}
	return g.guess
}

type intentDecoded struct {
	guess IntentGuess
	cls   int
}

func (m *intentModel) decode(p []float32) intentDecoded {
	var tsum [8]float32
	for c, v := range p {
		tsum[m.typeOf[c]] += v
	}
	bt := 0
	for t := range m.typeNames {
		if tsum[t] > tsum[bt] {
			bt = t
		}
	}
	bc := -1
	for c, v := range p {
		if m.typeOf[c] == bt && (bc < 0 || v > p[bc]) {
			bc = c
		}
	}
	var iconf float32
	for c, v := range p {
		if m.intents[c] == m.intents[bc] {
			iconf += v
		}
	}
	return intentDecoded{cls: bc, guess: IntentGuess{
		Type: m.types[bc], Intent: m.intents[bc],
		TypeConf: intentRound3(float64(tsum[bt])), IntentConf: intentRound3(float64(iconf)),
	}}
}

func intentRound3(v float64) float64 { return math.Round(v*1000) / 1000 }

// score fills probs (softmax over classes) and returns the lexicon hits.
func (m *intentModel) score(sc *intentScratch, subject, text string, hasOrder bool, subjScale float32, probs []float32) []intentHit {
	var logits [intentMaxClasses]float32
	copy(logits[:m.nc], m.bias)
	fv := intentFeatureValues{}
	sc.runes, sc.hashes, sc.hits = intentExtract(m.lex, subject, text, hasOrder, subjScale, sc.runes[:0], sc.hashes[:0], sc.hits[:0], &fv)
	// n-gram features: body then subject, each normalized by sqrt(count).
	a := &sc.acc
	a.reset()
	sc.found = m.addHashes(sc.hashes[:fv.nBody], a, sc.found)
	if fv.nBody > 0 {
		a.addTo(float32(intentLenNorm(fv.nBody)), &logits)
	}
	if ns := len(sc.hashes) - fv.nBody; ns > 0 {
		a.reset()
		sc.found = m.addHashes(sc.hashes[fv.nBody:], a, sc.found)
		a.addTo(fv.subjW*float32(intentLenNorm(ns)), &logits)
	}
	// lexicon and meta features
	for t, v := range fv.lex[:len(m.lex.targets)] {
		if v != 0 {
			m.addOne(m.lexFeat[t], v, &logits)
		}
	}
	for _, mf := range fv.meta[:fv.nMeta] {
		m.addOne(mf, 1, &logits)
	}
	// softmax with temperature
	mx := float32(math.Inf(-1))
	for c := 0; c < m.nc; c++ {
		logits[c] /= m.temp
		if logits[c] > mx {
			mx = logits[c]
		}
	}
	var sum float32
	for c := 0; c < m.nc; c++ {
		probs[c] = float32(math.Exp(float64(logits[c] - mx)))
		sum += probs[c]
	}
	for c := 0; c < m.nc; c++ {
		probs[c] /= sum
	}
	return sc.hits
}

func (m *intentModel) find(h uint32) int {
	if len(m.slots) == 0 {
		return -1
	}
	slot := (h * 0x9E3779B1) >> m.shift
	for {
		k := m.slots[slot].key
		if k == h {
			return int(slot)
		}
		if k == 0 {
			return -1
		}
		slot = (slot + 1) & m.mask
	}
}

// intentRowK is the most nonzero weights a row of the model may have.
const intentRowK = 8

// intentSlot is one slot of the feature table: a key and its sparse weight
// row inline (32 bytes, so a lookup touches one cache line). Rows are
// sparse: the row median (which does not change a softmax) is removed and
// only the large deviations are kept, as int8 times 2^-exp.
type intentSlot struct {
	key uint32
	exp uint8
	n   uint8
	cls [intentRowK]uint8
	q   [intentRowK]int8
	_   [10]byte
}

// intentAcc accumulates rows exactly in integers, one bucket per exponent.
type intentAcc struct {
	b        [intentMaxExp + 1][intentMaxClasses]int32
	min, max int
}

const intentMaxExp = 31

func (a *intentAcc) reset() {
	for e := a.min; e <= a.max && e <= intentMaxExp; e++ {
		a.b[e] = [intentMaxClasses]int32{}
	}
	a.min, a.max = intentMaxExp+1, -1
}

// addTo adds v times the accumulated sum to acc.
func (a *intentAcc) addTo(v float32, acc *[intentMaxClasses]float32) {
	for e := a.min; e <= a.max && e <= intentMaxExp; e++ {
		f := v * float32(math.Ldexp(1, -e))
		for c := range acc {
			acc[c] += f * float32(a.b[e][c])
		}
	}
}

// addHashes adds the rows of the features hs to a. The slots are looked up
// first, all of them, so that the memory loads overlap; then they are
// added.
func (m *intentModel) addHashes(hs []uint32, a *intentAcc, found []int32) []int32 {
	found = found[:0]
	if len(m.slots) == 0 {
		return found
	}
	for _, h := range hs {
		slot := (h * 0x9E3779B1) >> m.shift
		for {
			k := m.slots[slot].key
			if k == h {
				found = append(found, int32(slot))
				break
			}
			if k == 0 {
				break
			}
			slot = (slot + 1) & m.mask
		}
	}
	for _, i := range found {
		sl := &m.slots[i]
		e := int(sl.exp & intentMaxExp)
		if e < a.min {
			a.min = e
		}
		if e > a.max {
			a.max = e
		}
		n := int(sl.n)
		if n > intentRowK {
			n = intentRowK
		}
		row := &a.b[e]
		for j := 0; j < n; j++ {
			row[sl.cls[j]&(intentMaxClasses-1)] += int32(sl.q[j])
		}
	}
	return found
}

// add adds v times the row of slot i to acc.
func (m *intentModel) add(i int, v float32, acc *[intentMaxClasses]float32) {
	sl := &m.slots[i]
	f := v * float32(math.Ldexp(1, -int(sl.exp&intentMaxExp)))
	n := int(sl.n)
	if n > intentRowK {
		n = intentRowK
	}
	for j := 0; j < n; j++ {
		acc[sl.cls[j]&(intentMaxClasses-1)] += f * float32(sl.q[j])
	}
}

func (m *intentModel) addOne(h uint32, v float32, acc *[intentMaxClasses]float32) {
	if off := m.find(h); off >= 0 {
		m.add(off, v, acc)
	}
}

// ---------------------------------------------------------------------------
// Feature extraction (shared by prediction and training)

type intentFeatureValues struct {
	nBody int     // hashes[:nBody] are body features, the rest subject features
	subjW float32 // weight of the subject features
	lex   [intentMaxLexTargets]float32
	meta  [4]uint32
	nMeta int
}

const intentMaxLexTargets = 48

// intentPreDecay lowers pre-sale lexicon hits late in the text: at the end
// they count (1-intentPreDecay) of one at the start.
const intentPreDecay = 0.5

// intentExtract normalizes subject and text, appends their n-gram hashes and
// lexicon hits, and fills fv.
//
// subjScale scales the subject's weight: relay subjects generated by a
// marketplace (a product title, "New message from buyer ...") say less than
// a subject the sender wrote.
func intentExtract(lx *intentLexicon, subject, text string, hasOrder bool, subjScale float32, runes []rune, hashes []uint32, hits []intentHit, fv *intentFeatureValues) ([]rune, []uint32, []intentHit) {
	if len(text) > intentMaxText {
		text = text[:intentMaxText]
	}
	runes = intentNormalize(runes[:0], text)
	words := 0
	hashes, words = intentHashes(hashes, runes)
	fv.nBody = len(hashes)
	hits = lx.match(runes, hits, false)
	bodyLen := len(runes)
	// subject
	subject, reply := intentStripReply(subject)
	if len(subject) > intentMaxSubject {
		subject = subject[:intentMaxSubject]
	}
	fv.subjW = 0.25
	if reply {
		fv.subjW = 0.12
	}
	if words < 4 {
		fv.subjW = 1
		if reply {
			fv.subjW = 0.5
		}
	}
	fv.subjW *= subjScale
	if subject != "" {
		runes = intentNormalize(runes[:0], subject)
		hashes, _ = intentHashes(hashes, runes)
		hits = lx.match(runes, hits, true)
	}
	for i := range fv.lex[:len(lx.targets)] {
		fv.lex[i] = 0
	}
	for _, h := range hits {
		e := &lx.entries[h.entry]
		// (explicit conversions keep the compiler from fusing multiply-adds,
		// which would change training results between CPUs)
		w := e.weight
		if h.subject {
			w = float32(w * fv.subjW)
		} else if lx.targets[e.target].preSale && bodyLen > 0 {
			// a pre-sale message with several questions is about the
			// first one
			f := float32(h.start) / float32(bodyLen)
			f = 1 - float32(intentPreDecay*f)
			w = float32(w * f)
		}
		fv.lex[e.target] += w
	}
	for i := range fv.lex[:len(lx.targets)] {
		if fv.lex[i] > 4 {
			fv.lex[i] = 4
		}
		fv.lex[i] *= 0.5
	}
	fv.nMeta = 0
	if hasOrder {
		fv.meta[fv.nMeta] = intentMetaHash("order")
		fv.nMeta++
	}
	if words == 0 {
		fv.meta[fv.nMeta] = intentMetaHash("empty")
		fv.nMeta++
	}
	return runes, hashes, hits
}

// intentLenNorm is the weight of one n-gram in a text of n n-grams (L2-like
// normalization; a square root is exact on every platform).
func intentLenNorm(n int) float64 { return 1 / math.Sqrt(float64(n)) }

func intentMetaHash(s string) uint32 { return intentStrHash(intentSeedMeta, s) }

func intentStrHash(seed uint32, s string) uint32 {
	h := seed
	for _, r := range s {
		h = (h ^ uint32(r)) * intentPrime
	}
	return intentFinal(h)
}

func intentFinal(h uint32) uint32 {
	h ^= h >> 15
	h *= 0x2c1b3c6d
	h ^= h >> 12
	if h == 0 {
		h = 1
	}
	return h
}

var intentReplyPrefixes = []string{"re", "aw", "sv", "vs", "r", "rif", "antw", "odp", "ynt", "res", "enc", "fw", "fwd", "tr", "wg", "отв", "ответ", "回复", "回覆", "答复", "轉寄", "转发", "rv"}

// intentStripReply removes reply/forward prefixes ("Re:", "AW:", "回复：").
func intentStripReply(s string) (string, bool) {
	s = strings.TrimSpace(s)
	reply := false
	for {
		i := strings.IndexAny(s, ":：")
		if i <= 0 || i > 12 {
			return s, reply
		}
		p := strings.ToLower(strings.TrimSpace(s[:i]))
		// "Re[2]" and "RE-2"
		if j := strings.IndexAny(p, "[(-"); j > 0 {
			p = p[:j]
		}
		found := false
		for _, q := range intentReplyPrefixes {
			if p == q {
				found = true
				break
			}
		}
		if !found {
			return s, reply
		}
		reply = true
		_, sz := utf8.DecodeRuneInString(s[i:])
		s = strings.TrimSpace(s[i+sz:])
	}
}

// intentHasOrderRef reports an order-number-like token: a group of 6+
// digits, 10+ digits in dash-separated groups (113-4829301-7712405,
// 19-14160-33041), a 2-4 letter shop prefix with 4+ digits (KN10102,
// TH-20166), or '#' with 4+ digits. Phone numbers and dates (2026-01-05) do
// not count.
func intentHasOrderRef(s string) bool {
	if len(s) > intentMaxText {
		s = s[:intentMaxText]
	}
	group, total, groups, letters := 0, 0, 0, 0
	prev := byte(' ')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			group++
			total++
			if group == 1 {
				groups++
			}
			if group >= 6 || (total >= 10 && groups >= 2) || (letters >= 2 && letters <= 4 && total >= 4) {
				return true
			}
		case c == '-' && prev != '-' && prev != ' ':
			group = 0
		case c == '#':
			// "#58213": a number after '#' is an order number
			j := i + 1
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			if j-i-1 >= 4 {
				return true
			}
			group, total, groups, letters = 0, 0, 0, 0
		case c >= 'A' && c <= 'Z':
			if total > 0 {
				group, total, groups, letters = 0, 0, 0, 0
			}
			letters++
		default:
			group, total, groups, letters = 0, 0, 0, 0
		}
		prev = c
	}
	return false
}

// Character classes of folded runes.
const (
	intentClsSep  = 0
	intentClsWord = 1 // space-separated scripts, digits, Hangul
	intentClsCJK  = 2 // Han and kana: no spaces
	intentClsThai = 3 // Thai and Lao: no spaces
	intentClsSym  = 4 // '?', '!' and emoji: one token each
	intentClsDrop = 5 // combining marks etc.: removed
)

const intentTabSize = 0x3000

var (
	intentTabOnce  sync.Once
	intentFoldTab  *[intentTabSize]rune
	intentClassTab *[intentTabSize]uint8
	intentT2S      []rune // 0x3400..0x9FFF
)

func intentTables() {
	intentTabOnce.Do(intentBuildTables)
}

func intentBuildTables() {
	fold := new([intentTabSize]rune)
	cls := new([intentTabSize]uint8)
	for r := rune(0); r < intentTabSize; r++ {
		f, c := intentFoldSlow(r)
		fold[r], cls[r] = f, c
	}
	t2s := make([]rune, 0xA000-0x3400)
	for i := range t2s {
		t2s[i] = rune(0x3400 + i)
	}
	pairs := []rune(intentT2SPairs)
	for i := 0; i+1 < len(pairs); i += 2 {
		t, s := pairs[i], pairs[i+1]
		if t >= 0x3400 && t < 0xA000 {
			t2s[t-0x3400] = s
		}
	}
	intentFoldTab, intentClassTab, intentT2S = fold, cls, t2s
}

func intentIsLatin(r rune) bool {
	return (r >= 0xC0 && r < 0x250) || (r >= 0x1E00 && r < 0x1F00)
}

// intentFoldSlow decides the folded form and class of r < intentTabSize.
func intentFoldSlow(r rune) (rune, uint8) {
	if r < 0x80 {
		switch {
		case r >= 'A' && r <= 'Z':
			return r + 32, intentClsWord
		case r >= 'a' && r <= 'z':
			return r, intentClsWord
		case r >= '0' && r <= '9':
			return '0', intentClsWord
		case r == '?' || r == '!':
			return r, intentClsSym
		}
		return ' ', intentClsSep
	}
	switch r {
	case 0xBF: // ¿
		return '?', intentClsSym
	case 0xA1: // ¡
		return '!', intentClsSym
	case 0x61F, 0x37E: // Arabic and Greek question marks
		return '?', intentClsSym
	case 0xDF: // ß
		return 's', intentClsWord
	case 0xE6, 0xC6:
		return 'a', intentClsWord
	case 0x153, 0x152:
		return 'o', intentClsWord
	case 0xF8, 0xD8:
		return 'o', intentClsWord
	case 0x142, 0x141:
		return 'l', intentClsWord
	case 0x111, 0x110:
		return 'd', intentClsWord
	case 0x131, 0x130:
		return 'i', intentClsWord
	case 0xFE, 0xDE:
		return 't', intentClsWord
	case 0xF0:
		return 'd', intentClsWord
	case 0x451, 0x401: // ё
		return 0x435, intentClsWord
	case 0x640: // tatweel
		return 0, intentClsDrop
	case 0x622, 0x623, 0x625, 0x671: // alef variants
		return 0x627, intentClsWord
	case 0x649: // alef maksura
		return 0x64A, intentClsWord
	case 0x629: // teh marbuta
		return 0x647, intentClsWord
	case 0x624:
		return 0x648, intentClsWord
	case 0x626:
		return 0x64A, intentClsWord
	case 0x200D, 0x200C, 0x200B, 0x2060, 0xAD:
		return 0, intentClsDrop
	}
	if r >= 0x64B && r <= 0x65F || r == 0x670 {
		return 0, intentClsDrop // Arabic harakat
	}
	if r >= 0xE00 && r < 0xEFF { // Thai, Lao
		if unicode.IsDigit(r) {
			return '0', intentClsWord
		}
		if unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) {
			return r, intentClsThai
		}
		return ' ', intentClsSep
	}
	if r >= 0x300 && r < 0x370 {
		return 0, intentClsDrop
	}
	if unicode.IsDigit(r) {
		return '0', intentClsWord
	}
	if unicode.IsLetter(r) {
		l := unicode.ToLower(r)
		if intentIsLatin(l) {
			d := norm.NFD.String(string(l))
			b, _ := utf8.DecodeRuneInString(d)
			if b < 0x80 {
				if b >= 'A' && b <= 'Z' {
					b += 32
				}
				return b, intentClsWord
			}
			return l, intentClsWord
		}
		if l >= 0x1100 && l < 0x1200 { // Hangul Jamo
			return l, intentClsWord
		}
		return l, intentClsWord
	}
	if unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r) {
		return r, intentClsWord // marks of other scripts stay inside words
	}
	if unicode.Is(unicode.So, r) && r >= 0x2190 {
		return r, intentClsSym
	}
	return ' ', intentClsSep
}

// intentFold returns the folded rune and its class.
func intentFold(r rune) (rune, uint8) {
	if uint32(r) < intentTabSize {
		return intentFoldTab[r], intentClassTab[r]
	}
	return intentFoldRare(r)
}

func intentFoldRare(r rune) (rune, uint8) {
	switch {
	case r >= 0x3040 && r <= 0x30FF: // kana, ー
		if r == 0x30FB { // ・
			return ' ', intentClsSep
		}
		return r, intentClsCJK
	case r == 0x3005: // 々
		return r, intentClsCJK
	case r >= 0x3400 && r < 0xA000:
		return intentT2S[r-0x3400], intentClsCJK
	case r >= 0xF900 && r < 0xFB00:
		return r, intentClsCJK
	case r >= 0xAC00 && r <= 0xD7A3: // Hangul syllables
		return r, intentClsWord
	case r >= 0x3130 && r < 0x3190: // Hangul compatibility jamo (ㅋㅋ, ㅠㅠ)
		return r, intentClsWord
	case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII
		return intentFold(r - 0xFEE0)
	case r >= 0xFF66 && r <= 0xFF9F: // half-width katakana
		return r, intentClsCJK
	case r == 0xFE0F || r == 0xFE0E || (r >= 0x1F3FB && r <= 0x1F3FF):
		return 0, intentClsDrop
	case r >= 0x1F000 && r < 0x1FB00:
		return r, intentClsSym
	case r >= 0x20000 && r < 0x30000:
		return r, intentClsCJK
	}
	if unicode.IsLetter(r) {
		return unicode.ToLower(r), intentClsWord
	}
	if unicode.IsDigit(r) {
		return '0', intentClsWord
	}
	return ' ', intentClsSep
}

// intentClassOf gives the class of an already folded rune.
func intentClassOf(r rune) uint8 {
	if uint32(r) < intentTabSize {
		return intentClassTab[r]
	}
	_, c := intentFoldRare(r)
	return c
}

// intentNormalize appends the normalized form of s to dst: tokens separated
// by single spaces, with a leading and a trailing space.
func intentNormalize(dst []rune, s string) []rune {
	intentTables()
	dst = append(dst, ' ')
	prev := uint8(intentClsSep)
	zeros := 0
	for _, r := range s {
		f, c := intentFold(r)
		switch c {
		case intentClsDrop:
			continue
		case intentClsSep:
			if dst[len(dst)-1] != ' ' {
				dst = append(dst, ' ')
			}
			prev, zeros = intentClsSep, 0
			continue
		case intentClsSym:
			// one token per symbol; a repeated symbol is kept once
			if len(dst) >= 2 && dst[len(dst)-1] == ' ' && dst[len(dst)-2] == f {
				continue
			}
			if dst[len(dst)-1] != ' ' {
				dst = append(dst, ' ')
			}
			dst = append(dst, f, ' ')
			prev, zeros = intentClsSep, 0
			continue
		}
		if c != prev && dst[len(dst)-1] != ' ' {
			dst = append(dst, ' ')
		}
		prev = c
		if f == '0' {
			zeros++
			if zeros > 3 {
				continue
			}
		} else {
			zeros = 0
		}
		dst = append(dst, f)
		if r == 0xDF { // ß → ss
			dst = append(dst, 's')
		}
	}
	if dst[len(dst)-1] != ' ' {
		dst = append(dst, ' ')
	}
	return dst
}

func intentIsHangul(r rune) bool { return r >= 0xAC00 && r <= 0xD7A3 }

// N-gram orders of space-separated words (padded with spaces): 3 and 4.
const intentWordMinN, intentWordMaxN = 3, 4

// intentHashes appends the feature hashes of normalized runes (see
// intentNormalize) and returns the number of tokens.
func intentHashes(dst []uint32, rs []rune) ([]uint32, int) {
	n := len(rs)
	tokens := 0
	var prevWord uint32
	prevIsWord := false
	for s := 1; s < n; {
		if rs[s] == ' ' {
			s++
			continue
		}
		e := s
		for e < n && rs[e] != ' ' {
			e++
		}
		tokens++
		cl := intentClassOf(rs[s])
		var minN, maxN int
		switch cl {
		case intentClsCJK:
			minN, maxN = 1, 3
		case intentClsThai:
			minN, maxN = 2, 4
		case intentClsSym:
			minN, maxN = 0, 0
		default:
			minN, maxN = intentWordMinN, intentWordMaxN
			if intentIsHangul(rs[s]) {
				minN = 1
			}
		}
		if maxN > 0 {
			// n-grams over " token " (padded), never across tokens
			for j := s - 1; j < e; j++ {
				h := intentSeedChar
				for k := 0; k < maxN && j+k <= e; k++ {
					h = (h ^ uint32(rs[j+k])) * intentPrime
					if k+1 < minN || (k == 0 && j < s) {
						continue
					}
					// raw FNV-1a: the table index mixes the bits anyway
					x := h
					if x == 0 {
						x = 1
					}
					dst = append(dst, x)
				}
			}
		}
		if cl == intentClsWord || cl == intentClsSym {
			h := intentSeedWord
			for _, r := range rs[s:e] {
				h = (h ^ uint32(r)) * intentPrime
			}
			wh := intentFinal(h)
			dst = append(dst, wh)
			if cl == intentClsWord {
				if prevIsWord {
					dst = append(dst, intentFinal((prevWord^intentSeedBi)*intentPrime+wh))
				}
				prevWord, prevIsWord = wh, true
			} else {
				prevIsWord = false
			}
		} else {
			prevIsWord = false
		}
		s = e
	}
	return dst, tokens
}

// ---------------------------------------------------------------------------
// Lexicon

type intentLexTarget struct {
	name    string // intent name, or "@pre_sale" etc. for a type marker
	intent  string // "" for type markers
	typ     string // for type markers
	none    bool   // @none: the phrase only cancels the other hits it overlaps
	preSale bool   // a pre-sale intent
}

type intentLexEntry struct {
	target int
	weight float32
	next   rune     // first rune of the second word (a fast filter), or 0
	phrase string   // as written
	toks   [][]rune // normalized tokens
	exact  []bool   // token must be a whole word
	gap    []bool   // before token i (i>0) up to 3 words / 8 runes may intervene
}

type intentLexSlot struct {
	key          uint32
	start, count int32
}

type intentHit struct {
	entry      int32
	start, end int32 // rune span in the normalized text
	subject    bool
}

type intentLexicon struct {
	targets []intentLexTarget
	entries []intentLexEntry
	// first-token hash table
	tmask  uint32
	tslots []intentLexSlot
	tbits  []uint64 // bitset of first-token keys: most probes stop here
	order  []int32  // entry indexes grouped by first-token key
	maxLen int
}

func intentTokHash(rs []rune, exact bool) uint32 {
	h := intentSeedTok
	for _, r := range rs {
		h = (h ^ uint32(r)) * intentPrime
	}
	if exact {
		h ^= intentExactMark
	}
	return intentFinal(h)
}

// parseIntentLexicon reads the lexicon (model/lexicon.txt):
//
//	@lang de
//	refund 3: rückerstatt | geld zurück | erstattung
//	@pre_sale 2: vor dem kauf | überlege ~ kaufen
//
// A line gives a target (an intent, a type marker @pre_sale, @after_sale,
// @buyer_message, @other, or @none for idioms and negations whose match
// cancels the hits it overlaps: "hace falta", "rather than a refund"), a
// weight (0-5) and phrases separated
// by "|". In a phrase, words match as prefixes of the text's words; a word
// ending in "$", and any word shorter than 3 letters (Hangul: 2), must match
// a whole word; "~" lets up to 5 words (8
// characters in CJK/Thai) come between two words. CJK and Thai phrases match
// anywhere inside a run of text. "#" starts a comment line.
func parseIntentLexicon(data []byte) (*intentLexicon, error) {
	intentTables()
	lx := &intentLexicon{}
	targetIdx := map[string]int{}
	validIntent := map[string]bool{}
	for _, c := range intentClassList {
		validIntent[c[strings.IndexByte(c, '/')+1:]] = true
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	line := 0
	lang := ""
	for sc.Scan() {
		line++
		l := strings.TrimSpace(sc.Text())
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		if strings.HasPrefix(l, "@lang ") {
			lang = strings.TrimSpace(l[6:])
			continue
		}
		head, body, ok := strings.Cut(l, ":")
		hf := strings.Fields(head)
		if !ok || len(hf) != 2 {
			return nil, fmt.Errorf("lexicon line %d: want \"target weight: phrase | phrase\"", line)
		}
		if lang == "" {
			return nil, fmt.Errorf("lexicon line %d: phrase before the first @lang", line)
		}
		name := hf[0]
		w, err := strconv.ParseFloat(hf[1], 64)
		if err != nil || w <= 0 || w > 5 {
			return nil, fmt.Errorf("lexicon line %d: bad weight %q", line, hf[1])
		}
		ti, ok := targetIdx[name]
		if !ok {
			t := intentLexTarget{name: name}
			if name == "@none" {
				t.none = true
			} else if strings.HasPrefix(name, "@") {
				t.typ = name[1:]
				if t.typ != TypePreSale && t.typ != TypeAfterSale && t.typ != TypeBuyerMessage && t.typ != TypeOther {
					return nil, fmt.Errorf("lexicon line %d: unknown type marker %q", line, name)
				}
			} else {
				if !validIntent[name] {
					return nil, fmt.Errorf("lexicon line %d: unknown intent %q", line, name)
				}
				t.intent = name
				for _, c := range intentClassList {
					if c == TypePreSale+"/"+name {
						t.preSale = true
					}
				}
			}
			ti = len(lx.targets)
			if ti >= intentMaxLexTargets {
				return nil, errors.New("lexicon: too many targets")
			}
			lx.targets = append(lx.targets, t)
			targetIdx[name] = ti
		}
		for _, phrase := range strings.Split(body, "|") {
			phrase = strings.TrimSpace(phrase)
			if phrase == "" {
				continue
			}
			e := intentLexEntry{target: ti, weight: float32(w), phrase: phrase}
			gapNext := false
			for _, raw := range strings.Fields(phrase) {
				if raw == "~" {
					gapNext = true
					continue
				}
				exact := strings.HasSuffix(raw, "$") && len(raw) > 1
				raw = strings.TrimSuffix(raw, "$")
				nr := intentNormalize(nil, raw)
				var parts [][]rune
				for _, p := range strings.Fields(string(nr)) {
					parts = append(parts, []rune(p))
				}
				for i, p := range parts {
					e.toks = append(e.toks, p)
					// short words match whole words only ("my", "la")
					short := len(p) < 3 && intentClassOf(p[0]) == intentClsWord && !(intentIsHangul(p[0]) && len(p) == 2)
					e.exact = append(e.exact, (exact && i == len(parts)-1) || short)
					e.gap = append(e.gap, gapNext && i == 0)
					if len(p) > lx.maxLen {
						lx.maxLen = len(p)
					}
				}
				gapNext = false
			}
			if len(e.toks) == 0 {
				return nil, fmt.Errorf("lexicon line %d: empty phrase in %q", line, phrase)
			}
			allDigits := true
			for _, t := range e.toks {
				if strings.Trim(string(t), "0") != "" {
					allDigits = false
				}
			}
			if allDigits {
				return nil, fmt.Errorf("lexicon line %d: phrase %q has only digits", line, phrase)
			}
			if c := intentClassOf(e.toks[0][0]); c == intentClsSym {
				return nil, fmt.Errorf("lexicon line %d: phrase %q starts with a symbol", line, phrase)
			}
			if len(e.toks) > 1 && !e.gap[1] && intentClassOf(e.toks[0][0]) == intentClsWord && intentClassOf(e.toks[1][0]) == intentClsWord {
				e.next = e.toks[1][0]
			}
			lx.entries = append(lx.entries, e)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if lx.maxLen > 24 {
		lx.maxLen = 24
	}
	// first-token table
	type kv struct {
		key uint32
		idx int32
	}
	kvs := make([]kv, len(lx.entries))
	for i, e := range lx.entries {
		kvs[i] = kv{intentTokHash(e.toks[0], e.exact[0]), int32(i)}
	}
	sort.SliceStable(kvs, func(a, b int) bool { return kvs[a].key < kvs[b].key })
	size := uint32(64)
	for size < uint32(len(kvs))*3 {
		size <<= 1
	}
	lx.tmask = size - 1
	lx.tslots = make([]intentLexSlot, size)
	lx.tbits = make([]uint64, intentLexBits/64)
	for _, x := range kvs {
		b := x.key >> (32 - intentLexBitsLog)
		lx.tbits[b>>6] |= 1 << (b & 63)
	}
	lx.order = make([]int32, len(kvs))
	for i := range kvs {
		lx.order[i] = kvs[i].idx
	}
	for i := 0; i < len(kvs); {
		j := i
		for j < len(kvs) && kvs[j].key == kvs[i].key {
			j++
		}
		slot := (kvs[i].key * 0x9E3779B1) & lx.tmask
		for lx.tslots[slot].key != 0 {
			slot = (slot + 1) & lx.tmask
		}
		lx.tslots[slot] = intentLexSlot{kvs[i].key, int32(i), int32(j - i)}
		i = j
	}
	return lx, nil
}

const (
	intentLexBitsLog = 17
	intentLexBits    = 1 << intentLexBitsLog
)

func (lx *intentLexicon) lookup(h uint32) (int32, int32) {
	if b := h >> (32 - intentLexBitsLog); lx.tbits[b>>6]&(1<<(b&63)) == 0 {
		return 0, 0
	}
	slot := (h * 0x9E3779B1) & lx.tmask
	for {
		ts := &lx.tslots[slot]
		if ts.key == h {
			return ts.start, ts.count
		}
		if ts.key == 0 {
			return 0, 0
		}
		slot = (slot + 1) & lx.tmask
	}
}

func intentRunesEq(a, b []rune) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// match appends the hits of the lexicon in normalized runes rs. Hits that
// an @none phrase overlaps are dropped, and so are the @none hits.
func (lx *intentLexicon) match(rs []rune, hits []intentHit, subject bool) []intentHit {
	if lx == nil || len(lx.entries) == 0 {
		return hits
	}
	first := len(hits)
	hits = lx.scan(rs, hits, subject)
	nones := 0
	for _, h := range hits[first:] {
		if lx.targets[lx.entries[h.entry].target].none {
			nones++
		}
	}
	if nones == 0 {
		return hits
	}
	out := hits[:first]
	for i, h := range hits[first:] {
		if lx.targets[lx.entries[h.entry].target].none {
			continue
		}
		drop := false
		for _, x := range hits[first:] {
			if lx.targets[lx.entries[x.entry].target].none && h.start < x.end && x.start < h.end {
				drop = true
				break
			}
		}
		if !drop {
			out = append(out, hits[first+i])
		}
	}
	return out
}

func (lx *intentLexicon) scan(rs []rune, hits []intentHit, subject bool) []intentHit {
	n := len(rs)
	for s := 1; s < n; {
		if rs[s] == ' ' {
			s++
			continue
		}
		e := s
		for e < n && rs[e] != ' ' {
			e++
		}
		switch intentClassOf(rs[s]) {
		case intentClsCJK, intentClsThai:
			for st := s; st < e; st++ {
				hits = lx.probeAt(rs, st, e, false, hits, subject)
			}
		case intentClsWord:
			hits = lx.probeAt(rs, s, e, true, hits, subject)
			if e-s >= 5 && rs[s] >= 0x600 && rs[s] < 0x700 {
				// Arabic: also without the article and conjunction
				if off := intentArabicPrefix(rs[s:e]); off > 0 {
					hits = lx.probeAt(rs, s+off, e, true, hits, subject)
				}
			}
		}
		s = e
	}
	return hits
}

func intentArabicPrefix(w []rune) int {
	str := string(w[:3])
	for _, p := range []string{"وال", "بال", "فال", "كال"} {
		if strings.HasPrefix(str, p) {
			return 3
		}
	}
	if strings.HasPrefix(str, "ال") || strings.HasPrefix(str, "لل") {
		return 2
	}
	if w[0] == 'و' || w[0] == 'ف' {
		return 1
	}
	return 0
}

// probeAt tries lexicon phrases whose first token starts at rs[st] (inside
// the token ending at e).
func (lx *intentLexicon) probeAt(rs []rune, st, e int, word bool, hits []intentHit, subject bool) []intentHit {
	h := intentSeedTok
	for p := st; p < e && p-st < lx.maxLen; p++ {
		h = (h ^ uint32(rs[p])) * intentPrime
		hits = lx.try(rs, st, p+1, e, intentFinal(h), word, hits, subject)
		if word && p == e-1 {
			hits = lx.try(rs, st, p+1, e, intentFinal(h^intentExactMark), word, hits, subject)
		}
	}
	return hits
}

func (lx *intentLexicon) try(rs []rune, st, end, tokEnd int, key uint32, word bool, hits []intentHit, subject bool) []intentHit {
	start, cnt := lx.lookup(key)
	if cnt == 0 {
		return hits
	}
	// all entries of a key share the first token (barring hash collisions)
	if !intentRunesEq(lx.entries[lx.order[start]].toks[0], rs[st:end]) {
		return hits
	}
	var nextRune rune
	if word {
		for p := tokEnd; p < len(rs); p++ {
			if rs[p] != ' ' {
				nextRune = rs[p]
				break
			}
		}
	}
	for i := start; i < start+cnt; i++ {
		ei := lx.order[i]
		en := &lx.entries[ei]
		if en.next != 0 && en.next != nextRune {
			continue
		}
		if i > start && !intentRunesEq(en.toks[0], rs[st:end]) {
			continue
		}
		next := end
		if word {
			next = tokEnd
		}
		if len(en.toks) > 1 {
			if next = lx.rest(en, 1, rs, next); next < 0 {
				continue
			}
		}
		dup := false
		for _, x := range hits {
			if x.entry == ei && x.subject == subject {
				dup = true
				break
			}
		}
		if !dup {
			hits = append(hits, intentHit{entry: ei, start: int32(st), end: int32(next), subject: subject})
		}
	}
	return hits
}

// rest checks tokens ti.. of en from position pos in rs and returns the end
// of the match, or -1.
func (lx *intentLexicon) rest(en *intentLexEntry, ti int, rs []rune, pos int) int {
	if ti == len(en.toks) {
		return pos
	}
	tok := en.toks[ti]
	cjk := intentClassOf(tok[0]) == intentClsCJK || intentClassOf(tok[0]) == intentClsThai
	n := len(rs)
	if cjk {
		limit := 2
		if en.gap[ti] {
			limit = 8
		}
		skipped := 0
		for p := pos; p < n && skipped <= limit; p++ {
			if rs[p] == ' ' {
				continue
			}
			if p+len(tok) <= n && intentRunesEq(tok, rs[p:p+len(tok)]) {
				if end := lx.rest(en, ti+1, rs, p+len(tok)); end >= 0 {
					return end
				}
			}
			skipped++
		}
		return -1
	}
	words := 1
	if en.gap[ti] {
		words = 6
	}
	p := pos
	for w := 0; w < words; w++ {
		for p < n && rs[p] == ' ' {
			p++
		}
		if p >= n {
			return -1
		}
		q := p
		for q < n && rs[q] != ' ' {
			q++
		}
		if q-p >= len(tok) && intentRunesEq(tok, rs[p:p+len(tok)]) && (!en.exact[ti] || q-p == len(tok)) {
			if end := lx.rest(en, ti+1, rs, q); end >= 0 {
				return end
			}
		}
		p = q
	}
	return -1
}

// ---------------------------------------------------------------------------
// Model file

// Layout (little endian): magic, version u32, nc u32, class names (u16 len +
// bytes), temperature f32, bias f32*nc, lexicon (u32 len + bytes), nrows
// u32, rows sorted by key: key u32, scale f32, weights int8*nc.

type intentRow struct {
	key uint32
	exp uint8 // weights are q * 2^-exp
	cls []uint8
	q   []int8
}

func encodeIntentModel(classes []string, temp float32, bias []float32, lexicon []byte, rows []intentRow) []byte {
	var b bytes.Buffer
	b.WriteString(intentModelMagic)
	le := binary.LittleEndian
	u32 := func(v uint32) { var x [4]byte; le.PutUint32(x[:], v); b.Write(x[:]) }
	f32 := func(v float32) { u32(math.Float32bits(v)) }
	u32(intentModelVer)
	u32(uint32(len(classes)))
	for _, c := range classes {
		var x [2]byte
		le.PutUint16(x[:], uint16(len(c)))
		b.Write(x[:])
		b.WriteString(c)
	}
	f32(temp)
	for _, v := range bias {
		f32(v)
	}
	u32(uint32(len(lexicon)))
	b.Write(lexicon)
	u32(uint32(len(rows)))
	for _, r := range rows {
		u32(r.key)
		b.WriteByte(r.exp)
		b.WriteByte(byte(len(r.q)))
		for i := range r.q {
			b.WriteByte(r.cls[i])
			b.WriteByte(byte(r.q[i]))
		}
	}
	return b.Bytes()
}

func decodeIntentModel(data []byte) (*intentModel, error) {
	le := binary.LittleEndian
	if len(data) < len(intentModelMagic)+8 || string(data[:len(intentModelMagic)]) != intentModelMagic {
		return nil, errors.New("intent model: bad magic (retrain with go run ./classify/internal/train)")
	}
	p := data[len(intentModelMagic):]
	bad := errors.New("intent model: truncated")
	u32 := func() (uint32, bool) {
		if len(p) < 4 {
			return 0, false
		}
		v := le.Uint32(p)
		p = p[4:]
		return v, true
	}
	ver, _ := u32()
	if ver != intentModelVer {
		return nil, fmt.Errorf("intent model: version %d, want %d", ver, intentModelVer)
	}
	nc32, ok := u32()
	if !ok || nc32 == 0 || nc32 > intentMaxClasses {
		return nil, bad
	}
	m := &intentModel{nc: int(nc32)}
	typeIdx := map[string]int{}
	for i := 0; i < m.nc; i++ {
		if len(p) < 2 {
			return nil, bad
		}
		l := int(le.Uint16(p))
		p = p[2:]
		if len(p) < l {
			return nil, bad
		}
		c := string(p[:l])
		p = p[l:]
		slash := strings.IndexByte(c, '/')
		if slash < 0 || !ValidType(c[:slash]) || !ValidIntent(c[slash+1:]) {
			return nil, fmt.Errorf("intent model: bad class %q", c)
		}
		m.classes = append(m.classes, c)
		m.types = append(m.types, c[:slash])
		m.intents = append(m.intents, c[slash+1:])
		ti, ok := typeIdx[c[:slash]]
		if !ok {
			ti = len(m.typeNames)
			typeIdx[c[:slash]] = ti
			m.typeNames = append(m.typeNames, c[:slash])
		}
		m.typeOf = append(m.typeOf, ti)
	}
	if len(m.typeNames) > 8 {
		return nil, bad
	}
	t, ok := u32()
	if !ok {
		return nil, bad
	}
	m.temp = math.Float32frombits(t)
	if !(m.temp > 0) {
		m.temp = 1
	}
	for i := 0; i < m.nc; i++ {
		v, ok := u32()
		if !ok {
			return nil, bad
		}
		m.bias = append(m.bias, math.Float32frombits(v))
	}
	ll, ok := u32()
	if !ok || int(ll) > len(p) {
		return nil, bad
	}
	lex, err := parseIntentLexicon(p[:ll])
	if err != nil {
		return nil, err
	}
	p = p[ll:]
	m.lex = lex
	for _, tg := range lex.targets {
		m.lexFeat = append(m.lexFeat, intentLexFeature(tg.name))
	}
	nr, ok := u32()
	if !ok || uint64(len(p)) < uint64(nr)*6 {
		return nil, bad
	}
	size := uint32(1024)
	bits := uint32(10)
	for size < nr+nr/3+1 { // load factor at most 3/4
		size <<= 1
		bits++
	}
	m.mask, m.shift = size-1, 32-bits
	m.slots = make([]intentSlot, size)
	for i := uint32(0); i < nr; i++ {
		if len(p) < 6 {
			return nil, bad
		}
		key := le.Uint32(p)
		exp := p[4]
		n := int(p[5])
		p = p[6:]
		if exp > intentMaxExp {
			return nil, fmt.Errorf("intent model: bad exponent %d", exp)
		}
		if len(p) < 2*n {
			return nil, bad
		}
		if key == 0 {
			return nil, errors.New("intent model: zero key")
		}
		slot := (key * 0x9E3779B1) >> m.shift
		for m.slots[slot].key != 0 {
			if m.slots[slot].key == key {
				return nil, errors.New("intent model: duplicate key")
			}
			slot = (slot + 1) & m.mask
		}
		if n > intentRowK {
			return nil, fmt.Errorf("intent model: row with %d weights, at most %d", n, intentRowK)
		}
		sl := intentSlot{key: key, exp: exp, n: uint8(n)}
		for j := 0; j < n; j++ {
			c, q := p[2*j], p[2*j+1]
			if int(c) >= m.nc {
				return nil, fmt.Errorf("intent model: bad class %d", c)
			}
			sl.cls[j], sl.q[j] = c, int8(q)
		}
		m.slots[slot] = sl
		p = p[2*n:]
	}
	return m, nil
}

func intentLexFeature(target string) uint32 { return intentStrHash(intentSeedLex, target) }

// ---------------------------------------------------------------------------
// Training

// Training data layout in the model directory:
//
//	lexicon.txt        phrases (see parseIntentLexicon)
//	train/*.txt        hand-written messages: "== type/intent" starts a
//	                   section, then one message per line ("subject || body"
//	                   when it has a subject; "\n" for a line break);
//	                   "== @greet" and "== @close" sections hold greetings
//	                   and sign-offs used to vary the messages
//	public/*.jsonl     rows copied from public data sets:
//	                   {"text","lang","type","intent","w"}

type intentExample struct {
	text, subject string
	lang          string
	class         int
	weight        float64
	group         int // examples of the same group share the train/holdout split
	hand          bool
	aug           bool // a varied copy of a hand-written example
}

type intentSparse struct {
	idx []int32
	val []float64
}

// intentTrainConfig holds the training hyperparameters.
type intentTrainConfig struct {
	epochs        int
	lr            float64
	l2            float64
	lexDrop       float64
	minDF         int
	keepRows      int
	holdoutMod    int
	minQ, maxK    int // sparse rows: keep entries with |q| >= minQ, at most maxK per row
	phraseW       float64
	augmentWeight float64
	balance       bool // weigh classes by sqrt(mean/total weight)
	idf           bool // scale n-gram features by their inverse document frequency
}

var intentDefaultConfig = intentTrainConfig{
	epochs: 14, lr: 0.25, l2: 2e-6, lexDrop: 0.35, minDF: 2, keepRows: 96000,
	holdoutMod: 10, minQ: 12, maxK: intentRowK, phraseW: 0.25, augmentWeight: 0.5, balance: true, idf: true,
}

// intentRand is a small deterministic PRNG (xorshift64*).
type intentRand struct{ s uint64 }

func (r *intentRand) next() uint64 {
	r.s ^= r.s >> 12
	r.s ^= r.s << 25
	r.s ^= r.s >> 27
	return r.s * 2685821657736338717
}
func (r *intentRand) float() float64 { return float64(r.next()>>11) / (1 << 53) }
func (r *intentRand) intn(n int) int { return int(r.next() % uint64(n)) }

// TrainIntentModel trains the intent model from the files of the model
// directory (classify/model: lexicon.txt, train/*.txt, public/*.jsonl) and
// returns the encoded model file. Training is deterministic: the same files
// give the same bytes (floating point is kept free of fused operations, and
// exp is computed in pure Go). Progress and held-out figures go to log.
func TrainIntentModel(dir fs.FS, log io.Writer) ([]byte, error) {
	if log == nil {
		log = io.Discard
	}
	cfg := intentDefaultConfig
	lexData, err := fs.ReadFile(dir, "lexicon.txt")
	if err != nil {
		return nil, err
	}
	lex, err := parseIntentLexicon(lexData)
	if err != nil {
		return nil, err
	}
	exs, err := intentReadData(dir, lex, cfg)
	if err != nil {
		return nil, err
	}
	nc := len(intentClassList)
	fmt.Fprintf(log, "intent: %d examples, %d lexicon phrases\n", len(exs), len(lex.entries))

	// Featurize.
	fx := intentFeaturizer{lex: lex, index: map[uint32]int32{}}
	df := map[uint32]int{}
	vecs := make([]intentSparse, len(exs))
	raw := make([][]intentRawFeat, len(exs))
	for i := range exs {
		raw[i] = fx.raw(&exs[i])
		for _, f := range raw[i] {
			df[f.h]++
		}
	}
	if cfg.idf {
		n := float64(len(exs))
		fx.idf = func(d int) float64 { return float64(intentLog(float64((n+1)/float64(d+1))) + 1) }
	}
	for i := range exs {
		vecs[i] = fx.sparse(raw[i], df, cfg.minDF)
	}
	fmt.Fprintf(log, "intent: %d features (df >= %d)\n", len(fx.keys), cfg.minDF)

	// Held-out split: every holdoutMod-th group of hand-written examples.
	var trainIdx, holdIdx []int
	for i, e := range exs {
		if e.hand && e.group%cfg.holdoutMod == cfg.holdoutMod-1 {
			if !e.aug {
				holdIdx = append(holdIdx, i)
			}
			continue
		}
		trainIdx = append(trainIdx, i)
	}
	W, B := intentSGD(exs, vecs, trainIdx, len(fx.keys), nc, cfg, fx.lexIdx, fx.tied)
	temp := 1.0
	if len(holdIdx) > 0 {
		temp = intentFitTemp(exs, vecs, holdIdx, W, B, nc)
		tacc, iacc := intentAccuracy(exs, vecs, holdIdx, W, B, nc)
		fmt.Fprintf(log, "intent: held-out %d: type %.3f intent %.3f, temperature %.2f\n", len(holdIdx), tacc, iacc, temp)
	}
	all := make([]int, len(exs))
	for i := range all {
		all[i] = i
	}
	W, B = intentSGD(exs, vecs, all, len(fx.keys), nc, cfg, fx.lexIdx, fx.tied)

	// Prune and quantize.
	type cand struct {
		f     int
		score float64
	}
	cands := make([]cand, 0, len(fx.keys))
	for f := range fx.keys {
		row := W[f*nc : f*nc+nc]
		for c := range row {
			row[c] = float64(row[c] * fx.scale[f])
		}
		med := intentMedian(row)
		mx := 0.0
		for _, v := range row {
			mx = math.Max(mx, math.Abs(v-med))
		}
		if mx > 0 {
			cands = append(cands, cand{f, mx})
		}
	}
	sort.SliceStable(cands, func(a, b int) bool {
		if cands[a].score != cands[b].score {
			return cands[a].score > cands[b].score
		}
		return fx.keys[cands[a].f] < fx.keys[cands[b].f]
	})
	if len(cands) > cfg.keepRows {
		cands = cands[:cfg.keepRows]
	}
	rows := make([]intentRow, 0, len(cands))
	for _, c := range cands {
		if r, ok := intentSparseRow(fx.keys[c.f], W[c.f*nc:c.f*nc+nc], cfg); ok {
			rows = append(rows, r)
		}
	}
	sort.Slice(rows, func(a, b int) bool { return rows[a].key < rows[b].key })
	bias := make([]float32, nc)
	for c := range bias {
		bias[c] = float32(B[c])
	}
	fmt.Fprintf(log, "intent: kept %d of %d feature rows\n", len(rows), len(fx.keys))
	return encodeIntentModel(intentClassList, float32(temp), bias, lexData, rows), nil
}

func intentReadData(dir fs.FS, lex *intentLexicon, cfg intentTrainConfig) ([]intentExample, error) {
	classIdx := map[string]int{}
	for i, c := range intentClassList {
		classIdx[c] = i
	}
	var exs []intentExample
	files, err := fs.Glob(dir, "train/*.txt")
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	rng := intentRand{s: 0x9E3779B97F4A7C15}
	var enFillers []string
	// English first: its fillers serve languages without their own
	sort.SliceStable(files, func(a, b int) bool { return path.Base(files[a]) == "en.txt" && path.Base(files[b]) != "en.txt" })
	for _, name := range files {
		data, err := fs.ReadFile(dir, name)
		if err != nil {
			return nil, err
		}
		lang := strings.TrimSuffix(path.Base(name), ".txt")
		var greets, closes, fillers []string
		var mine []intentExample
		section := ""
		for ln, l := range strings.Split(string(data), "\n") {
			l = strings.TrimSpace(strings.TrimRight(l, "\r"))
			if l == "" || strings.HasPrefix(l, "#") {
				continue
			}
			if strings.HasPrefix(l, "==") {
				section = strings.TrimSpace(l[2:])
				if _, ok := classIdx[section]; !ok && section != "@greet" && section != "@close" && section != "@filler" {
					return nil, fmt.Errorf("%s:%d: unknown section %q", name, ln+1, section)
				}
				continue
			}
			l = strings.ReplaceAll(l, `\n`, "\n")
			switch section {
			case "":
				return nil, fmt.Errorf("%s:%d: text before the first section", name, ln+1)
			case "@greet":
				greets = append(greets, l)
			case "@close":
				closes = append(closes, l)
			case "@filler":
				fillers = append(fillers, l)
			default:
				subj, body := "", l
				if i := strings.Index(l, " || "); i >= 0 {
					subj, body = strings.TrimSpace(l[:i]), strings.TrimSpace(l[i+4:])
				}
				// the held-out split follows a hash of the message, so it
				// does not move when lines are added elsewhere
				g := int(intentStrHash(intentSeedMeta, l) % 1000)
				mine = append(mine, intentExample{text: body, subject: subj, lang: lang, class: classIdx[section], weight: 1, group: g, hand: true})
			}
		}
		if len(fillers) == 0 {
			fillers = enFillers
		}
		if lang == "en" {
			enFillers = fillers
		}
		pick := func(xs []string) string { return xs[rng.intn(len(xs))] }
		for _, e := range mine {
			exs = append(exs, e)
			if len(greets) == 0 || len(closes) == 0 {
				continue
			}
			// a copy with a greeting and a sign-off, and a longer one that
			// also has neutral sentences around the message, so that the
			// model sees mail-like lengths and learns that framing says
			// nothing about the intent
			a := e
			a.weight, a.aug = cfg.augmentWeight, true
			a.text = pick(greets) + "\n" + a.text + "\n" + pick(closes)
			exs = append(exs, a)
			if len(fillers) > 0 {
				b := e
				b.weight, b.aug = cfg.augmentWeight, true
				b.text = e.text
				if rng.float() < 0.5 {
					b.text = pick(fillers) + " " + b.text
				}
				b.text = pick(greets) + "\n" + b.text + "\n" + pick(fillers)
				if rng.float() < 0.5 {
					b.text += " " + pick(fillers)
				}
				b.text += "\n" + pick(closes)
				// marketplace and shop mail nearly always carries the order
				// id of an after-sale message
				t, _, _ := strings.Cut(intentClassList[e.class], "/")
				if p := rng.float(); (t == TypeAfterSale && p < 0.6) || (t == TypeBuyerMessage && p < 0.25) {
					ref := intentFakeOrderRef(&rng)
					if rng.float() < 0.5 {
						b.subject = strings.TrimSpace(b.subject + " (Order: " + ref + ")")
					} else {
						b.text += "\n" + ref
					}
				}
				exs = append(exs, b)
			}
		}
	}
	pub, err := fs.Glob(dir, "public/*.jsonl")
	if err != nil {
		return nil, err
	}
	sort.Strings(pub)
	for _, name := range pub {
		data, err := fs.ReadFile(dir, name)
		if err != nil {
			return nil, err
		}
		for ln, l := range strings.Split(string(data), "\n") {
			if strings.TrimSpace(l) == "" {
				continue
			}
			var r struct {
				Text, Lang, Type, Intent string
				W                        float64
			}
			if err := json.Unmarshal([]byte(l), &r); err != nil {
				return nil, fmt.Errorf("%s:%d: %v", name, ln+1, err)
			}
			ci, ok := classIdx[r.Type+"/"+r.Intent]
			if !ok {
				return nil, fmt.Errorf("%s:%d: unknown class %s/%s", name, ln+1, r.Type, r.Intent)
			}
			if r.W <= 0 {
				r.W = 0.3
			}
			exs = append(exs, intentExample{text: r.Text, lang: r.Lang, class: ci, weight: r.W, group: -1})
		}
	}
	// lexicon phrases as short examples
	defType := map[string]string{}
	for _, c := range intentClassList {
		t, in, _ := strings.Cut(c, "/")
		if _, ok := defType[in]; !ok {
			defType[in] = t
		}
	}
	defType["other"] = TypeBuyerMessage
	for _, e := range lex.entries {
		t := lex.targets[e.target]
		if t.intent == "" || t.none {
			continue
		}
		ci := classIdx[defType[t.intent]+"/"+t.intent]
		text := strings.ReplaceAll(strings.ReplaceAll(e.phrase, "$", ""), "~", " ")
		exs = append(exs, intentExample{text: text, class: ci, weight: cfg.phraseW * float64(e.weight) / 2, group: -1})
	}
	// class balance
	if cfg.balance {
		tot := make([]float64, len(intentClassList))
		for _, e := range exs {
			tot[e.class] += e.weight
		}
		mean, n := 0.0, 0
		for _, t := range tot {
			if t > 0 {
				mean += t
				n++
			}
		}
		mean /= float64(n)
		for i := range exs {
			if t := tot[exs[i].class]; t > 0 {
				exs[i].weight *= math.Sqrt(mean / t)
			}
		}
	}
	return exs, nil
}

// intentFakeOrderRef makes an order number in one of the common formats.
func intentFakeOrderRef(rng *intentRand) string {
	digits := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte('0' + rng.intn(10))
		}
		return string(b)
	}
	switch rng.intn(5) {
	case 0:
		return digits(3) + "-" + digits(7) + "-" + digits(7)
	case 1:
		return digits(2) + "-" + digits(5) + "-" + digits(5)
	case 2:
		return digits(16)
	case 3:
		return "#" + string(rune('A'+rng.intn(26))) + string(rune('A'+rng.intn(26))) + digits(5)
	}
	return "#" + digits(6)
}

type intentRawFeat struct {
	h   uint32
	val float64
}

type intentFeaturizer struct {
	lex    *intentLexicon
	index  map[uint32]int32
	keys   []uint32
	lexIdx []bool // feature index -> is a lexicon feature (dropout)
	tied   []bool // feature index -> weights shared by all classes of a type
	idf    func(df int) float64
	scale  []float64 // feature index -> factor folded into the exported weights
}

func (fx *intentFeaturizer) raw(e *intentExample) []intentRawFeat {
	var fv intentFeatureValues
	hasOrder := intentHasOrderRef(e.text) || intentHasOrderRef(e.subject)
	_, hashes, _ := intentExtract(fx.lex, e.subject, e.text, hasOrder, 1, nil, nil, nil, &fv)
	counts := map[uint32]float64{}
	var order []uint32
	add := func(h uint32, v float64) {
		if _, ok := counts[h]; !ok {
			order = append(order, h)
		}
		counts[h] += v
	}
	if fv.nBody > 0 {
		s := intentLenNorm(fv.nBody)
		for _, h := range hashes[:fv.nBody] {
			add(h, s)
		}
	}
	if ns := len(hashes) - fv.nBody; ns > 0 {
		s := float64(float64(fv.subjW) * intentLenNorm(ns))
		for _, h := range hashes[fv.nBody:] {
			add(h, s)
		}
	}
	for t, v := range fv.lex[:len(fx.lex.targets)] {
		if v != 0 {
			add(intentLexFeature(fx.lex.targets[t].name), float64(v))
		}
	}
	for _, h := range fv.meta[:fv.nMeta] {
		add(h, 1)
	}
	out := make([]intentRawFeat, len(order))
	for i, h := range order {
		out[i] = intentRawFeat{h, counts[h]}
	}
	return out
}

func (fx *intentFeaturizer) sparse(raw []intentRawFeat, df map[uint32]int, minDF int) intentSparse {
	lexKeys := map[uint32]bool{}
	tiedKeys := map[uint32]bool{intentMetaHash("order"): true, intentMetaHash("empty"): true}
	for _, t := range fx.lex.targets {
		lexKeys[intentLexFeature(t.name)] = true
		if t.intent == "" {
			tiedKeys[intentLexFeature(t.name)] = true
		}
	}
	var sp intentSparse
	for _, f := range raw {
		if df[f.h] < minDF && !lexKeys[f.h] && !tiedKeys[f.h] {
			continue
		}
		i, ok := fx.index[f.h]
		if !ok {
			i = int32(len(fx.keys))
			fx.index[f.h] = i
			fx.keys = append(fx.keys, f.h)
			fx.lexIdx = append(fx.lexIdx, lexKeys[f.h])
			fx.tied = append(fx.tied, tiedKeys[f.h])
			sc := 1.0
			if fx.idf != nil && !lexKeys[f.h] && !tiedKeys[f.h] {
				sc = fx.idf(df[f.h])
			}
			fx.scale = append(fx.scale, sc)
		}
		sp.idx = append(sp.idx, i)
		v := f.val
		if fx.idf != nil && !lexKeys[f.h] && !tiedKeys[f.h] {
			v = float64(v * fx.idf(df[f.h]))
		}
		sp.val = append(sp.val, v)
	}
	return sp
}

// intentMedian is the median of a row (the upper middle value).
func intentMedian(row []float64) float64 {
	x := append([]float64(nil), row...)
	sort.Float64s(x)
	return x[len(x)/2]
}

// intentSparseRow quantizes a weight row for the model file: the median is
// removed (a constant per row does not change the softmax), the rest is
// scaled to int8, and only the largest entries (|q| >= cfg.minQ, at most
// cfg.maxK) are kept.
func intentSparseRow(key uint32, w []float64, cfg intentTrainConfig) (intentRow, bool) {
	med := intentMedian(w)
	mx := 0.0
	for _, v := range w {
		mx = math.Max(mx, math.Abs(v-med))
	}
	// scale 2^-exp: the smallest power of two with |q| <= 127
	exp := 0
	for exp < intentMaxExp && math.Ldexp(127, -(exp+1)) >= mx {
		exp++
	}
	if mx == 0 || math.Ldexp(127, -exp) < mx {
		return intentRow{}, false
	}
	s := math.Ldexp(1, -exp)
	type e struct {
		c int
		q int
	}
	var es []e
	for c, v := range w {
		q := int(math.Round((v - med) / s))
		if q >= cfg.minQ || -q >= cfg.minQ {
			es = append(es, e{c, q})
		}
	}
	sort.SliceStable(es, func(a, b int) bool {
		qa, qb := es[a].q, es[b].q
		if qa < 0 {
			qa = -qa
		}
		if qb < 0 {
			qb = -qb
		}
		if qa != qb {
			return qa > qb
		}
		return es[a].c < es[b].c
	})
	if len(es) > cfg.maxK {
		es = es[:cfg.maxK]
	}
	sort.SliceStable(es, func(a, b int) bool { return es[a].c < es[b].c })
	r := intentRow{key: key, exp: uint8(exp)}
	for _, x := range es {
		r.cls = append(r.cls, uint8(x.c))
		r.q = append(r.q, int8(x.q))
	}
	return r, len(r.q) > 0
}

// intentExp is exp in pure Go (the same result on every platform).
func intentExp(x float64) float64 {
	if x < -700 {
		return 0
	}
	if x > 700 {
		x = 700
	}
	// exp(x) = 2^k * exp(r), |r| <= ln2/2
	k := math.Floor(float64(x*1.4426950408889634) + 0.5)
	r := float64(x - float64(k*0.6931471805599453))
	// Taylor series to 1e-16 on |r| < 0.35
	sum, term := 1.0, 1.0
	for i := 1; i <= 18; i++ {
		term = float64(term * r / float64(i))
		sum = float64(sum + term)
	}
	return math.Ldexp(sum, int(k))
}

// intentLog is the natural logarithm in pure Go (x > 0).
func intentLog(x float64) float64 {
	m, e := math.Frexp(x) // x = m * 2^e, m in [0.5, 1)
	y := float64((m - 1) / (m + 1))
	y2 := float64(y * y)
	sum, term := 0.0, y
	for k := 1; k < 60; k += 2 {
		sum = float64(sum + float64(term/float64(k)))
		term = float64(term * y2)
	}
	return float64(float64(2*sum) + float64(float64(e)*0.6931471805599453))
}

func intentLogits(v intentSparse, W, B []float64, nc int, out []float64) {
	copy(out, B)
	for j, f := range v.idx {
		x := v.val[j]
		row := W[int(f)*nc : int(f)*nc+nc]
		for c, w := range row {
			out[c] = float64(out[c] + float64(w*x))
		}
	}
}

func intentSoftmax(z []float64, temp float64) {
	mx := math.Inf(-1)
	for _, v := range z {
		mx = math.Max(mx, v/temp)
	}
	s := 0.0
	for c, v := range z {
		z[c] = intentExp(float64(v/temp) - mx)
		s += z[c]
	}
	for c := range z {
		z[c] /= s
	}
}

// intentSGD trains softmax regression with AdaGrad on the examples idx.
// Features marked tied (the order-id feature and the type markers of the
// lexicon) say something about the type only: after each update their
// weights are averaged over the classes of each type.
func intentSGD(exs []intentExample, vecs []intentSparse, idx []int, nf, nc int, cfg intentTrainConfig, lexIdx, tied []bool) ([]float64, []float64) {
	var groups [][]int // class indexes of each type
	{
		ti := map[string]int{}
		for c := 0; c < nc; c++ {
			t, _, _ := strings.Cut(intentClassList[c], "/")
			g, ok := ti[t]
			if !ok {
				g = len(groups)
				ti[t] = g
				groups = append(groups, nil)
			}
			groups[g] = append(groups[g], c)
		}
	}
	W := make([]float64, nf*nc)
	G := make([]float64, nf*nc)
	B := make([]float64, nc)
	GB := make([]float64, nc)
	p := make([]float64, nc)
	g := make([]float64, nc)
	order := append([]int(nil), idx...)
	rng := intentRand{s: 0x2545F4914F6CDD1D}
	for ep := 0; ep < cfg.epochs; ep++ {
		for i := len(order) - 1; i > 0; i-- {
			j := rng.intn(i + 1)
			order[i], order[j] = order[j], order[i]
		}
		for _, ei := range order {
			v := vecs[ei]
			drop := rng.float() < cfg.lexDrop
			if drop {
				v = intentDropLex(v, lexIdx)
			}
			intentLogits(v, W, B, nc, p)
			intentSoftmax(p, 1)
			y := exs[ei].class
			wt := exs[ei].weight
			for c := 0; c < nc; c++ {
				t := 0.0
				if c == y {
					t = 1
				}
				g[c] = float64((p[c] - t) * wt)
			}
			for c := 0; c < nc; c++ {
				GB[c] = float64(GB[c] + float64(g[c]*g[c]))
				B[c] = float64(B[c] - float64(cfg.lr*g[c]/math.Sqrt(GB[c]+1e-8)))
			}
			for j, f := range v.idx {
				x := v.val[j]
				base := int(f) * nc
				for c := 0; c < nc; c++ {
					gr := float64(float64(g[c]*x) + float64(cfg.l2*W[base+c]))
					G[base+c] = float64(G[base+c] + float64(gr*gr))
					W[base+c] = float64(W[base+c] - float64(cfg.lr*gr/math.Sqrt(G[base+c]+1e-8)))
				}
				if tied[f] {
					for _, grp := range groups {
						m := 0.0
						for _, c := range grp {
							m += W[base+c]
						}
						m /= float64(len(grp))
						for _, c := range grp {
							W[base+c] = m
						}
					}
				}
			}
		}
	}
	return W, B
}

func intentDropLex(v intentSparse, lexIdx []bool) intentSparse {
	var out intentSparse
	for j, f := range v.idx {
		if lexIdx[f] {
			continue
		}
		out.idx = append(out.idx, f)
		out.val = append(out.val, v.val[j])
	}
	return out
}

func intentFitTemp(exs []intentExample, vecs []intentSparse, idx []int, W, B []float64, nc int) float64 {
	z := make([]float64, nc)
	p := make([]float64, nc)
	best, bestT := math.Inf(1), 1.0
	for t := 50; t <= 300; t += 5 {
		temp := float64(t) / 100
		nll := 0.0
		for _, i := range idx {
			intentLogits(vecs[i], W, B, nc, z)
			copy(p, z)
			intentSoftmax(p, temp)
			nll -= intentLog(math.Max(p[exs[i].class], 1e-12))
		}
		if nll < best {
			best, bestT = nll, temp
		}
	}
	return bestT
}

func intentAccuracy(exs []intentExample, vecs []intentSparse, idx []int, W, B []float64, nc int) (float64, float64) {
	z := make([]float64, nc)
	tok, iok := 0, 0
	for _, i := range idx {
		intentLogits(vecs[i], W, B, nc, z)
		intentSoftmax(z, 1)
		tsum := map[string]float64{}
		for c, v := range z {
			t, _, _ := strings.Cut(intentClassList[c], "/")
			tsum[t] += v
		}
		bt := ""
		for _, t := range []string{TypeAfterSale, TypePreSale, TypeBuyerMessage, TypeOther} {
			if bt == "" || tsum[t] > tsum[bt] {
				bt = t
			}
		}
		bc := -1
		for c, v := range z {
			if strings.HasPrefix(intentClassList[c], bt+"/") && (bc < 0 || v > z[bc]) {
				bc = c
			}
		}
		yt, yi, _ := strings.Cut(intentClassList[exs[i].class], "/")
		_, pi, _ := strings.Cut(intentClassList[bc], "/")
		if bt == yt {
			tok++
		}
		if pi == yi {
			iok++
		}
	}
	return float64(tok) / float64(len(idx)), float64(iok) / float64(len(idx))
}

// intentT2SPairs maps Traditional to Simplified Chinese characters (pairs),
// for the characters buyers use most, so both scripts share features.
const intentT2SPairs = "" +
	"貨货訂订單单請请問问發发換换壞坏運运費费達达開开錢钱號号時时幾几這这嗎吗謝谢錄录記记機机題题東东應应該该麼么們们個个會会來来對对說说話话過过還还沒没進进檢检驗验關关稅税線线網网購购買买賣卖價价優优團团體体質质產产務务員员戶户郵邮遞递遲迟夠够顏颜碼码帳账簽签處处態态誤误錯错補补裝装書书議议讓让隻只條条張张萬万與与專专業业義义樂乐習习亂乱爭争於于亞亚親亲內内兩两冊册動动勞劳區区協协卻却參参雙双變变嚴严圍围國国圖图場场壓压報报塊块備备復复奪夺媽妈學学寶宝實实寫写審审將将導导層层屬属幣币師师帶带幫帮廣广廠厂庫库強强彈弹後后從从惡恶愛爱慣惯懷怀戰战擊击據据擇择擔担擴扩攝摄數数斷断暫暂極极構构標标樣样橫横權权歡欢歲岁歷历殘残殺杀氣气決决減减測测溫温滿满漢汉潔洁濕湿點点為为爲为無无煩烦熱热燈灯爐炉狀状獨独獲获現现環环畫画當当療疗盡尽監监盤盘確确礎础種种穩稳積积競竞筆笔節节範范築筑簡简類类紀纪約约紅红純纯紙纸級级細细終终組组結结給给絡络統统絲丝經经綠绿維维緊紧練练縣县縮缩總总績绩織织繼继續续罰罚聯联聲声職职聽听腦脑臉脸興兴舊旧藝艺華华葉叶蓋盖藥药蟲虫術术衛卫衝冲製制複复見见規规視视覺觉觀观計计討讨訓训訪访設设許许診诊註注証证評评試试詢询詳详認认語语誠诚誰谁課课調调談谈論论諾诺證证識识譯译護护讀读貝贝負负財财責责販贩貴贵貼贴資资賠赔賬账賽赛趕赶趨趋車车軟软載载輕轻輛辆輸输轉转辦办農农連连週周違违遠远適适選选遺遗邊边鄰邻醫医針针鈕钮鋼钢鍵键鏡镜長长門门閃闪閉闭閒闲間间閱阅闆板隊队陽阳際际隨随險险隱隐雖虽雜杂雞鸡離离難难電电霧雾靜静韓韩頁页頂顶項项順顺須须預预頓顿頭头額额願愿顯显風风飛飞飯饭餘余館馆馬马驚惊髮发鬆松魚鱼鳥鸟麵面黃黄齊齐齒齿龍龙寬宽壽寿燒烧鐘钟錶表鈴铃鍋锅壺壶鏽锈繩绳褲裤襪袜尋寻屆届眾众麗丽爾尔啟启噸吨團团圓圆塗涂壯壮夢梦奮奋孫孙寧宁廳厅徵征戲戏捨舍掃扫揀拣揚扬損损搖摇搶抢攜携敗败敵敌暈晕暢畅槍枪樓楼櫃柜歸归殼壳濾滤災灾牆墙獎奖瑪玛疊叠癢痒皺皱盜盗礙碍禮礼稱称窩窝竊窃籃篮粵粤緩缓縫缝罷罢聖圣膠胶臺台艱艰蘋苹虧亏蝕蚀衆众裡里裏里訊讯託托詐诈誌志諮咨謊谎謹谨豐丰貓猫貿贸賀贺賓宾賺赚贈赠贊赞跡迹蹤踪軌轨較较輔辅輪轮辭辞遊游鄭郑釋释鉤钩銀银銷销鋒锋鋪铺鍍镀鎖锁鏈链鐵铁閘闸陣阵陰阴階阶雲云靈灵頻频顆颗颱台餅饼養养驅驱鬧闹鴨鸭麥麦黨党齡龄撥拨擋挡擠挤擬拟攤摊濟济瀏浏灣湾爛烂獵猎癡痴磚砖籤签糾纠紐纽紋纹紮扎絕绝緒绪緣缘編编縱纵繃绷繞绕纖纤纜缆聞闻膚肤蘭兰蝦虾螢萤覽览觸触譜谱讚赞豎竖貸贷賞赏賴赖贏赢軍军輩辈轟轰辯辩醬酱釘钉鈍钝鉛铅錦锦鍊炼鎮镇鏟铲閥阀闊阔闖闯陳陈陸陆隸隶顧顾飄飘飾饰餵喂駕驾駛驶騎骑騙骗鬥斗魯鲁鮮鲜鳳凤鴻鸿鵝鹅鹽盐黴霉龜龟傳传億亿償偿儲储兒儿剛刚劃划勁劲勝胜廢废彙汇匯汇憑凭掛挂採采揮挥擾扰擺摆攔拦敘叙氫氢漲涨潤润濃浓燭烛犧牺猶犹瑣琐畢毕異异瘋疯盞盏睜睁碩硕禍祸穀谷筍笋篩筛紡纺絨绒綁绑綿绵緻致繪绘聳耸肅肃腫肿膽胆臟脏舉举艷艳蒼苍蓮莲薦荐薩萨藍蓝蘇苏虛虚襯衬訴诉誇夸諒谅謀谋講讲譽誉豬猪貢贡貫贯貪贪贓赃踐践躍跃軸轴輯辑轄辖遷迁遼辽邏逻醜丑鈔钞銅铜銳锐鍾钟鑰钥鑽钻閣阁闡阐頒颁領领頗颇顛颠飲饮飽饱饅馒駐驻騰腾驟骤髒脏鬍胡鯨鲸鴿鸽鹼碱齋斋" +
	"嗎吗妳你喫吃臺台灣湾攜携帶带鑑鉴鑒鉴暱昵綫线纔才衹只祇只唸念彆别麼么麽么" +
	"僅仅傘伞偉伟側侧偵侦債债傷伤傾倾價价儀仪優优兇凶凈净減减刪删則则剋克劇剧勵励勸劝匱匮嚇吓嘆叹噴喷嚨咙囑嘱壞坏壇坛壩坝奧奥婁娄孿孪寵宠屍尸岡冈峽峡巖岩幹干廁厕廂厢廟庙張张彌弥徹彻憂忧懶懒懼惧戀恋擁拥擬拟擻擞斃毙昇升暉晖曆历曉晓會会榮荣樁桩橋桥殲歼歐欧殯殡氈毡決决沖冲況况洶汹淚泪淺浅渾浑湊凑湯汤溝沟滅灭滬沪漁渔漿浆澀涩灑洒炮炮烏乌無无煉炼煙烟爺爷牽牵犢犊狹狭獅狮玀猡璽玺甦苏疇畴療疗瘡疮癒愈盃杯矚瞩碼码禪禅穎颖窯窑竄窜筧笕箏筝糧粮紗纱紛纷絆绊綜综緝缉締缔緯纬縛缚縣县繁繁繳缴罈坛羅罗翹翘聰聪腎肾膩腻臘腊艙舱蒞莅蔣蒋蕭萧藉藉蘆芦虜虏螞蚂蠟蜡蠶蚕衊蔑襖袄訂订訝讶誼谊諜谍謙谦謬谬譏讥譴谴貞贞賊贼賜赐賢贤賤贱質质趙赵蹟迹軀躯輝辉轎轿辟辟遜逊郵邮鄉乡釣钓銜衔鋁铝錨锚鍛锻鏽锈鐘钟鑄铸閑闲闢辟陝陕陷陷隕陨雛雏韌韧韻韵頃顷頌颂頹颓頻频顱颅颳刮颶飓飢饥餃饺餓饿饑饥駁驳駝驼驗验骯肮鬱郁鱗鳞鳴鸣鴉鸦鷹鹰麼么鼴鼹齡龄龐庞"
