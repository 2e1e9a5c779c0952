/**
 * The confidence scale of the trainer view and the classroom page: 0–100, the same for every question, with the
 * refusal threshold drawn on it. A bar's width is its value out of 100 (never scaled to the answer's best passage),
 * so two questions' bars compare directly.
 */
import { h } from './dom.js';

/** Words for a confidence value against the threshold. */
export function confidenceWord(value: number, threshold: number): string {
  if (value < threshold) return 'dưới ngưỡng — không trả lời';
  return value >= 60 ? 'cao' : 'vừa';
}

/**
 * A scale with a filled bar to `value` and a mark at `threshold` (both 0–100).
 * @param label what is measured ("Câu trả lời", "Đoạn 1")
 */
export function confidenceScale(label: string, value: number, threshold: number, large = false): HTMLElement {
  const v = Math.max(0, Math.min(100, Math.round(value)));
  const fill = h('span', { class: v < threshold ? 'scale-fill low' : 'scale-fill' });
  // CSSOM, not style attributes: a strict CSP allows it.
  fill.style.width = `${v}%`;
  const mark = h('span', { class: 'scale-mark', attrs: { title: `Ngưỡng từ chối: ${threshold}` } });
  mark.style.left = `${threshold}%`;
  return h(
    'div',
    {
      class: large ? 'scale large' : 'scale',
      attrs: { role: 'meter', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': v, 'aria-label': `${label}: độ tin cậy ${v} trên 100`, 'data-value': v, 'data-threshold': threshold },
    },
    h('span', { class: 'scale-label' }, label),
    h('span', { class: 'scale-track', attrs: { 'aria-hidden': 'true' } }, fill, mark),
    h('span', { class: 'scale-value' }, `${v}/100`),
  );
}

/** The legend under a scale: what the mark means. */
export function scaleLegend(threshold: number): HTMLElement {
  return h('p', { class: 'scale-legend' }, `Thang 0–100, như nhau cho mọi câu hỏi. Vạch đỏ: ngưỡng ${threshold} — dưới ngưỡng thì trợ lý không trả lời.`);
}

/** CSS of the scale (the widget adds it inside its shadow root, the classroom page to its document). */
export const SCALE_CSS = `
.scale { display: grid; grid-template-columns: 6.5em 1fr 4.2em; gap: .5em; align-items: center; margin: .25em 0; }
.scale-label { color: #4a5560; font-size: .92em; }
.scale-track { position: relative; height: .75em; border-radius: 999px; background: #e3e8ee; }
.scale.large .scale-track { height: 1.1em; }
.scale-fill { display: block; height: 100%; background: #0b6b3a; border-radius: 999px; }
.scale-fill.low { background: #9b1020; }
.scale-mark { position: absolute; top: -.3em; bottom: -.3em; width: 3px; margin-left: -1.5px; background: #c0151f; }
.scale-value { font-variant-numeric: tabular-nums; text-align: right; font-weight: 600; }
.scale-legend { margin: .2em 0 .4em; color: #4a5560; font-size: .87em; }
@media (forced-colors: active) { .scale-fill { background: CanvasText; } .scale-mark { background: Highlight; } }
`;
