package ot_test

import (
	"bytes"
	"fmt"

	"github.com/mosaic-mpc/mosaic/internal/ot"
)

// One pairwise setup and one batch of 256 random OTs between party 1 (the
// extension sender) and party 2 (the receiver). A real run moves the three
// messages over an authenticated channel; here they only pass through
// their encodings.
func Example() {
	sess := ot.Session{ID: []byte("example session"), Sender: 1, Receiver: 2}

	sender, req, err := ot.NewSender(sess, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	receiver, err := ot.NewReceiver(sess)
	if err != nil {
		fmt.Println(err)
		return
	}
	wire, _ := req.MarshalBinary() // sender -> receiver
	req, err = ot.ParseSetupRequest(wire)
	if err != nil {
		fmt.Println(err)
		return
	}
	resp, err := receiver.Setup(req, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	wire, _ = resp.MarshalBinary() // receiver -> sender
	if resp, err = ot.ParseSetupResponse(wire); err != nil {
		fmt.Println(err)
		return
	}
	if err := sender.FinishSetup(resp); err != nil {
		fmt.Println(err)
		return
	}

	choices := bytes.Repeat([]byte{0b10110010}, 256/8)
	msg, got, err := receiver.Extend(choices, 256, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	wire, _ = msg.MarshalBinary() // receiver -> sender
	if msg, err = ot.ParseExtendMessage(wire); err != nil {
		fmt.Println(err)
		return
	}
	both, err := sender.Extend(msg, 256)
	if err != nil {
		fmt.Println(err)
		return
	}

	matches := 0
	for j, m := range got.Messages {
		c := choices[j/8] >> (j % 8) & 1
		if both.Messages[j][c] == m && both.Messages[j][1-c] != m {
			matches++
		}
	}
	fmt.Printf("setup %d + %d bytes, extension %d bytes\n", ot.SetupRequestSize, ot.SetupResponseSize, len(wire))
	fmt.Printf("%d of %d OTs correct\n", matches, len(got.Messages))
	// Output:
	// setup 8193 + 4097 bytes, extension 12333 bytes
	// 256 of 256 OTs correct
}
