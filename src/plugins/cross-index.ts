// The cross-index between the man pages and the live samples, computed at
// build time: under each function, ioctl, option and sysctl a page defines,
// the samples that use it; on each sample, the terms it demonstrates.
//
// A sample uses a term when its code names it (sample-terms.ts). A term's
// samples are those that use anything its defining block mentions, so the
// socow_setup entry of zero_copy(9), which says its outcomes are counted in
// socow_stats, lists the samples that read socow_stats.
import { definingBlocks, type TermDef, type TermKind } from '../mdoc/terms.ts';
import { mdocExampleBlocks, type MdocDocument } from '../mdoc/index.ts';
import type { DocPage } from './doc-pages.ts';
import type { ExampleSource } from './examples.ts';
import { sampleIdentifiers, sampleSummary, type KnownNames } from './sample-terms.ts';

/** A sample as a link: where it is shown, relative to the page holding the link. */
export interface SampleLink {
  slug: string;
  href: string;
}

/** A defined term of a block and the samples that use it. */
export interface XTerm extends TermDef {
  samples: SampleLink[];
}

/** A block of a man page that defines terms, with the samples shown under it. */
export interface XAnchor {
  path: string;
  sectionId: string;
  defines: XTerm[];
}

/** One defined term, wherever it is defined. */
export interface TermEntry {
  key: string;
  kind: TermKind;
  /** "zero_copy(9)", or "kernel options" for the options page. */
  label: string;
  href: string;
  sectionId: string;
  samples: string[];
}

/** Where a sample is shown. */
export interface SamplePlace {
  route: string;
  title: string;
}

/** A term without its sample list, as a sample refers to it. */
export type TermRef = Omit<TermEntry, 'samples'>;

export interface SampleEntry {
  slug: string;
  summary: string;
  shownAt: SamplePlace[];
  demonstrates: TermRef[];
}

export interface CrossIndex {
  /** Per man page file ("jumbo.9"), its defining blocks in document order. */
  anchors: Record<string, XAnchor[]>;
  terms: TermEntry[];
  samples: Record<string, SampleEntry>;
}

/** A page of the site that documents options outside the man pages. */
export interface OptionsPage {
  route: string;
  label: string;
  /** Options with a section whose id is the option name. */
  options: readonly string[];
}

export interface CrossIndexInput {
  manPages: Readonly<Record<string, MdocDocument>>;
  /** "zero_copy.9" -> "/man9/zero_copy". */
  manRoutes: Readonly<Record<string, string>>;
  examples: Readonly<Record<string, ExampleSource>>;
  docPages: readonly DocPage[];
  known: KnownNames;
  optionsPage: OptionsPage;
}

export function manPageLabel(doc: MdocDocument): string {
  return `${doc.title.toLowerCase()}(${doc.section})`;
}

/** The anchor of a sample on a page (SampleIndex renders it). */
export function sampleAnchor(slug: string): string {
  return `sample-${slug}`;
}

/** Every place a sample is shown: man pages first, then MDX pages, in file order. */
function samplePlaces(input: CrossIndexInput): Map<string, SamplePlace[]> {
  const places = new Map<string, SamplePlace[]>();
  const add = (slug: string, place: SamplePlace): void => {
    const list = places.get(slug) ?? [];
    if (!list.some((p) => p.route === place.route)) list.push(place);
    places.set(slug, list);
  };
  for (const [file, doc] of Object.entries(input.manPages)) {
    const route = input.manRoutes[file];
    if (route === undefined) throw new Error(`cross-index: no route for man page ${file}`);
    for (const block of mdocExampleBlocks(doc)) add(block.slug, { route, title: manPageLabel(doc) });
  }
  for (const page of input.docPages) for (const slug of page.samples) add(slug, { route: page.route, title: page.title });
  return places;
}

export function buildCrossIndex(input: CrossIndexInput): CrossIndex {
  const places = samplePlaces(input);
  const uses = new Map<string, Set<string>>();
  for (const [slug, ex] of Object.entries(input.examples)) uses.set(slug, sampleIdentifiers(ex.code, input.known));
  const usersOf = (keys: readonly string[]): string[] =>
    [...uses].filter(([, ids]) => keys.some((k) => ids.has(k))).map(([slug]) => slug);

  const link = (slug: string, fromRoute: string): SampleLink => {
    const at = places.get(slug) ?? [];
    const here = at.find((p) => p.route === fromRoute) ?? at[0];
    const anchor = `#${sampleAnchor(slug)}`;
    return { slug, href: here === undefined ? anchor : `${here.route}${anchor}` };
  };

  const isOption = (name: string): boolean => input.known.options.has(name);
  const pages = Object.entries(input.manPages).map(([file, doc]) => ({ file, doc, blocks: definingBlocks(doc, isOption) }));
  const definedKeys = new Set(pages.flatMap((p) => p.blocks.flatMap((b) => b.defines.map((d) => d.key))));

  const anchors: Record<string, XAnchor[]> = {};
  const terms: TermEntry[] = [];
  for (const { file, doc, blocks } of pages) {
    const route = input.manRoutes[file] ?? '';
    anchors[file] = blocks.map((block) => {
      // What the block says about its terms counts too: a function's statistics
      // (.Va socow_stats) or a helper it calls (.Fn userspaceco), but not
      // another defined term, which has its own list.
      const helpers = block.mentions.filter((m) => (m.macro === 'Va' || m.macro === 'Fn') && !definedKeys.has(m.key)).map((m) => m.key);
      const defines = block.defines.map((def): XTerm => {
        const slugs = usersOf([def.key, ...helpers]);
        terms.push({ key: def.key, kind: def.kind, label: manPageLabel(doc), href: `${route}#${def.id}`, sectionId: block.sectionId, samples: slugs });
        return { ...def, samples: slugs.map((s) => link(s, route)) };
      });
      return { path: block.path, sectionId: block.sectionId, defines };
    });
  }
  for (const name of input.optionsPage.options) {
    terms.push({
      key: name, kind: 'option', label: input.optionsPage.label, href: `${input.optionsPage.route}#${name}`, sectionId: name, samples: usersOf([name]),
    });
  }

  const samples: Record<string, SampleEntry> = {};
  for (const [slug, ex] of Object.entries(input.examples)) {
    samples[slug] = {
      slug,
      summary: sampleSummary(ex.code),
      shownAt: places.get(slug) ?? [],
      demonstrates: terms.filter((t) => t.samples.includes(slug)).map(({ samples: _samples, ...ref }) => ref),
    };
  }
  return { anchors, terms, samples };
}
