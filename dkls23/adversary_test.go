package dkls23

// SECURITY.md case 41: what a malicious signer (or setup party) achieves
// against DKLs23. Party 3 is the adversary in every test; parties 1 and 2
// hold the other shares of a 2-of-3 key (adversary_harness_test.go).
// Pairwise faults end the run at the victim with an abort that names
// nobody and a *SuspectError; broadcast faults name the culprit at every
// honest signer; a failed KOS15 check retires the pair.

import (
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"io"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/internal/ot"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/memnet"
)

// groupOrder is n, the order of secp256k1 (SEC 2, section 2.4.1).
var groupOrder, _ = hex.DecodeString("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141")

// Offsets in the round-2 direct message (sign_messages.go): the τ_k, u,
// the check hash, Γ^u, Γ^v, ψ.
const (
	offU      = nonceSize + tauSize
	offHash   = offU + scalarSize
	offGammaU = aliceMessageSize
	offGammaV = offGammaU + pointSize
	offPsi    = offGammaV + pointSize
)

// Offsets in Bob's round-1 direct message: his nonce, then his KOS15
// extension message (internal/ot): tag, batch, count, the κ columns, x̃,
// the κ values t̃.
var (
	extSize     = nonceSize + ot.ExtendMessageSize(voleOTs)
	offColumns  = nonceSize + 1 + 8 + 4
	offXCheck   = extSize - (ot.Kappa+1)*32
	offLastTChk = extSize - 32
)

// flipByte returns a copy of b with the bits of mask flipped at off.
func flipByte(b []byte, off int, mask byte) []byte {
	out := bytes.Clone(b)
	out[off] ^= mask
	return out
}

// put returns a copy of b with v written at off.
func putAt(b []byte, off int, v []byte) []byte {
	out := bytes.Clone(b)
	copy(out[off:], v)
	return out
}

// addOne returns the canonical scalar at b[off:] plus one, written back.
func addOne(t *testing.T, b []byte, off int) []byte {
	t.Helper()
	s, err := decodeScalar(b[off : off+scalarSize])
	require.NoError(t, err)
	var one scalar
	one.SetInt(1)
	s.Add(&one)
	enc := s.Bytes()
	return putAt(b, off, enc[:])
}

// offCurve returns a 33-byte compressed encoding whose x has no point on
// secp256k1 (found by trying small x: public test data).
func offCurve(t *testing.T) []byte {
	t.Helper()
	for x := byte(1); x < 100; x++ {
		enc := make([]byte, pointSize)
		enc[0], enc[pointSize-1] = 0x02, x
		if _, err := curve.Secp256k1().DecodePoint(enc, true); err != nil {
			return enc
		}
	}
	t.Fatal("no x without a point below 100")
	return nil
}

// identityEncoding is the secp256k1 identity in the 33-byte slot of a
// point: its encoding if the curve has one of that size, else zeros.
func identityEncoding() []byte {
	enc := curve.Secp256k1().Identity().Bytes()
	if len(enc) == pointSize {
		return enc
	}
	return make([]byte, pointSize)
}

