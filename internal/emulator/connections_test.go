package emulator

import (
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestCreateDefaults(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	tests := []struct {
		name  string
		body  string
		want  string // expected response without "id" (and provisioning_ticket_url)
		again string // expected GET afterwards, when it differs from want
	}{
		{
			name: "auth0 without options gets password_options, not passwordPolicy",
			body: `{"name":"db","strategy":"auth0"}`,
			want: `{"name":"db","strategy":"auth0","is_domain_connection":false,"realms":["db"],"enabled_clients":[],
				"authentication":{"active":true},"connected_accounts":{"active":false},
				"options":{"mfa":{"active":true,"return_enroll_settings":true},"strategy_version":2,
					"password_options":{"complexity":{"character_type_rule":"all","identical_characters":"allow","sequential_characters":"allow",
						"max_length_exceeded":"error","min_length":15,"character_types":[]},
						"profile_data":{"active":false,"blocked_fields":["name","username","nickname","email","phone_number",
							"user_metadata.name","user_metadata.first","user_metadata.last"]},
						"history":{"active":false,"size":3},"dictionary":{"active":false,"custom":[],"default":"en_100k"}},
					"brute_force_protection":true,
					"authentication_methods":{"password":{"enabled":true,"api_behavior":"required","signup_behavior":"allow"},"passkey":{"enabled":false}},
					"passkey_options":{"challenge_ui":"both","progressive_enrollment_enabled":true,"local_enrollment_enabled":true}}}`,
		},
		{
			name: "auth0 keeps what the request set and completes the rest",
			body: `{"name":"db-set","strategy":"auth0","is_domain_connection":true,"realms":["r1"],"metadata":{"k":"v"},
				"authentication":{"active":false},"connected_accounts":{"active":true,"cross_app_access":true},
				"options":{"passwordPolicy":"fair","brute_force_protection":false,"strategy_version":1,
					"authentication_methods":{"password":{"enabled":true}},"passkey_options":{"challenge_ui":"button"},
					"attributes":{"email":{"identifier":{"active":true}}}}}`,
			want: `{"name":"db-set","strategy":"auth0","is_domain_connection":true,"realms":["r1"],"enabled_clients":[],"metadata":{"k":"v"},
				"authentication":{"active":false},"connected_accounts":{"active":true,"cross_app_access":true},
				"options":{"mfa":{"active":true,"return_enroll_settings":true},"passwordPolicy":"fair","strategy_version":1,
					"brute_force_protection":false,
					"authentication_methods":{"password":{"enabled":true,"api_behavior":"required","signup_behavior":"allow"},
						"passkey":{"enabled":false},"email_otp":{"enabled":false},"phone_otp":{"enabled":false}},
					"passkey_options":{"challenge_ui":"button","progressive_enrollment_enabled":true,"local_enrollment_enabled":true},
					"attributes":{"email":{"identifier":{"active":true},"verification_method":"link","unique":true}}}}`,
		},
		{
			name: "auth0 password_options replaces passwordPolicy",
			body: `{"name":"db-po","strategy":"auth0","options":{"password_options":{"complexity":{"min_length":12}}}}`,
			want: `{"name":"db-po","strategy":"auth0","is_domain_connection":false,"realms":["db-po"],"enabled_clients":[],
				"authentication":{"active":true},"connected_accounts":{"active":false},
				"options":{"mfa":{"active":true,"return_enroll_settings":true},"strategy_version":2,"brute_force_protection":true,
					"authentication_methods":{"password":{"enabled":true,"api_behavior":"required","signup_behavior":"allow"},"passkey":{"enabled":false}},
					"passkey_options":{"challenge_ui":"both","progressive_enrollment_enabled":true,"local_enrollment_enabled":true},
					"password_options":{
						"complexity":{"character_type_rule":"all","identical_characters":"allow","sequential_characters":"allow","max_length_exceeded":"error","min_length":12,"character_types":[]},
						"profile_data":{"active":false,"blocked_fields":["name","username","nickname","email","phone_number","user_metadata.name","user_metadata.first","user_metadata.last"]},
						"history":{"active":false,"size":3},
						"dictionary":{"active":false,"custom":[],"default":"en_100k"}}}}`,
		},
		{
			name: "google-oauth2 derives scope",
			body: `{"name":"google","strategy":"google-oauth2","options":{"email":true,"profile":true,"gmail":true,"youtube":true,"calendar":true,"scope":["ignored"]}}`,
			want: `{"name":"google","strategy":"google-oauth2","is_domain_connection":false,"realms":["google"],"enabled_clients":[],
				"authentication":{"active":true},"connected_accounts":{"active":false},
				"options":{"email":true,"profile":true,"gmail":true,"youtube":true,"calendar":true,
					"scope":["email","profile","https://mail.google.com/mail/feed/atom","https://gdata.youtube.com","https://www.googleapis.com/auth/calendar"]}}`,
		},
		{
			name: "oidc enterprise defaults",
			body: `{"name":"oidc","strategy":"oidc","options":{"client_id":"c","type":"front_channel"}}`,
			want: `{"name":"oidc","strategy":"oidc","display_name":"oidc","show_as_button":false,"is_domain_connection":false,
				"realms":["oidc"],"enabled_clients":[],"authentication":{"active":true},"connected_accounts":{"active":false},
				"options":{"client_id":"c","type":"front_channel","schema_version":"oidc-V4",
					"attribute_map":{"mapping_mode":"bind_all"},"connection_settings":{"pkce":"auto"}}}`,
		},
		{
			name: "waad keeps a display_name that was sent",
			body: `{"name":"azure","strategy":"waad","display_name":"Azure","show_as_button":true,"options":{"domain":"example.com"}}`,
			want: `{"name":"azure","strategy":"waad","display_name":"Azure","show_as_button":true,"is_domain_connection":false,
				"realms":["azure"],"enabled_clients":[],"authentication":{"active":true},"connected_accounts":{"active":false},
				"options":{"domain":"example.com","waad_common_endpoint":false,"identity_api":"microsoft-identity-platform-v2.0",
					"waad_protocol":"openid-connect","use_wsfed":false,"useCommonEndpoint":false,
					"should_trust_email_verified_connection":"never_set_emails_as_verified"}}`,
		},
		{
			name: "samlp has no display_name default and consumes metadataXml",
			body: `{"name":"saml","strategy":"samlp","options":{"metadataXml":"<EntityDescriptor/>"}}`,
			want: `{"name":"saml","strategy":"samlp","show_as_button":false,"is_domain_connection":false,
				"realms":["saml"],"enabled_clients":[],"authentication":{"active":true},"connected_accounts":{"active":false},
				"options":{"assertion_decryption_settings":{"algorithm_profile":"v2026-1","algorithm_exceptions":[]}}}`,
		},
		{
			name: "line derives scope and profile",
			body: `{"name":"line","strategy":"line","options":{"email":true,"scope":["email","openid","profile"]}}`,
			want: `{"name":"line","strategy":"line","is_domain_connection":false,"realms":["line"],"enabled_clients":[],
				"authentication":{"active":true},"connected_accounts":{"active":false},
				"options":{"email":true,"profile":true,"scope":["openid","email","profile"]}}`,
		},
		{
			name: "facebook scope is a string",
			body: `{"name":"fb","strategy":"facebook","options":{"public_profile":true,"email":true,"user_birthday":false}}`,
			want: `{"name":"fb","strategy":"facebook","is_domain_connection":false,"realms":["fb"],"enabled_clients":[],
				"authentication":{"active":true},"connected_accounts":{"active":false},
				"options":{"public_profile":true,"email":true,"user_birthday":false,"scope":"email,public_profile"}}`,
		},
		{
			name: "github scope follows the booleans, not a sent scope",
			body: `{"name":"gh","strategy":"github","options":{"email":true,"repo_status":true,"profile":true,"scope":["repo"]}}`,
			want: `{"name":"gh","strategy":"github","is_domain_connection":false,"realms":["gh"],"enabled_clients":[],
				"authentication":{"active":true},"connected_accounts":{"active":false},
				"options":{"email":true,"repo_status":true,"profile":true,"scope":["user:email","repo:status"]}}`,
		},
		{
			name: "pingfederate keeps signingCert as cert and has no display_name default",
			body: `{"name":"ping","strategy":"pingfederate","options":{"signingCert":"PEM"}}`,
			want: `{"name":"ping","strategy":"pingfederate","show_as_button":false,"is_domain_connection":false,
				"realms":["ping"],"enabled_clients":[],"authentication":{"active":true},"connected_accounts":{"active":false},
				"options":{"cert":"PEM"}}`,
		},
		{
			name: "line and twitter echo null URLs once but do not keep them",
			body: `{"name":"tw","strategy":"twitter","options":{"client_id":"c","authorizationURL":null,"tokenURL":null}}`,
			want: `{"name":"tw","strategy":"twitter","is_domain_connection":false,"realms":["tw"],"enabled_clients":[],
				"authentication":{"active":true},"connected_accounts":{"active":false},
				"options":{"client_id":"c","authorizationURL":null,"tokenURL":null}}`,
			again: `{"name":"tw","strategy":"twitter","is_domain_connection":false,"realms":["tw"],"enabled_clients":[],
				"authentication":{"active":true},"connected_accounts":{"active":false},"options":{"client_id":"c"}}`,
		},
		{
			name: "passwordless connections get brute_force_protection",
			body: `{"name":"sms","strategy":"sms","realms":[],"options":{"totp":{"length":6}}}`,
			want: `{"name":"sms","strategy":"sms","is_domain_connection":false,"realms":["sms"],"enabled_clients":[],
				"authentication":{"active":true},"connected_accounts":{"active":false},"options":{"totp":{"length":6},"brute_force_protection":true}}`,
		},
		{
			name: "other strategies get only the common defaults",
			body: `{"name":"custom-oauth2","strategy":"oauth2","options":{"client_id":"c"}}`,
			want: `{"name":"custom-oauth2","strategy":"oauth2","is_domain_connection":false,"realms":["custom-oauth2"],"enabled_clients":[],
				"authentication":{"active":true},"connected_accounts":{"active":false},"options":{"client_id":"c"}}`,
		},
		{
			name: "ad gets ips null and brute_force_protection",
			body: `{"name":"ad","strategy":"ad","options":{}}`,
			want: `{"name":"ad","strategy":"ad","show_as_button":false,"is_domain_connection":false,"realms":["ad"],"enabled_clients":[],
				"authentication":{"active":true},"connected_accounts":{"active":false},"options":{"ips":null,"brute_force_protection":true}}`,
		},
		{
			name: "adfs reads its sign-in endpoint from fedMetadataXml",
			body: `{"name":"adfs","strategy":"adfs","options":{"fedMetadataXml":"<EntityDescriptor xmlns=\"urn:oasis:names:tc:SAML:2.0:metadata\"><RoleDescriptor><fed:PassiveRequestorEndpoint xmlns:fed=\"f\"><wsa:EndpointReference xmlns:wsa=\"w\"><wsa:Address>https://adfs.example/wsfed</wsa:Address></wsa:EndpointReference></fed:PassiveRequestorEndpoint></RoleDescriptor></EntityDescriptor>"}}`,
			want: `{"name":"adfs","strategy":"adfs","show_as_button":false,"is_domain_connection":false,"realms":["adfs"],"enabled_clients":[],
				"authentication":{"active":true},"connected_accounts":{"active":false},"options":{
				"fedMetadataXml":"<EntityDescriptor xmlns=\"urn:oasis:names:tc:SAML:2.0:metadata\"><RoleDescriptor><fed:PassiveRequestorEndpoint xmlns:fed=\"f\"><wsa:EndpointReference xmlns:wsa=\"w\"><wsa:Address>https://adfs.example/wsfed</wsa:Address></wsa:EndpointReference></fed:PassiveRequestorEndpoint></RoleDescriptor></EntityDescriptor>",
				"signInEndpoint":"https://adfs.example/wsfed","thumbprints":[],"should_trust_email_verified_connection":"always_set_emails_as_verified"}}`,
		},
		{
			name: "apple has no scope without name or email",
			body: `{"name":"apple","strategy":"apple","options":{}}`,
			want: `{"name":"apple","strategy":"apple","is_domain_connection":false,"realms":["apple"],"enabled_clients":[],
				"authentication":{"active":true},"connected_accounts":{"active":false},"options":{}}`,
		},
	}
	idPattern := regexp.MustCompile(`^con_[A-Za-z0-9]{16}$`)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := h.do(http.MethodPost, "/api/v2/connections", tt.body)
			if resp.status != http.StatusCreated {
				t.Fatalf("status %d: %s", resp.status, resp.body)
			}
			got := resp.object(t)
			id, _ := got["id"].(string)
			if !idPattern.MatchString(id) {
				t.Errorf("id %q does not look like con_ + 16 alphanumerics", id)
			}
			delete(got, "id")
			if ticket, ok := got["provisioning_ticket_url"].(string); ok {
				if !strings.HasPrefix(ticket, h.srv.URL+"/p/"+get[string](t, got, "strategy")+"/") {
					t.Errorf("provisioning_ticket_url %q", ticket)
				}
				delete(got, "provisioning_ticket_url")
			}
			host := strings.TrimPrefix(h.srv.URL, "http://")
			tt.want = strings.ReplaceAll(tt.want, "{host}", host)
			tt.again = strings.ReplaceAll(tt.again, "{host}", host)
			assertJSON(t, got, tt.want)
			again := h.do(http.MethodGet, "/api/v2/connections/"+id, nil).object(t)
			delete(again, "id")
			delete(again, "provisioning_ticket_url")
			// The POST answer has the deprecated enabled_clients; a GET has
			// it for database connections only (see hidesEnabledClients).
			if strategy := get[string](t, again, "strategy"); hidesEnabledClients(strategy) {
				if _, ok := again["enabled_clients"]; ok {
					t.Errorf("GET of a %s connection returns enabled_clients", strategy)
				}
				again["enabled_clients"] = []any{}
			}
			if tt.again == "" {
				tt.again = tt.want
			}
			assertJSON(t, again, tt.again)
		})
	}
}

