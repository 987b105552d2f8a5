package config

import (
	"fmt"
	"regexp"
	"strings"
)

// CheckRule reports whether a store rule is usable: a non-empty keyword, or
// a regular expression written as /.../ that compiles.
func CheckRule(r string) error {
	if strings.TrimSpace(r) == "" {
		return fmt.Errorf("empty rule")
	}
	if re, ok := RuleRegexp(r); ok {
		if _, err := regexp.Compile(re); err != nil {
			return fmt.Errorf("bad regular expression %s: %v", r, err)
		}
	}
	return nil
}

// RuleRegexp returns the expression of a /.../ rule, case-insensitive.
func RuleRegexp(r string) (string, bool) {
	if len(r) >= 2 && strings.HasPrefix(r, "/") && strings.HasSuffix(r, "/") {
		return "(?i)" + r[1:len(r)-1], true
	}
	return "", false
}
