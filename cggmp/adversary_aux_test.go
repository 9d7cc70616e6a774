package cggmp

// Protocol-level adversarial tests of aux-info (SECURITY.md cases 1-9, 14,
// 15, 16 and a killed party): party 3 misbehaves and parties 1 and 2 must
// both abort naming it, sending it nothing derived from their secrets after
// its bad message (only their complaint and its acknowledgement).
// The unit-level versions of these cases live in zk/mod, zk/prm and zk/fac.

import (
	"crypto/rand"
	"encoding/binary"
	"math/big"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/memnet"
	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/fac"
	"github.com/mosaic-mpc/mosaic/zk/mod"
	"github.com/stretchr/testify/require"
)

// ownModulus is party 3's real Paillier modulus.
func ownModulus(st *auxState) *big.Int { return st.cfg.Secret.Paillier.PublicKey().N().Big() }

// openForged makes party 3 open the modulus n (of the given header size)
// with attacker-chosen ring-Pedersen parameters and a valid forged Πprm.
func openForged(t testing.TB, st *auxState, bits int, n *big.Int) ([]*transport.Message, error) {
	s, tt, lambda := ringPedersen(t, n)
	prm := forgePrm(t, st.proofTranscript("prm", evil, 0), n, s, tt, lambda)
	return openAs(st, pkBytes(bits, n), pedBytes(bits, n, s, tt), prm)
}

// once caches the first result of f: memnet calls party 3's interceptor
// once per recipient for a broadcast, and both must get the same bytes.
func once(f func(orig []byte) []byte) func(orig []byte) []byte {
	var (
		mu  sync.Mutex
		out []byte
	)
	return func(orig []byte) []byte {
		mu.Lock()
		defer mu.Unlock()
		if out == nil {
			out = f(orig)
		}
		return out
	}
}

// Case 1: a modulus of another size is refused at the opening (round 2),
// before any Πmod or Πfac derived from an honest factorisation goes to
// party 3.
func TestProtocolAdversary01_ShortModulus(t *testing.T) {
	t.Parallel()
	shortModulus(t, false)
}

func shortModulus(t *testing.T, slow bool) {
	secrets := auxSecrets(t)
	check := func(t *testing.T, run *evilRun[*AuxInfo]) {
		aborts := requireBlamed(t, run)
		requireAllIs(t, ErrAuxModulus, aborts)
		requireAllIs(t, paillier.ErrModulusSize, aborts)
		require.Equal(t, judgedIn(2), aborts[0].Round)
		requireNothingAfter(t, run, 2)
	}
	runVariants(t, slow, []variant{{"1024-bit N with valid proofs", false, func(t *testing.T) {
		var n *big.Int
		for n == nil || n.BitLen() != 1024 {
			n = new(big.Int).Mul(randPrime(t, 512), randPrime(t, 512))
		}
		run, _ := runAuxAdversary(t, secrets, auxAdversary{noProofs: true, start: func(st *auxState) ([]*transport.Message, error) {
			return openForged(t, st, 1024, n)
		}})
		check(t, run)
	}}, {"1024-bit N in a 2048-bit encoding", false, func(t *testing.T) {
		var n *big.Int
		for n == nil || n.BitLen() != 1024 {
			n = new(big.Int).Mul(randPrime(t, 512), randPrime(t, 512))
		}
		run, _ := runAuxAdversary(t, secrets, auxAdversary{noProofs: true, start: func(st *auxState) ([]*transport.Message, error) {
			return openForged(t, st, 2048, n)
		}})
		check(t, run)
	}}, {"3072-bit key", true, func(t *testing.T) {
		sec, err := NewAuxSecret(testfixtures.PaillierKeys(t, paillier.ModulusBits3072)[0], rand.Reader)
		require.NoError(t, err)
		run, _ := runAuxAdversary(t, secrets, auxAdversary{noProofs: true, secret: sec, bits: paillier.ModulusBits3072})
		check(t, run)
	}}})
}

