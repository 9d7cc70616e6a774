package paillier

import (
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"

	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/internal/bigint"
)

// Owner-side fresh nonces.
//
// A fresh encryption needs ρ uniform in Z*_N and ρ^N mod N². Computed
// directly that is an |N|-bit exponentiation modulo p² and q² for every
// ciphertext. The key owner can do much better, because:
//
//  1. ρ^N mod p² depends only on ρ mod p. For any k, (ρ + kp)^N =
//     Σ_i C(N,i)·ρ^(N−i)·(kp)^i, and every term with i ≥ 1 is divisible by
//     N·p, hence by p² (p | N). So x ↦ x^N mod p² is a well-defined
//     homomorphism Z*_p → Z*_{p²}.
//  2. Z*_p is cyclic of order p−1 = 2p′ (p a safe prime) and g = −4 mod p
//     generates it: 4 = 2² is a square other than 1, so its order is the
//     prime p′; −1 has order 2; hence g² = 16 ≠ 1 and g^p′ = (−1)^p′·4^p′
//     = −1 ≠ 1, which leaves p−1 as the only possible order. No search is
//     needed, so nothing about p leaks through a variable number of trials.
//
// Hence, with k_p uniform in [0, p−1), ρ_p = g_p^k_p mod p is uniform in
// Z*_p and ρ_p^N ≡ (g_p^N)^k_p = W_p^k_p (mod p²) with W_p = g_p^N mod p²
// precomputed once. Likewise for q. By the Chinese remainder theorem
// ρ = CRT(ρ_p, ρ_q) is uniform in Z*_N (Z*_p × Z*_q ≅ Z*_N) and
// ρ^N mod N² = CRT(W_p^k_p mod p², W_q^k_q mod q²). With fixed-base tables
// for g_p (mod p) and W_p (mod p²) both powers cost one Montgomery
// multiplication per 4 exponent bits and no squarings: a nonce and its N-th
// power cost about a tenth of one |N|-bit exponentiation modulo p² and q².
//
// k_p is drawn as |p−1| + 128 random bits reduced modulo p−1 (constant
// time, no rejection whose rate would depend on p), so ρ is within
// statistical distance 2^−127 of uniform on Z*_N, which is what every proof
// and the semantic security of Paillier encryption assume.

// nonceExtraBits is the excess of the exponent samples over |p−1|: the
// statistical distance of k mod (p−1) from uniform is below 2^−nonceExtraBits.
const nonceExtraBits = 128

// nonceState is the owner's lazily built nonce precomputation, shared by
// every copy of a SecretKey (UnmarshalBinary copies the struct).
type nonceState struct {
	once sync.Once
	p, q *nonceHalf
	// wiped is set by SecretKey.Zeroize (here because every copy of the
	// key shares this state).
	wiped atomic.Bool
}

// nonceHalf is the precomputation for one prime p: g = −4 mod p and
// W = g^N mod p², with fixed-base tables when the platform has them.
// Secret.
type nonceHalf struct {
	order       *saferith.Modulus // p−1, shared and only read
	bits        int               // bit length of the exponent samples
	gTab, wTab  *bigint.FixedBase // nil without assembly kernels
	g, w        *saferith.Nat     // for the fallback exponentiations
	modP, modP2 *bigint.OddModulus
}

func newNonceHalf(prime *saferith.Nat, modP, modP2 *bigint.OddModulus, order *saferith.Modulus, nModOrd2 *saferith.Nat) *nonceHalf {
	// g = p − 4: p > 4, so this never wraps. Sub writes to its operands
	// (internal/bigint/shared.go) and prime is the key's own p: use a copy.
	g := new(saferith.Nat).Sub(prime.Clone(), new(saferith.Nat).SetUint64(4), prime.AnnouncedLen())
	// W = g^N mod p², with N reduced modulo p(p−1), the order of Z*_{p²}.
	w := modP2.Exp(g, nModOrd2)
	h := &nonceHalf{order: order, bits: order.BitLen() + nonceExtraBits, g: g, w: w, modP: modP, modP2: modP2}
	// The exponents are reduced modulo p−1, so |p−1| bits cover them.
	gTab, errG := modP.NewFixedBase(g, order.BitLen())
	wTab, errW := modP2.NewFixedBase(w, order.BitLen())
	if errG == nil && errW == nil {
		h.gTab, h.wTab = gTab, wTab
	}
	return h
}

