//go:build slow

package cggmp

import (
	"fmt"
	"testing"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/transport"
)

// TestSlowAgreement_RandomAdversaries is TestAgreement_RandomAdversaries
// over 210 seeded runs of each protocol, as the agreement layer's issue
// asks of every protocol. Presigning mixes all three holders of a 2-of-3
// key (half the runs), all five of a 3-of-5 key (up to two malicious), four
// of them, and runs without an honest majority (two signers of the 2-of-3
// key, three of the 3-of-5 key), where only self-verifying evidence names
// anyone. Aux-info mixes three parties (most runs: aux-info among five
// costs almost four times as much), five (up to two malicious) and two (no
// honest majority).
func TestSlowAgreement_RandomAdversaries(t *testing.T) {
	t.Parallel()
	skipUnderRace(t)
	const runs = 210
	presign := presignRandomAdversaries(t, curve.Secp256k1(), runs, []presignMix{
		{t: 2, n: 3},
		{t: 3, n: 5, signers: []transport.PartyID{1, 3, 5}},
		{t: 2, n: 3},
		{t: 3, n: 5},
		{t: 2, n: 3},
		{t: 2, n: 3, signers: []transport.PartyID{1, 3}},
		{t: 2, n: 3},
		{t: 3, n: 5, signers: []transport.PartyID{1, 2, 4, 5}},
	})
	presign.require(t, fmt.Sprintf("%d presignings", runs))
	aux := auxRandomAdversaries(t, runs, []int{3, 3, 3, 2, 3, 3, 3, 3, 3, 5})
	aux.require(t, fmt.Sprintf("%d aux-info runs", runs))
}

// The slow variants of the named agreement tests: the last regular message
// withheld (the default variant withholds the confirmation), full signing,
// and the aux-info false complaint and full-signing partial signature that
// the presigning variants already cover.
func TestSlowAgreement_WithheldLastMessage(t *testing.T) {
	t.Parallel()
	withheldLastMessage(t, true)
}

func TestSlowAgreement_ComplaintsAndIdentification(t *testing.T) {
	t.Parallel()
	complaintsAndIdentification(t, true)
}
