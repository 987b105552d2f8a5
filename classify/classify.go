// Package classify labels every message: type, intent, priority, five-level
// sentiment, language and whether it may be answered at all, each with a
// confidence and the reasons, so that a person sees why and the auto-reply
// robot can refuse a weak guess. The offline classifier needs no network
// and no download; an optional LLM (any OpenAI-compatible endpoint) can
// label instead, validated against the label set, falling back to the
// offline one on any failure.
//
// Order matters: needs_reply is decided first and strictly from headers
// and automatic-mail evidence (a reply to a bounce or an auto-reply is a
// mail loop), then type and intent from the sender's own new text, then
// sentiment, then priority from rules over all of them and the shop's own.
package classify

import (
	"context"
	"log/slog"
	"regexp"
	"strings"
	"time"

	"github.com/replydesk/replydesk/config"
)

// Result is the labels of one message.
type Result struct {
	Type       string              `json:"type"`
	Intent     string              `json:"intent"`
	Priority   string              `json:"priority"`
	Sentiment  int                 `json:"sentiment"`
	Language   string              `json:"language"`
	NeedsReply bool                `json:"needs_reply"`
	Confidence Confidence          `json:"confidence"`
	Reasons    map[string][]string `json:"reasons"`
	// HumanOnly: a store rule says a person must answer (never the robot).
	HumanOnly bool   `json:"human_only,omitempty"`
	Source    string `json:"source"` // offline | llm
}

// Confidence is each label's confidence, 0..1.
type Confidence struct {
	Type       float64 `json:"type"`
	Intent     float64 `json:"intent"`
	Priority   float64 `json:"priority"`
	Sentiment  float64 `json:"sentiment"`
	Language   float64 `json:"language"`
	NeedsReply float64 `json:"needs_reply"`
}

func (r *Result) reason(field, text string) {
	if text == "" {
		return
	}
	if r.Reasons == nil {
		r.Reasons = map[string][]string{}
	}
	r.Reasons[field] = append(r.Reasons[field], text)
}

// Classifier labels messages. It is safe for concurrent use.
type Classifier struct {
	rules map[string]*storeRules
	llm   *LLM
	log   *slog.Logger
}

type storeRules struct {
	high, human []matcher
}

type matcher struct {
	raw     string
	keyword string
	re      *regexp.Regexp
}

func (m matcher) match(text string) bool {
	if m.re != nil {
		return m.re.MatchString(text)
	}
	return strings.Contains(text, m.keyword)
}

func compileRules(rs []string) []matcher {
	var out []matcher
	for _, r := range rs {
		if expr, ok := config.RuleRegexp(r); ok {
			if re, err := regexp.Compile(expr); err == nil {
				out = append(out, matcher{raw: r, re: re})
			}
			continue
		}
		out = append(out, matcher{raw: r, keyword: strings.ToLower(r)})
	}
	return out
}

// New builds the classifier of a configuration: the stores' rules and,
// when llm.base_url is set, the LLM. cfg may be nil: offline, no rules.
func New(cfg *config.Config, log *slog.Logger) (*Classifier, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	c := &Classifier{rules: map[string]*storeRules{}, log: log}
	if cfg == nil {
		return c, nil
	}
	for _, s := range cfg.Stores {
		c.rules[s.ID] = &storeRules{high: compileRules(s.Rules.High), human: compileRules(s.Rules.Human)}
	}
	if cfg.LLM.BaseURL != "" {
		key, err := cfg.LLMKey()
		if err != nil {
			return nil, err
		}
		timeout := cfg.LLM.Timeout
		if timeout == 0 {
			timeout = 20 * time.Second
		}
		c.llm = NewLLM(LLMConfig{BaseURL: cfg.LLM.BaseURL, Model: cfg.LLM.Model, APIKey: key, Timeout: timeout,
			CacheDir: cfg.DataDir + "/llm-cache"})
	}
	return c, nil
}

