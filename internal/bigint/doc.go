// Package bigint holds the big-integer helpers shared by the Paillier and
// zero-knowledge packages of mosaic: uniform sampling (in [0, m), in Z*_m and
// in the symmetric intervals ±2^ℓ and ±2^ℓ·N̂ used by CGGMP21), public range
// checks, the Jacobi symbol, Chinese remaindering, and constant-time modular
// exponentiation modulo odd moduli, backed by filippo.io/bigmod and by this
// package's Montgomery code with amd64 assembly kernels (MULX/ADCX/ADOX, and
// AVX-512 IFMA in radix 2^52 where the CPU has it).
//
// The sampling intervals follow Canetti, Gennaro, Goldfeder, Makriyannis,
// Peled, "UC Non-Interactive, Proactive, Threshold ECDSA with Identifiable
// Aborts" (CGGMP21, ePrint 2021/060), section 2 ("Notation") where ±2^ℓ
// denotes the integer interval [-2^ℓ, 2^ℓ].
//
// Functions whose name ends in VarTime run in time that depends on the values
// of their arguments and must only be given public values (peer messages,
// public keys, proofs). Everything else runs in time that depends only on the
// announced (public) sizes of its arguments.
package bigint
