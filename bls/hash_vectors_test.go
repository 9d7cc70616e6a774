package bls

import (
	"encoding/hex"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// rfc9380G2Vectors are the hash_to_curve vectors of RFC 9380, appendix
// J.10.1 (suite BLS12381G2_XMD:SHA-256_SSWU_RO_), transcribed from the
// RFC: P = (x0 + x1·u, y0 + y1·u), each coordinate big-endian hex.
var rfc9380G2Vectors = []struct {
	msg            string
	x0, x1, y0, y1 string
}{
	{
		msg: "",
		x0:  "0141ebfbdca40eb85b87142e130ab689c673cf60f1a3e98d69335266f30d9b8d4ac44c1038e9dcdd5393faf5c41fb78a",
		x1:  "05cb8437535e20ecffaef7752baddf98034139c38452458baeefab379ba13dff5bf5dd71b72418717047f5b0f37da03d",
		y0:  "0503921d7f6a12805e72940b963c0cf3471c7b2a524950ca195d11062ee75ec076daf2d4bc358c4b190c0c98064fdd92",
		y1:  "12424ac32561493f3fe3c260708a12b7c620e7be00099a974e259ddc7d1f6395c3c811cdd19f1e8dbf3e9ecfdcbab8d6",
	},
	{
		msg: "abc",
		x0:  "02c2d18e033b960562aae3cab37a27ce00d80ccd5ba4b7fe0e7a210245129dbec7780ccc7954725f4168aff2787776e6",
		x1:  "139cddbccdc5e91b9623efd38c49f81a6f83f175e80b06fc374de9eb4b41dfe4ca3a230ed250fbe3a2acf73a41177fd8",
		y0:  "1787327b68159716a37440985269cf584bcb1e621d3a7202be6ea05c4cfe244aeb197642555a0645fb87bf7466b2ba48",
		y1:  "00aa65dae3c8d732d10ecd2c50f8a1baf3001578f71c694e03866e9f3d49ac1e1ce70dd94a733534f106d4cec0eddd16",
	},
	{
		msg: "abcdef0123456789",
		x0:  "121982811d2491fde9ba7ed31ef9ca474f0e1501297f68c298e9f4c0028add35aea8bb83d53c08cfc007c1e005723cd0",
		x1:  "190d119345b94fbd15497bcba94ecf7db2cbfd1e1fe7da034d26cbba169fb3968288b3fafb265f9ebd380512a71c3f2c",
		y0:  "05571a0f8d3c08d094576981f4a3b8eda0a8e771fcdcc8ecceaf1356a6acf17574518acb506e435b639353c2e14827c8",
		y1:  "0bb5e7572275c567462d91807de765611490205a941a5a6af3b1691bfe596c31225d3aabdf15faff860cb4ef17c7c3be",
	},
	{
		msg: "q128_" + strings.Repeat("q", 128),
		x0:  "19a84dd7248a1066f737cc34502ee5555bd3c19f2ecdb3c7d9e24dc65d4e25e50d83f0f77105e955d78f4762d33c17da",
		x1:  "0934aba516a52d8ae479939a91998299c76d39cc0c035cd18813bec433f587e2d7a4fef038260eef0cef4d02aae3eb91",
		y0:  "14f81cd421617428bc3b9fe25afbb751d934a00493524bc4e065635b0555084dd54679df1536101b2c979c0152d09192",
		y1:  "09bcccfa036b4847c9950780733633f13619994394c23ff0b32fa6b795844f4a0673e20282d07bc69641cee04f5e5662",
	},
	{
		msg: "a512_" + strings.Repeat("a", 512),
		x0:  "01a6ba2f9a11fa5598b2d8ace0fbe0a0eacb65deceb476fbbcb64fd24557c2f4b18ecfc5663e54ae16a84f5ab7f62534",
		x1:  "11fca2ff525572795a801eed17eb12785887c7b63fb77a42be46ce4a34131d71f7a73e95fee3f812aea3de78b4d01569",
		y0:  "0b6798718c8aed24bc19cb27f866f1c9effcdbf92397ad6448b5c9db90d2b9da6cbabf48adc1adf59a1a28344e79d57e",
		y1:  "03a47f8e6d1763ba0cad63d6114c0accbef65707825a511b251a660a9b3994249ae4e63fac38b23da0c398689ee2ab52",
	},
}

// rfc9380G2DST is the tag of the RFC's vectors.
const rfc9380G2DST = "QUUX-V01-CS02-with-BLS12381G2_XMD:SHA-256_SSWU_RO_"

// TestHashToG2RFC9380Vectors checks HashToG2 byte for byte against RFC
// 9380's vectors: the uncompressed encoding is x1 || x0 || y1 || y0.
func TestHashToG2RFC9380Vectors(t *testing.T) {
	for _, v := range rfc9380G2Vectors {
		name := v.msg
		if len(name) > 8 {
			name = name[:8]
		}
		t.Run(name, func(t *testing.T) {
			want, err := hex.DecodeString(v.x1 + v.x0 + v.y1 + v.y0)
			require.NoError(t, err)
			got := HashToG2([]byte(v.msg), []byte(rfc9380G2DST))
			require.Equal(t, hex.EncodeToString(want), hex.EncodeToString(got.p.Bytes()))
			// The compressed form is x with the flags, and decodes back.
			back, err := DecodeSignature(got.Bytes())
			require.NoError(t, err)
			require.True(t, back.Equal(got))
			require.Equal(t, want[:96], append([]byte{got.Bytes()[0] & 0x1f}, got.Bytes()[1:]...))
		})
	}
}