// smoothModulus is the BitForge modulus of zk/fac's tests
// (zk/fac/adversary_test.go): sixteen 15-bit primes times an 1814-bit prime,
// 2048 bits in all, with no prime factor below 1000.
func smoothModulus(t testing.TB) *big.Int {
	primes := []int64{24593, 24611, 24623, 24631, 24659, 24671, 24677, 24683,
		24691, 24697, 24709, 24733, 24749, 24763, 24767, 24781}
	q, ok := new(big.Int).SetString("378fad83cf94d7bc7a99cfd637933ca971d337b984a51411bc78082ccc323a65a9d0aa4a7c86c98441e53f2b07ecf1ec3fdff0b57bbc0bfa0bcb7079bc62533d585c89d592e9d516619cf14442b4b4e79cd249f9be1ca0cf10bc045ffd1ead5dcd533a2206d6c2a46a37dc4f561469815d81cf19af674fd643a23692e9f244d63f9a7995796346f97c1089d68b3b6422fdd7d681c7e6ee13aa00deadb99a1b780e9cf499fdfb205f834cc7ec4d78f4cfc771d920bbe45816e6e05743f997a362513d5f0ed1e1dda9b6dbcd4cd714ad0317a1e1798bb6baf1bc5a06ecd6c70d3a26dd75", 16)
	require.True(t, ok)
	n := new(big.Int).Set(q)
	for _, p := range primes {
		n.Mul(n, big.NewInt(p))
	}
	require.Equal(t, 2048, n.BitLen())
	return n
}

// Case 2: a smooth modulus (BitForge) passes every check of the opening, a
// valid Πprm included, and is refused by the proofs of round 3; a missing,
// empty or truncated Πfac is refused too: there is no "accept without
// proof" path.
func TestProtocolAdversary02_SmoothModulus(t *testing.T) {
	t.Parallel()
	smoothModulusCases(t, false)
}

func smoothModulusCases(t *testing.T, slow bool) {
	secrets := auxSecrets(t)
	check := func(t *testing.T, run *evilRun[*AuxInfo], what string) []*transport.AbortError {
		aborts := requireBlamed(t, run)
		requireAllIs(t, ErrAuxProof, aborts)
		require.Equal(t, judgedIn(3), aborts[0].Round)
		for _, a := range aborts {
			require.ErrorContains(t, a, what)
		}
		requireNothingAfter(t, run, 3)
		return aborts
	}
	variants := []variant{{"N = p1…p16·q", false, func(t *testing.T) {
		n := smoothModulus(t)
		// No Πmod exists for a modulus with 17 prime factors; party 3 sends
		// one of in-range values, and its genuine Πfac (for its own key).
		run, _ := runAuxAdversary(t, secrets, auxAdversary{
			start: func(st *auxState) ([]*transport.Message, error) { return openForged(t, st, 2048, n) },
			edit: func(*auxState) editFunc {
				return onAuxRound3(func([]byte) []byte { return trivialMod(n) }, nil)
			},
		})
		// The opening passed (the abort is in round 3); Πmod is checked
		// first and refuses it.
		check(t, run, "Πmod")
	}}}
	for _, tc := range []struct {
		name string
		fac  func(orig []byte) []byte
		slow bool
	}{
		{"empty Πfac", func([]byte) []byte { return nil }, false},
		{"truncated Πfac", func(orig []byte) []byte { return orig[:len(orig)-1] }, true},
		{"Πfac header only", func(orig []byte) []byte { return orig[:2] }, true},
	} {
		variants = append(variants, variant{tc.name, tc.slow, func(t *testing.T) {
			run, _ := runAuxAdversary(t, secrets, auxAdversary{edit: func(*auxState) editFunc {
				return onAuxRound3(nil, func(_ transport.PartyID, orig []byte) []byte { return tc.fac(orig) })
			}})
			aborts := check(t, run, "Πfac")
			requireAllIs(t, zk.ErrMalformed, aborts)
		}})
	}
	runVariants(t, slow, variants)
}

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
	aborts := requireBlamed(t, run)
	requireAllIs(t, ErrAuxProof, aborts)
	requireAllIs(t, zk.ErrNotUnit, aborts)
	for _, a := range aborts {
		require.ErrorContains(t, a, "gcd(w, N)")
	}
	require.Equal(t, judgedIn(3), aborts[0].Round)
	requireNothingAfter(t, run, 3)
}

