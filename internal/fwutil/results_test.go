package fwutil

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/list"
)

func TestResultsStopAtTheLimitAndWhenTerraformStops(t *testing.T) {
	var got int
	out := NewResults(list.ListRequest{Limit: 2}, func(list.ListResult) bool { got++; return true })
	if !out.Push(list.ListResult{}) || out.Push(list.ListResult{}) || out.Push(list.ListResult{}) {
		t.Error("with a limit of 2, the first push wants more and the others none")
	}
	if got != 2 {
		t.Errorf("%d results reached Terraform, want 2", got)
	}

	got = 0
	out = NewResults(list.ListRequest{}, func(list.ListResult) bool { got++; return false })
	if out.Push(list.ListResult{}) {
		t.Error("Terraform asked for no more, yet more were wanted")
	}
	out.Fail(list.ListResult{})
	if got != 1 {
		t.Errorf("%d results reached Terraform after it stopped the stream, want 1", got)
	}
}
