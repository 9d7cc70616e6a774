package dkls23_test

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/dkls23"
	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/local"
	"github.com/mosaic-mpc/mosaic/transport"
)

// dklsKeys returns th-of-n secp256k1 shares from a dkg run in memory and
// the parties' DKLs23 Keys from one setup run.
func dklsKeys(tb testing.TB, th, n int) (map[transport.PartyID]*dkg.KeyShare, map[transport.PartyID]*dkls23.Key) {
	tb.Helper()
	ctx := context.Background()
	shares, err := local.Keygen(ctx, curve.Secp256k1(), th, local.Parties(n))
	require.NoError(tb, err)
	keys, err := local.SetupDKLs23(ctx, shares)
	require.NoError(tb, err)
	return shares, keys
}

// keyParts is a Key's encoding cut at its fields: the version byte, the
// length-prefixed blocks (share, setup id, then for each peer in
// increasing order its sender state and its receiver state), and the
// retired list (count and ids) as tail.
type keyParts struct {
	version byte
	blocks  [][]byte
	tail    []byte
}

// splitKey cuts a Key encoding into its parts; peers is the number of
// the key's parties other than its holder.
func splitKey(tb testing.TB, b []byte, peers int) keyParts {
	tb.Helper()
	require.NotEmpty(tb, b)
	p := keyParts{version: b[0]}
	rest := b[1:]
	for range 2 + 2*peers {
		require.GreaterOrEqual(tb, len(rest), 4)
		n := int(binary.BigEndian.Uint32(rest))
		require.GreaterOrEqual(tb, len(rest), 4+n)
		p.blocks = append(p.blocks, slices.Clone(rest[4:4+n]))
		rest = rest[4+n:]
	}
	p.tail = slices.Clone(rest)
	return p
}

// join encodes the parts again.
func (p keyParts) join() []byte {
	out := []byte{p.version}
	for _, b := range p.blocks {
		out = binary.BigEndian.AppendUint32(out, uint32(len(b)))
		out = append(out, b...)
	}
	return append(out, p.tail...)
}

// with returns a copy of p with block i replaced.
func (p keyParts) with(i int, block []byte) keyParts {
	q := keyParts{version: p.version, blocks: slices.Clone(p.blocks), tail: p.tail}
	q.blocks[i] = block
	return q
}

// retiredTail encodes a retired list.
func retiredTail(ids ...uint32) []byte {
	out := binary.BigEndian.AppendUint32(nil, uint32(len(ids)))
	for _, id := range ids {
		out = binary.BigEndian.AppendUint32(out, id)
	}
	return out
}

// Block indices of a Key encoding of a 3-party key held by party 1.
const (
	blockShare   = 0
	blockSetupID = 1
	blockAlice2  = 2 // party 1 as extension sender toward party 2
	blockBob2    = 3
	blockAlice3  = 4
	blockBob3    = 5
)

func TestKeyRoundTrip(t *testing.T) {
	ctx := context.Background()
	_, keys := dklsKeys(t, 2, 3)
	parsed := map[transport.PartyID]*dkls23.Key{}
	for id, k := range keys {
		b, err := k.MarshalBinary()
		require.NoError(t, err)
		got, err := dkls23.ParseKey(b)
		require.NoError(t, err, "party %d", id)
		require.Equal(t, id, got.Self())
		require.True(t, got.GroupKey().Equal(k.GroupKey()), "party %d: group key", id)
		want, err := k.Share().MarshalBinary()
		require.NoError(t, err)
		gotShare, err := got.Share().MarshalBinary()
		require.NoError(t, err)
		require.Equal(t, want, gotShare, "party %d: share", id)
		require.Empty(t, got.Retired())
		again, err := got.MarshalBinary()
		require.NoError(t, err)
		require.Equal(t, b, again, "party %d: the encoding is not stable", id)
		parsed[id] = got
	}
	digest := sha256.Sum256([]byte("signed with parsed keys"))
	for _, tc := range []struct {
		name string
		keys map[transport.PartyID]*dkls23.Key
	}{
		{"all parsed", parsed},
		// A parsed key's OT states must fork exactly as the original's.
		{"parsed and original", map[transport.PartyID]*dkls23.Key{1: parsed[1], 2: keys[2], 3: parsed[3]}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, signers := range [][]transport.PartyID{{1, 2}, {2, 3}, {1, 2, 3}} {
				sig, err := local.SignDKLs23(ctx, tc.keys, signers, nil, digest[:])
				require.NoError(t, err, "signers %v", signers)
				require.NoError(t, cggmp.VerifyLowS(keys[1].GroupKey(), digest[:], sig), "signers %v", signers)
			}
		})
	}
}

