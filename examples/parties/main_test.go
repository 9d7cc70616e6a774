package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/frost"
	"github.com/mosaic-mpc/mosaic/local"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/memnet"
	"github.com/mosaic-mpc/mosaic/transport/tlsnet"
	"github.com/stretchr/testify/require"
)

// Lines printed by a 3-of-5 run of "go run ./examples/parties -spawn -json".
var recorded = []string{
	`{"digest":"29f4b55d8767e0041655e5cc7425a99fa272e76269451a371e2d58364768f898","public_key":"03f24d64f14e6cd758cc48fd07dfb2bfed6c355326a1751501b13fb098056c135f","recovery_id":1,"scheme":"ecdsa-secp256k1","signature":"795606a389c5b8c159be6e2012051d20eabc0357d07fb69afbfdb2a51ffe23ec15420335a0e3737bb41074fdc6d7828dd07c1860809cd3110e38fbb96902e671","signers":[1,2,3]}`,
	`{"message":"6d6f736169633a2046524f53542045643235353139206163726f73732070726f636573736573","public_key":"9ffa6f182623477090ca1a18333a4c6e2b57b1b7a4a3bbe1e271e8a3c76b5dd3","scheme":"ed25519","signature":"178f7336a40a4bbee69bc7aff4b73e5c7fc47441a0df42ba559d7512bad7113266eeb9ba279d0ef45d45c03a803880fbecfbdb2c525ac45dd78282a10412ae07","signers":[1,2,3]}`,
	`{"internal_key":"f24d64f14e6cd758cc48fd07dfb2bfed6c355326a1751501b13fb098056c135f","message":"c4f6572b5fcd0df7dd428ceaf6e5cbe117af6bf959b5dab48c09c5bd6cd36613","public_key":"c11a03ee6af7ac12ef851a57661c8d74adcc73c9bf176f9794cae50fcd3c8848","scheme":"bip340","signature":"7ea9d5f76c37da773c32ab17dceb419b2023b22e4c236b0a54c0cf749405751c4b0843b8451f3860ab8461e282686b085e411363c27785d833d49524f8cb1513","signers":[1,2,3],"tweak":"BIP-341 key path, no script tree"}`,
}

func decode(t *testing.T, s string) map[string]any {
	var obj map[string]any
	require.NoError(t, json.Unmarshal([]byte(s), &obj))
	return obj
}

func TestCLI(t *testing.T) {
	cases := []struct {
		name   string
		args   []string
		stderr []string
	}{
		{"-json without a mode", []string{"-json"}, []string{"nothing to run: give -spawn, -setup or -party", "go run ./examples/parties -spawn -json", "-peers", "-pki", "-nonce"}},
		{"no flags", nil, []string{"nothing to run"}},
		{"two modes", []string{"-spawn", "-party", "1"}, []string{"three modes: give one"}},
		{"-party alone", []string{"-party", "1"}, []string{"-party 1 also needs -peers", "-pki DIR", "-nonce HEX", "use -spawn"}},
		{"-party without -nonce", []string{"-party", "1", "-peers", "a:1,b:2", "-pki", "dir"}, []string{"also needs -nonce HEX"}},
		{"-party out of range", []string{"-party", "3", "-t", "2", "-peers", "a:1,b:2", "-pki", "dir", "-nonce", "00112233445566778899aabbccddeeff"}, []string{"-party 3 is not in 1..2"}},
		{"short nonce", []string{"-party", "1", "-t", "2", "-peers", "a:1,b:2", "-pki", "dir", "-nonce", "0011"}, []string{"-nonce must be at least 16 bytes of hex"}},
		{"bad threshold", []string{"-spawn", "-t", "6"}, []string{"need 1 <= t <= n, got t=6 n=5"}},
		{"unknown flag", []string{"-x"}, []string{"flag provided but not defined: -x", "Usage:"}},
		{"argument", []string{"spawn"}, []string{`unexpected argument "spawn"`}},
		{"-chaos without -spawn", []string{"-chaos", "-party", "1"}, []string{"-chaos goes with -spawn"}},
		{"-chaos with too few parties", []string{"-spawn", "-chaos", "-t", "3", "-n", "4"}, []string{"-chaos needs t >= 2 and n >= t+2, got t=3 n=4"}},
		{"-chaos with threshold 1", []string{"-spawn", "-chaos", "-t", "1", "-n", "4"}, []string{"-chaos needs t >= 2"}},
		{"-state without -party", []string{"-spawn", "-state", "dir"}, []string{"go with -party"}},
		{"-misbehave without -party", []string{"-spawn", "-misbehave"}, []string{"go with -party"}},
		{"-resume without -state", []string{"-party", "1", "-resume"}, []string{"-resume needs -state DIR"}},
		{"zero round timeout", []string{"-spawn", "-round-timeout", "0s"}, []string{"-round-timeout must be positive"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			require.Equal(t, 2, runCLI(tc.args, &stdout, &stderr))
			for _, want := range tc.stderr {
				require.Contains(t, stderr.String(), want)
			}
			require.Zero(t, stdout.Len())
		})
	}

	var stdout, stderr bytes.Buffer
	require.Equal(t, 0, runCLI([]string{"-h"}, &stdout, &stderr))
	for _, want := range []string{"parties runs mosaic's threshold protocols with every party in its own", "-spawn", "-setup DIR -n N", "-party I -peers", "-aux-timeout", "-chaos", "-round-timeout", "-state", "-resume", "-misbehave"} {
		require.Contains(t, stderr.String(), want)
	}
}

