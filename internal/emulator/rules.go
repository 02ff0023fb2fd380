package emulator

// Checks Auth0 makes on options beyond the schema, as the recordings show.
// They concern options.attributes, the newer way to configure a database
// connection's identifiers.

// attributeConflicts are the older settings attributes replace.
var attributeConflicts = []struct {
	key string
	set func(any) bool
}{
	{"validation", func(v any) bool { return v != nil }},
	{"requires_username", func(v any) bool { return v == true }},
}

// attributeNames in the order Auth0 checks them.
var attributeNames = []string{"email", "phone_number", "username"}

// checkOptions reports the first rule opts break.
func checkOptions(opts map[string]any) error {
	attrs, ok := opts["attributes"].(map[string]any)
	if !ok {
		return nil
	}
	for _, c := range attributeConflicts {
		if v, ok := opts[c.key]; ok && c.set(v) {
			return invalidBody("Cannot set both options.attributes and options." + c.key)
		}
	}
	active := false
	for _, name := range attributeNames {
		attr, _ := attrs[name].(map[string]any)
		identifier, _ := attr["identifier"].(map[string]any)
		if identifier["active"] != true {
			continue
		}
		active = true
		signup, _ := attr["signup"].(map[string]any)
		if status, ok := signup["status"]; ok && status != "required" {
			return invalidBody("attribute " + name + " must also be required on signup")
		}
	}
	if !active {
		return invalidBody("attributes must contain one active identifier")
	}
	// A non-unique email needs a custom database to keep users apart.
	email, _ := attrs["email"].(map[string]any)
	if email["unique"] == false && opts["enabledDatabaseCustomization"] != true {
		return invalidBody("cannot add non-unique email attribute")
	}
	return nil
}
