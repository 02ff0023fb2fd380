package rpcctx_test

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/seedtf/terraform-provider-auth0/internal/rpcctx"
)

// actionsServer stands for a provider that serves actions.
type actionsServer struct {
	tfprotov6.ProviderServer
	calls []string
}

func (a *actionsServer) ValidateActionConfig(context.Context, *tfprotov6.ValidateActionConfigRequest) (*tfprotov6.ValidateActionConfigResponse, error) {
	a.calls = append(a.calls, "validate")
	return &tfprotov6.ValidateActionConfigResponse{}, nil
}

func (a *actionsServer) PlanAction(context.Context, *tfprotov6.PlanActionRequest) (*tfprotov6.PlanActionResponse, error) {
	a.calls = append(a.calls, "plan")
	return &tfprotov6.PlanActionResponse{}, nil
}

func (a *actionsServer) InvokeAction(ctx context.Context, _ *tfprotov6.InvokeActionRequest) (*tfprotov6.InvokeActionServerStream, error) {
	a.calls = append(a.calls, "invoke")
	if ctx.Value(payloadKey{}) != "logger" {
		a.calls = append(a.calls, "invoke without the RPC's context")
	}
	return &tfprotov6.InvokeActionServerStream{}, nil
}

// terraform-plugin-go finds the action RPCs by a type assertion on the
// server: the wrapper forwards them with the RPC's own context.
func TestWrapKeepsActions(t *testing.T) {
	inner := &actionsServer{}
	wrapped, ok := rpcctx.Wrap(inner).(tfprotov6.ActionServer)
	if !ok {
		t.Fatal("the wrapped server lost the action RPCs")
	}
	ctx := context.WithValue(context.Background(), payloadKey{}, "logger")
	if _, err := wrapped.ValidateActionConfig(ctx, &tfprotov6.ValidateActionConfigRequest{}); err != nil {
		t.Fatal(err)
	}
	if _, err := wrapped.PlanAction(ctx, &tfprotov6.PlanActionRequest{}); err != nil {
		t.Fatal(err)
	}
	if _, err := wrapped.InvokeAction(ctx, &tfprotov6.InvokeActionRequest{}); err != nil {
		t.Fatal(err)
	}
	if got := len(inner.calls); got != 3 || inner.calls[0] != "validate" || inner.calls[1] != "plan" || inner.calls[2] != "invoke" {
		t.Errorf("calls reaching the provider: %v", inner.calls)
	}
	// A server without actions answers them with an error, not a panic.
	bare, ok := rpcctx.Wrap(&recorder{}).(tfprotov6.ActionServer)
	if !ok {
		t.Fatal("the wrapped server does not answer action RPCs")
	}
	if _, err := bare.PlanAction(ctx, &tfprotov6.PlanActionRequest{}); err == nil {
		t.Error("a server without actions planned one")
	}
}
