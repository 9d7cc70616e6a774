package cggmp_test

import (
	"bytes"
	"encoding/hex"
	"math"
	"testing"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/stretchr/testify/require"
)

// eip155Decimal converts a non-negative decimal integer below 2^256 to 32
// bytes big-endian (schoolbook: times ten plus the digit), so the test can
// carry the EIP's numbers exactly as the EIP prints them.
func eip155Decimal(t *testing.T, s string) []byte {
	out := make([]byte, 32)
	for _, ch := range s {
		require.True(t, ch >= '0' && ch <= '9', "digit %q", ch)
		carry := int(ch - '0')
		for i := len(out) - 1; i >= 0; i-- {
			v := int(out[i])*10 + carry
			out[i], carry = byte(v), v>>8
		}
		require.Zero(t, carry, "%s does not fit in 32 bytes", s)
	}
	return out
}

func eip155Hex(t *testing.T, s string) []byte {
	b, err := hex.DecodeString(s)
	require.NoError(t, err)
	return b
}

// TestEthereumEIP155Example checks the example transaction of EIP-155
// ("Simple replay attack protection", Vitalik Buterin, 2016,
// https://eips.ethereum.org/EIPS/eip-155, section "Example"): the
// transaction nonce = 9, gasprice = 20·10^9, startgas = 21000,
// to = 0x3535...35, value = 10^18, empty data, on chain id 1, has the
// signing hash below; signed with the private key of 32 bytes 0x46 it
// gets (v, r, s) = (37, r, s) with the decimal r and s below, and the
// signed transaction ends in 25 a0 r a0 s (v = 0x25 = 37, then r and s in
// hex, which this test also checks against the decimals).
func TestEthereumEIP155Example(t *testing.T) {
	c := curve.Secp256k1()
	hash := eip155Hex(t, "daf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53")
	priv, err := c.DecodeScalar(bytes.Repeat([]byte{0x46}, 32))
	require.NoError(t, err)
	pub := c.ScalarBaseMult(priv)
	const (
		eipV = 37
		eipR = "18515461264373351373200002665853028612451056578545711640558177340181847433846"
		eipS = "46948507304638947509940763649030358759909902576025900602547168820602576006531"
		// From the EIP's signed transaction 0xf86c...: r and s as RLP
		// strings (a0 = 32 bytes follow).
		eipRHex = "28ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276"
		eipSHex = "67cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83"
	)
	rBytes, sBytes := eip155Decimal(t, eipR), eip155Decimal(t, eipS)
	require.Equal(t, eip155Hex(t, eipRHex), rBytes, "the EIP's decimal r is its hex r")
	require.Equal(t, eip155Hex(t, eipSHex), sBytes, "the EIP's decimal s is its hex s")

	sig, err := cggmp.ParseSignature(append(rBytes, sBytes...))
	require.NoError(t, err)
	// EIP-155: v = {0,1} + CHAIN_ID·2 + 35, so v = 37 on chain 1 means y
	// parity 0.
	const chainID = 1
	sig.RecoveryID = eipV - 35 - 2*chainID
	require.Equal(t, byte(0), sig.RecoveryID)

	require.NoError(t, cggmp.Verify(pub, hash, sig))
	require.NoError(t, cggmp.VerifyLowS(pub, hash, sig), "the EIP's s is low (EIP-2)")
	recovered, err := cggmp.RecoverPublicKey(hash, sig)
	require.NoError(t, err)
	require.True(t, recovered.Equal(pub), "the recovery id that v = 37 implies recovers the signer")
	wrong := *sig
	wrong.RecoveryID ^= 1
	other, err := cggmp.RecoverPublicKey(hash, &wrong)
	require.NoError(t, err)
	require.False(t, other.Equal(pub), "the other parity recovers another key")

	v, err := sig.EIP155V(chainID)
	require.NoError(t, err)
	require.Equal(t, uint64(eipV), v)
	legacy, err := sig.EcrecoverV()
	require.NoError(t, err)
	require.Equal(t, byte(27), legacy)
	parity, err := sig.YParity()
	require.NoError(t, err)
	require.Equal(t, byte(0), parity)
	require.Equal(t, byte(27), sig.Ethereum()[64])
}

