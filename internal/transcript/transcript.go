package transcript

import (
	"bytes"
	"crypto/sha3"
	"encoding/binary"
	"fmt"

	"github.com/cronokirby/saferith"
)

// Field kinds. Each absorbed field starts with its kind so that, for
// example, the bytes of an integer can never be read as a point.
const (
	kindDomain byte = iota + 1
	kindBytes
	kindUint
	kindNat
	kindInt
	kindPoint
	kindScalar
	kindChallenge
	kindChallengeOut
)

// customization is the cSHAKE256 function-name string; the domain goes in
// the customization string S.
var customization = []byte("mosaic transcript v1")

// Transcript is a Fiat-Shamir transcript. The zero value is not usable; call
// New. A Transcript is not safe for concurrent use; Clone it to branch.
type Transcript struct {
	h       *sha3.SHAKE
	counter uint64
}

// New returns a transcript for the given domain, which should name the
// protocol and its version, e.g. "mosaic/zk/mod/v1".
func New(domain string) *Transcript {
	t := &Transcript{h: sha3.NewCSHAKE256(customization, []byte(domain))}
	t.absorb(kindDomain, "domain", []byte(domain))
	return t
}

// Clone returns an independent copy of t.
func (t *Transcript) Clone() *Transcript {
	state, err := t.h.MarshalBinary()
	if err != nil {
		panic(fmt.Sprintf("transcript: cloning hash state: %v", err)) // unreachable for SHAKE
	}
	h := sha3.NewCSHAKE256(customization, nil)
	if err := h.UnmarshalBinary(state); err != nil {
		panic(fmt.Sprintf("transcript: restoring hash state: %v", err)) // unreachable
	}
	return &Transcript{h: h, counter: t.counter}
}

// frame returns the injective encoding of one field:
// kind || len(label) (4 bytes) || label || len(value) (8 bytes) || value.
func frame(kind byte, label string, value []byte) []byte {
	out := make([]byte, 0, 1+4+len(label)+8+len(value))
	out = append(out, kind)
	out = binary.BigEndian.AppendUint32(out, uint32(len(label)))
	out = append(out, label...)
	out = binary.BigEndian.AppendUint64(out, uint64(len(value)))
	out = append(out, value...)
	return out
}

func (t *Transcript) absorb(kind byte, label string, value []byte) {
	t.h.Write(frame(kind, label, value))
}

// AppendBytes absorbs an opaque byte string.
func (t *Transcript) AppendBytes(label string, b []byte) { t.absorb(kindBytes, label, b) }

// AppendUint64 absorbs an unsigned integer (ids, counts, indices).
func (t *Transcript) AppendUint64(label string, v uint64) {
	t.absorb(kindUint, label, binary.BigEndian.AppendUint64(nil, v))
}

// AppendNat absorbs a public natural number in minimal big-endian form, so
// the same value absorbs alike whatever its announced size.
func (t *Transcript) AppendNat(label string, n *saferith.Nat) {
	t.absorb(kindNat, label, minimal(n.Bytes()))
}

// AppendModulus absorbs a public modulus (as a natural number).
func (t *Transcript) AppendModulus(label string, m *saferith.Modulus) {
	t.absorb(kindNat, label, minimal(m.Bytes()))
}

// AppendInt absorbs a public signed integer: a sign byte, then the minimal
// big-endian magnitude. Zero is always absorbed with a positive sign.
func (t *Transcript) AppendInt(label string, n *saferith.Int) {
	mag := minimal(n.Abs().Bytes())
	sign := byte(0)
	if n.IsNegative() == 1 && len(mag) > 0 {
		sign = 1
	}
	t.absorb(kindInt, label, append([]byte{sign}, mag...))
}

// Encoder is anything with a canonical byte encoding, such as curve.Point
// and curve.Scalar.
type Encoder interface{ Bytes() []byte }

// AppendPoint absorbs a curve point's canonical encoding.
func (t *Transcript) AppendPoint(label string, p Encoder) { t.absorb(kindPoint, label, p.Bytes()) }

// AppendScalar absorbs a public scalar's canonical encoding.
func (t *Transcript) AppendScalar(label string, s Encoder) { t.absorb(kindScalar, label, s.Bytes()) }

func minimal(b []byte) []byte {
	i := 0
	for i < len(b) && b[i] == 0 {
		i++
	}
	return b[i:]
}

// reader is an output stream for one challenge.
type reader struct{ h *sha3.SHAKE }

func (r reader) read(n int) []byte {
	out := make([]byte, n)
	r.h.Read(out)
	return out
}

// challenge starts a challenge: it absorbs the label and the counter into a
// copy of the state and returns that copy as an output stream. The caller
// passes what it drew to finish.
func (t *Transcript) challenge(label string) reader {
	t.counter++
	t.absorb(kindChallenge, label, binary.BigEndian.AppendUint64(nil, t.counter))
	c := t.Clone()
	return reader{h: c.h}
}

// finish absorbs a drawn challenge so later challenges depend on it.
func (t *Transcript) finish(label string, out []byte) {
	t.absorb(kindChallengeOut, label, out)
}

// ChallengeBytes returns n uniformly random bytes.
func (t *Transcript) ChallengeBytes(label string, n int) []byte {
	out := t.challenge(label).read(n)
	t.finish(label, out)
	return out
}

// ChallengeBits returns m challenge bits, one per byte (0 or 1), as used by
// the binary-challenge repetitions of Πmod and Πprm.
func (t *Transcript) ChallengeBits(label string, m int) []byte {
	raw := t.challenge(label).read((m + 7) / 8)
	t.finish(label, raw)
	out := make([]byte, m)
	for i := range out {
		out[i] = (raw[i/8] >> (i % 8)) & 1
	}
	return out
}

// ChallengeNat returns an integer uniform in [0, bound) by rejection
// sampling. bound must be at least 1.
func (t *Transcript) ChallengeNat(label string, bound *saferith.Modulus) *saferith.Nat {
	bits := bound.BitLen()
	r := t.challenge(label)
	nbytes := (bits + 7) / 8
	mask := byte(0xff >> (8*nbytes - bits))
	// Compare as bytes: saferith's comparisons resize (write to) their
	// arguments, and bound is often a modulus shared between goroutines.
	// Challenges are public, so a variable-time comparison is fine.
	limit := bound.Bytes()
	limit = limit[len(limit)-nbytes:]
	for {
		b := r.read(nbytes)
		b[0] &= mask
		if bytes.Compare(b, limit) < 0 {
			t.finish(label, b)
			return new(saferith.Nat).SetBytes(b)
		}
	}
}

// ChallengeInt returns an integer uniform in [-2^bits, 2^bits] by rejection
// sampling (the 2^(bits+1)+1 values are equally likely).
func (t *Transcript) ChallengeInt(label string, bits int) *saferith.Int {
	// draw v uniform in [0, 2^(bits+1)] and return v - 2^bits
	span := new(saferith.Nat).Lsh(new(saferith.Nat).SetUint64(1), uint(bits+1), bits+2)
	spanPlusOne := saferith.ModulusFromNat(new(saferith.Nat).Add(span, new(saferith.Nat).SetUint64(1), bits+2))
	v := t.ChallengeNat(label, spanPlusOne)
	half := new(saferith.Int).SetNat(new(saferith.Nat).Lsh(new(saferith.Nat).SetUint64(1), uint(bits), bits+1))
	return new(saferith.Int).Add(new(saferith.Int).SetNat(v), half.Neg(1), bits+3)
}
