package classify

// The classifier's parts. Each is a pure function of its input, safe for
// concurrent use, with no network and no files read at run time.

// LangGuess is a language with its confidence and why.
type LangGuess struct {
	Lang       string // one of Languages, or "" when there is no text
	Confidence float64
	Reason     string
}

// AutoVerdict says whether a message was written by a machine or is bulk
// or spam, so that it must never get a reply, and what it is.
type AutoVerdict struct {
	Automatic  bool    // never reply
	Type       string  // other | channel_notification | amazon_qa; "" when written by a person to us
	Intent     string  // bounce | auto_reply | newsletter | spam | claim_notice | account_notice | product_question | other
	Confidence float64 // of the verdict (either way)
	Reasons    []string
}

// IntentGuess is the type and intent of mail written by a person.
type IntentGuess struct {
	Type, Intent         string
	TypeConf, IntentConf float64
	Reasons              []string
}

// SentimentGuess is the sender's tone on the five-level scale -2..2.
type SentimentGuess struct {
	Score      int
	Confidence float64
	Reasons    []string
}
