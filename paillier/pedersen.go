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

// PedersenParams are ring-Pedersen parameters (N̂, s, t) of CGGMP21
// (Definition 2.6): a Paillier-Blum modulus N̂ and s, t ∈ Z*_N̂ with s ∈ ⟨t⟩.
// Commitments are s^x · t^y mod N̂. Membership s ∈ ⟨t⟩ is what Πprm proves;
// NewPedersenParams checks the rest. Immutable, safe for concurrent use: the
// fields are only ever read, never passed to a saferith operation that
// writes to its operands, and every getter returns a copy.
type PedersenParams struct {
	bits       int
	n          *bigint.OddModulus
	nMod       *saferith.Modulus // the saferith modulus behind n (read only)
	nNat       *saferith.Nat
	s, t       *saferith.Nat
	sInv, tInv *saferith.Nat

	// Fixed-base tables: explicit ones from Precompute, else the lazily
	// built ones (a pointer, so that copies share them; nil for a value not
	// built by this package, which then never uses tables).
	tables *commitTables
	lazy   *lazyTables
}

// commitTables are fixed-base tables for s and t: s^x·t^y is computed as
// S(x + 2^k)·T(y + 2^k)·(s·t)^(−2^k), so that one table per base serves
// both signs.
type commitTables struct {
	bits       int // k: exponents of announced length ≤ k are served
	s, t       *bigint.FixedBase
	correction *saferith.Nat // (s·t)^(−2^k) mod N̂
}

// lazyTables holds the tables Commit builds on first use. The pointer is
// atomic so that Precomputed can look without waiting for a build.
type lazyTables struct {
	once   sync.Once
	tables atomic.Pointer[commitTables] // nil until built, or without a kernel for N̂
}

// LazyTableExtraBits is how far beyond |N̂| the lazily built tables reach:
// ℓ+ε = 768 in CGGMP21, whose widest commitment exponents are the
// ±2^(ℓ+ε)·N̂ masks (zk/enc, zk/logstar, zk/affg, zk/dec, zk/fac).
const LazyTableExtraBits = 768

// NewPedersenParams validates (n, s, t): n odd of exactly the configured size
// without small factors (as for NewPublicKey); s, t ∈ Z*_n, neither 0, 1 nor
// n−1 (elements of order ≤ 2 make commitments degenerate), and s ≠ t.
//
// Variable time: public values only.
func NewPedersenParams(n, s, t *saferith.Nat, opts ...Option) (*PedersenParams, error) {
	cfg, err := newConfig(opts)
	if err != nil {
		return nil, err
	}
	return newPedersenParams(n, s, t, cfg.bits)
}

func newPedersenParams(n, s, t *saferith.Nat, bits int) (*PedersenParams, error) {
	if err := validateModulusVarTime(n, bits); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidPedersen, err)
	}
	nNat := n.Clone().Resize(bits)
	nm, err := bigint.NewOddModulusFromNat(nNat)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidPedersen, err)
	}
	mod := nm.Modulus()
	for _, v := range []struct {
		name string
		x    *saferith.Nat
	}{{"s", s}, {"t", t}} {
		if err := validatePedersenBaseVarTime(v.x, nNat, mod); err != nil {
			return nil, fmt.Errorf("%w: %s: %w", ErrInvalidPedersen, v.name, err)
		}
	}
	sN := new(saferith.Nat).Mod(s, mod)
	tN := new(saferith.Nat).Mod(t, mod)
	if sN.Eq(tN) == 1 { // both fresh: Eq may write to them
		return nil, fmt.Errorf("%w: s = t", ErrInvalidPedersen)
	}
	return &PedersenParams{
		bits: bits, n: nm, nMod: mod, nNat: nNat, s: sN, t: tN,
		sInv: new(saferith.Nat).ModInverse(sN, mod),
		tInv: new(saferith.Nat).ModInverse(tN, mod),
		lazy: new(lazyTables),
	}, nil
}

