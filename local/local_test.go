package local_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/frost"
	"github.com/mosaic-mpc/mosaic/hd"
	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/local"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/refresh"
	"github.com/mosaic-mpc/mosaic/schnorr"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/stretchr/testify/require"
)

type ids = []transport.PartyID

func TestParties(t *testing.T) {
	cases := []struct {
		n    int
		want ids
	}{
		{-1, nil},
		{0, nil},
		{1, ids{1}},
		{4, ids{1, 2, 3, 4}},
	}
	for _, tc := range cases {
		require.Equal(t, tc.want, local.Parties(tc.n), "n=%d", tc.n)
	}
}

// errReader fails every read, to show that a randomness failure is an
// error and not a weak nonce.
type errReader struct{}

var errNoEntropy = errors.New("no entropy")

func (errReader) Read([]byte) (int, error) { return 0, errNoEntropy }

func TestKeygenErrors(t *testing.T) {
	ctx := context.Background()
	var nilCtx context.Context
	cases := []struct {
		name string
		ctx  context.Context
		c    curve.Curve
		t    int
		ids  ids
		opts []local.Option
		want error
	}{
		{"nil context", nilCtx, curve.Edwards25519(), 1, ids{1, 2}, nil, local.ErrInput},
		{"no curve", ctx, nil, 1, ids{1, 2}, nil, local.ErrInput},
		{"no parties", ctx, curve.Edwards25519(), 1, nil, nil, local.ErrInput},
		{"party zero", ctx, curve.Edwards25519(), 1, ids{0, 1}, nil, local.ErrInput},
		{"duplicate party", ctx, curve.Edwards25519(), 1, ids{1, 1}, nil, local.ErrInput},
		{"threshold zero", ctx, curve.Edwards25519(), 0, ids{1, 2}, nil, local.ErrInput},
		{"threshold above n", ctx, curve.Edwards25519(), 3, ids{1, 2}, nil, local.ErrInput},
		{"negative timeout", ctx, curve.Edwards25519(), 1, ids{1, 2}, []local.Option{local.WithTimeout(-time.Second)}, local.ErrInput},
		{"negative round timeout", ctx, curve.Edwards25519(), 1, ids{1, 2}, []local.Option{local.WithRoundTimeout(-time.Second)}, local.ErrInput},
		{"failing randomness", ctx, curve.Edwards25519(), 1, ids{1, 2}, []local.Option{local.WithRand(errReader{})}, errNoEntropy},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			shares, err := local.Keygen(tc.ctx, tc.c, tc.t, tc.ids, tc.opts...)
			require.ErrorIs(t, err, tc.want)
			require.Nil(t, shares)
		})
	}
}

func TestKeygenTimeoutNamesParty(t *testing.T) {
	_, err := local.Keygen(context.Background(), curve.Edwards25519(), 2, local.Parties(3), local.WithTimeout(time.Nanosecond))
	var pe *local.PartyError
	require.ErrorAs(t, err, &pe)
	require.Equal(t, transport.PartyID(1), pe.Party, "the first failure in party order")
	require.ErrorIs(t, err, context.DeadlineExceeded)
	require.Contains(t, err.Error(), "party 1")
}

func TestRunAllErrors(t *testing.T) {
	ctx := context.Background()
	two := local.Parties(2)
	sid := make([]byte, 32)
	machine := func(self transport.PartyID) transport.Machine[*dkg.KeyShare] {
		m, err := dkg.New(dkg.Config{Curve: curve.Edwards25519(), Threshold: 1, Parties: two, Self: self, SessionID: sid})
		require.NoError(t, err)
		return m
	}
	cases := []struct {
		name string
		ids  ids
		ms   map[transport.PartyID]transport.Machine[*dkg.KeyShare]
	}{
		{"no parties", nil, nil},
		{"missing machine", two, map[transport.PartyID]transport.Machine[*dkg.KeyShare]{1: machine(1)}},
		{"nil machine", two, map[transport.PartyID]transport.Machine[*dkg.KeyShare]{1: machine(1), 2: nil}},
		{"machine of another party", ids{1}, map[transport.PartyID]transport.Machine[*dkg.KeyShare]{1: machine(1), 2: machine(2)}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out, err := local.RunAll(ctx, tc.ids, tc.ms)
			require.ErrorIs(t, err, local.ErrInput)
			require.Nil(t, out)
		})
	}
	out, err := local.RunAll(ctx, two, map[transport.PartyID]transport.Machine[*dkg.KeyShare]{1: machine(1), 2: machine(2)})
	require.NoError(t, err)
	require.True(t, out[1].GroupKey.Equal(out[2].GroupKey))
}

