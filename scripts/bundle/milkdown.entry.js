// The minutes editor's rich-text engine: Milkdown (ProseMirror + remark), CommonMark + GFM
// tables, reading and writing the same Markdown the server stores. Bundled by scripts/vendor.py.
export { Editor, rootCtx, defaultValueCtx, editorViewCtx, editorViewOptionsCtx } from '@milkdown/kit/core';
export {
  commonmark,
  toggleStrongCommand,
  toggleEmphasisCommand,
  wrapInHeadingCommand,
  wrapInBulletListCommand,
  wrapInOrderedListCommand,
  wrapInBlockquoteCommand,
  turnIntoTextCommand,
} from '@milkdown/kit/preset/commonmark';
export { gfm, insertTableCommand } from '@milkdown/kit/preset/gfm';
export { listener, listenerCtx } from '@milkdown/kit/plugin/listener';
export { history, undoCommand, redoCommand } from '@milkdown/kit/plugin/history';
export { callCommand, getMarkdown, replaceAll } from '@milkdown/kit/utils';
