package safeprime

// SafePrimeWithTwoAdicity is safePrimeWithTwoAdicity, for the timing test
// of the external test package.
var SafePrimeWithTwoAdicity = safePrimeWithTwoAdicity
