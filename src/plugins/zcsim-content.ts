// Build-time content for the site: parses every man page in man/ from its
// mdoc source and reads every sample in examples/, then hands both to the
// pages as global data. A page that cannot be parsed, or a sample block that
// drifted from its file, fails the build with the file and line.
import fs from 'node:fs';
import path from 'node:path';
import type { LoadContext, Plugin } from '@docusaurus/types';
import { parseMdoc, mdocExampleBlocks } from '../mdoc/index.ts';
import type { MdocDocument } from '../mdoc/index.ts';
import { readExamples, type ExampleSource } from './examples.ts';
import { readVerification, type SampleVerification } from './verification.ts';
import { verifySamplesInNode } from './verify-samples.ts';
import { readDocPages } from './doc-pages.ts';
import { sysctlReference, type SysctlRow } from './sysctl-reference.ts';
import { buildCrossIndex, type CrossIndex } from './cross-index.ts';
import { buildAproposDb } from './apropos-db.ts';
import { buildManHover } from './man-hover.ts';
import { es2022Libs, kernelDeclarations, SAMPLE_GLOBALS_DTS } from './kernel-declarations.ts';
import { buildWorkers, type WorkerUrls } from './workers.ts';
import { manPageData, manPageDataName } from './man-page-data.ts';
import type { AproposDoc } from '../apropos/apropos.ts';
import {
  DOCUMENTED_OPTIONS, OPTIONS_ROUTE, SYSCTLS_ROUTE, isKernelOption, kernelOptionNames, optionFacts, type OptionFacts,
} from './kernel-options.ts';

export interface ZcsimContent {
  /** Keyed by file name without directory, e.g. "zero_copy.9". */
  manPages: Record<string, MdocDocument>;
  /** "zero_copy(9)" -> "/man9/zero_copy", only for pages we have. */
  xrefs: Record<string, string>;
  examples: Record<string, ExampleSource>;
  /** Per sample: the tests that check its output and their last current result (verification.ts). */
  verification: Record<string, SampleVerification>;
  /** Every sysctl of the reference kernel (sysctl-reference.ts), in sysctl -a order. */
  sysctls: SysctlRow[];
  /** The options page's options, from the kernel's table. */
  kernelOptions: OptionFacts[];
  /** Man page terms <-> samples (cross-index.ts). */
  crossIndex: CrossIndex;
  /** The apropos database (apropos-db.ts). */
  apropos: AproposDoc[];
  /** Each site route of a man page, by file name ("zero_copy.9" -> "/man9/zero_copy"). */
  manRoutes: Record<string, string>;
}

/** What the pages see through usePluginData('zcsim-content'). */
export type ZcsimGlobalData = Omit<ZcsimContent, 'apropos' | 'crossIndex' | 'manRoutes' | 'manPages'> & {
  /** Each sample's summary and what it demonstrates (a man page's own blocks are in its page data). */
  crossIndex: Pick<CrossIndex, 'samples'>;
  /** The sample workers' URLs (workers.ts). */
  workers: WorkerUrls;
};

/** The apropos page, a route of this plugin. */
export const APROPOS_ROUTE = '/apropos';

/**
 * The system the pages describe. Every page ends its prologue with
 * `.Os FreeBSD 5.0`, so man(1) on any machine prints the footer the site
 * shows; a page that says otherwise (or leaves .Os bare) fails the build.
 */
export const MAN_OS = 'FreeBSD 5.0';

/** Where a man page lives on the site: zero_copy(9) at /man9/zero_copy. */
export function manPageRoute(name: string, section: string): string {
  return `/man${section}/${name}`;
}

function listManSources(siteDir: string): string[] {
  const manDir = path.join(siteDir, 'man');
  const files: string[] = [];
  for (const sub of fs.readdirSync(manDir).sort()) {
    if (!/^man[1-9]$/.test(sub)) continue;
    for (const name of fs.readdirSync(path.join(manDir, sub)).sort()) {
      if (/\.[1-9]$/.test(name)) files.push(path.join('man', sub, name));
    }
  }
  return files;
}

