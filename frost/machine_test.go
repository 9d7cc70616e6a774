package frost

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/hd"
	"github.com/mosaic-mpc/mosaic/internal/keytest"
	"github.com/mosaic-mpc/mosaic/schnorr"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/memnet"
	"github.com/stretchr/testify/require"
)

func dkgShares(t testing.TB, c curve.Curve, th, n int) map[transport.PartyID]*dkg.KeyShare {
	return keytest.Shares(t, c, th, n)
}

// p2pSign runs NewSign among signers and returns every signer's result.
func p2pSign(t testing.TB, suite Ciphersuite, shares map[transport.PartyID]*dkg.KeyShare, signers []transport.PartyID, msg, merkleRoot []byte, hook func(*memnet.Network)) (map[transport.PartyID][]byte, map[transport.PartyID]error) {
	return p2pSignAgainst(t, suite, shares, signers, msg, merkleRoot, hook, nil)
}

// p2pSignAgainst is p2pSign with malicious signers, whose outcome is not
// waited for (memnet.RunAgainst): a cheater left waiting for a round the
// others never send does not hold the test up for its round timeout.
func p2pSignAgainst(t testing.TB, suite Ciphersuite, shares map[transport.PartyID]*dkg.KeyShare, signers []transport.PartyID, msg, merkleRoot []byte, hook func(*memnet.Network), malicious []transport.PartyID) (map[transport.PartyID][]byte, map[transport.PartyID]error) {
	sid := make([]byte, 32)
	_, err := rand.Read(sid)
	require.NoError(t, err)
	ms := map[transport.PartyID]transport.Machine[[]byte]{}
	for _, id := range signers {
		kp, pub, err := KeysFromShare(suite, shares[id])
		require.NoError(t, err)
		if merkleRoot != nil {
			kp, err = kp.Tweak(merkleRoot)
			require.NoError(t, err)
			pub, err = pub.Tweak(merkleRoot)
			require.NoError(t, err)
		}
		m, err := NewSign(SignConfig{Suite: suite, Key: kp, Public: pub, Signers: signers, Self: id, SessionID: sid, Message: msg})
		require.NoError(t, err)
		ms[id] = m
	}
	net := memnet.New(signers)
	defer net.Close()
	if hook != nil {
		hook(net)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	return memnet.RunAgainst(ctx, net, ms, malicious, transport.WithRoundTimeout(10*time.Second))
}

func TestMachineWithDKGKeys(t *testing.T) {
	suites := []Ciphersuite{Ed25519SHA512(), Secp256k1SHA256(), Secp256k1TR()}
	sizes := []struct{ t, n int }{{1, 1}, {2, 3}, {3, 5}, {7, 10}}
	for _, suite := range suites {
		for _, sz := range sizes {
			t.Run(fmt.Sprintf("%s/%d-of-%d", suite, sz.t, sz.n), func(t *testing.T) {
				shares := dkgShares(t, suite.Curve(), sz.t, sz.n)
				var signers []transport.PartyID
				for id := transport.PartyID(sz.n); len(signers) < sz.t; id-- {
					signers = append(signers, id) // the highest t ids
				}
				msg := []byte("threshold message " + t.Name())
				group := shares[1].GroupKey
				roots := [][]byte{nil}
				if suite == Secp256k1TR() {
					roots = append(roots, []byte{}, make([]byte, 32))
				}
				for _, root := range roots {
					out, errs := p2pSign(t, suite, shares, signers, msg, root, nil)
					require.Empty(t, errs)
					sig := out[signers[0]]
					for _, id := range signers {
						require.Equal(t, sig, out[id])
					}
					key := group
					if root != nil {
						_, pub, err := KeysFromShare(suite, shares[1])
						require.NoError(t, err)
						pub, err = pub.Tweak(root)
						require.NoError(t, err)
						key = pub.GroupKey()
					}
					require.NoError(t, Verify(suite, key, msg, sig))
					switch suite {
					case Ed25519SHA512():
						require.True(t, ed25519.Verify(ed25519.PublicKey(group.Bytes()), msg, sig))
					case Secp256k1TR():
						x, err := curve.XOnlyBytes(key)
						require.NoError(t, err)
						require.NoError(t, schnorr.Verify(x, msg, sig))
					}
					bad := append([]byte{}, sig...)
					bad[len(bad)-1] ^= 1
					require.Error(t, Verify(suite, key, msg, bad))
				}
			})
		}
	}
}

// A signer that sends a bogus signature share is named by every honest
// signer (SECURITY.md case 24 for the taproot suite).
func TestMachineBadShareNamed(t *testing.T) {
	for _, suite := range []Ciphersuite{Ed25519SHA512(), Secp256k1TR()} {
		shares := dkgShares(t, suite.Curve(), 3, 3)
		signers := []transport.PartyID{1, 2, 3}
		_, errs := p2pSign(t, suite, shares, signers, []byte("m"), nil, func(net *memnet.Network) {
			net.Intercept(3, func(to transport.PartyID, m *transport.Message) []*transport.Message {
				if m.Round == 2 {
					m.Payload[len(m.Payload)-1] ^= 1
				}
				return []*transport.Message{m}
			})
		})
		for _, id := range []transport.PartyID{1, 2} {
			var abort *transport.AbortError
			require.True(t, errors.As(errs[id], &abort), "%v", errs[id])
			require.Equal(t, []transport.PartyID{3}, abort.Culprits)
		}
	}
}

// A signer whose round-one commitment is malformed (one byte short) is
// named by every honest signer, with an error wrapping
// ErrInvalidCommitment as well as the decoder's ErrInvalidEncoding.
func TestMachineBadCommitmentNamed(t *testing.T) {
	for _, suite := range allSuites {
		t.Run(suite.Name(), func(t *testing.T) {
			shares := dkgShares(t, suite.Curve(), 2, 3)
			signers := []transport.PartyID{1, 2, 3}
			_, errs := p2pSignAgainst(t, suite, shares, signers, []byte("m"), nil, func(net *memnet.Network) {
				net.Intercept(3, func(_ transport.PartyID, m *transport.Message) []*transport.Message {
					if m.Round == 1 {
						m.Payload = m.Payload[:len(m.Payload)-1]
					}
					return []*transport.Message{m}
				})
			}, []transport.PartyID{3})
			for _, id := range []transport.PartyID{1, 2} {
				require.ErrorIs(t, errs[id], ErrInvalidCommitment, "party %d", id)
				require.ErrorIs(t, errs[id], ErrInvalidEncoding, "party %d", id)
				require.Equal(t, []transport.PartyID{3}, transport.Culprits(errs[id]), "party %d: %v", id, errs[id])
			}
		})
	}
}

// A malformed share and a well-formed but invalid one in the same round:
// every honest signer names both senders, not only the first it meets.
func TestMachineEveryBadShareNamed(t *testing.T) {
	suite := Secp256k1TR()
	shares := dkgShares(t, suite.Curve(), 4, 4)
	signers := []transport.PartyID{1, 2, 3, 4}
	_, errs := p2pSign(t, suite, shares, signers, []byte("m"), nil, func(net *memnet.Network) {
		net.Intercept(3, func(_ transport.PartyID, m *transport.Message) []*transport.Message {
			if m.Round == 2 {
				m.Payload = m.Payload[:len(m.Payload)-1] // malformed
			}
			return []*transport.Message{m}
		})
		net.Intercept(4, func(_ transport.PartyID, m *transport.Message) []*transport.Message {
			if m.Round == 2 {
				m.Payload[len(m.Payload)-1] ^= 1 // well-formed, invalid
			}
			return []*transport.Message{m}
		})
	})
	for _, id := range []transport.PartyID{1, 2} {
		require.ErrorIs(t, errs[id], ErrInvalidSignatureShare)
		require.Equal(t, []transport.PartyID{3, 4}, transport.Culprits(errs[id]), "party %d: %v", id, errs[id])
	}
}

// A 1-of-1 key signs with the ordinary rounds and no peers: Start finishes
// the run and sends nothing.
func TestMachineSingleSigner(t *testing.T) {
	for _, suite := range allSuites {
		kps, pub, err := TrustedDealerKeygen(suite, nil, 1, 1, nil)
		require.NoError(t, err)
		msg := []byte("alone")
		m, err := NewSign(SignConfig{Suite: suite, Key: kps[0], Public: pub, Signers: []transport.PartyID{1}, Self: 1, SessionID: []byte("solo"), Message: msg})
		require.NoError(t, err)
		out, err := m.Start()
		require.NoError(t, err)
		require.Empty(t, out)
		require.True(t, m.Done())
		sig, err := m.Result()
		require.NoError(t, err)
		require.NoError(t, Verify(suite, pub.GroupKey(), msg, sig))
	}
}

func TestMachineConfigRejects(t *testing.T) {
	shares := dkgShares(t, curve.Edwards25519(), 2, 3)
	kp, pub, err := KeysFromShare(Ed25519SHA512(), shares[1])
	require.NoError(t, err)
	base := SignConfig{Suite: Ed25519SHA512(), Key: kp, Public: pub, Signers: []transport.PartyID{1, 2}, Self: 1, SessionID: []byte("s"), Message: []byte("m")}
	_, otherKey, err := KeysFromShare(Ed25519SHA512(), dkgShares(t, curve.Edwards25519(), 2, 3)[1])
	require.NoError(t, err)
	shares23 := map[Identifier]curve.Point{} // party 1's verifying share replaced by party 2's
	verifying := map[Identifier]curve.Point{}
	for _, id := range pub.Identifiers() {
		verifying[id], _ = pub.VerifyingShare(id)
		shares23[id] = verifying[id]
	}
	shares23[kp.Identifier()] = verifying[identifierOf(2)]
	minOne, err := NewPublicKeyPackage(Ed25519SHA512(), pub.GroupKey(), verifying, 1)
	require.NoError(t, err)
	wrongShare, err := NewPublicKeyPackage(Ed25519SHA512(), pub.GroupKey(), shares23, 2)
	require.NoError(t, err)
	cases := map[string]func(c *SignConfig){
		"too few signers":                   func(c *SignConfig) { c.Signers = []transport.PartyID{1} },
		"self not signer":                   func(c *SignConfig) { c.Signers = []transport.PartyID{2, 3} },
		"wrong self":                        func(c *SignConfig) { c.Self = 2 },
		"unknown signer":                    func(c *SignConfig) { c.Signers = []transport.PartyID{1, 9} },
		"duplicate signer":                  func(c *SignConfig) { c.Signers = []transport.PartyID{1, 1} },
		"other suite":                       func(c *SignConfig) { c.Suite = Secp256k1SHA256() },
		"zero suite":                        func(c *SignConfig) { c.Suite = Ciphersuite{} },
		"no key package":                    func(c *SignConfig) { c.Key = nil },
		"no public key package":             func(c *SignConfig) { c.Public = nil },
		"empty session id":                  func(c *SignConfig) { c.SessionID = nil },
		"session id too long":               func(c *SignConfig) { c.SessionID = make([]byte, transport.MaxSessionID+1) },
		"public package of another key":     func(c *SignConfig) { c.Public = otherKey },
		"public package of another minimum": func(c *SignConfig) { c.Public = minOne },
		"public package with another verifying share for self": func(c *SignConfig) { c.Public = wrongShare },
	}
	for name, mutate := range cases {
		cfg := base
		mutate(&cfg)
		_, err := NewSign(cfg)
		require.ErrorIs(t, err, ErrConfig, name)
	}
	_, err = NewSign(base)
	require.NoError(t, err, "the unchanged configuration")
	_, _, err = KeysFromShare(Secp256k1SHA256(), shares[1])
	require.Error(t, err)
}

// Taproot signing at a BIP-32 child of a DKG key: derive every share along
// the path (an additive tweak each party applies locally), then apply the
// BIP-341 tweak; the signature verifies under the derived output key.
func TestMachineTaprootDerivedKey(t *testing.T) {
	shares := dkgShares(t, curve.Secp256k1(), 2, 3)
	path, err := hd.ParsePath("m/1/2/3")
	require.NoError(t, err)
	derived := map[transport.PartyID]*dkg.KeyShare{}
	for id, s := range shares {
		d, _, err := hd.DeriveKeyShare(s, path)
		require.NoError(t, err)
		derived[id] = d
	}
	_, child, _, err := hd.DeriveTweak(shares[1].GroupKey, shares[1].ChainCode, path)
	require.NoError(t, err)
	require.True(t, derived[1].GroupKey.Equal(child))
	msg := make([]byte, 32)
	out, errs := p2pSign(t, Secp256k1TR(), derived, []transport.PartyID{1, 3}, msg, []byte{}, nil)
	require.Empty(t, errs)
	outputKey, _, _, err := hd.TaprootOutputKey(child, nil)
	require.NoError(t, err)
	require.NoError(t, schnorr.Verify(hd.XOnly(outputKey), msg, out[1]))
}
