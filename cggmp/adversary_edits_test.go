package cggmp

// How the adversarial tests make party 3 misbehave: edits of its
// broadcasts inside its machine (editFunc, applied by a lying round around
// its rounds, so that it lies consistently), rewrites of its messages on
// the network (memnet interceptors, for equivocation and silence), and the
// length-prefixed field surgery both use.

import (
	"sync"
	"testing"

	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/memnet"
	"github.com/stretchr/testify/require"
)

// editFunc rewrites party 3's broadcast (a whole envelope) of a round.
type editFunc func(round int, payload []byte) []byte

// envelopeBytes is the encoding of e.
func envelopeBytes(e envelope) []byte {
	b, _ := e.MarshalBinary()
	return b
}

// regularPayload is a regular envelope around body.
func regularPayload(body []byte) []byte { return envelopeBytes(regularEnvelope(body)) }

// complaintPayload is a complaint against the accused parties.
func complaintPayload(accused []transport.PartyID) []byte {
	return envelopeBytes(complaintEnvelope(accused))
}

// regularBody returns the body of a regular envelope.
func regularBody(payload []byte) ([]byte, bool) {
	if len(payload) < 2 || payload[0] != messageVersion || payload[1] != kindRegular {
		return nil, false
	}
	return payload[2:], true
}

// onRound rewrites the body of party 3's regular broadcast of one round.
func onRound(round int, f func(body []byte) []byte) editFunc {
	return func(r int, payload []byte) []byte {
		if body, ok := regularBody(payload); ok && r == round {
			return regularPayload(f(body))
		}
		return payload
	}
}

// netRound rewrites party 3's broadcast bodies of one round on the
// network, per recipient: a different body for each is an equivocation.
func netRound(round int, f func(to transport.PartyID, body []byte) []byte) memnet.InterceptFunc {
	return func(to transport.PartyID, m *transport.Message) []*transport.Message {
		if body, ok := regularBody(m.Payload); ok && m.Round == round && m.Broadcast() {
			m.Payload = regularPayload(f(to, body))
		}
		return passThrough(m)
	}
}

// passThrough returns m unchanged.
func passThrough(m *transport.Message) []*transport.Message { return []*transport.Message{m} }

// silentFrom drops every message of round r and later: party 3 is killed.
func silentFrom(r int) memnet.InterceptFunc {
	return func(_ transport.PartyID, m *transport.Message) []*transport.Message {
		if m.Round >= r {
			return nil
		}
		return passThrough(m)
	}
}

// afterSend calls f once, when party 3 sends its first message of round r
// (its state for the next round is then built, its round-r message fixed).
func afterSend(r int, f func()) memnet.InterceptFunc {
	var once sync.Once
	return func(_ transport.PartyID, m *transport.Message) []*transport.Message {
		if m.Round == r {
			once.Do(f)
		}
		return passThrough(m)
	}
}

// once caches the first result of f: memnet calls party 3's interceptor
// once per recipient for a broadcast, and both must get the same bytes.
func once(f func(orig []byte) []byte) func(orig []byte) []byte {
	var (
		mu  sync.Mutex
		out []byte
	)
	return func(orig []byte) []byte {
		mu.Lock()
		defer mu.Unlock()
		if out == nil {
			out = f(orig)
		}
		return out
	}
}

// onParts rewrites party 3's round-r message, whose body is `common`
// fields and then `perPeer` fields for each of its two peers (parties 1
// and 2, in order): common and part edit the fields in place.
func onParts(round, common, perPeer int, editCommon func(fields [][]byte), editPart func(verifier transport.PartyID, part [][]byte)) editFunc {
	return onRound(round, func(body []byte) []byte {
		f, err := splitFields(body, common+2*perPeer)
		if err != nil {
			return body
		}
		if editCommon != nil {
			editCommon(f[:common])
		}
		if editPart != nil {
			for i, v := range honestParties {
				editPart(v, f[common+i*perPeer:common+(i+1)*perPeer])
			}
		}
		return appendFields(nil, f...)
	})
}

// fieldOf is field i of the n length-prefixed fields of b.
func fieldOf(t *testing.T, b []byte, n, i int) []byte {
	t.Helper()
	f, err := splitFields(b, n)
	require.NoError(t, err)
	return f[i]
}

// shiftByte moves the last byte of field i of a length-prefixed message to
// the front of field i+1: the same bytes, re-split between two adjacent
// fields.
func shiftByte(b []byte, n, i int) []byte {
	f, err := splitFields(b, n)
	if err != nil || len(f[i]) == 0 {
		return nil
	}
	f[i+1] = append([]byte{f[i][len(f[i])-1]}, f[i+1]...)
	f[i] = f[i][:len(f[i])-1]
	return appendFields(nil, f...)
}
