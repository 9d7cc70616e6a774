package paillier_test

import (
	"context"
	"crypto/rand"
	"testing"

	"github.com/cronokirby/saferith"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/paillier"
)

func TestNewPublicKey(t *testing.T) {
	sk := testfixtures.PaillierKey(t, 0)
	n := sk.PublicKey().NNat()
	big3072 := testfixtures.PaillierKeys(t, paillier.ModulusBits3072)[0].PublicKey().NNat()
	short := new(saferith.Nat).Rsh(n, 1, 2047) // 2047 bits
	short = setLowBit(short)
	long := new(saferith.Nat).Lsh(n, 1, 2049)
	long = setLowBit(long)
	even := new(saferith.Nat).Add(n, new(saferith.Nat).SetUint64(1), 2048)
	smallFactor := new(saferith.Nat).Mul(new(saferith.Nat).SetUint64(3), new(saferith.Nat).Rsh(n, 2, 2046), 2048)
	smallFactor = forceBits(t, smallFactor, 3)

	tests := []struct {
		name string
		n    *saferith.Nat
		opts []paillier.Option
		err  error
	}{
		{"valid", n, nil, nil},
		{"valid 3072", big3072, []paillier.Option{paillier.WithModulusBits(3072)}, nil},
		{"3072 by default", big3072, []paillier.Option{}, nil},
		{"2048 under default", n, []paillier.Option{}, paillier.ErrModulusSize},
		{"2048 at level 128", n, []paillier.Option{paillier.WithLevel(paillier.Level128)}, paillier.ErrModulusSize},
		{"level 0", n, []paillier.Option{paillier.WithLevel(0)}, paillier.ErrModulusSize},
		{"2048 under 3072", n, []paillier.Option{paillier.WithModulusBits(3072)}, paillier.ErrModulusSize},
		{"short (1024-bit, SECURITY.md case 1)", sk.P(), nil, paillier.ErrModulusSize},
		{"2047 bits", short, nil, paillier.ErrModulusSize},
		{"2049 bits", long, nil, paillier.ErrModulusSize},
		{"padded but short", new(saferith.Nat).SetNat(sk.P()).Resize(2048), nil, paillier.ErrModulusSize},
		{"even", even, nil, paillier.ErrInvalidModulus},
		{"small factor", smallFactor, nil, paillier.ErrInvalidModulus},
		{"nil", nil, nil, paillier.ErrInvalidModulus},
		{"unsupported size option", n, []paillier.Option{paillier.WithModulusBits(1024)}, paillier.ErrModulusSize},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pk, err := paillier.NewPublicKey(tc.n, level112Unless(tc.opts)...)
			if tc.err != nil {
				require.ErrorIs(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.n.TrueLen(), pk.BitLen())
			data, err := pk.MarshalBinary()
			require.NoError(t, err)
			var back paillier.PublicKey
			require.NoError(t, back.UnmarshalBinary(data))
			require.True(t, back.Equal(pk))
			parsed, err := paillier.ParsePublicKey(data, level112Unless(tc.opts)...)
			require.NoError(t, err)
			require.True(t, parsed.Equal(pk))
		})
	}
}

func setLowBit(x *saferith.Nat) *saferith.Nat {
	b := x.Bytes()
	b[len(b)-1] |= 1
	return new(saferith.Nat).SetBytes(b).Resize(x.AnnouncedLen())
}

// forceBits returns x·1 with the top bit forced and odd, keeping factor f.
func forceBits(t *testing.T, x *saferith.Nat, f uint64) *saferith.Nat {
	t.Helper()
	// Search for an odd multiple of f with exactly 2048 bits.
	step := new(saferith.Nat).SetUint64(f)
	for x.TrueLen() < 2048 || x.Bytes()[len(x.Bytes())-1]&1 == 0 {
		x = new(saferith.Nat).Add(x, step, 2048)
	}
	return x
}

func TestUnmarshalPublicKeyRejects(t *testing.T) {
	pk := testfixtures.PaillierKey(t, 0).PublicKey()
	good, err := pk.MarshalBinary()
	require.NoError(t, err)
	mutate := func(f func([]byte) []byte) []byte { return f(append([]byte(nil), good...)) }
	tests := []struct {
		name string
		data []byte
		err  error
	}{
		{"empty", nil, paillier.ErrEncoding},
		{"header only", good[:4], paillier.ErrEncoding},
		{"truncated", good[:len(good)-1], paillier.ErrEncoding},
		{"trailing", append(append([]byte(nil), good...), 0), paillier.ErrEncoding},
		{"wrong tag", mutate(func(b []byte) []byte { b[0] = 'S'; return b }), paillier.ErrEncoding},
		{"wrong version", mutate(func(b []byte) []byte { b[1] = 2; return b }), paillier.ErrEncoding},
		{"size 1024", mutate(func(b []byte) []byte { b[2], b[3] = 4, 0; return b[:4+128] }), paillier.ErrModulusSize},
		{"top byte zero", mutate(func(b []byte) []byte { b[4] = 0; return b }), paillier.ErrModulusSize},
		{"even", mutate(func(b []byte) []byte { b[len(b)-1] &^= 1; return b }), paillier.ErrInvalidModulus},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var back paillier.PublicKey
			require.ErrorIs(t, back.UnmarshalBinary(tc.data), tc.err)
		})
	}
	_, err = paillier.ParsePublicKey(good, paillier.WithModulusBits(3072))
	require.ErrorIs(t, err, paillier.ErrModulusSize)
}

