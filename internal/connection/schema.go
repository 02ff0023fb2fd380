package connection

import (
	"context"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

var (
	optionsPath          = path.Root("options")
	sensitiveOptionsPath = path.Root("sensitive_options")

	// namePattern is the API's pattern for connection names.
	namePattern = regexp.MustCompile(`^[a-zA-Z0-9](-[a-zA-Z0-9]|[a-zA-Z0-9])*$`)
)

const (
	maxNameLength          = 128
	maxDisplayNameLength   = 128
	maxMetadataKeys        = 10
	maxMetadataValueLength = 255
)

func (r *connectionResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "An Auth0 connection: a source of users such as a database, a social provider " +
			"(`google-oauth2`, `github`, …), an enterprise identity provider (`samlp`, `oidc`, `waad`, …) or a " +
			"passwordless channel (`sms`, `email`). The attributes mirror the body of " +
			"[`POST /api/v2/connections`](https://auth0.com/docs/api/management/v2/connections/post-connections).",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The connection's identifier (`con_…`).",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "The connection's name: letters, digits and single hyphens (not at either end), " +
					"at most 128 characters. Auth0 cannot rename a connection: changing it replaces the connection.",
				Required:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators: []validator.String{
					stringvalidator.UTF8LengthBetween(1, maxNameLength),
					stringvalidator.RegexMatches(namePattern,
						"must contain only letters, digits and hyphens, start and end with a letter or digit, "+
							"and have no two hyphens in a row"),
				},
			},
			"strategy": schema.StringAttribute{
				MarkdownDescription: "The identity provider, one of the strategies the Management API lists " +
					"(case-sensitive), e.g. `auth0`, `google-oauth2`, `samlp`, `oidc`, `waad`, `sms`, `email`. " +
					"Changing it replaces the connection.",
				Required:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:    []validator.String{stringvalidator.OneOf(Strategies...)},
			},
			"display_name": schema.StringAttribute{
				MarkdownDescription: "The name shown on the login page, at most 128 characters. " +
					"Left out, Auth0's value is kept (some enterprise strategies default it to `name`).",
				Optional:      true,
				Computed:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
				Validators:    []validator.String{stringvalidator.UTF8LengthAtMost(maxDisplayNameLength)},
			},
			"is_domain_connection": schema.BoolAttribute{
				MarkdownDescription: "Whether this is a domain-level connection, usable by third-party applications.",
				Optional:            true,
				Computed:            true,
				PlanModifiers:       []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
			},
			"show_as_button": schema.BoolAttribute{
				MarkdownDescription: "Whether the login page shows this enterprise connection as a button.",
				Optional:            true,
				Computed:            true,
				PlanModifiers:       []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
			},
			"realms": schema.ListAttribute{
				MarkdownDescription: "The realms (identifiers of the user store) of the connection. Auth0 defaults them to `[name]` " +
					"(and turns an empty list into `[name]`, so leave the attribute out for the default).",
				ElementType:   stringType,
				Optional:      true,
				Computed:      true,
				PlanModifiers: []planmodifier.List{listplanmodifier.UseStateForUnknown()},
				Validators: []validator.List{
					listvalidator.SizeAtLeast(1),
					listvalidator.ValueStringsAre(stringvalidator.UTF8LengthAtLeast(1)),
				},
			},
			"metadata": schema.MapAttribute{
				MarkdownDescription: "Up to 10 key/value pairs, values at most 255 characters. Auth0 replaces metadata " +
					"as a whole, so the map is authoritative when set; `metadata = {}` clears it.",
				ElementType:   stringType,
				Optional:      true,
				Computed:      true,
				PlanModifiers: []planmodifier.Map{mapplanmodifier.UseStateForUnknown()},
				Validators: []validator.Map{
					mapvalidator.SizeAtMost(maxMetadataKeys),
					mapvalidator.ValueStringsAre(stringvalidator.UTF8LengthAtMost(maxMetadataValueLength)),
				},
			},
			"authentication": schema.SingleNestedAttribute{
				MarkdownDescription: "Whether the connection can be used to authenticate users.",
				Optional:            true,
				Computed:            true,
				PlanModifiers:       []planmodifier.Object{objectplanmodifier.UseStateForUnknown()},
				Attributes: map[string]schema.Attribute{
					"active": schema.BoolAttribute{
						MarkdownDescription: "Whether authentication through the connection is on.",
						Required:            true,
					},
				},
			},
			"connected_accounts": schema.SingleNestedAttribute{
				MarkdownDescription: "Whether the connection can be used to connect accounts (Token Vault).",
				Optional:            true,
				Computed:            true,
				PlanModifiers:       []planmodifier.Object{objectplanmodifier.UseStateForUnknown()},
				Attributes: map[string]schema.Attribute{
					"active": schema.BoolAttribute{
						MarkdownDescription: "Whether connected accounts are on.",
						Required:            true,
					},
					"cross_app_access": schema.BoolAttribute{
						MarkdownDescription: "Whether cross-app access is on.",
						Optional:            true,
						Computed:            true,
						PlanModifiers:       []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
					},
				},
			},
			"enabled_clients": schema.SetAttribute{
				MarkdownDescription: "The client ids of the applications enabled for the connection, as Auth0 reports them.",
				DeprecationMessage: "enabled_clients is read-only and deprecated: manage the applications enabled for a " +
					"connection with the auth0_connection_clients resource.",
				ElementType:   stringType,
				Computed:      true,
				PlanModifiers: []planmodifier.Set{setplanmodifier.UseStateForUnknown()},
			},
			"options": schema.DynamicAttribute{
				MarkdownDescription: optionsDescription,
				Optional:            true,
				Computed:            true,
				PlanModifiers:       []planmodifier.Dynamic{optionsPlan{}},
				Validators:          []validator.Dynamic{optionsIsObject{}},
			},
			"sensitive_options": schema.DynamicAttribute{
				MarkdownDescription: "Secret options, such as `client_secret`, `twilio_token` or `signing_key = { key = \"…\" }`, " +
					"deep-merged into `options` when the connection is created and whenever `sensitive_options_version` changes. " +
					"Write-only (Terraform 1.11 or later): never stored in state or plan, never shown. " +
					"A key may not be set both here and in `options`.",
				Optional:   true,
				Sensitive:  true,
				WriteOnly:  true,
				Validators: []validator.Dynamic{optionsIsObject{}},
			},
			"timeouts": timeouts.AttributesAll(ctx),
			"sensitive_options_version": schema.StringAttribute{
				MarkdownDescription: "Any string; change it to send `sensitive_options` again. Terraform keeps no copy of " +
					"write-only values, so it cannot tell when they change: without a new version, an edited secret is " +
					"not sent and the plan shows no difference.",
				Optional: true,
			},
		},
	}
}

