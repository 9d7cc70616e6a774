package enc

import (
	"fmt"

	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/internal/vartime"
)

// Modulus sizes accepted for N0 and N̂.
const (
	// MinModulusBits is the smallest N0 and N̂ accepted (CGGMP21's 2048-bit
	// moduli; 4ℓ+2ε).
	MinModulusBits = 4*zk.L + 2*zk.Epsilon
	// MaxModulusBits caps the work a statement or proof can cause.
	MaxModulusBits = 4096
)

// statement is a checked Public. All of it is public.
type statement struct {
	pk   *paillier.PublicKey
	n0   *saferith.Modulus
	n0Sq *saferith.Modulus
	k    *saferith.Nat
	aux  *paillier.PedersenParams
	nHat *saferith.Modulus
}

// newStatement checks the statement before anything else: sizes of the
// moduli, N̂ ≠ N0, then K ∈ Z*_{N0²} (0 < K < N0², gcd(K, N0) = 1; SECURITY.md cases
// 10 and 11). paillier.PublicKey and paillier.PedersenParams are validated
// when built.
func newStatement(pub Public) (*statement, error) {
	if pub.N0 == nil || pub.Aux == nil || pub.K == nil {
		return nil, fmt.Errorf("enc: statement: missing N0, K or ring-Pedersen parameters: %w", zk.ErrMalformed)
	}
	st := &statement{
		pk:   pub.N0,
		n0:   pub.N0.N(),
		n0Sq: pub.N0.NSquared(),
		k:    pub.K,
		aux:  pub.Aux,
		nHat: pub.Aux.N(),
	}
	for _, m := range []struct {
		name string
		mod  *saferith.Modulus
	}{{"N0", st.n0}, {"N̂", st.nHat}} {
		if b := m.mod.BitLen(); b < MinModulusBits || b > MaxModulusBits {
			return nil, fmt.Errorf("enc: statement: %s has %d bits, want %d..%d: %w",
				m.name, b, MinModulusBits, MaxModulusBits, zk.ErrOutOfRange)
		}
	}
	if err := vartime.CheckVerifierModulus(pub.Aux, pub.N0, "N0"); err != nil {
		return nil, fmt.Errorf("enc: statement: %w", err)
	}
	if err := vartime.CheckCiphertext(pub.K, st.pk); err != nil {
		return nil, fmt.Errorf("enc: statement: K: %w", err)
	}
	return st, nil
}
