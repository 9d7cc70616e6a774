package cggmp

// Protocol-level adversarial tests of presigning (SECURITY.md cases 10-14,
// 16 and a killed party): party 3 misbehaves, parties 1 and 2 both abort
// naming it, and neither sends party 3 anything of a later round, in
// particular no MtA share derived from γ_i or x_i after a bad K_3 or Πenc.

import (
	"crypto/rand"
	"maps"
	"math/big"
	"slices"
	"testing"

	"github.com/cronokirby/saferith"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/memnet"
	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/affg"
	"github.com/mosaic-mpc/mosaic/zk/enc"
	"github.com/mosaic-mpc/mosaic/zk/logstar"
	"github.com/stretchr/testify/require"
)

// onEncProof rewrites the Πenc that party 3 addresses to each honest party
// in round 1 (fields: K, G, then one Πenc per peer).
func onEncProof(f func(st *presignState, verifier transport.PartyID, proof []byte) []byte) func(st *presignState) editFunc {
	return func(st *presignState) editFunc {
		return onParts(1, r1Common, 1, nil, func(v transport.PartyID, part [][]byte) { part[0] = f(st, v, part[0]) })
	}
}

// startWithK is party 3's round 1 with K encrypting the integer k (in range
// or not) and a Πenc made by running Figure 14's prover on it. Everything
// else (γ, G, the state its later rounds read) is honest.
func startWithK(t testing.TB, k func(n0 *big.Int) *big.Int) func(st *presignState) ([]*transport.Message, error) {
	return func(st *presignState) ([]*transport.Message, error) {
		var err error
		if st.k, err = st.curve.RandomScalar(rand.Reader); err != nil {
			return nil, err
		}
		if st.gamma, err = st.curve.RandomScalar(rand.Reader); err != nil {
			return nil, err
		}
		pk := st.sk.PublicKey()
		n0 := pk.N().Big()
		plain := k(n0)
		kc, rho := paillierEnc(t, n0, plain)
		K, err := pk.DecodeCiphertext(fixedBytes(kc, pk.CiphertextSize()))
		if err != nil {
			return nil, err
		}
		G, nu, err := st.sk.Enc(rand.Reader, scalarInt(st.gamma))
		if err != nil {
			return nil, err
		}
		st.rho, st.nu = natOf(rho), nu
		st.K = map[transport.PartyID]*paillier.Ciphertext{st.self: K}
		st.G = map[transport.PartyID]*paillier.Ciphertext{st.self: G}
		msg := &presign1{K: K, G: G}
		for _, j := range st.others {
			msg.Psi0 = append(msg.Psi0, forgeEnc(t, st.proofTranscript("enc", st.self, j), n0, plain, kc, rho, st.ped[j]))
		}
		return st.log.sendRegular(1, msg)
	}
}

// Case 10: K_3 encrypts a value beyond 2^(ℓ+ε), with the Πenc the honest
// prover's arithmetic gives for it; or an honest Πenc gets an out-of-range
// z1; or Πenc is missing. Both honest parties complain instead of sending
// party 3 any Πaff-g or MtA share, and name it when judging the complaints.
func TestProtocolAdversary10_EncOutOfRange(t *testing.T) {
	t.Parallel()
	encOutOfRange(t, sharedKeys(t), false)
}

