package bls

import (
	"bytes"
	"encoding/hex"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
)

// ethSignVectors are the nine "sign" cases of Ethereum's consensus BLS
// tests (ethereum/bls12-381-tests, release v0.1.2, sign/sign_case_*: the
// generator's three private keys times its three 32-byte messages), with
// the ciphersuite BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_, transcribed
// from those published values (the same nine appear in the test suites of
// several BLS libraries).
var ethSignVectors = []struct{ sk, msg, sig string }{
	{"328388aff0d4a5b7dc9205abd374e7e98f3cd9f3418edb4eafda5fb16473d216", "abababababababababababababababababababababababababababababababab",
		"ae82747ddeefe4fd64cf9cedb9b04ae3e8a43420cd255e3c7cd06a8d88b7c7f8638543719981c5d16fa3527c468c25f0026704a6951bde891360c7e8d12ddee0559004ccdbe6046b55bae1b257ee97f7cdb955773d7cf29adf3ccbb9975e4eb9"},
	{"47b8192d77bf871b62e87859d653922725724a5c031afeabc60bcef5ff665138", "abababababababababababababababababababababababababababababababab",
		"9674e2228034527f4c083206032b020310face156d4a4685e2fcaec2f6f3665aa635d90347b6ce124eb879266b1e801d185de36a0a289b85e9039662634f2eea1e02e670bc7ab849d006a70b2f93b84597558a05b879c8d445f387a5d5b653df"},
	{"328388aff0d4a5b7dc9205abd374e7e98f3cd9f3418edb4eafda5fb16473d216", "5656565656565656565656565656565656565656565656565656565656565656",
		"a4efa926610b8bd1c8330c918b7a5e9bf374e53435ef8b7ec186abf62e1b1f65aeaaeb365677ac1d1172a1f5b44b4e6d022c252c58486c0a759fbdc7de15a756acc4d343064035667a594b4c2a6f0b0b421975977f297dba63ee2f63ffe47bb6"},
	{"47b8192d77bf871b62e87859d653922725724a5c031afeabc60bcef5ff665138", "5656565656565656565656565656565656565656565656565656565656565656",
		"af1390c3c47acdb37131a51216da683c509fce0e954328a59f93aebda7e4ff974ba208d9a4a2a2389f892a9d418d618418dd7f7a6bc7aa0da999a9d3a5b815bc085e14fd001f6a1948768a3f4afefc8b8240dda329f984cb345c6363272ba4fe"},
	{"263dbd792f5b1be47ed85f8938c0f29586af0d3ac7b977f21c278fe1462040e3", "0000000000000000000000000000000000000000000000000000000000000000",
		"b6ed936746e01f8ecf281f020953fbf1f01debd5657c4a383940b020b26507f6076334f91e2366c96e9ab279fb5158090352ea1c5b0c9274504f4f0e7053af24802e51e4568d164fe986834f41e55c8e850ce1f98458c0cfc9ab380b55285a55"},
	{"47b8192d77bf871b62e87859d653922725724a5c031afeabc60bcef5ff665138", "0000000000000000000000000000000000000000000000000000000000000000",
		"b23c46be3a001c63ca711f87a005c200cc550b9429d5f4eb38d74322144f1b63926da3388979e5321012fb1a0526bcd100b5ef5fe72628ce4cd5e904aeaa3279527843fae5ca9ca675f4f51ed8f83bbf7155da9ecc9663100a885d5dc6df96d9"},
	{"328388aff0d4a5b7dc9205abd374e7e98f3cd9f3418edb4eafda5fb16473d216", "0000000000000000000000000000000000000000000000000000000000000000",
		"948a7cb99f76d616c2c564ce9bf4a519f1bea6b0a624a02276443c245854219fabb8d4ce061d255af5330b078d5380681751aa7053da2c98bae898edc218c75f07e24d8802a17cd1f6833b71e58f5eb5b94208b4d0bb3848cecb075ea21be115"},
	{"263dbd792f5b1be47ed85f8938c0f29586af0d3ac7b977f21c278fe1462040e3", "abababababababababababababababababababababababababababababababab",
		"91347bccf740d859038fcdcaf233eeceb2a436bcaaee9b2aa3bfb70efe29dfb2677562ccbea1c8e061fb9971b0753c240622fab78489ce96768259fc01360346da5b9f579e5da0d941e4c6ba18a0e64906082375394f337fa1af2b7127b0d121"},
	{"263dbd792f5b1be47ed85f8938c0f29586af0d3ac7b977f21c278fe1462040e3", "5656565656565656565656565656565656565656565656565656565656565656",
		"882730e5d03f6b42c3abc26d3372625034e1d871b65a8a6b900a56dae22da98abbe1b68f85e49fe7652a55ec3d0591c20767677e33e5cbb1207315c41a9ac03be39c2e7668edc043d6cb1d9fd93033caa8a1c5b0e84bedaeb6c64972503a43eb"},
}

