// Package agreementtest runs a protocol's machines over a simulated
// synchronous network with malicious parties, and checks the property of
// the agreement layer (docs/agreement.md): every honest party ends the run
// with the same outcome. Either all commit the same output, or all abort
// naming the same culprits, and never an honest one.
//
// The network delivers in lock-step ticks: every message sent in a tick
// arrives in the next one, in a fixed order. When a tick delivers nothing
// to a party that is still running, the round timeout passes for every
// running party at once (Expirer). This is the synchronous model the
// agreement layer assumes: an honest party's message always arrives before
// any timeout.
//
// A malicious party runs the honest machine, and a Behaviour rewrites what
// it sends, per recipient: it may drop a message, withhold the messages of
// some rounds, send different broadcasts to different parties, lie in its
// echo, send garbage or fall silent, re-signing whatever it changes with
// its own identity key. Random draws a seeded mix of these.
//
// It is a test-support package: only tests import it.
package agreementtest
