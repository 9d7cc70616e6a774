package agreementtest

import (
	"crypto/ed25519"
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/mosaic-mpc/mosaic/transport"
)

// Behaviour rewrites what a malicious party sends: given one of its
// messages for one recipient, it returns what that recipient gets (nothing,
// the message, or a changed copy, re-signed with key).
type Behaviour interface {
	Rewrite(m *transport.Message, to transport.PartyID, key ed25519.PrivateKey) []*transport.Message
}

// FaultKind is one way of misbehaving.
type FaultKind int

// The fault kinds of the agreement tests.
const (
	// Drop loses the messages of Fault.Round only.
	Drop FaultKind = iota
	// Withhold loses the messages of Fault.Round and every later round.
	Withhold
	// Equivocate sends a changed broadcast of Fault.Round.
	Equivocate
	// LieInEcho flips a bit of a hash in the echo vector of Fault.Round's
	// messages.
	LieInEcho
	// Garbage replaces the payload of Fault.Round's messages with random
	// bytes of the same length.
	Garbage
	// Silent sends nothing at all, of any kind, from Fault.Round on.
	Silent
	numFaultKinds
)

// String names the fault.
func (k FaultKind) String() string {
	return [...]string{"drop", "withhold", "equivocate", "lie-in-echo", "garbage", "silent"}[k]
}

// Fault is one misbehaviour: Kind, applied to the round messages of Round
// (and later rounds for Withhold and Silent) addressed to To (every
// recipient when To is empty). AllKinds extends it to the messages of the
// agreement layer (notices, requests, relays, certificates), whose Round
// counts differently.
type Fault struct {
	Kind     FaultKind
	Round    int
	To       []transport.PartyID
	AllKinds bool
}

// String describes f.
func (f Fault) String() string {
	return fmt.Sprintf("%s(round %d, to %v, all kinds %v)", f.Kind, f.Round, f.To, f.AllKinds)
}

// Script applies its faults in order; the first that drops a message ends
// it. Its random source (for Garbage) is seeded, so a script run twice does
// the same.
type Script struct {
	Faults []Fault
	rng    *rand.Rand
}

// NewScript returns a Script of faults whose random choices follow seed.
func NewScript(seed uint64, faults ...Fault) *Script {
	return &Script{Faults: faults, rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
}

// String lists the faults.
func (s *Script) String() string { return fmt.Sprint(s.Faults) }

// Rewrite implements Behaviour.
func (s *Script) Rewrite(m *transport.Message, to transport.PartyID, key ed25519.PrivateKey) []*transport.Message {
	for _, f := range s.Faults {
		if len(f.To) > 0 && !slices.Contains(f.To, to) {
			continue
		}
		if m.Kind != transport.KindRound && !f.AllKinds && f.Kind != Silent {
			continue
		}
		switch f.Kind {
		case Silent:
			if m.Kind != transport.KindRound || m.Round >= f.Round {
				return nil
			}
		case Withhold:
			if m.Round >= f.Round {
				return nil
			}
		case Drop:
			if m.Round == f.Round {
				return nil
			}
		case Equivocate:
			if m.Round == f.Round && m.Broadcast() {
				m = s.changed(m, key, func(c *transport.Message) { c.Payload = flipOrGrow(c.Payload, s.rng) })
			}
		case LieInEcho:
			if m.Round == f.Round && len(m.Echo) > 0 {
				m = s.changed(m, key, func(c *transport.Message) { flipEcho(c.Echo, s.rng) })
			}
		case Garbage:
			if m.Round == f.Round {
				m = s.changed(m, key, func(c *transport.Message) {
					c.Payload = make([]byte, max(len(c.Payload), 1))
					for i := range c.Payload {
						c.Payload[i] = byte(s.rng.Uint32())
					}
				})
			}
		}
	}
	return []*transport.Message{m}
}

// changed returns a re-signed copy of m changed by edit.
func (s *Script) changed(m *transport.Message, key ed25519.PrivateKey, edit func(*transport.Message)) *transport.Message {
	c := m.Clone()
	edit(c)
	if len(c.Signature) != 0 {
		transport.SignMessage(key, c)
	}
	return c
}

func flipOrGrow(b []byte, rng *rand.Rand) []byte {
	if len(b) == 0 {
		return []byte{1}
	}
	c := append([]byte(nil), b...)
	c[rng.IntN(len(c))] ^= 1 << rng.IntN(8)
	return c
}

// flipEcho flips a bit of one hash of one slot; the slot's party field is
// left alone, so the lie is about what a party signed, not who it is. An
// unsigned echo (32-byte slots) has only hashes.
func flipEcho(echo []byte, rng *rand.Rand) {
	const slotSize = transport.SignedEchoSize
	if len(echo)%slotSize == 0 {
		slot := rng.IntN(len(echo) / slotSize)
		echo[slot*slotSize+4+rng.IntN(64)] ^= 1 << rng.IntN(8)
		return
	}
	echo[rng.IntN(len(echo))] ^= 1 << rng.IntN(8)
}

// Random returns a seeded mix of one to three faults for a malicious party
// of a run whose protocol has rounds rounds, among parties.
func Random(seed uint64, parties []transport.PartyID, self transport.PartyID, rounds int) *Script {
	rng := rand.New(rand.NewPCG(seed, uint64(self)))
	var others []transport.PartyID
	for _, p := range parties {
		if p != self {
			others = append(others, p)
		}
	}
	n := 1 + rng.IntN(3)
	faults := make([]Fault, 0, n)
	for range n {
		f := Fault{Kind: FaultKind(rng.IntN(int(numFaultKinds))), Round: 1 + rng.IntN(rounds), AllKinds: rng.IntN(4) == 0}
		if rng.IntN(2) == 0 {
			for _, p := range others {
				if rng.IntN(2) == 0 {
					f.To = append(f.To, p)
				}
			}
		}
		faults = append(faults, f)
	}
	return NewScript(seed^uint64(self)<<32, faults...)
}
