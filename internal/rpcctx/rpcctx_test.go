package rpcctx_test

import (
	"context"
	"runtime"
	"testing"
	"time"
	"weak"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/seedtf/terraform-provider-auth0/internal/provider"
	"github.com/seedtf/terraform-provider-auth0/internal/rpcctx"
)

type payloadKey struct{}

// validateConfig sends one ValidateResourceConfig for auth0_connection
// through s, with a context carrying a payload that nothing else references,
// and returns a weak pointer to the payload.
func validateConfig(t *testing.T, s tfprotov6.ProviderServer) weak.Pointer[[1 << 16]byte] {
	t.Helper()
	schema, err := s.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	typ, ok := schema.ResourceSchemas["auth0_connection"].ValueType().(tftypes.Object)
	if !ok {
		t.Fatal("auth0_connection's schema is not an object")
	}
	values := map[string]tftypes.Value{}
	for name, attrType := range typ.AttributeTypes {
		values[name] = tftypes.NewValue(attrType, nil)
	}
	values["name"] = tftypes.NewValue(tftypes.String, "users")
	values["strategy"] = tftypes.NewValue(tftypes.String, "auth0")
	config, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, values))
	if err != nil {
		t.Fatal(err)
	}

	payload := new([1 << 16]byte)
	ref := weak.Make(payload)
	// Like gRPC, which cancels a stream's context when the RPC ends.
	ctx, cancel := context.WithCancel(context.WithValue(context.Background(), payloadKey{}, payload))
	resp, err := s.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: "auth0_connection", Config: &config})
	cancel()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range resp.Diagnostics {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			t.Fatalf("unexpected error: %s: %s", d.Summary, d.Detail)
		}
	}
	return ref
}

func collected(ref weak.Pointer[[1 << 16]byte]) bool {
	runtime.GC()
	runtime.GC()
	return ref.Value() == nil
}

func TestWrapLetsGoOfRPCContexts(t *testing.T) {
	s := provider.NewServer("test")()
	if ref := validateConfig(t, s); !collected(ref) {
		t.Error("the server still references the context of an RPC that has returned")
	}
	runtime.KeepAlive(s)
}

// The reason for the package: if this fails, the framework no longer keeps
// RPC contexts, and package rpcctx can go.
func TestFrameworkKeepsRPCContextsUnwrapped(t *testing.T) {
	s := providerserver.NewProtocol6(provider.New("test")())()
	if ref := validateConfig(t, s); collected(ref) {
		t.Error("terraform-plugin-framework let go of the RPC's context by itself: rpcctx.Wrap is no longer needed")
	}
	runtime.KeepAlive(s)
}

// recorder stands for the framework: it derives a cancelable context from
// the RPC's and keeps it, with its cancel function, after the RPC.
type recorder struct {
	tfprotov6.ProviderServer
	during     func(ctx context.Context)
	kept       context.Context
	keptCancel context.CancelFunc
}

func (r *recorder) ReadResource(ctx context.Context, _ *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	r.kept, r.keptCancel = context.WithCancel(ctx)
	if r.during != nil {
		r.during(r.kept)
	}
	return &tfprotov6.ReadResourceResponse{}, nil
}

func TestScopedContextForwardsDuringTheRPC(t *testing.T) {
	deadline := time.Now().Add(time.Hour)
	parent, cancel := context.WithDeadline(context.WithValue(context.Background(), payloadKey{}, "logger"), deadline)
	defer cancel()
	rec := &recorder{during: func(ctx context.Context) {
		if got := ctx.Value(payloadKey{}); got != "logger" {
			t.Errorf("Value during the RPC = %v, want the parent's", got)
		}
		if got, ok := ctx.Deadline(); !ok || !got.Equal(deadline) {
			t.Errorf("Deadline during the RPC = %v, %v, want the parent's", got, ok)
		}
		if ctx.Err() != nil {
			t.Errorf("Err during the RPC = %v", ctx.Err())
		}
	}}
	if _, err := rpcctx.Wrap(rec).ReadResource(parent, &tfprotov6.ReadResourceRequest{}); err != nil {
		t.Fatal(err)
	}
	if got := rec.kept.Value(payloadKey{}); got != nil {
		t.Errorf("Value after the RPC = %v, want nil: the parent must be let go", got)
	}
	if rec.kept.Err() != nil {
		t.Errorf("Err after the RPC, parent not canceled = %v, want nil", rec.kept.Err())
	}
}

func TestScopedContextIsCanceledWithTheRPC(t *testing.T) {
	parent, cancel := context.WithCancel(context.Background())
	rec := &recorder{during: func(context.Context) { cancel() }}
	if _, err := rpcctx.Wrap(rec).ReadResource(parent, &tfprotov6.ReadResourceRequest{}); err != nil {
		t.Fatal(err)
	}
	select {
	case <-rec.kept.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("a context derived during the RPC was not canceled with the RPC's context")
	}
	if rec.kept.Err() != context.Canceled {
		t.Errorf("Err = %v, want context.Canceled", rec.kept.Err())
	}
}
