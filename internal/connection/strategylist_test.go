package connection_test

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/seedtf/terraform-provider-auth0/internal/connection"
	"github.com/seedtf/terraform-provider-auth0/internal/strategyschema"
)

// The provider's strategy validator, the per-strategy table and the
// strategies the emulator's POST /connections accepts are the same 55. The
// emulator's list is read from its source (the provider may not import the
// emulator).
func TestStrategyListsAgree(t *testing.T) {
	src, err := os.ReadFile("../emulator/schemas.go")
	if err != nil {
		t.Fatal(err)
	}
	block := regexp.MustCompile(`(?s)var identityProviders = \[\]any\{(.*?)\n\}`).FindSubmatch(src)
	if block == nil {
		t.Fatal("identityProviders not found in internal/emulator/schemas.go")
	}
	var emulator []string
	for _, m := range regexp.MustCompile(`"([^"]+)"`).FindAllStringSubmatch(string(block[1]), -1) {
		emulator = append(emulator, m[1])
	}
	slices.Sort(emulator)
	provider := slices.Sorted(slices.Values(connection.Strategies))
	table := strategyschema.Names()
	if len(table) != 55 {
		t.Errorf("the table has %d strategies, want 55", len(table))
	}
	if !slices.Equal(provider, table) {
		t.Errorf("provider validator and table differ:\n provider %s\n table    %s", strings.Join(provider, " "), strings.Join(table, " "))
	}
	if !slices.Equal(emulator, table) {
		t.Errorf("emulator and table differ:\n emulator %s\n table    %s", strings.Join(emulator, " "), strings.Join(table, " "))
	}
}
