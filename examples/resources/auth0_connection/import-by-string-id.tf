# With Terraform 1.5 or later, an import block; `terraform plan
# -generate-config-out=generated.tf` then writes the whole resource block.
import {
  to = auth0_connection.database
  id = "con_a1b2c3d4e5f6g7h8"
}
