package scim_test

import (
	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

var compareEqual = compare.ValuesSame()

var (
	tfjsonpathConnectionID = tfjsonpath.New("connection_id")
	tfjsonpathTokenID      = tfjsonpath.New("token_id")
)
