package main

import (
	"bufio"
	"errors"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"backcare"
)

// localName is the name of the account that backcare uses when no --user
// is given: the one person at this computer. Its id is backcare.LocalUser.
const localName = "local"

// account returns the account --user names (the local account by
// default), once. Every command that reads or writes a journal asks here,
// so --user scopes them all alike. The local account is made when the
// journal has no account at all, so `backcare` works on a fresh computer;
// any other name must have been added with `backcare account add`.
func (a *app) account() (*backcare.Account, error) {
	if a.acct != nil {
		return a.acct, nil
	}
	name := backcare.NormalizeAccountName(a.userName)
	if err := backcare.ValidateAccountName(name); err != nil {
		return nil, inFlag(err, "--user")
	}
	j, err := a.journal()
	if err != nil {
		return nil, err
	}
	acct, err := j.AccountByName(a.ctx, name)
	if backcare.ErrorCode(err) == backcare.ENOTFOUND && name == localName {
		acct, err = a.addLocalAccount(j)
	}
	if backcare.ErrorCode(err) == backcare.ENOTFOUND {
		return nil, backcare.Errorf(backcare.EINVALID, "there is no account named %q in this journal", name).
			WithHint("see the accounts with `backcare account list`, or add one with `backcare account add %s`", name)
	}
	if err != nil {
		return nil, err
	}
	a.acct = acct
	return acct, nil
}

// userID is the id of the account --user names: whose journal a command
// reads and writes.
func (a *app) userID() (string, error) {
	acct, err := a.account()
	if err != nil {
		return "", err
	}
	return acct.ID, nil
}

// addLocalAccount makes the local account when the journal has none at
// all. A journal whose local account was removed on purpose keeps it
// removed: then --user must name one of the others.
func (a *app) addLocalAccount(j backcare.Journal) (*backcare.Account, error) {
	all, err := j.AccountList(a.ctx)
	if err != nil {
		return nil, err
	}
	if len(all) > 0 {
		return nil, backcare.Errorf(backcare.ENOTFOUND, "no account named %s", localName)
	}
	acct := &backcare.Account{ID: backcare.LocalUser, Name: localName, Role: backcare.RolePerson, CreatedAt: a.now()}
	if err := j.AddAccount(a.ctx, acct); err != nil {
		if backcare.ErrorCode(err) == backcare.ECONFLICT { // another process made it first
			return j.AccountByName(a.ctx, localName)
		}
		return nil, err
	}
	return acct, nil
}

// inFlag names the flag an error is about.
func inFlag(err error, flag string) error {
	var e *backcare.Error
	if !errors.As(err, &e) {
		return err
	}
	c := *e
	c.Message = flag + ": " + c.Message
	return &c
}

func (a *app) accountCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "account",
		Short: "Add, list, remove and reset the accounts that sign in to the web app",
		Long: `account manages who may sign in to backcare's web app, and whose journal
each command reads with --user.

Every account has its own journal, and a role: person (keeps their own
journal), clinician or admin. The account "local" is the person at this
computer, and the one backcare uses when no --user is given.

A new account signs in the first time with the recovery code that
` + "`backcare account add`" + ` prints: on the sign-in page, "Use your recovery code". It then
chooses a passkey or a password. Someone who lost both gets a new code from
` + "`backcare account reset`" + `.`,
		Example: `  backcare account add maria
  backcare account add dr.lee --role clinician
  backcare account list
  backcare account reset maria
  backcare account remove maria`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return a.listAccounts() },
	}
	cmd.AddCommand(a.accountAddCmd(), a.accountListCmd(), a.accountRemoveCmd(), a.accountResetCmd())
	return cmd
}

func (a *app) accountAddCmd() *cobra.Command {
	var role string
	cmd := &cobra.Command{
		Use:   "add NAME",
		Short: "Add an account, and print its one-time recovery code",
		Long: `add makes an account with its own, empty journal and prints a recovery code,
once. Give the code to the person: they sign in with it ("Use your recovery
code" on the sign-in page) and then choose a passkey or a password.

NAME is the sign-in name: letters, digits and . _ - @, up to 64 characters.`,
		Example: `  backcare account add maria
  backcare account add dr.lee --role clinician`,
		Args: exactArgs("name"),
		RunE: func(cmd *cobra.Command, args []string) error {
			r := backcare.Role(strings.ToLower(strings.TrimSpace(role)))
			if !r.Valid() {
				return backcare.Errorf(backcare.EINVALID, "--role %q is not a role", role).
					WithHint("use person (the default), clinician or admin")
			}
			return a.addAccount(args[0], r)
		},
	}
	cmd.Flags().StringVar(&role, "role", string(backcare.RolePerson), "person, clinician or admin")
	return cmd
}

