package robust_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"testing"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	decredecdsa "github.com/decred/dcrd/dcrec/secp256k1/v4/ecdsa"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/mosaic-mpc/mosaic/cggmp/robust"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/transport"
)

// The driver's tests use a fake Runner: a signature made with an ordinary
// secp256k1 key stands for the attempts' output, and aborts are built by
// hand as the agreement layer makes them.

var fakeDigest = sha256.Sum256([]byte("robust driver"))

// fakeSignature signs fakeDigest with a fixed key and returns the public
// key and the signature.
func fakeSignature(t testing.TB) (curve.Point, *cggmp.Signature) {
	t.Helper()
	priv := secp256k1.PrivKeyFromBytes(bytes.Repeat([]byte{7}, 32))
	pub, err := curve.Secp256k1().DecodePoint(priv.PubKey().SerializeCompressed(), false)
	require.NoError(t, err)
	ds := decredecdsa.Sign(priv, fakeDigest[:])
	r, s := ds.R(), ds.S()
	rb, sb := r.Bytes(), s.Bytes()
	sig, err := cggmp.ParseSignature(append(rb[:], sb[:]...))
	require.NoError(t, err)
	require.NoError(t, cggmp.VerifyLowS(pub, fakeDigest[:], sig))
	return pub, sig
}

// equivocation is the abort of a verdict that names p on evidence.
func equivocation(p transport.PartyID) error {
	return transport.NewAbortError(cggmp.FullSignProtocol, 2, "conclusion", fmt.Errorf("%w: signed two messages: [%d]", transport.ErrEquivocation, p), p)
}

// timeoutBlames is the abort of an attempt in which every party of by
// blamed p for its silence, naming nobody.
func timeoutBlames(p transport.PartyID, by []transport.PartyID) error {
	b := &transport.BlameError{Blames: map[transport.PartyID][]transport.PartyID{}}
	for _, a := range by {
		b.Blames[a] = []transport.PartyID{p}
	}
	return transport.NewAbortError(cggmp.FullSignProtocol, 3, "conclusion", errors.Join(b, transport.ErrTimeout))
}

// TestAdversary35_SignExcludesAndRetries: party 1 equivocates whenever it
// signs and party 2 falls silent; the driver names 1 on the evidence and
// 2 by its conflicts with the parties that blamed it, and signs without
// them.
func TestAdversary35_SignExcludesAndRetries(t *testing.T) {
	pub, sig := fakeSignature(t)
	var sets [][]transport.PartyID
	runner := robust.RunnerFunc(func(_ context.Context, a robust.Attempt) (*cggmp.Signature, error) {
		sets = append(sets, a.Signers)
		require.Equal(t, len(sets), a.Number)
		switch {
		case slices.Contains(a.Signers, 1):
			return nil, equivocation(1)
		case slices.Contains(a.Signers, 2):
			var by []transport.PartyID
			for _, p := range a.Signers {
				if p != 2 {
					by = append(by, p)
				}
			}
			return nil, timeoutBlames(2, by)
		}
		return sig, nil
	})
	var logs bytes.Buffer
	res, err := robust.Sign(context.Background(), robust.Config{
		Parties: partyIDs(5), Threshold: 3, PublicKey: pub, Digest: fakeDigest[:],
		SessionID: []byte{0xab, 0xcd}, Logger: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
	}, runner)
	require.NoError(t, err)
	require.Equal(t, sig, res.Signature)
	require.Equal(t, []transport.PartyID{3, 4, 5}, res.Signers)
	require.Equal(t, [][]transport.PartyID{{1, 2, 3}, {2, 3, 4}, {3, 4, 5}}, sets)
	require.Equal(t, 3, res.Attempts)
	require.Len(t, res.Culprits, 2)
	require.Equal(t, transport.PartyID(1), res.Culprits[0].Party)
	require.ErrorIs(t, res.Culprits[0].Evidence, transport.ErrEquivocation)
	// 2 is in conflict with 3 and 4, and 1 is a culprit: three parties,
	// more than f = 2 may be malicious, so one of 3 and 4 is honest.
	require.Equal(t, transport.PartyID(2), res.Culprits[1].Party)
	require.Equal(t, 2, res.Culprits[1].Attempt)
	require.ErrorIs(t, res.Culprits[1].Evidence, robust.ErrConflicts)
	require.Equal(t, []robust.Conflict{
		{A: 2, B: 3, Attempt: 2, Evidence: res.Conflicts[0].Evidence},
		{A: 2, B: 4, Attempt: 2, Evidence: res.Conflicts[1].Evidence},
	}, res.Conflicts)
	require.Empty(t, res.Suspects, "2's conflicts are explained")
	require.Contains(t, logs.String(), "session=abcd")
	require.Contains(t, logs.String(), "attempt=3")
}

