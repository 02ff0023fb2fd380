package auth0api

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// tenantOf serves a tenant of total connections con_00000 ... for reads by
// id, offset pages with totals and checkpoint pages.
func tenantOf(total int) map[string]func(http.ResponseWriter, *http.Request, int) {
	conn := func(i int) Connection {
		name, strategy := fmt.Sprintf("c%05d", i), "auth0"
		return Connection{ID: fmt.Sprintf("con_%05d", i), Name: &name, Strategy: &strategy, Options: json.RawMessage(`{"i":` + strconv.Itoa(i) + `}`)}
	}
	list := func(w http.ResponseWriter, r *http.Request, _ int) {
		q := r.URL.Query()
		if q.Get("include_totals") == "true" {
			page, _ := strconv.Atoi(q.Get("page"))
			var items []Connection
			for i := page * 100; i < min(total, (page+1)*100); i++ {
				items = append(items, conn(i))
			}
			b, _ := json.Marshal(map[string]any{"total": total, "start": page * 100, "limit": 100, "connections": items})
			writeJSON(w, 200, string(b))
			return
		}
		from, _ := strconv.Atoi(q.Get("from"))
		var items []Connection
		for i := from; i < min(total, from+100); i++ {
			items = append(items, conn(i))
		}
		out := map[string]any{"connections": items}
		if from+100 < total {
			out["next"] = strconv.Itoa(from + 100)
		}
		b, _ := json.Marshal(out)
		writeJSON(w, 200, string(b))
	}
	one := func(w http.ResponseWriter, r *http.Request, _ int) {
		i, err := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/api/v2/connections/con_"))
		if err != nil || i >= total {
			writeJSON(w, 404, `{"statusCode":404,"error":"Not Found","message":"The connection does not exist","errorCode":"inexistent_connection"}`)
			return
		}
		b, _ := json.Marshal(conn(i))
		writeJSON(w, 200, string(b))
	}
	handlers := map[string]func(http.ResponseWriter, *http.Request, int){"GET /api/v2/connections": list}
	for i := range total + 5 {
		handlers[fmt.Sprintf("GET /api/v2/connections/con_%05d", i)] = one
	}
	return handlers
}

func (f *fakeAPI) total() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, c := range f.calls {
		n += c
	}
	return n
}

func pages(total int) int { return (total + 99) / 100 }

// withProbeLatency answers the first page with totals after 100ms, as a
// real tenant far away would: Terraform's first wave of reads has come by
// then, however busy the machine running the test is.
func withProbeLatency(handlers map[string]func(http.ResponseWriter, *http.Request, int)) map[string]func(http.ResponseWriter, *http.Request, int) {
	list := handlers["GET /api/v2/connections"]
	handlers["GET /api/v2/connections"] = func(w http.ResponseWriter, r *http.Request, n int) {
		if r.URL.Query().Get("include_totals") == "true" {
			time.Sleep(100 * time.Millisecond)
		}
		list(w, r, n)
	}
	return handlers
}

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
			f, client := newFake(t, withProbeLatency(tenantOf(c.total)))
			ids := make(chan int)
			var wg sync.WaitGroup
			var mu sync.Mutex
			var failures []string
			var sizes []int64
			hint := RefreshHint{}
			if c.lastRun > 0 {
				hint = RefreshHint{Size: c.lastRun, Epoch: currentEpoch()}
			}
			for range 10 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := range ids {
						id := fmt.Sprintf("con_%05d", i*(c.total/c.n))
						conn, next, err := client.ReadConnectionInBatch(context.Background(), id, hint)
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
			if got := f.total(); got > c.bound {
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
func TestRefreshHintsAcrossRuns(t *testing.T) {
	const total = 2000 // P = 20 pages
	f, first := newFake(t, withProbeLatency(tenantOf(total)))
	hints := make([]RefreshHint, 1000)
	// refresh reads the first n connections in a new provider process in
	// the given epoch, keeps the hints it returns, and reports its calls and
	// how many hints changed.
	refresh := func(n int, epoch int64) (calls, changed int) {
		client := first
		if epoch >= 0 {
			var err error
			client, err = New(context.Background(), Config{Domain: first.baseURL.String(), ClientID: "id", ClientSecret: "secret", MaxRequestRate: 1000})
			if err != nil {
				t.Fatal(err)
			}
			client.batch.epoch = func() int64 { return epoch }
		}
		before := f.total()
		ids := make(chan int)
		var wg sync.WaitGroup
		var mu sync.Mutex
		for range 10 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range ids {
					_, next, err := client.ReadConnectionInBatch(context.Background(), fmt.Sprintf("con_%05d", 2*i), hints[i])
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
		return f.total() - before, changed
	}
	const epoch = 700
	first.batch.epoch = func() int64 { return epoch }
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

// What this client wrote is read fresh, never from the listing.
func TestBatchedReadAfterWrite(t *testing.T) {
	f, client := newFake(t, tenantOf(50))
	if _, _, err := client.ReadConnectionInBatch(context.Background(), "con_00001", RefreshHint{}); err != nil {
		t.Fatal(err)
	}
	client.batch.markWritten("con_00002")
	if _, _, err := client.ReadConnectionInBatch(context.Background(), "con_00002", RefreshHint{}); err != nil {
		t.Fatal(err)
	}
	if got := f.count("GET /api/v2/connections/con_00002"); got != 1 {
		t.Errorf("a connection written in this run was served from the listing (%d GETs)", got)
	}
	// A connection the complete listing lacks is asked for: 404 tells.
	if _, _, err := client.ReadConnectionInBatch(context.Background(), "con_00051", RefreshHint{}); !IsNotFound(err) {
		t.Errorf("err = %v, want a 404", err)
	}
}