// encOutOfRange runs case 10 with keys (of any curve: curves_test.go).
func encOutOfRange(t *testing.T, keys map[transport.PartyID]*Key, slow bool) {
	limit := new(big.Int).Lsh(bigOne, zk.L+zk.Epsilon)
	var variants []variant
	for _, tc := range []struct {
		name string
		k    func(n0 *big.Int) *big.Int
		slow bool
	}{
		{"k = 2^(ℓ+ε)+1", func(*big.Int) *big.Int { return new(big.Int).Add(limit, bigOne) }, false},
		{"k = -(2^(ℓ+ε)+1)", func(*big.Int) *big.Int { return new(big.Int).Neg(new(big.Int).Add(limit, bigOne)) }, true},
		{"k = (N0-1)/2", func(n0 *big.Int) *big.Int { return new(big.Int).Rsh(n0, 1) }, true},
	} {
		variants = append(variants, variant{tc.name, tc.slow, func(t *testing.T) {
			run, _ := runPresignEvil(t, keys, presignAdversary{start: startWithK(t, tc.k)})
			// z1 = α + e·k is far beyond 2^(ℓ+ε): refused by the decoder's
			// size cap (ErrMalformed) or the range check (ErrOutOfRange),
			// before any exponentiation.
			requirePresignBlamed(t, run, 1, judgedIn(1), zk.ErrMalformed, zk.ErrOutOfRange)
			for _, id := range honestParties {
				require.ErrorIs(t, run.errs[id], ErrPresignProof)
				require.ErrorContains(t, run.errs[id], "z1")
			}
		}})
	}
	variants = append(variants, variant{"z1 out of bounds", false, func(t *testing.T) {
		run, _ := runPresignEvil(t, keys, presignAdversary{edit: onEncProof(func(_ *presignState, _ transport.PartyID, b []byte) []byte {
			var p enc.Proof
			require.NoError(t, p.UnmarshalBinary(b))
			p.Z1 = intOf(new(big.Int).Add(limit, bigOne))
			out, err := p.MarshalBinary()
			require.NoError(t, err)
			return out
		})})
		requirePresignBlamed(t, run, 1, judgedIn(1), zk.ErrOutOfRange)
	}}, variant{"missing Πenc", false, func(t *testing.T) {
		run, _ := runPresignEvil(t, keys, presignAdversary{edit: onEncProof(func(*presignState, transport.PartyID, []byte) []byte { return nil })})
		requirePresignBlamed(t, run, 1, judgedIn(1), zk.ErrMalformed)
	}})
	runVariants(t, slow, variants)
}

// mtaField rewrites field i of the round-2 part (D, F, Πaff-g(γ), D̂, F̂,
// Πaff-g(x), Πlog*) that party 3 addresses to each honest party.
func mtaField(i int, f func(st *presignState, to transport.PartyID, field []byte) []byte) func(st *presignState) editFunc {
	return func(st *presignState) editFunc {
		return onParts(2, r2Common, r2PerPeer, nil, func(v transport.PartyID, part [][]byte) { part[i] = f(st, v, part[i]) })
	}
}

// Case 11: out-of-range Πaff-g and Πlog* responses and degenerate MtA
// ciphertexts (0, N², above N², sharing a factor with N) in party 3's
// round-2 parts are refused: parties 1 and 2 complain instead of sending
// δ, Δ or Πlog*.
func TestProtocolAdversary11_AffgBounds(t *testing.T) {
	t.Parallel()
	affgBounds(t, sharedKeys(t), false)
}

