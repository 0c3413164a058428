/**
 * The Events view: the workspace's events (from the store, fed by the server's `khabar/events`
 * notification) → their figures → the reports of each figure. Nodes are plain data read from the
 * store; tree items are made from them on demand. Selecting a report opens its document at its words.
 */
import * as vscode from 'vscode';
import type { EventFigureView, EventReportView, EventsDocument, EventsParams, EventView } from '../../server/src/protocol';
import type { KhabarStore } from './store';
import { formatNumber, formatValue, groupWord, isolate } from '../../server/src/wording';

export { isolate };

export const EVENTS_VIEW_ID = 'khabar.events';

/** A node of the Events view: plain data, never a TreeItem. */
export type EventsNode =
  | { kind: 'event'; id: string; event: EventView }
  | { kind: 'figure'; id: string; event: EventView; figure: EventFigureView }
  | { kind: 'report'; id: string; event: EventView; figure: EventFigureView; report: EventReportView };

const TYPE_LABELS: Record<EventView['type'], string> = {
  attack: 'Attack',
  armed_clash: 'Armed clash',
  bombing: 'Bombing',
  arrest: 'Arrests',
  protest: 'Protest',
  riot: 'Riot',
  other: 'Event',
};

const TYPE_ICONS: Record<EventView['type'], string> = {
  attack: 'target',
  armed_clash: 'shield',
  bombing: 'flame',
  arrest: 'lock',
  protest: 'megaphone',
  riot: 'flame',
  other: 'circle-outline',
};

/** `3`, `1–2`, `at least 4`, `about 8,000`: the wording of values everywhere (server/src/wording.ts). */
export function formatRange(low: number, high: number | null, approximate = false): string {
  return formatValue({ low, high, approximate });
}

function formatDate(date: EventView['date']): string | undefined {
  if (!date) return undefined;
  const cut = (d: string) => (date.precision === 'year' ? d.slice(0, 4) : date.precision === 'month' ? d.slice(0, 7) : d);
  return date.start === date.end || cut(date.start) === cut(date.end) ? cut(date.start) : `${cut(date.start)} – ${cut(date.end)}`;
}

export function eventLabel(event: EventView): string {
  return event.place ? `${TYPE_LABELS[event.type] ?? event.type} — ${isolate(event.place.name)}` : TYPE_LABELS[event.type] ?? event.type;
}

export function eventDescription(event: EventView): string {
  const n = event.sources.length;
  const by = event.actors?.find((a) => a.role === 'perpetrator');
  return [formatDate(event.date) ?? 'date unknown', by ? `by ${isolate(by.name)}` : undefined, `${n} source${n === 1 ? '' : 's'}`, event.conflict ? '⚠ sources disagree' : undefined, event.curated ? '✎ corrected' : undefined]
    .filter(Boolean)
    .join(' · ');
}

export function figureLabel(figure: EventFigureView): string {
  return `${figure.kind} · ${groupWord(figure.group)}`;
}

/** Vague in every source ("dozens", عشرات): the figure is as vague. */
function isVague(figure: EventFigureView): boolean {
  return figure.reports.length > 0 && figure.reports.every((r) => r.approximate);
}

export function figureDescription(figure: EventFigureView): string {
  const vague = isVague(figure);
  const value = figure.best !== null && figure.low === figure.high ? formatRange(figure.best, figure.best, vague) : formatRange(figure.low, figure.high, vague);
  const verdict = figure.adjudication ? '✎ best chosen' : figure.resolution === 'notConflict' ? '✎ no disagreement' : figure.resolution === 'update' ? '✎ an update' : undefined;
  return [value, figure.conflict ? '⚠ conflict' : undefined, figure.update ? '↑ updated' : undefined, verdict].filter(Boolean).join(' · ');
}

