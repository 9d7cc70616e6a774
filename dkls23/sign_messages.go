package dkls23

import (
	"crypto/rand"
	"crypto/subtle"
	"fmt"
	"io"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/transport"
)

// The payloads of signing, each decoded and validated here:
//
//	round 1, broadcast: the commitment to R_i, 32 bytes;
//	round 1, direct:    Bob's nonce (32 bytes) || his KOS15 extension
//	                    message (internal/ot);
//	round 2, broadcast: R_i (33-byte SEC1 compressed) || salt (32 bytes);
//	round 2, direct:    Alice's multiplication answer (aliceMessageSize
//	                    bytes: her nonce, the τ_k, u, the check hash) ||
//	                    Γ^u || Γ^v (33 bytes each) || ψ (32);
//	round 3, broadcast: u_i || w_i, 32 bytes each.

const (
	commitmentSize = 32
	saltSize       = 32
	pointSize      = 33
	openingSize    = pointSize + saltSize
	answerSize     = aliceMessageSize + 2*pointSize + scalarSize
)

// commitR is the commitment to R_i: a hash of the session, the signer, R_i
// and a 32-byte random salt, which hides R_i until every commitment is in.
func commitR(sid []byte, from transport.PartyID, R curve.Point, salt []byte) []byte {
	t := transcript.New("mosaic/dkls23/v1/commit-R")
	t.AppendBytes("session", sid)
	t.AppendUint64("signer", uint64(from))
	t.AppendPoint("R", R)
	t.AppendBytes("salt", salt)
	return t.ChallengeBytes("commitment", commitmentSize)
}

// openingBytes encodes R_i || salt.
func openingBytes(R curve.Point, salt []byte) []byte {
	return append(R.Bytes(), salt...)
}

// parseOpening decodes j's opening and checks it against j's commitment.
// R_j must be a canonical point other than the identity.
func parseOpening(c curve.Curve, sid []byte, j transport.PartyID, b, commitment []byte) (curve.Point, error) {
	if len(b) != openingSize {
		return nil, fmt.Errorf("%w: opening of %d bytes", ErrMalformed, len(b))
	}
	R, err := c.DecodePoint(b[:pointSize], false)
	if err != nil {
		return nil, fmt.Errorf("%w: R: %w", ErrMalformed, err)
	}
	if subtle.ConstantTimeCompare(commitR(sid, j, R, b[pointSize:]), commitment) != 1 {
		return nil, ErrCommitment
	}
	return R, nil
}

// answer is a decoded round-2 direct message.
type answer struct {
	vole           []byte
	gammaU, gammaV curve.Point
	psi            scalar
}

// parseAnswer decodes Alice's answer: Γ^u and Γ^v canonical points other
// than the identity, ψ a canonical scalar. The multiplication part is
// checked by bobFinish.
func parseAnswer(c curve.Curve, b []byte) (*answer, error) {
	if len(b) != answerSize {
		return nil, fmt.Errorf("%w: answer of %d bytes, want %d", ErrMalformed, len(b), answerSize)
	}
	a := &answer{vole: b[:aliceMessageSize]}
	off := aliceMessageSize
	var err error
	if a.gammaU, err = c.DecodePoint(b[off:off+pointSize], false); err != nil {
		return nil, fmt.Errorf("%w: Γ^u: %w", ErrMalformed, err)
	}
	off += pointSize
	if a.gammaV, err = c.DecodePoint(b[off:off+pointSize], false); err != nil {
		return nil, fmt.Errorf("%w: Γ^v: %w", ErrMalformed, err)
	}
	off += pointSize
	if a.psi, err = decodeScalar(b[off:]); err != nil {
		return nil, err
	}
	return a, nil
}

// toCurve converts a scalar to the curve package's type (for point
// arithmetic, which is constant time there).
func toCurve(s *scalar) curve.Scalar {
	b := s.Bytes()
	out, _ := curve.Secp256k1().DecodeScalar(b[:]) // canonical by construction
	clear(b[:])
	return out
}

// xCoordinate returns x(R) mod n and the recovery id: bit 0 is y(R) odd,
// bit 1 is x(R) ≥ n. R is public.
func xCoordinate(R curve.Point) (scalar, byte) {
	enc := R.Bytes() // 0x02 or 0x03 || x
	var x scalar
	overflow := x.SetByteSlice(enc[1:])
	recid := enc[0] & 1
	if overflow {
		recid |= 2
	}
	return x, recid
}

// signature builds the low-S signature (x, s) with its recovery id:
// negating s flips the parity of y(R).
func signature(x, s *scalar, recid byte) (*cggmp.Signature, error) {
	if s.IsOverHalfOrder() {
		s.Negate()
		recid ^= 1
	}
	c := curve.Secp256k1()
	xb, sb := x.Bytes(), s.Bytes()
	R, err := c.DecodeScalar(xb[:])
	if err != nil {
		return nil, err
	}
	S, err := c.DecodeScalar(sb[:])
	if err != nil {
		return nil, err
	}
	if R.IsZero() || S.IsZero() {
		return nil, transport.NewAbortError("", 0, "zero r or s", ErrInvalidSignature)
	}
	return &cggmp.Signature{R: R, S: S, RecoveryID: recid}, nil
}

// randomBytes reads n bytes from r (crypto/rand when nil).
func randomBytes(r io.Reader, n int) ([]byte, error) {
	if r == nil {
		r = rand.Reader
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(r, b); err != nil {
		return nil, fmt.Errorf("dkls23: reading randomness: %w", err)
	}
	return b, nil
}
