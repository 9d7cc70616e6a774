package hd

import (
	"encoding/hex"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// Test cases of EIP-55 (repo ethereum/ERCs, ERCS/erc-55.md, "Test Cases").
var eip55Vectors = []string{
	"0x52908400098527886E0F7030069857D2E4169EE7", // all caps
	"0x8617E340B3D01FA5F11F306F4090FD50E238070D",
	"0xde709f2102306220921060314715629080e2fb77", // all lower
	"0x27b1fdb04752bbc536007a920d24acb045561c26",
	"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", // normal
	"0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
	"0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
	"0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
}

func TestEIP55Checksum(t *testing.T) {
	for _, want := range eip55Vectors {
		raw, err := hex.DecodeString(strings.ToLower(want[2:]))
		require.NoError(t, err)
		require.Equal(t, want, checksumAddress([20]byte(raw)))
	}
}

func TestEthereumAddress(t *testing.T) {
	// Private keys 1 and 2: the generator and 2G. Their addresses are the
	// well-known ones every Ethereum library documents for these keys.
	cases := map[uint64]string{
		1: "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf",
		2: "0x2B5AD5c4795c026514f8317c7a215E218DcCD6cF",
	}
	for k, want := range cases {
		require.Equal(t, want, EthereumAddress(secp.ScalarBaseMult(secp.ScalarFromUint64(k))))
	}
	require.Equal(t, "", EthereumAddress(nil))
	require.Equal(t, "", EthereumAddress(secp.Identity()))
	require.Equal(t, "", EthereumAddress(edPoint(t)))
}
