// Command replydesk is the self-hosted customer-service mail desk: it syncs
// shop mailboxes over IMAP into SQLite and prepares replies. This package is
// the command line and the daemon wiring only; the work is in the packages.
package main

import (
	"context"
	"os"
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}
