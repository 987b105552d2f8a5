package mailbox

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"sort"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-message/charset"

	"github.com/replydesk/replydesk/config"
	"github.com/replydesk/replydesk/store"
)

var wordDecoder = &mime.WordDecoder{CharsetReader: charset.Reader}

// Fetched is one message as the server gave it.
type Fetched struct {
	UID          uint32
	Flags        []string
	InternalDate time.Time
	Size         int64
	Raw          []byte
}

// Sink takes fetched messages of one folder, processes them and stores them
// together with the folder's new state (so both land or neither does).
type Sink interface {
	Ingest(ctx context.Context, mb *config.Mailbox, st store.FolderState, msgs []Fetched) (store.SaveResult, error)
}

// Progress is told how far a folder's sync has come (for a progress bar).
type Progress func(mailbox, folder string, done, total int)

// Syncer syncs one mailbox's folders into the store through a Sink.
type Syncer struct {
	Store    *store.Store
	Sink     Sink
	Log      *slog.Logger
	Progress Progress // may be nil

	// BatchSize caps the messages per UID FETCH; MaxBatchBytes caps the
	// announced bytes per fetch, so big mail keeps memory bounded.
	BatchSize     int
	MaxBatchBytes int64
}

// FolderResult says what one folder's sync did.
type FolderResult struct {
	Folder             string
	New                int // messages fetched
	Inserted           int
	Duplicates         int
	Relocated          int
	Quarantined        int
	UIDValidityChanged bool
	FlagsUpdated       int
}

const (
	defaultBatchSize     = 200
	defaultMaxBatchBytes = 32 << 20
)

// SyncFolder brings one folder up to date: EXAMINE (read-only, RFC 9051
// section 6.3.3) so nothing is ever marked \Seen or otherwise changed, then
// fetch every UID above the last one stored, whatever its flags or date.
// A changed UIDVALIDITY (RFC 9051 section 2.3.1.1) restarts from UID 1; the
// store's dedupe keeps that from creating copies.
func (s *Syncer) SyncFolder(ctx context.Context, c *imapclient.Client, mb *config.Mailbox, folder string) (FolderResult, error) {
	res := FolderResult{Folder: folder}
	stop := context.AfterFunc(ctx, func() { c.Close() })
	defer stop()

	condstore := c.Caps().Has(imap.CapCondStore) || c.Caps().Has(imap.CapIMAP4rev2) && c.Caps().Has(imap.CapCondStore)
	sel, err := c.Select(folder, &imap.SelectOptions{ReadOnly: true, CondStore: condstore}).Wait()
	if err != nil {
		return res, s.cmdErr(ctx, mb, "examine "+folder, err)
	}
	prev, err := s.Store.FolderState(ctx, mb.ID, folder)
	if err != nil {
		return res, err
	}
	st := prev
	firstSync := prev.UIDValidity == 0
	if !firstSync && prev.UIDValidity != sel.UIDValidity {
		s.Log.Warn("UIDVALIDITY changed: refetching folder, duplicates are merged",
			"mailbox", mb.ID, "folder", folder, "old", prev.UIDValidity, "new", sel.UIDValidity)
		res.UIDValidityChanged = true
		st.LastUID, st.HighestModSeq = 0, 0
	}
	st.UIDValidity = sel.UIDValidity
	st.UIDNext = uint32(sel.UIDNext)

	nothingNew := sel.NumMessages == 0 ||
		(st.LastUID > 0 && sel.UIDNext > 0 && uint32(sel.UIDNext) <= st.LastUID+1)
	if !nothingNew {
		list, err := s.listNew(c, mb, st, firstSync || res.UIDValidityChanged)
		if err != nil {
			return res, s.cmdErr(ctx, mb, "list new messages in "+folder, err)
		}
		res.New = len(list)
		if err := s.fetchAll(ctx, c, mb, &st, list, &res); err != nil {
			return res, err
		}
	}

	if condstore && prev.HighestModSeq > 0 && !res.UIDValidityChanged && sel.HighestModSeq > prev.HighestModSeq && prev.LastUID > 0 {
		n, err := s.syncFlags(ctx, c, mb, folder, prev)
		if err != nil {
			return res, err
		}
		res.FlagsUpdated = n
	}
	st.HighestModSeq = sel.HighestModSeq
	if err := s.Store.SaveFolderState(ctx, st); err != nil {
		return res, err
	}
	return res, nil
}

