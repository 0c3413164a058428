/**
 * The analyst's corrections in the editor (issue 18): the command the quick fixes run when they
 * need an answer (a value, a reason, an entity, coordinates), the actions of the Events view (move
 * a report, split it, merge two events, set an event's place, date or type) and the commands that
 * list the workspace's corrections and clear those that no longer match. Each correction is sent
 * to the server, which writes it to `.khabar/curation.json` through a workspace edit (Undo works).
 *
 * The questions go through {@link Prompts}, which the integration tests replace with answers.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { CurationChange, CurationTarget } from '../../server/src/core/curation';
import {
  AddCorrectionsRequest,
  AddKnowledgeRequest,
  ClearStaleCorrectionsRequest,
  CorrectionsRequest,
  KnowledgeEntitiesRequest,
  type AddKnowledgeParams,
  type CorrectionParams,
  type CorrectionView,
  type EventView,
  type KhabarFileEditResult,
} from '../../server/src/protocol';
import type { AskArguments, CurationActionData } from '../../server/src/host/curationActions';
import { eventDescription, eventLabel, type EventsNode, type EventsTreeProvider } from './eventsView';
import { parseDate, parseLatLon, parseValue } from './curationInput';

/** How the commands ask the user; the integration tests put scripted answers in its place. */
export interface Prompts {
  inputBox(options: vscode.InputBoxOptions): Thenable<string | undefined>;
  quickPick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Thenable<T | undefined>;
}

const windowPrompts: Prompts = {
  inputBox: (options) => vscode.window.showInputBox(options),
  quickPick: (items, options) => vscode.window.showQuickPick(items, options),
};

const EVENT_TYPES: readonly { type: EventView['type']; label: string }[] = [
  { type: 'attack', label: 'Attack' },
  { type: 'armed_clash', label: 'Armed clash' },
  { type: 'bombing', label: 'Bombing' },
  { type: 'arrest', label: 'Arrests' },
  { type: 'protest', label: 'Protest' },
  { type: 'riot', label: 'Riot' },
  { type: 'other', label: 'Other' },
];

const DOCUMENT: CurationTarget = { type: 'document' };

/** What a command did: the server's answer, or why nothing was sent. */
export type CurationOutcome = KhabarFileEditResult | { applied: false; cancelled: true };

export class CurationCommands {
  /** Replaced by the integration tests. */
  prompts: Prompts = windowPrompts;

  constructor(
    private readonly client: LanguageClient,
    private readonly events: EventsTreeProvider,
    private readonly selection: () => readonly EventsNode[],
  ) {}

  /** The commands, to register. */
  register(): vscode.Disposable[] {
    const node = (fn: (n: EventsNode) => Promise<CurationOutcome>) => (n?: EventsNode) => {
      const target = n ?? this.selection()[0];
      return target ? fn(target) : Promise.resolve({ applied: false, message: 'Select a report or an event in the Events view.' } as CurationOutcome);
    };
    return [
      vscode.commands.registerCommand('khabar.curation.ask', (args: AskArguments) => this.ask(args)),
      vscode.commands.registerCommand('khabar.curation.apply', (data: CurationActionData) => this.apply(data)),
      vscode.workspace.onDidChangeTextDocument((e) => this.saveUndo(e)),
      vscode.commands.registerCommand('khabar.events.moveReport', node((n) => this.moveReport(n))),
      vscode.commands.registerCommand('khabar.events.splitReport', node((n) => this.splitReport(n))),
      vscode.commands.registerCommand('khabar.events.mergeEvents', node((n) => this.mergeEvents(n))),
      vscode.commands.registerCommand('khabar.events.setPlace', node((n) => this.setPlace(n))),
      vscode.commands.registerCommand('khabar.events.setDate', node((n) => this.setDate(n))),
      vscode.commands.registerCommand('khabar.events.setType', node((n) => this.setType(n))),
      vscode.commands.registerCommand('khabar.listCorrections', () => this.listCorrections()),
      vscode.commands.registerCommand('khabar.clearStaleCorrections', () => this.clearStale()),
    ];
  }

  /** `.khabar/` files undone or redone whose new dirty state is not known yet. */
  private readonly undone = new Set<string>();

  /**
   * An Undo or Redo in a `.khabar/` file is saved, as Khabar's edit was: the server reads the
   * knowledge file from disk. The document turns dirty in a later event (no content change) than
   * the Undo's; typing in between cancels.
   */
  private saveUndo(e: vscode.TextDocumentChangeEvent): void {
    if (!isKhabarFile(e.document.uri)) return;
    const key = e.document.uri.toString();
    if (e.reason !== undefined) this.undone.add(key);
    else if (e.contentChanges.length) this.undone.delete(key);
    if (this.undone.has(key) && e.document.isDirty) {
      this.undone.delete(key);
      void e.document.save();
    }
  }

  /** Sends corrections to the server and says what went wrong, if anything. */
  send(corrections: CorrectionParams[]): Promise<CurationOutcome> {
    return this.written(() => this.client.sendRequest(AddCorrectionsRequest.type, { corrections }));
  }

