package cggmp

// Mid-round fuzzing of presigning and signing (SECURITY.md rules 6 and 9;
// internal/midround lists the checks): an honest run in memory, one
// message of one round changed. Every value of these runs, keys included,
// is drawn from midround.Rand, so the seeds (the honest messages) replay
// in every fuzzing worker.

import (
	"crypto/sha256"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/internal/midround"
	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/transport"
)

// midroundSigners is the signing set of the fuzzed runs: two signers of a
// 2-of-3 key. With one peer each, a party's proofs for its peers are made
// one after the other (perPeer), so its draws from its randomness come in
// a fixed order and the run is deterministic.
var midroundSigners = []transport.PartyID{1, 3}

// midroundDigest is what the fuzzed runs sign.
var midroundDigest = sha256.Sum256([]byte("cggmp mid-round fuzzing"))

// midroundKeyCache holds the keys of the fuzzed runs, made once per test
// binary (midroundKeys).
var midroundKeyCache struct {
	once sync.Once
	keys map[transport.PartyID]*Key
}

// midroundKeys returns 2-of-3 keys that are the same in every process:
// a DKG run in memory and ring-Pedersen parameters for the fixture
// Paillier keys, all drawn from midround.Rand. (testKeys draws fresh
// ones.)
func midroundKeys(tb testing.TB) map[transport.PartyID]*Key {
	tb.Helper()
	midroundKeyCache.once.Do(func() {
		ids := partyIDs(3)
		c := curve.Secp256k1()
		sid, err := dkg.SessionID(dkg.Protocol, c, ids, 2, make([]byte, dkg.NonceSize))
		require.NoError(tb, err)
		ms := map[transport.PartyID]transport.Machine[*dkg.KeyShare]{}
		for _, id := range ids {
			m, err := dkg.New(dkg.Config{Curve: c, Threshold: 2, Parties: ids, Self: id, SessionID: sid,
				Rand: midround.Rand(tb, fmt.Sprintf("cggmp keys dkg %d", id))})
			require.NoError(tb, err)
			ms[id] = m
		}
		run := midround.Run(tb, ms, nil)
		require.Len(tb, run.Outs, len(ids), "key generation: %v", run.Errs)
		pks := map[transport.PartyID]*paillier.PublicKey{}
		peds := map[transport.PartyID]*paillier.PedersenParams{}
		secrets := map[transport.PartyID]*AuxSecret{}
		for i, id := range ids {
			sec, err := NewAuxSecret(testfixtures.PaillierKey(tb, i), midround.Rand(tb, fmt.Sprintf("cggmp keys aux %d", id)))
			require.NoError(tb, err)
			secrets[id], pks[id], peds[id] = sec, sec.Paillier.PublicKey(), sec.Pedersen
		}
		keys := map[transport.PartyID]*Key{}
		for _, id := range ids {
			k, err := NewKey(run.Outs[id], &AuxInfo{Parties: ids, Self: id, Secret: secrets[id].Paillier, Paillier: pks, Pedersen: peds})
			require.NoError(tb, err)
			keys[id] = k
		}
		midroundKeyCache.keys = keys
	})
	require.NotNil(tb, midroundKeyCache.keys, "the mid-round keys failed in the first test that asked for them")
	return midroundKeyCache.keys
}

// midroundPresign returns fresh presigning machines for midroundSigners.
func midroundPresign(tb testing.TB, _ int) map[transport.PartyID]transport.Machine[*Presignature] {
	keys := midroundKeys(tb)
	ms := map[transport.PartyID]transport.Machine[*Presignature]{}
	for _, id := range midroundSigners {
		m, err := NewPresign(PresignConfig{Key: keys[id], Signers: midroundSigners, SessionID: []byte("cggmp mid-round presign"),
			Rand: midround.Rand(tb, fmt.Sprintf("cggmp presign %d", id))})
		require.NoError(tb, err)
		ms[id] = m
	}
	return ms
}

