// Package ctarith holds the constant-time arithmetic the zk provers share
// on their secrets: the witness checks (a signed integer within ±2^bits, a
// unit modulo N), the responses z = a + e·b of the Σ-protocols in CGGMP21
// (ePrint 2021/060, Figures 14 to 30, where each response is a nonce plus
// the challenge times a secret), and the selection, copy, encoding and
// erasure of filippo.io/bigmod values that the Πmod and Πprm provers work
// with modulo the secret primes.
//
// Every function runs in time that depends only on the announced (public)
// sizes of its arguments, never on their values, and writes to none of
// them: saferith resizes the operands of a comparison in place, so the
// functions that compare work on private copies (see internal/bigint on
// sharing saferith values between goroutines).
package ctarith