// accountName checks a NAME argument and returns its stored form.
func accountName(arg string) (string, error) {
	name := backcare.NormalizeAccountName(arg)
	if err := backcare.ValidateAccountName(name); err != nil {
		return "", err
	}
	return name, nil
}

func (a *app) addAccount(arg string, role backcare.Role) error {
	name, err := accountName(arg)
	if err != nil {
		return err
	}
	j, err := a.journal()
	if err != nil {
		return err
	}
	taken := backcare.Errorf(backcare.ECONFLICT, "there is already an account named %s", name).
		WithHint("choose another name; `backcare account list` shows the accounts")
	if _, err := j.AccountByName(a.ctx, name); err == nil {
		return taken
	} else if backcare.ErrorCode(err) != backcare.ENOTFOUND {
		return err
	}
	id := backcare.NewID()
	if name == localName {
		id = backcare.LocalUser // the same account a fresh journal would make
	}
	code := backcare.NewRecoveryCode()
	acct := &backcare.Account{ID: id, Name: name, Role: role, CreatedAt: a.now(), RecoveryHash: backcare.RecoveryHash(code)}
	if err := j.AddAccount(a.ctx, acct); err != nil {
		if backcare.ErrorCode(err) == backcare.ECONFLICT {
			return taken
		}
		return err
	}
	fmt.Fprintf(a.stdout, "Added %s (%s), with an empty journal.\n\n", name, role)
	return a.printRecoveryCode(name, code)
}

// printRecoveryCode shows a recovery code, the one time it is shown, and
// how to use it.
func (a *app) printRecoveryCode(name, code string) error {
	_, err := fmt.Fprintf(a.stdout, `Recovery code for %[1]s (shown only this once):

    %[2]s

To sign in with it, open backcare's sign-in page, choose "Use your recovery code",
and give the name %[1]s and this code; then choose a passkey or a password.
It works once. Give it to %[1]s in person or on paper; don't send it by email.
`, name, code)
	return err
}

func (a *app) accountListCmd() *cobra.Command {
	return &cobra.Command{
		Use:     "list",
		Short:   "List the accounts, with how each signs in",
		Args:    noArgs,
		Example: `  backcare account list`,
		RunE:    func(cmd *cobra.Command, args []string) error { return a.listAccounts() },
	}
}

func (a *app) listAccounts() error {
	j, err := a.journal()
	if err != nil {
		return err
	}
	all, err := j.AccountList(a.ctx)
	if err != nil {
		return err
	}
	if len(all) == 0 {
		_, err := fmt.Fprintln(a.stdout, "There are no accounts yet. `backcare` makes the local one when it starts;\nadd others with `backcare account add NAME`.")
		return err
	}
	loc, err := a.location()
	if err != nil {
		return err
	}
	now := a.now()
	w := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "NAME\tROLE\tSINCE\tSIGNS IN WITH\tSIGNED IN ON")
	for _, acct := range all {
		keys, err := j.Passkeys(a.ctx, acct.ID)
		if err != nil {
			return err
		}
		ins, err := j.SignIns(a.ctx, acct.ID)
		if err != nil {
			return err
		}
		var with []string
		if len(keys) > 0 {
			with = append(with, plural(len(keys), "passkey", "passkeys"))
		}
		if acct.PasswordHash != "" {
			with = append(with, "password")
		}
		if len(acct.RecoveryHash) > 0 {
			with = append(with, "recovery code")
		}
		if len(with) == 0 {
			with = append(with, "sign-in links only")
		}
		live := 0
		for _, s := range ins {
			if s.ExpiresAt.After(now) {
				live++
			}
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", acct.Name, acct.Role, acct.CreatedAt.In(loc).Format("2 Jan 2006"),
			strings.Join(with, ", "), plural(live, "device", "devices"))
	}
	return w.Flush()
}

func (a *app) accountRemoveCmd() *cobra.Command {
	var yes bool
	cmd := &cobra.Command{
		Use:   "remove NAME",
		Short: "Remove an account and everything in its journal",
		Long: `remove deletes an account and everything recorded for it: sessions, check-ins,
screenings, settings, passkeys and sign-ins. It cannot be undone, so it asks
you to type the name first (or give --yes). Keep a copy first with
` + "`backcare --user NAME journal export -o NAME.json`" + `.

The local account, the one backcare uses without --user, is removed only
with --yes; the last admin is not removed while other accounts remain.`,
		Example: `  backcare account remove maria
  backcare account remove maria --yes`,
		Args: exactArgs("name"),
		RunE: func(cmd *cobra.Command, args []string) error { return a.removeAccount(args[0], yes) },
	}
	cmd.Flags().BoolVar(&yes, "yes", false, "remove without asking")
	return cmd
}