// FuzzPresignMidRound changes one message of presigning: K, G and ψ⁰ of
// round 1, the MtAs of round 2, δ, Δ, S and ψ″ of round 3, the
// confirmations of round 4, and whatever complaints or identification the
// change leads to. A presignature that comes out is consistent: its
// Δ_j sum to G and its S_j to the public key, its own k_i and χ_i match
// them, and if every signer finished, the presignatures sign.
func FuzzPresignMidRound(f *testing.F) {
	skipUnderRace(f)
	midround.Fuzz(f, midround.Protocol[*Presignature]{
		New:    midroundPresign,
		SeedTo: midroundSigners[0],
		Check: func(tb testing.TB, _ int, outs map[transport.PartyID]*Presignature, liar transport.PartyID) {
			pub := midroundKeys(tb)[midroundSigners[0]].PublicKey()
			c := curve.Secp256k1()
			for id, p := range outs {
				if id == liar {
					continue
				}
				require.True(tb, p.PublicKey().Equal(pub), "party %d: presignature for another key", id)
				require.Equal(tb, midroundSigners, p.Signers(), "party %d", id)
				DeltaSum, SSum := c.Identity(), c.Identity()
				for _, j := range midroundSigners {
					DeltaSum, SSum = DeltaSum.Add(p.Delta[j]), SSum.Add(p.S[j])
				}
				require.True(tb, DeltaSum.Equal(c.Generator()), "party %d: Σ Δ_j is not G", id)
				require.True(tb, SSum.Equal(pub), "party %d: Σ S_j is not the public key", id)
				require.True(tb, p.R.ScalarMult(p.secret.k).Equal(p.Delta[id]), "party %d: k_i·R is not Δ_i", id)
				require.True(tb, p.R.ScalarMult(p.secret.chi).Equal(p.S[id]), "party %d: χ_i·R is not S_i", id)
			}
			if len(outs) == len(midroundSigners) {
				require.NoError(tb, VerifyLowS(pub, midroundDigest[:], signWith(tb, outs, midroundDigest[:])))
			}
		},
	})
}

// midroundPresignatures holds one set of presignatures, made once per test
// binary, that FuzzSignMidRound copies for every run (NewSign consumes
// them).
var midroundPresignatures struct {
	once sync.Once
	pres map[transport.PartyID]*Presignature
}

// presignatureFields is the number of fields of Presignature that
// copyPresignature knows: a new field fails FuzzSignMidRound until it is
// copied too.
const presignatureFields = 12

// copyPresignature returns an unused copy of p with its own secrets. It
// names every field: a copy by value (*p) would share p's single-use
// secret, and be consumed with it.
func copyPresignature(p *Presignature) *Presignature {
	return &Presignature{
		sessionID: slices.Clone(p.sessionID), threshold: p.threshold, self: p.self, signers: slices.Clone(p.signers),
		pub: p.pub, path: slices.Clone(p.path), tweak: p.tweak, R: p.R, generation: slices.Clone(p.generation),
		secret: newPresignSecret(p.secret.k.Add(p.secret.k.Curve().NewScalar()), p.secret.chi.Add(p.secret.chi.Curve().NewScalar())),
		Delta:  maps.Clone(p.Delta), S: maps.Clone(p.S),
	}
}

// FuzzSignMidRound changes one partial signature of the one-round signing
// machine (NewSign), run on copies of one honest set of presignatures. A
// signature that comes out verifies.
func FuzzSignMidRound(f *testing.F) {
	skipUnderRace(f)
	require.Equal(f, presignatureFields, reflect.TypeFor[Presignature]().NumField(), "Presignature has a new field: copy it in copyPresignature")
	midroundPresignatures.once.Do(func() {
		run := midround.Run(f, midroundPresign(f, 0), nil)
		require.Len(f, run.Outs, len(midroundSigners), "presigning: %v", run.Errs)
		midroundPresignatures.pres = run.Outs
	})
	require.NotNil(f, midroundPresignatures.pres, "the mid-round presignatures failed in the first test that asked for them")
	midround.Fuzz(f, midround.Protocol[*Signature]{
		SeedTo: midroundSigners[0],
		New: func(tb testing.TB, _ int) map[transport.PartyID]transport.Machine[*Signature] {
			ms := map[transport.PartyID]transport.Machine[*Signature]{}
			for id, p := range midroundPresignatures.pres {
				m, err := NewSign(SignConfig{Presignature: copyPresignature(p), Digest: midroundDigest[:], SessionID: []byte("cggmp mid-round sign")})
				require.NoError(tb, err)
				ms[id] = m
			}
			return ms
		},
		Check: func(tb testing.TB, _ int, outs map[transport.PartyID]*Signature, liar transport.PartyID) {
			pub := midroundKeys(tb)[midroundSigners[0]].PublicKey()
			for id, sig := range outs {
				if id != liar {
					require.NoError(tb, VerifyLowS(pub, midroundDigest[:], sig), "party %d", id)
				}
			}
		},
	})
}
