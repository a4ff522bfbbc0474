// Finding the real tools the tests use (mandoc, chromium), and saying in one
// line how to install them when they are missing.
import fs from 'node:fs';

export function findExecutable(candidates: readonly string[]): string | undefined {
  const dirs = (process.env.PATH ?? '').split(':').filter(Boolean);
  for (const name of candidates) {
    if (name.includes('/')) {
      if (fs.existsSync(name)) return name;
      continue;
    }
    for (const dir of dirs) {
      const full = `${dir}/${name}`;
      if (fs.existsSync(full)) return full;
    }
  }
  return undefined;
}

export const MANDOC_HINT = 'mandoc is not installed: sudo apt-get install -y mandoc';
export const CHROMIUM_HINT = 'chromium is not installed: sudo apt-get install -y chromium (or set CHROMIUM_PATH)';

export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return fs.existsSync(fromEnv) ? fromEnv : undefined;
  return findExecutable(['chromium', 'chromium-browser', '/usr/bin/chromium']);
}

export function listManPages(root = 'man'): string[] {
  const pages: string[] = [];
  for (const sub of fs.readdirSync(root).sort()) {
    if (!/^man[1-9]$/.test(sub)) continue;
    for (const name of fs.readdirSync(`${root}/${sub}`).sort()) {
      if (/\.[1-9]$/.test(name)) pages.push(`${root}/${sub}/${name}`);
    }
  }
  return pages;
}