func TestEthereumV(t *testing.T) {
	c := curve.Secp256k1()
	sig := func(recid byte) *cggmp.Signature {
		return &cggmp.Signature{R: c.ScalarFromUint64(1), S: c.ScalarFromUint64(2), RecoveryID: recid}
	}
	tests := []struct {
		name     string
		sig      *cggmp.Signature
		chainID  uint64
		parity   byte
		ecrecV   byte
		eip155V  uint64
		recErr   error // of all three
		chainErr error // of EIP155V alone
	}{
		{"mainnet, even y", sig(0), 1, 0, 27, 37, nil, nil},
		{"mainnet, odd y", sig(1), 1, 1, 28, 38, nil, nil},
		{"Polygon (137), odd y", sig(1), 137, 1, 28, 310, nil, nil},
		{"largest chain id, odd y", sig(1), cggmp.MaxEIP155ChainID, 1, 28, math.MaxUint64 - 1, nil, nil},
		{"largest chain id, even y", sig(0), cggmp.MaxEIP155ChainID, 0, 27, math.MaxUint64 - 2, nil, nil},
		{"largest chain id is 2^63 - 19", sig(0), 1<<63 - 19, 0, 27, math.MaxUint64 - 2, nil, nil},
		{"chain id 0 is refused, not taken as no chain id", sig(0), 0, 0, 27, 0, nil, cggmp.ErrChainID},
		{"chain id that would overflow", sig(0), cggmp.MaxEIP155ChainID + 1, 0, 27, 0, nil, cggmp.ErrChainID},
		{"largest uint64 chain id", sig(1), math.MaxUint64, 1, 28, 0, nil, cggmp.ErrChainID},
		{"x(R) at least n, even y", sig(2), 1, 0, 0, 0, cggmp.ErrRecoveryID, nil},
		{"x(R) at least n, odd y", sig(3), 1, 0, 0, 0, cggmp.ErrRecoveryID, nil},
		{"out of range recovery id", sig(4), 1, 0, 0, 0, cggmp.ErrRecoveryID, nil},
		{"nil signature", nil, 1, 0, 0, 0, cggmp.ErrRecoveryID, nil},
		{"signature without s", &cggmp.Signature{R: c.ScalarFromUint64(1)}, 1, 0, 0, 0, cggmp.ErrRecoveryID, nil},
		{"P-256 signature", &cggmp.Signature{R: curve.P256().ScalarFromUint64(1), S: curve.P256().ScalarFromUint64(2)}, 1, 0, 0, 0, cggmp.ErrRecoveryID, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			parity, err := tc.sig.YParity()
			require.ErrorIs(t, err, tc.recErr)
			require.Equal(t, tc.parity, parity)
			ecrecV, err := tc.sig.EcrecoverV()
			require.ErrorIs(t, err, tc.recErr)
			require.Equal(t, tc.ecrecV, ecrecV)
			v, err := tc.sig.EIP155V(tc.chainID)
			switch {
			case tc.chainErr != nil:
				require.ErrorIs(t, err, tc.chainErr)
			case tc.recErr != nil:
				require.ErrorIs(t, err, tc.recErr)
			default:
				require.NoError(t, err)
			}
			require.Equal(t, tc.eip155V, v)
			if tc.recErr == nil {
				// The three conventions agree on the parity: v - 27 and
				// v - 35 - 2·chainID both give it back.
				require.Equal(t, tc.ecrecV-27, tc.parity)
				require.Equal(t, tc.sig.Ethereum()[64], tc.ecrecV)
			}
		})
	}
}
