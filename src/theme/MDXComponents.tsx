// Tags every MDX page may use without importing them: <Example slug="..." />
// runs a sample from examples/ live in the page.
import MDXComponents from '@theme-original/MDXComponents';
import Example from '@site/src/components/Example/index.tsx';

export default {
  ...MDXComponents,
  Example,
};