// Case 4: the other statement checks of Πmod, at protocol level. An even N
// does not even decode; a prime N and a perfect square pass the opening
// (exact size, no small factor, valid Πprm) and are refused by Πmod; a w
// with Jacobi symbol +1 is refused on party 3's genuine modulus.
func TestProtocolAdversary04_ModStatement(t *testing.T) {
	t.Parallel()
	modStatement(t, false)
}

func modStatement(t *testing.T, slow bool) {
	secrets := auxSecrets(t)
	variants := []variant{{"Jacobi(w, N) = +1", false, func(t *testing.T) {
		run, _ := runAuxAdversary(t, secrets, auxAdversary{edit: func(st *auxState) editFunc {
			return onAuxRound3(once(func(orig []byte) []byte {
				n := ownModulus(st)
				out := append([]byte{}, orig...)
				w := new(big.Int).SetBytes(out[5 : 5+256])
				w.Mul(w, w).Mod(w, n)
				copy(out[5:5+256], fixedBytes(w, 256))
				return out
			}), nil)
		}})
		aborts := requireBlamed(t, run)
		requireAllIs(t, ErrAuxProof, aborts)
		requireAllIs(t, zk.ErrVerify, aborts)
		for _, a := range aborts {
			require.ErrorContains(t, a, "Jacobi")
		}
		requireNothingAfter(t, run, 3)
	}}, {"N even", false, func(t *testing.T) {
		run, _ := runAuxAdversary(t, secrets, auxAdversary{noProofs: true, start: func(st *auxState) ([]*transport.Message, error) {
			n := new(big.Int).Add(ownModulus(st), bigOne)
			s, tt, _ := ringPedersen(t, n)
			return openAs(st, pkBytes(2048, n), pedBytes(2048, n, s, tt), forgePrm(t, st.proofTranscript("prm", evil, 0), n, s, tt, nil))
		}})
		aborts := requireBlamed(t, run)
		requireAllIs(t, ErrAuxModulus, aborts)
		requireAllIs(t, paillier.ErrInvalidModulus, aborts)
		requireNothingAfter(t, run, 2)
	}}}
	statement := []struct {
		name, want string
		n          func(t *testing.T) *big.Int
	}{
		{"N a perfect square", "perfect square", func(t *testing.T) *big.Int {
			for _, pr := range testfixtures.PrimePairs(t) {
				for _, p := range []*big.Int{pr.P.Big(), pr.Q.Big()} {
					if sq := new(big.Int).Mul(p, p); sq.BitLen() == 2048 {
						return sq
					}
				}
			}
			t.Fatal("no fixture prime with a 2048-bit square")
			return nil
		}},
		{"N prime", "prime", func(t *testing.T) *big.Int { return fixturePrime(t) }},
	}
	for _, tc := range statement {
		variants = append(variants, variant{tc.name, true, func(t *testing.T) {
			n := tc.n(t)
			run, _ := runAuxAdversary(t, secrets, auxAdversary{
				start: func(st *auxState) ([]*transport.Message, error) { return openForged(t, st, 2048, n) },
				edit: func(*auxState) editFunc {
					return onAuxRound3(func([]byte) []byte { return trivialMod(n) }, nil)
				},
			})
			aborts := requireBlamed(t, run)
			requireAllIs(t, ErrAuxProof, aborts)
			requireAllIs(t, zk.ErrVerify, aborts)
			for _, a := range aborts {
				require.ErrorContains(t, a, tc.want)
			}
			require.Equal(t, judgedIn(3), aborts[0].Round)
			requireNothingAfter(t, run, 3)
		}})
	}
	runVariants(t, slow, variants)
}

