/**
 * The league table as a PNG, drawn on a canvas here rather than by screenshotting the DOM: no extra dependency,
 * and the picture is the same whatever the window's width or the table's sort. Cells carry the colours of the page.
 */

import { formatFigure, lightCellColor, rankCellColor } from './format';
import type { LeagueColumnT, LeagueData } from './types';

export interface LeaguePngTexts {
  title: string;
  footer: string;
  rank: string;
  unit: string;
  score: string;
  columnLabel: (c: LeagueColumnT) => string;
  unitName: (u: LeagueData['rows'][number]['unit']) => string;
}

const FONT = '"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';
const PAD = 10;
const ROW_H = 30;
const HEAD_H = 48;

/** The cell texts of the table, header first (also what the unit test reads). */
export function leagueCells(league: LeagueData, texts: LeaguePngTexts): string[][] {
  const head = [texts.rank, texts.unit, texts.score, ...league.columns.map(texts.columnLabel)];
  const body = league.rows.map((r) => [
    r.rank === null ? '—' : String(r.rank),
    texts.unitName(r.unit),
    formatFigure(r.score, 1),
    ...r.cells.map((c, i) => formatFigure(c.value, league.columns[i]?.decimals ?? 1)),
  ]);
  return [head, ...body];
}

/** Draws the table; resolves with the PNG. `scale` 2 keeps the text sharp when the picture goes into a slide. */
export async function leaguePng(league: LeagueData, texts: LeaguePngTexts, scale = 2): Promise<Blob> {
  const cells = leagueCells(league, texts);
  const canvas = document.createElement('canvas');
  const probe = canvas.getContext('2d');
  if (!probe) throw new Error('canvas 2d unavailable');
  probe.font = `13px ${FONT}`;
  const headLines = (s: string) => s.split('\n');
  const widths = cells[0]?.map((_, col) => {
    let w = 40;
    for (const [i, row] of cells.entries()) {
      const textLines = i === 0 ? headLines(row[col] ?? '') : [row[col] ?? ''];
      for (const line of textLines) w = Math.max(w, probe.measureText(line).width);
    }
    return Math.ceil(w + PAD * 2);
  }) ?? [100];
  const tableW = widths.reduce((a, b) => a + b, 0);
  const width = tableW + PAD * 4;
  const height = 56 + HEAD_H + ROW_H * (cells.length - 1) + 44;
  canvas.width = width * scale;
  canvas.height = height * scale;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('canvas 2d unavailable');
  ctx.scale(scale, scale);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);

  ctx.fillStyle = '#0f2d52';
  ctx.font = `bold 18px ${FONT}`;
  ctx.textBaseline = 'middle';
  ctx.fillText(texts.title, PAD * 2, 28);

  const x0 = PAD * 2;
  let y = 56;
  // Header
  ctx.fillStyle = '#f0f5ff';
  ctx.fillRect(x0, y, tableW, HEAD_H);
  ctx.fillStyle = '#1f1f1f';
  ctx.font = `bold 13px ${FONT}`;
  let x = x0;
  for (const [col, label] of (cells[0] ?? []).entries()) {
    const lines = headLines(label);
    lines.forEach((line, i) => {
      ctx.fillText(line, x + PAD, y + HEAD_H / 2 + (i - (lines.length - 1) / 2) * 16);
    });
    x += widths[col] ?? 0;
  }
  y += HEAD_H;
  // Rows
  ctx.font = `13px ${FONT}`;
  const ranked = league.rows.filter((r) => r.rank !== null).length;
  for (const [i, row] of cells.slice(1).entries()) {
    const data = league.rows[i];
    x = x0;
    for (const [col, text] of row.entries()) {
      const w = widths[col] ?? 0;
      const cell = col >= 3 ? data?.cells[col - 3] : undefined;
      const bg = cell ? (lightCellColor(cell.light) ?? rankCellColor(cell.rank, ranked)) : undefined;
      if (bg) {
        ctx.fillStyle = bg;
        ctx.fillRect(x, y, w, ROW_H);
      }
      ctx.fillStyle = '#1f1f1f';
      if (col === 1) {
        ctx.textAlign = 'left';
        ctx.fillText(text, x + PAD, y + ROW_H / 2);
      } else {
        ctx.textAlign = 'right';
        ctx.fillText(text, x + w - PAD, y + ROW_H / 2);
      }
      x += w;
    }
    ctx.textAlign = 'left';
    ctx.strokeStyle = '#f0f0f0';
    ctx.beginPath();
    ctx.moveTo(x0, y + ROW_H);
    ctx.lineTo(x0 + tableW, y + ROW_H);
    ctx.stroke();
    y += ROW_H;
  }
  ctx.strokeStyle = '#d9d9d9';
  ctx.strokeRect(x0, 56, tableW, y - 56);
  ctx.fillStyle = '#8c8c8c';
  ctx.font = `12px ${FONT}`;
  ctx.fillText(texts.footer, PAD * 2, y + 22);

  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('toBlob failed'))), 'image/png'),
  );
}

/** Saves a blob under a file name through a temporary link. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
