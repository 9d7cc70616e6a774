package mod

// The verifier. Variable time: public values only. Everything checked here
// (N, w, the challenges and the responses) is public, so this file uses
// math/big, except for the 128 powers z_i^N, which internal/bigint's
// assembly Montgomery kernels with sliding windows over the public N do
// about a quarter faster.

import (
	"fmt"
	"math/big"

	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/internal/bigint"
	"github.com/mosaic-mpc/mosaic/internal/par"
	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/internal/wire"
)

// Verify checks the proof against pub.N on a transcript bound to the same
// context as the prover's (zk.BindContext). It returns nil for a valid proof
// and otherwise an error wrapping zk.ErrMalformed (shape, repetition count,
// encoding width), zk.ErrOutOfRange (sizes and ranges), zk.ErrNotUnit (a
// value sharing a factor with N) or zk.ErrVerify (N even, prime or a
// square, (w/N) ≠ −1, or a failed equation).
func (p *Proof) Verify(t *transcript.Transcript, pub Public) error {
	return verifyWithRepetitions(t, pub, p, zk.Repetitions)
}

// verifyWithRepetitions is Verify for m repetitions. Verify is its only
// production caller and passes the constant zk.Repetitions; tests pass m = 1
// to demonstrate the c-guess attack of SECURITY.md case 7. Keeping the count
// a parameter of an unexported function, instead of a build tag or a package
// variable, means no build of the package can verify with fewer repetitions.
func verifyWithRepetitions(t *transcript.Transcript, pub Public, p *Proof, m int) error {
	// Shape and count first: nothing else is looked at for a proof with the
	// wrong number of repetitions (SECURITY.md case 5).
	if p == nil || p.w == nil {
		return fmt.Errorf("mod: missing proof: %w", zk.ErrMalformed)
	}
	if len(p.reps) != m {
		return fmt.Errorf("mod: %d repetitions, want %d: %w", len(p.reps), m, zk.ErrMalformed)
	}
	for i, r := range p.reps {
		if r.x == nil || r.z == nil {
			return fmt.Errorf("mod: repetition %d incomplete: %w", i, zk.ErrMalformed)
		}
	}
	if t == nil {
		return fmt.Errorf("mod: nil transcript: %w", zk.ErrMalformed)
	}

	// Sizes and ranges, before any arithmetic.
	n := pub.N
	if n == nil || n.BitLen() < MinModulusBits || n.BitLen() > MaxModulusBits {
		return fmt.Errorf("mod: modulus size outside [%d, %d] bits: %w", MinModulusBits, MaxModulusBits, zk.ErrOutOfRange)
	}
	if p.width != wire.ByteLen(n.BitLen()) {
		return fmt.Errorf("mod: integers encoded in %d bytes, N needs %d: %w", p.width, wire.ByteLen(n.BitLen()), zk.ErrMalformed)
	}
	nb := n.Big()
	w, err := unitCandidate(p.w, nb, "w")
	if err != nil {
		return err
	}
	xs := make([]*big.Int, m)
	zs := make([]*big.Int, m)
	for i, r := range p.reps {
		if xs[i], err = unitCandidate(r.x, nb, fmt.Sprintf("x[%d]", i)); err != nil {
			return err
		}
		if zs[i], err = unitCandidate(r.z, nb, fmt.Sprintf("z[%d]", i)); err != nil {
			return err
		}
	}

	// The statement: an odd composite that is not a square (case 4). A
	// probable-prime test suffices: it never calls a prime composite, so a
	// prime N is always refused.
	if nb.Bit(0) == 0 {
		return fmt.Errorf("mod: N is even: %w", zk.ErrVerify)
	}
	if nb.ProbablyPrime(0) {
		return fmt.Errorf("mod: N is prime: %w", zk.ErrVerify)
	}
	if root := new(big.Int).Sqrt(nb); new(big.Int).Mul(root, root).Cmp(nb) == 0 {
		return fmt.Errorf("mod: N is a perfect square: %w", zk.ErrVerify)
	}
	// gcd(w, N) = 1 (case 3: without it N = P·Q1⋯Q7 with w ≡ 0 mod Qi
	// forged a proof), then (w/N) = −1.
	if !coprime(w, nb) {
		return fmt.Errorf("mod: gcd(w, N) ≠ 1: %w", zk.ErrNotUnit)
	}
	if big.Jacobi(w, nb) != -1 {
		return fmt.Errorf("mod: Jacobi symbol (w/N) ≠ −1: %w", zk.ErrVerify)
	}

	ys := bigAll(challenges(t, n, p.w, m))
	if err := allUnits(nb, ys, xs, zs); err != nil {
		return err
	}

	powN := nthPowerVarTime(n)
	bad := par.FirstFailure(m, func(i int) bool {
		return checkRepetition(nb, w, ys[i], xs[i], powN(p.reps[i].z), p.reps[i].a, p.reps[i].b)
	})
	if bad >= 0 {
		return fmt.Errorf("mod: repetition %d: %w", bad, zk.ErrVerify)
	}
	return nil
}