// FROST keys through their whole life: keygen, plain and taproot
// signatures, refresh, repair and reshare, with the group key unchanged.
func TestFROSTLifecycle(t *testing.T) {
	ctx := context.Background()
	shares, err := local.Keygen(ctx, curve.Secp256k1(), 2, local.Parties(3), local.WithRand(rand.Reader))
	require.NoError(t, err)
	require.Len(t, shares, 3)
	group := shares[1].GroupKey
	msg := sha256.Sum256([]byte("local"))

	sig, key, err := local.SignFROST(ctx, frost.Secp256k1TR(), shares, ids{1, 3}, msg[:], nil)
	require.NoError(t, err)
	require.True(t, key.Equal(group), "untweaked: the group key")
	x, err := curve.XOnlyBytes(key)
	require.NoError(t, err)
	require.NoError(t, schnorr.Verify(x, msg[:], sig))

	sig, key, err = local.SignFROST(ctx, frost.Secp256k1TR(), shares, ids{2, 3}, msg[:], []byte{})
	require.NoError(t, err)
	require.False(t, key.Equal(group), "tweaked: the BIP-341 output key")
	x, err = curve.XOnlyBytes(key)
	require.NoError(t, err)
	require.NoError(t, schnorr.Verify(x, msg[:], sig))

	fresh, err := local.Refresh(ctx, shares)
	require.NoError(t, err)
	for id, s := range fresh {
		require.True(t, s.GroupKey.Equal(group))
		require.False(t, s.Secret.Equal(shares[id].Secret), "party %d's share changed", id)
	}

	lost := fresh[2]
	helpers := map[transport.PartyID]*dkg.KeyShare{1: fresh[1], 3: fresh[3]}
	repaired, err := local.Repair(ctx, helpers, refresh.PublicOf(fresh[1]), ids{1, 3}, 2)
	require.NoError(t, err)
	require.True(t, repaired.Secret.Equal(lost.Secret))

	reshared, err := local.Reshare(ctx, fresh, ids{1, 2}, ids{2, 4, 5, 6}, 3)
	require.NoError(t, err)
	require.Len(t, reshared, 4)
	for _, s := range reshared {
		require.True(t, s.GroupKey.Equal(group))
	}
	_, _, err = local.SignFROST(ctx, frost.Secp256k1TR(), reshared, ids{4, 5, 6}, msg[:], nil)
	require.NoError(t, err)
}

func TestSignFROSTEd25519(t *testing.T) {
	ctx := context.Background()
	shares, err := local.Keygen(ctx, curve.Edwards25519(), 2, local.Parties(3))
	require.NoError(t, err)
	msg := []byte("any length")
	sig, key, err := local.SignFROST(ctx, frost.Ed25519SHA512(), shares, ids{1, 2, 3}, msg, nil)
	require.NoError(t, err)
	require.True(t, ed25519.Verify(key.Bytes(), msg, sig))
}

