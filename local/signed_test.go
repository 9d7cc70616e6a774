package local_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"slices"
	"testing"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/frost"
	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/local"
	"github.com/mosaic-mpc/mosaic/refresh"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/stretchr/testify/require"
)

// certificates collects what WithCertificates hands over, per run.
type certificates struct {
	runs []map[transport.PartyID][]byte
}

// option returns the option that records one run's certificates.
func (c *certificates) option() local.Option {
	run := map[transport.PartyID][]byte{}
	c.runs = append(c.runs, run)
	return local.WithCertificates(func(id transport.PartyID, cert []byte) { run[id] = cert })
}

// requireEvery checks that the last run gave every party of ids a
// certificate, and no other party one.
func (c *certificates) requireEvery(t *testing.T, ids []transport.PartyID, run string) {
	t.Helper()
	last := c.runs[len(c.runs)-1]
	require.Len(t, last, len(ids), "%s: one certificate per party", run)
	for _, id := range ids {
		require.NotEmpty(t, last[id], "%s: party %d's certificate", run, id)
	}
}

// A whole ECDSA and FROST wallet through local is signed and agrees at
// every step, with the parties' long-term identity keys or with keys made
// for each run: keygen, refresh, aux-info, presigning, ECDSA signing and
// FROST signing each end with every party holding a certificate of every
// party's confirmation. Long-term keys are recorded in the shares; keys
// made for one run are not.
func TestSignedRuns(t *testing.T) {
	parties := local.Parties(3)
	idk, err := local.NewIdentities(parties)
	require.NoError(t, err)
	cases := []struct {
		name   string
		opts   []local.Option
		record map[transport.PartyID]ed25519.PublicKey
	}{
		{"long-term keys", []local.Option{local.WithIdentities(idk)}, idk.Public()},
		{"keys of each run", nil, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			var certs certificates
			with := func(o local.Option) []local.Option { return append(slices.Clone(tc.opts), o) }

			shares, err := local.Keygen(ctx, curve.Secp256k1(), 2, parties, with(certs.option())...)
			require.NoError(t, err)
			certs.requireEvery(t, parties, "keygen")
			for _, s := range shares {
				require.Equal(t, tc.record, s.Identities, "keygen's record")
			}

			fresh, err := local.Refresh(ctx, shares, with(certs.option())...)
			require.NoError(t, err)
			certs.requireEvery(t, parties, "refresh")
			for _, s := range fresh {
				require.Equal(t, tc.record, s.Identities, "refresh's record")
			}

			signers := ids{1, 3}
			msg := sha256.Sum256([]byte("signed FROST"))
			_, _, err = local.SignFROST(ctx, frost.Secp256k1TR(), fresh, signers, msg[:], nil, with(certs.option())...)
			require.NoError(t, err)
			certs.requireEvery(t, signers, "frost")

			aux, err := local.AuxFromSecrets(ctx, auxSecrets(t, parties), with(certs.option())...)
			require.NoError(t, err)
			certs.requireEvery(t, parties, "aux-info")
			keys, err := local.ECDSAKeys(fresh, aux)
			require.NoError(t, err)

			pres, err := local.Presign(ctx, keys, signers, nil, with(certs.option())...)
			require.NoError(t, err)
			certs.requireEvery(t, signers, "presign")
			digest := sha256.Sum256([]byte("signed ECDSA"))
			sig, err := local.SignECDSA(ctx, pres, signers, digest[:], with(certs.option())...)
			require.NoError(t, err)
			certs.requireEvery(t, signers, "sign")
			require.NoError(t, cggmp.VerifyLowS(keys[1].PublicKey(), digest[:], sig))
		})
	}
}

// Repair and Reshare keep the record of long-term keys: the repaired share
// has the key's record, and the new committee's shares record the keys of
// its parties, joining ones included, which then sign.
func TestSignedLifecycleRecords(t *testing.T) {
	ctx := context.Background()
	idk, err := local.NewIdentities(local.Parties(5))
	require.NoError(t, err)
	signed := local.WithIdentities(idk)
	shares, err := local.Keygen(ctx, curve.Edwards25519(), 2, local.Parties(3), signed)
	require.NoError(t, err)
	record := shares[1].Identities
	require.Len(t, record, 3, "only the key's parties")

	repaired, err := local.Repair(ctx, shares, refresh.PublicOf(shares[1]), ids{1, 3}, 2, signed)
	require.NoError(t, err)
	require.Equal(t, record, repaired.Identities)

	reshared, err := local.Reshare(ctx, shares, ids{1, 2}, ids{2, 4, 5}, 2, signed)
	require.NoError(t, err)
	want := map[transport.PartyID]ed25519.PublicKey{2: idk.Public()[2], 4: idk.Public()[4], 5: idk.Public()[5]}
	for _, s := range reshared {
		require.Equal(t, want, s.Identities)
	}
	msg := []byte("new committee")
	sig, key, err := local.SignFROST(ctx, frost.Ed25519SHA512(), reshared, ids{4, 5}, msg, nil, signed)
	require.NoError(t, err)
	require.True(t, ed25519.Verify(key.Bytes(), msg, sig))
}

