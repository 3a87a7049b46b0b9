package main

import (
	"fmt"
	"os"
	"slices"
	"text/tabwriter"
	"time"
	_ "time/tzdata" // every person's own time zone, on any computer (backcare.Account.Zone)

	"github.com/spf13/cobra"

	"backcare"
)

// The clinic commands live here, registered from init so that run.go's
// list of commands stays as it is.
func init() { commands = append(commands, (*app).clinicCmd) }

func (a *app) clinicCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "clinic",
		Short: "Make clinics and their clinicians, and export the audit log",
		Long: `clinic runs backcare's clinic mode, usually on a shared PostgreSQL journal.

An admin makes a clinic and adds its clinicians (accounts made with
` + "`backcare account add`" + `). A clinician then invites patients from the web app's
Patients page: a link, a QR code and a code on the handout. Patients join with
their own account and may leave again, keeping their journal.

Every time a clinician reads or changes a patient's records it is logged;
` + "`backcare clinic audit`" + ` writes the log as CSV.`,
		Example: `  backcare clinic add "Riverside Physio"
  backcare account add dr.lee --role clinician
  backcare clinic clinician add "Riverside Physio" dr.lee
  backcare clinic list
  backcare clinic audit -o audit.csv`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return a.listClinics() },
	}
	clinician := &cobra.Command{
		Use:   "clinician",
		Short: "Add or remove a clinic's clinicians",
		Args:  noArgs,
	}
	clinician.AddCommand(
		&cobra.Command{
			Use:     "add CLINIC ACCOUNT",
			Short:   "Make an account a clinician of the clinic",
			Long:    "add makes ACCOUNT a clinician of CLINIC (its name). A person's account becomes a clinician's;\nan account that is a patient of a clinic cannot.",
			Example: `  backcare clinic clinician add "Riverside Physio" dr.lee`,
			Args:    exactArgs("clinic", "account"),
			RunE:    func(cmd *cobra.Command, args []string) error { return a.addClinician(args[0], args[1]) },
		},
		&cobra.Command{
			Use:     "remove CLINIC ACCOUNT",
			Short:   "Take a clinician out of the clinic",
			Example: `  backcare clinic clinician remove "Riverside Physio" dr.lee`,
			Args:    exactArgs("clinic", "account"),
			RunE:    func(cmd *cobra.Command, args []string) error { return a.removeClinician(args[0], args[1]) },
		},
	)
	var out string
	audit := &cobra.Command{
		Use:   "audit",
		Short: "Write the log of who read or changed which patient's records, as CSV",
		Long: `audit writes every read or change of a patient's records by staff, newest first,
as CSV: the time (UTC), the member of staff, the patient, the clinic, and what
was read or changed.`,
		Example: `  backcare clinic audit -o audit.csv
  backcare clinic audit | less`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return a.exportAudit(out) },
	}
	audit.Flags().StringVarP(&out, "output", "o", "", "write to this file instead of the terminal")
	cmd.AddCommand(
		&cobra.Command{
			Use:     "add NAME",
			Short:   "Make a clinic",
			Example: `  backcare clinic add "Riverside Physio"`,
			Args:    exactArgs("name"),
			RunE:    func(cmd *cobra.Command, args []string) error { return a.addClinic(args[0]) },
		},
		&cobra.Command{
			Use:     "list",
			Short:   "List the clinics, their clinicians and how many patients each has",
			Example: `  backcare clinic list`,
			Args:    noArgs,
			RunE:    func(cmd *cobra.Command, args []string) error { return a.listClinics() },
		},
		clinician, audit)
	return cmd
}

func (a *app) addClinic(name string) error {
	j, err := a.journal()
	if err != nil {
		return err
	}
	c := &backcare.Clinic{Name: name, CreatedAt: a.now()}
	if err := j.AddClinic(a.ctx, c); err != nil {
		return err
	}
	_, err = fmt.Fprintf(a.stdout, "Made the clinic %s.\nAdd its clinicians with `backcare clinic clinician add %q ACCOUNT`.\n", c.Name, c.Name)
	return err
}

func (a *app) listClinics() error {
	j, err := a.journal()
	if err != nil {
		return err
	}
	all, err := j.ClinicList(a.ctx)
	if err != nil {
		return err
	}
	if len(all) == 0 {
		_, err := fmt.Fprintln(a.stdout, "There are no clinics yet. Make one with `backcare clinic add NAME`.")
		return err
	}
	w := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "CLINIC\tCLINICIANS\tPATIENTS")
	for _, c := range all {
		ms, err := j.Members(a.ctx, c.ID)
		if err != nil {
			return err
		}
		var docs []string
		patients := 0
		for _, m := range ms {
			if m.Role == backcare.InClinicPatient {
				patients++
				continue
			}
			name := m.AccountID
			if acct, err := j.Account(a.ctx, m.AccountID); err == nil {
				name = acct.Name
			}
			docs = append(docs, name)
		}
		list := "none yet"
		if len(docs) > 0 {
			list = fmt.Sprint(docs)
			list = list[1 : len(list)-1]
		}
		fmt.Fprintf(w, "%s\t%s\t%d\n", c.Name, list, patients)
	}
	return w.Flush()
}

