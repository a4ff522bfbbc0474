// Copy and Share for the code in the editor. Copy puts the code on the
// clipboard; Share builds the link that reopens this sample with this code
// (shareLink.ts), puts it in the address bar and on the clipboard, and
// shows it so it can be copied by hand where the clipboard is refused.
import React, { useState } from 'react';
import { encodeShareHash } from './shareLink.ts';
import styles from './styles.module.css';

/** Writes text to the clipboard; falls back to a selected textarea and execCommand('copy'). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    } finally {
      area.remove();
    }
  }
}

type Notice = { kind: 'copy'; ok: boolean } | { kind: 'share'; ok: boolean; url: string } | { kind: 'share-failed'; message: string } | null;

export default function CodeActions({ slug, code }: { slug: string; code: string }): React.ReactElement {
  const [notice, setNotice] = useState<Notice>(null);

  const copy = async () => setNotice({ kind: 'copy', ok: await copyText(code) });

  const share = async () => {
    try {
      const hash = await encodeShareHash(slug, code);
      const url = `${window.location.origin}${window.location.pathname}${window.location.search}#${hash}`;
      // replaceState: the address bar shows the link without a hashchange reopening the sample.
      window.history.replaceState(window.history.state, '', url);
      setNotice({ kind: 'share', ok: await copyText(url), url });
    } catch (error) {
      setNotice({ kind: 'share-failed', message: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <>
      <button type="button" className="button button--secondary button--sm" data-action="copy" onClick={() => void copy()}>
        Copy code
      </button>
      <button
        type="button"
        className="button button--secondary button--sm"
        data-action="share"
        title="A link that reopens this sample with the code as it is now"
        onClick={() => void share()}
      >
        Link to this version
      </button>
      <span className={styles.notice} role="status" data-action-notice>
        {notice?.kind === 'copy' && (notice.ok ? 'Code copied.' : 'The browser refused the clipboard: select the code and copy it.')}
        {notice?.kind === 'share' && (
          <>
            {notice.ok ? 'Link copied; it is also in the address bar: ' : 'Copy this link: '}
            <input
              className={styles.shareUrl}
              readOnly
              value={notice.url}
              aria-label="Link to this version of the sample"
              data-share-url
              onFocus={(e) => e.target.select()}
            />
          </>
        )}
        {notice?.kind === 'share-failed' && `Could not make a link: ${notice.message}`}
      </span>
    </>
  );
}
