package roast_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/frost"
	"github.com/mosaic-mpc/mosaic/frost/roast"
)

// runFIFO delivers every message in the order it was sent, starting with
// the signers' first messages in ascending order, and returns the
// signature. Every signer is honest.
func runFIFO(tb testing.TB, f *fixture) []byte {
	tb.Helper()
	type msg struct {
		from frost.Identifier
		b    []byte
	}
	var queue []msg
	for _, id := range f.keys.pub.Identifiers() {
		queue = append(queue, msg{id, f.first[id]})
	}
	for len(queue) > 0 && !f.coord.Done() {
		m := queue[0]
		queue = queue[1:]
		outs, err := f.coord.Receive(m.from, m.b)
		require.NoError(tb, err)
		for _, out := range outs {
			queue = append(queue, msg{out.To, f.answer(tb, out)})
		}
	}
	sig, ok := f.coord.Signature()
	require.True(tb, ok, "no signature")
	return sig
}

func TestHonestRun(t *testing.T) {
	for _, sc := range suiteCases {
		for _, th := range []chaosConfig{{1, 1}, {2, 3}, {3, 5}, {5, 9}} {
			t.Run(sc.name, func(t *testing.T) {
				f := newFixture(t, sc, th.t, th.n, nil)
				sig := runFIFO(t, f)
				verifySignature(t, sc.suite, f.keys.pub, f.msg, sig)
				require.Empty(t, f.coord.Faults())
				require.NoError(t, f.coord.Err())
				require.LessOrEqual(t, f.coord.Sessions(), th.n-th.t+1)
			})
		}
	}
}

// start delivers the first messages of ids in that order and returns the
// requests of the session they started.
func (f *fixture) start(tb testing.TB, ids ...uint64) []roast.Outbound {
	tb.Helper()
	var outs []roast.Outbound
	for _, v := range ids {
		o, err := f.coord.Receive(mustID(tb, v), f.first[mustID(tb, v)])
		require.NoError(tb, err)
		outs = append(outs, o...)
	}
	return outs
}

// outFor returns the request to signer v among outs.
func outFor(tb testing.TB, outs []roast.Outbound, v uint64) roast.Outbound {
	tb.Helper()
	for _, o := range outs {
		if o.To == mustID(tb, v) {
			return o
		}
	}
	tb.Fatalf("no request to signer %d", v)
	return roast.Outbound{}
}

// Signer 3 of a 2-of-3 key sends an invalid share in the first session. It
// is named with evidence anyone can check, and signers 1 and 2 sign in a
// second session.
func TestInvalidShareNamedWithEvidence(t *testing.T) {
	for _, sc := range suiteCases {
		t.Run(sc.name, func(t *testing.T) {
			f := newFixture(t, sc, 2, 3, nil)
			outs := f.start(t, 1, 3)
			require.Len(t, outs, 2)
			require.Equal(t, 1, f.coord.Sessions())

			resp, err := f.signers[mustID(t, 3)].Receive(marshal(t, outFor(t, outs, 3).Request))
			require.NoError(t, err)
			resp.Share = tamper(t, resp.Share)
			_, err = f.coord.Receive(mustID(t, 3), marshal(t, resp))
			var fault *roast.Fault
			require.ErrorAs(t, err, &fault)
			require.ErrorIs(t, err, roast.ErrInvalidShare)
			require.Equal(t, mustID(t, 3), fault.Party)
			require.Equal(t, roast.FaultInvalidShare, fault.Kind)
			require.Equal(t, uint32(1), fault.Session)
			require.NoError(t, fault.Verify(f.keys.pub), "the evidence must convince a third party")
			require.Equal(t, []*roast.Fault{fault}, f.coord.Faults())

			// Signer 3 is out for good.
			_, err = f.coord.Receive(mustID(t, 3), f.first[mustID(t, 3)])
			require.ErrorIs(t, err, roast.ErrExcluded)

			// Signer 1 answers, signer 2 arrives: session 2 is {1, 2}.
			outs, err = f.coord.Receive(mustID(t, 1), f.answer(t, outFor(t, outs, 1)))
			require.NoError(t, err)
			require.Empty(t, outs)
			outs = f.start(t, 2)
			require.Len(t, outs, 2)
			require.Equal(t, 2, f.coord.Sessions())
			for _, o := range outs {
				_, err := f.coord.Receive(o.To, f.answer(t, o))
				require.NoError(t, err)
			}
			sig, ok := f.coord.Signature()
			require.True(t, ok)
			verifySignature(t, sc.suite, f.keys.pub, f.msg, sig)
			require.Len(t, f.coord.Faults(), 1)
		})
	}
}