func TestLifecycleErrors(t *testing.T) {
	ctx := context.Background()
	shares, err := local.Keygen(ctx, curve.Edwards25519(), 2, local.Parties(3))
	require.NoError(t, err)
	pub := refresh.PublicOf(shares[1])
	missing2 := map[transport.PartyID]*dkg.KeyShare{1: shares[1], 3: shares[3]}
	nil2 := map[transport.PartyID]*dkg.KeyShare{1: shares[1], 2: nil, 3: shares[3]}
	other, err := local.Keygen(ctx, curve.Edwards25519(), 2, local.Parties(3))
	require.NoError(t, err)
	otherKey2 := map[transport.PartyID]*dkg.KeyShare{1: shares[1], 2: other[2], 3: shares[3]}
	fresh, err := local.Refresh(ctx, shares)
	require.NoError(t, err)
	oldAndNew := map[transport.PartyID]*dkg.KeyShare{1: fresh[1], 2: shares[2], 3: shares[3]}
	freshHelpers := map[transport.PartyID]*dkg.KeyShare{1: fresh[1], 3: fresh[3]}
	bad := pub.Clone()
	bad.GroupKey = other[1].GroupKey // inconsistent with the public shares
	cases := []struct {
		name string
		run  func() error
		want error
	}{
		{"refresh: no shares", func() error { _, err := local.Refresh(ctx, nil); return err }, local.ErrInput},
		{"refresh: a share missing", func() error { _, err := local.Refresh(ctx, missing2); return err }, local.ErrInput},
		{"refresh: a nil share", func() error { _, err := local.Refresh(ctx, nil2); return err }, local.ErrInput},
		{"refresh: a share of another key", func() error { _, err := local.Refresh(ctx, otherKey2); return err }, local.ErrInput},
		{"refresh: old and refreshed shares mixed", func() error { _, err := local.Refresh(ctx, oldAndNew); return err }, local.ErrInput},
		{"repair: no public data", func() error { _, err := local.Repair(ctx, shares, nil, ids{1, 3}, 2); return err }, local.ErrInput},
		{"repair: no helpers", func() error { _, err := local.Repair(ctx, shares, pub, nil, 2); return err }, local.ErrInput},
		{"repair: lost among helpers", func() error { _, err := local.Repair(ctx, shares, pub, ids{1, 2}, 2); return err }, local.ErrInput},
		{"repair: lost zero", func() error { _, err := local.Repair(ctx, shares, pub, ids{1, 3}, 0); return err }, local.ErrInput},
		{"repair: helper without share", func() error { _, err := local.Repair(ctx, missing2, pub, ids{1, 2}, 3); return err }, local.ErrInput},
		{"repair: too few helpers", func() error { _, err := local.Repair(ctx, shares, pub, ids{1}, 2); return err }, refresh.ErrConfig},
		{"repair: public data of another key", func() error {
			_, err := local.Repair(ctx, shares, refresh.PublicOf(other[1]), ids{1, 3}, 2)
			return err
		}, refresh.ErrConfig},
		{"repair: public data from before a refresh", func() error {
			_, err := local.Repair(ctx, freshHelpers, pub, ids{1, 3}, 2)
			return err
		}, refresh.ErrConfig},
		{"repair: inconsistent public data", func() error { _, err := local.Repair(ctx, shares, bad, ids{1, 3}, 2); return err }, local.ErrInput},
		{"repair: zero public data", func() error {
			_, err := local.Repair(ctx, shares, &refresh.Public{}, ids{1, 3}, 2)
			return err
		}, local.ErrInput},
		{"reshare: no dealers", func() error { _, err := local.Reshare(ctx, shares, nil, ids{1, 2}, 1); return err }, local.ErrInput},
		{"reshare: no new parties", func() error { _, err := local.Reshare(ctx, shares, ids{1, 2}, nil, 1); return err }, local.ErrInput},
		{"reshare: threshold zero", func() error { _, err := local.Reshare(ctx, shares, ids{1, 2}, ids{1, 2}, 0); return err }, local.ErrInput},
		{"reshare: threshold above n", func() error { _, err := local.Reshare(ctx, shares, ids{1, 2}, ids{1, 2}, 3); return err }, local.ErrInput},
		{"reshare: dealer without share", func() error { _, err := local.Reshare(ctx, missing2, ids{1, 2}, ids{4, 5}, 2); return err }, local.ErrInput},
		{"frost: no signers", func() error {
			_, _, err := local.SignFROST(ctx, frost.Ed25519SHA512(), shares, nil, []byte("m"), nil)
			return err
		}, local.ErrInput},
		{"frost: signer without share", func() error {
			_, _, err := local.SignFROST(ctx, frost.Ed25519SHA512(), missing2, ids{1, 2}, []byte("m"), nil)
			return err
		}, local.ErrInput},
		{"frost: too few signers", func() error {
			_, _, err := local.SignFROST(ctx, frost.Ed25519SHA512(), shares, ids{1}, []byte("m"), nil)
			return err
		}, frost.ErrConfig},
		{"frost: zero suite", func() error {
			_, _, err := local.SignFROST(ctx, frost.Ciphersuite{}, shares, ids{1, 2}, []byte("m"), nil)
			return err
		}, local.ErrInput},
		{"frost: taproot tweak on Ed25519", func() error {
			_, _, err := local.SignFROST(ctx, frost.Ed25519SHA512(), shares, ids{1, 2}, []byte("m"), []byte{})
			return err
		}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			require.NotPanics(t, func() { err = tc.run() })
			require.Error(t, err)
			if tc.want != nil {
				require.ErrorIs(t, err, tc.want)
			}
			var abort *transport.AbortError
			require.False(t, errors.As(err, &abort), "a bad input is refused before any run: %v", err)
		})
	}
}

