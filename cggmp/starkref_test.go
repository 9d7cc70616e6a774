package cggmp

// A test-only reference verifier for Starknet signatures, written from
// StarkWare's Python reference: the function verify of
// crypto/starkware/crypto/signature/signature.py, with ec_add, ec_double
// and div_mod of math_utils.py beside it, in
// github.com/starkware-libs/starkex-resources at commit
// 1eb84c6a9069950026768013f748016d3bd51d54 (the version whose verify takes
// s and computes w = s⁻¹ itself). It follows signature.py step by step,
// including the shifted double-and-add of mimic_ec_mult_air, which refuses
// what Starknet's AIR would refuse (a step adding two points of one x), so
// that it shares no code with package curve or package ecdsa: it checks
// them. A failed assert of signature.py is a refusal here. Affine
// arithmetic over math/big in variable time: public values only.
//
// A Go Starknet library would do as a test-only dependency, but none can
// be fetched here: the module proxy refuses
// github.com/NethermindEth/starknet.go and github.com/NethermindEth/juno.

import (
	"go/ast"
	"go/parser"
	"go/token"
	"math/big"
	"strconv"
	"testing"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/ecdsa"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/stretchr/testify/require"
)

// The constants of signature.py (from pedersen_params.json, and asserted
// there): the field prime and β are starkP and starkBeta
// (adversary_curves_test.go), α = 1.
var (
	starkRefOrder = hexInt("800000000000010ffffffffffffffffb781126dcae7b2321e66a241adc64d2f")
	starkRefGen   = starkRefPoint{
		hexInt("1ef15c18599971b7beced415a40f0c7deacfd9b0d1819e03d723d8bc943cfca"),
		hexInt("5668060aa49730b7be4801df46ec62de53ecd11abe43a32873000c36e8dc1f"),
	}
	starkRefShift = starkRefPoint{
		hexInt("49ee3eba8c1600700ee1b87eb599f16716b0b1022947733551fde4050ca6804"),
		hexInt("3ca0cfe4b3bc6ddf346d49d06ea0ed34e621062c0e056c1d0405d266e10268a"),
	}
	starkRefMinusShift = starkRefPoint{starkRefShift.x, new(big.Int).Sub(starkP, starkRefShift.y)}
	// 2^N_ELEMENT_BITS_ECDSA
	starkRefBound = new(big.Int).Lsh(big.NewInt(1), 251)
)

// starkRefPoint is an affine point; signature.py has no identity point.
type starkRefPoint struct{ x, y *big.Int }

// starkRefAdd is ec_add: the chord rule, refused for two points of one x.
func starkRefAdd(a, b starkRefPoint) (starkRefPoint, bool) {
	dx := new(big.Int).Sub(a.x, b.x)
	if dx.Mod(dx, starkP).Sign() == 0 {
		return starkRefPoint{}, false
	}
	m := new(big.Int).Sub(a.y, b.y)
	m.Mul(m, dx.ModInverse(dx, starkP)).Mod(m, starkP)
	x := new(big.Int).Mul(m, m)
	x.Sub(x, a.x).Sub(x, b.x).Mod(x, starkP)
	y := new(big.Int).Sub(a.x, x)
	y.Mul(y, m).Sub(y, a.y).Mod(y, starkP)
	return starkRefPoint{x, y}, true
}

// starkRefDouble is ec_double with α = 1: the tangent rule, refused for
// y = 0.
func starkRefDouble(a starkRefPoint) (starkRefPoint, bool) {
	if new(big.Int).Mod(a.y, starkP).Sign() == 0 {
		return starkRefPoint{}, false
	}
	m := new(big.Int).Mul(a.x, a.x)
	m.Mul(m, big.NewInt(3)).Add(m, big.NewInt(1))
	den := new(big.Int).Lsh(a.y, 1)
	m.Mul(m, den.ModInverse(den.Mod(den, starkP), starkP)).Mod(m, starkP)
	x := new(big.Int).Mul(m, m)
	x.Sub(x, new(big.Int).Lsh(a.x, 1)).Mod(x, starkP)
	y := new(big.Int).Sub(a.x, x)
	y.Mul(y, m).Sub(y, a.y).Mod(y, starkP)
	return starkRefPoint{x, y}, true
}