// Fault.Verify refuses evidence that does not hold: a valid share, a
// commitment that is not in the package, and kinds without transferable
// evidence.
func TestFaultVerifyRefusesBadEvidence(t *testing.T) {
	f := newFixture(t, suiteCases[0], 2, 3, nil)
	outs := f.start(t, 1, 2)
	good, err := f.signers[mustID(t, 1)].Receive(marshal(t, outFor(t, outs, 1).Request))
	require.NoError(t, err)
	pkg := outs[0].Request.Package
	own, _ := pkg.Commitment(mustID(t, 1))
	other, _ := pkg.Commitment(mustID(t, 2))

	for _, tc := range []struct {
		name  string
		fault *roast.Fault
	}{
		{"nil", nil},
		{"valid share", &roast.Fault{Party: mustID(t, 1), Kind: roast.FaultInvalidShare, Package: pkg, Commitment: own, Share: good.Share}},
		{"another's commitment", &roast.Fault{Party: mustID(t, 1), Kind: roast.FaultInvalidShare, Package: pkg, Commitment: other, Share: tamper(t, good.Share)}},
		{"commitment outside the package", &roast.Fault{Party: mustID(t, 1), Kind: roast.FaultInvalidShare, Package: pkg, Commitment: good.Next, Share: tamper(t, good.Share)}},
		{"missing package", &roast.Fault{Party: mustID(t, 1), Kind: roast.FaultInvalidShare, Commitment: own, Share: tamper(t, good.Share)}},
		{"malformed", &roast.Fault{Party: mustID(t, 1), Kind: roast.FaultMalformed, Message: []byte{1}}},
		{"unexpected", &roast.Fault{Party: mustID(t, 1), Kind: roast.FaultUnexpected}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.ErrorIs(t, tc.fault.Verify(f.keys.pub), roast.ErrNoEvidence)
		})
	}
	valid := &roast.Fault{Party: mustID(t, 1), Kind: roast.FaultInvalidShare, Package: pkg, Commitment: own, Share: tamper(t, good.Share)}
	require.NoError(t, valid.Verify(f.keys.pub))
	require.ErrorIs(t, valid.Verify(nil), roast.ErrNoEvidence)
}

// SECURITY.md case 16: signer 3 sends two different first commitments. The
// second is an answer to no request, and signer 3 is named for it.
func TestAdversary16_Equivocation(t *testing.T) {
	f := newFixture(t, suiteCases[1], 2, 3, nil)
	f.start(t, 3)
	_, second, err := roast.NewSigner(roast.SignerConfig{Suite: f.keys.suite, Key: f.keys.key(mustID(t, 3)), Message: f.msg, RunID: f.runID})
	require.NoError(t, err)
	_, err = f.coord.Receive(mustID(t, 3), marshal(t, second))
	var fault *roast.Fault
	require.ErrorAs(t, err, &fault)
	require.Equal(t, roast.FaultUnexpected, fault.Kind)
	require.ErrorIs(t, err, roast.ErrUnexpected)
	require.Equal(t, mustID(t, 3), fault.Party)
	require.Equal(t, marshal(t, second), fault.Message)

	// A second, different answer for one session is named too.
	outs := f.start(t, 1, 2)
	require.Len(t, outs, 2)
	resp, err := f.signers[mustID(t, 1)].Receive(marshal(t, outFor(t, outs, 1).Request))
	require.NoError(t, err)
	_, err = f.coord.Receive(mustID(t, 1), marshal(t, resp))
	require.NoError(t, err)
	_, other, err := frost.Commit(f.keys.suite, f.keys.key(mustID(t, 1)), nil)
	require.NoError(t, err)
	resp.Next = other
	_, err = f.coord.Receive(mustID(t, 1), marshal(t, resp))
	require.ErrorAs(t, err, &fault)
	require.Equal(t, roast.FaultUnexpected, fault.Kind)
	require.Equal(t, mustID(t, 1), fault.Party)
	// Signer 1's first answer was valid and stays in session 1, which
	// signer 2's answer completes.
	require.NoError(t, f.coord.Err())
	_, err = f.coord.Receive(mustID(t, 2), f.answer(t, outFor(t, outs, 2)))
	require.NoError(t, err)
	sig, ok := f.coord.Signature()
	require.True(t, ok)
	verifySignature(t, f.keys.suite, f.keys.pub, f.msg, sig)
	require.Len(t, f.coord.Faults(), 2)
}

