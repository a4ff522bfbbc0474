// Public entry of the mdoc parser. Pure TypeScript: no DOM, no Node APIs.
export { parseMdoc, type ParseOptions } from './parse.ts';
export { mdocExampleBlocks } from './examples.ts';
export { escapeMdocLiteral, unescapeMdocLiteral } from './literal.ts';
export { inlineText, sectionRefId } from './inline.ts';
export { mdocVolume } from './volume.ts';
export { MdocError } from './error.ts';
export type * from './types.ts';
export { syncMdocExamples } from './sync.ts';
