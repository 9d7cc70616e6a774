package cggmp

import (
	"crypto/sha256"
	"fmt"
	"testing"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	decredecdsa "github.com/decred/dcrd/dcrec/secp256k1/v4/ecdsa"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/stretchr/testify/require"
)

func signWith(t testing.TB, pres map[transport.PartyID]*Presignature, digest []byte) *Signature {
	var partials []*PartialSignature
	for _, p := range pres {
		ps, err := p.SignShare(digest)
		require.NoError(t, err)
		partials = append(partials, ps)
	}
	var sig *Signature
	for _, p := range pres {
		s, err := p.Combine(digest, partials)
		require.NoError(t, err)
		if sig != nil {
			require.Equal(t, sig.Bytes(), s.Bytes())
		}
		sig = s
	}
	return sig
}

func TestPresignAndSign(t *testing.T) {
	t.Parallel()
	presignAndSign(t, false)
}

// presignAndSign presigns and signs with the last t of n parties. The
// larger sets are slow (TestSlowPresignAndSign): the same code with more
// peers, at several times the cost.
func presignAndSign(t *testing.T, slow bool) {
	for _, tc := range []struct {
		t, n int
		slow bool
	}{{2, 3, false}, {3, 5, false}, {5, 5, true}, {4, 7, true}} {
		if tc.slow != slow {
			continue
		}
		t.Run(fmt.Sprintf("%d-of-%d", tc.t, tc.n), func(t *testing.T) {
			t.Parallel()
			keys := testKeys(t, tc.t, tc.n)
			signers := partyIDs(tc.n)[tc.n-tc.t:] // the last t parties
			pres := presignAll(t, keys, signers, nil)
			digest := sha256.Sum256([]byte("hello " + t.Name()))
			sig := signWith(t, pres, digest[:])
			pub := keys[1].PublicKey()
			require.NoError(t, VerifyLowS(pub, digest[:], sig))
			q, err := RecoverPublicKey(digest[:], sig)
			require.NoError(t, err)
			require.True(t, q.Equal(pub))
			// decred's verifier agrees
			dpub, err := secp256k1.ParsePubKey(pub.Bytes())
			require.NoError(t, err)
			var r, s secp256k1.ModNScalar
			r.SetByteSlice(sig.R.Bytes())
			s.SetByteSlice(sig.S.Bytes())
			require.True(t, decredecdsa.NewSignature(&r, &s).Verify(digest[:], dpub))
		})
	}
}

func TestPresignatureSingleUse(t *testing.T) {
	t.Parallel()
	keys := sharedKeys(t)
	pres := presignAll(t, keys, partyIDs(2), nil)
	digest := sha256.Sum256([]byte("once"))
	_, err := pres[1].SignShare(digest[:])
	require.NoError(t, err)
	_, err = pres[1].SignShare(digest[:])
	require.ErrorIs(t, err, ErrPresignatureUsed)
	other := sha256.Sum256([]byte("twice"))
	_, err = pres[1].SignShare(other[:])
	require.ErrorIs(t, err, ErrPresignatureUsed)
	pres[2].Discard()
	_, err = pres[2].SignShare(digest[:])
	require.ErrorIs(t, err, ErrPresignatureUsed)
}

// A signing set of one party (a 1-of-2 key): every round of presigning,
// signing and full signing finalizes at once, with no peer to wait for or
// send to, and the signatures verify.
func TestOneSigner(t *testing.T) {
	t.Parallel()
	keys := testKeys(t, 1, 2)
	signers := []transport.PartyID{2}
	pub := keys[2].PublicKey()
	digest := sha256.Sum256([]byte("one signer"))
	pres := presignAll(t, keys, signers, nil)
	sign := machinesFor(t, signers, func(id transport.PartyID) (transport.Machine[*Signature], error) {
		return NewSign(SignConfig{Presignature: pres[id], Digest: digest[:], SessionID: []byte("one signer")})
	})
	sigs, errs := runSign(t, signers, sign)
	require.Empty(t, errs)
	require.NoError(t, VerifyLowS(pub, digest[:], sigs[2]))
	full := machinesFor(t, signers, func(id transport.PartyID) (transport.Machine[*Signature], error) {
		return NewFullSign(FullSignConfig{PresignConfig: PresignConfig{Key: keys[id], Signers: signers, SessionID: []byte("one signer, full")}, Digest: digest[:]})
	})
	sigs, errs = runSign(t, signers, full)
	require.Empty(t, errs)
	require.NoError(t, VerifyLowS(pub, digest[:], sigs[2]))
}