export class EventsTreeProvider implements vscode.TreeDataProvider<EventsNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<EventsNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [];
  /** The nodes of the last notification, built once per notification. */
  private roots: EventsNode[] = [];
  private children = new Map<string, EventsNode[]>();
  private parents = new Map<string, EventsNode>();
  private documents = new Map<string, EventsDocument>();

  constructor(private readonly store: KhabarStore) {
    this.rebuild(store.events);
    this.disposables.push(
      store.onDidUpdateEvents((p) => {
        this.rebuild(p);
        this.emitter.fire(undefined);
      }),
    );
  }

  /** The events as last notified, or undefined before the first notification. */
  get model(): EventsParams | undefined {
    return this.store.events;
  }

  getChildren(node?: EventsNode): EventsNode[] {
    return node ? (this.children.get(node.id) ?? []) : this.roots;
  }

  getParent(node: EventsNode): EventsNode | undefined {
    return this.parents.get(node.id);
  }

  getTreeItem(node: EventsNode): vscode.TreeItem {
    switch (node.kind) {
      case 'event': {
        const item = new vscode.TreeItem(eventLabel(node.event), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = node.id;
        item.description = eventDescription(node.event);
        item.iconPath = node.event.conflict
          ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'))
          : new vscode.ThemeIcon(TYPE_ICONS[node.event.type] ?? 'circle-outline');
        item.tooltip = this.eventTooltip(node.event);
        item.contextValue = node.event.conflict ? 'khabarEvent.conflict' : 'khabarEvent';
        return item;
      }
      case 'figure': {
        const item = new vscode.TreeItem(figureLabel(node.figure), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = node.id;
        item.description = figureDescription(node.figure);
        item.iconPath = new vscode.ThemeIcon(node.figure.conflict ? 'warning' : node.figure.update ? 'arrow-up' : 'circle-filled', new vscode.ThemeColor(`khabar.${node.figure.kind}Border`));
        const md = new vscode.MarkdownString();
        md.appendMarkdown(`**${figureLabel(node.figure)}**: ${formatRange(node.figure.low, node.figure.high, isVague(node.figure))}`);
        if (node.figure.best !== null) md.appendMarkdown(` (best ${formatNumber(node.figure.best)})`);
        if (node.figure.conflict) md.appendMarkdown('\n\nThe sources disagree: their figures cannot all be true.');
        if (node.figure.update) md.appendMarkdown('\n\nA later source raised the toll.');
        if (node.figure.adjudication) md.appendMarkdown(`\n\nThe analyst chose the best estimate${node.figure.adjudication.reason ? `: \u201C${isolate(node.figure.adjudication.reason)}\u201D` : ''}.`);
        if (node.figure.resolution) md.appendMarkdown(node.figure.resolution === 'update' ? '\n\nThe analyst said the figures tell an update over time.' : '\n\nThe analyst said the sources do not disagree.');
        item.tooltip = md;
        item.contextValue = 'khabarFigure';
        return item;
      }
      case 'report': {
        const r = node.report;
        const doc = this.documents.get(r.document);
        const item = new vscode.TreeItem(isolate(doc?.source ?? doc?.path ?? r.document), vscode.TreeItemCollapsibleState.None);
        item.id = node.id;
        item.description = `${formatRange(r.low, r.high, r.approximate)} — “${isolate(r.text)}”${r.inferredDate ? ' · date inferred' : ''}${r.curated ? ' · ✎ corrected' : ''}`;
        item.iconPath = new vscode.ThemeIcon('quote');
        const uri = vscode.Uri.parse(r.uri);
        item.resourceUri = uri;
        const range = new vscode.Range(r.range.start.line, r.range.start.character, r.range.end.line, r.range.end.character);
        item.command = { command: 'vscode.open', title: 'Show the report', arguments: [uri, { selection: range, preview: true } satisfies vscode.TextDocumentShowOptions] };
        item.tooltip = `${doc?.source ? `${isolate(doc.source)}, ` : ''}${isolate(doc?.path ?? r.uri)}, line ${r.range.start.line + 1}: ${formatRange(r.low, r.high, r.approximate)} “${isolate(r.text)}”${r.inferredDate ? '\nThis article gives no date for the event: its date is inferred from the other sources.' : ''}`;
        item.contextValue = 'khabarReport';
        return item;
      }
    }
  }

  private eventTooltip(event: EventView): vscode.MarkdownString {
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**${eventLabel(event)}**\n\n`);
    md.appendText(`${formatDate(event.date) ?? 'Date unknown'}\n`);
    const ROLES = { perpetrator: 'Attacked by', claimant: 'Claimed by', target: 'Target' } as const;
    for (const role of ['perpetrator', 'claimant', 'target'] as const) {
      const names = (event.actors ?? []).filter((a) => a.role === role).map((a) => a.name);
      if (names.length) { md.appendMarkdown(`\n\n${ROLES[role]}: `); md.appendText(names.map(isolate).join(', ')); }
    }
    md.appendMarkdown('\n\nSources: ');
    md.appendText(event.sources.map((s) => isolate(this.documents.get(s)?.source ?? this.documents.get(s)?.path ?? s)).join(', '));
    if (event.conflict) md.appendMarkdown('\n\n$(warning) Some figures disagree across sources.');
    md.supportThemeIcons = true;
    return md;
  }

  private rebuild(params: EventsParams | undefined): void {
    this.roots = [];
    this.children = new Map();
    this.parents = new Map();
    this.documents = new Map((params?.documents ?? []).map((d) => [d.id, d]));
    const used = new Set<string>();
    const unique = (id: string) => {
      let candidate = id;
      for (let n = 2; used.has(candidate); n++) candidate = `${id}#${n}`;
      used.add(candidate);
      return candidate;
    };
    for (const event of params?.events ?? []) {
      // Ids from what identifies the event, not its position, so that expanded nodes stay expanded.
      const firstReport = event.figures[0]?.reports[0];
      const eventNode: EventsNode = {
        kind: 'event',
        id: unique(`event:${event.type}:${event.place?.entity ?? '-'}:${event.date?.start ?? '-'}:${this.documents.get(event.sources[0] ?? '')?.uri ?? firstReport?.uri ?? event.id}`),
        event,
      };
      this.roots.push(eventNode);
      const figures: EventsNode[] = [];
      for (const figure of event.figures) {
        const figureNode: EventsNode = { kind: 'figure', id: unique(`${eventNode.id}/${figure.kind}:${figure.group}`), event, figure };
        figures.push(figureNode);
        this.parents.set(figureNode.id, eventNode);
        const reports: EventsNode[] = figure.reports.map((report) => {
          const reportNode: EventsNode = {
            kind: 'report',
            id: unique(`${figureNode.id}/${report.uri}@${report.range.start.line}:${report.range.start.character}`),
            event,
            figure,
            report,
          };
          this.parents.set(reportNode.id, figureNode);
          return reportNode;
        });
        this.children.set(figureNode.id, reports);
      }
      this.children.set(eventNode.id, figures);
    }
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
    this.emitter.dispose();
  }
}

/** The Events tree view: the provider, a message while the workspace is indexed and a badge counting conflicted events. */
export function createEventsView(store: KhabarStore, provider: EventsTreeProvider): { view: vscode.TreeView<EventsNode>; disposables: vscode.Disposable[] } {
  const view = vscode.window.createTreeView(EVENTS_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  const refresh = (p: EventsParams | undefined) => {
    if (!p) {
      view.message = 'Waiting for the Khabar language server…';
      view.badge = undefined;
      return;
    }
    const n = p.documentCount;
    view.message = p.indexing ? `Indexing the workspace's articles… (${n} so far)` : undefined;
    const conflicted = p.events.filter((e) => e.conflict).length;
    view.badge = conflicted ? { value: conflicted, tooltip: `${conflicted} event${conflicted === 1 ? '' : 's'} whose sources disagree` } : undefined;
    view.description = `${p.events.length} event${p.events.length === 1 ? '' : 's'} in ${n} article${n === 1 ? '' : 's'}`;
  };
  refresh(store.events);
  return { view, disposables: [view, store.onDidUpdateEvents(refresh)] };
}
