package emulator

import (
	"regexp"
	"slices"
)

// The request schemas below transcribe the Management API's OpenAPI document
// (constraints from the 2026 copy, descriptions from the described 2025 copy,
// since Auth0 quotes them in validation messages).

var (
	tObject     = []string{"object"}
	tObjectNull = []string{"object", "null"}
	tArray      = []string{"array"}
	tArrayNull  = []string{"array", "null"}
	tString     = []string{"string"}
	tStringNull = []string{"string", "null"}
	tBoolean    = []string{"boolean"}
	tInteger    = []string{"integer"}
	tNumber     = []string{"number"}
)

func limit(f float64) *float64 { return &f }

func boolean(desc string) *schema { return &schema{types: tBoolean, desc: desc} }

func oneOf(types []string, desc string, values ...any) *schema {
	return &schema{types: types, desc: desc, enum: values}
}

// closedObject is an object that accepts only the listed properties.
func closedObject(types []string, desc string, props map[string]*schema, required ...string) *schema {
	return &schema{types: types, desc: desc, closed: true, props: props, required: required}
}

// identityProviders are the strategies POST /connections accepts.
var identityProviders = []any{
	"ad", "adfs", "amazon", "apple", "dropbox", "bitbucket", "auth0-oidc", "auth0", "baidu", "bitly",
	"box", "custom", "daccount", "dwolla", "email", "evernote-sandbox", "evernote", "exact", "facebook",
	"fitbit", "github", "google-apps", "google-oauth2", "instagram", "ip", "line", "linkedin", "oauth1",
	"oauth2", "office365", "oidc", "okta", "paypal", "paypal-sandbox", "pingfederate", "planningcenter",
	"salesforce-community", "salesforce-sandbox", "salesforce", "samlp", "sharepoint", "shopify", "shop",
	"sms", "soundcloud", "thirtysevensignals", "twitter", "untappd", "vkontakte", "waad", "weibo",
	"windowslive", "wordpress", "yahoo", "yandex",
}

// listableStrategies are the values GET /connections accepts in ?strategy=.
var listableStrategies = slices.Concat(identityProviders, []any{"auth0-adldap"})

// upstreamAliases are the request parameters an upstream parameter may
// copy.
var upstreamAliases = []any{
	"acr_values", "audience", "client_id", "display", "id_token_hint", "login_hint", "max_age", "prompt",
	"resource", "response_mode", "response_type", "ui_locales",
}

var connectionNamePattern = regexp.MustCompile(`^[a-zA-Z0-9](-[a-zA-Z0-9]|[a-zA-Z0-9])*$`)

const (
	isDomainDesc     = "<code>true</code> promotes to a domain-level connection so that third-party applications can use it. <code>false</code> does not promote the connection, so only first-party applications with the connection enabled can use it. (Defaults to <code>false</code>.)"
	showAsButtonDesc = "Enables showing a button for the connection in the login page (new experience only). If false, it will be usable only by HRD. (Defaults to <code>false</code>.)"
	setRootAttrsDesc = "When using an external IdP, this flag determines  whether 'name', 'given_name', 'family_name', 'nickname', and 'picture' attributes are updated. In addition, it also determines whether the user is created when user doesnt exist previously. Possible values are 'on_each_login' (default value, it configures the connection to automatically create the user if necessary and update the root attributes from the external IdP with each user login. When this setting is used, root attributes cannot be independently updated), 'on_first_login' (configures the connection to create the user and set the root attributes on first login only, allowing them to be independently updated thereafter), and 'never_on_login' (configures the connection not to create the user and not to set the root attributes from the external IdP, allowing them to be independently updated)."
)

var (
	realmsSchema = &schema{
		types: tArray,
		desc:  "Defines the realms for which the connection will be used (ie: email domains). If the array is empty or the property is not specified, the connection name will be added as realm.",
		items: &schema{types: tString, desc: "The realm where this connection belongs"},
	}
	metadataSchema = &schema{
		types:    tObject,
		desc:     "Metadata associated with the connection in the form of an object with string values (max 255 chars).  Maximum of 10 metadata properties allowed.",
		maxProps: 10,
		extra:    &schema{types: tStringNull, maxLength: 255},
	}
	authenticationSchema = closedObject(tObject, "", map[string]*schema{
		"active": boolean(""),
	}, "active")
	connectedAccountsSchema = closedObject(tObject, "", map[string]*schema{
		"active":           boolean(""),
		"cross_app_access": boolean(""),
	}, "active")
)

