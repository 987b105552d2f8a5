package classify

import (
	"sort"
	"strings"
	"sync"
	"unsafe"
)

// phraseSet finds which phrases of a fixed list occur in a text in one pass
// over the text (Aho-Corasick over bytes), instead of one strings.Contains
// per phrase: the rule lists hold hundreds of phrases in 18 languages and
// every message is checked against dozens of lists.
type phraseSet struct {
	phrases []string
	nodes   []acNode
	root    [256]int32 // dense transitions of the root: -1 none
}

type acNode struct {
	keys  []byte  // sorted transition bytes
	next  []int32 // targets, parallel to keys
	fail  int32
	out   int32 // lowest phrase index ending here (or via fail links), -1 if none
	depth int32
	own   []int32 // phrases ending exactly here
}

func (n *acNode) child(b byte) int32 {
	// Most nodes have one or two children: a linear scan beats a search.
	for i, k := range n.keys {
		if k == b {
			return n.next[i]
		}
		if k > b {
			break
		}
	}
	return -1
}

func newPhraseSet(phrases []string) *phraseSet {
	ps := &phraseSet{phrases: phrases, nodes: []acNode{{out: -1}}}
	for idx, p := range phrases {
		if p == "" {
			continue
		}
		cur := int32(0)
		for i := 0; i < len(p); i++ {
			nx := ps.nodes[cur].child(p[i])
			if nx < 0 {
				nx = int32(len(ps.nodes))
				ps.nodes = append(ps.nodes, acNode{out: -1, depth: ps.nodes[cur].depth + 1})
				n := &ps.nodes[cur]
				j := sort.Search(len(n.keys), func(j int) bool { return n.keys[j] >= p[i] })
				n.keys = append(n.keys, 0)
				n.next = append(n.next, 0)
				copy(n.keys[j+1:], n.keys[j:])
				copy(n.next[j+1:], n.next[j:])
				n.keys[j], n.next[j] = p[i], nx
			}
			cur = nx
		}
		if o := ps.nodes[cur].out; o < 0 || int32(idx) < o {
			ps.nodes[cur].out = int32(idx)
		}
		ps.nodes[cur].own = append(ps.nodes[cur].own, int32(idx))
	}
	for b := range ps.root {
		ps.root[b] = ps.nodes[0].child(byte(b))
	}
	// Breadth-first: fail links, and out merged along them.
	queue := []int32{}
	for _, c := range ps.nodes[0].next {
		ps.nodes[c].fail = 0
		queue = append(queue, c)
	}
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		for k, b := range ps.nodes[u].keys {
			v := ps.nodes[u].next[k]
			f := ps.nodes[u].fail
			for f > 0 && ps.nodes[f].child(b) < 0 {
				f = ps.nodes[f].fail
			}
			if c := ps.nodes[f].child(b); c >= 0 && c != v {
				ps.nodes[v].fail = c
			}
			if fo := ps.nodes[ps.nodes[v].fail].out; fo >= 0 && (ps.nodes[v].out < 0 || fo < ps.nodes[v].out) {
				ps.nodes[v].out = fo
			}
			queue = append(queue, v)
		}
	}
	return ps
}

// first returns the phrase with the lowest index in the list that occurs
// in s, or "" (the same answer as trying strings.Contains in list order).
func (ps *phraseSet) first(s string) string {
	best := int32(-1)
	cur := int32(0)
	for i := 0; i < len(s); i++ {
		b := s[i]
		if cur == 0 {
			// Fast path: skip bytes no phrase starts with.
			if c := ps.root[b]; c >= 0 {
				cur = c
				if o := ps.nodes[cur].out; o >= 0 && (best < 0 || o < best) {
					best = o
				}
			}
			continue
		}
		for {
			if c := ps.nodes[cur].child(b); c >= 0 {
				cur = c
				break
			}
			if cur == 0 {
				break
			}
			cur = ps.nodes[cur].fail
		}
		if o := ps.nodes[cur].out; o >= 0 && (best < 0 || o < best) {
			best = o
			if best == 0 {
				break
			}
		}
	}
	if best < 0 {
		return ""
	}
	return ps.phrases[best]
}

// all reports which phrases occur in s, as a bitmap over the list.
func (ps *phraseSet) all(s string) []bool {
	hit := make([]bool, len(ps.phrases))
	cur := int32(0)
	for i := 0; i < len(s); i++ {
		b := s[i]
		for {
			if c := ps.nodes[cur].child(b); c >= 0 {
				cur = c
				break
			}
			if cur == 0 {
				break
			}
			cur = ps.nodes[cur].fail
		}
		if ps.nodes[cur].out < 0 {
			continue
		}
		for n := cur; n > 0; n = ps.nodes[n].fail {
			for _, o := range ps.nodes[n].own {
				hit[o] = true
			}
		}
	}
	return hit
}

func phraseSetOf(list []string) *phraseSet {
	k := listKey{unsafe.SliceData(list), len(list)}
	v, ok := phraseSets.Load(k)
	if !ok {
		v, _ = phraseSets.LoadOrStore(k, newPhraseSet(list))
	}
	return v.(*phraseSet)
}

// findAll reports, for each phrase of a fixed list, whether it occurs in s.
func findAll(s string, list []string) []bool {
	if len(list) == 0 {
		return nil
	}
	return phraseSetOf(list).all(s)
}

type listKey struct {
	p *string
	n int
}

var phraseSets sync.Map // listKey -> *phraseSet

// findFirst is strings.Contains over a fixed list, in list order, done in
// one pass. Lists are package-level and never change, so their automaton
// is built once and cached by the list's identity.
func findFirst(s string, list []string) string {
	if len(list) == 0 || s == "" {
		return ""
	}
	if len(list) < 4 {
		for _, p := range list {
			if p != "" && stringsContains(s, p) {
				return p
			}
		}
		return ""
	}
	return phraseSetOf(list).first(s)
}

func stringsContains(s, sub string) bool { return strings.Contains(s, sub) }
