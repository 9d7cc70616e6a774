package dkls23

// Fuzzing of every decoder of peer data: the setup and signing machines
// from real mid-protocol states (internal/midround: an honest run in
// memory, one message changed), and the decoders of signing's payloads
// and of a stored Key on their own. Every value of the runs, keys
// included, is drawn from midround.Rand, so the seeds (the honest
// messages) replay in every fuzzing worker.

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"flag"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/internal/midround"
	"github.com/mosaic-mpc/mosaic/transport"
)

// fuzzParties hold the 2-of-3 key of the fuzzed runs; all three sign, so
// that two honest signers see every changed broadcast.
var fuzzParties = []transport.PartyID{1, 2, 3}

// fuzzDigest is what the fuzzed runs sign.
var fuzzDigest = sha256.Sum256([]byte("dkls23 mid-round fuzzing"))

// fuzzShareCache holds the dkg shares of the fuzzed runs, made once per
// test binary.
var fuzzShareCache struct {
	once   sync.Once
	shares map[transport.PartyID]*dkg.KeyShare
}

// fuzzShares returns 2-of-3 secp256k1 shares that are the same in every
// process: a dkg run in memory drawing from midround.Rand.
func fuzzShares(tb testing.TB) map[transport.PartyID]*dkg.KeyShare {
	tb.Helper()
	fuzzShareCache.once.Do(func() {
		c := curve.Secp256k1()
		sid, err := dkg.SessionID(dkg.Protocol, c, fuzzParties, 2, make([]byte, dkg.NonceSize))
		require.NoError(tb, err)
		ms := map[transport.PartyID]transport.Machine[*dkg.KeyShare]{}
		for _, id := range fuzzParties {
			m, err := dkg.New(dkg.Config{Curve: c, Threshold: 2, Parties: fuzzParties, Self: id, SessionID: sid,
				Rand: midround.Rand(tb, fmt.Sprintf("dkls23 fuzz dkg %d", id))})
			require.NoError(tb, err)
			ms[id] = m
		}
		run := midround.Run(tb, ms, nil)
		require.Len(tb, run.Outs, len(fuzzParties), "key generation: %v", run.Errs)
		fuzzShareCache.shares = run.Outs
	})
	require.NotNil(tb, fuzzShareCache.shares, "the fuzz shares failed in the first test that asked for them")
	return fuzzShareCache.shares
}

// fuzzSetup returns fresh setup machines for every party of fuzzShares.
func fuzzSetup(tb testing.TB, _ int) map[transport.PartyID]transport.Machine[*Key] {
	tb.Helper()
	shares := fuzzShares(tb)
	ms := map[transport.PartyID]transport.Machine[*Key]{}
	for _, id := range fuzzParties {
		m, err := NewSetup(SetupConfig{Share: shares[id], SessionID: []byte("dkls23 fuzz setup"),
			Rand: midround.Rand(tb, fmt.Sprintf("dkls23 fuzz setup %d", id))})
		require.NoError(tb, err)
		ms[id] = m
	}
	return ms
}

// fuzzKeyCache holds the Keys of the fuzzed signing runs.
var fuzzKeyCache struct {
	once sync.Once
	keys map[transport.PartyID]*Key
}

// fuzzKeys returns the Keys of an honest, deterministic setup run.
func fuzzKeys(tb testing.TB) map[transport.PartyID]*Key {
	tb.Helper()
	fuzzKeyCache.once.Do(func() {
		run := midround.Run(tb, fuzzSetup(tb, 0), nil)
		require.Len(tb, run.Outs, len(fuzzParties), "setup: %v", run.Errs)
		fuzzKeyCache.keys = run.Outs
	})
	require.NotNil(tb, fuzzKeyCache.keys, "the fuzz keys failed in the first test that asked for them")
	return fuzzKeyCache.keys
}

// fuzzSign returns fresh signing machines for every party. Each run
// parses the Keys from their encoding, so that a run that retires a pair
// leaves the cached Keys untouched.
func fuzzSign(tb testing.TB) map[transport.PartyID]transport.Machine[*cggmp.Signature] {
	tb.Helper()
	ms := map[transport.PartyID]transport.Machine[*cggmp.Signature]{}
	for id, k := range fuzzKeys(tb) {
		b, err := k.MarshalBinary()
		require.NoError(tb, err)
		key, err := ParseKey(b)
		require.NoError(tb, err)
		m, err := NewSign(SignConfig{Key: key, Signers: fuzzParties, SessionID: []byte("dkls23 fuzz sign"),
			Digest: fuzzDigest[:], Rand: midround.Rand(tb, fmt.Sprintf("dkls23 fuzz sign %d", id))})
		require.NoError(tb, err)
		ms[id] = m
	}
	return ms
}