// The cross app access settings are missing from the OpenAPI document but
// accepted by Auth0 (TestAccConnectionCrossAppAccess*.yaml); a PATCH with
// null removes them.
func crossAppRequestingSchema(types []string) *schema {
	return closedObject(types, "", map[string]*schema{"active": boolean("")}, "active")
}

func crossAppResourceSchema(types []string) *schema {
	return closedObject(types, "", map[string]*schema{"status": oneOf(tString, "", "enabled", "disabled")}, "status")
}

var createConnectionSchema = closedObject(tObject, "", map[string]*schema{
	"name": {
		types:     tString,
		desc:      "The name of the connection. Must start and end with an alphanumeric character and can only contain alphanumeric characters and '-'. Max length 128",
		maxLength: 128,
		pattern:   connectionNamePattern,
	},
	"display_name": {types: tString, desc: "Connection name used in the new universal login experience", maxLength: 128},
	"strategy":     oneOf(tString, "The identity provider identifier for the connection", identityProviders...),
	"options":      connectionOptionsSchema(tObject, "The connection's options (depend on the connection strategy)"),
	"enabled_clients": {
		types: tArray,
		desc:  "DEPRECATED property. Use the PATCH /v2/connections/{id}/clients endpoint to enable the connection for a set of clients.",
		items: &schema{types: tString, desc: "The id of the client to for which the connection is to be enabled. "},
	},
	"is_domain_connection": boolean(isDomainDesc),
	"show_as_button":       boolean(showAsButtonDesc),
	"realms":               realmsSchema,
	"metadata":             metadataSchema,
	"authentication":       authenticationSchema,
	"connected_accounts":   connectedAccountsSchema,

	"cross_app_access_requesting_app": crossAppRequestingSchema(tObject),
	"cross_app_access_resource_app":   crossAppResourceSchema(tObject),
}, "name", "strategy")

var updateConnectionSchema = func() *schema {
	sc := closedObject(tObject, "", map[string]*schema{
		"display_name": {
			types:     tString,
			desc:      "The connection name used in the new universal login experience. If display_name is not included in the request, the field will be overwritten with the name value.",
			maxLength: 128,
		},
		"options": connectionOptionsSchema(tObjectNull, "The connection's options (depend on the connection strategy). To update these options, the `update:connections_options` scope must be present. To verify your changes, also include the `read:connections_options` scope. If this scope is not specified, you will not be able to review the updated object."),
		"enabled_clients": {
			types: tArrayNull,
			desc:  "DEPRECATED property. Use the PATCH /v2/connections/{id}/clients endpoint to enable or disable the connection for any clients.",
			items: &schema{types: tString, desc: "The client_id of the client to for which the connection is to be enabled"},
		},
		"is_domain_connection": boolean(isDomainDesc),
		"show_as_button":       boolean(showAsButtonDesc),
		"realms":               realmsSchema,
		"metadata":             metadataSchema,
		"authentication":       authenticationSchema,
		"connected_accounts":   connectedAccountsSchema,

		"cross_app_access_requesting_app": crossAppRequestingSchema(tObjectNull),
		"cross_app_access_resource_app":   crossAppResourceSchema(tObjectNull),
	})
	sc.minProps = 1
	return sc
}()

