package logstar

import (
	"fmt"

	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/internal/vartime"
)

// Modulus sizes accepted for N0 and N̂.
const (
	// MinModulusBits is 8ℓ, the paper's modulus size: ±2^(ℓ+ε) plaintexts
	// must fit far inside ±N0/2.
	MinModulusBits = 8 * zk.L
	// MaxModulusBits caps the work a statement or proof can cause.
	MaxModulusBits = 4096
)

// statement is a checked Public. All of it is public.
type statement struct {
	curve curve.Curve
	n0    *paillier.PublicKey
	aux   *paillier.PedersenParams
	nHat  *saferith.Modulus
	c     *saferith.Nat
	x, g  curve.Point
	r     ranges
}

// newStatement checks the statement's shape: every value present, the
// moduli of an accepted size, N̂ ≠ N0, C ∈ Z*_{N0²} (re-checked: a
// paillier.Ciphertext does not carry its key), X and g non-identity points
// of one curve.
func newStatement(pub Public) (*statement, error) {
	if pub.N0 == nil || pub.Aux == nil || pub.C == nil || pub.X == nil || pub.G == nil {
		return nil, fmt.Errorf("logstar: statement: missing value: %w", zk.ErrMalformed)
	}
	for _, m := range []struct {
		name string
		bits int
	}{{"N0", pub.N0.BitLen()}, {"N̂", pub.Aux.BitLen()}} {
		if m.bits < MinModulusBits || m.bits > MaxModulusBits {
			return nil, fmt.Errorf("logstar: statement: %s has %d bits, want %d..%d: %w",
				m.name, m.bits, MinModulusBits, MaxModulusBits, zk.ErrOutOfRange)
		}
	}
	if err := vartime.CheckVerifierModulus(pub.Aux, pub.N0, "N0"); err != nil {
		return nil, fmt.Errorf("logstar: statement: %w", err)
	}
	if pub.X.Curve().ID() != pub.G.Curve().ID() {
		return nil, fmt.Errorf("logstar: statement: X and g on different curves: %w", zk.ErrMalformed)
	}
	if pub.X.IsIdentity() || pub.G.IsIdentity() {
		return nil, fmt.Errorf("logstar: statement: X or g is the identity: %w", zk.ErrMalformed)
	}
	st := &statement{
		curve: pub.X.Curve(),
		n0:    pub.N0,
		aux:   pub.Aux, nHat: pub.Aux.N(),
		c: pub.C.Nat(),
		x: pub.X, g: pub.G,
		r: rangesOf(pub.Wide),
	}
	if err := vartime.CheckCiphertext(st.c, st.n0); err != nil {
		return nil, fmt.Errorf("logstar: statement: C: %w", err)
	}
	return st, nil
}