func TestVerifyLine(t *testing.T) {
	flip := func(field string, i int) func(map[string]any) {
		return func(o map[string]any) {
			b := []byte(o[field].(string))
			if b[i] == '0' {
				b[i] = '1'
			} else {
				b[i] = '0'
			}
			o[field] = string(b)
		}
	}
	tests := []struct {
		name   string
		line   int
		tamper func(map[string]any)
		want   string
	}{
		{"ecdsa signature", 0, flip("signature", 70), ""},
		{"ecdsa digest", 0, flip("digest", 3), ""},
		{"ecdsa recovery id", 0, func(o map[string]any) { o["recovery_id"] = 0.0 }, ""},
		{"ecdsa high S", 0, func(o map[string]any) {
			// n - s, the other valid signature, which low-S forbids.
			o["signature"] = o["signature"].(string)[:64] + "eabdfcca5f1c8c844bef8b0239287d70ea32c4862eabcd2ab19962d367335ad0"
		}, "high S"},
		{"ed25519 message", 1, flip("message", 5), ""},
		{"ed25519 signature", 1, flip("signature", 100), ""},
		{"bip340 signature", 2, flip("signature", 2), ""},
		{"bip340 internal key", 2, flip("internal_key", 10), ""},
		{"bip340 untweaked key", 2, func(o map[string]any) { o["public_key"] = o["internal_key"] }, "BIP-340 verification fails"},
		{"unknown scheme", 1, func(o map[string]any) { o["scheme"] = "rsa" }, ""},
		{"missing field", 1, func(o map[string]any) { delete(o, "signature") }, ""},
	}
	for i, l := range recorded {
		require.NoError(t, verifyLine(decode(t, l)), "recorded line %d", i)
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := decode(t, recorded[tc.line])
			tc.tamper(o)
			err := verifyLine(o)
			require.Error(t, err)
			require.ErrorContains(t, err, tc.want)
		})
	}
}

func TestPrintMergedRefusesDisagreement(t *testing.T) {
	withParty := func(s string, id int) string {
		o := map[string]any{}
		require.NoError(t, json.Unmarshal([]byte(s), &o))
		o["party"] = id
		b, err := json.Marshal(o)
		require.NoError(t, err)
		return string(b)
	}
	lines := map[transport.PartyID][]string{}
	for id := 1; id <= 3; id++ {
		for _, l := range recorded {
			lines[transport.PartyID(id)] = append(lines[transport.PartyID(id)], withParty(l, id))
		}
	}
	var out bytes.Buffer
	require.NoError(t, printMerged(&out, lines))
	require.Equal(t, strings.Join(recorded, "\n")+"\n", out.String(), "each signature once, without the party field")

	lines[2] = lines[2][:2] // party 2 printed no BIP-340 line
	require.ErrorContains(t, printMerged(io.Discard, lines), "printed by")
	lines[2] = append(lines[2], strings.Replace(lines[1][2], "7ea9", "7ea8", 1))
	require.ErrorContains(t, printMerged(io.Discard, lines), "disagree")
}

// The run's steps derive their session ids from one nonce through the
// protocols' helpers; the ids of the steps that need no key differ, and
// the same inputs give the same id at every party.
func TestSessionIDsDiffer(t *testing.T) {
	ids := []transport.PartyID{1, 2, 3}
	nonce := []byte("nonce-0123456789")
	k1, err := dkg.SessionID(dkg.Protocol, curve.Secp256k1(), ids, 2, nonce)
	require.NoError(t, err)
	ked, err := dkg.SessionID(dkg.Protocol, curve.Edwards25519(), ids, 2, nonce)
	require.NoError(t, err)
	aux, err := cggmp.AuxSessionID(ids, nonce)
	require.NoError(t, err)
	again, err := cggmp.AuxSessionID([]transport.PartyID{3, 1, 2}, nonce)
	require.NoError(t, err)
	require.Equal(t, aux, again)
	require.NotEqual(t, k1, ked)
	require.NotEqual(t, k1, aux)
	require.NotEqual(t, ked, aux)
}

// dkgShares runs a DKG among ids, every party in this process, signed with
// fresh long-term identity keys, and returns the shares with those keys.
func dkgShares(t *testing.T, c curve.Curve, ids []transport.PartyID, th int) (map[transport.PartyID]*dkg.KeyShare, local.Identities) {
	idk, err := local.NewIdentities(ids)
	require.NoError(t, err)
	shares, err := local.Keygen(context.Background(), c, th, ids, local.WithIdentities(idk))
	require.NoError(t, err)
	return shares, idk
}

