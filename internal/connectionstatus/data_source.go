package connectionstatus

import (
	"context"
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
	"github.com/seedtf/terraform-provider-auth0/internal/diagnostics"
	"github.com/seedtf/terraform-provider-auth0/internal/providerdata"
)

var (
	_ datasource.DataSource              = (*statusDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*statusDataSource)(nil)
)

// NewDataSource returns the auth0_connection_status data source.
func NewDataSource() datasource.DataSource {
	return &statusDataSource{}
}

type statusDataSource struct {
	client *auth0api.Client
}

type model struct {
	ConnectionID types.String `tfsdk:"connection_id"`
	Online       types.Bool   `tfsdk:"online"`
	StatusCode   types.Int64  `tfsdk:"status_code"`
	ErrorCode    types.String `tfsdk:"error_code"`
	Message      types.String `tfsdk:"message"`
}

var connectionIDPattern = regexp.MustCompile(`^con_[A-Za-z0-9]+$`)

func (d *statusDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_connection_status"
}

func (d *statusDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Whether a connection is online, as `GET /connections/{id}/status` says: for an Active Directory/LDAP " +
			"connection (`ad`), whether its AD/LDAP Connector is connected to Auth0; other connections have no connector " +
			"and are online. An offline connection is not an error, so the data source suits a `check` block's assertion " +
			"on `online` (the other attributes say why): declare it at the top level, since a data source nested in a " +
			"`check` block whose assertion fails is planned to be read again on every run, and the plan is never empty.",
		Attributes: map[string]schema.Attribute{
			"connection_id": schema.StringAttribute{
				MarkdownDescription: "The id of the connection (`con_…`).",
				Required:            true,
				Validators: []validator.String{stringvalidator.RegexMatches(connectionIDPattern,
					"must be a connection id: con_ followed by letters and digits")},
			},
			"online": schema.BoolAttribute{
				MarkdownDescription: "`true` when Auth0 answers that the connection is online (200).",
				Computed:            true,
			},
			"status_code": schema.Int64Attribute{
				MarkdownDescription: "The HTTP status of Auth0's answer: 200 online, 404 offline (no connector connected).",
				Computed:            true,
			},
			"error_code": schema.StringAttribute{
				MarkdownDescription: "The `errorCode` of Auth0's answer when offline, if it has one; null when online.",
				Computed:            true,
			},
			"message": schema.StringAttribute{
				MarkdownDescription: "Auth0's message when offline, such as `not connected to any node`; null when online.",
				Computed:            true,
			},
		},
	}
}

func (d *statusDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	data, err := providerdata.From(req.ProviderData)
	if err != nil {
		diagnostics.AddConfigureError(&resp.Diagnostics, err)
		return
	}
	if data == nil {
		return
	}
	d.client = data.Client
}

func (d *statusDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config model
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := config.ConnectionID.ValueString()
	status, err := d.client.ConnectionStatus(ctx, id)
	if err != nil {
		diagnostics.AddAPIError(&resp.Diagnostics, nil, "Unable to Read Connection Status",
			fmt.Sprintf("Auth0 did not say whether connection %q is online.", id),
			"Check that the connection exists and the provider's scopes (read:connections), then try again.", err)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, fromAPI(id, status))...)
}

// fromAPI maps a status to the state.
func fromAPI(id string, s *auth0api.ConnectionStatus) model {
	m := model{
		ConnectionID: types.StringValue(id),
		Online:       types.BoolValue(s.Online),
		StatusCode:   types.Int64Value(int64(s.StatusCode)),
		ErrorCode:    types.StringNull(),
		Message:      types.StringNull(),
	}
	if !s.Online {
		m.Message = types.StringValue(s.Message)
		if s.ErrorCode != "" {
			m.ErrorCode = types.StringValue(s.ErrorCode)
		}
	}
	return m
}
