package refresh

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
)

// fakeTenant is a tenant of total connections con_00000 ..., answering
// the client's calls in memory; calls counts them as the API would (a
// listing is one call a page), with the probe answered after a delay, as a
// real tenant far away would: Terraform's first wave of reads has come by
// then, however busy the machine running the test is.
type fakeTenant struct {
	total      int
	probeDelay time.Duration
	mu         sync.Mutex
	calls      map[string]int
}

func newTenant(total int) *fakeTenant {
	return &fakeTenant{total: total, probeDelay: 100 * time.Millisecond, calls: map[string]int{}}
}

func (f *fakeTenant) count(call string, n int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls[call] += n
}

func (f *fakeTenant) conn(i int) auth0api.Connection {
	name, strategy := fmt.Sprintf("c%05d", i), "auth0"
	return auth0api.Connection{ID: fmt.Sprintf("con_%05d", i), Name: &name, Strategy: &strategy, Options: json.RawMessage(`{"i":` + strconv.Itoa(i) + `}`)}
}

func (f *fakeTenant) ReadConnection(_ context.Context, id string) (*auth0api.Connection, error) {
	f.count("GET "+id, 1)
	i, err := strconv.Atoi(strings.TrimPrefix(id, "con_"))
	if err != nil || i >= f.total {
		return nil, &auth0api.APIError{StatusCode: 404, Message: "The connection does not exist"}
	}
	c := f.conn(i)
	return &c, nil
}

func (f *fakeTenant) FirstConnectionsPage(context.Context) (int, []auth0api.Connection, error) {
	time.Sleep(f.probeDelay)
	f.count("probe", 1)
	var page []auth0api.Connection
	for i := range min(f.total, 100) {
		page = append(page, f.conn(i))
	}
	return f.total, page, nil
}

func (f *fakeTenant) ListConnections(_ context.Context, _ auth0api.ListFilter, fn func(*auth0api.Connection) bool) error {
	f.count("list", max(1, pages(f.total)))
	for i := range f.total {
		c := f.conn(i)
		if !fn(&c) {
			return nil
		}
	}
	return nil
}

func (f *fakeTenant) totalCalls() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, c := range f.calls {
		n += c
	}
	return n
}

func (f *fakeTenant) reads(id string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls["GET "+id]
}

func pages(total int) int { return (total + 99) / 100 }