type uidSize struct {
	uid  uint32
	size int64
}

// listNew returns the UIDs (and sizes) to fetch, oldest first. On a first
// sync, since and max_initial limit how far back it goes; after that every
// new UID is fetched, never filtered by \Seen or date.
func (s *Syncer) listNew(c *imapclient.Client, mb *config.Mailbox, st store.FolderState, first bool) ([]uidSize, error) {
	set := imap.UIDSet{imap.UIDRange{Start: imap.UID(st.LastUID + 1), Stop: 0}}
	if first && mb.Since != "" {
		since, err := time.Parse("2006-01-02", mb.Since)
		if err == nil {
			data, err := c.UIDSearch(&imap.SearchCriteria{Since: since}, nil).Wait()
			if err != nil {
				return nil, err
			}
			uids := data.AllUIDs()
			if len(uids) == 0 {
				return nil, nil
			}
			set = imap.UIDSetNum(uids...)
		}
	}
	cmd := c.Fetch(set, &imap.FetchOptions{UID: true, RFC822Size: true})
	var out []uidSize
	for {
		msg := cmd.Next()
		if msg == nil {
			break
		}
		buf, err := msg.Collect()
		if err != nil {
			cmd.Close()
			return nil, err
		}
		// "n:*" always matches the highest UID even when it is below n
		// (RFC 9051 section 6.4.8), so filter.
		if uint32(buf.UID) > st.LastUID {
			out = append(out, uidSize{uint32(buf.UID), buf.RFC822Size})
		}
	}
	if err := cmd.Close(); err != nil {
		return nil, err
	}
	sort.Slice(out, func(i, j int) bool { return out[i].uid < out[j].uid })
	if first && mb.MaxInitial != nil && *mb.MaxInitial > 0 && len(out) > *mb.MaxInitial {
		out = out[len(out)-*mb.MaxInitial:]
	}
	return out, nil
}

// fetchAll fetches the listed messages in batches and hands each batch to
// the sink. The next batch is fetched while the sink processes the previous
// one; at most two batches are in memory.
func (s *Syncer) fetchAll(ctx context.Context, c *imapclient.Client, mb *config.Mailbox, st *store.FolderState, list []uidSize, res *FolderResult) error {
	batchSize, maxBytes := s.BatchSize, s.MaxBatchBytes
	if batchSize <= 0 {
		batchSize = defaultBatchSize
	}
	if maxBytes <= 0 {
		maxBytes = defaultMaxBatchBytes
	}
	var batches [][]uidSize
	for start := 0; start < len(list); {
		end, bytes := start, int64(0)
		for end < len(list) && end-start < batchSize && (end == start || bytes+list[end].size <= maxBytes) {
			bytes += list[end].size
			end++
		}
		batches = append(batches, list[start:end])
		start = end
	}

	type fetched struct {
		msgs []Fetched
		err  error
	}
	ch := make(chan fetched, 1)
	fctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		defer close(ch)
		for _, b := range batches {
			msgs, err := fetchBatch(c, b)
			select {
			case ch <- fetched{msgs, err}:
			case <-fctx.Done():
				return
			}
			if err != nil {
				return
			}
		}
	}()

	done := 0
	for f := range ch {
		if f.err != nil {
			return s.cmdErr(ctx, mb, "fetch messages from "+st.Name, f.err)
		}
		next := *st
		for _, m := range f.msgs {
			if m.UID > next.LastUID {
				next.LastUID = m.UID
			}
		}
		r, err := s.Sink.Ingest(ctx, mb, next, f.msgs)
		if err != nil {
			return fmt.Errorf("mailbox %s: store messages of %s: %w", mb.ID, st.Name, err)
		}
		*st = next
		res.Inserted += r.Inserted
		res.Duplicates += r.Duplicates
		res.Relocated += r.Relocated
		done += len(f.msgs)
		if s.Progress != nil {
			s.Progress(mb.ID, st.Name, done, len(list))
		}
	}
	return nil
}