// RunAll leaves signing to the Machines' configurations: dkg Machines made
// with identities end holding their certificates (transport.Certified),
// which WithCertificates also gets.
func TestRunAllCertificates(t *testing.T) {
	parties := local.Parties(3)
	idk, err := local.NewIdentities(parties)
	require.NoError(t, err)
	peers := idk.Public()
	sid := []byte("run all certificates")
	ms := map[transport.PartyID]transport.Machine[*dkg.KeyShare]{}
	for _, id := range parties {
		ms[id], err = dkg.New(dkg.Config{Curve: curve.Edwards25519(), Threshold: 2, Parties: parties, Self: id, SessionID: sid,
			Identity: &transport.Identity{Key: idk[id], Peers: peers}})
		require.NoError(t, err)
	}
	got := map[transport.PartyID][]byte{}
	out, err := local.RunAll(context.Background(), parties, ms, local.WithCertificates(func(id transport.PartyID, cert []byte) { got[id] = cert }))
	require.NoError(t, err)
	for _, id := range parties {
		require.Equal(t, peers, out[id].Identities)
		cert := ms[id].(transport.Certified).Certificate()
		require.NotEmpty(t, cert, "party %d", id)
		require.Equal(t, cert, got[id], "party %d", id)
	}
}

// A key of one party (1-of-1) is signed too, with no peer to confirm to.
func TestSignedSingleParty(t *testing.T) {
	ctx := context.Background()
	idk, err := local.NewIdentities(local.Parties(1))
	require.NoError(t, err)
	var certs certificates
	shares, err := local.Keygen(ctx, curve.Edwards25519(), 1, local.Parties(1), local.WithIdentities(idk), certs.option())
	require.NoError(t, err)
	certs.requireEvery(t, local.Parties(1), "keygen")
	require.Equal(t, idk.Public(), shares[1].Identities)
	msg := []byte("alone")
	sig, key, err := local.SignFROST(ctx, frost.Ed25519SHA512(), shares, ids{1}, msg, nil, local.WithIdentities(idk))
	require.NoError(t, err)
	require.True(t, ed25519.Verify(key.Bytes(), msg, sig))
}

// auxSecrets makes aux secrets for parties from the test-only Paillier
// keys.
func auxSecrets(t *testing.T, parties []transport.PartyID) map[transport.PartyID]*cggmp.AuxSecret {
	secrets := map[transport.PartyID]*cggmp.AuxSecret{}
	for i, id := range parties {
		var err error
		secrets[id], err = cggmp.NewAuxSecret(testfixtures.PaillierKey(t, i), rand.Reader)
		require.NoError(t, err)
	}
	return secrets
}