// TestAdversary41_SelectiveFailureOTExtension: party 3, as Bob (the
// KOS15 extension receiver) toward party 1, sends an extension message
// whose choice bits are not consistent across the columns, or whose check
// values are not the ones its columns give: the selective-failure probe
// of Δ that KOS15's check exists for. Party 1's check fails: it aborts
// naming nobody, suspects party 3, and retires the pair, since the
// failure may have told party 3 one bit of its Δ; it then refuses to sign
// with party 3 (ErrPairRetired, also after storing and loading the Key)
// but signs with party 2, and a fresh setup makes the pair usable again.
func TestAdversary41_SelectiveFailureOTExtension(t *testing.T) {
	t.Parallel()
	f := fixture41(t)
	for _, tc := range underShort([]struct {
		name string
		edit func([]byte) []byte
	}{
		{"column bit flipped (inconsistent choice bit)", func(b []byte) []byte { return flipByte(b, offColumns+3, 0x10) }},
		{"column bit flipped in the padding rows", func(b []byte) []byte { return flipByte(b, offXCheck-1, 0x80) }},
		{"x check flipped", func(b []byte) []byte { return flipByte(b, offXCheck+5, 0x01) }},
		{"t check of the last column flipped", func(b []byte) []byte { return flipByte(b, offLastTChk, 0x04) }},
	}) {
		t.Run(tc.name, func(t *testing.T) {
			keys := f.freshKeys(t)
			run := newSignRun(t, keys[honest1], allThree, "case 41: KOS15 selective failure")
			res := drive(t, run.machines(t, keys), evil, only(1, []transport.PartyID{honest1}, func(m *transport.Message) {
				if m.To == 0 {
					return // the commitment
				}
				require.Len(t, m.Payload, extSize)
				m.Payload = tc.edit(m.Payload)
			}))
			require.Empty(t, res.outs, "no signature")
			requireSuspect(t, res.errs[honest1], evil, ot.ErrConsistencyCheck)
			require.Equal(t, 1, res.errs[honest1].(*transport.AbortError).Round)
			// Party 1 stops in round 1 and sends nothing more: the others,
			// without a pairwise complaint to act on, wait for it.
			require.Equal(t, []transport.PartyID{honest2, evil}, res.waiting)
			require.Equal(t, []transport.PartyID{evil}, keys[honest1].Retired())
			require.Empty(t, keys[honest2].Retired())
			require.Empty(t, keys[evil].Retired())
		})
	}

	t.Run("under transport.Run", func(t *testing.T) {
		// Party 2 has no complaint to act on: its round timeout names the
		// party it waited for, the victim. A verdict of silence, not
		// evidence against party 1.
		keys := f.freshKeys(t)
		run := newSignRun(t, keys[honest1], allThree, "case 41: KOS15 selective failure over memnet")
		net := memnet.New(allThree)
		defer net.Close()
		net.Intercept(evil, memnet.InterceptFunc(only(1, []transport.PartyID{honest1}, func(m *transport.Message) {
			if m.To != 0 {
				m.Payload = flipByte(m.Payload, offColumns+3, 0x10)
			}
		})))
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		outs, errs := memnet.RunAgainst(ctx, net, run.machines(t, keys), []transport.PartyID{evil}, transport.WithRoundTimeout(2*time.Second))
		require.Empty(t, outs)
		requireSuspect(t, errs[honest1], evil, ot.ErrConsistencyCheck)
		var abort *transport.AbortError
		require.ErrorAs(t, errs[honest2], &abort)
		require.ErrorIs(t, abort, transport.ErrTimeout)
		require.Equal(t, []transport.PartyID{honest1}, abort.Culprits)
		require.Equal(t, []transport.PartyID{evil}, keys[honest1].Retired())
	})

	t.Run("the pair stays retired until a new setup", func(t *testing.T) {
		keys := f.freshKeys(t)
		run := newSignRun(t, keys[honest1], allThree, "case 41: retire")
		res := drive(t, run.machines(t, keys), evil, only(1, []transport.PartyID{honest1}, func(m *transport.Message) {
			if m.To != 0 {
				m.Payload = flipByte(m.Payload, offColumns, 0x01)
			}
		}))
		requireSuspect(t, res.errs[honest1], evil, ot.ErrConsistencyCheck)

		// Party 1 refuses every signing set with party 3, before any
		// message: one more failed check would leak one more bit of Δ.
		for _, signers := range [][]transport.PartyID{{honest1, evil}, allThree} {
			_, err := NewSign(newSignRun(t, keys[honest2], signers, "after").config(keys[honest1]))
			require.ErrorIs(t, err, ErrPairRetired)
		}
		// Stored and loaded, the Key remembers.
		b, err := keys[honest1].MarshalBinary()
		require.NoError(t, err)
		loaded, err := ParseKey(b)
		require.NoError(t, err)
		require.Equal(t, []transport.PartyID{evil}, loaded.Retired())
		_, err = NewSign(newSignRun(t, loaded, []transport.PartyID{honest1, evil}, "after").config(loaded))
		require.ErrorIs(t, err, ErrPairRetired)

		// Party 3 (whose Δ toward party 1 is not at stake) and party 2
		// still sign with party 1: only the one pair is retired.
		with2 := newSignRun(t, keys[honest1], []transport.PartyID{honest1, honest2}, "honest pair")
		requireSigned(t, drive(t, with2.machines(t, keys), 0, nil), keys[honest1], with2.digest, with2.signers)

		// A fresh setup gives Keys without the retirement; all three sign.
		fresh := driveSetup(t, f.shares)
		require.Empty(t, fresh[honest1].Retired())
		again := newSignRun(t, fresh[honest1], allThree, "after a new setup")
		requireSigned(t, drive(t, again.machines(t, fresh), 0, nil), fresh[honest1], again.digest, again.signers)
	})
}

// cheatingAnswer is party alice's multiplication message toward bob with
// a consistent lie in row k: the correction τ_k of the nonce input is off
// by delta, and χ, u and the check hash are computed honestly over what
// is sent (aliceRespond otherwise). Bob's check then fails exactly when
// his choice bit β_k is 1: the selective failure of DKLs19/DKLs23, which
// teaches Alice at most the bit she bet on.
//
// The lie keeps the nonce of the machine's own answer (honest), so that
// the rows, and with them Alice's shares and her Γ, stay those the
// machine computed: only τ_k differs.
func cheatingAnswer(t *testing.T, alice *signRound1, bob transport.PartyID, bobMsg, honest []byte, k int, delta *scalar) []byte {
	t.Helper()
	st := alice.st
	label := st.voleLabel(st.self, bob)
	// aliceCorrect reads the pad â, then the nonce.
	rand := io.MultiReader(bytes.NewReader(bytes.Repeat([]byte{7}, scalarSize)), bytes.NewReader(honest[:nonceSize]))
	ans, err := aliceCorrect(st.key.pairs[bob].alice, label, bobMsg, &[voleInputs]scalar{alice.r, st.sk}, rand)
	require.NoError(t, err)
	off := nonceSize + k*voleWidth*scalarSize
	tau, err := decodeScalar(ans.msg[off : off+scalarSize])
	require.NoError(t, err)
	tau.Add(delta)
	b := tau.Bytes()
	copy(ans.msg[off:], b[:])
	_, msg := ans.finish(label, bobMsg, st.g)
	return msg
}