// A retired pair is kept by the encoding, and the parsed Key still
// refuses to sign with that peer.
func TestKeyRetiredSurvivesRoundTrip(t *testing.T) {
	_, keys := dklsKeys(t, 2, 3)
	b, err := keys[1].MarshalBinary()
	require.NoError(t, err)
	parts := splitKey(t, b, 2)
	require.Equal(t, retiredTail(), parts.tail, "a fresh key retires nobody")
	for _, tc := range []struct {
		name    string
		retired []uint32
		want    []transport.PartyID
	}{
		{"one", []uint32{3}, []transport.PartyID{3}},
		{"both", []uint32{2, 3}, []transport.PartyID{2, 3}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			parts.tail = retiredTail(tc.retired...)
			enc := parts.join()
			k, err := dkls23.ParseKey(enc)
			require.NoError(t, err)
			require.Equal(t, tc.want, k.Retired())
			again, err := k.MarshalBinary()
			require.NoError(t, err)
			require.Equal(t, enc, again)
			k2, err := dkls23.ParseKey(again)
			require.NoError(t, err)
			require.Equal(t, tc.want, k2.Retired())
			digest := sha256.Sum256([]byte("retired"))
			for _, peer := range []transport.PartyID{2, 3} {
				_, err := dkls23.NewSign(dkls23.SignConfig{Key: k2, Signers: []transport.PartyID{1, peer},
					SessionID: []byte("retired pair"), Digest: digest[:]})
				if slices.Contains(tc.want, peer) {
					require.ErrorIs(t, err, dkls23.ErrPairRetired, "peer %d", peer)
				} else {
					require.NoError(t, err, "peer %d", peer)
				}
			}
		})
	}
}

