package config

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/go-viper/mapstructure/v2"
)

var durationType = reflect.TypeFor[time.Duration]()

// typeCheckHook runs before mapstructure stores each value and gives type
// mismatches a message a seller can act on ("want a whole number, got \"abc\""),
// instead of mapstructure's reflect-speak. It also parses strings into
// numbers and booleans, because values from REPLYDESK_* environment
// variables are always strings (and `port: "993"` is harmless).
//
// String fields accept any scalar, so a password in its own field never
// produces an error; decodeProblems also withholds the value of any
// password or secret key given a wrong type.
func typeCheckHook(from, to reflect.Type, data any) (any, error) {
	if to == durationType {
		switch d := data.(type) {
		case string:
			// Let StringToTimeDurationHookFunc convert; only vouch for it.
			if _, err := time.ParseDuration(strings.TrimSpace(d)); err != nil {
				return nil, &typeError{"a duration like 90s, 5m or 1h", data}
			}
			return strings.TrimSpace(d), nil
		case time.Duration:
			return d, nil
		default:
			// A bare number would be nanoseconds, which nobody means.
			if isZeroNumber(data) {
				return time.Duration(0), nil
			}
			return nil, &typeError{"a duration with a unit, like 90s or 5m", data}
		}
	}

	switch to.Kind() {
	case reflect.Pointer, reflect.Interface:
		// mapstructure calls the hook again for the pointed-to type.
		return data, nil
	case reflect.String:
		switch d := data.(type) {
		case string:
			return d, nil
		case bool, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, float32, float64:
			// `name: 2024` or `password: 123456`: YAML read a number, the
			// seller meant text.
			return fmt.Sprint(d), nil
		case time.Time:
			// `since: 2024-03-01` unquoted is a YAML timestamp.
			if d.Equal(d.Truncate(24*time.Hour)) && d.Location() == time.UTC {
				return d.Format(sinceLayout), nil
			}
			return d.Format(time.RFC3339Nano), nil
		}
		return nil, &typeError{"a text value", data}
	case reflect.Bool:
		switch d := data.(type) {
		case bool:
			return d, nil
		case string:
			if b, ok := parseBool(d); ok {
				return b, nil
			}
		}
		return nil, &typeError{"true or false", data}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		switch d := data.(type) {
		case int, int8, int16, int32, int64, uint8, uint16, uint32:
			return d, nil
		case uint, uint64:
			if reflect.ValueOf(d).Uint() <= math.MaxInt64 {
				return int64(reflect.ValueOf(d).Uint()), nil
			}
		case float64:
			if d == math.Trunc(d) && math.Abs(d) < 1<<53 {
				return int64(d), nil
			}
		case string:
			if n, err := strconv.ParseInt(strings.TrimSpace(d), 10, 64); err == nil {
				return n, nil
			}
		}
		return nil, &typeError{"a whole number", data}
	case reflect.Slice:
		if from.Kind() == reflect.Slice {
			return data, nil
		}
		return nil, &typeError{"a list", data}
	case reflect.Struct, reflect.Map:
		if from.Kind() == reflect.Map {
			return data, nil
		}
		return nil, &typeError{"a mapping (key: value lines)", data}
	}
	return data, nil
}

// typeError is a value of the wrong type. The value is kept so the message
// can show it, unless the key looks like it holds a secret.
type typeError struct {
	want string
	got  any
}

func (e *typeError) Error() string { return "want " + e.want + ", got " + describe(e.got) }

// withheld is the message without the offending value.
func (e *typeError) withheld() string { return "want " + e.want + ", got " + kindOf(e.got) }

// secretKey reports whether the last element of a key path names a secret
// (password, password_env, client_secret, ...), whose value must never be
// echoed: a seller may have pasted the secret into the wrong key.
func secretKey(path string) bool {
	last := path[strings.LastIndex(path, ".")+1:]
	return strings.Contains(last, "password") || strings.Contains(last, "secret")
}

func isZeroNumber(v any) bool {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return rv.Int() == 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return rv.Uint() == 0
	case reflect.Float32, reflect.Float64:
		return rv.Float() == 0
	}
	return false
}

// parseBool accepts YAML 1.1 spellings too: yaml.v3 reads `idle: yes` as the
// string "yes", and sellers copy examples written for other tools.
func parseBool(s string) (bool, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "yes", "on", "1":
		return true, true
	case "false", "no", "off", "0":
		return false, true
	}
	return false, false
}

// describe renders a wrong value for a message: scalars verbatim (strings
// quoted and truncated), lists and mappings by kind.
func describe(v any) string {
	switch d := v.(type) {
	case nil:
		return "nothing"
	case string:
		const maxLen = 40
		if r := []rune(d); len(r) > maxLen {
			d = string(r[:maxLen]) + "…"
		}
		return strconv.Quote(d)
	case bool, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, float32, float64:
		return fmt.Sprint(d)
	}
	return kindOf(v)
}

