package refresh

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/vss"
)

// Share repair: Laing and Stinson's repairable threshold scheme (ePrint
// 2017/1155) in the three-step flow of ZcashFoundation/frost
// (frost-core/src/keys/repairable.rs), with commitments to the summands so
// that a bad helper is named. The package documentation gives the
// equations and the argument.

// RepairSet describes one repair: the key's public data, the helpers and
// the party whose share is lost. Helpers and the lost party must use the
// same set.
type RepairSet struct {
	public  *Public
	helpers []transport.PartyID // sorted
	lost    transport.PartyID
	zeta    map[transport.PartyID]curve.Scalar // ζ_i = λ_i(x_lost) among the helpers
	target  map[transport.PartyID]curve.Point  // ζ_i·X_i
}

// NewRepairSet checks and fixes a repair: pub must be valid, helpers a set
// of at least pub.Threshold share holders, and lost a share holder that is
// not a helper.
func NewRepairSet(pub *Public, helpers []transport.PartyID, lost transport.PartyID) (*RepairSet, error) {
	if pub == nil {
		return nil, fmt.Errorf("%w: no public key data", ErrConfig)
	}
	if err := pub.Validate(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	if err := transport.ValidateParties(helpers); err != nil {
		return nil, fmt.Errorf("%w: helpers: %w", ErrConfig, err)
	}
	for _, h := range helpers {
		if !transport.Contains(pub.Parties, h) {
			return nil, fmt.Errorf("%w: helper %d holds no share of the key", ErrConfig, h)
		}
	}
	switch {
	case len(helpers) < pub.Threshold:
		return nil, fmt.Errorf("%w: %d helpers for a threshold of %d", ErrConfig, len(helpers), pub.Threshold)
	case !transport.Contains(pub.Parties, lost):
		return nil, fmt.Errorf("%w: party %d holds no share of the key", ErrConfig, lost)
	case transport.Contains(helpers, lost):
		return nil, fmt.Errorf("%w: party %d cannot help repair its own share", ErrConfig, lost)
	}
	c := pub.Curve
	s := &RepairSet{
		public:  pub.Clone(),
		helpers: transport.SortedCopy(helpers),
		lost:    lost,
		zeta:    make(map[transport.PartyID]curve.Scalar, len(helpers)),
		target:  make(map[transport.PartyID]curve.Point, len(helpers)),
	}
	zetas, err := vss.LagrangeCoefficientsAt(c, idScalars(c, s.helpers), idScalar(c, lost))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	for i, h := range s.helpers {
		s.zeta[h] = zetas[i]
		s.target[h] = pub.PublicShares[h].VarTimeScalarMult(zetas[i])
	}
	return s, nil
}

// Public returns a copy of the key's public data.
func (s *RepairSet) Public() *Public { return s.public.Clone() }

// Helpers returns the helpers, in increasing order.
func (s *RepairSet) Helpers() []transport.PartyID { return slices.Clone(s.helpers) }

// Lost returns the party whose share is repaired.
func (s *RepairSet) Lost() transport.PartyID { return s.lost }

// RepairCommitment is helper i's public commitment to its summands: the
// points δ_{i→j}·G for every helper j, in increasing helper order.
type RepairCommitment struct {
	points []curve.Point
}

// Point returns δ_{i→j}·G, the commitment to the summand for helper j, or
// nil if j is not a helper.
func (rc *RepairCommitment) Point(s *RepairSet, j transport.PartyID) curve.Point {
	k, ok := slices.BinarySearch(s.helpers, j)
	if !ok || k >= len(rc.points) {
		return nil
	}
	return rc.points[k]
}

// Bytes encodes the commitment: the canonical points concatenated (the
// identity, possible for a zero summand, encodes as package curve writes
// it).
func (rc *RepairCommitment) Bytes() []byte {
	var out []byte
	for _, p := range rc.points {
		out = append(out, p.Bytes()...)
	}
	return out
}

// DecodeRepairCommitment parses a helper's commitment for set: exactly one
// point per helper, each canonical and in the prime-order group.
func DecodeRepairCommitment(s *RepairSet, b []byte) (*RepairCommitment, error) {
	c := s.public.Curve
	size, n := c.PointSize(), len(s.helpers)
	if len(b)%size != 0 || len(b)/size != n {
		return nil, fmt.Errorf("%w: repair commitment of %d bytes, want %d points", ErrBadCommitment, len(b), n)
	}
	pts, err := curve.DecodePoints(c, b, n, true)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadCommitment, err)
	}
	return &RepairCommitment{points: pts}, nil
}

