package hd

import (
	"encoding/hex"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	"golang.org/x/crypto/sha3"

	"github.com/mosaic-mpc/mosaic/curve"
)

// EthereumAddress returns the EIP-55 checksummed, 0x-prefixed address of a
// secp256k1 public key: the last 20 bytes of Keccak-256 over the 64-byte
// uncompressed x || y (Ethereum yellow paper, Appendix F, eq. 284 ff.). It
// returns "" when pub is not a non-identity secp256k1 point. Public values
// only: the decompression uses decred's variable-time code.
func EthereumAddress(pub curve.Point) string {
	if checkPublicKey(pub) != nil {
		return ""
	}
	pk, err := secp256k1.ParsePubKey(pub.Bytes())
	if err != nil {
		return "" // unreachable: pub encodes a valid point
	}
	h := sha3.NewLegacyKeccak256()
	h.Write(pk.SerializeUncompressed()[1:])
	return checksumAddress([20]byte(h.Sum(nil)[12:]))
}

// checksumAddress is EIP-55: hex letter i of the address is upper case when
// nibble i of Keccak-256(lower-case hex address) is 8 or more.
func checksumAddress(addr [20]byte) string {
	lower := []byte(hex.EncodeToString(addr[:]))
	h := sha3.NewLegacyKeccak256()
	h.Write(lower)
	sum := h.Sum(nil)
	out := make([]byte, 0, 42)
	out = append(out, '0', 'x')
	for i, c := range lower {
		nibble := sum[i/2] >> 4
		if i%2 == 1 {
			nibble = sum[i/2] & 0x0f
		}
		if c >= 'a' && nibble >= 8 {
			c -= 'a' - 'A'
		}
		out = append(out, c)
	}
	return string(out)
}
