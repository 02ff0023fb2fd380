package main

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
	"time"
)

// printResults prints, per phase, each provider's calls, median wall time,
// the physical bound under a rate limit (calls / rate), peak RSS (the
// highest of the rounds) and the wall ratio ours/official; then the calls
// by route.
func printResults(w io.Writer, n int, rate float64, rounds int, peers []peer, results map[string][][]phaseRun) {
	limit := "no rate limit"
	if rate > 0 {
		limit = fmt.Sprintf("rate limit %g/s (burst %d)", rate, int(rate))
	}
	fmt.Fprintf(w, "N = %d managed connections, T = %d in the tenant, %s, median of %d round(s)\n\n", n, 2*n, limit, rounds)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	header := "phase\t"
	for _, p := range peers {
		header += p.name + " calls\t" + p.name + " wall\t"
		if rate > 0 {
			header += p.name + " bound\t" + p.name + " wall/bound\t"
		}
		header += p.name + " peak RSS\t"
	}
	if len(peers) > 1 {
		header += "wall ratio ours/official\t"
	}
	fmt.Fprintln(tw, header)
	for i, ph := range phases {
		line := ph.name + "\t"
		var walls []time.Duration
		for _, p := range peers {
			rs := results[p.name]
			var ws []time.Duration
			var peak int64
			for _, round := range rs {
				ws = append(ws, round[i].wall)
				peak = max(peak, round[i].peakRSS)
			}
			last := rs[len(rs)-1][i].calls
			wall := median(ws)
			walls = append(walls, wall)
			calls := fmt.Sprint(total(last))
			if n := refused(last); n > 0 {
				calls += fmt.Sprintf(" (%d 429)", n)
			}
			line += fmt.Sprintf("%s\t%.2f s\t", calls, wall.Seconds())
			if rate > 0 {
				bound := float64(limited(last)) / rate
				line += fmt.Sprintf("%.1f s\t%.2f\t", bound, wall.Seconds()/bound)
			}
			line += fmt.Sprintf("%.0f MB\t", float64(peak)/(1<<20))
		}
		if len(peers) > 1 {
			line += fmt.Sprintf("%.2f\t", walls[0].Seconds()/walls[1].Seconds())
		}
		fmt.Fprintln(tw, line)
	}
	tw.Flush()
	fmt.Fprintln(w, "\ncalls by method and route (last round; POST /oauth/token counts tokens issued):")
	for i, ph := range phases {
		for _, p := range peers {
			rs := results[p.name]
			fmt.Fprintf(w, "  %-20s %-16s %s\n", ph.name, p.name, byRoute(rs[len(rs)-1][i].calls))
		}
	}
	if rate > 0 {
		fmt.Fprintln(w, "\nbound: the least time the calls can take at the rate limit (the calls that took a token,\nall but POST /oauth/token and those answered 429, / rate).")
	}
	fmt.Fprintln(w)
}

// limited counts the calls that took a token of the tenant's rate limit:
// all but the token requests and those answered 429.
func limited(calls map[string]int) int {
	n := total(calls) - refused(calls)
	for k, v := range calls {
		if strings.HasPrefix(k, "POST /oauth/token") {
			n -= v
		}
	}
	return n
}

// refused counts the calls answered 429.
func refused(calls map[string]int) int {
	n := 0
	for k, v := range calls {
		if strings.HasSuffix(k, " (429)") {
			n += v
		}
	}
	return n
}

func byRoute(calls map[string]int) string {
	keys := make([]string, 0, len(calls))
	for k, v := range calls {
		if v > 0 {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, calls[k])
	}
	return strings.Join(parts, ", ")
}
