/**
 * Entry of `widget.js`: defines `<tro-ly-cong-vu>` and, when the page has none, adds a floating one. Embedding is
 * one tag: `<script src="https://HOST/widget.js" defer></script>`, with optional `data-api` (API origin, default the
 * script's origin), `data-title`, `data-open` and `data-suggestions` (JSON array or "a|b|c"). The same attributes
 * on a `<tro-ly-cong-vu>` element override the script's; `<tro-ly-cong-vu inline>` sits inside its container.
 */
import { Chat, type ChatConfig } from './chat.js';
import { CSS } from './styles.js';
import { parseSuggestions } from './suggestions.js';

const TAG = 'tro-ly-cong-vu';
const DEFAULT_TITLE = 'Trợ lý Công vụ';

// Read while the script runs: later `document.currentScript` is null.
const script =
  (document.currentScript as HTMLScriptElement | null) ?? document.querySelector<HTMLScriptElement>('script[src*="widget.js"]');

function scriptOrigin(): string {
  try {
    if (script?.src) return new URL(script.src, location.href).origin;
  } catch {
    /* fall through */
  }
  return location.origin;
}

function attr(el: Element, name: string): string | null {
  return el.getAttribute(`data-${name}`) ?? script?.getAttribute(`data-${name}`) ?? null;
}

function configOf(el: HTMLElement): ChatConfig {
  let api = scriptOrigin();
  const apiAttr = attr(el, 'api');
  if (apiAttr) {
    try {
      api = new URL(apiAttr, location.href).origin;
    } catch {
      /* keep the script's origin */
    }
  }
  const inline = el.hasAttribute('inline');
  const open = attr(el, 'open');
  return {
    api,
    title: attr(el, 'title')?.trim() || DEFAULT_TITLE,
    open: open !== null && open !== 'false',
    inline,
    suggestions: parseSuggestions(attr(el, 'suggestions')),
    storageKey: `${TAG}:${api}:${el.id || (inline ? 'inline' : 'floating')}`,
  };
}

class TroLyCongVu extends HTMLElement {
  private started = false;

  connectedCallback(): void {
    if (this.started) return;
    this.started = true;
    const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    // A constructed style sheet is allowed by a strict host CSP (a <style> element would need 'unsafe-inline').
    if ('adoptedStyleSheets' in shadow && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      shadow.adoptedStyleSheets = [sheet];
    } else {
      const style = document.createElement('style');
      style.textContent = CSS;
      (shadow as ShadowRoot).append(style);
    }
    new Chat(shadow, configOf(this));
  }
}

function mount(): void {
  if (!document.querySelector(TAG)) document.body.append(document.createElement(TAG));
}

if (!customElements.get(TAG)) {
  customElements.define(TAG, TroLyCongVu);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount, { once: true });
  else mount();
}
