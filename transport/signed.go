package transport

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
)

// signedDomain separates message signatures from every other use of an
// identity key.
const signedDomain = "mosaic/transport/signed-message/v1"

// ErrBadSignature: a message of a run with identities whose signature does
// not verify under its sender's identity key.
var ErrBadSignature = errors.New("transport: bad message signature")

// header is what a signature covers, with the echo and payload replaced by
// their hashes: enough to check a signature, and to compare two messages
// of one sender, without their bodies. Echo vectors and evidence carry
// headers of other parties' messages.
type header struct {
	Round       int
	From, To    PartyID
	Kind        Kind
	EchoHash    [32]byte
	PayloadHash [32]byte
	Sig         []byte
}

// headerOf returns m's header.
func headerOf(m *Message) header {
	return header{
		Round: m.Round, From: m.From, To: m.To, Kind: m.Kind,
		EchoHash: sha256.Sum256(m.Echo), PayloadHash: sha256.Sum256(m.Payload),
		Sig: m.Signature,
	}
}

// sameBody reports whether two headers describe the same message.
func (h *header) sameBody(o *header) bool {
	return h.EchoHash == o.EchoHash && h.PayloadHash == o.PayloadHash
}

// runBinding is what every signature of a run binds besides the message:
// the protocol, the session and the context.
type runBinding struct {
	protocol string
	session  []byte
	context  []byte
}

// digest is the 32-byte value a sender signs for header h. Every field is
// length-prefixed or of fixed width, so two different messages never share
// a digest.
func (b *runBinding) digest(h *header) [32]byte {
	d := sha256.New()
	var buf [8]byte
	writeLP := func(p []byte) {
		binary.BigEndian.PutUint64(buf[:], uint64(len(p)))
		d.Write(buf[:])
		d.Write(p)
	}
	writeLP([]byte(signedDomain))
	writeLP([]byte(b.protocol))
	writeLP(b.session)
	writeLP(b.context)
	binary.BigEndian.PutUint64(buf[:], uint64(h.Round))
	d.Write(buf[:])
	binary.BigEndian.PutUint64(buf[:], uint64(h.From))
	d.Write(buf[:])
	binary.BigEndian.PutUint64(buf[:], uint64(h.To))
	d.Write(buf[:])
	d.Write([]byte{byte(h.Kind)})
	d.Write(h.EchoHash[:])
	d.Write(h.PayloadHash[:])
	var out [32]byte
	d.Sum(out[:0])
	return out
}

// verify reports whether h carries a valid signature of h.From.
func (b *runBinding) verify(peers map[PartyID]ed25519.PublicKey, h *header) bool {
	pk, ok := peers[h.From]
	if !ok || len(h.Sig) != SignatureSize {
		return false
	}
	d := b.digest(h)
	return ed25519.Verify(pk, d[:], h.Sig)
}

// sign signs m in place with key.
func (b *runBinding) sign(key ed25519.PrivateKey, m *Message) {
	h := headerOf(m)
	d := b.digest(&h)
	m.Signature = ed25519.Sign(key, d[:])
}

// VerifyMessage checks that m, a message of the run described by
// protocol, session and context, carries a valid signature of its sender
// under pub. Protocols use it to check a signed message that a peer
// forwards as evidence (for example a complaint that shows the direct
// message it complains about).
func VerifyMessage(pub ed25519.PublicKey, m *Message) error {
	if m == nil || len(pub) != ed25519.PublicKeySize {
		return fmt.Errorf("%w: no message or no key", ErrBadSignature)
	}
	b := runBinding{protocol: m.Protocol, session: m.SessionID, context: m.Context}
	h := headerOf(m)
	if !b.verify(map[PartyID]ed25519.PublicKey{m.From: pub}, &h) {
		return fmt.Errorf("%w: party %d, round %d", ErrBadSignature, m.From, m.Round)
	}
	return nil
}

// appendSlot appends h as one signed echo slot: party, echo hash, payload
// hash and signature.
func appendSlot(v []byte, h *header) []byte {
	v = binary.BigEndian.AppendUint32(v, uint32(h.From))
	v = append(v, h.EchoHash[:]...)
	v = append(v, h.PayloadHash[:]...)
	return append(v, h.Sig...)
}

// parseSlots splits a signed echo vector of round round-1's broadcasts into
// headers; ok is false if it is not a whole number of slots.
func parseSlots(echo []byte, round int) (hs []header, ok bool) {
	if len(echo)%SignedEchoSize != 0 {
		return nil, false
	}
	for len(echo) > 0 {
		h := header{Round: round - 1, From: PartyID(binary.BigEndian.Uint32(echo)), Kind: KindRound}
		copy(h.EchoHash[:], echo[4:36])
		copy(h.PayloadHash[:], echo[36:68])
		h.Sig = append([]byte(nil), echo[68:SignedEchoSize]...)
		hs = append(hs, h)
		echo = echo[SignedEchoSize:]
	}
	return hs, true
}

func sha256Sum(b []byte) [32]byte { return sha256.Sum256(b) }

// SignMessage signs m in place with key, over every field of m but the
// signature (the run's protocol, session and context included, which m
// carries). The round framework signs every message itself; SignMessage is
// for tests and tools that build messages by hand, for example to play a
// malicious party that signs what it should not.
func SignMessage(key ed25519.PrivateKey, m *Message) {
	if m == nil || len(key) != ed25519.PrivateKeySize {
		return
	}
	b := runBinding{protocol: m.Protocol, session: m.SessionID, context: m.Context}
	b.sign(key, m)
}