// checkCommitment verifies Σ_j D_{i→j} = ζ_i·X_i for helper i.
func (s *RepairSet) checkCommitment(i transport.PartyID, rc *RepairCommitment) error {
	if rc == nil || len(rc.points) != len(s.helpers) {
		return fmt.Errorf("%w: missing or wrong-length commitment", ErrBadCommitment)
	}
	sum := s.public.Curve.Identity()
	for _, p := range rc.points {
		sum = sum.Add(p)
	}
	if !sum.Equal(s.target[i]) {
		return fmt.Errorf("%w: summands do not add up to the helper's weighted public share", ErrBadCommitment)
	}
	return nil
}

// checkDelta verifies δ_{i→j}·G = D_{i→j}. δ is secret (to j): constant-time
// base multiplication.
func (s *RepairSet) checkDelta(rc *RepairCommitment, j transport.PartyID, delta curve.Scalar) error {
	want := rc.Point(s, j)
	if delta == nil || want == nil || !s.public.Curve.ScalarBaseMult(delta).Equal(want) {
		return fmt.Errorf("%w: repair summand", ErrBadShare)
	}
	return nil
}

// sigmaPoint is Σ_i D_{i→j}, what σ_j·G must be.
func (s *RepairSet) sigmaPoint(cms map[transport.PartyID]*RepairCommitment, j transport.PartyID) curve.Point {
	sum := s.public.Curve.Identity()
	for _, i := range s.helpers {
		sum = sum.Add(cms[i].Point(s, j))
	}
	return sum
}

// RepairDeltas is helper i's output of step 1.
type RepairDeltas struct {
	// Helper is i.
	Helper transport.PartyID
	// Deltas maps every helper j to δ_{i→j}. SECRET: send each privately
	// (over an authenticated, confidential channel) to its helper; i keeps
	// Deltas[i].
	Deltas map[transport.PartyID]curve.Scalar
	// Commitment is public: send it to every other helper and to the lost
	// party.
	Commitment *RepairCommitment
}

// Zeroize overwrites the summands.
func (d *RepairDeltas) Zeroize() {
	for _, v := range d.Deltas {
		v.Zeroize()
	}
}

