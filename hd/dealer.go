package hd

import (
	"fmt"
	"io"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/vss"
)

// SplitExtendedPrivateKey imports an existing BIP-32 wallet: it parses xprv
// and shares its private key t-of-n among parties with a trusted dealer
// (vss.Split, RFC 9591 Appendix C), returning one dkg.KeyShare per party in
// increasing party order, each carrying the xprv's chain code so that
// non-hardened BIP-32 derivation (DeriveKeyShare) continues below the
// imported node. The xprv's depth, parent fingerprint and child number are
// not kept; use ExtendedPrivateKey.Public before importing if the node's
// own xpub serialization is needed. rand nil means crypto/rand.Reader.
//
// SECURITY: the dealer is a single point of trust. The machine running this
// sees the whole key (as does anyone who ever saw the xprv), so the
// threshold protects the key only from the import on, and only if the xprv
// and this process's memory are destroyed afterwards. Temporary copies of
// the key are zeroed; the xprv string itself cannot be. Send each share over
// an authenticated, confidential channel to its holder only. Prefer a fresh
// DKG (dkg.New) whenever a new key will do.
func SplitExtendedPrivateKey(xprv string, t int, parties []transport.PartyID, rand io.Reader) ([]*dkg.KeyShare, error) {
	if err := transport.ValidateParties(parties); err != nil {
		return nil, err
	}
	sorted := transport.SortedCopy(parties)
	if t < 1 || t > len(sorted) {
		return nil, fmt.Errorf("%w: threshold %d of %d", vss.ErrThreshold, t, len(sorted))
	}
	key, err := ParseExtendedPrivateKey(xprv)
	if err != nil {
		return nil, err
	}
	defer key.Zeroize()

	raw := make([]uint32, len(sorted))
	for i, id := range sorted {
		raw[i] = uint32(id)
	}
	ids, err := vss.IDScalars(secp, raw)
	if err != nil {
		return nil, err
	}
	shares, cm, err := vss.Split(secp, key.Secret, t, ids, rand)
	if err != nil {
		return nil, err
	}
	public := make(map[transport.PartyID]curve.Point, len(sorted))
	for i, id := range sorted {
		public[id] = cm.Evaluate(ids[i])
	}
	out := make([]*dkg.KeyShare, len(sorted))
	for i, id := range sorted {
		ks := &dkg.KeyShare{
			Curve:        secp,
			Threshold:    t,
			Parties:      sorted,
			Self:         id,
			Secret:       shares[i].Value,
			GroupKey:     cm.Constant(),
			PublicShares: public,
			ChainCode:    key.ChainCode,
		}
		out[i] = ks.Clone() // own copies of the slices and map
	}
	for i := range out {
		if err := out[i].Validate(); err != nil {
			for _, ks := range out {
				ks.Secret.Zeroize()
			}
			return nil, err
		}
	}
	return out, nil
}
