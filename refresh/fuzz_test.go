package refresh

import (
	"bytes"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/transport"
)

// Every decoder and every Deliver is fuzzed (SECURITY.md rule 9): decoders
// must refuse or round-trip exactly, and no input may panic.

func FuzzPublicUnmarshal(f *testing.F) {
	for _, c := range curves {
		keys := dealtKeys(f, c, 2, partyIDs(3))
		b, err := PublicOf(keys[1]).MarshalBinary()
		require.NoError(f, err)
		f.Add(b)
		// Format version 2: with a record of identity keys.
		b, err = PublicOf(withRecord(keys)[1]).MarshalBinary()
		require.NoError(f, err)
		f.Add(b)
	}
	f.Add([]byte{1, 1, 0, 1, 0, 1})
	f.Fuzz(func(t *testing.T, data []byte) {
		var p Public
		if err := p.UnmarshalBinary(data); err != nil {
			require.True(t, errors.Is(err, ErrPublicFormat) || errors.Is(err, ErrPublicInconsistent), "%v", err)
			return
		}
		again, err := p.MarshalBinary()
		require.NoError(t, err)
		require.Equal(t, data, again)
		require.Equal(t, data[0] == publicV2, p.Identities != nil, "version %d", data[0])
	})
}

func FuzzDecodeRepairCommitment(f *testing.F) {
	c := curve.Edwards25519()
	keys := dealtKeys(f, c, 2, partyIDs(3))
	set, err := NewRepairSet(PublicOf(keys[1]), pids(1, 3), 2)
	require.NoError(f, err)
	d, err := RepairStep1(set, keys[1], nil)
	require.NoError(f, err)
	f.Add(d.Commitment.Bytes())
	f.Add(make([]byte, 2*c.PointSize()))
	f.Fuzz(func(t *testing.T, data []byte) {
		rc, err := DecodeRepairCommitment(set, data)
		if err != nil {
			require.ErrorIs(t, err, ErrBadCommitment)
			return
		}
		require.Equal(t, data, rc.Bytes())
		_ = set.checkCommitment(1, rc) // must not panic
	})
}

// fuzzDeliver starts fresh machines, delivers the fuzzed message (with the
// run's protocol, session and context, so it gets past the header checks)
// to party target, then routes all honest traffic; errors are expected,
// panics are not.
func fuzzDeliver(f *testing.F, build func(testing.TB) map[transport.PartyID]transport.Machine[*dkg.KeyShare], target transport.PartyID) {
	ms := build(f)
	msgs, err := startAll(ms)
	require.NoError(f, err)
	for _, m := range msgs {
		f.Add(uint8(m.Round), uint32(m.From), uint32(m.To), m.Echo, m.Payload)
	}
	protocol, session, context := msgs[0].Protocol, msgs[0].SessionID, msgs[0].Context
	f.Fuzz(func(t *testing.T, round uint8, from, to uint32, echo, payload []byte) {
		ms := build(t)
		msgs, err := startAll(ms)
		require.NoError(t, err)
		forged := &transport.Message{Protocol: protocol, SessionID: session, Context: context, Round: int(round),
			From: transport.PartyID(from), To: transport.PartyID(to), Echo: echo, Payload: payload}
		_, _ = ms[target].Deliver(forged)
		// The honest traffic, minus the message the forgery replaces.
		var rest []*transport.Message
		for _, m := range msgs {
			if !(m.From == forged.From && m.Round == forged.Round && (m.To == forged.To || m.To == 0 && forged.To == 0)) {
				rest = append(rest, m)
			}
		}
		for len(rest) > 0 {
			m := rest[0]
			rest = rest[1:]
			for id, mach := range ms {
				if id == m.From || (m.To != 0 && m.To != id) || mach.Done() {
					continue
				}
				out, _ := mach.Deliver(m.Clone())
				rest = append(rest, out...)
			}
		}
		if ks, err := ms[target].Result(); err == nil && ks != nil {
			require.NoError(t, ks.Validate())
		}
	})
}

func FuzzRefreshDeliver(f *testing.F) {
	old := dealtKeys(f, curve.Secp256k1(), 2, partyIDs(3))
	sid := bytes.Repeat([]byte{7}, 32)
	fuzzDeliver(f, func(t testing.TB) map[transport.PartyID]transport.Machine[*dkg.KeyShare] {
		ms := map[transport.PartyID]transport.Machine[*dkg.KeyShare]{}
		for id, ks := range old {
			m, err := New(Config{Share: ks, SessionID: sid})
			require.NoError(t, err)
			ms[id] = m
		}
		return ms
	}, 1)
}

func FuzzReshareDeliver(f *testing.F) {
	old := dealtKeys(f, curve.Edwards25519(), 2, partyIDs(3))
	pub := PublicOf(old[1])
	sid := bytes.Repeat([]byte{8}, 32)
	dealers, newSet := pids(1, 3), pids(3, 4, 5)
	fuzzDeliver(f, func(t testing.TB) map[transport.PartyID]transport.Machine[*dkg.KeyShare] {
		ms := map[transport.PartyID]transport.Machine[*dkg.KeyShare]{}
		for _, id := range union(dealers, newSet) {
			cfg := ReshareConfig{Self: id, Share: old[id], Old: pub, Dealers: dealers, NewParties: newSet, NewThreshold: 2, SessionID: sid}
			m, err := NewReshare(cfg)
			require.NoError(t, err)
			ms[id] = m
		}
		return ms
	}, 4)
}

func FuzzRepairDeliver(f *testing.F) {
	keys := dealtKeys(f, curve.Secp256k1(), 2, partyIDs(3))
	pub := PublicOf(keys[1])
	sid := bytes.Repeat([]byte{9}, 32)
	helpers := pids(1, 3)
	fuzzDeliver(f, func(t testing.TB) map[transport.PartyID]transport.Machine[*dkg.KeyShare] {
		ms := map[transport.PartyID]transport.Machine[*dkg.KeyShare]{}
		for _, id := range pids(1, 2, 3) {
			cfg := RepairConfig{Self: id, Public: pub, Helpers: helpers, Lost: 2, SessionID: sid}
			if id != 2 {
				cfg.Share = keys[id]
			}
			m, err := NewRepair(cfg)
			require.NoError(t, err)
			ms[id] = m
		}
		return ms
	}, 2)
}
