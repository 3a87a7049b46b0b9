// The editor of a clinic's pose or routine (libraryedit.html).
//
// A routine's rows: when a row's pose
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

// The pose editor: the picture chosen is drawn under the choice, beside
// the steps, so that it can be checked against them. The page carries
// every picture on offer (a <template>); the server draws the one saved.
const picture = document.getElementById('f-picture');
const preview = document.getElementById('f-picture-preview');
const pictures = document.getElementById('pictures');
if (picture && preview && pictures) {
  picture.addEventListener('change', () => {
    const src = pictures.content.querySelector(`[data-picture="${CSS.escape(picture.value)}"]`)
      ?? pictures.content.querySelector('[data-picture=""]');
    preview.replaceChildren(...src.cloneNode(true).childNodes);
  });
}