// connectionOptionsSchema types the option keys the API knows; any other
// key is accepted as is.
func connectionOptionsSchema(types []string, desc string) *schema {
	enabledFlag := func(desc string) *schema {
		return closedObject(tObject, desc, map[string]*schema{"enabled": boolean("")})
	}
	signingAlgs := []any{"ES256", "ES384", "PS256", "PS384", "RS256", "RS384", "RS512"}
	props := map[string]*schema{
		"validation": closedObject(tObjectNull, "Options for validation", map[string]*schema{
			"username": closedObject(tObjectNull, "", map[string]*schema{
				"min": {types: tInteger, minimum: limit(1)},
				"max": {types: tInteger, maximum: limit(128)},
			}, "max", "min"),
		}),
		"non_persistent_attrs": {
			types: tArrayNull,
			desc:  "An array of user fields that should not be stored in the Auth0 database (https://auth0.com/docs/security/data-security/denylist)",
			items: &schema{types: tString},
		},
		"precedence": {
			types:    tArray,
			desc:     "Order of precedence for attribute types. If the property is not specified, the default precedence of attributes will be used.",
			minItems: 3,
			items:    oneOf(tString, "Order of precedence for attribute types", "email", "phone_number", "username"),
		},
		"attributes": attributesSchema,
		"authentication_methods": closedObject(tObjectNull, "Options for enabling authentication methods.", map[string]*schema{
			"password": closedObject(tObject, "Password authentication enablement", map[string]*schema{
				"enabled":         boolean("Determines whether passwords are enabled"),
				"api_behavior":    oneOf(tString, "", "required", "optional"),
				"signup_behavior": oneOf(tString, "", "allow", "block"),
			}),
			"passkey":   enabledFlag("Passkey authentication enablement"),
			"email_otp": enabledFlag(""),
			"phone_otp": enabledFlag(""),
		}),
		"passkey_options": closedObject(tObjectNull, "Options for the passkey authentication method", map[string]*schema{
			"challenge_ui":                   oneOf(tString, "Controls the UI used to challenge the user for their passkey.", "both", "autofill", "button"),
			"progressive_enrollment_enabled": boolean("Enables or disables progressive enrollment of passkeys for the connection."),
			"local_enrollment_enabled":       boolean("Enables or disables enrollment prompt for local passkey when user authenticates using a cross-device passkey for the connection."),
		}),
		"passwordPolicy": oneOf(tStringNull, "Password strength level", "none", "low", "fair", "good", "excellent", nil),
		"password_complexity_options": closedObject(tObjectNull, "Password complexity options", map[string]*schema{
			"min_length": {types: tInteger, desc: "Minimum password length", minimum: limit(1), maximum: limit(128)},
		}),
		"password_history": closedObject(tObjectNull, "Options for password history policy", map[string]*schema{
			"enable": boolean(""),
			"size":   {types: tInteger, minimum: limit(0), maximum: limit(24)},
		}, "enable"),
		"password_no_personal_info": closedObject(tObjectNull, "Options for personal info in passwords policy", map[string]*schema{
			"enable": boolean(""),
		}, "enable"),
		"password_dictionary": closedObject(tObjectNull, "Options for password dictionary policy", map[string]*schema{
			"enable": boolean(""),
			"dictionary": {
				types: tArray,
				desc:  "Custom Password Dictionary. An array of up to 200 entries.",
				items: &schema{types: tString, desc: "Custom Password Dictionary entry. 50 characters max.", maxLength: 50},
			},
		}, "enable"),
		"password_options":         passwordOptionsSchema,
		"set_user_root_attributes": oneOf(tString, setRootAttrsDesc, "on_each_login", "on_first_login", "never_on_login"),
		"configuration":            {types: tObjectNull, extra: &schema{types: tStringNull}},
		"customScripts": {
			types: tObject,
			desc:  "A map of scripts used to integrate with a custom database.",
			props: scriptProps(),
		},
		"upstream_params": {
			types: tObjectNull,
			desc:  "Options for adding parameters in the request to the upstream IdP",
			extra: &schema{types: tObject, oneOf: []*schema{
				closedObject(tObject, "", map[string]*schema{"alias": oneOf(tString, "", upstreamAliases...)}),
				closedObject(tObject, "", map[string]*schema{"value": {types: tString}}),
			}},
		},
		"gateway_authentication": {
			types:    tObjectNull,
			desc:     "Token-based authentication settings to be applied when connection is using an sms strategy.",
			required: []string{"method", "audience", "secret"},
			props: map[string]*schema{
				"method":                {types: tString, desc: "The Authorization header type."},
				"subject":               {types: tString, desc: "The subject to be added to the JWT payload."},
				"audience":              {types: tString, desc: "The audience to be added to the JWT payload."},
				"secret":                {types: tString, desc: "The secret to be used for signing tokens."},
				"secret_base64_encoded": boolean("Set to true if the provided secret is base64 encoded."),
			},
		},
		"assertion_decryption_settings": closedObject(tObject, "", map[string]*schema{
			"algorithm_profile":    oneOf(tString, "", "v2026-1"),
			"algorithm_exceptions": {types: tArray, items: &schema{types: tString, minLength: 1, maxLength: 100}},
		}, "algorithm_profile"),
		"federated_connections_access_tokens": closedObject(tObjectNull, "", map[string]*schema{"active": boolean("")}),
		"id_token_signed_response_algs":       {types: tArrayNull, items: oneOf(tString, "", signingAlgs...)},
		"token_endpoint_auth_method":          oneOf(tStringNull, "", "client_secret_post", "private_key_jwt", nil),
		"token_endpoint_auth_signing_alg":     oneOf(tStringNull, "", slices.Concat(signingAlgs, []any{nil})...),
		"token_endpoint_jwtca_aud_format":     oneOf(tString, "", "issuer", "token_endpoint"),
		"enabledDatabaseCustomization":        boolean("Set to true to use a legacy user store"),
		"import_mode":                         boolean("Enable this if you have a legacy user store and you want to gradually migrate those users to the Auth0 user store"),
	}
	for _, flag := range []string{
		"api_enable_groups", "api_enable_users", "basic_profile", "disable_self_service_change_password",
		"enable_script_context", "ext_admin", "ext_agreed_terms", "ext_assigned_plans", "ext_groups",
		"ext_is_suspended", "ext_profile",
	} {
		props[flag] = boolean("")
	}
	return &schema{types: types, desc: desc, props: props}
}