// withReps re-encodes a Πmod (repSize = 2·width+1) or Πprm (two arrays of
// width) proof with count repetitions: the first ones kept, the first one
// repeated to pad.
func modWithReps(orig []byte, count int) []byte {
	width := int(binary.BigEndian.Uint16(orig[3:5]))
	repSize := 2*width + 1
	body := orig[5+width:]
	out := append([]byte{}, orig[:5+width]...)
	binary.BigEndian.PutUint16(out[1:3], uint16(count))
	for i := range count {
		j := min(i, zk.Repetitions-1)
		out = append(out, body[j*repSize:(j+1)*repSize]...)
	}
	return out
}

func prmWithReps(orig []byte, count int) []byte {
	width := int(binary.BigEndian.Uint16(orig[3:5]))
	a := orig[5 : 5+zk.Repetitions*width]
	z := orig[5+zk.Repetitions*width:]
	out := append([]byte{}, orig[:5]...)
	binary.BigEndian.PutUint16(out[1:3], uint16(count))
	for _, arr := range [][]byte{a, z} {
		for i := range count {
			j := min(i, zk.Repetitions-1)
			out = append(out, arr[j*width:(j+1)*width]...)
		}
	}
	return out
}

// Case 5: a Πmod or Πprm with another number of repetitions than
// zk.Repetitions is refused as malformed, whatever its content: the count
// is a constant of the verifier, never read from the message.
func TestProtocolAdversary05_RepetitionCount(t *testing.T) {
	t.Parallel()
	repetitionCount(t, false)
}

func repetitionCount(t *testing.T, slow bool) {
	secrets := auxSecrets(t)
	var variants []variant
	for _, count := range []int{zk.Repetitions - 1, zk.Repetitions + 1, 0} {
		slowCount := count != zk.Repetitions-1 // m-1 runs by default
		variants = append(variants, variant{"Πmod with " + strconv.Itoa(count), slowCount, func(t *testing.T) {
			run, _ := runAuxAdversary(t, secrets, auxAdversary{edit: func(*auxState) editFunc {
				return onAuxRound3(func(orig []byte) []byte { return modWithReps(orig, count) }, nil)
			}})
			aborts := requireBlamed(t, run)
			requireAllIs(t, ErrAuxProof, aborts)
			requireAllIs(t, zk.ErrMalformed, aborts)
			for _, a := range aborts {
				require.ErrorContains(t, a, "repetitions")
			}
			requireNothingAfter(t, run, 3)
		}})
	}
	variants = append(variants, variant{"Πprm with m-1", false, func(t *testing.T) {
		run, _ := runAuxAdversary(t, secrets, auxAdversary{noProofs: true, start: func(st *auxState) ([]*transport.Message, error) {
			return patchOpening(st, func(f [][]byte) { f[2] = prmWithReps(f[2], zk.Repetitions-1) })
		}})
		aborts := requireBlamed(t, run)
		requireAllIs(t, ErrAuxProof, aborts)
		requireAllIs(t, zk.ErrMalformed, aborts)
		require.Equal(t, judgedIn(2), aborts[0].Round)
		requireNothingAfter(t, run, 2)
	}})
	runVariants(t, slow, variants)
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
	aborts := requireBlamed(t, run)
	requireAllIs(t, ErrAuxProof, aborts)
	requireAllIs(t, zk.ErrVerify, aborts)
	for _, a := range aborts {
		require.ErrorContains(t, a, "Πmod")
	}
	require.Equal(t, judgedIn(3), aborts[0].Round)
	requireNothingAfter(t, run, 3)
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
	aborts := requireBlamed(t, run)
	requireAllIs(t, ErrAuxProof, aborts)
	requireAllIs(t, zk.ErrVerify, aborts)
	require.Equal(t, judgedIn(2), aborts[0].Round)
	requireNothingAfter(t, run, 2)
}

// Case 8: bad ring-Pedersen parameters on party 3's genuine modulus. The
// degenerate ones do not decode; s ∉ ⟨t⟩ decodes, and Πprm, forged by
// guessing every challenge bit, is refused.
func TestProtocolAdversary08_PrmBadParameters(t *testing.T) {
	t.Parallel()
	prmBadParameters(t, false)
}

