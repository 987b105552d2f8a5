# replydesk: `make test` is the one command that passes the tests. It installs
# Dovecot and Postfix from Debian when it can (root with apt-get), so the
# integration tests run against real servers; elsewhere they skip and say so.
GO ?= go
PKGS ?= ./...

.PHONY: all build test test-deps vet fmt-check short bench-ingest bench-classify demo clean eval model

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

# Score the classifier on the development corpus (when ../shared is there).
EVAL_DIR ?= ../shared/corpus/dev
eval:
	@if [ -d "$(EVAL_DIR)" ]; then $(GO) run ./cmd/replydesk eval $(EVAL_DIR); else echo "no labelled corpus at $(EVAL_DIR) (set EVAL_DIR)"; fi

# Rebuild the intent model from the training data in classify/model.
model:
	$(GO) run ./classify/internal/train

bench-classify:
	bench/classify.sh
