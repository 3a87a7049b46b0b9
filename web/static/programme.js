// The programme editor (programme.html): each routine's poses are right
// under its own choice. Ticking a routine opens its poses; a pose in more
// than one routine has one set of fields, which moves to the first chosen
// routine with it, and the others say where it is. The server draws the
// page the same way (clinic.go, editorData), so without this script the
// fields are where the saved routines put them, and every routine's
// poses can still be opened by hand.
const choices = [...document.querySelectorAll('.routine-choice')];

function chosen(choice) {
  return choice.querySelector('input[name="routine"]').checked;
}

// place puts each pose's fields under the first chosen routine with the
// pose (the first routine with it when none is chosen) and fills the
// other places with a line that links there.
function place() {
  const slots = new Map();
  for (const slot of document.querySelectorAll('.pose-slot')) {
    const id = slot.dataset.pose;
    if (!slots.has(id)) slots.set(id, []);
    slots.get(id).push(slot);
  }
  for (const [id, list] of slots) {
    const fields = document.getElementById(`pose-${id}`);
    if (!fields) continue;
    const home = list.find((s) => chosen(s.closest('.routine-choice'))) ?? list[0];
    const owner = home.closest('.routine-choice').dataset.name;
    for (const slot of list) {
      const note = slot.querySelector('.pose-elsewhere');
      if (slot === home) {
        if (fields.parentElement !== slot) slot.append(fields);
        note?.remove();
        continue;
      }
      if (note) {
        note.querySelector('a').textContent = owner;
        continue;
      }
      const p = document.createElement('p');
      p.className = 'small pose-elsewhere';
      const name = document.createElement('strong');
      name.textContent = slot.dataset.poseName;
      const link = document.createElement('a');
      link.href = `#pose-${id}`;
      link.textContent = owner;
      p.append(name, ': its dose is set with ', link, ', and is the same in both.');
      slot.append(p);
    }
  }
}

for (const choice of choices) {
  const box = choice.querySelector('input[name="routine"]');
  const poses = choice.querySelector('details.poses-edit');
  box.addEventListener('change', () => {
    place();
    if (poses) poses.open = box.checked;
  });
}
