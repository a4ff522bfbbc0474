// The MDX pages under docs/: their routes, titles and the samples they show
// with <Example slug="..."/>, or the man page they render with
// <ManPageByName name="..."/>. Routes follow the docs plugin's rules as this
// site uses them (routeBasePath '/', a `slug` in the front matter wins).
import fs from 'node:fs';
import path from 'node:path';

export interface DocPage {
  /** Path from the site directory, e.g. "docs/guide/kernel.mdx". */
  file: string;
  route: string;
  title: string;
  /** Sample slugs in page order. */
  samples: string[];
  /** The man page file the page renders ("zero_copy.9"), or null. */
  manPage: string | null;
}

export const DOCS_DIR = 'docs';

function mdxFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return mdxFiles(full);
      return /\.mdx?$/.test(entry.name) ? [full] : [];
    });
}

function frontMatter(text: string): Record<string, string> {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(text);
  const out: Record<string, string> = {};
  if (m === null) return out;
  for (const line of (m[1] ?? '').split('\n')) {
    const kv = /^([A-Za-z_]+):\s*(.*)$/.exec(line);
    if (kv) out[kv[1] ?? ''] = (kv[2] ?? '').replace(/^(['"])(.*)\1$/, '$2');
  }
  return out;
}

export function readDocPages(siteDir: string): DocPage[] {
  const root = path.join(siteDir, DOCS_DIR);
  return mdxFiles(root).map((full) => {
    const text = fs.readFileSync(full, 'utf8');
    const fm = frontMatter(text);
    const rel = path.relative(root, full).replace(/\\/g, '/').replace(/\.mdx?$/, '');
    const route = fm['slug'] ?? `/${rel.replace(/(^|\/)index$/, '')}`;
    const heading = /^#\s+(.+)$/m.exec(text.replace(/^---\n[\s\S]*?\n---\n/, ''))?.[1];
    return {
      file: path.relative(siteDir, full).replace(/\\/g, '/'),
      route: route === '' ? '/' : route,
      title: fm['title'] ?? heading ?? rel,
      samples: [...text.matchAll(/<Example\s+slug="([^"]+)"/g)].map((m) => m[1] ?? ''),
      // A man page's MDX imports the page's data module (src/plugins/man-page-data.ts).
      manPage: /from '@generated\/zcsim-content\/default\/man-(.+?)\.json'/.exec(text)?.[1] ?? null,
    };
  });
}