// starkRefMulAdd is mimic_ec_mult_air: m·point + shift by 251 steps of
// double-and-add from shift, with 0 < m < 2^251, refused when a step
// would add two points of one x.
func starkRefMulAdd(m *big.Int, point, shift starkRefPoint) (starkRefPoint, bool) {
	if m.Sign() <= 0 || m.Cmp(starkRefBound) >= 0 {
		return starkRefPoint{}, false
	}
	acc := shift
	ok := true
	for i := range 251 {
		if acc.x.Cmp(point.x) == 0 {
			return starkRefPoint{}, false
		}
		if m.Bit(i) == 1 {
			if acc, ok = starkRefAdd(acc, point); !ok {
				return starkRefPoint{}, false
			}
		}
		if point, ok = starkRefDouble(point); !ok {
			return starkRefPoint{}, false
		}
	}
	return acc, true
}

// starkRefOnCurve reports whether y² = x³ + x + β.
func starkRefOnCurve(p starkRefPoint) bool {
	y2 := new(big.Int).Mul(p.y, p.y)
	return y2.Mod(y2, starkP).Cmp(weierstrassOf(curve.Stark()).rhs(p.x)) == 0
}

// starkRefVerifyPoint is verify with the public key given as a point.
func starkRefVerifyPoint(msgHash, r, s *big.Int, pub starkRefPoint) bool {
	if s.Sign() < 1 || s.Cmp(starkRefOrder) >= 0 {
		return false
	}
	w := new(big.Int).ModInverse(s, starkRefOrder)
	if r.Sign() < 1 || r.Cmp(starkRefBound) >= 0 || w.Sign() < 1 || w.Cmp(starkRefBound) >= 0 ||
		msgHash.Sign() < 0 || msgHash.Cmp(starkRefBound) >= 0 {
		return false
	}
	if !starkRefOnCurve(pub) {
		return false
	}
	// x(w·(z·G + r·Q)), each product computed from a shift point, as the
	// AIR computes it
	zG, ok := starkRefMulAdd(msgHash, starkRefGen, starkRefMinusShift)
	if !ok {
		return false
	}
	rQ, ok := starkRefMulAdd(r, pub, starkRefShift)
	if !ok {
		return false
	}
	sum, ok := starkRefAdd(zG, rQ)
	if !ok {
		return false
	}
	wB, ok := starkRefMulAdd(w, sum, starkRefShift)
	if !ok {
		return false
	}
	x, ok := starkRefAdd(wB, starkRefMinusShift)
	// no reduction mod n, unlike SEC 1
	return ok && x.x.Cmp(r) == 0
}

// starkRefVerify is verify with the public key given, as Starknet gives
// it, by its x coordinate: either point with that x may verify.
func starkRefVerify(msgHash, r, s, pubX *big.Int) bool {
	if pubX.Sign() < 0 || pubX.Cmp(starkP) >= 0 {
		return false
	}
	y := new(big.Int).ModSqrt(weierstrassOf(curve.Stark()).rhs(pubX), starkP)
	if y == nil {
		return false // get_y_coordinate's InvalidPublicKeyError
	}
	minusY := new(big.Int).Sub(starkP, y)
	return starkRefVerifyPoint(msgHash, r, s, starkRefPoint{pubX, y}) ||
		starkRefVerifyPoint(msgHash, r, s, starkRefPoint{pubX, minusY.Mod(minusY, starkP)})
}

// starkRefVerifySig is starkRefVerify on this package's values.
func starkRefVerifySig(pub curve.Point, digest []byte, sig *Signature) bool {
	return starkRefVerify(new(big.Int).SetBytes(digest), new(big.Int).SetBytes(sig.R.Bytes()),
		new(big.Int).SetBytes(sig.S.Bytes()), new(big.Int).SetBytes(pub.Bytes()[1:]))
}

// starkRefMul is d·G by double-and-add on the reference's own affine
// formulas (the result of ec_mult), for the keys of the published vectors.
func starkRefMul(d *big.Int) starkRefPoint {
	var acc *starkRefPoint
	p := starkRefGen
	for i := range d.BitLen() {
		if d.Bit(i) == 1 {
			if acc == nil {
				q := p
				acc = &q
			} else {
				sum, ok := starkRefAdd(*acc, p)
				if !ok {
					panic("vector key needs a doubling in ec_mult")
				}
				acc = &sum
			}
		}
		p, _ = starkRefDouble(p)
	}
	return *acc
}

