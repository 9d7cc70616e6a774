package affg

import (
	"fmt"

	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/internal/vartime"
)

// Modulus sizes accepted for N0, N1 and N̂.
const (
	// MinModulusBits is 8ℓ: the ranges ±2^(ℓ'+ε) and ±2^(2(ℓ+ε)) of the
	// MtA plaintexts must fit far inside ±N/2 (the paper's N ≥ 2^(8ℓ)).
	MinModulusBits = 8 * zk.L
	// MaxModulusBits caps the work a statement or proof can cause.
	MaxModulusBits = 4096
)

// statement is a checked Public. All of it is public.
type statement struct {
	curve   curve.Curve
	n0, n1  *paillier.PublicKey
	aux     *paillier.PedersenParams
	nHat    *saferith.Modulus
	c, d, y *saferith.Nat
	cCt     *paillier.Ciphertext // C, for the prover's AffineWithNonce
	x       curve.Point
}

// newStatement checks the statement's shape: every value present, every
// modulus of an accepted size, N̂ ≠ N1, every ciphertext in Z*_{N²} of its key (a
// paillier.Ciphertext does not carry its key, so membership is re-checked
// here against the key the statement names), X not the identity.
func newStatement(pub Public) (*statement, error) {
	if pub.N0 == nil || pub.N1 == nil || pub.Aux == nil || pub.C == nil || pub.D == nil ||
		pub.Y == nil || pub.X == nil {
		return nil, fmt.Errorf("affg: statement: missing value: %w", zk.ErrMalformed)
	}
	for _, m := range []struct {
		name string
		bits int
	}{{"N0", pub.N0.BitLen()}, {"N1", pub.N1.BitLen()}, {"N̂", pub.Aux.BitLen()}} {
		if m.bits < MinModulusBits || m.bits > MaxModulusBits {
			return nil, fmt.Errorf("affg: statement: %s has %d bits, want %d..%d: %w",
				m.name, m.bits, MinModulusBits, MaxModulusBits, zk.ErrOutOfRange)
		}
	}
	// N1 is the prover's key here. N̂ = N0 is not refused: in CGGMP21 the
	// verifier's ring-Pedersen modulus is its own Paillier modulus, N0.
	if err := vartime.CheckVerifierModulus(pub.Aux, pub.N1, "N1"); err != nil {
		return nil, fmt.Errorf("affg: statement: %w", err)
	}
	st := &statement{
		curve: pub.X.Curve(),
		n0:    pub.N0, n1: pub.N1,
		aux: pub.Aux, nHat: pub.Aux.N(),
		c: pub.C.Nat(), d: pub.D.Nat(), y: pub.Y.Nat(), cCt: pub.C,
		x: pub.X,
	}
	for _, ct := range []struct {
		name string
		v    *saferith.Nat
		pk   *paillier.PublicKey
	}{{"C", st.c, st.n0}, {"D", st.d, st.n0}, {"Y", st.y, st.n1}} {
		if err := vartime.CheckCiphertext(ct.v, ct.pk); err != nil {
			return nil, fmt.Errorf("affg: statement: %s: %w", ct.name, err)
		}
	}
	if st.x.IsIdentity() {
		return nil, fmt.Errorf("affg: statement: X is the identity: %w", zk.ErrMalformed)
	}
	return st, nil
}
