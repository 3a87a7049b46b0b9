// Settings: list the device's voices and let people hear one. The form
// itself works without this script; the server checks every field.
const select = document.getElementById('voice_name');
const tryButton = document.getElementById('try-voice');

function fill() {
  if (!('speechSynthesis' in window) || !select) return;
  const voices = speechSynthesis.getVoices();
  if (voices.length === 0) return;
  const saved = select.dataset.saved || '';
  select.replaceChildren(new Option("Your device's usual voice", ''));
  for (const v of voices) {
    const o = new Option(`${v.name} (${v.lang})`, v.name);
    if (v.name === saved) o.selected = true;
    select.add(o);
  }
  tryButton.hidden = false;
}

if ('speechSynthesis' in window) {
  fill();
  speechSynthesis.addEventListener('voiceschanged', fill);
  tryButton?.addEventListener('click', () => {
    const u = new SpeechSynthesisUtterance('Breathe in, and hold the stretch gently.');
    const v = speechSynthesis.getVoices().find((x) => x.name === select.value);
    if (v) u.voice = v;
    speechSynthesis.cancel();
    speechSynthesis.speak(u);
  });
}