export function loadZcsimContent(siteDir: string): ZcsimContent {
  const examples = readExamples(siteDir);
  const manPages: Record<string, MdocDocument> = {};
  const xrefs: Record<string, string> = {};
  for (const rel of listManSources(siteDir)) {
    const doc = parseMdoc(fs.readFileSync(path.join(siteDir, rel), 'utf8'), rel);
    if (doc.os !== MAN_OS) throw new Error(`${rel}: .Os gives "${doc.os}"; the pages describe ${MAN_OS}, so the prologue needs .Os ${MAN_OS}`);
    for (const block of mdocExampleBlocks(doc)) {
      const sample = examples[block.slug];
      if (!sample) {
        throw new Error(`${rel}:${block.line}: sample "${block.slug}" has no file examples/${block.slug}.ts`);
      }
      if (sample.code !== block.code) {
        throw new Error(
          `${rel}:${block.line}: sample "${block.slug}" differs from examples/${block.slug}.ts; ` +
            'the literal block and the file must stay identical',
        );
      }
    }
    const base = path.basename(rel);
    const [name, section] = [base.replace(/\.[1-9]$/, ''), base.slice(-1)];
    manPages[base] = doc;
    xrefs[`${name}(${section})`] = manPageRoute(name, section);
  }
  const manRoutes = Object.fromEntries(
    Object.entries(manPages).map(([file, doc]) => [file, manPageRoute(file.replace(/\.[1-9]$/, ''), doc.section)]),
  );
  const sysctls = sysctlReference();
  const kernelOptions = DOCUMENTED_OPTIONS.map(optionFacts);
  const crossIndex = buildCrossIndex({
    manPages,
    manRoutes,
    examples,
    docPages: readDocPages(siteDir),
    known: { options: kernelOptionNames(), sysctls: sysctls.map((r) => r.name) },
    optionsPage: { route: OPTIONS_ROUTE, label: 'kernel options', options: DOCUMENTED_OPTIONS },
  });
  const apropos = buildAproposDb({
    manPages,
    manRoutes,
    isOption: isKernelOption,
    options: { route: OPTIONS_ROUTE, descriptions: Object.fromEntries(kernelOptions.map((o) => [o.name, o.description])) },
    sysctls: { route: SYSCTLS_ROUTE, rows: sysctls },
  });
  return { manPages, xrefs, examples, verification: readVerification(siteDir, examples), sysctls, kernelOptions, crossIndex, apropos, manRoutes };
}

export default function zcsimContentPlugin(context: LoadContext): Plugin<ZcsimContent> {
  const { siteDir } = context;
  return {
    name: 'zcsim-content',
    getPathsToWatch() {
      return [path.join(siteDir, 'man/**/*'), path.join(siteDir, 'examples/**/*'), path.join(siteDir, 'docs/**/*.mdx')];
    },
    async loadContent() {
      // The marks must be real after a plain build: run what has no current Node result first.
      await verifySamplesInNode(siteDir, readExamples(siteDir), (line) => console.log(line));
      return loadZcsimContent(siteDir);
    },
    async contentLoaded({ content, actions }) {
      // The apropos database and the per-term sample lists are only needed by
      // the apropos page and the tests, and each man page by its own route
      // (man-page-data.ts); every page gets the rest.
      const { apropos, crossIndex, manRoutes, manPages, ...rest } = content;
      for (const [file, doc] of Object.entries(manPages)) {
        await actions.createData(manPageDataName(file), JSON.stringify(manPageData(file, doc, crossIndex)));
      }
      // The editor's TypeScript worker carries the kernel's declarations and the manual's hover text.
      const workers = await buildWorkers(siteDir, context.baseUrl, {
        files: { ...es2022Libs(), ...kernelDeclarations(siteDir), '/globals.d.ts': SAMPLE_GLOBALS_DTS },
        manHover: buildManHover({ manPages: content.manPages, manRoutes, isOption: isKernelOption }),
      });
      const global: ZcsimGlobalData = { ...rest, crossIndex: { samples: crossIndex.samples }, workers };
      actions.setGlobalData(global);
      const db = await actions.createData('apropos-db.json', JSON.stringify(apropos));
      actions.addRoute({ path: APROPOS_ROUTE, component: '@site/src/components/Apropos/index.tsx', modules: { db }, exact: true });
    },
    configureWebpack() {
      // Samples import the kernel as 'zcsim', exactly as they do in Node.
      return {
        resolve: {
          alias: { zcsim: path.join(siteDir, 'src/kernel/index.ts') },
        },
        module: {
          rules: [
            {
              // Our package.json says "type": "module" (the kernel and samples
              // are ESM), which would make webpack parse Docusaurus's generated
              // CommonJS-flavoured registry as strict ESM and leave its
              // require.resolveWeak calls unresolved in the server bundle.
              test: /\.js$/,
              include: [context.generatedFilesDir],
              type: 'javascript/auto',
            },
          ],
        },
      };
    },
  };
}
