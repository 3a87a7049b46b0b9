package web

import "net/http"

// testClient is a browser signed in to the local account: it sends the
// sign-in cookie with every request that has none of its own. Tests of
// what a signed-out visitor gets use http.DefaultClient.
var testClient = &http.Client{Transport: signedInTransport{}}

type signedInTransport struct{}

func (signedInTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Header.Get("Cookie") == "" {
		r = r.Clone(r.Context())
		r.AddCookie(signInCookie)
	}
	return http.DefaultTransport.RoundTrip(r)
}
