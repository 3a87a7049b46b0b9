// Signing in: passkeys (WebAuthn) on the sign-in, sign-up and account
// pages, and the one-time link page, which sends its form at once. Every
// form also works without this script, except passkeys, which need it.

const b64url = {
  decode(s) {
    const pad = '='.repeat((4 - (s.length % 4)) % 4);
    const bin = atob((s + pad).replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(bin, (c) => c.charCodeAt(0)).buffer;
  },
  encode(buf) {
    let bin = '';
    for (const b of new Uint8Array(buf)) bin += String.fromCharCode(b);
    return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  },
};

// post sends JSON and returns the JSON answer, or throws an Error whose
// message is the server's sentence.
async function post(path, body) {
  const res = await fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body ?? {}),
  });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) {
    const msg = data.error ? data.error.charAt(0).toUpperCase() + data.error.slice(1) + '.' : 'That did not work.';
    throw new Error(data.hint ? `${msg} ${data.hint.charAt(0).toUpperCase() + data.hint.slice(1)}.` : msg);
  }
  return data;
}

function creationOptions(o) {
  const pk = structuredClone(o.publicKey);
  pk.challenge = b64url.decode(pk.challenge);
  pk.user.id = b64url.decode(pk.user.id);
  for (const c of pk.excludeCredentials ?? []) c.id = b64url.decode(c.id);
  return { publicKey: pk };
}

function requestOptions(o) {
  const pk = structuredClone(o.publicKey);
  pk.challenge = b64url.decode(pk.challenge);
  for (const c of pk.allowCredentials ?? []) c.id = b64url.decode(c.id);
  return { publicKey: pk };
}

function attestationJSON(cred) {
  return {
    id: cred.id,
    rawId: b64url.encode(cred.rawId),
    type: cred.type,
    authenticatorAttachment: cred.authenticatorAttachment ?? undefined,
    clientExtensionResults: cred.getClientExtensionResults(),
    response: {
      clientDataJSON: b64url.encode(cred.response.clientDataJSON),
      attestationObject: b64url.encode(cred.response.attestationObject),
      transports: cred.response.getTransports ? cred.response.getTransports() : [],
    },
  };
}

function assertionJSON(cred) {
  const r = cred.response;
  return {
    id: cred.id,
    rawId: b64url.encode(cred.rawId),
    type: cred.type,
    authenticatorAttachment: cred.authenticatorAttachment ?? undefined,
    clientExtensionResults: cred.getClientExtensionResults(),
    response: {
      clientDataJSON: b64url.encode(r.clientDataJSON),
      authenticatorData: b64url.encode(r.authenticatorData),
      signature: b64url.encode(r.signature),
      userHandle: r.userHandle ? b64url.encode(r.userHandle) : undefined,
    },
  };
}

const status = document.getElementById('passkey-status');
const say = (text) => { if (status) status.textContent = text; };

// passkeysHere reports whether this browser, at this address, can use
// passkeys with this server.
function passkeysHere(section) {
  return section?.dataset.passkeys === 'on' && window.isSecureContext && 'PublicKeyCredential' in window;
}

// failed tells the person what went wrong in words: a cancelled prompt is
// not an error of theirs.
function failed(err) {
  if (err?.name === 'NotAllowedError' || err?.name === 'AbortError') {
    say('The passkey request was cancelled or timed out. Try again when you are ready, or use your password.');
  } else if (err?.name === 'InvalidStateError') {
    say('This device already holds a passkey for this account.');
  } else {
    say(err?.message || 'That did not work. Try again, or use your password.');
  }
}

function enable(button, section, run) {
  if (!button) return;
  if (!passkeysHere(section)) {
    if (section?.dataset.passkeys === 'on') say('This browser cannot use passkeys here. Use your password instead.');
    return;
  }
  button.disabled = false;
  button.addEventListener('click', async () => {
    button.disabled = true;
    say('Waiting for your passkey…');
    try {
      await run();
    } catch (err) {
      failed(err);
    } finally {
      button.disabled = false;
    }
  });
}

// Sign in with a passkey (discoverable: no name needed).
const signinButton = document.getElementById('passkey-signin');
enable(signinButton, document.getElementById('passkey-section'), async () => {
  const { ticket, options } = await post('/api/passkeys/signin/options');
  const cred = await navigator.credentials.get(requestOptions(options));
  const done = await post('/api/passkeys/signin', { ticket, credential: assertionJSON(cred) });
  const next = signinButton.dataset.next || done.next || '/';
  location.assign(next.startsWith('/') && !next.startsWith('//') ? next : '/');
});

// Make an account with a passkey.
const signupButton = document.getElementById('passkey-signup');
enable(signupButton, document.getElementById('passkey-section'), async () => {
  const name = document.getElementById('name').value;
  const { ticket, options } = await post('/api/passkeys/signup/options', { name });
  const cred = await navigator.credentials.create(creationOptions(options));
  const done = await post('/api/passkeys/signup', { ticket, credential: attestationJSON(cred) });
  document.getElementById('signup-form').hidden = true;
  document.getElementById('recovery-code').textContent = done.recovery;
  const box = document.getElementById('recovery-section');
  box.hidden = false;
  box.focus();
  say('');
});

// Add a passkey to the signed-in account.
enable(document.getElementById('passkey-add'), document.getElementById('passkeys'), async () => {
  const { ticket, options } = await post('/api/passkeys/add/options');
  const cred = await navigator.credentials.create(creationOptions(options));
  await post('/api/passkeys/add', { ticket, credential: attestationJSON(cred) });
  location.assign('/account?saved=passkey');
});

// The one-time link's page sends its form at once.
document.getElementById('link-form')?.requestSubmit();
