package cggmp

// Protocol-level adversarial tests of aux-info, continued: the cases with
// no slow variants (SECURITY.md cases 3, 6, 7, 15, 16 and a killed party),
// as in adversary_aux_test.go.

import (
	"crypto/rand"
	"math/big"
	"testing"
	"time"

	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/memnet"
	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/stretchr/testify/require"
)

// gcdPrime returns a 1024-bit Blum prime from the fixtures.
func gcdPrime(t testing.TB) *big.Int {
	return testfixtures.PaillierKey(t, 5).P().Big()
}

// Case 3: N = P·Q1⋯Q7 with a Πmod whose w ≡ 1 (mod P), w ≡ 0 (mod Qi):
// the opening (exact size, valid Πprm) passes, all 128 Πmod equations
// hold, and only the gcd(w, N) = 1 check refuses it.
func TestProtocolAdversary03_ModGCD(t *testing.T) {
	t.Parallel()
	secrets := auxSecrets(t)
	n, primes := gcdModulus(t, gcdPrime(t))
	var forgeryHolds bool
	run, _ := runAuxAdversary(t, secrets, auxAdversary{
		start: func(st *auxState) ([]*transport.Message, error) { return openForged(t, st, 2048, n) },
		edit: func(st *auxState) editFunc {
			return onAuxRound3(once(func([]byte) []byte {
				w, ys, reps := forgeModGCD(st.proofTranscript("mod", evil, 0), n, primes)
				forgeryHolds = modEquationsHold(n, w, ys, reps)
				return encodeMod(256, w, reps)
			}), nil)
		},
	})
	require.True(t, forgeryHolds, "the forged Πmod should satisfy every equation")
	requireOutcome(t, run, outcome{all: []error{ErrAuxProof, zk.ErrNotUnit}, text: "gcd(w, N)", round: judgedIn(3), quietAfter: 3})
}

// Case 6: Πmod repetitions need independent challenges. Party 3 answers
// the first challenge in all 128 repetitions, as a prover (or verifier)
// that drew every challenge from one hash state would: each answer is
// right for y_1, so repetition 1 holds and repetition 2 is refused.
func TestProtocolAdversary06_ChallengeIndependence(t *testing.T) {
	t.Parallel()
	secrets := auxSecrets(t)
	run, _ := runAuxAdversary(t, secrets, auxAdversary{edit: func(st *auxState) editFunc {
		sk := st.cfg.Secret.Paillier
		return onAuxRound3(func([]byte) []byte {
			return forgeModOneChallenge(st.proofTranscript("mod", evil, 0), sk.P().Big(), sk.Q().Big())
		}, nil)
	}})
	requireOutcome(t, run, outcome{all: []error{ErrAuxProof, zk.ErrVerify}, text: "Πmod", round: judgedIn(3), quietAfter: 3})
}

// Case 7: the c-guess attack at protocol level. Party 3 publishes s ∉ ⟨t⟩
// on its own modulus with a Πprm forged by guessing every challenge bit
// (A = t^z·s^(−g) passes a repetition only when e = g): with 128
// repetitions it succeeds with probability 2^−128, and both honest parties
// refuse it. zk/prm's TestAdversary07_CGuess shows the same forgery passing
// about half the time when m is forced to 1.
func TestProtocolAdversary07_CGuess(t *testing.T) {
	t.Parallel()
	secrets := auxSecrets(t)
	n := secrets[evil].Paillier.PublicKey().N().Big()
	square := func() *big.Int { return new(big.Int).Exp(randUnit(t, n), bigTwo, n) }
	var s *big.Int
	for s == nil || big.Jacobi(s, n) != -1 {
		s = randUnit(t, n)
	}
	tt := square()
	run, _ := runAuxAdversary(t, secrets, auxAdversary{noProofs: true, start: func(st *auxState) ([]*transport.Message, error) {
		prm := forgePrm(t, st.proofTranscript("prm", evil, 0), n, s, tt, nil)
		return openOwn(st, pedBytes(2048, n, s, tt), prm)
	}})
	requireOutcome(t, run, outcome{all: []error{ErrAuxProof, zk.ErrVerify}, round: judgedIn(2), quietAfter: 2})
}

