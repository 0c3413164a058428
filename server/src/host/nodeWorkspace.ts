/** The workspace of the language server: files on disk (node:fs) and the documents the editor holds. */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { listArticleFiles, readArticleFile } from '../workspaceFiles';
import type { HostWorkspace } from './types';

/** The open documents as `TextDocuments` of vscode-languageserver keeps them. */
export interface OpenDocuments {
  get(uri: string): TextDocument | undefined;
  all(): TextDocument[];
}

export function nodeWorkspace(documents: OpenDocuments): HostWorkspace {
  return {
    documents: () => documents.all(),
    document: (uri) => documents.get(uri),
    listArticleFiles: (folders, filter, options) => listArticleFiles(folders, filter, options),
    readArticleFile: (file, maxKB) => readArticleFile(file, maxKB),
  };
}