// TestAdversary41_SelectiveFailureMultiplication: party 3, as Alice in
// the multiplication (Protocol 5.2) toward party 1, lies in one row's
// correction τ_k, or sends a wrong u or check hash. Where the lie changes
// what party 1 computes (β_k = 1, or any wrong u or hash) party 1's check
// fails (ErrVOLECheck): it aborts in round 2 naming nobody and suspects
// party 3, and retires nothing (its choice bits are fresh per run). Where
// β_k = 0 the lie changes nothing and the run signs: party 3 learns the
// one bit it bet on, which the ξ = κ + 2s choice bits behind b absorb.
func TestAdversary41_SelectiveFailureMultiplication(t *testing.T) {
	t.Parallel()
	f := fixture41(t)
	var delta scalar
	delta.SetInt(7)
	for _, tc := range underShort([]struct {
		name string
		// row picks the row to lie in from the victim's choice bits (the
		// test reads them; the adversary would bet); nil: no τ lie.
		row  func(beta *[voleOTs]byte) int
		edit func(t *testing.T, b []byte) []byte
		// signs: the lie goes unnoticed and the run signs.
		signs bool
	}{
		{name: "τ_k off where β_k = 1", row: func(beta *[voleOTs]byte) int { return bytes.IndexByte(beta[:], 1) }},
		{name: "τ_k off where β_k = 0 (passes: the one-bit leak)", row: func(beta *[voleOTs]byte) int { return bytes.IndexByte(beta[:], 0) }, signs: true},
		{name: "τ bit flipped after the hash", edit: func(_ *testing.T, b []byte) []byte { return flipByte(b, nonceSize+100*scalarSize+scalarSize-1, 0x01) }},
		{name: "u + 1", edit: func(t *testing.T, b []byte) []byte { return addOne(t, b, offU) }},
		{name: "check hash flipped", edit: func(_ *testing.T, b []byte) []byte { return flipByte(b, offHash+31, 0x80) }},
	}) {
		t.Run(tc.name, func(t *testing.T) {
			keys := f.freshKeys(t)
			run := newSignRun(t, keys[honest1], allThree, "case 41: multiplication")
			ms := run.machines(t, keys)
			var victim, adversary *signRound1
			ms[honest1], victim = run.inside(t, keys[honest1], nil, nil)
			ms[evil], adversary = run.inside(t, keys[evil], nil, nil)
			hook := only(2, []transport.PartyID{honest1}, func(m *transport.Message) {
				if m.To == 0 {
					return // the opening
				}
				require.Len(t, m.Payload, answerSize)
				if tc.row != nil {
					bob := victim.bob[evil]
					k := tc.row(&bob.beta)
					require.GreaterOrEqual(t, k, 0)
					m.Payload = append(cheatingAnswer(t, adversary, honest1, bob.msg, m.Payload, k, &delta), m.Payload[aliceMessageSize:]...)
					return
				}
				m.Payload = tc.edit(t, m.Payload)
			})
			res := drive(t, ms, evil, hook)
			if tc.signs {
				requireSigned(t, res, keys[honest1], run.digest, run.signers)
				return
			}
			require.Empty(t, res.outs, "no signature")
			requireSuspect(t, res.errs[honest1], evil, ErrVOLECheck)
			require.Equal(t, 2, res.errs[honest1].(*transport.AbortError).Round)
			require.Equal(t, []transport.PartyID{honest2, evil}, res.waiting)
			require.Empty(t, keys[honest1].Retired(), "a failed Protocol 5.2 check leaks no long-term secret")
		})
	}
}

// TestAdversary41_MalformedMultiplication: party 3's pairwise signing
// messages to party 1 that do not decode (Bob's extension message in
// round 1, Alice's answer in round 2). Party 1 aborts in that round naming
// nobody (only it saw the message), suspects party 3 and retires nothing:
// no check ran, so nothing leaked.
func TestAdversary41_MalformedMultiplication(t *testing.T) {
	t.Parallel()
	f := fixture41(t)
	over := groupOrder
	ones := bytes.Repeat([]byte{0xff}, scalarSize)
	for _, tc := range underShort([]struct {
		name  string
		round int
		edit  func(t *testing.T, b []byte) []byte
		want  error
	}{
		{"extension: truncated", 1, func(_ *testing.T, b []byte) []byte { return b[:len(b)-1] }, ErrMalformed},
		{"extension: extended", 1, func(_ *testing.T, b []byte) []byte { return append(b, 0) }, ErrMalformed},
		{"extension: empty", 1, func(_ *testing.T, b []byte) []byte { return nil }, ErrMalformed},
		{"extension: another message's tag", 1, func(_ *testing.T, b []byte) []byte { return putAt(b, nonceSize, []byte{1}) }, ErrMalformed},
		{"extension: count 256 in a 512 message", 1, func(_ *testing.T, b []byte) []byte { return putAt(b, nonceSize+9, []byte{0, 0, 1, 0}) }, ErrMalformed},
		{"extension: batch 1", 1, func(_ *testing.T, b []byte) []byte { return putAt(b, nonceSize+8, []byte{1}) }, ot.ErrState},
		{"answer: truncated", 2, func(_ *testing.T, b []byte) []byte { return b[:len(b)-1] }, ErrMalformed},
		{"answer: extended", 2, func(_ *testing.T, b []byte) []byte { return append(b, 0) }, ErrMalformed},
		{"answer: τ_0 = n", 2, func(_ *testing.T, b []byte) []byte { return putAt(b, nonceSize, over) }, ErrMalformed},
		{"answer: last τ = 2^256 - 1", 2, func(_ *testing.T, b []byte) []byte { return putAt(b, offU-scalarSize, ones) }, ErrMalformed},
		{"answer: u = n", 2, func(_ *testing.T, b []byte) []byte { return putAt(b, offU, over) }, ErrMalformed},
		{"answer: ψ = n", 2, func(_ *testing.T, b []byte) []byte { return putAt(b, offPsi, over) }, ErrMalformed},
		{"answer: Γ^u the identity", 2, func(_ *testing.T, b []byte) []byte { return putAt(b, offGammaU, identityEncoding()) }, ErrMalformed},
		{"answer: Γ^v off the curve", 2, func(t *testing.T, b []byte) []byte { return putAt(b, offGammaV, offCurve(t)) }, ErrMalformed},
		{"answer: Γ^v uncompressed tag", 2, func(_ *testing.T, b []byte) []byte { return putAt(b, offGammaV, []byte{0x04}) }, ErrMalformed},
		{"answer: Γ^u = Γ^v + G (decodes, wrong)", 2, func(t *testing.T, b []byte) []byte {
			gv, err := curve.Secp256k1().DecodePoint(b[offGammaV:offGammaV+pointSize], false)
			require.NoError(t, err)
			return putAt(b, offGammaU, gv.Add(curve.Secp256k1().Generator()).Bytes())
		}, ErrConsistency},
	}) {
		t.Run(tc.name, func(t *testing.T) {
			keys := f.freshKeys(t)
			run := newSignRun(t, keys[honest1], allThree, "case 41: malformed")
			res := drive(t, run.machines(t, keys), evil, only(tc.round, []transport.PartyID{honest1}, func(m *transport.Message) {
				if m.To != 0 {
					m.Payload = tc.edit(t, m.Payload)
				}
			}))
			require.Empty(t, res.outs, "no signature")
			requireSuspect(t, res.errs[honest1], evil, tc.want)
			require.Equal(t, tc.round, res.errs[honest1].(*transport.AbortError).Round)
			require.Equal(t, []transport.PartyID{honest2, evil}, res.waiting)
			require.Empty(t, keys[honest1].Retired(), "no check ran: nothing to retire")
		})
	}
}

