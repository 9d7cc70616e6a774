package cggmp

// The adversarial cases of SECURITY.md whose code path depends on the
// curve, over the curve table: presigning (cases 10-14 and 16, a killed
// party), identification and complaints, signing (cases 25 and 26), and
// the agreement layer's colluders (case 31) and random adversaries (case
// 33, presigning). Each runs the function its secp256k1 test runs
// (adversary_*_test.go, agreement*_test.go) with keys of P-256 and of the
// Stark curve; the secp256k1 tests stay as they are.
//
// Not in the table: cases 1-8 (Paillier moduli, Πmod, Πprm, Πfac), 9 (Πfac
// binding) and 15 (transplant), and the aux-info tests of cases 13, 14 and
// 16 and of the complaints (the aux-info variants of encodingInjectivity
// and complaintFalse, TestProtocolAdversary14_AuxCrossSession,
// TestProtocolAdversary16_AuxEquivocation, TestComplaintOneVictimAux).
// Aux-info proves statements about Paillier and ring-Pedersen moduli only,
// reads no key share and does no arithmetic on the curve, so a run on
// another curve would repeat the secp256k1 run bit for bit.

import (
	"crypto/elliptic"
	"math/big"
	"sync"
	"testing"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/stretchr/testify/require"
)

// otherCurves are the curves the table adds to the secp256k1 tests.
func otherCurves() []curve.Curve { return []curve.Curve{curve.P256(), curve.Stark()} }

// curveCase is one curve-dependent case: run is what its secp256k1 test
// runs, with 2-of-3 keys of the curve and the slow flag of runVariants.
type curveCase struct {
	name string
	run  func(t *testing.T, keys map[transport.PartyID]*Key, slow bool)
	// cheap: in the default run (TestCurveAdversary_Cases) on P-256 and
	// Stark; the others run there under the build tag slow only
	// (TestSlowCurveAdversary_Cases).
	cheap bool
	// curveVariants: its slow variants send values of the curve (points,
	// scalars), so TestSlowCurveAdversary_Cases runs them on every curve
	// as well; the slow variants of the other cases change Paillier-side
	// inputs only, which the secp256k1 slow twin already covers.
	curveVariants bool
}

// plain adapts a case without slow variants.
func plain(f func(t *testing.T, keys map[transport.PartyID]*Key)) func(*testing.T, map[transport.PartyID]*Key, bool) {
	return func(t *testing.T, keys map[transport.PartyID]*Key, slow bool) {
		if slow {
			t.Skip("no slow variants")
		}
		f(t, keys)
	}
}

// curveCases is the table. The cheap ones are those whose checks are
// most tied to the curve (point and scalar decoding, the curve's order in
// a partial signature, signing and its identification of S_i) and whose
// default variants are few.
func curveCases() []curveCase {
	return []curveCase{
		{name: "10_EncOutOfRange", run: encOutOfRange},
		{name: "11_AffgBounds", run: affgBounds},
		{name: "12_DegenerateValues", run: degenerateValues, cheap: true, curveVariants: true},
		{name: "13_EncodingInjectivity", run: encodingInjectivity},
		{name: "14_CrossSessionReplay", run: crossSessionReplay},
		{name: "16_Equivocation", run: plain(equivocation)},
		{name: "KilledParty_Presign", run: plain(killedPartyPresign)},
		{name: "IdentifyWrongDelta", run: plain(identifyWrongDelta)},
		{name: "IdentifyWrongS", run: plain(identifyWrongS), cheap: true},
		{name: "ComplaintOneVictim", run: plain(complaintOneVictim)},
		{name: "ComplaintClaimOutOfRound", run: plain(complaintClaimOutOfRound)},
		{name: "ComplaintFalse", run: complaintFalse},
		{name: "ComplaintEquivocated", run: plain(complaintEquivocated)},
		{name: "ComplaintLastRound", run: plain(complaintLastRound)},
		{name: "25_BogusPartialSignature", run: bogusPartialSignature, cheap: true, curveVariants: true},
		{name: "26_PresignatureReuse", run: plain(presignatureReuse), cheap: true},
	}
}

// runCurveCases runs the cases of the table that want selects on P-256
// and Stark keys, as parallel subtests curve/case, with the slow flag
// slow.
func runCurveCases(t *testing.T, want func(curveCase) bool, slow bool) {
	for _, c := range otherCurves() {
		t.Run(c.Name(), func(t *testing.T) {
			t.Parallel()
			keys := keysOn(t, c)
			require.Equal(t, c.ID(), keys[1].Share.Curve.ID())
			for _, tc := range curveCases() {
				if !want(tc) {
					continue
				}
				t.Run(tc.name, func(t *testing.T) {
					t.Parallel()
					tc.run(t, keys, slow)
				})
			}
		})
	}
}

// TestCurveAdversary_Cases runs the default variants of the cheap cases
// of the table on P-256 and Stark keys.
func TestCurveAdversary_Cases(t *testing.T) {
	t.Parallel()
	runCurveCases(t, func(tc curveCase) bool { return tc.cheap }, false)
}