// Classify labels one message: with the LLM when configured (falling back
// to the offline classifier on any failure), else offline. storeID selects
// the shop's rules; hash (hex SHA-256 of the raw message) keys the LLM
// cache.
func (c *Classifier) Classify(ctx context.Context, in *Input, storeID, hash string) Result {
	off := c.Offline(in, storeID)
	if c.llm == nil {
		return off
	}
	l, err := c.llm.Classify(ctx, in, hash)
	if err != nil {
		c.log.Warn("LLM classifier failed, using the offline one", "error", err)
		off.reason("source", "LLM failed ("+err.Error()+"): offline labels")
		return off
	}
	r := Result{Type: l.Type, Intent: l.Intent, Priority: l.Priority, Sentiment: l.Sentiment, Language: l.Language,
		NeedsReply: l.NeedsReply, Source: "llm"}
	conf := l.Confidence
	r.Confidence = Confidence{conf, conf, conf, conf, conf, conf}
	r.reason("llm", l.Reason)
	// Header evidence of automatic mail is not the LLM's to overrule: a
	// reply to a bounce or an auto-reply is a mail loop.
	if !off.NeedsReply && off.Confidence.NeedsReply >= 0.9 && r.NeedsReply {
		r.NeedsReply = false
		r.Confidence.NeedsReply = off.Confidence.NeedsReply
		r.Reasons["needs_reply"] = off.Reasons["needs_reply"]
	}
	c.applyStoreRules(&r, in, storeID)
	return r
}

// Offline labels a message with the built-in classifier alone.
func (c *Classifier) Offline(in *Input, storeID string) Result {
	r := Result{Source: "offline"}
	text := in.NewText
	if strings.TrimSpace(text) == "" {
		text = in.Text
	}

	lg := DetectLanguage(text)
	if lg.Lang == "" {
		lg = DetectLanguage(in.Subject)
	}
	if lg.Lang == "" {
		lg = LangGuess{Lang: "en", Confidence: 0.1, Reason: "no text: default en"}
	}
	r.Language, r.Confidence.Language = lg.Lang, lg.Confidence
	r.reason("language", lg.Reason)

	av := CheckAutomatic(in)
	if av.Automatic {
		r.NeedsReply, r.Confidence.NeedsReply = false, av.Confidence
		r.Type, r.Intent = av.Type, av.Intent
		r.Confidence.Type, r.Confidence.Intent = av.Confidence, av.Confidence
		for _, s := range av.Reasons {
			r.reason("needs_reply", s)
		}
		r.Sentiment, r.Confidence.Sentiment = 0, 0.9
		r.reason("sentiment", "automatic mail: neutral")
		refineNotice(&r, in, text)
	} else {
		r.NeedsReply = true
		r.Confidence.NeedsReply = av.Confidence
		if r.Confidence.NeedsReply == 0 {
			r.Confidence.NeedsReply = 0.9
		}
		r.reason("needs_reply", "written by a person: no automatic-mail evidence")
		for _, s := range av.Reasons {
			r.reason("needs_reply", s)
		}
		// What a buyer wants is said in the first lines; long mail (pasted
		// logs, forwarded threads) only slows the model down.
		short := *in
		short.NewText = autoCut(in.NewText, intentTextLimit)
		ig := PredictIntent(&short, r.Language)
		r.Type, r.Intent, r.Confidence.Type, r.Confidence.Intent = ig.Type, ig.Intent, ig.TypeConf, ig.IntentConf
		for _, s := range ig.Reasons {
			r.reason("intent", s)
		}
		sg := PredictSentiment(autoCut(text, intentTextLimit), r.Language)
		r.Sentiment, r.Confidence.Sentiment = sg.Score, sg.Confidence
		for _, s := range sg.Reasons {
			r.reason("sentiment", s)
		}
	}
	priority(&r, in, text)
	c.applyStoreRules(&r, in, storeID)
	return r
}

