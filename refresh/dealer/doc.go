// Package dealer holds the two TRUSTED-DEALER operations of the key
// lifecycle: [Import], which splits one existing secret key into threshold
// shares, and [Export], which puts shares back together into the secret key.
//
// # SINGLE POINT OF TRUST: READ BEFORE USE
//
// Both functions hold the whole secret key in one process. Whoever controls
// that process (its memory, its randomness, its logs, its machine) can sign
// alone, now and forever, and no refresh can take that back: refresh
// changes the shares, not the key. This is the opposite of what a
// threshold key is for, which is why these functions live here, apart from
// the everyday API of package refresh.
//
//   - Import is for bringing a key that already exists (a wallet's single
//     private key) under threshold control. Run it once, on an isolated
//     machine, hand each share to its holder over a confidential channel,
//     destroy the original key and the machine's state, and then run a
//     proactive refresh (refresh.New) so that the shares in use were never
//     seen by the dealer. A new key should never be imported: generate it
//     with a distributed key generation (package dkg), in which the key
//     never exists in one place.
//   - Export is for leaving threshold control for good (migration to
//     another system, a court order, an emergency recovery). It needs at
//     least t shares of one key and checks the result against the group
//     key. Once a key has been exported, treat it as a single-key wallet:
//     its shares no longer protect it.
//
// The sharing is Shamir's with Feldman commitments, as the trusted dealer
// of RFC 9591, Appendix C ([vss.Split]); the export is Lagrange
// interpolation at zero ([vss.Reconstruct]).
package dealer
