package hd

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func addKeySeeds(f *testing.F) {
	for _, chain := range bip32Vectors {
		for _, node := range chain {
			f.Add(node.xpub)
			f.Add(node.xprv)
		}
	}
	f.Add("")
	f.Add("xpub")
	f.Add("1111111111111111111111111111111111111111111111111111111111111111111111111111111111")
}

// Whatever decodes re-encodes to the same string; nothing panics.
func FuzzParseExtendedKey(f *testing.F) {
	addKeySeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		k, err := ParseExtendedKey(s)
		if err != nil {
			return
		}
		require.NoError(t, k.Validate())
		require.Equal(t, s, k.String())
		_, err = k.Derive(Path{0, 1})
		if err != nil {
			require.ErrorIs(t, err, ErrDepth)
		}
	})
}

func FuzzParseExtendedPrivateKey(f *testing.F) {
	addKeySeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		k, err := ParseExtendedPrivateKey(s)
		if err != nil {
			return
		}
		pub, err := k.Public()
		require.NoError(t, err)
		require.NoError(t, pub.Validate())
		// re-serialize the private fields and compare
		data := append([]byte{0}, k.Secret.Bytes()...)
		require.Equal(t, s, base58CheckEncode(serialize(k.Version, k.Depth, k.ParentFingerprint, k.ChildNumber, k.ChainCode, data)))
	})
}

func FuzzBase58Decode(f *testing.F) {
	for _, v := range base58Vectors {
		f.Add(v[1])
	}
	f.Add("0OIl")
	f.Fuzz(func(t *testing.T, s string) {
		b, err := base58Decode(s)
		if err != nil {
			return
		}
		require.Equal(t, s, base58Encode(b))
		if p, err := base58CheckDecode(s); err == nil {
			require.Equal(t, s, base58CheckEncode(p))
		}
	})
}

func FuzzParsePath(f *testing.F) {
	for _, s := range []string{"m", "m/0/7", "m/44'/0h/1H/0/5", "m/2147483647", "m/2147483648", "m/01", "m//", "M/1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePath(s)
		if err == nil {
			require.False(t, p.IsHardened())
			back, err := ParsePath(p.String())
			require.NoError(t, err)
			require.Equal(t, p, back)
		}
		q, err := ParsePrivatePath(s)
		if err == nil {
			back, err := ParsePrivatePath(q.String())
			require.NoError(t, err)
			require.Equal(t, q, back)
			if p != nil {
				require.Equal(t, p, q)
			}
		}
	})
}
