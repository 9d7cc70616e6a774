package curve

import (
	"crypto/subtle"
	"fmt"
	"io"

	"filippo.io/bigmod"
	"github.com/cronokirby/saferith"
)

// bigmodScalarSize is the encoded size of every bigmod-backed scalar: 32
// bytes big-endian, below the group order.
const bigmodScalarSize = 32

// scalarField describes the scalars of one curve whose prime group order n
// lies between 2^248 and 2^256 (P-256, Stark, BLS12-381): their arithmetic
// is filippo.io/bigmod's, constant-time because bigmod's operands have a
// fixed size announced by the modulus, so no operation's timing depends on
// a value. A scalarField is built once per curve at package initialisation
// and only ever read afterwards, which bigmod and saferith allow
// concurrently; Order hands out fresh saferith copies.
type scalarField struct {
	// curve is the Curve the scalars belong to, returned by Scalar.Curve.
	curve Curve
	// name is the curve as error messages spell it.
	name string
	// orderBytes is n, bigmodScalarSize bytes big-endian.
	orderBytes []byte
	// n is the bigmod modulus every operation reduces by.
	n *bigmod.Modulus
	// orderNat is n for saferith's reduction in fromNat.
	orderNat *saferith.Modulus
	// nMinusTwo is the public exponent n-2 of Invert (Fermat).
	nMinusTwo []byte
	// twoTo248 is 2^248, below n, the radix of wide's chunks.
	twoTo248 *bigmod.Nat
}

// newScalarField builds the descriptor for the group order orderBytes
// (public constants), panicking if they do not meet scalarField's bounds:
// a programming error caught when the package loads.
func newScalarField(c Curve, name string, orderBytes []byte) *scalarField {
	if len(orderBytes) != bigmodScalarSize || orderBytes[0] == 0 {
		panic("curve: a bigmod scalar field needs a 32-byte order above 2^248")
	}
	n, err := bigmod.NewModulus(orderBytes)
	if err != nil {
		panic(err) // unreachable: a constant odd modulus
	}
	// n-2 by schoolbook subtraction; the branches read public constants only.
	nMinusTwo := append([]byte(nil), orderBytes...)
	borrow := 2
	for i := len(nMinusTwo) - 1; i >= 0 && borrow != 0; i-- {
		v := int(nMinusTwo[i]) - borrow
		borrow = 0
		if v < 0 {
			v += 256
			borrow = 1
		}
		nMinusTwo[i] = byte(v)
	}
	radix := make([]byte, bigmodScalarSize)
	radix[0] = 0x01
	twoTo248, err := bigmod.NewNat().SetBytes(radix, n)
	if err != nil {
		panic(err) // unreachable: 2^248 < n, checked above
	}
	return &scalarField{
		curve:      c,
		name:       name,
		orderBytes: orderBytes,
		n:          n,
		orderNat:   saferith.ModulusFromBytes(orderBytes),
		nMinusTwo:  nMinusTwo,
		twoTo248:   twoTo248,
	}
}

// order returns a fresh copy of n, so that no caller can alter the field's.
func (f *scalarField) order() *saferith.Modulus { return saferith.ModulusFromBytes(f.orderBytes) }

// zero returns a new zero scalar of n's size.
func (f *scalarField) zero() *bigmodScalar {
	return &bigmodScalar{f: f, n: bigmod.NewNat().ExpandFor(f.n)}
}

// fromCanonical decodes 32 bytes already known to be below n.
func (f *scalarField) fromCanonical(b []byte) *bigmodScalar {
	n, err := bigmod.NewNat().SetBytes(b, f.n)
	if err != nil {
		panic(err) // unreachable: callers pass reduced values
	}
	return &bigmodScalar{f: f, n: n}
}

// fromUint64 returns v mod n; every uint64 is below n.
func (f *scalarField) fromUint64(v uint64) *bigmodScalar {
	var b [bigmodScalarSize]byte
	for i := 0; i < 8; i++ {
		b[bigmodScalarSize-1-i] = byte(v >> (8 * i))
	}
	return f.fromCanonical(b[:])
}

// fromNat returns n mod the group order, with saferith's constant-time
// reduction.
func (f *scalarField) fromNat(n *saferith.Nat) *bigmodScalar {
	r := new(saferith.Nat).Mod(n, f.orderNat)
	var b [bigmodScalarSize]byte
	r.FillBytes(b[:])
	s := f.fromCanonical(b[:])
	clear(b[:])
	return s
}

// fromInt returns n mod the group order, choosing between |n| and -|n|
// with a constant-time copy rather than a branch on n's sign.
func (f *scalarField) fromInt(n *saferith.Int) *bigmodScalar {
	s := f.fromNat(n.Abs())
	pos := s.Bytes()
	neg := s.Negate().Bytes()
	subtle.ConstantTimeCopy(int(n.IsNegative()), pos, neg)
	out := f.fromCanonical(pos)
	clear(pos)
	clear(neg)
	return out
}