// publishedStarkVectors reads the table of StarkWare's published signatures
// (starknetVectors, with their source) from package ecdsa's tests, the one
// copy of them in the repository: a test file of another package cannot
// be imported. Each row is name, private key, message hash, r, s.
func publishedStarkVectors(t *testing.T) [][5]*big.Int {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "../ecdsa/stark_test.go", nil, 0)
	require.NoError(t, err)
	var rows [][5]*big.Int
	ast.Inspect(f, func(n ast.Node) bool {
		spec, ok := n.(*ast.ValueSpec)
		if !ok || len(spec.Names) != 1 || spec.Names[0].Name != "starknetVectors" {
			return true
		}
		for _, elt := range spec.Values[0].(*ast.CompositeLit).Elts {
			var row [5]*big.Int
			for i, field := range elt.(*ast.CompositeLit).Elts {
				s, err := strconv.Unquote(field.(*ast.BasicLit).Value)
				require.NoError(t, err)
				if i == 0 {
					continue // the name
				}
				v, ok := new(big.Int).SetString(s, 0)
				require.True(t, ok, s)
				row[i] = v
			}
			rows = append(rows, row)
		}
		return false
	})
	require.GreaterOrEqual(t, len(rows), 11, "the published vectors of ecdsa/stark_test.go")
	return rows
}

// TestStarkReference_Constants: the reference's constants are the Stark
// curve's of package curve (generator and order), its generator and shift
// point are on the curve.
func TestStarkReference_Constants(t *testing.T) {
	t.Parallel()
	c := curve.Stark()
	require.Equal(t, starkRefOrder.Bytes(), new(big.Int).SetBytes(c.Order().Bytes()).Bytes())
	require.Equal(t, starkRefGen.x.FillBytes(make([]byte, 32)), c.Generator().Bytes()[1:])
	require.True(t, starkRefOnCurve(starkRefGen))
	require.True(t, starkRefOnCurve(starkRefShift))
	require.Equal(t, 251, starkP.BitLen()-1)
}

// TestStarkReference_PublishedVectors: every published signature verifies
// under the reference, with the public key derived by the reference's own
// arithmetic, and package ecdsa's VerifyStarkXVarTime agrees on it and, for
// every third vector (the reference is slow), on its alterations (another
// hash, r + 1, s + 1, another key).
func TestStarkReference_PublishedVectors(t *testing.T) {
	t.Parallel()
	c := curve.Stark()
	one := big.NewInt(1)
	for i, v := range publishedStarkVectors(t) {
		priv, hash, r, s := v[1], v[2], v[3], v[4]
		pub := starkRefMul(priv)
		require.True(t, starkRefVerifyPoint(hash, r, s, pub), "vector of hash %x", hash)
		require.True(t, starkRefVerify(hash, r, s, pub.x), "vector of hash %x", hash)
		d, err := c.DecodeScalar(priv.FillBytes(make([]byte, 32)))
		require.NoError(t, err)
		require.Equal(t, pub.x.FillBytes(make([]byte, 32)), c.ScalarBaseMult(d).Bytes()[1:], "package curve's key")
		if i%3 != 0 {
			sig, err := ecdsa.ParseStarkSignature(append(r.FillBytes(make([]byte, 32)), s.FillBytes(make([]byte, 32))...))
			require.NoError(t, err)
			require.NoError(t, ecdsa.VerifyStarkXVarTime(pub.x.FillBytes(make([]byte, 32)), hash.FillBytes(make([]byte, 32)), sig))
			continue
		}
		for name, alt := range map[string][4]*big.Int{
			"as published": {hash, r, s, pub.x},
			"hash + 1":     {new(big.Int).Add(hash, one), r, s, pub.x},
			"r + 1":        {hash, new(big.Int).Add(r, one), s, pub.x},
			"s + 1":        {hash, r, new(big.Int).Add(s, one), pub.x},
			"key of G":     {hash, r, s, starkRefGen.x},
		} {
			want := starkRefVerify(alt[0], alt[1], alt[2], alt[3])
			require.Equal(t, name == "as published", want, name)
			sig, err := ecdsa.ParseStarkSignature(append(alt[1].FillBytes(make([]byte, 32)), alt[2].FillBytes(make([]byte, 32))...))
			require.NoError(t, err)
			got := ecdsa.VerifyStarkXVarTime(alt[3].FillBytes(make([]byte, 32)), alt[0].FillBytes(make([]byte, 32)), sig) == nil
			require.Equal(t, want, got, "package ecdsa disagrees with the reference: %s", name)
		}
	}
}

