package ot

import (
	"bytes"
	"crypto/rand"
	"math/bits"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestExtensionIsCorrect(t *testing.T) {
	s, r := runSetup(t, testSession("correct"))
	for _, count := range []int{8, 64, 1024, 1000} {
		msg, ro, err := r.Extend(nil, count, rand.Reader)
		require.NoError(t, err)
		so, err := s.Extend(roundTripExtend(t, msg), count)
		require.NoError(t, err)
		requireCorrelated(t, so, ro)
		ones := 0
		for j := range count {
			ones += int(bit(ro.Choices, j))
		}
		if count < 64 {
			continue // too few bits for a balance check that cannot fail by chance
		}
		// Binomial(count, 1/2) falls outside [count/8, 7·count/8] with
		// probability below 2^-30 for count ≥ 64 (about 2^-31 at 64).
		require.Greater(t, ones, count/8, "random choices are not all zero")
		require.Less(t, ones, count-count/8, "random choices are not all one")
	}
}

func TestExtensionHonoursGivenChoices(t *testing.T) {
	s, r := runSetup(t, testSession("choices"))
	for _, choice := range []byte{0x00, 0xff, 0xa5} {
		choices := bytes.Repeat([]byte{choice}, 32)
		msg, ro, err := r.Extend(choices, 256, rand.Reader)
		require.NoError(t, err)
		require.Equal(t, choices, ro.Choices)
		so, err := s.Extend(msg, 256)
		require.NoError(t, err)
		requireCorrelated(t, so, ro)
	}
}

// Two batches of one setup, and two setups, never repeat a message.
func TestBatchesAreIndependent(t *testing.T) {
	s, r := runSetup(t, testSession("batches"))
	seen := map[[MessageSize]byte]bool{}
	for range 3 {
		msg, ro, err := r.Extend(nil, 128, rand.Reader)
		require.NoError(t, err)
		so, err := s.Extend(msg, 128)
		require.NoError(t, err)
		requireCorrelated(t, so, ro)
		for _, pair := range so.Messages {
			for _, m := range pair {
				require.False(t, seen[m], "a message repeats")
				seen[m] = true
			}
		}
	}
}

func TestSessionValidation(t *testing.T) {
	for _, tc := range []struct {
		name string
		sess Session
	}{
		{"empty id", Session{Sender: 1, Receiver: 2}},
		{"long id", Session{ID: make([]byte, maxSessionID+1), Sender: 1, Receiver: 2}},
		{"party zero", Session{ID: []byte("x"), Sender: 0, Receiver: 2}},
		{"same party", Session{ID: []byte("x"), Sender: 3, Receiver: 3}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := NewSender(tc.sess, rand.Reader)
			require.ErrorIs(t, err, ErrSession)
			_, err = NewReceiver(tc.sess)
			require.ErrorIs(t, err, ErrSession)
		})
	}
}

func TestCallsOutOfOrder(t *testing.T) {
	sess := testSession("order")
	s, req, err := NewSender(sess, rand.Reader)
	require.NoError(t, err)
	r, err := NewReceiver(sess)
	require.NoError(t, err)

	_, _, err = r.Extend(nil, 8, rand.Reader)
	require.ErrorIs(t, err, ErrState, "receiver extends before setup")
	_, err = s.Extend(&ExtendMessage{}, 8)
	require.ErrorIs(t, err, ErrState, "sender extends before setup")

	resp, err := r.Setup(req, rand.Reader)
	require.NoError(t, err)
	_, err = r.Setup(req, rand.Reader)
	require.ErrorIs(t, err, ErrState, "second setup")
	require.NoError(t, s.FinishSetup(resp))
	require.ErrorIs(t, s.FinishSetup(resp), ErrState, "second finish")

	_, _, err = r.Extend(nil, 12, rand.Reader)
	require.ErrorIs(t, err, ErrMalformed, "count not a multiple of 8")
	_, _, err = r.Extend(make([]byte, 2), 8, rand.Reader)
	require.ErrorIs(t, err, ErrState, "choices of the wrong length")

	msg, _, err := r.Extend(nil, 16, rand.Reader)
	require.NoError(t, err)
	_, err = s.Extend(msg, 8)
	require.ErrorIs(t, err, ErrState, "count other than expected")
	_, err = s.Extend(msg, 16)
	require.NoError(t, err)
	_, err = s.Extend(msg, 16)
	require.ErrorIs(t, err, ErrState, "the same batch twice")
}

