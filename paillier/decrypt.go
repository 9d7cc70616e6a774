package paillier

import (
	"fmt"

	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/internal/bigint"
)

// Dec decrypts ct and returns the plaintext centred in (−N/2, N/2]. It works
// modulo p² and q² (CRT) in time independent of the plaintext. ct must be a
// ciphertext for this key (validated by NewCiphertext / DecodeCiphertext).
func (sk *SecretKey) Dec(ct *Ciphertext) (*saferith.Int, error) {
	if err := sk.checkCiphertext(ct); err != nil {
		return nil, err
	}
	mp := decryptPrime(ct.c, sk.pMod, sk.pSq.Exp, sk.pm1, sk.hp)
	mq := decryptPrime(ct.c, sk.qMod, sk.qSq.Exp, sk.qm1, sk.hq)
	m := sk.crtN.Combine(mp, mq)
	return new(saferith.Int).SetModSymmetric(m, sk.pk.nMod), nil
}

// decryptPrime returns m mod p = L_p(c^(p−1) mod p²)·(−q)⁻¹ mod p, where
// L_p(x) = (x−1)/p. c, p, pm1 and h are shared and only read.
func decryptPrime(c *saferith.Nat, p *saferith.Modulus,
	expP2 func(x, e *saferith.Nat) *saferith.Nat, pm1 *saferith.Modulus, h *saferith.Nat,
) *saferith.Nat {
	x := expP2(c, pm1.Nat())
	x.Sub(x, new(saferith.Nat).SetUint64(1), x.AnnouncedLen())
	l := new(saferith.Nat).Div(x, p, p.BitLen())
	return l.ModMul(l, h, p)
}

// DecWithNonce decrypts ct and also recovers its nonce ρ ∈ Z*_N, so that
// ct = (1+N)^m · ρ^N mod N² (Πdec and identifiable aborts need it).
func (sk *SecretKey) DecWithNonce(ct *Ciphertext) (*saferith.Int, *saferith.Nat, error) {
	m, err := sk.Dec(ct)
	if err != nil {
		return nil, nil, err
	}
	return m, sk.NthRoot(ct.c), nil
}

// Nonce recovers the nonce ρ of ct: c ≡ ρ^N (mod N), so ρ is the N-th root of
// c mod N.
func (sk *SecretKey) Nonce(ct *Ciphertext) (*saferith.Nat, error) {
	if err := sk.checkCiphertext(ct); err != nil {
		return nil, err
	}
	return sk.NthRoot(ct.c), nil
}

func (sk *SecretKey) checkCiphertext(ct *Ciphertext) error {
	if err := sk.usable(); err != nil {
		return err
	}
	if ct == nil || ct.c == nil {
		return fmt.Errorf("%w: nil", ErrInvalidCiphertext)
	}
	// Not CmpMod: it writes to both operands, and both are shared.
	if bigint.Less(ct.c, sk.pk.nSqMod) != 1 {
		return fmt.Errorf("%w: not below N²", ErrInvalidCiphertext)
	}
	return nil
}