// SECURITY.md case 15: signer 3 passes off signer 2's first message as its
// own. It is named for a commitment in another's name; signer 2 is not.
func TestAdversary15_Transplant(t *testing.T) {
	f := newFixture(t, suiteCases[2], 2, 3, nil)
	_, err := f.coord.Receive(mustID(t, 3), f.first[mustID(t, 2)])
	var fault *roast.Fault
	require.ErrorAs(t, err, &fault)
	require.Equal(t, roast.FaultMalformed, fault.Kind)
	require.Equal(t, mustID(t, 3), fault.Party)
	require.ErrorIs(t, err, roast.ErrInvalidMessage)
	outs := f.start(t, 2, 1)
	require.Len(t, outs, 2)
}

// A share sent before any request, and an answer for a session the signer
// is not outstanding in, are unexpected.
func TestUnexpectedAnswers(t *testing.T) {
	f := newFixture(t, suiteCases[0], 2, 4, nil)
	outs := f.start(t, 1, 2)
	answer := f.answer(t, outFor(t, outs, 1))

	// Signer 3's first commitment is taken: it is ready, with no request
	// outstanding.
	_, err := f.coord.Receive(mustID(t, 3), f.first[mustID(t, 3)])
	require.NoError(t, err)
	// A share from signer 3 now answers no request.
	resp, err := roast.DecodeResponse(f.keys.suite, answer)
	require.NoError(t, err)
	_, next, err := frost.Commit(f.keys.suite, f.keys.key(mustID(t, 3)), nil)
	require.NoError(t, err)
	resp.Next = next
	resp.Share, err = frost.NewSignatureShare(f.keys.suite, mustID(t, 3), resp.Share.Share())
	require.NoError(t, err)
	_, err = f.coord.Receive(mustID(t, 3), marshal(t, resp))
	require.ErrorIs(t, err, roast.ErrUnexpected)

	// Signer 4 sends a share before its first commitment.
	_, next, err = frost.Commit(f.keys.suite, f.keys.key(mustID(t, 4)), nil)
	require.NoError(t, err)
	resp.Next = next
	resp.Share, err = frost.NewSignatureShare(f.keys.suite, mustID(t, 4), resp.Share.Share())
	require.NoError(t, err)
	_, err = f.coord.Receive(mustID(t, 4), marshal(t, resp))
	require.ErrorIs(t, err, roast.ErrUnexpected)

	// Signer 2 answers for session 7 while session 1 is outstanding.
	resp2, err := f.signers[mustID(t, 2)].Receive(marshal(t, outFor(t, outs, 2).Request))
	require.NoError(t, err)
	resp2.Session = 7
	_, err = f.coord.Receive(mustID(t, 2), marshal(t, resp2))
	var fault *roast.Fault
	require.ErrorAs(t, err, &fault)
	require.Equal(t, uint32(1), fault.Session)

	require.Len(t, f.coord.Faults(), 3)
	require.ErrorIs(t, f.coord.Err(), roast.ErrTooManyFaults)
}

