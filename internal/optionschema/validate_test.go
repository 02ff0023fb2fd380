package optionschema

import (
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"testing"
)

// decode parses test JSON the way the provider does (numbers as json.Number).
func decode(t *testing.T, js string) any {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(js))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("bad test JSON %s: %v", js, err)
	}
	return v
}

func entries(n, length int) string {
	list := make([]string, n)
	for i := range list {
		list[i] = `"` + strings.Repeat("w", length) + `"`
	}
	return "[" + strings.Join(list, ",") + "]"
}

// shown is a violation as a user reads it.
type shown struct{ Path, Text string }

func shownOf(vs []Violation) []shown {
	if vs == nil {
		return nil
	}
	out := make([]shown, len(vs))
	for i, v := range vs {
		out[i] = shown{v.Path, v.Text()}
	}
	return out
}

// A violation names its keys apart from the message, and its value apart
// from the rule, so a caller can point at a key and leave a secret out.
func TestViolationParts(t *testing.T) {
	got := Validate(decode(t, `{"validation": {"username": {"min": "x", "max": 5}}, "precedence": ["email", "username", "fax"]}`))
	if len(got) != 2 {
		t.Fatalf("Validate = %v", got)
	}
	if !reflect.DeepEqual(got[0].Keys, []string{"precedence"}) || got[0].Path != "precedence[2]" || got[0].Got != `"fax"` || strings.Contains(got[0].Message, "fax") {
		t.Errorf("precedence violation = %#v", got[0])
	}
	if !reflect.DeepEqual(got[1].Keys, []string{"validation", "username", "min"}) || got[1].Got == "" {
		t.Errorf("validation violation = %#v", got[1])
	}
}

