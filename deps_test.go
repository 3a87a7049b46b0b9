package backcare_test

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The layers of STYLE.md. Every package of the module must be in one.
var (
	// pure packages import only the root and each other.
	pure = []string{"catalog", "figure", "player", "programme", "safety", "measure"}
	// adapters implement or present the domain; they never import each other.
	adapters = []string{"sqlite", "postgres", "journaltest", "web", "pdf", "tui", "calendar"}
	// wiring may import anything.
	wiring = []string{"cmd/backcare"}
)

// TestDependencyRules enforces the layout of STYLE.md on this module.
func TestDependencyRules(t *testing.T) {
	imports := moduleImports(t)
	if len(imports) < 4 {
		t.Fatalf("found only %d packages; is the test running at the module root?", len(imports))
	}
	for _, v := range violations(imports) {
		t.Error(v)
	}
}

// TestDependencyRulesCatch checks that the rules do catch each kind of breach.
func TestDependencyRulesCatch(t *testing.T) {
	tests := []struct {
		name    string
		imports map[string][]string
		want    string // part of the one violation, "" for none
	}{
		{"root imports a third party", map[string][]string{".": {"github.com/x/y"}}, "only the standard library"},
		{"root imports a package of the module", map[string][]string{".": {"backcare/catalog"}}, "only the standard library"},
		{"pure imports an adapter", map[string][]string{"player": {"backcare/sqlite"}}, "pure package player"},
		{"adapter imports an adapter", map[string][]string{"web": {"backcare/pdf"}}, "adapters never import each other"},
		{"package in no layer", map[string][]string{"util": {"fmt"}}, "in no layer"},
		{"allowed: pure imports root and pure", map[string][]string{"programme": {"backcare", "backcare/measure", "time"}}, ""},
		{"allowed: adapter imports pure", map[string][]string{"tui": {"backcare", "backcare/player", "backcare/figure"}}, ""},
		{"allowed: wiring imports everything", map[string][]string{"cmd/backcare": {"backcare/web", "backcare/pdf"}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := violations(tt.imports)
			switch {
			case tt.want == "" && len(got) > 0:
				t.Errorf("violations = %q, want none", got)
			case tt.want != "" && (len(got) != 1 || !strings.Contains(got[0], tt.want)):
				t.Errorf("violations = %q, want one containing %q", got, tt.want)
			}
		})
	}
}

// violations lists every breach of the layer rules in imports (package
// directory -> import paths).
func violations(imports map[string][]string) []string {
	var out []string
	layer := func(pkg string) bool {
		return pkg == "." || slices.Contains(pure, pkg) || slices.Contains(adapters, pkg) || slices.Contains(wiring, pkg)
	}
	for pkg, deps := range imports {
		if !layer(pkg) {
			out = append(out, "package "+pkg+" is in no layer: add it to pure, adapters or wiring in deps_test.go (and to the README's map)")
			continue
		}
		for _, dep := range deps {
			ours := dep == "backcare" || strings.HasPrefix(dep, "backcare/")
			if !ours {
				if pkg == "." && strings.Contains(strings.SplitN(dep, "/", 2)[0], ".") {
					out = append(out, "the root package imports "+strconv.Quote(dep)+": it may import only the standard library")
				}
				continue
			}
			target := strings.TrimPrefix(strings.TrimPrefix(dep, "backcare"), "/")
			if target == "" {
				target = "."
			}
			switch {
			case pkg == ".":
				out = append(out, "the root package imports "+strconv.Quote(dep)+": it may import only the standard library")
			case slices.Contains(pure, pkg) && target != "." && !slices.Contains(pure, target):
				out = append(out, "pure package "+pkg+" imports "+strconv.Quote(dep)+": pure packages import only the root and other pure packages")
			case slices.Contains(adapters, pkg) && (slices.Contains(adapters, target) || slices.Contains(wiring, target)):
				out = append(out, "adapter "+pkg+" imports "+strconv.Quote(dep)+": adapters never import each other; let cmd/backcare wire them")
			}
		}
	}
	return out
}

// moduleImports returns, for each package directory of the module (relative,
// "." for the root), the imports of its non-test Go files.
func moduleImports(t *testing.T) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			name := d.Name()
			if path != "." && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "testdata" || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		dir := filepath.ToSlash(filepath.Dir(path))
		if _, ok := out[dir]; !ok {
			out[dir] = nil
		}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if !slices.Contains(out[dir], p) {
				out[dir] = append(out[dir], p)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat("go.mod"); err != nil {
		t.Fatalf("no go.mod here: %v", err)
	}
	return out
}

// TestPackageComments checks that every package has a package comment.
func TestPackageComments(t *testing.T) {
	fset := token.NewFileSet()
	documented := map[string]bool{}
	seen := map[string]bool{}
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.PackageClauseOnly|parser.ParseComments)
		if err != nil {
			return err
		}
		dir := filepath.Dir(path)
		seen[dir] = true
		if f.Doc != nil && strings.TrimSpace(f.Doc.Text()) != "" {
			documented[dir] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for dir := range seen {
		if !documented[dir] {
			t.Errorf("package in %s has no package comment", dir)
		}
	}
}
