package frost

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// The TestMisuse_ tests are the frost rows of docs/misuse.md: a caller
// holding the API wrong gets an error or a documented zero answer, never a
// panic and never a second use of a nonce pair.

// TestMisuse_ZeroCiphersuite: the zero Ciphersuite is refused with
// ErrInvalidSuite by the functions that return errors, and its hashes and
// accessors answer nil or zero values instead of panicking.
func TestMisuse_ZeroCiphersuite(t *testing.T) {
	var s Ciphersuite
	require.NotPanics(t, func() {
		require.Nil(t, s.H1([]byte("m")))
		require.Nil(t, s.H2([]byte("m")))
		require.Nil(t, s.H3([]byte("m")))
		require.Nil(t, s.H4([]byte("m")))
		require.Nil(t, s.H5([]byte("m")))
		require.Nil(t, s.Curve())
		require.Zero(t, s.SignatureSize())
		require.Empty(t, s.ContextString())
		require.Equal(t, "FROST(invalid)", s.Name())
	})
	tests := map[string]func() error{
		"TrustedDealerKeygen": func() error { _, _, err := TrustedDealerKeygen(s, nil, 3, 2, nil); return err },
		"Commit":              func() error { _, _, err := Commit(s, nil, nil); return err },
		"Sign":                func() error { _, err := Sign(s, nil, nil, nil); return err },
		"NewSigningPackage":   func() error { _, err := NewSigningPackage(s, nil, nil); return err },
		"DecodeSignatureShare": func() error {
			_, err := DecodeSignatureShare(s, make([]byte, 64))
			return err
		},
		"VerifySignatureShare": func() error { return VerifySignatureShare(s, nil, nil, nil) },
	}
	for name, call := range tests {
		t.Run(name, func(t *testing.T) {
			require.NotPanics(t, func() { require.ErrorIs(t, call(), ErrInvalidSuite) })
		})
	}
}

// TestMisuse_ZeroValues: the accessors of nil and zero values of the
// package's types answer nil or zero values, never panic.
func TestMisuse_ZeroValues(t *testing.T) {
	tests := map[string]func(t *testing.T){
		"zero SignatureShare": func(t *testing.T) {
			s := &SignatureShare{}
			require.Nil(t, s.Share())
			require.Nil(t, s.Bytes())
			require.Equal(t, Ciphersuite{}, s.Suite())
		},
		"nil SignatureShare": func(t *testing.T) {
			var s *SignatureShare
			require.Nil(t, s.Share())
			require.Nil(t, s.Bytes())
			require.Equal(t, Identifier{}, s.Identifier())
		},
		"zero KeyPackage": func(t *testing.T) {
			kp := &KeyPackage{}
			require.Nil(t, kp.SigningShare())
			require.Nil(t, kp.GroupKey())
			kp.Zeroize()
		},
		"nil KeyPackage": func(t *testing.T) {
			var kp *KeyPackage
			require.Nil(t, kp.SigningShare())
			require.Nil(t, kp.VerifyingShare())
			require.Zero(t, kp.MinSigners())
			require.Equal(t, Identifier{}, kp.Identifier())
			require.Equal(t, Ciphersuite{}, kp.Suite())
			kp.Zeroize()
		},
		"nil PublicKeyPackage": func(t *testing.T) {
			var pk *PublicKeyPackage
			require.Nil(t, pk.GroupKey())
			require.Nil(t, pk.Identifiers())
			_, ok := pk.VerifyingShare(Identifier{})
			require.False(t, ok)
			require.Zero(t, pk.MinSigners())
			require.Equal(t, Ciphersuite{}, pk.Suite())
		},
		"nil SigningCommitments": func(t *testing.T) {
			var sc *SigningCommitments
			require.Nil(t, sc.Hiding())
			require.Nil(t, sc.Binding())
			require.Nil(t, sc.Bytes())
			require.Equal(t, Identifier{}, sc.Identifier())
			require.Equal(t, Ciphersuite{}, sc.Suite())
		},
		"nil SigningPackage": func(t *testing.T) {
			var p *SigningPackage
			require.Nil(t, p.Bytes())
			require.Nil(t, p.Message())
			require.Nil(t, p.Commitments())
			require.Nil(t, p.Identifiers())
			require.Zero(t, p.Len())
			_, ok := p.Commitment(Identifier{})
			require.False(t, ok)
			require.Equal(t, Ciphersuite{}, p.Suite())
		},
		"nil and zero SigningNonces": func(t *testing.T) {
			var n *SigningNonces
			require.Nil(t, n.Commitments())
			n.Zeroize()
			require.Nil(t, (&SigningNonces{}).Commitments())
		},
	}
	for name, check := range tests {
		t.Run(name, func(t *testing.T) {
			require.NotPanics(t, func() { check(t) })
		})
	}
}

