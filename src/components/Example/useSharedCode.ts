// Reads a "Link to this version" fragment (shareLink.ts) for one sample: on
// load and on every hashchange, so pasting a new link into the same tab
// works too. 'pending' until the fragment is decoded, so the editor opens
// once, with the right code.
import { useEffect, useState, type RefObject } from 'react';
import { decodeShareHash } from './shareLink.ts';

export type SharedCode =
  | { readonly status: 'pending' }
  | { readonly status: 'none' } // no link for this sample
  | { readonly status: 'ok'; readonly code: string; readonly serial: number }
  | { readonly status: 'error'; readonly message: string; readonly serial: number };

/**
 * `box` is the sample's element: a link that names no sample, or one not on
 * this page, is reported on the page's first sample only.
 */
export function useSharedCode(slug: string, box: RefObject<HTMLElement | null>): SharedCode {
  const [state, setState] = useState<SharedCode>({ status: 'pending' });
  useEffect(() => {
    let serial = 0;
    let live = true;
    const read = async () => {
      const mine = ++serial;
      const decoded = await decodeShareHash(window.location.hash);
      if (!live || mine !== serial) return;
      const first = box.current !== null && document.querySelector('[data-example]') === box.current;
      const elsewhere = decoded.kind !== 'none' && decoded.slug !== undefined && document.querySelector(`[data-example="${decoded.slug}"]`) === null;
      if (decoded.kind === 'ok' && decoded.slug === slug) setState({ status: 'ok', code: decoded.code, serial: mine });
      else if (decoded.kind === 'error' && (decoded.slug === slug || (decoded.slug === undefined && first))) {
        setState({ status: 'error', message: `The link's code could not be read: ${decoded.message}.`, serial: mine });
      } else if (decoded.kind !== 'none' && elsewhere && first) {
        setState({ status: 'error', message: `The link is for sample "${decoded.slug ?? ''}", which is not on this page.`, serial: mine });
      } else setState((old) => (old.status === 'pending' ? { status: 'none' } : old));
    };
    void read();
    const onHashChange = () => void read();
    window.addEventListener('hashchange', onHashChange);
    return () => {
      live = false;
      window.removeEventListener('hashchange', onHashChange);
    };
  }, [slug]);
  return state;
}