// RepairStep1 is a helper's first step: split ζ_i·x_i into one random
// summand per helper and commit to each. share must be a helper's share of
// the key in s. rand nil means crypto/rand.Reader.
func RepairStep1(s *RepairSet, share *dkg.KeyShare, rand io.Reader) (*RepairDeltas, error) {
	if share == nil {
		return nil, fmt.Errorf("%w: no key share", ErrConfig)
	}
	if err := share.Validate(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	if !PublicOf(share).Equal(s.public) {
		return nil, fmt.Errorf("%w: the share belongs to another key", ErrConfig)
	}
	if !transport.Contains(s.helpers, share.Self) {
		return nil, fmt.Errorf("%w: party %d is not a helper", ErrConfig, share.Self)
	}
	rand = orDefault(rand)
	c := s.public.Curve
	v := s.zeta[share.Self].Mul(share.Secret)
	defer v.Zeroize()
	out := &RepairDeltas{
		Helper:     share.Self,
		Deltas:     make(map[transport.PartyID]curve.Scalar, len(s.helpers)),
		Commitment: &RepairCommitment{points: make([]curve.Point, len(s.helpers))},
	}
	// Uniform summands for all helpers but the last, which gets the rest.
	rest := v.Add(c.NewScalar())
	last := len(s.helpers) - 1
	for k, j := range s.helpers[:last] {
		d, err := c.RandomScalar(rand)
		if err != nil {
			rest.Zeroize()
			out.Zeroize()
			return nil, fmt.Errorf("refresh: sampling a repair summand: %w", err)
		}
		out.Deltas[j] = d
		out.Commitment.points[k] = c.ScalarBaseMult(d)
		next := rest.Sub(d)
		rest.Zeroize()
		rest = next
	}
	out.Deltas[s.helpers[last]] = rest
	out.Commitment.points[last] = c.ScalarBaseMult(rest)
	return out, nil
}

// RepairStep2 is helper j's second step: check every helper's commitment
// and the summand it sent to j, and return σ_j = Σ_i δ_{i→j}, to send
// privately to the lost party. deltas and commitments map every helper
// (j included) to what it sent j. A failed check returns a
// *transport.AbortError naming every helper at fault.
func RepairStep2(s *RepairSet, self transport.PartyID, deltas map[transport.PartyID]curve.Scalar, commitments map[transport.PartyID]*RepairCommitment) (curve.Scalar, error) {
	if !transport.Contains(s.helpers, self) {
		return nil, fmt.Errorf("%w: party %d is not a helper", ErrConfig, self)
	}
	if err := s.complete(deltas, commitments); err != nil {
		return nil, err
	}
	if err := s.checkCommitments(commitments); err != nil {
		return nil, err
	}
	var blame transport.Blame
	for _, i := range s.helpers {
		blame.Add(i, s.checkDelta(commitments[i], self, deltas[i]))
	}
	if err := stepAbort(&blame, 2, "repair summand does not match its commitment"); err != nil {
		return nil, err
	}
	return s.sum(deltas), nil
}

// RepairStep3 is the lost party's last step: check every commitment and
// every σ_j, and return the repaired key share (with the public data of s).
// sigmas maps every helper to its σ_j. A failed check returns a
// *transport.AbortError naming every helper at fault.
func RepairStep3(s *RepairSet, sigmas map[transport.PartyID]curve.Scalar, commitments map[transport.PartyID]*RepairCommitment) (*dkg.KeyShare, error) {
	if err := s.complete(sigmas, commitments); err != nil {
		return nil, err
	}
	if err := s.checkCommitments(commitments); err != nil {
		return nil, err
	}
	var blame transport.Blame
	s.blameSigmas(&blame, sigmas, commitments)
	if err := stepAbort(&blame, 3, "repair sum"); err != nil {
		return nil, err
	}
	return s.combine(sigmas)
}

// errBadSigma is the reason for blaming a helper whose σ_j fails.
var errBadSigma = fmt.Errorf("%w: σ does not match the sum of the committed summands", ErrBadShare)

// blameSigmas blames every helper j not blamed yet whose σ_j is missing
// or whose σ_j·G differs from Σ_i D_{i→j} (a helper already blamed may
// have no σ to check). σ_j is secret: constant-time base multiplication.
func (s *RepairSet) blameSigmas(blame *transport.Blame, sigmas map[transport.PartyID]curve.Scalar, cms map[transport.PartyID]*RepairCommitment) {
	c := s.public.Curve
	for _, j := range s.helpers {
		if blame.Blamed(j) {
			continue
		}
		if sigmas[j] == nil || !c.ScalarBaseMult(sigmas[j]).Equal(s.sigmaPoint(cms, j)) {
			blame.Add(j, errBadSigma)
		}
	}
}

// combine adds checked σ values into the lost party's key share, and
// asserts that it matches the public share.
func (s *RepairSet) combine(sigmas map[transport.PartyID]curve.Scalar) (*dkg.KeyShare, error) {
	x := s.sum(sigmas)
	ks := s.public.keyShare(s.lost, x)
	if err := ks.Validate(); err != nil {
		x.Zeroize()
		return nil, fmt.Errorf("%w: repaired share: %w", ErrInvariant, err)
	}
	return ks, nil
}

// checkCommitments checks every helper's commitment, naming all failures.
func (s *RepairSet) checkCommitments(cms map[transport.PartyID]*RepairCommitment) error {
	var blame transport.Blame
	for _, i := range s.helpers {
		blame.Add(i, s.checkCommitment(i, cms[i]))
	}
	return stepAbort(&blame, 1, "repair commitment")
}

// stepAbort is blame's *transport.AbortError for a plain step function,
// located at the repair round that step corresponds to (a machine's
// rounds are located by the round framework instead).
func stepAbort(blame *transport.Blame, round int, reason string) error {
	err := blame.Err(reason)
	var ae *transport.AbortError
	if errors.As(err, &ae) {
		ae.Protocol, ae.Round = RepairProtocol, round
	}
	return err
}

// complete checks that values and commitments have an entry for every
// helper and nothing else: a missing entry is the caller's mistake.
func (s *RepairSet) complete(values map[transport.PartyID]curve.Scalar, cms map[transport.PartyID]*RepairCommitment) error {
	if len(values) != len(s.helpers) || len(cms) != len(s.helpers) {
		return fmt.Errorf("%w: %d values and %d commitments for %d helpers", ErrConfig, len(values), len(cms), len(s.helpers))
	}
	c := s.public.Curve
	for _, h := range s.helpers {
		v, cm := values[h], cms[h]
		if v == nil || cm == nil || v.Curve().ID() != c.ID() {
			return fmt.Errorf("%w: missing or wrong-curve entry for helper %d", ErrConfig, h)
		}
	}
	return nil
}

// sum adds the values of every helper.
func (s *RepairSet) sum(values map[transport.PartyID]curve.Scalar) curve.Scalar {
	return addValues(s.public.Curve.NewScalar(), values, s.helpers)
}

// orDefault returns crypto/rand.Reader for a nil reader (house rule).
func orDefault(r io.Reader) io.Reader {
	if r == nil {
		return rand.Reader
	}
	return r
}