// GeneratePedersen derives ring-Pedersen parameters from the key's modulus,
// as in CGGMP21 aux-info: τ ← Z*_N, t = τ² mod N, λ ← Z_φ(N), s = t^λ mod N.
// It returns the parameters and the secret λ (the Πprm witness). rand nil
// means crypto/rand.Reader.
func (sk *SecretKey) GeneratePedersen(rand io.Reader) (*PedersenParams, *saferith.Nat, error) {
	if err := sk.usable(); err != nil {
		return nil, nil, err
	}
	n := sk.pk.nMod
	phi := saferith.ModulusFromNat(sk.phi)
	for range 16 {
		tau, err := bigint.SampleUnit(rand, n)
		if err != nil {
			return nil, nil, fmt.Errorf("paillier: sampling τ: %w", err)
		}
		t := new(saferith.Nat).ModMul(tau, tau, n)
		lambda, err := bigint.SampleNat(rand, phi)
		if err != nil {
			return nil, nil, fmt.Errorf("paillier: sampling λ: %w", err)
		}
		s := sk.ExpN(t, new(saferith.Int).SetNat(lambda))
		pp, err := newPedersenParams(sk.pk.nNat, s, t, sk.pk.bits)
		if err != nil {
			// Degenerate draw (t = 1, s = t, …): negligible; draw again.
			continue
		}
		return pp, lambda, nil
	}
	return nil, nil, fmt.Errorf("%w: could not sample parameters", ErrInvalidPedersen)
}

// N returns a copy of the modulus N̂, which the caller may pass to any
// saferith operation.
func (pp *PedersenParams) N() *saferith.Modulus { return bigint.CopyModulus(pp.nMod) }

// NNat returns a copy of N̂ with announced length BitLen().
func (pp *PedersenParams) NNat() *saferith.Nat { return pp.nNat.Clone() }

// NOdd returns N̂ for bigmod-backed exponentiation (shared, immutable).
func (pp *PedersenParams) NOdd() *bigint.OddModulus { return pp.n }

// BitLen returns the exact bit length of N̂.
func (pp *PedersenParams) BitLen() int { return pp.bits }

// S returns a copy of s.
func (pp *PedersenParams) S() *saferith.Nat { return pp.s.Clone() }

// T returns a copy of t.
func (pp *PedersenParams) T() *saferith.Nat { return pp.t.Clone() }

// Commit returns s^x · t^y mod N̂ for signed x, y. Constant time in the values
// of x and y (and their signs); only their announced lengths leak.
//
// It uses fixed-base tables for s and t when both announced lengths fit
// them: the tables of Precompute if this value came from it, otherwise
// tables that the first fitting Commit builds and keeps for the lifetime of
// the parameters (covering LazyTableExtraBits + |N̂| bits: about 1.4 MB and
// 20 ms for a 2048-bit N̂, after which a commitment with CGGMP21's exponent
// sizes is about four times faster). The build is concurrency-safe and
// happens once per parameter set, however many copies share it, so a
// party's per-peer parameters (its key share's aux info) pay it once per
// peer. Exponents that do not fit, and platforms without the assembly
// kernel, use a simultaneous two-base exponentiation.
func (pp *PedersenParams) Commit(x, y *saferith.Int) *saferith.Nat {
	if tab := pp.tablesFor(x, y); tab != nil {
		if c, ok := pp.commitTables(tab, x, y); ok {
			return c
		}
	}
	bs, bt := pp.signedBases(x, y)
	return pp.n.Exp2Nat(bs, x.Abs(), bt, y.Abs())
}

// tablesFor returns the tables serving exponents of x's and y's announced
// lengths, building the lazy ones if they would, or nil.
func (pp *PedersenParams) tablesFor(x, y *saferith.Int) *commitTables {
	fits := func(tab *commitTables) bool {
		return tab != nil && x.AnnouncedLen() <= tab.bits && y.AnnouncedLen() <= tab.bits
	}
	if pp.tables != nil {
		if fits(pp.tables) {
			return pp.tables
		}
		return nil
	}
	if pp.lazy == nil || max(x.AnnouncedLen(), y.AnnouncedLen()) > pp.lazyTableBits() {
		return nil
	}
	pp.lazy.once.Do(func() {
		// An error only means no kernel for this size: Commit then keeps
		// to the two-base exponentiation.
		if tab, err := pp.newCommitTables(pp.lazyTableBits()); err == nil {
			pp.lazy.tables.Store(tab)
		}
	})
	if tab := pp.lazy.tables.Load(); fits(tab) {
		return tab
	}
	return nil
}

func (pp *PedersenParams) lazyTableBits() int { return LazyTableExtraBits + pp.bits }

