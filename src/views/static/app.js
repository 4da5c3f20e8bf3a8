// DinkyDash's small client script. Pages work without it; it only adds comfort:
// dashboards refresh in place (htmx), say when a refresh was missed, turn over
// at the family's midnight, reload once a day, and wall displays dim at night
// and shift a few pixels against burn-in. No inline scripts anywhere: the
// Content-Security-Policy forbids them.
(function () {
  'use strict';

  var htmx = window.htmx;
  var CONTENT_ID = 'dash-content';

  // htmx reads its settings when the document is ready, after this deferred
  // script has run, so they are set here once for every page. No inline
  // <style> for indicators, no eval, and a 304 to a refresh poll means
  // "nothing changed": keep what is on screen.
  if (htmx) {
    htmx.config.defaultSwapStyle = 'outerHTML';
    htmx.config.includeIndicatorStyles = false;
    htmx.config.allowEval = false;
    htmx.config.allowScriptTags = false;
    htmx.config.historyEnabled = false;
    htmx.config.timeout = 20000;
    htmx.config.responseHandling = [
      { code: '204', swap: false },
      { code: '304', swap: false },
      { code: '[23]..', swap: true },
      { code: '[45]..', swap: false, error: true },
    ];
  }

  // Forms that ask first (remove, revoke): ActionButton's data-confirm.
  document.addEventListener('submit', function (event) {
    var form = event.target;
    var question = form && form.getAttribute && form.getAttribute('data-confirm');
    if (question && !window.confirm(question)) event.preventDefault();
  });

  // On a phone the family's navigation is one row that scrolls sideways: show
  // the current page's item, not whatever fits first. Only the row scrolls
  // (scrollIntoView could move the page away from a #chore anchor).
  var current = document.querySelector('.topbar nav a[aria-current="page"]');
  var row = current && current.closest('nav');
  if (row && row.scrollWidth > row.clientWidth) {
    var offset = current.getBoundingClientRect().left - row.getBoundingClientRect().left;
    row.scrollLeft += offset - (row.clientWidth - current.offsetWidth) / 2;
  }

  function content() {
    return document.getElementById(CONTENT_ID);
  }

  var frame = document.querySelector('[data-dash]');
  if (!frame || !htmx) return;

  var timeZone = frame.getAttribute('data-time-zone') || undefined;
  var isDisplay = frame.hasAttribute('data-display');
  var loadedAt = Date.now();
  var lastSuccess = new Date();

  // The family's wall clock, whatever zone the device is set to.
  var clockFormat;
  try {
    clockFormat = new Intl.DateTimeFormat('en-GB', { timeZone: timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  } catch (e) {
    clockFormat = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  }
  function familyClock(date) {
    var parts = clockFormat.formatToParts(date);
    var hour = 0;
    var minute = 0;
    for (var i = 0; i < parts.length; i++) {
      if (parts[i].type === 'hour') hour = Number(parts[i].value) % 24;
      if (parts[i].type === 'minute') minute = Number(parts[i].value);
    }
    return { hour: hour, minute: minute, text: (hour < 10 ? '0' : '') + hour + ':' + (minute < 10 ? '0' : '') + minute };
  }

  function refresh() {
    var el = content();
    if (el) htmx.trigger(el, 'dinkyrefresh');
  }

  // --- Refreshing ---------------------------------------------------------

  function isPoll(detail) {
    var elt = detail && detail.elt;
    return !!elt && elt.id === CONTENT_ID && (detail.verb || (detail.requestConfig && detail.requestConfig.verb)) === 'get';
  }

  // Ask "changed since?" with the ETag the content came with: the server then
  // answers 304 without rendering anything.
  var focusChore = null;
  document.body.addEventListener('htmx:configRequest', function (event) {
    // A chore tapped from the keyboard: after the swap, focus goes to that chore's new button.
    var form = event.detail.elt && event.detail.elt.closest ? event.detail.elt.closest('form[data-chore-id]') : null;
    if (form) {
      var active = document.activeElement;
      focusChore = active && active !== document.body && form.contains(active) ? form.getAttribute('data-chore-id') : null;
    }
    if (!isPoll(event.detail)) return;
    var etag = event.detail.elt.getAttribute('data-etag');
    if (etag) event.detail.headers['If-None-Match'] = etag;
  });

  // Never pull the page out from under someone choosing who did a chore, and
  // do not poll a tab nobody looks at (it refreshes when shown again). A list
  // left open on the wall is closed after two minutes, so the screen does not
  // stop updating because someone walked away.
  var pickerOpenedAt = 0;
  document.addEventListener(
    'toggle',
    function (event) {
      if (event.target && event.target.open) pickerOpenedAt = Date.now();
    },
    true,
  );
  document.body.addEventListener('htmx:beforeRequest', function (event) {
    if (!isPoll(event.detail)) return;
    var el = event.detail.elt;
    var open = el.querySelector('details[open]');
    if (open && Date.now() - pickerOpenedAt > 2 * 60 * 1000) {
      open.open = false;
      open = null;
    }
    var choosing = document.activeElement && document.activeElement.tagName === 'SELECT' && el.contains(document.activeElement) && Date.now() - pickerOpenedAt < 2 * 60 * 1000;
    if (open || choosing || document.visibilityState === 'hidden') event.preventDefault();
  });

  document.body.addEventListener('htmx:beforeSwap', function (event) {
    var detail = event.detail;
    var xhr = detail.xhr;
    if (!xhr || !detail.shouldSwap) return;
    // A cache may turn our 304 into the same 200 again: nothing to swap.
    var el = content();
    if (isPoll(detail) && el && xhr.getResponseHeader('ETag') && xhr.getResponseHeader('ETag') === el.getAttribute('data-etag')) {
      detail.shouldSwap = false;
      return;
    }
    // Anything but our fragment (say, the sign-in page after a session ended): load the page properly.
    var text = typeof xhr.responseText === 'string' ? xhr.responseText : '';
    if (text.indexOf('id="' + CONTENT_ID + '"') === -1) {
      detail.shouldSwap = false;
      window.location.reload();
      return;
    }
  });

  document.body.addEventListener('htmx:afterSwap', function () {
    var el = content();
    if (!el) return;
    var announce = el.getAttribute('data-announce');
    var region = document.getElementById('dash-announce');
    if (announce && region) region.textContent = announce;
    if (focusChore) {
      var button = document.querySelector('#chore-' + focusChore + ' .chore-button');
      if (button) button.focus();
      focusChore = null;
    }
    scheduleMidnight();
  });

  var stale = document.getElementById('dash-stale');
  function showStale(message) {
    if (!stale) return;
    stale.textContent = message;
    stale.hidden = false;
  }
  function hideStale() {
    if (stale && !stale.hidden) {
      stale.hidden = true;
      stale.textContent = '';
    }
  }

  document.body.addEventListener('htmx:afterRequest', function (event) {
    if (event.detail.successful) {
      lastSuccess = new Date();
      hideStale();
    }
  });

  function missed(event) {
    var detail = event.detail || {};
    // The dashboard or the display link is gone (deleted, revoked): show the page the server has for that.
    if (isPoll(detail) && detail.xhr && detail.xhr.status === 404) {
      window.location.reload();
      return;
    }
    var form = detail.elt && detail.elt.closest ? detail.elt.closest('form[data-chore-id]') : null;
    if (form && detail.xhr && detail.xhr.status >= 400) {
      // The server refused (e.g. a viewer, or a chore that was just deleted): say why.
      var doc = new DOMParser().parseFromString(detail.xhr.responseText || '', 'text/html');
      var why = doc.querySelector('main p');
      showStale('Not saved: ' + (why ? why.textContent : 'please reload the page and try again.'));
      return;
    }
    showStale('Last updated ' + familyClock(lastSuccess).text);
  }
  document.body.addEventListener('htmx:responseError', missed);
  document.body.addEventListener('htmx:sendError', missed);
  document.body.addEventListener('htmx:timeout', missed);

  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'visible') refresh();
  });

  // At the family's midnight the content turns over to the new day (the day
  // is part of the ETag, so this refresh gets the new content).
  var midnightTimer = 0;
  function scheduleMidnight() {
    var el = content();
    var ms = el ? Number(el.getAttribute('data-ms-until-midnight')) : NaN;
    if (!(ms >= 0)) return;
    window.clearTimeout(midnightTimer);
    // A little after, so the server's clock has surely passed midnight too.
    midnightTimer = window.setTimeout(refresh, Math.min(ms + 2000, 2147483647));
  }
  scheduleMidnight();

  // Once a day, at about 3 in the morning (or when a day and a bit has passed),
  // load the whole page again, so a kiosk browser left running for months does
  // not grow. Only while the server answers: otherwise keep what is shown.
  window.setInterval(function () {
    var age = Date.now() - loadedAt;
    var answered = Date.now() - lastSuccess.getTime() < 5 * 60 * 1000;
    if (!answered || !navigator.onLine) return;
    if ((age > 20 * 3600 * 1000 && familyClock(new Date()).hour === 3) || age > 26 * 3600 * 1000) window.location.reload();
  }, 60 * 1000);

  if (!isDisplay) return;

  // --- Wall display: night mode -------------------------------------------

  function minutesOf(text) {
    var m = /^(\d{1,2}):(\d{2})$/.exec(text || '');
    if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return null;
    return Number(m[1]) * 60 + Number(m[2]);
  }
  var nightOn = frame.getAttribute('data-night-mode') === '1';
  var nightStart = minutesOf(frame.getAttribute('data-night-start'));
  var nightEnd = minutesOf(frame.getAttribute('data-night-end'));

  // The same rule as the server's isWithinHours: [start, end), across midnight when start > end.
  function isNightNow() {
    if (!nightOn || nightStart === null || nightEnd === null || nightStart === nightEnd) return false;
    var c = familyClock(new Date());
    var now = c.hour * 60 + c.minute;
    return nightStart < nightEnd ? now >= nightStart && now < nightEnd : now >= nightStart || now < nightEnd;
  }

  var body = document.body;
  function updateNight() {
    body.classList.toggle('night', isNightNow());
  }
  updateNight();
  window.setInterval(updateNight, 30 * 1000);

  // A tap wakes a dimmed screen for a minute; that first tap does nothing else.
  var wakeTimer = 0;
  var swallowClick = false;
  function wake(event) {
    if (!body.classList.contains('night')) return;
    if (!body.classList.contains('awake')) {
      body.classList.add('awake');
      swallowClick = event.type === 'pointerdown';
      event.preventDefault();
      event.stopPropagation();
    }
    window.clearTimeout(wakeTimer);
    wakeTimer = window.setTimeout(function () {
      body.classList.remove('awake');
    }, 60 * 1000);
  }
  document.addEventListener('pointerdown', wake, true);
  document.addEventListener('keydown', wake, true);
  document.addEventListener(
    'click',
    function (event) {
      if (swallowClick) {
        swallowClick = false;
        event.preventDefault();
        event.stopPropagation();
      }
    },
    true,
  );

  // --- Wall display: burn-in ------------------------------------------------

  // Every few minutes the whole dashboard moves by a few pixels, so no edge
  // stays lit on the same pixels for months.
  function shift() {
    var x = Math.round(Math.random() * 8 - 4);
    var y = Math.round(Math.random() * 8 - 4);
    document.documentElement.style.setProperty('--shift-x', x + 'px');
    document.documentElement.style.setProperty('--shift-y', y + 'px');
  }
  window.setInterval(shift, 3 * 60 * 1000);

})();
