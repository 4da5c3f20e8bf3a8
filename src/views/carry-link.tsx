import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import { qrSvg } from './qr-code.js';
import type { I18n } from '../i18n/i18n.js';

/**
 * A link meant for another screen (an invitation, a wall display's address):
 * the link as the caller shows it (with its text marked `data-copy-text`), a
 * copy button that forms.js reveals, and a QR code to open it by camera.
 */
export function CarryLink(props: { url: string; t: I18n['t']; children: Child }) {
  const { t } = props;
  return (
    <div class="carry-link" data-copy>
      {props.children}
      <p class="copy-line">
        <button type="button" class="button secondary" data-copy-button hidden data-copied={t('link.copied')} data-select={t('link.selected')}>
          {t('link.copy')}
        </button>{' '}
        <span class="copy-status" data-copy-status role="status"></span>
      </p>
      <figure class="qr-code">
        {raw(qrSvg(props.url, t('link.qrLabel', { url: props.url })))}
        <figcaption>{t('link.qrCaption')}</figcaption>
      </figure>
    </div>
  );
}
