package session

import (
	"crypto/ed25519"
	"fmt"

	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/transport"
)

// contextDomain separates run contexts (transport.Config.Context) from
// session ids and every other transcript.
const contextDomain = "mosaic/run-context/v1"

// ContextSize is the length of every run context.
const ContextSize = 32

// StartContext returns a transcript for the context of a run of protocol
// (its family, as for Start): the digest of the public inputs every party
// must hold the same of (the key's public data, the party set, the
// identities). The caller absorbs them and calls FinishContext.
func StartContext(protocol string) *transcript.Transcript {
	family := protocol
	if f, _, ok := transport.ParseProtocol(protocol); ok {
		family = f
	}
	tr := transcript.New(contextDomain)
	tr.AppendBytes("protocol-family", []byte(family))
	return tr
}

// AppendIdentities absorbs the identity public key of every party of ids,
// in increasing party order, under label; a party without a 32-byte key is
// an error.
func AppendIdentities(tr *transcript.Transcript, label string, ids []transport.PartyID, peers map[transport.PartyID]ed25519.PublicKey) error {
	for _, p := range transport.SortedCopy(ids) {
		pk := peers[p]
		if len(pk) != ed25519.PublicKeySize {
			return fmt.Errorf("%s: party %d has no identity key", label, p)
		}
		tr.AppendUint64(label+"-party", uint64(p))
		tr.AppendBytes(label, pk)
	}
	return nil
}

// FinishContext returns the ContextSize-byte context.
func FinishContext(tr *transcript.Transcript) []byte {
	return tr.ChallengeBytes("context", ContextSize)
}