// TestAdversary41_MalformedSetup: party 3's base-OT messages of the setup
// that do not decode (the request of round 1, the response of round 2).
// The setup names the sender as the culprit (transport.Blame) at every
// party that received such a message, unlike signing, which only suspects
// it: what it asserts is the code's behaviour, and SECURITY.md case 41
// says why the two differ. A response that decodes but is not the one
// party 3's state gives is not seen by the setup; the pair does not line
// up, and the first signing with it fails the KOS15 check and retires it.
func TestAdversary41_MalformedSetup(t *testing.T) {
	t.Parallel()
	f := fixture41(t)
	zeroPoint := make([]byte, 32)
	nonCanonical := bytes.Repeat([]byte{0xff}, 32)
	for _, tc := range underShort([]struct {
		name  string
		round int
		to    []transport.PartyID
		edit  func(b []byte) []byte
	}{
		{"request: truncated", 1, []transport.PartyID{honest1}, func(b []byte) []byte { return b[:len(b)-1] }},
		{"request: extended", 1, []transport.PartyID{honest1}, func(b []byte) []byte { return append(b, 0) }},
		{"request: response's tag", 1, []transport.PartyID{honest1}, func(b []byte) []byte { return putAt(b, 0, []byte{2}) }},
		{"request: identity element", 1, []transport.PartyID{honest1}, func(b []byte) []byte { return putAt(b, 1+32*7, zeroPoint) }},
		{"request: non-canonical element", 1, []transport.PartyID{honest1}, func(b []byte) []byte { return putAt(b, 1, nonCanonical) }},
		{"request: garbage to both", 1, nil, func(b []byte) []byte { return bytes.Repeat([]byte{0x5a}, len(b)) }},
		{"response: truncated", 2, []transport.PartyID{honest1}, func(b []byte) []byte { return b[:len(b)-1] }},
		{"response: identity element", 2, []transport.PartyID{honest1}, func(b []byte) []byte { return putAt(b, 1+32*127, zeroPoint) }},
		{"response: non-canonical element", 2, []transport.PartyID{honest1}, func(b []byte) []byte { return putAt(b, 1, nonCanonical) }},
		{"response: garbage to both", 2, nil, func(b []byte) []byte { return bytes.Repeat([]byte{0xa5}, len(b)) }},
	}) {
		t.Run(tc.name, func(t *testing.T) {
			res := drive(t, setupMachines41(t, f.shares), evil, only(tc.round, tc.to, func(m *transport.Message) {
				m.Payload = tc.edit(m.Payload)
			}))
			victims := tc.to
			if victims == nil {
				victims = []transport.PartyID{honest1, honest2}
			}
			for _, v := range victims {
				requireBlamed(t, res.errs[v], evil, ErrMalformed, tc.round)
				require.NotContains(t, res.outs, v)
			}
			if len(victims) == 2 {
				return
			}
			if tc.round == 1 {
				// Party 1 never answers: the others wait for its response.
				require.Equal(t, []transport.PartyID{honest2, evil}, res.waiting)
				return
			}
			// Party 1 failed on the last message: the others hold Keys,
			// party 1 none (it runs the setup again, with everyone).
			require.Contains(t, res.outs, honest2)
			require.Contains(t, res.outs, evil)
			require.Empty(t, res.waiting)
		})
	}

	t.Run("response decodes but is not party 3's", func(t *testing.T) {
		res := drive(t, setupMachines41(t, f.shares), evil, only(2, []transport.PartyID{honest1}, func(m *transport.Message) {
			// Two base OTs' elements swapped: canonical, not the identity,
			// and not what party 3's state gives.
			b := bytes.Clone(m.Payload)
			copy(b[1+32*3:], m.Payload[1+32*4:1+32*5])
			copy(b[1+32*4:], m.Payload[1+32*3:1+32*4])
			m.Payload = b
		}))
		require.Len(t, res.outs, 3, "the base OTs have no check: %v", res.errs)
		keys := res.outs
		run := newSignRun(t, keys[honest1], []transport.PartyID{honest1, evil}, "case 41: broken pair")
		sres := drive(t, run.machines(t, keys), 0, nil)
		requireSuspect(t, sres.errs[honest1], evil, ot.ErrConsistencyCheck)
		require.Equal(t, []transport.PartyID{evil}, keys[honest1].Retired())
	})
}

