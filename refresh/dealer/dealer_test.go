package dealer

import (
	"crypto/rand"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/transport"
)

var curves = []curve.Curve{curve.Secp256k1(), curve.Edwards25519()}

func ids(v ...uint32) []transport.PartyID {
	out := make([]transport.PartyID, len(v))
	for i, id := range v {
		out[i] = transport.PartyID(id)
	}
	return out
}

func randomKey(t testing.TB, c curve.Curve) curve.Scalar {
	sk, err := c.RandomScalar(rand.Reader)
	require.NoError(t, err)
	return sk
}

func TestImportExport(t *testing.T) {
	for _, c := range curves {
		for _, tc := range []struct {
			t       int
			parties []transport.PartyID
		}{
			{1, ids(1)}, {2, ids(1, 2, 3)}, {3, ids(5, 1, 9, 2, 7)}, {4, ids(1, 2, 3, 4)},
		} {
			t.Run(fmt.Sprintf("%s/%d-of-%v", c.Name(), tc.t, tc.parties), func(t *testing.T) {
				sk := randomKey(t, c)
				shares, err := Import(c, sk, tc.t, tc.parties, nil)
				require.NoError(t, err)
				require.Len(t, shares, len(tc.parties))
				sorted := transport.SortedCopy(tc.parties)
				for i, ks := range shares {
					require.NoError(t, ks.Validate())
					require.Equal(t, sorted[i], ks.Self)
					require.Equal(t, sorted, ks.Parties)
					require.True(t, ks.GroupKey.Equal(c.ScalarBaseMult(sk)))
					require.Nil(t, ks.ChainCode)
				}
				// any t shares, and all of them, export the key
				got, err := Export(shares[len(shares)-tc.t:])
				require.NoError(t, err)
				require.True(t, got.Equal(sk))
				got, err = Export(shares)
				require.NoError(t, err)
				require.True(t, got.Equal(sk))
				if tc.t > 1 {
					_, err = Export(shares[:tc.t-1])
					require.ErrorIs(t, err, ErrTooFewShares)
				}
			})
		}
	}
}

func TestImportChainCode(t *testing.T) {
	c := curve.Secp256k1()
	cc := make([]byte, dkg.ChainCodeSize)
	cc[0] = 7
	shares, err := Import(c, randomKey(t, c), 2, ids(1, 2, 3), nil, WithChainCode(cc))
	require.NoError(t, err)
	cc[0] = 8 // the shares keep their own copy
	for _, ks := range shares {
		require.Equal(t, byte(7), ks.ChainCode[0])
	}
	_, err = Import(c, randomKey(t, c), 2, ids(1, 2, 3), nil, WithChainCode(cc[:31]))
	require.ErrorIs(t, err, ErrInput)
}

func TestImportRejects(t *testing.T) {
	c := curve.Secp256k1()
	sk := randomKey(t, c)
	cases := map[string]func() ([]*dkg.KeyShare, error){
		"no curve":         func() ([]*dkg.KeyShare, error) { return Import(nil, sk, 2, ids(1, 2), nil) },
		"no key":           func() ([]*dkg.KeyShare, error) { return Import(c, nil, 2, ids(1, 2), nil) },
		"zero key":         func() ([]*dkg.KeyShare, error) { return Import(c, c.NewScalar(), 2, ids(1, 2), nil) },
		"key of the other": func() ([]*dkg.KeyShare, error) { return Import(curve.Edwards25519(), sk, 2, ids(1, 2), nil) },
		"t = 0":            func() ([]*dkg.KeyShare, error) { return Import(c, sk, 0, ids(1, 2), nil) },
		"t > n":            func() ([]*dkg.KeyShare, error) { return Import(c, sk, 3, ids(1, 2), nil) },
		"party 0":          func() ([]*dkg.KeyShare, error) { return Import(c, sk, 2, ids(0, 1, 2), nil) },
		"duplicate party":  func() ([]*dkg.KeyShare, error) { return Import(c, sk, 2, ids(1, 2, 2), nil) },
		"no parties":       func() ([]*dkg.KeyShare, error) { return Import(c, sk, 1, nil, nil) },
	}
	for name, f := range cases {
		_, err := f()
		require.ErrorIs(t, err, ErrInput, name)
	}
}

func TestExportRejects(t *testing.T) {
	c := curve.Edwards25519()
	a, err := Import(c, randomKey(t, c), 2, ids(1, 2, 3), nil)
	require.NoError(t, err)
	b, err := Import(c, randomKey(t, c), 2, ids(1, 2, 3), nil)
	require.NoError(t, err)
	broken := a[1].Clone()
	broken.Secret = c.ScalarFromUint64(3)

	cases := map[string]struct {
		shares []*dkg.KeyShare
		want   error
	}{
		"none":             {nil, ErrTooFewShares},
		"too few":          {a[:1], ErrTooFewShares},
		"nil share":        {[]*dkg.KeyShare{a[0], nil}, ErrInconsistentShares},
		"two keys":         {[]*dkg.KeyShare{a[0], b[1]}, ErrInconsistentShares},
		"same party twice": {[]*dkg.KeyShare{a[0], a[0]}, ErrInconsistentShares},
		"invalid share":    {[]*dkg.KeyShare{a[0], broken}, ErrInconsistentShares},
	}
	for name, tc := range cases {
		_, err := Export(tc.shares)
		require.ErrorIs(t, err, tc.want, name)
	}
}

// Shares from before and after a public-share change (as a refresh makes)
// are different generations of one key and are refused together.
func TestExportRefusesMixedGenerations(t *testing.T) {
	c := curve.Secp256k1()
	sk := randomKey(t, c)
	a, err := Import(c, sk, 2, ids(1, 2, 3), nil)
	require.NoError(t, err)
	b, err := Import(c, sk, 2, ids(1, 2, 3), nil) // same key, another sharing
	require.NoError(t, err)
	_, err = Export([]*dkg.KeyShare{a[0], b[1]})
	require.ErrorIs(t, err, ErrInconsistentShares)
	got, err := Export([]*dkg.KeyShare{b[0], b[2]})
	require.NoError(t, err)
	require.True(t, got.Equal(sk))
}

func BenchmarkImport(b *testing.B) {
	c := curve.Secp256k1()
	sk := randomKey(b, c)
	b.ReportAllocs()
	for b.Loop() {
		_, err := Import(c, sk, 3, ids(1, 2, 3, 4, 5), nil)
		require.NoError(b, err)
	}
}

func BenchmarkExport(b *testing.B) {
	c := curve.Secp256k1()
	shares, err := Import(c, randomKey(b, c), 3, ids(1, 2, 3, 4, 5), nil)
	require.NoError(b, err)
	b.ReportAllocs()
	for b.Loop() {
		_, err := Export(shares[:3])
		require.NoError(b, err)
	}
}
