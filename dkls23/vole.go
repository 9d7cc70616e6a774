package dkls23

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/binary"
	"fmt"
	"io"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"

	"github.com/mosaic-mpc/mosaic/internal/ot"
	"github.com/mosaic-mpc/mosaic/internal/transcript"
)

// This file is the two-party random vector OLE of DKLs23 (Functionality
// 3.5, realised by Protocol 5.2 after DKLs19's multiplication): Alice
// inputs a = (a_1, a_2), Bob gets a uniformly random b he did not choose,
// and they end with additive shares c + d = b·a. It runs over one forked
// KOS15 extension of ξ OTs (package internal/ot), Bob the extension
// receiver with random choice bits β, Alice the extension sender.
//
//	Bob → Alice: the KOS15 extension message (bobStart).
//	Alice → Bob: the corrections τ_k, the check value u and the check hash
//	             (aliceRespond); Bob checks and ends (bobFinish).
//
// The check is DKLs19's with a Fiat–Shamir challenge, as DKLs23 Protocol
// 5.2 does it: Alice's correlation is α* = (a_1, a_2, â) with â a fresh
// uniform pad, the challenge χ = (χ_1, χ_2, 1) hashes everything Alice
// sends but the check values, u = ⟨χ, α*⟩ (â hides ⟨(χ_1, χ_2), a⟩
// perfectly), and Alice proves she used one α* for every k by the hash of
// r_k = ⟨χ, t^A_k⟩ over all k, which Bob recomputes as β_k·u − ⟨χ, t^B_k⟩.
// An Alice who used another correlation in some row k passes only by
// guessing β_k, so a selective failure teaches her at most the bits she
// guessed, and b = ⟨g, β⟩ with ξ = κ + 2s keeps s bits of slack over κ
// (DKLs19 Section 5, DKLs23 Section 5.2).

const (
	// voleOTs is ξ = κ + 2s with κ = 256 = |q| and s = 128 statistical
	// bits: the number of OTs, and of random bits behind Bob's b.
	voleOTs = 512
	// voleInputs is ℓ = 2: Alice's inputs (the nonce r_i and the key share
	// sk_i of the signing protocol).
	voleInputs = 2
	// voleWidth is ℓ + ρ with ρ = 1 check pad.
	voleWidth = voleInputs + 1
	// scalarSize is the encoded size of a secp256k1 scalar.
	scalarSize = 32
	// aliceMessageSize is the size of Alice's message: the τ_k, u and the
	// check hash.
	aliceMessageSize = voleOTs*voleWidth*scalarSize + scalarSize + 32
)

type scalar = secp256k1.ModNScalar

// uniformScalar maps 32 uniform bytes to a scalar by reduction mod n.
// The group order of secp256k1 is within 2^129 of 2^256, so the result is
// within about 2^-127 of uniform: as close as a reduction of 48 bytes
// would be, and cheaper.
func uniformScalar(b *[32]byte) scalar {
	var s scalar
	s.SetBytes(b)
	return s
}

// gadget returns g ∈ Z_q^ξ, the public vector with which Bob's random bits
// make his input b = ⟨g, β⟩: uniform elements from one cSHAKE stream, the
// same for everyone (DKLs19's gadget with every entry random, which makes
// β ↦ ⟨g, β⟩ a universal hash).
func gadget() *[voleOTs]scalar {
	raw := transcript.New("mosaic/dkls23/v1/gadget").ChallengeBytes("g", voleOTs*scalarSize)
	var g [voleOTs]scalar
	var b [32]byte
	for k := range g {
		copy(b[:], raw[scalarSize*k:])
		g[k] = uniformScalar(&b)
	}
	return &g
}

// expand stretches one 32-byte OT message into the ℓ + ρ scalars of its
// row by SHA-256 in counter mode, one block per scalar. The message is
// already a hash bound to the session, the pair and the row (internal/ot),
// so a fixed prefix is all the domain separation needed.
func expand(v *[ot.MessageSize]byte) [voleWidth]scalar {
	var in [16 + ot.MessageSize + 1]byte
	copy(in[:], "mosaic/dkls23/z.")
	copy(in[16:], v[:])
	var z [voleWidth]scalar
	for i := range z {
		in[len(in)-1] = byte(i)
		h := sha256.Sum256(in[:])
		z[i] = uniformScalar(&h)
		clear(h[:])
	}
	clear(in[:])
	return z
}