// clinicAndAccount finds the clinic and the account the arguments name.
func (a *app) clinicAndAccount(clinicName, accountArg string) (backcare.Journal, *backcare.Clinic, *backcare.Account, error) {
	name, err := accountName(accountArg)
	if err != nil {
		return nil, nil, nil, err
	}
	j, err := a.journal()
	if err != nil {
		return nil, nil, nil, err
	}
	c, err := j.ClinicByName(a.ctx, clinicName)
	if err != nil {
		return nil, nil, nil, err
	}
	acct, err := j.AccountByName(a.ctx, name)
	if err != nil {
		return nil, nil, nil, err
	}
	return j, c, acct, nil
}

func (a *app) addClinician(clinicName, accountArg string) error {
	j, c, acct, err := a.clinicAndAccount(clinicName, accountArg)
	if err != nil {
		return err
	}
	ms, err := j.Memberships(a.ctx, acct.ID)
	if err != nil {
		return err
	}
	if p := backcare.PatientOf(ms); p != nil {
		return backcare.Errorf(backcare.ECONFLICT, "%s is a patient of a clinic, so can't be a clinician", acct.Name).
			WithHint("make the clinician their own account with `backcare account add NAME --role clinician`")
	}
	if acct.Role == backcare.RolePerson {
		if _, err := j.UpdateAccount(a.ctx, acct.ID, func(x *backcare.Account) error {
			x.Role = backcare.RoleClinician
			return nil
		}); err != nil {
			return err
		}
	}
	if err := j.AddMember(a.ctx, &backcare.ClinicMember{ClinicID: c.ID, AccountID: acct.ID, Role: backcare.InClinicClinician, JoinedAt: a.now()}); err != nil {
		if backcare.ErrorCode(err) == backcare.ECONFLICT {
			return backcare.Errorf(backcare.ECONFLICT, "%s is a clinician of %s already", acct.Name, c.Name)
		}
		return err
	}
	_, err = fmt.Fprintf(a.stdout, "%s is now a clinician of %s: their Patients page invites patients.\n", acct.Name, c.Name)
	return err
}

func (a *app) removeClinician(clinicName, accountArg string) error {
	j, c, acct, err := a.clinicAndAccount(clinicName, accountArg)
	if err != nil {
		return err
	}
	ms, err := j.Memberships(a.ctx, acct.ID)
	if err != nil {
		return err
	}
	if backcare.ClinicianOf(ms, c.ID) == nil {
		return backcare.Errorf(backcare.ENOTFOUND, "%s is not a clinician of %s", acct.Name, c.Name).
			WithHint("`backcare clinic list` shows each clinic's clinicians")
	}
	if err := j.RemoveMember(a.ctx, c.ID, acct.ID); err != nil {
		return err
	}
	_, err = fmt.Fprintf(a.stdout, "%s is no longer a clinician of %s; its patients stay with the clinic.\n", acct.Name, c.Name)
	return err
}

func (a *app) exportAudit(out string) error {
	j, err := a.journal()
	if err != nil {
		return err
	}
	entries, err := j.Audit(a.ctx, backcare.AuditFilter{})
	if err != nil {
		return err
	}
	names := map[string]string{}
	accts, err := j.AccountList(a.ctx)
	if err != nil {
		return err
	}
	for _, x := range accts {
		names[x.ID] = x.Name
	}
	clinics, err := j.ClinicList(a.ctx)
	if err != nil {
		return err
	}
	for _, c := range clinics {
		names[c.ID] = c.Name
	}
	w := a.stdout
	if out != "" && out != "-" {
		f, err := os.OpenFile(out, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600) // names health records: private
		if err != nil {
			return backcare.Errorf(backcare.EINVALID, "can't write %s: %v", out, err)
		}
		defer func() { _ = f.Close() }()
		w = f
	}
	if err := backcare.WriteAuditCSV(w, entries, func(id string) string { return names[id] }); err != nil {
		return err
	}
	if out != "" && out != "-" {
		fmt.Fprintf(a.stderr, "Wrote %s to %s.\n", plural(len(entries), "audit entry", "audit entries"), out)
	}
	return nil
}

// assignment is the programme the account's clinician assigned, or nil.
func (a *app) assignment(j backcare.Journal, uid string) (*backcare.Assignment, error) {
	ms, err := j.Memberships(a.ctx, uid)
	if err != nil {
		return nil, err
	}
	m := backcare.PatientOf(ms)
	if m == nil {
		return nil, nil
	}
	asg, err := j.Assignment(a.ctx, m.ClinicID, uid)
	if backcare.ErrorCode(err) == backcare.ENOTFOUND {
		return nil, nil
	}
	return asg, err
}

// applyAssignment gives the routine the clinician's doses when the
// programme includes it; then the person's own hold setting does not
// apply. (The web player does the same, through backcare.Assignment.Apply.)
func applyAssignment(asg *backcare.Assignment, r backcare.Routine, hold time.Duration, pose func(string) (backcare.Pose, error)) (backcare.Routine, time.Duration, error) {
	if asg == nil || !slices.Contains(asg.Routines, r.ID) {
		return r, hold, nil
	}
	out, err := asg.Apply(r, pose)
	if err != nil {
		return r, hold, err
	}
	return out, 0, nil
}