func TestCreateValidation(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	long := strings.Repeat("a", 129)
	nameDesc := "The name of the connection. Must start and end with an alphanumeric character and can only contain alphanumeric characters and '-'. Max length 128"
	tests := []struct {
		name, body, message string
	}{
		{"additional properties", `{"name":"a","x":1,"strategy":"auth0","y":2}`,
			"Payload validation error: 'Additional properties not allowed: y,x'."},
		{"missing name", `{"strategy":"auth0"}`, "Payload validation error: 'Missing required property: name'."},
		{"missing strategy", `{"name":"a"}`, "Payload validation error: 'Missing required property: strategy'."},
		{"empty body", ``, "Payload validation error: 'Expected type object but found type null'."},
		{"array body", `[]`, "Payload validation error: 'Expected type object but found type array'."},
		{"unknown strategy", `{"name":"a","strategy":"auth0-adldap"}`,
			`Payload validation error: 'Invalid value "auth0-adldap"' on property strategy (The identity provider identifier for the connection).`},
		{"name pattern", `{"name":"a b","strategy":"auth0"}`,
			"Payload validation error: 'String does not match pattern ^[a-zA-Z0-9](-[a-zA-Z0-9]|[a-zA-Z0-9])*$: a b' on property name (" + nameDesc + ")."},
		{"name ends with dash", `{"name":"a-","strategy":"auth0"}`,
			"Payload validation error: 'String does not match pattern ^[a-zA-Z0-9](-[a-zA-Z0-9]|[a-zA-Z0-9])*$: a-' on property name (" + nameDesc + ")."},
		{"name too long", `{"name":"` + long + `","strategy":"auth0"}`,
			"Payload validation error: 'String is too long (129 chars), maximum 128' on property name (" + nameDesc + ")."},
		{"name type", `{"name":1,"strategy":"auth0"}`,
			"Payload validation error: 'Expected type string but found type integer' on property name (" + nameDesc + ")."},
		{"display_name too long", `{"name":"a","strategy":"auth0","display_name":"` + long + `"}`,
			"Payload validation error: 'String is too long (129 chars), maximum 128' on property display_name (Connection name used in the new universal login experience)."},
		{"metadata too many", `{"name":"a","strategy":"auth0","metadata":{"1":"","2":"","3":"","4":"","5":"","6":"","7":"","8":"","9":"","10":"","11":""}}`,
			"Payload validation error: 'Too many properties defined (11), maximum 10' on property metadata (Metadata associated with the connection in the form of an object with string values (max 255 chars).  Maximum of 10 metadata properties allowed.)."},
		{"metadata value too long", `{"name":"a","strategy":"auth0","metadata":{"k":"` + strings.Repeat("v", 256) + `"}}`,
			"Payload validation error: 'String is too long (256 chars), maximum 255' on property metadata.k."},
		{"metadata value type", `{"name":"a","strategy":"auth0","metadata":{"k":true}}`,
			"Payload validation error: 'Expected type string,null but found type boolean' on property metadata.k."},
		{"authentication without active", `{"name":"a","strategy":"auth0","authentication":{}}`,
			"Payload validation error: 'Missing required property: active' on property authentication."},
		{"authentication extra", `{"name":"a","strategy":"auth0","authentication":{"active":true,"x":1}}`,
			"Payload validation error: 'Additional properties not allowed: x' on property authentication."},
		{"connected_accounts type", `{"name":"a","strategy":"auth0","connected_accounts":{"active":true,"cross_app_access":"yes"}}`,
			"Payload validation error: 'Expected type boolean but found type string' on property connected_accounts.cross_app_access."},
		{"is_domain_connection type", `{"name":"a","strategy":"auth0","is_domain_connection":"true"}`,
			"Payload validation error: 'Expected type boolean but found type string' on property is_domain_connection (" + isDomainDesc + ")."},
		{"realms type", `{"name":"a","strategy":"auth0","realms":"a"}`,
			"Payload validation error: 'Expected type array but found type string' on property realms (Defines the realms for which the connection will be used (ie: email domains). If the array is empty or the property is not specified, the connection name will be added as realm.)."},
		{"realms item type", `{"name":"a","strategy":"auth0","realms":[1]}`,
			"Payload validation error: 'Expected type string but found type integer' on property realms[0] (The realm where this connection belongs)."},
		{"options type", `{"name":"a","strategy":"auth0","options":[]}`,
			"Payload validation error: 'Expected type object but found type array' on property options (The connection's options (depend on the connection strategy))."},
		{"passwordPolicy", `{"name":"a","strategy":"auth0","options":{"passwordPolicy":"strong"}}`,
			`Payload validation error: 'Invalid value "strong"' on property options.passwordPolicy (Password strength level).`},
		{"set_user_root_attributes", `{"name":"a","strategy":"auth0","options":{"set_user_root_attributes":"always"}}`,
			`Payload validation error: 'Invalid value "always"' on property options.set_user_root_attributes (` + setRootAttrsDesc + `).`},
		{"precedence item", `{"name":"a","strategy":"auth0","options":{"precedence":["email","phone_number","nickname"]}}`,
			`Payload validation error: 'Invalid value "nickname"' on property options.precedence[2] (Order of precedence for attribute types).`},
		{"precedence too short", `{"name":"a","strategy":"auth0","options":{"precedence":["email"]}}`,
			"Payload validation error: 'Array is too short (1), minimum 3' on property options.precedence (Order of precedence for attribute types. If the property is not specified, the default precedence of attributes will be used.)."},
		{"challenge_ui", `{"name":"a","strategy":"auth0","options":{"passkey_options":{"challenge_ui":"popup"}}}`,
			`Payload validation error: 'Invalid value "popup"' on property options.passkey_options.challenge_ui (Controls the UI used to challenge the user for their passkey.).`},
		{"validation extra", `{"name":"a","strategy":"auth0","options":{"validation":{"email":{}}}}`,
			"Payload validation error: 'Additional properties not allowed: email' on property options.validation (Options for validation)."},
		{"validation username missing min", `{"name":"a","strategy":"auth0","options":{"validation":{"username":{"max":10}}}}`,
			"Payload validation error: 'Missing required property: min' on property options.validation.username."},
		{"validation username not integer", `{"name":"a","strategy":"auth0","options":{"validation":{"username":{"min":1.5,"max":10}}}}`,
			"Payload validation error: 'Expected type integer but found type number' on property options.validation.username.min."},
		{"validation username below minimum", `{"name":"a","strategy":"auth0","options":{"validation":{"username":{"min":0,"max":10}}}}`,
			"Payload validation error: 'Value 0 is less than minimum 1' on property options.validation.username.min."},
		{"configuration value type", `{"name":"a","strategy":"auth0","options":{"configuration":{"k":1}}}`,
			"Payload validation error: 'Expected type string,null but found type integer' on property options.configuration.k."},
		{"attributes with validation", `{"name":"a","strategy":"auth0","options":{"validation":{"username":{"min":1,"max":5}},"requires_username":true,"attributes":{"email":{"identifier":{"active":true}}}}}`,
			"Cannot set both options.attributes and options.validation"},
		{"attributes without an active identifier", `{"name":"a","strategy":"auth0","options":{"attributes":{"email":{"identifier":{"active":false}}}}}`,
			"attributes must contain one active identifier"},
		{"identifier not required on signup", `{"name":"a","strategy":"auth0","options":{"attributes":{"phone_number":{"identifier":{"active":true},"signup":{"status":"inactive"}}}}}`,
			"attribute phone_number must also be required on signup"},
		{"non-unique email without a custom database", `{"name":"a","strategy":"auth0","options":{"attributes":{"email":{"unique":false},"username":{"identifier":{"active":true}}}}}`,
			"cannot add non-unique email attribute"},
		{"attributes with requires_username", `{"name":"a","strategy":"auth0","options":{"requires_username":true,"attributes":{"username":{"identifier":{"active":true}}}}}`,
			"Cannot set both options.attributes and options.requires_username"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := h.do(http.MethodPost, "/api/v2/connections", tt.body)
			assertError(t, resp, http.StatusBadRequest, tt.message, "invalid_body")
		})
	}
	if list := get[[]any](t, h.do(http.MethodGet, "/api/v2/connections", nil).json(t)); len(list) != 0 {
		t.Errorf("rejected requests created %d connections", len(list))
	}
}