// signedBases returns s or s⁻¹ and t or t⁻¹ by the signs of x and y, in
// constant time. CondAssign writes to its source as well as its receiver,
// so both sides are private copies.
func (pp *PedersenParams) signedBases(x, y *saferith.Int) (*saferith.Nat, *saferith.Nat) {
	bs := pp.s.Clone().CondAssign(x.IsNegative(), pp.sInv.Clone())
	bt := pp.t.Clone().CondAssign(y.IsNegative(), pp.tInv.Clone())
	return bs, bt
}

// commitTables computes s^x·t^y with the tables (announced lengths of x and
// y at most tab.bits), both bases sharing one accumulator.
func (pp *PedersenParams) commitTables(tab *commitTables, x, y *saferith.Int) (*saferith.Nat, bool) {
	k := tab.bits
	offset := new(saferith.Int).SetNat(new(saferith.Nat).Lsh(new(saferith.Nat).SetUint64(1), uint(k), k+1))
	// |x| < 2^k (announced length ≤ k), so x + 2^k ∈ (0, 2^(k+1)).
	xs := new(saferith.Int).Add(x, offset, k+1).Abs()
	ys := new(saferith.Int).Add(y, offset, k+1).Abs()
	c, err := bigint.FixedBaseExp([]*bigint.FixedBase{tab.s, tab.t}, []*saferith.Nat{xs, ys})
	if err != nil {
		// Unreachable: the tables cover k+1 bits.
		return nil, false
	}
	return c.ModMul(c, tab.correction, pp.nMod), true
}

// newCommitTables builds tables for exponents of up to maxBits bits
// (bigint.ErrNoFixedBase without an assembly kernel for N̂'s size).
func (pp *PedersenParams) newCommitTables(maxBits int) (*commitTables, error) {
	sTab, err := pp.n.NewFixedBase(pp.s, maxBits+1)
	if err != nil {
		return nil, err
	}
	tTab, err := pp.n.NewFixedBase(pp.t, maxBits+1)
	if err != nil {
		return nil, err
	}
	// (s·t)^(−2^k) = (s⁻¹·t⁻¹)^(2^k).
	inv := new(saferith.Nat).ModMul(pp.sInv, pp.tInv, pp.nMod)
	corr := pp.n.Exp(inv, new(saferith.Nat).Lsh(new(saferith.Nat).SetUint64(1), uint(maxBits), maxBits+1))
	return &commitTables{bits: maxBits, s: sTab, t: tTab, correction: corr}, nil
}

// DefaultTableBits covers the largest CGGMP21 commitment exponents for a
// 2048-bit N̂ with the paper's parameters: ±2^(ℓ+ε)·N̂ with ℓ+ε = 768.
const DefaultTableBits = 768 + DefaultModulusBits

// Precompute returns a copy of the parameters with fixed-base tables for s
// and t covering exponents of up to maxBits bits (announced length), making
// Commit about four times faster at the cost of memory (about
// maxBits/8·|N̂|/8 bytes: 1.4 MB for a 2048-bit N̂ and DefaultTableBits).
// The original stays valid. Commit builds such tables by itself on first use
// (see Commit), so Precompute is only needed for a table size other than
// LazyTableExtraBits + |N̂| or to pay the cost up front. If the platform has
// no assembly kernel for N̂'s size it returns pp unchanged.
func (pp *PedersenParams) Precompute(maxBits int) (*PedersenParams, error) {
	if maxBits <= 0 {
		return nil, fmt.Errorf("%w: table size %d", ErrInvalidPedersen, maxBits)
	}
	tab, err := pp.newCommitTables(maxBits)
	if errors.Is(err, bigint.ErrNoFixedBase) {
		return pp, nil
	}
	if err != nil {
		return nil, err
	}
	out := *pp
	out.tables = tab
	return &out, nil
}

// Precomputed reports whether Commit uses fixed-base tables now: tables from
// Precompute, or lazily built ones once a Commit has built them.
func (pp *PedersenParams) Precomputed() bool {
	if pp.tables != nil {
		return true
	}
	return pp.lazy != nil && pp.lazy.tables.Load() != nil
}

// Equal reports whether both parameter sets are identical.
func (pp *PedersenParams) Equal(other *PedersenParams) bool {
	if pp == nil || other == nil {
		return pp == other
	}
	return pp.bits == other.bits &&
		bigint.Equal(pp.nNat, other.nNat)&bigint.Equal(pp.s, other.s)&bigint.Equal(pp.t, other.t) == 1
}