// nthPowerVarTime returns z ↦ z^N mod N. The 128 powers with the public
// exponent N are most of the verifier's work; internal/bigint's Montgomery
// kernels with sliding windows over N compute them faster than math/big
// where the platform has them (its ExpPublicExp falls back to a
// constant-time exponentiation otherwise).
func nthPowerVarTime(n *saferith.Modulus) func(z *saferith.Nat) *big.Int {
	if o, err := bigint.NewOddModulus(n); err == nil {
		nNat := n.Nat()
		return func(z *saferith.Nat) *big.Int { return o.ExpPublicExp(z, nNat).Big() }
	}
	nb := n.Big()
	return func(z *saferith.Nat) *big.Int { return new(big.Int).Exp(z.Big(), nb, nb) }
}

// checkRepetition checks z^N = y, given zN = z^N mod N, and
// x^4 = (−1)^a·w^b·y (mod N).
func checkRepetition(n, w, y, x, zN *big.Int, a, b bool) bool {
	if zN.Cmp(y) != 0 {
		return false
	}
	x4 := new(big.Int).Mul(x, x)
	x4.Mod(x4, n)
	x4.Mul(x4, x4)
	x4.Mod(x4, n)
	rhs := new(big.Int).Set(y)
	if b {
		rhs.Mul(rhs, w)
		rhs.Mod(rhs, n)
	}
	if a {
		rhs.Sub(n, rhs) // rhs ≠ 0: y and w are units
	}
	return x4.Cmp(rhs) == 0
}

// unitCandidate checks 1 ≤ x < N, looking at the bit length before the value,
// and returns x as a big.Int.
func unitCandidate(x *saferith.Nat, n *big.Int, name string) (*big.Int, error) {
	if x.TrueLen() > n.BitLen() {
		return nil, fmt.Errorf("mod: %s has %d bits, N has %d: %w", name, x.TrueLen(), n.BitLen(), zk.ErrOutOfRange)
	}
	xb := x.Big()
	if xb.Sign() == 0 || xb.Cmp(n) >= 0 {
		return nil, fmt.Errorf("mod: %s not in [1, N): %w", name, zk.ErrOutOfRange)
	}
	return xb, nil
}

func coprime(x, n *big.Int) bool {
	return new(big.Int).GCD(nil, nil, x, n).Cmp(big.NewInt(1)) == 0
}

// allUnits checks that every value is in Z*_N with one gcd: the product of
// units is a unit and a non-unit factor makes the product a non-unit. Only a
// failure pays for locating the culprit.
func allUnits(n *big.Int, groups ...[]*big.Int) error {
	prod := big.NewInt(1)
	for _, g := range groups {
		for _, v := range g {
			prod.Mul(prod, v)
			prod.Mod(prod, n)
		}
	}
	if coprime(prod, n) {
		return nil
	}
	names := []string{"y", "x", "z"}
	for gi, g := range groups {
		for i, v := range g {
			if !coprime(v, n) {
				return fmt.Errorf("mod: %s[%d] shares a factor with N: %w", names[gi], i, zk.ErrNotUnit)
			}
		}
	}
	return fmt.Errorf("mod: a value shares a factor with N: %w", zk.ErrNotUnit) // unreachable
}

func bigAll(xs []*saferith.Nat) []*big.Int {
	out := make([]*big.Int, len(xs))
	for i, x := range xs {
		out[i] = x.Big()
	}
	return out
}
