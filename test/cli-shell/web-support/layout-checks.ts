// What "readable at 1280×800" means for a page, measured in the browser: nothing wider than the
// viewport (no horizontal scrolling), no card whose content overflows it, no element set to
// break words anywhere (word-break: break-all), and no word laid out across two lines — a word is
// a run without spaces, hyphens or slashes, so a line may end after "start-" or "in/", never inside
// "reconnecting".
import type { Page } from 'playwright-core';

export interface LayoutReport {
  viewportWidth: number;
  scrollWidth: number;
  /** Cards (test ids) whose content is wider than they are. */
  overflowingCards: string[];
  /** Elements whose computed word-break is break-all (tag#id.class). */
  breakAll: string[];
  /** Words drawn on more than one line, with the text they are in. */
  brokenWords: string[];
}

/** Measures the layout of the part of the page under `selector` (the whole document for scrolling). */
export function layoutReport(page: Page, selector: string): Promise<LayoutReport> {
  return page.evaluate((sel) => {
    const root = document.querySelector(sel);
    if (root === null) throw new Error(`no ${sel}`);
    const name = (e: Element): string => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.getAttribute('class') ? `.${e.getAttribute('class')!.split(' ').join('.')}` : ''}`;
    const breakAll = Array.from(document.querySelectorAll('*')).filter((e) => getComputedStyle(e).wordBreak === 'break-all').map(name);
    const overflowingCards = Array.from(root.querySelectorAll<HTMLElement>('.card, .dash-stop'))
      .filter((c) => c.offsetParent !== null && c.scrollWidth > c.clientWidth + 1)
      .map((c) => c.dataset['testid'] ?? name(c));
    const brokenWords: string[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      for (const m of text.matchAll(/[^\s\-–—/]{2,}/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = new Set(Array.from(range.getClientRects()).filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (lines.size > 1) brokenWords.push(`${m[0]} (in "${text.trim().slice(0, 60)}")`);
      }
    }
    return { viewportWidth: window.innerWidth, scrollWidth: document.documentElement.scrollWidth, overflowingCards, breakAll, brokenWords };
  }, selector);
}