// affgBounds runs case 11 with keys (of any curve: curves_test.go).
func affgBounds(t *testing.T, keys map[transport.PartyID]*Key, slow bool) {
	z1Big := intOf(new(big.Int).Add(new(big.Int).Lsh(bigOne, zk.L+zk.Epsilon), bigOne))
	z2Big := intOf(new(big.Int).Add(new(big.Int).Lsh(bigOne, zk.LPrime+zk.Epsilon), bigOne))
	affgTamper := func(set func(p *affg.Proof)) func(*presignState, transport.PartyID, []byte) []byte {
		return func(_ *presignState, _ transport.PartyID, b []byte) []byte {
			var p affg.Proof
			if err := p.UnmarshalBinary(b); err != nil {
				return nil
			}
			set(&p)
			out, _ := p.MarshalBinary()
			return out
		}
	}
	// ciphertext returns a ciphertext-sized encoding of v(N) for the key of
	// the field: D, D̂ are under the recipient's key, F, F̂ under party 3's.
	ciphertext := func(under func(st *presignState, to transport.PartyID) *paillier.PublicKey, v func(n *big.Int) *big.Int) func(*presignState, transport.PartyID, []byte) []byte {
		return func(st *presignState, to transport.PartyID, _ []byte) []byte {
			pk := under(st, to)
			x := v(pk.N().Big())
			size := pk.CiphertextSize()
			if x.BitLen() > 8*size {
				return append([]byte{0xff}, make([]byte, size-1)...)
			}
			return fixedBytes(x, size)
		}
	}
	recipient := func(st *presignState, to transport.PartyID) *paillier.PublicKey { return st.pk[to] }
	own := func(st *presignState, _ transport.PartyID) *paillier.PublicKey { return st.sk.PublicKey() }
	sq := func(n *big.Int) *big.Int { return new(big.Int).Mul(n, n) }
	var variants []variant
	for _, tc := range []struct {
		name  string
		field int
		f     func(*presignState, transport.PartyID, []byte) []byte
		want  error
		slow  bool
	}{
		{"Πaff-g(γ) z1 = 2^(ℓ+ε)+1", 2, affgTamper(func(p *affg.Proof) { p.Z1 = z1Big }), zk.ErrOutOfRange, false},
		{"Πaff-g(γ) z2 = 2^(ℓ'+ε)+1", 2, affgTamper(func(p *affg.Proof) { p.Z2 = z2Big }), zk.ErrOutOfRange, true},
		{"Πaff-g(x) z1 = -(2^(ℓ+ε)+1)", 5, affgTamper(func(p *affg.Proof) {
			p.Z1 = intOf(new(big.Int).Neg(new(big.Int).Add(new(big.Int).Lsh(bigOne, zk.L+zk.Epsilon), bigOne)))
		}), zk.ErrOutOfRange, true},
		{"Πaff-g(x) z2 = 2^(ℓ'+ε)+1", 5, affgTamper(func(p *affg.Proof) { p.Z2 = z2Big }), zk.ErrOutOfRange, true},
		{"Πlog* z1 = 2^(ℓ+ε)+1", 6, func(_ *presignState, _ transport.PartyID, b []byte) []byte {
			var p logstar.Proof
			if err := p.UnmarshalBinary(b); err != nil {
				return nil
			}
			p.Z1 = z1Big
			out, _ := p.MarshalBinary()
			return out
		}, zk.ErrOutOfRange, true},
		{"D = 0", 0, ciphertext(recipient, func(*big.Int) *big.Int { return new(big.Int) }), paillier.ErrInvalidCiphertext, true},
		{"D = N²", 0, ciphertext(recipient, sq), paillier.ErrInvalidCiphertext, true},
		{"D > N²", 0, ciphertext(recipient, func(n *big.Int) *big.Int { return new(big.Int).Add(sq(n), bigOne) }), paillier.ErrInvalidCiphertext, true},
		{"gcd(D, N) > 1", 0, ciphertext(recipient, func(n *big.Int) *big.Int { return n }), paillier.ErrInvalidCiphertext, false},
		{"gcd(F, N) > 1", 1, ciphertext(own, func(n *big.Int) *big.Int { return new(big.Int).Mul(n, big.NewInt(2)) }), paillier.ErrInvalidCiphertext, true},
		{"D̂ = 0", 3, ciphertext(recipient, func(*big.Int) *big.Int { return new(big.Int) }), paillier.ErrInvalidCiphertext, true},
		{"F̂ = N²", 4, ciphertext(own, sq), paillier.ErrInvalidCiphertext, true},
	} {
		variants = append(variants, variant{tc.name, tc.slow, func(t *testing.T) {
			run, _ := runPresignEvil(t, keys, presignAdversary{edit: mtaField(tc.field, tc.f)})
			requirePresignBlamed(t, run, 2, judgedIn(2), tc.want)
		}})
	}
	runVariants(t, slow, variants)
}

// offCurveX returns an x coordinate with no point on c (secp256k1,
// P-256 or the Stark curve): x³ + ax + b is not a square modulo p.
func offCurveX(c curve.Curve) *big.Int {
	w := weierstrassOf(c)
	for x := big.NewInt(1); ; x.Add(x, bigOne) {
		if big.Jacobi(w.rhs(x), w.p) == -1 {
			return x
		}
	}
}

// badPoints are encodings no point decoder of c may accept: the identity
// (c's own encoding of it), an x with no point, x = p + 1 (an encoding of
// x = 1 that is not canonical, whether x = 1 has a point or not), a bad
// prefix, a truncated and an empty encoding.
func badPoints(c curve.Curve) map[string][]byte {
	w := weierstrassOf(c)
	gen := c.Generator().Bytes()
	return map[string][]byte{
		"identity":               c.Identity().Bytes(),
		"off-curve":              append([]byte{2}, fixedBytes(offCurveX(c), 32)...),
		"x = p+1 (noncanonical)": append([]byte{2}, fixedBytes(new(big.Int).Add(w.p, bigOne), 32)...),
		"prefix 0x05":            append([]byte{5}, gen[1:]...),
		"truncated":              gen[:len(gen)-1],
		"empty":                  {},
	}
}

