// Package vartime holds the verifier-side checks shared by the Paillier
// proofs (zk/affg, zk/dec, zk/enc, zk/fac, zk/logstar, zk/mul): the size,
// range and unit checks of a proof's fields (Fields), ciphertext
// membership (CheckCiphertext), the curve check of a statement's points
// (CheckCurve) and the evaluation of verification equations
// (CheckEquations).
//
// Variable time: public values only. Everything here runs on statements and
// proofs, with math/big or with internal/bigint's multi-exponentiation
// (sliding windows: the pattern follows the public exponents); no secret
// ever reaches it. CheckEquations may run extra checks beside the equations
// (a curve equation, or VerifyWithKey's keyed checks, which carry their own
// constant-time code in paillier); it only calls them.
package vartime
