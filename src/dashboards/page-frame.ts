import crypto from 'node:crypto';
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import { HtmlEscapedCallbackPhase, resolveCallback } from 'hono/utils/html';

// The page around a dashboard's content (the HTML shell, the family's
// navigation and tabs, the wall display's frame) changes only with the
// family's settings and who looks, while the content changes with every card.
// Rendering that frame with hono/jsx was ~11% of each dashboard page's time,
// so it is rendered with its JSX once for each distinct set of props, with a
// mark where the content goes, and kept as the two strings either side of the
// mark. Each request still renders its content from scratch; only the frame's
// HTML, a pure function of those props, is reused. The HTML is the JSX's own,
// byte for byte (tests/dashboards/page-frame.test.tsx).

/** Where the content goes: a comment no escaped value can contain, and no one can guess. */
const CONTENT_MARK = `<!--dinkydash-content-${crypto.randomUUID()}-->`;

/** Frames kept per kind of page: one per family and viewer's role at most, in practice. */
const FRAMES_KEPT = 256;

/**
 * A page renderer: `render(props, content)` is the page's JSX, which must
 * depend on nothing but `props` (plain data: their JSON is the key) and put
 * `content` in it exactly once.
 */
export function pageFrame<P>(render: (props: P, content: Child) => unknown): (props: P, content: string) => Promise<string> {
  const frames = new Map<string, readonly [string, string]>();
  return async (props, content) => {
    const key = JSON.stringify(props);
    let parts = frames.get(key);
    if (!parts) {
      const html = `${await resolveCallback(render(props, raw(CONTENT_MARK)) as string, HtmlEscapedCallbackPhase.Stringify, false, {})}`;
      const at = html.indexOf(CONTENT_MARK);
      if (at < 0 || html.indexOf(CONTENT_MARK, at + 1) >= 0) throw new Error('A page frame must show its content exactly once.');
      parts = [html.slice(0, at), html.slice(at + CONTENT_MARK.length)];
      if (frames.size >= FRAMES_KEPT) frames.delete(frames.keys().next().value!);
      frames.set(key, parts);
    }
    return parts[0] + content + parts[1];
  };
}