func prmBadParameters(t *testing.T, slow bool) {
	secrets := auxSecrets(t)
	n := secrets[evil].Paillier.PublicKey().N().Big()
	p := secrets[evil].Paillier.P().Big()
	square := func(t *testing.T) *big.Int { return new(big.Int).Exp(randUnit(t, n), bigTwo, n) }
	nonSquare := func(t *testing.T) *big.Int {
		for {
			if v := randUnit(t, n); big.Jacobi(v, n) == -1 {
				return v
			}
		}
	}
	var variants []variant
	for _, tc := range []struct {
		name  string
		s, tt func(t *testing.T) *big.Int
		want  error
		slow  bool
	}{
		{"s not in <t>", nonSquare, square, zk.ErrVerify, false},
		{"t = 1", square, func(*testing.T) *big.Int { return big.NewInt(1) }, ErrAuxModulus, false},
		{"s = 1", func(*testing.T) *big.Int { return big.NewInt(1) }, square, ErrAuxModulus, true},
		{"gcd(s, N) > 1", func(*testing.T) *big.Int { return new(big.Int).Set(p) }, square, ErrAuxModulus, false},
		{"t = N-1", square, func(*testing.T) *big.Int { return new(big.Int).Sub(n, bigOne) }, ErrAuxModulus, true},
		{"t = 0", square, func(*testing.T) *big.Int { return new(big.Int) }, ErrAuxModulus, true},
	} {
		variants = append(variants, variant{tc.name, tc.slow, func(t *testing.T) {
			s, tt := tc.s(t), tc.tt(t)
			run, _ := runAuxAdversary(t, secrets, auxAdversary{noProofs: true, start: func(st *auxState) ([]*transport.Message, error) {
				prm := forgePrm(t, st.proofTranscript("prm", evil, 0), n, s, tt, nil)
				return openOwn(st, pedBytes(2048, n, s, tt), prm)
			}})
			aborts := requireBlamed(t, run)
			requireAllIs(t, tc.want, aborts)
			if tc.want == zk.ErrVerify {
				requireAllIs(t, ErrAuxProof, aborts)
			}
			require.Equal(t, judgedIn(2), aborts[0].Round)
			requireNothingAfter(t, run, 2)
		}})
	}
	runVariants(t, slow, variants)
}

// facFor is party 3's genuine Πfac for its own modulus, made for verifier v
// (v's ring-Pedersen parameters and id), optionally in another session.
func facFor(t testing.TB, st *auxState, sk *paillier.SecretKey, v transport.PartyID) []byte {
	p, err := fac.NewProof(st.proofTranscript("fac", evil, v),
		fac.Public{N0: sk.PublicKey(), Aux: st.openings[v].ped},
		fac.Private{P: sk.P(), Q: sk.Q()}, rand.Reader)
	require.NoError(t, err)
	raw, err := p.MarshalBinary()
	require.NoError(t, err)
	return raw
}

// Case 9: Πfac is bound to the verifier and to N0. Party 3 sends party 2 the
// proof it made for party 1 and party 1 the one made for party 2, or
// proves another modulus (N0 altered) to each.
func TestProtocolAdversary09_FacBinding(t *testing.T) {
	t.Parallel()
	facBinding(t, false)
}