// FuzzSetupMidRound changes one base-OT message of the pairwise setup.
// Its aborts name the culprit (a malformed request or response), so the
// generic mid-round checks apply; a Key that comes out is complete and
// encodes. (A well-formed wrong response cannot be detected by an OT
// setup: it surfaces in signing, which FuzzSignMidRound covers.)
func FuzzSetupMidRound(f *testing.F) {
	skipShort(f)
	midround.Fuzz(f, midround.Protocol[*Key]{
		New:    fuzzSetup,
		SeedTo: 1,
		Check: func(tb testing.TB, _ int, outs map[transport.PartyID]*Key, liar transport.PartyID) {
			pub := fuzzShares(tb)[1].GroupKey
			for id, k := range outs {
				if id == liar {
					continue
				}
				require.NoError(tb, k.validate(), "party %d", id)
				require.True(tb, k.GroupKey().Equal(pub), "party %d", id)
				_, err := k.MarshalBinary()
				require.NoError(tb, err, "party %d", id)
			}
		},
	})
}

// skipShort skips the mid-round seeds under -short, which CI's race step
// uses: each seed is a whole run, ten times slower under the race
// detector (the setup's seeds alone take over ten seconds there).
func skipShort(f *testing.F) {
	f.Helper()
	if testing.Short() {
		f.Skip("mid-round seeds are whole runs: skipped under -short")
	}
}

// fuzzing reports whether this process fuzzes (go test -fuzz) rather than
// run the seeds as tests.
func fuzzing() bool {
	fl := flag.Lookup("test.fuzz")
	return fl != nil && fl.Value.String() != ""
}

// FuzzSignMidRound changes one message that party 1 receives in a DKLs23
// signing run by three signers: a commitment or a KOS15 extension message
// of round 1, an opening or a multiplication answer of round 2, a (u, w)
// of round 3, and the echoes. DKLs23 has no identifiable abort, so the
// generic midround.Fuzz judge (every abort names the liar) does not apply;
// this target checks what the package promises instead:
//
//   - no panic, and Start and Deliver return only the errors the Machine
//     contract allows (midround.Run checks);
//   - an honest signer that aborts names no one but the liar (or, for a
//     changed echo slot, that slot's party), and an abort that names
//     nobody says why: a *SuspectError naming the liar, or
//     ErrInvalidSignature;
//   - an honest signer that finishes holds a signature that verifies;
//   - a broadcast changed alike for every recipient gets the same verdict
//     from every honest signer.
func FuzzSignMidRound(f *testing.F) {
	skipShort(f)
	const target = transport.PartyID(1)
	honest := midround.Run(f, fuzzSign(f), nil)
	require.Empty(f, honest.Errs, "the honest run failed")
	require.Len(f, honest.Outs, len(fuzzParties))
	if !fuzzing() {
		again := midround.Run(f, fuzzSign(f), nil)
		require.Equal(f, honest.Deliveries, again.Deliveries, "two honest runs differ; every random value must come from midround.Rand")
	}
	var toTarget []midround.Delivery
	for _, d := range honest.Deliveries {
		if d.To == target {
			toTarget = append(toTarget, d)
		}
	}
	require.NotEmpty(f, toTarget)
	for i, d := range toTarget {
		f.Add(uint16(i), false, d.Echo, d.Payload)
		if len(d.Payload) > 0 {
			flipped := slices.Clone(d.Payload)
			flipped[len(flipped)-1] ^= 1
			f.Add(uint16(i), !d.Direct, d.Echo, flipped)
		}
	}
	pub := fuzzShares(f)[1].GroupKey
	f.Fuzz(func(t *testing.T, which uint16, everyone bool, echo, payload []byte) {
		orig := toTarget[int(which)%len(toTarget)]
		if !fuzzing() && bytes.Equal(echo, orig.Echo) && bytes.Equal(payload, orig.Payload) {
			return // the honest run, checked above
		}
		lie := &midround.Lie{Round: orig.Round, From: orig.From, To: orig.To, Direct: orig.Direct,
			Everyone: everyone && !orig.Direct, Echo: echo, Payload: payload}
		run := midround.Run(t, fuzzSign(t), lie)
		blamable := map[transport.PartyID]bool{lie.From: true}
		if len(echo) == len(orig.Echo) && len(orig.Echo) == len(fuzzParties)*transport.EchoSize {
			for i, q := range fuzzParties {
				lo, hi := i*transport.EchoSize, (i+1)*transport.EchoSize
				if !bytes.Equal(echo[lo:hi], orig.Echo[lo:hi]) {
					blamable[q] = true
				}
			}
		}
		verdicts := map[transport.PartyID]string{}
		for _, id := range fuzzParties {
			if id == lie.From {
				continue
			}
			if sig, ok := run.Outs[id]; ok {
				require.NoError(t, cggmp.VerifyLowS(pub, fuzzDigest[:], sig), "party %d", id)
				verdicts[id] = "finished"
			}
			if err, ok := run.Errs[id]; ok {
				var ae *transport.AbortError
				require.ErrorAs(t, err, &ae, "party %d stopped with %T: %v", id, err, err)
				for _, c := range ae.Culprits {
					require.True(t, blamable[c], "party %d names party %d after a lie of party %d: %v", id, c, lie.From, err)
				}
				if len(ae.Culprits) == 0 {
					var se *SuspectError
					switch {
					case errors.As(err, &se):
						require.Equal(t, lie.From, se.Suspect, "party %d suspects an honest party: %v", id, err)
					case errors.Is(err, ErrInvalidSignature):
					default:
						t.Fatalf("party %d aborted naming nobody, without saying why: %v", id, err)
					}
				}
				verdicts[id] = fmt.Sprint("culprits ", ae.Culprits, " ", errors.Is(err, ErrInvalidSignature))
			}
			if w, ok := run.Waiting[id]; ok {
				require.NotEmpty(t, w, "party %d is neither done nor waiting for anyone", id)
				verdicts[id] = fmt.Sprint("waiting ", w)
			}
		}
		if lie.Everyone && bytes.Equal(echo, orig.Echo) {
			var want string
			for _, v := range verdicts {
				want = v
				break
			}
			for id, got := range verdicts {
				require.Equal(t, want, got, "honest signers %v disagree on one broadcast of party %d (party %d)", verdicts, lie.From, id)
			}
		}
	})
}