func TestSignRefuses(t *testing.T) {
	pub, sig := fakeSignature(t)
	ok := robust.RunnerFunc(func(context.Context, robust.Attempt) (*cggmp.Signature, error) { return sig, nil })
	good := robust.Config{Parties: partyIDs(3), Threshold: 2, PublicKey: pub, Digest: fakeDigest[:]}
	tests := []struct {
		name   string
		edit   func(*robust.Config)
		runner robust.Runner
	}{
		{"no runner", func(*robust.Config) {}, nil},
		{"short digest", func(c *robust.Config) { c.Digest = c.Digest[:31] }, ok},
		{"no public key", func(c *robust.Config) { c.PublicKey = nil }, ok},
		{"identity public key", func(c *robust.Config) { c.PublicKey = curve.Secp256k1().Identity() }, ok},
		{"ed25519 public key", func(c *robust.Config) { c.PublicKey = curve.Edwards25519().Generator() }, ok},
		{"negative MaxAttempts", func(c *robust.Config) { c.MaxAttempts = -1 }, ok},
		{"threshold above n", func(c *robust.Config) { c.Threshold = 4 }, ok},
		{"repeated party", func(c *robust.Config) { c.Parties = []transport.PartyID{1, 1, 2} }, ok},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := good
			tc.edit(&cfg)
			res, err := robust.Sign(context.Background(), cfg, tc.runner)
			require.ErrorIs(t, err, robust.ErrConfig)
			require.NotNil(t, res)
			require.Nil(t, res.Signature)
		})
	}
	// A nil context is refused, not a panic.
	//lint:ignore SA1012 a nil context is what this test passes
	res, err := robust.Sign(nil, good, ok)
	require.ErrorIs(t, err, robust.ErrConfig)
	require.NotNil(t, res)
	res, err = robust.Sign(context.Background(), good, ok)
	require.NoError(t, err, "the good configuration signs")
	require.Equal(t, 1, res.Attempts)
}

func TestSignStops(t *testing.T) {
	pub, sig := fakeSignature(t)
	other := *sig
	other.S = sig.S.Add(curve.Secp256k1().NewScalar().Add(sig.R))
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name string
		ctx  context.Context
		max  int
		run  func(a robust.Attempt) (*cggmp.Signature, error)
		want error
	}{
		{"invalid signature", context.Background(), 0, func(robust.Attempt) (*cggmp.Signature, error) { return &other, nil }, robust.ErrBadSignature},
		{"nil signature", context.Background(), 0, func(robust.Attempt) (*cggmp.Signature, error) { return nil, nil }, robust.ErrBadSignature},
		{"not an abort", context.Background(), 0, func(robust.Attempt) (*cggmp.Signature, error) { return nil, errAttempt }, robust.ErrAttempt},
		{"local failure", context.Background(), 0, func(robust.Attempt) (*cggmp.Signature, error) {
			return nil, transport.NewAbortError("p", 1, "local failure", transport.ErrLocal)
		}, robust.ErrAttempt},
		{"key mismatch", context.Background(), 0, func(robust.Attempt) (*cggmp.Signature, error) {
			return nil, transport.NewAbortError("p", 1, "key mismatch", transport.ErrContextMismatch)
		}, robust.ErrAttempt},
		{"canceled", canceled, 0, func(robust.Attempt) (*cggmp.Signature, error) { return sig, nil }, context.Canceled},
		{"MaxAttempts", context.Background(), 2, func(a robust.Attempt) (*cggmp.Signature, error) {
			return nil, timeoutBlames(a.Signers[0], a.Signers[1:2])
		}, robust.ErrExhausted},
		{"every set untraceable", context.Background(), 0, func(robust.Attempt) (*cggmp.Signature, error) {
			return nil, transport.NewAbortError("p", 1, "peer aborted", transport.ErrPeerAborted)
		}, robust.ErrExhausted},
		{"too many culprits", context.Background(), 0, func(a robust.Attempt) (*cggmp.Signature, error) {
			return nil, equivocation(a.Signers[0])
		}, robust.ErrExhausted},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := robust.Sign(tc.ctx, robust.Config{Parties: partyIDs(4), Threshold: 3, PublicKey: pub, Digest: fakeDigest[:], MaxAttempts: tc.max},
				robust.RunnerFunc(func(_ context.Context, a robust.Attempt) (*cggmp.Signature, error) { return tc.run(a) }))
			require.ErrorIs(t, err, tc.want)
			require.NotNil(t, res)
			require.Nil(t, res.Signature)
		})
	}
}
