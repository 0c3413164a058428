/**
 * The Events view's model on the client, kept in step: the whole model at first (and for a new
 * index), then only the events and documents that changed and those gone.
 */
import type { IndexedAnalysis, WorkspaceEvent, WorkspaceIndex } from '../core';
import type { EventsDocument, EventsParams, EventView, Range } from '../protocol';
import { eventsDocument, eventView } from '../views';

/** What one update sends. */
export interface EventsUpdate {
  params: EventsParams;
  full: boolean;
}

export class EventsSync {
  /** What the client was last sent. */
  private sent: { index: WorkspaceIndex; events: Set<string>; documents: Map<string, IndexedAnalysis> } | undefined;
  private sequence = 0;

  /**
   * The notification that brings the client's model to the index's events.
   * @param rangeOf the range of a span of a document, null when it lies outside its text
   * @param exportPath the path a document goes by in the view
   */
  update(
    index: WorkspaceIndex,
    events: ReadonlyMap<string, WorkspaceEvent>,
    indexing: boolean,
    rangeOf: (uri: string, start: number, end: number) => Range | null,
    exportPath: (uri: string) => string,
  ): EventsUpdate {
    const full = !this.sent || this.sent.index !== index;
    if (full || !this.sent) this.sent = { index, events: new Set(), documents: new Map() };
    const sent = this.sent;
    const changedEvents: EventView[] = [];
    for (const [key, ev] of events) if (!sent.events.has(key)) { changedEvents.push(eventView(ev, rangeOf)); sent.events.add(key); }
    const removedEvents: string[] = [];
    for (const key of sent.events) if (!events.has(key)) removedEvents.push(key);
    for (const key of removedEvents) sent.events.delete(key);
    const changedDocuments: EventsDocument[] = [];
    for (const uri of index.uris()) {
      const a = index.get(uri)!;
      if (sent.documents.get(uri) !== a) { changedDocuments.push(eventsDocument(uri, exportPath(uri), a)); sent.documents.set(uri, a); }
    }
    const removedDocuments: string[] = [];
    for (const uri of sent.documents.keys()) if (!index.get(uri)) removedDocuments.push(uri);
    for (const uri of removedDocuments) sent.documents.delete(uri);
    const params: EventsParams = {
      sequence: ++this.sequence, documentCount: index.size, indexing, full, documents: changedDocuments, events: changedEvents,
      ...(removedDocuments.length ? { removedDocuments } : {}), ...(removedEvents.length ? { removedEvents } : {}),
    };
    return { params, full };
  }
}
