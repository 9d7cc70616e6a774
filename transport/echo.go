package transport

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
)

// echoDomain separates echo hashes from every other SHA-256 use. The echo is
// a commitment to what was received, not a Fiat-Shamir challenge, so it does
// not go through internal/transcript (which sits above this package).
const echoDomain = "mosaic/transport/echo-broadcast/v1"

// echoHash commits to one broadcast: every field is length-prefixed (or of
// fixed width), so two different broadcasts never share an encoding.
func echoHash(protocol string, session []byte, round int, from PartyID, payload []byte) [EchoSize]byte {
	h := sha256.New()
	var buf [8]byte
	writeLP := func(b []byte) {
		binary.BigEndian.PutUint64(buf[:], uint64(len(b)))
		h.Write(buf[:])
		h.Write(b)
	}
	writeLP([]byte(echoDomain))
	writeLP([]byte(protocol))
	writeLP(session)
	binary.BigEndian.PutUint64(buf[:], uint64(round))
	h.Write(buf[:])
	binary.BigEndian.PutUint64(buf[:], uint64(from))
	h.Write(buf[:])
	writeLP(payload)
	var out [EchoSize]byte
	h.Sum(out[:0])
	return out
}

// digest identifies one accepted message (echo and payload) so that a
// later copy can be told apart as an exact duplicate or an equivocation
// without keeping the bytes.
func digest(m *Message) [sha256.Size]byte {
	h := sha256.New()
	var buf [8]byte
	binary.BigEndian.PutUint64(buf[:], uint64(len(m.Echo)))
	h.Write(buf[:])
	h.Write(m.Echo)
	h.Write(m.Payload)
	var out [sha256.Size]byte
	h.Sum(out[:0])
	return out
}

// checkEcho compares the echo vector of every message of the current round
// with this party's own view of the previous round's broadcasts, and
// returns the blamed parties.
//
// A mismatch in the slot of party j blames j: j sent different broadcasts
// to different parties. Without signatures a lying echoer could write a
// wrong slot to frame j; that cannot be told apart from j's equivocation by
// a third party, but the run aborts either way, so the lie cannot make
// parties accept different broadcasts. A mismatch in this party's own slot
// blames the echoer, since this party knows what it sent. An echo vector of
// the wrong length, or a payload in the echo-only round, blames the sender.
func (m *machine[Out]) checkEcho(echoOnly bool) []PartyID {
	var culprits, stray []PartyID
	for _, p := range m.others {
		for _, k := range []kind{kindBroadcast, kindDirect} {
			msg := m.pending[slot{m.round, p, k}]
			if msg == nil {
				continue
			}
			if len(msg.Echo) != len(m.prevEcho) {
				culprits = append(culprits, p)
				continue
			}
			if m.id != nil {
				// Signed slots: the conclusion's views judge a mismatch.
				if bad := m.signedEchoDiffers(msg.Echo); bad || (echoOnly && len(msg.Payload) != 0) {
					culprits = append(culprits, p)
				}
				continue
			}
			if echoOnly && len(msg.Payload) != 0 {
				// Judged only if the echoes agree: a sender that went on to
				// a round this party skipped may have been misled by an
				// equivocator, which the echo comparison names instead.
				stray = append(stray, p)
			}
			for j, q := range m.prevSenders {
				lo, hi := j*EchoSize, (j+1)*EchoSize
				if len(m.prevEcho) == 0 || bytes.Equal(msg.Echo[lo:hi], m.prevEcho[lo:hi]) {
					continue
				}
				if q == m.self {
					culprits = append(culprits, p)
				} else {
					culprits = append(culprits, q)
				}
			}
		}
	}
	if len(culprits) == 0 {
		return stray
	}
	return culprits
}

// echoVector hashes every broadcast of the current round, this party's
// included, in the order of the round's sorted senders (every party unless
// Expect.From says otherwise).
func (m *machine[Out]) echoVector() []byte {
	if m.id != nil {
		return m.signedEchoVector()
	}
	v := make([]byte, 0, len(m.plan.senders)*EchoSize)
	for _, p := range m.plan.senders {
		if p == m.self {
			v = append(v, m.ownEcho[:]...)
			continue
		}
		h := echoHash(m.protocol, m.session, m.round, p, m.pending[slot{m.round, p, kindBroadcast}].Payload)
		v = append(v, h[:]...)
	}
	return v
}

// signedEchoVector is the echo vector of a run with identities: for every
// sender of the current round, in order, the signed header of its
// broadcast (appendSlot). A slot is evidence: it shows what its party
// signed, so a mismatch between two parties' slots proves either an
// equivocation or a lying echoer.
func (m *machine[Out]) signedEchoVector() []byte {
	v := make([]byte, 0, len(m.plan.senders)*SignedEchoSize)
	for _, p := range m.plan.senders {
		if p == m.self {
			v = appendSlot(v, &m.ownHead)
			continue
		}
		h := headerOf(m.pending[slot{m.round, p, kindBroadcast}])
		v = appendSlot(v, &h)
	}
	return v
}

// signedEchoDiffers reports whether a received signed echo vector differs
// from this party's own in any slot's party or hashes (the signatures are
// then equal too, Ed25519 being deterministic, unless a key is shared).
func (m *machine[Out]) signedEchoDiffers(echo []byte) bool {
	const cmpLen = 4 + 32 + 32
	for lo := 0; lo < len(echo); lo += SignedEchoSize {
		if !bytes.Equal(echo[lo:lo+cmpLen], m.prevEcho[lo:lo+cmpLen]) {
			return true
		}
	}
	return false
}
