package transport

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestBlameError(t *testing.T) {
	member := map[PartyID]bool{1: true, 2: true, 3: true}
	tests := []struct {
		name  string
		items []*item
		want  map[PartyID][]PartyID
	}{
		{"no items", nil, nil},
		{"views only", []*item{{typ: itemView, author: 1}}, nil},
		{"one blame", []*item{{typ: itemBlame, author: 1, blamed: []PartyID{3}}}, map[PartyID][]PartyID{1: {3}}},
		{"merged and sorted", []*item{
			{typ: itemBlame, author: 2, blamed: []PartyID{3}},
			{typ: itemBlame, author: 2, blamed: []PartyID{1, 3}},
		}, map[PartyID][]PartyID{2: {1, 3}}},
		{"self-blame and outsiders dropped", []*item{
			{typ: itemBlame, author: 1, blamed: []PartyID{1, 9}},
			{typ: itemBlame, author: 3, blamed: []PartyID{2, 7}},
		}, map[PartyID][]PartyID{3: {2}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := blameError(tc.items, member)
			if tc.want == nil {
				require.NoError(t, err)
				return
			}
			var be *BlameError
			require.True(t, errors.As(errors.Join(ErrBlamed, err), &be))
			require.Equal(t, tc.want, be.Blames)
			require.Contains(t, be.Error(), "blames")
		})
	}
}
