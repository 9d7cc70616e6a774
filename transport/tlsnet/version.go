package tlsnet

import "github.com/mosaic-mpc/mosaic/transport"

// peerSpeaksOtherVersion records that peer's last frame was in another
// wire version (ve names the peer and both versions) and wakes the open
// sessions it is a party of, whose Receive then returns the error. The
// frame itself closed its connection as any bad frame does; without this,
// a session would only see the peer fall silent and its run would time
// out naming it, hiding the cause.
//
// The record outlives the connection that carried the frame, so a session
// opened after the frame arrived, before the peer connects again, reports
// it too (the peer does not resend a frame it wrote). It is cleared by the
// next frame from the peer that decodes, the sign that the peer speaks this
// node's version again, and by the next connection to the peer
// (forgetOtherVersion): a peer that was rolled back or upgraded must not
// stay condemned by a frame of its former build.
func (n *Node) peerSpeaksOtherVersion(peer transport.PartyID, ve *transport.VersionError) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.otherVersion[peer] = ve
	for _, s := range n.sessions {
		if s.member[peer] {
			notify(s.signal)
		}
	}
}

// otherVersionLocked returns the wire version error of the lowest party of
// the session whose last frame was in another wire version, or nil. Called
// with n.mu held.
func (s *Session) otherVersionLocked() *transport.VersionError {
	if len(s.n.otherVersion) == 0 {
		return nil
	}
	for _, p := range s.to {
		if ve := s.n.otherVersion[p]; ve != nil {
			c := *ve // the caller may keep or change it
			return &c
		}
	}
	return nil
}

// forgetOtherVersion clears peer's wire-version record when a new
// connection to it is up (see peerSpeaksOtherVersion).
func (n *Node) forgetOtherVersion(peer transport.PartyID) {
	n.mu.Lock()
	defer n.mu.Unlock()
	delete(n.otherVersion, peer)
}
