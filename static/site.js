// Progressive enhancement only: every page works without this file. With it, a mock exam saves
// each choice as it is made, times are shown in the learner's own time zone, the timer counts
// down and warns, and the keyboard moves through the questions.

const $ = (selector, root = document) => root.querySelector(selector);
const $$ = (selector, root = document) => [...root.querySelectorAll(selector)];

// <time class="local-time" datetime="..."> holds UTC from the server; show the learner's time.
function localTimes() {
  for (const el of $$('time.local-time[datetime]')) {
    const date = new Date(el.getAttribute('datetime'));
    if (Number.isNaN(date.getTime())) continue;
    const options = el.dataset.format === 'time'
      ? { hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }
      : { dateStyle: 'medium', timeStyle: 'short' };
    el.textContent = new Intl.DateTimeFormat(undefined, options).format(date);
  }
}

// Timer: counts down the seconds the server said were left when it sent the page, so a wrong
// clock on the learner's device does not matter; the server enforces the deadline itself. At 10,
// 5 and 1 minutes left the timer changes style and a screen reader hears it.
const WARNINGS = [{ at: 600, text: '10 minutes left' }, { at: 300, text: '5 minutes left' },
                  { at: 60, text: '1 minute left' }];
function startTimers(onTimeUp) {
  for (const el of $$('.timer-value[data-seconds-left]')) {
    const timer = el.closest('.timer');
    const announcer = $('#timer-announcer');
    const end = performance.now() + Number(el.dataset.secondsLeft) * 1000;
    let last = Number(el.dataset.secondsLeft);
    const tick = () => {
      const left = Math.max(0, Math.round((end - performance.now()) / 1000));
      el.textContent = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
      for (const w of WARNINGS) {
        if (last > w.at && left <= w.at && left > 0 && announcer) announcer.textContent = w.text;
      }
      timer?.classList.toggle('timer-warning', left <= 600);
      timer?.classList.toggle('timer-urgent', left <= 60);
      last = left;
      if (left === 0) {
        onTimeUp();
        return;
      }
      setTimeout(tick, 1000);
    };
    tick();
  }
}

// Time is up: the server has finished the attempt; show the result.
function goToResult() {
  window.location.href = window.location.pathname.replace(/\/(q\/\d+|confirm)$/, '/result');
}