// maskedScalar decodes b, a canonical scalar encoding, times the bit:
// b itself when bit is 1, zero when it is 0, by masking the bytes rather
// than branching or multiplying.
func maskedScalar(b *[scalarSize]byte, bit byte) scalar {
	mask := -(bit & 1)
	var m [scalarSize]byte
	for i := range m {
		m[i] = b[i] & mask
	}
	var s scalar
	s.SetBytes(&m)
	return s
}

// voleChallenge derives χ_1, χ_2 from the session label, Bob's extension
// message and Alice's corrections: everything Alice sends but u and the
// check hash, which depend on χ. SHA-256 with length-framed inputs: the
// corrections are 48 KiB, and SHA-256 runs on the SHA extensions where
// the CPU has them.
func voleChallenge(label, bobMsg, tau []byte) [voleInputs]scalar {
	h := sha256.New()
	h.Write([]byte("mosaic/dkls23/v1/vole-check\x00"))
	for _, part := range [][]byte{label, bobMsg, tau} {
		var n [8]byte
		binary.BigEndian.PutUint64(n[:], uint64(len(part)))
		h.Write(n[:])
		h.Write(part)
	}
	seed := h.Sum(nil)
	var chi [voleInputs]scalar
	for i := range chi {
		b := sha256.Sum256(append(append([]byte("mosaic/dkls23/v1/chi\x00"), seed...), byte(i)))
		chi[i] = uniformScalar(&b)
	}
	return chi
}

// checkHash hashes the r_k of the check, bound to the session label.
func checkHash(label []byte, r *[voleOTs]scalar) [32]byte {
	h := sha256.New()
	var n [8]byte
	binary.BigEndian.PutUint64(n[:], uint64(len(label)))
	h.Write([]byte("mosaic/dkls23/v1/vole-r\x00"))
	h.Write(n[:])
	h.Write(label)
	for k := range r {
		b := r[k].Bytes()
		h.Write(b[:])
	}
	var out [32]byte
	h.Sum(out[:0])
	return out
}

// combine returns ⟨χ, t⟩ with χ_3 = 1.
func combine(chi *[voleInputs]scalar, t *[voleWidth]scalar) scalar {
	var acc, term scalar
	acc.Set(&t[voleInputs])
	for i := range voleInputs {
		term.Mul2(&chi[i], &t[i])
		acc.Add(&term)
	}
	return acc
}

// voleBob is Bob's state between his message and Alice's answer.
type voleBob struct {
	label []byte
	msg   []byte                     // his encoded extension message
	beta  [voleOTs]byte              // β_k, 0 or 1
	z     [voleOTs][voleWidth]scalar // the rows of the messages he received
	b     scalar                     // his random input ⟨g, β⟩
}

// bobStart forks Bob's receiver setup for label, runs the extension with
// random choice bits and returns his state and message.
func bobStart(setup *ot.Receiver, label []byte, g *[voleOTs]scalar, rand io.Reader) (*voleBob, []byte, error) {
	rx, err := setup.Fork(label)
	if err != nil {
		return nil, nil, err
	}
	m, out, err := rx.Extend(nil, voleOTs, rand)
	if err != nil {
		return nil, nil, err
	}
	enc, err := m.MarshalBinary()
	if err != nil {
		return nil, nil, err
	}
	bob := &voleBob{label: append([]byte(nil), label...), msg: enc}
	for k := range voleOTs {
		bit := (out.Choices[k>>3] >> (uint(k) & 7)) & 1
		bob.beta[k] = bit
		bob.z[k] = expand(&out.Messages[k])
		gk := g[k].Bytes()
		term := maskedScalar(&gk, bit)
		bob.b.Add(&term)
	}
	return bob, enc, nil
}