// TestAdversary41_WrongKeySigner: a signer whose Key is not the others'.
// From another key generation, or from another setup of the same key
// generation, its messages carry another context (it binds the setup id):
// every signer refuses them and ends the run at once with
// ErrContextMismatch, naming nobody, and no pair is retired. With a
// secret share that is not its share
// (the public record unchanged), its peers' Γ^v checks fail
// (ErrConsistency), each suspecting it. No signature in any case.
func TestAdversary41_WrongKeySigner(t *testing.T) {
	t.Parallel()
	f := fixture41(t)

	// A Key of another key generation, or of another setup run of the
	// same key (a stale Key kept after a new setup): the run's context
	// binds both, so the honest signers end at once with a context
	// mismatch naming nobody, and no OT check runs or retires a pair.
	for _, tc := range underShort([]struct {
		name  string
		other func(t *testing.T) map[transport.PartyID]*Key
	}{
		{"key of another key generation", func(t *testing.T) map[transport.PartyID]*Key { return driveSetup(t, driveKeygen(t)) }},
		{"key of another setup", func(t *testing.T) map[transport.PartyID]*Key { return driveSetup(t, f.shares) }},
	}) {
		t.Run(tc.name, func(t *testing.T) {
			keys := f.freshKeys(t)
			other := tc.other(t)
			run := newSignRun(t, keys[honest1], allThree, "case 41: "+tc.name)
			ms := run.machines(t, map[transport.PartyID]*Key{honest1: keys[honest1], honest2: keys[honest2], evil: other[evil]})
			net := memnet.New(allThree)
			defer net.Close()
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			outs, errs := memnet.RunAgainst(ctx, net, ms, []transport.PartyID{evil}, transport.WithRoundTimeout(30*time.Second))
			for _, id := range []transport.PartyID{honest1, honest2} {
				require.NotContains(t, outs, id)
				var abort *transport.AbortError
				require.ErrorAs(t, errs[id], &abort)
				require.Empty(t, abort.Culprits, "party %d: %v", id, errs[id])
				require.ErrorIs(t, errs[id], transport.ErrContextMismatch)
				var ce *transport.ContextError
				require.ErrorAs(t, errs[id], &ce)
				require.Equal(t, evil, ce.Peer)
			}
			require.Empty(t, keys[honest1].Retired())
			require.Empty(t, keys[honest2].Retired())
		})
	}

	t.Run("tampered secret share", func(t *testing.T) {
		keys := f.freshKeys(t)
		run := newSignRun(t, keys[honest1], allThree, "case 41: tampered share")
		ms := run.machines(t, keys)
		ms[evil], _ = run.inside(t, keys[evil], func(st *signState) {
			var one scalar
			one.SetInt(1)
			st.sk.Add(&one)
		}, nil)
		res := drive(t, ms, 0, nil)
		require.Empty(t, res.outs)
		for _, id := range []transport.PartyID{honest1, honest2} {
			requireSuspect(t, res.errs[id], evil, ErrConsistency)
			require.ErrorContains(t, res.errs[id], "Γ^v")
			require.Equal(t, 2, res.errs[id].(*transport.AbortError).Round)
			require.Empty(t, keys[id].Retired())
		}
		require.Equal(t, []transport.PartyID{evil}, res.waiting)

		// Such a share cannot come through the API (hence the tampering
		// inside the machine): a share whose secret does not match its
		// public share is refused by every Key check.
		share := keys[evil].Share()
		share.Secret = share.Secret.Add(curve.Secp256k1().ScalarFromUint64(1))
		err := checkShare(share)
		require.ErrorIs(t, err, ErrKey)
	})
}

// splitKey returns the blocks of a Key encoding (the share, the setup id,
// then both OT states of every pair); joinKey puts them back in front of
// the original's tail (the retired peers).
func keyBlocks(t *testing.T, b []byte) [][]byte {
	t.Helper()
	r := reader{b: b[1:]}
	blocks := [][]byte{bytes.Clone(r.block()), bytes.Clone(r.block())}
	for range 2 * (len(allThree) - 1) {
		blocks = append(blocks, bytes.Clone(r.block()))
	}
	require.NoError(t, r.err)
	return blocks
}

func joinKeyBlocks(blocks [][]byte, orig []byte) []byte {
	out := []byte{orig[0]}
	r := reader{b: orig[1:]}
	for _, blk := range blocks {
		out = appendBlock(out, blk)
		r.block()
	}
	return append(out, r.b...)
}

