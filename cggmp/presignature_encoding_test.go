package cggmp

import (
	"bytes"
	"crypto/rand"
	"testing"

	"github.com/cronokirby/saferith"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/hd"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/stretchr/testify/require"
)

// syntheticPresignature is a presignature of party 2 among signers 1, 2, 3
// whose public part is random but consistent with its shares (k·R, χ·R):
// it encodes and decodes like a real one without a presigning run, which
// keeps the decoder's tests and fuzz seeds cheap. It does not sign
// anything valid.
func syntheticPresignature(tb testing.TB) *Presignature {
	tb.Helper()
	c := curve.Secp256k1()
	rnd := func() curve.Scalar {
		s, err := c.RandomScalar(rand.Reader)
		require.NoError(tb, err)
		return s
	}
	signers := []transport.PartyID{1, 2, 3}
	R := c.ScalarBaseMult(rnd())
	k, chi := rnd(), rnd()
	p := &Presignature{
		generation: bytes.Repeat([]byte{7}, KeyGenerationSize),
		sessionID:  []byte("synthetic session"),
		threshold:  2,
		self:       2,
		signers:    signers,
		pub:        c.ScalarBaseMult(rnd()),
		path:       hd.Path{44, 0},
		tweak:      rnd(),
		R:          R,
		Delta:      map[transport.PartyID]curve.Point{},
		S:          map[transport.PartyID]curve.Point{},
	}
	for _, j := range signers {
		p.Delta[j], p.S[j] = c.ScalarBaseMult(rnd()), c.ScalarBaseMult(rnd())
	}
	p.Delta[2], p.S[2] = R.ScalarMult(k), R.ScalarMult(chi)
	p.secret = newPresignSecret(k, chi)
	return p
}

// refreshedKey returns what a refresh makes of key: every share moved by
// f(i) for a random f of degree t-1 with f(0) = 0, so the group key stays
// and every public share changes.
func refreshedKey(t *testing.T, key *Key) *Key {
	t.Helper()
	c := curve.Secp256k1()
	coeffs := make([]curve.Scalar, key.Share.Threshold-1)
	for i := range coeffs {
		s, err := c.RandomScalar(rand.Reader)
		require.NoError(t, err)
		coeffs[i] = s
	}
	f := func(id transport.PartyID) curve.Scalar {
		x := c.ScalarFromNat(new(saferith.Nat).SetUint64(uint64(id)))
		acc, pow := c.NewScalar(), x
		for _, a := range coeffs {
			acc = acc.Add(a.Mul(pow))
			pow = pow.Mul(x)
		}
		return acc
	}
	share := *key.Share
	share.PublicShares = map[transport.PartyID]curve.Point{}
	for _, j := range key.Share.Parties {
		share.PublicShares[j] = key.Share.PublicShares[j].Add(c.ScalarBaseMult(f(j)))
	}
	share.Secret = key.Share.Secret.Add(f(key.Share.Self))
	k, err := NewKey(&dkg.KeyShare{
		Curve: share.Curve, Threshold: share.Threshold, Parties: share.Parties, Self: share.Self,
		Secret: share.Secret, GroupKey: share.GroupKey, PublicShares: share.PublicShares,
		ChainCode: share.ChainCode, Identities: share.Identities,
	}, key.Aux)
	require.NoError(t, err)
	return k
}

func TestPresignatureEncodingSignsAfterRoundTrip(t *testing.T) {
	keys := sharedKeys(t)
	signers := []transport.PartyID{1, 3}
	pres := presignAll(t, keys, signers, nil, 7)
	digest := bytes.Repeat([]byte{0x42}, 32)

	enc, err := pres[3].MarshalBinary()
	require.NoError(t, err)
	loaded, err := ParsePresignature(enc)
	require.NoError(t, err)
	require.NoError(t, loaded.CheckKey(keys[3]))
	require.ErrorIs(t, loaded.CheckKey(keys[1]), ErrPresignatureGeneration, "another party's key")
	again, err := loaded.MarshalBinary()
	require.NoError(t, err)
	require.Equal(t, enc, again, "one encoding per presignature")
	pres[3].Discard()

	var partials []*PartialSignature
	for _, p := range []*Presignature{pres[1], loaded} {
		ps, err := p.SignShareAt(hd.Path{7}, digest)
		require.NoError(t, err)
		partials = append(partials, ps)
	}
	sig, err := pres[1].Combine(digest, partials)
	require.NoError(t, err)
	require.NoError(t, VerifyLowS(loaded.PublicKey(), digest, sig))

	_, err = loaded.MarshalBinary()
	require.ErrorIs(t, err, ErrPresignatureUsed, "a used presignature cannot be stored")
}

