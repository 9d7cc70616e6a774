package main

import (
	"errors"
	"fmt"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/frost"
	"github.com/mosaic-mpc/mosaic/transport"
)

// The frost package provides RFC 9591's round functions; this file drives
// them peer to peer with transport's round framework, so every party is its
// own coordinator:
//
//  1. broadcast: SigningCommitments (frost.Commit);
//  2. broadcast: the SignatureShare over the package built from every
//     signer's commitments (frost.Sign). The framework echo-checks round 1
//     in these messages, so all signers signed the same package;
//  3. (framework) echo-check of round 2, then frost.Aggregate, which
//     verifies the signature and names every signer with a bad share.

// frostProtocol names the signing protocol for a ciphersuite.
func frostProtocol(suite frost.Ciphersuite) string {
	return "mosaic/examples/frost-sign/" + suite.Name() + "/v1"
}

// frostKeys turns a DKG key share into FROST key packages for suite: the
// party's key package and the public key package every party holds alike.
// With tweak, both are tweaked for a BIP-341 key-path-only output key.
func frostKeys(suite frost.Ciphersuite, share *dkg.KeyShare, tweak bool) (*frost.KeyPackage, *frost.PublicKeyPackage, error) {
	id, err := frost.IdentifierFromUint64(uint64(share.Self))
	if err != nil {
		return nil, nil, err
	}
	kp, err := frost.NewKeyPackage(suite, id, share.Secret, share.GroupKey, share.Threshold)
	if err != nil {
		return nil, nil, err
	}
	pubShares := map[frost.Identifier]curve.Point{}
	for p, pt := range share.PublicShares {
		pid, err := frost.IdentifierFromUint64(uint64(p))
		if err != nil {
			return nil, nil, err
		}
		pubShares[pid] = pt
	}
	pub, err := frost.NewPublicKeyPackage(suite, share.GroupKey, pubShares, share.Threshold)
	if err != nil {
		return nil, nil, err
	}
	if tweak {
		if kp, err = kp.Tweak(nil); err != nil {
			return nil, nil, err
		}
		if pub, err = pub.Tweak(nil); err != nil {
			return nil, nil, err
		}
	}
	return kp, pub, nil
}

type frostState struct {
	suite   frost.Ciphersuite
	key     *frost.KeyPackage
	pub     *frost.PublicKeyPackage
	self    transport.PartyID
	signers []transport.PartyID
	msg     []byte

	nonces *frost.SigningNonces
	own    *frost.SigningCommitments
	pkg    *frost.SigningPackage
	share  *frost.SignatureShare
	ids    map[transport.PartyID]frost.Identifier
}

// newFrostSign returns the FROST signing Machine of one signer; its result
// is the signature, verified under pub's group key.
func newFrostSign(suite frost.Ciphersuite, kp *frost.KeyPackage, pub *frost.PublicKeyPackage, self transport.PartyID, signers []transport.PartyID, sid, msg []byte) (transport.Machine[[]byte], error) {
	st := &frostState{suite: suite, key: kp, pub: pub, self: self, signers: transport.SortedCopy(signers), msg: msg,
		ids: map[transport.PartyID]frost.Identifier{}}
	for _, p := range st.signers {
		id, err := frost.IdentifierFromUint64(uint64(p))
		if err != nil {
			return nil, err
		}
		st.ids[p] = id
	}
	return transport.NewMachine(transport.Config{
		Protocol:  frostProtocol(suite),
		SessionID: sid,
		Self:      self,
		Parties:   st.signers,
		Rounds:    2,
	}, &frostRound1{st})
}

type frostRound1 struct{ st *frostState }

func (r *frostRound1) Number() int               { return 1 }
func (r *frostRound1) Expects() transport.Expect { return transport.Expect{Broadcast: true} }

func (r *frostRound1) Start() ([]*transport.Message, error) {
	nonces, comm, err := frost.Commit(r.st.suite, r.st.key, nil)
	if err != nil {
		return nil, err
	}
	r.st.nonces, r.st.own = nonces, comm
	return []*transport.Message{{Payload: comm.Bytes()}}, nil
}

func (r *frostRound1) Finalize(in *transport.Inbox) ([]*transport.Message, transport.Round[[]byte], *[]byte, error) {
	st := r.st
	all := []*frost.SigningCommitments{st.own}
	var bad []transport.PartyID
	var why error
	for _, p := range in.Senders() {
		c, err := frost.DecodeSigningCommitments(st.suite, in.Broadcast(p))
		if err == nil && c.Identifier() != st.ids[p] {
			err = fmt.Errorf("commitments of party %d carry identifier %s", p, c.Identifier())
		}
		if err != nil {
			bad, why = append(bad, p), err
			continue
		}
		all = append(all, c)
	}
	if len(bad) > 0 {
		return nil, nil, nil, transport.NewAbortError("", 0, "bad signing commitments", why, bad...)
	}
	pkg, err := frost.NewSigningPackage(st.suite, all, st.msg)
	if err != nil {
		return nil, nil, nil, err
	}
	share, err := frost.Sign(st.suite, pkg, st.nonces, st.key)
	if err != nil {
		return nil, nil, nil, err
	}
	st.pkg, st.share = pkg, share
	return []*transport.Message{{Payload: share.Bytes()}}, &frostRound2{st}, nil, nil
}

type frostRound2 struct{ st *frostState }

func (r *frostRound2) Number() int               { return 2 }
func (r *frostRound2) Expects() transport.Expect { return transport.Expect{Broadcast: true} }

func (r *frostRound2) Finalize(in *transport.Inbox) ([]*transport.Message, transport.Round[[]byte], *[]byte, error) {
	st := r.st
	shares := map[frost.Identifier]*frost.SignatureShare{st.ids[st.self]: st.share}
	var bad []transport.PartyID
	var why error
	for _, p := range in.Senders() {
		s, err := frost.DecodeSignatureShare(st.suite, in.Broadcast(p))
		if err == nil && s.Identifier() != st.ids[p] {
			err = fmt.Errorf("share of party %d carries identifier %s", p, s.Identifier())
		}
		if err != nil {
			bad, why = append(bad, p), err
			continue
		}
		shares[st.ids[p]] = s
	}
	if len(bad) > 0 {
		return nil, nil, nil, transport.NewAbortError("", 0, "malformed signature shares", why, bad...)
	}
	sig, err := frost.Aggregate(st.suite, st.pkg, shares, st.pub)
	var cheaters *frost.CheatersError
	if errors.As(err, &cheaters) {
		for _, id := range cheaters.Identifiers {
			for p, pid := range st.ids {
				if pid == id {
					bad = append(bad, p)
				}
			}
		}
		return nil, nil, nil, transport.NewAbortError("", 0, "invalid signature shares", err, bad...)
	}
	if err != nil {
		return nil, nil, nil, err
	}
	return nil, nil, &sig, nil
}
