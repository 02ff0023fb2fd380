// Package optionschema validates, at plan time, the typed keys of the free-form
// `options` object of an Auth0 connection.
//
// The rules come from the Auth0 Management API OpenAPI document
// (components.schemas.ConnectionPropertiesOptions, with every $ref inlined),
// plus a small overlay of documented limits the document lacks. They are
// compiled into schema_gen.go by `go generate`; see Generate.
//
// Only the keys the schema types are checked: the top-level object admits any
// other key, so strategy-specific options pass through untouched.
package optionschema

//go:generate go run ./gen -spec ../../../shared/auth0-api/openapi-connections.json -out schema_gen.go

// Schema is the subset of JSON Schema the connection options use.
//
// A nil pointer or empty slice means the keyword is absent. An object without
// Closed and without AdditionalProperties admits any extra key.
type Schema struct {
	// Types lists the JSON types allowed ("string", "number", "integer",
	// "boolean", "array", "object", "null"); empty means any type.
	Types []string
	// Enum lists the allowed values (string, bool, float64 or nil), in the
	// order of the specification; empty means any value.
	Enum []any

	// MinLength and MaxLength bound the length of a string in characters.
	MinLength, MaxLength *int
	// Minimum and Maximum bound a number, inclusively.
	Minimum, Maximum *float64

	// MinItems and MaxItems bound the number of elements of an array.
	MinItems, MaxItems *int
	// Items is the schema of every element of an array.
	Items *Schema

	// MinProperties and MaxProperties bound the number of keys of an object.
	MinProperties, MaxProperties *int
	// Required lists the keys an object must have, sorted.
	Required []string
	// Properties holds the schema of each known key of an object.
	Properties map[string]*Schema
	// Closed rejects keys missing from Properties (additionalProperties: false).
	Closed bool
	// AdditionalProperties is the schema of keys missing from Properties.
	AdditionalProperties *Schema

	// OneOf lists alternative schemas; a value passes when it matches at
	// least one of them (and the rest of this schema).
	OneOf []*Schema
}
