package web

import (
	"bufio"
	"context"
	"crypto/rand"
	"crypto/subtle"
	_ "embed"
	"encoding/base64"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"

	"backcare"
)

// Passwords, the fallback to passkeys.
//
// Hashed with argon2id at OWASP's recommended minimum (Password Storage
// Cheat Sheet: m=19 MiB, t=2, p=1), kept as a PHC string so the
// parameters can be raised later and old hashes still verify. Rules follow
// NIST SP 800-63B: at least 8 characters, no composition rules, and none
// of the commonest passwords.

// The argon2id parameters of new hashes.
const (
	argonMemory  = 19 * 1024 // KiB
	argonTime    = 2
	argonThreads = 1
	argonKeyLen  = 32
	argonSaltLen = 16
)

// Password lengths, in characters. The upper bound only keeps one request
// from hashing a megabyte.
const (
	minPassword = 8
	maxPassword = 256
)

// hashSlots caps the hashes computed at once: each takes 19 MiB and a
// core for some tens of milliseconds, and a burst of sign-ins must not
// take the server's memory with it.
var hashSlots = make(chan struct{}, 2)

//go:embed data/common-passwords.txt
var commonPasswordsText string

// commonPasswords is the set of refused passwords, lower case.
var commonPasswords = func() map[string]bool {
	m := map[string]bool{}
	sc := bufio.NewScanner(strings.NewReader(commonPasswordsText))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line != "" && !strings.HasPrefix(line, "#") {
			m[line] = true
		}
	}
	return m
}()

// checkNewPassword checks a password someone chooses for account name.
func checkNewPassword(password, name string) error {
	n := utf8.RuneCountInString(password)
	switch {
	case !utf8.ValidString(password):
		return backcare.Errorf(backcare.EINVALID, "the password has characters that are not text").At("password").
			WithHint("type it again")
	case n < minPassword:
		return backcare.Errorf(backcare.EINVALID, "the password is %d characters long; it needs at least %d", n, minPassword).At("password").
			WithHint("a few unrelated words make a long password that is easy to remember")
	case n > maxPassword:
		return backcare.Errorf(backcare.EINVALID, "the password is longer than %d characters", maxPassword).At("password").
			WithHint("choose a shorter one")
	case commonPasswords[strings.ToLower(password)]:
		return backcare.Errorf(backcare.EINVALID, "that password is one of the first that anyone guessing would try").At("password").
			WithHint("choose one that is yours alone, such as a few unrelated words")
	case strings.EqualFold(password, name):
		return backcare.Errorf(backcare.EINVALID, "the password is the same as the name").At("password").
			WithHint("choose one that is different from your name")
	}
	return nil
}

// hashPassword returns the password's argon2id hash in PHC form.
func hashPassword(ctx context.Context, password string) (string, error) {
	salt := make([]byte, argonSaltLen)
	_, _ = rand.Read(salt)
	key, err := argonKey(ctx, password, salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	if err != nil {
		return "", err
	}
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// verifyPassword reports whether password matches the PHC hash. A hash it
// can't read is an error, never a match.
func verifyPassword(ctx context.Context, password, phc string) (bool, error) {
	parts := strings.Split(phc, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, fmt.Errorf("web: password hash is not argon2id")
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, fmt.Errorf("web: password hash has an unknown version")
	}
	var m, t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil || m == 0 || t == 0 || p == 0 || m > 1<<22 || t > 64 {
		return false, fmt.Errorf("web: password hash has bad parameters")
	}
	b64 := base64.RawStdEncoding
	salt, err1 := b64.DecodeString(parts[4])
	want, err2 := b64.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(want) == 0 || len(want) > 128 {
		return false, fmt.Errorf("web: password hash is damaged")
	}
	got, err := argonKey(ctx, password, salt, t, m, p, uint32(len(want)))
	if err != nil {
		return false, err
	}
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// argonKey computes an argon2id key once a hash slot is free.
func argonKey(ctx context.Context, password string, salt []byte, t, m uint32, p uint8, n uint32) ([]byte, error) {
	select {
	case hashSlots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-hashSlots }()
	return argon2.IDKey([]byte(password), salt, t, m, p, n), nil
}

// dummyHash is verified against when a name has no account or no
// password, so that a wrong name takes as long as a wrong password and
// does not tell a guesser which names exist.
var dummyHash = "$argon2id$v=19$m=19456,t=2,p=1$YmFja2NhcmVkdW1teXNhbHQ$" +
	"3t3HRb6sRbBpYz2QeMj6n4k2m3J8jJQh7HcHk6Y4G6A"