// sample returns ρ_p = g^k mod p and W^k mod p² for a fresh k.
func (h *nonceHalf) sample(rand io.Reader) (*saferith.Nat, *saferith.Nat, error) {
	raw, err := bigint.SampleNatBits(rand, h.bits)
	if err != nil {
		return nil, nil, err
	}
	k := new(saferith.Nat).Mod(raw, h.order)
	if h.gTab == nil {
		return h.modP.Exp(h.g, k), h.modP2.Exp(h.w, k), nil
	}
	rho, errG := h.gTab.Exp(k)
	rhoN, errW := h.wTab.Exp(k)
	if err := errors.Join(errG, errW); err != nil {
		// Unreachable: k mod (p−1) fits the tables.
		return nil, nil, err
	}
	return rho, rhoN, nil
}

// nonces returns the key's nonce precomputation, building it on first use
// (about 20 ms and 0.75 MB for a 2048-bit key; concurrency-safe). It returns
// nil for a SecretKey that was not built by this package.
func (sk *SecretKey) nonces() *nonceState {
	ns := sk.nonce
	if ns == nil {
		return nil
	}
	ns.once.Do(func() {
		ns.p = newNonceHalf(sk.pNat, sk.p, sk.pSq, sk.pm1, sk.nModP2)
		ns.q = newNonceHalf(sk.qNat, sk.q, sk.qSq, sk.qm1, sk.nModQ2)
	})
	return ns
}

// SampleNonce returns a fresh nonce ρ, uniform in Z*_N (to within 2^−127),
// and its N-th power ρ^N mod N², the random factor of a fresh encryption
// (1+N)^m·ρ^N. It uses a shortcut open only to the owner of p and q:
// g_p = −4 mod p generates Z*_p, and x^N mod p² depends only on x mod p, so
// with k_p uniform modulo p−1 and W_p = g_p^N mod p² (likewise for q),
// ρ = CRT(g_p^k_p, g_q^k_q) and ρ^N = CRT(W_p^k_p, W_q^k_q), computed with
// fixed generators and precomputed tables, about ten times faster than
// exponentiating a sampled ρ. Constant time.
// The tables are built on the key's first use. rand nil means
// crypto/rand.Reader. Both results are secret.
func (sk *SecretKey) SampleNonce(rand io.Reader) (rho, rhoN *saferith.Nat, err error) {
	if err := sk.usable(); err != nil {
		return nil, nil, err
	}
	ns := sk.nonces()
	rand = bigint.Reader(rand)
	rp, wp, err := ns.p.sample(rand)
	if err != nil {
		return nil, nil, fmt.Errorf("paillier: sampling nonce: %w", err)
	}
	rq, wq, err := ns.q.sample(rand)
	if err != nil {
		return nil, nil, fmt.Errorf("paillier: sampling nonce: %w", err)
	}
	return sk.crtN.Combine(rp, rq), sk.crtN2.Combine(wp, wq), nil
}

// EncFresh returns (1+N)^m·ρ^N mod N² and ρ for a fresh nonce ρ from
// SampleNonce. Like EncWithNonce it takes m modulo N, so any integer is
// accepted: the zero-knowledge provers encrypt masks wider than N/2. Use Enc
// for a plaintext that must lie in ±(N−1)/2. Constant time in m.
func (sk *SecretKey) EncFresh(rand io.Reader, m *saferith.Int) (*Ciphertext, *saferith.Nat, error) {
	if m == nil {
		return nil, nil, ErrPlaintextRange
	}
	rho, rhoN, err := sk.SampleNonce(rand)
	if err != nil {
		return nil, nil, err
	}
	rhoN.ModMul(rhoN, sk.pk.onePlusMN(m), sk.pk.nSqMod)
	return &Ciphertext{c: rhoN}, rho, nil
}
