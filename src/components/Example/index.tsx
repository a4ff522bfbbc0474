// Placeholder: replaced by the live Sandpack editor. Props are the contract.
import React from 'react';
export interface ExampleProps { slug: string; code: string }
export default function Example({ code }: ExampleProps): React.ReactElement {
  return <pre><code>{code}</code></pre>;
}
