package console

import (
	"flag"
	"fmt"
	"strconv"

	"github.com/mosaic-mpc/mosaic/paillier"
)

// levelValue is a flag.Value holding a Paillier security level, written
// as its bits: 112 or 128.
type levelValue struct{ p *paillier.SecurityLevel }

func (v levelValue) String() string {
	if v.p == nil {
		return ""
	}
	return strconv.Itoa(int(*v.p))
}

func (v levelValue) Set(s string) error {
	n, err := strconv.Atoi(s)
	if err != nil || !paillier.SecurityLevel(n).Valid() {
		return fmt.Errorf("want %d or %d", int(paillier.Level112), int(paillier.Level128))
	}
	*v.p = paillier.SecurityLevel(n)
	return nil
}

// LevelVar adds the -level flag, the security level of new CGGMP21 keys'
// Paillier moduli (112: 2048 bits, 128: 3072 bits), to fs, writing into p.
// Its default is paillier.DefaultLevel.
func LevelVar(fs *flag.FlagSet, p *paillier.SecurityLevel) {
	*p = paillier.DefaultLevel
	fs.Var(levelValue{p}, "level", "security level of new ECDSA keys' Paillier moduli: 112 (2048 bits, faster) or 128 (3072 bits)")
}
