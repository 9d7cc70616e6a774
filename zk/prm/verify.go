package prm

// The verifier. Variable time: public values only.

import (
	"fmt"

	"filippo.io/bigmod"
	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/internal/bigint"
	"github.com/mosaic-mpc/mosaic/internal/par"
	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/internal/ctarith"
	"github.com/mosaic-mpc/mosaic/zk/internal/wire"
)

// Verify checks the proof against the statement on a transcript bound to the
// same context as the prover's (zk.BindContext). It returns nil for a valid
// proof and otherwise an error wrapping zk.ErrMalformed (shape, repetition
// count, encoding width), zk.ErrOutOfRange (sizes, ranges, degenerate s or
// t), zk.ErrNotUnit (a value sharing a factor with N̂) or zk.ErrVerify (N̂
// even or a failed equation).
func (p *Proof) Verify(t *transcript.Transcript, pub Public) error {
	return verifyWithRepetitions(t, pub, p, zk.Repetitions)
}

// verifyWithRepetitions is Verify for m repetitions. Verify is its only
// production caller and passes the constant zk.Repetitions; keeping the count
// a parameter of an unexported function, instead of a build tag or a package
// variable, means no build of the package can verify with fewer repetitions.
func verifyWithRepetitions(t *transcript.Transcript, pub Public, p *Proof, m int) error {
	// Shape and count first (SECURITY.md case 5).
	if p == nil {
		return fmt.Errorf("prm: missing proof: %w", zk.ErrMalformed)
	}
	if len(p.a) != m || len(p.z) != m {
		return fmt.Errorf("prm: %d commitments and %d responses, want %d repetitions: %w", len(p.a), len(p.z), m, zk.ErrMalformed)
	}
	for i := range m {
		if p.a[i] == nil || p.z[i] == nil {
			return fmt.Errorf("prm: repetition %d incomplete: %w", i, zk.ErrMalformed)
		}
	}
	if t == nil {
		return fmt.Errorf("prm: nil transcript: %w", zk.ErrMalformed)
	}

	// Sizes and ranges, before any arithmetic.
	if err := checkStatementRanges(pub); err != nil {
		return err
	}
	n := pub.N
	if p.width != wire.ByteLen(n.BitLen()) {
		return fmt.Errorf("prm: integers encoded in %d bytes, N needs %d: %w", p.width, wire.ByteLen(n.BitLen()), zk.ErrMalformed)
	}
	for i := range m {
		if !bigint.NatInRangeVarTime(p.a[i], n) || p.a[i].EqZero() == 1 {
			return fmt.Errorf("prm: A[%d] not in [1, N): %w", i, zk.ErrOutOfRange)
		}
		if !bigint.NatInRangeVarTime(p.z[i], n) {
			return fmt.Errorf("prm: z[%d] not in [0, N): %w", i, zk.ErrOutOfRange)
		}
	}

	if err := checkStatementUnits(pub); err != nil {
		return err
	}
	nm, err := bigmod.NewModulus(n.Bytes())
	if err != nil {
		return fmt.Errorf("prm: %w: %w", err, zk.ErrOutOfRange)
	}
	width := p.width
	toMod := func(x *saferith.Nat) *bigmod.Nat {
		v, err := bigmod.NewNat().SetBytes(x.FillBytes(make([]byte, width)), nm)
		if err != nil {
			panic("prm: range-checked value not below N") // unreachable
		}
		return v
	}
	commitments := make([]*bigmod.Nat, m)
	for i := range m {
		commitments[i] = toMod(p.a[i])
	}
	if i := firstNonUnit(commitments, nm); i >= 0 {
		return fmt.Errorf("prm: A[%d] shares a factor with N: %w", i, zk.ErrNotUnit)
	}

	e := challenges(t, pub, p.a)

	s := toMod(pub.S)
	powT := newPowersOfT(pub, nm, width)
	bad := par.FirstFailure(m, func(i int) bool {
		lhs := powT(p.z[i])
		rhs := ctarith.Copy(commitments[i], nm)
		if e[i] == 1 {
			rhs.Mul(s, nm)
		}
		return lhs.Equal(rhs) == 1
	})
	if bad >= 0 {
		return fmt.Errorf("prm: repetition %d: %w", bad, zk.ErrVerify)
	}
	return nil
}

// newPowersOfT returns z ↦ t^z mod N̂ for exponents of up to 8·width bits,
// safe for concurrent use. It uses internal/bigint's fixed-base table (one
// Montgomery multiplication per 4 exponent bits, assembly kernels) where the
// platform has it, and this package's bucket method on bigmod otherwise.
func newPowersOfT(pub Public, nm *bigmod.Modulus, width int) func(z *saferith.Nat) *bigmod.Nat {
	fromBytes := func(b []byte) *bigmod.Nat {
		v, err := bigmod.NewNat().SetBytes(b, nm)
		if err != nil {
			panic("prm: power of t not below N") // unreachable
		}
		return v
	}
	if o, err := bigint.NewOddModulus(pub.N); err == nil {
		if fb, err := o.NewFixedBase(pub.T, 8*width); err == nil {
			return func(z *saferith.Nat) *bigmod.Nat {
				r, err := fb.Exp(new(saferith.Nat).SetBytes(z.FillBytes(make([]byte, width))))
				if err != nil {
					panic("prm: exponent wider than the table") // unreachable: z has width bytes
				}
				return fromBytes(r.FillBytes(make([]byte, width)))
			}
		}
	}
	base := newFixedBase(fromBytes(pub.T.FillBytes(make([]byte, width))), nm, 8*width)
	return func(z *saferith.Nat) *bigmod.Nat {
		return base.exp(z.FillBytes(make([]byte, width)))
	}
}

// firstNonUnit returns the index of the first value sharing a factor with
// N, or −1 if all are units. One gcd of the product decides the common case
// (a product of units is a unit; a non-unit factor makes it a non-unit).
func firstNonUnit(xs []*bigmod.Nat, nm *bigmod.Modulus) int {
	n := new(saferith.Nat).SetBytes(nm.Nat().Bytes(nm))
	isUnit := func(x *bigmod.Nat) bool {
		return bigint.GCDIsOneVarTime(new(saferith.Nat).SetBytes(x.Bytes(nm)), n)
	}
	if len(xs) == 0 {
		return -1
	}
	prod := ctarith.Copy(xs[0], nm)
	for _, x := range xs[1:] {
		prod.Mul(x, nm)
	}
	if isUnit(prod) {
		return -1
	}
	for i, x := range xs {
		if !isUnit(x) {
			return i
		}
	}
	return -1 // unreachable
}
