//go:build generate

package tools

import (
	_ "github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs"
)

// Format the examples the docs embed.
//go:generate terraform fmt -recursive ../examples/

// Write the options reference (templates/guides/options-<family>.md, plain
// pages tfplugindocs copies) from the per-strategy table.
//go:generate go -C .. run ./internal/strategyschema/docgen -out templates/guides -notice internal/strategyschema/NOTICE

// Generate the docs from the provider's schema, templates/ and examples/.
//go:generate go run github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs generate --provider-dir .. --provider-name auth0
