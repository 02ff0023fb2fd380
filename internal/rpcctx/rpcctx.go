// Package rpcctx keeps the provider's memory flat over a long Terraform run.
//
// terraform-plugin-framework (v1.19) derives a cancelable context from every
// RPC's context and keeps its cancel function until StopProvider, so that
// Stop can cancel in-flight work. Terraform rarely calls StopProvider, so the
// context of every RPC a run makes stays reachable, and with it all that
// hangs off it: terraform-plugin-go's per-RPC loggers and gRPC's stream.
// That is about 12 KB per RPC, four RPCs per resource instance and run:
// ~150 MB at 1000 connections.
//
// Wrap hands the framework, for each per-instance RPC, a context that
// forwards to the RPC's context while the RPC runs and lets go of it when
// the RPC returns. The framework then retains a few hundred bytes per RPC,
// and StopProvider still cancels what is in flight.
package rpcctx

import (
	"context"
	"sync/atomic"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// Wrap returns a server that serves each per-instance RPC of s through a
// context that s cannot keep alive after the RPC returns. RPCs made once
// per run (schemas, provider configuration, Stop) go to s unchanged, and so
// do the action RPCs when s serves actions (see withActions).
func Wrap(s tfprotov6.ProviderServer) tfprotov6.ProviderServer {
	wrapped := &server{ProviderServer: s}
	if actions, ok := s.(tfprotov6.ActionServer); ok {
		return &withActions{server: wrapped, actions: actions}
	}
	return wrapped
}

var _ tfprotov6.ProviderServer = (*server)(nil)

type server struct {
	tfprotov6.ProviderServer
}

// serve calls f with a context released when f returns.
func serve[Req, Resp any](ctx context.Context, req Req, f func(context.Context, Req) (Resp, error)) (Resp, error) {
	scoped := newScoped(ctx)
	defer scoped.release()
	return f(scoped, req)
}

func (s *server) ValidateResourceConfig(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	return serve(ctx, req, s.ProviderServer.ValidateResourceConfig)
}

func (s *server) UpgradeResourceState(ctx context.Context, req *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, error) {
	return serve(ctx, req, s.ProviderServer.UpgradeResourceState)
}

func (s *server) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	return serve(ctx, req, s.ProviderServer.ReadResource)
}

func (s *server) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	return serve(ctx, req, s.ProviderServer.PlanResourceChange)
}

func (s *server) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	return serve(ctx, req, s.ProviderServer.ApplyResourceChange)
}

func (s *server) ImportResourceState(ctx context.Context, req *tfprotov6.ImportResourceStateRequest) (*tfprotov6.ImportResourceStateResponse, error) {
	return serve(ctx, req, s.ProviderServer.ImportResourceState)
}

func (s *server) MoveResourceState(ctx context.Context, req *tfprotov6.MoveResourceStateRequest) (*tfprotov6.MoveResourceStateResponse, error) {
	return serve(ctx, req, s.ProviderServer.MoveResourceState)
}

func (s *server) UpgradeResourceIdentity(ctx context.Context, req *tfprotov6.UpgradeResourceIdentityRequest) (*tfprotov6.UpgradeResourceIdentityResponse, error) {
	return serve(ctx, req, s.ProviderServer.UpgradeResourceIdentity)
}

func (s *server) GenerateResourceConfig(ctx context.Context, req *tfprotov6.GenerateResourceConfigRequest) (*tfprotov6.GenerateResourceConfigResponse, error) {
	return serve(ctx, req, s.ProviderServer.GenerateResourceConfig)
}

func (s *server) ValidateDataResourceConfig(ctx context.Context, req *tfprotov6.ValidateDataResourceConfigRequest) (*tfprotov6.ValidateDataResourceConfigResponse, error) {
	return serve(ctx, req, s.ProviderServer.ValidateDataResourceConfig)
}

func (s *server) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	return serve(ctx, req, s.ProviderServer.ReadDataSource)
}

// scoped is a context that forwards to its parent until released, and is
// then an empty context that references nothing of the parent but its done
// channel (closed by then for an RPC's context).
type scoped struct {
	parent atomic.Pointer[context.Context]
	done   <-chan struct{}
}

func newScoped(parent context.Context) *scoped {
	s := &scoped{done: parent.Done()}
	s.parent.Store(&parent)
	return s
}

func (s *scoped) release() { s.parent.Store(nil) }

func (s *scoped) Deadline() (time.Time, bool) {
	if p := s.parent.Load(); p != nil {
		return (*p).Deadline()
	}
	return time.Time{}, false
}

// Done is the parent's channel, so that contexts derived from this one are
// linked to the parent's cancelation directly, without a goroutine each.
func (s *scoped) Done() <-chan struct{} { return s.done }

func (s *scoped) Err() error {
	if p := s.parent.Load(); p != nil {
		return (*p).Err()
	}
	select {
	case <-s.done:
		return context.Canceled
	default:
		return nil
	}
}

func (s *scoped) Value(key any) any {
	if p := s.parent.Load(); p != nil {
		return (*p).Value(key)
	}
	return nil
}
