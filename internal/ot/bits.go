package ot

// bit returns bit j of a packed bit vector (byte j/8, bit j%8) as 0 or 1.
func bit(v []byte, j int) byte { return (v[j>>3] >> (uint(j) & 7)) & 1 }

// transpose turns the κ columns of the extension matrix (each a packed
// vector of rows bits) into rows of κ bits (16 bytes each). It touches every
// bit the same way whatever its value: no branch or index depends on the
// secret contents.
func transpose(columns [][]byte, rows int) [][16]byte {
	out := make([][16]byte, rows)
	for i, col := range columns {
		byteIndex, shift := i>>3, uint(i)&7
		for j := range rows {
			out[j][byteIndex] |= bit(col, j) << shift
		}
	}
	return out
}

// xorInto sets dst[k] ^= a[k] for every k.
func xorInto(dst, a []byte) {
	for k := range dst {
		dst[k] ^= a[k]
	}
}
