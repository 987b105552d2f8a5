# replydesk: `make test` is the one command that passes the tests. It installs
# Dovecot and Postfix from Debian when it can (root with apt-get), so the
# integration tests run against real servers; elsewhere they skip and say so.
GO ?= go
PKGS ?= ./...

.PHONY: all build test test-deps vet fmt-check short bench-ingest demo clean

all: build

build:
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags "-s -w" -o bin/replydesk ./cmd/replydesk

test-deps:
	@scripts/test-deps.sh

fmt-check:
	@out="$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))"; \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet $(PKGS)

test: test-deps fmt-check vet
	$(GO) test -race -count=1 -timeout 30m $(PKGS)

# Unit tests only: no Dovecot/Postfix needed.
short:
	$(GO) test -short -count=1 $(PKGS)

bench-ingest: build
	bench/ingest.sh

demo:
	$(GO) run ./cmd/replydesk demo

clean:
	rm -rf bin
