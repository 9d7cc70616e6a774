package frost

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/internal/midround"
	"github.com/mosaic-mpc/mosaic/transport"
)

// FuzzSignMidRound runs peer-to-peer signing (NewSign) by three signers of
// a 2-of-3 dealt key, in every suite and once more with a BIP-341 tweaked
// taproot key, and changes one message of one round, from any signer to
// any other: the commitments of round one or the signature shares of
// round two (SECURITY.md rules 6 and 9; internal/midround lists the
// checks). A signer that finishes returns a signature that verifies under
// the group key.
func FuzzSignMidRound(f *testing.F) {
	type variant struct {
		suite      Ciphersuite
		merkleRoot []byte // nil: untweaked
	}
	variants := []variant{{suite: Ed25519SHA512()}, {suite: Secp256k1SHA256()}, {suite: Secp256k1TR()}, {suite: Secp256k1TR(), merkleRoot: []byte{}}}
	signers := []transport.PartyID{1, 2, 3}
	msg := []byte("frost mid-round fuzzing")
	// keys deals the variant's key (the same in every process) and tweaks it.
	keys := func(tb testing.TB, v int) ([]*KeyPackage, *PublicKeyPackage) {
		vt := variants[v]
		kps, pub, err := TrustedDealerKeygen(vt.suite, nil, len(signers), 2, midround.Rand(tb, fmt.Sprintf("frost dealer %d", v)))
		require.NoError(tb, err)
		if vt.merkleRoot != nil {
			for i := range kps {
				kps[i], err = kps[i].Tweak(vt.merkleRoot)
				require.NoError(tb, err)
			}
			pub, err = pub.Tweak(vt.merkleRoot)
			require.NoError(tb, err)
		}
		return kps, pub
	}
	midround.Fuzz(f, midround.Protocol[[]byte]{
		Variants: len(variants),
		New: func(tb testing.TB, v int) map[transport.PartyID]transport.Machine[[]byte] {
			kps, pub := keys(tb, v)
			ms := map[transport.PartyID]transport.Machine[[]byte]{}
			for i, id := range signers {
				m, err := NewSign(SignConfig{Suite: variants[v].suite, Key: kps[i], Public: pub, Signers: signers, Self: id,
					SessionID: []byte("frost mid-round session"), Message: msg, Rand: midround.Rand(tb, fmt.Sprintf("frost %d signer %d", v, id))})
				require.NoError(tb, err)
				ms[id] = m
			}
			return ms
		},
		Check: func(tb testing.TB, v int, outs map[transport.PartyID][]byte, liar transport.PartyID) {
			_, pub := keys(tb, v)
			for id, sig := range outs {
				if id != liar {
					require.NoError(tb, Verify(variants[v].suite, pub.GroupKey(), msg, sig), "signer %d", id)
				}
			}
		},
	})
}
