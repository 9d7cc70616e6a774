package roast_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/frost"
	"github.com/mosaic-mpc/mosaic/frost/roast"
)

// request builds, as a malicious coordinator could, a request for session
// sid over the given commitments and message.
func request(tb testing.TB, suite frost.Ciphersuite, runID []byte, sid uint32, msg []byte, comms ...*frost.SigningCommitments) []byte {
	tb.Helper()
	pkg, err := frost.NewSigningPackage(suite, comms, msg)
	require.NoError(tb, err)
	return marshal(tb, &roast.Request{RunID: runID, Session: sid, Package: pkg})
}

// firstCommitment decodes signer v's first commitment.
func (f *fixture) firstCommitment(tb testing.TB, v uint64) *frost.SigningCommitments {
	tb.Helper()
	r, err := roast.DecodeResponse(f.keys.suite, f.first[mustID(tb, v)])
	require.NoError(tb, err)
	return r.Next
}

// A request for another message is refused, and refusing uses no nonce:
// the request for the run's message still gets a valid share.
func TestSignerRefusesOtherMessage(t *testing.T) {
	for _, sc := range suiteCases {
		t.Run(sc.name, func(t *testing.T) {
			f := newFixture(t, sc, 2, 3, nil)
			c1, c2 := f.firstCommitment(t, 1), f.firstCommitment(t, 2)
			s1 := f.signers[mustID(t, 1)]

			_, err := s1.Receive(request(t, sc.suite, f.runID, 1, []byte("pay 1000 coins to Mallory"), c1, c2))
			require.ErrorIs(t, err, roast.ErrWrongMessage)

			good := request(t, sc.suite, f.runID, 1, f.msg, c1, c2)
			resp, err := s1.Receive(good)
			require.NoError(t, err)
			req, err := roast.DecodeRequest(sc.suite, good)
			require.NoError(t, err)
			require.NoError(t, frost.VerifySignatureShare(sc.suite, req.Package, resp.Share, f.keys.pub))
		})
	}
}

// SECURITY.md case 22: a request that reuses a commitment the signer has
// already signed with (a replay, or the same commitment put into a second
// session) is refused, so no nonce signs twice. An exact copy of the last
// request gets the same answer, not a second signature.
func TestAdversary22_NonceReuse(t *testing.T) {
	f := newFixture(t, suiteCases[1], 2, 3, nil)
	c1, c2, c3 := f.firstCommitment(t, 1), f.firstCommitment(t, 2), f.firstCommitment(t, 3)
	s1 := f.signers[mustID(t, 1)]

	first := request(t, f.keys.suite, f.runID, 1, f.msg, c1, c2)
	resp, err := s1.Receive(first)
	require.NoError(t, err)
	again, err := s1.Receive(first)
	require.NoError(t, err)
	require.Equal(t, marshal(t, resp), marshal(t, again), "a redelivered request gets the same answer")

	// The same commitment in another session, with another co-signer.
	_, err = s1.Receive(request(t, f.keys.suite, f.runID, 2, f.msg, c1, c3))
	require.ErrorIs(t, err, roast.ErrStaleCommitment)
	// The same package under another session number.
	_, err = s1.Receive(request(t, f.keys.suite, f.runID, 2, f.msg, c1, c2))
	require.ErrorIs(t, err, roast.ErrStaleCommitment)

	// The new commitment signs once.
	next := request(t, f.keys.suite, f.runID, 3, f.msg, resp.Next, c3)
	resp2, err := s1.Receive(next)
	require.NoError(t, err)
	require.False(t, resp2.Next.Equal(resp.Next), "every answer carries a fresh commitment")
	// And the first request, no longer the last one, is now stale.
	_, err = s1.Receive(first)
	require.ErrorIs(t, err, roast.ErrStaleCommitment)
}

