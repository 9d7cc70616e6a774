package transport

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// FuzzConclusionDecoders feeds arbitrary bytes to every decoder of the
// agreement layer's payloads: none may panic, and what decodes must encode
// back to the same bytes.
func FuzzConclusionDecoders(f *testing.F) {
	view := &item{typ: itemView, author: 2, entries: []viewEntry{{h: header{Round: 1, From: 3, Sig: make([]byte, SignatureSize)}, echo: make([]byte, SignedEchoSize)}}}
	blame := &item{typ: itemBlame, author: 1, round: 2, blamed: []PartyID{3}}
	for _, it := range []*item{view, blame} {
		body := encodeItem(it)
		f.Add(body)
		f.Add(encodeNotice([]*heldItem{{body: body, chain: []chainSig{{party: 1, sig: make([]byte, SignatureSize)}}}}))
	}
	f.Add([]byte{0, 1})
	f.Fuzz(func(t *testing.T, data []byte) {
		if it, err := decodeItem(data); err == nil {
			require.Equal(t, data, encodeItem(it))
		}
		if items, err := decodeNotice(data); err == nil {
			require.Equal(t, data, encodeNotice(items))
		}
		parseSlots(data, 2)
	})
}

// FuzzCertificateAndRequest delivers arbitrary certificate, request and
// relay payloads to a machine with a staged output: it refuses them
// without panicking and without committing.
func FuzzCertificateAndRequest(f *testing.F) {
	f.Add([]byte{}, uint8(KindCertificate))
	f.Add(make([]byte, 2+32+2+3*(4+32+64)), uint8(KindCertificate))
	f.Add([]byte{0, 0, 0, 2, 0}, uint8(KindRequest))
	f.Add([]byte{2, 0, 1}, uint8(KindRelay))
	parties := []PartyID{1, 2, 3}
	keys, pubs := internalKeys(parties)
	f.Fuzz(func(t *testing.T, payload []byte, k uint8) {
		mm, err := NewMachine(Config{Protocol: "fuzz/v1", SessionID: []byte("s"), Self: 1, Parties: parties,
			Identity: &Identity{Key: keys[1], Peers: pubs, MaxFaulty: 1}}, FirstRound[struct{}](idleRound{}))
		require.NoError(t, err)
		m := mm.(*machine[struct{}])
		m.staged = &staged[struct{}]{}
		_, err = m.Start()
		require.NoError(t, err)
		msg := &Message{Protocol: "fuzz/v1", SessionID: []byte("s"), Round: 1, From: 2, Kind: Kind(k % (uint8(maxKind) + 1)), Payload: payload}
		SignMessage(keys[2], msg)
		_, _ = m.Deliver(msg)
		require.False(t, m.done, "a forged certificate never commits")
	})
}
