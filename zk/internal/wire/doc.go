// Package wire is the field encoding shared by the proofs whose values are
// big integers and curve points (zk/affg, zk/dec, zk/enc, zk/fac,
// zk/logstar, zk/mul):
// a natural number is a 2-byte length and its minimal big-endian bytes, a
// signed integer a sign byte then the same, a point its canonical curve
// encoding. Decoding is strict: a leading zero byte, a field longer than
// the limit, a bad sign byte, a truncated field or trailing bytes are
// errors wrapping zk.ErrMalformed (zk.ErrOutOfRange when encoding an
// oversized value), so every encoding has one parse (SECURITY.md case 13).
// The size limit is either one for every field (MaxField, in bytes) or one
// per field (the Bits methods, in bits rounded up to whole bytes).
package wire