const optionsDescription = "The strategy's options, as an object with any keys (for example " +
	"`{ passwordPolicy = \"good\", brute_force_protection = true }` for `auth0`, or `{ client_id = \"…\", email = true }` " +
	"for a social strategy); a map such as `var.m` of type `map(string)` is managed as the same object would be. " +
	"The provider manages exactly the keys written here, recursively into nested objects and maps (a list is one value); " +
	"see *How `options` are managed* above:\n" +
	"  - keys Auth0 adds never show as a difference;\n" +
	"  - a managed key changed outside Terraform, or no longer returned (shown as `null`), shows as drift and apply " +
	"restores it; secrets (whose drift cannot be told) and keys Auth0 never returns (`samlp` `metadataXml`, `pingfederate` `signingCert`) keep their last value;\n" +
	"  - an update sends only what the plan changes: keys removed from the configuration are removed from Auth0 (but " +
	"those Auth0 keeps, and those an import read and no apply has sent since), every other key is left as Auth0 holds it, and an update that changes nothing in Auth0 sends no request;\n" +
	"  - left out at create, options are never touched; removed from the configuration later, they stop being managed " +
	"(the plan drops them from the state only, with a warning, and apply sends nothing);\n" +
	"  - when applying would change nothing in Auth0, the plan shows no difference; where a plan shows keys as removed " +
	"that Auth0 keeps, a warning names them;\n" +
	"  - a key written as `null` is managed as null;\n" +
	"  - keys Auth0 always computes from others (the `scope` of social strategies such as `google-oauth2` or `github`, `cert`, `expires`, `subject` and " +
	"`thumbprints` of `samlp` and `pingfederate`, `thumbprints` of `waad`) fail the plan with what to set instead.\n\n" +
	"Import reads all options but the secrets and the keys Auth0 derives, so `terraform plan -generate-config-out` writes a " +
	"complete configuration whose next plan is empty; imported into a configuration written by hand, only that " +
	"configuration's keys are managed. " +
	"Secret keys (`client_secret`, `twilio_token`, `consumer_secret`, `gateway_authentication.secret`, " +
	"`signing_key.key`, `decryption_key.key`, `decryptionKey.key`, `app_secret`, `admin_access_token`, `admin_refresh_token`, " +
	"`configuration` values) are never read back from Auth0 into state."