// Case 12: degenerate values are refused when decoded, naming party 3: a bad
// point as Γ_3 (round 2) or Δ_3, S_3 (round 3), a non-canonical δ_3, and a
// degenerate K_3 (0, 1, N−1, N, N², above N²).
func TestProtocolAdversary12_DegenerateValues(t *testing.T) {
	t.Parallel()
	degenerateValues(t, sharedKeys(t), false)
}

// degenerateValues runs case 12 with keys of any curve, whose own
// degenerate point encodings it sends (badPoints).
func degenerateValues(t *testing.T, keys map[transport.PartyID]*Key, slow bool) {
	c := keys[1].Share.Curve
	var variants []variant
	points := badPoints(c)
	for _, name := range slices.Sorted(maps.Keys(points)) {
		pt := points[name]
		variants = append(variants, variant{"Γ/" + name, name != "identity", func(t *testing.T) {
			run, _ := runPresignEvil(t, keys, presignAdversary{edit: func(*presignState) editFunc {
				return onParts(2, r2Common, r2PerPeer, func(common [][]byte) { common[0] = pt }, nil)
			}})
			requirePresignBlamed(t, run, 2, judgedIn(2), ErrPresignMalformed)
		}})
	}
	for _, tc := range []struct {
		name string
		v    func(n *big.Int) *big.Int
		slow bool
	}{
		{"0", func(*big.Int) *big.Int { return new(big.Int) }, false},
		{"1", func(*big.Int) *big.Int { return big.NewInt(1) }, true},
		{"N-1", func(n *big.Int) *big.Int { return new(big.Int).Sub(n, bigOne) }, true},
		{"N", func(n *big.Int) *big.Int { return n }, true},
		{"N²", func(n *big.Int) *big.Int { return new(big.Int).Mul(n, n) }, true},
		{"N²+1", func(n *big.Int) *big.Int { return new(big.Int).Add(new(big.Int).Mul(n, n), bigOne) }, true},
	} {
		variants = append(variants, variant{"K/" + tc.name, tc.slow, func(t *testing.T) {
			run, _ := runPresignEvil(t, keys, presignAdversary{edit: func(st *presignState) editFunc {
				return onParts(1, r1Common, 1, func(common [][]byte) {
					pk := st.sk.PublicKey()
					size := pk.CiphertextSize()
					x := tc.v(pk.N().Big())
					if x.BitLen() > 8*size {
						common[0] = append([]byte{0xff}, make([]byte, size-1)...)
					} else {
						common[0] = fixedBytes(x, size)
					}
				}, nil)
			}})
			// 0, N and N² and above are not in Z*_{N²}: malformed. 1 and
			// N−1 are units; Πenc, made for the real K, fails.
			requirePresignBlamed(t, run, 1, judgedIn(1), ErrPresignMalformed, ErrPresignProof)
		}})
	}
	for _, tc := range []struct {
		name  string
		field int
		value []byte
		slow  bool
	}{
		{"δ = q", 0, c.Order().Bytes(), false},
		{"Δ = identity", 1, points["identity"], true},
		{"S off-curve", 2, points["off-curve"], true},
	} {
		variants = append(variants, variant{"round 3/" + tc.name, tc.slow, func(t *testing.T) {
			run, _ := runPresignEvil(t, keys, presignAdversary{edit: func(*presignState) editFunc {
				return onParts(3, r3Common, 1, func(common [][]byte) { common[tc.field] = tc.value }, nil)
			}})
			requirePresignBlamed(t, run, 3, judgedIn(3), ErrPresignMalformed)
		}})
	}
	runVariants(t, slow, variants)
}

// Case 13: moving one byte between adjacent length-prefixed fields of
// party 3's round-2 broadcast (the same bytes, split differently) in the
// parts for both honest parties is refused, as are a trailing byte and a
// missing field; likewise in the aux-info opening. The round-2 body is Γ and
// then 7 fields per peer: field 1+7k+i is field i of the part for peer k.
func TestProtocolAdversary13_EncodingInjectivity(t *testing.T) {
	t.Parallel()
	encodingInjectivity(t, sharedKeys(t), false)
}