// priority follows LABELS.md: high when money or the account is at risk or
// the buyer is angry or chasing for the third time; medium for questions
// that want an answer within a day; low for thanks, FYI and bulk.
func priority(r *Result, in *Input, text string) {
	set := func(p, why string, conf float64) {
		r.Priority, r.Confidence.Priority = p, conf
		r.reason("priority", why)
	}
	switch r.Intent {
	case "refund", "damaged_defective", "wrong_item", "missing_item", "payment_issue", "cancel", "complaint", "claim_notice":
		set(PriorityHigh, r.Intent+": money at risk", 0.85)
	case "account_notice":
		if payoutRe.MatchString(strings.ToLower(text + " " + in.Subject)) {
			set(PriorityLow, "payout or sale notice: FYI", 0.7)
		} else {
			set(PriorityHigh, "account or policy notice: the account is at risk", 0.8)
		}
	case "delivery_problem":
		if deliveredRe.MatchString(strings.ToLower(text)) {
			set(PriorityHigh, "marked delivered but not received: money at risk", 0.7)
		} else {
			set(PriorityMedium, "delivery problem", 0.7)
		}
	case "thanks", "review_feedback":
		set(PriorityLow, r.Intent+": no action needed", 0.8)
	case "auto_reply", "bounce", "spam", "newsletter":
		set(PriorityLow, r.Intent+": never answered", 0.95)
	default:
		switch {
		case r.Type == TypeAmazonQA:
			set(PriorityLow, "Amazon Q&A: answered on Amazon, can wait", 0.9)
		case r.Type == TypeChannelNotification && r.Intent == "other":
			set(PriorityMedium, "marketplace notice", 0.6)
		case r.Type == TypeOther && !r.NeedsReply:
			set(PriorityLow, "automatic mail", 0.8)
		default:
			set(PriorityMedium, "a question that wants an answer within a day", 0.7)
		}
	}
	if r.NeedsReply && r.Sentiment <= -2 && r.Priority != PriorityHigh {
		set(PriorityHigh, "very negative tone", 0.8)
	}
	if r.NeedsReply && in.FollowUps >= 2 && r.Priority != PriorityHigh {
		set(PriorityHigh, "third message on the same problem without an answer", 0.9)
	}
}

var (
	payoutRe    = regexp.MustCompile(`payout|disbursement|you made a sale|sold|auszahlung|verkauft|versement|vendu|pago enviado|vendido|pagamento|打款|结算|售出|入金`)
	deliveredRe = regexp.MustCompile(`delivered|zugestellt|geliefert|livr[ée]|entregad|consegnat|dostarczon|bezorgd|teslim edil|доставлен|已签收|显示.*送达|已送達|配達済|배송 완료|đã giao|terkirim|diterima|sampai|تم التسليم`)
	returnRe    = regexp.MustCompile(`return request|return authori[sz]ation|rücksende|retoure|demande de retour|solicitud de devoluci|richiesta di reso|pedido de devolu|retourverzoek|zwrot|iade talebi|запрос на возврат|退货申请|退貨|返品リクエスト|반품 요청`)
	cancelRe    = regexp.MustCompile(`cancel+ation request|requested (a |the )?cancel|stornierungsanfrage|demande d'annulation|solicitud de cancelaci|richiesta di annullamento|取消订单申请|キャンセルリクエスト`)
	claimRe     = regexp.MustCompile(`a-to-z|a-z guarantee|chargeback|dispute|claim|case|garantie|reclamaci|reclamo|争议|纠纷|申诉`)
)

// refineNotice gives marketplace notices their topic where the label set
// has one: a return or cancellation request notice is return or cancel,
// not a claim.
func refineNotice(r *Result, in *Input, text string) {
	if r.Type != TypeChannelNotification {
		return
	}
	low := strings.ToLower(in.Subject + "\n" + text)
	if claimRe.MatchString(low) && r.Intent == "claim_notice" {
		return
	}
	switch {
	case cancelRe.MatchString(low):
		r.Intent = "cancel"
		r.reason("intent", "notice of a cancellation request")
	case returnRe.MatchString(low):
		r.Intent = "return"
		r.reason("intent", "notice of a return request")
	}
}

func (c *Classifier) applyStoreRules(r *Result, in *Input, storeID string) {
	rules := c.rules[storeID]
	if rules == nil {
		return
	}
	text := strings.ToLower(in.Subject + "\n" + in.NewText)
	for _, m := range rules.human {
		if m.match(text) {
			r.HumanOnly = true
			if r.NeedsReply {
				r.Priority, r.Confidence.Priority = PriorityHigh, 1
			}
			r.reason("priority", "store rule (a person must answer): "+m.raw)
			return
		}
	}
	for _, m := range rules.high {
		if m.match(text) && r.NeedsReply {
			r.Priority, r.Confidence.Priority = PriorityHigh, 1
			r.reason("priority", "store rule: "+m.raw)
			return
		}
	}
}

const intentTextLimit = 3000
