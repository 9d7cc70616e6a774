package dudect

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"time"
)

// Threshold is the |t| above which two timing distributions are taken to
// differ: dudect's reference implementation reports "probably not constant
// time" beyond 10. At that value a chance difference between two samples
// of one distribution has probability far below 10^-20.
const Threshold = 10

// Result is the outcome of Measure.
type Result struct {
	// N is the number of measurements of class 0 and class 1.
	N [2]int
	// Median is the median duration of each class.
	Median [2]time.Duration
	// T is the Welch t statistic with the largest magnitude over the whole
	// sample and the cropped ones; its sign says which class was slower
	// (positive: class 0).
	T float64
}

// Leaks reports whether |T| exceeds Threshold.
func (r Result) Leaks() bool { return math.Abs(r.T) > Threshold }

// String formats the result for a test log.
func (r Result) String() string {
	return fmt.Sprintf("t = %.2f (threshold %d); class 0: %d runs, median %v; class 1: %d runs, median %v",
		r.T, Threshold, r.N[0], r.Median[0], r.N[1], r.Median[1])
}

// ErrSamples is returned when fewer than two measurements per class are
// asked for.
var ErrSamples = errors.New("dudect: need at least 4 samples")

// Measure times samples runs of an operation on inputs of two classes, the
// class of each run drawn from rnd (crypto/rand when nil). For each run,
// prepare(class) builds the input outside the timed region and returns the
// operation to time.
func Measure(samples int, rnd io.Reader, prepare func(class int) func()) (Result, error) {
	if samples < 4 {
		return Result{}, ErrSamples
	}
	if rnd == nil {
		rnd = rand.Reader
	}
	classes := make([]byte, samples)
	if _, err := io.ReadFull(rnd, classes); err != nil {
		return Result{}, fmt.Errorf("dudect: drawing classes: %w", err)
	}
	// The first two runs of each class are fixed so that both classes have
	// a variance, whatever the draw.
	copy(classes, []byte{0, 1, 0, 1})
	var m [2][]float64
	for _, c := range classes {
		class := int(c & 1)
		op := prepare(class)
		start := time.Now()
		op()
		m[class] = append(m[class], float64(time.Since(start)))
	}
	return analyse(m), nil
}

// analyse computes the result from the two classes' measurements (in
// nanoseconds).
func analyse(m [2][]float64) Result {
	var r Result
	for c := range m {
		r.N[c] = len(m[c])
		r.Median[c] = time.Duration(percentile(m[c], 0.5))
	}
	pooled := slices.Concat(m[0], m[1])
	r.T = welch(m[0], m[1])
	// The cropped tests drop the measurements above these percentiles of
	// the pooled sample.
	for _, p := range []float64{0.5, 0.75, 0.9, 0.95, 0.99} {
		limit := percentile(pooled, p)
		t := welch(below(m[0], limit), below(m[1], limit))
		if math.Abs(t) > math.Abs(r.T) {
			r.T = t
		}
	}
	return r
}

// welch returns Welch's t statistic for two samples: the difference of
// the means over its standard error. It is 0 when either sample has fewer
// than two values or both have no variance.
func welch(a, b []float64) float64 {
	if len(a) < 2 || len(b) < 2 {
		return 0
	}
	ma, va := meanVariance(a)
	mb, vb := meanVariance(b)
	se := math.Sqrt(va/float64(len(a)) + vb/float64(len(b)))
	if se == 0 {
		return 0
	}
	return (ma - mb) / se
}

// meanVariance returns the mean and the unbiased sample variance, by
// Welford's method (stable for large sums of similar values).
func meanVariance(x []float64) (mean, variance float64) {
	var m2 float64
	for i, v := range x {
		d := v - mean
		mean += d / float64(i+1)
		m2 += d * (v - mean)
	}
	return mean, m2 / float64(len(x)-1)
}

// percentile returns the p-quantile of x (nearest rank).
func percentile(x []float64, p float64) float64 {
	s := slices.Clone(x)
	slices.Sort(s)
	i := int(math.Ceil(p*float64(len(s)))) - 1
	return s[max(i, 0)]
}

// below returns the values of x not above limit.
func below(x []float64, limit float64) []float64 {
	var out []float64
	for _, v := range x {
		if v <= limit {
			out = append(out, v)
		}
	}
	return out
}