// TestAdversary41_ReplayedSetup: messages of an earlier setup session
// delivered into a new one are refused by the transport (another session
// id) and change nothing; the same payloads re-sent by party 3 under the
// new session's headers pass the setup (base OTs have no check) but do not
// line up, so the first signing with party 3 fails the KOS15 check at both
// peers and retires the pair. A Key assembled from the OT states of
// another setup, another key generation, or another pair is refused
// (ErrKey) when it is loaded or used.
func TestAdversary41_ReplayedSetup(t *testing.T) {
	t.Parallel()
	f := fixture41(t)

	// Setup A, recorded.
	resA := drive(t, setupMachines41(t, f.shares), 0, nil)
	require.Len(t, resA.outs, 3)

	t.Run("old session's messages refused", func(t *testing.T) {
		var inject []delivery
		want := map[transport.PartyID]int{}
		for _, d := range resA.sent {
			inject = append(inject, delivery{to: d.to, msg: d.msg.Clone()})
			want[d.to]++
		}
		res := drive(t, setupMachines41(t, f.shares), 0, nil, inject...)
		require.Len(t, res.outs, 3, "the new setup completes: %v", res.errs)
		for id, n := range want {
			require.Len(t, res.refused[id], n, "party %d", id)
			for _, me := range res.refused[id] {
				require.ErrorIs(t, me, transport.ErrWrongSession)
			}
		}
		run := newSignRun(t, res.outs[honest1], allThree, "case 41: after a replay")
		requireSigned(t, drive(t, run.machines(t, res.outs), 0, nil), res.outs[honest1], run.digest, run.signers)
	})

	t.Run("old payloads under new headers", func(t *testing.T) {
		old := map[[2]int][]byte{}
		for _, d := range resA.sent {
			if d.msg.From == evil {
				old[[2]int{d.msg.Round, int(d.to)}] = d.msg.Payload
			}
		}
		res := drive(t, setupMachines41(t, f.shares), evil, func(to transport.PartyID, m *transport.Message) []*transport.Message {
			p, ok := old[[2]int{m.Round, int(to)}]
			require.True(t, ok)
			m.Payload = bytes.Clone(p)
			return []*transport.Message{m}
		})
		require.Len(t, res.outs, 3, "the base OTs have no check: %v", res.errs)
		keys := res.outs
		run := newSignRun(t, keys[honest1], allThree, "case 41: replayed setup")
		sres := drive(t, run.machines(t, keys), 0, nil)
		require.Empty(t, sres.outs)
		for _, id := range []transport.PartyID{honest1, honest2} {
			requireSuspect(t, sres.errs[id], evil, ot.ErrConsistencyCheck)
			require.Equal(t, []transport.PartyID{evil}, keys[id].Retired())
		}
	})

	t.Run("Key of mixed setups", func(t *testing.T) {
		a := resA.outs[honest1]
		b := driveSetup(t, f.shares)[honest1]
		otherGen := driveSetup(t, driveKeygen(t))[honest1]
		for name, k := range map[string]*Key{
			"pair with 2 from setup B":   {share: a.share, setupID: a.setupID, pairs: map[transport.PartyID]*pair{honest2: b.pairs[honest2], evil: a.pairs[evil]}},
			"setup id of B":              {share: a.share, setupID: b.setupID, pairs: a.pairs},
			"pairs swapped":              {share: a.share, setupID: a.setupID, pairs: map[transport.PartyID]*pair{honest2: a.pairs[evil], evil: a.pairs[honest2]}},
			"directions from two setups": {share: a.share, setupID: a.setupID, pairs: map[transport.PartyID]*pair{honest2: a.pairs[honest2], evil: {alice: a.pairs[evil].alice, bob: b.pairs[evil].bob}}},
			"pairs of another keygen":    {share: a.share, setupID: otherGen.setupID, pairs: otherGen.pairs},
		} {
			require.ErrorIs(t, k.validate(), ErrKey, name)
			_, err := k.MarshalBinary()
			require.ErrorIs(t, err, ErrKey, name)
			_, err = NewSign(SignConfig{Key: k, Signers: allThree, SessionID: []byte("sid"), Digest: make([]byte, DigestSize)})
			require.ErrorIs(t, err, ErrKey, name)
			_, err = SignSessionID(k, allThree, nil, make([]byte, DigestSize), freshNonce(t))
			require.ErrorIs(t, err, ErrKey, name)
		}
		// On the wire: A's encoding with one pair's states from B's.
		ab, err := a.MarshalBinary()
		require.NoError(t, err)
		bb, err := b.MarshalBinary()
		require.NoError(t, err)
		blocks, fromB := keyBlocks(t, ab), keyBlocks(t, bb)
		for i := 2; i < len(blocks); i++ {
			mixed := append([][]byte(nil), blocks...)
			mixed[i] = fromB[i]
			_, err := ParseKey(joinKeyBlocks(mixed, ab))
			require.ErrorIs(t, err, ErrKey, "block %d", i)
		}
		blocks[1] = fromB[1]
		_, err = ParseKey(joinKeyBlocks(blocks, ab))
		require.ErrorIs(t, err, ErrKey, "setup id of B")
		_, err = ParseKey(ab)
		require.NoError(t, err)
	})
}

