package hd

import (
	"fmt"
	"strconv"
	"strings"
)

// HardenedOffset is 2^31, the first hardened child index; BIP-32 writes
// i_H = i + 2^31.
const HardenedOffset uint32 = 1 << 31

// MaxDepth is the deepest node the serialization can describe: its depth
// field is one byte.
const MaxDepth = 255

// Path is a BIP-32 derivation path: the child indices from a parent node
// down, so Path{0, 7} is m/0/7. An index >= HardenedOffset is hardened.
type Path []uint32

// ParsePath parses a non-hardened path such as "m/0/7" for public (and so
// threshold) derivation. "m" alone is the empty path. Components are
// decimal, without sign or leading zeros, below 2^31. A hardened component
// ("0'", "0h", "0H") or an index >= 2^31 is refused with ErrHardened:
// hardened derivation needs the parent private key, which no party of a
// threshold key holds.
func ParsePath(s string) (Path, error) {
	return parsePath(s, false)
}

// ParsePrivatePath parses a path that may contain hardened components,
// written with a suffix ', h or H ("m/44'/0h/1"). It is for derivation from
// an imported extended private key (ExtendedPrivateKey.Derive) only.
func ParsePrivatePath(s string) (Path, error) {
	return parsePath(s, true)
}

func parsePath(s string, allowHardened bool) (Path, error) {
	parts := strings.Split(s, "/")
	if parts[0] != "m" && parts[0] != "M" {
		return nil, fmt.Errorf("%w: %q must start with m", ErrPath, truncate(s))
	}
	parts = parts[1:]
	if len(parts) > MaxDepth {
		return nil, fmt.Errorf("%w: %d components", ErrDepth, len(parts))
	}
	p := make(Path, 0, len(parts))
	for pos, part := range parts {
		hardened := false
		if n := len(part); n > 0 && (part[n-1] == '\'' || part[n-1] == 'h' || part[n-1] == 'H') {
			hardened = true
			part = part[:n-1]
		}
		if !isCanonicalDecimal(part) {
			return nil, fmt.Errorf("%w: component %d %q", ErrPath, pos, truncate(part))
		}
		v, err := strconv.ParseUint(part, 10, 32)
		switch {
		case err != nil:
			return nil, fmt.Errorf("%w: component %d %q is out of range", ErrPath, pos, truncate(part))
		case v >= uint64(HardenedOffset) && !allowHardened:
			return nil, fmt.Errorf("%w: component %d is index %d >= 2^31", ErrHardened, pos, v)
		case v >= uint64(HardenedOffset):
			// one spelling per index: hardened ones take the suffix
			return nil, fmt.Errorf("%w: component %d: write index %d as %dh", ErrPath, pos, v, v-uint64(HardenedOffset))
		}
		if hardened {
			if !allowHardened {
				return nil, fmt.Errorf("%w: component %d %q is hardened", ErrHardened, pos, parts[pos])
			}
			v += uint64(HardenedOffset)
		}
		p = append(p, uint32(v))
	}
	return p, nil
}

// isCanonicalDecimal reports whether s is a non-empty run of ASCII digits
// without a leading zero (except "0" itself), so every index has exactly
// one spelling.
func isCanonicalDecimal(s string) bool {
	if s == "" || len(s) > 10 || (len(s) > 1 && s[0] == '0') {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// truncate keeps error messages short when the input is long.
func truncate(s string) string {
	if len(s) > 32 {
		return s[:32] + "..."
	}
	return s
}

// String formats the path as "m/0/7", hardened components with an h suffix
// ("m/0h/1"); ParsePrivatePath reads it back.
func (p Path) String() string {
	var b strings.Builder
	b.WriteString("m")
	for _, i := range p {
		b.WriteByte('/')
		if i >= HardenedOffset {
			b.WriteString(strconv.FormatUint(uint64(i-HardenedOffset), 10))
			b.WriteByte('h')
		} else {
			b.WriteString(strconv.FormatUint(uint64(i), 10))
		}
	}
	return b.String()
}

// IsHardened reports whether any component of p is hardened.
func (p Path) IsHardened() bool {
	return p.firstHardened() >= 0
}

// firstHardened returns the position of the first hardened component, or -1.
func (p Path) firstHardened() int {
	for pos, i := range p {
		if i >= HardenedOffset {
			return pos
		}
	}
	return -1
}

// checkPublic refuses hardened components and paths the depth byte cannot
// hold below a node at depth.
func (p Path) checkPublic(depth int) error {
	if pos := p.firstHardened(); pos >= 0 {
		return fmt.Errorf("%w: path %s, component %d", ErrHardened, p, pos)
	}
	return checkDepth(depth, len(p))
}

func checkDepth(depth, steps int) error {
	if depth+steps > MaxDepth {
		return fmt.Errorf("%w: depth %d plus %d steps", ErrDepth, depth, steps)
	}
	return nil
}
