// DinkyDash's small client script. Pages work without it; it only adds comfort:
// dashboards refresh in place (htmx), say when a refresh was missed and try
// again with backoff, keep the header's clock right, turn over at the
// family's midnight, reload once a day and after an upgrade; wall displays fit
// their screen, dim at night, shift a few pixels against burn-in, and come
// back by themselves when their family does. No inline scripts anywhere: the
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

  // --- A wall display with nothing to show ----------------------------------

  // The family's file is gone (or being restored) or the link was turned off:
  // ask again every minute (or as ?retry= says), and show the dashboard as
  // soon as the address answers again.
  function retryWhileGone(page) {
    var every = (Number(page.getAttribute('data-retry-seconds')) || 60) * 1000;
    function askAgain() {
      fetch(window.location.href, { cache: 'no-store', credentials: 'same-origin' })
        .then(function (res) {
          if (res.ok) window.location.reload();
          else window.setTimeout(askAgain, every);
        })
        .catch(function () {
          window.setTimeout(askAgain, every);
        });
    }
    window.setTimeout(askAgain, every);
  }
  var gonePage = document.querySelector('[data-display-gone]');
  if (gonePage) {
    retryWhileGone(gonePage);
    return;
  }

  function content() {
    return document.getElementById(CONTENT_ID);
  }

  var frame = document.querySelector('[data-dash]');
  if (!frame || !htmx) return;

  var timeZone = frame.getAttribute('data-time-zone') || undefined;
  var isDisplay = frame.hasAttribute('data-display');
  // The words this script writes, in the page's language (src/dashboards/dash-frame.tsx).
  var words = {};
  try {
    words = JSON.parse(frame.getAttribute('data-words') || '{}');
  } catch (e) {
    words = {};
  }
  function say(name, fallback, params) {
    var text = typeof words[name] === 'string' ? words[name] : fallback;
    return text.replace(/\{(\w+)\}/g, function (whole, key) {
      return params && key in params ? String(params[key]) : whole;
    });
  }
  var loadedAt = Date.now();
  var lastSuccess = new Date();
  var firstContent = content();
  var pageBuild = firstContent ? firstContent.getAttribute('data-build') : null;

  // --- The family's clock and calendar, whatever zone the device is set to --

  var zoneFormat;
  try {
    zoneFormat = new Intl.DateTimeFormat('en-GB', { timeZone: timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  } catch (e) {
    zoneFormat = new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  }
  function familyClock(date) {
    var parts = zoneFormat.formatToParts(date);
    var c = { year: 0, month: 0, day: 0, hour: 0, minute: 0 };
    for (var i = 0; i < parts.length; i++) {
      if (parts[i].type in c) c[parts[i].type] = Number(parts[i].value);
    }
    c.hour = c.hour % 24; // some ICU versions print midnight as 24
    return c;
  }
  function pad2(n) {
    return (n < 10 ? '0' : '') + n;
  }
  // The same faces as src/dashboards/wall-clock.ts: the words for am and pm are the page's language's.
  function clockFace(hour, minute, format) {
    var datetime = pad2(hour) + ':' + pad2(minute);
    if (format !== '12') return { hm: datetime, suffix: '', datetime: datetime };
    return { hm: (hour % 12 || 12) + ':' + pad2(minute), suffix: hour < 12 ? say('am', 'am') : say('pm', 'pm'), datetime: datetime };
  }
  function isoDate(c) {
    return ('000' + c.year).slice(-4) + '-' + pad2(c.month) + '-' + pad2(c.day);
  }
  // The date formats of src/calendar/family-time.ts; 'long' is the language's own (Intl).
  function dateText(c, format, locale) {
    if (format === 'iso') return isoDate(c);
    if (format === 'dmy') return pad2(c.day) + '.' + pad2(c.month) + '.' + c.year;
    if (format === 'mdy') return pad2(c.month) + '/' + pad2(c.day) + '/' + c.year;
    var at = new Date(Date.UTC(c.year, c.month - 1, c.day, 12));
    var fields = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' };
    try {
      return new Intl.DateTimeFormat(locale || 'en-GB', fields).format(at);
    } catch (e) {
      return new Intl.DateTimeFormat('en-GB', fields).format(at);
    }
  }
  function timeText(date) {
    var c = familyClock(date);
    var time = document.querySelector('.dash-time');
    var face = clockFace(c.hour, c.minute, time ? time.getAttribute('data-clock') : '24');
    return face.hm + (face.suffix ? ' ' + face.suffix : '');
  }

  // The header's time and date, every minute on the minute, without asking the server.
  var clockTimer = 0;
  function tick() {
    var c = familyClock(new Date());
    var changed = false;
    var time = document.querySelector('.dash-time');
    if (time) {
      var face = clockFace(c.hour, c.minute, time.getAttribute('data-clock'));
      if (time.textContent !== face.hm + (face.suffix ? ' ' + face.suffix : '')) {
        time.textContent = face.hm;
        if (face.suffix) {
          var suffix = document.createElement('span');
          suffix.className = 'clock-suffix';
          suffix.textContent = ' ' + face.suffix;
          time.appendChild(suffix);
        }
        time.setAttribute('datetime', face.datetime);
        changed = true;
      }
    }
    // At the family's midnight the date turns to the next day's, as the server wrote it in the
    // family's language and format; any other day (a device whose clock the server does not share)
    // is written here with the page's language's Intl.
    var date = document.querySelector('.dash-date[data-date]');
    if (date && date.getAttribute('data-date') !== isoDate(c)) {
      date.textContent = date.getAttribute('data-next-date') === isoDate(c) ? date.getAttribute('data-next-text') || '' : dateText(c, date.getAttribute('data-date-format'), date.getAttribute('data-locale'));
      date.setAttribute('data-date', isoDate(c));
      changed = true;
    }
    if (changed) refitIfNeeded();
    window.clearTimeout(clockTimer);
    clockTimer = window.setTimeout(tick, 60000 - (Date.now() % 60000) + 250);
  }

  function refresh() {
    var el = content();
    if (el) htmx.trigger(el, 'dinkyrefresh');
  }

  // --- Wall display: fit the screen ----------------------------------------

  // The whole dashboard is sized in em from the frame's font size. The
  // display searches for the largest size at which everything fits with its
  // words whole (a word breaks only if it does at the minimum), between
  // a legible minimum (a chore's name 22 px on an 800x480 panel, in
  // proportion on other screens; 25% more for a "large" dashboard: fewer,
  // bigger) and three times that. In landscape the first section fills the
  // left column under the header and the others stack in the right one; the
  // two columns share the width so that both end as evenly as can be
  // (between 30:70 and 70:30). In portrait everything stacks. When even the
  // minimum does not fit, each section shows its first items, in order, and
  // "+ N more"; the section showing the most gives up an item first, so none
  // is emptied while another shows more than one.
  var MIN_NAME_PX = 22;
  var LARGE_FACTOR = 1.25;
  var MAX_FACTOR = 3;

  // The 800x480 panel turned like the screen, scaled by the side that grows
  // least: a 1280x800 laptop is 1.6 panels, a 720x1280 Touch Display 2 is 1.5
  // (480x800), a 768x1024 tablet 1.28 (its area would say 1.43, and then a
  // family's day no longer fits on it).
  function minNamePx(size) {
    var w = window.innerWidth;
    var h = window.innerHeight;
    var scale = w >= h ? Math.min(w / 800, h / 480) : Math.min(w / 480, h / 800);
    return MIN_NAME_PX * scale * (size === 'large' ? LARGE_FACTOR : 1);
  }
  function px(el) {
    return parseFloat(window.getComputedStyle(el).fontSize) || 16;
  }
  function setRoot(size) {
    frame.style.fontSize = size + 'px';
  }
  function cardsOf(section) {
    return section.querySelectorAll('.dash-cards > .dash-card');
  }
  function shownIn(section) {
    return section.querySelectorAll('.dash-cards > .dash-card:not([hidden])').length;
  }
  // The lowest the content may reach: its own box, and the screen.
  function limitOf(el) {
    return Math.min(el.getBoundingClientRect().bottom, window.innerHeight) + 0.5;
  }

  // The sections as the screen shows them, column by column: in landscape the
  // first alone on the left and the others (.dash-side) stacked on the right;
  // otherwise one column of them all.
  function columnsOf(el) {
    var all = Array.prototype.slice.call(el.querySelectorAll('.dash-section'));
    if (all.length === 0) return [];
    var side = el.querySelector('.dash-side');
    if (all.length > 1 && side && window.getComputedStyle(side).display !== 'contents') {
      return [[all[0]], Array.prototype.slice.call(side.querySelectorAll('.dash-section'))];
    }
    return [all];
  }
  function bottomOf(column) {
    return column[column.length - 1].getBoundingClientRect().bottom;
  }

  // Whether anything is outside the screen or wider than its box.
  function overflows(el) {
    var root = document.documentElement;
    if (root.scrollHeight > window.innerHeight + 1 || root.scrollWidth > window.innerWidth + 1) return true;
    var head = el.querySelector('.dash-head');
    if (head && head.scrollWidth > head.clientWidth + 1) return true;
    var box = el.getBoundingClientRect();
    var bottom = Math.min(box.bottom, window.innerHeight);
    var sections = el.querySelectorAll('.dash-section');
    for (var i = 0; i < sections.length; i++) {
      var r = sections[i].getBoundingClientRect();
      if (r.bottom > bottom + 0.5 || r.right > box.right + 0.5) return true;
    }
    return tooWide(el);
  }
  // A card whose text is wider than the card (a word longer than its column).
  function tooWide(el) {
    var cards = el.querySelectorAll('.dash-card:not([hidden])');
    for (var j = 0; j < cards.length; j++) {
      if (cards[j].scrollWidth > cards[j].clientWidth + 1) return true;
    }
    return false;
  }

  // A word of a shown card's text broken across two lines ("Spülmaschin" / "e ausräumen"), other than
  // those in `unavoidable` (an object of words); null if none. Card texts may break anywhere (app.css), so
  // that a word longer than its column wraps rather than widening the card, and tooWide() does not see it;
  // the size search asks this to keep words whole where a smaller size can. A text on one line costs one
  // measure, and only the words of one on several lines are measured (a Pi's browser is slow). A line that
  // ends after a hyphen or a dash breaks no word ("Okafor-" / "Lindqvist").
  var WORD = /[^\s\-\u2010\u2013\u2014/]+[\-\u2010\u2013\u2014/]*/g;
  function brokenWord(el, unavoidable) {
    var range = document.createRange();
    var cards = el.querySelectorAll('.dash-card:not([hidden])');
    for (var i = 0; i < cards.length; i++) {
      var texts = document.createTreeWalker(cards[i], NodeFilter.SHOW_TEXT);
      for (var text = texts.nextNode(); text; text = texts.nextNode()) {
        range.selectNodeContents(text);
        if (!onTwoLines(range.getClientRects())) continue;
        WORD.lastIndex = 0;
        for (var word = WORD.exec(text.data); word; word = WORD.exec(text.data)) {
          if (unavoidable[word[0]]) continue;
          range.setStart(text, word.index);
          range.setEnd(text, word.index + word[0].length);
          if (onTwoLines(range.getClientRects())) return word[0];
        }
      }
    }
    return null;
  }
  // The words broken even at the minimum size: no size keeps them whole, so they may break at any (a
  // "Donaudampfschifffahrtsgesellschaft" in a narrow column; no card is hidden for a word).
  function unavoidableAt(el, min, columns) {
    var words = {};
    setRoot(min);
    if (columns) balance(el);
    for (var word = brokenWord(el, words); word; word = brokenWord(el, words)) words[word] = true;
    return words;
  }
  // Whether a text's boxes lie on more than one line: one a line lower than the first (by half its height, as a
  // fallback font's box may sit a little higher or lower on the same line).
  function onTwoLines(rects) {
    var top = null;
    for (var i = 0; i < rects.length; i++) {
      if (rects[i].width < 0.5) continue;
      if (top === null) top = rects[i].top;
      else if (Math.abs(rects[i].top - top) > rects[i].height / 2) return true;
    }
    return false;
  }

  // A section the server did not send every item of ends with
  // <li class="dash-more" data-beyond="N">: those N count in its "+ N more".
  function beyondOf(list) {
    return list.querySelector('.dash-more[data-beyond]');
  }
  function showEverything(el) {
    var more = el.querySelectorAll('.dash-more:not([data-beyond])');
    for (var i = 0; i < more.length; i++) more[i].remove();
    var beyond = el.querySelectorAll('.dash-more[data-beyond]');
    for (var k = 0; k < beyond.length; k++) {
      beyond[k].hidden = false;
      beyond[k].textContent = '+ ' + beyond[k].getAttribute('data-beyond') + ' more';
    }
    var hidden = el.querySelectorAll('.dash-card[hidden]');
    for (var j = 0; j < hidden.length; j++) hidden[j].hidden = false;
  }

  // The chore someone just marked done (or undid) stays on the screen, with its
  // Undo, when the display has to leave items out: its section keeps the items
  // up to it, if the column can hold them. For two minutes after the tap.
  var keepChore = null;
  var keepUntil = 0;
  function floorOf(section) {
    if (!keepChore || Date.now() > keepUntil) return 0;
    var cards = cardsOf(section);
    for (var i = 0; i < cards.length; i++) if (cards[i].id === 'chore-' + keepChore) return i + 1;
    return 0;
  }

  // A section shows its first `keep` items and "+ N more" for the rest (with
  // its name when it shows none: "Weather: + 1 more").
  function showFirst(section, keep) {
    var cards = cardsOf(section);
    for (var i = 0; i < cards.length; i++) cards[i].hidden = i >= keep;
    var list = section.querySelector('.dash-cards');
    var more = list.querySelector('.dash-more:not([data-beyond])');
    var beyond = beyondOf(list);
    var unsent = beyond ? Number(beyond.getAttribute('data-beyond')) : 0;
    var title = section.querySelector('.section-title');
    var label = function (n) {
      return keep === 0 && title ? say('moreIn', '{section}: + {count} more', { section: title.textContent, count: n }) : say('more', '+ {count} more', { count: n });
    };
    if (keep >= cards.length) {
      if (more) more.remove();
      if (beyond) {
        beyond.hidden = false;
        beyond.textContent = label(unsent);
      }
      return;
    }
    if (beyond) beyond.hidden = true;
    if (!more) {
      more = document.createElement('li');
      more.className = 'dash-more';
      list.appendChild(more);
    }
    more.textContent = label(cards.length - keep + unsent);
  }
  function hideLast(section) {
    var shown = shownIn(section);
    if (shown === 0) return false;
    showFirst(section, shown - 1);
    return true;
  }

  // How many items a section keeps before it gives up more: first one and those
  // up to a tapped chore, then one, then none. So no section is emptied while
  // another shows more than one item.
  var STAGES = 3;
  function boundOf(section, stage) {
    return stage === 0 ? Math.max(floorOf(section), 1) : stage === 1 ? 1 : 0;
  }

  // Of these sections, the one showing the most (the later one of equals) above its bound.
  function mostShown(sections, stage) {
    var best = null;
    var bestShown = 0;
    for (var i = 0; i < sections.length; i++) {
      var shown = shownIn(sections[i]);
      if (shown > boundOf(sections[i], stage) && shown >= bestShown) {
        best = sections[i];
        bestShown = shown;
      }
    }
    return best;
  }

  // The section that gives up its last item next: the one showing the most
  // in a column that runs past the bottom, or anywhere.
  function sectionToTrim(el) {
    var limit = limitOf(el);
    var columns = columnsOf(el);
    var over = [];
    for (var c = 0; c < columns.length; c++) if (bottomOf(columns[c]) > limit) over = over.concat(columns[c]);
    for (var stage = 0; stage < STAGES; stage++) {
      var section = mostShown(over, stage);
      if (section) return section;
    }
    return mostShown(el.querySelectorAll('.dash-section'), STAGES - 1);
  }

  // The left column's share of the width (null: the stylesheet's 3:2).
  // On the frame, which stays: htmx sets a swapped-in content's style attribute only as it settles.
  var shareNow = null;
  function setSplit(el, share) {
    shareNow = share;
    frame.style.setProperty('--first', share === null ? '' : Math.round(share * 1000) + 'fr');
    frame.style.setProperty('--second', share === null ? '' : Math.round((1 - share) * 1000) + 'fr');
  }
  function sideBySide(el) {
    return columnsOf(el).length > 1;
  }
  // Everything in one column even in landscape: when two columns would leave a section empty.
  function setStacked(on) {
    frame.classList.toggle('stack-all', on);
  }
  // Compact cards (app.css): when even the minimum size leaves a section without a card.
  function setCompact(on) {
    frame.classList.toggle('compact-cards', on);
  }
  function emptySections(el) {
    var sections = el.querySelectorAll('.dash-section');
    var empty = 0;
    for (var i = 0; i < sections.length; i++) if (cardsOf(sections[i]).length > 0 && shownIn(sections[i]) === 0) empty++;
    return empty;
  }
  // Whether a chore just tapped (floorOf) is on the screen; true when none was.
  function tappedChoreShown(el) {
    var sections = el.querySelectorAll('.dash-section');
    for (var i = 0; i < sections.length; i++) if (shownIn(sections[i]) < floorOf(sections[i])) return false;
    return true;
  }
  function shownCards(el) {
    var sections = el.querySelectorAll('.dash-section');
    var shown = 0;
    for (var i = 0; i < sections.length; i++) shown += shownIn(sections[i]);
    return shown;
  }
  // At the minimum size, with items left out: whether compact cards do better than the layout just
  // made (fewer sections without a card; or as few, as many cards, and whole words where one was
  // broken), laid out by `redo`. If so they stay; if not, `restore` makes the plain layout again.
  function compactIsBetter(el, redo, restore) {
    var empty = emptySections(el);
    var shown = shownCards(el);
    var broken = brokenWord(el, {}) !== null;
    var tappedKept = tappedChoreShown(el);
    if (empty === 0 && !broken) return false;
    setCompact(true);
    redo();
    var emptyNow = emptySections(el);
    var better = emptyNow < empty || (emptyNow === empty && broken && shownCards(el) >= shown && brokenWord(el, {}) === null);
    // Never at the cost of the chore just tapped, with its Undo.
    if (better && (!tappedKept || tappedChoreShown(el))) return true;
    setCompact(false);
    restore();
    return false;
  }
  function leavesOneEmpty(el) {
    var sections = el.querySelectorAll('.dash-section');
    var empty = false;
    var most = 0;
    for (var i = 0; i < sections.length; i++) {
      var shown = shownIn(sections[i]);
      if (shown === 0) empty = true;
      most = Math.max(most, shown);
    }
    return empty && most > 1;
  }
  // The share at which the two columns end most evenly, by bisection (a wider column is a shorter one).
  function balance(el) {
    var columns = columnsOf(el);
    var lo = 0.3;
    var hi = 0.7;
    var best = 0.6;
    var bestEnd = Infinity;
    for (var i = 0; i < 6; i++) {
      var share = (lo + hi) / 2;
      setSplit(el, share);
      var first = bottomOf(columns[0]);
      var second = bottomOf(columns[1]);
      if (Math.max(first, second) < bestEnd) {
        bestEnd = Math.max(first, second);
        best = share;
      }
      if (first > second) lo = share;
      else hi = share;
    }
    setSplit(el, best);
    return best;
  }

  // One section alone in its column keeps the items that fit above the bottom, and "+ N more" for the rest.
  function trimColumn(section, limit) {
    var list = section.querySelector('.dash-cards');
    var cards = cardsOf(section);
    if (!list || cards.length === 0 || section.getBoundingClientRect().bottom <= limit) return;
    var more = document.createElement('li');
    more.className = 'dash-more';
    more.textContent = say('more', '+ {count} more', { count: cards.length });
    list.appendChild(more);
    var room = limit - more.getBoundingClientRect().height - (parseFloat(window.getComputedStyle(list).rowGap) || 0);
    var keep = 0;
    while (keep < cards.length && cards[keep].getBoundingClientRect().bottom <= room) keep++;
    var floor = floorOf(section);
    showFirst(section, Math.max(Math.min(keep, cards.length - 1), floor));
    // A row that grew when the others went (or a tapped chore's): give up one more at a time.
    while (section.getBoundingClientRect().bottom > limit && shownIn(section) > floor) hideLast(section);
    while (section.getBoundingClientRect().bottom > limit && hideLast(section));
  }

  // A column of sections that runs past the bottom: the section showing the
  // most gives up its last item until the column fits. Worked out from where
  // the cards are (one layout), then checked on the page.
  function trimStack(column, limit) {
    if (column.length === 1) {
      trimColumn(column[0], limit);
      return;
    }
    var excess = bottomOf(column) - limit;
    if (excess <= 0) return;
    var probe = document.createElement('li');
    probe.className = 'dash-more';
    probe.textContent = say('more', '+ {count} more', { count: 9 });
    column[0].querySelector('.dash-cards').appendChild(probe);
    var moreHeight = probe.getBoundingClientRect().height;
    probe.remove();
    var plans = [];
    for (var i = 0; i < column.length; i++) {
      var list = column[i].querySelector('.dash-cards');
      var cards = cardsOf(column[i]);
      var gap = parseFloat(window.getComputedStyle(list).rowGap) || 0;
      // ends[k]: where the section ends when it shows its first k items (and "+ N more" for the others).
      var ends = [list.getBoundingClientRect().top + moreHeight];
      var deepest = -Infinity;
      for (var k = 0; k < cards.length; k++) {
        deepest = Math.max(deepest, cards[k].getBoundingClientRect().bottom);
        ends.push(deepest + gap + moreHeight);
      }
      ends[cards.length] = column[i].getBoundingClientRect().bottom;
      plans.push({ section: column[i], ends: ends, keep: cards.length, bounds: [boundOf(column[i], 0), boundOf(column[i], 1), boundOf(column[i], 2)] });
    }
    for (var stage = 0; stage < STAGES; stage++) {
      while (excess > 0) {
        var pick = null;
        for (var j = 0; j < plans.length; j++) if (plans[j].keep > plans[j].bounds[stage] && (!pick || plans[j].keep >= pick.keep)) pick = plans[j];
        if (!pick) break;
        excess -= pick.ends[pick.keep] - pick.ends[pick.keep - 1];
        pick.keep--;
      }
    }
    // A tall card given up may leave room for a smaller one elsewhere: the section showing the fewest takes it back
    // (none gets a second item while another shows none).
    for (var grown = true; grown; ) {
      grown = false;
      var next = null;
      var fewest = Infinity;
      for (var f = 0; f < plans.length; f++) fewest = Math.min(fewest, plans[f].keep);
      for (var q = 0; q < plans.length; q++) {
        var plan = plans[q];
        if (plan.keep >= (fewest === 0 ? 1 : Infinity)) continue;
        if (plan.keep < plan.ends.length - 1 && excess + plan.ends[plan.keep + 1] - plan.ends[plan.keep] <= 0 && (!next || plan.keep < next.keep)) next = plan;
      }
      if (next) {
        excess += next.ends[next.keep + 1] - next.ends[next.keep];
        next.keep++;
        grown = true;
      }
    }
    for (var p = 0; p < plans.length; p++) showFirst(plans[p].section, plans[p].keep);
    for (var late = 0; late < STAGES; late++) {
      for (var section = mostShown(column, late); section && bottomOf(column) > limit; section = mostShown(column, late)) hideLast(section);
    }
  }

  // Two columns side by side that cannot show everything: of a few ways to
  // share the width, the one that leaves no section empty, keeps a tapped
  // chore on the screen and shows the most.
  function trimColumnsAt(el, share) {
    showEverything(el);
    setSplit(el, share);
    var limit = limitOf(el);
    var columns = columnsOf(el);
    var score = -Math.abs(share - 0.55) / 10 - (tooWide(el) ? 100000 : 0);
    for (var c = 0; c < columns.length; c++) trimStack(columns[c], limit);
    var sections = el.querySelectorAll('.dash-section');
    for (var j = 0; j < sections.length; j++) {
      var shown = shownIn(sections[j]);
      score += shown + (shown > 0 ? 1000 : 0) + (shown >= floorOf(sections[j]) ? 500 : 0);
    }
    return score;
  }
  // The share and its score; `known`, the last ones, are kept if the share does as well as it did.
  function trimColumns(el, known) {
    if (known) {
      var again = trimColumnsAt(el, known.share);
      if (again >= known.score) return { share: known.share, score: again };
    }
    var best = 0.5;
    var bestScore = -Infinity;
    for (var share = 0.3; share < 0.71; share += 0.05) {
      var score = trimColumnsAt(el, share);
      if (score > bestScore) {
        bestScore = score;
        best = share;
      }
    }
    trimColumnsAt(el, best);
    return { share: best, score: bestScore };
  }

  // Whether everything fits at this size (two columns balanced for it); given `unavoidable`, with every other word whole too.
  function fitsAt(el, size, columns, unavoidable) {
    setRoot(size);
    if (columns) balance(el);
    return !overflows(el) && !(unavoidable && brokenWord(el, unavoidable));
  }

  // The largest size in [lo, hi] at which everything fits (as fitsAt), to a quarter of a pixel; 0 if not even lo.
  function largestFit(el, lo, hi, columns, unavoidable) {
    if (fitsAt(el, hi, columns, unavoidable)) return hi;
    if (!fitsAt(el, lo, columns, unavoidable)) return 0;
    while (hi - lo > 0.25) {
      var mid = (lo + hi) / 2;
      if (fitsAt(el, mid, columns, unavoidable)) lo = mid;
      else hi = mid;
    }
    return lo;
  }

  // The last fit, to start from: after a refresh that changed a card or two,
  // the size found last time is usually still the largest that fits (two
  // layouts instead of some seventy; a Pi's browser is slow at layout).
  var last = null;

  // The last size if it is still right; -1 if even the minimum still does not fit; 0 if not known.
  function warmSize(el, key, min, columns) {
    if (!last || last.key !== key) return 0;
    if (last.size < 0) return fitsAt(el, min, columns) ? 0 : -1;
    setSplit(el, last.share);
    setRoot(last.size);
    if (overflows(el) || brokenWord(el, last.unavoidable)) return 0;
    if (last.size < min * MAX_FACTOR - 0.01 && fitsAt(el, last.size + 0.25, columns, last.unavoidable)) return 0;
    setSplit(el, last.share);
    setRoot(last.size);
    return last.size;
  }

  function fit() {
    var el = content();
    if (!isDisplay || !el) return;
    var started = Date.now();
    showEverything(el);
    setSplit(el, null);
    setStacked(false);
    setCompact(false);
    var title = el.querySelector('.card-title');
    setRoot(20);
    var ratio = title ? px(title) / 20 : 1;
    var min = minNamePx(el.getAttribute('data-size')) / ratio;
    var columns = sideBySide(el);
    var key = window.innerWidth + 'x' + window.innerHeight + ' ' + el.getAttribute('data-size');
    var size = warmSize(el, key, min, columns);
    var unavoidable = size > 0 ? last.unavoidable : {};
    if (size === 0) {
      size = largestFit(el, min, min * MAX_FACTOR, columns, null) || -1;
      // A word broken at the largest size that fits: the largest at which every word is whole but those
      // that break even at the minimum.
      if (size > 0 && !fitsAt(el, size, columns, unavoidable)) {
        unavoidable = unavoidableAt(el, min, columns);
        size = largestFit(el, min, size, columns, unavoidable) || size;
        fitsAt(el, size, columns);
      }
    }
    if (size > 0) {
      last = { key: key, size: size, share: shareNow, unavoidable: unavoidable };
    } else {
      var known = last && last.key === key && last.size < 0 && last.trim ? last.trim : null;
      var compact = !!(known && last.compact);
      size = min;
      setRoot(min);
      setCompact(compact);
      var trim = columns ? trimColumns(el, known) : null;
      if (trim && !compact) {
        var plain = trim;
        compact = compactIsBetter(
          el,
          // At the same share, and back to it: one layout each, not the search of shares again.
          function () {
            trim = { share: plain.share, score: trimColumnsAt(el, plain.share) };
          },
          function () {
            trim = trimColumns(el, plain);
          },
        );
      }
      if (trim && leavesOneEmpty(el)) {
        trim = null;
        compact = false;
        setCompact(false);
        showEverything(el);
        setSplit(el, null);
        setStacked(true);
      }
      if (columnsOf(el).length === 1) {
        var stack = columnsOf(el)[0];
        var trimStacked = function () {
          showEverything(el);
          trimStack(stack, limitOf(el));
        };
        trimStacked();
        if (!compact) compact = compactIsBetter(el, trimStacked, trimStacked);
      }
      last = { key: key, size: -1, share: trim ? trim.share : null, trim: trim, compact: compact };
      for (var guard = 0; guard < 2000 && overflows(el); guard++) {
        var section = sectionToTrim(el);
        if (!section || !hideLast(section)) break;
      }
    }
    frame.setAttribute('data-fit', size.toFixed(2));
    frame.setAttribute('data-fit-ms', String(Date.now() - started));
  }

  function refitIfNeeded() {
    var el = content();
    if (isDisplay && el && overflows(el)) fit();
  }

  var fitFrame = 0;
  function fitSoon() {
    if (!isDisplay || fitFrame) return;
    fitFrame = window.requestAnimationFrame(function () {
      fitFrame = 0;
      fit();
    });
  }

  if (isDisplay) {
    document.body.classList.add('fit');
    fit();
    window.addEventListener('resize', fitSoon);
    window.addEventListener('load', fitSoon);
    if (document.fonts && document.fonts.ready) document.fonts.ready.then(fitSoon);
    // A picture that arrives after the text (icons, member photos).
    document.addEventListener(
      'load',
      function (event) {
        if (event.target && event.target.tagName === 'IMG') fitSoon();
      },
      true,
    );
  }
  tick();

  // --- Refreshing ---------------------------------------------------------

  function isPoll(detail) {
    var elt = detail && detail.elt;
    return !!elt && elt.id === CONTENT_ID && (detail.verb || (detail.requestConfig && detail.requestConfig.verb)) === 'get';
  }

  // A refresh that failed is tried again after 5 s, then 10, 20, 40 and
  // every 60 s (or every ?retry= seconds), and the regular polls wait for it.
  var retrySeconds = Number(frame.getAttribute('data-retry-seconds')) || 0;
  var failures = 0;
  var retryAt = 0;
  var retryTimer = 0;
  function retryLater() {
    failures++;
    var seconds = retrySeconds || Math.min(5 * Math.pow(2, failures - 1), 60);
    retryAt = Date.now() + seconds * 1000;
    window.clearTimeout(retryTimer);
    retryTimer = window.setTimeout(refresh, seconds * 1000);
  }

  // Ask "changed since?" with the ETag the content came with: the server then
  // answers 304 without rendering anything.
  var focusChore = null;
  document.body.addEventListener('htmx:configRequest', function (event) {
    // A chore tapped from the keyboard: after the swap, focus goes to that chore's new button.
    var form = event.detail.elt && event.detail.elt.closest ? event.detail.elt.closest('form[data-chore-id]') : null;
    if (form) {
      keepChore = form.getAttribute('data-chore-id');
      keepUntil = Date.now() + 2 * 60 * 1000;
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
    if (failures > 0 && Date.now() < retryAt - 500) {
      event.preventDefault();
      return;
    }
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
    // DinkyDash was upgraded under the screen: load the new page, styles and script.
    var build = /data-build="([^"]*)"/.exec(text);
    if (pageBuild && build && build[1] !== pageBuild) {
      detail.shouldSwap = false;
      window.location.reload();
    }
  });

  // Fitted as soon as the new content is in (before it is drawn), and again
  // once htmx has settled its classes (a section that came or went).
  document.body.addEventListener('htmx:afterSettle', function () {
    if (content()) fit();
  });
  document.body.addEventListener('htmx:afterSwap', function () {
    var el = content();
    if (!el) return;
    tick();
    fit();
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

  // The status note lives in the content's header, where room is kept for it.
  function showStale(message) {
    var stale = document.getElementById('dash-stale');
    if (!stale) return;
    stale.textContent = message;
    stale.hidden = false;
    refitIfNeeded();
  }
  function hideStale() {
    var stale = document.getElementById('dash-stale');
    if (stale && !stale.hidden) {
      stale.hidden = true;
      stale.textContent = '';
    }
  }

  document.body.addEventListener('htmx:afterRequest', function (event) {
    if (event.detail.successful) {
      lastSuccess = new Date();
      failures = 0;
      window.clearTimeout(retryTimer);
      hideStale();
    }
  });

  // The display's link or family is gone: show the page the server has for
  // that in place (no reload that could fail while the Pi restarts); it asks
  // again every minute and brings the dashboard back.
  function showGone(xhr) {
    var doc = new DOMParser().parseFromString(xhr.responseText || '', 'text/html');
    var page = doc.querySelector('[data-display-gone]');
    if (!page) {
      window.location.reload();
      return;
    }
    var retry = frame.getAttribute('data-retry-seconds');
    if (retry) page.setAttribute('data-retry-seconds', retry);
    document.title = doc.title;
    document.body.classList.remove('fit');
    document.body.classList.add('display-gone');
    document.body.replaceChildren(document.importNode(page, true));
    retryWhileGone(document.querySelector('[data-display-gone]'));
  }

  function missed(event) {
    var detail = event.detail || {};
    // The dashboard or the display link is gone (deleted, revoked, the family's file removed).
    if (isPoll(detail) && detail.xhr && detail.xhr.status === 404) {
      if (isDisplay) showGone(detail.xhr);
      else window.location.reload();
      return;
    }
    var form = detail.elt && detail.elt.closest ? detail.elt.closest('form[data-chore-id]') : null;
    if (form && detail.xhr && detail.xhr.status >= 400) {
      // The server refused (e.g. a viewer, or a chore that was just deleted): say why.
      var doc = new DOMParser().parseFromString(detail.xhr.responseText || '', 'text/html');
      var why = doc.querySelector('main p');
      showStale(say('notSaved', 'Not saved: {reason}', { reason: why ? why.textContent : say('reload', 'please reload the page and try again.') }));
      return;
    }
    showStale(say('lastUpdated', 'Last updated {time}', { time: timeText(lastSuccess) }));
    if (isPoll(detail)) retryLater();
  }
  document.body.addEventListener('htmx:responseError', missed);
  document.body.addEventListener('htmx:sendError', missed);
  document.body.addEventListener('htmx:timeout', missed);

  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'visible') {
      tick();
      refresh();
    }
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
    if (!answered || !navigator.onLine || !content()) return;
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
    if (body.classList.contains('night') !== isNightNow()) {
      body.classList.toggle('night');
      refitIfNeeded();
    }
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