func TestValidateTable(t *testing.T) {
	tests := []struct {
		name    string
		options string
		want    []shown // nil: valid
	}{
		// passwordPolicy: an enum whose type list includes null.
		{"passwordPolicy valid", `{"passwordPolicy": "excellent"}`, nil},
		{"passwordPolicy null", `{"passwordPolicy": null}`, nil},
		{"passwordPolicy bad", `{"passwordPolicy": "weird"}`, []shown{
			{"passwordPolicy", `must be one of "none", "low", "fair", "good", "excellent" or null, got "weird"`},
		}},
		{"passwordPolicy long", `{"passwordPolicy": "` + strings.Repeat("x", 41) + `"}`, []shown{
			{"passwordPolicy", `must be one of "none", "low", "fair", "good", "excellent" or null, got "` + strings.Repeat("x", 40) + `..."`},
		}},
		{"passwordPolicy wrong type", `{"passwordPolicy": 3}`, []shown{
			{"passwordPolicy", `must be one of "none", "low", "fair", "good", "excellent" or null, got 3`},
		}},

		// set_user_root_attributes: an enum without null.
		{"set_user_root_attributes valid", `{"set_user_root_attributes": "never_on_login"}`, nil},
		{"set_user_root_attributes null", `{"set_user_root_attributes": null}`, []shown{
			{"set_user_root_attributes", `must be one of "on_each_login", "on_first_login" or "never_on_login", got null`},
		}},

		// token_endpoint_auth_method is typed ["string", "null"] but its enum
		// omits null; as in JSON Schema, both keywords apply, so null fails.
		{"token_endpoint_auth_method null", `{"token_endpoint_auth_method": null}`, []shown{
			{"token_endpoint_auth_method", `must be one of "client_secret_post" or "private_key_jwt", got null`},
		}},

		// precedence: enum items, at least 3 of them.
		{"precedence valid", `{"precedence": ["username", "email", "phone_number"]}`, nil},
		{"precedence too short", `{"precedence": ["email", "username"]}`, []shown{
			{"precedence", "must have at least 3 elements, got 2"},
		}},
		{"precedence bad item", `{"precedence": ["email", "username", "fax"]}`, []shown{
			{"precedence[2]", `must be one of "email", "phone_number" or "username", got "fax"`},
		}},
		{"precedence not an array", `{"precedence": "email"}`, []shown{
			{"precedence", "must be an array, got a string"},
		}},
		{"precedence null", `{"precedence": null}`, []shown{
			{"precedence", "must be an array, got null"},
		}},
		{"precedence sorted numerically", `{"precedence": ["email", "email", "x", "email", "email", "email", "email", "email", "email", "email", "y"]}`, []shown{
			{"precedence[2]", `must be one of "email", "phone_number" or "username", got "x"`},
			{"precedence[10]", `must be one of "email", "phone_number" or "username", got "y"`},
		}},

		// passkey_options.challenge_ui.
		{"challenge_ui valid", `{"passkey_options": {"challenge_ui": "autofill", "local_enrollment_enabled": false}}`, nil},
		{"challenge_ui bad", `{"passkey_options": {"challenge_ui": "popup"}}`, []shown{
			{"passkey_options.challenge_ui", `must be one of "both", "autofill" or "button", got "popup"`},
		}},
		{"passkey_options unknown key", `{"passkey_options": {"challenge": "both"}}`, []shown{
			{"passkey_options.challenge", "is not a known key of passkey_options (known keys: challenge_ui, local_enrollment_enabled, progressive_enrollment_enabled)"},
		}},

		// validation.username: min and max both required, integers.
		{"username valid", `{"validation": {"username": {"min": 1, "max": 128}}}`, nil},
		{"username null", `{"validation": {"username": null}}`, nil},
		{"username max missing", `{"validation": {"username": {"min": 1}}}`, []shown{
			{"validation.username.max", "is required"},
		}},
		{"username both missing", `{"validation": {"username": {}}}`, []shown{
			{"validation.username.max", "is required"},
			{"validation.username.min", "is required"},
		}},
		{"username not whole", `{"validation": {"username": {"min": 1.5, "max": 30}}}`, []shown{
			{"validation.username.min", "must be an integer, got 1.5"},
		}},
		{"username whole float", `{"validation": {"username": {"min": 2.0, "max": 3e1}}}`, nil},
		{"username string", `{"validation": {"username": {"min": "1", "max": 30}}}`, []shown{
			{"validation.username.min", "must be an integer, got a string"},
		}},
		{"username out of bounds", `{"validation": {"username": {"min": 0, "max": 129}}}`, []shown{
			{"validation.username.max", "must be at most 128, got 129"},
			{"validation.username.min", "must be at least 1, got 0"},
		}},

		// password_history: enable required, size 0..24.
		{"history valid", `{"password_history": {"enable": true, "size": 24}}`, nil},
		{"history size 0", `{"password_history": {"enable": false, "size": 0}}`, nil},
		{"history enable missing", `{"password_history": {"size": 5}}`, []shown{
			{"password_history.enable", "is required"},
		}},
		{"history too big", `{"password_history": {"enable": true, "size": 30}}`, []shown{
			{"password_history.size", "must be at most 24, got 30"},
		}},
		{"history negative", `{"password_history": {"enable": true, "size": -1}}`, []shown{
			{"password_history.size", "must be at least 0, got -1"},
		}},
		{"history enable string", `{"password_history": {"enable": "yes"}}`, []shown{
			{"password_history.enable", "must be a boolean, got a string"},
		}},
		{"history unknown key", `{"password_history": {"enable": true, "keep": 3}}`, []shown{
			{"password_history.keep", "is not a known key of password_history (known keys: enable, size)"},
		}},

		// password_dictionary: at most 200 entries (overlay) of at most 50 characters.
		{"dictionary 200 entries", `{"password_dictionary": {"enable": true, "dictionary": ` + entries(200, 50) + `}}`, nil},
		{"dictionary 201 entries", `{"password_dictionary": {"enable": true, "dictionary": ` + entries(201, 1) + `}}`, []shown{
			{"password_dictionary.dictionary", "must have at most 200 elements, got 201"},
		}},
		{"dictionary long entry", `{"password_dictionary": {"enable": true, "dictionary": ["ok", "` + strings.Repeat("é", 51) + `"]}}`, []shown{
			{"password_dictionary.dictionary[1]", "must be at most 50 characters long, got 51"},
		}},

		// brute_force_protection is not among the keys the schema types, so
		// the schema says nothing about it: any value passes.
		{"brute_force_protection untyped", `{"brute_force_protection": "yes"}`, nil},
		// A boolean the schema does type.
		{"boolean valid", `{"disable_self_service_change_password": false}`, nil},
		{"boolean bad", `{"disable_self_service_change_password": "false"}`, []shown{
			{"disable_self_service_change_password", "must be a boolean, got a string"},
		}},
		{"boolean null", `{"import_mode": null}`, []shown{
			{"import_mode", "must be a boolean, got null"},
		}},

		// Numbers.
		{"integer bounds", `{"password_complexity_options": {"min_length": 129}}`, []shown{
			{"password_complexity_options.min_length", "must be at most 128, got 129"},
		}},
		{"number type accepts fractions", `{"attributes": {"username": {"validation": {"min_length": 1.5, "max_length": 128}}}}`, nil},
		{"number bounds", `{"attributes": {"username": {"validation": {"min_length": 0.5}}}}`, []shown{
			{"attributes.username.validation.min_length", "must be at least 1, got 0.5"},
		}},
		{"number wrong type", `{"attributes": {"username": {"validation": {"max_length": true}}}}`, []shown{
			{"attributes.username.validation.max_length", "must be a number, got true"},
		}},

		// Nested closed objects.
		{"attributes deep", `{"attributes": {"email": {"identifier": {"active": "yes"}}}}`, []shown{
			{"attributes.email.identifier.active", "must be a boolean, got a string"},
		}},
		{"attributes empty", `{"attributes": {}}`, []shown{
			{"attributes", "must have at least 1 key, got 0"},
		}},
		{"assertion_decryption_settings", `{"assertion_decryption_settings": {"algorithm_exceptions": [""]}}`, []shown{
			{"assertion_decryption_settings.algorithm_exceptions[0]", "must be at least 1 character long, got 0"},
			{"assertion_decryption_settings.algorithm_profile", "is required"},
		}},
		{"gateway_authentication open", `{"gateway_authentication": {"method": "bearer", "audience": "a", "secret": "s", "extra": 1}}`, nil},
		{"object null allowed", `{"password_history": null, "validation": null, "upstream_params": null, "configuration": null}`, nil},
		{"object null rejected", `{"password_options": null}`, []shown{
			{"password_options", "must be an object, got null"},
		}},

		// additionalProperties schemas and oneOf.
		{"configuration", `{"configuration": {"a": "b", "c": null}}`, nil},
		{"configuration odd key", `{"configuration": {"a.b": 1}}`, []shown{
			{`configuration["a.b"]`, "must be a string or null, got 1"},
		}},
		{"upstream alias", `{"upstream_params": {"screen_name": {"alias": "login_hint"}, "x": {"value": "v"}, "y": {}}}`, nil},
		{"upstream bad alias", `{"upstream_params": {"screen_name": {"alias": "bogus"}}}`, []shown{
			{"upstream_params.screen_name.alias", `must be one of "acr_values", "audience", "client_id", "display", "id_token_hint", "login_hint", "max_age", "prompt", "resource", "response_mode", "response_type" or "ui_locales", got "bogus"`},
		}},
		{"upstream bad value", `{"upstream_params": {"x": {"value": 3}}}`, []shown{
			{"upstream_params.x.value", "must be a string, got 3"},
		}},
		// Both branches fail equally: the first one's problem is reported.
		{"upstream both", `{"upstream_params": {"x": {"value": "v", "alias": "display"}}}`, []shown{
			{"upstream_params.x.value", "is not a known key of upstream_params.x (known keys: alias)"},
		}},
		{"upstream not an object", `{"upstream_params": {"x": "login_hint"}}`, []shown{
			{"upstream_params.x", "must be an object, got a string"},
		}},

		// Unknown top-level keys pass untouched.
		{"unknown top-level key", `{"totally_custom": {"a": [1, null, "x"]}, "mfa": {"active": true}}`, nil},

		// The options object itself.
		{"options not an object", `"x"`, []shown{{"", "must be an object, got a string"}}},
		{"options null", `null`, []shown{{"", "must be an object, got null"}}},
		{"empty options", `{}`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := shownOf(Validate(decode(t, tt.options)))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Validate(%s)\n got %q\nwant %q", tt.options, got, tt.want)
			}
		})
	}
}

