package transport

// Inbox holds the messages of one completed round, per sender. It is handed
// to Round.Finalize. The payloads are private copies made when the messages
// were accepted, shared with no one, so Finalize may keep them.
type Inbox struct {
	round     int
	senders   []PartyID
	broadcast map[PartyID][]byte
	direct    map[PartyID][]byte
}

// Round returns the round these messages belong to.
func (in *Inbox) Round() int { return in.round }

// Senders returns, in increasing order, the parties this party received
// messages from in this round: every other party of Expect.From (every
// other party by default), or none when the round's only messages were
// direct ones this party does not receive. Each of them sent every message
// kind the round has for this party.
func (in *Inbox) Senders() []PartyID { return SortedCopy(in.senders) }

// Broadcast returns the payload of from's broadcast, or nil if the round has
// none (or from is not a sender).
func (in *Inbox) Broadcast(from PartyID) []byte { return in.broadcast[from] }

// Direct returns the payload of from's direct message to this party, or nil
// if the round has none (or from is not a sender).
func (in *Inbox) Direct(from PartyID) []byte { return in.direct[from] }
