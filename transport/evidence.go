package transport

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
)

// Evidence is what a party hands the others in the conclusion after an
// abort (docs/agreement.md). There are two kinds of items:
//
//   - a view: the signed headers (with echo vectors) of every round message
//     its holder accepted. Headers are signed by their senders, so a view
//     cannot misstate what a sender signed; put together, the views of all
//     parties show every sender that signed two different messages for one
//     slot, and every echoer whose echo vector holds a slot that its party
//     never signed. Both are proofs that convince anyone.
//   - a blame: its author's word that the listed parties sent it a bad
//     message, or none in time. It proves nothing alone; f+1 authors, of
//     whom one at least is honest, do.
//
// Both kinds travel with a chain of relay signatures (Dolev and Strong,
// "Authenticated Algorithms for Byzantine Agreement", SIAM J. Comput.
// 1983): in conclusion round c an item is accepted only with c signatures
// of distinct parties, so an item that a malicious party shows some honest
// parties only in the last round is accepted by none of them.
type itemType uint8

const (
	itemView  itemType = 1
	itemBlame itemType = 2
)

// relayDomain separates relay signatures from message signatures.
const relayDomain = "mosaic/transport/conclusion-relay/v1"

// viewEntry is one accepted message in a view: its header and its echo
// vector (the payload is represented by its hash only).
type viewEntry struct {
	h    header
	echo []byte
}

// item is one decoded piece of evidence.
type item struct {
	typ     itemType
	author  PartyID
	entries []viewEntry // itemView
	round   int         // itemBlame: the round the author was in
	blamed  []PartyID   // itemBlame
}

// chainSig is one relay signature of an item.
type chainSig struct {
	party PartyID
	sig   []byte
}

// heldItem is an item as carried in a notice: its encoding and its chain.
type heldItem struct {
	body  []byte
	hash  [32]byte
	chain []chainSig
	it    *item
}

// Limits of an item, so that a peer cannot make a party allocate much.
const (
	maxViewEntries = 4 * MaxRound * 2
	maxItems       = 4 * MaxParties
)

var errItem = fmt.Errorf("%w: bad conclusion item", ErrMalformed)

func encodeItem(it *item) []byte {
	b := []byte{byte(it.typ)}
	b = binary.BigEndian.AppendUint32(b, uint32(it.author))
	switch it.typ {
	case itemView:
		b = binary.BigEndian.AppendUint16(b, uint16(len(it.entries)))
		for _, e := range it.entries {
			b = binary.BigEndian.AppendUint16(b, uint16(e.h.Round))
			b = binary.BigEndian.AppendUint32(b, uint32(e.h.From))
			b = binary.BigEndian.AppendUint32(b, uint32(e.h.To))
			b = append(b, byte(e.h.Kind))
			b = binary.BigEndian.AppendUint32(b, uint32(len(e.echo)))
			b = append(b, e.echo...)
			b = append(b, e.h.PayloadHash[:]...)
			b = append(b, e.h.Sig...)
		}
	case itemBlame:
		b = binary.BigEndian.AppendUint16(b, uint16(it.round))
		b = binary.BigEndian.AppendUint16(b, uint16(len(it.blamed)))
		for _, p := range it.blamed {
			b = binary.BigEndian.AppendUint32(b, uint32(p))
		}
	}
	return b
}

// decodeItem parses an item; it checks sizes only, not signatures.
func decodeItem(b []byte) (*item, error) {
	r := reader{b: b}
	it := &item{typ: itemType(r.u8()), author: PartyID(r.u32())}
	switch it.typ {
	case itemView:
		n := int(r.u16())
		if n > maxViewEntries {
			return nil, errItem
		}
		for range n {
			e := viewEntry{}
			e.h.Round = int(r.u16())
			e.h.From = PartyID(r.u32())
			e.h.To = PartyID(r.u32())
			e.h.Kind = Kind(r.u8())
			echoLen := int(r.u32())
			if echoLen > MaxEcho {
				return nil, errItem
			}
			e.echo = r.bytes(echoLen)
			copy(e.h.PayloadHash[:], r.bytes(32))
			e.h.Sig = r.bytes(SignatureSize)
			e.h.EchoHash = sha256.Sum256(e.echo)
			it.entries = append(it.entries, e)
		}
	case itemBlame:
		it.round = int(r.u16())
		n := int(r.u16())
		if n > MaxParties {
			return nil, errItem
		}
		for range n {
			it.blamed = append(it.blamed, PartyID(r.u32()))
		}
	default:
		return nil, errItem
	}
	if r.bad || len(r.b) != 0 {
		return nil, errItem
	}
	return it, nil
}

