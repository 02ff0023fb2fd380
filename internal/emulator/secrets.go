package emulator

import (
	"encoding/base64"
	"slices"
)

// Auth0 never shows options.configuration values again: it answers with an
// envelope-encrypted blob that is stable across reads, fresh after every
// write, and accepted back in a PATCH as "keep the current value". The
// emulator keeps the plaintext and shows random bytes of a similar shape: a
// per-connection key header, then a nonce and a ciphertext-sized tail.
const (
	sealKeySize   = 48
	sealNonceSize = 12
	sealTagSize   = 16
)

func seal(keyHeader []byte, plaintext string) string {
	tail := randomBytes(sealNonceSize + len(plaintext) + sealTagSize)
	return base64.StdEncoding.EncodeToString(slices.Concat(keyHeader, tail))
}

// setOptions stores opts, sealing configuration values. A value equal to the
// ciphertext currently shown for its key keeps the stored plaintext.
func (c *connection) setOptions(opts map[string]any) {
	sealed := map[string]string{}
	if cfg, ok := opts["configuration"].(map[string]any); ok {
		prev, _ := c.options["configuration"].(map[string]any)
		for key, v := range cfg {
			s, ok := v.(string)
			if !ok || s == "" { // Auth0 shows empty strings and nulls as they are
				continue
			}
			if shown, ok := c.sealed[key]; ok && s == shown {
				cfg[key] = prev[key]
				sealed[key] = shown
				continue
			}
			sealed[key] = seal(c.sealKey, s)
		}
	}
	c.options, c.sealed = opts, sealed
}

// publicOptions returns a copy of the options with configuration sealed.
func (c *connection) publicOptions() map[string]any {
	opts := cloneMap(c.options)
	if cfg, ok := opts["configuration"].(map[string]any); ok {
		for key, shown := range c.sealed {
			cfg[key] = shown
		}
	}
	return opts
}
