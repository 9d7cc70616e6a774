package jsonl

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestWrite(t *testing.T) {
	rid := 1
	cases := []struct {
		line Line
		want map[string]any
	}{
		{Line{Scheme: ECDSA, PublicKey: []byte{2, 0xab}, Digest: []byte{1}, Signature: []byte{0xff}, RecoveryID: &rid},
			map[string]any{"scheme": ECDSA, "public_key": "02ab", "digest": "01", "signature": "ff", "recovery_id": float64(1)}},
		{Line{Scheme: Ed25519, PublicKey: []byte{1}, Message: []byte("hi"), Signature: []byte{2}, Extra: map[string]any{"step": "x", "scheme": "ignored"}},
			map[string]any{"scheme": Ed25519, "public_key": "01", "message": "6869", "signature": "02", "step": "x"}},
	}
	for _, tc := range cases {
		var buf bytes.Buffer
		require.NoError(t, Write(&buf, tc.line))
		require.Equal(t, byte('\n'), buf.Bytes()[buf.Len()-1])
		var got map[string]any
		require.NoError(t, json.Unmarshal(buf.Bytes(), &got))
		require.Equal(t, tc.want, got)
	}
}
