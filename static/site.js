// Progressive enhancement only: every page works without this file.

// Timer: counts down to the server's deadline (the server enforces it; this only shows it).
function startTimers() {
  for (const el of document.querySelectorAll('.timer-value[data-deadline]')) {
    const deadline = Date.parse(el.dataset.deadline);
    const tick = () => {
      const left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
      const m = Math.floor(left / 60);
      const s = String(left % 60).padStart(2, '0');
      el.textContent = `${m}:${s}`;
      if (left === 0) {
        // The server has finished the attempt at the deadline; show the result.
        const form = document.getElementById('question-form');
        window.location.href = form ? form.action.replace(/\/q\/\d+$/, '/result') : window.location.href;
        return;
      }
      setTimeout(tick, 1000 - (Date.now() % 1000));
    };
    tick();
  }
}

// Keyboard: 1-6 or A-F choose, N next, P previous, M flag. Announced for screen readers.
function keyboardAnswers() {
  const form = document.getElementById('question-form');
  if (!form) return;
  const announcer = document.getElementById('announcer');
  const say = (text) => { if (announcer) announcer.textContent = text; };
  const inputs = [...form.querySelectorAll('input[name="selected"]')];
  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target instanceof HTMLElement && event.target.matches('select, textarea, input[type="text"]')) return;
    const key = event.key.toLowerCase();
    let index = -1;
    if (key >= '1' && key <= '6') index = Number(key) - 1;
    else if (key.length === 1 && key >= 'a' && key <= 'f') index = key.charCodeAt(0) - 97;
    if (index >= 0 && index < inputs.length) {
      const input = inputs[index];
      if (input.disabled) return;
      input.checked = input.type === 'radio' ? true : !input.checked;
      input.focus();
      say(`Option ${String.fromCharCode(65 + index)} ${input.checked ? 'selected' : 'cleared'}`);
      event.preventDefault();
      return;
    }
    const button = (action) => form.querySelector(`button[name="action"][value="${action}"]`);
    if (key === 'n' && button('next')) { event.preventDefault(); form.requestSubmit(button('next')); }
    else if (key === 'p' && button('prev')) { event.preventDefault(); form.requestSubmit(button('prev')); }
    else if (key === 'm') {
      const flag = document.getElementById('flag');
      if (flag) {
        flag.checked = !flag.checked;
        say(flag.checked ? 'Flagged for review' : 'Flag removed');
        event.preventDefault();
      }
    }
  });
  const feedback = document.getElementById('feedback');
  if (feedback) feedback.focus();
}

startTimers();
keyboardAnswers();
