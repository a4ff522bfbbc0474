// The zcsim site: the man pages rendered from their mdoc sources, a live
// editor for every sample, and nothing loaded from outside its own origin.
import type { Config } from '@docusaurus/types';
import type * as Preset from '@docusaurus/preset-classic';
import { themes as prismThemes } from 'prism-react-renderer';

const config: Config = {
  title: 'zcsim',
  tagline: "FreeBSD's 2002 zero copy sockets, documented and running live",
  url: 'http://localhost',
  baseUrl: '/',
  favicon: 'img/favicon.svg',
  trailingSlash: false,
  onBrokenLinks: 'throw',
  onBrokenAnchors: 'throw',
  markdown: { hooks: { onBrokenMarkdownLinks: 'throw' } },
  i18n: { defaultLocale: 'en', locales: ['en'] },
  presets: [
    [
      'classic',
      {
        docs: {
          routeBasePath: '/',
          sidebarPath: './sidebars.ts',
        },
        blog: false,
        theme: { customCss: './src/css/custom.css' },
      } satisfies Preset.Options,
    ],
  ],
  plugins: ['./src/plugins/zcsim-content.ts', './src/plugins/zcsim-bench.ts', './src/plugins/csp.ts'],
  themes: [
    [
      '@easyops-cn/docusaurus-search-local',
      {
        hashed: true,
        indexBlog: false,
        docsRouteBasePath: '/',
        highlightSearchTermsOnTargetPage: false,
      },
    ],
  ],
  themeConfig: {
    colorMode: { respectPrefersColorScheme: true },
    navbar: {
      title: 'zcsim',
      items: [
        { to: '/man9/zero_copy', label: 'zero_copy(9)', position: 'left' },
        { to: '/apropos', label: 'apropos', position: 'left' },
      ],
    },
    footer: {
      style: 'dark',
      copyright:
        'zcsim: a simulated FreeBSD 5.0 kernel for learning zero copy sockets. Man page text written for this project.',
    },
    prism: {
      theme: prismThemes.github,
      darkTheme: prismThemes.dracula,
      additionalLanguages: ['bash'],
    },
  } satisfies Preset.ThemeConfig,
};

export default config;
