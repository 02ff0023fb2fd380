package acctest

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// CaptureID stores the id of the resource at addr in *id, to compare across
// steps or to edit the object out of band.
func CaptureID(addr string, id *string) func(*terraform.State) error {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[addr]
		if !ok {
			return fmt.Errorf("%s is not in state", addr)
		}
		*id = rs.Primary.ID
		return nil
	}
}
