// Package transcript is the one place in mosaic where Fiat-Shamir challenges
// are made (docs/architecture.md; SECURITY.md rules 2 and 3).
//
// A Transcript absorbs typed, labelled, length-prefixed fields into
// cSHAKE256 (NIST SP 800-185) customised with a domain string that names the
// protocol and its version. Because every field carries its kind, its label
// and its length, two different sequences of fields never absorb the same
// bytes, which closes the TSSHOCK class of attacks in which values were
// re-split after the challenge was known.
//
// Challenges are squeezed from a copy of the state after absorbing the
// challenge's label and a counter, and the challenge is then absorbed back, so
// successive challenges differ even with equal labels (a proof's m
// repetitions get m independent challenges). Integers are drawn by rejection
// sampling, never by reducing a longer string, so they carry no modulo bias.
//
// Only public values may be absorbed: the encoding strips leading zero bytes
// of integers, which takes time depending on the value.
package transcript