// lookupAccount finds a NAME argument's account, or says how to see them.
func (a *app) lookupAccount(j backcare.Journal, arg string) (*backcare.Account, error) {
	name, err := accountName(arg)
	if err != nil {
		return nil, err
	}
	acct, err := j.AccountByName(a.ctx, name)
	if backcare.ErrorCode(err) == backcare.ENOTFOUND {
		return nil, backcare.Errorf(backcare.ENOTFOUND, "there is no account named %s", name).
			WithHint("`backcare account list` shows the accounts")
	}
	return acct, err
}

func (a *app) removeAccount(arg string, yes bool) error {
	j, err := a.journal()
	if err != nil {
		return err
	}
	acct, err := a.lookupAccount(j, arg)
	if err != nil {
		return err
	}
	if acct.Role == backcare.RoleAdmin {
		all, err := j.AccountList(a.ctx)
		if err != nil {
			return err
		}
		admins := 0
		for _, o := range all {
			if o.Role == backcare.RoleAdmin {
				admins++
			}
		}
		if admins == 1 && len(all) > 1 {
			return backcare.Errorf(backcare.EINVALID, "%s is the last admin, and other accounts remain; nothing removed", acct.Name).
				WithHint("add another admin first: `backcare account add NAME --role admin`")
		}
	}
	if acct.ID == backcare.LocalUser && !yes {
		return backcare.Errorf(backcare.EINVALID, "%s is the account backcare uses when no --user is given; nothing removed", acct.Name).
			WithHint("to remove it and its whole journal all the same, add --yes; keep a copy first with `backcare journal export -o local.json`")
	}
	if !yes {
		fmt.Fprintf(a.stdout, "This removes %[1]s and everything in %[1]s's journal, for good.\nKeep a copy first with `backcare --user %[1]s journal export -o %[1]s.json`.\nType %[1]s to remove it: ", acct.Name)
		line, _ := bufio.NewReader(a.stdin).ReadString('\n') // at the end of input, what came before it
		typed := strings.TrimSpace(line)
		if !isTerminal(a.stdin) && typed != "" {
			fmt.Fprintln(a.stdout, typed) // what a terminal would have echoed
		}
		if typed == "" {
			fmt.Fprintln(a.stdout)
			return backcare.Errorf(backcare.EINVALID, "nothing removed: no name was typed").
				WithHint("type the name to confirm, or give --yes")
		}
		if backcare.NormalizeAccountName(typed) != acct.Name {
			return backcare.Errorf(backcare.EINVALID, "nothing removed: you typed %q, not %s", typed, acct.Name).
				WithHint("run it again and type the name exactly")
		}
	}
	if err := j.RemoveAccount(a.ctx, acct.ID); err != nil {
		return err
	}
	_, err = fmt.Fprintf(a.stdout, "Removed %s and everything recorded for them.\n", acct.Name)
	return err
}

func (a *app) accountResetCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "reset NAME",
		Short: "Clear an account's password, sign it out everywhere, and print a new recovery code",
		Long: `reset is for someone who cannot sign in, or whose device was lost: it clears
the account's password, ends every sign-in on every device, and prints a new
one-time recovery code (the old one stops working). The journal is kept, and
so are the account's passkeys; remove a lost device's passkey on the devices
page once signed in.`,
		Example: `  backcare account reset maria`,
		Args:    exactArgs("name"),
		RunE:    func(cmd *cobra.Command, args []string) error { return a.resetAccount(args[0]) },
	}
}

func (a *app) resetAccount(arg string) error {
	j, err := a.journal()
	if err != nil {
		return err
	}
	acct, err := a.lookupAccount(j, arg)
	if err != nil {
		return err
	}
	code := backcare.NewRecoveryCode()
	if _, err := j.UpdateAccount(a.ctx, acct.ID, func(c *backcare.Account) error {
		c.PasswordHash = ""
		c.RecoveryHash = backcare.RecoveryHash(code)
		return nil
	}); err != nil {
		return err
	}
	n, err := j.RemoveSignIns(a.ctx, acct.ID, "")
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "Reset %s: the password is cleared, and %s ended (every device signs in again).\n\n", acct.Name, plural(n, "sign-in", "sign-ins"))
	return a.printRecoveryCode(acct.Name, code)
}
