// The owner's chat page: posts the question, reads the server-sent events, shows deltas as plain text and the
// final answer as the server's sanitised HTML, with citation chips. Stop aborts the request (and the model call).
(() => {
    const chat = document.getElementById('chat');
    const form = document.getElementById('chat-form');
    const input = document.getElementById('chat-input');
    const send = document.getElementById('send');
    const stop = document.getElementById('stop');
    let conversationId = null;
    let controller = null;

    function bubble(role, text) {
        const div = document.createElement('div');
        div.className = `chat-message ${role}`;
        div.dir = 'auto';
        div.textContent = text;
        chat.appendChild(div);
        chat.scrollTop = chat.scrollHeight;
        return div;
    }

    function citations(target, list) {
        if (!list.length) return;
        const bar = document.createElement('div');
        bar.className = 'citations mt-2';
        list.forEach((c, i) => {
            const chip = document.createElement('button');
            chip.type = 'button';
            chip.className = 'btn btn-sm btn-outline-primary me-1 mb-1 citation-chip';
            chip.dir = 'auto';
            chip.textContent = `[${i + 1}] ${c.documentName}`;
            const detail = document.createElement('div');
            detail.className = 'citation-snippet small border-start ps-2 my-1 d-none';
            const quote = document.createElement('div');
            quote.textContent = c.snippet;
            quote.dir = 'auto';
            const link = document.createElement('a');
            link.href = `${chat.dataset.chunkUrl}${c.documentId}#chunk-${c.chunkId}`;
            link.textContent = 'Open the document';
            detail.append(quote, link);
            chip.addEventListener('click', () => detail.classList.toggle('d-none'));
            bar.append(chip, detail);
        });
        target.appendChild(bar);
    }

    function actions(answer, messageId) {
        const bar = document.createElement('div');
        bar.className = 'answer-actions mt-1';
        const token = form.querySelector('input[name=__RequestVerificationToken]').value;
        for (const [value, label] of [['Up', '👍'], ['Down', '👎']]) {
            const button = document.createElement('button');
            button.type = 'button';
            button.className = `btn btn-sm btn-outline-secondary me-1 feedback-${value.toLowerCase()}`;
            button.textContent = label;
            button.setAttribute('aria-label', value === 'Up' ? 'Good answer' : 'Bad answer');
            button.addEventListener('click', async () => {
                const body = new FormData();
                body.set('__RequestVerificationToken', token);
                body.set('messageId', messageId);
                body.set('value', value);
                const response = await fetch(chat.dataset.feedbackUrl, { method: 'POST', body });
                if (response.ok) bar.querySelectorAll('[class*=feedback-]').forEach(b => b.classList.toggle('active', b === button));
            });
            bar.appendChild(button);
        }
        const again = document.createElement('button');
        again.type = 'button';
        again.className = 'btn btn-sm btn-outline-secondary regenerate';
        again.textContent = 'Regenerate';
        again.addEventListener('click', () => { if (!controller) { answer.remove(); ask(null); } });
        bar.appendChild(again);
        answer.appendChild(bar);
    }

    // A refusal's sentence: problem details carry it in "detail".
    async function problemText(response) {
        const text = await response.text();
        try { return JSON.parse(text).detail || text; } catch { return text || `HTTP ${response.status}`; }
    }

    async function ask(message) {
        chat.querySelectorAll('.answer-actions .regenerate').forEach(b => b.remove());
        if (message !== null) bubble('user', message);
        const answer = bubble('assistant', '');
        answer.classList.add('streaming');
        const body = new FormData(form);
        if (message === null) body.set('regenerate', 'true'); else body.set('message', message);
        if (conversationId) body.set('conversationId', conversationId);
        controller = new AbortController();
        send.disabled = true;
        stop.classList.remove('d-none');
        try {
            const response = await fetch(chat.dataset.askUrl, { method: 'POST', body, signal: controller.signal });
            if (!response.ok) {
                // A quota (429) is said in the server's plain words; anything else could not be loaded.
                throw Object.assign(new Error(await problemText(response)), { plain: response.status === 429 });
            }
            const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
            let buffer = '';
            for (;;) {
                const { value, done } = await reader.read();
                if (done) break;
                buffer += value;
                let end;
                while ((end = buffer.indexOf('\n\n')) >= 0) {
                    const block = buffer.slice(0, end);
                    buffer = buffer.slice(end + 2);
                    const type = (block.match(/^event: (.*)$/m) || [])[1];
                    const data = JSON.parse((block.match(/^data: (.*)$/m) || [])[1] || 'null');
                    if (type === 'delta') {
                        answer.textContent += data.text;
                    } else if (type === 'done') {
                        conversationId = data.done.conversationId;
                        answer.innerHTML = data.html; // rendered server-side: no raw HTML, safe links only, no images
                        citations(answer, data.done.citations);
                        actions(answer, data.done.messageId);
                    } else if (type === 'error') {
                        const error = bubble('error', data.detail);
                        error.classList.add('text-danger');
                    }
                    chat.scrollTop = chat.scrollHeight;
                }
            }
        } catch (e) {
            if (e.name === 'AbortError') {
                bubble('note', 'Stopped.').classList.add('text-muted');
            } else {
                if (e.plain) answer.remove();
                bubble('error', e.plain ? e.message : `The answer could not be loaded: ${e.message}`).classList.add('text-danger');
            }
        } finally {
            answer.classList.remove('streaming');
            send.disabled = false;
            stop.classList.add('d-none');
            controller = null;
        }
    }

    form.addEventListener('submit', e => {
        e.preventDefault();
        const message = input.value.trim();
        if (!message || controller) return;
        input.value = '';
        ask(message);
    });
    stop.addEventListener('click', () => controller?.abort());
    document.querySelectorAll('.suggestion').forEach(b => b.addEventListener('click', () => { if (!controller) ask(b.textContent); }));
})();
