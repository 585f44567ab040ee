// The body map: the person taps where it hurts, presses Done, and the regions go to the bot with
// Telegram's initData (POST answer, beside this page). No library: Telegram's own script is not
// loaded (nothing comes from another origin), so what this page needs of it is written here: the
// launch parameters from the URL's hash, the theme colours, and the ready and close events.
(function () {
  'use strict';

  var STRINGS = {
    en: {
      title: 'Where does it hurt?',
      hint: 'Tap every place that hurts (tap again to undo), then press Done.',
      back_view: 'Back',
      back_view_hint: 'seen from behind: your left side is on the left.',
      front_view: 'Front',
      front_view_hint: 'the groin, and the saddle area around the genitals and anus.',
      left_side: 'Left',
      right_side: 'Right',
      done: 'Done',
      nothing_marked: 'Nothing marked yet.',
      marked: 'You marked: ',
      sending: 'Sending…',
      sent: 'Sent. You can close this page: the chat has the next question.',
      open_again: 'Please open the map again from the chat.',
      open_from_chat: 'Please open this map from the button in the chat.',
      earlier_question: 'This map is for an earlier question. The chat has the current one.',
      try_again: 'It could not be sent just now. Please try again.',
      low_back_left: 'Low back, left side',
      low_back_middle: 'Low back, middle',
      low_back_right: 'Low back, right side',
      buttock_left: 'Left buttock',
      buttock_right: 'Right buttock',
      hip_left: 'Left hip',
      hip_right: 'Right hip',
      thigh_back_left: 'Back of the left thigh',
      thigh_back_right: 'Back of the right thigh',
      below_knee_left: 'Left leg, below the knee',
      below_knee_right: 'Right leg, below the knee',
      groin: 'Groin',
      saddle: 'Saddle area (around the genitals and anus)',
      between_shoulder_blades: 'Between the shoulder blades'
    },
    es: {
      title: '¿Dónde le duele?',
      hint: 'Pulse cada zona que le duele (púlsela otra vez para quitarla) y luego Listo.',
      back_view: 'Espalda',
      back_view_hint: 'vista por detrás: su lado izquierdo está a la izquierda.',
      front_view: 'Delante',
      front_view_hint: 'la ingle y la zona del sillín, alrededor de los genitales y el ano.',
      left_side: 'Izq.',
      right_side: 'Der.',
      done: 'Listo',
      nothing_marked: 'Todavía no ha marcado nada.',
      marked: 'Ha marcado: ',
      sending: 'Enviando…',
      sent: 'Enviado. Puede cerrar esta página: el chat tiene la siguiente pregunta.',
      open_again: 'Abra el mapa otra vez desde el chat.',
      open_from_chat: 'Abra este mapa con el botón del chat.',
      earlier_question: 'Este mapa es de una pregunta anterior. El chat tiene la pregunta actual.',
      try_again: 'No se ha podido enviar ahora. Inténtelo otra vez.',
      low_back_left: 'Zona lumbar, lado izquierdo',
      low_back_middle: 'Zona lumbar, centro',
      low_back_right: 'Zona lumbar, lado derecho',
      buttock_left: 'Nalga izquierda',
      buttock_right: 'Nalga derecha',
      hip_left: 'Cadera izquierda',
      hip_right: 'Cadera derecha',
      thigh_back_left: 'Parte trasera del muslo izquierdo',
      thigh_back_right: 'Parte trasera del muslo derecho',
      below_knee_left: 'Pierna izquierda, bajo la rodilla',
      below_knee_right: 'Pierna derecha, bajo la rodilla',
      groin: 'Ingle',
      saddle: 'Zona del sillín (alrededor de los genitales y el ano)',
      between_shoulder_blades: 'Entre los omóplatos'
    }
  };

  // Telegram's launch parameters, from the hash it adds to the page's URL (#tgWebAppData=...&...).
  function hashParams() {
    var params = {};
    location.hash.replace(/^#/, '').split('&').forEach(function (pair) {
      var at = pair.indexOf('=');
      if (at > 0) {
        params[decode(pair.slice(0, at))] = decode(pair.slice(at + 1));
      }
    });
    return params;
  }

  function decode(text) {
    try {
      return decodeURIComponent(text.replace(/\+/g, '%20'));
    } catch (e) {
      return '';
    }
  }

  function telegramApp() {
    return window.Telegram && window.Telegram.WebApp ? window.Telegram.WebApp : null;
  }

  function initData(params) {
    var app = telegramApp();
    return (app && app.initData) || params.tgWebAppData || '';
  }

  function themeParams(params) {
    var app = telegramApp();
    if (app && app.themeParams) {
      return app.themeParams;
    }
    try {
      return JSON.parse(params.tgWebAppThemeParams || '{}') || {};
    } catch (e) {
      return {};
    }
  }

  // The same CSS variables Telegram's own script sets (--tg-theme-bg-color...), colours only.
  function applyTheme(theme) {
    Object.keys(theme).forEach(function (key) {
      var colour = String(theme[key]);
      if (/^[a-z_]+$/.test(key) && /^#[0-9a-fA-F]{3,8}$/.test(colour)) {
        document.documentElement.style.setProperty('--tg-theme-' + key.replace(/_/g, '-'), colour);
      }
    });
  }

  function language() {
    var asked = new URLSearchParams(location.search).get('lang');
    return Object.prototype.hasOwnProperty.call(STRINGS, asked) ? asked : 'en';
  }

  // The question message the map was opened from (m=<id>, when the bot knew it): the answer edits
  // it into the next question. A positive whole number only; anything else is ignored.
  function questionMessage() {
    var asked = new URLSearchParams(location.search).get('m');
    return /^[1-9][0-9]{0,9}$/.test(asked || '') ? Number(asked) : null;
  }

  // An event to the Telegram app around this page, the way its own script posts one.
  function postEvent(type, data) {
    var payload = data === undefined ? '' : data;
    try {
      if (window.TelegramWebviewProxy) {
        window.TelegramWebviewProxy.postEvent(type, JSON.stringify(payload));
      } else if (window.external && 'notify' in window.external) {
        window.external.notify(JSON.stringify({eventType: type, eventData: payload}));
      } else if (window.parent !== window) {
        window.parent.postMessage(JSON.stringify({eventType: type, eventData: payload}), 'https://web.telegram.org');
      }
    } catch (e) {
      // Outside Telegram there is nobody to tell.
    }
  }

  function closeApp() {
    var app = telegramApp();
    if (app && app.close) {
      app.close();
    } else {
      postEvent('web_app_close');
    }
  }

  var text = STRINGS[language()];
  var params = hashParams();
  var data = initData(params);
  var message = questionMessage();
  var chosen = {};
  var done = document.getElementById('done');
  var sending = false;
  var finished = false;

  function localise() {
    document.documentElement.lang = language();
    document.title = text.title;
    Array.prototype.forEach.call(document.querySelectorAll('[data-text]'), function (element) {
      element.textContent = text[element.getAttribute('data-text')];
    });
  }

  function say(message) {
    document.getElementById('message').textContent = message;
  }

  // In the order of the maps, from the shoulders down, whatever order they were tapped in.
  function marked() {
    return Array.prototype.map.call(document.querySelectorAll('[data-region]'), function (region) {
      return region.getAttribute('data-region');
    }).filter(function (id) {
      return chosen[id];
    });
  }

  function showChoice() {
    var ids = marked();
    document.getElementById('chosen').textContent = ids.length === 0
      ? text.nothing_marked
      : text.marked + ids.map(function (id) { return text[id]; }).join('; ') + '.';
    done.disabled = ids.length === 0 || sending || finished || data === '';
  }

  function toggle(region) {
    if (sending || finished) {
      return;
    }
    var id = region.getAttribute('data-region');
    chosen[id] = !chosen[id];
    region.setAttribute('aria-checked', chosen[id] ? 'true' : 'false');
    region.classList.toggle('chosen', chosen[id]);
    say(data === '' ? text.open_from_chat : '');
    showChoice();
  }

  function makeTappable(region) {
    var id = region.getAttribute('data-region');
    region.setAttribute('role', 'checkbox');
    region.setAttribute('aria-checked', 'false');
    region.setAttribute('aria-label', text[id]);
    region.setAttribute('tabindex', '0');
    var title = document.createElementNS('http://www.w3.org/2000/svg', 'title');
    title.textContent = text[id];
    region.appendChild(title);
    region.addEventListener('click', function () { toggle(region); });
    region.addEventListener('keydown', function (event) {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        toggle(region);
      }
    });
  }

  function loadMap(holder) {
    return fetch(holder.getAttribute('data-svg'), {credentials: 'same-origin'}).then(function (response) {
      if (!response.ok) {
        throw new Error('map ' + response.status);
      }
      return response.text();
    }).then(function (source) {
      var svg = document.importNode(new DOMParser().parseFromString(source, 'image/svg+xml').documentElement, true);
      svg.setAttribute('role', 'group');
      svg.setAttribute('aria-label', text[svg.getAttribute('data-label')]);
      Array.prototype.forEach.call(svg.querySelectorAll('[data-text]'), function (element) {
        element.textContent = text[element.getAttribute('data-text')];
      });
      Array.prototype.forEach.call(svg.querySelectorAll('[data-region]'), makeTappable);
      holder.appendChild(svg);
    });
  }

  function answered(status) {
    sending = false;
    if (status === 200) {
      finished = true;
      say(text.sent);
      closeApp();
    } else if (status === 409) {
      finished = true;
      say(text.earlier_question);
    } else if (status === 401 || status === 400) {
      finished = true;
      say(text.open_again);
    } else {
      say(text.try_again);
    }
    document.body.classList.toggle('finished', finished);
    showChoice();
  }

  function send() {
    var ids = marked();
    if (ids.length === 0 || sending || finished || data === '') {
      return;
    }
    sending = true;
    say(text.sending);
    showChoice();
    var answer = {initData: data, regions: ids};
    if (message !== null) {
      answer.message = message;
    }
    fetch('answer', {
      method: 'POST',
      headers: {'Content-Type': 'application/json'},
      body: JSON.stringify(answer),
      credentials: 'omit',
      cache: 'no-store'
    }).then(function (response) {
      answered(response.status);
    }, function () {
      answered(0);
    });
  }

  applyTheme(themeParams(params));
  localise();
  done.addEventListener('click', send);
  Promise.all(Array.prototype.map.call(document.querySelectorAll('[data-svg]'), loadMap)).then(function () {
    showChoice();
    if (data === '') {
      say(text.open_from_chat);
    }
    document.body.classList.add('ready');
    postEvent('web_app_ready');
    postEvent('web_app_expand');
  }, function () {
    say(text.try_again);
  });
}());
