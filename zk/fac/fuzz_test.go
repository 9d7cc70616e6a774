package fac

import (
	"bytes"
	"testing"
)

// FuzzDecodeProof: the decoder never panics, and whatever it accepts
// re-encodes to the same bytes, so no two field tuples share an encoding
// (SECURITY.md rule 9 and case 13).
func FuzzDecodeProof(f *testing.F) {
	fx := getFixture(f)
	good, err := fx.proof.MarshalBinary()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add([]byte{})
	f.Add([]byte{encodingVersion, encodingKind})
	f.Add(good[:len(good)/2])
	f.Add([]byte{encodingVersion, encodingKind, 0, 1, 5, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0})
	pub := fx.public()
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
		// Range checks must not panic either.
		_, _ = DecodeProof(pub, b)
	})
}
