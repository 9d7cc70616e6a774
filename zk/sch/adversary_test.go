package sch

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/internal/zktest"
)

// Case 12: the identity, off-curve, non-canonical and small-order points and
// a scalar ≥ q are refused at decode.
func TestAdversary12_DegenerateValues(t *testing.T) {
	for _, c := range curves {
		k := newKey(t, c, 20)
		p, err := NewProof(zktest.Transcript("sid", 3, 0), k.pub, k.priv, nil)
		require.NoError(t, err)
		good, err := p.MarshalBinary()
		require.NoError(t, err)
		ps := c.PointSize()
		withA := func(a []byte) []byte {
			out := append([]byte(nil), good[:headerSize]...)
			out = append(out, a...)
			return append(out, good[headerSize+ps:]...)
		}
		withZ := func(z []byte) []byte {
			return append(append([]byte(nil), good[:headerSize+ps]...), z...)
		}
		ff := make([]byte, max(ps, c.ScalarSize()))
		for i := range ff {
			ff[i] = 0xff
		}
		orderBytes := c.Order().Bytes()
		if c.ID() == curve.IDEdwards25519 { // little-endian scalars
			for i, j := 0, len(orderBytes)-1; i < j; i, j = i+1, j-1 {
				orderBytes[i], orderBytes[j] = orderBytes[j], orderBytes[i]
			}
		}
		cases := map[string][]byte{
			"identity A":  withA(c.Identity().Bytes()),
			"all-ones A":  withA(ff[:ps]),
			"z = q":       withZ(orderBytes),
			"z = 2^256-1": withZ(ff[:c.ScalarSize()]),
		}
		if c.ID() == curve.IDSecp256k1 {
			offCurve := append([]byte{0x02}, make([]byte, 31)...)
			offCurve = append(offCurve, 7) // x = 7: 7³+7 = 350 is not a square mod p
			cases["off-curve A"] = withA(offCurve)
			cases["bad prefix A"] = withA(append([]byte{0x05}, good[headerSize+1:headerSize+ps]...))
		} else {
			// A point of order 2 on edwards25519: (0, -1).
			small := make([]byte, 32)
			small[0] = 0xec
			for i := 1; i < 31; i++ {
				small[i] = 0xff
			}
			small[31] = 0x7f
			cases["order-2 A"] = withA(small)
		}
		for name, b := range cases {
			t.Run(c.Name()+"/"+name, func(t *testing.T) {
				_, err := DecodeProof(c, b)
				require.ErrorIs(t, err, zk.ErrMalformed)
			})
		}
	}
}

// Case 13: the encoding is fixed width per curve, so a byte cannot move
// between A and z without changing A's canonical encoding; the result either
// fails to decode or fails to verify (A is hashed, so the challenge moves).
func TestAdversary13_EncodingInjectivity(t *testing.T) {
	for _, c := range curves {
		k := newKey(t, c, 21)
		ps := c.PointSize()
		// The nonce is seeded so the test is repeatable, and re-drawn until
		// the two bytes at the A/z boundary differ: swapping equal bytes
		// would leave the proof unchanged and valid (a 1-in-256 flake with
		// a random nonce).
		var b []byte
		for seed := uint64(121); b == nil || b[headerSize+ps-1] == b[headerSize+ps]; seed++ {
			p, err := NewProof(zktest.Transcript("sid", 3, 0), k.pub, k.priv, zktest.Seeded(fmt.Sprint(seed)))
			require.NoError(t, err)
			b, err = p.MarshalBinary()
			require.NoError(t, err)
		}
		// Rotate the byte at the A/z boundary into z and pull z's first byte
		// into A.
		mut := append([]byte(nil), b...)
		mut[headerSize+ps-1], mut[headerSize+ps] = mut[headerSize+ps], mut[headerSize+ps-1]
		require.NotEqual(t, b, mut)
		q, err := DecodeProof(c, mut)
		if err == nil {
			require.Error(t, q.Verify(zktest.Transcript("sid", 3, 0), k.pub))
		}
		// Lengths are exact: one byte more or less is refused.
		_, err = DecodeProof(c, b[:len(b)-1])
		require.ErrorIs(t, err, zk.ErrMalformed)
		_, err = DecodeProof(c, append(append([]byte(nil), b...), 0))
		require.ErrorIs(t, err, zk.ErrMalformed)
	}
}

