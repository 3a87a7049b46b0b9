package web

import "net/http"

var testClient = &http.Client{}
