package auth0api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
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

// Refreshing N connections of a tenant of T, 10 at a time as Terraform
// does, costs at most min(N, ⌈T/100⌉ + 1) calls (the token aside).
func TestBatchedRefreshCallCounts(t *testing.T) {
	for _, c := range []struct{ n, total int }{{10, 20}, {100, 200}, {500, 1000}, {3, 1000}, {1, 5000}, {1000, 1000}} {
		t.Run(fmt.Sprintf("N=%d,T=%d", c.n, c.total), func(t *testing.T) {
			f, client := newFake(t, tenantOf(c.total))
			ids := make(chan int)
			var wg sync.WaitGroup
			var mu sync.Mutex
			var failures []string
			for range 10 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := range ids {
						id := fmt.Sprintf("con_%05d", i*(c.total/c.n))
						conn, err := client.ReadConnectionInBatch(context.Background(), id)
						if err != nil || conn.ID != id || !strings.Contains(string(conn.Options), fmt.Sprintf(`"i":%d`, i*(c.total/c.n))) {
							mu.Lock()
							failures = append(failures, fmt.Sprintf("%s: %v %v", id, conn, err))
							mu.Unlock()
						}
					}
				}()
			}
			for i := range c.n {
				ids <- i
			}
			close(ids)
			wg.Wait()
			if len(failures) > 0 {
				t.Fatalf("wrong reads: %v", failures[:min(3, len(failures))])
			}
			bound := min(c.n, (c.total+99)/100+1)
			if got := f.total(); got > bound {
				t.Errorf("%d calls, want at most %d", got, bound)
			}
		})
	}
}

// What this client wrote is read fresh, never from the listing.
func TestBatchedReadAfterWrite(t *testing.T) {
	f, client := newFake(t, tenantOf(50))
	if _, err := client.ReadConnectionInBatch(context.Background(), "con_00001"); err != nil {
		t.Fatal(err)
	}
	client.batch.markWritten("con_00002")
	if _, err := client.ReadConnectionInBatch(context.Background(), "con_00002"); err != nil {
		t.Fatal(err)
	}
	if got := f.count("GET /api/v2/connections/con_00002"); got != 1 {
		t.Errorf("a connection written in this run was served from the listing (%d GETs)", got)
	}
	// A connection the complete listing lacks is asked for: 404 tells.
	if _, err := client.ReadConnectionInBatch(context.Background(), "con_00051"); !IsNotFound(err) {
		t.Errorf("err = %v, want a 404", err)
	}
}
