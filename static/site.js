// Progressive enhancement only: every page works without this file.

// Timer: counts down the seconds the server said were left when it sent the page, so a wrong
// clock on the learner's device does not matter. The server enforces the deadline itself.
function startTimers() {
  for (const el of document.querySelectorAll('.timer-value[data-seconds-left]')) {
    const end = performance.now() + Number(el.dataset.secondsLeft) * 1000;
    const tick = () => {
      const left = Math.max(0, Math.round((end - performance.now()) / 1000));
      el.textContent = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
      if (left === 0) {
        // Time is up: the server has finished the attempt; show the result.
        window.location.href = window.location.pathname.replace(/\/(q\/\d+|confirm)$/, '/result');
        return;
      }
      setTimeout(tick, 1000);
    };
    tick();
  }
}

// Keyboard: 1-6 or A-F choose, N next, P previous, M flag, R review and submit. Announced
// for screen readers.
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
    else if (key === 'r' && (button('review') || button('finish'))) {
      event.preventDefault();
      form.requestSubmit(button('review') || button('finish'));
    }
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
