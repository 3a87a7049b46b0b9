//go:build ignore

// bare204 is the reference for bench/web.sh: the cheapest possible net/http
// server, answering every request with 204 No Content. Run with
// `go run bench/bare204.go ADDR`.
package main

import (
	"log"
	"net/http"
	"os"
)

func main() {
	log.Fatal(http.ListenAndServe(os.Args[1], http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	})))
}
