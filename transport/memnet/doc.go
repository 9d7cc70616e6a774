// Package memnet is an in-memory network for tests and examples: every
// party gets a [transport.Conn], and the test can make the network drop,
// delay, reorder, duplicate and corrupt messages per link ([Faults]), or
// play a malicious party with an interceptor ([Network.Intercept]) that
// rewrites, replaces or splits what that party sends (the adversary of the
// architecture's protocol contract, docs/architecture.md, and of the
// equivocation tests in SECURITY.md).
//
// Links are authenticated, as the [transport] package assumes: a Conn can
// only send messages whose From is its own party. Only an interceptor or
// [Network.Inject] can forge a sender. Every message is copied when sent
// and again per recipient, so parties never share a byte slice.
//
// Faults are random but reproducible: each link draws from its own
// [math/rand/v2.PCG] generator seeded from the network seed ([WithSeed])
// and the link, so the same seed makes the same choices for the same
// sequence of messages on a link. (math/rand is fine here: this is test
// infrastructure, not cryptography.) The interleaving of messages from
// different senders still depends on the scheduler, as on a real network.
//
// [Network.Close] cancels pending delayed deliveries and unblocks every
// Receive; the network leaves no goroutine behind.
package memnet