// Nil and zero values from the caller are errors, never panics.
func TestZeroValues(t *testing.T) {
	var s *Sender
	var r *Receiver
	require.ErrorIs(t, s.FinishSetup(&SetupResponse{}), ErrState)
	_, err := s.Extend(nil, 8)
	require.ErrorIs(t, err, ErrState)
	_, err = r.Setup(nil, nil)
	require.ErrorIs(t, err, ErrState)
	_, _, err = r.Extend(nil, 8, nil)
	require.ErrorIs(t, err, ErrState)
	require.ErrorIs(t, new(Sender).FinishSetup(nil), ErrState)
	_, err = new(Receiver).Setup(nil, nil)
	require.ErrorIs(t, err, ErrSession)

	for _, m := range []interface{ MarshalBinary() ([]byte, error) }{
		(*SetupRequest)(nil), &SetupRequest{}, (*SetupResponse)(nil), &SetupResponse{}, (*ExtendMessage)(nil), &ExtendMessage{},
	} {
		_, err := m.MarshalBinary()
		require.ErrorIs(t, err, ErrMalformed)
	}

	sess := testSession("zero")
	sender, req, err := NewSender(sess, rand.Reader)
	require.NoError(t, err)
	recv, err := NewReceiver(sess)
	require.NoError(t, err)
	_, err = recv.Setup(&SetupRequest{}, nil)
	require.ErrorIs(t, err, ErrMalformed)
	require.ErrorIs(t, sender.FinishSetup(&SetupResponse{}), ErrMalformed)
	resp, err := recv.Setup(req, nil)
	require.NoError(t, err)
	require.NoError(t, sender.FinishSetup(resp))
	_, err = sender.Extend(&ExtendMessage{count: 8}, 8)
	require.ErrorIs(t, err, ErrMalformed)
	var pe *PeerError
	require.ErrorAs(t, err, &pe)
	require.Equal(t, sess.Receiver, pe.Party)
}

func TestGF256(t *testing.T) {
	one := gf256{1}
	x := gf256{2}
	x255 := gf256{3: 1 << 63}
	require.Equal(t, gf256{1<<10 | 1<<5 | 1<<2 | 1}, gfMul(x255, x), "x^256 = x^10 + x^5 + x^2 + 1")
	require.Equal(t, gf256{3: 1 << 7}, gfMul(gf256{0, 1 << 63}, gf256{0, 1 << 8}), "x^127 · x^72 = x^199")
	var raw [96]byte
	_, err := rand.Read(raw[:])
	require.NoError(t, err)
	a, b, c := gfFromBytes(raw[0:32]), gfFromBytes(raw[32:64]), gfFromBytes(raw[64:96])
	require.Equal(t, a, gfMul(a, one))
	require.Equal(t, gfMul(a, b), gfMul(b, a))
	require.Equal(t, gfMul(a, b.add(c)), gfMul(a, b).add(gfMul(a, c)))
	require.Equal(t, gfMul(gfMul(a, b), c), gfMul(a, gfMul(b, c)))
	ab := a.bytes()
	require.Equal(t, a, gfFromBytes(ab[:]))
}

// poly is a polynomial over GF(2) of degree below 320, for the
// irreducibility test only.
type poly [5]uint64

func (p poly) degree() int {
	for k := len(p) - 1; k >= 0; k-- {
		if p[k] != 0 {
			return 64*k + 63 - bits.LeadingZeros64(p[k])
		}
	}
	return -1
}

func (p poly) shifted(n int) poly {
	var out poly
	for i := range 64 * len(p) {
		if i+n < 64*len(p) && (p[i/64]>>(i%64))&1 == 1 {
			out[(i+n)/64] |= 1 << ((i + n) % 64)
		}
	}
	return out
}

func (p poly) mod(f poly) poly {
	for df := f.degree(); p.degree() >= df; {
		s := f.shifted(p.degree() - df)
		for k := range p {
			p[k] ^= s[k]
		}
	}
	return p
}

// Rabin's test for degree 256 = 2^8: f is irreducible if and only if
// x^(2^256) = x mod f and gcd(x^(2^128) − x, f) = 1.
func TestGF256ModulusIsIrreducible(t *testing.T) {
	f := poly{1<<10 | 1<<5 | 1<<2 | 1, 0, 0, 0, 1}
	x := gf256{2}
	p := x
	for range 128 {
		p = gfMul(p, p)
	}
	g := poly{p[0] ^ 2, p[1], p[2], p[3]} // x^(2^128) − x, reduced mod f
	require.NotEqual(t, poly{}, g)
	for range 128 {
		p = gfMul(p, p)
	}
	require.Equal(t, x, p, "x^(2^256) = x")
	a, b := f, g
	for b != (poly{}) {
		a, b = b, a.mod(b)
	}
	require.Equal(t, 0, a.degree(), "gcd(x^(2^128) − x, f) = 1")
}

func TestTranspose(t *testing.T) {
	cols := make([][]byte, Kappa)
	for i := range cols {
		cols[i] = make([]byte, 4)
		_, err := rand.Read(cols[i])
		require.NoError(t, err)
	}
	rows := transpose(cols, 32)
	for i := range Kappa {
		for j := range 32 {
			require.Equal(t, bit(cols[i], j), bit(rows[j][:], i))
		}
	}
}
