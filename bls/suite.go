package bls

// Suite is a ciphersuite of draft-irtf-cfrg-bls-signature-05, section 4.2,
// in its minimal-pubkey-size variant: public keys in G1 (48 bytes),
// signatures in G2 (96 bytes), messages hashed to G2 with the RFC 9380
// suite BLS12381G2_XMD:SHA-256_SSWU_RO_. A Suite is a small value; the
// zero Suite is invalid and every method refuses it.
type Suite struct{ id byte }

const (
	suiteNUL = 1
	suitePOP = 2
)

// The ciphersuite identifiers (draft section 4.2.1 and 4.2.3), used as the
// domain separation tags of hash_to_point, and the tag of the proof of
// possession (section 4.2.3).
const (
	DSTBasic = "BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_NUL_"
	DSTPOP   = "BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_"
	DSTProof = "BLS_POP_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_"
)

// POP returns the proof-of-possession scheme (section 3.3), the one
// Ethereum's consensus layer uses: aggregate signatures on one message
// verify with FastAggregateVerify, provided every key's proof of
// possession was checked once (PopVerify). Threshold group keys come from
// the dkg package, and ThresholdPopProve proves possession for them.
func POP() Suite { return Suite{id: suitePOP} }

// Basic returns the basic scheme (section 3.1), whose aggregate
// verification requires distinct messages to stop rogue-key attacks.
func Basic() Suite { return Suite{id: suiteNUL} }

// DST returns the suite's domain separation tag, or "" for the zero Suite.
func (s Suite) DST() string {
	switch s.id {
	case suiteNUL:
		return DSTBasic
	case suitePOP:
		return DSTPOP
	}
	return ""
}

// Name is the ciphersuite identifier, the same string as DST.
func (s Suite) Name() string { return s.DST() }

func (s Suite) valid() bool { return s.id == suiteNUL || s.id == suitePOP }
