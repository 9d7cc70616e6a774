package bigint

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io"

	"github.com/cronokirby/saferith"
)

// ErrRandom wraps every failure to read from the randomness source, so that
// callers can abort (never fall back) on an RNG error.
var ErrRandom = errors.New("bigint: randomness source failed")

// maxRejections bounds every rejection-sampling loop. Each loop below accepts
// with probability at least 1/2 for an honest source, so reaching the bound
// means the reader is broken (e.g. returns constant bytes).
const maxRejections = 256

// Reader returns r, or crypto/rand.Reader when r is nil (the house convention
// for optional randomness parameters).
func Reader(r io.Reader) io.Reader {
	if r == nil {
		return rand.Reader
	}
	return r
}

// readBits fills a fresh buffer with bits random bits (big-endian, the
// excess high bits of the first byte cleared).
func readBits(r io.Reader, bits int) ([]byte, error) {
	buf := make([]byte, (bits+7)/8)
	if _, err := io.ReadFull(Reader(r), buf); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrRandom, err)
	}
	if extra := 8*len(buf) - bits; extra > 0 {
		buf[0] &= 0xff >> extra
	}
	return buf, nil
}

// SampleNatBits returns a uniform value in [0, 2^bits) whose announced length
// is bits.
func SampleNatBits(r io.Reader, bits int) (*saferith.Nat, error) {
	if bits <= 0 {
		return nil, fmt.Errorf("bigint: SampleNatBits: non-positive bit length %d", bits)
	}
	buf, err := readBits(r, bits)
	if err != nil {
		return nil, err
	}
	return new(saferith.Nat).SetBytes(buf).Resize(bits), nil
}

// SampleNat returns a uniform value in [0, m) by rejection sampling; the
// result's announced length is m.BitLen(). The number of rejections depends
// only on discarded samples, never on the returned value. m is only read, so
// it may be shared with other goroutines (as in every sampler below).
func SampleNat(r io.Reader, m *saferith.Modulus) (*saferith.Nat, error) {
	bits := m.BitLen()
	// Compare with a private copy of m: CmpMod would resize and mask m's limbs
	// in place, which races with every other user of a shared modulus (a
	// Paillier key's N, a curve order).
	mNat := m.Nat()
	for range maxRejections {
		x, err := SampleNatBits(r, bits)
		if err != nil {
			return nil, err
		}
		if _, _, lt := x.Cmp(mNat); lt == 1 {
			return x, nil
		}
	}
	return nil, fmt.Errorf("%w: rejection sampling did not terminate", ErrRandom)
}

// SampleUnit returns a uniform element of Z*_m (1 <= x < m, gcd(x, m) = 1).
func SampleUnit(r io.Reader, m *saferith.Modulus) (*saferith.Nat, error) {
	for range maxRejections {
		x, err := SampleNat(r, m)
		if err != nil {
			return nil, err
		}
		if x.EqZero() == 0 && x.IsUnit(m) == 1 {
			return x, nil
		}
	}
	return nil, fmt.Errorf("%w: no unit found", ErrRandom)
}

// SampleIntBits returns a value uniform in the open interval (-2^bits, 2^bits)
// apart from zero, which has twice the weight of any other value (the
// magnitude is uniform in [0, 2^bits) and the sign a fair coin). The
// statistical distance from uniform on ±2^bits is below 2^-bits, which is what
// CGGMP21 masks need. The announced length is bits.
func SampleIntBits(r io.Reader, bits int) (*saferith.Int, error) {
	buf, err := readBits(r, bits+8)
	if err != nil {
		return nil, err
	}
	// The top byte's low bit is the sign; the remaining bits the magnitude.
	sign := saferith.Choice(buf[0] & 1)
	buf[0] = 0
	abs := new(saferith.Nat).SetBytes(buf[1:]).Resize(bits)
	return new(saferith.Int).SetNat(abs).Neg(sign), nil
}

// SampleIntScaled returns a value in (-2^bits·m, 2^bits·m) with a uniform
// magnitude in [0, 2^bits·m) and a uniform sign, as used for the ±2^ℓ·N̂
// masks of the CGGMP21 range proofs. The announced length is bits+m.BitLen().
func SampleIntScaled(r io.Reader, bits int, m *saferith.Modulus) (*saferith.Int, error) {
	if bits < 0 {
		return nil, fmt.Errorf("bigint: SampleIntScaled: negative bit length %d", bits)
	}
	bound := saferith.ModulusFromNat(new(saferith.Nat).Lsh(m.Nat(), uint(bits), -1))
	abs, err := SampleNat(r, bound)
	if err != nil {
		return nil, err
	}
	signBuf, err := readBits(r, 8)
	if err != nil {
		return nil, err
	}
	return new(saferith.Int).SetNat(abs).Neg(saferith.Choice(signBuf[0] & 1)), nil
}
