package testfixtures

import (
	"bufio"
	"bytes"
	"fmt"
	"math/bits"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/paillier"
)

// PaillierFile is the fixture file, relative to the module root.
const PaillierFile = "testdata/paillier/safeprimes.txt"

// ModuleRoot returns the module root directory, located from this source
// file so that tests in any package find the fixtures.
func ModuleRoot() string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		panic("testfixtures: runtime.Caller failed")
	}
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

// PrimePair is one fixture entry.
type PrimePair struct {
	Bits int // modulus size
	// P and Q are the two Blum safe primes, each of Bits/2 bits.
	P, Q *saferith.Nat
}

var (
	loadOnce  sync.Once
	loadPairs []PrimePair
	loadErr   error

	keysMu sync.Mutex
	keys   = map[int][]*paillier.SecretKey{}
)

// guard refuses to work outside tests.
func guard(tb testing.TB) {
	if tb == nil || !testing.Testing() {
		panic("testfixtures: test-only fixtures used outside a test")
	}
	tb.Helper()
}

// ParsePrimePairs parses the fixture format: '#' comments, then lines
// "<modulus bits> <p hex> <q hex>".
func ParsePrimePairs(data []byte) ([]PrimePair, error) {
	var out []PrimePair
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		fields := strings.Fields(text)
		if len(fields) != 3 {
			return nil, fmt.Errorf("testfixtures: line %d: want 3 fields, got %d", line, len(fields))
		}
		bits, err := strconv.Atoi(fields[0])
		if err != nil {
			return nil, fmt.Errorf("testfixtures: line %d: %w", line, err)
		}
		p, err := parseHex(fields[1], bits/2)
		if err != nil {
			return nil, fmt.Errorf("testfixtures: line %d: p: %w", line, err)
		}
		q, err := parseHex(fields[2], bits/2)
		if err != nil {
			return nil, fmt.Errorf("testfixtures: line %d: q: %w", line, err)
		}
		out = append(out, PrimePair{Bits: bits, P: p, Q: q})
	}
	return out, sc.Err()
}

func parseHex(s string, bits int) (*saferith.Nat, error) {
	if len(s) != bits/4 {
		return nil, fmt.Errorf("want %d hex digits, got %d", bits/4, len(s))
	}
	n, err := new(saferith.Nat).SetHex(strings.ToUpper(s))
	if err != nil {
		return nil, err
	}
	return n.Resize(bits), nil
}

// PrimePairs returns every fixture entry.
func PrimePairs(tb testing.TB) []PrimePair {
	guard(tb)
	pairs, err := primePairs()
	if err != nil {
		tb.Fatalf("testfixtures: %v", err)
	}
	return pairs
}

// primePairs reads and parses the fixture file once per process.
func primePairs() ([]PrimePair, error) {
	loadOnce.Do(func() {
		data, err := os.ReadFile(filepath.Join(ModuleRoot(), PaillierFile))
		if err != nil {
			loadErr = err
			return
		}
		loadPairs, loadErr = ParsePrimePairs(data)
	})
	return loadPairs, loadErr
}

// PaillierKeys returns the fixture secret keys with a modulus of bits bits
// (paillier.ModulusBits2048 or paillier.ModulusBits3072), validated once
// per process. The keys are shared and immutable.
func PaillierKeys(tb testing.TB, bits int) []*paillier.SecretKey {
	guard(tb)
	ks, err := paillierKeys(bits)
	if err != nil {
		tb.Fatalf("testfixtures: %v", err)
	}
	return ks
}

// paillierKeys builds the bits-bit fixture keys once per process.
func paillierKeys(bits int) ([]*paillier.SecretKey, error) {
	pairs, err := primePairs()
	if err != nil {
		return nil, err
	}
	keysMu.Lock()
	defer keysMu.Unlock()
	if ks, ok := keys[bits]; ok {
		return ks, nil
	}
	var ks []*paillier.SecretKey
	for _, pr := range pairs {
		if pr.Bits != bits {
			continue
		}
		sk, err := paillier.NewSecretKeyFromPrimes(pr.P, pr.Q, paillier.WithModulusBits(bits))
		if err != nil {
			return nil, fmt.Errorf("fixture key %d: %w", len(ks), err)
		}
		ks = append(ks, sk)
	}
	if len(ks) == 0 {
		return nil, fmt.Errorf("no %d-bit fixture keys", bits)
	}
	keys[bits] = ks
	return ks, nil
}

// PaillierKey returns the i-th 2048-bit fixture key (i modulo the number of
// keys, so any index works).
func PaillierKey(tb testing.TB, i int) *paillier.SecretKey {
	guard(tb)
	ks := PaillierKeys(tb, paillier.ModulusBits2048)
	return ks[((i%len(ks))+len(ks))%len(ks)]
}

// WeightExtremes returns the indices (for PaillierKey) of the 2048-bit
// fixture keys whose primes have the fewest and the most set bits in all:
// the two classes of the provers' timing tests (SECURITY.md case 27).
func WeightExtremes(tb testing.TB) (low, high int) {
	tb.Helper()
	weight := func(sk *paillier.SecretKey) int {
		w := 0
		for _, n := range []*saferith.Nat{sk.P(), sk.Q()} {
			for _, b := range n.Bytes() {
				w += bits.OnesCount8(b)
			}
		}
		return w
	}
	ks := PaillierKeys(tb, paillier.ModulusBits2048)
	for i, sk := range ks {
		if weight(sk) < weight(ks[low]) {
			low = i
		}
		if weight(sk) > weight(ks[high]) {
			high = i
		}
	}
	return low, high
}

// ExampleKey returns the i-th 2048-bit fixture key, as PaillierKey does,
// for Example functions, which have no testing.TB: it panics outside a test
// binary, or if the fixtures cannot be read.
func ExampleKey(i int) *paillier.SecretKey {
	if !testing.Testing() {
		panic("testfixtures: test-only fixtures used outside a test")
	}
	ks, err := paillierKeys(paillier.ModulusBits2048)
	if err != nil {
		panic("testfixtures: " + err.Error())
	}
	return ks[((i%len(ks))+len(ks))%len(ks)]
}
