package curve

import (
	"crypto/sha256"
)

// ExpandMessageXMDSHA256 is expand_message_xmd from RFC 9380, section 5.3.1,
// with SHA-256 (b_in_bytes = 32, s_in_bytes = 64), over the concatenation of
// msgs. It panics if lenInBytes > 8160 or len(dst) > 255, which are
// programming errors: callers pass constants.
func ExpandMessageXMDSHA256(dst []byte, lenInBytes int, msgs ...[]byte) []byte {
	const bInBytes, sInBytes = 32, 64
	ell := (lenInBytes + bInBytes - 1) / bInBytes
	if ell > 255 || lenInBytes > 65535 || len(dst) > 255 {
		panic("curve: expand_message_xmd parameters out of range")
	}
	dstPrime := append(append([]byte{}, dst...), byte(len(dst)))

	h := sha256.New()
	h.Write(make([]byte, sInBytes)) // Z_pad
	for _, m := range msgs {
		h.Write(m)
	}
	h.Write([]byte{byte(lenInBytes >> 8), byte(lenInBytes)}) // l_i_b_str
	h.Write([]byte{0})
	h.Write(dstPrime)
	b0 := h.Sum(nil)

	h.Reset()
	h.Write(b0)
	h.Write([]byte{1})
	h.Write(dstPrime)
	bi := h.Sum(nil)

	out := make([]byte, 0, ell*bInBytes)
	out = append(out, bi...)
	for i := 2; i <= ell; i++ {
		var x [bInBytes]byte
		for j := range x {
			x[j] = b0[j] ^ bi[j]
		}
		h.Reset()
		h.Write(x[:])
		h.Write([]byte{byte(i)})
		h.Write(dstPrime)
		bi = h.Sum(nil)
		out = append(out, bi...)
	}
	return out[:lenInBytes]
}

// TaggedHash is BIP-340's tagged hash: SHA-256(SHA-256(tag) ||
// SHA-256(tag) || msgs...).
func TaggedHash(tag string, msgs ...[]byte) [32]byte {
	th := sha256.Sum256([]byte(tag))
	h := sha256.New()
	h.Write(th[:])
	h.Write(th[:])
	for _, m := range msgs {
		h.Write(m)
	}
	var out [32]byte
	h.Sum(out[:0])
	return out
}
