// The sample editor: CodeMirror 6, loaded only when the reader focuses or
// clicks into a sample (LiveSample.tsx). It holds the reader's code, marks
// the line and column of an error the last Run reported, and, from the
// reader's first edit on, asks the TypeScript language service (ts/,
// itself loaded then, in a worker) for type and syntax errors, completions
// and hover text for the zcsim API.
//
// Keyboard: Tab indents, as in any code editor; Escape then Tab (or
// Shift+Tab) moves focus out of the editor, as the WAI-ARIA guidance for
// code editors suggests (CodeMirror's tab focus mode).
import React, { useEffect, useRef, useState } from 'react';
import { Compartment, EditorState, StateEffect, StateField, type Extension } from '@codemirror/state';
import {
  Decoration, EditorView, drawSelection, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers, type DecorationSet,
} from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { bracketMatching, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { javascript } from '@codemirror/lang-javascript';
import { forceLinting, lintGutter, linter, setDiagnosticsEffect, type Diagnostic } from '@codemirror/lint';
import { classHighlighter } from '@lezer/highlight';
import styles from './styles.module.css';

/** An error the last Run reported, to be marked in the code: 1-based line and column. */
export interface RunMark {
  readonly line: number;
  readonly column?: number;
  readonly message: string;
  readonly kind: 'compile' | 'runtime';
}

/** What the language service gives the editor (ts/client.ts); absent until the reader edits. */
export interface LanguageService {
  readonly extensions: Extension;
  diagnostics(code: string): Promise<Diagnostic[]>;
}

/** A diagnostic's position in words: one line and one column, both 1-based. */
export function positionText(state: EditorState, pos: number): string {
  const line = state.doc.lineAt(pos);
  return `line ${line.number}, column ${pos - line.from + 1}`;
}

// The run's mark, until the code changes.
const setRunMark = StateEffect.define<RunMark | null>();
const runMarkField = StateField.define<RunMark | null>({
  create: () => null,
  update: (value, tr) => {
    for (const e of tr.effects) if (e.is(setRunMark)) return e.value;
    return tr.docChanged ? null : value;
  },
});

function runMarkDiagnostic(state: EditorState): Diagnostic[] {
  const mark = state.field(runMarkField);
  if (mark === null || mark.line < 1 || mark.line > state.doc.lines) return [];
  const line = state.doc.line(mark.line);
  const from = Math.min(line.to, line.from + Math.max(0, (mark.column ?? 1) - 1));
  const to = from < line.to ? from + 1 : from;
  return [{ from, to, severity: 'error', source: mark.kind === 'compile' ? 'compile' : 'run', message: `${mark.kind === 'compile' ? 'Cannot compile' : 'Run failed'} at ${positionText(state, from)}: ${mark.message}` }];
}

// Every line with an error diagnostic gets a class, so the line itself is marked, not only its gutter.
const errorLineDecoration = Decoration.line({ class: 'cm-zcsim-error-line' });
const errorLines = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(value, tr) {
    for (const e of tr.effects) {
      if (!e.is(setDiagnosticsEffect)) continue;
      const starts = [...new Set(e.value.filter((d) => d.severity === 'error').map((d) => tr.state.doc.lineAt(d.from).from))].sort((a, b) => a - b);
      return Decoration.set(starts.map((from) => errorLineDecoration.range(from)));
    }
    return value.map(tr.changes);
  },
  provide: (f) => EditorView.decorations.from(f),
});

export interface CodeEditorProps {
  code: string;
  onChange: (code: string) => void;
  /** How the reader reached the code: a click puts the cursor where they clicked. */
  activation: { x?: number; y?: number };
  mark: RunMark | null;
  /** URL path of the TypeScript language service worker (src/plugins/workers.ts). */
  tsWorkerUrl: string;
}

export default function CodeEditor({ code, onChange, activation, mark, tsWorkerUrl }: CodeEditorProps): React.ReactElement {
  const parent = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const service = useRef<LanguageService | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const [diagnostics, setDiagnostics] = useState<{ text: string; severity: string }[]>([]);

  useEffect(() => {
    if (parent.current === null) return;
    const languageService = new Compartment();
    let loading = false;
    const loadService = (v: EditorView) => {
      if (loading) return;
      loading = true;
      void import('./ts/client.ts')
        .then(({ startLanguageService }) => startLanguageService(tsWorkerUrl))
        .then((s) => {
          service.current = s;
          if (view.current !== v) return;
          v.dispatch({ effects: languageService.reconfigure(s.extensions) });
          forceLinting(v);
        })
        .catch(() => {
          // Without the service the editor still edits and runs; it just knows no types.
        });
    };
    const v = new EditorView({
      parent: parent.current,
      state: EditorState.create({
        doc: code,
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          history(),
          drawSelection(),
          indentOnInput(),
          bracketMatching(),
          highlightActiveLine(),
          javascript({ typescript: true }),
          syntaxHighlighting(classHighlighter),
          keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
          EditorView.contentAttributes.of({ 'aria-label': 'Sample code editor (Esc then Tab leaves it)' }),
          runMarkField,
          errorLines,
          lintGutter(),
          linter(
            async (lv) => {
              const own = runMarkDiagnostic(lv.state);
              const typed = service.current === null ? [] : await service.current.diagnostics(lv.state.doc.toString());
              // One position, the start, in words: "TS2322 at line 3, column 7: ...".
              return [...own, ...typed.map((d) => ({ ...d, message: `${d.source ?? 'TypeScript'} at ${positionText(lv.state, d.from)}: ${d.message}` }))];
            },
            { delay: 300 },
          ),
          languageService.of([]),
          EditorView.updateListener.of((u) => {
            for (const e of u.transactions.flatMap((t) => t.effects)) {
              if (e.is(setDiagnosticsEffect)) {
                setDiagnostics(e.value.map((d) => ({ severity: d.severity, text: d.message })));
              }
            }
            if (!u.docChanged) return;
            onChangeRef.current(u.state.doc.toString());
            if (u.transactions.some((t) => t.isUserEvent('input') || t.isUserEvent('delete') || t.isUserEvent('undo') || t.isUserEvent('redo') || t.isUserEvent('move'))) {
              loadService(u.view);
            }
          }),
        ],
      }),
    });
    view.current = v;
    const at = activation.x !== undefined && activation.y !== undefined ? v.posAtCoords({ x: activation.x, y: activation.y }) : null;
    if (at !== null) v.dispatch({ selection: { anchor: at } });
    v.focus();
    return () => {
      view.current = null;
      v.destroy();
    };
    // The view is made once; later code comes in through the effect below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Code set from outside (Reset): replace the document.
  useEffect(() => {
    const v = view.current;
    if (v === null || v.state.doc.toString() === code) return;
    v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: code } });
  }, [code]);

  useEffect(() => {
    const v = view.current;
    if (v === null) return;
    v.dispatch({ effects: setRunMark.of(mark) });
    forceLinting(v);
  }, [mark]);

  return (
    <div className={styles.editor}>
      <div ref={parent} data-editor />
      {diagnostics.length > 0 && (
        <ul className={styles.diagnostics} data-editor-diagnostics aria-live="polite">
          {diagnostics.map((d, i) => (
            <li key={i} data-severity={d.severity}>
              {d.text}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
