package ot

import (
	"bytes"
	"crypto/rand"
	"encoding/binary"
	"testing"

	"github.com/stretchr/testify/require"
)

// honestMessages returns the encodings of one honest run's three messages.
func honestMessages(t testing.TB) (req, resp, ext []byte) {
	t.Helper()
	sess := testSession("malformed")
	s, reqM, err := NewSender(sess, rand.Reader)
	require.NoError(t, err)
	r, err := NewReceiver(sess)
	require.NoError(t, err)
	respM, err := r.Setup(reqM, rand.Reader)
	require.NoError(t, err)
	require.NoError(t, s.FinishSetup(respM))
	extM, _, err := r.Extend(nil, 64, rand.Reader)
	require.NoError(t, err)
	req, err = reqM.MarshalBinary()
	require.NoError(t, err)
	resp, err = respM.MarshalBinary()
	require.NoError(t, err)
	ext, err = extM.MarshalBinary()
	require.NoError(t, err)
	require.Len(t, req, SetupRequestSize)
	require.Len(t, resp, SetupResponseSize)
	require.Len(t, ext, ExtendMessageSize(64))
	return req, resp, ext
}

func edit(b []byte, f func(c []byte) []byte) []byte { return f(bytes.Clone(b)) }

// nonCanonical is the little-endian encoding of p = 2^255 - 19, a field
// element out of range, which ristretto255 decoding must refuse.
var nonCanonical = append([]byte{0xed}, append(bytes.Repeat([]byte{0xff}, 30), 0x7f)...)

func TestMalformedMessagesAreRefused(t *testing.T) {
	req, resp, ext := honestMessages(t)
	identity := make([]byte, pointSize)
	cases := []struct {
		name  string
		parse func([]byte) error
		input []byte
	}{
		{"request empty", parseRequest, nil},
		{"request short", parseRequest, req[:len(req)-1]},
		{"request long", parseRequest, append(bytes.Clone(req), 0)},
		{"request tag", parseRequest, edit(req, func(c []byte) []byte { c[0] = tagSetupResponse; return c })},
		{"request identity", parseRequest, edit(req, func(c []byte) []byte { copy(c[1+pointSize:], identity); return c })},
		{"request non-canonical", parseRequest, edit(req, func(c []byte) []byte { copy(c[1:], nonCanonical); return c })},
		{"request high bit", parseRequest, edit(req, func(c []byte) []byte { c[len(c)-1] |= 0x80; return c })},
		{"response empty", parseResponse, nil},
		{"response short", parseResponse, resp[:len(resp)-32]},
		{"response tag", parseResponse, edit(resp, func(c []byte) []byte { c[0] = tagSetupRequest; return c })},
		{"response identity", parseResponse, edit(resp, func(c []byte) []byte { copy(c[1:], identity); return c })},
		{"response non-canonical", parseResponse, edit(resp, func(c []byte) []byte { copy(c[len(c)-pointSize:], nonCanonical); return c })},
		{"extend empty", parseExtend, nil},
		{"extend header only", parseExtend, ext[:13]},
		{"extend short", parseExtend, ext[:len(ext)-1]},
		{"extend long", parseExtend, append(bytes.Clone(ext), 0)},
		{"extend tag", parseExtend, edit(ext, func(c []byte) []byte { c[0] = tagSetupRequest; return c })},
		{"extend count zero", parseExtend, edit(ext, func(c []byte) []byte { binary.BigEndian.PutUint32(c[9:], 0); return c })},
		{"extend count not multiple of 8", parseExtend, edit(ext, func(c []byte) []byte { binary.BigEndian.PutUint32(c[9:], 63); return c })},
		{"extend count other than the size", parseExtend, edit(ext, func(c []byte) []byte { binary.BigEndian.PutUint32(c[9:], 512); return c })},
		{"extend count too large", parseExtend, edit(ext, func(c []byte) []byte { binary.BigEndian.PutUint32(c[9:], MaxOTs+8); return c })},
		{"extend count huge", parseExtend, edit(ext, func(c []byte) []byte { binary.BigEndian.PutUint32(c[9:], 0xfffffff8); return c })},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			require.ErrorIs(t, tc.parse(tc.input), ErrMalformed)
		})
	}
	require.NoError(t, parseRequest(req))
	require.NoError(t, parseResponse(resp))
	require.NoError(t, parseExtend(ext))
}

func parseRequest(b []byte) error  { _, err := ParseSetupRequest(b); return err }
func parseResponse(b []byte) error { _, err := ParseSetupResponse(b); return err }
func parseExtend(b []byte) error   { _, err := ParseExtendMessage(b); return err }

func TestExtendMessageSize(t *testing.T) {
	require.Equal(t, 1+8+4+Kappa*512/8+32+Kappa*32, ExtendMessageSize(8))
	require.Equal(t, 1+8+4+Kappa*(1024+256)/8+32+Kappa*32, ExtendMessageSize(1024))
	for _, bad := range []int{-8, 0, 7, MaxOTs + 8} {
		require.Zero(t, ExtendMessageSize(bad))
	}
}

func FuzzParseSetupRequest(f *testing.F) {
	req, _, _ := honestMessages(f)
	f.Add(req)
	f.Add([]byte{tagSetupRequest})
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := ParseSetupRequest(b)
		if err != nil {
			require.ErrorIs(t, err, ErrMalformed)
			return
		}
		out, err := m.MarshalBinary()
		require.NoError(t, err)
		require.Equal(t, b, out, "only canonical encodings decode")
	})
}

func FuzzParseSetupResponse(f *testing.F) {
	_, resp, _ := honestMessages(f)
	f.Add(resp)
	f.Add([]byte{tagSetupResponse})
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := ParseSetupResponse(b)
		if err != nil {
			require.ErrorIs(t, err, ErrMalformed)
			return
		}
		out, err := m.MarshalBinary()
		require.NoError(t, err)
		require.Equal(t, b, out, "only canonical encodings decode")
	})
}

func FuzzParseExtendMessage(f *testing.F) {
	_, _, ext := honestMessages(f)
	f.Add(ext)
	f.Add(ext[:13])
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := ParseExtendMessage(b)
		if err != nil {
			require.ErrorIs(t, err, ErrMalformed)
			return
		}
		out, err := m.MarshalBinary()
		require.NoError(t, err)
		require.Equal(t, b, out)
	})
}