// Case 15: party 3 passes party 2's modulus or proofs off as its own.
func TestProtocolAdversary15_Transplant(t *testing.T) {
	t.Parallel()
	secrets := auxSecrets(t)
	// capture hands party 3 (a rushing adversary) party 2's regular
	// broadcast body of one round.
	type capture struct{ bcast chan []byte }
	newCapture := func(round int) (*capture, observer) {
		c := &capture{bcast: make(chan []byte, 1)}
		return c, func(from, to transport.PartyID, m *transport.Message) {
			if body, ok := regularBody(m.Payload); ok && from == 2 && to == evil && m.Round == round && m.Broadcast() {
				c.bcast <- body
			}
		}
	}
	wait := func(ch chan []byte) []byte {
		select {
		case b := <-ch:
			ch <- b // keep it for the next recipient
			return b
		case <-time.After(2 * time.Minute):
			return nil
		}
	}

	// The commitment of round 1 is made before any opening is seen, so
	// party 2's opening, copied in round 2, does not open it.
	t.Run("party 2's opening", func(t *testing.T) {
		t.Parallel()
		c, obs := newCapture(2)
		run, _ := runAuxAdversary(t, secrets, auxAdversary{
			noProofs: true,
			observe:  obs,
			edit: func(*auxState) editFunc {
				return onRound(2, func([]byte) []byte { return wait(c.bcast) })
			},
		})
		requireOutcome(t, run, outcome{all: []error{ErrAuxCommitment}, round: judgedIn(2), quietAfter: 2})
	})

	// Party 3 knows party 2's N (say from an earlier session) but not its
	// factors. Its own ring-Pedersen parameters on that N come with a
	// valid Πprm (no factors needed), so the opening passes; in round 3 it
	// re-sends party 2's Πmod and Πfac, which are bound to prover 2.
	t.Run("party 2's modulus and proofs", func(t *testing.T) {
		t.Parallel()
		c, obs := newCapture(3)
		n2 := secrets[2].Paillier.PublicKey().N().Big()
		run, _ := runAuxAdversary(t, secrets, auxAdversary{
			observe: obs,
			start:   func(st *auxState) ([]*transport.Message, error) { return openForged(t, st, 2048, n2) },
			edit: func(*auxState) editFunc {
				// Party 2's body: Πmod, then Πfac for parties 1 and 3.
				field := func(i int) []byte {
					b := wait(c.bcast)
					if f, err := splitFields(b, 3); err == nil {
						return f[i]
					}
					return nil
				}
				return onAuxRound3(func([]byte) []byte { return field(0) },
					func(transport.PartyID, []byte) []byte { return field(2) })
			},
		})
		requireOutcome(t, run, outcome{all: []error{ErrAuxProof}, round: judgedIn(3), quietAfter: 3})
	})

	// Party 3 holds the same Paillier key as party 2 (a leaked key, or one
	// pool key handed out twice): every proof is valid, and the same
	// modulus is proven twice. No one can tell the owner from the copier,
	// so both honest parties name both: party 2 must make a new key.
	t.Run("same modulus, known factors", func(t *testing.T) {
		t.Parallel()
		sec, err := NewAuxSecret(secrets[2].Paillier, rand.Reader)
		require.NoError(t, err)
		run, _ := runAuxAdversary(t, secrets, auxAdversary{secret: sec})
		var rounds []int
		for _, id := range honestParties {
			require.NotContains(t, run.outs, id)
			var abort *transport.AbortError
			require.ErrorAs(t, run.errs[id], &abort)
			require.ErrorIs(t, abort, ErrAuxDuplicate)
			require.Equal(t, []transport.PartyID{2, evil}, abort.Culprits, "party %d", id)
			rounds = append(rounds, abort.Round)
		}
		require.Equal(t, []int{judgedIn(3), judgedIn(3)}, rounds)
		requireNothingAfter(t, run, 3)
	})
}

// Case 16 (aux-info): party 3 commits to different openings towards
// parties 1 and 2. Each accepts its commitment in round 1; the echo check of
// round 2 catches the split and both blame party 3, before anything derived
// from a factorisation is sent.
func TestProtocolAdversary16_AuxEquivocation(t *testing.T) {
	t.Parallel()
	secrets := auxSecrets(t)
	run, _ := runAuxAdversary(t, secrets, auxAdversary{hook: func(*auxState) memnet.InterceptFunc {
		return netRound(1, func(to transport.PartyID, b []byte) []byte {
			if to == 2 {
				b = append([]byte{}, b...)
				b[0] ^= 1
			}
			return b
		})
	}})
	requireOutcome(t, run, outcome{all: []error{transport.ErrEchoMismatch}, round: 2, quietAfter: 2})
}

// A party that goes silent makes the others fail with an error naming it,
// after the round timeout, instead of hanging.
func TestProtocolAdversaryKilledParty_Aux(t *testing.T) {
	t.Parallel()
	secrets := auxSecrets(t)
	run, _ := runAuxAdversary(t, secrets, auxAdversary{
		noProofs: true,
		hook:     func(*auxState) memnet.InterceptFunc { return silentFrom(2) },
		opts:     []transport.Option{transport.WithRoundTimeout(killedTimeout)},
	})
	requireOutcome(t, run, outcome{all: []error{transport.ErrTimeout}, round: 2})
}
