package emulator

import (
	"math"
	"net/http"
	"slices"
	"strings"
)

// alwaysReturned are the fields Auth0 returns whatever ?fields= asks for.
var alwaysReturned = []string{"id", "is_domain_connection", "authentication", "connected_accounts"}

// fields is a ?fields=&include_fields= selection; nil names selects all.
type fields struct {
	names   []string
	include bool
}

func fieldSelection(q map[string]any) fields {
	list, ok := stringParam(q, "fields")
	if !ok {
		return fields{}
	}
	include, set := q["include_fields"].(bool)
	return fields{names: strings.Split(list, ","), include: include || !set}
}

func (f fields) apply(view map[string]any) map[string]any {
	if f.names == nil {
		return view
	}
	for key := range view {
		listed := slices.Contains(f.names, key)
		switch {
		case f.include && !listed && !slices.Contains(alwaysReturned, key):
			delete(view, key)
		case !f.include && listed && key != "id":
			delete(view, key)
		}
	}
	return view
}

// defaultPerPage and defaultTake are the page sizes the API documents.
const (
	defaultPerPage = 100
	defaultTake    = 50
)

// listConnections answers GET /connections in one of three shapes: a bare
// array without paging parameters (or with page/per_page alone), an offset
// page with include_totals=true, or a checkpoint page when from or take is
// present, which wins over the others.
func (s *Server) listConnections(w http.ResponseWriter, c call) error {
	q, err := readQuery(c.r.URL.Query(), listParams)
	if err != nil {
		return err
	}
	after, err := fromParam(q)
	if err != nil {
		return err
	}
	name, byName := stringParam(q, "name")
	strategies, _ := q["strategy"].([]any)
	matches := s.store.listConnections(func(conn *connection) bool {
		return (!byName || conn.name == name) &&
			(len(strategies) == 0 || slices.Contains(strategies, any(conn.strategy)))
	})
	sel := fieldSelection(q)
	views := func(items []listedConnection) []any {
		out := make([]any, len(items))
		for i, item := range items {
			out[i] = sel.apply(c.visible(item.view))
		}
		return out
	}

	_, hasFrom := q["from"]
	_, hasTake := q["take"]
	switch {
	case hasFrom || hasTake:
		page, next := checkpoint(matches, func(m listedConnection) uint64 { return m.seq }, after, intParam(q, "take", defaultTake))
		resp := map[string]any{"connections": views(page)}
		if next != "" {
			resp["next"] = next
		}
		writeJSON(w, http.StatusOK, resp)
	default:
		page, start, perPage, totals := offsetPage(q, matches, defaultPerPage)
		if !totals {
			writeJSON(w, http.StatusOK, views(page))
			return nil
		}
		writeJSON(w, http.StatusOK, map[string]any{
			"total": len(matches), "start": start, "limit": perPage, "connections": views(page),
		})
	}
	return nil
}

// offsetPage applies ?page=&per_page= to items. Without either (and
// without include_totals) it returns every item.
func offsetPage[T any](q map[string]any, items []T, defPerPage int) (page []T, start, perPage int, totals bool) {
	_, hasPage := q["page"]
	_, hasPerPage := q["per_page"]
	totals, _ = q["include_totals"].(bool)
	if !hasPage && !hasPerPage && !totals {
		return items, 0, 0, false
	}
	perPage = intParam(q, "per_page", defPerPage)
	start = math.MaxInt // for pages too far out to compute
	if pageNo := intParam(q, "page", 0); pageNo <= math.MaxInt/perPage {
		start = pageNo * perPage
	}
	lo := min(start, len(items))
	return items[lo:min(lo+perPage, len(items))], start, perPage, totals
}