// TestAdversary41_IdentifiableBroadcastFaults: the faults DKLs23 can
// identify, because the evidence is a broadcast (the same at every honest
// signer under the echo check). An opening of R_3 that does not match its
// commitment (ErrCommitment), a commitment, opening or (u_3, w_3) that does
// not decode (ErrMalformed): both honest signers abort in the same round
// naming party 3 alone. A (u_3, w_3) that decodes but is wrong, or a wrong
// ψ (pairwise, and unchecked), gives a signature that does not verify:
// ErrInvalidSignature, naming nobody, at both.
func TestAdversary41_IdentifiableBroadcastFaults(t *testing.T) {
	t.Parallel()
	f := fixture41(t)
	over := groupOrder
	for _, tc := range underShort([]struct {
		name  string
		round int
		// net edits the broadcast on the wire (the same for everyone);
		// inside makes party 3 lie from inside its machine, so that its
		// own echo agrees.
		net, inside func(t *testing.T, b []byte) []byte
		want        error
		named       bool
	}{
		{name: "commitment changed", round: 1, inside: func(_ *testing.T, b []byte) []byte { return flipByte(b, 0, 0x01) }, want: ErrCommitment, named: true},
		{name: "opening: salt changed", round: 2, net: func(_ *testing.T, b []byte) []byte { return flipByte(b, openingSize-1, 0x01) }, want: ErrCommitment, named: true},
		{name: "opening: another R", round: 2, net: func(_ *testing.T, b []byte) []byte {
			return putAt(b, 0, curve.Secp256k1().Generator().Bytes())
		}, want: ErrCommitment, named: true},
		{name: "commitment: 31 bytes", round: 1, net: func(_ *testing.T, b []byte) []byte { return b[:31] }, want: ErrMalformed, named: true},
		{name: "opening: R off the curve", round: 2, net: func(t *testing.T, b []byte) []byte { return putAt(b, 0, offCurve(t)) }, want: ErrMalformed, named: true},
		{name: "opening: R the identity", round: 2, net: func(_ *testing.T, b []byte) []byte { return putAt(b, 0, identityEncoding()) }, want: ErrMalformed, named: true},
		{name: "opening: truncated", round: 2, net: func(_ *testing.T, b []byte) []byte { return b[:len(b)-1] }, want: ErrMalformed, named: true},
		{name: "(u, w): 63 bytes", round: 3, net: func(_ *testing.T, b []byte) []byte { return b[:63] }, want: ErrMalformed, named: true},
		{name: "(u, w): u = n", round: 3, net: func(_ *testing.T, b []byte) []byte { return putAt(b, 0, over) }, want: ErrMalformed, named: true},
		{name: "(u, w): w = n", round: 3, net: func(_ *testing.T, b []byte) []byte { return putAt(b, scalarSize, over) }, want: ErrMalformed, named: true},
		{name: "(u, w): u + 1", round: 3, net: func(t *testing.T, b []byte) []byte { return addOne(t, b, 0) }, want: ErrInvalidSignature},
		{name: "(u, w): w + 1", round: 3, net: func(t *testing.T, b []byte) []byte { return addOne(t, b, scalarSize) }, want: ErrInvalidSignature},
		{name: "(u, w): zero", round: 3, net: func(_ *testing.T, b []byte) []byte { return make([]byte, 2*scalarSize) }, want: ErrInvalidSignature},
	}) {
		t.Run(tc.name, func(t *testing.T) {
			keys := f.freshKeys(t)
			run := newSignRun(t, keys[honest1], allThree, "case 41: broadcast faults")
			ms := run.machines(t, keys)
			var hook netHook
			if tc.inside != nil {
				ms[evil], _ = run.inside(t, keys[evil], nil, func(round int, m *transport.Message) {
					if round == tc.round && m.To == 0 {
						m.Payload = tc.inside(t, m.Payload)
					}
				})
			} else {
				hook = only(tc.round, nil, func(m *transport.Message) {
					if m.To == 0 {
						m.Payload = tc.net(t, m.Payload)
					}
				})
			}
			res := drive(t, ms, evil, hook)
			require.NotContains(t, res.outs, honest1)
			require.NotContains(t, res.outs, honest2)
			var rounds []int
			for _, id := range []transport.PartyID{honest1, honest2} {
				if tc.named {
					requireBlamed(t, res.errs[id], evil, tc.want, 0)
				} else {
					var abort *transport.AbortError
					require.ErrorAs(t, res.errs[id], &abort)
					require.Empty(t, abort.Culprits, "%v", abort)
					require.ErrorIs(t, abort, tc.want)
				}
				rounds = append(rounds, res.errs[id].(*transport.AbortError).Round)
			}
			require.Equal(t, rounds[0], rounds[1], "the honest signers abort in the same round")
			wantRound := tc.round
			if tc.round == 1 && tc.want == ErrCommitment {
				wantRound = 2 // judged with the opening
			}
			require.Equal(t, wantRound, rounds[0])
		})
	}

	t.Run("wrong ψ to party 1 (pairwise, unchecked)", func(t *testing.T) {
		keys := f.freshKeys(t)
		run := newSignRun(t, keys[honest1], allThree, "case 41: ψ")
		res := drive(t, run.machines(t, keys), evil, only(2, []transport.PartyID{honest1}, func(m *transport.Message) {
			if m.To != 0 {
				m.Payload = addOne(t, m.Payload, offPsi)
			}
		}))
		require.Empty(t, res.outs)
		for _, id := range allThree {
			var abort *transport.AbortError
			require.ErrorAs(t, res.errs[id], &abort)
			require.Empty(t, abort.Culprits, "%v", abort)
			require.ErrorIs(t, abort, ErrInvalidSignature)
			require.Equal(t, 3, abort.Round)
		}
	})
}

