// The JSON modules the site's plugins write at build time (Docusaurus's @generated/ directory).
declare module '@generated/zcsim-bench/default/bench.json' {
  const bench: unknown;
  export default bench;
}