func TestCreateConflict(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.create(map[string]any{"name": "dup", "strategy": "auth0"})
	resp := h.do(http.MethodPost, "/api/v2/connections", map[string]any{"name": "dup", "strategy": "sms"})
	assertError(t, resp, http.StatusConflict, "A connection with the same name already exists", "connection_conflict")
}

func TestCreateWithEnabledClients(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	clientID := h.createClient("app")
	got := h.create(map[string]any{"name": "c", "strategy": "auth0", "enabled_clients": []string{clientID}})
	assertJSON(t, got["enabled_clients"], `["`+clientID+`"]`)
	resp := h.do(http.MethodPost, "/api/v2/connections", map[string]any{"name": "d", "strategy": "auth0", "enabled_clients": []string{"nope"}})
	assertError(t, resp, http.StatusNotFound, "The client does not exist", "inexistent_client")
}

func TestGetConnection(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	id := h.createID(map[string]any{"name": "c", "strategy": "oidc", "metadata": map[string]string{"k": "v"}})
	tests := []struct {
		query string
		keys  string // sorted keys of the answer
	}{
		// An oidc connection's GET leaves out the deprecated enabled_clients
		// (see hidesEnabledClients).
		{"", "authentication,connected_accounts,display_name,id,is_domain_connection,metadata,name,options,realms,show_as_button,strategy"},
		{"?fields=strategy,name&include_fields=true", "authentication,connected_accounts,id,is_domain_connection,name,strategy"},
		{"?fields=metadata", "authentication,connected_accounts,id,is_domain_connection,metadata"},
		{"?fields=options,id,authentication&include_fields=false", "connected_accounts,display_name,id,is_domain_connection,metadata,name,realms,show_as_button,strategy"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			resp := h.do(http.MethodGet, "/api/v2/connections/"+id+tt.query, nil)
			if resp.status != http.StatusOK {
				t.Fatalf("status %d: %s", resp.status, resp.body)
			}
			if got := sortedKeys(resp.object(t)); got != tt.keys {
				t.Errorf("keys %s\nwant %s", got, tt.keys)
			}
		})
	}
	assertError(t, h.do(http.MethodGet, "/api/v2/connections/con_xxxxxxxxxxxxxxxx", nil),
		http.StatusNotFound, "The connection does not exist", "inexistent_connection")
	assertError(t, h.do(http.MethodGet, "/api/v2/connections/"+id+"?fields=realms", nil), http.StatusBadRequest,
		"Query validation error: 'String does not match pattern "+fieldsParam.schema.pattern.String()+": realms' on property fields ("+fieldsDesc+").",
		"invalid_query_string")
	assertError(t, h.do(http.MethodGet, "/api/v2/connections/"+id+"?fields=name&include_fields=yes", nil), http.StatusBadRequest,
		"Query validation error: 'Expected type boolean but found type string' on property include_fields (<code>true</code> if the fields specified are to be included in the result, <code>false</code> otherwise (defaults to <code>true</code>)).",
		"invalid_query_string")
}

