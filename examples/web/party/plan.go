package party

import (
	"crypto/ecdh"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"fmt"

	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/transport"
)

// Peer is one party's public keys, as the page and the server exchange
// them in JSON.
type Peer struct {
	ID transport.PartyID `json:"id"`
	// Identity is the Ed25519 public key that signs the party's messages.
	Identity []byte `json:"identity"`
	// Box is the X25519 public key its direct messages are sealed to.
	Box []byte `json:"box"`
}

// Plan is what every party of a run must agree on before it starts.
type Plan struct {
	Parties   []transport.PartyID `json:"parties"`
	Threshold int                 `json:"threshold"`
	// Signers are the parties of every signing step.
	Signers []transport.PartyID `json:"signers"`
	// Nonce makes the session ids of this run unique.
	Nonce []byte `json:"nonce"`
	// Level is the Paillier modulus size in bits: 2048 (Level112) or
	// 3072 (Level128).
	Level int    `json:"level"`
	Peers []Peer `json:"peers"`
	// Relay is the path of the relay's WebSocket on the server.
	Relay string `json:"relay"`
}

// level returns the plan's paillier.SecurityLevel.
func (p *Plan) level() (paillier.SecurityLevel, error) {
	return paillier.LevelOf(p.Level)
}

// Keys are a party's long-term secret keys.
type Keys struct {
	Identity ed25519.PrivateKey
	Box      *ecdh.PrivateKey
}

// NewKeys makes fresh keys from crypto/rand.
func NewKeys() (*Keys, error) {
	_, id, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	box, err := ecdh.X25519().GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	return &Keys{Identity: id, Box: box}, nil
}

// Peer returns the public half of k for party id.
func (k *Keys) Peer(id transport.PartyID) Peer {
	pub, _ := k.Identity.Public().(ed25519.PublicKey)
	return Peer{ID: id, Identity: pub, Box: k.Box.PublicKey().Bytes()}
}

// peerKeys checks the plan's peers and returns their keys by party.
func (p *Plan) peerKeys() (map[transport.PartyID]ed25519.PublicKey, map[transport.PartyID]*ecdh.PublicKey, error) {
	ids := map[transport.PartyID]ed25519.PublicKey{}
	boxes := map[transport.PartyID]*ecdh.PublicKey{}
	for _, peer := range p.Peers {
		if !transport.Contains(p.Parties, peer.ID) || ids[peer.ID] != nil {
			return nil, nil, fmt.Errorf("plan: peer %d is not a party or listed twice", peer.ID)
		}
		if len(peer.Identity) != ed25519.PublicKeySize {
			return nil, nil, fmt.Errorf("plan: party %d has an identity key of %d bytes", peer.ID, len(peer.Identity))
		}
		box, err := ecdh.X25519().NewPublicKey(peer.Box)
		if err != nil {
			return nil, nil, fmt.Errorf("plan: party %d box key: %w", peer.ID, err)
		}
		ids[peer.ID] = peer.Identity
		boxes[peer.ID] = box
	}
	if len(ids) != len(p.Parties) {
		return nil, nil, fmt.Errorf("plan: %d peers for %d parties", len(ids), len(p.Parties))
	}
	return ids, boxes, nil
}

// The messages signed: fixed, so that every party of the example signs the
// same ones without asking, and anyone can check the output.
var (
	Ed25519Message = []byte("mosaic: FROST Ed25519 from a web page")
	TaprootMessage = sha256.Sum256([]byte("mosaic: FROST BIP-340 from a web page"))
	ECDSADigest    = sha256.Sum256([]byte("mosaic: threshold ECDSA from a web page"))
)

// Check checks the plan as New does: every party's keys, and the level.
func (p *Plan) Check() error {
	if _, _, err := p.peerKeys(); err != nil {
		return err
	}
	_, err := p.level()
	return err
}
