package cggmp

import (
	"crypto/sha256"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/hd"
	"github.com/mosaic-mpc/mosaic/paillier"
)

// The TestMisuse_ tests are the cggmp rows of docs/misuse.md: a caller
// holding the API wrong gets an error or a documented zero answer, never a
// panic and never a second use of a single-use secret.

var misuseDigest = sha256.Sum256([]byte("misuse"))

// TestMisuse_ZeroKey: the accessors of a nil or zero Key answer nil or 0,
// and every use of it is ErrKey.
func TestMisuse_ZeroKey(t *testing.T) {
	for name, k := range map[string]*Key{
		"nil key":          nil,
		"zero key":         {},
		"key with no aux":  {Share: &dkg.KeyShare{}},
		"key of no share":  {Aux: &AuxInfo{}},
		"zero share, aux":  {Share: &dkg.KeyShare{}, Aux: &AuxInfo{}},
		"zero nested part": {Share: &dkg.KeyShare{}, Aux: &AuxInfo{Secret: &paillier.SecretKey{}}},
	} {
		t.Run(name, func(t *testing.T) {
			require.NotPanics(t, func() {
				require.Nil(t, k.PublicKey())
				require.Zero(t, k.Self())
				require.ErrorIs(t, k.Validate(), ErrKey)
				k.Zeroize()
				k.Zeroize()
				_, err := NewPresign(PresignConfig{Key: k, Signers: partyIDs(2), SessionID: []byte("sid")})
				require.ErrorIs(t, err, ErrKey)
			})
		})
	}
}

// TestMisuse_ZeroPresignature: a nil or zero Presignature signs nothing
// (ErrInvalidPresignature), is refused by NewSign (ErrConfig), reports
// itself used, and discards without a panic.
func TestMisuse_ZeroPresignature(t *testing.T) {
	for name, p := range map[string]*Presignature{
		"nil presignature":         nil,
		"zero presignature":        {},
		"public part only":         func() *Presignature { p := sessionPresignature(1); p.secret = nil; return p }(),
		"secret without the point": func() *Presignature { p := sessionPresignature(1); p.R = nil; return p }(),
	} {
		t.Run(name, func(t *testing.T) {
			require.NotPanics(t, func() {
				ps, err := p.SignShare(misuseDigest[:])
				require.ErrorIs(t, err, ErrInvalidPresignature)
				require.Nil(t, ps)
				_, err = p.SignShareAt(nil, misuseDigest[:])
				require.ErrorIs(t, err, ErrInvalidPresignature)
				_, err = NewSign(SignConfig{Presignature: p, Digest: misuseDigest[:], SessionID: []byte("sid")})
				require.ErrorIs(t, err, ErrConfig)
				require.ErrorIs(t, err, ErrInvalidPresignature)
				require.True(t, p.Used())
				p.Discard()
				p.Zeroize()
				_ = p.Signers()
				_ = p.Path()
			})
		})
	}
	t.Run("combine without a presignature", func(t *testing.T) {
		for _, p := range []*Presignature{nil, {}} {
			require.NotPanics(t, func() {
				sig, err := p.Combine(misuseDigest[:], nil)
				require.ErrorIs(t, err, ErrInvalidPresignature)
				require.Nil(t, sig)
				require.Nil(t, p.PublicKey())
			})
		}
	})
}

// TestMisuse_CopiedPresignature: a Presignature copied by value is the same
// presignature: whichever copy signs (or is discarded) first, every other
// copy is then used, and none signs a second partial (before, a copy signed
// with the zeroed k_i and χ_i of the original: an all-zero partial).
func TestMisuse_CopiedPresignature(t *testing.T) {
	spend := map[string]func(t *testing.T, p *Presignature){
		"SignShare": func(t *testing.T, p *Presignature) {
			_, err := p.SignShare(misuseDigest[:])
			require.NoError(t, err)
		},
		"SignShareAt": func(t *testing.T, p *Presignature) {
			_, err := p.SignShareAt(hd.Path(nil), misuseDigest[:])
			require.NoError(t, err)
		},
		"Discard": func(_ *testing.T, p *Presignature) { p.Discard() },
	}
	for name, use := range spend {
		for _, copyFirst := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/copy used first=%v", name, copyFirst), func(t *testing.T) {
				orig := sessionPresignature(1)
				cp := *orig
				first, second := orig, &cp
				if copyFirst {
					first, second = second, first
				}
				use(t, first)
				for _, p := range []*Presignature{first, second} {
					require.True(t, p.Used())
					ps, err := p.SignShare(misuseDigest[:])
					require.ErrorIs(t, err, ErrPresignatureUsed)
					require.Nil(t, ps)
					_, err = NewSign(SignConfig{Presignature: p, Digest: misuseDigest[:], SessionID: []byte("sid")})
					require.ErrorIs(t, err, ErrPresignatureUsed)
				}
				require.True(t, orig.secret.k.IsZero() && orig.secret.chi.IsZero(), "secret shares not zeroed")
			})
		}
	}
}

// TestMisuse_ZeroizeKey: Key.Zeroize erases the Shamir share and the
// Paillier secret key; the key is then refused (ErrKey) and other keys,
// and clones of the share made before, are untouched.
func TestMisuse_ZeroizeKey(t *testing.T) {
	shared := sharedKeys(t)[1]
	// An own Paillier key and share: the shared fixtures must stay intact.
	enc, err := shared.Aux.Secret.MarshalBinary()
	require.NoError(t, err)
	sk := new(paillier.SecretKey)
	require.NoError(t, sk.UnmarshalBinary(enc))
	aux := *shared.Aux
	aux.Secret = sk
	k, err := NewKey(shared.Share.Clone(), &aux)
	require.NoError(t, err)
	clone := k.Share.Clone()

	k.Zeroize()
	require.True(t, k.Share.Secret.IsZero(), "share not zeroed")
	require.Nil(t, k.Aux.Secret.P(), "Paillier key not zeroized")
	require.ErrorIs(t, k.Validate(), ErrKey)
	_, err = NewPresign(PresignConfig{Key: k, Signers: partyIDs(2), SessionID: []byte("sid")})
	require.ErrorIs(t, err, ErrKey)
	_, err = sk.MarshalBinary()
	require.ErrorIs(t, err, paillier.ErrInvalidSecretKey)

	require.NoError(t, clone.Validate(), "a clone made before is its own copy")
	require.NoError(t, shared.Validate(), "the key it was made from is untouched")
	require.NotPanics(t, k.Zeroize, "twice")
}

// TestMisuse_ZeroizeAuxSecret: a zeroized AuxSecret is refused by aux-info.
func TestMisuse_ZeroizeAuxSecret(t *testing.T) {
	var nilSecret *AuxSecret
	require.NotPanics(t, nilSecret.Zeroize)
	require.NotPanics(t, (&AuxSecret{}).Zeroize)

	fixture := fixtureAuxSecret(t, 0)
	enc, err := fixture.Paillier.MarshalBinary()
	require.NoError(t, err)
	sk := new(paillier.SecretKey)
	require.NoError(t, sk.UnmarshalBinary(enc))
	sec, err := NewAuxSecret(sk, nil)
	require.NoError(t, err)
	sec.Zeroize()
	_, err = NewAux(AuxConfig{Parties: partyIDs(2), Self: 1, SessionID: []byte("sid"), Secret: sec})
	require.ErrorContains(t, err, "zeroized")
}
