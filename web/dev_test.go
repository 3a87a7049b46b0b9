package web

import (
	"net/http"
	"os"
	"testing"
	"time"

	"backcare/catalog"
)

// TestDevServer serves the app on BACKCARE_DEV_ADDR with an in-memory
// journal, for looking at pages while building them. Skipped otherwise.
func TestDevServer(t *testing.T) {
	addr := os.Getenv("BACKCARE_DEV_ADDR")
	if addr == "" {
		t.Skip("set BACKCARE_DEV_ADDR to serve the app for a look")
	}
	cat, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	t.Fatal(http.ListenAndServe(addr, NewServer(Deps{Catalog: cat, Journal: newMemJournal(), Figures: true, Location: time.UTC})))
}
