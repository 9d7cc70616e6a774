// Package vss implements Shamir secret sharing (A. Shamir, "How to share a
// secret", CACM 22(11), 1979) with Feldman's verifiable commitments (P.
// Feldman, "A practical scheme for non-interactive verifiable secret
// sharing", FOCS 1987), and Lagrange interpolation over the scalar field of a
// [curve.Curve].
//
// A [Polynomial] f(x) = a_0 + a_1·x + … + a_{t-1}·x^{t-1} holds secret
// coefficients; a party with identifier x receives the share f(x). Any t
// shares determine a_0 = f(0); t-1 shares reveal nothing about it. The
// Feldman [Commitment] C_k = a_k·G lets a receiver check its share
// ([Commitment.Verify]) without learning the secret: f(x)·G = Σ C_k·x^k.
// Its length fixes the threshold, so decoders ([DecodeCommitment]) demand
// exactly t points (SECURITY.md case 17, "threshold raise").
//
// Lagrange coefficients ([LagrangeCoefficients]) follow RFC 9591
// section 4.2 (derive_interpolating_value), generalised to evaluation at
// any x ([LagrangeCoefficientsAt]) for repair and resharing. Identifiers
// are non-zero and pairwise distinct; [IDScalar] maps the protocols' party
// ids 1..n to scalars.
//
// # Trusted dealer
//
// [Split] and [Reconstruct] are the dealer functions of RFC 9591 Appendix C
// (trusted_dealer_keygen, secret_share_shard, and interpolation of the
// secret). THE DEALER KNOWS THE WHOLE SECRET: it is a single point of trust
// and a single point of compromise, and Reconstruct brings the secret back
// into one place. Use them for tests, for importing an existing key, or
// where a trusted dealer is an accepted assumption; otherwise generate keys
// with a distributed key generation (package
// [github.com/mosaic-mpc/mosaic/dkg]), in which no party ever holds the
// secret.
//
// Secret scalars (coefficients, shares, the secret) are only handled with
// the constant-time arithmetic of package [curve]. Identifiers and
// commitments are public, and functions that work only on them may run in
// variable time.
package vss