// Requests the signer refuses without using its nonces.
func TestSignerRefusals(t *testing.T) {
	f := newFixture(t, suiteCases[0], 2, 3, nil)
	c1, c2, c3 := f.firstCommitment(t, 1), f.firstCommitment(t, 2), f.firstCommitment(t, 3)
	_, foreign, err := frost.Commit(f.keys.suite, f.keys.key(mustID(t, 1)), nil)
	require.NoError(t, err)
	s1 := f.signers[mustID(t, 1)]
	for _, tc := range []struct {
		name string
		b    []byte
		want error
	}{
		{"garbage", []byte("garbage"), roast.ErrInvalidMessage},
		{"empty", nil, roast.ErrInvalidMessage},
		{"other run", request(t, f.keys.suite, []byte("run 2"), 1, f.msg, c1, c2), roast.ErrWrongRun},
		{"not in the session", request(t, f.keys.suite, f.runID, 1, f.msg, c2, c3), roast.ErrNotInSession},
		{"too few signers", request(t, f.keys.suite, f.runID, 1, f.msg, c1), frost.ErrNotEnoughSigners},
		{"commitment never made", request(t, f.keys.suite, f.runID, 1, f.msg, foreign, c2), roast.ErrStaleCommitment},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := s1.Receive(tc.b)
			require.ErrorIs(t, err, tc.want)
		})
	}
	_, err = s1.Receive(request(t, f.keys.suite, f.runID, 1, f.msg, c1, c2))
	require.NoError(t, err, "the refusals used no nonce")

	s1.Close()
	s1.Close()
	_, err = s1.Receive(request(t, f.keys.suite, f.runID, 1, f.msg, c1, c2))
	require.ErrorIs(t, err, roast.ErrClosed)
}

// failingReader fails every read.
type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("no entropy") }

// flakyReader serves ok bytes and then fails.
type flakyReader struct{ ok int }

func (r *flakyReader) Read(p []byte) (int, error) {
	if r.ok < len(p) {
		return 0, errors.New("no entropy")
	}
	r.ok -= len(p)
	for i := range p {
		p[i] = byte(i + r.ok)
	}
	return len(p), nil
}

// A failing random source aborts (SECURITY.md rule 8): NewSigner fails, and
// a signer whose next nonces cannot be drawn does not sign, keeping its
// outstanding nonces for the same request later.
func TestSignerRandomnessFailure(t *testing.T) {
	ks := dealKeys(t, suiteCases[0], 2, 3)
	_, _, err := roast.NewSigner(roast.SignerConfig{Suite: ks.suite, Key: ks.keys[0], Message: []byte("m"), RunID: []byte("r"), Rand: failingReader{}})
	require.ErrorIs(t, err, frost.ErrRandomness)

	rnd := &flakyReader{ok: 64}
	s, first, err := roast.NewSigner(roast.SignerConfig{Suite: ks.suite, Key: ks.keys[0], Message: []byte("m"), RunID: []byte("r"), Rand: rnd})
	require.NoError(t, err)
	_, c2, err := frost.Commit(ks.suite, ks.keys[1], nil)
	require.NoError(t, err)
	req := request(t, ks.suite, []byte("r"), 1, []byte("m"), first.Next, c2)
	_, err = s.Receive(req)
	require.ErrorIs(t, err, frost.ErrRandomness)
	rnd.ok = 64
	resp, err := s.Receive(req)
	require.NoError(t, err)
	require.Equal(t, uint32(1), resp.Session)
}

func TestNewSignerRefusesBadConfig(t *testing.T) {
	ks := dealKeys(t, suiteCases[0], 2, 3)
	other := dealKeys(t, suiteCases[1], 2, 3)
	good := roast.SignerConfig{Suite: ks.suite, Key: ks.keys[0], Message: []byte("m"), RunID: []byte("r")}
	for _, tc := range []struct {
		name string
		edit func(*roast.SignerConfig)
	}{
		{"zero suite", func(c *roast.SignerConfig) { c.Suite = frost.Ciphersuite{} }},
		{"no key", func(c *roast.SignerConfig) { c.Key = nil }},
		{"zero key", func(c *roast.SignerConfig) { c.Key = &frost.KeyPackage{} }},
		{"key of another suite", func(c *roast.SignerConfig) { c.Key = other.keys[0] }},
		{"empty run id", func(c *roast.SignerConfig) { c.RunID = []byte{} }},
		{"long run id", func(c *roast.SignerConfig) { c.RunID = make([]byte, roast.MaxRunIDSize+1) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := good
			tc.edit(&cfg)
			_, _, err := roast.NewSigner(cfg)
			require.ErrorIs(t, err, roast.ErrConfig)
		})
	}
}

// No method panics on a nil or zero Signer.
func TestZeroSigner(t *testing.T) {
	for _, s := range []*roast.Signer{nil, {}} {
		_, err := s.Receive([]byte{1})
		require.ErrorIs(t, err, roast.ErrNotConfigured)
		require.NotPanics(t, s.Close)
	}
}
