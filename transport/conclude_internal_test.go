package transport

import (
	"crypto/ed25519"
	"encoding/binary"
	"testing"

	"github.com/stretchr/testify/require"
)

// internalKeys derives an identity key per party.
func internalKeys(parties []PartyID) (map[PartyID]ed25519.PrivateKey, map[PartyID]ed25519.PublicKey) {
	keys := map[PartyID]ed25519.PrivateKey{}
	pubs := map[PartyID]ed25519.PublicKey{}
	for _, p := range parties {
		seed := make([]byte, ed25519.SeedSize)
		binary.BigEndian.PutUint32(seed, uint32(p))
		keys[p] = ed25519.NewKeyFromSeed(seed)
		pubs[p] = keys[p].Public().(ed25519.PublicKey)
	}
	return keys, pubs
}

type idleRound struct{}

func (idleRound) Expects() Expect                { return Expect{Broadcast: true} }
func (idleRound) Start() ([]*Message, error)     { return []*Message{{}}, nil }
func (idleRound) Finalize(*Inbox) Step[struct{}] { return Finish(struct{}{}) }

// An item that a malicious party shows a party for the first time in the
// last conclusion round, with its own signature only, is not accepted:
// the other honest parties never see it, so accepting it would split the
// verdict (Dolev and Strong's rule). Shown in round 1, the same item is
// accepted, and relayed to everyone in round 2.
func TestConclusionAcceptsAnItemOnlyWithEnoughRelaySignatures(t *testing.T) {
	parties := []PartyID{1, 2, 3}
	keys, pubs := internalKeys(parties)
	bind := runBinding{protocol: "late/v1", session: []byte("late session")}

	// Two different broadcasts that party 2 signed for round 1: a proof of
	// equivocation against it, carried in party 3's view.
	forged := func(payload string) viewEntry {
		m := &Message{Protocol: bind.protocol, SessionID: bind.session, Round: 1, From: 2, Payload: []byte(payload)}
		bind.sign(keys[2], m)
		return viewEntry{h: headerOf(m)}
	}
	view := &item{typ: itemView, author: 3, entries: []viewEntry{forged("a"), forged("b")}}

	for _, tc := range []struct {
		name      string
		shownIn   int
		wantNamed []PartyID
	}{
		{"shown in round 1", 1, []PartyID{2}},
		{"shown first in the last round", 2, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mm, err := NewMachine(Config{Protocol: bind.protocol, SessionID: bind.session, Self: 1, Parties: parties,
				Identity: &Identity{Key: keys[1], Peers: pubs, MaxFaulty: 1}}, FirstRound[struct{}](idleRound{}))
			require.NoError(t, err)
			m := mm.(*machine[struct{}])
			_, err = m.Start()
			require.NoError(t, err)

			body := encodeItem(view)
			held := &heldItem{body: body, hash: sha256Sum(body), it: view}
			d := bind.relayDigest(held.hash)
			held.chain = []chainSig{{party: 3, sig: ed25519.Sign(keys[3], d[:])}}
			notice := func(from PartyID, round int, items []*heldItem) *Message {
				n := &Message{Protocol: bind.protocol, SessionID: bind.session, Round: round, From: from, Kind: KindNotice, Payload: encodeNotice(items)}
				bind.sign(keys[from], n)
				return n
			}
			for round := 1; round <= 2; round++ {
				var items []*heldItem
				if round == tc.shownIn {
					items = []*heldItem{held}
				}
				_, err := m.Deliver(notice(3, round, items))
				if round < 2 {
					require.NoError(t, err)
				}
				_, err = m.Deliver(notice(2, round, nil))
				if round == 2 {
					var ae *AbortError
					require.ErrorAs(t, err, &ae)
					require.Equal(t, tc.wantNamed, ae.Culprits)
				}
			}
		})
	}
}
