package main

import (
	"backcare"
	"backcare/catalog"
)

// clinicCatalog is cat with a clinic's own poses and routines added, as
// the web app has them, so that the terminal plays a patient's assigned
// routine of the clinic's own too. Those that no longer load are left
// out (the clinic's page in the web app says why).
func (a *app) clinicCatalog(j backcare.Journal, cat *catalog.Catalog, clinicID string) (*catalog.Catalog, error) {
	docs, err := j.ClinicDocs(a.ctx, clinicID)
	if err != nil || len(docs) == 0 {
		return cat, err
	}
	c := cat.Clone()
	c.AddClinicDocs(docs)
	return c, nil
}
