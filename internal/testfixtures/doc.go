// Package testfixtures loads pre-generated test fixtures (Paillier secret
// keys built from the Blum safe primes in testdata/paillier) so that tests in
// any package avoid generating safe primes.
//
// TEST ONLY. The primes are public; a key built from them protects nothing.
// Every loader takes a testing.TB and refuses to run outside a test binary,
// so production code cannot pick these keys up by accident.
package testfixtures