// wide returns the big-endian integer b reduced mod n, in time that
// depends only on len(b). n exceeds 2^248, so 31-byte (248-bit) chunks are
// below n and Horner's rule in base 2^248 reduces any length.
func (f *scalarField) wide(b []byte) *bigmodScalar {
	acc := bigmod.NewNat().ExpandFor(f.n)
	var chunk [bigmodScalarSize]byte
	first := len(b) % 31
	for off := 0; off < len(b); {
		size := 31
		if off == 0 && first != 0 {
			size = first
		}
		clear(chunk[:])
		copy(chunk[bigmodScalarSize-size:], b[off:off+size])
		c, err := bigmod.NewNat().SetBytes(chunk[:], f.n)
		if err != nil {
			panic(err) // unreachable: a chunk is below 2^248 < n
		}
		acc.Mul(f.twoTo248, f.n).Add(c, f.n)
		c.SetUint(0)
		off += size
	}
	clear(chunk[:])
	return &bigmodScalar{f: f, n: acc}
}

// random returns a uniform non-zero scalar: 64 bytes from rand reduced mod
// n (a bias below 2^-256), drawn again in the negligible case of zero.
func (f *scalarField) random(rand io.Reader) (Scalar, error) {
	for {
		buf, err := randomWide(rand)
		if err != nil {
			return nil, err
		}
		s := f.wide(buf)
		clear(buf)
		if !s.IsZero() {
			return s, nil
		}
	}
}

// decode accepts exactly 32 bytes big-endian below n.
func (f *scalarField) decode(b []byte) (Scalar, error) {
	if len(b) != bigmodScalarSize {
		return nil, fmt.Errorf("%w: %s scalar of %d bytes", ErrInvalidLength, f.name, len(b))
	}
	n, err := bigmod.NewNat().SetBytes(b, f.n)
	if err != nil {
		return nil, fmt.Errorf("%w: %s", ErrScalarOverflow, f.name)
	}
	return &bigmodScalar{f: f, n: n}, nil
}

// scalar returns s as a scalar of this field, panicking with ErrWrongCurve
// for a scalar of any other curve, another bigmod-backed one included. The
// check compares which field s belongs to, public information, never its
// value.
func (f *scalarField) scalar(s Scalar) *bigmodScalar {
	v, ok := s.(*bigmodScalar)
	if !ok || v.f != f {
		panic(ErrWrongCurve)
	}
	return v
}

// bigmodScalar is a scalar of the field f, a bigmod.Nat of n's size in
// [0, n).
type bigmodScalar struct {
	f *scalarField
	n *bigmod.Nat
}

// clone returns a copy: 0 + s mod n, which bigmod computes in constant time.
func (s *bigmodScalar) clone() *bigmodScalar {
	return &bigmodScalar{f: s.f, n: bigmod.NewNat().ExpandFor(s.f.n).Add(s.n, s.f.n)}
}

func (s *bigmodScalar) Curve() Curve { return s.f.curve }

func (s *bigmodScalar) Add(o Scalar) Scalar {
	r := s.clone()
	r.n.Add(s.f.scalar(o).n, s.f.n)
	return r
}

func (s *bigmodScalar) Sub(o Scalar) Scalar {
	r := s.clone()
	r.n.Sub(s.f.scalar(o).n, s.f.n)
	return r
}

func (s *bigmodScalar) Mul(o Scalar) Scalar {
	r := s.clone()
	r.n.Mul(s.f.scalar(o).n, s.f.n)
	return r
}

func (s *bigmodScalar) Negate() Scalar {
	r := s.f.zero()
	r.n.Sub(s.n, s.f.n)
	return r
}

// Invert computes s^(n-2) with bigmod's constant-time exponentiation (a
// fixed window schedule set by the public exponent); zero maps to zero.
func (s *bigmodScalar) Invert() Scalar {
	return &bigmodScalar{f: s.f, n: bigmod.NewNat().Exp(s.n, s.f.nMinusTwo, s.f.n)}
}

// Equal is false for a scalar of another curve; the field comparison is on
// public information and short-circuits before bigmod's constant-time
// comparison, which needs operands of the same size.
func (s *bigmodScalar) Equal(o Scalar) bool {
	v, ok := o.(*bigmodScalar)
	return ok && v.f == s.f && s.n.Equal(v.n) == 1
}

func (s *bigmodScalar) IsZero() bool { return s.n.IsZero() == 1 }

func (s *bigmodScalar) Bytes() []byte { return s.n.Bytes(s.f.n) }

func (s *bigmodScalar) Nat() *saferith.Nat {
	b := s.n.Bytes(s.f.n)
	n := new(saferith.Nat).SetBytes(b)
	clear(b)
	return n
}

// Zeroize clears the limbs in place (bigmod's SetUint clears every limb in
// use) and restores n's size, so the scalar stays a usable zero.
func (s *bigmodScalar) Zeroize() { s.n.SetUint(0).ExpandFor(s.f.n) }
