package main

import (
	"maps"
	"testing"
)

func TestLogsOffUnlessShown(t *testing.T) {
	allOff := map[string]string{
		"TF_LOG_SDK": "OFF", "TF_LOG_SDK_PROTO": "OFF", "TF_LOG_SDK_FRAMEWORK": "OFF", "TF_LOG_PROVIDER_AUTH0": "OFF",
	}
	tests := map[string]struct {
		env  map[string]string
		want map[string]string
	}{
		"no logging asked for":         {env: map[string]string{}, want: allOff},
		"empty TF_LOG is not set":      {env: map[string]string{"TF_LOG": ""}, want: allOff},
		"TF_LOG shows everything":      {env: map[string]string{"TF_LOG": "trace"}, want: nil},
		"TF_LOG_PROVIDER shows ours":   {env: map[string]string{"TF_LOG_PROVIDER": "debug"}, want: nil},
		"TF_LOG_CORE shows only core":  {env: map[string]string{"TF_LOG_CORE": "trace"}, want: allOff},
		"a level the user set is kept": {env: map[string]string{"TF_LOG_SDK_PROTO": "trace"}, want: without(allOff, "TF_LOG_SDK_PROTO")},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got := logsOffUnlessShown(func(k string) (string, bool) { v, ok := tc.env[k]; return v, ok })
			if !maps.Equal(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func without(m map[string]string, key string) map[string]string {
	c := maps.Clone(m)
	delete(c, key)
	return c
}
