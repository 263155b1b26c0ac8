package importer

import (
	"bytes"
	"os"
	"testing"
	"testing/fstest"

	"github.com/uptimus/uptimus/generator/catalog"
)

// FuzzImport feeds any bytes as a list: reading and planning never panic,
// every row has one outcome, and whatever is added validates beside the
// catalogue it was planned against.
func FuzzImport(f *testing.F) {
	for _, name := range []string{"list.csv", "bad-quote.csv", "open-quote.csv"} {
		data, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("name,status_url,platform,category_guess,source_repo\n\"Ünïcode, Inc.\",https://status.xn--nicode-2ya.com/a/,rss,finance,x\n"))
	f.Add([]byte("name,status_url,platform,category_guess,source_repo\n(x),https://status.acme.com,,,\nAcme,https://ACME.statuspage.io/,statuspage,other,\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := ReadList(bytes.NewReader(data), "fuzz.csv")
		if err != nil {
			return
		}
		res := Plan(testCatalog(), testPlatforms, rows)
		if len(res.Outcomes) != len(rows) {
			t.Fatalf("%d outcomes for %d rows", len(res.Outcomes), len(rows))
		}
		fsys := testCatalogFS(t, testCatalog())
		for _, p := range res.Providers {
			file, err := File(p)
			if err != nil {
				t.Fatal(err)
			}
			fsys["providers/"+p.Slug+".yaml"] = &fstest.MapFile{Data: file}
		}
		if _, err := catalog.Load(fsys, testAdapters, catalog.LoadOptions{Hosting: testHosting}); err != nil {
			t.Fatalf("imported entries do not validate: %v\n%q", err, data)
		}
	})
}
