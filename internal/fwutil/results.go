package fwutil

import "github.com/hashicorp/terraform-plugin-framework/list"

// Results pushes a list resource's results to Terraform, at most limit of
// them (0: no limit), and remembers whether Terraform asked for no more.
type Results struct {
	limit, pushed int64
	push          func(list.ListResult) bool
	stopped       bool
}

// NewResults serves the push function of a list stream under req's limit.
func NewResults(req list.ListRequest, push func(list.ListResult) bool) *Results {
	return &Results{limit: req.Limit, push: push}
}

// Push hands one result over and reports whether more are wanted: false
// once the limit is reached or Terraform asked for no more, so that a
// listing stops before it fetches what nobody will read.
func (r *Results) Push(result list.ListResult) bool {
	if r.stopped || (r.limit > 0 && r.pushed >= r.limit) {
		return false
	}
	r.pushed++
	if !r.push(result) {
		r.stopped = true
		return false
	}
	return r.limit <= 0 || r.pushed < r.limit
}

// Fail ends the stream with a result carrying the diagnostics of an error,
// unless Terraform asked for no more.
func (r *Results) Fail(result list.ListResult) {
	if !r.stopped {
		r.push(result)
	}
}
