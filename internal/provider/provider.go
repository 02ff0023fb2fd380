// Package provider is the glue of the auth0 provider: its configuration and
// the list of resources it serves.
package provider

import (
	"context"
	"fmt"
	"os"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/float64validator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
	"github.com/seedtf/terraform-provider-auth0/internal/connection"
	"github.com/seedtf/terraform-provider-auth0/internal/connectionclient"
	"github.com/seedtf/terraform-provider-auth0/internal/connectionclients"
	"github.com/seedtf/terraform-provider-auth0/internal/connectionkeys"
	"github.com/seedtf/terraform-provider-auth0/internal/connectionprofile"
	"github.com/seedtf/terraform-provider-auth0/internal/connectionstatus"
	"github.com/seedtf/terraform-provider-auth0/internal/directory"
	"github.com/seedtf/terraform-provider-auth0/internal/providerdata"
	"github.com/seedtf/terraform-provider-auth0/internal/scim"
)

var (
	_ provider.Provider                  = (*auth0Provider)(nil)
	_ provider.ProviderWithActions       = (*auth0Provider)(nil)
	_ provider.ProviderWithListResources = (*auth0Provider)(nil)
)

// New returns a constructor of the provider at the given version.
func New(version string) func() provider.Provider {
	return func() provider.Provider {
		return &auth0Provider{version: version}
	}
}

type auth0Provider struct {
	version string
}

type providerModel struct {
	Domain       types.String `tfsdk:"domain"`
	ClientID     types.String `tfsdk:"client_id"`
	ClientSecret types.String `tfsdk:"client_secret"`
	APIToken     types.String `tfsdk:"api_token"`
	Audience     types.String `tfsdk:"audience"`
	// MaxRequestRate and RequestTimeout tune the client's reliability.
	MaxRequestRate types.Float64 `tfsdk:"max_request_rate"`
	RequestTimeout types.String  `tfsdk:"request_timeout"`
}

func (p *auth0Provider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "auth0"
	resp.Version = p.version
}

func (p *auth0Provider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manages Auth0 connections through the Auth0 Management API v2. " +
			"Authenticate with a machine-to-machine application's client credentials, or with a Management API token.",
		Attributes: map[string]schema.Attribute{
			"domain": schema.StringAttribute{
				MarkdownDescription: "The tenant's domain, as a host name (`example.eu.auth0.com`, reached over https) or a URL. " +
					"Plain `http://` is accepted only for loopback hosts, such as a local emulator. " +
					"Can also be set with the `AUTH0_DOMAIN` environment variable.",
				Optional: true,
			},
			"client_id": schema.StringAttribute{
				MarkdownDescription: "The client id of a machine-to-machine application authorized for the Management API. " +
					"Can also be set with the `AUTH0_CLIENT_ID` environment variable.",
				Optional: true,
			},
			"client_secret": schema.StringAttribute{
				MarkdownDescription: "The client secret of that application. " +
					"Can also be set with the `AUTH0_CLIENT_SECRET` environment variable.",
				Optional:  true,
				Sensitive: true,
			},
			"api_token": schema.StringAttribute{
				MarkdownDescription: "A Management API access token. When set, it is used instead of the client credentials. " +
					"Can also be set with the `AUTH0_API_TOKEN` environment variable.",
				Optional:  true,
				Sensitive: true,
			},
			"audience": schema.StringAttribute{
				MarkdownDescription: "The audience to request tokens for with the client credentials. Defaults to " +
					"`<domain URL>/api/v2/`. Can also be set with the `AUTH0_AUDIENCE` environment variable.",
				Optional: true,
			},
			"max_request_rate": schema.Float64Attribute{
				MarkdownDescription: "An optional ceiling on the Management API requests per second that all resources of this " +
					"provider send together; `0` (the default) sets none. Whatever it says, the provider paces itself from " +
					"the `X-RateLimit-Limit`, `-Remaining` and `-Reset` headers of Auth0's answers: it spends the tokens the " +
					"answers show are left, then goes at the tenant's refill rate as it learns it from them, and waits out a " +
					"`429` as `Retry-After`/`X-RateLimit-Reset` say; " +
					"answers without these headers go at Terraform's parallelism.",
				Optional:   true,
				Validators: []validator.Float64{float64validator.AtLeast(0)},
			},
			"request_timeout": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("How long one attempt of one request may take, as a Go duration such as `\"45s\"` "+
					"(default `\"%s\"`). A resource's `timeouts` bound an operation with all its retries.", auth0api.DefaultRequestTimeout),
				Optional: true,
			},
		},
	}
}

func (p *auth0Provider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var model providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &model)...)
	if resp.Diagnostics.HasError() {
		return
	}
	cfg, diags := resolveConfig(model, os.Getenv)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	cfg.UserAgent = fmt.Sprintf("terraform-provider-auth0/%s (seedtf; +https://registry.terraform.io/providers/seedtf/auth0) Terraform/%s",
		p.version, req.TerraformVersion)

	client, err := auth0api.New(ctx, cfg)
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("domain"), "Invalid Auth0 Domain",
			"The domain could not be used. Set domain (or AUTH0_DOMAIN) to the tenant's host name, e.g. example.eu.auth0.com.\n\n"+err.Error())
		return
	}
	data := providerdata.New(client)
	resp.ResourceData = data
	resp.DataSourceData = data
	resp.ListResourceData = data
	resp.ActionData = data
}

func (p *auth0Provider) Resources(context.Context) []func() resource.Resource {
	return slices.Concat(
		[]func() resource.Resource{connection.NewResource, connectionclients.NewResource},
		connectionclient.Resources(),
		connectionkeys.Resources(),
		scim.Resources(),
		directory.Resources(),
		connectionprofile.Resources(),
		connectionstatus.Resources(),
	)
}

func (p *auth0Provider) DataSources(context.Context) []func() datasource.DataSource {
	return slices.Concat(
		[]func() datasource.DataSource{connection.NewDataSource, connection.NewListDataSource},
		connectionclient.DataSources(),
		connectionkeys.DataSources(),
		scim.DataSources(),
		directory.DataSources(),
		connectionprofile.DataSources(),
		connectionstatus.DataSources(),
	)
}

func (p *auth0Provider) ListResources(context.Context) []func() list.ListResource {
	return slices.Concat(
		[]func() list.ListResource{
			connection.NewListResource, connectionclients.NewListResource, connectionclient.NewListResource,
			connectionprofile.NewListResource,
		},
		connectionkeys.ListResources(),
		scim.ListResources(),
		directory.ListResources(),
	)
}

func (p *auth0Provider) Actions(context.Context) []func() action.Action {
	return connectionkeys.Actions()
}
