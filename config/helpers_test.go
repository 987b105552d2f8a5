package config

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// problemsOf returns the problems of a *ValidationError, failing the test
// for any other outcome.
func problemsOf(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		t.Fatal("got no error, want a *ValidationError")
	}
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("got %T %q, want a *ValidationError", err, err)
	}
	return ve.Problems
}

// wantProblems checks that err lists exactly the problems in want.
func wantProblems(t *testing.T, err error, want ...string) {
	t.Helper()
	if len(want) == 0 {
		if err != nil {
			t.Fatalf("unexpected error:\n%v", err)
		}
		return
	}
	got := problemsOf(t, err)
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n got: %q\nwant: %q", got, want)
	}
}

// wantProblem checks that err lists problem among others.
func wantProblem(t *testing.T, err error, problem string) {
	t.Helper()
	got := problemsOf(t, err)
	if !slices.Contains(got, problem) {
		t.Errorf("problem %q not reported; got:\n%s", problem, strings.Join(got, "\n"))
	}
}

// writeFile writes content to a new file in a test directory with mode perm.
func writeFile(t *testing.T, name, content string, perm os.FileMode) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), perm); err != nil {
		t.Fatal(err)
	}
	// WriteFile is subject to the umask; make the mode exact.
	if err := os.Chmod(path, perm); err != nil {
		t.Fatal(err)
	}
	return path
}

const testPasswordEnv = "REPLYDESK_TEST_PASSWORD"

// validConfig is a minimal valid config built in code, with one QQ mailbox
// reading its password from testPasswordEnv.
func validConfig(t *testing.T) *Config {
	t.Helper()
	t.Setenv(testPasswordEnv, "test-password-value")
	return &Config{
		DataDir: "/var/lib/replydesk",
		Stores:  []Store{{ID: "shop", Name: "Shop"}},
		Mailboxes: []Mailbox{{
			ID:          "support",
			Store:       "shop",
			Address:     "support@shop.example",
			Provider:    "qq",
			PasswordEnv: testPasswordEnv,
		}},
	}
}
