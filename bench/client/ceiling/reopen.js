// The machine's ceiling for a finished run's reopen (bench:client, `runs`): see `ceilingReopens`.
const open = indexedDB.open('quiet-score');
open.onsuccess = () => {
  const read = open.result.transaction('last-status').objectStore('last-status').getAll();
  read.onsuccess = () => {
    const statuses = read.result.map((kept) => kept.status);
    const results = statuses.flatMap((status) => status.results ?? []);
    const cells = (row, texts) => {
      for (const text of texts) row.insertCell().textContent = String(text);
    };
    const sessions = document.createElement('table');
    for (const [i, s] of statuses.entries())
      cells(sessions.insertRow(), [
        `session ${i}`,
        s.status,
        s.progress?.processed,
        s.progress?.total,
        s.progress?.failed,
        'Open',
      ]);
    const table = document.createElement('table');
    for (const r of results.slice(0, 30))
      cells(table.insertRow(), [
        r.listing_id,
        r.status,
        r.quiet_score ?? '',
        r.lat,
        r.lng,
        r.analyzed_at ?? '',
        r.error ?? '',
      ]);
    const grid = document.createElement('div');
    for (let i = 0; i < 145; i++) {
      const p = grid.appendChild(document.createElement('p'));
      p.appendChild(document.createElement('span')).textContent = 'card ' + i;
    }
    const size = new URLSearchParams(location.search);
    const canvas = Object.assign(document.createElement('canvas'), {
      width: Number(size.get('width')),
      height: Number(size.get('height')),
    });
    document.body.append(sessions, grid, canvas, table);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#4575b4';
    for (const r of results.slice(0, 1010)) {
      ctx.beginPath();
      ctx.arc(
        ((r.lng + 180) / 360) * canvas.width,
        ((90 - r.lat) / 180) * canvas.height,
        6,
        0,
        Math.PI * 2,
      );
      ctx.fill();
      ctx.stroke();
    }
    requestAnimationFrame(() => {
      window.__qsCeilingShownAt = performance.now();
    });
  };
};
