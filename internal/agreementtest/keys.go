package agreementtest

import (
	"crypto/ed25519"
	"encoding/binary"

	"github.com/mosaic-mpc/mosaic/transport"
)

// IdentityKeys derives a deterministic Ed25519 identity key for every
// party (its seed is the party id and a fixed label), and returns the
// private keys and the public keys every party of a run is given. Only for
// tests: anyone can derive these keys.
func IdentityKeys(parties []transport.PartyID) (map[transport.PartyID]ed25519.PrivateKey, map[transport.PartyID]ed25519.PublicKey) {
	keys := make(map[transport.PartyID]ed25519.PrivateKey, len(parties))
	pubs := make(map[transport.PartyID]ed25519.PublicKey, len(parties))
	for _, p := range parties {
		seed := make([]byte, ed25519.SeedSize)
		binary.BigEndian.PutUint32(seed, uint32(p))
		copy(seed[4:], "agreementtest identity key")
		keys[p] = ed25519.NewKeyFromSeed(seed)
		pubs[p] = keys[p].Public().(ed25519.PublicKey)
	}
	return keys, pubs
}