func TestUpdateConnection(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	created := h.create(map[string]any{
		"name": "db", "strategy": "auth0", "metadata": map[string]any{"a": "1", "b": "2"},
		"options": map[string]any{
			"brute_force_protection": false, "requires_username": true, "validation": map[string]any{"username": map[string]any{"min": 1, "max": 5}},
			"authentication_methods": map[string]any{"password": map[string]any{"enabled": true}},
		},
	})
	id := get[string](t, created, "id")
	path := "/api/v2/connections/" + id

	resp := h.do(http.MethodPatch, path, `{"options":{"disable_signup":true},"metadata":{"c":"3"},"is_domain_connection":true}`)
	if resp.status != http.StatusOK {
		t.Fatalf("status %d: %s", resp.status, resp.body)
	}
	got := resp.object(t)
	// options are replaced wholesale: mfa, passwordPolicy, strategy_version,
	// validation and requires_username go; the kept keys come back as stored.
	assertJSON(t, got["options"], `{"disable_signup":true,"brute_force_protection":false,
		"authentication_methods":{"password":{"enabled":true,"api_behavior":"required","signup_behavior":"allow"},
			"passkey":{"enabled":false},"email_otp":{"enabled":false},"phone_otp":{"enabled":false}},
		"passkey_options":{"challenge_ui":"both","progressive_enrollment_enabled":true,"local_enrollment_enabled":true}}`)
	assertJSON(t, got["metadata"], `{"c":"3"}`)
	if got["is_domain_connection"] != true || got["name"] != "db" || got["strategy"] != "auth0" {
		t.Errorf("unexpected top-level fields: %s", resp.body)
	}
	assertJSON(t, h.do(http.MethodGet, path, nil).object(t), string(resp.body))

	// Sent methods are completed from the defaults, not from the stored value.
	resp = h.do(http.MethodPatch, path, `{"options":{"authentication_methods":{"passkey":{"enabled":true}}}}`)
	assertJSON(t, get[map[string]any](t, resp.json(t), "options", "authentication_methods"),
		`{"password":{"enabled":true,"api_behavior":"required","signup_behavior":"allow"},"passkey":{"enabled":true},
		  "email_otp":{"enabled":false},"phone_otp":{"enabled":false}}`)

	// options: null clears all but the kept keys.
	resp = h.do(http.MethodPatch, path, `{"options":null}`)
	if opts := get[map[string]any](t, resp.json(t), "options"); sortedKeys(opts) != "authentication_methods,brute_force_protection,passkey_options" {
		t.Errorf("options after null: %v", opts)
	}

	errorsByBody := map[string]string{
		`{"name":"other","strategy":"sms"}`: "Payload validation error: 'Additional properties not allowed: strategy,name'.",
		`{}`:                                "Payload validation error: 'Too few properties defined (0), minimum 1'.",
		`{"metadata":null}`:                 "Payload validation error: 'Expected type object but found type null' on property metadata (Metadata associated with the connection in the form of an object with string values (max 255 chars).  Maximum of 10 metadata properties allowed.).",
		`{"options":{"attributes":{"email":{}},"validation":{"username":{"min":1,"max":2}}}}`: "Cannot set both options.attributes and options.validation",
	}
	for body, message := range errorsByBody {
		assertError(t, h.do(http.MethodPatch, path, body), http.StatusBadRequest, message, "invalid_body")
	}
	assertError(t, h.do(http.MethodPatch, "/api/v2/connections/con_missing", `{"display_name":"x"}`),
		http.StatusNotFound, "The connection does not exist", "inexistent_connection")
}

