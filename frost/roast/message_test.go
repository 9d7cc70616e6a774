package roast_test

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/frost"
	"github.com/mosaic-mpc/mosaic/frost/roast"
)

// sampleMessages returns, for sc, a valid request, a first response and an
// answer, encoded.
func sampleMessages(tb testing.TB, sc suiteCase) (req, first, answer []byte) {
	tb.Helper()
	f := newFixture(tb, sc, 2, 3, nil)
	outs := f.start(tb, 1, 2)
	req = marshal(tb, outs[0].Request)
	return req, f.first[mustID(tb, 1)], f.answer(tb, outs[0])
}

func TestMessageRoundTrip(t *testing.T) {
	for _, sc := range suiteCases {
		t.Run(sc.name, func(t *testing.T) {
			req, first, answer := sampleMessages(t, sc)
			r, err := roast.DecodeRequest(sc.suite, req)
			require.NoError(t, err)
			require.Equal(t, req, marshal(t, r))
			require.Equal(t, uint32(1), r.Session)
			for _, b := range [][]byte{first, answer} {
				resp, err := roast.DecodeResponse(sc.suite, b)
				require.NoError(t, err)
				require.Equal(t, b, marshal(t, resp))
				require.Equal(t, resp.Session == 0, resp.Share == nil)
			}
		})
	}
}

// SECURITY.md case 13 for these messages: every malformed or
// non-canonical variant of a valid encoding is refused.
func TestAdversary13_DecodersRefuseMalformed(t *testing.T) {
	sc := suiteCases[0]
	req, first, answer := sampleMessages(t, sc)
	edit := func(b []byte, f func([]byte) []byte) []byte { return f(bytes.Clone(b)) }
	runIDEnd := 3 + int(req[2])

	for _, tc := range []struct {
		name     string
		b        []byte
		response bool
	}{
		{"request: empty", nil, false},
		{"request: version 0", edit(req, func(b []byte) []byte { b[0] = 0; return b }), false},
		{"request: version 2", edit(req, func(b []byte) []byte { b[0] = 2; return b }), false},
		{"request: response kind", edit(req, func(b []byte) []byte { b[1] = 2; return b }), false},
		{"request: run id of 0 bytes", edit(req, func(b []byte) []byte { b[2] = 0; return b }), false},
		{"request: run id of 65 bytes", edit(req, func(b []byte) []byte { b[2] = 65; return b }), false},
		{"request: session 0", edit(req, func(b []byte) []byte { copy(b[runIDEnd:], []byte{0, 0, 0, 0}); return b }), false},
		{"request: header only", req[:runIDEnd+4], false},
		{"request: truncated", req[:len(req)-1], false},
		{"request: trailing byte", append(bytes.Clone(req), 0), false},
		{"response: empty", nil, true},
		{"response: request kind", edit(answer, func(b []byte) []byte { b[1] = 1; return b }), true},
		{"response: version 2", edit(answer, func(b []byte) []byte { b[0] = 2; return b }), true},
		{"response: truncated header", answer[:5], true},
		{"response: truncated", answer[:len(answer)-1], true},
		{"response: trailing byte", append(bytes.Clone(answer), 0), true},
		{"response: share without session", edit(answer, func(b []byte) []byte { copy(b[runIDEnd:], []byte{0, 0, 0, 0}); return b }), true},
		{"response: session without share", edit(first, func(b []byte) []byte { b[runIDEnd+3] = 1; return b }), true},
		{"response: share z not canonical", edit(answer, func(b []byte) []byte {
			// Ed25519 scalars are little-endian: set the top byte of z.
			b[runIDEnd+4+63] = 0xff
			return b
		}), true},
		{"response: share of another signer", edit(answer, func(b []byte) []byte {
			b[runIDEnd+4] ^= 3 // identifier 1 becomes 2 (little-endian)
			return b
		}), true},
		{"response: identity commitment", edit(first, func(b []byte) []byte {
			// The identity of edwards25519 encodes as 1 followed by zeros.
			d := b[runIDEnd+4+32:]
			clear(d[:32])
			d[0] = 1
			return b
		}), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			if tc.response {
				_, err = roast.DecodeResponse(sc.suite, tc.b)
			} else {
				_, err = roast.DecodeRequest(sc.suite, tc.b)
			}
			require.ErrorIs(t, err, roast.ErrInvalidMessage)
		})
	}
	_, err := roast.DecodeRequest(frost.Ciphersuite{}, req)
	require.ErrorIs(t, err, roast.ErrConfig)
	_, err = roast.DecodeResponse(frost.Ciphersuite{}, answer)
	require.ErrorIs(t, err, roast.ErrConfig)
}

// MarshalBinary refuses what the decoders would refuse, and nil values.
func TestMarshalRefusesInvalid(t *testing.T) {
	sc := suiteCases[0]
	req, _, answer := sampleMessages(t, sc)
	r, err := roast.DecodeRequest(sc.suite, req)
	require.NoError(t, err)
	a, err := roast.DecodeResponse(sc.suite, answer)
	require.NoError(t, err)
	other, err := frost.NewSignatureShare(sc.suite, mustID(t, 2), a.Share.Share())
	require.NoError(t, err)
	secp := dealKeys(t, suiteCases[1], 2, 3)
	_, secpComm, err := frost.Commit(secp.suite, secp.keys[0], nil)
	require.NoError(t, err)

	for _, tc := range []struct {
		name string
		m    interface{ MarshalBinary() ([]byte, error) }
	}{
		{"nil request", (*roast.Request)(nil)},
		{"request without run id", &roast.Request{Session: 1, Package: r.Package}},
		{"request of session 0", &roast.Request{RunID: r.RunID, Package: r.Package}},
		{"request without package", &roast.Request{RunID: r.RunID, Session: 1}},
		{"request with a zero package", &roast.Request{RunID: r.RunID, Session: 1, Package: &frost.SigningPackage{}}},
		{"nil response", (*roast.Response)(nil)},
		{"response without commitment", &roast.Response{RunID: a.RunID, Session: 1, Share: a.Share}},
		{"response with a zero commitment", &roast.Response{RunID: a.RunID, Session: 1, Share: a.Share, Next: &frost.SigningCommitments{}}},
		{"response with a long run id", &roast.Response{RunID: make([]byte, 65), Session: 1, Share: a.Share, Next: a.Next}},
		{"share in session 0", &roast.Response{RunID: a.RunID, Share: a.Share, Next: a.Next}},
		{"no share in session 1", &roast.Response{RunID: a.RunID, Session: 1, Next: a.Next}},
		{"zero share", &roast.Response{RunID: a.RunID, Session: 1, Share: &frost.SignatureShare{}, Next: a.Next}},
		{"share of another signer", &roast.Response{RunID: a.RunID, Session: 1, Share: other, Next: a.Next}},
		{"share and commitment of two suites", &roast.Response{RunID: a.RunID, Session: 1, Share: a.Share, Next: secpComm}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.m.MarshalBinary()
			require.ErrorIs(t, err, roast.ErrInvalidMessage)
		})
	}
}