func TestParseKeyRefuses(t *testing.T) {
	shares, keys := dklsKeys(t, 2, 3)
	_, other := dklsKeys(t, 2, 3) // another key generation
	encode := func(k *dkls23.Key) []byte {
		b, err := k.MarshalBinary()
		require.NoError(t, err)
		return b
	}
	good := encode(keys[1])
	parts := splitKey(t, good, 2)
	fromTwo := splitKey(t, encode(keys[2]), 2)
	fromOther := splitKey(t, encode(other[1]), 2)

	// The same key, set up again: same share, another setup id.
	resetup, err := local.SetupDKLs23(context.Background(), shares)
	require.NoError(t, err)
	fromResetup := splitKey(t, encode(resetup[1]), 2)

	p256, err := testfixtures.SoloShare(t, curve.P256()).MarshalBinary()
	require.NoError(t, err)
	ed, err := testfixtures.SoloShare(t, curve.Edwards25519()).MarshalBinary()
	require.NoError(t, err)
	share2, err := shares[2].MarshalBinary()
	require.NoError(t, err)

	withTail := func(tail []byte) []byte {
		q := parts
		q.tail = tail
		return q.join()
	}
	cases := []struct {
		name string
		b    []byte
	}{
		{"nil", nil},
		{"empty", []byte{}},
		{"version 0", append([]byte{0}, good[1:]...)},
		{"version 2", append([]byte{2}, good[1:]...)},
		{"version 0xff", append([]byte{0xff}, good[1:]...)},
		{"one trailing byte", append(slices.Clone(good), 0)},
		{"four trailing bytes", append(slices.Clone(good), 0, 0, 0, 0)},
		{"share of a P-256 key", parts.with(blockShare, p256).join()},
		{"share of an Ed25519 key", parts.with(blockShare, ed).join()},
		{"share of another party", parts.with(blockShare, share2).join()},
		{"empty share", parts.with(blockShare, nil).join()},
		{"pair state of another peer", parts.with(blockAlice2, parts.blocks[blockAlice3]).join()},
		{"receiver state of another peer", parts.with(blockBob3, parts.blocks[blockBob2]).join()},
		{"pair state of the peer itself", parts.with(blockAlice2, fromTwo.blocks[blockAlice2]).join()},
		{"sender and receiver swapped", parts.with(blockAlice2, parts.blocks[blockBob2]).with(blockBob2, parts.blocks[blockAlice2]).join()},
		{"pair state of another key", parts.with(blockAlice2, fromOther.blocks[blockAlice2]).join()},
		{"pair state of another setup", parts.with(blockBob3, fromResetup.blocks[blockBob3]).join()},
		{"setup id of another setup", parts.with(blockSetupID, fromResetup.blocks[blockSetupID]).join()},
		{"empty setup id", parts.with(blockSetupID, nil).join()},
		{"truncated pair state", parts.with(blockAlice3, parts.blocks[blockAlice3][:100]).join()},
		{"retired: duplicate", withTail(retiredTail(2, 2))},
		{"retired: decreasing", withTail(retiredTail(3, 2))},
		{"retired: unknown party", withTail(retiredTail(9))},
		{"retired: self", withTail(retiredTail(1))},
		{"retired: party 0", withTail(retiredTail(0))},
		{"retired: more than the parties", withTail(retiredTail(2, 3, 4, 5))},
		{"retired: count without ids", withTail(binary.BigEndian.AppendUint32(nil, 1))},
		{"retired: huge count", withTail(binary.BigEndian.AppendUint32(nil, 0xffffffff))},
		{"retired: no count", withTail(nil)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			k, err := dkls23.ParseKey(tc.b)
			require.ErrorIs(t, err, dkls23.ErrKey)
			require.Nil(t, k)
		})
	}

	t.Run("truncations", func(t *testing.T) {
		// Every length near a field boundary, and a stride through the
		// rest (all of them would be tens of thousands of parses).
		lengths := map[int]bool{}
		off := 1
		for _, b := range parts.blocks {
			for d := -2; d <= 6; d++ {
				lengths[off+d] = true
			}
			off += 4 + len(b)
		}
		for n := 0; n < len(good); n += 211 {
			lengths[n] = true
		}
		for n := len(good) - 8; n < len(good); n++ {
			lengths[n] = true
		}
		for n := range lengths {
			if n < 0 || n >= len(good) {
				continue
			}
			k, err := dkls23.ParseKey(good[:n])
			require.ErrorIs(t, err, dkls23.ErrKey, "%d of %d bytes", n, len(good))
			require.Nil(t, k)
		}
	})
}

// A nil or zero Key answers every accessor without panicking, and does
// not encode.
func TestKeyZeroValues(t *testing.T) {
	for _, tc := range []struct {
		name string
		key  *dkls23.Key
	}{
		{"nil", nil},
		{"zero", &dkls23.Key{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.NotPanics(t, func() {
				require.Nil(t, tc.key.Share())
				require.Equal(t, transport.PartyID(0), tc.key.Self())
				require.Nil(t, tc.key.GroupKey())
				require.Empty(t, tc.key.Retired())
				b, err := tc.key.MarshalBinary()
				require.ErrorIs(t, err, dkls23.ErrKey)
				require.Nil(t, b)
			})
		})
	}
}