// misuseSigning returns a key package, nonces for it and a signing package
// they sign, for two signers of a fresh 2-of-3 key.
func misuseSigning(t *testing.T, suite Ciphersuite) (*KeyPackage, *SigningNonces, *SigningPackage) {
	t.Helper()
	kps, _, err := TrustedDealerKeygen(suite, nil, 3, 2, nil)
	require.NoError(t, err)
	n1, c1, err := Commit(suite, kps[0], nil)
	require.NoError(t, err)
	_, c2, err := Commit(suite, kps[1], nil)
	require.NoError(t, err)
	pkg, err := NewSigningPackage(suite, []*SigningCommitments{c1, c2}, []byte("misuse"))
	require.NoError(t, err)
	return kps[0], n1, pkg
}

// TestMisuse_SigningNonces: the zero SigningNonces signs nothing, and a copy
// of a SigningNonces (n2 := *n) is the same nonce pair: whichever copy signs
// or is zeroized first, the others return ErrNonceReused, and of copies
// signing concurrently exactly one succeeds.
func TestMisuse_SigningNonces(t *testing.T) {
	suite := Secp256k1SHA256()
	t.Run("zero nonces", func(t *testing.T) {
		kp, _, pkg := misuseSigning(t, suite)
		_, err := Sign(suite, pkg, &SigningNonces{}, kp)
		require.ErrorIs(t, err, ErrNonceReused)
	})
	for _, zeroize := range []bool{false, true} {
		for _, copyFirst := range []bool{false, true} {
			name := map[bool]string{false: "sign", true: "zeroize"}[zeroize] +
				map[bool]string{false: " original first", true: " copy first"}[copyFirst]
			t.Run(name, func(t *testing.T) {
				kp, n, pkg := misuseSigning(t, suite)
				cp := *n
				first, second := n, &cp
				if copyFirst {
					first, second = second, first
				}
				if zeroize {
					first.Zeroize()
				} else {
					_, err := Sign(suite, pkg, first, kp)
					require.NoError(t, err)
				}
				for _, nonces := range []*SigningNonces{first, second} {
					share, err := Sign(suite, pkg, nonces, kp)
					require.ErrorIs(t, err, ErrNonceReused)
					require.Nil(t, share)
				}
			})
		}
	}
	t.Run("copies signing concurrently", func(t *testing.T) {
		kp, n, pkg := misuseSigning(t, suite)
		copies := make([]SigningNonces, 8)
		for i := range copies {
			copies[i] = *n
		}
		var wg sync.WaitGroup
		errs := make([]error, len(copies))
		for i := range copies {
			wg.Go(func() { _, errs[i] = Sign(suite, pkg, &copies[i], kp) })
		}
		wg.Wait()
		ok := 0
		for _, err := range errs {
			if err == nil {
				ok++
				continue
			}
			require.ErrorIs(t, err, ErrNonceReused)
		}
		require.Equal(t, 1, ok, "exactly one copy signs")
	})
}
