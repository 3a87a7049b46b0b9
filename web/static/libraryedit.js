// The editor of a clinic's routine (libraryedit.html): when a row's pose
// changes, the row shows that pose's own dose, in words and as the dose
// fields' placeholders (an empty field keeps it), and offers a side only
// for a pose done on each side. The server fills the rows the same way
// when it draws the page (clinicown.go, ownDoseOf); without this script
// they follow on the next save.
const fields = ['hold', 'sets', 'reps', 'rest', 'intensity'];

function follow(select) {
  const n = select.id.slice('f-pose-'.length);
  const own = select.selectedOptions[0]?.dataset ?? {};
  for (const f of fields) {
    const input = document.getElementById(`f-${f}-${n}`);
    if (!input) continue;
    if (own[f]) input.placeholder = own[f];
    else input.removeAttribute('placeholder');
  }
  const help = document.getElementById(`f-pose-${n}-help`);
  if (help) help.textContent = own.words || 'Choose a pose for this row.';
  const side = document.getElementById(`f-side-${n}`);
  if (side) {
    const none = own.sided === 'false';
    const field = side.closest('.field');
    if (none && side.value !== '' && !side.hasAttribute('aria-invalid')) side.value = '';
    if (field) field.hidden = none && !side.hasAttribute('aria-invalid');
  }
}

for (const select of document.querySelectorAll('.pose-edit select[id^="f-pose-"]')) {
  select.addEventListener('change', () => follow(select));
}
