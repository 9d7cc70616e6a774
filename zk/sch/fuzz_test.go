package sch

import (
	"bytes"
	"testing"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/zk/internal/zktest"
)

// FuzzDecodeProof: the decoder never panics, and whatever it accepts
// re-encodes to the same bytes (one encoding per proof, SECURITY.md case 13).
func FuzzDecodeProof(f *testing.F) {
	for i, c := range curves {
		k := newKey(f, c, uint64(30+i))
		p, err := NewProof(zktest.Transcript("sid", 3, 0), k.pub, k.priv, nil)
		if err != nil {
			f.Fatal(err)
		}
		b, _ := p.MarshalBinary()
		f.Add(b)
		f.Add(b[:len(b)-1])
	}
	f.Add([]byte{})
	f.Add([]byte{encodingVersion, encodingKind, byte(curve.IDSecp256k1)})
	k := newKey(f, curve.Secp256k1(), 40)
	f.Fuzz(func(t *testing.T, b []byte) {
		var p Proof
		if err := p.UnmarshalBinary(b); err != nil {
			return
		}
		again, err := p.MarshalBinary()
		if err != nil {
			t.Fatalf("decoded proof does not re-encode: %v", err)
		}
		if !bytes.Equal(again, b) {
			t.Fatalf("non-canonical encoding accepted:\n in  %x\n out %x", b, again)
		}
		_ = p.Verify(zktest.Transcript("sid", 3, 0), k.pub) // must not panic
	})
}
