// The terminal table and the SVG chart (hand-written SVG: no dependency).
import { cpus } from 'node:os';

/** What every results file says first: when, on what, and how busy the machine was. */
export function runInfo(busyAtStart, loadAtStart) {
  const cpu = cpus();
  return { when: new Date().toISOString(), node: process.version, cpu: cpu[0]?.model, cores: cpu.length, busyAtStart, loadAtStart };
}

/** `1234.5` ns as "1.23 µs" etc. */
export function formatNs(ns) {
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(2)} ms`;
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(2)} µs`;
  return `${ns.toFixed(0)} ns`;
}

const pad = (text, width, right = false) => (right ? String(text).padStart(width) : String(text).padEnd(width));

/** A plain text table: `rows` are arrays of cells, the first `left` columns left-aligned. */
export function table(header, rows, left = 1) {
  const widths = header.map((h, i) => Math.max(String(h).length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => pad(c, widths[i], i >= left)).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const escape = (text) => String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * One panel per corpus entry, one horizontal bar per contestant, each panel on its own linear
 * scale (the entries differ by two orders of magnitude), the median written at the bar's end.
 */
export function chart(results, contestants, entries, title) {
  const colors = {
    validateCredit: '#1f6feb',
    validateCreditJson: '#58a6ff',
    zod: '#8250df',
    valibot: '#bf8700',
    ajv: '#cf222e',
    floor: '#6e7781',
  };
  const width = 760;
  const labelWidth = 210;
  const barMax = width - labelWidth - 110;
  const barHeight = 18;
  const gap = 6;
  const panelHeight = 34 + contestants.length * (barHeight + gap);
  const height = 60 + entries.length * panelHeight + 20;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="16" y="26" font-size="16" font-weight="600">${escape(title)}</text>`,
    `<text x="16" y="44" fill="#57606a">Median time per call, shorter is faster; each panel has its own scale.</text>`,
  ];
  entries.forEach((entry, e) => {
    const top = 60 + e * panelHeight;
    const row = results[entry.key];
    const max = Math.max(...contestants.map((c) => row[c.key].medianNs));
    parts.push(`<text x="16" y="${top + 18}" font-weight="600">${escape(entry.label)}</text>`);
    contestants.forEach((c, i) => {
      const y = top + 28 + i * (barHeight + gap);
      const ns = row[c.key].medianNs;
      const length = Math.max(1, (ns / max) * barMax);
      parts.push(
        `<text x="${labelWidth - 8}" y="${y + 13}" text-anchor="end">${escape(c.label)}</text>`,
        `<rect x="${labelWidth}" y="${y}" width="${length.toFixed(1)}" height="${barHeight}" rx="2" fill="${colors[c.key] ?? '#6e7781'}"/>`,
        `<text x="${(labelWidth + length + 6).toFixed(1)}" y="${y + 13}">${escape(formatNs(ns))}</text>`,
      );
    });
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
