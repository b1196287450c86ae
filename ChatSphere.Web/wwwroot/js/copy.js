// Copy buttons: <button data-copy="ID"> copies the value of the input with that id.
document.addEventListener('click', async event => {
    const button = event.target.closest('[data-copy]');
    if (!button) {
        return;
    }

    const input = document.getElementById(button.dataset.copy);
    try {
        await navigator.clipboard.writeText(input.value);
    } catch {
        // No clipboard API outside secure contexts (plain http on another host): select it for Ctrl+C.
        input.select();
        document.execCommand('copy');
    }
    button.textContent = 'Copied';
});
