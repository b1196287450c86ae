// Copy buttons: <button data-copy="SELECTOR"> copies the value (inputs) or the text (anything else) of that element.
document.addEventListener('click', async event => {
    const button = event.target.closest('[data-copy]');
    if (!button) {
        return;
    }

    const source = document.querySelector(button.dataset.copy);
    const text = 'value' in source ? source.value : source.textContent;
    try {
        await navigator.clipboard.writeText(text);
        button.textContent = 'Copied';
    } catch {
        // No clipboard API outside secure contexts (plain http on another host): select it for Ctrl+C.
        if ('select' in source) {
            source.select();
        } else {
            getSelection().selectAllChildren(source);
        }
        button.textContent = 'Press Ctrl+C';
    }
});
