// The editor's side of the TypeScript language service: starts ts.worker.ts
// (once per page, shared by every editor on it) and turns its answers into
// CodeMirror extensions: completions, hover (the signature, its doc comment
// and the manual's entry, with a link to it) and, through the editor's
// linter (CodeEditor.tsx), type and syntax errors.
import { autocompletion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { hoverTooltip } from '@codemirror/view';
import type { Diagnostic } from '@codemirror/lint';
import type { LanguageService } from '../CodeEditor.tsx';
import type { TsHover, TsRequest, TsResponse } from './protocol.ts';

type Ask = <T extends TsResponse['op']>(request: DistributiveOmit<TsRequest, 'id'>) => Promise<Extract<TsResponse, { op: T }>>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

let shared: Promise<Ask> | null = null;

function connect(url: string): Promise<Ask> {
  const worker = new Worker(url, { name: 'zcsim TypeScript' });
  const waiting = new Map<number, (r: TsResponse) => void>();
  let next = 1;
  worker.onmessage = (event: MessageEvent<TsResponse>) => {
    const settle = waiting.get(event.data.id);
    waiting.delete(event.data.id);
    settle?.(event.data);
  };
  const ask = (<T extends TsResponse['op']>(request: DistributiveOmit<TsRequest, 'id'>) =>
    new Promise<Extract<TsResponse, { op: T }>>((resolve, reject) => {
      const id = next++;
      waiting.set(id, (r) => (r.op === 'error' ? reject(new Error(r.message)) : resolve(r as Extract<TsResponse, { op: T }>)));
      worker.postMessage({ ...request, id });
    })) as Ask;
  return Promise.resolve(ask);
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The hover box: signature, doc comment, then each man page entry with its link. */
export function renderHover(h: TsHover): HTMLElement {
  const box = el('div', 'zcsim-hover');
  box.setAttribute('data-hover', '');
  if (h.signature !== '') box.appendChild(el('pre', 'zcsim-hover-signature', h.signature)).setAttribute('data-hover-signature', '');
  if (h.documentation !== '') box.appendChild(el('p', 'zcsim-hover-doc', h.documentation)).setAttribute('data-hover-doc', '');
  for (const m of h.man) {
    const p = el('p', 'zcsim-hover-man');
    p.setAttribute('data-hover-man', m.page);
    const link = el('a', '', `${m.page}, ${m.section}`);
    link.href = m.href;
    p.append(link, document.createTextNode(`: ${m.text}`));
    box.appendChild(p);
  }
  return box;
}

export async function startLanguageService(url: string): Promise<LanguageService> {
  shared ??= connect(url);
  const ask = await shared;
  const complete = async (ctx: CompletionContext): Promise<CompletionResult | null> => {
    const word = ctx.matchBefore(/[\w$]*/);
    const afterDot = ctx.matchBefore(/\.\s*[\w$]*$/) !== null;
    if (!ctx.explicit && !afterDot && (word === null || word.from === word.to)) return null;
    const r = await ask<'completions'>({ op: 'completions', code: ctx.state.doc.toString(), pos: ctx.pos });
    if (r.options.length === 0) return null;
    return { from: r.from, options: r.options.map((o) => ({ label: o.label, type: o.type })), validFor: /^[\w$]*$/ };
  };
  return {
    extensions: [
      autocompletion({ override: [complete], activateOnTyping: true }),
      hoverTooltip(async (view, pos) => {
        const r = await ask<'hover'>({ op: 'hover', code: view.state.doc.toString(), pos });
        if (r.hover === null) return null;
        const h = r.hover;
        return { pos: h.from, end: h.to, above: true, create: () => ({ dom: renderHover(h) }) };
      }),
    ],
    diagnostics: async (code: string): Promise<Diagnostic[]> => {
      const r = await ask<'diagnostics'>({ op: 'diagnostics', code });
      return r.diagnostics.map((d) => ({
        from: d.from,
        to: Math.max(d.to, d.from),
        severity: d.severity,
        source: d.code,
        message: d.message,
      }));
    },
  };
}