// TestStarkReference_ThresholdSignatures: CGGMP signatures on the Stark
// curve, from presigning and signing among all three holders and among
// two (more come from the curve table's tests, whose verifyStarknet runs
// the reference), verify under the reference given the key's x alone; a changed hash,
// r or s does not, and package ecdsa agrees.
func TestStarkReference_ThresholdSignatures(t *testing.T) {
	t.Parallel()
	c := curve.Stark()
	keys := keysOn(t, c)
	pub := keys[1].PublicKey()
	for i, ids := range [][]transport.PartyID{{1, 2, 3}, {1, 3}} {
		pres := presignAll(t, keys, ids, nil)
		digest := testDigest(c, "reference "+strconv.Itoa(i))
		var partials []*PartialSignature
		for _, id := range ids {
			ps, err := pres[id].SignShare(digest)
			require.NoError(t, err)
			partials = append(partials, ps)
		}
		sig, err := pres[ids[0]].Combine(digest, partials)
		require.NoError(t, err)
		require.True(t, starkRefVerifySig(pub, digest, sig), "signers %v", ids)
		require.True(t, starkRefVerifySig(pub.Negate(), digest, sig), "the other point of the same x")
		// (r, −s) verifies when its w is in range: the two agree on it
		flipped := &Signature{R: sig.R, S: sig.S.Negate()}
		require.Equal(t, starkRefVerifySig(pub, digest, flipped),
			ecdsa.VerifyStarkXVarTime(pub.Bytes()[1:], digest, flipped.publicECDSA()) == nil, "(r, −s)")

		one := c.ScalarFromUint64(1)
		other := testDigest(c, "another message")
		for name, alt := range map[string]struct {
			digest []byte
			sig    *Signature
		}{
			"hash": {other, sig},
			"r+1":  {digest, &Signature{R: sig.R.Add(one), S: sig.S}},
			"s+1":  {digest, &Signature{R: sig.R, S: sig.S.Add(one)}},
		} {
			require.False(t, starkRefVerifySig(pub, alt.digest, alt.sig), name)
			require.Error(t, ecdsa.VerifyStarkXVarTime(pub.Bytes()[1:], alt.digest, alt.sig.publicECDSA()), name)
		}
	}
}

// TestStarkReference_Ranges: the reference refuses what signature.py's
// asserts refuse (r, w or the hash out of [1, 2^251) or [0, 2^251), s out
// of [1, n), a key x with no point or not below p), and so does package
// ecdsa, on one published vector otherwise intact.
func TestStarkReference_Ranges(t *testing.T) {
	t.Parallel()
	v := publishedStarkVectors(t)[0]
	hash, r, s := v[2], v[3], v[4]
	pubX := starkRefMul(v[1]).x
	require.True(t, starkRefVerify(hash, r, s, pubX))
	nMinusOne := new(big.Int).Sub(starkRefOrder, big.NewInt(1)) // w = n − 1 >= 2^251
	noPoint := offCurveX(curve.Stark())
	for name, alt := range map[string][4]*big.Int{
		"r = 0":               {hash, big.NewInt(0), s, pubX},
		"r = 2^251":           {hash, starkRefBound, s, pubX},
		"s = 0":               {hash, r, big.NewInt(0), pubX},
		"s = n":               {hash, r, starkRefOrder, pubX},
		"w = n - 1":           {hash, r, nMinusOne, pubX},
		"hash = 2^251":        {starkRefBound, r, s, pubX},
		"key x = p":           {hash, r, s, starkP},
		"key x off the curve": {hash, r, s, noPoint},
	} {
		require.False(t, starkRefVerify(alt[0], alt[1], alt[2], alt[3]), name)
		var sig [64]byte
		alt[1].FillBytes(sig[:32])
		alt[2].FillBytes(sig[32:])
		parsed, err := ecdsa.ParseStarkSignature(sig[:])
		if err == nil {
			err = ecdsa.VerifyStarkXVarTime(alt[3].FillBytes(make([]byte, 32)), alt[0].FillBytes(make([]byte, 32)), parsed)
		}
		require.Error(t, err, "package ecdsa accepts %s", name)
	}
}
