// Comfort for DinkyDash's forms. Every form works without it; this only adds:
// the device's own time zone where the server could only guess, photos shrunk
// in the browser before they are sent (which also turns an iPhone's HEIC into
// a JPEG or WebP wherever the browser can show it), and a copy button beside
// links meant to be carried to another screen. No inline scripts: the
// Content-Security-Policy forbids them.
(function () {
  'use strict';

  function each(selector, fn) {
    var found = document.querySelectorAll(selector);
    for (var i = 0; i < found.length; i++) fn(found[i]);
  }

  // --- Time zone -------------------------------------------------------------

  // data-device-zone="preselect": the server filled in its own zone (a new
  // family), so the device's is the better guess. "offer": the family's saved
  // zone; a button offers the device's when it differs.
  var deviceZone = '';
  try {
    deviceZone = Intl.DateTimeFormat().resolvedOptions().timeZone || '';
  } catch (e) {
    deviceZone = '';
  }
  // Browsers and the Pi's ICU may name a zone differently (Asia/Calcutta,
  // Asia/Kolkata): failing an exact match, the option Intl takes for the same zone.
  function canonical(zone) {
    try {
      return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
    } catch (e) {
      return null;
    }
  }
  function optionFor(select, value) {
    var i;
    for (i = 0; i < select.options.length; i++) if (select.options[i].value === value) return select.options[i];
    var wanted = canonical(value);
    for (i = 0; wanted && i < select.options.length; i++) if (canonical(select.options[i].value) === wanted) return select.options[i];
    return null;
  }
  each('select[data-device-zone]', function (select) {
    var option = deviceZone && optionFor(select, deviceZone);
    if (!option || option.selected) return;
    if (select.getAttribute('data-device-zone') === 'preselect') {
      select.value = option.value;
      return;
    }
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'button secondary use-device-zone';
    button.textContent = (select.getAttribute('data-device-zone-label') || 'Use this device’s time zone') + ': ' + option.textContent;
    button.addEventListener('click', function () {
      select.value = option.value;
      button.remove();
      select.focus();
    });
    select.insertAdjacentElement('afterend', button);
  });

  // --- Photos: shrunk before they are sent -------------------------------------

  // <input type=file data-shrink-to="512" data-max-bytes="…">: the server keeps
  // a picture at most that many pixels on its longer side, so a 12 MB phone
  // photo is drawn onto a canvas of that size and sent as a WebP (or a JPEG
  // where the browser cannot write WebP). A photo the browser cannot read
  // either is sent as it is, and the server says at the field what to do.
  function decode(file) {
    return new Promise(function (resolve, reject) {
      var url = URL.createObjectURL(file);
      var img = new Image();
      img.onload = function () {
        resolve({ image: img, done: function () { URL.revokeObjectURL(url); } });
      };
      img.onerror = function () {
        URL.revokeObjectURL(url);
        reject(new Error('unreadable'));
      };
      img.src = url;
    });
  }
  function toBlob(canvas, type, quality) {
    return new Promise(function (resolve) {
      canvas.toBlob(resolve, type, quality);
    });
  }
  var KEPT_TYPES = /^image\/(jpeg|png|gif|webp)$/;
  function shrink(file, side, maxBytes) {
    return decode(file).then(function (decoded) {
      var img = decoded.image;
      var w = img.naturalWidth;
      var h = img.naturalHeight;
      var scale = Math.min(1, side / Math.max(w, h));
      if (!w || !h || (scale === 1 && KEPT_TYPES.test(file.type) && file.size <= maxBytes)) {
        decoded.done();
        return null; // already as small as what is stored
      }
      var canvas = document.createElement('canvas');
      canvas.width = Math.max(1, Math.round(w * scale));
      canvas.height = Math.max(1, Math.round(h * scale));
      var context = canvas.getContext('2d');
      context.imageSmoothingQuality = 'high';
      context.drawImage(img, 0, 0, canvas.width, canvas.height); // <img> applies the EXIF orientation
      decoded.done();
      var opaque = !/^image\/(png|gif|webp)$/.test(file.type);
      return toBlob(canvas, 'image/webp', 0.9)
        .then(function (blob) {
          // Safari writes PNG when asked for WebP: then JPEG for photos, PNG where there may be transparency.
          return blob && blob.type === 'image/webp' ? blob : toBlob(canvas, opaque ? 'image/jpeg' : 'image/png', 0.9);
        })
        .then(function (blob) {
          if (!blob) return null;
          var name = (file.name || 'photo').replace(/\.[^.]*$/, '') + '.' + blob.type.split('/')[1].replace('jpeg', 'jpg');
          return new File([blob], name, { type: blob.type, lastModified: Date.now() });
        });
    });
  }
  function replaceFile(input, file) {
    try {
      var transfer = new DataTransfer();
      transfer.items.add(file);
      input.files = transfer.files;
      return true;
    } catch (e) {
      return false; // an older browser: the original goes, and the server judges it
    }
  }
  function looksHeic(file) {
    return /\.hei[cf]$/i.test(file.name || '') || /^image\/hei[cf]/i.test(file.type || '');
  }
  // The message at the field, as the server would put it there.
  function showFieldError(input, message) {
    var field = input.closest('.field');
    if (!field || !message) return;
    var error = field.querySelector('.field-error');
    if (!error) {
      error = document.createElement('p');
      error.className = 'field-error';
      error.id = input.id + '-error';
      error.setAttribute('role', 'alert');
      field.appendChild(error);
    }
    error.textContent = message;
    field.classList.add('has-error');
    input.setAttribute('aria-invalid', 'true');
    var described = (input.getAttribute('aria-describedby') || '').split(' ');
    if (described.indexOf(error.id) === -1) input.setAttribute('aria-describedby', described.concat(error.id).join(' ').trim());
  }
  function clearFieldError(input) {
    var field = input.closest('.field');
    var error = field && field.querySelector('.field-error');
    if (error) error.remove();
    if (field) field.classList.remove('has-error');
    input.removeAttribute('aria-invalid');
  }
  each('input[type="file"][data-shrink-to]', function (input) {
    var side = Number(input.getAttribute('data-shrink-to')) || 512;
    var maxBytes = Number(input.getAttribute('data-max-bytes')) || Infinity;
    var form = input.form;
    var pending = null;
    input.addEventListener('change', function () {
      var file = input.files && input.files[0];
      if (!file) {
        pending = null;
        return;
      }
      clearFieldError(input);
      input.setAttribute('data-shrinking', '');
      var job = shrink(file, side, maxBytes)
        .then(function (small) {
          if (small && input.files[0] === file) replaceFile(input, small);
        })
        .catch(function () {
          // Unreadable here. A HEIC photo (which only Safari reads) is not
          // sent at all: the server could not read it either, and a 12 MB
          // one would not even arrive. Anything else goes as it is, and the
          // server says what it makes of it.
          if (input.files[0] === file && looksHeic(file)) {
            input.value = '';
            showFieldError(input, input.getAttribute('data-heic-message'));
          }
        })
        .then(function () {
          if (pending === job) {
            pending = null;
            input.removeAttribute('data-shrinking');
          }
        });
      pending = job;
    });
    if (!form) return;
    // Sent only once the photo is ready.
    form.addEventListener('submit', function (event) {
      if (!pending || event.defaultPrevented) return;
      event.preventDefault();
      var submitter = event.submitter || null;
      pending.then(function () {
        if (form.requestSubmit) form.requestSubmit(submitter);
        else form.submit();
      });
    });
  });

  // --- Links to carry: a copy button -------------------------------------------

  // [data-copy] holds the link in [data-copy-text] and a hidden button. Where
  // the clipboard API is missing (it needs https; the Pi is plain http on the
  // home network) the link is selected and copied the old way, or left
  // selected for the person to copy.
  function selectText(el) {
    if (el.select) {
      el.focus();
      el.select();
      return;
    }
    var range = document.createRange();
    range.selectNodeContents(el);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }
  function copyBySelection(el) {
    selectText(el);
    try {
      return document.execCommand('copy');
    } catch (e) {
      return false;
    }
  }
  each('[data-copy]', function (box) {
    var text = box.querySelector('[data-copy-text]');
    var button = box.querySelector('button[data-copy-button]');
    var status = box.querySelector('[data-copy-status]');
    if (!text || !button) return;
    button.hidden = false;
    function say(copied) {
      if (!status) return;
      status.textContent = copied ? button.getAttribute('data-copied') : button.getAttribute('data-select');
    }
    button.addEventListener('click', function () {
      var value = text.value || text.textContent;
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(value).then(
          function () {
            say(true);
          },
          function () {
            say(copyBySelection(text));
          },
        );
      } else {
        say(copyBySelection(text));
      }
    });
  });
})();
