package options

import (
	"encoding/json"
	"math/big"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// obj builds an HCL-like object value from Go literals, as a config would.
func obj(t *testing.T, js string) types.Dynamic {
	t.Helper()
	m, err := Decode([]byte(js))
	if err != nil {
		t.Fatalf("bad test JSON %s: %v", js, err)
	}
	return types.DynamicValue(FromJSON(m))
}

func decoded(t *testing.T, js string) map[string]any {
	t.Helper()
	m, err := Decode([]byte(js))
	if err != nil {
		t.Fatalf("bad test JSON %s: %v", js, err)
	}
	return m
}

func toJSONString(t *testing.T, v attr.Value) string {
	t.Helper()
	j, err := ToJSON(v)
	if err != nil {
		t.Fatalf("ToJSON: %v", err)
	}
	b, err := json.Marshal(j)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func canonical(t *testing.T, js string) string {
	t.Helper()
	var v any
	dec := json.NewDecoder(strings.NewReader(js))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("bad JSON %s: %v", js, err)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func TestToJSONNumbers(t *testing.T) {
	for _, lit := range []string{"12345678901234567890", "-3.25e-7", "0.1", "0", "-17", "1e+30", "3.141592653589793238462643383279"} {
		f, _, err := big.ParseFloat(lit, 10, numberPrecision, big.ToNearestEven)
		if err != nil {
			t.Fatal(err)
		}
		j, err := ToJSON(types.NumberValue(f))
		if err != nil {
			t.Fatal(err)
		}
		n, ok := j.(json.Number)
		if !ok {
			t.Fatalf("%s: sent as %T", lit, j)
		}
		back := numberValue(string(n))
		if !back.Equal(types.NumberValue(f)) {
			t.Errorf("%s: sent as %s, which reads back as %s", lit, j, back)
		}
	}
	j, _ := ToJSON(numberValue("12345678901234567890"))
	if j != json.Number("12345678901234567890") {
		t.Errorf("integer sent as %v, want its digits", j)
	}
}

func TestRoundTrip(t *testing.T) {
	for _, js := range []string{
		`{}`,
		`{"a":null}`,
		`{"a":"x","b":true,"c":1.5,"d":[],"e":{}}`,
		`{"list":[{"a":1},{"b":"two"},[3,"x"],null]}`,
		`{"deep":{"er":{"est":[1,2,{"k":false}]}}}`,
		`{"big":12345678901234567890,"small":-3.25e-07,"frac":0.1}`,
	} {
		got := toJSONString(t, FromJSON(decoded(t, js)))
		if got != canonical(t, js) {
			t.Errorf("round trip of %s gave %s", js, got)
		}
	}
}

func TestToJSONRejectsUnknown(t *testing.T) {
	v := types.ObjectValueMust(map[string]attr.Type{"a": types.StringType}, map[string]attr.Value{"a": types.StringUnknown()})
	if _, err := ToJSON(v); err == nil {
		t.Fatal("an unknown value converted to JSON")
	}
}

func TestProject(t *testing.T) {
	cases := []struct {
		name, server, managed, want string
	}{
		{"server defaults hidden", `{"a":1,"brute_force_protection":true,"mfa":{"active":true}}`, `{"a":1}`, `{"a":1}`},
		{"managed drift shows", `{"a":2,"b":true}`, `{"a":1}`, `{"a":2}`},
		{"missing managed key shows as null drift", `{"b":true}`, `{"a":1}`, `{"a":null}`},
		{"missing managed object shows as null drift", `{"b":true}`, `{"h":{"enable":true}}`, `{"h":null}`},
		{"nested keys projected", `{"v":{"u":{"min":1,"max":9,"extra":true}},"z":1}`, `{"v":{"u":{"max":5}}}`, `{"v":{"u":{"max":9}}}`},
		{"list is one value", `{"l":[1,2,3]}`, `{"l":[1,2]}`, `{"l":[1,2,3]}`},
		{"keys added inside list elements hidden", `{"l":[{"a":1,"b":2}]}`, `{"l":[{"a":1}]}`, `{"l":[{"a":1}]}`},
		{"list element drift shows", `{"l":[{"a":2,"b":2}]}`, `{"l":[{"a":1}]}`, `{"l":[{"a":2}]}`},
		{"list length drift shows", `{"l":[{"a":1},{"a":2}]}`, `{"l":[{"a":1}]}`, `{"l":[{"a":1},{"a":2}]}`},
		{"type change shows", `{"a":"text"}`, `{"a":1}`, `{"a":"text"}`},
		{"object became scalar", `{"a":true}`, `{"a":{"b":1}}`, `{"a":true}`},
		{"server null", `{"a":null}`, `{"a":"x"}`, `{"a":null}`},
		{"secret keeps prior", `{"client_secret":"ENCRYPTED","client_id":"new"}`, `{"client_secret":"plain","client_id":"old"}`, `{"client_secret":"plain","client_id":"new"}`},
		{"configuration values keep prior", `{"configuration":{"foo":"CkIK..."}}`, `{"configuration":{"foo":"bar"}}`, `{"configuration":{"foo":"bar"}}`},
		{"no options returned", `null`, `{"a":1}`, `{"a":null}`},
		{"missing secret keeps last value", `{"client_id":"x"}`, `{"client_secret":"plain","client_id":"x"}`, `{"client_secret":"plain","client_id":"x"}`},
		{"empty managed", `{"a":1}`, `{}`, `{}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var server map[string]any
			if c.server != "null" {
				server = decoded(t, c.server)
			}
			got := Project("auth0", server, obj(t, c.managed))
			if s := toJSONString(t, got); s != canonical(t, c.want) {
				t.Errorf("Project = %s, want %s", s, c.want)
			}
		})
	}
}

// A value projected with an unchanged server keeps the exact type of the
// managed value: that is what keeps "inconsistent result" errors away.
func TestProjectKeepsShape(t *testing.T) {
	managed := obj(t, `{"a":1,"t":[1,"x",{"k":true}],"o":{"p":null}}`)
	got := Project("auth0", decoded(t, `{"a":1,"t":[1,"x",{"k":true,"extra":1}],"o":{"p":null,"q":1},"r":2}`), managed)
	if !got.UnderlyingValue().Type(t.Context()).Equal(managed.UnderlyingValue().Type(t.Context())) {
		t.Errorf("shape changed:\n got  %s\n want %s", got.UnderlyingValue().Type(t.Context()), managed.UnderlyingValue().Type(t.Context()))
	}
}

func TestProjectNullManaged(t *testing.T) {
	if got := Project("auth0", decoded(t, `{"a":1}`), types.DynamicNull()); !got.IsNull() {
		t.Errorf("unmanaged options projected to %s", got)
	}
}

// A map is managed exactly as an object: its keys are the managed keys.
func TestProjectMap(t *testing.T) {
	managed := types.DynamicValue(types.MapValueMust(types.StringType, map[string]attr.Value{
		"passwordPolicy": types.StringValue("good"), "gone": types.StringValue("x"),
	}))
	got := Project("auth0", decoded(t, `{"passwordPolicy":"fair","mfa":{"active":true},"strategy_version":2}`), managed)
	want := types.DynamicValue(types.MapValueMust(types.StringType, map[string]attr.Value{
		"passwordPolicy": types.StringValue("fair"), "gone": types.StringNull(),
	}))
	if !got.Equal(want) {
		t.Errorf("Project(map) = %s, want %s", got, want)
	}
	// A value of another type than the map's elements turns it into an
	// object, which shows as a difference instead of failing.
	got = Project("auth0", decoded(t, `{"passwordPolicy":true}`), managed)
	if s := toJSONString(t, got); s != `{"gone":null,"passwordPolicy":true}` {
		t.Errorf("Project(map, other type) = %s", s)
	}
}

func TestImportedLeavesOutSecretsAndDerivedKeys(t *testing.T) {
	cases := []struct{ strategy, server, want string }{
		{"github", `{"client_id":"id","client_secret":"s","email":true,"scope":["user:email"]}`, `{"client_id":"id","email":true}`},
		{"samlp", `{"signingCert":"PEM","cert":"C","thumbprints":["t"],"expires":"x","subject":{},"signInEndpoint":"https://idp"}`, `{"signInEndpoint":"https://idp","signingCert":"PEM"}`},
		{"samlp", `{"metadataUrl":"https://idp/md","signingCert":"PEM","signInEndpoint":"https://idp","debug":true}`, `{"debug":true,"metadataUrl":"https://idp/md"}`},
		{"oidc", `{"discovery_url":"https://idp/.well-known/openid-configuration","oidc_metadata":{"issuer":"https://idp"},"client_id":"c"}`, `{"client_id":"c","discovery_url":"https://idp/.well-known/openid-configuration"}`},
		{"oidc", `{"issuer":"https://idp","oidc_metadata":{"issuer":"https://idp"}}`, `{"issuer":"https://idp","oidc_metadata":{"issuer":"https://idp"}}`},
		{"auth0", `{"scope":"x","brute_force_protection":true}`, `{"brute_force_protection":true,"scope":"x"}`},
		{"apple", `{"client_id":"c","app_secret":"PEM","team_id":"t","kid":"k"}`, `{"client_id":"c","kid":"k","team_id":"t"}`},
		{"samlp", `{"signInEndpoint":"https://idp","decryptionKey":{"key":"PEM","cert":"C"},"signing_key":{"key":"K","cert":"C2"}}`, `{"decryptionKey":{"cert":"C"},"signInEndpoint":"https://idp","signing_key":{"cert":"C2"}}`},
		{"google-apps", `{"domain":"d","client_secret":"s","admin_access_token":"a","admin_refresh_token":"r","admin_access_token_expiresin":"x"}`, `{"admin_access_token_expiresin":"x","domain":"d"}`},
	}
	for _, c := range cases {
		if got := toJSONString(t, Imported(c.strategy, decoded(t, c.server))); got != canonical(t, c.want) {
			t.Errorf("Imported(%s, %s) = %s, want %s", c.strategy, c.server, got, c.want)
		}
	}
}

func TestConfiguredDerived(t *testing.T) {
	got := ConfiguredDerived("github", decoded(t, `{"scope":["repo"],"email":true}`))
	if len(got) != 1 || got[0].Dotted() != "options.scope" || !strings.Contains(got[0].Message, "options.email") {
		t.Errorf("ConfiguredDerived(github) = %+v", got)
	}
	if got := ConfiguredDerived("samlp", decoded(t, `{"signingCert":"x","cert":"y","metadataUrl":"u","signInEndpoint":"e"}`)); len(got) != 1 || got[0].Dotted() != "options.cert" {
		t.Errorf("ConfiguredDerived(samlp) = %+v", got)
	}
	if got := ConfiguredDerived("auth0", decoded(t, `{"scope":"x"}`)); len(got) != 0 {
		t.Errorf("ConfiguredDerived(auth0) = %+v", got)
	}
}

func TestEquivalent(t *testing.T) {
	cases := []struct {
		name, strategy, prior, config string
		imported, want                bool
	}{
		{"same keys", "auth0", `{"a":1}`, `{"a":1}`, false, true},
		{"changed key", "auth0", `{"a":1}`, `{"a":2}`, false, false},
		{"removed key", "auth0", `{"a":1,"b":2}`, `{"a":1}`, false, false},
		{"removed key Auth0 keeps", "auth0", `{"a":1,"brute_force_protection":true}`, `{"a":1}`, false, true},
		{"options = {} after a kept key", "auth0", `{"brute_force_protection":false}`, `{}`, false, true},
		{"import, subset equal", "auth0", `{"a":1,"mfa":{"active":true},"p":{"x":1,"y":2}}`, `{"p":{"x":1}}`, true, true},
		{"import, subset differs", "auth0", `{"a":1,"mfa":{"active":true}}`, `{"a":2}`, true, false},
		{"import, new key", "auth0", `{"a":1}`, `{"b":1}`, true, false},
		{"a null key is managed", "auth0", `{"a":1}`, `{"a":1,"b":null}`, false, false},
		{"a null key already null", "auth0", `{"a":1,"b":null}`, `{"a":1,"b":null}`, false, true},
		{"dropped managed key", "auth0", `{"a":null}`, `{"a":1}`, false, false},
		{"numbers by value", "auth0", `{"n":1.50}`, `{"n":1.5}`, false, true},
		{"from nothing", "auth0", `null`, `{}`, false, false},
	}
	for _, c := range cases {
		prior := types.DynamicNull()
		if c.prior != "null" {
			prior = obj(t, c.prior)
		}
		if got := Equivalent(c.strategy, prior, obj(t, c.config), c.imported); got != c.want {
			t.Errorf("%s: Equivalent = %v, want %v", c.name, got, c.want)
		}
	}
	// A map configuration is the same as an object one.
	m := types.DynamicValue(types.MapValueMust(types.StringType, map[string]attr.Value{"a": types.StringValue("x")}))
	if !Equivalent("auth0", obj(t, `{"a":"x","b":true}`), m, true) {
		t.Error("a map configuration is not equivalent to the object it equals")
	}
}

func TestRemovedButKept(t *testing.T) {
	got := RemovedButKept("auth0", obj(t, `{"a":1,"brute_force_protection":true,"p":{"x":1}}`), obj(t, `{"p":{}}`), false)
	if strings.Join(got, ",") != "brute_force_protection" {
		t.Errorf("RemovedButKept = %v", got)
	}
	got = RemovedButKept("auth0", obj(t, `{"a":1,"mfa":{"active":true},"p":{"x":1,"y":2}}`), obj(t, `{"p":{"x":2}}`), true)
	if strings.Join(got, ",") != "a,mfa,p.y" {
		t.Errorf("RemovedButKept after import = %v", got)
	}
}

func TestWithoutSecrets(t *testing.T) {
	got := toJSONString(t, WithoutSecrets(decoded(t,
		`{"client_id":"id","client_secret":"s","configuration":{"a":"x"},"signing_key":{"key":"k","cert":"c"},"twilio_token":"t","gateway_authentication":{"secret":"g","audience":"a"},"decryption_key":{"key":"d"},"consumer_secret":"c",`+
			`"decryptionKey":{"key":"dk","cert":"dc"},"app_secret":"as","admin_access_token":"at","admin_refresh_token":"rt"}`)))
	want := canonical(t, `{"client_id":"id","configuration":{},"signing_key":{"cert":"c"},"gateway_authentication":{"audience":"a"},"decryption_key":{},"decryptionKey":{"cert":"dc"}}`)
	if got != want {
		t.Errorf("WithoutSecrets = %s, want %s", got, want)
	}
}

func TestMerge(t *testing.T) {
	cases := []struct {
		name, server, prior, planned, want string
		imported                           bool
	}{
		{"set managed, keep unmanaged", `{"a":1,"b":2}`, `{"a":1}`, `{"a":5}`, `{"a":5,"b":2}`, false},
		{"add key", `{"b":2}`, `null`, `{"a":1}`, `{"a":1,"b":2}`, false},
		{"remove key no longer managed", `{"a":1,"b":2,"c":3}`, `{"a":1,"c":3}`, `{"a":1}`, `{"a":1,"b":2}`, false},
		{"nested merge keeps unmanaged nested", `{"v":{"u":{"min":1,"max":9}},"z":1}`, `{"v":{"u":{"max":9}}}`, `{"v":{"u":{"max":5}}}`, `{"v":{"u":{"min":1,"max":5}},"z":1}`, false},
		{"nested removal", `{"v":{"a":1,"b":2,"c":3}}`, `{"v":{"a":1,"b":2}}`, `{"v":{"a":1}}`, `{"v":{"a":1,"c":3}}`, false},
		{"list replaced whole", `{"l":[1,2,3]}`, `{"l":[1]}`, `{"l":[4]}`, `{"l":[4]}`, false},
		{"object replaces scalar", `{"a":true}`, `{"a":true}`, `{"a":{"b":1}}`, `{"a":{"b":1}}`, false},
		{"null is sent", `{"passwordPolicy":"good"}`, `{"passwordPolicy":"good"}`, `{"passwordPolicy":null}`, `{"passwordPolicy":null}`, false},
		{"server without options", `null`, `null`, `{"a":1}`, `{"a":1}`, false},
		{"managed subset removes the rest", `{"a":1,"b":2,"c":3}`, `{"a":1,"b":2,"c":3}`, `{"a":1}`, `{"a":1}`, false},
		{"import then subset keeps the rest", `{"a":1,"b":2,"c":3}`, `{"a":1,"b":2,"c":3}`, `{"a":5}`, `{"a":5,"b":2,"c":3}`, true},
		{"import then nested subset keeps the rest", `{"p":{"x":1,"y":2}}`, `{"p":{"x":1,"y":2}}`, `{"p":{"x":3}}`, `{"p":{"x":3,"y":2}}`, true},
		{"unchanged key keeps the server's drift", `{"a":9,"b":1}`, `{"a":1,"b":1}`, `{"a":1,"b":2}`, `{"a":9,"b":2}`, false},
		{"map planned as object", `{"a":"x","m":true}`, `{"a":"x"}`, `{"a":"y"}`, `{"a":"y","m":true}`, false},
		{"secret sent when configured", `{"client_id":"x","client_secret":"ENC"}`, `{"client_id":"x"}`, `{"client_id":"x","client_secret":"new"}`, `{"client_id":"x","client_secret":"new"}`, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var server map[string]any
			if c.server != "null" {
				server = decoded(t, c.server)
			}
			prior := types.DynamicNull()
			if c.prior != "null" {
				prior = obj(t, c.prior)
			}
			got, err := Merge("auth0", server, prior, obj(t, c.planned), c.imported)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := json.Marshal(got)
			if string(b) != canonical(t, c.want) {
				t.Errorf("Merge = %s, want %s", b, c.want)
			}
			if c.server != "null" && !reflect.DeepEqual(server, decoded(t, c.server)) {
				t.Errorf("Merge changed its input: %v", server)
			}
		})
	}
}

func TestMergeErrorNamesThePath(t *testing.T) {
	planned := types.DynamicValue(types.ObjectValueMust(
		map[string]attr.Type{"outer": types.ObjectType{AttrTypes: map[string]attr.Type{"inner": types.StringType}}},
		map[string]attr.Value{"outer": types.ObjectValueMust(map[string]attr.Type{"inner": types.StringType}, map[string]attr.Value{"inner": types.StringUnknown()})},
	))
	_, err := Merge("auth0", map[string]any{}, types.DynamicNull(), planned, false)
	if err == nil || err.Error() != "options.outer.inner: value is not known yet" {
		t.Fatalf("error = %v", err)
	}
	_, err = ToJSON(types.TupleValueMust([]attr.Type{types.StringType}, []attr.Value{types.StringUnknown()}))
	if err == nil || err.Error() != "options[0]: value is not known yet" {
		t.Fatalf("error = %v", err)
	}
}

func TestSecretPath(t *testing.T) {
	for path, want := range map[string]bool{
		"client_secret": true, "configuration.anything": true, "signing_key.key": true,
		"signing_key.cert": false, "client_id": false, "configuration": false, "a.client_secret": false,
		// Keys of single strategies (see secretKeys for the evidence).
		"twilio_token": true, "consumer_secret": true, "gateway_authentication.secret": true,
		"decryption_key.key": true, "decryptionKey.key": true, "decryptionKey.cert": false,
		"app_secret": true, "admin_access_token": true, "admin_refresh_token": true,
		"admin_access_token_expiresin": false, "gateway_authentication.secret_base64_encoded": false,
	} {
		if got := SecretPath(path); got != want {
			t.Errorf("SecretPath(%q) = %v, want %v", path, got, want)
		}
	}
}
