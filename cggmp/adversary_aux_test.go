package cggmp

// Protocol-level adversarial tests of aux-info (SECURITY.md cases 1, 2, 4,
// 5, 8, 9 and 14; cases 3, 6, 7, 15, 16 and a killed party are in
// adversary_aux_cases_test.go): party 3 misbehaves and parties 1 and 2
// must both abort naming it, sending it nothing derived from their secrets
// after its bad message (only their complaint and its acknowledgement).
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
		requireOutcome(t, run, outcome{all: []error{ErrAuxModulus, paillier.ErrModulusSize}, round: judgedIn(2), quietAfter: 2})
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
		// Party 3 is configured for 3072-bit moduli, the others for 2048:
		// the modulus size is part of the run's context, so every party
		// ends at once with a key mismatch that names nobody (which side
		// is misconfigured is not the protocol's to judge). A wrong-size
		// modulus sent under the right context is the variant above.
		sec, err := NewAuxSecret(testfixtures.PaillierKeys(t, paillier.ModulusBits3072)[0], rand.Reader)
		require.NoError(t, err)
		run, _ := runAuxAdversary(t, secrets, auxAdversary{noProofs: true, secret: sec, bits: paillier.ModulusBits3072})
		for _, id := range honestParties {
			require.ErrorIs(t, run.errs[id], transport.ErrContextMismatch, "party %d", id)
			require.Empty(t, transport.Culprits(run.errs[id]), "party %d", id)
		}
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

// balancedSmoothModulus is the balanced BitForge modulus of zk/fac's tests
// (zk/fac/adversary_test.go, built the same way): N = S·q with S the
// product of the first sixteen primes above 2^63 + 2^62 and q the first
// prime above ⌈2^2047 / S⌉, 2048 bits, both factors about √N.
func balancedSmoothModulus(t testing.TB) (s, q, n *big.Int) {
	one := big.NewInt(1)
	s = big.NewInt(1)
	r := new(big.Int).SetUint64(1<<63 + 1<<62 + 1)
	for count := 0; count < 16; r.Add(r, big.NewInt(2)) {
		if r.ProbablyPrime(20) {
			s.Mul(s, r)
			count++
		}
	}
	q = new(big.Int).Lsh(one, 2047)
	q.Add(q, new(big.Int).Sub(s, one)).Div(q, s)
	for q.SetBit(q, 0, 1); !q.ProbablyPrime(20); q.Add(q, big.NewInt(2)) {
	}
	n = new(big.Int).Mul(s, q)
	require.Equal(t, 2048, n.BitLen())
	return s, q, n
}

// Case 2: a smooth modulus (BitForge) passes every check of the opening, a
// valid Πprm included, and is refused by the proofs of round 3; a missing,
// empty or truncated Πfac is refused too: there is no "accept without
// proof" path. The balanced N = S·q (sixteen 64-bit primes in S, both
// factors about √N) comes with a Πfac every verifier would accept: Πfac
// proves a split into two factors of about √N, not primality, and Πmod is
// what refuses it.
func TestProtocolAdversary02_SmoothModulus(t *testing.T) {
	t.Parallel()
	smoothModulusCases(t, false)
}