// aliceRespond answers Bob's extension message with input a: it checks the
// extension (a failure is Bob's, inside an *ot.PeerError), and returns
// Alice's shares c and her message.
func aliceRespond(setup *ot.Sender, label, bobMsg []byte, a *[voleInputs]scalar, g *[voleOTs]scalar, rand io.Reader) ([voleInputs]scalar, []byte, error) {
	var c [voleInputs]scalar
	tx, err := setup.Fork(label)
	if err != nil {
		return c, nil, err
	}
	m, err := ot.ParseExtendMessage(bobMsg)
	if err != nil {
		return c, nil, &ot.PeerError{Party: tx.Session().Receiver, Err: fmt.Errorf("%w: extension message: %w", ErrMalformed, err)}
	}
	out, err := tx.Extend(m, voleOTs)
	if err != nil {
		return c, nil, err
	}
	pad, err := randomScalar(rand)
	if err != nil {
		return c, nil, err
	}
	alpha := [voleWidth]scalar{a[0], a[1], pad}
	msg := make([]byte, 0, aliceMessageSize)
	var tA [voleOTs][voleWidth]scalar
	for k := range voleOTs {
		z0, z1 := expand(&out.Messages[k][0]), expand(&out.Messages[k][1])
		for i := range voleWidth {
			// τ_k = z_{k,0} − z_{k,1} + α*, t^A_k = −z_{k,0}.
			var tau scalar
			tau.NegateVal(&z1[i]).Add(&z0[i]).Add(&alpha[i])
			b := tau.Bytes()
			msg = append(msg, b[:]...)
			tA[k][i].NegateVal(&z0[i])
		}
	}
	chi := voleChallenge(label, bobMsg, msg)
	u := combine(&chi, &alpha)
	var r [voleOTs]scalar
	for k := range voleOTs {
		r[k] = combine(&chi, &tA[k])
	}
	ub := u.Bytes()
	msg = append(msg, ub[:]...)
	rh := checkHash(label, &r)
	msg = append(msg, rh[:]...)
	var term scalar
	for k := range voleOTs {
		for i := range voleInputs {
			term.Mul2(&g[k], &tA[k][i])
			c[i].Add(&term)
		}
	}
	pad.Zero()
	return c, msg, nil
}

// decodeScalar parses a canonical 32-byte scalar.
func decodeScalar(b []byte) (scalar, error) {
	var s scalar
	if len(b) != scalarSize {
		return s, fmt.Errorf("%w: scalar of %d bytes", ErrMalformed, len(b))
	}
	if s.SetByteSlice(b) {
		return s, fmt.Errorf("%w: scalar not below the group order", ErrMalformed)
	}
	return s, nil
}

// bobFinish checks Alice's message and returns Bob's shares d, with
// c + d = b·a. A message that does not decode wraps ErrMalformed, a
// failed check ErrVOLECheck.
func (bob *voleBob) bobFinish(aliceMsg []byte, g *[voleOTs]scalar) ([voleInputs]scalar, error) {
	var d [voleInputs]scalar
	if len(aliceMsg) != aliceMessageSize {
		return d, fmt.Errorf("%w: multiplication message of %d bytes, want %d", ErrMalformed, len(aliceMsg), aliceMessageSize)
	}
	tauBytes := aliceMsg[:voleOTs*voleWidth*scalarSize]
	u, err := decodeScalar(aliceMsg[len(tauBytes) : len(tauBytes)+scalarSize])
	if err != nil {
		return d, err
	}
	chi := voleChallenge(bob.label, bob.msg, tauBytes)
	ub := u.Bytes()
	var r [voleOTs]scalar
	var t [voleWidth]scalar
	var term scalar
	var tb [scalarSize]byte
	for k := range voleOTs {
		bit := bob.beta[k]
		for i := range voleWidth {
			off := (k*voleWidth + i) * scalarSize
			if _, err := decodeScalar(tauBytes[off : off+scalarSize]); err != nil {
				return d, err
			}
			// t^B_k = z_{k,β_k} + β_k·τ_k
			copy(tb[:], tauBytes[off:off+scalarSize])
			tau := maskedScalar(&tb, bit)
			t[i].Add2(&bob.z[k][i], &tau)
		}
		// r_k = β_k·u − ⟨χ, t^B_k⟩
		ct := combine(&chi, &t)
		r[k] = maskedScalar(&ub, bit)
		r[k].Add(ct.Negate())
		for i := range voleInputs {
			term.Mul2(&g[k], &t[i])
			d[i].Add(&term)
		}
	}
	want := checkHash(bob.label, &r)
	if subtle.ConstantTimeCompare(want[:], aliceMsg[len(aliceMsg)-32:]) != 1 {
		return [voleInputs]scalar{}, ErrVOLECheck
	}
	return d, nil
}