// Zero values where a share, key or presignature belongs are errors, not
// panics.
func TestZeroValues(t *testing.T) {
	ctx := context.Background()
	zero := map[transport.PartyID]*dkg.KeyShare{1: {}, 2: {}}
	digest := make([]byte, 32)
	cases := []struct {
		name string
		run  func() error
	}{
		{"refresh", func() error { _, err := local.Refresh(ctx, zero); return err }},
		{"repair", func() error { _, err := local.Repair(ctx, zero, &refresh.Public{}, ids{1, 2}, 3); return err }},
		{"reshare", func() error { _, err := local.Reshare(ctx, zero, ids{1, 2}, ids{3, 4}, 2); return err }},
		{"frost", func() error {
			_, _, err := local.SignFROST(ctx, frost.Ed25519SHA512(), zero, ids{1, 2}, []byte("m"), nil)
			return err
		}},
		{"ecdsa keys", func() error {
			_, err := local.ECDSAKeys(zero, map[transport.PartyID]*cggmp.AuxInfo{1: {}, 2: {}})
			return err
		}},
		{"presign", func() error {
			_, err := local.Presign(ctx, map[transport.PartyID]*cggmp.Key{1: {}, 2: {}}, ids{1, 2}, nil)
			return err
		}},
		{"sign", func() error {
			_, err := local.SignECDSA(ctx, map[transport.PartyID]*cggmp.Presignature{1: {}, 2: {}}, ids{1, 2}, digest)
			return err
		}},
		{"aux", func() error {
			_, err := local.AuxFromSecrets(ctx, map[transport.PartyID]*cggmp.AuxSecret{1: {}, 2: {}})
			return err
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			require.NotPanics(t, func() { err = tc.run() })
			require.Error(t, err)
		})
	}
}

// ecdsaKeys makes 2-of-3 CGGMP keys from the test-only Paillier keys.
func ecdsaKeys(t *testing.T) map[transport.PartyID]*cggmp.Key {
	ctx := context.Background()
	parties := local.Parties(3)
	shares, err := local.Keygen(ctx, curve.Secp256k1(), 2, parties)
	require.NoError(t, err)
	secrets := map[transport.PartyID]*cggmp.AuxSecret{}
	for i, id := range parties {
		secrets[id], err = cggmp.NewAuxSecret(testfixtures.PaillierKey(t, i), rand.Reader)
		require.NoError(t, err)
	}
	aux, err := local.AuxFromSecrets(ctx, secrets)
	require.NoError(t, err)
	keys, err := local.ECDSAKeys(shares, aux)
	require.NoError(t, err)
	return keys
}

func TestECDSA(t *testing.T) {
	ctx := context.Background()
	keys := ecdsaKeys(t)
	pub := keys[1].PublicKey()
	digest := sha256.Sum256([]byte("local ECDSA"))

	pres, err := local.Presign(ctx, keys, ids{1, 3}, nil)
	require.NoError(t, err)
	sig, err := local.SignECDSA(ctx, pres, ids{1, 3}, digest[:])
	require.NoError(t, err)
	require.NoError(t, cggmp.VerifyLowS(pub, digest[:], sig))
	_, err = local.SignECDSA(ctx, pres, ids{1, 3}, digest[:])
	require.Error(t, err, "a presignature signs once")

	path := hd.Path{0, 7}
	_, child, _, err := hd.DeriveTweak(pub, keys[1].Share.ChainCode, path)
	require.NoError(t, err)
	pres, err = local.PresignPath(ctx, keys, ids{2, 3}, path)
	require.NoError(t, err)
	sig, err = local.SignECDSAPath(ctx, pres, ids{2, 3}, path, digest[:])
	require.NoError(t, err)
	require.NoError(t, cggmp.VerifyLowS(child, digest[:], sig))
}

