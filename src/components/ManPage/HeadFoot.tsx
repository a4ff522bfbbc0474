// The header line (TITLE(9)  volume  TITLE(9)) and the footer (OS  date)
// tables that frame every mandoc page.
import React from 'react';
import type { MdocDocument } from '../../mdoc/index.ts';

export function Head({ doc }: { doc: MdocDocument }): React.ReactElement {
  const title = `${doc.title}(${doc.section})`;
  return (
    <table className="head"><tbody><tr>
      <td className="head-ltitle">{title}</td>
      <td className="head-vol">{doc.volume}</td>
      <td className="head-rtitle">{title}</td>
    </tr></tbody></table>
  );
}

export function Foot({ doc }: { doc: MdocDocument }): React.ReactElement {
  return (
    <table className="foot"><tbody><tr>
      <td className="foot-os">{doc.os}</td>
      <td className="foot-date">{doc.date}</td>
    </tr></tbody></table>
  );
}