// ethPubkey0 is the public key of the generator's first private key
// (263dbd…40e3), as the same test suite lists it.
const ethPubkey0 = "a491d1b0ecd9bb917989f0e74f0dea0422eac4a873e5e2644f368dffb9a6e20fd6e10c1b77654d067c0618f6e5a7f79a"

func mustDecodeHex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	require.NoError(t, err)
	return b
}

// TestEthereumSignVectors: Sign gives each published signature byte for
// byte; Verify accepts it, and refuses it on another message, under
// another key, and with one bit of it flipped (the suite's "verify" cases
// valid, wrong_pubkey and tampered_signature, built from the same data).
func TestEthereumSignVectors(t *testing.T) {
	c := curve.BLS12381G1()
	for i, v := range ethSignVectors {
		sk, err := c.DecodeScalar(mustDecodeHex(t, v.sk))
		require.NoError(t, err)
		pk, err := SkToPk(sk)
		require.NoError(t, err)
		msg := mustDecodeHex(t, v.msg)
		sig, err := POP().Sign(sk, msg)
		require.NoError(t, err)
		require.Equal(t, v.sig, hex.EncodeToString(sig.Bytes()), "case %d", i)

		decoded, err := DecodeSignature(mustDecodeHex(t, v.sig))
		require.NoError(t, err)
		require.NoError(t, POP().Verify(pk, msg, decoded))
		require.ErrorIs(t, POP().Verify(pk, bytes.Repeat([]byte{0x12}, 32), decoded), ErrInvalidSignature)
		other := ethSignVectors[(i+1)%len(ethSignVectors)]
		if other.sk != v.sk {
			osk, err := c.DecodeScalar(mustDecodeHex(t, other.sk))
			require.NoError(t, err)
			opk, err := SkToPk(osk)
			require.NoError(t, err)
			require.ErrorIs(t, POP().Verify(opk, msg, decoded), ErrInvalidSignature)
		}
		tampered := mustDecodeHex(t, v.sig)
		tampered[95] ^= 0x01
		if s, err := DecodeSignature(tampered); err == nil {
			require.ErrorIs(t, POP().Verify(pk, msg, s), ErrInvalidSignature)
		}
	}
	sk, err := c.DecodeScalar(mustDecodeHex(t, ethSignVectors[4].sk))
	require.NoError(t, err)
	pk, err := SkToPk(sk)
	require.NoError(t, err)
	require.Equal(t, ethPubkey0, hex.EncodeToString(pk.Bytes()))

	// sign_case_zero_privkey: the zero key has no signature.
	_, err = POP().Sign(c.NewScalar(), mustDecodeHex(t, ethSignVectors[0].msg))
	require.ErrorIs(t, err, ErrInput)
}

// TestEthereumAggregateVectors: the suite's aggregate and
// fast_aggregate_verify cases rebuilt from the sign vectors: the three
// keys' signatures on one message aggregate and verify; an extra key,
// the identity as a key ("infinity_pubkey"), no keys ("na_pubkeys") and
// the infinity signature are refused.
func TestEthereumAggregateVectors(t *testing.T) {
	c := curve.BLS12381G1()
	msg := mustDecodeHex(t, ethSignVectors[4].msg) // 32 zero bytes
	var pks []curve.Point
	var sigs []*Signature
	for _, v := range ethSignVectors[4:7] {
		sk, err := c.DecodeScalar(mustDecodeHex(t, v.sk))
		require.NoError(t, err)
		pk, err := SkToPk(sk)
		require.NoError(t, err)
		pks = append(pks, pk)
		s, err := DecodeSignature(mustDecodeHex(t, v.sig))
		require.NoError(t, err)
		sigs = append(sigs, s)
	}
	agg, err := Aggregate(sigs...)
	require.NoError(t, err)
	require.NoError(t, POP().FastAggregateVerify(pks, msg, agg))
	require.True(t, gnarkVerify(t, pks[0].Add(pks[1]).Add(pks[2]).Bytes(), agg.Bytes(), msg, DSTPOP))

	_, extra := randomKey(t)
	require.ErrorIs(t, POP().FastAggregateVerify(append(pks[:3:3], extra), msg, agg), ErrInvalidSignature)
	require.ErrorIs(t, POP().FastAggregateVerify(append(pks[:3:3], c.Identity()), msg, agg), ErrInvalidPublicKey)
	require.ErrorIs(t, POP().FastAggregateVerify(nil, msg, agg), ErrInput)

	infinity := make([]byte, 96)
	infinity[0] = 0xc0
	_, err = DecodeSignature(infinity)
	require.ErrorIs(t, err, ErrInvalidPoint)
	_, err = Aggregate()
	require.ErrorIs(t, err, ErrInput)
}
