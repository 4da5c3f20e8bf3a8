import type { ContentLinks } from './kind.js';
import { escapeHtml as e } from '../dashboards/escape.js';

// Pieces every kind's cards are made of. Cards are built as strings rather
// than with JSX: they are the hot path of every page load (40 cards are ~10x
// faster this way). Every value from the family goes through e().

export { e as escapeHtml };

// Not lazy, not async-decoded: the content is swapped in place and an icon
// must not blink while the new copy of it decodes.
export function img(src: string): string {
  return `<img src="${e(src)}" alt=""/>`;
}

/** An item's picture if it has one, else its emoji, else the kind's own. */
export function cardIcon(text: string, imageId: number | null, fallback: string, links: ContentLinks): string {
  return `<span class="card-icon" aria-hidden="true">${imageId !== null ? img(links.image(imageId)) : e(text || fallback)}</span>`;
}
