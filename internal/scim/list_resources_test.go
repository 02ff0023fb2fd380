package scim

import (
	"context"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
	"github.com/seedtf/terraform-provider-auth0/internal/emulator"
)

// listTenant is an emulator holding two SCIM configurations and three
// tokens, and a client of it whose tokens carry scopes (nil: all).
type listTenant struct {
	client      *auth0api.Client
	connections []string
	tokens      []string
}

func newListTenant(t *testing.T, scopes []string) *listTenant {
	t.Helper()
	ctx := context.Background()
	emu := emulator.New(emulator.Config{ClientID: "list-client", ClientSecret: "list-secret", Scopes: scopes})
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	full, err := auth0api.New(ctx, auth0api.Config{Domain: srv.URL, ClientID: "list-client", ClientSecret: "list-secret"})
	if err != nil {
		t.Fatal(err)
	}
	lt := &listTenant{client: full}
	strategy := "samlp"
	hour := int64(3600)
	for i, name := range []string{"list-scim-a", "list-scim-b"} {
		conn, err := full.CreateConnection(ctx, &auth0api.Connection{Name: &name, Strategy: &strategy,
			Options: []byte(`{"signInEndpoint":"https://idp.example.com/sso"}`)})
		if err != nil {
			t.Fatal(err)
		}
		lt.connections = append(lt.connections, conn.ID)
		if _, err := full.CreateSCIMConfiguration(ctx, conn.ID, auth0api.SCIMConfigurationRequest{}); err != nil {
			t.Fatal(err)
		}
		bodies := []auth0api.SCIMTokenRequest{{Scopes: []string{"get:users"}, TokenLifetime: &hour}}
		if i == 1 {
			bodies = append(bodies, auth0api.SCIMTokenRequest{Scopes: []string{"get:users", "put:users"}})
		}
		for _, b := range bodies {
			tok, err := full.CreateSCIMToken(ctx, conn.ID, b)
			if err != nil {
				t.Fatal(err)
			}
			lt.tokens = append(lt.tokens, tok.TokenID)
		}
	}
	return lt
}

func listRequest(ctx context.Context, t *testing.T, r resource.ResourceWithIdentity, limit int64) list.ListRequest {
	t.Helper()
	var s resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &s)
	var is resource.IdentitySchemaResponse
	r.IdentitySchema(ctx, resource.IdentitySchemaRequest{}, &is)
	if s.Diagnostics.HasError() || is.Diagnostics.HasError() {
		t.Fatalf("schemas: %v %v", s.Diagnostics, is.Diagnostics)
	}
	return list.ListRequest{IncludeResource: true, Limit: limit, ResourceSchema: s.Schema, ResourceIdentitySchema: is.IdentitySchema}
}

// collect runs a listing, pushing at most stopAfter results (0: all).
func collect(ctx context.Context, l list.ListResource, req list.ListRequest, stopAfter int) []list.ListResult {
	var stream list.ListResultsStream
	l.List(ctx, req, &stream)
	var got []list.ListResult
	stream.Results(func(r list.ListResult) bool {
		got = append(got, r)
		return stopAfter == 0 || len(got) < stopAfter
	})
	return got
}

// imported is the state and identity an import by id followed by Read
// leaves.
func imported(ctx context.Context, t *testing.T, r resource.ResourceWithImportState, req list.ListRequest, id string) (tftypes.Value, tftypes.Value) {
	t.Helper()
	null := func(s tfsdk.State) tfsdk.State {
		s.Raw = tftypes.NewValue(s.Schema.Type().TerraformType(ctx), nil)
		return s
	}
	state := null(tfsdk.State{Schema: req.ResourceSchema})
	identity := &tfsdk.ResourceIdentity{Schema: req.ResourceIdentitySchema, Raw: tftypes.NewValue(req.ResourceIdentitySchema.Type().TerraformType(ctx), nil)}
	imp := resource.ImportStateResponse{State: state, Identity: identity}
	r.ImportState(ctx, resource.ImportStateRequest{ID: id}, &imp)
	if imp.Diagnostics.HasError() {
		t.Fatalf("import %s: %v", id, imp.Diagnostics)
	}
	read := resource.ReadResponse{State: imp.State, Identity: &tfsdk.ResourceIdentity{Schema: identity.Schema, Raw: imp.Identity.Raw.Copy()}}
	r.Read(ctx, resource.ReadRequest{State: imp.State, Identity: imp.Identity}, &read)
	if read.Diagnostics.HasError() {
		t.Fatalf("read %s: %v", id, read.Diagnostics)
	}
	return read.State.Raw, read.Identity.Raw
}

