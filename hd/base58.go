package hd

import (
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
)

// Base58 and Base58Check as Bitcoin uses them (the BIP-32 serialization
// section: "encoded like other Bitcoin data in Base58"). The payload of an
// xprv is a secret key, so the conversion avoids math/big and runs its loops
// over the full buffers; the alphabet lookup in decoding compares against
// every letter instead of indexing a table by a secret character.

const base58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

// maxBase58Len bounds decoder input: a serialized extended key is 111
// characters; anything far longer is refused before the quadratic loop.
const maxBase58Len = 128

// base58Encode encodes b; each leading zero byte becomes a '1'.
func base58Encode(b []byte) string {
	zeros := 0
	for zeros < len(b) && b[zeros] == 0 {
		zeros++
	}
	// log(256)/log(58) < 1.37, so this many digits always suffice.
	digits := make([]byte, len(b)*137/100+1)
	for _, v := range b {
		carry := uint32(v)
		for j := len(digits) - 1; j >= 0; j-- {
			carry += uint32(digits[j]) << 8
			digits[j] = byte(carry % 58)
			carry /= 58
		}
	}
	skip := 0
	for skip < len(digits) && digits[skip] == 0 {
		skip++
	}
	out := make([]byte, 0, zeros+len(digits)-skip)
	for range zeros {
		out = append(out, '1')
	}
	for _, d := range digits[skip:] {
		out = append(out, base58Alphabet[d])
	}
	clear(digits)
	s := string(out)
	clear(out)
	return s
}

// base58Digit returns the value of character c and whether it is in the
// alphabet, comparing against every letter.
func base58Digit(c byte) (byte, bool) {
	var val, found int
	for i := 0; i < len(base58Alphabet); i++ {
		eq := subtle.ConstantTimeByteEq(c, base58Alphabet[i])
		val |= i & -eq
		found |= eq
	}
	return byte(val), found == 1
}

// base58Decode decodes s; each leading '1' becomes a zero byte.
func base58Decode(s string) ([]byte, error) {
	if len(s) == 0 || len(s) > maxBase58Len {
		return nil, fmt.Errorf("%w: %d characters", ErrEncoding, len(s))
	}
	ones := 0
	for ones < len(s) && s[ones] == '1' {
		ones++
	}
	// log(58)/log(256) < 0.733
	buf := make([]byte, len(s)*733/1000+1)
	for i := 0; i < len(s); i++ {
		d, ok := base58Digit(s[i])
		if !ok {
			clear(buf)
			return nil, fmt.Errorf("%w: character %d is not Base58", ErrEncoding, i)
		}
		carry := uint32(d)
		for j := len(buf) - 1; j >= 0; j-- {
			carry += uint32(buf[j]) * 58
			buf[j] = byte(carry)
			carry >>= 8
		}
	}
	skip := 0
	for skip < len(buf) && buf[skip] == 0 {
		skip++
	}
	out := make([]byte, ones+len(buf)-skip)
	copy(out[ones:], buf[skip:])
	clear(buf)
	return out, nil
}

// checksum is the first four bytes of SHA-256(SHA-256(b)).
func checksum(b []byte) [4]byte {
	h1 := sha256.Sum256(b)
	h2 := sha256.Sum256(h1[:])
	clear(h1[:])
	return [4]byte(h2[:4])
}

// base58CheckEncode appends the checksum and encodes.
func base58CheckEncode(payload []byte) string {
	sum := checksum(payload)
	buf := append(append(make([]byte, 0, len(payload)+4), payload...), sum[:]...)
	defer clear(buf)
	return base58Encode(buf)
}

// base58CheckDecode decodes and verifies the checksum, returning the
// payload without it.
func base58CheckDecode(s string) ([]byte, error) {
	b, err := base58Decode(s)
	if err != nil {
		return nil, err
	}
	if len(b) < 4 {
		clear(b)
		return nil, fmt.Errorf("%w: %d bytes", ErrEncoding, len(b))
	}
	payload, sum := b[:len(b)-4], b[len(b)-4:]
	want := checksum(payload)
	if subtle.ConstantTimeCompare(sum, want[:]) != 1 {
		clear(b)
		return nil, ErrChecksum
	}
	return payload, nil
}