  /** `khabar.curation.apply`: the corrections or the entity of a quick fix, written. */
  apply(data: CurationActionData): Promise<CurationOutcome> {
    if (data?.khabar === 'corrections') return this.send(data.corrections);
    if (data?.khabar === 'knowledge') return this.written(() => this.client.sendRequest(AddKnowledgeRequest.type, data.entity));
    return Promise.resolve({ applied: false, message: 'Nothing to apply.' });
  }

  /**
   * An edit of a `.khabar/` file by the server: the files the editor holds unsaved are saved first
   * (the server reads the disk, and its edit must fit the text), and the edited file after.
   */
  private async written<T extends KhabarFileEditResult>(edit: () => Promise<T>): Promise<T> {
    await Promise.all(vscode.workspace.textDocuments.filter((d) => d.isDirty && isKhabarFile(d.uri)).map((d) => d.save()));
    const result = this.told(await edit());
    const file = result.applied && result.file ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === result.file) : undefined;
    if (file?.isDirty) await file.save();
    return result;
  }

  private told<T extends KhabarFileEditResult>(result: T): T {
    if (!result.applied && result.message) void vscode.window.showErrorMessage(`Khabar: ${result.message}`);
    return result;
  }

  /** `khabar.curation.ask`: completes a quick fix's correction (or entity) with the user's answer and sends it. */
  async ask(args: AskArguments): Promise<CurationOutcome> {
    const cancelled = { applied: false, cancelled: true } as const;
    const c = args?.correction;
    switch (args?.ask) {
      case 'value': {
        const current = args.current && 'low' in args.current ? args.current : undefined;
        const answer = await this.prompts.inputBox({
          title: 'Khabar: correct the figure', prompt: 'The number of people: 12, a range 10-12, or at least 12+',
          value: current ? (current.high === null ? `${current.low}+` : current.high === current.low ? `${current.low}` : `${current.low}-${current.high}`) : '',
          validateInput: (v) => (parseValue(v) ? undefined : 'A number (12), a range (10-12) or at least (12+)'),
        });
        const value = answer === undefined ? null : parseValue(answer);
        return value && c ? this.send([{ ...c, change: { op: 'value', ...value } }]) : cancelled;
      }
      case 'reason': {
        const reason = await this.prompts.inputBox({ title: 'Khabar: keep this figure as the best estimate', prompt: 'Why (optional): the reason is kept with the correction and shown in hovers and exports' });
        return reason === undefined || !c ? cancelled : this.send([{ ...c, ...(reason.trim() ? { reason: reason.trim() } : {}) }]);
      }
      case 'sameAs': {
        const type = args.current && 'type' in args.current ? args.current.type : 'place';
        const entity = await this.pickEntity(type, 'Khabar: another spelling of…');
        return entity && c ? this.send([{ ...c, change: { op: 'sameAs', entity } }]) : cancelled;
      }
      case 'coordinates':
        return args.entity ? this.addPlace(args.entity) : cancelled;
      default:
        return { applied: false, message: 'Nothing to ask.' };
    }
  }

  /** Asks for optional coordinates and adds the place to the workspace knowledge base. */
  private async addPlace(entity: AddKnowledgeParams): Promise<CurationOutcome> {
    const answer = await this.prompts.inputBox({
      title: `Khabar: add ${entity.text} as a place`, prompt: 'Latitude, longitude (optional, e.g. 34.52, 69.18); leave empty for none',
      validateInput: (v) => (!v.trim() || parseLatLon(v) ? undefined : 'Latitude, longitude: two numbers, e.g. 34.52, 69.18'),
    });
    if (answer === undefined) return { applied: false, cancelled: true };
    const latLon = parseLatLon(answer);
    const params: AddKnowledgeParams = { ...entity, ...(latLon ? { coordinates: [latLon[1], latLon[0]] as [number, number] } : {}) };
    return this.written(() => this.client.sendRequest(AddKnowledgeRequest.type, params));
  }

  /** An entity of a type, picked from the knowledge base. */
  private async pickEntity(type: 'place' | 'person' | 'organization', title: string): Promise<string | undefined> {
    const entities = await this.client.sendRequest(KnowledgeEntitiesRequest.type, { type });
    const picked = await this.prompts.quickPick(entities.map((e) => ({ label: e.name, description: e.id, detail: e.detail, id: e.id })), { title, matchOnDescription: true, matchOnDetail: true });
    return picked?.id;
  }

  /** Another event of the view, picked. */
  private async pickEvent(except: EventView, title: string): Promise<EventView | undefined> {
    const items = (this.events.model?.events ?? []).filter((e) => e.id !== except.id && e.sources.length).map((event) => ({ label: eventLabel(event), description: eventDescription(event), event }));
    return (await this.prompts.quickPick(items, { title, matchOnDescription: true }))?.event;
  }

  /** The article a node stands for: a report's, or an event's first source. */
  private uriOf(n: EventsNode): string | undefined {
    return n.kind === 'report' ? n.report.uri : n.event.sources[0];
  }

  private document(n: EventsNode, change: CurationChange): Promise<CurationOutcome> {
    const uri = this.uriOf(n);
    return uri ? this.send([{ uri, target: DOCUMENT, change }]) : Promise.resolve({ applied: false, message: 'This event has no source.' });
  }

  async moveReport(n: EventsNode): Promise<CurationOutcome> {
    const to = await this.pickEvent(n.event, 'Khabar: move the report to the event…');
    return to ? this.document(n, { op: 'moveTo', document: to.sources[0] }) : { applied: false, cancelled: true };
  }

  splitReport(n: EventsNode): Promise<CurationOutcome> {
    return this.document(n, { op: 'split' });
  }

  async mergeEvents(n: EventsNode): Promise<CurationOutcome> {
    const other = await this.pickEvent(n.event, 'Khabar: merge the event with…');
    return other ? this.document(n, { op: 'mergeWith', document: other.sources[0] }) : { applied: false, cancelled: true };
  }

  async setPlace(n: EventsNode): Promise<CurationOutcome> {
    const entity = await this.pickEntity('place', 'Khabar: the event took place in…');
    return entity ? this.document(n, { op: 'place', entity }) : { applied: false, cancelled: true };
  }

  async setDate(n: EventsNode): Promise<CurationOutcome> {
    const d = n.event.date;
    const answer = await this.prompts.inputBox({
      title: 'Khabar: the date of the event', prompt: 'A day (2026-12-07), a month (2026-12), a year (2026), or a range (2026-12-06..2026-12-07)',
      value: d ? (d.start === d.end ? d.start : `${d.start}..${d.end}`) : '',
      validateInput: (v) => (parseDate(v) ? undefined : 'yyyy-mm-dd, yyyy-mm, yyyy, or start..end'),
    });
    const date = answer === undefined ? null : parseDate(answer);
    return date ? this.document(n, { op: 'date', ...date }) : { applied: false, cancelled: true };
  }

  async setType(n: EventsNode): Promise<CurationOutcome> {
    const picked = await this.prompts.quickPick(EVENT_TYPES.filter((t) => t.type !== n.event.type), { title: 'Khabar: the type of the event' });
    return picked ? this.document(n, { op: 'type', type: picked.type }) : { applied: false, cancelled: true };
  }

  /** Khabar: List Corrections: a quick pick of the workspace's corrections; the one picked is shown where it applies (a stale one in its file). */
  async listCorrections(): Promise<CorrectionView | undefined> {
    const list = await this.client.sendRequest(CorrectionsRequest.type, {});
    if (!list.length) {
      void vscode.window.showInformationMessage('Khabar: the workspace has no corrections (.khabar/curation.json).');
      return undefined;
    }
    const items = list.map((c) => ({ label: `${c.stale ? '$(warning) ' : ''}${c.change.op}`, description: `${c.document}${c.target.exact ? ` — \u201C${c.target.exact}\u201D` : ''}`, detail: [c.stale ? 'no longer matches' : undefined, c.reason, c.by, c.at].filter(Boolean).join(' · ') || undefined, correction: c }));
    const picked = (await this.prompts.quickPick(items, { title: 'Khabar: corrections of the workspace', matchOnDescription: true, matchOnDetail: true }))?.correction;
    if (picked) await reveal(picked);
    return picked;
  }

  /** Khabar: Clear Stale Corrections. */
  async clearStale(): Promise<KhabarFileEditResult & { removed: number }> {
    const result = await this.written(() => this.client.sendRequest(ClearStaleCorrectionsRequest.type, {}));
    if (result.applied || !result.message) void vscode.window.showInformationMessage(result.removed ? `Khabar cleared ${result.removed} correction${result.removed === 1 ? '' : 's'} that no longer match.` : 'Khabar: every correction still matches.');
    return result;
  }
}

/** Whether a uri is a curation or workspace knowledge file (`.khabar/curation.json`, `knowledge.yaml`…). */
export function isKhabarFile(uri: vscode.Uri): boolean {
  return uri.scheme === 'file' && /\/\.khabar\/(curation|knowledge)\.(json|ya?ml)$/i.test(uri.path);
}

/** Opens a correction's article at its words, or its curation file when it no longer matches. */
async function reveal(c: CorrectionView): Promise<void> {
  if (c.uri && c.range) {
    const selection = new vscode.Range(c.range.start.line, c.range.start.character, c.range.end.line, c.range.end.character);
    await vscode.window.showTextDocument(vscode.Uri.parse(c.uri), { selection, preview: true });
    return;
  }
  if (c.uri && !c.stale) {
    await vscode.window.showTextDocument(vscode.Uri.parse(c.uri), { preview: true });
    return;
  }
  await vscode.window.showTextDocument(vscode.Uri.parse(c.file), { preview: true });
}
