package bls

import (
	"math/big"
	"strings"
	"testing"

	gnark "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
)

func TestSignVerify(t *testing.T) {
	sk, pk := randomKey(t)
	_, otherPK := randomKey(t)
	msg := []byte("hello")
	for _, s := range []Suite{POP(), Basic()} {
		t.Run(s.Name(), func(t *testing.T) {
			sig, err := s.Sign(sk, msg)
			require.NoError(t, err)
			require.NoError(t, s.Verify(pk, msg, sig))
			require.ErrorIs(t, s.Verify(pk, []byte("hellO"), sig), ErrInvalidSignature)
			require.ErrorIs(t, s.Verify(otherPK, msg, sig), ErrInvalidSignature)
			require.True(t, gnarkVerify(t, pk.Bytes(), sig.Bytes(), msg, s.DST()))
			back, err := DecodeSignature(sig.Bytes())
			require.NoError(t, err)
			require.NoError(t, s.Verify(pk, msg, back))
			require.ErrorIs(t, s.Verify(nil, msg, sig), ErrInvalidPublicKey)
			require.ErrorIs(t, s.Verify(curve.BLS12381G1().Identity(), msg, sig), ErrInvalidPublicKey)
			require.ErrorIs(t, s.Verify(curve.Secp256k1().Generator(), msg, sig), ErrInvalidPublicKey)
			require.ErrorIs(t, s.Verify(pk, msg, nil), ErrInput)
		})
	}
	// The suites' tags separate them.
	sig, err := POP().Sign(sk, msg)
	require.NoError(t, err)
	require.ErrorIs(t, Basic().Verify(pk, msg, sig), ErrInvalidSignature)

	_, err = POP().Sign(curve.BLS12381G1().NewScalar(), msg)
	require.ErrorIs(t, err, ErrInput)
	_, err = POP().Sign(curve.Secp256k1().ScalarFromUint64(1), msg)
	require.ErrorIs(t, err, ErrInput)
	_, err = POP().Sign(nil, msg)
	require.ErrorIs(t, err, ErrInput)
	_, err = Suite{}.Sign(sk, msg)
	require.ErrorIs(t, err, ErrInput)
}

func TestAggregation(t *testing.T) {
	const n = 4
	sks := make([]curve.Scalar, n)
	pks := make([]curve.Point, n)
	for i := range sks {
		sks[i], pks[i] = randomKey(t)
	}
	msg := []byte("one message")
	var same []*Signature
	for _, sk := range sks {
		sig, err := POP().Sign(sk, msg)
		require.NoError(t, err)
		same = append(same, sig)
	}
	agg, err := Aggregate(same...)
	require.NoError(t, err)
	require.NoError(t, POP().FastAggregateVerify(pks, msg, agg))
	require.ErrorIs(t, POP().FastAggregateVerify(pks[1:], msg, agg), ErrInvalidSignature)
	require.ErrorIs(t, Basic().FastAggregateVerify(pks, msg, agg), ErrNotSupported)
	msgs := [][]byte{msg, msg, msg, msg}
	require.NoError(t, POP().AggregateVerify(pks, msgs, agg))
	require.ErrorIs(t, Basic().AggregateVerify(pks, msgs, agg), ErrInvalidSignature, "basic needs distinct messages")

	distinct := [][]byte{[]byte("a"), []byte("b"), []byte("c"), []byte("d")}
	var sigs []*Signature
	for i, sk := range sks {
		sig, err := Basic().Sign(sk, distinct[i])
		require.NoError(t, err)
		sigs = append(sigs, sig)
	}
	agg, err = Aggregate(sigs...)
	require.NoError(t, err)
	require.NoError(t, Basic().AggregateVerify(pks, distinct, agg))
	require.ErrorIs(t, Basic().AggregateVerify(pks, distinct[:3], agg), ErrInput)
	swapped := [][]byte{distinct[1], distinct[0], distinct[2], distinct[3]}
	require.ErrorIs(t, Basic().AggregateVerify(pks, swapped, agg), ErrInvalidSignature)

	_, err = Aggregate()
	require.ErrorIs(t, err, ErrInput)
	_, err = Aggregate(sigs[0], nil)
	require.ErrorIs(t, err, ErrInput)
	neg := &Signature{p: sigs[0].p}
	neg.p.Neg()
	// Signatures that cancel aggregate to the identity, as in Ethereum,
	// and it verifies under no key.
	zero, err := Aggregate(sigs[0], neg)
	require.NoError(t, err)
	require.True(t, zero.isIdentity())
	require.ErrorIs(t, Basic().Verify(pks[0], distinct[0], zero), ErrInvalidSignature)
}

