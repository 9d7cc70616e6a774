package dkls23

import (
	"encoding/binary"
	"fmt"
	"slices"
	"sync"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/internal/ot"
	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/transport"
)

// Key is one party's DKLs23 signing key: its secp256k1 key share from dkg
// (the same share CGGMP21 signs with) and, for every other holder of the
// key, the pairwise OT setup of both directions that the two-party
// multiplications of signing run on. Make one with NewSetup after key
// generation, and again after every refresh, reshare or repair: the setup
// is bound to the share's public record, and a Key made before a refresh
// signs only with the parties' old shares.
//
// A Key is secret (it holds the share and the OT secrets). It is safe for
// concurrent use: signing runs read it, and a failed OT-extension check
// retires a pair in it (Retired).
type Key struct {
	share   *dkg.KeyShare
	setupID []byte
	pairs   map[transport.PartyID]*pair

	mu      sync.Mutex
	retired map[transport.PartyID]bool
}

// pair is the setup with one peer: this party as Alice (OT-extension
// sender) toward it, and as Bob (OT-extension receiver) toward it.
type pair struct {
	alice *ot.Sender
	bob   *ot.Receiver
	// checks makes the check of the peer's extension message and the
	// retirement it may cause one step (signState.answerAsAlice).
	checks sync.Mutex
}

// keyVersion is the binary format of a Key.
const keyVersion = 1

// Share returns a copy of the key share.
func (k *Key) Share() *dkg.KeyShare {
	if k == nil {
		return nil
	}
	return k.share.Clone()
}

// Self returns the holder of the key, or 0 for a nil Key.
func (k *Key) Self() transport.PartyID {
	if k == nil || k.share == nil {
		return 0
	}
	return k.share.Self
}

// GroupKey returns the group's public key, or nil for a nil Key.
func (k *Key) GroupKey() curve.Point {
	if k == nil || k.share == nil {
		return nil
	}
	return k.share.GroupKey
}

// Retired lists, in increasing order, the peers whose pairwise setup with
// this party failed an OT-extension consistency check in some signing run.
// NewSign refuses a signing set with one of them (ErrPairRetired) until
// the parties run NewSetup again: each failed check may tell the peer one
// bit of this party's OT secret Δ, and 128 of them would tell it all.
// MarshalBinary keeps the list, so store the Key again after a run ends
// with ErrPairRetired's cause.
func (k *Key) Retired() []transport.PartyID {
	if k == nil {
		return nil
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	var out []transport.PartyID
	for id := range k.retired {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}

// retire marks the pair with peer as retired.
func (k *Key) retire(peer transport.PartyID) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.retired == nil {
		k.retired = map[transport.PartyID]bool{}
	}
	k.retired[peer] = true
}

// isRetired reports whether the pair with peer is retired.
func (k *Key) isRetired(peer transport.PartyID) bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.retired[peer]
}

// keyContext is a digest of the share's public record (curve, threshold,
// parties, group key, every public share): the key generation the setup
// and every signing run are bound to.
func keyContext(share *dkg.KeyShare) []byte {
	t := transcript.New("mosaic/dkls23/v1/key")
	t.AppendUint64("curve", uint64(share.Curve.ID()))
	t.AppendUint64("threshold", uint64(share.Threshold))
	for _, id := range share.Parties {
		t.AppendUint64("party", uint64(id))
		t.AppendPoint("public share", share.PublicShares[id])
	}
	t.AppendPoint("group key", share.GroupKey)
	return t.ChallengeBytes("context", 32)
}

// otSessionID is the id of the OT setup of every pair of one setup run,
// bound to the run and to the key generation. The pair itself is bound by
// ot.Session's party ids.
func otSessionID(setupID, keyCtx []byte) []byte {
	t := transcript.New("mosaic/dkls23/v1/ot-session")
	t.AppendBytes("setup session", setupID)
	t.AppendBytes("key", keyCtx)
	return t.ChallengeBytes("id", 32)
}

// checkShare refuses a share DKLs23 cannot use.
func checkShare(share *dkg.KeyShare) error {
	if share == nil {
		return fmt.Errorf("%w: no key share", ErrKey)
	}
	if err := share.Validate(); err != nil {
		return fmt.Errorf("%w: %w", ErrKey, err)
	}
	if share.Curve.ID() != curve.IDSecp256k1 {
		return fmt.Errorf("%w: share on %s; DKLs23 signs on secp256k1", ErrKey, share.Curve.Name())
	}
	return nil
}