func kindOf(v any) string {
	if v == nil {
		return "nothing"
	}
	if _, ok := v.(time.Time); ok {
		return "a date"
	}
	switch reflect.TypeOf(v).Kind() {
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Map:
		return "a mapping"
	case reflect.String:
		return "text"
	case reflect.Bool:
		return "a boolean"
	case reflect.Float32, reflect.Float64:
		return "a number with a fraction"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a number"
	default:
		return "a " + reflect.TypeOf(v).Kind().String()
	}
}

// mapIndex matches mapstructure's name for a map entry, oauth2[gmail], which
// we print as oauth2.gmail to match how the key is written in YAML.
var mapIndex = regexp.MustCompile(`^oauth2\[([^\]]*)\]`)

// indexSuffix matches list indexes and map keys in a key path.
var indexSuffix = regexp.MustCompile(`\[[^\]]*\]`)

func keyPath(name string) string {
	return mapIndex.ReplaceAllString(name, "oauth2.$1")
}

// invalidKeysPrefix is how mapstructure reports ErrorUnused. Its error has
// no structured form, so the key list is parsed back out of the message;
// should mapstructure reword it, the message is shown as is.
const invalidKeysPrefix = "has invalid keys: "

// decodeProblems flattens a mapstructure error tree into one line per
// problem, each starting with the key path it concerns.
func decodeProblems(err error) []string {
	var out []string
	var walk func(error)
	walk = func(err error) {
		if multi, ok := err.(interface{ Unwrap() []error }); ok {
			for _, inner := range multi.Unwrap() {
				walk(inner)
			}
			return
		}
		de, ok := err.(*mapstructure.DecodeError)
		if !ok {
			if inner := errors.Unwrap(err); inner != nil {
				// A wrapper around the tree ("decoding failed due to ...").
				walk(inner)
				return
			}
			out = append(out, err.Error())
			return
		}
		path := keyPath(de.Name())
		msg := de.Unwrap().Error()
		if te, ok := de.Unwrap().(*typeError); ok && secretKey(path) {
			msg = te.withheld()
		}
		if keys, ok := strings.CutPrefix(msg, invalidKeysPrefix); ok {
			for _, k := range strings.Split(keys, ", ") {
				out = append(out, unknownKey(join(path, k)))
			}
			return
		}
		if path == "" {
			out = append(out, msg)
			return
		}
		out = append(out, path+": "+msg)
	}
	walk(err)
	return out
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func unknownKey(path string) string {
	msg := path + ": unknown key"
	if s := suggestKey(path); s != "" {
		msg += fmt.Sprintf(" (did you mean %s?)", s)
	}
	return msg
}

// suggestKey finds the known key closest to the last element of path, for
// typos such as imapp or pasword_env.
func suggestKey(path string) string {
	parts := strings.Split(indexSuffix.ReplaceAllString(path, ""), ".")
	t := reflect.TypeFor[Config]()
	for i, part := range parts {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
			t = t.Elem()
		}
		if t.Kind() == reflect.Map {
			// The segment is a map key (oauth2.gmail): step into the value.
			t = t.Elem()
			continue
		}
		if t.Kind() != reflect.Struct {
			return ""
		}
		known := structKeys(t)
		if i == len(parts)-1 {
			return closest(part, known)
		}
		f, ok := fieldByKey(t, part)
		if !ok {
			return ""
		}
		t = f.Type
	}
	return ""
}

func structKeys(t reflect.Type) []string {
	var keys []string
	for i := range t.NumField() {
		tag := strings.Split(t.Field(i).Tag.Get("mapstructure"), ",")[0]
		if tag != "" && tag != "-" {
			keys = append(keys, tag)
		}
	}
	return keys
}

func fieldByKey(t reflect.Type, key string) (reflect.StructField, bool) {
	for i := range t.NumField() {
		f := t.Field(i)
		if strings.Split(f.Tag.Get("mapstructure"), ",")[0] == key {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

// closest returns the candidate nearest to s: within edit distance 2, or 1
// for short keys, where 2 edits turn anything into anything (tz → id).
func closest(s string, candidates []string) string {
	limit := 2
	if len(s) <= 4 {
		limit = 1
	}
	best, bestDist := "", limit+1
	for _, c := range slices.Sorted(slices.Values(candidates)) {
		d := editDistance(s, c)
		if d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// editDistance is the optimal string alignment distance: insertions,
// deletions, substitutions and transpositions of neighbours (hots → host)
// each count one.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
