// ChatSphere's chat widget for any site: <script src="https://HOST/widget.js" data-bot="PUBLIC_KEY" async></script>.
// No dependencies. Everything lives in a shadow root, so the host page's CSS cannot reach it, and server text is
// only ever set as textContent or through the escape-first Markdown below (never as HTML).
// Preview (the bot's page on ChatSphere itself): data-session-url and data-antiforgery mint the session for the
// signed-in owner, data-target mounts the widget inside an element, data-open opens it at once.
(() => {
  'use strict';

  // Only valid while this script first runs (async scripts included), so it is read before anything awaits.
  const script = document.currentScript || document.querySelector('script[data-bot][src*="widget.js"]:not([data-chatsphere-mounted])');
  if (!script || !script.dataset.bot || script.dataset.chatsphereMounted) return;
  script.dataset.chatsphereMounted = 'true';

  const botKey = script.dataset.bot;
  const origin = new URL(script.src, location.href).origin;
  const sessionUrl = script.dataset.sessionUrl ? new URL(script.dataset.sessionUrl, origin).href : null;
  const visitorKey = 'chatsphere.visitor';
  const conversationKey = `chatsphere.conversation.${botKey}`;

  // The widget's own words by language (primary subtag). What the owner wrote (bot name, welcome, questions) and the
  // conversation are never translated. Plain JSON between the markers: WidgetWordsTests reads it from the served script.
  const words = /* words: */ {
    "en": {
      "openChat": "Open chat",
      "openChatNamed": "Open chat: {name}",
      "closeChat": "Close chat",
      "title": "Chat",
      "offlineBadge": "Offline mode",
      "offlineBadgeHint": "Answers quote the documents directly; no language model is used.",
      "messageLabel": "Your message",
      "placeholder": "Ask a question…",
      "send": "Send",
      "stop": "Stop the answer",
      "source": "Source {n}: {name}",
      "image": "[image: {alt}]",
      "tryAgain": "Try again",
      "notEnabled": "This assistant is not enabled for this site.",
      "unknown": "This assistant is not available.",
      "offline": "Can’t reach the assistant. Check your connection and try again.",
      "trouble": "The assistant is having trouble right now. Please try again in a moment.",
      "expired": "Your chat session expired. Please reload the page.",
      "failed": "Sorry, something went wrong while answering. Please try again.",
      "tooLong": "Your message is too long. Please keep it to {max} characters.",
      "stopped": "Stopped.",
      "tooFast": "You’re sending messages a little fast. Please wait {wait} and try again.",
      "busy": "This assistant is busy right now. Please try again in {wait}.",
      "budgetTomorrow": "This assistant has answered all it can for today. Please come back tomorrow.",
      "budgetLater": "This assistant has answered all it can for today. Please come back in {wait}.",
      "aMoment": "a moment"
    },
    "de": {
      "openChat": "Chat öffnen",
      "openChatNamed": "Chat öffnen: {name}",
      "closeChat": "Chat schließen",
      "title": "Chat",
      "offlineBadge": "Offline-Modus",
      "offlineBadgeHint": "Die Antworten zitieren die Dokumente wörtlich; es wird kein Sprachmodell verwendet.",
      "messageLabel": "Ihre Nachricht",
      "placeholder": "Stellen Sie eine Frage…",
      "send": "Senden",
      "stop": "Antwort abbrechen",
      "source": "Quelle {n}: {name}",
      "image": "[Bild: {alt}]",
      "tryAgain": "Erneut versuchen",
      "notEnabled": "Dieser Assistent ist für diese Website nicht freigeschaltet.",
      "unknown": "Dieser Assistent ist nicht verfügbar.",
      "offline": "Der Assistent ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.",
      "trouble": "Der Assistent hat gerade Probleme. Bitte versuchen Sie es gleich noch einmal.",
      "expired": "Ihre Chat-Sitzung ist abgelaufen. Bitte laden Sie die Seite neu.",
      "failed": "Beim Antworten ist leider ein Fehler aufgetreten. Bitte versuchen Sie es erneut.",
      "tooLong": "Ihre Nachricht ist zu lang. Bitte schreiben Sie höchstens {max} Zeichen.",
      "stopped": "Abgebrochen.",
      "tooFast": "Sie senden Nachrichten etwas zu schnell. Bitte warten Sie {wait} und versuchen Sie es dann erneut.",
      "busy": "Dieser Assistent ist gerade ausgelastet. Bitte warten Sie {wait} und versuchen Sie es dann erneut.",
      "budgetTomorrow": "Dieser Assistent hat für heute alles beantwortet, was er kann. Bitte kommen Sie morgen wieder.",
      "budgetLater": "Dieser Assistent hat für heute alles beantwortet, was er kann. Bitte kommen Sie in {wait} wieder.",
      "aMoment": "einen Moment"
    },
    "es": {
      "openChat": "Abrir el chat",
      "openChatNamed": "Abrir el chat: {name}",
      "closeChat": "Cerrar el chat",
      "title": "Chat",
      "offlineBadge": "Modo sin conexión",
      "offlineBadgeHint": "Las respuestas citan los documentos literalmente; no se usa ningún modelo de lenguaje.",
      "messageLabel": "Su mensaje",
      "placeholder": "Haga una pregunta…",
      "send": "Enviar",
      "stop": "Detener la respuesta",
      "source": "Fuente {n}: {name}",
      "image": "[imagen: {alt}]",
      "tryAgain": "Reintentar",
      "notEnabled": "Este asistente no está habilitado para este sitio.",
      "unknown": "Este asistente no está disponible.",
      "offline": "No se puede conectar con el asistente. Compruebe su conexión e inténtelo de nuevo.",
      "trouble": "El asistente tiene problemas en este momento. Inténtelo de nuevo dentro de un momento.",
      "expired": "Su sesión de chat ha caducado. Vuelva a cargar la página.",
      "failed": "Lo sentimos, algo salió mal al responder. Inténtelo de nuevo.",
      "tooLong": "Su mensaje es demasiado largo. Escriba como máximo {max} caracteres.",
      "stopped": "Detenido.",
      "tooFast": "Está enviando mensajes un poco rápido. Espere {wait} e inténtelo de nuevo.",
      "busy": "Este asistente está ocupado en este momento. Espere {wait} e inténtelo de nuevo.",
      "budgetTomorrow": "Este asistente ya ha respondido todo lo que puede por hoy. Vuelva mañana.",
      "budgetLater": "Este asistente ya ha respondido todo lo que puede por hoy. Vuelva dentro de {wait}.",
      "aMoment": "un momento"
    },
    "fr": {
      "openChat": "Ouvrir le chat",
      "openChatNamed": "Ouvrir le chat\u00a0: {name}",
      "closeChat": "Fermer le chat",
      "title": "Chat",
      "offlineBadge": "Mode hors ligne",
      "offlineBadgeHint": "Les réponses citent directement les documents\u00a0; aucun modèle de langage n’est utilisé.",
      "messageLabel": "Votre message",
      "placeholder": "Posez une question…",
      "send": "Envoyer",
      "stop": "Arrêter la réponse",
      "source": "Source {n}\u00a0: {name}",
      "image": "[image\u00a0: {alt}]",
      "tryAgain": "Réessayer",
      "notEnabled": "Cet assistant n’est pas activé pour ce site.",
      "unknown": "Cet assistant n’est pas disponible.",
      "offline": "Impossible de joindre l’assistant. Vérifiez votre connexion et réessayez.",
      "trouble": "L’assistant rencontre des difficultés. Veuillez réessayer dans un instant.",
      "expired": "Votre session de chat a expiré. Veuillez recharger la page.",
      "failed": "Désolé, une erreur s’est produite pendant la réponse. Veuillez réessayer.",
      "tooLong": "Votre message est trop long. Limitez-le à {max} caractères.",
      "stopped": "Arrêté.",
      "tooFast": "Vous envoyez des messages un peu vite. Veuillez patienter {wait} puis réessayer.",
      "busy": "Cet assistant est très sollicité en ce moment. Veuillez patienter {wait} puis réessayer.",
      "budgetTomorrow": "Cet assistant a répondu à tout ce qu’il pouvait aujourd’hui. Revenez demain.",
      "budgetLater": "Cet assistant a répondu à tout ce qu’il pouvait aujourd’hui. Revenez dans {wait}.",
      "aMoment": "un instant"
    },
    "zh": {
      "openChat": "打开聊天",
      "openChatNamed": "打开聊天：{name}",
      "closeChat": "关闭聊天",
      "title": "聊天",
      "offlineBadge": "离线模式",
      "offlineBadgeHint": "回答直接引用文档原文，不使用语言模型。",
      "messageLabel": "您的消息",
      "placeholder": "请输入您的问题…",
      "send": "发送",
      "stop": "停止回答",
      "source": "来源 {n}：{name}",
      "image": "[图片：{alt}]",
      "tryAgain": "重试",
      "notEnabled": "此助手未在本网站启用。",
      "unknown": "此助手不可用。",
      "offline": "无法连接到助手。请检查网络连接后重试。",
      "trouble": "助手暂时出现问题，请稍后重试。",
      "expired": "聊天会话已过期，请刷新页面。",
      "failed": "抱歉，回答时出错了，请重试。",
      "tooLong": "消息过长，请不要超过 {max} 个字符。",
      "stopped": "已停止。",
      "tooFast": "您发送消息的速度有点快。请等待{wait}后再试。",
      "busy": "此助手当前繁忙。请等待{wait}后再试。",
      "budgetTomorrow": "此助手今天能回答的已经全部回答完了，请明天再来。",
      "budgetLater": "此助手今天能回答的已经全部回答完了，请在{wait}后再来。",
      "aMoment": "片刻"
    },
    "ja": {
      "openChat": "チャットを開く",
      "openChatNamed": "チャットを開く：{name}",
      "closeChat": "チャットを閉じる",
      "title": "チャット",
      "offlineBadge": "オフラインモード",
      "offlineBadgeHint": "回答はドキュメントをそのまま引用しています。言語モデルは使用していません。",
      "messageLabel": "メッセージ",
      "placeholder": "質問を入力してください…",
      "send": "送信",
      "stop": "回答を停止",
      "source": "出典 {n}：{name}",
      "image": "[画像：{alt}]",
      "tryAgain": "再試行",
      "notEnabled": "このアシスタントはこのサイトでは有効になっていません。",
      "unknown": "このアシスタントは利用できません。",
      "offline": "アシスタントに接続できません。接続を確認して、もう一度お試しください。",
      "trouble": "アシスタントに問題が発生しています。しばらくしてからもう一度お試しください。",
      "expired": "チャットのセッションの有効期限が切れました。ページを再読み込みしてください。",
      "failed": "申し訳ありません。回答中にエラーが発生しました。もう一度お試しください。",
      "tooLong": "メッセージが長すぎます。{max} 文字以内で入力してください。",
      "stopped": "停止しました。",
      "tooFast": "メッセージの送信が少し速すぎます。{wait}待ってから、もう一度お試しください。",
      "busy": "このアシスタントは現在混み合っています。{wait}待ってから、もう一度お試しください。",
      "budgetTomorrow": "このアシスタントは本日の回答上限に達しました。明日またお越しください。",
      "budgetLater": "このアシスタントは本日の回答上限に達しました。{wait}後にまたお越しください。",
      "aMoment": "しばらく"
    }
  } /* :words */;

  /** data-lang (the owner's choice) or else the visitor's first browser language the table has (de-AT -> de); English otherwise. */
  const lang = [script.dataset.lang, ...(navigator.languages || [navigator.language])]
    .map(tag => String(tag || '').toLowerCase().split(/[-_]/)[0])
    .find(code => Object.hasOwn(words, code)) || 'en';

  /** A sentence in the widget's language, with {name} placeholders filled in. */
  function t(key, values = {}) {
    return words[lang][key].replace(/\{(\w+)\}/g, (placeholder, name) => String(values[name] ?? placeholder));
  }

  const text = {
    notEnabled: t('notEnabled'),
    unknown: t('unknown'),
    offline: t('offline'),
    trouble: t('trouble'),
    expired: t('expired'),
    failed: t('failed'),
    stopped: t('stopped'),
    tooLong: max => t('tooLong', { max: new Intl.NumberFormat(lang).format(max) }),
    tooFast: seconds => t('tooFast', { wait: duration(seconds) }),
    busy: seconds => t('busy', { wait: duration(seconds) }),
    // A wait of several hours, or one not given, is the rest of the day.
    budget: seconds => (seconds > 0 && seconds <= 3 * 3600 ? t('budgetLater', { wait: duration(seconds) }) : t('budgetTomorrow')),
  };

  /** localStorage when the page allows it (private modes and sandboxes may not); memory otherwise. */
  const store = (() => {
    const memory = new Map();
    return {
      get: key => { try { return localStorage.getItem(key); } catch { return memory.get(key) ?? null; } },
      set: (key, value) => { try { localStorage.setItem(key, value); } catch { memory.set(key, value); } },
      remove: key => { try { localStorage.removeItem(key); } catch { memory.delete(key); } },
    };
  })();

  /** A failure the visitor is told about in plain words; kind 'blocked' ends the chat for this page. */
  class Problem extends Error {
    constructor(kind, message) { super(message); this.kind = kind; }
  }

  /** "45 seconds", "12 minutes", "3 hours" in the widget's language (the browser knows each language's plurals). */
  function duration(seconds) {
    if (!(seconds > 0)) return t('aMoment');
    const [amount, unit] = seconds < 90 ? [Math.ceil(seconds), 'second'] : seconds < 90 * 60 ? [Math.ceil(seconds / 60), 'minute'] : [Math.round(seconds / 3600), 'hour'];
    return new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'long' }).format(amount);
  }

  // ---------- DOM helpers: elements and text nodes only ----------

  function el(tag, className, content) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (content !== undefined) node.textContent = content;
    return node;
  }

  /**
   * Text the widget did not write (the owner's, the visitor's, the bot's answers): it takes its direction from its own
   * first letters (Arabic in a left-to-right window) and its language from the host page, not from the widget's words.
   */
  function theirs(node) {
    node.dir = 'auto';
    node.lang = document.documentElement.lang;
    return node;
  }

  function icon(path) {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    const shape = document.createElementNS('http://www.w3.org/2000/svg', 'path');
    shape.setAttribute('d', path);
    svg.appendChild(shape);
    return svg;
  }

  const icons = {
    chat: 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z',
    close: 'M6 6l12 12M18 6L6 18',
    send: 'M3 20l18-8L3 4v6l12 2-12 2z',
    stop: 'M7 7h10v10H7z',
  };

  /** http, https and mailto only, as an absolute URL; anything else stays text. */
  function safeUrl(url) {
    try {
      const parsed = new URL(url);
      return ['http:', 'https:', 'mailto:'].includes(parsed.protocol) ? parsed.href : null;
    } catch {
      return null;
    }
  }

  // ---------- Safe Markdown: bold, italics, code, lists, links; built as DOM nodes, never as HTML ----------

  const inlinePattern = new RegExp([
    /(`+)([\s\S]*?[^`])\1(?!`)/.source, // 1,2: code
    /!\[([^\]]*)\]\([^)]*\)/.source, // 3: image, shown as its alt text and never loaded
    /\[([^\]]+)\]\(\s*<?([^)\s>]+)>?\s*\)/.source, // 4,5: link
    /\*\*(?=\S)([\s\S]*?\S)\*\*/.source, // 6: bold
    /__(?=\S)([\s\S]*?\S)__/.source, // 7: bold (not inside a word, checked below)
    /\*(?=[^\s*])([\s\S]*?[^\s*])\*/.source, // 8: italics
    /_(?=[^\s_])([\s\S]*?[^\s_])_/.source, // 9: italics (not inside a word, checked below)
    /\b((?:https?:\/\/|mailto:)[^\s<>"]*[^\s<>".,;:!?)'\]])/.source, // 10: bare link
    /\[(\d{1,2})\]/.source, // 11: citation marker
  ].join('|'), 'g');

  function inline(source, parent, cite) {
    const pattern = new RegExp(inlinePattern.source, 'g');
    let last = 0;
    for (let m; (m = pattern.exec(source));) {
      if ((m[7] !== undefined || m[9] !== undefined) && (/\w/.test(source[m.index - 1] || '') || /\w/.test(source[pattern.lastIndex] || ''))) {
        // Underscores inside a word (snake_case, __init__) are not emphasis, as in CommonMark.
        pattern.lastIndex = m.index + 1;
        continue;
      }
      if (m.index > last) parent.appendChild(document.createTextNode(source.slice(last, m.index)));
      last = pattern.lastIndex;
      if (m[2] !== undefined) {
        parent.appendChild(el('code', null, m[2]));
      } else if (m[3] !== undefined) {
        parent.appendChild(document.createTextNode(t('image', { alt: m[3] })));
      } else if (m[4] !== undefined) {
        const href = safeUrl(m[5]);
        const target = href ? link(href) : parent.appendChild(el('span'));
        if (href) parent.appendChild(target);
        inline(m[4], target, cite);
      } else if (m[6] !== undefined || m[7] !== undefined) {
        inline(m[6] ?? m[7], parent.appendChild(el('strong')), cite);
      } else if (m[8] !== undefined || m[9] !== undefined) {
        inline(m[8] ?? m[9], parent.appendChild(el('em')), cite);
      } else if (m[10] !== undefined) {
        const href = safeUrl(m[10]);
        parent.appendChild(href ? link(href, m[10]) : document.createTextNode(m[10]));
      } else {
        parent.appendChild(cite(Number(m[11])) || document.createTextNode(m[0]));
      }
    }
    if (last < source.length) parent.appendChild(document.createTextNode(source.slice(last)));
  }

  function link(href, label) {
    const a = el('a', null, label);
    a.href = href;
    a.target = '_blank';
    a.rel = 'noopener noreferrer nofollow';
    return a;
  }

  /** Paragraphs, fenced code, bullet and numbered lists, headings (as bold lines); everything else is text. */
  function markdown(source, cite = () => null) {
    const root = document.createDocumentFragment();
    const lines = String(source).replace(/\r\n?/g, '\n').split('\n');
    let paragraph = [];
    let list = null;
    const flush = () => {
      if (paragraph.length) {
        const p = root.appendChild(el('p'));
        paragraph.forEach((line, i) => {
          if (i) p.appendChild(el('br'));
          inline(line, p, cite);
        });
      }
      paragraph = [];
    };
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      const item = line.match(/^\s{0,3}(?:([-*+])|(\d{1,9})[.)])\s+(.*)$/);
      if (/^\s{0,3}(```|~~~)/.test(line)) {
        flush();
        list = null;
        const fence = line.trim().slice(0, 3);
        const code = [];
        for (i++; i < lines.length && !lines[i].trim().startsWith(fence); i++) code.push(lines[i]);
        root.appendChild(el('pre')).appendChild(el('code', null, code.join('\n')));
      } else if (item) {
        flush();
        const tag = item[1] ? 'ul' : 'ol';
        if (!list || list.tagName.toLowerCase() !== tag) list = root.appendChild(el(tag));
        inline(item[3], list.appendChild(el('li')), cite);
      } else if (!line.trim()) {
        flush();
        list = null;
      } else if (/^\s{0,3}#{1,6}\s/.test(line)) {
        flush();
        list = null;
        inline(line.replace(/^\s*#+\s+/, ''), root.appendChild(el('p')).appendChild(el('strong')), cite);
      } else if (list && /^\s+\S/.test(line)) {
        list.lastChild.appendChild(document.createTextNode(' '));
        inline(line.trim(), list.lastChild, cite);
      } else {
        list = null;
        paragraph.push(line);
      }
    }
    flush();
    return root;
  }

  // ---------- Talking to ChatSphere ----------

  let session = null;

  async function problemOf(response) {
    try { return await response.json(); } catch { return {}; }
  }

  function retryAfter(response, body) {
    const header = Number(response.headers.get('Retry-After'));
    return header > 0 ? header : Number(body.retryAfter ?? body.retryAfterSeconds) || 0;
  }

  /** Turns a refused response into what the visitor is told. */
  async function refusal(response) {
    const body = await problemOf(response);
    if (response.status === 403) return new Problem('blocked', text.notEnabled);
    if (response.status === 404) return new Problem('blocked', text.unknown);
    if (response.status === 429) {
      const seconds = retryAfter(response, body);
      // The owner's account quota: a minute's limit is a short wait, a day's is the day's budget.
      if (body.code === 'quota_exceeded') return new Problem('limited', body.quota === 'messagesPerMinute' ? text.busy(seconds) : text.budget(seconds));
      return new Problem('limited', body.code === 'budget_exhausted' ? text.budget(seconds) : text.tooFast(seconds));
    }
    if (response.status === 400) {
      // The server's sentence is English; the widget says it in the visitor's language, by the field it names.
      const max = session?.bot?.maxMessageLength;
      return new Problem('invalid', body.errors?.message && max > 0 ? text.tooLong(max) : text.failed);
    }
    if (response.status === 401) return new Problem('expired', text.expired);
    return new Problem('trouble', text.trouble);
  }

  async function request(url, init, minting = false) {
    try {
      return await fetch(url, init);
    } catch (error) {
      if (error.name === 'AbortError') throw error;
      // A refusal for a site not on the list carries no CORS headers, so the page cannot read it and fetch fails
      // as if offline. If ChatSphere answers a request the page does not read, it was that refusal.
      const reachable = await fetch(`${origin}/widget.js`, { mode: 'no-cors', credentials: 'omit' }).then(() => true, () => false);
      if (!reachable) throw new Problem('network', text.offline);
      throw new Problem(minting ? 'blocked' : 'refused', text.notEnabled);
    }
  }

  /** A widget route on ChatSphere; the bot's key in the query lets the server answer the CORS preflight for it. */
  function route(path) {
    return `${origin}${path}?botKey=${encodeURIComponent(botKey)}`;
  }

  async function mintSession() {
    const visitorId = store.get(visitorKey);
    const response = sessionUrl
      ? await request(sessionUrl, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', RequestVerificationToken: script.dataset.antiforgery || '' },
        body: JSON.stringify({ visitorId }),
      }, true)
      : await request(route('/api/v1/widget/sessions'), {
        method: 'POST',
        credentials: 'omit',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(visitorId ? { botKey, visitorId } : { botKey }),
      }, true);
    if (!response.ok) throw await refusal(response);
    session = await response.json();
    if (session.visitorId) store.set(visitorKey, session.visitorId);
    return session;
  }

  /** A call with the session's bearer token; an expired token is replaced once and the call made again. */
  async function api(path, init = {}) {
    for (let attempt = 0; ; attempt++) {
      if (!session || Date.parse(session.expiresAt) - Date.now() < 15_000) await mintSession();
      const response = await request(route(path), {
        ...init,
        credentials: 'omit',
        headers: { ...init.headers, Authorization: `Bearer ${session.token}` },
      });
      if (response.status !== 401 || attempt > 0) return response;
      session = null;
    }
  }

  /** Reads server-sent events from a fetch response, calling on(type, data) for each. */
  async function readEvents(response, on) {
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      buffer += decoder.decode(value || new Uint8Array(), { stream: !done });
      buffer = buffer.replace(/\r\n?/g, '\n');
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let type = 'message';
        const data = [];
        for (const line of block.split('\n')) {
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          const fieldValue = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'event') type = fieldValue;
          else if (field === 'data') data.push(fieldValue);
        }
        if (data.length) on(type, JSON.parse(data.join('\n')));
      }
      if (done) return;
    }
  }

  // ---------- The widget ----------

  const css = `
:host { all: initial !important; display: block !important; position: static !important; }
* , *::before, *::after { box-sizing: border-box; }
.root { --accent: #2563eb; --on-accent: #fff; font: 15px/1.45 sans-serif; color: #1f2937;
  --han: "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC"; }
/* System fonts only, none downloaded: Latin first, then each script's usual system font. Han characters take the glyphs
   of the element's language (Japanese, Traditional Chinese, Korean), so every element with its own lang sets the stack. */
.root, .root [lang] { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, var(--han),
  "Noto Sans Devanagari", "Nirmala UI", "Kohinoor Devanagari", "Noto Sans Arabic", "Segoe UI Arabic", "Geeza Pro", "Noto Sans Hebrew",
  "Noto Sans Thai", "Leelawadee UI", sans-serif, "Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji"; }
:lang(ja) { --han: "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Yu Gothic", "Meiryo", "Noto Sans CJK JP", "Source Han Sans JP"; }
:lang(zh-TW), :lang(zh-HK), :lang(zh-Hant) { --han: "PingFang TC", "Microsoft JhengHei", "Noto Sans CJK TC", "Source Han Sans TC"; }
:lang(ko) { --han: "Apple SD Gothic Neo", "Malgun Gothic", "Noto Sans CJK KR", "Source Han Sans KR"; }
button, textarea { font: inherit; color: inherit; }
svg { width: 22px; height: 22px; fill: none; stroke: currentColor; stroke-width: 2; stroke-linecap: round; stroke-linejoin: round; }
.launcher { position: fixed; bottom: 20px; right: 20px; z-index: 2147483000; width: 56px; height: 56px; border: 0; border-radius: 50%;
  background: var(--accent); color: var(--on-accent); cursor: pointer; display: flex; align-items: center; justify-content: center;
  box-shadow: 0 6px 20px rgba(0,0,0,.25); padding: 0; overflow: hidden; }
.launcher img { width: 100%; height: 100%; object-fit: cover; }
.launcher svg { width: 26px; height: 26px; }
.left .launcher { right: auto; left: 20px; }
.window { position: fixed; bottom: 88px; right: 20px; z-index: 2147483001; width: 370px; height: 580px; max-height: calc(100vh - 110px);
  display: flex; flex-direction: column; background: #fff; border-radius: 14px; overflow: hidden; box-shadow: 0 12px 40px rgba(0,0,0,.28); }
.window[hidden] { display: none; }
.left .window { right: auto; left: 20px; }
.inline .launcher, .inline .window { position: absolute; }
.inline .window { top: 12px; height: auto; max-height: none; }
header { display: flex; align-items: center; gap: 10px; padding: 12px 14px; background: var(--accent); color: var(--on-accent); }
header img { width: 32px; height: 32px; border-radius: 50%; object-fit: cover; background: #fff; flex: none; }
.title { flex: 1; min-width: 0; font-weight: 600; font-size: 16px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; margin: 0; }
.badge { font-size: 11px; padding: 2px 7px; border-radius: 9px; background: rgba(255,255,255,.25); white-space: nowrap; }
.close { border: 0; background: transparent; color: inherit; cursor: pointer; padding: 4px; display: flex; border-radius: 6px; }
.log { flex: 1; overflow-y: auto; padding: 14px; display: flex; flex-direction: column; gap: 10px; background: #f8fafc; }
.msg { max-width: 88%; display: flex; flex-direction: column; gap: 6px; }
.msg.user { align-self: flex-end; }
.bubble { padding: 8px 12px; border-radius: 12px; background: #fff; border: 1px solid #e5e7eb; overflow-wrap: anywhere; }
.user .bubble { background: var(--accent); color: var(--on-accent); border-color: transparent; white-space: pre-wrap; }
.streaming .bubble { white-space: pre-wrap; }
.streaming .bubble::after { content: "\\258D"; opacity: .5; }
.bubble p { margin: 0 0 8px; } .bubble p:last-child { margin-bottom: 0; }
/* The bubble's direction comes from its first letters (dir=auto); each paragraph then runs in its own text's direction,
   so an Arabic answer may quote a Chinese line. A dir on the paragraphs would hide their letters from the bubble's dir=auto. */
.bubble p, .bubble li { unicode-bidi: plaintext; }
.bubble ul, .bubble ol { margin: 0 0 8px; padding-inline-start: 20px; }
.bubble code { font: 13px ui-monospace, SFMono-Regular, Menlo, monospace; background: #f1f5f9; padding: 1px 4px; border-radius: 4px; }
.bubble pre { margin: 0 0 8px; padding: 8px; background: #f1f5f9; border-radius: 6px; overflow-x: auto; }
.bubble pre code { padding: 0; }
.bubble a { color: var(--accent); text-decoration: underline; }
.marker { border: 0; background: none; color: var(--accent); cursor: pointer; padding: 0 1px; font-size: 12px; vertical-align: super; line-height: 1; }
.notice .bubble { background: #fff7ed; border-color: #fed7aa; color: #7c2d12; }
.cites { display: flex; flex-wrap: wrap; gap: 6px; }
.chip { border: 1px solid #cbd5e1; background: #fff; border-radius: 14px; padding: 3px 10px; font-size: 13px; cursor: pointer; max-width: 100%;
  overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.chip[aria-expanded="true"] { border-color: var(--accent); color: var(--accent); }
.snippet { flex-basis: 100%; font-size: 13px; color: #475569; border-inline-start: 3px solid var(--accent); padding: 4px 8px; background: #fff;
  white-space: pre-wrap; overflow-wrap: anywhere; }
.snippet[hidden] { display: none; }
.suggestions { display: flex; flex-wrap: wrap; gap: 6px; }
.suggestion { border: 1px solid var(--accent); color: var(--accent); background: #fff; border-radius: 16px; padding: 5px 12px; cursor: pointer; text-align: start;
  overflow-wrap: anywhere; }
.state { margin: auto; text-align: center; color: #475569; padding: 20px; overflow-wrap: anywhere; }
.state .retry { display: block; margin: 12px auto 0; }
form { display: flex; gap: 8px; padding: 10px; border-top: 1px solid #e5e7eb; background: #fff; align-items: flex-end; }
form[hidden] { display: none; }
textarea { flex: 1; resize: none; border: 1px solid #cbd5e1; border-radius: 10px; padding: 8px 10px; min-height: 40px; max-height: 120px;
  background: #fff; line-height: 1.4; }
.send { flex: none; width: 40px; height: 40px; border: 0; border-radius: 10px; background: var(--accent); color: var(--on-accent);
  cursor: pointer; display: flex; align-items: center; justify-content: center; padding: 0; }
.send:disabled { opacity: .5; cursor: default; }
button:focus-visible, textarea:focus-visible, a:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
header button:focus-visible { outline-color: var(--on-accent); }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media (max-width: 480px) {
  .window, .left .window { inset: 0; width: 100%; height: 100%; max-height: none; border-radius: 0; }
  .open .launcher { display: none; }
}
@media (prefers-reduced-motion: no-preference) { .window { animation: rise .16s ease-out; } }
@keyframes rise { from { opacity: 0; transform: translateY(8px); } }
`;

  function mount() {
    const host = document.createElement('div');
    host.id = `chatsphere-widget-${botKey}`;
    const target = script.dataset.target ? document.querySelector(script.dataset.target) : null;
    (target || document.body).appendChild(host);
    const shadow = host.attachShadow({ mode: 'open' });
    // A constructed sheet is not subject to the host page's CSP style-src; an inline <style> would be.
    if ('adoptedStyleSheets' in shadow && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      shadow.adoptedStyleSheets = [sheet];
    } else {
      shadow.appendChild(el('style', null, css));
    }

    const root = shadow.appendChild(el('div', target ? 'root inline' : 'root'));
    // The widget's own words are in its language, all written left to right, whatever the host page's direction.
    root.lang = lang;
    root.dir = 'ltr';
    const uid = `cs-${botKey}`;

    const launcher = root.appendChild(el('button', 'launcher'));
    launcher.type = 'button';
    launcher.setAttribute('aria-label', t('openChat'));
    launcher.setAttribute('aria-expanded', 'false');
    launcher.setAttribute('aria-controls', `${uid}-window`);
    launcher.appendChild(icon(icons.chat));

    const win = root.appendChild(el('div', 'window'));
    win.id = `${uid}-window`;
    win.hidden = true;
    win.setAttribute('role', 'dialog');
    win.setAttribute('aria-labelledby', `${uid}-title`);

    const header = win.appendChild(el('header'));
    const avatar = header.appendChild(el('img'));
    avatar.alt = '';
    avatar.hidden = true;
    const title = theirs(header.appendChild(el('h2', 'title', t('title'))));
    title.id = `${uid}-title`;
    const badge = header.appendChild(el('span', 'badge', t('offlineBadge')));
    badge.title = t('offlineBadgeHint');
    badge.hidden = true;
    const close = header.appendChild(el('button', 'close'));
    close.type = 'button';
    close.setAttribute('aria-label', t('closeChat'));
    close.appendChild(icon(icons.close));

    const log = win.appendChild(el('div', 'log'));
    log.setAttribute('role', 'log');
    log.setAttribute('aria-live', 'polite');

    const form = win.appendChild(el('form'));
    form.hidden = true;
    const label = form.appendChild(el('label', 'sr-only', t('messageLabel')));
    label.htmlFor = `${uid}-input`;
    const input = form.appendChild(el('textarea'));
    input.id = `${uid}-input`;
    input.rows = 1;
    input.placeholder = t('placeholder');
    input.dir = 'auto';
    input.setAttribute('enterkeyhint', 'send');
    const send = form.appendChild(el('button', 'send'));
    send.type = 'submit';
    send.setAttribute('aria-label', t('send'));
    send.appendChild(icon(icons.send));

    return { host, root, launcher, win, avatar, title, badge, close, log, form, input, send };
  }

  function start() {
    const ui = mount();
    let conversationId = store.get(conversationKey);
    let controller = null;
    let restored = false;
    let blocked = false;
    let ready = mintSession().then(render, fail);

    function render(s) {
      const bot = s.bot || {};
      const theme = bot.theme || {};
      const color = /^#[0-9a-f]{6}$/i.test(theme.color || '') ? theme.color : '#2563eb';
      ui.root.style.setProperty('--accent', color);
      ui.root.style.setProperty('--on-accent', readableOn(color));
      ui.root.classList.toggle('left', theme.position === 'bottom-left');
      const name = theme.title || bot.name || t('title');
      ui.title.textContent = name;
      ui.launcher.setAttribute('aria-label', t('openChatNamed', { name }));
      ui.badge.hidden = !bot.offline;
      if (bot.maxMessageLength > 0) ui.input.maxLength = bot.maxMessageLength;
      const avatarUrl = theme.avatarUrl ? safeUrl(new URL(theme.avatarUrl, origin).href) : null;
      if (avatarUrl && /^https?:/.test(avatarUrl)) {
        ui.avatar.src = avatarUrl;
        ui.avatar.hidden = false;
        const launcherAvatar = el('img');
        launcherAvatar.alt = '';
        launcherAvatar.src = avatarUrl;
        ui.launcher.replaceChildren(launcherAvatar);
      }
      ui.log.replaceChildren();
      if (bot.welcomeMessage) message('assistant', bot.welcomeMessage).classList.add('welcome');
      suggestions(bot.suggestedQuestions || []);
      ui.form.hidden = false;
      if (script.dataset.open === 'true') open(false);
      else if (!ui.win.hidden) restore();
    }

    function fail(error) {
      if (!(error instanceof Problem)) throw error;
      blocked = error.kind === 'blocked';
      ui.log.replaceChildren(el('p', 'state'));
      ui.log.firstChild.appendChild(el('span', null, error.message));
      ui.log.firstChild.setAttribute('role', 'status');
      ui.form.hidden = true;
      if (blocked) {
        console.warn(`ChatSphere: ${error.message} Add ${location.origin} to the bot's allowed sites.`);
        return;
      }
      const again = ui.log.firstChild.appendChild(el('button', 'suggestion retry', t('tryAgain')));
      again.type = 'button';
      again.addEventListener('click', () => {
        session = null;
        ready = mintSession().then(render, fail);
      });
    }

    /** White or near-black text, whichever reads better on the accent colour. */
    function readableOn(hex) {
      const [r, g, b] = [1, 3, 5].map(i => parseInt(hex.slice(i, i + 2), 16) / 255)
        .map(c => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.4 ? '#111827' : '#ffffff';
    }

    function scroll() {
      ui.log.scrollTop = ui.log.scrollHeight;
    }

    function message(role, content, citations) {
      const wrap = ui.log.appendChild(el('div', `msg ${role}`));
      const bubble = wrap.appendChild(el('div', 'bubble'));
      if (role !== 'notice') theirs(bubble);
      if (role === 'user') bubble.textContent = content;
      else fill(wrap, content, citations || []);
      scroll();
      return wrap;
    }

    function notice(content) {
      const wrap = message('notice', '');
      wrap.firstChild.textContent = content;
      wrap.setAttribute('role', 'status');
      return wrap;
    }

    /** The answer as safe Markdown with [n] markers, then one chip per citation that opens its snippet. */
    function fill(wrap, content, citations) {
      const bubble = wrap.querySelector('.bubble');
      const chips = [];
      const cite = n => {
        if (!(n >= 1 && n <= citations.length)) return null;
        const marker = el('button', 'marker', `[${n}]`);
        marker.type = 'button';
        marker.setAttribute('aria-label', t('source', { n, name: citations[n - 1].documentName }));
        marker.addEventListener('click', () => { chips[n - 1].click(); chips[n - 1].focus(); });
        return marker;
      };
      bubble.replaceChildren(markdown(content, cite));
      wrap.querySelector('.cites')?.remove();
      if (!citations.length) return;
      const bar = wrap.appendChild(el('div', 'cites'));
      citations.forEach((c, i) => {
        const chip = theirs(bar.appendChild(el('button', 'chip', `[${i + 1}] ${c.documentName}`)));
        chip.type = 'button';
        chip.title = c.documentName;
        chip.setAttribute('aria-expanded', 'false');
        const snippet = theirs(el('div', 'snippet', c.snippet));
        snippet.id = `${ui.win.id}-snippet-${Math.random().toString(36).slice(2)}`;
        snippet.hidden = true;
        chip.setAttribute('aria-controls', snippet.id);
        chip.addEventListener('click', () => {
          snippet.hidden = !snippet.hidden;
          chip.setAttribute('aria-expanded', String(!snippet.hidden));
        });
        chips.push(chip);
        bar.appendChild(chip);
        bar.appendChild(snippet);
      });
    }

    function suggestions(questions) {
      ui.log.querySelector('.suggestions')?.remove();
      if (!questions.length) return;
      const bar = ui.log.appendChild(el('div', 'suggestions'));
      for (const question of questions) {
        const button = theirs(bar.appendChild(el('button', 'suggestion', question)));
        button.type = 'button';
        button.addEventListener('click', () => ask(question));
      }
    }

    /** A returning visitor's conversation, shown again when the window first opens. */
    async function restore() {
      if (restored || !conversationId) return;
      restored = true;
      // After the first render, which replaces the log's content.
      await ready;
      if (blocked || !session) {
        restored = false;
        return;
      }
      try {
        const response = await api(`/api/v1/widget/conversations/${encodeURIComponent(conversationId)}`, { headers: { Accept: 'application/json' } });
        if (response.status === 404) {
          store.remove(conversationKey);
          conversationId = null;
          return;
        }
        if (!response.ok) throw await refusal(response);
        const conversation = await response.json();
        if (conversation.messages?.length) ui.log.querySelector('.suggestions')?.remove();
        for (const m of conversation.messages || []) {
          message(m.role === 'user' ? 'user' : 'assistant', m.content || '', m.citations);
        }
      } catch (error) {
        restored = false;
        if (!(error instanceof Problem)) throw error;
        notice(error.message);
      }
    }

    async function ask(question) {
      question = question.trim();
      if (!question || controller || blocked) return;
      await ready;
      if (!session) return;
      ui.log.querySelector('.suggestions')?.remove();
      message('user', question);
      const answer = ui.log.appendChild(el('div', 'msg assistant streaming'));
      const bubble = theirs(answer.appendChild(el('div', 'bubble')));
      answer.setAttribute('aria-busy', 'true');
      controller = new AbortController();
      busy(true);
      let finished = false;
      try {
        let response = await chat(question);
        if (response.status === 404 && conversationId) {
          // The stored conversation is gone (deleted by the owner): start a new one.
          store.remove(conversationKey);
          conversationId = null;
          response = await chat(question);
        }
        if (!response.ok || !response.body) throw await refusal(response);
        await readEvents(response, (type, data) => {
          if (type === 'delta') {
            bubble.textContent += data.text || '';
          } else if (type === 'done') {
            finished = true;
            conversationId = data.conversationId;
            store.set(conversationKey, conversationId);
            answer.classList.remove('streaming');
            fill(answer, data.reply || '', data.citations || []);
          } else if (type === 'error') {
            finished = true;
            answer.remove();
            notice(text.failed);
          }
          scroll();
        });
        if (!finished) throw new Problem('trouble', text.trouble);
      } catch (error) {
        if (!finished) answer.remove();
        if (error.name === 'AbortError') notice(text.stopped);
        else if (error instanceof Problem) notice(error.message);
        else { notice(text.failed); console.error('ChatSphere:', error); }
        if (error.kind === 'blocked') {
          blocked = true;
          ui.form.hidden = true;
        }
      } finally {
        answer.classList.remove('streaming');
        answer.removeAttribute('aria-busy');
        controller = null;
        busy(false);
        scroll();
      }
    }

    function chat(question) {
      return api('/api/v1/widget/chat', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' },
        body: JSON.stringify(conversationId ? { message: question, conversationId } : { message: question }),
        signal: controller.signal,
      });
    }

    /** While an answer streams, the send button stops it instead. */
    function busy(on) {
      ui.send.replaceChildren(icon(on ? icons.stop : icons.send));
      ui.send.setAttribute('aria-label', on ? t('stop') : t('send'));
      ui.send.classList.toggle('stop', on);
    }

    function open(focus = true) {
      ui.win.hidden = false;
      ui.root.classList.add('open');
      ui.launcher.setAttribute('aria-expanded', 'true');
      restore();
      scroll();
      if (focus) (ui.form.hidden ? ui.close : ui.input).focus();
    }

    function close() {
      ui.win.hidden = true;
      ui.root.classList.remove('open');
      ui.launcher.setAttribute('aria-expanded', 'false');
      ui.launcher.focus();
    }

    ui.launcher.addEventListener('click', () => (ui.win.hidden ? open() : close()));
    ui.close.addEventListener('click', close);
    ui.win.addEventListener('keydown', e => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        close();
      }
    });
    ui.input.addEventListener('keydown', e => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        ui.form.requestSubmit ? ui.form.requestSubmit() : ui.form.dispatchEvent(new Event('submit', { cancelable: true }));
      }
    });
    ui.input.addEventListener('input', () => {
      ui.input.style.height = 'auto';
      ui.input.style.height = `${Math.min(ui.input.scrollHeight, 120)}px`;
    });
    ui.form.addEventListener('submit', e => {
      e.preventDefault();
      if (controller) {
        controller.abort();
        return;
      }
      const question = ui.input.value;
      if (!question.trim()) return;
      ui.input.value = '';
      ui.input.style.height = 'auto';
      ask(question);
    });
  }

  if (document.body) start();
  else document.addEventListener('DOMContentLoaded', start, { once: true });
})();
