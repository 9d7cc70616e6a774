package fac

import (
	"fmt"

	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/internal/vartime"
)

// Modulus sizes accepted for N0 and N̂.
const (
	// MinModulusBits is 4ℓ + 2ε: the bound 2^(ℓ+ε)·√N0 on z1, z2 holds a
	// prover to factors of at most 2^(ℓ+ε+1)·√N0, so both are at least
	// √N0/2^(ℓ+ε+1), above 2^254 at this size (Dfns's spec requires
	// N0 > 2^(4ℓ) at least).
	MinModulusBits = 4*zk.L + 2*zk.Epsilon
	// MaxModulusBits caps the work a statement or proof can cause.
	MaxModulusBits = 4096
)

// statement is a checked Public with the bounds derived from it. All of it
// is public.
type statement struct {
	n0     *saferith.Modulus
	aux    *paillier.PedersenParams
	nHat   *saferith.Modulus
	sqrtN0 *saferith.Modulus // ⌊√N0⌋
	n0NHat *saferith.Modulus // N0·N̂
}

// newStatement checks the statement's shape. paillier.PublicKey and
// paillier.PedersenParams are validated when built (odd modulus of the
// configured size without small factors; s, t ∈ Z*_N̂ \ {±1}); here only the
// sizes this proof relies on are checked, and that N̂ is not N0.
func newStatement(pub Public) (*statement, error) {
	if pub.N0 == nil || pub.Aux == nil {
		return nil, fmt.Errorf("fac: statement: missing N0 or ring-Pedersen parameters: %w", zk.ErrMalformed)
	}
	n0, nHat := pub.N0.N(), pub.Aux.N()
	for _, m := range []struct {
		name string
		mod  *saferith.Modulus
	}{{"N0", n0}, {"N̂", nHat}} {
		if b := m.mod.BitLen(); b < MinModulusBits || b > MaxModulusBits {
			return nil, fmt.Errorf("fac: statement: %s has %d bits, want %d..%d: %w",
				m.name, b, MinModulusBits, MaxModulusBits, zk.ErrOutOfRange)
		}
	}
	if err := vartime.CheckVerifierModulus(pub.Aux, pub.N0, "N0"); err != nil {
		return nil, fmt.Errorf("fac: statement: %w", err)
	}
	return &statement{
		n0:     n0,
		aux:    pub.Aux,
		nHat:   nHat,
		sqrtN0: sqrtFloorVarTime(n0),
		n0NHat: saferith.ModulusFromNat(new(saferith.Nat).Mul(n0.Nat(), nHat.Nat(), -1)),
	}, nil
}
