package jsonl

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestWrite(t *testing.T) {
	rid := 1
	cases := []struct {
		name string
		line Line
		want map[string]any
	}{
		{"ecdsa with recovery id",
			Line{Scheme: ECDSA, PublicKey: []byte{2, 0xab}, Digest: []byte{1}, Signature: []byte{0xff}, RecoveryID: &rid},
			map[string]any{"scheme": ECDSA, "public_key": "02ab", "digest": "01", "signature": "ff", "recovery_id": float64(1)}},
		{"ecdsa without recovery id, message ignored",
			Line{Scheme: ECDSA, PublicKey: []byte{3}, Digest: []byte{1}, Message: []byte("x"), Signature: []byte{4}},
			map[string]any{"scheme": ECDSA, "public_key": "03", "digest": "01", "signature": "04"}},
		{"ed25519 with extras, reserved names ignored",
			Line{Scheme: Ed25519, PublicKey: []byte{1}, Message: []byte("hi"), Signature: []byte{2}, Extra: map[string]any{"step": "x", "scheme": "ignored", "digest": "ignored"}},
			map[string]any{"scheme": Ed25519, "public_key": "01", "message": "6869", "signature": "02", "step": "x"}},
		{"bip340 with empty message",
			Line{Scheme: BIP340, PublicKey: []byte{5}, Signature: []byte{6}},
			map[string]any{"scheme": BIP340, "public_key": "05", "message": "", "signature": "06"}},
		{"frost secp256k1",
			Line{Scheme: FROSTSecp256k1SHA256, PublicKey: []byte{7}, Message: []byte{8}, Signature: []byte{9}},
			map[string]any{"scheme": FROSTSecp256k1SHA256, "public_key": "07", "message": "08", "signature": "09"}},
		{"frost ristretto255",
			Line{Scheme: FROSTRistretto255, PublicKey: []byte{0x0a}, Message: []byte{0x0b}, Signature: []byte{0x0c}},
			map[string]any{"scheme": FROSTRistretto255, "public_key": "0a", "message": "0b", "signature": "0c"}},
		{"frost ed448",
			Line{Scheme: FROSTEd448, PublicKey: []byte{0x0d}, Message: []byte{0x0e}, Signature: []byte{0x0f}},
			map[string]any{"scheme": FROSTEd448, "public_key": "0d", "message": "0e", "signature": "0f"}},
		{"frost p256",
			Line{Scheme: FROSTP256, PublicKey: []byte{0x10}, Message: []byte{0x11}, Signature: []byte{0x12}},
			map[string]any{"scheme": FROSTP256, "public_key": "10", "message": "11", "signature": "12"}},
		{"ecdsa p256 with recovery id, message ignored",
			Line{Scheme: ECDSAP256, PublicKey: []byte{2, 0x13}, Digest: []byte{0x14}, Message: []byte("x"), Signature: []byte{0x15}, RecoveryID: &rid},
			map[string]any{"scheme": ECDSAP256, "public_key": "0213", "digest": "14", "signature": "15", "recovery_id": float64(1)}},
		{"ecdsa stark",
			Line{Scheme: ECDSAStark, PublicKey: []byte{0x16}, Digest: []byte{0x17}, Signature: []byte{0x18}},
			map[string]any{"scheme": ECDSAStark, "public_key": "16", "digest": "17", "signature": "18"}},
		{"bls12-381 pop",
			Line{Scheme: BLS12381G2POP, PublicKey: []byte{0x19}, Message: []byte{0x1a}, Signature: []byte{0x1b}},
			map[string]any{"scheme": BLS12381G2POP, "public_key": "19", "message": "1a", "signature": "1b"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, Write(&buf, tc.line))
			require.Equal(t, 1, bytes.Count(buf.Bytes(), []byte("\n")))
			require.Equal(t, byte('\n'), buf.Bytes()[buf.Len()-1])
			var got map[string]any
			require.NoError(t, json.Unmarshal(buf.Bytes(), &got))
			require.Equal(t, tc.want, got)
		})
	}
}

type failingWriter struct{}

var errWrite = errors.New("disk full")

func (failingWriter) Write([]byte) (int, error) { return 0, errWrite }

func TestWriteErrors(t *testing.T) {
	cases := []struct {
		name string
		line Line
		want error
	}{
		{"empty scheme", Line{}, ErrUnknownScheme},
		{"unknown scheme", Line{Scheme: "rsa"}, ErrUnknownScheme},
		{"extra that json cannot marshal", Line{Scheme: Ed25519, Extra: map[string]any{"f": func() {}}}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := Write(&buf, tc.line)
			require.Error(t, err)
			if tc.want != nil {
				require.ErrorIs(t, err, tc.want)
			}
			require.Zero(t, buf.Len(), "nothing is written on error")
		})
	}
	require.ErrorIs(t, Write(failingWriter{}, Line{Scheme: BIP340}), errWrite)
}