func TestSecretKeyFromPrimes(t *testing.T) {
	pairs := testfixtures.PrimePairs(t)
	p, q := pairs[0].P, pairs[0].Q
	p2 := pairs[1].P
	one := new(saferith.Nat).SetUint64(1)
	pPlus4 := new(saferith.Nat).Add(p, new(saferith.Nat).SetUint64(4), 1024)
	pMinus2 := new(saferith.Nat).Sub(p, new(saferith.Nat).SetUint64(2), 1024)
	big := testfixtures.PrimePairs(t)
	var p1536 *saferith.Nat
	for _, pr := range big {
		if pr.Bits == 3072 {
			p1536 = pr.P
			break
		}
	}
	tests := []struct {
		name string
		p, q *saferith.Nat
		opts []paillier.Option
		err  error
	}{
		{"valid", p, q, nil, nil},
		{"valid swapped", q, p, nil, nil},
		{"valid other pair", p2, q, nil, nil},
		{"equal", p, p, nil, paillier.ErrInvalidSecretKey},
		{"not prime", pPlus4, q, nil, paillier.ErrInvalidSecretKey},
		{"1 mod 4", pMinus2, q, nil, paillier.ErrInvalidSecretKey},
		{"one", one, q, nil, paillier.ErrInvalidSecretKey},
		{"nil", nil, q, nil, paillier.ErrInvalidSecretKey},
		{"mixed sizes", p1536, q, nil, paillier.ErrInvalidSecretKey},
		{"wrong configured size", p, q, []paillier.Option{paillier.WithModulusBits(3072)}, paillier.ErrInvalidSecretKey},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sk, err := paillier.NewSecretKeyFromPrimes(tc.p, tc.q, append(level112Unless(tc.opts), paillier.WithRandom(rand.Reader))...)
			if tc.err != nil {
				require.ErrorIs(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			data, err := sk.MarshalBinary()
			require.NoError(t, err)
			var back paillier.SecretKey
			require.NoError(t, back.UnmarshalBinary(data))
			require.True(t, back.Equal(sk))
			require.True(t, back.PublicKey().Equal(sk.PublicKey()))
		})
	}
}

func TestUnmarshalSecretKeyRejects(t *testing.T) {
	sk := testfixtures.PaillierKey(t, 0)
	good, err := sk.MarshalBinary()
	require.NoError(t, err)
	cp := func() []byte { return append([]byte(nil), good...) }
	pEqQ := cp()
	copy(pEqQ[4+128:], pEqQ[4:4+128])
	flipped := cp()
	flipped[4+64] ^= 0x10
	tests := []struct {
		name string
		data []byte
		err  error
	}{
		{"empty", nil, paillier.ErrEncoding},
		{"truncated", good[:len(good)-1], paillier.ErrEncoding},
		{"trailing", append(cp(), 1), paillier.ErrEncoding},
		{"public tag", append([]byte{'P'}, good[1:]...), paillier.ErrEncoding},
		{"p = q", pEqQ, paillier.ErrInvalidSecretKey},
		{"bit flip in p", flipped, paillier.ErrInvalidSecretKey},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var back paillier.SecretKey
			require.ErrorIs(t, back.UnmarshalBinary(tc.data), tc.err)
		})
	}
}

func TestGenerateKeyCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := paillier.GenerateKey(ctx, nil)
	require.ErrorIs(t, err, context.Canceled)
}

func TestGenerateKeyBadOption(t *testing.T) {
	_, err := paillier.GenerateKey(context.Background(), nil, paillier.WithModulusBits(512))
	require.ErrorIs(t, err, paillier.ErrModulusSize)
}

// level112Unless returns opts, or the 2048-bit level when opts is nil: the
// tables' fixtures are 2048-bit keys, while a non-nil empty opts asks for
// the default level (3072 bits).
func level112Unless(opts []paillier.Option) []paillier.Option {
	if opts == nil {
		return []paillier.Option{paillier.WithLevel(paillier.Level112)}
	}
	return opts
}
