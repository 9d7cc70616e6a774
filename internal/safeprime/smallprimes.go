package safeprime

import (
	"math/bits"
	"sync"
)

// sieveEntry is a small prime r ≥ 5 together with 12⁻¹ mod r, used to turn
// the residue of the start into the first bad offsets of the progression.
type sieveEntry struct {
	r     uint32
	inv12 uint32
}

// residueGroup is a run of consecutive table primes whose product fits in 64
// bits: the start is reduced modulo the product with one 128/64 division per
// limb, then modulo each member with a cheap 64-bit remainder.
type residueGroup struct {
	product    uint64
	start, end int // indices into the prime table
}

type primeTable struct {
	limit   uint32
	entries []sieveEntry
	groups  []residueGroup
}

var (
	tableMu    sync.Mutex
	tableCache = map[uint32]*primeTable{}
)

// tableFor returns the (cached) table of primes 5 <= r < limit.
func tableFor(limit uint32) *primeTable {
	tableMu.Lock()
	defer tableMu.Unlock()
	if t, ok := tableCache[limit]; ok {
		return t
	}
	t := buildTable(limit)
	tableCache[limit] = t
	return t
}

func buildTable(limit uint32) *primeTable {
	// Sieve of Eratosthenes over odd numbers only: index i stands for 2i+1.
	half := (limit + 1) / 2
	composite := make([]bool, half)
	// π(x) < 1.26·x/ln x (Rosser–Schoenfeld); ln x ≥ 0.69·log2 x.
	entries := make([]sieveEntry, 0, int(1.26*float64(limit)/(0.69*float64(bits.Len32(limit)))+16))
	for i := uint32(1); i < half; i++ {
		if composite[i] {
			continue
		}
		r := 2*i + 1
		for j := uint64(r) * uint64(r) / 2; j < uint64(half); j += uint64(r) {
			composite[j] = true
		}
		if r >= 5 {
			entries = append(entries, sieveEntry{r: r, inv12: inverse12(r)})
		}
	}
	t := &primeTable{limit: limit, entries: entries}
	for i := 0; i < len(entries); {
		g := residueGroup{product: 1, start: i}
		for i < len(entries) {
			hi, lo := bits.Mul64(g.product, uint64(entries[i].r))
			if hi != 0 {
				break
			}
			g.product = lo
			i++
		}
		g.end = i
		t.groups = append(t.groups, g)
	}
	return t
}

// inverse12 returns 12⁻¹ mod r for a prime r ≥ 5 without a division loop:
// with k = 12 − (r mod 12), k·r ≡ −1 (mod 12) because 1, 5, 7 and 11 are
// their own inverses mod 12, so (k·r + 1)/12 is an integer and 12 times it is
// 1 mod r.
func inverse12(r uint32) uint32 {
	k := uint64(12 - r%12)
	return uint32((k*uint64(r) + 1) / 12)
}

// modInverse32 returns a⁻¹ mod m for coprime a, m (extended Euclid).
func modInverse32(a, m uint32) uint32 {
	t, newT := int64(0), int64(1)
	r, newR := int64(m), int64(a)
	for newR != 0 {
		q := r / newR
		t, newT = newT, t-q*newT
		r, newR = newR, r-q*newR
	}
	if t < 0 {
		t += int64(m)
	}
	return uint32(t)
}

// residues writes x mod r for every table prime into out. x is little-endian
// 64-bit limbs.
func (t *primeTable) residues(x []uint64, out []uint32) {
	for _, g := range t.groups {
		var rem uint64
		for i := len(x) - 1; i >= 0; i-- {
			_, rem = bits.Div64(rem, x[i], g.product)
		}
		for j := g.start; j < g.end; j++ {
			out[j] = uint32(rem % uint64(t.entries[j].r))
		}
	}
}
