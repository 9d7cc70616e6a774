// Package mobile is mosaic for apps: a small API that gomobile can bind
// for Android (Java/Kotlin) and iOS (Objective-C/Swift). Its exported
// functions, methods, struct fields and callback interfaces use only the
// types gomobile binds: string, bool, int, int64, float64, []byte, error,
// pointers to this package's structs and this package's interfaces
// (mobile_test.go checks it).
//
// It wraps, for one party on the device:
//
//   - key generation: the dealerless DKG of package dkg (Pedersen DKG with
//     GJKR complaints) on secp256k1 or edwards25519;
//   - signing: FROST (RFC 9591) in the Ed25519 and BIP-340 taproot suites
//     (the BIP-341 key-path output key, no script tree);
//   - backup: the share sealed with refresh/backup under a passphrase;
//   - progress: a callback at each step and round.
//
// Messages travel through the app's Transport, a callback interface: the
// app moves encoded messages between the parties (over its own WebSocket,
// push channel or relay; transport/wsnet is one in Go). Every run is signed
// with the parties' Ed25519 identity keys (transport.Identity), so the
// app's channel needs no authenticity of its own for broadcasts; direct
// messages carry secret shares and must travel encrypted to their
// recipient (TLS to a relay that is trusted with them, or end-to-end
// sealing as wsnet does).
//
// Threshold ECDSA (CGGMP21) is not wrapped here: its aux-info needs a
// Paillier key whose generation takes seconds on a phone (see
// BENCHMARKS.md), and presigning is heavy; an app that needs ECDSA runs
// it with package cggmp in Go directly. FROST is what this package
// recommends on a device.
//
// Build for Android with gomobile (golang.org/x/mobile/cmd/gomobile, with
// the Android SDK and NDK installed):
//
//	go install golang.org/x/mobile/cmd/gomobile@latest
//	gomobile init
//	gomobile bind -target=android -androidapi 24 -o mosaic.aar ./mobile
//
// and -target=ios for an XCFramework on macOS.
package mobile
