package dec

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
	// MinModulusBits is 8ℓ, the paper's modulus size. The soundness bound
	// of the package documentation is 2^(PlaintextBits + StatBits + 2 −
	// |N0|): 2^−110 at this size, below 2^−128 from |N0| = 2066 bits on.
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
	x     curve.Scalar
}

// newStatement checks the statement's shape: every value present, the
// moduli of an accepted size, N̂ ≠ N0, C ∈ Z*_{N0²} (re-checked: a
// paillier.Ciphertext does not carry its key).
func newStatement(pub Public) (*statement, error) {
	if pub.N0 == nil || pub.Aux == nil || pub.C == nil || pub.X == nil {
		return nil, fmt.Errorf("dec: statement: missing value: %w", zk.ErrMalformed)
	}
	for _, m := range []struct {
		name string
		bits int
	}{{"N0", pub.N0.BitLen()}, {"N̂", pub.Aux.BitLen()}} {
		if m.bits < MinModulusBits || m.bits > MaxModulusBits {
			return nil, fmt.Errorf("dec: statement: %s has %d bits, want %d..%d: %w",
				m.name, m.bits, MinModulusBits, MaxModulusBits, zk.ErrOutOfRange)
		}
	}
	if err := vartime.CheckVerifierModulus(pub.Aux, pub.N0, "N0"); err != nil {
		return nil, fmt.Errorf("dec: statement: %w", err)
	}
	st := &statement{
		curve: pub.X.Curve(),
		n0:    pub.N0,
		aux:   pub.Aux, nHat: pub.Aux.N(),
		c: pub.C.Nat(),
		x: pub.X,
	}
	if err := vartime.CheckCiphertext(st.c, st.n0); err != nil {
		return nil, fmt.Errorf("dec: statement: C: %w", err)
	}
	return st, nil
}