func facBinding(t *testing.T, slow bool) {
	secrets := auxSecrets(t)
	other := testfixtures.PaillierKey(t, 7)
	var variants []variant
	for _, tc := range []struct {
		name  string
		proof func(t *testing.T, st *auxState, to transport.PartyID) []byte
		slow  bool
	}{
		{"proof for the other verifier", func(t *testing.T, st *auxState, to transport.PartyID) []byte {
			return facFor(t, st, st.cfg.Secret.Paillier, 3-to)
		}, false},
		{"N0 altered", func(t *testing.T, st *auxState, to transport.PartyID) []byte {
			return facFor(t, st, other, to)
		}, true},
	} {
		variants = append(variants, variant{tc.name, tc.slow, func(t *testing.T) {
			run, _ := runAuxAdversary(t, secrets, auxAdversary{edit: func(st *auxState) editFunc {
				return onAuxRound3(nil, func(to transport.PartyID, _ []byte) []byte { return tc.proof(t, st, to) })
			}})
			aborts := requireBlamed(t, run)
			requireAllIs(t, ErrAuxProof, aborts)
			for _, a := range aborts {
				require.ErrorContains(t, a, "Πfac")
			}
			require.Equal(t, judgedIn(3), aborts[0].Round)
			requireNothingAfter(t, run, 3)
		}})
	}
	runVariants(t, slow, variants)
}

// Case 14 (aux-info): a valid Πmod or Πprm for party 3's own modulus, made
// in another session, is refused.
func TestProtocolAdversary14_AuxCrossSession(t *testing.T) {
	t.Parallel()
	auxCrossSession(t, false)
}

func auxCrossSession(t *testing.T, slow bool) {
	secrets := auxSecrets(t)
	runVariants(t, slow, []variant{{"Πmod", true, func(t *testing.T) {
		run, _ := runAuxAdversary(t, secrets, auxAdversary{edit: func(st *auxState) editFunc {
			return onAuxRound3(once(func([]byte) []byte {
				old := *st
				old.cfg.SessionID = randomSID(t)
				sk := st.cfg.Secret.Paillier
				p, err := mod.NewProof(old.proofTranscript("mod", evil, 0), mod.Public{N: sk.PublicKey().N()}, mod.Private{P: sk.P(), Q: sk.Q()}, rand.Reader)
				require.NoError(t, err)
				raw, err := p.MarshalBinary()
				require.NoError(t, err)
				return raw
			}), nil)
		}})
		aborts := requireBlamed(t, run)
		requireAllIs(t, ErrAuxProof, aborts)
		requireAllIs(t, zk.ErrVerify, aborts)
		requireNothingAfter(t, run, 3)
	}}, {"Πprm", false, func(t *testing.T) {
		run, _ := runAuxAdversary(t, secrets, auxAdversary{noProofs: true, start: func(st *auxState) ([]*transport.Message, error) {
			old := *st
			old.cfg.SessionID = randomSID(t)
			if _, err := (&auxRound1{st: &old}).Start(); err != nil {
				return nil, err
			}
			return openAs(st, fieldOf(t, old.own.payload, 5, 0), fieldOf(t, old.own.payload, 5, 1), old.own.prmRaw)
		}})
		aborts := requireBlamed(t, run)
		requireAllIs(t, ErrAuxProof, aborts)
		requireAllIs(t, zk.ErrVerify, aborts)
		require.Equal(t, judgedIn(2), aborts[0].Round)
		requireNothingAfter(t, run, 2)
	}}})
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
			if from == 2 && to == evil && m.Round == round && m.Broadcast() && len(m.Payload) > 0 {
				c.bcast <- m.Payload[1:]
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
		aborts := requireBlamed(t, run)
		requireAllIs(t, ErrAuxCommitment, aborts)
		require.Equal(t, judgedIn(2), aborts[0].Round)
		requireNothingAfter(t, run, 2)
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
		aborts := requireBlamed(t, run)
		requireAllIs(t, ErrAuxProof, aborts)
		require.Equal(t, judgedIn(3), aborts[0].Round)
		requireNothingAfter(t, run, 3)
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
	aborts := requireBlamed(t, run)
	requireAllIs(t, transport.ErrEchoMismatch, aborts)
	require.Equal(t, 2, aborts[0].Round)
	requireNothingAfter(t, run, 2)
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
	aborts := requireBlamed(t, run)
	requireAllIs(t, transport.ErrTimeout, aborts)
	require.Equal(t, 2, aborts[0].Round)
}

// killedTimeout is the round timeout of the killed-party tests: long
// enough for an honest peer's slowest round on a loaded machine, short
// enough to keep the suite fast.
const killedTimeout = 5 * time.Second