func smoothModulusCases(t *testing.T, slow bool) {
	secrets := auxSecrets(t)
	check := func(t *testing.T, run *evilRun[*AuxInfo], what string) []*transport.AbortError {
		return requireOutcome(t, run, outcome{all: []error{ErrAuxProof}, text: what, round: judgedIn(3), quietAfter: 3})
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
	}}, {"N = S·q balanced, S a product of sixteen 64-bit primes, with a valid Πfac", false, func(t *testing.T) {
		s, q, n := balancedSmoothModulus(t)
		// Party 3 sends each verifier a genuine Πfac for N with the witness
		// (S, q), and checks it as that verifier would; its Πmod is one of
		// in-range values, as no Πmod exists for 17 prime factors.
		var mu sync.Mutex
		facErr := map[transport.PartyID]error{}
		run, _ := runAuxAdversary(t, secrets, auxAdversary{
			start: func(st *auxState) ([]*transport.Message, error) { return openForged(t, st, 2048, n) },
			edit: func(st *auxState) editFunc {
				return onAuxRound3(func([]byte) []byte { return trivialMod(n) }, func(to transport.PartyID, orig []byte) []byte {
					pub := fac.Public{N0: st.own.N, Aux: st.opening[to].Pedersen}
					proof, err := fac.NewProof(st.proofTranscript("fac", evil, to), pub, fac.Private{P: natOf(s), Q: natOf(q)}, nil)
					var b []byte
					if err == nil {
						err = proof.Verify(st.proofTranscript("fac", evil, to), pub)
					}
					if err == nil {
						b, err = proof.MarshalBinary()
					}
					mu.Lock()
					facErr[to] = err
					mu.Unlock()
					if err != nil {
						return orig
					}
					return b
				})
			},
		})
		check(t, run, "Πmod")
		mu.Lock()
		defer mu.Unlock()
		require.Len(t, facErr, len(honestParties))
		for to, err := range facErr {
			require.NoError(t, err, "Πfac for party %d", to)
		}
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
		requireOutcome(t, run, outcome{all: []error{ErrAuxProof, zk.ErrVerify}, text: "Jacobi", quietAfter: 3})
	}}, {"N even", false, func(t *testing.T) {
		run, _ := runAuxAdversary(t, secrets, auxAdversary{noProofs: true, start: func(st *auxState) ([]*transport.Message, error) {
			n := new(big.Int).Add(ownModulus(st), bigOne)
			s, tt, _ := ringPedersen(t, n)
			return openAs(st, pkBytes(2048, n), pedBytes(2048, n, s, tt), forgePrm(t, st.proofTranscript("prm", evil, 0), n, s, tt, nil))
		}})
		requireOutcome(t, run, outcome{all: []error{ErrAuxModulus, paillier.ErrInvalidModulus}, quietAfter: 2})
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
			requireOutcome(t, run, outcome{all: []error{ErrAuxProof, zk.ErrVerify}, text: tc.want, round: judgedIn(3), quietAfter: 3})
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
			requireOutcome(t, run, outcome{all: []error{ErrAuxProof, zk.ErrMalformed}, text: "repetitions", quietAfter: 3})
		}})
	}
	variants = append(variants, variant{"Πprm with m-1", false, func(t *testing.T) {
		run, _ := runAuxAdversary(t, secrets, auxAdversary{noProofs: true, start: func(st *auxState) ([]*transport.Message, error) {
			return patchOpening(st, func(f [][]byte) { f[2] = prmWithReps(f[2], zk.Repetitions-1) })
		}})
		requireOutcome(t, run, outcome{all: []error{ErrAuxProof, zk.ErrMalformed}, round: judgedIn(2), quietAfter: 2})
	}})
	runVariants(t, slow, variants)
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
			want := outcome{all: []error{tc.want}, round: judgedIn(2), quietAfter: 2}
			if tc.want == zk.ErrVerify {
				want.all = append(want.all, ErrAuxProof)
			}
			requireOutcome(t, run, want)
		}})
	}
	runVariants(t, slow, variants)
}

// facFor is party 3's genuine Πfac for its own modulus, made for verifier v
// (v's ring-Pedersen parameters and id), optionally in another session.
func facFor(t testing.TB, st *auxState, sk *paillier.SecretKey, v transport.PartyID) []byte {
	p, err := fac.NewProof(st.proofTranscript("fac", evil, v),
		fac.Public{N0: sk.PublicKey(), Aux: st.opening[v].Pedersen},
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
			requireOutcome(t, run, outcome{all: []error{ErrAuxProof}, text: "Πfac", round: judgedIn(3), quietAfter: 3})
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
		requireOutcome(t, run, outcome{all: []error{ErrAuxProof, zk.ErrVerify}, quietAfter: 3})
	}}, {"Πprm", false, func(t *testing.T) {
		run, _ := runAuxAdversary(t, secrets, auxAdversary{noProofs: true, start: func(st *auxState) ([]*transport.Message, error) {
			old := *st
			old.cfg.SessionID = randomSID(t)
			if _, err := (&auxRound1{st: &old}).Start(); err != nil {
				return nil, err
			}
			return openAs(st, fieldOf(t, old.ownBody, 5, 0), fieldOf(t, old.ownBody, 5, 1), old.own.Prm)
		}})
		requireOutcome(t, run, outcome{all: []error{ErrAuxProof, zk.ErrVerify}, round: judgedIn(2), quietAfter: 2})
	}}})
}

// killedTimeout is the round timeout of the killed-party tests: long
// enough for an honest peer's slowest round on a loaded machine, short
// enough to keep the suite fast.
const killedTimeout = 5 * time.Second