func TestUpdateEnterpriseConnection(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	id := h.createID(map[string]any{"name": "okta", "strategy": "okta", "display_name": "Okta", "options": map[string]any{"domain": "d"}})
	path := "/api/v2/connections/" + id

	resp := h.do(http.MethodPatch, path, `{"display_name":"Renamed","show_as_button":true,"realms":["example.com"]}`).object(t)
	if resp["display_name"] != "Renamed" || resp["show_as_button"] != true {
		t.Errorf("display_name/show_as_button not applied: %v", resp)
	}
	assertJSON(t, resp["realms"], `["example.com"]`)
	assertJSON(t, get[map[string]any](t, resp, "options", "connection_settings"), `{"pkce":"auto"}`)

	// Without display_name it falls back to the name; options left out of the
	// PATCH come back with their update defaults.
	resp = h.do(http.MethodPatch, path, `{"options":{"domain":"d"},"realms":[]}`).object(t)
	if resp["display_name"] != "okta" || resp["show_as_button"] != true {
		t.Errorf("display_name %v, show_as_button %v", resp["display_name"], resp["show_as_button"])
	}
	assertJSON(t, resp["realms"], `["okta"]`)
	assertJSON(t, resp["options"], `{"domain":"d","schema_version":"oidc-V4","attribute_map":{"mapping_mode":"basic_profile"},"connection_settings":{"pkce":"disabled"},
		"oidc_metadata":{"issuer":"https://d","response_types_supported":["code"],"subject_types_supported":["public"],"id_token_signing_alg_values_supported":["RS256"]}}`)
}