// encodeNotice encodes the items of one notice with their chains.
func encodeNotice(items []*heldItem) []byte {
	b := binary.BigEndian.AppendUint16(nil, uint16(len(items)))
	for _, h := range items {
		b = binary.BigEndian.AppendUint32(b, uint32(len(h.body)))
		b = append(b, h.body...)
		b = binary.BigEndian.AppendUint16(b, uint16(len(h.chain)))
		for _, c := range h.chain {
			b = binary.BigEndian.AppendUint32(b, uint32(c.party))
			b = append(b, c.sig...)
		}
	}
	return b
}

// decodeNotice parses a notice's items; it checks sizes only.
func decodeNotice(b []byte) ([]*heldItem, error) {
	r := reader{b: b}
	n := int(r.u16())
	if n > maxItems {
		return nil, errItem
	}
	var out []*heldItem
	for range n {
		body := r.bytes(int(r.u32()))
		k := int(r.u16())
		if r.bad || k > MaxParties {
			return nil, errItem
		}
		h := &heldItem{body: body, hash: sha256.Sum256(body)}
		for range k {
			h.chain = append(h.chain, chainSig{party: PartyID(r.u32()), sig: r.bytes(SignatureSize)})
		}
		out = append(out, h)
	}
	if r.bad || len(r.b) != 0 {
		return nil, errItem
	}
	return out, nil
}

// relayDigest is what a party signs to relay an item.
func (b *runBinding) relayDigest(itemHash [32]byte) [32]byte {
	d := sha256.New()
	var buf [8]byte
	for _, p := range [][]byte{[]byte(relayDomain), []byte(b.protocol), b.session, b.context} {
		binary.BigEndian.PutUint64(buf[:], uint64(len(p)))
		d.Write(buf[:])
		d.Write(p)
	}
	d.Write(itemHash[:])
	var out [32]byte
	d.Sum(out[:0])
	return out
}

// chainSigners checks h's chain and returns how many distinct parties
// signed it, or an error if a signature is bad, a signer repeats or is not
// a party, or the first signer is not the item's author.
func (b *runBinding) chainSigners(peers map[PartyID]ed25519.PublicKey, h *heldItem) (int, error) {
	if len(h.chain) == 0 || h.chain[0].party != h.it.author {
		return 0, errors.New("chain does not start with the item's author")
	}
	d := b.relayDigest(h.hash)
	seen := make(map[PartyID]bool, len(h.chain))
	for _, c := range h.chain {
		pk, ok := peers[c.party]
		if !ok || seen[c.party] || !ed25519.Verify(pk, d[:], c.sig) {
			return 0, fmt.Errorf("bad relay signature of %d", c.party)
		}
		seen[c.party] = true
	}
	return len(seen), nil
}

// signedBy reports whether p has signed h's chain.
func (h *heldItem) signedBy(p PartyID) bool {
	return slices.ContainsFunc(h.chain, func(c chainSig) bool { return c.party == p })
}

// reader is a bounds-checked big-endian reader: a short read sets bad and
// returns zeros instead of panicking.
type reader struct {
	b   []byte
	bad bool
}

func (r *reader) bytes(n int) []byte {
	if n < 0 || n > len(r.b) {
		r.bad = true
		r.b = nil
		return make([]byte, min(max(n, 0), 8))
	}
	out := append([]byte(nil), r.b[:n]...)
	r.b = r.b[n:]
	return out
}

func (r *reader) u8() uint8   { return r.bytes(1)[0] }
func (r *reader) u16() uint16 { return binary.BigEndian.Uint16(r.bytes(2)) }
func (r *reader) u32() uint32 { return binary.BigEndian.Uint32(r.bytes(4)) }
