// A section heading with its permalink, as mandoc writes it:
// <h2 class="Sh" id="SEE_ALSO"><a class="permalink" href="#SEE_ALSO">SEE ALSO</a></h2>.
// Sections are h2 and subsections h3 because the site page owns the h1.
import React from 'react';

export default function Heading({ level, id, title }: { level: 'Sh' | 'Ss'; id: string; title: string }): React.ReactElement {
  const link = <a className="permalink" href={`#${id}`}>{title}</a>;
  return level === 'Sh' ? <h2 className="Sh" id={id}>{link}</h2> : <h3 className="Ss" id={id}>{link}</h3>;
}
