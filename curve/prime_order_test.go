package curve

import (
	"crypto/rand"
	"crypto/sha3"
	"encoding/hex"
	"sync"
	"testing"

	"github.com/cloudflare/circl/ecc/goldilocks"
	"github.com/cloudflare/circl/sign/ed448"
	"github.com/stretchr/testify/require"
)

// TestRistretto255Multiples checks the generator and its double against
// RFC 9496 Appendix A.1 (encodings of small multiples of the generator).
func TestRistretto255Multiples(t *testing.T) {
	c := Ristretto255()
	cases := []struct {
		k    uint64
		want string
	}{
		{0, "0000000000000000000000000000000000000000000000000000000000000000"},
		{1, "e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76"},
		{2, "6a493210f7499cd17fecb510ae0cea23a110e8d5b901f8acadd3095c73a3b919"},
	}
	for _, tc := range cases {
		p := c.ScalarBaseMult(c.ScalarFromUint64(tc.k))
		require.Equal(t, tc.want, hex.EncodeToString(p.Bytes()), "%d·B", tc.k)
		q, err := c.DecodePoint(mustHex(t, tc.want), true)
		require.NoError(t, err)
		require.True(t, q.Equal(p))
	}
}

// TestRistretto255DecodeRejects: RFC 9496 section 4.3.1 failures.
func TestRistretto255DecodeRejects(t *testing.T) {
	c := Ristretto255()
	// An even, canonical s that is not the encoding of any element.
	var noElement []byte
	for v := byte(2); v != 0; v += 2 {
		b := make([]byte, 32)
		b[0] = v
		if _, err := c.DecodePoint(b, true); err != nil {
			noElement = b
			break
		}
	}
	require.NotNil(t, noElement, "some small even s encodes no element")
	cases := []struct {
		name string
		in   []byte
		err  error
	}{
		{"s = p (non-canonical)", mustHex(t, "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"), ErrNonCanonical},
		{"top bit set", mustHex(t, "0000000000000000000000000000000000000000000000000000000000000080"), ErrNonCanonical},
		{"negative s", mustHex(t, "0100000000000000000000000000000000000000000000000000000000000000"), ErrNonCanonical},
		{"no element", noElement, ErrNonCanonical},
		{"identity", make([]byte, 32), ErrIdentity},
		{"short", make([]byte, 31), ErrInvalidLength},
		{"long", make([]byte, 33), ErrInvalidLength},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, err := c.DecodePoint(tc.in, false)
			require.ErrorIs(t, err, tc.err)
			require.Nil(t, p)
		})
	}
}

// ed448Torsion are the encodings of the three points of order 2 and 4 on
// Ed448-Goldilocks: (0, -1), (1, 0) and (-1, 0). The test checks their
// order, so a wrong entry fails rather than passes silently.
var ed448Torsion = []string{
	// (0, -1): y = p - 1
	"feffffffffffffffffffffffffffffffffffffffffffffffffffffff" + "feffffffffffffffffffffffffffffffffffffffffffffffffffff" + "ff00",
	// (-1, 0): y = 0, x = p - 1 is even
	"0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000" + "00",
	// (1, 0): y = 0, x = 1 is odd
	"0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000" + "80",
}

// TestEd448TorsionRejected is SECURITY.md case 23 for Ed448: a point of
// order 2 or 4, or a valid point plus one, is rejected with ErrSmallOrder
// (RFC 9591 section 6.3, DeserializeElement), even with allowIdentity.
func TestEd448TorsionRejected(t *testing.T) {
	c := Ed448()
	valid := toEd448Point(c.ScalarBaseMult(c.ScalarFromUint64(12345)))
	for _, h := range ed448Torsion {
		b := mustHex(t, h)
		require.Len(t, b, 57)
		tp, err := goldilocks.FromBytes(b)
		require.NoError(t, err, h)
		four := *tp
		four.Double()
		four.Double()
		require.True(t, four.IsEqual(goldilocks.Curve{}.Identity()), "order divides 4: %s", h)
		require.False(t, tp.IsEqual(goldilocks.Curve{}.Identity()), h)

		_, err = c.DecodePoint(b, true)
		require.ErrorIs(t, err, ErrSmallOrder, h)
		mixed := &ed448Point{p: valid.p}
		mixed.p.Add(tp)
		_, err = c.DecodePoint(mixed.Bytes(), true)
		require.ErrorIs(t, err, ErrSmallOrder, "valid + %s", h)
	}
}

