package emulator

import (
	"encoding/json"
	"net/url"
	"regexp"
	"strconv"
)

// queryParam is a query string parameter validated with the body schemas;
// values are coerced to the schema's type first, as Auth0 does.
type queryParam struct {
	name   string
	schema *schema
}

// readQuery validates the parameters it knows and returns them coerced,
// keyed by name; others are ignored.
func readQuery(q url.Values, params []queryParam) (map[string]any, error) {
	out := map[string]any{}
	for _, p := range params {
		values, present := q[p.name]
		if !present {
			continue
		}
		v := coerce(p.schema, values)
		if bad := p.schema.check(v, p.name); bad != nil {
			return nil, queryViolation(bad)
		}
		out[p.name] = v
	}
	return out, nil
}

func coerce(sc *schema, values []string) any {
	switch sc.types[0] {
	case "array":
		items := make([]any, len(values))
		for i, v := range values {
			items[i] = v
		}
		return items
	case "integer":
		if _, err := strconv.ParseInt(values[0], 10, 64); err == nil {
			return json.Number(values[0])
		}
	case "boolean":
		if values[0] == "true" || values[0] == "false" {
			return values[0] == "true"
		}
	}
	return values[0]
}

func intParam(q map[string]any, name string, def int) int {
	n, ok := q[name].(json.Number)
	if !ok {
		return def
	}
	i, _ := n.Int64()
	return int(i)
}

func stringParam(q map[string]any, name string) (string, bool) {
	s, ok := q[name].(string)
	return s, ok
}

const strategyParamDesc = "Provide strategies to only retrieve connections with such strategies"

const fieldsDesc = "A comma separated list of fields to include or exclude (depending on include_fields) from the result, empty to retrieve all fields"

var (
	fieldsParam = queryParam{"fields", &schema{
		types:   tString,
		desc:    fieldsDesc,
		pattern: regexp.MustCompile(`^((name)|(display_name)|(strategy)|(options)|(id)|(provisioning_ticket_url)|(metadata)|(show_as_button)|(clients)|(authentication)|(connected_accounts)|(cross_app_access_requesting_app)|(cross_app_access_resource_app)|(enabled_clients))(,((name)|(display_name)|(strategy)|(options)|(id)|(provisioning_ticket_url)|(metadata)|(show_as_button)|(clients)|(authentication)|(connected_accounts)|(cross_app_access_requesting_app)|(cross_app_access_resource_app)|(enabled_clients)))*$`),
	}}
	includeFieldsParam = queryParam{"include_fields", boolean("<code>true</code> if the fields specified are to be included in the result, <code>false</code> otherwise (defaults to <code>true</code>)")}

	// fieldParams are the parameters of GET /connections/{id}.
	fieldParams = []queryParam{fieldsParam, includeFieldsParam}

	listParams = []queryParam{
		{"per_page", &schema{types: tInteger, desc: "The amount of entries per page. Defaults to 100 if not provided", minimum: limit(1), maximum: limit(100)}},
		{"page", &schema{types: tInteger, desc: "The page number. Zero based", minimum: limit(0)}},
		{"include_totals", boolean("true if a query summary must be included in the result, false otherwise. Not returned when using checkpoint pagination. Default <code>false</code>.")},
		{"from", &schema{types: tString, desc: "Optional Id from which to start selection."}},
		{"take", &schema{types: tInteger, desc: "Number of results per page. Defaults to 50.", minimum: limit(1), maximum: limit(100)}},
		{"strategy", &schema{types: tArray, desc: strategyParamDesc, items: oneOf(tString, strategyParamDesc, listableStrategies...)}},
		{"name", &schema{types: tString, desc: "Provide the name of the connection to retrieve"}},
		fieldsParam,
		includeFieldsParam,
	}

	// clientListParams are the paging parameters of GET /clients.
	clientListParams = []queryParam{
		{"per_page", &schema{types: tInteger, desc: "Number of results per page. Default value is 50, maximum value is 100", minimum: limit(1), maximum: limit(100)}},
		{"page", &schema{types: tInteger, desc: "Page index of the results to return. First page is 0.", minimum: limit(0)}},
		{"include_totals", boolean("Return results inside an object that contains the total result count (true) or as a direct array of results (false, default).")},
		{"from", &schema{types: tString, desc: "Optional Id from which to start selection."}},
		{"take", &schema{types: tInteger, desc: "Number of results per page. Defaults to 50.", minimum: limit(1), maximum: limit(100)}},
	}

	enabledClientsParams = []queryParam{
		{"take", &schema{types: tInteger, minimum: limit(1), maximum: limit(1000)}},
		{"from", &schema{types: tString, maxLength: 1000}},
	}
)
