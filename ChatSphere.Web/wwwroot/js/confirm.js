// Forms with data-confirm="Question?" ask before they submit (the pages' CSP allows no onsubmit attributes).
document.addEventListener('submit', event => {
    const question = event.target.dataset?.confirm;
    if (question && !confirm(question)) {
        event.preventDefault();
    }
});
