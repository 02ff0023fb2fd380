package auth0api

import "sync"

// keyedMutex serializes work per key (a connection id) across all the
// resources one provider instance serves.
type keyedMutex struct {
	mu    sync.Mutex
	locks map[string]*sync.Mutex
}

func (k *keyedMutex) lock(key string) func() {
	k.mu.Lock()
	if k.locks == nil {
		k.locks = map[string]*sync.Mutex{}
	}
	m, ok := k.locks[key]
	if !ok {
		m = &sync.Mutex{}
		k.locks[key] = m
	}
	k.mu.Unlock()
	m.Lock()
	return m.Unlock
}

// LockConnection serializes changes to one connection's enabled clients
// inside this provider; call the returned function to unlock.
func (c *Client) LockConnection(id string) (unlock func()) {
	return c.connectionLocks.lock(id)
}
