// Package options reconciles the free-form `options` object of an Auth0
// connection between Terraform values and the JSON the Management API speaks.
//
// Every function here is pure: it takes values and returns values, so that
// Create, Read, Update and import share one implementation and the rules can
// be tested (and fuzzed) without Terraform or a server.
package options

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/big"
	"regexp"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

// numberPrecision matches the precision HCL parses number literals with, so a
// number read back from the API compares equal to the one written in config.
const numberPrecision = 512

// ToJSON converts a known Terraform value into the Go representation used by
// encoding/json: map[string]any, []any, string, bool, json.Number or nil.
func ToJSON(v attr.Value) (any, error) {
	v = unwrap(v)
	if v == nil || v.IsNull() {
		return nil, nil
	}
	if v.IsUnknown() {
		return nil, fmt.Errorf("value is not known yet")
	}
	switch v := v.(type) {
	case basetypes.ObjectValue:
		return mapToJSON(v.Attributes())
	case basetypes.MapValue:
		return mapToJSON(v.Elements())
	case basetypes.TupleValue:
		return sliceToJSON(v.Elements())
	case basetypes.ListValue:
		return sliceToJSON(v.Elements())
	case basetypes.SetValue:
		return sliceToJSON(v.Elements())
	case basetypes.StringValue:
		return v.ValueString(), nil
	case basetypes.BoolValue:
		return v.ValueBool(), nil
	case basetypes.NumberValue:
		return numberToJSON(v.ValueBigFloat())
	default:
		return nil, fmt.Errorf("unsupported value type %T", v)
	}
}

func mapToJSON(attrs map[string]attr.Value) (map[string]any, error) {
	out := make(map[string]any, len(attrs))
	for k, child := range attrs {
		j, err := ToJSON(child)
		if err != nil {
			return nil, prefixed(k, err)
		}
		out[k] = j
	}
	return out, nil
}

func sliceToJSON(elems []attr.Value) ([]any, error) {
	out := make([]any, len(elems))
	for i, child := range elems {
		j, err := ToJSON(child)
		if err != nil {
			return nil, prefixed(fmt.Sprintf("[%d]", i), err)
		}
		out[i] = j
	}
	return out, nil
}

// maxNumberExponent bounds the binary exponent of the numbers ToJSON writes:
// 2^±4096 (about 10^±1233) is far beyond float64, and so beyond anything
// the Management API stores; past it big.Float's decimal conversion costs
// time that grows with the exponent, and an overflowed literal is +Inf,
// which JSON cannot spell.
const maxNumberExponent = 4096

// numberToJSON writes integers digit for digit: formatting them as floats
// would send 1.2345678901234568e+19 for 12345678901234567890.
func numberToJSON(f *big.Float) (json.Number, error) {
	if exp := f.MantExp(nil); f.IsInf() || exp > maxNumberExponent || exp < -maxNumberExponent {
		return "", fmt.Errorf("number out of range: magnitude beyond 2^%d", maxNumberExponent)
	}
	if f.IsInt() {
		i, _ := f.Int(nil)
		return json.Number(i.String()), nil
	}
	return json.Number(f.Text('g', -1)), nil
}

// Decode parses an API options object, keeping numbers exact.
func Decode(raw []byte) (map[string]any, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var out map[string]any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&out); err != nil {
		return nil, err
	}
	return out, nil
}

// FromJSON builds a Terraform value from JSON with no prior shape to follow
// (import, or a value whose shape changed on the server). It produces the
// same types HCL literals do, objects, tuples and numbers, so a configuration
// that spells the same keys plans empty.
func FromJSON(j any) attr.Value {
	switch j := j.(type) {
	case nil:
		return types.DynamicNull()
	case map[string]any:
		attrs := make(map[string]attr.Value, len(j))
		for k, child := range j {
			attrs[k] = FromJSON(child)
		}
		return objectOf(attrs)
	case []any:
		elems := make([]attr.Value, len(j))
		for i, child := range j {
			elems[i] = FromJSON(child)
		}
		return tupleOf(elems)
	case string:
		return types.StringValue(j)
	case bool:
		return types.BoolValue(j)
	case json.Number:
		return numberValue(string(j))
	case float64:
		return types.NumberValue(big.NewFloat(j).SetPrec(numberPrecision))
	default:
		return types.StringValue(fmt.Sprint(j))
	}
}

// fromJSONAs builds a value of type t from JSON when the JSON fits t, and
// falls back to the shapeless conversion where it does not (the server holds
// a value of another type: Terraform will show that as a difference).
func fromJSONAs(j any, t attr.Type) attr.Value {
	if _, ok := t.(basetypes.DynamicType); ok {
		return FromJSON(j)
	}
	if j == nil {
		return nullOf(t)
	}
	switch t := t.(type) {
	case basetypes.ObjectType:
		m, ok := j.(map[string]any)
		if !ok {
			return FromJSON(j)
		}
		attrs := make(map[string]attr.Value, len(t.AttrTypes))
		for k, at := range t.AttrTypes {
			attrs[k] = fromJSONAs(m[k], at)
		}
		return objectOf(attrs)
	case basetypes.TupleType:
		s, ok := j.([]any)
		if !ok || len(s) != len(t.ElemTypes) {
			return FromJSON(j)
		}
		elems := make([]attr.Value, len(s))
		for i := range s {
			elems[i] = fromJSONAs(s[i], t.ElemTypes[i])
		}
		return tupleOf(elems)
	case basetypes.ListType:
		elems, ok := elementsAs(j, t.ElemType)
		if !ok {
			return FromJSON(j)
		}
		return types.ListValueMust(t.ElemType, elems)
	case basetypes.SetType:
		elems, ok := elementsAs(j, t.ElemType)
		if !ok {
			return FromJSON(j)
		}
		v, diags := types.SetValue(t.ElemType, elems)
		if diags.HasError() {
			return FromJSON(j)
		}
		return v
	case basetypes.MapType:
		m, ok := j.(map[string]any)
		if !ok {
			return FromJSON(j)
		}
		elems := make(map[string]attr.Value, len(m))
		for k, child := range m {
			elems[k] = fromJSONAs(child, t.ElemType)
			if !elems[k].Type(context.Background()).Equal(t.ElemType) {
				return FromJSON(j)
			}
		}
		return types.MapValueMust(t.ElemType, elems)
	case basetypes.StringType:
		if s, ok := j.(string); ok {
			return types.StringValue(s)
		}
	case basetypes.BoolType:
		if b, ok := j.(bool); ok {
			return types.BoolValue(b)
		}
	case basetypes.NumberType:
		switch n := j.(type) {
		case json.Number:
			return numberValue(string(n))
		case float64:
			return types.NumberValue(big.NewFloat(n).SetPrec(numberPrecision))
		}
	}
	return FromJSON(j)
}