// What the coordinator ignores without blaming anybody: an exact copy of a
// message it took, a message of another run, one from a party that is not
// a signer, and anything after the run ended.
func TestIgnoredMessages(t *testing.T) {
	f := newFixture(t, suiteCases[0], 2, 3, nil)
	f.start(t, 1)
	_, err := f.coord.Receive(mustID(t, 1), f.first[mustID(t, 1)])
	require.ErrorIs(t, err, roast.ErrDuplicate)

	_, other, err := roast.NewSigner(roast.SignerConfig{Suite: f.keys.suite, Key: f.keys.key(mustID(t, 2)), Message: f.msg, RunID: []byte("run 2")})
	require.NoError(t, err)
	_, err = f.coord.Receive(mustID(t, 2), marshal(t, other))
	require.ErrorIs(t, err, roast.ErrWrongRun)

	_, err = f.coord.Receive(mustID(t, 9), f.first[mustID(t, 2)])
	require.ErrorIs(t, err, roast.ErrUnknownSigner)
	require.Empty(t, f.coord.Faults())

	// Signer 2's own first message still counts after the wrong-run one.
	outs := f.start(t, 2)
	require.Len(t, outs, 2)
	for _, o := range outs {
		_, err := f.coord.Receive(o.To, f.answer(t, o))
		require.NoError(t, err)
	}
	require.True(t, f.coord.Done())
	_, err = f.coord.Receive(mustID(t, 3), f.first[mustID(t, 3)])
	require.ErrorIs(t, err, roast.ErrFinished)
	require.Empty(t, f.coord.Faults())
}

// A signer excluded after its share was taken does not stop its session:
// the session still completes with that valid share.
func TestExcludedAfterValidShare(t *testing.T) {
	f := newFixture(t, suiteCases[0], 2, 2, nil)
	outs := f.start(t, 1, 2)
	require.Len(t, outs, 2)
	_, err := f.coord.Receive(mustID(t, 1), f.answer(t, outFor(t, outs, 1)))
	require.NoError(t, err)
	_, err = f.coord.Receive(mustID(t, 1), []byte("garbage"))
	require.ErrorIs(t, err, roast.ErrInvalidMessage)
	require.NoError(t, f.coord.Err(), "session 1 can still complete")
	require.False(t, f.coord.Done())
	_, err = f.coord.Receive(mustID(t, 2), f.answer(t, outFor(t, outs, 2)))
	require.NoError(t, err)
	sig, ok := f.coord.Signature()
	require.True(t, ok)
	verifySignature(t, f.keys.suite, f.keys.pub, f.msg, sig)
}

// Withholding signers each hold up one session at most: with signers 4 and
// 5 of a 3-of-5 key withholding, in the worst order, three sessions
// (n − t + 1) are started and the third signs.
func TestWithholdersHoldOneSessionEach(t *testing.T) {
	f := newFixture(t, suiteCases[1], 3, 5, nil)
	s1 := f.start(t, 1, 2, 4)
	// 1 and 2 answer session 1; 4 never does.
	_, err := f.coord.Receive(mustID(t, 1), f.answer(t, outFor(t, s1, 1)))
	require.NoError(t, err)
	_, err = f.coord.Receive(mustID(t, 2), f.answer(t, outFor(t, s1, 2)))
	require.NoError(t, err)
	s2 := f.start(t, 5)
	require.Len(t, s2, 3)
	_, err = f.coord.Receive(mustID(t, 1), f.answer(t, outFor(t, s2, 1)))
	require.NoError(t, err)
	_, err = f.coord.Receive(mustID(t, 2), f.answer(t, outFor(t, s2, 2)))
	require.NoError(t, err)
	s3 := f.start(t, 3)
	require.Len(t, s3, 3)
	for _, o := range s3 {
		_, err := f.coord.Receive(o.To, f.answer(t, o))
		require.NoError(t, err)
	}
	require.True(t, f.coord.Done())
	require.Equal(t, 3, f.coord.Sessions())
	require.Empty(t, f.coord.Faults(), "withholding is not provable, nobody is named")
}

