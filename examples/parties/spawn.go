package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/mosaic-mpc/mosaic/examples/jsonl"
	"github.com/mosaic-mpc/mosaic/local"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/tlsnet"
)

// spawn runs every party as a child process of this binary and gathers
// their output: their progress, prefixed, on stderr, and their signatures
// on stdout.
func spawn(ctx context.Context, o options, stdout, stderr io.Writer) error {
	ids := local.Parties(o.n)
	dir := o.pki
	if dir == "" {
		tmp, err := os.MkdirTemp("", "mosaic-parties-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	}
	addrs, nonce, exe, err := prepareSpawn(dir, ids)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "spawning %d parties (%d-of-%d) on %s, nonce %x\n", o.n, o.t, o.n, strings.Join(addrs, ","), nonce)

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		mu       sync.Mutex // guards stderr, stdout and the fields below
		lines    = map[transport.PartyID][]string{}
		firstErr error
		wg       sync.WaitGroup
	)
	start := time.Now()
	for _, id := range ids {
		args := []string{"-party", strconv.Itoa(int(id)), "-peers", strings.Join(addrs, ","),
			"-t", strconv.Itoa(o.t), "-pki", dir, "-nonce", hex.EncodeToString(nonce),
			"-aux-timeout", o.auxTimeout.String(), "-timeout", o.timeout.String(),
			"-level", strconv.Itoa(int(o.level))}
		if o.asJSON {
			args = append(args, "-json")
		}
		if o.verbose {
			args = append(args, "-v")
		}
		cmd := exec.CommandContext(ctx, exe, args...)
		cmd.WaitDelay = 5 * time.Second
		childOut, err := cmd.StdoutPipe()
		if err != nil {
			return err
		}
		childErr, err := cmd.StderrPipe()
		if err != nil {
			return err
		}
		if err := cmd.Start(); err != nil {
			return err
		}
		prefix := fmt.Sprintf("[party %d] ", id)
		wg.Go(func() {
			var pipes sync.WaitGroup
			pipes.Go(func() {
				forEachLine(childErr, func(l string) {
					mu.Lock()
					defer mu.Unlock()
					fmt.Fprintln(stderr, prefix+l)
				})
			})
			pipes.Go(func() {
				forEachLine(childOut, func(l string) {
					mu.Lock()
					defer mu.Unlock()
					if o.asJSON {
						lines[id] = append(lines[id], l)
					} else {
						fmt.Fprintln(stdout, prefix+l)
					}
				})
			})
			pipes.Wait()
			err := cmd.Wait()
			if err != nil {
				mu.Lock()
				if firstErr == nil && ctx.Err() == nil {
					firstErr = fmt.Errorf("party %d: %w", id, err)
				}
				mu.Unlock()
				// The others would only wait for it to time out.
				cancel()
			}
		})
	}
	wg.Wait()
	if firstErr != nil {
		return firstErr
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "all %d parties finished in %v\n", o.n, time.Since(start).Round(time.Millisecond))
	if o.asJSON {
		return printMerged(stdout, lines)
	}
	return nil
}

func forEachLine(r io.Reader, f func(string)) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		f(sc.Text())
	}
	// Drain whatever a scanner error left, so the child never blocks.
	io.Copy(io.Discard, r)
}

// freePorts picks n free TCP ports on 127.0.0.1. The ports are released
// before the children bind them, so another program could take one in
// between; a child then fails to listen and the run stops with that error.
func freePorts(n int) ([]string, error) {
	var addrs []string
	var lns []net.Listener
	defer func() {
		for _, ln := range lns {
			ln.Close()
		}
	}()
	for range n {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, err
		}
		lns = append(lns, ln)
		addrs = append(addrs, ln.Addr().String())
	}
	return addrs, nil
}

// printMerged checks that every signer printed the same signature for each
// scheme, verifies it independently, and prints it once to w.
func printMerged(w io.Writer, lines map[transport.PartyID][]string) error {
	type record struct {
		canon   string
		obj     map[string]any
		parties []transport.PartyID
	}
	order := []string{jsonl.ECDSA, jsonl.Ed25519, jsonl.BIP340}
	by := map[string]*record{}
	for id, ls := range lines {
		for _, l := range ls {
			var obj map[string]any
			if err := json.Unmarshal([]byte(l), &obj); err != nil {
				return fmt.Errorf("party %d printed %q: %w", id, l, err)
			}
			delete(obj, "party")
			canon, err := json.Marshal(obj) // sorted keys
			if err != nil {
				return err
			}
			scheme, _ := obj["scheme"].(string)
			r := by[scheme]
			if r == nil {
				r = &record{canon: string(canon), obj: obj}
				by[scheme] = r
			} else if r.canon != string(canon) {
				return fmt.Errorf("parties disagree on the %s signature:\n%s\n%s", scheme, r.canon, canon)
			}
			r.parties = append(r.parties, id)
		}
	}
	for _, scheme := range order {
		r := by[scheme]
		if r == nil {
			return fmt.Errorf("no %s signature", scheme)
		}
		var signers []transport.PartyID
		list, _ := r.obj["signers"].([]any)
		for _, v := range list {
			f, ok := v.(float64)
			if !ok {
				return fmt.Errorf("%s: bad signers field %v", scheme, r.obj["signers"])
			}
			signers = append(signers, transport.PartyID(f))
		}
		slices.Sort(r.parties)
		if !slices.Equal(signers, r.parties) {
			return fmt.Errorf("%s: signers %v, but printed by %v", scheme, signers, r.parties)
		}
		if err := verifyLine(r.obj); err != nil {
			return fmt.Errorf("%s: %w", scheme, err)
		}
		fmt.Fprintln(w, r.canon)
	}
	return nil
}

// prepareSpawn readies what every spawned run needs: the CA and party
// certificates in dir (written if missing), a free loopback port per
// party, a fresh run nonce, and this program's path to start the
// children with.
func prepareSpawn(dir string, ids []transport.PartyID) (addrs []string, nonce []byte, exe string, err error) {
	if _, err := os.Stat(filepath.Join(dir, tlsnet.CAFile)); errors.Is(err, os.ErrNotExist) {
		if err := tlsnet.WritePKI(dir, ids, "127.0.0.1"); err != nil {
			return nil, nil, "", err
		}
	}
	if addrs, err = freePorts(len(ids)); err != nil {
		return nil, nil, "", err
	}
	nonce = make([]byte, 32)
	if _, err := rand.Read(nonce); err != nil {
		return nil, nil, "", err
	}
	if exe, err = os.Executable(); err != nil {
		exe = os.Args[0]
	}
	return addrs, nonce, exe, nil
}
