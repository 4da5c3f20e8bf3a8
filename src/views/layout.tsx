import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import { assetUrl } from '../http/static-assets.js';

export interface LayoutProps {
  title: string;
  children: Child;
  theme?: 'auto' | 'light' | 'dark';
  /** Extra classes on <body>, e.g. "display" for the wall display. */
  bodyClass?: string;
  /** Seconds for a no-JavaScript meta refresh (dashboards). */
  refreshSeconds?: number;
  head?: Child;
  /** The page's language (`<html lang>`): the language its words are in. */
  lang?: string;
}

/** The HTML shell of every page: no inline script, htmx and our script from our own origin. */
export function Layout(props: LayoutProps) {
  return (
    <>
      {raw('<!doctype html>')}
      <html lang={props.lang ?? 'en'} data-theme={props.theme && props.theme !== 'auto' ? props.theme : undefined}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title}</title>
        <link rel="icon" href={assetUrl('icon.svg')} type="image/svg+xml" />
        <link rel="stylesheet" href={assetUrl('app.css')} />
        <link rel="stylesheet" href={assetUrl('manage.css')} />
        {props.refreshSeconds ? (
          <noscript>
            <meta http-equiv="refresh" content={String(props.refreshSeconds)} />
          </noscript>
        ) : null}
        <script src={assetUrl('htmx.min.js')} defer></script>
        <script src={assetUrl('app.js')} defer></script>
        <script src={assetUrl('forms.js')} defer></script>
        {props.head}
      </head>
      <body class={props.bodyClass}>{props.children}</body>
      </html>
    </>
  );
}