// A key that records long-term identity keys is run with those keys only:
// without them, with a key missing or malformed, or with other keys, a
// run is refused before anything is sent, never run unsigned or signed by
// strangers. Runs whose inputs record no keys (aux-info, and signing with
// a presignature) take any keys, but a missing or malformed one is
// refused all the same.
func TestIdentityKeysChecked(t *testing.T) {
	ctx := context.Background()
	parties := local.Parties(3)
	idk, err := local.NewIdentities(parties)
	require.NoError(t, err)
	signed := local.WithIdentities(idk)
	shares, err := local.Keygen(ctx, curve.Secp256k1(), 2, parties, signed)
	require.NoError(t, err)
	strangers, err := local.NewIdentities(parties)
	require.NoError(t, err)
	pub := refresh.PublicOf(shares[1])
	aux, err := local.AuxFromSecrets(ctx, auxSecrets(t, parties), signed)
	require.NoError(t, err)
	keys, err := local.ECDSAKeys(shares, aux)
	require.NoError(t, err)
	pres, err := local.Presign(ctx, keys, ids{1, 2}, nil, signed)
	require.NoError(t, err)
	secrets := auxSecrets(t, parties) // never run: every run below is refused

	runs := []struct {
		name   string
		record bool // whether its inputs record identity keys
		run    func(...local.Option) error
	}{
		{"refresh", true, func(o ...local.Option) error { _, err := local.Refresh(ctx, shares, o...); return err }},
		{"repair", true, func(o ...local.Option) error {
			_, err := local.Repair(ctx, shares, pub, ids{1, 3}, 2, o...)
			return err
		}},
		{"reshare", true, func(o ...local.Option) error {
			_, err := local.Reshare(ctx, shares, ids{1, 2}, ids{1, 2, 3}, 2, o...)
			return err
		}},
		{"frost", true, func(o ...local.Option) error {
			_, _, err := local.SignFROST(ctx, frost.Secp256k1TR(), shares, ids{1, 2}, make([]byte, 32), nil, o...)
			return err
		}},
		{"presign", true, func(o ...local.Option) error { _, err := local.Presign(ctx, keys, ids{1, 2}, nil, o...); return err }},
		{"aux", false, func(o ...local.Option) error { _, err := local.Aux(ctx, parties, nil, o...); return err }},
		{"aux from secrets", false, func(o ...local.Option) error { _, err := local.AuxFromSecrets(ctx, secrets, o...); return err }},
		{"sign", false, func(o ...local.Option) error {
			_, err := local.SignECDSA(ctx, pres, ids{1, 2}, make([]byte, 32), o...)
			return err
		}},
	}
	opts := []struct {
		name       string
		opts       []local.Option
		recordOnly bool // faults only runs whose inputs record keys
	}{
		{"no identities", nil, true},
		{"nil identities", []local.Option{local.WithIdentities(nil)}, true},
		{"keys the shares do not record", []local.Option{local.WithIdentities(strangers)}, true},
		{"a party without a key", []local.Option{local.WithIdentities(local.Identities{1: idk[1], 3: idk[3]})}, false},
		{"a malformed key", []local.Option{local.WithIdentities(local.Identities{1: idk[1], 2: idk[2][:10], 3: idk[3]})}, false},
	}
	for _, o := range opts {
		for _, r := range runs {
			if o.recordOnly && !r.record {
				continue
			}
			t.Run(o.name+"/"+r.name, func(t *testing.T) {
				err := r.run(o.opts...)
				require.ErrorIs(t, err, local.ErrInput)
				var abort *transport.AbortError
				require.NotErrorAs(t, err, &abort, "refused before any run")
			})
		}
	}
}

func TestIdentities(t *testing.T) {
	seeds := bytes.Repeat([]byte{7}, 3*ed25519.SeedSize)
	for i := range seeds {
		seeds[i] += byte(i / ed25519.SeedSize) // one seed per party
	}
	want := map[transport.PartyID]ed25519.PublicKey{}
	for i, id := range local.Parties(3) {
		want[id] = ed25519.NewKeyFromSeed(seeds[i*ed25519.SeedSize : (i+1)*ed25519.SeedSize]).Public().(ed25519.PublicKey)
	}

	t.Run("drawn from WithRand, in party order", func(t *testing.T) {
		idk, err := local.NewIdentities(local.Parties(3), local.WithRand(bytes.NewReader(seeds)))
		require.NoError(t, err)
		require.Equal(t, want, idk.Public())
	})
	t.Run("Keygen records the keys of its parties", func(t *testing.T) {
		all, err := local.NewIdentities(local.Parties(5))
		require.NoError(t, err)
		shares, err := local.Keygen(context.Background(), curve.Edwards25519(), 2, local.Parties(3), local.WithIdentities(all))
		require.NoError(t, err)
		want := all.Public()
		delete(want, 4)
		delete(want, 5)
		for _, s := range shares {
			require.Equal(t, want, s.Identities)
		}
	})
	t.Run("refusals", func(t *testing.T) {
		_, err := local.NewIdentities(nil)
		require.ErrorIs(t, err, local.ErrInput)
		_, err = local.NewIdentities(ids{1, 1})
		require.ErrorIs(t, err, local.ErrInput)
		_, err = local.NewIdentities(local.Parties(2), local.WithRand(errReader{}))
		require.ErrorIs(t, err, errNoEntropy)
		_, err = local.Keygen(context.Background(), curve.Edwards25519(), 2, local.Parties(3), local.WithIdentities(local.Identities{1: nil}))
		require.ErrorIs(t, err, local.ErrInput)
	})
	t.Run("a malformed key has no public key", func(t *testing.T) {
		idk := local.Identities{1: make(ed25519.PrivateKey, 10), 2: nil}
		require.Empty(t, idk.Public())
	})
}