// Refreshing N connections of a tenant of T (P = ⌈T/100⌉ pages), 10 at a
// time as Terraform does: the calls (the token aside) stay within the bound.
func TestBatchedRefreshCallCounts(t *testing.T) {
	cheaper := func(n, total int) int { return min(n, pages(total)+1) }
	for _, c := range []struct {
		name      string
		n, total  int
		lastRun   int64 // the hinted size each connection brings (0: no hint)
		bound     int
		boundWhat string
	}{
		// The first wave of ten reads settles it while P <= 11.
		{"small", 10, 20, 0, cheaper(10, 20), "min(N, P+1)"},
		{"medium", 100, 200, 0, cheaper(100, 200), "min(N, P+1)"},
		{"half the tenant", 500, 1000, 0, cheaper(500, 1000), "min(N, P+1)"},
		{"few in a large tenant", 3, 1000, 0, cheaper(3, 1000), "min(N, P+1)"},
		{"one in a huge tenant", 1, 5000, 0, cheaper(1, 5000), "min(N, P+1)"},
		{"the whole tenant", 1000, 1000, 0, cheaper(1000, 1000), "min(N, P+1)"},
		// Beyond that, the run sizes of the last run tell.
		{"half of a large tenant", 1000, 2000, 1000, cheaper(1000, 2000), "min(N, P+1)"},
		{"many in a huge tenant", 2000, 20000, 2000, cheaper(2000, 20000), "min(N, P+1)"},
		{"fewer than pages", 50, 6000, 50, cheaper(50, 6000), "min(N, P+1)"},
		{"a few in a huge tenant that a large run manages", 5, 20000, 5000, cheaper(5, 20000), "min(N, P+1)"},
		// Without them, the listing is bought once the reads have paid for it.
		{"half of a large tenant, first refresh", 1000, 2000, 0, 2*pages(2000) - 1, "2P-1"},
		{"fewer than pages, first refresh", 15, 2000, 0, cheaper(15, 2000), "min(N, P+1)"},
		// A -target of more than a wave of a large run's connections
		// costs what the whole run would.
		{"a wave of a large run", 30, 20000, 5000, pages(20000) + 1, "P+1"},
	} {
		t.Run(fmt.Sprintf("%s: N=%d,T=%d,last run %d", c.name, c.n, c.total, c.lastRun), func(t *testing.T) {
			f := newTenant(c.total)
			reader := NewReader(f)
			ids := make(chan int)
			var wg sync.WaitGroup
			var mu sync.Mutex
			var failures []string
			var sizes []int64
			hint := Hint{}
			if c.lastRun > 0 {
				hint = Hint{Size: c.lastRun, Epoch: currentEpoch()}
			}
			for range 10 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := range ids {
						id := fmt.Sprintf("con_%05d", i*(c.total/c.n))
						conn, next, err := reader.Read(context.Background(), id, hint)
						mu.Lock()
						sizes = append(sizes, next.Size)
						if err != nil || conn.ID != id || !strings.Contains(string(conn.Options), fmt.Sprintf(`"i":%d`, i*(c.total/c.n))) {
							failures = append(failures, fmt.Sprintf("%s: %v %v", id, conn, err))
						}
						mu.Unlock()
					}
				}()
			}
			// Terraform's order changes from run to run.
			for _, i := range rand.Perm(c.n) {
				ids <- i
			}
			close(ids)
			wg.Wait()
			if len(failures) > 0 {
				t.Fatalf("wrong reads: %v", failures[:min(3, len(failures))])
			}
			if got := f.totalCalls(); got > c.bound {
				t.Errorf("%d calls, want at most %s = %d", got, c.boundWhat, c.bound)
			}
			// A connection without a hint gets its rank in the run; one
			// with a hint of this epoch keeps it.
			slices.Sort(sizes)
			if c.lastRun == 0 && (sizes[0] != 1 || sizes[len(sizes)-1] != int64(c.n)) {
				t.Errorf("new hints of sizes %d to %d, want 1 to %d", sizes[0], sizes[len(sizes)-1], c.n)
			}
			if c.lastRun > 0 && (sizes[0] != c.lastRun || sizes[len(sizes)-1] != c.lastRun) {
				t.Errorf("hints of sizes %d to %d, want all kept at %d", sizes[0], sizes[len(sizes)-1], c.lastRun)
			}
		})
	}
}

// The hints of a refresh tell the next ones to list early, though each read
// brings only its own (Terraform's order differs from run to run); they stay
// as they are for an epoch, and then follow a configuration that shrank.
func TestHintsAcrossRuns(t *testing.T) {
	const total = 2000 // P = 20 pages
	f := newTenant(total)
	first := NewReader(f)
	hints := make([]Hint, 1000)
	// refresh reads the first n connections in a new provider process in
	// the given epoch, keeps the hints it returns, and reports its calls and
	// how many hints changed.
	refresh := func(n int, epoch int64) (calls, changed int) {
		reader := first
		if epoch >= 0 {
			reader = NewReader(f)
			reader.epoch = func() int64 { return epoch }
		}
		before := f.totalCalls()
		ids := make(chan int)
		var wg sync.WaitGroup
		var mu sync.Mutex
		for range 10 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range ids {
					_, next, err := reader.Read(context.Background(), fmt.Sprintf("con_%05d", 2*i), hints[i])
					if err != nil {
						t.Error(err)
					}
					mu.Lock()
					if next != hints[i] {
						changed++
					}
					hints[i] = next
					mu.Unlock()
				}
			}()
		}
		for _, i := range rand.Perm(n) {
			ids <- i
		}
		close(ids)
		wg.Wait()
		return f.totalCalls() - before, changed
	}
	const epoch = 700
	first.epoch = func() int64 { return epoch }
	if calls, changed := refresh(1000, -1); changed != 1000 || calls > 2*pages(total)-1 {
		t.Errorf("first refresh: %d calls (want at most 2P-1), %d hints set (want 1000)", calls, changed)
	}
	for run := range 2 {
		if calls, changed := refresh(1000, epoch); calls > pages(total)+1 || changed != 0 {
			t.Errorf("refresh %d of the epoch: %d calls (want at most P+1 = %d), %d hints changed (want none)", run+2, calls, pages(total)+1, changed)
		}
	}
	// A new epoch: the old hints still count, and are set anew once.
	if calls, changed := refresh(1000, epoch+1); calls > pages(total)+1 || changed != 1000 {
		t.Errorf("first refresh of the next epoch: %d calls, %d hints set anew (want at most %d and 1000)", calls, changed, pages(total)+1)
	}
	// The configuration shrinks to 15 connections, fewer than the pages:
	// the old hints make it list until the next epoch sets them anew.
	if calls, _ := refresh(15, epoch+1); calls > pages(total)+1 {
		t.Errorf("after the shrink: %d calls", calls)
	}
	refresh(15, epoch+2)
	if calls, changed := refresh(15, epoch+2); calls > 15+1 || changed != 0 {
		t.Errorf("the shrunk configuration, once its hints were set anew: %d calls (want at most N+1 = 16), %d hints changed", calls, changed)
	}
}

