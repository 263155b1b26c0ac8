package model

import (
	"testing"

	"github.com/uptimus/uptimus/generator/catalog"
)

func TestVendor(t *testing.T) {
	named := &catalog.Provider{Adapter: "statuspage", URL: "https://a.example"}
	auto := &catalog.Provider{Adapter: catalog.AutoAdapter, URL: "https://a.example"}
	found := Check{URL: "https://a.example", Detected: "instatus"}
	tests := []struct {
		p        *catalog.Provider
		c        Check
		want     string
		detected bool
	}{
		{named, found, "statuspage", false},
		{auto, Check{}, "auto", false},
		{auto, found, "instatus", true},
		{&catalog.Provider{Adapter: catalog.AutoAdapter, URL: "https://moved.example"}, found, "auto", false},
	}
	for _, tt := range tests {
		if got, detected := Vendor(tt.p, tt.c); got != tt.want || detected != tt.detected {
			t.Errorf("Vendor(%s at %s, %+v) = %s, %v; want %s, %v", tt.p.Adapter, tt.p.URL, tt.c, got, detected, tt.want, tt.detected)
		}
	}
}