func TestUpdateEnabledClientsField(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	a, b := h.createClient("a"), h.createClient("b")
	path := "/api/v2/connections/" + h.createID(map[string]any{"name": "c", "strategy": "auth0"})
	tests := []struct{ body, want string }{
		{`{"enabled_clients":["` + b + `","` + a + `","` + b + `"]}`, `["` + b + `","` + a + `"]`},
		{`{"enabled_clients":null}`, `["` + b + `","` + a + `"]`},
		{`{"enabled_clients":["` + a + `"]}`, `["` + a + `"]`},
		{`{"enabled_clients":[]}`, `[]`},
	}
	for _, tt := range tests {
		resp := h.do(http.MethodPatch, path, tt.body)
		assertJSON(t, resp.object(t)["enabled_clients"], tt.want)
	}
	assertError(t, h.do(http.MethodPatch, path, `{"enabled_clients":["missing"]}`),
		http.StatusNotFound, "The client does not exist", "inexistent_client")
}

func TestConfigurationIsSealed(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	created := h.create(map[string]any{"name": "db", "strategy": "auth0",
		"options": map[string]any{"configuration": map[string]any{"foo": "bar", "empty": "", "none": nil}}})
	path := "/api/v2/connections/" + get[string](t, created, "id")
	config := func(v map[string]any) map[string]any {
		return get[map[string]any](t, v, "options", "configuration")
	}
	first := config(created)
	foo, _ := first["foo"].(string)
	if foo == "" || foo == "bar" || first["empty"] != "" || first["none"] != nil {
		t.Fatalf("configuration not sealed as expected: %v", first)
	}
	if again := config(h.do(http.MethodGet, path, nil).object(t)); again["foo"] != foo {
		t.Errorf("ciphertext changed between reads: %v vs %v", again["foo"], foo)
	}

	// Echoing the ciphertext keeps the value; a new plaintext is sealed anew.
	resp := h.do(http.MethodPatch, path, map[string]any{"options": map[string]any{"configuration": map[string]any{"foo": foo, "baz": "qux"}}})
	updated := config(resp.object(t))
	if updated["foo"] != foo {
		t.Errorf("echoed ciphertext was not kept: %v", updated["foo"])
	}
	if baz, _ := updated["baz"].(string); baz == "" || baz == "qux" {
		t.Errorf("new value not sealed: %v", updated["baz"])
	}
	resp = h.do(http.MethodPatch, path, map[string]any{"options": map[string]any{"configuration": map[string]any{"foo": "bar"}}})
	if resealed := config(resp.object(t))["foo"]; resealed == foo {
		t.Error("writing a plaintext again must give a fresh ciphertext")
	}
}