func TestValidateGoValues(t *testing.T) {
	tests := []struct {
		name    string
		options any
		want    []shown
	}{
		{"float64 and int", map[string]any{
			"password_history":            map[string]any{"enable": true, "size": float64(5)},
			"password_complexity_options": map[string]any{"min_length": 8},
			"validation":                  map[string]any{"username": map[string]any{"min": int64(1), "max": uint8(9)}},
		}, nil},
		{"float64 fraction", map[string]any{"password_history": map[string]any{"enable": true, "size": 1.5}}, []shown{
			{"password_history.size", "must be an integer, got 1.5"},
		}},
		{"typed containers", map[string]string{"passwordPolicy": "fair"}, nil},
		{"string slice", map[string]any{"precedence": []string{"email", "username"}}, []shown{
			{"precedence", "must have at least 3 elements, got 2"},
		}},
		{"pointer", map[string]any{"passwordPolicy": new("weird")}, []shown{
			{"passwordPolicy", `must be one of "none", "low", "fair", "good", "excellent" or null, got "weird"`},
		}},
		{"nil pointer is null", map[string]any{"passwordPolicy": (*string)(nil)}, nil},
		{"NaN", map[string]any{"password_history": map[string]any{"enable": true, "size": math.NaN()}}, []shown{
			{"password_history.size", "must be a finite number, got NaN"},
		}},
		{"infinite", map[string]any{"password_history": map[string]any{"enable": true, "size": json.Number("1e400")}}, []shown{
			{"password_history.size", "must be a finite number, got 1e400"},
		}},
		{"bad json.Number", map[string]any{"password_history": map[string]any{"enable": true, "size": json.Number("five")}}, []shown{
			{"password_history.size", "must be a finite number, got five"},
		}},
		{"unsupported kind", map[string]any{"passwordPolicy": make(chan int)}, []shown{
			{"passwordPolicy", "has a value of an unsupported kind (chan int)"},
		}},
		{"non-string map keys", map[string]any{"validation": map[int]any{1: 2}}, []shown{
			{"validation", "has a value of an unsupported kind (map[int]interface {})"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := shownOf(Validate(tt.options))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestValidateUnknown(t *testing.T) {
	if got := Validate(Unknown); got != nil {
		t.Errorf("Validate(Unknown) = %q, want nil", got)
	}
	options := map[string]any{
		"passwordPolicy":      Unknown,
		"precedence":          []any{Unknown, Unknown, Unknown},
		"password_history":    Unknown,
		"password_dictionary": map[string]any{"enable": Unknown, "dictionary": []any{"a", Unknown}},
		"validation":          map[string]any{"username": map[string]any{"min": Unknown, "max": Unknown}},
		"attributes":          map[string]any{"email": map[string]any{"identifier": map[string]any{"active": Unknown}}},
		"upstream_params":     map[string]any{"x": Unknown, "y": map[string]any{"alias": Unknown}},
		"configuration":       map[string]any{"k": Unknown},
		"custom":              Unknown,
	}
	if got := Validate(options); got != nil {
		t.Errorf("Validate = %q, want nil: Unknown values must be skipped", got)
	}

	// Unknown values still count as present elements and keys, and a key
	// whose value is unknown is still a key.
	options = map[string]any{
		"precedence":       []any{Unknown, Unknown},
		"password_history": map[string]any{"enable": true, "oops": Unknown},
	}
	want := []shown{
		{"password_history.oops", "is not a known key of password_history (known keys: enable, size)"},
		{"precedence", "must have at least 3 elements, got 2"},
	}
	if got := shownOf(Validate(options)); !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestValidateNeverPanics(t *testing.T) {
	cyclic := map[string]any{}
	cyclic["password_history"] = cyclic
	if got := Validate(cyclic); len(got) == 0 {
		t.Errorf("a self-referencing value must be reported")
	}
	list := []any{nil}
	list[0] = list
	if got := Validate(map[string]any{"custom": list, "precedence": list}); len(got) == 0 {
		t.Errorf("a self-referencing list must be reported")
	}

	loop := &Schema{}
	loop.OneOf = []*Schema{loop}
	loop.Items = loop
	if got := loop.Validate([]any{1}); len(got) == 0 || !strings.Contains(got[0].Message, "nested too deeply") {
		t.Errorf("a self-referencing schema must be reported, got %q", got)
	}
	var nilSchema *Schema
	if got := nilSchema.Validate(map[string]any{"a": 1}); got != nil {
		t.Errorf("a nil schema accepts everything, got %q", got)
	}
	odd := []any{func() {}, struct{}{}, [2]int{1, 2}, map[string]int{"a": 1}, complex(1, 2), uintptr(1), float32(2)}
	for _, v := range odd {
		Validate(v)
		Validate(map[string]any{"precedence": v, "password_history": map[string]any{"enable": v, "size": v}})
	}
}

func FuzzValidate(f *testing.F) {
	for _, seed := range []string{
		`{}`, `null`, `[1,2]`, `{"precedence": ["email"]}`,
		`{"validation": {"username": {"min": 1e999, "max": -0}}}`,
		`{"upstream_params": {"a": {"alias": "x", "value": 1}}, "configuration": {"": null}}`,
		`{"password_dictionary": {"dictionary": [[], {}, null, 1, "a"]}}`,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, js string) {
		dec := json.NewDecoder(strings.NewReader(js))
		dec.UseNumber()
		var v any
		if dec.Decode(&v) != nil {
			return
		}
		got := Validate(v)
		for _, viol := range got {
			if viol.Message == "" {
				t.Errorf("empty message: %q", got)
			}
		}
	})
}