// FuzzDecodeScalar: a scalar decodes only from its 32-byte canonical
// encoding.
func FuzzDecodeScalar(f *testing.F) {
	n := curve.Secp256k1().Order().Bytes()
	for _, seed := range [][]byte{nil, make([]byte, 32), bytes.Repeat([]byte{0xff}, 32), n, make([]byte, 33)} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := decodeScalar(b)
		if err != nil {
			require.ErrorIs(t, err, ErrMalformed)
			return
		}
		enc := s.Bytes()
		require.Equal(t, b, enc[:], "a non-canonical scalar decodes")
	})
}

// honestAnswer returns a well-formed round-2 answer: a zero
// multiplication part, two points and a scalar.
func honestAnswer() []byte {
	c := curve.Secp256k1()
	b := make([]byte, aliceMessageSize)
	b = append(b, c.Generator().Bytes()...)
	b = append(b, c.Generator().Add(c.Generator()).Bytes()...)
	return append(b, bytes.Repeat([]byte{0x11}, scalarSize)...)
}

// FuzzParseAnswer: an answer decodes only from a canonical encoding, and
// decodes to what it encodes.
func FuzzParseAnswer(f *testing.F) {
	good := honestAnswer()
	f.Add(good)
	f.Add(good[:len(good)-1])
	f.Add(append(slices.Clone(good), 0))
	f.Fuzz(func(t *testing.T, b []byte) {
		c := curve.Secp256k1()
		a, err := parseAnswer(c, b)
		if err != nil {
			require.ErrorIs(t, err, ErrMalformed)
			require.Nil(t, a)
			return
		}
		require.Len(t, b, answerSize)
		require.Equal(t, b[:aliceMessageSize], a.vole)
		require.False(t, a.gammaU.IsIdentity())
		require.False(t, a.gammaV.IsIdentity())
		psi := a.psi.Bytes()
		enc := append(append(append(slices.Clone(a.vole), a.gammaU.Bytes()...), a.gammaV.Bytes()...), psi[:]...)
		require.Equal(t, b, enc, "a non-canonical answer decodes")
	})
}

// FuzzParseOpening: only the committed opening opens the commitment.
func FuzzParseOpening(f *testing.F) {
	c := curve.Secp256k1()
	sid := []byte("dkls23 fuzz opening")
	const from = transport.PartyID(2)
	R := c.Generator().Add(c.Generator()).Add(c.Generator())
	salt := bytes.Repeat([]byte{0x5c}, saltSize)
	commitment := commitR(sid, from, R, salt)
	good := openingBytes(R, salt)
	f.Add(good)
	f.Add(good[:pointSize])
	f.Add(append(slices.Clone(good), 0))
	f.Add(openingBytes(c.Generator(), salt))
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := parseOpening(c, sid, from, b, commitment)
		if err != nil {
			require.True(t, errors.Is(err, ErrMalformed) || errors.Is(err, ErrCommitment), "%v", err)
			require.Nil(t, got)
			return
		}
		require.Equal(t, good, b, "another opening opens the commitment")
		require.True(t, got.Equal(R))
	})
}

// FuzzParseKey: a stored Key decodes only from MarshalBinary's encoding
// of a valid Key; a refusal wraps ErrKey.
func FuzzParseKey(f *testing.F) {
	k := fuzzKeys(f)[1]
	good, err := k.MarshalBinary()
	require.NoError(f, err)
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add(append(slices.Clone(good), 0))
	f.Add([]byte{keyVersion})
	f.Fuzz(func(t *testing.T, b []byte) {
		key, err := ParseKey(b)
		if err != nil {
			require.ErrorIs(t, err, ErrKey)
			require.Nil(t, key)
			return
		}
		require.NoError(t, key.validate())
		again, err := key.MarshalBinary()
		require.NoError(t, err)
		require.Equal(t, b, again, "a non-canonical Key decodes")
	})
}
