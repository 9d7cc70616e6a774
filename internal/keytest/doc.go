// Package keytest makes keys for the tests of other packages: key shares
// from a real dealerless key generation (package dkg) over the in-memory
// network, and CGGMP21 keys whose aux info is assembled from the test-only
// Paillier fixtures of internal/testfixtures rather than run (aux-info has
// its own tests in package cggmp), so that signing tests stay fast.
//
// TEST ONLY: the fixtures' primes are public, and every function takes a
// testing.TB and refuses to run outside a test binary.
package keytest
