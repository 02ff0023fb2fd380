package strategyschema

import (
	"bytes"
	"os"
	"os/exec"
	"testing"
)

// The committed table is what the generator writes from the pinned SDK.
// Without npm or its registry (and the tarball not in npm's cache), only the
// recorded hash is checked: the table was not edited by hand. Set
// STRATEGYSCHEMA_TARBALL to an npm tarball of the SDK to use that instead.
func TestTableIsCurrent(t *testing.T) {
	committed, err := os.ReadFile("table_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if err := CheckHash(committed); err != nil {
		t.Fatalf("table_gen.go: %v; run go generate ./internal/strategyschema", err)
	}
	if Source != Pinned {
		t.Fatalf("table_gen.go is from %+v, the pinned SDK is %+v: run go generate ./internal/strategyschema", Source, Pinned)
	}
	var dts []byte
	if tb := os.Getenv("STRATEGYSCHEMA_TARBALL"); tb != "" {
		dts, err = ReadTarball(tb, Pinned)
	} else if _, lookErr := exec.LookPath("npm"); lookErr != nil {
		t.Skipf("npm is not on PATH, so only the recorded hash of table_gen.go was checked")
	} else {
		dts, err = FetchTypes(Pinned, false)
		if err != nil {
			t.Skipf("could not get the SDK (%v), so only the recorded hash of table_gen.go was checked", err)
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	generated, err := Generate(dts, Pinned)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(generated, committed) {
		t.Fatal("table_gen.go is not what the generator writes: run go generate ./internal/strategyschema and commit the result")
	}
}

func TestTableShape(t *testing.T) {
	if n := len(All()); n != 55 {
		t.Fatalf("%d strategies, want the API's 55", n)
	}
	typed := 0
	for _, s := range All() {
		if len(s.Options.Fields) > 0 {
			typed++
		}
		if Lookup(s.Name) != s {
			t.Errorf("Lookup(%q) is not the strategy", s.Name)
		}
	}
	if typed != 53 {
		t.Errorf("%d strategies with typed keys, want 53 (all but custom and ip)", typed)
	}
	for _, c := range []struct {
		strategy string
		path     []string
		secret   bool
		derived  bool
		kinds    Kind
	}{
		{"apple", []string{"app_secret"}, true, false, String | Null},
		{"apple", []string{"scope"}, false, true, String},
		{"samlp", []string{"signing_key", "key"}, true, false, String},
		{"samlp", []string{"decryptionKey", "key"}, true, false, String},
		{"google-apps", []string{"admin_access_token"}, true, false, String},
		{"sms", []string{"twilio_token"}, true, false, String},
		{"auth0", []string{"brute_force_protection"}, false, false, Boolean},
		{"waad", []string{"thumbprints"}, false, true, Array},
	} {
		f := Lookup(c.strategy).FieldAt(c.path)
		if f == nil {
			t.Errorf("%s %v: no field", c.strategy, c.path)
			continue
		}
		if f.Secret != c.secret || f.Derived != c.derived || f.Type.Kinds&^Null != c.kinds&^Null {
			t.Errorf("%s %v: secret %v derived %v kinds %v, want %v %v %v", c.strategy, c.path, f.Secret, f.Derived, f.Type.Kinds, c.secret, c.derived, c.kinds)
		}
	}
	if e := Lookup("auth0").FieldAt([]string{"passwordPolicy"}).Type.Enum; len(e) != 5 {
		t.Errorf("auth0 passwordPolicy enum %v", e)
	}
}

func TestParse(t *testing.T) {
	src := `import * as Management from "../index.js";
/** A base */
export interface Base {
    /** The id */
    id: string;
}
/** The level */
export type Level = Management.LevelEnum;
export declare const LevelEnum: {
    /** low */
    readonly Low: "low";
    readonly High: "high";
};
export type LevelEnum = (typeof LevelEnum)[keyof typeof LevelEnum];
export type Item = string
/** doc inside a union */
 | string[];
export interface CreateConnectionRequestContentX extends Management.Base {
    strategy: CreateConnectionRequestContentX.Strategy;
    options?: Management.OptionsX | undefined;
}
export declare namespace CreateConnectionRequestContentX {
    const Strategy: {
        readonly X: "x";
    };
    type Strategy = (typeof Strategy)[keyof typeof Strategy];
}
export interface OptionsX extends Management.Base {
    level?: (Management.Level | null) | undefined;
    items?: Record<string, Item>;
    nested?: { a?: number; "b-c": boolean } | undefined;
    [key: string]: any;
}
`
	all, err := Build([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 1 || all[0].Name != "x" {
		t.Fatalf("strategies %+v", all)
	}
	o := all[0].Options
	if o.Closed || len(o.Fields) != 6 { // 4 and the recorded strategy_version and upstream_params
		t.Fatalf("options %+v", o)
	}
	if f := o.Field("id"); !f.Required || f.Description != "The id" {
		t.Errorf("id %+v", f)
	}
	if f := o.Field("level"); f.Type.Kinds != String|Null || len(f.Type.Enum) != 2 || f.Description != "The level" {
		t.Errorf("level %+v %+v", f, f.Type)
	}
	if f := o.Field("items"); f.Type.Values == nil || f.Type.Values.Kinds != String|Array {
		t.Errorf("items %+v", f.Type)
	}
	if f := o.Field("nested"); f.Type.Field("b-c") == nil || !f.Type.Field("b-c").Required || !f.Type.Closed {
		t.Errorf("nested %+v", f.Type)
	}
}
