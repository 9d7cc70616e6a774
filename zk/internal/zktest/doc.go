// Package zktest holds test helpers shared by the zk proof packages: it
// checks that a proof's Verify and VerifyWithKey (the verifier's keyed
// path) reach the same verdict. Only tests import it.
package zktest
