module github.com/mosaic-mpc/mosaic/interop/starknet

go 1.26.8

require (
	github.com/mosaic-mpc/mosaic v0.0.0
	github.com/stretchr/testify v1.12.1
)

require (
	filippo.io/bigmod v0.1.0 // indirect
	filippo.io/edwards25519 v1.2.0 // indirect
	filippo.io/nistec v0.0.4 // indirect
	github.com/NethermindEth/juno v0.3.1 // indirect
	github.com/NethermindEth/starknet.go v0.7.0
	github.com/bits-and-blooms/bitset v1.25.0 // indirect
	github.com/cloudflare/circl v1.6.5 // indirect
	github.com/consensys/gnark-crypto v0.22.0 // indirect
	github.com/cronokirby/saferith v0.33.0 // indirect
	github.com/decred/dcrd/dcrec/secp256k1/v4 v4.4.1 // indirect
	github.com/fxamacker/cbor/v2 v2.4.0 // indirect
	github.com/gtank/ristretto255 v0.1.2 // indirect
	github.com/x448/float16 v0.8.4 // indirect
	go.yaml.in/yaml/v3 v3.0.5 // indirect
	golang.org/x/crypto v0.58.0 // indirect
	golang.org/x/sys v0.49.0 // indirect
)

replace github.com/mosaic-mpc/mosaic => ../..
