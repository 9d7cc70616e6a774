package tlsnet

import (
	"bytes"
	"encoding/binary"
	"net/url"
	"testing"

	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/stretchr/testify/require"
)

// FuzzReadFrame feeds arbitrary streams to the frame decoder, as an
// authenticated peer 1 talking to party 2 that admits frames of up to limit
// bytes: it must never panic, a frame it skips must be read past exactly,
// and what it accepts must re-encode to exactly the bytes it read.
func FuzzReadFrame(f *testing.F) {
	good, err := encodeFrame(&transport.Message{Protocol: "p/v1", Round: 1, SessionID: []byte("s"), From: 1, To: 2, Payload: []byte("x")})
	require.NoError(f, err)
	f.Add(good, uint32(MaxFrame))
	f.Add(good, uint32(len(good)-frameHeader-1))
	f.Add(good[:len(good)-1], uint32(MaxFrame))
	f.Add(good[:len(good)-1], uint32(0))
	f.Add(binary.BigEndian.AppendUint32(nil, transport.MaxMessageSize+1), uint32(MaxFrame))
	f.Add([]byte{0, 0, 0, 0}, uint32(MaxFrame))
	f.Add([]byte{}, uint32(MaxFrame))
	f.Fuzz(func(t *testing.T, data []byte, limit uint32) {
		r := bytes.NewReader(data)
		body, skipped, err := readFrame(r, nil, func(n int) bool { return n <= int(limit) })
		if err != nil {
			return
		}
		if skipped {
			require.Nil(t, body)
			size := binary.BigEndian.Uint32(data)
			require.Greater(t, size, limit)
			require.Equal(t, frameHeader+int(size), len(data)-r.Len(), "read past the skipped frame exactly")
			return
		}
		m, err := decodeFrame(body, 1, 2)
		if err != nil {
			return
		}
		again, err := encodeFrame(m)
		require.NoError(t, err)
		require.Equal(t, data[:len(again)], again)
	})
}

// FuzzParsePartyURI checks that only the canonical party URI is accepted.
func FuzzParsePartyURI(f *testing.F) {
	for _, s := range []string{"mosaic://party/1", "mosaic://party/4294967295", "mosaic://party/01",
		"mosaic://party/0", "mosaic://party/1?x", "mosaic://u@party/1", "mosaic://party:1/1", "spiffe://party/1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		u, err := url.Parse(s)
		if err != nil {
			return
		}
		id, err := ParsePartyURI(u)
		if err != nil {
			return
		}
		require.NotZero(t, id)
		require.Equal(t, PartyURI(id).String(), u.String())
	})
}

func TestParsePartyURI(t *testing.T) {
	tests := []struct {
		in   string
		want transport.PartyID
	}{
		{"mosaic://party/1", 1},
		{"mosaic://party/4294967295", 4294967295},
		{"mosaic://party/4294967296", 0},
		{"mosaic://party/01", 0},
		{"mosaic://party/+1", 0},
		{"mosaic://party/0", 0},
		{"mosaic://party/", 0},
		{"mosaic://party/1/", 0},
		{"mosaic://party/1?x=1", 0},
		{"mosaic://party/1#f", 0},
		{"mosaic://x@party/1", 0},
		{"mosaic://party:7/1", 0},
		{"mosaic://parties/1", 0},
		{"https://party/1", 0},
	}
	for _, tc := range tests {
		u, err := url.Parse(tc.in)
		require.NoError(t, err)
		id, err := ParsePartyURI(u)
		if tc.want == 0 {
			require.ErrorIs(t, err, ErrIdentity, tc.in)
			continue
		}
		require.NoError(t, err, tc.in)
		require.Equal(t, tc.want, id)
		require.Equal(t, tc.in, PartyURI(id).String())
	}
}

func TestPartyIDFromCert(t *testing.T) {
	ca, certs := testPKI(t, 5)
	id, err := PartyIDFromCert(certs[5].TLS.Leaf)
	require.NoError(t, err)
	require.Equal(t, transport.PartyID(5), id)

	_, err = PartyIDFromCert(ca.Cert)
	require.ErrorIs(t, err, ErrIdentity, "the CA names no party")
	_, err = PartyIDFromCert(nil)
	require.ErrorIs(t, err, ErrIdentity)

	two := *certs[5].TLS.Leaf
	two.URIs = append([]*url.URL{PartyURI(6)}, two.URIs...)
	_, err = PartyIDFromCert(&two)
	require.ErrorIs(t, err, ErrIdentity, "two party URIs")

	other := *certs[5].TLS.Leaf
	other.URIs = []*url.URL{{Scheme: "spiffe", Host: "x", Path: "/y"}, PartyURI(7)}
	id, err = PartyIDFromCert(&other)
	require.NoError(t, err)
	require.Equal(t, transport.PartyID(7), id, "other schemes are ignored")
}

func TestWriteAndLoadPKI(t *testing.T) {
	dir := t.TempDir()
	ids := []transport.PartyID{1, 2, 3}
	require.NoError(t, WritePKI(dir, ids, "127.0.0.1", "localhost"))
	for _, id := range ids {
		cert, pool, err := LoadPKI(dir, id)
		require.NoError(t, err)
		got, err := PartyIDFromCert(cert.Leaf)
		require.NoError(t, err)
		require.Equal(t, id, got)
		require.NotNil(t, pool)
		require.Equal(t, []string{"localhost"}, cert.Leaf.DNSNames)
	}
	_, _, err := LoadPKI(dir, 4)
	require.Error(t, err)
	require.ErrorIs(t, WritePKI(dir, []transport.PartyID{1, 1}), ErrConfig)
}