// The question page: save as you go (mock exams), limits on choose-N questions, keyboard.
function questionPage() {
  const form = $('#question-form');
  if (!form) return { busy: () => Promise.resolve() };
  const attempt = form.dataset.attempt;
  const number = form.dataset.number;
  const mock = form.dataset.mode === 'mock';
  const choose = Number(form.dataset.choose || 1);
  const locked = form.dataset.locked === '1';
  const csrf = form.elements.csrf_token.value;
  const seqInput = form.elements.seq;
  const inputs = $$('input[name="selected"]', form);
  const flag = $('#flag');
  const status = $('#save-status');
  const errorBox = $('#answer-error');
  const announcer = $('#announcer');
  const say = (text) => { if (announcer) announcer.textContent = text; };
  const setStatus = (text, kind = '') => {
    if (!status) return;
    status.textContent = text;
    status.className = `save-status ${kind}`;
  };
  const showError = (text) => {
    if (!errorBox) return;
    errorBox.textContent = text;
    errorBox.hidden = !text;
  };
  const chosen = () => inputs.filter((i) => i.checked).map((i) => i.value).sort();

  // --- Saving (mock exams): one request at a time; the latest choice wins.
  let inFlight = null;    // the promise of the request under way
  let dirty = false;      // a change not yet sent
  let failed = false;     // the last attempt failed: keep retrying
  let submitting = false; // leaving through the form: no "unsaved" warning
  let retryTimer = null;
  let retryDelay = 1000;

  const navItem = $(`.nav-item[data-index="${number}"]`);
  const markAnswered = (answered) => {
    if (!navItem) return;
    navItem.classList.toggle('answered', answered);
    const state = $('.nav-state', navItem);
    if (state) {
      state.textContent = ` (${answered ? 'answered' : 'not answered'}${flag?.checked ? ', flagged' : ''})`;
    }
    const count = $$('.nav-item.answered').length;
    const counter = $('#answered-count');
    if (counter) counter.textContent = String(count);
    const progress = $('#progress');
    if (progress) progress.value = count;
  };

  async function put(path, body) {
    const res = await fetch(`/api/v1/attempts/${attempt}/${path}/${number}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
      body: JSON.stringify(body),
      credentials: 'same-origin',
    });
    let data = {};
    try { data = await res.json(); } catch { /* no body */ }
    return { status: res.status, data };
  }

  function scheduleRetry() {
    clearTimeout(retryTimer);
    const seconds = Math.round(retryDelay / 1000);
    setStatus(`Not saved: no connection to certhub. Trying again in ${seconds} s.`, 'is-error');
    retryTimer = setTimeout(() => { flush(); }, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 30000);
  }

  async function sendOnce() {
    const selected = chosen();
    const flagged = flag ? flag.checked : false;
    dirty = false;
    setStatus('Saving…', 'is-saving');
    let answer;
    try {
      answer = await put('answers', { selected, sequence: Number(seqInput.value) });
    } catch {
      failed = true;
      dirty = true;
      scheduleRetry();
      return;
    }
    const same = (a) => Array.isArray(a) && a.join(',') === selected.join(',');
    if (answer.status === 200 || (answer.status === 409 && same(answer.data.selected))) {
      seqInput.value = String(answer.data.sequence);
    } else if (answer.status === 409 && answer.data.sequence !== undefined) {
      // Another tab saved a different answer first: show what is saved now, and say so.
      submitting = true;
      window.location.href = `${window.location.pathname}?notice=stale`;
      return;
    } else if (answer.status === 409) {
      submitting = true;
      goToResult();
      return;
    } else if (answer.status === 403) {
      failed = true;
      setStatus('Not saved: this page has expired. Reload it to go on.', 'is-error');
      return;
    } else if (answer.status === 422) {
      showError(answer.data.detail ? `Not saved: ${answer.data.detail}.` : 'Not saved.');
      setStatus('Not saved.', 'is-error');
      return;
    } else {
      failed = true;
      dirty = true;
      scheduleRetry();
      return;
    }
    if (flag && flagged !== (flag.dataset.saved === '1')) {
      try {
        const f = await put('flags', { flagged });
        if (f.status === 200) flag.dataset.saved = flagged ? '1' : '0';
      } catch {
        failed = true;
        dirty = true;
        scheduleRetry();
        return;
      }
    }
    failed = false;
    retryDelay = 1000;
    markAnswered(selected.length > 0);
    setStatus(selected.length ? 'Saved' : 'Answer cleared and saved', 'is-saved');
  }

  // Sends the latest choice, after any request under way; resolves when nothing is pending.
  async function flush() {
    clearTimeout(retryTimer);
    while (inFlight) await inFlight;
    if (!dirty) return;
    inFlight = sendOnce();
    await inFlight;
    inFlight = null;
    if (dirty && !failed) await flush();
  }

  if (flag) flag.dataset.saved = flag.checked ? '1' : '0';

  // --- Choose-N: a further tick beyond N is blocked, with the reason where the options are.
  for (const input of inputs) {
    input.addEventListener('change', () => {
      if (input.type === 'checkbox' && input.checked && chosen().length > choose) {
        input.checked = false;
        showError(`Choose only ${choose} answers. Untick one before you choose another.`);
        return;
      }
      showError('');
      if (mock) {
        dirty = true;
        flush();
      }
    });
  }
  if (flag && mock) {
    flag.addEventListener('change', () => {
      dirty = true;
      flush();
      markAnswered(chosen().length > 0);
    });
  }

  // --- Leaving: every navigation control submits the form, which the server saves too; wait
  // for a save under way first so the two never race.
  form.addEventListener('submit', async (event) => {
    if (submitting) return;
    const action = event.submitter?.value;
    const isCheck = !mock && !locked && (action === 'check' || !event.submitter);
    if (isCheck) {
      const n = chosen().length;
      if (n === 0) {
        event.preventDefault();
        showError('Choose an answer first.');
        inputs[0]?.focus();
        return;
      }
      if (form.dataset.multiple === '1' && n < choose) {
        event.preventDefault();
        showError(`This question asks for ${choose} answers. Choose ${choose - n} more before you check.`);
        return;
      }
    }
    if (mock && (inFlight || dirty)) {
      event.preventDefault();
      await flush();
      submitting = true;
      form.requestSubmit(event.submitter);
      return;
    }
    submitting = true;
  });

  // "Clear answer" with JavaScript: untick and save here, no page load.
  const clear = $('#clear-answer');
  if (clear && mock) {
    clear.addEventListener('click', (event) => {
      event.preventDefault();
      for (const i of inputs) i.checked = false;
      showError('');
      dirty = true;
      flush();
      say('Answer cleared');
    });
  }

  // A change that is not saved (a failed save, or a training answer not yet checked) asks
  // before the page is left.
  window.addEventListener('beforeunload', (event) => {
    if (submitting) return;
    const unsaved = mock ? (dirty || failed || inFlight) : (!locked && chosen().length > 0);
    if (unsaved) {
      event.preventDefault();
      event.returnValue = '';
    }
  });

  // --- Keyboard: 1-6 or A-F choose, N next, P previous, M flag, R review and submit.
  const button = (value) => $(`button[name="action"][value="${value}"]`, form);
  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target instanceof HTMLElement && event.target.matches('select, textarea, input[type="text"], input[type="email"]')) return;
    const key = event.key.toLowerCase();
    let index = -1;
    if (key >= '1' && key <= '6') index = Number(key) - 1;
    else if (key.length === 1 && key >= 'a' && key <= 'f') index = key.charCodeAt(0) - 97;
    if (index >= 0 && index < inputs.length) {
      const input = inputs[index];
      event.preventDefault();
      if (input.disabled) return;
      const wasChecked = input.checked;
      input.checked = input.type === 'radio' ? true : !input.checked;
      input.focus();
      if (input.checked !== wasChecked) input.dispatchEvent(new Event('change', { bubbles: true }));
      if (input.checked || input.type === 'checkbox') {
        say(`Option ${String.fromCharCode(65 + index)} ${input.checked ? 'selected' : 'cleared'}`);
      }
      return;
    }
    const press = (value) => {
      const b = button(value);
      if (!b) return false;
      event.preventDefault();
      form.requestSubmit(b);
      return true;
    };
    if (key === 'n') press('next');
    else if (key === 'p') press('prev');
    else if (key === 'r') press('review') || press('finish');
    else if (key === 'm' && flag) {
      event.preventDefault();
      flag.checked = !flag.checked;
      flag.dispatchEvent(new Event('change', { bubbles: true }));
      say(flag.checked ? 'Flagged for review' : 'Flag removed');
    }
  });

  // Each new question starts at its heading (one Tab to the first option); after "Check
  // answer", at the verdict.
  ($('#feedback') || $('#question-heading'))?.focus();
  return { busy: flush };
}

localTimes();
const page = questionPage();
startTimers(async () => {
  await page.busy();
  goToResult();
});
