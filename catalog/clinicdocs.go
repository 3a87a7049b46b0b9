package catalog

import "backcare"

// AddClinicDocs adds a clinic's own poses and routines to c: each a
// catalog file that defines one pose or routine, kept in the journal
// (backcare.ClinicDoc), checked by the same validator as a folder's files.
// Poses come first, together, since one may name another as its variant;
// if they do not all load together, they are added one at a time, round
// again while any loads, so that one that no longer loads (a pose it
// names was deleted, or a new built-in pose took its id) leaves the
// others. Then the routines, one at a time. It returns the problems of
// those left out, keyed by ClinicDocKey.
func (c *Catalog) AddClinicDocs(docs []*backcare.ClinicDoc) map[string]error {
	broken := map[string]error{}
	var poses, routines []*backcare.ClinicDoc
	for _, d := range docs {
		if d.Kind == backcare.ClinicPose {
			poses = append(poses, d)
		} else {
			routines = append(routines, d)
		}
	}
	all := map[string][]byte{}
	for _, d := range poses {
		all[clinicDocFile(d)] = []byte(d.Text)
	}
	if len(all) > 0 && c.AddFiles(all) != nil {
		pending := poses
		for progress := true; progress && len(pending) > 0; {
			progress = false
			var left []*backcare.ClinicDoc
			for _, d := range pending {
				if err := c.AddFiles(map[string][]byte{clinicDocFile(d): []byte(d.Text)}); err != nil {
					broken[ClinicDocKey(d.Kind, d.ID)] = err
					left = append(left, d)
					continue
				}
				delete(broken, ClinicDocKey(d.Kind, d.ID))
				progress = true
			}
			pending = left
		}
	}
	for _, d := range routines {
		if err := c.AddFiles(map[string][]byte{clinicDocFile(d): []byte(d.Text)}); err != nil {
			broken[ClinicDocKey(d.Kind, d.ID)] = err
		}
	}
	return broken
}

// ClinicDocKey names one of a clinic's documents: "pose/wall-slide".
func ClinicDocKey(kind backcare.ClinicDocKind, id string) string { return string(kind) + "/" + id }

// clinicDocFile names a clinic's document in the validator's messages.
func clinicDocFile(d *backcare.ClinicDoc) string { return d.ID + ".yaml" }