// encodingInjectivity runs case 13 with keys of any curve; the aux-info
// variant, which reads no key, runs with the secp256k1 keys only.
func encodingInjectivity(t *testing.T, keys map[transport.PartyID]*Key, slow bool) {
	const n = r2Common + 2*r2PerPeer
	both := func(i int) func(b []byte) []byte {
		return func(b []byte) []byte { return shiftByte(shiftByte(b, n, 1+i), n, 1+r2PerPeer+i) }
	}
	var variants []variant
	for _, tc := range []struct {
		name string
		f    func(b []byte) []byte
		slow bool
	}{
		{"D|F", both(0), true},
		{"F|Πaff-g", both(1), true},
		{"Πaff-g|D̂", both(2), false},
		{"Πaff-g(x)|Πlog*", both(5), true},
		{"trailing byte", func(b []byte) []byte { return append(append([]byte{}, b...), 0) }, true},
		{"missing field", func(b []byte) []byte {
			f, _ := splitFields(b, n)
			return appendFields(nil, f[:n-1]...)
		}, true},
	} {
		variants = append(variants, variant{tc.name, tc.slow, func(t *testing.T) {
			run, _ := runPresignEvil(t, keys, presignAdversary{edit: func(*presignState) editFunc {
				return onRound(2, func(b []byte) []byte {
					out := tc.f(b)
					require.NotEqual(t, b, out)
					return out
				})
			}})
			requirePresignBlamed(t, run, 2, judgedIn(2), ErrPresignMalformed, ErrPresignProof)
		}})
	}
	if keys[1].Share.Curve.ID() == curve.IDSecp256k1 {
		variants = append(variants, variant{"aux-info opening pk|ped", false, func(t *testing.T) {
			run, _ := runAuxAdversary(t, auxSecrets(t), auxAdversary{noProofs: true, start: func(st *auxState) ([]*transport.Message, error) {
				if _, err := (&auxRound1{st: st}).Start(); err != nil {
					return nil, err
				}
				return commitTo(st, shiftByte(st.ownBody, 5, 0))
			}})
			requireOutcome(t, run, outcome{all: []error{ErrAuxModulus}, round: judgedIn(2), quietAfter: 2})
		}})
	}
	runVariants(t, slow, variants)
}

// Case 14: valid proofs of the right statements, made for another
// presigning session, are refused: Πenc (alone, or with K replayed from an
// earlier session), Πaff-g and Πlog*.
func TestProtocolAdversary14_CrossSessionReplay(t *testing.T) {
	t.Parallel()
	crossSessionReplay(t, sharedKeys(t), false)
}