func TestPresignatureCheckKeyRefusesOlderGeneration(t *testing.T) {
	keys := sharedKeys(t)
	pres := presignAll(t, keys, []transport.PartyID{1, 2}, nil)
	enc, err := pres[2].MarshalBinary()
	require.NoError(t, err)
	loaded, err := ParsePresignature(enc)
	require.NoError(t, err)
	require.NoError(t, loaded.CheckKey(keys[2]))
	require.ErrorIs(t, loaded.CheckKey(refreshedKey(t, keys[2])), ErrPresignatureGeneration)
	require.ErrorIs(t, loaded.CheckKey(nil), ErrKey)
}

func TestPresignatureMarshalRefusesUnusable(t *testing.T) {
	used := syntheticPresignature(t)
	used.Discard()
	copied := syntheticPresignature(t)
	cp := *copied
	cp.Discard()
	noGen := syntheticPresignature(t)
	noGen.generation = nil
	for _, tc := range []struct {
		name string
		p    *Presignature
		want error
	}{
		{"nil", nil, ErrInvalidPresignature},
		{"zero", &Presignature{}, ErrInvalidPresignature},
		{"discarded", used, ErrPresignatureUsed},
		{"copy discarded", copied, ErrPresignatureUsed},
		{"no generation", noGen, ErrPresignatureFormat},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.p.MarshalBinary()
			require.ErrorIs(t, err, tc.want)
		})
	}
}

func TestParsePresignatureRejects(t *testing.T) {
	p := syntheticPresignature(t)
	good, err := p.MarshalBinary()
	require.NoError(t, err)
	_, err = ParsePresignature(good)
	require.NoError(t, err)
	// Offsets in the encoding: version, then the 4-byte length prefixes.
	genAt := 1 + 4
	thresholdAt := genAt + KeyGenerationSize + 4
	selfAt := thresholdAt + 4 + 4
	edit := func(f func(b []byte) []byte) []byte { return f(bytes.Clone(good)) }
	for _, tc := range []struct {
		name, msg string
		b         []byte
	}{
		{"empty", "empty", nil},
		{"newer version", "format version 3, this release reads versions 1 and 2 only", edit(func(b []byte) []byte { b[0] = 3; return b })},
		{"version 2 without curve", "no curve id", []byte{presignatureVersionCurve}},
		{"version 2 unknown curve", "unknown curve", append([]byte{presignatureVersionCurve, 0xee}, good[1:]...)},
		{"version 2 on edwards25519", "ECDSA", append([]byte{presignatureVersionCurve, byte(curve.IDEdwards25519)}, good[1:]...)},
		{"secp256k1 in version 2", "secp256k1 presignature in format version 2", append([]byte{presignatureVersionCurve, byte(curve.IDSecp256k1)}, good[1:]...)},
		{"secp256k1 read as P-256", "", append([]byte{presignatureVersionCurve, byte(curve.IDP256)}, good[1:]...)},
		{"truncated", "", good[:len(good)-1]},
		{"trailing byte", "", append(bytes.Clone(good), 0)},
		{"threshold above signers", "threshold 4 with 3 signers", edit(func(b []byte) []byte { b[thresholdAt+3] = 4; return b })},
		{"threshold zero", "threshold 0", edit(func(b []byte) []byte { b[thresholdAt+3] = 0; return b })},
		{"self not a signer", "party 9 is not a signer", edit(func(b []byte) []byte { b[selfAt+3] = 9; return b })},
		{"self another signer", "do not match", edit(func(b []byte) []byte { b[selfAt+3] = 1; return b })},
		{"chi altered", "", edit(func(b []byte) []byte { b[len(b)-1] ^= 1; return b })},
		{"chi not canonical", "", edit(func(b []byte) []byte {
			copy(b[len(b)-32:], bytes.Repeat([]byte{0xff}, 32))
			return b
		})},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParsePresignature(tc.b)
			require.ErrorIs(t, err, ErrPresignatureFormat)
			require.ErrorContains(t, err, tc.msg)
			var q Presignature
			require.ErrorIs(t, q.UnmarshalBinary(tc.b), ErrPresignatureFormat)
			require.True(t, q.Used(), "a failed decode leaves the zero value")
		})
	}
}

// FuzzParsePresignature: decoding never panics, and whatever decodes
// re-encodes to the same bytes.
func FuzzParsePresignature(f *testing.F) {
	good, err := syntheticPresignature(f).MarshalBinary()
	require.NoError(f, err)
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add([]byte{presignatureVersion})
	f.Add([]byte{presignatureVersionCurve, byte(curve.IDP256)})
	f.Add(append([]byte{presignatureVersionCurve, byte(curve.IDP256)}, good[1:]...))
	f.Add(append([]byte{presignatureVersionCurve, byte(curve.IDStark)}, good[1:]...))
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := ParsePresignature(b)
		if err != nil {
			require.Nil(t, p)
			return
		}
		again, err := p.MarshalBinary()
		require.NoError(t, err)
		require.Equal(t, b, again)
	})
}
