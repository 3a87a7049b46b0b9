// The save bar of the clinic's editors (programme.html, libraryedit.html):
// once a field changes, its status says the change is not saved yet. A
// problem from the last save stays until the form is sent again.
const status = document.getElementById('save-status');
const form = status?.closest('form');
if (status && form) {
  const changed = () => {
    if (status.querySelector('a')) return; // the last save's problem
    status.textContent = 'Not saved yet';
  };
  form.addEventListener('input', changed);
  form.addEventListener('change', changed);
}