// TestAdversary41_CommitmentEquivocation: party 3 sends one commitment to
// R_3 to party 1 and another to party 2 (a broadcast equivocation). Both
// commitments decode, so round 1 passes; the echo check of round 2 finds
// that the parties saw different round-1 broadcasts from party 3, and both
// honest signers abort naming party 3 alone (ErrEchoMismatch) before any
// opening is judged. An equivocated opening is judged before its echo
// check: the party with the wrong copy names party 3 (ErrCommitment) and
// the other waits; no honest party signs or names anyone else.
func TestAdversary41_CommitmentEquivocation(t *testing.T) {
	t.Parallel()
	f := fixture41(t)

	t.Run("commitment", func(t *testing.T) {
		keys := f.freshKeys(t)
		run := newSignRun(t, keys[honest1], allThree, "case 41: equivocation")
		res := drive(t, run.machines(t, keys), evil, only(1, []transport.PartyID{honest2}, func(m *transport.Message) {
			if m.To == 0 {
				m.Payload = flipByte(m.Payload, 7, 0x20)
			}
		}))
		require.Empty(t, res.outs)
		for _, id := range []transport.PartyID{honest1, honest2} {
			requireBlamed(t, res.errs[id], evil, transport.ErrEchoMismatch, 2)
			require.NotErrorIs(t, res.errs[id], ErrCommitment)
		}
	})

	t.Run("opening", func(t *testing.T) {
		keys := f.freshKeys(t)
		run := newSignRun(t, keys[honest1], allThree, "case 41: equivocated opening")
		res := drive(t, run.machines(t, keys), evil, only(2, []transport.PartyID{honest2}, func(m *transport.Message) {
			if m.To == 0 {
				m.Payload = flipByte(m.Payload, openingSize-1, 0x20)
			}
		}))
		require.Empty(t, res.outs)
		requireBlamed(t, res.errs[honest2], evil, ErrCommitment, 2)
		require.NotContains(t, res.errs, honest1)
		require.Contains(t, res.waiting, honest1)
	})

	t.Run("(u, w)", func(t *testing.T) {
		keys := f.freshKeys(t)
		run := newSignRun(t, keys[honest1], allThree, "case 41: equivocated (u, w)")
		res := drive(t, run.machines(t, keys), evil, only(3, []transport.PartyID{honest2}, func(m *transport.Message) {
			if m.To == 0 {
				m.Payload = addOne(t, m.Payload, 0)
			}
		}))
		// Party 2 got a wrong (u_3, w_3); party 1 a right one, and a
		// signature that verifies, which it keeps back until the echo
		// round confirms that everyone saw the same broadcasts: party 2,
		// stopped, never sends its echo.
		require.Empty(t, res.outs)
		var abort *transport.AbortError
		require.ErrorAs(t, res.errs[honest2], &abort)
		require.Empty(t, abort.Culprits)
		require.ErrorIs(t, abort, ErrInvalidSignature)
		require.Contains(t, res.waiting, honest1)
	})
}

// TestAdversary41_ConcurrentProbesOfDelta: party 3 opens several signing
// runs with party 1 at once, all past NewSign before any of them fails,
// and sends a bad extension message in each. Were each run to check its
// message, each failed check could tell party 3 one more bit of party 1's
// Δ (and 128 runs all of it, and with Δ both OT messages of every
// multiplication: party 1's nonce and key share). The check and the
// retirement it causes are one step per pair: the first failed check
// retires the pair, and every other run refuses to check (ErrPairRetired)
// however the runs interleave.
func TestAdversary41_ConcurrentProbesOfDelta(t *testing.T) {
	t.Parallel()
	f := fixture41(t)
	keys := f.freshKeys(t)
	const runs = 6
	var all []map[transport.PartyID]transport.Machine[*cggmp.Signature]
	for range runs {
		run := newSignRun(t, keys[honest1], []transport.PartyID{honest1, evil}, "case 41: concurrent probes")
		all = append(all, run.machines(t, keys))
	}
	hook := only(1, []transport.PartyID{honest1}, func(m *transport.Message) {
		if m.To != 0 {
			m.Payload = flipByte(m.Payload, offColumns+1, 0x02)
		}
	})
	errs := make([]error, runs)
	var wg sync.WaitGroup
	for i, ms := range all {
		wg.Go(func() {
			errs[i] = drive(t, ms, evil, hook).errs[honest1]
		})
	}
	wg.Wait()
	checked, refused := 0, 0
	for _, err := range errs {
		var abort *transport.AbortError
		require.ErrorAs(t, err, &abort)
		require.Empty(t, abort.Culprits)
		switch {
		case errors.Is(err, ot.ErrConsistencyCheck):
			requireSuspect(t, err, evil, ot.ErrConsistencyCheck)
			checked++
		case errors.Is(err, ErrPairRetired):
			refused++
		default:
			t.Fatalf("unexpected abort: %v", err)
		}
	}
	require.Equal(t, 1, checked, "one failed check per pair, then none")
	require.Equal(t, runs-1, refused)
	require.Equal(t, []transport.PartyID{evil}, keys[honest1].Retired())
}
