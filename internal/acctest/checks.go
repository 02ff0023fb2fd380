package acctest

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-testing/statecheck"
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

// ExpectNoKey is a state check that the object attribute of the resource
// at addr has no key named key (a secret, say).
func ExpectNoKey(addr, attribute, key string) statecheck.StateCheck {
	return noKeyCheck{addr: addr, attribute: attribute, key: key}
}

type noKeyCheck struct{ addr, attribute, key string }

func (c noKeyCheck) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	if req.State == nil || req.State.Values == nil || req.State.Values.RootModule == nil {
		resp.Error = fmt.Errorf("no state")
		return
	}
	for _, r := range req.State.Values.RootModule.Resources {
		if r.Address != c.addr {
			continue
		}
		obj, ok := r.AttributeValues[c.attribute].(map[string]any)
		if !ok {
			resp.Error = fmt.Errorf("%s.%s is not an object: %v", c.addr, c.attribute, r.AttributeValues[c.attribute])
			return
		}
		if _, present := obj[c.key]; present {
			resp.Error = fmt.Errorf("%s.%s has the key %q", c.addr, c.attribute, c.key)
		}
		return
	}
	resp.Error = fmt.Errorf("%s is not in state", c.addr)
}
