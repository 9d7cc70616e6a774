package ot

import (
	"crypto/subtle"
	"fmt"
	"io"

	"github.com/gtank/ristretto255"
)

// This file is the base OT: Masny–Rindal's two-message OT from a key
// agreement whose messages are uniform group elements (ePrint 2019/706,
// the OT-from-key-agreement construction), instantiated with Diffie–Hellman
// over ristretto255. The roles are those of OT extension: the extension
// sender is the base-OT receiver with the κ bits of Δ as its choices; the
// extension receiver is the base-OT sender and learns both keys of each
// base OT.

// hashToGroup is the random oracle H of Masny–Rindal, mapping a group
// element to a group element: 64 bytes of cSHAKE256 output, bound to the
// session, the pair and the base-OT index, through ristretto255's
// one-way map (FromUniformBytes, the hash-to-group of the ristretto255
// specification). It is never "hash to scalar times G", whose discrete
// logarithm would be known.
func hashToGroup(sess Session, index int, r *ristretto255.Element) *ristretto255.Element {
	t := sess.transcript("base/hash-to-group")
	t.AppendUint64("base OT", uint64(index))
	t.AppendBytes("element", encodePoint(r))
	return ristretto255.NewElement().FromUniformBytes(t.ChallengeBytes("uniform bytes", 64))
}

// baseKey derives one base-OT key from the Diffie–Hellman value: the hash
// binds the session, the pair, the index, the whole exchange of that base
// OT and which of the two keys it is.
func baseKey(sess Session, index int, r0, r1, b []byte, which byte, shared *ristretto255.Element) [32]byte {
	t := sess.transcript("base/key")
	t.AppendUint64("base OT", uint64(index))
	t.AppendBytes("r0", r0)
	t.AppendBytes("r1", r1)
	t.AppendBytes("B", b)
	t.AppendBytes("which", []byte{which})
	t.AppendBytes("shared", encodePoint(shared))
	var k [32]byte
	copy(k[:], t.ChallengeBytes("key", 32))
	return k
}

func randomScalar(rand io.Reader) (*ristretto255.Scalar, error) {
	b, err := randomBytes(rand, 64)
	if err != nil {
		return nil, err
	}
	return ristretto255.NewScalar().FromUniformBytes(b), nil
}

func randomElement(rand io.Reader) (*ristretto255.Element, error) {
	b, err := randomBytes(rand, 64)
	if err != nil {
		return nil, err
	}
	return ristretto255.NewElement().FromUniformBytes(b), nil
}

// baseReceive is the base-OT receiver's first step for one base OT with
// choice c (0 or 1, secret): it samples a, sets m_c = a·G, picks
// r_{1-c} uniformly and r_c = m_c − H(r_{1-c}). Which of the two encodings
// goes first is chosen with subtle.ConstantTimeCopy, so no branch depends
// on c.
func baseReceive(sess Session, index int, c byte, rand io.Reader) (a *ristretto255.Scalar, r0, r1 []byte, err error) {
	a, err = randomScalar(rand)
	if err != nil {
		return nil, nil, nil, err
	}
	other, err := randomElement(rand)
	if err != nil {
		return nil, nil, nil, err
	}
	mine := ristretto255.NewElement().ScalarBaseMult(a)
	mine.Subtract(mine, hashToGroup(sess, index, other))
	x, y := encodePoint(mine), encodePoint(other)
	// c = 0: (r0, r1) = (mine, other); c = 1: the same two swapped.
	r0, r1 = append([]byte(nil), x...), append([]byte(nil), y...)
	subtle.ConstantTimeCopy(int(c), r0, y)
	subtle.ConstantTimeCopy(int(c), r1, x)
	return a, r0, r1, nil
}

// baseSend is the base-OT sender for one base OT: m_0 = r_0 + H(r_1),
// m_1 = r_1 + H(r_0), B = b·G, and the keys are the hashes of b·m_0 and
// b·m_1. It returns B and both keys.
func baseSend(sess Session, index int, r0, r1 *ristretto255.Element, rand io.Reader) (*ristretto255.Element, [2][32]byte, error) {
	b, err := randomScalar(rand)
	if err != nil {
		return nil, [2][32]byte{}, err
	}
	B := ristretto255.NewElement().ScalarBaseMult(b)
	m0 := ristretto255.NewElement().Add(r0, hashToGroup(sess, index, r1))
	m1 := ristretto255.NewElement().Add(r1, hashToGroup(sess, index, r0))
	e0, e1, eB := encodePoint(r0), encodePoint(r1), encodePoint(B)
	var keys [2][32]byte
	keys[0] = baseKey(sess, index, e0, e1, eB, 0, ristretto255.NewElement().ScalarMult(b, m0))
	keys[1] = baseKey(sess, index, e0, e1, eB, 1, ristretto255.NewElement().ScalarMult(b, m1))
	b.Zero()
	return B, keys, nil
}

// baseFinish is the base-OT receiver's output: the hash of a·B, which
// equals the sender's key for its choice c.
func baseFinish(sess Session, index int, c byte, a *ristretto255.Scalar, r0, r1 []byte, B *ristretto255.Element) [32]byte {
	return baseKey(sess, index, r0, r1, encodePoint(B), c, ristretto255.NewElement().ScalarMult(a, B))
}

// checkSetupRequest rejects a request that is nil or was not decoded.
func checkSetupRequest(m *SetupRequest) error {
	if m == nil || len(m.r) != Kappa {
		return fmt.Errorf("%w: empty setup request", ErrMalformed)
	}
	for _, p := range m.r {
		if p[0] == nil || p[1] == nil {
			return fmt.Errorf("%w: empty setup request", ErrMalformed)
		}
	}
	return nil
}

func checkSetupResponse(m *SetupResponse) error {
	if m == nil || len(m.b) != Kappa {
		return fmt.Errorf("%w: empty setup response", ErrMalformed)
	}
	for _, e := range m.b {
		if e == nil {
			return fmt.Errorf("%w: empty setup response", ErrMalformed)
		}
	}
	return nil
}
