package dkls23

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/binary"
	"fmt"
	"hash"
	"io"
	"slices"

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
//	Bob → Alice: a fresh nonce and the KOS15 extension message, forked for
//	             the label and that nonce (bobStart).
//	Alice → Bob: a fresh nonce, the corrections τ_k, the check value u and
//	             the check hash (aliceRespond); Bob checks and ends
//	             (bobFinish).
//
// Each side's nonce keeps its own secrets fresh if a session id is ever
// used twice: Bob's makes his OT-extension columns new, Alice's the
// scalars her corrections are padded with (expandSalt).
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
	// nonceSize is the size of the fresh nonce each side of a
	// multiplication puts in front of its message.
	nonceSize = 32
	// tauSize is the size of Alice's corrections τ_k.
	tauSize = voleOTs * voleWidth * scalarSize
	// aliceMessageSize is the size of Alice's message: her nonce, the τ_k,
	// u and the check hash.
	aliceMessageSize = nonceSize + tauSize + scalarSize + 32
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

// expandSalt is the 16-byte salt of expand for one multiplication: a hash
// of its label and Alice's fresh nonce. The salt makes the scalars of a
// multiplication fresh even if the same OT messages came out of the
// extension twice (a session id used twice, or a Bob who repeats his
// message): Alice's corrections τ_k then never pad her inputs with a pad
// she used before.
func expandSalt(label, nonceA []byte) [16]byte {
	h := framedHash("mosaic/dkls23/v1/expand", label, nonceA)
	var salt [16]byte
	copy(salt[:], h.Sum(nil))
	return salt
}

