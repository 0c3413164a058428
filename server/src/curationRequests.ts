/**
 * The LSP wiring of the editor's curation (issue 18): quick fixes (`textDocument/codeAction`) and
 * the `khabar/*` requests of the client's curation commands, served by the host's
 * {@link CurationService}, whose edits go out as `workspace/applyEdit` (Undo works).
 */
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { AddCorrectionsRequest, AddKnowledgeRequest, ClearStaleCorrectionsRequest, CorrectionsRequest, KnowledgeEntitiesRequest } from './protocol';
import { isCurationPath } from './curationFiles';
import { keyOf } from './host/articleStore';
import { CurationService, diskText } from './host/curationService';
import type { KhabarHost } from './host/khabarHost';
import { describe } from './host/types';

/** Serves the quick fixes and the curation requests; `canConfigure`: whether the client answers `workspace/configuration`. */
export function registerCuration(connection: Connection, host: KhabarHost, documents: TextDocuments<TextDocument>, canConfigure: () => boolean): CurationService {
  const curation = new CurationService({
    state: host.state,
    applyEdit: async (label, edit) => (await connection.workspace.applyEdit({ label, edit })).applied,
    author: async () => {
      if (!canConfigure()) return undefined;
      const author: unknown = await connection.workspace.getConfiguration('khabar.curation.author');
      return typeof author === 'string' && author.trim() ? author.trim() : undefined;
    },
    articleText: async (uri) => documents.get(uri)?.getText() ?? diskText(uri, host.state.settings.maxFileSizeKB),
    openText: (uri) => documents.all().find((d) => keyOf(d.uri) === keyOf(uri))?.getText(),
  });
  connection.onCodeAction(async ({ textDocument, range, context }) => {
    try {
      await host.ready;
      const doc = documents.get(textDocument.uri);
      // The curation file's buffer is synced too: no article.
      return doc && !isCurationPath(textDocument.uri) ? curation.codeActions(doc, await host.store.entryFor(doc), range, context.diagnostics) : null;
    } catch (e) {
      connection.console.error(`Khabar quick fixes failed for ${textDocument.uri}: ${describe(e)}`);
      return null;
    }
  });
  connection.onRequest(AddCorrectionsRequest.type, (params) => curation.addCorrections(params?.corrections));
  connection.onRequest(AddKnowledgeRequest.type, (params) => curation.addKnowledge(params));
  connection.onRequest(KnowledgeEntitiesRequest.type, (params) => curation.knowledgeEntities(params?.type));
  connection.onRequest(CorrectionsRequest.type, () => curation.corrections());
  connection.onRequest(ClearStaleCorrectionsRequest.type, () => curation.clearStale());
  return curation;
}
