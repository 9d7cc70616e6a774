// Package dudect is a statistical timing test for code that must run in
// constant time, in the manner of dudect (Reparaz, Balasch and Verbauwhede,
// "Dude, is my code constant time?", DATE 2017, ePrint 2016/1123): the
// operation is timed on inputs of two classes (for example a secret of low
// Hamming weight and a random one), in an order drawn at random so that
// drift and noise fall on both classes alike, and the two timing
// distributions are compared with Welch's t-test.
//
// The paper's section 2 sets out the method: measure, optionally crop the
// slow tail (interrupts and scheduling only ever add time), and test. As in
// its reference implementation, the test is run on the whole sample and on
// samples cropped at several percentiles, and the largest |t| is reported;
// |t| above Threshold (the reference implementation's bound for "probably
// not constant time") is a leak.
//
// A passing test is evidence, not proof: it covers the inputs and the
// machine it ran on. SECURITY.md case 27 asks for it on Paillier
// decryption, the Πmod, Πfac and Πprm provers, the safe-prime check of
// every key load and secret scalar multiplication; those tests carry the
// build tag timing (they take minutes):
//
//	go test -tags timing -run Timing -v ./curve ./paillier ./internal/safeprime ./zk/mod ./zk/fac ./zk/prm
//
// This package reads the clock; it is used by tests only, never by the
// protocol packages.
package dudect