// expand stretches one 32-byte OT message into the ℓ + ρ scalars of its
// row by SHA-256 in counter mode under the multiplication's salt, one
// block per scalar. The message is already a hash bound to the session,
// the pair and the row (internal/ot).
func expand(salt *[16]byte, v *[ot.MessageSize]byte) [voleWidth]scalar {
	var in [16 + ot.MessageSize + 1]byte
	copy(in[:], salt[:])
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

// voleChallenge derives χ_1, χ_2 from the session label, Bob's message
// and Alice's nonce and corrections: everything Alice sends but u and the
// check hash, which depend on χ (framedHash).
func voleChallenge(label, bobMsg, tau []byte) [voleInputs]scalar {
	seed := framedHash("mosaic/dkls23/v1/vole-check", label, bobMsg, tau).Sum(nil)
	var chi [voleInputs]scalar
	for i := range chi {
		b := sha256.Sum256(append(append([]byte("mosaic/dkls23/v1/chi\x00"), seed...), byte(i)))
		chi[i] = uniformScalar(&b)
	}
	return chi
}

// checkHash hashes the r_k of the check, bound to the session label.
func checkHash(label []byte, r *[voleOTs]scalar) [32]byte {
	h := framedHash("mosaic/dkls23/v1/vole-r", label)
	for k := range r {
		b := r[k].Bytes()
		h.Write(b[:])
	}
	var out [32]byte
	h.Sum(out[:0])
	return out
}

// framedHash returns a SHA-256 state that has absorbed the domain and
// then each part with its length in front, so that no two lists of parts
// hash alike; a caller may write more after them. SHA-256 because the
// parts are large (Alice's corrections are 48 KiB) and it runs on the
// CPU's SHA extensions where there are some.
func framedHash(domain string, parts ...[]byte) hash.Hash {
	h := sha256.New()
	h.Write([]byte(domain))
	h.Write([]byte{0})
	var n [8]byte
	for _, part := range parts {
		binary.BigEndian.PutUint64(n[:], uint64(len(part)))
		h.Write(n[:])
		h.Write(part)
	}
	return h
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
	msg   []byte                        // his message: nonce || extension message
	beta  [voleOTs]byte                 // β_k, 0 or 1
	v     [voleOTs][ot.MessageSize]byte // the OT messages v_{k,β_k} he received
	b     scalar                        // his random input ⟨g, β⟩
}

// bobStart forks Bob's receiver setup for label and a fresh nonce of his,
// runs the extension with random choice bits and returns his state and
// his message, nonce || extension message. The nonce makes his columns
// fresh even under a session id used twice, so that Alice never sees two
// extensions of his under one fork (whose XOR would tell her β ⊕ β').
func bobStart(setup *ot.Receiver, label []byte, g *[voleOTs]scalar, rand io.Reader) (*voleBob, []byte, error) {
	nonce, err := randomBytes(rand, nonceSize)
	if err != nil {
		return nil, nil, err
	}
	rx, err := setup.Fork(append(append([]byte(nil), label...), nonce...))
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
	msg := append(nonce, enc...)
	bob := &voleBob{label: append([]byte(nil), label...), msg: msg}
	for k := range voleOTs {
		bit := (out.Choices[k>>3] >> (uint(k) & 7)) & 1
		bob.beta[k] = bit
		bob.v[k] = out.Messages[k]
		gk := g[k].Bytes()
		term := maskedScalar(&gk, bit)
		bob.b.Add(&term)
	}
	clear(out.Choices)
	return bob, msg, nil
}

// aliceRespond answers Bob's message with input a (aliceCorrect, then
// finish): it returns Alice's shares c and her message. A failure of the
// extension is Bob's, inside an *ot.PeerError.
func aliceRespond(setup *ot.Sender, label, bobMsg []byte, a *[voleInputs]scalar, g *[voleOTs]scalar, rand io.Reader) ([voleInputs]scalar, []byte, error) {
	ans, err := aliceCorrect(setup, label, bobMsg, a, rand)
	if err != nil {
		return [voleInputs]scalar{}, nil, err
	}
	c, msg := ans.finish(label, bobMsg, g)
	return c, msg, nil
}

// aliceAnswer is Alice's answer before its check values: her message so
// far (nonce || τ), her correlation α* and her shares t^A_k of every row.
type aliceAnswer struct {
	msg   []byte
	alpha [voleWidth]scalar
	tA    [voleOTs][voleWidth]scalar
}

// aliceCorrect forks Alice's sender setup for label and Bob's nonce,
// checks his extension, and computes her corrections
// τ_k = z_{k,0} − z_{k,1} + α* and her shares t^A_k = −z_{k,0}, with
// α* = (a_1, a_2, â) for a fresh pad â.
func aliceCorrect(setup *ot.Sender, label, bobMsg []byte, a *[voleInputs]scalar, rand io.Reader) (*aliceAnswer, error) {
	if len(bobMsg) < nonceSize {
		return nil, &ot.PeerError{Party: setup.Session().Receiver, Err: fmt.Errorf("%w: multiplication message of %d bytes", ErrMalformed, len(bobMsg))}
	}
	tx, err := setup.Fork(append(append([]byte(nil), label...), bobMsg[:nonceSize]...))
	if err != nil {
		return nil, err
	}
	m, err := ot.ParseExtendMessage(bobMsg[nonceSize:])
	if err != nil {
		return nil, &ot.PeerError{Party: tx.Session().Receiver, Err: fmt.Errorf("%w: extension message: %w", ErrMalformed, err)}
	}
	out, err := tx.Extend(m, voleOTs)
	if err != nil {
		return nil, err
	}
	pad, err := randomScalar(rand)
	if err != nil {
		return nil, err
	}
	msg, err := randomBytes(rand, nonceSize)
	if err != nil {
		return nil, err
	}
	salt := expandSalt(label, msg)
	ans := &aliceAnswer{msg: slices.Grow(msg, aliceMessageSize-nonceSize), alpha: [voleWidth]scalar{a[0], a[1], pad}}
	for k := range voleOTs {
		z0, z1 := expand(&salt, &out.Messages[k][0]), expand(&salt, &out.Messages[k][1])
		for i := range voleWidth {
			var tau scalar
			tau.NegateVal(&z1[i]).Add(&z0[i]).Add(&ans.alpha[i])
			b := tau.Bytes()
			ans.msg = append(ans.msg, b[:]...)
			ans.tA[k][i].NegateVal(&z0[i])
		}
	}
	pad.Zero()
	return ans, nil
}

// finish adds the check to Alice's answer: χ from everything sent so far,
// u = ⟨χ, α*⟩ and the hash of every r_k = ⟨χ, t^A_k⟩; and returns her
// shares c_i = Σ_k g_k·t^A_{k,i} and her whole message. It clears α*.
func (ans *aliceAnswer) finish(label, bobMsg []byte, g *[voleOTs]scalar) ([voleInputs]scalar, []byte) {
	chi := voleChallenge(label, bobMsg, ans.msg)
	u := combine(&chi, &ans.alpha)
	var r [voleOTs]scalar
	for k := range voleOTs {
		r[k] = combine(&chi, &ans.tA[k])
	}
	ub := u.Bytes()
	msg := append(ans.msg, ub[:]...)
	rh := checkHash(label, &r)
	msg = append(msg, rh[:]...)
	var c [voleInputs]scalar
	var term scalar
	for k := range voleOTs {
		for i := range voleInputs {
			term.Mul2(&g[k], &ans.tA[k][i])
			c[i].Add(&term)
		}
	}
	for i := range ans.alpha {
		ans.alpha[i].Zero()
	}
	return c, msg
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
	salt := expandSalt(bob.label, aliceMsg[:nonceSize])
	tauBytes := aliceMsg[nonceSize : nonceSize+tauSize]
	u, err := decodeScalar(aliceMsg[nonceSize+tauSize : nonceSize+tauSize+scalarSize])
	if err != nil {
		return d, err
	}
	chi := voleChallenge(bob.label, bob.msg, aliceMsg[:nonceSize+tauSize])
	ub := u.Bytes()
	var r [voleOTs]scalar
	var t [voleWidth]scalar
	var term scalar
	var tb [scalarSize]byte
	for k := range voleOTs {
		bit := bob.beta[k]
		z := expand(&salt, &bob.v[k])
		for i := range voleWidth {
			off := (k*voleWidth + i) * scalarSize
			if _, err := decodeScalar(tauBytes[off : off+scalarSize]); err != nil {
				return d, err
			}
			// t^B_k = z_{k,β_k} + β_k·τ_k
			copy(tb[:], tauBytes[off:off+scalarSize])
			tau := maskedScalar(&tb, bit)
			t[i].Add2(&z[i], &tau)
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
