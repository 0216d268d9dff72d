// 相談の入口 console: live updates by polling (works with any number of server instances), and
// a confirmation before closing. No framework; text is inserted as text, never as HTML.
(function () {
  'use strict';

  function refreshQueue(section) {
    var url = section.getAttribute('data-refresh') + window.location.search;
    fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
      .then(function (response) {
        if (response.redirected || !response.ok) { return null; }
        return response.text();
      })
      .then(function (html) {
        if (!html) { return; }
        var holder = document.createElement('div');
        holder.innerHTML = html; // server-rendered by Thymeleaf (escaped), same origin
        var fresh = holder.querySelector('#live');
        if (fresh) {
          section.replaceWith(fresh);
        }
      })
      .catch(function () { /* next round */ });
  }

  function startQueue() {
    if (!document.getElementById('live')) { return; }
    window.setInterval(function () {
      var section = document.getElementById('live');
      if (section) { refreshQueue(section); }
    }, 10000);
  }

  function appendMessage(list, m) {
    if (list.querySelector('[data-id="' + m.id + '"]')) { return; }
    var item = document.createElement('li');
    item.className = 'message message-' + m.kind + (m.withdrawn ? ' message-withdrawn' : '') + ' fresh';
    item.setAttribute('data-id', String(m.id));
    var head = document.createElement('div');
    head.className = 'message-head';
    var author = document.createElement('span');
    author.className = 'message-author';
    author.textContent = m.author;
    var at = document.createElement('span');
    at.className = 'message-at';
    at.textContent = m.at;
    head.appendChild(author);
    head.appendChild(document.createTextNode(' '));
    head.appendChild(at);
    var text = document.createElement('div');
    text.className = 'message-text';
    text.textContent = m.text;
    item.appendChild(head);
    item.appendChild(text);
    list.appendChild(item);
    list.scrollTop = list.scrollHeight;
    var empty = document.querySelector('.conversation-empty');
    if (empty) { empty.remove(); }
  }

  function startConversation() {
    var list = document.getElementById('conversation');
    if (!list) { return; }
    list.scrollTop = list.scrollHeight;
    var poll = function () {
      var after = list.getAttribute('data-after') || '0';
      fetch(list.getAttribute('data-poll') + '?after=' + encodeURIComponent(after),
        { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
        .then(function (response) { return response.ok && !response.redirected ? response.json() : []; })
        .then(function (messages) {
          messages.forEach(function (m) {
            appendMessage(list, m);
            list.setAttribute('data-after', String(m.id));
          });
        })
        .catch(function () { /* next round */ });
    };
    window.setInterval(poll, 3000);
  }

  function confirmations() {
    document.querySelectorAll('form[data-confirm]').forEach(function (form) {
      form.addEventListener('submit', function (event) {
        if (!window.confirm(form.getAttribute('data-confirm'))) { event.preventDefault(); }
      });
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    startQueue();
    startConversation();
    confirmations();
  });
})();
