package classify

// The label set of LABELS.md, fixed: the classifier, the LLM's output and the
// evaluation all use exactly these values.

// Types.
const (
	TypePreSale             = "pre_sale"
	TypeAfterSale           = "after_sale"
	TypeBuyerMessage        = "buyer_message"
	TypeChannelNotification = "channel_notification"
	TypeAmazonQA            = "amazon_qa"
	TypeOther               = "other"
)

// Types lists every type.
var Types = []string{TypePreSale, TypeAfterSale, TypeBuyerMessage, TypeChannelNotification, TypeAmazonQA, TypeOther}

// Intents lists every intent.
var Intents = []string{
	"order_status", "tracking", "delivery_problem", "return", "refund", "exchange", "cancel",
	"damaged_defective", "wrong_item", "missing_item", "address_change", "invoice", "warranty",
	"usage_help", "product_question", "stock_availability", "price_discount", "shipping_cost",
	"delivery_time", "customization", "wholesale", "payment_issue", "complaint", "thanks",
	"review_feedback", "claim_notice", "account_notice", "auto_reply", "bounce", "spam",
	"newsletter", "other",
}

// Priorities.
const (
	PriorityHigh   = "high"
	PriorityMedium = "medium"
	PriorityLow    = "low"
)

// Languages are the languages replydesk handles (ISO 639-1, Chinese by script).
var Languages = []string{"en", "es", "fr", "de", "it", "pt", "ru", "ja", "zh-Hans", "zh-Hant", "ko",
	"vi", "th", "id", "ms", "pl", "nl", "tr", "ar"}

func valid(v string, set []string) bool {
	for _, s := range set {
		if s == v {
			return true
		}
	}
	return false
}

// ValidType, ValidIntent, ValidPriority and ValidLanguage check a label.
func ValidType(v string) bool   { return valid(v, Types) }
func ValidIntent(v string) bool { return valid(v, Intents) }
func ValidPriority(v string) bool {
	return v == PriorityHigh || v == PriorityMedium || v == PriorityLow
}
func ValidLanguage(v string) bool { return valid(v, Languages) }
