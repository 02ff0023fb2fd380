package emulator

import (
	"encoding/base64"
	"slices"
	"strconv"
	"strings"
)

// Checkpoint cursors ("next", "from") carry the sequence number of the last
// item returned, so pages stay stable while items are added or deleted.
const cursorPrefix = "seq:"

func encodeCursor(seq uint64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(cursorPrefix + strconv.FormatUint(seq, 10)))
}

func decodeCursor(s string) (uint64, bool) {
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return 0, false
	}
	digits, ok := strings.CutPrefix(string(raw), cursorPrefix)
	if !ok {
		return 0, false
	}
	seq, err := strconv.ParseUint(digits, 10, 64)
	return seq, err == nil
}

// fromParam decodes the validated ?from= cursor; without one, paging starts
// at the beginning.
func fromParam(q map[string]any) (uint64, error) {
	from, ok := stringParam(q, "from")
	if !ok {
		return 0, nil
	}
	seq, ok := decodeCursor(from)
	if !ok {
		return 0, queryViolation(&violation{msg: "Invalid value \"" + from + "\"", path: "from", desc: "Optional Id from which to start selection."})
	}
	return seq, nil
}

// checkpoint returns up to take items that follow the cursor position after,
// in seq order, and the cursor of the next page ("" on the last page).
func checkpoint[T any](items []T, seq func(T) uint64, after uint64, take int) ([]T, string) {
	start := slices.IndexFunc(items, func(item T) bool { return seq(item) > after })
	if start < 0 {
		return nil, ""
	}
	end := min(start+take, len(items))
	if end == len(items) {
		return items[start:end], ""
	}
	return items[start:end], encodeCursor(seq(items[end-1]))
}
