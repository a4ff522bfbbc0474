// The two components the man page borrows from the site: a router link for
// .Xr and the live editor for samples. They are passed in rather than
// imported so the renderer also runs outside Docusaurus (tests, scripts);
// index.tsx fills them with @docusaurus/Link and the Example component.
import { createContext, type ComponentType, type ReactNode } from 'react';

export type LinkComponent = ComponentType<{ to: string; className?: string; title?: string; children?: ReactNode }>;
export type ExampleComponent = ComponentType<{ slug: string; code: string }>;

export interface ManPageSlots {
  Link: LinkComponent;
  Example: ExampleComponent;
  /** "name(section)" -> site path, only for pages that exist. */
  xrefs: Readonly<Record<string, string>>;
}

export const SlotsContext = createContext<ManPageSlots | null>(null);
