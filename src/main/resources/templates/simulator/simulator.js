// The simulator page: shows the LINE message objects the bot sends, and turns what the resident
// does (typing, tapping a button, adding the account as a friend) into requests to
// /simulator/send, which the server turns into signed LINE webhooks.
// Plain JavaScript, no build step. Everything the bot sends is inserted as text, never as HTML.
'use strict';

(() => {
  const USER_KEY = 'iriguchi.simulator.userId';
  const BOT_NAME = 'みどり市 相談の入口';
  const FLEX_TEXT_SIZES = { xxs: 11, xs: 12, sm: 13.5, md: 15, lg: 17.5, xl: 20, xxl: 26, '3xl': 31, '4xl': 40, '5xl': 54 };
  const FLEX_SPACES = { none: 0, xs: 2, sm: 4, md: 8, lg: 12, xl: 16, xxl: 20 };
  const FLEX_IMAGE_SIZES = { xxs: 40, xs: 60, sm: 80, md: 100, lg: 120, xl: 140, xxl: 160, '3xl': 180, '4xl': 200, '5xl': 220, full: null };
  const CARD_SIZES = new Set(['nano', 'micro', 'kilo', 'mega', 'giga']);

  const chat = document.getElementById('chat');
  const quickReplies = document.getElementById('quick-replies');
  const composer = document.getElementById('composer');
  const input = document.getElementById('message-input');
  const sendButton = document.getElementById('send-button');
  const userIdLabel = document.getElementById('user-id');

  let userId = localStorage.getItem(USER_KEY);
  let stream = null;
  let typing = null;
  let typingTimer = null;
  let lastDate = null;
  let lastFrom = null;

  // ---------- talking to the server ----------

  function newUserId() {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return 'U' + Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
  }

  /** Opens the event stream; resolves once the chat history has arrived. */
  function connect() {
    if (stream) {
      stream.close();
    }
    userIdLabel.textContent = userId;
    return new Promise(resolve => {
      stream = new EventSource('/simulator/stream?userId=' + encodeURIComponent(userId));
      stream.addEventListener('history', event => {
        showHistory(JSON.parse(event.data));
        resolve();
      });
      stream.addEventListener('messages', event => {
        hideTyping();
        showBotMessages(JSON.parse(event.data), Date.now());
      });
      stream.addEventListener('loading', event => showTyping(Number(JSON.parse(event.data))));
      stream.addEventListener('rejected', event => {
        hideTyping();
        showRejected(JSON.parse(event.data), Date.now());
      });
    });
  }

  async function send(request, userBubble) {
    hideQuickReplies();
    let row = null;
    if (userBubble) {
      row = addRow('user', Date.now(), userBubble);
    }
    let failure = null;
    try {
      const response = await fetch('/simulator/send', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(Object.assign({ userId }, request)),
      });
      if (response.status !== 202) {
        const body = await response.json().catch(() => ({}));
        failure = body.callbackStatus > 0
          ? `ボットに届きませんでした（/callback が HTTP ${body.callbackStatus} を返しました）`
          : body.callbackStatus === 0
            ? 'ボットに届きませんでした（/callback に接続できません）'
            : `送信できませんでした（HTTP ${response.status}${body.message ? '：' + body.message : ''}）`;
      }
    } catch (error) {
      failure = 'サーバーに接続できません。ボットは起動していますか？';
    }
    if (failure) {
      addPill(failure, true);
    } else if (row) {
      markRead(row);
    }
  }

  async function startOver() {
    userId = newUserId();
    localStorage.setItem(USER_KEY, userId);
    await connect();
    addPill('友だち追加しました', false, Date.now());
    send({ kind: 'follow' }, null);
  }

  // ---------- rendering the chat ----------

  function showHistory(entries) {
    chat.replaceChildren();
    lastDate = null;
    lastFrom = null;
    hideTyping();
    hideQuickReplies();
    let lastBotMessage = null;
    for (const entry of entries) {
      if (entry.from === 'bot') {
        showBotMessage(entry.message, entry.at);
        lastBotMessage = entry.message;
      } else if (entry.from === 'user') {
        markRead(addRow('user', entry.at, userContent(entry.message)));
        lastBotMessage = null;
      } else if (entry.from === 'error') {
        showRejected(entry.message, entry.at);
      } else {
        addPill(entry.message.text || '', false, entry.at);
      }
    }
    if (lastBotMessage) {
      showQuickReplies(lastBotMessage);
    }
    scrollToEnd();
  }

  function showBotMessages(messages, at) {
    messages.forEach(message => showBotMessage(message, at));
    // LINE shows only the quick reply of the last message received.
    showQuickReplies(messages[messages.length - 1]);
  }

  function showBotMessage(message, at) {
    addRow('bot', at, botContent(message));
  }

  function userContent(message) {
    switch (message.type) {
      case 'text': return textBubble(message.text, 'user');
      case 'sticker': return sticker();
      case 'image': return photo();
      default: return textBubble('［' + message.type + '］', 'user');
    }
  }

  function botContent(message) {
    switch (message.type) {
      case 'text': return textBubble(message.text || '', 'bot');
      case 'flex': return flexMessage(message);
      case 'template': return templateMessage(message);
      case 'sticker': return sticker();
      case 'image': return imageMessage(message);
      default: return textBubble(`［${message.type} メッセージ：このシミュレーターでは表示できません］`, 'bot');
    }
  }

  function addRow(from, at, content) {
    dateSeparator(at);
    const row = el('div', `row row--${from}`);
    if (from === 'bot') {
      const first = lastFrom !== 'bot';
      const avatar = el('div', 'row__avatar');
      if (first) {
        row.classList.add('row--first');
        const circle = el('div', 'avatar', 'み');
        circle.setAttribute('aria-hidden', 'true');
        avatar.append(circle);
      }
      row.append(avatar);
      const body = el('div', 'row__body');
      if (first) {
        body.append(el('div', 'row__name', BOT_NAME));
      }
      const line = el('div', 'row__line');
      line.append(content, meta(at));
      body.append(line);
      row.append(body);
    } else {
      const body = el('div', 'row__body');
      const line = el('div', 'row__line');
      line.append(content, meta(at));
      body.append(line);
      row.append(body);
    }
    lastFrom = from;
    chat.append(row);
    scrollToEnd();
    return row;
  }

  function meta(at) {
    const box = el('div', 'meta');
    const time = el('time', 'meta__time', formatTime(at));
    time.dateTime = new Date(at).toISOString();
    box.append(time);
    return box;
  }

  /** LINE's 既読 ("read"): here it means the bot's webhook accepted the event. */
  function markRead(row) {
    const box = row.querySelector('.meta');
    if (box && !box.querySelector('.meta__read')) {
      box.prepend(el('div', 'meta__read', '既読'));
    }
  }

  function dateSeparator(at) {
    const date = new Date(at);
    const key = date.toDateString();
    if (key !== lastDate) {
      lastDate = key;
      const label = date.toLocaleDateString('ja-JP', { month: 'numeric', day: 'numeric', weekday: 'short' });
      chat.append(el('div', 'pill pill--date', label));
      lastFrom = null;
    }
  }

  function addPill(text, isError, at) {
    if (at) {
      dateSeparator(at);
    }
    chat.append(el('div', isError ? 'pill pill--error' : 'pill', text));
    lastFrom = null;
    scrollToEnd();
  }

  function showRejected(error, at) {
    const box = el('div', 'rejected');
    box.append(el('strong', null, 'LINEはこの送信を受け付けません'));
    box.append(document.createTextNode('（本物のLINEなら 400 エラー）: ' + (error.message || '')));
    if (Array.isArray(error.details) && error.details.length) {
      const list = el('ul');
      for (const detail of error.details) {
        const item = el('li');
        item.append(el('code', null, detail.property || ''), document.createTextNode(' — ' + (detail.message || '')));
        list.append(item);
      }
      box.append(list);
    }
    addRow('bot', at, box);
  }

  function textBubble(text, from) {
    const bubble = el('div', `bubble bubble--${from}`);
    appendLinkified(bubble, text);
    return bubble;
  }

  /** Makes URLs tappable, as LINE does; the text stays text. */
  function appendLinkified(parent, text) {
    const pattern = /https?:\/\/[^\s<>"「」（）]+/g;
    let from = 0;
    for (const match of text.matchAll(pattern)) {
      parent.append(document.createTextNode(text.slice(from, match.index)));
      const link = el('a', null, match[0]);
      link.href = match[0];
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      parent.append(link);
      from = match.index + match[0].length;
    }
    parent.append(document.createTextNode(text.slice(from)));
  }

  function sticker() {
    const wrap = el('div', 'sticker');
    wrap.setAttribute('role', 'img');
    wrap.setAttribute('aria-label', 'スタンプ');
    wrap.innerHTML = // a fixed drawing of ours, not content from the bot
      '<svg viewBox="0 0 120 120" width="120" height="120" aria-hidden="true">' +
      '<circle cx="60" cy="62" r="46" fill="#ffd86b" stroke="#4a3b12" stroke-width="4"/>' +
      '<circle cx="44" cy="55" r="6" fill="#4a3b12"/><circle cx="76" cy="55" r="6" fill="#4a3b12"/>' +
      '<ellipse cx="34" cy="72" rx="8" ry="5" fill="#ff9f9f" opacity=".8"/>' +
      '<ellipse cx="86" cy="72" rx="8" ry="5" fill="#ff9f9f" opacity=".8"/>' +
      '<path d="M44 76 Q60 92 76 76" fill="none" stroke="#4a3b12" stroke-width="4.5" stroke-linecap="round"/></svg>';
    return wrap;
  }

  function photo(label) {
    const wrap = el('div', 'photo');
    wrap.setAttribute('role', 'img');
    wrap.setAttribute('aria-label', label || '画像');
    wrap.append(el('span', null, label || '画像（中身はありません）'));
    return wrap;
  }

  function imageMessage(message) {
    const url = message.previewImageUrl || message.originalContentUrl;
    if (!url) {
      return photo();
    }
    const img = el('img', 'fx-image');
    img.alt = '画像';
    img.style.maxWidth = '200px';
    img.style.borderRadius = '14px';
    img.src = url;
    img.addEventListener('error', () => img.replaceWith(photo('画像を読み込めません')));
    return img;
  }

  // ---------- quick replies ----------

  function showQuickReplies(message) {
    const items = message && message.quickReply && Array.isArray(message.quickReply.items)
      ? message.quickReply.items : [];
    quickReplies.replaceChildren();
    for (const item of items) {
      const action = item.action || {};
      const button = el('button', 'qr', action.label || '（ラベルなし）');
      button.type = 'button';
      button.dataset.actionType = action.type || '';
      button.addEventListener('click', () => perform(action));
      quickReplies.append(button);
    }
    quickReplies.hidden = items.length === 0;
    scrollToEnd();
  }

  function hideQuickReplies() {
    quickReplies.hidden = true;
    quickReplies.replaceChildren();
  }

  // ---------- what a tap does ----------

  function perform(action) {
    switch (action.type) {
      case 'postback': {
        // displayText is shown as the resident's message; the deprecated "text" did the same.
        const shown = action.displayText || action.text;
        send({ kind: 'postback', data: action.data || '', displayText: shown || null },
          shown ? textBubble(shown, 'user') : null);
        break;
      }
      case 'message':
        send({ kind: 'text', text: action.text || '' }, textBubble(action.text || '', 'user'));
        break;
      case 'uri': {
        const uri = String(action.uri || '');
        if (/^(https?:|tel:|mailto:)/i.test(uri)) {
          window.open(uri, '_blank', 'noopener');
        } else {
          addPill('このリンクはシミュレーターでは開けません：' + uri, true);
        }
        break;
      }
      default:
        addPill(`「${action.type}」アクションは、このシミュレーターでは使えません`, true);
    }
  }

  // ---------- the loading animation ----------

  function showTyping(seconds) {
    hideTyping();
    const bubble = el('div', 'bubble bubble--bot typing');
    bubble.setAttribute('aria-label', '入力中');
    bubble.append(el('span'), el('span'), el('span'));
    typing = addRow('bot', Date.now(), bubble);
    typing.classList.add('row--typing');
    typing.querySelector('.meta').remove();
    typingTimer = setTimeout(hideTyping, Math.max(5, seconds) * 1000);
  }

  function hideTyping() {
    clearTimeout(typingTimer);
    if (typing) {
      const wasFirst = typing.classList.contains('row--first');
      typing.remove();
      typing = null;
      if (wasFirst) {
        lastFrom = null;
      }
    }
  }

  // ---------- Flex messages ----------

  function flexMessage(message) {
    const contents = message.contents || {};
    if (contents.type === 'carousel') {
      const carousel = el('div', 'carousel');
      (contents.contents || []).forEach(bubble => carousel.append(flexBubble(bubble)));
      carousel.setAttribute('aria-label', message.altText || 'カード');
      return carousel;
    }
    const card = flexBubble(contents);
    card.setAttribute('aria-label', message.altText || 'カード');
    return card;
  }

  function flexBubble(bubble) {
    const size = CARD_SIZES.has(bubble.size) ? bubble.size : 'mega';
    const card = el('div', `card card--${size} flex-card`);
    card.setAttribute('role', 'group');
    const styles = bubble.styles || {};
    for (const part of ['header', 'hero', 'body', 'footer']) {
      const content = bubble[part];
      if (!content) {
        continue;
      }
      const block = el('div', `card__block card__${part}`);
      const style = styles[part] || {};
      if (style.backgroundColor) {
        block.style.backgroundColor = style.backgroundColor;
      }
      if (style.separator) {
        block.classList.add('card__block--separated');
      }
      block.append(flexComponent(content, 'vertical', true));
      card.append(block);
    }
    return card;
  }

  function flexComponent(component, parentLayout, isFirst) {
    const node = renderFlex(component, parentLayout);
    applyCommon(node, component, parentLayout, isFirst);
    return node;
  }

  function renderFlex(component) {
    switch (component.type) {
      case 'box': return flexBox(component);
      case 'text': return flexText(component);
      case 'button': return flexButton(component);
      case 'image': return flexImage(component);
      case 'icon': return flexIcon(component);
      case 'separator': {
        const hr = el('hr', 'fx-separator');
        if (component.color) {
          hr.style.borderTopColor = component.color;
        }
        return hr;
      }
      case 'filler': return el('div', 'fx-filler');
      case 'spacer': {
        const spacer = el('div');
        spacer.style.height = (FLEX_SPACES[component.size] ?? 8) + 'px';
        return spacer;
      }
      case 'span': return el('span', null, component.text || '');
      default: return el('div', 'fx-text', `［${component.type}］`);
    }
  }

  function flexBox(box) {
    const layout = box.layout === 'horizontal' || box.layout === 'baseline' ? box.layout : 'vertical';
    const node = el('div', `fx-box fx-${layout}`);
    const spacing = space(box.spacing);
    if (spacing) {
      node.style.gap = spacing + 'px';
    }
    for (const [prop, css] of [['paddingAll', 'padding'], ['paddingTop', 'paddingTop'], ['paddingBottom', 'paddingBottom'],
      ['paddingStart', 'paddingLeft'], ['paddingEnd', 'paddingRight']]) {
      if (box[prop] !== undefined) {
        node.style[css] = length(box[prop]);
      }
    }
    if (box.backgroundColor) node.style.backgroundColor = box.backgroundColor;
    if (box.cornerRadius) node.style.borderRadius = length(box.cornerRadius);
    if (box.borderColor || box.borderWidth) {
      node.style.border = `${box.borderWidth && box.borderWidth !== 'none' ? length(box.borderWidth) : '1px'} solid ${box.borderColor || '#e5e7eb'}`;
    }
    if (box.justifyContent) node.style.justifyContent = box.justifyContent;
    if (box.alignItems) node.style.alignItems = box.alignItems;
    if (box.width) node.style.width = box.width;
    if (box.height) node.style.height = box.height;
    if (box.action) makeTappable(node, box.action);
    (box.contents || []).forEach((child, index) => node.append(flexComponent(child, layout, index === 0)));
    return node;
  }

  function flexText(text) {
    const node = el('p', 'fx-text ' + (text.wrap ? 'fx-wrap' : 'fx-nowrap'));
    if (Array.isArray(text.contents) && text.contents.length) {
      for (const span of text.contents) {
        const s = el('span', null, span.text || '');
        styleText(s, span);
        node.append(s);
      }
    } else {
      appendLinkified(node, text.text || '');
    }
    styleText(node, text);
    if (text.align) node.style.textAlign = text.align === 'start' ? 'left' : text.align === 'end' ? 'right' : 'center';
    if (text.maxLines > 0) {
      node.style.display = '-webkit-box';
      node.style.webkitBoxOrient = 'vertical';
      node.style.webkitLineClamp = String(text.maxLines);
      node.style.overflow = 'hidden';
    }
    if (text.action) makeTappable(node, text.action);
    return node;
  }

  function styleText(node, style) {
    if (style.size) node.style.fontSize = (FLEX_TEXT_SIZES[style.size] ? FLEX_TEXT_SIZES[style.size] + 'px' : style.size);
    if (style.weight === 'bold') node.style.fontWeight = '700';
    if (style.color) node.style.color = style.color;
    if (style.style === 'italic') node.style.fontStyle = 'italic';
    if (style.decoration === 'underline' || style.decoration === 'line-through') node.style.textDecoration = style.decoration;
  }

  function flexButton(button) {
    const action = button.action || {};
    const style = ['primary', 'secondary', 'link'].includes(button.style) ? button.style : 'link';
    const node = el('button', `fx-button fx-button--${style} flex-button`, action.label || '（ラベルなし）');
    node.type = 'button';
    if (button.height === 'md' || (!button.height && style !== 'link')) node.classList.add('fx-button--md');
    if (button.color) {
      if (style === 'link') node.style.color = button.color;
      else node.style.backgroundColor = button.color;
    }
    node.dataset.actionType = action.type || '';
    node.addEventListener('click', () => perform(action));
    return node;
  }

  function flexImage(image) {
    const holder = el('div');
    const size = image.size in FLEX_IMAGE_SIZES ? FLEX_IMAGE_SIZES[image.size] : 100;
    const ratio = aspectRatio(image.aspectRatio);
    const img = el('img', 'fx-image');
    img.alt = '';
    img.src = image.url || '';
    img.style.aspectRatio = ratio;
    if (size !== null) {
      img.style.width = size + 'px';
      holder.style.display = 'flex';
      holder.style.justifyContent = image.align === 'start' ? 'flex-start' : image.align === 'end' ? 'flex-end' : 'center';
    }
    if (image.aspectMode === 'fit') img.style.objectFit = 'contain';
    img.addEventListener('error', () => {
      // Offline or a placeholder URL: show where the image would be.
      const missing = el('div', 'fx-image fx-image--missing', '画像');
      missing.style.aspectRatio = ratio;
      if (size !== null) missing.style.width = size + 'px';
      img.replaceWith(missing);
    });
    holder.append(img);
    if (image.action) makeTappable(holder, image.action);
    return holder;
  }

  function flexIcon(icon) {
    const img = el('img');
    img.alt = '';
    img.src = icon.url || '';
    const px = FLEX_TEXT_SIZES[icon.size] || 15;
    img.style.width = img.style.height = px + 'px';
    img.addEventListener('error', () => img.remove());
    return img;
  }

  function applyCommon(node, component, parentLayout, isFirst) {
    const margin = space(component.margin);
    if (margin && !isFirst) {
      if (parentLayout === 'vertical') node.style.marginTop = margin + 'px';
      else node.style.marginLeft = margin + 'px';
    }
    if (parentLayout !== 'vertical' && component.type !== 'filler') {
      // In horizontal boxes LINE gives children flex 1 unless told otherwise.
      node.style.flex = component.flex !== undefined ? String(component.flex) : (component.type === 'separator' ? '0 0 auto' : '1');
    } else if (component.flex !== undefined) {
      node.style.flex = String(component.flex);
    }
    if (component.gravity) {
      node.style.alignSelf = { top: 'flex-start', bottom: 'flex-end', center: 'center' }[component.gravity] || '';
    }
    if (component.offsetTop) node.style.marginTop = length(component.offsetTop);
  }

  function makeTappable(node, action) {
    node.style.cursor = 'pointer';
    node.tabIndex = 0;
    node.setAttribute('role', 'button');
    node.addEventListener('click', event => {
      event.stopPropagation();
      perform(action);
    });
  }

  // ---------- template messages ----------

  function templateMessage(message) {
    const template = message.template || {};
    switch (template.type) {
      case 'buttons': return templateCard(template, template.actions || []);
      case 'confirm': {
        const card = el('div', 'card template-card');
        const content = el('div', 'tpl__content');
        content.append(el('p', 'tpl__text', template.text || ''));
        card.append(content, templateActions(template.actions || [], true));
        return card;
      }
      case 'carousel': {
        const carousel = el('div', 'carousel');
        (template.columns || []).forEach(column => carousel.append(templateCard(column, column.actions || [])));
        return carousel;
      }
      default:
        return textBubble(message.altText || `［${template.type} テンプレート］`, 'bot');
    }
  }

  function templateCard(template, actions) {
    const card = el('div', 'card template-card');
    if (template.thumbnailImageUrl) {
      const thumb = flexImage({ url: template.thumbnailImageUrl, size: 'full',
        aspectRatio: template.imageAspectRatio === 'square' ? '1:1' : '1.51:1', aspectMode: template.imageSize === 'contain' ? 'fit' : 'cover' });
      card.append(thumb);
    }
    const content = el('div', 'tpl__content');
    if (template.title) content.append(el('p', 'tpl__title', template.title));
    content.append(el('p', 'tpl__text', template.text || ''));
    card.append(content, templateActions(actions, false));
    return card;
  }

  function templateActions(actions, sideBySide) {
    const box = el('div', 'tpl__actions' + (sideBySide ? ' tpl__actions--confirm' : ''));
    for (const action of actions) {
      const button = el('button', 'fx-button fx-button--link flex-button', action.label || '（ラベルなし）');
      button.type = 'button';
      button.dataset.actionType = action.type || '';
      button.addEventListener('click', () => perform(action));
      box.append(button);
    }
    return box;
  }

  // ---------- small helpers ----------

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function space(value) {
    if (value === undefined || value === null) return 0;
    if (value in FLEX_SPACES) return FLEX_SPACES[value];
    const px = parseFloat(value);
    return Number.isFinite(px) ? px : 0;
  }

  function length(value) {
    return value in FLEX_SPACES ? FLEX_SPACES[value] + 'px' : String(value);
  }

  function aspectRatio(value) {
    const match = /^(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/.exec(value || '');
    return match ? `${match[1]} / ${match[2]}` : '1 / 1';
  }

  function formatTime(at) {
    return new Date(at).toLocaleTimeString('ja-JP', { hour: '2-digit', minute: '2-digit' });
  }

  function scrollToEnd() {
    chat.scrollTop = chat.scrollHeight;
    // Again after layout: quick replies and images change the height once rendered.
    requestAnimationFrame(() => { chat.scrollTop = chat.scrollHeight; });
  }

  // ---------- the composer ----------

  function fitInput() {
    input.style.height = 'auto';
    input.style.height = Math.min(input.scrollHeight + 2, 120) + 'px';
    sendButton.disabled = input.value.trim() === '';
  }

  composer.addEventListener('submit', event => {
    event.preventDefault();
    const text = input.value;
    if (text.trim() === '') return;
    input.value = '';
    fitInput();
    send({ kind: 'text', text }, textBubble(text, 'user'));
    input.focus();
  });

  input.addEventListener('input', fitInput);
  input.addEventListener('keydown', event => {
    // Enter sends; Shift+Enter is a new line; Enter that confirms Japanese input (IME) does neither.
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
      event.preventDefault();
      composer.requestSubmit();
    }
  });

  document.getElementById('send-sticker').addEventListener('click', () => send({ kind: 'sticker' }, sticker()));
  document.getElementById('send-image').addEventListener('click', () => send({ kind: 'image' }, photo()));
  document.getElementById('restart').addEventListener('click', startOver);

  // A first visit is a resident adding the account as a friend.
  if (userId && /^U[0-9a-f]{32}$/.test(userId)) {
    connect();
  } else {
    startOver();
  }
})();
