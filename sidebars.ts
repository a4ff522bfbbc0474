import type { SidebarsConfig } from '@docusaurus/plugin-content-docs';

// Ordered like a manual: the introduction, then the pages by section.
const sidebars: SidebarsConfig = {
  manual: [
    'index',
    {
      type: 'category',
      label: 'Section 4: device drivers',
      collapsed: false,
      items: ['man4/ti'],
    },
    {
      type: 'category',
      label: 'Section 9: kernel developer',
      collapsed: false,
      items: ['man9/jumbo', 'man9/zero_copy'],
    },
    {
      type: 'category',
      label: 'Kernel configuration',
      collapsed: false,
      items: ['kernel/options', 'kernel/sysctls'],
    },
    {
      type: 'category',
      label: 'The simulated kernel',
      collapsed: false,
      items: ['kernel/memory', 'kernel/mbufs', 'kernel/network', 'kernel/zero-copy'],
    },
    {
      type: 'category',
      label: "Application author's guide",
      collapsed: false,
      link: { type: 'doc', id: 'guide/index' },
      items: ['guide/kernel', 'guide/send', 'guide/receive', 'guide/verify', 'guide/checklist'],
    },
    'faq',
    'benchmarks',
    'history',
    { type: 'link', label: 'apropos', href: '/apropos' },
  ],
};

export default sidebars;