// Every list result is exactly what an import of it followed by Read
// leaves, identity included: the generated configuration then plans empty.
func TestListResultsAreWhatAnImportReads(t *testing.T) {
	ctx := context.Background()
	lt := newListTenant(t, nil)
	cases := []struct {
		name     string
		resource resource.ResourceWithIdentity
		list     list.ListResource
		importID func(got list.ListResult) (string, diag.Diagnostics)
		want     int
	}{
		{"configuration", &configurationResource{client: lt.client}, &configurationListResource{client: lt.client}, func(got list.ListResult) (string, diag.Diagnostics) {
			var id connectionIdentity
			diags := got.Identity.Get(ctx, &id)
			return id.ConnectionID.ValueString(), diags
		}, 2},
		{"token", &tokenResource{client: lt.client, now: time.Now}, &tokenListResource{client: lt.client}, func(got list.ListResult) (string, diag.Diagnostics) {
			var id tokenIdentity
			diags := got.Identity.Get(ctx, &id)
			return id.ConnectionID.ValueString() + importSeparator + id.TokenID.ValueString(), diags
		}, 3},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req := listRequest(ctx, t, c.resource, 0)
			results := collect(ctx, c.list, req, 0)
			if len(results) != c.want {
				t.Fatalf("listed %d, want %d", len(results), c.want)
			}
			for _, got := range results {
				if got.Diagnostics.HasError() {
					t.Fatalf("result %s: %v", got.DisplayName, got.Diagnostics)
				}
				importer, ok := c.resource.(resource.ResourceWithImportState)
				if !ok {
					t.Fatal("the resource does not import")
				}
				id, diags := c.importID(got)
				if diags.HasError() {
					t.Fatalf("identity of %s: %v", got.DisplayName, diags)
				}
				state, identity := imported(ctx, t, importer, req, id)
				if !got.Resource.Raw.Equal(state) {
					t.Errorf("%s: the list result\n%s\nis not what import and Read leave\n%s", got.DisplayName, got.Resource.Raw, state)
				}
				if !got.Identity.Raw.Equal(identity) {
					t.Errorf("%s: the identity %s is not the imported %s", got.DisplayName, got.Identity.Raw, identity)
				}
			}
		})
	}
}

func TestTokenListHonoursLimitAndPush(t *testing.T) {
	ctx := context.Background()
	lt := newListTenant(t, nil)
	l := &tokenListResource{client: lt.client}
	req := listRequest(ctx, t, &tokenResource{}, 2)
	if got := collect(ctx, l, req, 0); len(got) != 2 {
		t.Errorf("limit 2 listed %d", len(got))
	}
	req.Limit = 0
	got := collect(ctx, l, req, 1)
	if len(got) != 1 || got[0].Diagnostics.HasError() {
		t.Errorf("a push that stops after one got %d results: %v", len(got), got)
	}
	var ids []string
	for _, r := range collect(ctx, l, req, 0) {
		var id tokenIdentity
		if diags := r.Identity.Get(ctx, &id); diags.HasError() {
			t.Fatalf("identity of %s: %v", r.DisplayName, diags)
		}
		ids = append(ids, id.TokenID.ValueString())
	}
	slices.Sort(ids)
	want := slices.Clone(lt.tokens)
	slices.Sort(want)
	if !slices.Equal(ids, want) {
		t.Errorf("listed tokens %v, want %v", ids, want)
	}
}

// An API error ends the listing with a result holding the error.
func TestListsReportAPIErrors(t *testing.T) {
	ctx := context.Background()
	without := func(scope string) []string {
		return slices.DeleteFunc(emulator.AllScopes(), func(s string) bool { return s == scope })
	}
	for _, c := range []struct {
		name, missing, summary string
		list                   func(*auth0api.Client) list.ListResource
		resource               resource.ResourceWithIdentity
	}{
		{"configuration", emulator.ScopeReadSCIMConfig, "Unable to List SCIM Configurations",
			func(cl *auth0api.Client) list.ListResource { return &configurationListResource{client: cl} }, &configurationResource{}},
		{"token", emulator.ScopeReadSCIMToken, "Unable to Read SCIM Tokens",
			func(cl *auth0api.Client) list.ListResource { return &tokenListResource{client: cl} }, &tokenResource{}},
	} {
		t.Run(c.name, func(t *testing.T) {
			lt := newListTenant(t, without(c.missing))
			got := collect(ctx, c.list(lt.client), listRequest(ctx, t, c.resource, 0), 0)
			if len(got) != 1 {
				t.Fatalf("got %d results, want the one error", len(got))
			}
			if d := got[0].Diagnostics.Errors(); len(d) != 1 || d[0].Summary() != c.summary {
				t.Errorf("diagnostics %v, want one %q", got[0].Diagnostics, c.summary)
			}
		})
	}
}
