// Opening and closing marks of the enclosure macros, as mandoc prints them.
import type { EncloseMacro } from '../../mdoc/index.ts';

export const ENCLOSE_MARKS: Readonly<Record<EncloseMacro, readonly [string, string]>> = {
  Aq: ['<', '>'], Bq: ['[', ']'], Dq: ['\u201c', '\u201d'], Op: ['[', ']'],
  Pq: ['(', ')'], Qq: ['"', '"'], Ql: ['\u2018', '\u2019'], Sq: ['\u2018', '\u2019'],
};