func TestDeleteConnection(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	path := "/api/v2/connections/" + h.createID(map[string]any{"name": "gone", "strategy": "auth0"})

	resp := h.do(http.MethodDelete, path, nil)
	if resp.status != http.StatusAccepted {
		t.Fatalf("status %d: %s", resp.status, resp.body)
	}
	deletedAt, _ := resp.object(t)["deleted_at"].(string)
	if !regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$`).MatchString(deletedAt) {
		t.Errorf("deleted_at %q is not RFC 3339 with milliseconds", deletedAt)
	}
	if at, err := time.Parse(time.RFC3339, deletedAt); err != nil || time.Since(at) > time.Minute {
		t.Errorf("deleted_at %q is not now: %v", deletedAt, err)
	}

	for _, p := range []string{path, "/api/v2/connections/con_unknown"} {
		resp = h.do(http.MethodDelete, p, nil)
		if resp.status != http.StatusNoContent || len(resp.body) != 0 {
			t.Errorf("DELETE %s: status %d, body %q", p, resp.status, resp.body)
		}
	}
	assertError(t, h.do(http.MethodGet, path, nil), http.StatusNotFound, "The connection does not exist", "inexistent_connection")
	// The name is free again.
	h.create(map[string]any{"name": "gone", "strategy": "auth0"})
}

func sortedKeys(m map[string]any) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return strings.Join(keys, ",")
}

func TestCrossAppAccess(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	created := h.create(map[string]any{"name": "xaa", "strategy": "oidc",
		"cross_app_access_requesting_app": map[string]any{"active": true},
		"cross_app_access_resource_app":   map[string]any{"status": "enabled"},
	})
	assertJSON(t, created["cross_app_access_requesting_app"], `{"active":true}`)
	path := "/api/v2/connections/" + get[string](t, created, "id")

	got := h.do(http.MethodPatch, path, `{"cross_app_access_resource_app":null,"cross_app_access_requesting_app":{"active":false}}`).object(t)
	if _, ok := got["cross_app_access_resource_app"]; ok {
		t.Errorf("null did not remove the setting: %v", got)
	}
	assertJSON(t, got["cross_app_access_requesting_app"], `{"active":false}`)

	resp := h.do(http.MethodPost, "/api/v2/connections", `{"name":"db","strategy":"auth0","cross_app_access_requesting_app":{"active":true}}`)
	assertError(t, resp, http.StatusBadRequest, "Cross App Access Requesting App is not supported for this connection.", "operation_not_supported")
	assertError(t, h.do(http.MethodPatch, path, `{"cross_app_access_resource_app":{"status":"on"}}`), http.StatusBadRequest,
		`Payload validation error: 'Invalid value "on"' on property cross_app_access_resource_app.status.`, "invalid_body")
}

// A current tenant gives waad connections no provisioning_ticket_url,
// app_domain or thumbprints (TestAccSCIMToken.yaml, 2025-11-06), while
// other enterprise strategies keep their provisioning_ticket_url.
func TestWaadGetsNoSetupKeys(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	waad := h.create(map[string]any{"name": "azure", "strategy": "waad", "options": map[string]any{"domain": "example.com"}})
	if _, ok := waad["provisioning_ticket_url"]; ok {
		t.Errorf("waad got a provisioning_ticket_url: %v", waad)
	}
	opts := get[map[string]any](t, waad, "options")
	for _, key := range []string{"app_domain", "thumbprints"} {
		if _, ok := opts[key]; ok {
			t.Errorf("waad got options.%s: %v", key, opts)
		}
	}
	saml := h.create(map[string]any{"name": "saml", "strategy": "samlp"})
	if _, ok := saml["provisioning_ticket_url"].(string); !ok {
		t.Errorf("samlp lacks a provisioning_ticket_url: %v", saml)
	}
}

// GET and PATCH /connections/{id} leave the deprecated enabled_clients out
// except for database connections; POST answers and lists keep it.
func TestEnabledClientsVisibility(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	for _, strategy := range []string{"auth0", "google-oauth2", "samlp", "sms"} {
		created := h.create(map[string]any{"name": "vis-" + strings.ReplaceAll(strategy, "-", ""), "strategy": strategy})
		if _, ok := created["enabled_clients"]; !ok {
			t.Errorf("%s: POST answer lacks enabled_clients", strategy)
		}
		id := get[string](t, created, "id")
		want := strategy == "auth0"
		got := h.do(http.MethodGet, "/api/v2/connections/"+id, nil).object(t)
		patched := h.do(http.MethodPatch, "/api/v2/connections/"+id, `{"display_name":"x"}`).object(t)
		for what, view := range map[string]map[string]any{"GET": got, "PATCH": patched} {
			if _, ok := view["enabled_clients"]; ok != want {
				t.Errorf("%s %s: enabled_clients present %v, want %v", strategy, what, ok, want)
			}
		}
	}
	list, _ := h.do(http.MethodGet, "/api/v2/connections", nil).json(t).([]any)
	if len(list) != 4 {
		t.Fatalf("list of %d connections", len(list))
	}
	for _, item := range list {
		if _, ok := item.(map[string]any)["enabled_clients"]; !ok {
			t.Errorf("list item lacks enabled_clients: %v", item)
		}
	}
}
