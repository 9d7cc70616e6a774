package mul

import (
	"fmt"

	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/internal/vartime"
)

// Modulus sizes accepted for N.
const (
	// MinModulusBits is 8ℓ, the paper's modulus size.
	MinModulusBits = 8 * zk.L
	// MaxModulusBits caps the work a statement or proof can cause.
	MaxModulusBits = 4096
)

// statement is a checked Public. All of it is public.
type statement struct {
	pk      *paillier.PublicKey
	x, y, c *saferith.Nat
}

// newStatement checks the statement's shape: every value present, N of an
// accepted size, X, Y, C ∈ Z*_{N²} (re-checked: a paillier.Ciphertext does
// not carry its key).
func newStatement(pub Public) (*statement, error) {
	if pub.N == nil || pub.X == nil || pub.Y == nil || pub.C == nil {
		return nil, fmt.Errorf("mul: statement: missing value: %w", zk.ErrMalformed)
	}
	if b := pub.N.BitLen(); b < MinModulusBits || b > MaxModulusBits {
		return nil, fmt.Errorf("mul: statement: N has %d bits, want %d..%d: %w",
			b, MinModulusBits, MaxModulusBits, zk.ErrOutOfRange)
	}
	st := &statement{pk: pub.N, x: pub.X.Nat(), y: pub.Y.Nat(), c: pub.C.Nat()}
	for _, ct := range []struct {
		name string
		v    *saferith.Nat
	}{{"X", st.x}, {"Y", st.y}, {"C", st.c}} {
		if err := vartime.CheckCiphertext(ct.v, st.pk); err != nil {
			return nil, fmt.Errorf("mul: statement: %s: %w", ct.name, err)
		}
	}
	return st, nil
}