func TestFrostMachine(t *testing.T) {
	ids := []transport.PartyID{1, 2, 3, 4}
	signers := []transport.PartyID{1, 3, 4}
	tests := []struct {
		suite  frost.Ciphersuite
		cheat  bool
		expect []transport.PartyID
	}{
		{frost.Ed25519SHA512(), false, nil},
		{frost.Secp256k1TR(), false, nil},
		{frost.Ed25519SHA512(), true, []transport.PartyID{3}},
		{frost.Secp256k1TR(), true, []transport.PartyID{3}},
	}
	for _, tc := range tests {
		name := tc.suite.Name()
		if tc.cheat {
			name += " with a cheater"
		}
		t.Run(name, func(t *testing.T) {
			// A 2-of-4 key signed by three: with identities, a bad share
			// is named when more than MaxFaulty (threshold less one)
			// signers blame it, which the two honest ones do.
			shares, idk := dkgShares(t, tc.suite.Curve(), ids, 2)
			peers := idk.Public()
			msg := []byte("frost machine test")
			sid := []byte("frost machine session")
			ms := map[transport.PartyID]transport.Machine[[]byte]{}
			var pub *frost.PublicKeyPackage
			for _, id := range signers {
				kp, pk, err := frost.KeysFromShare(tc.suite, shares[id])
				require.NoError(t, err)
				if tc.suite.IsTaproot() {
					kp, err = kp.Tweak(nil)
					require.NoError(t, err)
					pk, err = pk.Tweak(nil)
					require.NoError(t, err)
				}
				pub = pk
				m, err := newFrostSign(tc.suite, kp, pk, id, signers, sid, msg, &transport.Identity{Key: idk[id], Peers: peers})
				require.NoError(t, err)
				ms[id] = m
			}
			net := memnet.New(signers)
			defer net.Close()
			if tc.cheat {
				// Party 3 sends a well-formed but wrong share, twice its own,
				// and signs it: a malicious party signs what it sends.
				net.Intercept(3, func(_ transport.PartyID, m *transport.Message) []*transport.Message {
					if m.Kind == transport.KindRound && m.Round == 2 {
						s, err := frost.DecodeSignatureShare(tc.suite, m.Payload)
						require.NoError(t, err)
						bad, err := frost.NewSignatureShare(tc.suite, s.Identifier(), s.Share().Add(s.Share()))
						require.NoError(t, err)
						m = m.Clone()
						m.Payload = bad.Bytes()
						transport.SignMessage(idk[3], m)
					}
					return []*transport.Message{m}
				})
			}
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			sigs, errs := memnet.RunAll(ctx, net, ms, transport.WithRoundTimeout(time.Second))
			if tc.cheat {
				for _, id := range signers {
					if id != 3 {
						require.ErrorIs(t, errs[id], frost.ErrInvalidSignatureShare)
						require.Equal(t, tc.expect, transport.Culprits(errs[id]), "party %d: %v", id, errs[id])
					}
				}
				return
			}
			require.Empty(t, errs)
			for _, id := range signers {
				require.Equal(t, sigs[signers[0]], sigs[id])
				require.NoError(t, frost.Verify(tc.suite, pub.GroupKey(), msg, sigs[id]))
				require.NotEmpty(t, ms[id].(transport.Certified).Certificate(), "party %d confirmed", id)
			}
		})
	}
}

// TestParties runs the whole program's party side, three parties in this
// process over TLS on loopback, with real safe primes.
func TestParties(t *testing.T) {
	if testing.Short() {
		t.Skip("generates safe primes")
	}
	dir := t.TempDir()
	const n, th = 3, 2
	ids := local.Parties(n)
	require.NoError(t, tlsnet.WritePKI(dir, ids, "127.0.0.1"))
	addrs, err := freePorts(n)
	require.NoError(t, err)
	peers := map[transport.PartyID]string{}
	for i, a := range addrs {
		peers[transport.PartyID(i+1)] = a
	}
	nonce := make([]byte, 32)
	_, err = rand.Read(nonce)
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()

	outs := make([]bytes.Buffer, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i, id := range ids {
		p := &partyRun{self: id, ids: ids, t: th, addrs: peers, pki: dir, nonce: nonce, asJSON: true,
			auxTimeout: 5 * time.Minute, level: paillier.Level112, out: &outs[i], log: testWriter{t, id}}
		wg.Go(func() { errs[i] = p.run(ctx) })
	}
	wg.Wait()
	lines := map[transport.PartyID][]string{}
	for i, id := range ids {
		require.NoError(t, errs[i], "party %d", id)
		for l := range strings.Lines(outs[i].String()) {
			lines[id] = append(lines[id], strings.TrimSpace(l))
		}
	}
	require.Empty(t, lines[3], "party 3 does not sign")
	require.Len(t, lines[1], 3)
	require.NoError(t, printMerged(io.Discard, lines))
}

type testWriter struct {
	t  *testing.T
	id transport.PartyID
}

func (w testWriter) Write(b []byte) (int, error) {
	w.t.Logf("[party %d] %s", w.id, bytes.TrimRight(b, "\n"))
	return len(b), nil
}
