import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import { qrSvg } from './qr-code.js';

/**
 * A link meant for another screen (an invitation, a wall display's address):
 * the link as the caller shows it (with its text marked `data-copy-text`), a
 * copy button that forms.js reveals, and a QR code to open it by camera.
 */
export function CarryLink(props: { url: string; children: Child }) {
  return (
    <div class="carry-link" data-copy>
      {props.children}
      <p class="copy-line">
        <button type="button" class="button secondary" data-copy-button hidden data-copied="Copied." data-select="The link is selected: copy it from your device's menu.">
          Copy link
        </button>{' '}
        <span class="copy-status" data-copy-status role="status"></span>
      </p>
      <figure class="qr-code">
        {raw(qrSvg(props.url, `QR code for ${props.url}`))}
        <figcaption>Or point a phone's or tablet's camera at this code to open the link.</figcaption>
      </figure>
    </div>
  );
}