// validate checks that k is complete and consistent: a valid secp256k1
// share, and for every other party a pair whose OT sessions are the ones
// this share and setup id make.
func (k *Key) validate() error {
	if k == nil {
		return fmt.Errorf("%w: nil key", ErrKey)
	}
	if err := checkShare(k.share); err != nil {
		return err
	}
	sid := otSessionID(k.setupID, keyContext(k.share))
	if len(k.pairs) != len(k.share.Parties)-1 {
		return fmt.Errorf("%w: %d pairwise setups for %d parties", ErrKey, len(k.pairs), len(k.share.Parties))
	}
	self := k.share.Self
	for _, id := range k.share.Parties {
		if id == self {
			continue
		}
		p := k.pairs[id]
		if p == nil || p.alice == nil || p.bob == nil {
			return fmt.Errorf("%w: no pairwise setup with party %d", ErrKey, id)
		}
		as, bs := p.alice.Session(), p.bob.Session()
		if string(as.ID) != string(sid) || as.Sender != self || as.Receiver != id ||
			string(bs.ID) != string(sid) || bs.Sender != id || bs.Receiver != self {
			return fmt.Errorf("%w: pairwise setup with party %d is of another key or setup", ErrKey, id)
		}
	}
	return nil
}

// MarshalBinary encodes the Key (secret: seal it at rest, as package
// backup does for shares): version, the dkg share, the setup id, every
// pair's two OT states and the retired peers.
func (k *Key) MarshalBinary() ([]byte, error) {
	if err := k.validate(); err != nil {
		return nil, err
	}
	share, err := k.share.MarshalBinary()
	if err != nil {
		return nil, err
	}
	out := []byte{keyVersion}
	out = appendBlock(out, share)
	out = appendBlock(out, k.setupID)
	for _, id := range k.share.Parties {
		if id == k.share.Self {
			continue
		}
		a, err := k.pairs[id].alice.MarshalBinary()
		if err != nil {
			return nil, err
		}
		b, err := k.pairs[id].bob.MarshalBinary()
		if err != nil {
			return nil, err
		}
		out = appendBlock(appendBlock(out, a), b)
	}
	retired := k.Retired()
	out = binary.BigEndian.AppendUint32(out, uint32(len(retired)))
	for _, id := range retired {
		out = binary.BigEndian.AppendUint32(out, uint32(id))
	}
	return out, nil
}

// ParseKey decodes MarshalBinary's encoding and validates the result.
func ParseKey(b []byte) (*Key, error) {
	switch {
	case len(b) < 1:
		return nil, fmt.Errorf("%w: empty encoding", ErrKey)
	case b[0] != keyVersion:
		return nil, fmt.Errorf("%w: format version %d, this release reads version %d only", ErrKey, b[0], keyVersion)
	}
	r := reader{b: b[1:]}
	share := new(dkg.KeyShare)
	if err := share.UnmarshalBinary(r.block()); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrKey, err)
	}
	if err := checkShare(share); err != nil {
		return nil, err
	}
	k := &Key{share: share, setupID: append([]byte(nil), r.block()...), pairs: map[transport.PartyID]*pair{}}
	for _, id := range share.Parties {
		if id == share.Self {
			continue
		}
		a, err := ot.ParseSenderState(r.block())
		if err != nil {
			return nil, fmt.Errorf("%w: pair with party %d: %w", ErrKey, id, err)
		}
		bob, err := ot.ParseReceiverState(r.block())
		if err != nil {
			return nil, fmt.Errorf("%w: pair with party %d: %w", ErrKey, id, err)
		}
		k.pairs[id] = &pair{alice: a, bob: bob}
	}
	n := r.uint32()
	if r.err == nil && int(n) > len(share.Parties) {
		return nil, fmt.Errorf("%w: %d retired peers", ErrKey, n)
	}
	var last transport.PartyID
	for range n {
		id := transport.PartyID(r.uint32())
		if r.err == nil && (id == share.Self || !slices.Contains(share.Parties, id)) {
			return nil, fmt.Errorf("%w: retired peer %d is not a peer", ErrKey, id)
		}
		// MarshalBinary writes them in increasing order: one encoding
		// per Key, and no duplicates.
		if r.err == nil && id <= last {
			return nil, fmt.Errorf("%w: retired peers not in increasing order", ErrKey)
		}
		last = id
		k.retire(id)
	}
	if r.err != nil || len(r.b) != 0 {
		return nil, fmt.Errorf("%w: truncated or trailing bytes", ErrKey)
	}
	if err := k.validate(); err != nil {
		return nil, err
	}
	return k, nil
}

// appendBlock writes a 4-byte length and b.
func appendBlock(out, b []byte) []byte {
	out = binary.BigEndian.AppendUint32(out, uint32(len(b)))
	return append(out, b...)
}

// reader reads appendBlock's blocks, remembering the first error.
type reader struct {
	b   []byte
	err error
}

func (r *reader) uint32() uint32 {
	if r.err != nil || len(r.b) < 4 {
		r.err = fmt.Errorf("%w: truncated", ErrKey)
		return 0
	}
	v := binary.BigEndian.Uint32(r.b)
	r.b = r.b[4:]
	return v
}

func (r *reader) block() []byte {
	n := r.uint32()
	if r.err != nil || uint64(len(r.b)) < uint64(n) {
		r.err = fmt.Errorf("%w: truncated", ErrKey)
		return nil
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}
