package vartime

import (
	"fmt"

	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/internal/bigint"
	"github.com/mosaic-mpc/mosaic/zk"
)

// Nat is a proof's commitment or nonce field: a unit other than ±1 of Z_Mod,
// coprime to Unit (Mod itself, or N for a value modulo N²).
type Nat struct {
	Name      string
	X         *saferith.Nat
	Mod, Unit *saferith.Modulus
}

// Int is a proof's response: |X| ≤ 2^Bits, times Scale when Scale is not
// nil.
type Int struct {
	Name  string
	X     *saferith.Int
	Bits  int
	Scale *saferith.Modulus
}

// Fields are the integer fields of one proof, named in errors after Proof
// (the package name: "affg", "dec", ...).
type Fields struct {
	Proof string
	Nats  []Nat
	Ints  []Int
}

// Missing returns an error wrapping zk.ErrMalformed that names the first
// nil field, or nil.
func (f Fields) Missing() error {
	for _, n := range f.Nats {
		if n.X == nil {
			return fmt.Errorf("%s: missing %s: %w", f.Proof, n.Name, zk.ErrMalformed)
		}
	}
	for _, i := range f.Ints {
		if i.X == nil {
			return fmt.Errorf("%s: missing %s: %w", f.Proof, i.Name, zk.ErrMalformed)
		}
	}
	return nil
}

// Check checks, after Missing, in this order: no field is longer than its
// modulus (so that nothing later touches an oversized value), every
// response lies in its range, and every Nat is a unit other than ±1
// (SECURITY.md cases 10–12). The error wraps zk.ErrOutOfRange or
// zk.ErrNotUnit and names the field.
func (f Fields) Check() error {
	for _, n := range f.Nats {
		if n.X.TrueLen() > n.Mod.BitLen() {
			return fmt.Errorf("%s: %s longer than its modulus: %w", f.Proof, n.Name, zk.ErrOutOfRange)
		}
	}
	for _, i := range f.Ints {
		var ok bool
		if i.Scale == nil {
			ok = bigint.InRangeVarTime(i.X, i.Bits)
		} else {
			ok = bigint.InRangeScaledVarTime(i.X, i.Bits, i.Scale)
		}
		if !ok {
			return fmt.Errorf("%s: %s out of range: %w", f.Proof, i.Name, zk.ErrOutOfRange)
		}
	}
	for _, n := range f.Nats {
		if err := CheckUnit(n.X, n.Mod, n.Unit); err != nil {
			return fmt.Errorf("%s: %s: %w", f.Proof, n.Name, err)
		}
	}
	return nil
}
