// Package party is one party of the web example's 2-of-3 key: the same
// code runs the two server parties of examples/web and the browser party
// compiled to js/wasm (examples/web/wasm). Every step runs over a
// wsnet.Client to the example's relay, signed with the party's identity
// key (transport.Identity), in session ids every party derives alone from
// the plan's nonce through each protocol's SessionID helper.
//
// The steps are those of examples/parties: DKG on secp256k1 and on
// edwards25519 (dkg, Pedersen DKG with GJKR complaints), CGGMP21 aux-info
// (cggmp, section 3 of the paper), FROST signing in the Ed25519 and
// BIP-340 taproot suites (frost, RFC 9591), and CGGMP21 presigning and
// signing; then the shares are sealed with refresh/backup.
package party