func scriptProps() map[string]*schema {
	props := map[string]*schema{}
	for _, name := range []string{
		"change_email", "change_password", "change_phone_number", "change_username", "create",
		"delete", "get_user", "login", "verify",
	} {
		props[name] = &schema{types: tString, minLength: 1}
	}
	return props
}

var attributesSchema = func() *schema {
	identifier := closedObject(tObject, "", map[string]*schema{
		"active":         boolean("Determines if the attribute is used for identification"),
		"default_method": oneOf(tString, "", "password", "email_otp"),
	})
	status := oneOf(tString, "", "required", "optional", "inactive")
	signupVerified := closedObject(tObject, "", map[string]*schema{
		"status":       status,
		"verification": closedObject(tObject, "", map[string]*schema{"active": boolean("")}),
	})
	profileRequired := boolean("Determines if property should be required for users")
	lengthLimit := func(desc string) *schema {
		return &schema{types: tNumber, desc: desc, minimum: limit(1), maximum: limit(128)}
	}
	sc := closedObject(tObject, "Attribute configuration", map[string]*schema{
		"email": closedObject(tObject, "Configuration for the email attribute for users.", map[string]*schema{
			"identifier":          identifier,
			"profile_required":    profileRequired,
			"signup":              signupVerified,
			"unique":              boolean(""),
			"verification_method": oneOf(tString, "", "link", "otp"),
		}),
		"phone_number": closedObject(tObject, "Configuration for the phone number attribute for users.", map[string]*schema{
			"identifier":       identifier,
			"profile_required": profileRequired,
			"signup":           signupVerified,
		}),
		"username": closedObject(tObject, "Configuration for the username attribute for users.", map[string]*schema{
			"identifier":       identifier,
			"profile_required": profileRequired,
			"signup":           closedObject(tObject, "", map[string]*schema{"status": status}),
			"validation": closedObject(tObject, "", map[string]*schema{
				"min_length": lengthLimit("Minimum allowed length"),
				"max_length": lengthLimit("Maximum allowed length"),
				"allowed_types": closedObject(tObject, "", map[string]*schema{
					"email":        boolean(""),
					"phone_number": boolean(""),
				}),
			}),
		}),
	})
	sc.minProps = 1
	return sc
}()

var passwordOptionsSchema = closedObject(tObject, "", map[string]*schema{
	"complexity": closedObject(tObject, "", map[string]*schema{
		"character_type_rule":   oneOf(tString, "", "all", "three_of_four"),
		"character_types":       {types: tArray, items: oneOf(tString, "", "uppercase", "lowercase", "number", "special")},
		"identical_characters":  oneOf(tString, "", "allow", "block"),
		"max_length_exceeded":   oneOf(tString, "", "truncate", "error"),
		"min_length":            {types: tInteger, minimum: limit(1), maximum: limit(72)},
		"sequential_characters": oneOf(tString, "", "allow", "block"),
	}),
	"dictionary": closedObject(tObject, "", map[string]*schema{
		"active":  boolean(""),
		"custom":  {types: tArray, items: &schema{types: tString, maxLength: 50}},
		"default": oneOf(tString, "", "en_10k", "en_100k"),
	}),
	"history": closedObject(tObject, "", map[string]*schema{
		"active": boolean(""),
		"size":   {types: tInteger, minimum: limit(1), maximum: limit(24)},
	}),
	"profile_data": closedObject(tObject, "", map[string]*schema{
		"active":         boolean(""),
		"blocked_fields": {types: tArray, items: &schema{types: tString, maxLength: 100}},
	}),
})

// enabledClientsPatchSchema is the body of PATCH /connections/{id}/clients.
var enabledClientsPatchSchema = &schema{
	types:    tArray,
	minItems: 1,
	maxItems: 50,
	items: closedObject(tObject, "", map[string]*schema{
		"client_id": {types: tString},
		"status":    boolean(""),
	}, "client_id", "status"),
}

// createClientSchema is the part of POST /clients the emulator models.
var createClientSchema = &schema{
	types:    tObject,
	required: []string{"name"},
	props:    map[string]*schema{"name": {types: tString, minLength: 1}},
}