// fetchBatch fetches whole messages with BODY.PEEK[] (RFC 9051 section
// 6.4.5: PEEK does not set \Seen).
func fetchBatch(c *imapclient.Client, b []uidSize) ([]Fetched, error) {
	uids := make([]imap.UID, len(b))
	for i, u := range b {
		uids[i] = imap.UID(u.uid)
	}
	section := &imap.FetchItemBodySection{Peek: true}
	cmd := c.Fetch(imap.UIDSetNum(uids...), &imap.FetchOptions{
		UID: true, Flags: true, InternalDate: true, RFC822Size: true,
		BodySection: []*imap.FetchItemBodySection{section},
	})
	out := make([]Fetched, 0, len(b))
	for {
		msg := cmd.Next()
		if msg == nil {
			break
		}
		var f Fetched
		for {
			item := msg.Next()
			if item == nil {
				break
			}
			switch it := item.(type) {
			case imapclient.FetchItemDataUID:
				f.UID = uint32(it.UID)
			case imapclient.FetchItemDataFlags:
				f.Flags = flagStrings(it.Flags)
			case imapclient.FetchItemDataInternalDate:
				f.InternalDate = it.Time
			case imapclient.FetchItemDataRFC822Size:
				f.Size = it.Size
			case imapclient.FetchItemDataBodySection:
				if it.Literal != nil {
					raw, err := io.ReadAll(it.Literal)
					if err != nil {
						cmd.Close()
						return nil, err
					}
					f.Raw = raw
				}
			}
		}
		if f.UID == 0 {
			continue // a FETCH response for a flag change, not ours
		}
		if f.Raw == nil {
			f.Raw = []byte{}
		}
		out = append(out, f)
	}
	if err := cmd.Close(); err != nil {
		return nil, err
	}
	return out, nil
}

// syncFlags fetches the flags changed since the last sync (RFC 7162 section
// 3.1.4, CHANGEDSINCE) and records them.
func (s *Syncer) syncFlags(ctx context.Context, c *imapclient.Client, mb *config.Mailbox, folder string, prev store.FolderState) (int, error) {
	set := imap.UIDSet{imap.UIDRange{Start: 1, Stop: imap.UID(prev.LastUID)}}
	bufs, err := c.Fetch(set, &imap.FetchOptions{UID: true, Flags: true, ChangedSince: prev.HighestModSeq}).Collect()
	if err != nil {
		return 0, s.cmdErr(ctx, mb, "fetch changed flags in "+folder, err)
	}
	flags := make(map[uint32][]string, len(bufs))
	for _, b := range bufs {
		flags[uint32(b.UID)] = flagStrings(b.Flags)
	}
	return len(flags), s.Store.UpdateFlags(ctx, mb.ID, folder, prev.UIDValidity, flags)
}

func flagStrings(fl []imap.Flag) []string {
	out := make([]string, len(fl))
	for i, f := range fl {
		out[i] = string(f)
	}
	return out
}

func (s *Syncer) cmdErr(ctx context.Context, mb *config.Mailbox, op string, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	kind := KindNetwork
	var ie *imap.Error
	if errors.As(err, &ie) {
		kind = KindServer
	}
	return (&Error{Op: op, Kind: kind, Err: err}).with(mb)
}