// Case 14: a proof from another session is refused.
func TestAdversary14_CrossSession(t *testing.T) {
	k := newKey(t, curve.Secp256k1(), 22)
	p, err := NewProof(zktest.Transcript("sid", 3, 0), k.pub, k.priv, nil)
	require.NoError(t, err)
	for _, sid := range []string{"", "sid2", "si", "sid\x00"} {
		require.ErrorIs(t, p.Verify(zktest.Transcript(sid, 3, 0), k.pub), zk.ErrVerify)
	}
}

// Case 15: party 3 re-sends party 2's proof as its own.
func TestAdversary15_Transplant(t *testing.T) {
	k := newKey(t, curve.Secp256k1(), 23)
	p, err := NewProof(zktest.Transcript("sid", 2, 0), k.pub, k.priv, nil)
	require.NoError(t, err)
	require.NoError(t, p.Verify(zktest.Transcript("sid", 2, 0), k.pub))
	require.ErrorIs(t, p.Verify(zktest.Transcript("sid", 3, 0), k.pub), zk.ErrVerify)
	require.ErrorIs(t, p.Verify(zktest.Transcript("sid", 2, 1), k.pub), zk.ErrVerify)
}

// Case 18: a rogue-key contribution X3 = Y − X1 (whose discrete log party 3
// does not know) cannot come with a valid proof: party 1's proof replayed,
// a proof for Y, a missing proof and garbage are all refused.
func TestAdversary18_RogueKey(t *testing.T) {
	c := curve.Secp256k1()
	honest := newKey(t, c, 24)
	target := newKey(t, c, 25)
	rogue := Public{X: target.pub.X.Sub(honest.pub.X)}

	fromParty1, err := NewProof(zktest.Transcript("sid", 1, 0), honest.pub, honest.priv, nil)
	require.NoError(t, err)
	forY, err := NewProof(zktest.Transcript("sid", 3, 0), target.pub, target.priv, nil)
	require.NoError(t, err)

	require.Error(t, fromParty1.Verify(zktest.Transcript("sid", 3, 0), rogue))
	require.Error(t, forY.Verify(zktest.Transcript("sid", 3, 0), rogue))
	var missing *Proof
	require.ErrorIs(t, missing.Verify(zktest.Transcript("sid", 3, 0), rogue), zk.ErrMalformed)
	for _, b := range [][]byte{nil, {}, {encodingVersion, encodingKind, byte(curve.IDSecp256k1)}} {
		_, err := DecodeProof(c, b)
		require.ErrorIs(t, err, zk.ErrMalformed)
	}
	// The prover itself refuses to prove a key it does not know.
	_, err = NewProof(zktest.Transcript("sid", 3, 0), rogue, target.priv, nil)
	require.ErrorIs(t, err, ErrInvalidWitness)
}

func TestUnmarshalRejects(t *testing.T) {
	c := curve.Secp256k1()
	k := newKey(t, c, 26)
	p, err := NewProof(zktest.Transcript("sid", 3, 0), k.pub, k.priv, nil)
	require.NoError(t, err)
	good, err := p.MarshalBinary()
	require.NoError(t, err)
	set := func(i int, v byte) []byte {
		b := append([]byte(nil), good...)
		b[i] = v
		return b
	}
	for name, b := range map[string][]byte{
		"bad version":   set(0, 2),
		"bad kind":      set(1, 'f'),
		"unknown curve": set(2, 9),
		"curve 0":       set(2, 0),
		"ed25519 id":    set(2, byte(curve.IDEdwards25519)),
	} {
		t.Run(name, func(t *testing.T) {
			require.ErrorIs(t, new(Proof).UnmarshalBinary(b), zk.ErrMalformed)
		})
	}
	var nilProof *Proof
	require.ErrorIs(t, nilProof.UnmarshalBinary(good), zk.ErrMalformed)
	_, err = nilProof.MarshalBinary()
	require.ErrorIs(t, err, zk.ErrMalformed)
	_, err = (&Proof{A: p.A, Z: curve.Edwards25519().NewScalar()}).MarshalBinary()
	require.ErrorIs(t, err, zk.ErrMalformed)
}