// crossSessionReplay runs case 14 (presigning) with keys of any curve.
func crossSessionReplay(t *testing.T, keys map[transport.PartyID]*Key, slow bool) {
	runVariants(t, slow, []variant{{"Πenc", false, func(t *testing.T) {
		run, _ := runPresignEvil(t, keys, presignAdversary{edit: onEncProof(func(st *presignState, to transport.PartyID, _ []byte) []byte {
			p, err := enc.NewProof(otherSession(t, st).proofTranscript("enc", st.self, to),
				enc.Public{N0: st.sk.PublicKey(), K: st.K[st.self].Nat(), Aux: st.ped[to]},
				enc.Private{Plaintext: scalarInt(st.k), Nonce: st.rho, SecretKey: st.sk}, rand.Reader)
			require.NoError(t, err)
			raw, err := p.MarshalBinary()
			require.NoError(t, err)
			return raw
		})})
		requirePresignBlamed(t, run, 1, judgedIn(1), zk.ErrVerify)
	}}, {"K and Πenc of an earlier session", false, func(t *testing.T) {
		run, _ := runPresignEvil(t, keys, presignAdversary{start: func(st *presignState) ([]*transport.Message, error) {
			old := otherSession(t, st)
			out, err := (&presignRound1[*Presignature]{run: &presignRun[*Presignature]{st: old}}).Start()
			if err != nil {
				return nil, err
			}
			st.k, st.gamma, st.rho, st.nu, st.K, st.G = old.k, old.gamma, old.rho, old.nu, old.K, old.G
			return out, nil
		}})
		requirePresignBlamed(t, run, 1, judgedIn(1), zk.ErrVerify)
	}}, {"Πaff-g", false, func(t *testing.T) {
		run, _ := runPresignEvil(t, keys, presignAdversary{edit: func(st *presignState) editFunc {
			return onParts(2, r2Common, r2PerPeer, nil, func(to transport.PartyID, part [][]byte) {
				m, err := otherSession(t, st).newMTA(to, st.gamma, st.Gamma[st.self], mtaGamma)
				require.NoError(t, err)
				part[0], part[1], part[2] = m.D.Bytes(), m.F.Bytes(), m.proof
			})
		}})
		requirePresignBlamed(t, run, 2, judgedIn(2), zk.ErrVerify)
	}}, {"Πlog*", true, func(t *testing.T) {
		run, _ := runPresignEvil(t, keys, presignAdversary{edit: func(st *presignState) editFunc {
			return onParts(2, r2Common, r2PerPeer, nil, func(to transport.PartyID, part [][]byte) {
				p, err := logstar.NewProof(otherSession(t, st).proofTranscript("logstar-gamma", st.self, to),
					logstar.Public{N0: st.sk.PublicKey(), C: st.G[st.self], X: st.Gamma[st.self], G: st.curve.Generator(), Aux: st.ped[to]},
					logstar.Private{X: scalarInt(st.gamma), Rho: st.nu, SecretKey: st.sk}, rand.Reader)
				require.NoError(t, err)
				part[6], err = p.MarshalBinary()
				require.NoError(t, err)
			})
		}})
		requirePresignBlamed(t, run, 2, judgedIn(2), zk.ErrVerify)
	}}})
}

// Case 16: party 3 sends party 2 another K_3 (a fresh encryption of the same
// k_3) than party 1, each with a valid Πenc, so both accept round 1. The
// echo check of round 2 catches the split: both blame party 3 and send it
// nothing of round 3.
func TestProtocolAdversary16_Equivocation(t *testing.T) {
	t.Parallel()
	equivocation(t, sharedKeys(t))
}

// equivocation runs case 16 (presigning) with keys of any curve.
func equivocation(t *testing.T, keys map[transport.PartyID]*Key) {
	run, _ := runPresignEvil(t, keys, presignAdversary{hook: func(st *presignState) memnet.InterceptFunc {
		var (
			K2   *paillier.Ciphertext
			rho2 *saferith.Nat
		)
		split := func() {
			if K2 != nil {
				return
			}
			var err error
			K2, rho2, err = st.sk.Enc(rand.Reader, scalarInt(st.k))
			require.NoError(t, err)
		}
		return netRound(1, func(to transport.PartyID, b []byte) []byte {
			if to != 2 {
				return b
			}
			split()
			fields := [][]byte{K2.Bytes(), fieldOf(t, b, 4, 1)}
			for _, v := range honestParties {
				p, err := enc.NewProof(st.proofTranscript("enc", st.self, v),
					enc.Public{N0: st.sk.PublicKey(), K: K2.Nat(), Aux: st.ped[v]},
					enc.Private{Plaintext: scalarInt(st.k), Nonce: rho2, SecretKey: st.sk}, rand.Reader)
				require.NoError(t, err)
				raw, err := p.MarshalBinary()
				require.NoError(t, err)
				fields = append(fields, raw)
			}
			return appendFields(nil, fields...)
		})
	}})
	requirePresignBlamed(t, run, 2, 2, transport.ErrEchoMismatch)
}

// A party that goes silent from round 2 on makes both honest parties fail
// with a timeout naming it.
func TestProtocolAdversaryKilledParty_Presign(t *testing.T) {
	t.Parallel()
	killedPartyPresign(t, sharedKeys(t))
}

// killedPartyPresign runs the killed-party case with keys of any curve.
func killedPartyPresign(t *testing.T, keys map[transport.PartyID]*Key) {
	run, _ := runPresignEvil(t, keys, presignAdversary{
		hook: func(*presignState) memnet.InterceptFunc { return silentFrom(2) },
		opts: []transport.Option{transport.WithRoundTimeout(killedTimeout)},
	})
	requirePresignBlamed(t, run, 2, 2, transport.ErrTimeout)
}
