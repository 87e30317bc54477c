import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { html } from '@codemirror/lang-html';
import { xml } from '@codemirror/lang-xml';
import { bracketMatching, foldGutter, HighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { Compartment, EditorState } from '@codemirror/state';
import { EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { useEffect, useRef } from 'react';
import { lineRange, type LineDiagnostic } from './live-lint';

const styleNonce = document.querySelector<HTMLMetaElement>('meta[name="turkbench-style-nonce"]')?.content ?? '';

/** Markup colours readable on both themes' surfaces. */
const highlight = (dark: boolean) =>
  HighlightStyle.define([
    { tag: [tags.tagName, tags.angleBracket], color: dark ? '#7cc4ff' : '#1d4ed8' },
    { tag: tags.attributeName, color: dark ? '#f0b86e' : '#9a3412' },
    { tag: [tags.attributeValue, tags.string], color: dark ? '#8fd694' : '#15803d' },
    { tag: tags.comment, color: dark ? '#8b93a1' : '#6b7280', fontStyle: 'italic' },
    { tag: [tags.keyword, tags.processingInstruction, tags.documentMeta], color: dark ? '#d2a8ff' : '#7c3aed' },
    { tag: [tags.number, tags.bool, tags.null], color: dark ? '#ffa657' : '#b45309' },
    { tag: [tags.propertyName, tags.variableName], color: dark ? '#e6e8ec' : '#1c2028' },
    { tag: tags.invalid, color: dark ? '#f87171' : '#c81e1e' },
  ]);

const editorTheme = (dark: boolean) => [syntaxHighlighting(highlight(dark)), EditorView.theme(
    {
      '&': { height: '100%', fontSize: '13px', backgroundColor: 'var(--surface)', color: 'var(--text)' },
      '.cm-scroller': { fontFamily: 'var(--font-mono)' },
      '.cm-gutters': { backgroundColor: 'var(--sidebar)', color: 'var(--text-muted)', borderRight: '1px solid var(--border)' },
      '.cm-activeLine': { backgroundColor: dark ? '#ffffff0a' : '#2563eb0a' },
      '.cm-activeLineGutter': { backgroundColor: dark ? '#ffffff12' : '#2563eb14' },
      '&.cm-focused': { outline: 'none' },
      '.cm-content': { caretColor: 'var(--text)' },
    },
    { dark },
  )];

/**
 * The question's text in CodeMirror: HTML or XML highlighting, line numbers, folding, and the lint findings as
 * diagnostics at their lines (a gutter marker, an underlined line, the message on hover). The editor owns its text
 * while mounted; `value` replaces it only when it differs (a folder opened or reverted).
 */
export function TemplateEditor(props: {
  value: string;
  language: 'html' | 'xml';
  dark: boolean;
  diagnostics: readonly LineDiagnostic[];
  onChange: (text: string) => void;
  label: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const onChange = useRef(props.onChange);
  onChange.current = props.onChange;
  const themeSlot = useRef(new Compartment());
  const languageSlot = useRef(new Compartment());

  useEffect(() => {
    const editor = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: props.value,
        extensions: [
          EditorView.cspNonce.of(styleNonce),
          lineNumbers(),
          foldGutter(),
          lintGutter(),
          EditorView.lineWrapping,
          history(),
          indentOnInput(),
          bracketMatching(),
          highlightActiveLine(),
          highlightActiveLineGutter(),
          keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
          languageSlot.current.of(props.language === 'xml' ? xml() : html()),
          themeSlot.current.of(editorTheme(props.dark)),
          EditorView.contentAttributes.of({ 'aria-label': props.label }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) onChange.current(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // Built once; later prop changes are applied by the effects below.
  }, []);

  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== props.value) editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: props.value } });
  }, [props.value]);

  useEffect(() => {
    view.current?.dispatch({ effects: [themeSlot.current.reconfigure(editorTheme(props.dark)), languageSlot.current.reconfigure(props.language === 'xml' ? xml() : html())] });
  }, [props.dark, props.language]);

  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    const text = editor.state.doc.toString();
    const diagnostics: Diagnostic[] = props.diagnostics.map((d) => ({ ...lineRange(text, d.line), severity: d.severity, message: d.message, source: 'lint' }));
    editor.dispatch(setDiagnostics(editor.state, diagnostics));
  }, [props.diagnostics]);

  return <div className="template-editor" ref={host} />;
}
