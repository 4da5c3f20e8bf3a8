// The few DOM types the browser tests' in-page checks (page.evaluate) use.
// The project's type-check has no DOM library, on purpose: these are the
// shapes those functions reach through `globalThis as unknown as PageGlobals`
// (written out in each function: page.evaluate sends the function's text to
// the browser, without anything it imports).

export interface Rect {
  left: number;
  right: number;
  top: number;
  bottom: number;
  width: number;
  height: number;
}

export interface El {
  tagName: string;
  id: string;
  className: string;
  textContent: string | null;
  hidden: boolean;
  style: { cssText: string; color: string };
  scrollWidth: number;
  clientWidth: number;
  scrollHeight: number;
  clientHeight: number;
  parentElement: El | null;
  getBoundingClientRect(): Rect;
  getAttribute(name: string): string | null;
  closest(selector: string): El | null;
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): Iterable<El>;
  contains(other: El): boolean;
  dispatchEvent(event: unknown): boolean;
  append(child: El): void;
  remove(): void;
}

/** A text node, and a Range over (part of) one: where its text lies on the screen, line by line. */
export interface TextNode {
  data: string;
  parentElement: El | null;
}
export interface TextRange {
  selectNodeContents(node: TextNode): void;
  setStart(node: TextNode, offset: number): void;
  setEnd(node: TextNode, offset: number): void;
  getClientRects(): Iterable<Rect>;
}

export interface ComputedStyle {
  display: string;
  visibility: string;
  overflow: string;
  overflowX: string;
  overflowY: string;
  fontFamily: string;
  fontSize: string;
  paddingLeft: string;
  paddingRight: string;
  getPropertyValue(name: string): string;
}

export interface PageGlobals {
  document: {
    documentElement: El;
    body: El;
    title: string;
    fonts: { ready: Promise<unknown> };
    querySelector(selector: string): El | null;
    querySelectorAll(selector: string): Iterable<El>;
    getElementById(id: string): El | null;
    createElement(tag: string): El;
    elementFromPoint(x: number, y: number): El | null;
    createRange(): TextRange;
    /** whatToShow 4: text nodes only (NodeFilter.SHOW_TEXT). */
    createTreeWalker(root: El, whatToShow: 4): { nextNode(): TextNode | null };
  };
  innerWidth: number;
  innerHeight: number;
  getComputedStyle(el: El): ComputedStyle;
  requestAnimationFrame(callback: () => void): number;
  Event: new (type: string, init?: { bubbles?: boolean }) => unknown;
}
