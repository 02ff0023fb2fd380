package connection

import (
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seedtf/terraform-provider-auth0/internal/strategyschema"
)

var stringType = types.StringType

// Strategies are the identity providers the Management API accepts for a
// connection: the 55 strategies of the per-strategy table, generated from
// the official Node SDK's CreateConnectionRequestContent* types (see
// internal/strategyschema).
var Strategies = strategyschema.Names()