// TestCurveAdversary12_DegeneratePoints: SECURITY.md case 12 at unit level
// on every curve, for the encodings of every value of the table's runs:
// each curve's own degenerate encodings (badPoints) and δ = n are refused
// by the curve's decoder and, in a round-3 message of presigning that is
// otherwise well formed, by its decoder with ErrPresignMalformed.
func TestCurveAdversary12_DegeneratePoints(t *testing.T) {
	t.Parallel()
	for _, tc := range ecdsaCurves() {
		t.Run(tc.c.Name(), func(t *testing.T) {
			t.Parallel()
			c := tc.c
			w := weierstrassOf(c)
			// the curve equation of weierstrassOf is the curve's: the
			// generator's x has a point, offCurveX none
			gx := new(big.Int).SetBytes(c.Generator().Bytes()[1:])
			require.Equal(t, 1, big.Jacobi(w.rhs(gx), w.p))
			require.Equal(t, -1, big.Jacobi(w.rhs(offCurveX(c)), w.p))
			id, err := c.DecodePoint(c.Identity().Bytes(), true)
			require.NoError(t, err)
			require.True(t, id.IsIdentity(), "badPoints' identity is the curve's encoding of it")

			delta, err := c.DecodeScalar(c.ScalarFromUint64(5).Bytes())
			require.NoError(t, err)
			good := &presign3{delta: delta, Delta: c.ScalarBaseMult(c.ScalarFromUint64(6)), S: c.ScalarBaseMult(c.ScalarFromUint64(7)), PsiDoublePrime: [][]byte{{1}, {2}}}
			body, err := good.MarshalBinary()
			require.NoError(t, err)
			back, err := decodePresign3(body, c, 2)
			require.NoError(t, err)
			require.True(t, back.S.Equal(good.S))

			fields, err := splitFields(body, r3Common+2)
			require.NoError(t, err)
			with := func(i int, v []byte) []byte {
				f := append([][]byte{}, fields...)
				f[i] = v
				return appendFields(nil, f...)
			}
			for name, pt := range badPoints(c) {
				_, err := c.DecodePoint(pt, false)
				require.Error(t, err, name)
				for i, field := range map[int]string{1: "Δ", 2: "S"} {
					_, err := decodePresign3(with(i, pt), c, 2)
					require.ErrorIs(t, err, ErrPresignMalformed, "%s = %s", field, name)
				}
			}
			_, err = decodePresign3(with(0, c.Order().Bytes()), c, 2)
			require.ErrorIs(t, err, ErrPresignMalformed, "δ = n")
			_, err = c.DecodeScalar(c.Order().Bytes())
			require.Error(t, err, "δ = n")
		})
	}
}

// weierstrass is a curve y² = x³ + ax + b over F_p, for test-only
// arithmetic on public values (math/big, variable time).
type weierstrass struct{ p, a, b *big.Int }

// rhs is x³ + ax + b mod p.
func (w weierstrass) rhs(x *big.Int) *big.Int {
	y2 := new(big.Int).Exp(x, big.NewInt(3), w.p)
	y2.Add(y2, new(big.Int).Mul(w.a, x))
	y2.Add(y2, w.b)
	return y2.Mod(y2, w.p)
}

// hexInt parses a hex constant of a test.
func hexInt(s string) *big.Int {
	v, ok := new(big.Int).SetString(s, 16)
	if !ok {
		panic("bad hex constant " + s)
	}
	return v
}

// starkP is the Stark curve's field prime 2^251 + 17·2^192 + 1, and
// starkBeta its β (StarkWare's pedersen_params.json: ALPHA = 1, BETA).
var (
	starkP    = new(big.Int).Add(new(big.Int).Add(new(big.Int).Lsh(big.NewInt(1), 251), new(big.Int).Lsh(big.NewInt(17), 192)), big.NewInt(1))
	starkBeta = hexInt("6f21413efbe40de150e596d72f7a8c5609ad26c15c915c1f4cdfcb99cee9e89")
)

// weierstrassOf returns the equation of an ECDSA curve of this package:
// secp256k1 (SEC 2 section 2.4.1), P-256 (crypto/elliptic's parameters)
// and the Stark curve.
func weierstrassOf(c curve.Curve) weierstrass {
	switch c.ID() {
	case curve.IDSecp256k1:
		return weierstrass{hexInt("fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f"), big.NewInt(0), big.NewInt(7)}
	case curve.IDP256:
		params := elliptic.P256().Params()
		return weierstrass{params.P, new(big.Int).Sub(params.P, big.NewInt(3)), params.B}
	case curve.IDStark:
		return weierstrass{starkP, big.NewInt(1), starkBeta}
	}
	panic("no Weierstrass equation for " + c.Name())
}

// curveKeysTN caches the t-of-n keys of the other curves that are not
// 2-of-3 (keysOn has those).
var curveKeysTN struct {
	mu   sync.Mutex
	keys map[[3]int]map[transport.PartyID]*Key
}

// keysOnCurve returns t-of-n keys on c, made once per test binary: the
// shared secp256k1 keys (sharedKeys, keys34, keys35) or keys of another
// curve.
func keysOnCurve(t testing.TB, c curve.Curve, th, n int) map[transport.PartyID]*Key {
	t.Helper()
	if th == 2 && n == 3 {
		return keysOn(t, c)
	}
	if c.ID() == curve.IDSecp256k1 {
		switch {
		case th == 3 && n == 4:
			return keys34(t)
		case th == 3 && n == 5:
			return keys35(t)
		}
	}
	curveKeysTN.mu.Lock()
	defer curveKeysTN.mu.Unlock()
	if curveKeysTN.keys == nil {
		curveKeysTN.keys = map[[3]int]map[transport.PartyID]*Key{}
	}
	id := [3]int{int(c.ID()), th, n}
	if k, ok := curveKeysTN.keys[id]; ok {
		return k
	}
	k := testKeysOn(t, c, th, n, paillier.ModulusBits2048)
	curveKeysTN.keys[id] = k
	return k
}