func TestEd448DecodeRejects(t *testing.T) {
	c := Ed448()
	g := c.Generator().Bytes()
	withLast := func(b []byte, last byte) []byte {
		out := append([]byte(nil), b...)
		out[56] = last
		return out
	}
	// y = p (non-canonical 0) and y = p + 1 (non-canonical identity).
	// p = 2^448 - 2^224 - 1: 28 bytes 0xff, then 0xfe, then 27 bytes 0xff.
	pLE := append(append(bytesOf(0xff, 28), 0xfe), append(bytesOf(0xff, 27), 0)...)
	// p + 1 = 2^448 - 2^224: 28 zero bytes, then 28 bytes 0xff.
	pPlus1 := append(append(make([]byte, 28), bytesOf(0xff, 28)...), 0)
	identity := c.Identity().Bytes()
	cases := []struct {
		name string
		in   []byte
		err  error
	}{
		{"y = p", pLE, ErrNotOnCurve},
		{"y = p + 1", pPlus1, ErrNotOnCurve},
		{"stray bits in the last byte", withLast(g, g[56]|0x01), ErrNotOnCurve},
		{"-0: identity with the sign bit", withLast(identity, 0x80), ErrNotOnCurve},
		{"y with no x", withLast(mustHex(t, "02"+hex.EncodeToString(make([]byte, 56))), 0), ErrNotOnCurve},
		{"identity", identity, ErrIdentity},
		{"short", g[:56], ErrInvalidLength},
		{"long", append(append([]byte(nil), g...), 0), ErrInvalidLength},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, err := c.DecodePoint(tc.in, false)
			require.ErrorIs(t, err, tc.err)
			require.Nil(t, p)
		})
	}
}

// TestEd448AgainstRFC8032Keys derives Ed448 public keys the RFC 8032
// section 5.2.5 way (SHAKE256 of the seed, pruned, times the base point)
// with this package and compares them with circl's sign/ed448, which
// checks the generator, ScalarBaseMult, the scalar reduction and the point
// encoding together.
func TestEd448AgainstRFC8032Keys(t *testing.T) {
	c := Ed448()
	for i := 0; i < 5; i++ {
		seed := make([]byte, ed448.SeedSize)
		_, err := rand.Read(seed)
		require.NoError(t, err)
		h := sha3.SumSHAKE256(seed, 114)
		a := h[:57]
		a[0] &= 0xfc
		a[55] |= 0x80
		a[56] = 0
		var s goldilocks.Scalar
		s.FromBytes(a)
		pub := c.ScalarBaseMult(&ed448Scalar{s: s})
		want := ed448.NewKeyFromSeed(seed).Public().(ed448.PublicKey)
		require.Equal(t, []byte(want), pub.Bytes())
		dec, err := c.DecodePoint(want, false)
		require.NoError(t, err)
		require.True(t, dec.Equal(pub))
	}
}

// TestEd448InvertAndWide checks the exponentiation inverse on edge values
// and that HashToScalar and ScalarFromNat agree with a wide reduction.
func TestEd448InvertAndWide(t *testing.T) {
	c := Ed448()
	one := c.ScalarFromUint64(1)
	for _, s := range []Scalar{one, one.Negate(), c.ScalarFromUint64(2), c.ScalarFromUint64(1 << 63)} {
		require.True(t, s.Mul(s.Invert()).Equal(one))
	}
	require.True(t, c.NewScalar().Invert().IsZero())
	// q ≡ 0: the order reduces to zero, q + 5 to five.
	require.True(t, c.ScalarFromNat(c.Order().Nat()).IsZero())
	five := c.ScalarFromUint64(5)
	var le [60]byte
	copy(le[:], ed448OrderLE[:])
	le[0] += 5 // q's low byte is 0xf3: no carry
	var w goldilocks.Scalar
	w.FromBytes(le[:])
	require.True(t, (&ed448Scalar{s: w}).Equal(five))
}

// TestSharedPointsConcurrently uses one point of each new group from many
// goroutines (run it with -race): circl's ToBytes and gtank's elements are
// used on copies, so a Point may be shared as the interface promises.
func TestSharedPointsConcurrently(t *testing.T) {
	for _, c := range []Curve{Ristretto255(), Ed448()} {
		t.Run(c.Name(), func(t *testing.T) {
			p := c.ScalarBaseMult(c.ScalarFromUint64(99))
			want := p.Bytes()
			k := c.ScalarFromUint64(3)
			wantTriple := p.Add(p).Add(p).Bytes()
			var wg sync.WaitGroup
			errs := make([]bool, 8)
			for w := range errs {
				wg.Go(func() {
					ok := string(p.Bytes()) == string(want) &&
						string(p.ScalarMult(k).Bytes()) == string(wantTriple) &&
						p.Equal(p.Add(c.Identity())) && !p.IsIdentity()
					errs[w] = ok
				})
			}
			wg.Wait()
			for w, ok := range errs {
				require.True(t, ok, "worker %d", w)
			}
		})
	}
}