func TestNewCoordinatorRefusesBadConfig(t *testing.T) {
	ks := dealKeys(t, suiteCases[0], 2, 3)
	other := dealKeys(t, suiteCases[1], 2, 3)
	good := roast.CoordinatorConfig{Suite: ks.suite, PublicKeys: ks.pub, Message: []byte("m"), RunID: []byte("r")}
	for _, tc := range []struct {
		name string
		edit func(*roast.CoordinatorConfig)
	}{
		{"zero suite", func(c *roast.CoordinatorConfig) { c.Suite = frost.Ciphersuite{} }},
		{"no public keys", func(c *roast.CoordinatorConfig) { c.PublicKeys = nil }},
		{"zero public keys", func(c *roast.CoordinatorConfig) { c.PublicKeys = &frost.PublicKeyPackage{} }},
		{"keys of another suite", func(c *roast.CoordinatorConfig) { c.PublicKeys = other.pub }},
		{"empty run id", func(c *roast.CoordinatorConfig) { c.RunID = nil }},
		{"long run id", func(c *roast.CoordinatorConfig) { c.RunID = make([]byte, roast.MaxRunIDSize+1) }},
		{"too few signers", func(c *roast.CoordinatorConfig) { c.Signers = []frost.Identifier{mustID(t, 1)} }},
		{"unknown signer", func(c *roast.CoordinatorConfig) { c.Signers = []frost.Identifier{mustID(t, 1), mustID(t, 4)} }},
		{"duplicate signer", func(c *roast.CoordinatorConfig) { c.Signers = []frost.Identifier{mustID(t, 1), mustID(t, 1)} }},
		{"zero signer", func(c *roast.CoordinatorConfig) { c.Signers = []frost.Identifier{mustID(t, 1), {}} }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := good
			tc.edit(&cfg)
			_, err := roast.NewCoordinator(cfg)
			require.ErrorIs(t, err, roast.ErrConfig)
		})
	}
	_, err := roast.NewCoordinator(good)
	require.NoError(t, err)
}

// A coordinator limited to a subset of the key's holders ignores the
// others.
func TestCoordinatorSignerSubset(t *testing.T) {
	f := newFixture(t, suiteCases[0], 2, 4, nil)
	var err error
	f.coord, err = roast.NewCoordinator(roast.CoordinatorConfig{
		Suite: f.keys.suite, PublicKeys: f.keys.pub, Message: f.msg, RunID: f.runID,
		Signers: []frost.Identifier{mustID(t, 2), mustID(t, 3)},
	})
	require.NoError(t, err)
	_, err = f.coord.Receive(mustID(t, 1), f.first[mustID(t, 1)])
	require.ErrorIs(t, err, roast.ErrUnknownSigner)
	outs := f.start(t, 3, 2)
	require.Len(t, outs, 2)
}

// No method panics on a nil or zero Coordinator.
func TestZeroCoordinator(t *testing.T) {
	for _, c := range []*roast.Coordinator{nil, {}} {
		_, err := c.Receive(mustID(t, 1), []byte{1})
		require.ErrorIs(t, err, roast.ErrNotConfigured)
		_, ok := c.Signature()
		require.False(t, ok)
		require.False(t, c.Done())
		require.Empty(t, c.Faults())
		require.Zero(t, c.Sessions())
	}
	require.ErrorIs(t, (*roast.Coordinator)(nil).Err(), roast.ErrNotConfigured)
	var f *roast.Fault
	require.NotPanics(t, func() { _ = f.Error(); _ = f.Unwrap() })
	require.False(t, errors.Is(f.Unwrap(), roast.ErrInvalidShare))
	require.Equal(t, "invalid share", roast.FaultInvalidShare.String())
	require.Equal(t, "FaultKind(9)", roast.FaultKind(9).String())
}