// TestProofOfPossession, and the rogue-key attack it stops: a key chosen as
// pk' = pk_r − pk_victim makes FastAggregateVerify accept a signature only
// the attacker made, but the attacker cannot prove possession of pk'.
func TestProofOfPossession(t *testing.T) {
	sk, pk := randomKey(t)
	proof, err := POP().PopProve(sk)
	require.NoError(t, err)
	require.NoError(t, POP().PopVerify(pk, proof))
	require.True(t, gnarkVerify(t, pk.Bytes(), proof.Bytes(), pk.Bytes(), DSTProof))
	_, otherPK := randomKey(t)
	require.ErrorIs(t, POP().PopVerify(otherPK, proof), ErrInvalidSignature)
	_, err = Basic().PopProve(sk)
	require.ErrorIs(t, err, ErrNotSupported)
	require.ErrorIs(t, Basic().PopVerify(pk, proof), ErrNotSupported)
	// A signature on pk's bytes under the signing tag is no proof.
	sig, err := POP().Sign(sk, pk.Bytes())
	require.NoError(t, err)
	require.ErrorIs(t, POP().PopVerify(pk, sig), ErrInvalidSignature)

	attackerSK, attackerPK := randomKey(t)
	rogue := attackerPK.Sub(pk)
	msg := []byte("rogue")
	forged, err := POP().Sign(attackerSK, msg)
	require.NoError(t, err)
	require.NoError(t, POP().FastAggregateVerify([]curve.Point{pk, rogue}, msg, forged), "the attack works without proofs")
	fakeProof, err := POP().PopProve(attackerSK)
	require.NoError(t, err)
	require.Error(t, POP().PopVerify(rogue, fakeProof))
}

// g2Compressed returns the compressed encoding flags | (x1 = 0, x0 = k).
func g2Compressed(k uint64, flags byte) []byte {
	b := make([]byte, 96)
	new(big.Int).SetUint64(k).FillBytes(b[48:])
	b[0] |= flags
	return b
}

// TestDecodeRejects: non-subgroup points are refused at decode, in G1
// (KeyValidate) and in G2 (DecodeSignature), along with every malformed
// encoding; the identity is refused as a key, and as a signature in every
// encoding but the canonical one (TestEthereumInfinitySignature).
func TestDecodeRejects(t *testing.T) {
	var offCurve, offSubgroup []byte
	for k := uint64(0); offCurve == nil || offSubgroup == nil; k++ {
		b := g2Compressed(k, 0x80)
		var ref gnark.G2Affine
		_, err := ref.SetBytes(b)
		if err == nil {
			continue // in G2 (not for small k), try the next
		}
		_, err = DecodeSignature(b)
		require.ErrorIs(t, err, ErrInvalidPoint)
		if strings.Contains(err.Error(), "subgroup") && offSubgroup == nil {
			offSubgroup = b
		}
		if strings.Contains(err.Error(), "not on the curve") && offCurve == nil {
			offCurve = b
		}
	}
	sk, _ := randomKey(t)
	sig, err := POP().Sign(sk, []byte("m"))
	require.NoError(t, err)
	good := sig.Bytes()
	flagClear := append([]byte(nil), good...)
	flagClear[0] &^= 0x80
	xOverP := g2Compressed(0, 0x80)
	for i := 1; i < 48; i++ {
		xOverP[i] = 0xff
	}
	xOverP[0] = 0x9f
	cases := []struct {
		name string
		in   []byte
		msg  string
	}{
		{"identity with the sign bit", g2Compressed(0, 0xe0), "identity"},
		{"identity with x non-zero", g2Compressed(1, 0xc0), "identity"},
		{"outside the subgroup", offSubgroup, "subgroup"},
		{"not on the curve", offCurve, "not on the curve"},
		{"x1 above p", xOverP, "below p"},
		{"compression flag clear", flagClear, "compression"},
		{"short", good[:95], "bytes"},
		{"uncompressed length", make([]byte, 192), "bytes"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, err := DecodeSignature(tc.in)
			require.ErrorIs(t, err, ErrInvalidPoint)
			require.Contains(t, err.Error(), tc.msg)
			require.Nil(t, s)
		})
	}

	identity := make([]byte, 48)
	identity[0] = 0xc0
	_, err = KeyValidate(identity)
	require.ErrorIs(t, err, ErrInvalidPublicKey)
	require.ErrorIs(t, err, curve.ErrIdentity)
	var g1Off []byte
	for x := int64(1); g1Off == nil; x++ {
		b := new(big.Int).SetInt64(x).FillBytes(make([]byte, 48))
		b[0] |= 0x80
		if _, err := KeyValidate(b); err != nil && !strings.Contains(err.Error(), "not on curve") {
			g1Off = b
		}
	}
	_, err = KeyValidate(g1Off)
	require.ErrorIs(t, err, curve.ErrSmallOrder)
}
