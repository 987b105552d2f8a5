package classify

import (
	"strings"
	"testing"
)

// TestFindFirstMatchesContains: the automaton gives the same answer as
// strings.Contains tried in list order, on overlapping, nested and
// multi-byte phrases.
func TestFindFirstMatchesContains(t *testing.T) {
	lists := [][]string{
		{"he", "she", "his", "hers", "ushers"},
		{"out of office", "office", "of", "automatic reply", "自动回复", "自動回覆", "回复"},
		{"abcd", "bc", "c", "bcd", "xyz"},
		{"aaa", "aa", "a"},
	}
	texts := []string{"ushers", "she is out of office", "自动回复: 我在休假", "回复：订单", "xxabcdxx", "bc", "zzz", "", "aaaa", "ahishers"}
	for _, l := range lists {
		for _, s := range texts {
			want := ""
			for _, p := range l {
				if strings.Contains(s, p) {
					want = p
					break
				}
			}
			if got := findFirst(s, l); got != want {
				t.Errorf("findFirst(%q, %q) = %q, want %q", s, l, got, want)
			}
			for i, hit := range findAll(s, l) {
				if hit != strings.Contains(s, l[i]) {
					t.Errorf("findAll(%q): phrase %q hit %v", s, l[i], hit)
				}
			}
		}
	}
}

func FuzzFindFirst(f *testing.F) {
	f.Add("she sells sea shells", "he|she|sea|ells")
	f.Fuzz(func(t *testing.T, s, joined string) {
		l := strings.Split(joined, "|")
		want := ""
		for _, p := range l {
			if p != "" && strings.Contains(s, p) {
				want = p
				break
			}
		}
		if got := newPhraseSet(l).first(s); got != want {
			t.Fatalf("first(%q, %q) = %q, want %q", s, l, got, want)
		}
	})
}
