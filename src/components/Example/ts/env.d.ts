// The virtual module src/plugins/workers.ts gives the TypeScript worker at bundle time.
declare module 'zcsim:ts-env' {
  import type { ManDoc } from './protocol.ts';
  /** path -> text: the ES2022 lib files, the zcsim declarations under /node_modules/zcsim, /globals.d.ts. */
  export const files: Readonly<Record<string, string>>;
  /** name -> the manual's entries for it. */
  export const manHover: Readonly<Record<string, readonly ManDoc[]>>;
}