func TestECDSAErrors(t *testing.T) {
	ctx := context.Background()
	keys := ecdsaKeys(t)
	shares := map[transport.PartyID]*dkg.KeyShare{}
	aux := map[transport.PartyID]*cggmp.AuxInfo{}
	for id, k := range keys {
		shares[id], aux[id] = k.Share, k.Aux
	}
	digest := make([]byte, 32)
	cases := []struct {
		name string
		run  func() error
		want error
	}{
		{"keys: no shares", func() error { _, err := local.ECDSAKeys(nil, aux); return err }, local.ErrInput},
		{"keys: aux missing", func() error {
			_, err := local.ECDSAKeys(shares, map[transport.PartyID]*cggmp.AuxInfo{1: aux[1], 2: aux[2]})
			return err
		}, local.ErrInput},
		{"keys: aux without share", func() error {
			_, err := local.ECDSAKeys(map[transport.PartyID]*dkg.KeyShare{1: shares[1]}, aux)
			return err
		}, local.ErrInput},
		{"keys: aux without share names the lowest such party", func() error {
			// Parties 2 and 3 have aux info and no share; map order must
			// not decide which one the error names.
			var err error
			for range 20 {
				_, err = local.ECDSAKeys(map[transport.PartyID]*dkg.KeyShare{1: shares[1]}, aux)
				if err == nil || !strings.Contains(err.Error(), "party 2 ") {
					return fmt.Errorf("party 2 is not named: %v", err)
				}
			}
			return err
		}, local.ErrInput},
		{"keys: nil share", func() error {
			_, err := local.ECDSAKeys(map[transport.PartyID]*dkg.KeyShare{1: shares[1], 2: nil, 3: shares[3]}, aux)
			return err
		}, local.ErrInput},
		{"keys: swapped aux", func() error {
			_, err := local.ECDSAKeys(shares, map[transport.PartyID]*cggmp.AuxInfo{1: aux[2], 2: aux[1], 3: aux[3]})
			var pe *local.PartyError
			if !errors.As(err, &pe) || pe.Party != 1 {
				return errors.New("the first mismatched party is not named")
			}
			return err
		}, cggmp.ErrKey},
		{"presign: no signers", func() error { _, err := local.Presign(ctx, keys, nil, nil); return err }, local.ErrInput},
		{"presign: signer without key", func() error { _, err := local.Presign(ctx, keys, ids{1, 4}, nil); return err }, local.ErrInput},
		{"presign: too few signers", func() error { _, err := local.Presign(ctx, keys, ids{1}, nil); return err }, cggmp.ErrConfig},
		{"presign: hardened path", func() error {
			_, err := local.PresignPath(ctx, keys, ids{1, 2}, hd.Path{hd.HardenedOffset})
			return err
		}, cggmp.ErrConfig},
		{"sign: no signers", func() error { _, err := local.SignECDSA(ctx, nil, nil, digest); return err }, local.ErrInput},
		{"sign: no presignatures", func() error { _, err := local.SignECDSA(ctx, nil, ids{1, 2}, digest); return err }, local.ErrInput},
		{"aux: no secrets", func() error { _, err := local.AuxFromSecrets(ctx, nil); return err }, local.ErrInput},
		{"aux: nil secret", func() error {
			_, err := local.AuxFromSecrets(ctx, map[transport.PartyID]*cggmp.AuxSecret{1: nil, 2: nil})
			return err
		}, local.ErrInput},
		{"aux: no parties", func() error { _, err := local.Aux(ctx, nil, nil); return err }, local.ErrInput},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.run()
			require.ErrorIs(t, err, tc.want)
		})
	}
}

// A cancelled context stops the safe-prime search, naming the party whose
// key was being made, and reports no progress.
func TestAuxCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	calls := 0
	_, err := local.Aux(ctx, local.Parties(2), func(found, total int) { calls++ })
	var pe *local.PartyError
	require.ErrorAs(t, err, &pe)
	require.Equal(t, transport.PartyID(1), pe.Party)
	require.ErrorIs(t, err, context.Canceled)
	require.Zero(t, calls)
}

// Aux with real safe primes reports each of the 2n primes once, in order.
func TestAuxProgress(t *testing.T) {
	if testing.Short() {
		t.Skip("generates safe primes")
	}
	var got []int
	// The 112-bit level keeps the search short; the default is 128.
	aux, err := local.Aux(context.Background(), local.Parties(2), func(found, total int) {
		require.Equal(t, 4, total)
		got = append(got, found)
	}, local.WithLevel(paillier.Level112))
	require.NoError(t, err)
	require.Len(t, aux, 2)
	require.Equal(t, []int{1, 2, 3, 4}, got)
	for _, a := range aux {
		require.Equal(t, paillier.Level112, a.Level())
	}
}

// A value that is not a security level is refused before any search.
func TestAuxRefusesUnknownLevel(t *testing.T) {
	for _, l := range []paillier.SecurityLevel{0, 80, 256} {
		_, err := local.Aux(context.Background(), local.Parties(2), nil, local.WithLevel(l))
		require.ErrorIs(t, err, local.ErrInput, "level %d", int(l))
	}
}
