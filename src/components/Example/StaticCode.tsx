// A sample's code as static highlighted text: what the server renders, what
// a reader without JavaScript sees, and what stands in for the editor until
// the reader focuses or clicks into it (then onActivate loads the editor).
import React from 'react';
import CodeBlock from '@theme/CodeBlock';
import styles from './styles.module.css';

export interface Activation {
  /** Where the reader clicked, to put the cursor there; absent when the code was reached with the keyboard. */
  readonly x?: number;
  readonly y?: number;
}

export default function StaticCode({
  code,
  onActivate,
}: {
  code: string;
  onActivate?: (at: Activation) => void;
}): React.ReactElement {
  if (onActivate === undefined) {
    return (
      <CodeBlock language="ts" className={styles.static ?? ''}>
        {code}
      </CodeBlock>
    );
  }
  // The code block's own Copy button stays a button: only the code itself opens the editor.
  const fromCode = (target: EventTarget) => !(target instanceof Element && target.closest('button') !== null);
  return (
    <div
      className={styles.staticEditable}
      data-code-static
      tabIndex={0}
      role="textbox"
      aria-multiline="true"
      aria-readonly="true"
      aria-label="Sample code: press Enter, type or click to edit"
      onFocus={(e) => {
        if (e.target === e.currentTarget) onActivate({});
      }}
      onPointerDown={(e) => {
        if (fromCode(e.target)) onActivate({ x: e.clientX, y: e.clientY });
      }}
    >
      <CodeBlock language="ts" className={styles.static ?? ''}>
        {code}
      </CodeBlock>
    </div>
  );
}
