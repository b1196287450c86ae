// Keeps the documents table live while ingestion runs: polls the page's Status handler and updates rows in place.
(() => {
    const table = document.getElementById('documents');
    if (!table) return;
    const badges = { ready: 'success', failed: 'danger', queued: 'secondary' };
    const pending = () => table.querySelectorAll('tr[data-final="false"]').length > 0;
    // The server's figure, set here rather than in a style attribute (the page's CSP allows no inline styles).
    for (const bar of table.querySelectorAll('.progress-bar[data-percent]')) {
        bar.style.width = `${bar.dataset.percent}%`;
    }

    async function poll() {
        const response = await fetch(`${location.pathname}?handler=Status`, { headers: { Accept: 'application/json' } });
        if (!response.ok) return;
        for (const d of await response.json()) {
            const row = table.querySelector(`tr[data-document-id="${d.id}"]`);
            if (!row) { location.reload(); return; }
            const badge = row.querySelector('.doc-stage');
            badge.textContent = d.stage;
            badge.className = `badge doc-stage text-bg-${badges[d.stage] ?? 'info'}`;
            const embedding = d.stage === 'embedding';
            row.querySelector('.doc-progress').classList.toggle('d-none', !embedding);
            row.querySelector('.progress-bar').style.width = `${d.chunkCount ? Math.round(100 * d.chunksEmbedded / d.chunkCount) : 0}%`;
            row.querySelector('.doc-chunks').textContent = embedding ? `${d.chunksEmbedded} / ${d.chunkCount}` : d.chunkCount;
            row.querySelector('.doc-error').textContent = d.error ?? '';
            const final = d.stage === 'ready' || d.stage === 'failed';
            if (final && row.dataset.final === 'false') {
                row.querySelector('.doc-reindex').textContent = d.stage === 'failed' ? 'Retry' : 'Re-index';
            }
            row.dataset.final = String(final);
        }
    }

    async function loop() {
        while (pending()) {
            await new Promise(resolve => setTimeout(resolve, 1500));
            try { await poll(); } catch { /* a missed poll is retried on the next tick */ }
        }
    }
    loop();
})();