// elementsAs converts a JSON array to elements of one type, or reports that
// some element does not fit it.
func elementsAs(j any, elemType attr.Type) ([]attr.Value, bool) {
	s, ok := j.([]any)
	if !ok {
		return nil, false
	}
	elems := make([]attr.Value, len(s))
	for i := range s {
		elems[i] = fromJSONAs(s[i], elemType)
		if !elems[i].Type(context.Background()).Equal(elemType) {
			return nil, false
		}
	}
	return elems, true
}

// jsonExponent matches a JSON number with an exponent, capturing its sign.
var jsonExponent = regexp.MustCompile(`^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?[eE]([+-]?)[0-9]+$`)

func numberValue(s string) attr.Value {
	f, _, err := big.ParseFloat(s, 10, numberPrecision, big.ToNearestEven)
	if err != nil {
		m := jsonExponent.FindStringSubmatch(s)
		if m == nil {
			return types.StringValue(s)
		}
		// A JSON number whose exponent does not fit big.Float underflows to
		// zero or overflows to infinity (which ToJSON refuses), as a smaller
		// exponent does: it must not turn into a string.
		f = new(big.Float).SetPrec(numberPrecision)
		if m[1] != "-" {
			f.SetInf(s[0] == '-')
		}
	}
	return types.NumberValue(f)
}

// nullOf returns the typed null of t, as HCL gives for a missing attribute.
func nullOf(t attr.Type) attr.Value {
	switch t := t.(type) {
	case basetypes.ObjectType:
		return types.ObjectNull(t.AttrTypes)
	case basetypes.TupleType:
		return types.TupleNull(t.ElemTypes)
	case basetypes.ListType:
		return types.ListNull(t.ElemType)
	case basetypes.SetType:
		return types.SetNull(t.ElemType)
	case basetypes.MapType:
		return types.MapNull(t.ElemType)
	case basetypes.StringType:
		return types.StringNull()
	case basetypes.BoolType:
		return types.BoolNull()
	case basetypes.NumberType:
		return types.NumberNull()
	default:
		return types.DynamicNull()
	}
}

// objectOf builds an object whose attribute types are those of its values.
func objectOf(attrs map[string]attr.Value) attr.Value {
	attrTypes := make(map[string]attr.Type, len(attrs))
	for k, v := range attrs {
		attrTypes[k] = v.Type(context.Background())
	}
	return types.ObjectValueMust(attrTypes, attrs)
}

func tupleOf(elems []attr.Value) attr.Value {
	elemTypes := make([]attr.Type, len(elems))
	for i, v := range elems {
		elemTypes[i] = v.Type(context.Background())
	}
	return types.TupleValueMust(elemTypes, elems)
}

// unwrap returns the value a dynamic value holds; other values pass through.
func unwrap(v attr.Value) attr.Value {
	for {
		d, ok := v.(basetypes.DynamicValue)
		if !ok || d.IsNull() || d.IsUnknown() {
			return v
		}
		v = d.UnderlyingValue()
	}
}

// children returns the keyed children of an object or map value, or nil and
// false for any other value.
func children(v attr.Value) (map[string]attr.Value, bool) {
	v = unwrap(v)
	if v == nil || v.IsNull() || v.IsUnknown() {
		return nil, false
	}
	switch v := v.(type) {
	case basetypes.ObjectValue:
		return v.Attributes(), true
	case basetypes.MapValue:
		return v.Elements(), true
	}
	return nil, false
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// ToJSONPartial converts a value that may be partly unknown (a plan-time
// configuration) to JSON, with unknown in the place of each unknown part.
func ToJSONPartial(v attr.Value, unknown any) any {
	v = unwrap(v)
	if v == nil || v.IsNull() {
		return nil
	}
	if v.IsUnknown() {
		return unknown
	}
	partialMap := func(attrs map[string]attr.Value) map[string]any {
		out := make(map[string]any, len(attrs))
		for k, child := range attrs {
			out[k] = ToJSONPartial(child, unknown)
		}
		return out
	}
	partialSlice := func(elems []attr.Value) []any {
		out := make([]any, len(elems))
		for i, child := range elems {
			out[i] = ToJSONPartial(child, unknown)
		}
		return out
	}
	switch v := v.(type) {
	case basetypes.ObjectValue:
		return partialMap(v.Attributes())
	case basetypes.MapValue:
		return partialMap(v.Elements())
	case basetypes.TupleValue:
		return partialSlice(v.Elements())
	case basetypes.ListValue:
		return partialSlice(v.Elements())
	case basetypes.SetValue:
		return partialSlice(v.Elements())
	}
	j, err := ToJSON(v)
	if err != nil {
		return unknown
	}
	return j
}