// What the client wrote is read fresh, never from the listing.
func TestReadAfterWrite(t *testing.T) {
	f := newTenant(50)
	reader := NewReader(f)
	if _, _, err := reader.Read(context.Background(), "con_00001", Hint{}); err != nil {
		t.Fatal(err)
	}
	reader.Written("con_00002")
	if _, _, err := reader.Read(context.Background(), "con_00002", Hint{}); err != nil {
		t.Fatal(err)
	}
	if got := f.reads("con_00002"); got != 1 {
		t.Errorf("a connection written in this run was served from the listing (%d GETs)", got)
	}
	// A connection the complete listing lacks is asked for: 404 tells.
	if _, _, err := reader.Read(context.Background(), "con_00051", Hint{}); !auth0api.IsNotFound(err) {
		t.Errorf("err = %v, want a 404", err)
	}
}

// A read whose context ends while the probe is under way does not stop the
// probe the other reads wait for, and no lock is held across it: a
// connection written meanwhile is marked at once.
func TestProbeOutlivesTheReadThatStartedIt(t *testing.T) {
	f := newTenant(50)
	f.probeDelay = 2 * time.Second
	reader := NewReader(f)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	go func() { _, _, _ = reader.Read(ctx, "con_00001", Hint{}) }()
	time.Sleep(20 * time.Millisecond)
	done := make(chan struct{})
	go func() { reader.Written("con_00003"); close(done) }()
	select {
	case <-done:
	case <-time.After(time.Second):
		t.Fatal("Written waited for the probe: a lock is held across a call")
	}
	if _, _, err := reader.Read(context.Background(), "con_00004", Hint{}); err != nil {
		t.Fatal(err)
	}
	f.mu.Lock()
	probes := f.calls["probe"]
	f.mu.Unlock()
	if got := probes; got != 1 {
		t.Errorf("%d probes, want 1", got)
	}
	if got := f.reads("con_00004"); got != 0 {
		t.Errorf("con_00004 was read with a GET, not from the probe's page")
	}
}

// The first wave of a refresh may trickle in (a busy machine): the reads
// that come before it is whole wait for it too, instead of buying GETs the
// listing saves.
func TestAWaveThatTricklesInStillLists(t *testing.T) {
	const total = 2000 // P = 20 pages
	f := newTenant(total)
	epoch := func() int64 { return 700 }
	hints := make([]Hint, 100)
	run := func(delay time.Duration) int {
		reader := NewReader(f)
		reader.epoch = epoch
		before := f.totalCalls()
		var wg sync.WaitGroup
		var mu sync.Mutex
		for w := range 10 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				time.Sleep(time.Duration(w) * delay)
				for i := w; i < len(hints); i += 10 {
					mu.Lock()
					hint := hints[i]
					mu.Unlock()
					_, next, err := reader.Read(context.Background(), fmt.Sprintf("con_%05d", 2*i), hint)
					if err != nil {
						t.Error(err)
					}
					mu.Lock()
					hints[i] = next
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		return f.totalCalls() - before
	}
	run(0) // sets the hints: a run of 100 in a tenant of 20 pages
	if calls := run(30 * time.Millisecond); calls > pages(total)+1 {
		t.Errorf("a wave arriving over 270 ms: %d calls, want at most P+1 = %d (one listing, no GET)", calls, pages(total)+1)
	}
}
