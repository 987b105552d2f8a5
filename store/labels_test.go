package store

import (
	"context"
	"errors"
	"testing"
)

func TestLabels(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	a := msg(1, "a@x")
	a.Labels = &Labels{Type: "after_sale", Intent: "refund", Priority: "high", Sentiment: -1, Language: "de", NeedsReply: true, Source: "offline"}
	b := msg(2, "b@x", "a@x")
	res, err := s.SaveBatch(ctx, state(2), []NewMessage{a, b})
	if err != nil {
		t.Fatal(err)
	}
	l, err := s.GetLabels(ctx, res.NewIDs[0])
	if err != nil || l.Intent != "refund" || l.Sentiment != -1 || !l.NeedsReply {
		t.Fatalf("labels saved with the batch: %+v %v", l, err)
	}
	if _, err := s.GetLabels(ctx, res.NewIDs[1]); !errors.Is(err, ErrNotFound) {
		t.Fatalf("unlabelled message: %v", err)
	}
	// Reclassifying replaces.
	if err := s.SaveLabels(ctx, res.NewIDs[1], Labels{Type: "buyer_message", Intent: "thanks", Priority: "low", Language: "de"}); err != nil {
		t.Fatal(err)
	}
	all, _ := s.ListMessages(ctx, ListFilter{})
	if !all[0].Labeled || all[0].Priority != "high" || !all[1].Labeled || all[1].Intent != "thanks" {
		t.Fatalf("list does not carry labels: %+v", all)
	}
	n, err := s.EarlierUnanswered(ctx, all[1].ID)
	if err != nil || n != 1 {
		t.Fatalf("earlier unanswered: %d %v", n, err)
	}
}
