// Charts drawn as inline SVG (no library, no CDN): horizontal bars and small weekly line charts.
import { esc, formatNumber } from './html';

export interface Bar {
  label: string;
  value: number;
  href?: string;
}

/** Horizontal bars, longest = largest absolute value; negative values in red, positive in green. */
export function barChart(id: string, bars: readonly Bar[], format: (n: number) => string = (n) => formatNumber(n)): string {
  const width = 520;
  const labelW = 170;
  const rowH = 20;
  const max = Math.max(1e-9, ...bars.map((b) => Math.abs(b.value)));
  const h = Math.max(rowH, bars.length * rowH + 4);
  const rows = bars
    .map((b, i) => {
      const w = Math.round((Math.abs(b.value) / max) * (width - labelW - 90));
      const y = i * rowH + 2;
      const color = b.value < 0 ? '#c0504d' : '#4f8f4f';
      const label = `<text x="${labelW - 6}" y="${y + 14}" text-anchor="end" font-size="12">${esc(b.label.slice(0, 26))}</text>`;
      const rect = `<rect x="${labelW}" y="${y + 3}" width="${Math.max(1, w)}" height="${rowH - 6}" fill="${color}"><title>${esc(b.label)}: ${esc(format(b.value))}</title></rect>`;
      const val = `<text x="${labelW + w + 6}" y="${y + 14}" font-size="11" fill="#444">${esc(format(b.value))}</text>`;
      const inner = `${label}${rect}${val}`;
      return b.href ? `<a href="${esc(b.href)}">${inner}</a>` : inner;
    })
    .join('');
  return `<svg class="chart" id="${esc(id)}" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${h}" role="img">${rows}</svg>`;
}

/** A small line chart of weekly values (one series), with the week labels at both ends. */
export function sparkline(values: readonly number[], labels: readonly string[], width = 220, height = 34): string {
  if (values.length === 0) return '';
  const max = Math.max(...values.map(Math.abs), 1e-9);
  const step = values.length > 1 ? (width - 4) / (values.length - 1) : 0;
  const mid = height / 2;
  const pts = values.map((v, i) => `${(2 + i * step).toFixed(1)},${(mid - (v / max) * (mid - 3)).toFixed(1)}`).join(' ');
  const title = values.map((v, i) => `${labels[i] ?? ''}: ${formatNumber(v)}`).join('; ');
  return `<svg class="spark" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><title>${esc(title)}</title><line x1="0" y1="${mid}" x2="${width}" y2="${mid}" stroke="#ccc"/><polyline fill="none" stroke="#125ab2" stroke-width="1.5" points="${pts}"/></svg>`;
}
