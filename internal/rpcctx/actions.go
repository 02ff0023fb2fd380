package rpcctx

import (
	"context"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// withActions is the server of a provider that serves actions (Terraform
// 1.14 and later). terraform-plugin-go finds the action RPCs by a type
// assertion on the server it is given, which the embedded interface of
// server hides, so they are forwarded here. They go to the provider with
// their context unchanged: InvokeAction answers with a stream of events
// that is read after the call returns, and a run invokes few actions.
type withActions struct {
	*server
	actions tfprotov6.ActionServer
}

var _ tfprotov6.ActionServer = (*withActions)(nil)

func (s *withActions) ValidateActionConfig(ctx context.Context, req *tfprotov6.ValidateActionConfigRequest) (*tfprotov6.ValidateActionConfigResponse, error) {
	return s.actions.ValidateActionConfig(ctx, req)
}

func (s *withActions) PlanAction(ctx context.Context, req *tfprotov6.PlanActionRequest) (*tfprotov6.PlanActionResponse, error) {
	return s.actions.PlanAction(ctx, req)
}

func (s *withActions) InvokeAction(ctx context.Context, req *tfprotov6.InvokeActionRequest) (*tfprotov6.InvokeActionServerStream, error) {
	return s.actions.InvokeAction(ctx, req)
}
